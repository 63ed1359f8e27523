//! Texts of the pages other than the home view (`src/routes/`): a ward's
//! profile, the comparison, the districts, one district, the composite
//! index, the ward list and "not found". `{name}` marks a value filled in
//! by `super::fill`; a ward or district name is filled in its own
//! `lang="vi"` element by `crate::i18n::with_names`.

texts! {
    Pages {
        /// Used by several pages: table headings, sources, missing figures.
        shared_rank: "Hạng", "Rank";
        shared_ward: "Phường", "Ward";
        shared_value: "Giá trị", "Value";
        shared_indicator: "Chỉ số", "Indicator";
        shared_rank_city: "Hạng toàn thành phố", "City rank";
        shared_rank_district: "Hạng trong quận", "District rank";
        shared_change: "Thay đổi so với kỳ trước", "Change since the previous period";
        shared_no_data: "không có số liệu", "no data";
        shared_source: "Nguồn: {source}", "Source: {source}";
        shared_breadcrumb: "Vị trí", "Breadcrumb";
        shared_map: "Bản đồ", "Map";
        shared_method: "Cách tính", "Method";
        /// A rank after a value, e.g. "91,9% (hạng 3/175)".
        shared_rank_of: "(hạng {rank}/{of})", "(rank {rank}/{of})";

        /// A ward's profile (`/ward/{code}`).
        ward_unknown_title: "Không tìm thấy phường", "Ward not found";
        ward_unknown: "Không có phường nào mang mã “{code}” trong danh sách 175 phường thí điểm.",
            "No ward in the list of 175 pilot wards has the code “{code}”.";
        ward_unknown_link: "Xem danh sách phường", "See the list of wards";
        ward_heading: "Phường {ward}", "{ward} ward";
        ward_lede: "Phường {ward}, {district}.", "{ward} ward, {district}.";
        ward_back_to_map: "Xem phường này trên bản đồ", "See this ward on the map";
        ward_compare: "So sánh với phường khác", "Compare with other wards";
        ward_table_caption: "Các chỉ số của phường, kỳ mới nhất của mỗi chỉ số",
            "The ward's indicators, each at its latest period";
        ward_col_period: "Kỳ", "Period";
        ward_col_percentile: "Bách phân vị", "Percentile";
        /// The change column's label on phones, where cells stack.
        ward_col_change_short: "Thay đổi", "Change";
        ward_col_provenance: "Loại số liệu", "Kind of figures";
        ward_percentile_lowest: "thấp nhất", "lowest";
        ward_percentile_above: "hơn {percent}% số phường", "above {percent}% of wards";
        ward_change_since: "{change} so với {period}", "{change} since {period}";
        ward_provenance_official: "chính thức", "official";
        ward_provenance_reported: "báo chí đưa tin", "press report";
        ward_provenance_estimated: "ước tính", "estimate";
        ward_provenance_synthetic: "minh họa", "illustrative";
        ward_trends: "Diễn biến theo thời gian", "Trends over time";
        ward_trends_note: "Đường đậm: phường; nét đứt: trung vị các phường trong quận; chấm: trung vị 175 phường. Kỳ thiếu số liệu để trống, không tính là 0.",
            "Solid line: the ward; dashed: median of the district's wards; dotted: median of the 175 wards. Periods without data are left blank, not counted as 0.";
        /// Series names in a trend chart.
        ward_trend_district_median: "Trung vị {district}", "{district} median";
        ward_trend_city_median: "Trung vị toàn thành phố", "City median";
        /// What a trend chart shows, for screen readers.
        ward_trend_label: "Diễn biến {indicator} của phường {ward} so với trung vị {district} và toàn thành phố",
            "{indicator} in {ward} ward over time, against the {district} and city medians";
        /// The title above a downloaded trend chart.
        ward_trend_image_title: "{indicator} — Phường {ward}, {district}", "{indicator} — {ward} ward, {district}";
        ward_sources: "Nguồn dữ liệu", "Data sources";
        ward_source_licence: "giấy phép {licence}", "licence {licence}";

        /// The comparison (`/compare`).
        compare_title: "So sánh các phường", "Compare wards";
        compare_lede: "Chọn từ 2 đến 4 phường để so sánh mọi chỉ số và sáu nhóm tiêu chí của Bộ chỉ số 766 cạnh nhau.",
            "Pick 2 to 4 wards to compare every indicator and the six groups of the 766 index side by side.";
        compare_remove: "Bỏ {ward} khỏi so sánh", "Remove {ward} from the comparison";
        compare_dropped: "Đã bỏ qua mã phường không có trong danh sách: {codes}.",
            "Ignored ward codes that are not in the list: {codes}.";
        /// After the first codes of `compare_dropped`'s `{codes}`.
        compare_dropped_more: "và {count} mã khác", "and {count} more";
        compare_add: "Thêm phường", "Add a ward";
        compare_hint: "Hãy chọn ít nhất 2 phường để so sánh (tối đa 4).",
            "Pick at least 2 wards to compare (at most 4).";
        compare_missing_components: "thiếu thành phần", "missing components";
        compare_groups: "Sáu nhóm tiêu chí (Quyết định 766/QĐ-TTg)",
            "The six groups of criteria (Decision 766/QD-TTg)";
        compare_groups_note: "Mỗi nhóm tính theo phần trăm điểm tối đa của nhóm đó, để các nhóm có thang điểm khác nhau so sánh được với nhau.",
            "Each group is shown as a percentage of its own maximum score, so that groups with different scales can be compared.";
        /// What the group chart shows, for screen readers and above a downloaded image.
        compare_groups_label: "Sáu nhóm tiêu chí 766 của {wards}, theo phần trăm điểm tối đa của mỗi nhóm, {period}",
            "The six groups of Decision 766 for {wards}, as a percentage of each group's maximum score, {period}";
        /// Start of a downloaded chart's file name (no spaces or accents).
        compare_file_stem: "so-sanh", "comparison";
        compare_table: "Bảng so sánh", "Comparison table";
        compare_composite: "Điểm tổng hợp (trọng số mặc định 18/20/12/10/18/22)",
            "Composite score (default weights 18/20/12/10/18/22)";

        /// The districts (`/districts`).
        districts_title: "Các quận và thị xã Sơn Tây", "The districts and Son Tay town";
        districts_lede: "12 quận nội thành và thị xã Sơn Tây, xếp hạng theo giá trị tổng hợp từ các phường của mỗi đơn vị.",
            "The 12 urban districts and Son Tay town, ranked by a value aggregated from the wards of each.";
        districts_legend: "Chú giải ({unit}) — màu càng đậm càng tốt", "Legend ({unit}) — the darker, the better";
        districts_aggregation: "Cách tổng hợp", "Aggregation";
        districts_median: "Trung vị các phường", "Median of the wards";
        districts_weighted: "Trung bình theo dân số", "Population-weighted mean";
        districts_map: "Bản đồ các quận", "Map of the districts";
        districts_map_description: "Bản đồ ô lục giác: các phường tô màu theo giá trị tổng hợp của quận chứa phường đó",
            "Hexagon map: each ward coloured by the aggregate value of its district";
        /// After the aggregation method, when some units could not use it.
        districts_fell_back: "Chưa có dân số của mọi phường có số liệu ở {count} đơn vị ({units}), nên các đơn vị này dùng trung vị.",
            "{count} units ({units}) lack the population of some wards with data, so they use the median.";
        districts_fell_back_one: "Chưa có dân số của mọi phường có số liệu ở {count} đơn vị ({units}), nên đơn vị này dùng trung vị.",
            "{count} unit ({units}) lacks the population of some wards with data, so it uses the median.";
        districts_method_median: "trung vị", "median";
        districts_method_weighted: "theo dân số", "population-weighted";
        districts_caption: "Xếp hạng 13 đơn vị", "Ranking of the 13 units";
        districts_col_unit: "Quận / thị xã", "District / town";
        districts_col_coverage: "Phường có số liệu", "Wards with data";

        /// One district (`/district/{code}`).
        district_unknown_title: "Không tìm thấy quận", "District not found";
        district_unknown: "Không có quận hay thị xã nào mang mã “{code}”.",
            "No district or town has the code “{code}”.";
        district_unknown_link: "Xem 13 đơn vị", "See the 13 units";
        district_breadcrumb: "Các quận", "Districts";
        /// A district's heading; a town (thị xã) has its own.
        district_heading: "Quận {district}", "{district} district";
        district_heading_town: "Thị xã {district}", "{district} town";
        district_lede: "{count} phường thí điểm chính quyền đô thị.", "{count} wards piloting urban government.";
        district_legend: "Chú giải ({unit}), lớp màu tính trên cả 175 phường — màu càng đậm càng tốt",
            "Legend ({unit}); colour classes computed over all 175 wards — the darker, the better";
        district_map: "Bản đồ các phường của quận", "Map of the district's wards";
        district_map_description: "Bản đồ ô lục giác: các phường của quận được tô màu theo giá trị, các phường khác mờ đi",
            "Hexagon map: the district's wards coloured by value, the other wards dimmed";
        district_summary: "Trung vị các phường của quận: {median}{rank}. Trung vị 175 phường: {city}.",
            "Median of the district's wards: {median}{rank}. Median of the 175 wards: {city}.";
        district_summary_rank: ", hạng {rank}/{of} trong 13 đơn vị", ", ranked {rank}/{of} among the 13 units";
        district_caption: "Các phường của quận, xếp hạng trong quận", "The district's wards, ranked within the district";

        /// The composite index (`/composite`).
        composite_title: "Chỉ số tổng hợp theo sáu nhóm tiêu chí 766", "Composite index of the six groups of Decision 766";
        composite_lede: "Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) chấm 100 điểm theo sáu nhóm. Thay đổi trọng số để xem thứ hạng các phường thay đổi thế nào.",
            "The index of service to citizens and businesses (Decision 766/QD-TTg) scores 100 points across six groups. Change the weights to see how the ranking of the wards changes.";
        composite_weights_label: "Trọng số các nhóm", "Group weights";
        composite_weights: "Trọng số (mặc định theo điểm tối đa của Quyết định 766)",
            "Weights (by default, the maximum points of Decision 766)";
        composite_reset: "Về trọng số mặc định", "Reset to the default weights";
        composite_invalid: "Cần ít nhất một nhóm có trọng số lớn hơn 0.", "At least one group needs a weight above 0.";
        composite_map: "Bản đồ điểm tổng hợp", "Map of composite scores";
        composite_map_description: "Bản đồ ô lục giác: các phường tô màu theo điểm tổng hợp, màu đậm là điểm cao",
            "Hexagon map: wards coloured by composite score, darker is higher";
        composite_legend: "Chú giải (điểm/100) — màu càng đậm điểm càng cao", "Legend (points/100) — the darker, the higher the score";
        composite_missing: "thiếu: {groups}", "missing: {groups}";
        composite_caption: "Xếp hạng theo điểm tổng hợp (0–100)", "Ranking by composite score (0–100)";
        composite_col_district: "Quận", "District";
        composite_col_score: "Điểm", "Score";

        /// The ward list (`/wards`).
        wards_title: "Danh sách 175 phường thí điểm", "The 175 pilot wards";
        wards_lede: "Các phường của 12 quận và thị xã Sơn Tây thí điểm mô hình chính quyền đô thị từ ngày 1/7/2021, theo mã đơn vị hành chính của Tổng cục Thống kê (năm 2021).",
            "The wards of the 12 urban districts and Son Tay town that have piloted urban government since 1 July 2021, by the administrative unit codes of the General Statistics Office (2021).";
        wards_loading: "danh sách phường", "the ward list";

        /// A page that does not exist.
        not_found_title: "Không tìm thấy trang", "Page not found";
        not_found_text: "Không có trang nào ở địa chỉ này.", "There is no page at this address.";
        not_found_home: "Về trang chính", "Back to the home page";
        /// A known page typed differently (`/Ward/52`), while the app
        /// replaces the address with the page's own, which follows.
        not_found_redirect: "Đang chuyển tới địa chỉ đúng của trang:", "Taking you to the page's address:";
    }
}
