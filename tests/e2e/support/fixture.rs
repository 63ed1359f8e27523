//! A hand-written stand-in for the real bundle, used by the harness
//! self-tests and, with `E2E_FAKE_DIST=1`, by the page tests themselves.
//!
//! Its `index.html` fetches `data/wards.json` and renders the page's DOM
//! contract with plain JavaScript. The ward list is SYNTHETIC: the 13
//! districts, their ward counts and a few real names are right (Ba Đình and
//! Hoàn Kiếm are complete, with their GSO codes), the other names and codes
//! are placeholders. Never use it as data.

use std::fs;
use std::path::Path;

use serde_json::{json, Value};

/// (GSO code, full name, number of pilot wards).
pub const DISTRICTS: [(&str, &str, usize); 13] = [
    ("001", "Quận Ba Đình", 14),
    ("002", "Quận Hoàn Kiếm", 18),
    ("003", "Quận Tây Hồ", 8),
    ("004", "Quận Long Biên", 14),
    ("005", "Quận Cầu Giấy", 8),
    ("006", "Quận Đống Đa", 21),
    ("007", "Quận Hai Bà Trưng", 18),
    ("008", "Quận Hoàng Mai", 14),
    ("009", "Quận Thanh Xuân", 11),
    ("019", "Quận Nam Từ Liêm", 10),
    ("021", "Quận Bắc Từ Liêm", 13),
    ("268", "Quận Hà Đông", 17),
    ("269", "Thị xã Sơn Tây", 9),
];

const BA_DINH: [(&str, &str); 14] = [
    ("00001", "Phúc Xá"),
    ("00004", "Trúc Bạch"),
    ("00006", "Vĩnh Phúc"),
    ("00007", "Cống Vị"),
    ("00008", "Liễu Giai"),
    ("00010", "Nguyễn Trung Trực"),
    ("00013", "Quán Thánh"),
    ("00016", "Ngọc Hà"),
    ("00019", "Điện Biên"),
    ("00022", "Đội Cấn"),
    ("00025", "Ngọc Khánh"),
    ("00028", "Kim Mã"),
    ("00031", "Giảng Võ"),
    ("00034", "Thành Công"),
];

const HOAN_KIEM: [(&str, &str); 18] = [
    ("00037", "Phúc Tân"),
    ("00040", "Đồng Xuân"),
    ("00043", "Hàng Mã"),
    ("00046", "Hàng Buồm"),
    ("00049", "Hàng Đào"),
    ("00052", "Hàng Bồ"),
    ("00055", "Cửa Đông"),
    ("00058", "Lý Thái Tổ"),
    ("00061", "Hàng Bạc"),
    ("00064", "Hàng Gai"),
    ("00067", "Chương Dương"),
    ("00070", "Hàng Trống"),
    ("00073", "Cửa Nam"),
    ("00076", "Hàng Bông"),
    ("00079", "Tràng Tiền"),
    ("00082", "Trần Hưng Đạo"),
    ("00085", "Phan Chu Trinh"),
    ("00088", "Hàng Bài"),
];

/// The synthetic `data/wards.json` (175 wards).
pub fn wards_json() -> Value {
    let mut wards = Vec::new();
    for (d_index, (district, district_name, count)) in DISTRICTS.iter().enumerate() {
        for i in 0..*count {
            let (code, name) = match *district {
                "001" => (BA_DINH[i].0.to_owned(), BA_DINH[i].1.to_owned()),
                "002" => (HOAN_KIEM[i].0.to_owned(), HOAN_KIEM[i].1.to_owned()),
                _ => {
                    let code = format!("{:05}", 1000 * (d_index + 1) + 3 * i);
                    let name = match (*district, i) {
                        ("006" | "268" | "269", 0) => "Quang Trung".to_owned(),
                        ("007" | "021", 1) => "Minh Khai".to_owned(),
                        ("009", 2) => "Kim Giang".to_owned(),
                        _ => format!("Phường thử {district}-{}", i + 1),
                    };
                    (code, name)
                }
            };
            wards.push(json!({
                "code": code,
                "name": name,
                "district_code": district,
                "district_name": district_name,
            }));
        }
    }
    json!({ "synthetic": true, "wards": wards })
}

const INDEX_HTML: &str = r#"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Fake dashboard (test fixture)</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<main id="app"></main>
<script src="/app.js"></script>
</body>
</html>
"#;

const APP_JS: &str = r#"(function () {
  var root = document.getElementById('app');
  if (location.search.indexOf('boom') >= 0) {
    console.error('fake boom');
    fetch('/missing-resource.png');
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fail(message) {
    root.textContent = '';
    var box = el('div', { 'data-testid': 'load-error', role: 'alert' });
    box.appendChild(el('p', {}, message));
    var retry = el('button', { 'data-testid': 'retry', type: 'button' }, 'Thử lại');
    retry.addEventListener('click', load);
    box.appendChild(retry);
    root.appendChild(box);
  }
  function render(data) {
    root.textContent = '';
    var sections = {};
    data.wards.forEach(function (w) {
      var s = sections[w.district_code];
      if (!s) {
        s = el('section', { 'data-district': w.district_code });
        s.appendChild(el('h2', {}, w.district_name));
        s.appendChild(el('ul'));
        sections[w.district_code] = s;
        root.appendChild(s);
      }
      s.querySelector('ul').appendChild(el('li', { 'data-ward': w.code }, w.name + ' (' + w.code + ')'));
    });
  }
  function load() {
    root.textContent = '';
    root.appendChild(el('p', { 'data-testid': 'loading' }, 'Đang tải dữ liệu…'));
    fetch('/data/wards.json')
      .then(function (r) {
        if (!r.ok) throw new Error('Không tải được dữ liệu (HTTP ' + r.status + ')');
        return r.text();
      })
      .then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) { throw new Error('Không đọc được dữ liệu phường'); }
        render(data);
      })
      .catch(function (e) { fail(e.message); });
  }
  load();
})();
"#;

/// Writes the fake bundle into `dir`.
pub fn write_fake_dist(dir: &Path) {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create fixture directory");
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    };
    write("index.html", INDEX_HTML.as_bytes());
    write("app.js", APP_JS.as_bytes());
    write("style.css", b"body { font-family: sans-serif; }\n");
    write(
        "data/wards.json",
        serde_json::to_string_pretty(&wards_json())
            .expect("serialise")
            .as_bytes(),
    );
    // The smallest valid module: magic number and version.
    write("app_bg.wasm", b"\0asm\x01\0\0\0");
    write(
        "icon.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>"#,
    );
    write("logo.png", b"\x89PNG\r\n\x1a\n");
}
