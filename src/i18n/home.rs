//! Texts of `src/home/` and of the pages that show it (`src/routes/home.rs`,
//! `src/routes/embed.rs`). `{name}` marks a value filled in by `super::fill`.
//! Ward and district names never appear here: they come from the registry
//! and are shown in their own `lang="vi"` elements.

texts! {
    Home {
        // ---- src/routes/home.rs -------------------------------------------
        /// The home page's heading.
        page_title: "175 phường thí điểm chính quyền đô thị Hà Nội",
            "Hanoi's 175 urban-government pilot wards";
        /// The lede, before the name of the town of Sơn Tây (shown in its
        /// own `lang="vi"` element).
        lede_before_son_tay: "Từ ngày 1/7/2021, Hà Nội thí điểm mô hình chính quyền đô thị tại 175 phường của 12 quận và thị xã ",
            "Since 1 July 2021, Hanoi has been piloting urban government in 175 wards across 12 districts and the town of ";
        /// The lede, after the name of the town.
        lede_after_son_tay: ". Chọn chỉ số và kỳ để xem từng phường trên bản đồ và bảng xếp hạng.",
            ". Pick an indicator and a period to see every ward on the map and in the ranking.";

        // ---- src/routes/embed.rs ------------------------------------------
        /// `/embed/{kind}` with a kind that does not exist.
        embed_unknown: "Không có khung nhúng này. Các khung nhúng: /embed/map, /embed/table, /embed/chart. ",
            "There is no such embed. The embeds are /embed/map, /embed/table and /embed/chart. ";
        embed_open_site: "Mở Phường Hà Nội", "Open Hanoi wards";

        // ---- src/home/mod.rs ----------------------------------------------
        /// What is loading, in "Loading {what}…".
        loading_indicator: "dữ liệu chỉ số", "indicator data";
        map_panel_label: "Bản đồ các phường", "Map of the wards";
        table_panel_label: "Bảng xếp hạng các phường", "Ranking of the wards";
        /// Before the source's name (a link) in an embed.
        source_label: "Nguồn: ", "Source: ";
        /// An embed's link to the same view on the site.
        embed_full_view: "Xem đầy đủ trên Phường Hà Nội ↗", "See the full view on Hanoi wards ↗";

        // ---- src/home/controls.rs -----------------------------------------
        control_indicator: "Chỉ số", "Indicator";
        control_period: "Kỳ", "Period";
        control_classing: "Chia nhóm màu", "Colour classes";
        /// Indicator groups of Decision 766 (with their maximum points).
        group_transparency: "Công khai, minh bạch (18 điểm)", "Transparency (18 points)";
        group_timeliness: "Tiến độ giải quyết (20 điểm)", "Timeliness of processing (20 points)";
        group_online_services: "Dịch vụ công trực tuyến (12 điểm)", "Online public services (12 points)";
        group_online_payment: "Thanh toán trực tuyến (10 điểm)", "Online payment (10 points)";
        group_satisfaction: "Mức độ hài lòng (18 điểm)", "Satisfaction (18 points)";
        group_digitisation: "Số hóa hồ sơ (22 điểm)", "Digitised records (22 points)";
        group_other: "Chỉ tiêu khác", "Other indicators";
        /// Classification methods of the map's colours.
        method_quantile: "Phân vị (nhóm đều nhau)", "Quantiles (equal-sized groups)";
        method_equal_interval: "Khoảng đều", "Equal intervals";
        method_natural_breaks: "Ngắt tự nhiên (Jenks)", "Natural breaks (Jenks)";

        // ---- src/home/legend.rs -------------------------------------------
        legend_higher_is_better: "Chú giải ({unit}) — màu càng đậm càng tốt (giá trị cao hơn là tốt hơn)",
            "Legend ({unit}) — the darker, the better (higher values are better)";
        legend_lower_is_better: "Chú giải ({unit}) — màu càng đậm càng tốt (giá trị thấp hơn là tốt hơn)",
            "Legend ({unit}) — the darker, the better (lower values are better)";
        /// The change map's caption; `{better}` is `legend_rise` or `legend_fall`.
        legend_change: "Thay đổi so với {base} ({unit}) — màu cam là cải thiện ({better}), màu tím là kém đi",
            "Change since {base} ({unit}) — orange is an improvement ({better}), purple is a decline";
        legend_rise: "tăng", "a rise";
        legend_fall: "giảm", "a fall";
        /// A missing value (legend, table cell).
        no_data: "không có dữ liệu", "no data";
        /// A number of wards (Vietnamese has no plural).

        // ---- src/home/tile_map.rs -----------------------------------------
        map_label: "Bản đồ ô lục giác: mỗi ô là một phường, xếp gần đúng vị trí thật; viền đậm là ranh giới quận",
            "Hexagon map: each tile is one ward, placed close to its real position; thick lines are district boundaries";
        /// Why a value is missing; `{why}` is one of the `missing_*` below.
        missing: "Không có dữ liệu: {why}", "No data: {why}";
        missing_not_applicable: "không áp dụng", "not applicable";
        missing_suppressed: "không công bố vì mẫu quá nhỏ", "not published because the sample is too small";
        missing_not_collected: "chưa thu thập", "not collected";
        missing_not_reported: "chưa báo cáo", "not reported";
        /// After a tile's value in its spoken label.
        tile_rank: ", hạng {rank}", ", rank {rank}";
        tooltip_rank: "Hạng {rank}", "Rank {rank}";
        tooltip_change: "So với {period}: {change}", "Compared with {period}: {change}";

        // ---- src/home/ranking_table.rs ------------------------------------
        column_rank: "Hạng", "Rank";
        column_ward: "Phường", "Ward";
        column_district: "Quận/thị xã", "District/town";
        column_value: "Giá trị", "Value";
        column_value_unit: "Giá trị ({unit})", "Value ({unit})";
        column_change_title: "Thay đổi so với kỳ trước", "Change since the previous period";
        small_sample: "Mẫu nhỏ: tỷ lệ dựa trên dưới {count} hồ sơ, dễ biến động",
            "Small sample: a rate based on fewer than {count} applications, so it swings easily";
        provisional: "Số liệu tạm tính", "Provisional figure";
        search_label: "Tìm phường", "Find a ward";
        /// The English example is written without diacritics: a ward's name
        /// cannot be marked as Vietnamese inside an attribute.
        search_placeholder: "Ví dụ: Hàng Bồ, hoặc gõ không dấu: hang bo",
            "For example: hang bo (diacritics are optional)";
        district_filter_label: "Quận", "District";
        district_filter_all: "Tất cả 13 quận, thị xã", "All 12 districts and 1 town";

        // ---- src/home/ranking_chart.rs ------------------------------------
        view_switch_label: "Xem xếp hạng dạng", "Show the ranking as";
        view_table: "Bảng", "Table";
        view_chart: "Biểu đồ", "Chart";
        chart_label: "Biểu đồ thanh xếp hạng các phường theo {indicator}; số liệu như trong bảng",
            "Bar chart ranking the wards by {indicator}; the same figures as the table";
        chart_label_empty: "Biểu đồ thanh xếp hạng các phường", "Bar chart ranking the wards";
        chart_no_data: "Chưa có số liệu để vẽ biểu đồ.", "No figures to chart yet.";

        // ---- src/home/timeline.rs -----------------------------------------
        timeline_label: "Thời gian", "Time";
        play: "▶ Chạy theo thời gian", "▶ Play over time";
        pause: "⏸ Dừng", "⏸ Pause";
        slider_label: "Kỳ số liệu", "Data period";
        map_mode_label: "Bản đồ thể hiện", "Map shows";
        map_mode_values: "Giá trị trong kỳ", "Values in the period";
        map_mode_change: "Thay đổi so với kỳ gốc", "Change since a base period";
        base_period_label: "Kỳ gốc", "Base period";

        // ---- src/home/url_sync.rs -----------------------------------------
        /// `{list}` is "param=value, …" as the link had them.
        dropped_params: "Liên kết có tham số không dùng được nên đã bỏ qua: {list}.",
            "The link had parameters that could not be used, so they were ignored: {list}.";
        dropped_hide: "Ẩn", "Hide";
        /// After the first parameters listed in `dropped_params`' `{list}`.
        dropped_more: "và {count} tham số khác", "and {count} more";

        // ---- src/home/share.rs --------------------------------------------
        share_label: "Chia sẻ khung nhìn này", "Share this view";
        copy_link: "Chép liên kết", "Copy link";
        web_share: "Chia sẻ…", "Share…";
        open_embed: "Nhúng vào bài viết", "Embed in an article";
        link_copied: "Đã chép liên kết tới đúng khung nhìn này.", "Copied a link to this exact view.";
        link_not_copied: "Trình duyệt không cho chép tự động: hãy chép địa chỉ trên thanh địa chỉ.",
            "The browser does not allow copying automatically: copy the address from the address bar.";
        embed_builder_label: "Tạo mã nhúng", "Create embed code";
        embed_builder_heading: "Nhúng khung nhìn này vào bài viết", "Embed this view in an article";
        embed_builder_note: "Khung nhúng luôn hiện nhãn nguồn dữ liệu (và nhãn “Dữ liệu minh họa” nếu số liệu là minh họa) cùng liên kết về trang đầy đủ.",
            "An embed always shows the data source label (and the “Illustrative data” label if the figures are illustrative) and a link back to the full page.";
        embed_kind_label: "Hiển thị", "Show";
        embed_kind_map: "Bản đồ", "Map";
        embed_kind_table: "Bảng xếp hạng", "Ranking table";
        embed_kind_chart: "Biểu đồ xếp hạng", "Ranking chart";
        embed_title_label: "Tiêu đề khung (cho trình đọc màn hình)", "Frame title (for screen readers)";
        /// The iframe's title until the reader writes one.
        embed_default_title: "Hiệu quả các phường Hà Nội", "How Hanoi's wards perform";
        embed_height_label: "Chiều cao (px)", "Height (px)";
        embed_snippet_label: "Mã nhúng", "Embed code";
        copy_snippet: "Chép mã nhúng", "Copy embed code";
        close: "Đóng", "Close";
        snippet_copied: "Đã chép mã nhúng.", "Copied the embed code.";
        snippet_not_copied: "Hãy chọn và chép mã trong ô trên.", "Select and copy the code in the box above.";
        preview: "Xem trước:", "Preview:";

        // ---- src/home/downloads.rs ----------------------------------------
        downloads_label: "Tải về", "Downloads";
        downloads_lead: "Tải về:", "Download:";
        download_csv: "Bảng (CSV)", "Table (CSV)";
        download_json: "Bảng (JSON)", "Table (JSON)";
        download_svg: "Bản đồ (SVG)", "Map (SVG)";
        download_png: "Bản đồ (PNG)", "Map (PNG)";
        download_failed: "Trình duyệt không tạo được tệp tải về.", "The browser could not create the file to download.";
        /// The source line drawn into a downloaded image.
        image_source: "Nguồn: {source}", "Source: {source}";
    }
}
