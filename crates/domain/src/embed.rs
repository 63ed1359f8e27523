//! Embeds for journalists: `/embed/map`, `/embed/table` and `/embed/chart`
//! take the home view's query parameters and show one panel with minimal
//! chrome. This module names the kinds and writes the iframe snippet.

/// What an embed shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EmbedKind {
    Map,
    Table,
    Chart,
}

impl EmbedKind {
    pub const ALL: [EmbedKind; 3] = [EmbedKind::Map, EmbedKind::Table, EmbedKind::Chart];

    /// The path segment: `/embed/{id}`.
    pub fn id(self) -> &'static str {
        match self {
            EmbedKind::Map => "map",
            EmbedKind::Table => "table",
            EmbedKind::Chart => "chart",
        }
    }

    pub fn parse(id: &str) -> Option<EmbedKind> {
        EmbedKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// A height that shows the panel without an inner scroll bar on a
    /// desktop article column (the table and chart scroll inside).
    pub fn default_height(self) -> u32 {
        match self {
            EmbedKind::Map => 620,
            EmbedKind::Table => 640,
            EmbedKind::Chart => 720,
        }
    }
}

/// Heights outside this range are clamped: an iframe of 50 px or 20,000 px
/// is a typing slip, not a wish.
pub const HEIGHT_RANGE: (u32, u32) = (240, 4000);

/// Escapes text for a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            // Line breaks in a title would only confuse the snippet.
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The `sandbox` flags of the snippet: what an embed needs and nothing
/// more. `allow-scripts` runs the app; `allow-same-origin` keeps the embed's
/// own origin (it is always another site than the article's, so this gives
/// it no access to the article: the flag is only unsafe for a frame of the
/// host's own origin), so its files load without CORS and the reader's
/// storage works; `allow-popups` and `allow-popups-to-escape-sandbox` let
/// "open the full view" and the source links open an ordinary tab;
/// `allow-downloads` lets the chart's PNG/SVG buttons save files. Left out:
/// top navigation, forms, modals, pointer lock. An embed also works in a
/// stricter sandbox a CMS imposes (`sandbox="allow-scripts"` alone), provided
/// the site sends `Access-Control-Allow-Origin: *` (README.md, "Hosting").
pub const SANDBOX: &str =
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-downloads";

/// The iframe a journalist pastes into an article. `src` is the embed's
/// absolute URL; `title` names the frame for screen readers (also used as
/// its aria-label); the width follows the article column; the frame is
/// sandboxed with [`SANDBOX`]. Both texts are escaped for an attribute;
/// `height` is clamped to [`HEIGHT_RANGE`] (pixels).
pub fn iframe_snippet(src: &str, title: &str, height: u32) -> String {
    let height = height.clamp(HEIGHT_RANGE.0, HEIGHT_RANGE.1);
    let title = escape_attribute(title.trim());
    format!(
        "<iframe src=\"{}\" title=\"{title}\" aria-label=\"{title}\" width=\"100%\" height=\"{height}\" style=\"border:0;max-width:100%\" loading=\"lazy\" sandbox=\"{SANDBOX}\"></iframe>",
        escape_attribute(src)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for kind in EmbedKind::ALL {
            assert_eq!(EmbedKind::parse(kind.id()), Some(kind));
        }
        assert_eq!(EmbedKind::parse("tables"), None);
    }

    #[test]
    fn the_snippet_escapes_what_the_journalist_types() {
        let snippet = iframe_snippet(
            "https://example.org/embed/table?v=1&indicator=x",
            "Xếp hạng \"phường\" <2023>\n& more",
            10,
        );
        assert_eq!(
            snippet,
            "<iframe src=\"https://example.org/embed/table?v=1&amp;indicator=x\" \
             title=\"Xếp hạng &quot;phường&quot; &lt;2023&gt; &amp; more\" \
             aria-label=\"Xếp hạng &quot;phường&quot; &lt;2023&gt; &amp; more\" \
             width=\"100%\" height=\"240\" style=\"border:0;max-width:100%\" loading=\"lazy\" \
             sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-downloads\"></iframe>"
        );
    }

    #[test]
    fn the_sandbox_allows_what_an_embed_needs_and_no_navigation_of_the_article() {
        let flags: Vec<&str> = SANDBOX.split(' ').collect();
        for needed in [
            "allow-scripts",
            "allow-popups",
            "allow-popups-to-escape-sandbox",
            "allow-downloads",
        ] {
            assert!(flags.contains(&needed), "{needed} missing from {SANDBOX}");
        }
        for refused in [
            "allow-top-navigation",
            "allow-top-navigation-by-user-activation",
            "allow-forms",
            "allow-modals",
        ] {
            assert!(!flags.contains(&refused), "{refused} in {SANDBOX}");
        }
        assert!(iframe_snippet("https://example.org/embed/map", "t", 600)
            .contains(&format!(" sandbox=\"{SANDBOX}\"")));
    }
}
