//! Reusable view pieces. They never call browser-only APIs while rendering.

pub mod boundaries;
pub mod distribution;
pub mod files;
pub mod load_error;
pub mod loading;
pub mod pickers;
pub mod provenance;
pub mod retry;
pub mod sandbox_note;
pub mod static_map;
pub mod ward_directory;
pub mod ward_search;
