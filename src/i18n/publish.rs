//! Texts of the "Publish your data" page (`/publish`), the in-app version of
//! `docs/publish.md`. The code samples (a CSV, commands, the CORS header)
//! are the same in both languages and live in `src/routes/publish.rs`.

texts! {
    Publish {
        title: "Đưa số liệu của bạn lên bản đồ", "Publish your data";
        lede: "Bạn có số liệu của các phường trong một bảng tính? Mở nó ngay trong trang này, kiểm tra từng dòng, rồi đăng ở một địa chỉ web để ai cũng xem được bản đồ, bảng xếp hạng và khung nhúng của dữ liệu ấy.",
            "Have ward figures in a spreadsheet? Open it right here, check every row, then publish it at a web address so that anyone can see its map, ranking and embeds.";
        simplest_title: "1. Tệp đơn giản nhất", "1. The simplest file that works";
        simplest_body: "Một dòng tiêu đề và một dòng cho mỗi phường. Mã phường (mã GSO 5 chữ số) là cách chắc chắn nhất; tên phường cũng được, kèm cột quận khi có phường trùng tên (Quang Trung, Minh Khai).",
            "One header row and one row per ward. The ward's GSO code (5 digits) is the surest key; names work too, with a district column where wards share a name.";
        simplest_reads: "Đọc được UTF-8 (có hoặc không có BOM), UTF-16 (“Unicode text” của Excel), Windows-1258, chữ TCVN3 và VNI (có thông báo); dấu phân cách phẩy, chấm phẩy hoặc tab; dấu thập phân phẩy hoặc chấm, có thể kèm “%”; tệp XLSX (ô phần trăm đọc như hiển thị). Mã mất số 0 ở đầu (“52”) được khôi phục; cột STT không bị coi là mã. Nhiều kỳ: thêm cột kỳ (2024-Q3, Quý 3/2024, 2024) hoặc mỗi kỳ một cột.",
            "It reads UTF-8 (with or without BOM), UTF-16 (Excel's “Unicode text”), Windows-1258, and TCVN3 or VNI text (with a notice); comma, semicolon or tab delimiters; decimal comma or dot, with or without “%”; XLSX files (percent cells read as shown). Codes that lost their leading zeros (“52”) are restored; a row-number column is never taken for codes. Several periods: add a period column (2024-Q3, Q3 2024, 2024) or one column per period.";
        check_title: "2. Kiểm tra trước khi đăng", "2. Check it before publishing";
        check_body: "Mở “Dữ liệu của bạn” trên bản đồ, chọn tệp hoặc dán bảng. Bảng đối chiếu liệt kê từng dòng: khớp theo mã hay theo tên, trùng tên (bạn chọn phường), không khớp (kèm ba tên gần nhất), trùng lặp, ngoài 175 phường thí điểm. Dữ liệu từ tệp hoặc dán chỉ ở trong trình duyệt của bạn; đường dẫn chỉ mang được dữ liệu khi dữ liệu đã được đăng ở một địa chỉ web.",
            "Open “Your data” on the map and pick the file or paste the table. The match report lists every row: matched by code or by name, ambiguous (you pick the ward), unmatched (with the three nearest names), duplicate, outside the 175 pilot wards. Data from a file or a paste stays in your browser; a link can carry it only once it is published at a web address.";
        check_cli: "Trên dòng lệnh, cùng cách đọc và đối chiếu (mã thoát 0: hiển thị được; 1: không; 2: sai cách dùng):",
            "On the command line, the same reading and matching (exit status 0: it can be shown; 1: it cannot; 2: usage error):";
        json_title: "3. Định dạng JSON", "3. The JSON format";
        json_body: "Sau khi đối chiếu, nút “Tải JSON” cho tệp theo định dạng của trang, với tiêu đề, đơn vị và chiều (cao hơn hay thấp hơn là tốt hơn) bạn đã nhập. Đó là tệp nên đăng. Định dạng được mô tả trong docs/data-format.md.",
            "Once matched, “Download JSON” gives the file in the dashboard's format, with the title, unit and direction (higher or lower is better) you entered. That is the file to publish. The format is described in docs/data-format.md.";
        host_title: "4. Đăng ở một địa chỉ web", "4. Publish it at a web address";
        host_body: "Đặt tệp (JSON hoặc CSV) ở một địa chỉ https. Nếu trang web đó khác trang này, máy chủ phải gửi tiêu đề CORS:",
            "Put the file (JSON or CSV) at an https address. If that site is not this one, the host must send the CORS header:";
        host_servers: "nginx, Apache và GitHub Pages (đã gửi sẵn):", "nginx, Apache, and GitHub Pages (sends it already):";
        host_open: "Rồi mở đường dẫn dưới đây; thanh địa chỉ khi đó chia sẻ đúng khung nhìn ấy của dữ liệu ấy. Nhiều tệp: một danh mục với catalogue=…; ranh giới phường của bạn (GeoJSON): boundaries=….",
            "Then open the address below; the address bar then shares exactly that view of that data. Several files: a catalogue with catalogue=…; your own ward boundaries (GeoJSON): boundaries=….";
        host_label: "Mọi số liệu đưa vào như vậy được ghi “Dữ liệu do người dùng cung cấp — chưa được kiểm chứng”, kèm tên máy chủ, trên mọi khung nhìn, ảnh và khung nhúng; không bao giờ được ghi là số liệu chính thức.",
            "All data brought in this way is labelled “User-supplied, not verified”, with the host's name, on every view, image and embed; it is never labelled official.";
        embed_title: "5. Nhúng vào bài viết", "5. Embed it in an article";
        embed_body: "Khung nhúng nhận cùng tham số data=…; nút “Chia sẻ” trên bản đồ cho sẵn đoạn mã iframe.",
            "Embeds take the same data=… parameter; the map's “Share” button gives the iframe snippet.";
        docs_link: "Tài liệu đầy đủ (tiếng Anh): định dạng dữ liệu", "Full documentation: the data format";
    }
}
