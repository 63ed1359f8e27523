//! Every string the UI shows, in Vietnamese (the default) and English.
//!
//! A typed catalogue: each area of the UI (one file here) lists its keys
//! with the Vietnamese and English text side by side in a `texts!` block,
//! which makes a struct of `&'static str` fields and its `VI` and `EN`
//! values, so a key missing in either language does not compile. The tests below check what the compiler
//! cannot: no empty text, the same `{placeholders}` in both languages, and
//! no Vietnamese left in the English catalogue.
//!
//! Why not leptos_i18n: it generates the same kind of typed keys from JSON
//! files with a proc macro, but pulls in ICU plural rules we do not need
//! (Vietnamese has no plural forms; the few English plurals are written out)
//! and would have cost wasm bytes against a tight size budget. Plain structs
//! keep "go to definition" working from every view to its text.
//!
//! The reader's language is a signal in context ([`I18n`]): the `lang` URL
//! parameter of the link that opened the page (for that visit only, not
//! remembered), otherwise the language the reader last chose
//! (localStorage), otherwise Vietnamese. After that only the switch changes
//! it: going Back to an address written in the other language does not
//! undo the reader's choice (the next address written carries it). Views read text through
//! `i18n.t()` inside reactive closures, so switching language re-renders
//! text in place without reloading data.

/// Declares one area's texts with each key's Vietnamese and English side by
/// side, and builds from them the area's struct and its `VI` and `EN`
/// values. A key without both texts does not match the macro, so it does
/// not compile.
///
/// ```ignore
/// texts! {
///     /// The site header.
///     Common {
///         site_title: "Phường Hà Nội", "Hanoi wards";
///     }
/// }
/// ```
macro_rules! texts {
    ($(#[$meta:meta])* $name:ident {
        $($(#[$key_meta:meta])* $key:ident: $vi:literal, $en:literal;)*
    }) => {
        $(#[$meta])*
        #[cfg_attr(test, derive(serde::Serialize))]
        pub struct $name {
            $($(#[$key_meta])* pub $key: &'static str,)*
        }
        pub const VI: $name = $name { $($key: $vi,)* };
        pub const EN: $name = $name { $($key: $en,)* };
    };
}

mod common;
mod components;
mod home;
mod import;
mod pages;
mod publish;
mod user_data;

use std::fmt::Display;

use leptos::prelude::*;
pub use ward_domain::format::Lang;

pub use common::Common;
pub use components::Components;
pub use home::Home;
pub use import::Import;
pub use pages::Pages;
pub use publish::Publish;
pub use user_data::UserData;

/// All UI text in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Catalogue {
    pub common: Common,
    pub components: Components,
    pub home: Home,
    pub pages: Pages,
    pub import: Import,
    pub publish: Publish,
    pub user_data: UserData,
}

static VI: Catalogue = Catalogue {
    common: common::VI,
    components: components::VI,
    home: home::VI,
    pages: pages::VI,
    import: import::VI,
    publish: publish::VI,
    user_data: user_data::VI,
};

static EN: Catalogue = Catalogue {
    common: common::EN,
    components: components::EN,
    home: home::EN,
    pages: pages::EN,
    import: import::EN,
    publish: publish::EN,
    user_data: user_data::EN,
};

pub fn catalogue(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// Replaces each `{name}` in `template` with its value:
/// `fill("Hạng {rank}/{n}", &[("rank", &3), ("n", &175)])` is "Hạng 3/175".
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// `template` as views, each `{key}` of `names` replaced by that name in
/// its own `lang="vi"` span. Ward and district names are Vietnamese proper
/// nouns in either language: marked, a screen reader says them in
/// Vietnamese and the English around them stays English. Other `{…}` are
/// left as they are (fill them first with [`fill`]).
pub fn with_names(template: &str, names: &[(&str, &str)]) -> Vec<AnyView> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let key = &rest[start + 1..start + len];
        match names.iter().find(|(k, _)| *k == key) {
            Some((_, name)) => {
                if start > 0 {
                    parts.push(rest[..start].to_string().into_any());
                }
                let name = name.to_string();
                parts.push(view! { <span lang="vi">{name}</span> }.into_any());
            }
            None => parts.push(rest[..start + len + 1].to_string().into_any()),
        }
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        parts.push(rest.to_string().into_any());
    }
    parts
}

/// A count in words: `one` when `n` is 1, else `other`, with `{n}` filled.
/// English needs both forms ("1 ward", "12 wards"); Vietnamese has no plural
/// and writes the two the same.
pub fn count(n: usize, one: &str, other: &str) -> String {
    fill(if n == 1 { one } else { other }, &[("n", &n)])
}

/// "12 phường" / "12 wards", "1 ward".
pub fn ward_count(n: usize, lang: Lang) -> String {
    let t = &catalogue(lang).common;
    count(n, t.ward, t.wards)
}

/// Whether `text` has letters that Vietnamese uses and English does not: the
/// Vietnamese vowels and đ, with or without tone marks. Marks a publisher's
/// name as Vietnamese, and finds Vietnamese left in the English catalogue.
pub fn looks_vietnamese(text: &str) -> bool {
    text.chars()
        .flat_map(char::to_lowercase)
        .any(|c| "àáâãèéêìíòóôõùúýăđĩũơư".contains(c) || ('\u{1EA1}'..='\u{1EF9}').contains(&c))
}

/// The reader's language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

/// Where the chosen language is remembered.
const STORAGE_KEY: &str = "hanoi-wards.lang";

impl I18n {
    /// The current language; tracked, so a closure that reads it re-runs
    /// when the reader switches.
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// The catalogue in the current language (tracked).
    pub fn t(&self) -> &'static Catalogue {
        catalogue(self.lang())
    }

    /// The reader chose `lang`: show it now and remember it for next visits.
    pub fn choose(&self, lang: Lang) {
        self.lang.set(lang);
        if let Some(storage) = local_storage() {
            // A full or disabled storage only means the choice is not
            // remembered; the switch itself still works.
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
    }
}

/// The page's localStorage, or `None` where it is refused: reading
/// `window.localStorage` throws a SecurityError in a sandboxed iframe
/// without `allow-same-origin` (an embed in a newsroom's CMS) and where the
/// reader blocks site data; web-sys turns that into `Err`, so the language
/// is then only not remembered.
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language to start in: the link's `lang` parameter, else the
/// remembered choice, else Vietnamese.
fn initial_lang() -> Lang {
    let from_link = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| lang_of_query(&search));
    from_link
        .or_else(|| {
            local_storage()
                .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
                .and_then(|code| Lang::from_code(&code))
        })
        .unwrap_or(Lang::Vi)
}

/// The `lang` parameter of a query string (with or without "?"), if it
/// names a language we have, read by the same parser as every other view
/// parameter (`ward_domain::url_state`).
pub fn lang_of_query(query: &str) -> Option<Lang> {
    ward_domain::url_state::parse_query(query).0.lang
}

/// Puts the language in context and keeps `<html lang>` and the document
/// title in step with it, so screen readers and search engines know the
/// page's language.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(initial_lang()),
    };
    provide_context(i18n);
    Effect::new(move |_| {
        let lang = i18n.lang();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            document.set_title(catalogue(lang).common.document_title);
        }
    });
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests;
