//! Texts of `src/components/`. `{name}` marks a value filled in by `super::fill`.

texts! {
    Components {
        placeholder_components: "tạm thời", "placeholder";
    }
}
