//! Text from files made safe to print. A ticker, name or value quoted in an error message could
//! hold terminal control sequences (ESC to clear the screen or set the window title, CR to
//! overwrite the line, bidi overrides to reorder what is shown); printed raw they would act on
//! the user's terminal. Every such character is shown as a visible escape instead.

use std::borrow::Cow;

/// `text` with every control character (C0, DEL, C1), bidi control and line or paragraph
/// separator written as a Rust-style escape (`\u{1b}`), so printing it cannot move the cursor,
/// clear the screen or reorder the line. Borrows when there is nothing to escape.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if needs_escape(character) {
            escaped.push_str(&format!("\\u{{{:x}}}", u32::from(character)));
        } else {
            escaped.push(character);
        }
    }
    Cow::Owned(escaped)
}

/// Characters that change how a terminal or a text renderer shows what follows them.
fn needs_escape(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            // Bidi marks, embeddings, overrides and isolates.
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            // Line and paragraph separators.
            | '\u{2028}' | '\u{2029}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_escapes() {
        assert_eq!(
            escape_controls("\u{1b}]0;owned\u{7}A\rB\u{9b}2J\u{202e}x\ty"),
            "\\u{1b}]0;owned\\u{7}A\\u{d}B\\u{9b}2J\\u{202e}x\\u{9}y"
        );
        assert!(matches!(escape_controls("AMZN · FY2024"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("line\nbreak\u{7f}"),
            "line\\u{a}break\\u{7f}"
        );
    }
}
