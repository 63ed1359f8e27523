//! Texts of `src/pages/`. `{name}` marks a value filled in by `super::fill`.

texts! {
    Pages {
        placeholder_pages: "tạm thời", "placeholder";
    }
}
