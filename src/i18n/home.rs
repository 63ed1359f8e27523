//! Texts of `src/home/`. `{name}` marks a value filled in by `super::fill`.

texts! {
    Home {
        placeholder_home: "tạm thời", "placeholder";
    }
}
