//! The browser UI of the Hanoi ward dashboard: a thin Leptos layer over the
//! pure-Rust domain in `crates/domain` (see ARCHITECTURE.md).

pub mod api;
pub mod app;
pub mod charts;
pub mod components;
pub mod home;
pub mod i18n;
pub mod import;
pub mod panic_notice;
pub mod routes;
pub mod store;

/// Installs the panic notice and mounts the app on `<body>`.
pub fn start() {
    panic_notice::install();
    app::remove_boot_message();
    leptos::mount::mount_to_body(app::App);
}
