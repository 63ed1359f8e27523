//! One module per route, as in leptos's hackernews example.

pub mod home;
pub mod not_found;
pub mod wards;
