//! Texts of the shared components (`src/components/`, `src/charts/`) and of
//! load errors (`src/api.rs`). `{name}` marks a value filled in by
//! `super::fill`.

texts! {
    Components {
        /// Loading and errors.
        loading: "Đang tải {what}…", "Loading {what}…";
        loading_base: "danh sách phường và bản đồ", "the ward list and map";
        loading_indicators: "dữ liệu các chỉ số", "the indicator data";
        loading_chart: "biểu đồ", "the chart";
        /// Above a page drawn before all its datasets came; their titles follow.
        loading_more: "Đang tải thêm {n} chỉ số…", "Still loading {n} indicators…";
        loading_more_one: "Đang tải thêm {n} chỉ số…", "Still loading {n} indicator…";
        technical_detail: "Chi tiết kỹ thuật", "Technical detail";
        retry: "Thử lại", "Try again";
        error_network: "Không kết nối được tới máy chủ dữ liệu. Hãy kiểm tra mạng rồi thử lại.",
            "Could not reach the data server. Check your connection and try again.";
        error_status: "Máy chủ dữ liệu báo lỗi {status}. Dữ liệu chưa tải được.",
            "The data server answered with error {status}. The data could not be loaded.";
        error_invalid: "Tệp dữ liệu tải về bị hỏng hoặc sai định dạng nên không đọc được.",
            "The downloaded data file is damaged or in the wrong format, so it could not be read.";
        error_more_problems: "… và {n} vấn đề khác", "… and {n} more problems";
        error_more_problem: "… và {n} vấn đề khác", "… and {n} more problem";
        error_timed_out: "Máy chủ dữ liệu không trả lời trong {seconds} giây. Mạng có thể đang chậm: hãy thử lại.",
            "The data server did not answer within {seconds} seconds. The network may be slow: try again.";
        error_empty_catalogue: "Danh mục dữ liệu không liệt kê bộ dữ liệu nào, nên chưa có gì để hiển thị.",
            "The data catalogue lists no datasets, so there is nothing to show yet.";
        /// A catalogue entry was dropped (docs/data-format.md §6).
        catalogue_rejected: "Một mục trong danh mục dữ liệu không hợp lệ nên đã bị bỏ qua; các bộ dữ liệu khác vẫn hiển thị.",
            "One entry of the data catalogue is invalid and was left out; the other datasets are shown.";
        catalogue_rejected_many: "{n} mục trong danh mục dữ liệu không hợp lệ nên đã bị bỏ qua; các bộ dữ liệu khác vẫn hiển thị.",
            "{n} entries of the data catalogue are invalid and were left out; the other datasets are shown.";
        /// Warnings about a shown dataset, in its notes.
        info_warnings: "Cảnh báo về dữ liệu ({n})", "Data warnings ({n})";
        chart_load_failed: "Không tải được thư viện biểu đồ.", "Could not load the chart library.";
        chart_draw_failed: "Không vẽ được biểu đồ.", "Could not draw the chart.";
        chart_download: "Tải biểu đồ:", "Download chart:";

        /// Provenance badge: what kind of figures these are.
        /// The Vietnamese badge also says it in English, for an English
        /// reader of a Vietnamese page or embed: a synthetic figure must
        /// never pass for an official one.
        badge_synthetic: "Dữ liệu minh họa · Illustrative data", "Illustrative data";
        badge_synthetic_explained: "Số liệu được tạo ngẫu nhiên để minh họa, không phải số liệu thật của phường nào.",
            "Randomly generated figures for illustration, not real figures of any ward.";
        badge_official: "Số liệu chính thức", "Official figures";
        badge_official_explained: "Do cơ quan nhà nước công bố.", "Published by a government body.";
        badge_reported: "Số liệu do báo chí đưa tin", "Figures reported by the press";
        badge_reported_explained: "Số liệu chính thức theo các bài báo được dẫn nguồn.",
            "Official figures as given in the cited articles.";
        badge_estimated: "Số liệu ước tính", "Estimated figures";
        badge_estimated_explained: "Ước tính, không phải số đo trực tiếp.", "Estimates, not direct measurements.";
        /// The first line under a downloaded image's title.
        image_synthetic: "DỮ LIỆU MINH HỌA · ILLUSTRATIVE DATA — không phải số liệu thật",
            "ILLUSTRATIVE DATA — not real figures";

        /// A dataset's definition line.
        info_unit: "Đơn vị: ", "Unit: ";
        info_source: "Nguồn: ", "Source: ";
        info_licence: "Giấy phép: ", "Licence: ";
        info_notes: "Ghi chú về dữ liệu", "Notes on the data";

        /// Pickers.
        picker_indicator: "Chỉ số", "Indicator";
        picker_period: "Kỳ", "Period";
        search_placeholder: "Gõ tên phường, có dấu hoặc không", "Type a ward name, with or without accents";

        /// The ward directory.
        directory_summary: "{total} phường thuộc {units} đơn vị cấp huyện", "{total} wards in {units} district-level units";

        /// Map legends.
        legend_districts: "{n} quận", "{n} districts";
        legend_district: "{n} quận", "{n} district";
        /// Next to a class of the scale that no ward (district) falls in.
        legend_no_wards: "(không có phường)", "(no wards)";
        legend_no_districts: "(không có quận)", "(no districts)";
        /// The distribution strip under a legend (src/components/distribution.rs).
        distribution_title: "Phân bố giá trị", "Distribution of the values";
        /// Its spoken summary when no value stands apart; `{count}` is
        /// "175 phường", `{low}` and `{high}` values as shown.
        distribution_one_run: "Phân bố giá trị của {count}: từ {low} đến {high}.",
            "Distribution of the values of {count}: from {low} to {high}.";
        /// When wide gaps split the values into `{n}` groups, listed in
        /// `{runs}` as "12,5% (1 phường); 90,0% – 100,0% (174 phường)".
        distribution_runs: "Phân bố giá trị của {count}, chia thành {n} nhóm cách xa nhau: {runs}.",
            "Distribution of the values of {count}, in {n} groups far apart: {runs}.";
        no_data: "không có dữ liệu", "no data";

        /// Next to download buttons in a sandboxed frame (src/components/sandbox_note.rs).
        sandbox_downloads: "Trang đang nhúng khung này có thể chặn việc tải tệp về.",
            "The page this is embedded in may block downloads.";
        sandbox_full_view: "Mở bản đầy đủ để tải", "Open the full view to download";

        /// A publisher's ward boundaries drawn instead of the tiles (src/components/boundaries.rs).
        boundaries_file: "Ranh giới phường (GeoJSON)", "Ward boundaries (GeoJSON)";
        boundaries_loading: "Đang tải ranh giới phường…", "Loading the ward boundaries…";
        boundaries_failed: "Không dùng được ranh giới phường; bản đồ vẫn dùng ô lục giác.",
            "The ward boundaries could not be used; the map keeps its hexagon tiles.";
        /// `{source}` is the address's host or "tệp của bạn (name)".
        boundaries_credit: "Ranh giới do {source} cung cấp, chưa được kiểm chứng.",
            "Boundaries supplied by {source}, not verified.";
        boundaries_this_site: "trang này", "this site";
        boundaries_your_file: "tệp của bạn ({name})", "your file ({name})";
        boundaries_missing_one: "{n} phường không có ranh giới:", "{n} ward has no boundary:";
        boundaries_missing: "{n} phường không có ranh giới:", "{n} wards have no boundary:";
        boundaries_use_tiles: "Dùng lại ô lục giác", "Back to hexagon tiles";
    }
}
