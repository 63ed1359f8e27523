//! Texts about data a reader brings (`?data=`, `?catalogue=`,
//! `?boundaries=`, a file, a paste): its provenance label and why a
//! published file could not be read, with what the publisher can do about
//! it. `{name}` marks a value filled in by `super::fill`.

texts! {
    UserData {
        /// The provenance badge of user-supplied figures, then who supplied them.
        badge_user: "Dữ liệu do người dùng cung cấp — chưa được kiểm chứng",
            "User-supplied, not verified";
        badge_user_explained: "Trang này chỉ hiển thị số liệu, không kiểm chứng chúng. Nguồn: {source}.",
            "This page shows the figures without checking them. Source: {source}.";
        /// The source of figures from a file or a paste (never sent anywhere),
        /// when no dataset names its own (`ward_domain::export::supplier`).
        your_file: "tệp của bạn", "your file";
        /// One word or two, for a table cell of the ward profile.
        short_user: "người dùng cung cấp", "user-supplied";
        /// The first line under a downloaded image's title.
        image_user: "DỮ LIỆU DO NGƯỜI DÙNG CUNG CẤP — chưa được kiểm chứng · nguồn: {source}",
            "USER-SUPPLIED DATA — not verified · source: {source}";

        /// While a `?data=` or `?catalogue=` file loads.
        loading_user: "dữ liệu từ {host}", "the data from {host}";
        /// A `?data=` / `?catalogue=` / `?boundaries=` file that could not be used; the reason follows.
        failed_data: "Không mở được dữ liệu ở {url}.", "Could not open the data at {url}.";
        failed_catalogue: "Không mở được danh mục dữ liệu ở {url}.", "Could not open the data catalogue at {url}.";
        failed_boundaries: "Không mở được ranh giới phường ở {url}.", "Could not open the ward boundaries at {url}.";
        /// The reasons, each with what the publisher can do.
        why_cors: "Máy chủ {host} không cho trang khác đọc tệp này (CORS). Cách sửa: máy chủ phải gửi kèm tiêu đề `Access-Control-Allow-Origin: *` với tệp.",
            "The server {host} does not let other sites read this file (CORS). To fix it, the host must send `Access-Control-Allow-Origin: *` with the file.";
        why_status: "Máy chủ {host} trả lời HTTP {status}. Cách sửa: kiểm tra địa chỉ tệp; tệp phải được công bố công khai ở đúng địa chỉ này.",
            "The server {host} answered HTTP {status}. To fix it, check the address: the file must be published openly at exactly this address.";
        why_timeout: "Máy chủ {host} không gửi xong tệp trong {seconds} giây. Cách sửa: thử lại; nếu tệp lớn, hãy chia nhỏ hoặc nén khi gửi (gzip).",
            "The server {host} did not send the whole file within {seconds} seconds. To fix it, try again; a large file should be split or served compressed (gzip).";
        why_network: "Không kết nối được tới máy chủ {host}. Cách sửa: kiểm tra mạng và địa chỉ tệp.",
            "Could not reach the server {host}. To fix it, check the network and the address.";
        why_invalid: "Tệp không phải là một bộ dữ liệu đọc được. Các vấn đề:",
            "The file is not a dataset this page can read. The problems:";
        why_refused: "Địa chỉ này không được dùng: chỉ nhận https://, đường dẫn trên cùng trang (/…), hoặc http://localhost khi thử nghiệm.",
            "This address is not used: only https://, a path on this site (/…), or http://localhost for testing.";
        why_needs_mapping: "Trang chưa tự nhận ra cột nào là phường, cột nào là số liệu. Hãy chọn cột trong mục \"Dữ liệu của bạn\".",
            "The page could not tell which columns hold the wards and the values. Choose them under \"Your data\".";
        /// The retry of a failed user file.
        retry: "Thử lại", "Try again";
    }
}
