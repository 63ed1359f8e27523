//! The domain of the Hanoi ward dashboard, in plain Rust.
//!
//! Everything here is testable natively with `cargo test -p ward-domain`:
//! the data model, parsing and validation of the open JSON files, search
//! folding. This crate never depends on `web-sys`, `js-sys` or Leptos; the UI
//! crate at the repository root is a thin layer over it.

pub mod aggregate;
pub mod boundaries;
pub mod boundary_map;
pub mod cache;
pub mod catalogue;
pub mod charts;
pub mod choropleth;
pub mod classify;
pub mod composite;
pub mod dataset;
pub mod embed;
pub mod export;
pub mod fold;
pub mod format;
pub mod hexgeo;
pub mod import;
pub mod json;
pub mod links;
pub mod palette;
pub mod period;
pub mod problem;
pub mod profile;
pub mod ranking;
pub mod registry;
pub mod table;
pub mod tiles;
pub mod url_state;

pub use json::Loaded;
pub use problem::{Problem, Severity};
pub use registry::{District, Registry, Ward};
