//! Texts of the "Your data" panel (`src/import/`): the three ways in, the
//! column mapping, the match report and the datasets kept in this browser.
//! `{name}` marks a value filled in by `super::fill`. Notices about the
//! reading come from the pipeline in both languages (`ImportNotice`).

texts! {
    Import {
        /// The disclosure button that opens the panel.
        toggle: "Dữ liệu của bạn", "Your data";
        heading: "Đưa dữ liệu của bạn lên bản đồ", "Put your data on the map";
        intro: "Số liệu của bạn cho 175 phường, từ một đường dẫn, một tệp hoặc một bảng dán vào, được hiển thị trên bản đồ, bảng xếp hạng và các trang khác.",
            "Your figures for the 175 wards, from a link, a file or a pasted table, shown on the map, in the ranking and on the other pages.";
        privacy: "Dữ liệu từ tệp hoặc bảng dán chỉ ở trong trình duyệt này, không được gửi đi đâu. Một đường dẫn chỉ mang được dữ liệu khi dữ liệu đã được công bố tại một địa chỉ URL.",
            "Data from a file or a paste stays in this browser and is sent nowhere. A link can carry it only once it is published at a URL.";
        publish_link: "Cách công bố dữ liệu của bạn", "How to publish your data";

        /// The three ways in.
        url_label: "Địa chỉ của tệp dữ liệu đã công bố (https://…, JSON hoặc CSV)",
            "Address of a published data file (https://…, JSON or CSV)";
        url_submit: "Mở đường dẫn", "Open the link";
        url_invalid: "Hãy nhập một địa chỉ bắt đầu bằng https:// (hoặc một đường dẫn trên trang này, bắt đầu bằng /).",
            "Enter an address that starts with https:// (or a path on this site, starting with /).";
        file_label: "Chọn tệp (.csv, .tsv, .txt, .xlsx, .json)", "Choose a file (.csv, .tsv, .txt, .xlsx, .json)";
        drop_hint: "…hoặc kéo và thả tệp vào khung này.", "…or drag and drop a file onto this box.";
        paste_label: "Dán các ô đã sao chép từ bảng tính (hàng đầu là tên cột)",
            "Paste cells copied from a spreadsheet (first row: column names)";
        paste_submit: "Đọc bảng đã dán", "Read the pasted table";
        paste_empty: "Chưa có gì để đọc: hãy dán bảng vào ô trên.", "Nothing to read yet: paste a table into the box above.";
        file_failed: "Không mở được tệp này trong trình duyệt.", "This file could not be opened in the browser.";
        reading: "Đang đọc dữ liệu…", "Reading the data…";
        worker_failed: "Không chạy được bộ đọc dữ liệu: {reason}", "The data reader could not run: {reason}";
        /// The `{reason}` of `worker_failed` (src/import/worker_client.rs, WorkerError).
        worker_could_not_start: "không khởi động được (một tệp của ứng dụng bị thiếu, đã thay đổi hoặc bị chặn). Hãy tải lại trang.",
            "it could not be started (a file of the app is missing, has changed or is blocked). Reload the page.";
        worker_crashed: "bộ đọc gặp lỗi và đã dừng (có thể tệp quá lớn so với bộ nhớ của trình duyệt). Hãy thử lại.",
            "it hit an error and stopped (the file may be too large for the browser's memory). Try again.";
        worker_timed_out: "sau {seconds} giây vẫn chưa đọc xong nên đã dừng. Hãy thử lại, hoặc với một tệp nhỏ hơn.",
            "it had not finished after {seconds} seconds and was stopped. Try again, or with a smaller file.";

        /// What was read.
        source_file: "Tệp: ", "File: ";
        source_paste: "Bảng dán", "Pasted table";
        encoding: "Bảng mã: ", "Encoding: ";
        notices_heading: "Ghi chú khi đọc", "Notes on the reading";
        convert_legacy: "Chuyển chữ mã cũ (TCVN3, VNI…) sang Unicode", "Convert legacy text (TCVN3, VNI…) to Unicode";
        converted_legacy: "Đã chuyển chữ mã cũ sang Unicode.", "Legacy text converted to Unicode.";
        undo_convert: "Đọc lại không chuyển", "Read again without converting";
        cannot_show: "Chưa hiển thị được dữ liệu này:", "This data cannot be shown yet:";
        invalid_dataset: "Bộ dữ liệu tạo ra chưa hợp lệ:", "The dataset made from it is not valid:";

        /// The column mapping form.
        sheet_label: "Trang tính", "Sheet";
        mapping_heading: "Cột nào là gì", "Which column is what";
        mapping_hint: "Ứng dụng đã đoán; hãy sửa nếu sai.", "The app has guessed; correct it if it is wrong.";
        role_code: "Mã phường (GSO)", "Ward code (GSO)";
        role_name: "Tên phường", "Ward name";
        role_district: "Quận, thị xã", "District";
        role_value: "Giá trị", "Value";
        role_numerator: "Tử số", "Numerator";
        role_denominator: "Mẫu số", "Denominator";
        role_period: "Kỳ", "Period";
        column_none: "(không dùng)", "(not used)";
        wide_periods: "Mỗi cột một kỳ: ", "One column per period: ";
        meta_heading: "Về số liệu", "About the figures";
        meta_title: "Tiêu đề", "Title";
        meta_unit: "Đơn vị", "Unit";
        meta_direction: "Chiều tốt hơn", "Which way is better";
        direction_higher: "Càng cao càng tốt", "Higher is better";
        direction_lower: "Càng thấp càng tốt", "Lower is better";
        meta_period: "Kỳ của số liệu (khi không có cột kỳ), ví dụ 2024 hoặc 2024-Q3",
            "Period of the figures (when there is no period column), e.g. 2024 or 2024-Q3";

        /// The match report.
        report_heading: "Kết quả ghép với phường", "How the rows were matched to wards";
        status_matched: "Đã khớp", "Matched";
        status_ambiguous: "Chưa rõ phường nào", "Ambiguous";
        status_unmatched: "Không khớp", "Unmatched";
        status_duplicate: "Trùng", "Duplicate";
        status_out_of_scope: "Ngoài 175 phường", "Out of scope";
        rows_total: "{n} dòng dữ liệu", "{n} data rows";
        rows_total_one: "{n} dòng dữ liệu", "{n} data row";
        col_row: "Dòng", "Row";
        col_input: "Đã đọc", "As read";
        col_status: "Kết quả", "Result";
        col_ward: "Phường", "Ward";
        col_detail: "Lý do, lựa chọn", "Reason, choice";
        how_code: "theo mã", "by code";
        how_code_and_name: "theo mã và tên", "by code and name";
        how_exact_name: "theo tên", "by name";
        how_folded_name: "theo tên (bỏ qua dấu, chữ hoa, cách viết)", "by name (ignoring diacritics, case, spelling)";
        how_name_with_district: "theo tên và quận", "by name and district";
        how_fixed: "do bạn chọn", "chosen by you";
        candidates: "Có thể là: ", "Could be: ";
        nearest: "Tên gần nhất: ", "Nearest names: ";
        pick_ward: "Chọn phường cho dòng {row}", "Choose the ward for row {row}";
        pick_placeholder: "— chọn phường —", "— choose a ward —";
        leave_out: "(bỏ dòng này)", "(leave this row out)";

        /// Actions on the result.
        show_on_map: "Hiển thị trên bản đồ", "Show on the map";
        shown: "Đang hiển thị: chọn trong danh sách chỉ số.", "Shown: pick it in the indicator list.";
        download_json: "Tải tệp JSON (sẵn để công bố)", "Download the JSON file (ready to publish)";

        /// Datasets kept in this browser (IndexedDB).
        saved_heading: "Đã lưu trong trình duyệt này", "Saved in this browser";
        saved_hint: "Được giữ đến khi bạn xóa, và mở lại ở lần truy cập sau.",
            "Kept until you remove them, and restored on your next visit.";
        saved_unavailable: "Trình duyệt này không cho lưu dữ liệu (có thể đang ở chế độ riêng tư): dữ liệu chỉ được giữ đến khi bạn đóng trang.",
            "This browser does not let the page keep data (private browsing?): your data is kept only until you close the page.";
        saved_show: "Hiển thị", "Show";
        remove: "Xóa", "Remove";
        remove_label: "Xóa {title}", "Remove {title}";
    }
}
