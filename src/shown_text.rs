//! Text from files as the window shows it on one line or in a tooltip: control and invisible
//! characters drawn visibly, and cut to a bound, so a name or title of any length costs what a
//! line costs.

use flywheel_model::escape_controls;

/// Characters of a text shown on hover at most, so a 1 MB name costs no more than a page.
const HOVER_CHARS: usize = 2_000;

/// Text from a file for one line of the window: control characters drawn visibly (`\u{1b}`)
/// rather than acting, at most `max_chars` characters, then "…". Only the start of the text is
/// looked at, however long the rest.
pub fn elided(text: &str, max_chars: usize) -> String {
    // Escaping only lengthens: the first `max_chars` characters escaped hold all that shows.
    let head = match text.char_indices().nth(max_chars) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let visible = escape_controls(head);
    match visible.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &visible[..cut]),
        None if head.len() < text.len() => format!("{visible}…"),
        None => visible.into_owned(),
    }
}

/// The whole of a text for its tooltip (control characters visible), within
/// [`HOVER_CHARS`].
pub fn hover_text(text: &str) -> String {
    elided(text, HOVER_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_an_ellipsis_and_control_characters_show() {
        assert_eq!(elided("Amazon", 6), "Amazon");
        assert_eq!(elided("Amazon.com", 6), "Amazon…");
        assert_eq!(elided("Ab\u{1b}[2J", 20), "Ab\\u{1b}[2J");
        assert_eq!(elided("Ab\u{1b}[2J", 4), "Ab\\u…");
        assert_eq!(elided("ÄÖÜäöü", 3), "ÄÖÜ…");
        assert_eq!(hover_text(&"x".repeat(1_000_000)).chars().count(), 2_001);
    }
}
