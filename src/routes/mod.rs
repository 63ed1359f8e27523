//! One module per route, as in leptos's hackernews example.

pub mod compare;
pub mod composite;
pub mod district;
pub mod districts;
pub mod embed;
pub mod home;
pub mod not_found;
pub mod publish;
pub mod ward;
pub mod wards;
