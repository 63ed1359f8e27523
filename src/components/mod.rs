//! Reusable view pieces. They never call browser-only APIs while rendering.

pub mod load_error;
pub mod loading;
pub mod provenance;
pub mod retry;
pub mod ward_directory;
