//! Keyboard input through WebDriver actions: keys go to whatever element has
//! the focus, as a person's keyboard would (unlike Element Send Keys, which
//! focuses its element first).

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::Value;

use super::Browser;

/// Presses and releases `key` on the focused element.
pub async fn press(browser: &Browser, key: Key) {
    let value: char = key.into();
    let actions = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value })
        .then(KeyAction::Up { value });
    browser
        .client
        .perform_actions(actions)
        .await
        .unwrap_or_else(|e| panic!("press {key:?}: {e}"));
}

/// Moves the focus to the first element matching `css` with `element.focus()`.
/// Returns whether it then has the focus.
pub async fn focus(browser: &Browser, css: &str) -> bool {
    browser
        .execute(
            "const el = document.querySelector(arguments[0]);
             if (!el) { return false; }
             el.focus();
             return document.activeElement === el;",
            vec![Value::from(css)],
        )
        .await
        .as_bool()
        .unwrap_or(false)
}

/// `attribute` of the focused element (`None` if it has none, or nothing
/// but the body has the focus).
pub async fn active_attr(browser: &Browser, attribute: &str) -> Option<String> {
    browser
        .execute(
            "const el = document.activeElement;
             return el && el !== document.body ? el.getAttribute(arguments[0]) : null;",
            vec![Value::from(attribute)],
        )
        .await
        .as_str()
        .map(str::to_owned)
}

/// Whether the focused element matches `css`.
pub async fn active_matches(browser: &Browser, css: &str) -> bool {
    browser
        .execute(
            "const el = document.activeElement;
             return !!(el && el.matches(arguments[0]));",
            vec![Value::from(css)],
        )
        .await
        .as_bool()
        .unwrap_or(false)
}

/// Empties a text field by keyboard (select all, delete), so the page gets
/// the same `input` events as from a person.
pub async fn clear_field(browser: &Browser, css: &str) {
    let field = browser.wait_for(css, super::WAIT).await;
    field
        .send_keys(&(Key::Control + "a"))
        .await
        .unwrap_or_else(|e| panic!("select all in `{css}`: {e}"));
    field
        .send_keys(&Key::Backspace)
        .await
        .unwrap_or_else(|e| panic!("delete in `{css}`: {e}"));
}

/// Types `text` into a text field (after the text already there).
pub async fn type_into(browser: &Browser, css: &str, text: &str) {
    browser
        .wait_for(css, super::WAIT)
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("type {text:?} into `{css}`: {e}"));
}
