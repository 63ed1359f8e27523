//! "Your data": importing a file, a paste or a published URL (issue 12).

/// The page's side of the import worker (crates/import-worker).
pub mod worker_client;

/// The "Your data" panel (src/import/panel.rs) and its parts.
pub mod mapping_form;
pub mod match_report;
pub mod panel;
pub mod saved;
