//! Self-tests of the harness, against the fake bundle of [`super::fixture`]:
//! they pass without the real app.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::browser::group_alive;
use super::{fixture, Browser, Fault, StaticServer, TempDir, WAIT, WARDS_JSON};

struct Reply {
    status: u16,
    content_type: String,
    cache_control: String,
    body: String,
}

/// A raw GET, so that paths reach the server exactly as written.
fn get(server: &StaticServer, target: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port())).expect("connect");
    stream.set_read_timeout(Some(WAIT)).expect("timeout");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a whole response");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status code");
    let header = |name: &str| {
        head.lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(key, _)| key.trim().eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim().to_owned())
            .unwrap_or_default()
    };
    Reply {
        status,
        content_type: header("Content-Type"),
        cache_control: header("Cache-Control"),
        body: body.to_owned(),
    }
}

fn fake_server() -> (StaticServer, TempDir) {
    let dir = TempDir::new("fake-dist");
    fixture::write_fake_dist(dir.path());
    (StaticServer::start(dir.path()), dir)
}

#[test]
fn server_mime_types_and_spa_fallback() {
    let (server, _dir) = fake_server();
    let index = get(&server, "/");
    assert_eq!(index.status, 200);
    assert_eq!(index.content_type, "text/html; charset=utf-8");
    assert_eq!(index.cache_control, "no-store");
    assert!(index.body.contains(r#"<html lang="vi">"#));

    for (path, mime) in [
        ("/index.html", "text/html; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/data/wards.json", "application/json"),
        ("/app_bg.wasm", "application/wasm"),
        ("/icon.svg", "image/svg+xml"),
        ("/logo.png", "image/png"),
        ("/data/wards.json?v=2", "application/json"),
    ] {
        let reply = get(&server, path);
        assert_eq!(
            (reply.status, reply.content_type.as_str()),
            (200, mime),
            "{path}"
        );
    }

    // Client-side routes get the page; missing files do not.
    for route in ["/ward/00001", "/districts", "/ward/00001?indicator=x"] {
        let reply = get(&server, route);
        assert_eq!(reply.status, 200, "{route}");
        assert_eq!(reply.body, index.body, "{route}");
    }
    assert_eq!(get(&server, "/missing.js").status, 404);
    assert_eq!(get(&server, "/data/missing.json").status, 404);
}

#[test]
fn server_refuses_path_traversal() {
    // Serve <tmp>/dist, with a file next to it, just outside.
    let outer = TempDir::new("traversal");
    let dist = outer.path().join("dist");
    fixture::write_fake_dist(&dist);
    std::fs::write(outer.path().join("outside.txt"), "TOP-SECRET-CONTENT").unwrap();
    let server = StaticServer::start(&dist);
    let name = "outside.txt";
    for target in [
        format!("/../{name}"),
        format!("/data/../../{name}"),
        format!("/%2e%2e/{name}"),
        format!("/data/..%2f..%2f{name}"),
        format!("/..%5c{name}"),
        "/../../../../etc/passwd".to_owned(),
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_owned(),
    ] {
        let reply = get(&server, &target);
        assert!(
            reply.status == 400 || reply.status == 403,
            "{target} answered {}",
            reply.status
        );
        assert!(!reply.body.contains("TOP-SECRET") && !reply.body.contains("root:"));
    }
    assert_eq!(get(&server, "/data/../index.html").status, 403);
    // Nor does a symlink lead outside.
    std::os::unix::fs::symlink(outer.path().join("outside.txt"), dist.join("link.txt")).unwrap();
    let reply = get(&server, "/link.txt");
    assert_eq!(reply.status, 403);
    assert!(!reply.body.contains("TOP-SECRET"));
}

#[test]
fn server_faults_and_request_counts() {
    let (server, _dir) = fake_server();
    assert_eq!(server.requests(WARDS_JSON), 0);

    server.set_fault(WARDS_JSON, Fault::Status(500));
    let reply = get(&server, WARDS_JSON);
    assert_eq!(reply.status, 500);
    assert_eq!(reply.cache_control, "no-store");
    // The fault is per path: the rest is served normally.
    assert_eq!(get(&server, "/app.js").status, 200);

    server.set_fault(WARDS_JSON, Fault::Body("{\"wards\": [".into()));
    let reply = get(&server, "/data/wards.json?cache=bust");
    assert_eq!((reply.status, reply.body.as_str()), (200, "{\"wards\": ["));
    assert_eq!(reply.content_type, "application/json");

    server.set_fault(WARDS_JSON, Fault::Delay(Duration::from_millis(200)));
    let reply = get(&server, WARDS_JSON);
    assert_eq!(reply.status, 200);
    let data: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(data["wards"].as_array().unwrap().len(), 175);

    server.clear_fault(WARDS_JSON);
    let reply = get(&server, WARDS_JSON);
    assert_eq!(reply.status, 200);
    assert!(reply.body.starts_with('{') && reply.body.len() > 1000);

    assert_eq!(server.requests(WARDS_JSON), 4, "{:?}", server.request_log());
    assert_eq!(server.requests("/app.js"), 1);
    assert_eq!(server.requests("/never-asked.js"), 0);
    server.reset_counts();
    assert_eq!(server.requests(WARDS_JSON), 0);
}

/// The browser log catches console.error, failed loads, and the fake page
/// renders the contract; the process group is gone after the browser is.
#[test]
fn browser_reads_console_errors_and_leaves_no_process() {
    let _serial = super::serial();
    let (server, _dir) = fake_server();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let pgid = runtime.block_on(async {
        let browser = Browser::launch().await;
        let pgid = browser.process_group();
        let chromium = std::process::Command::new("pgrep")
            .args(["-g", &pgid.to_string(), "-c", "chrom"])
            .output()
            .unwrap();
        let running: usize = String::from_utf8_lossy(&chromium.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
        assert!(running >= 2, "chromium is not in chromedriver's group");

        browser.goto(&server.url("/")).await;
        browser.wait_for_count("li[data-ward]", 175, WAIT).await;
        assert_eq!(browser.console_errors().await, Vec::<String>::new());

        browser.goto(&server.url("/?boom")).await;
        browser.wait_for_count("li[data-ward]", 175, WAIT).await;
        let errors = browser
            .wait_until("two console errors", WAIT, async || {
                let errors = browser.console_errors().await;
                (errors.len() >= 2).then_some(errors)
            })
            .await;
        assert!(
            errors.iter().any(|e| e.contains("fake boom")),
            "{errors:#?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("missing-resource.png") && e.contains("404")),
            "{errors:#?}"
        );
        assert!(!errors.iter().any(|e| e.contains("favicon")), "{errors:#?}");

        browser.set_viewport(390, 844).await;
        let size = browser
            .execute("return [innerWidth, innerHeight];", vec![])
            .await;
        assert_eq!(size, serde_json::json!([390, 844]));
        pgid
    });
    assert!(!group_alive(pgid), "processes of group {pgid} survived");

    // A panicking test must not leave a browser behind either.
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(async {
            let browser = Browser::launch().await;
            seen.store(browser.process_group(), std::sync::atomic::Ordering::SeqCst);
            browser.goto(&server.url("/")).await;
            panic!("deliberate failure inside a test");
        })
    }));
    assert!(outcome.is_err());
    let pgid = seen.load(std::sync::atomic::Ordering::SeqCst);
    assert!(pgid != 0);
    assert!(
        !group_alive(pgid),
        "processes of group {pgid} survived a panic"
    );
}
