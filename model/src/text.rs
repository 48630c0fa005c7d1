//! Text from files made safe to print. A ticker, name or value quoted in an error message could
//! hold terminal control sequences (ESC to clear the screen or set the window title, CR to
//! overwrite the line, bidi overrides to reorder what is shown); printed raw they would act on
//! the user's terminal. Every such character is shown as a visible escape instead.

use std::borrow::Cow;

/// `text` with every control character (C0, DEL, C1), bidi control, invisible character and
/// line or paragraph separator written as a Rust-style escape (`\u{1b}`), so printing it cannot
/// move the cursor, clear the screen, reorder the line or hide a character (a zero-width space
/// in `AM\u{200b}ZN` shows). Borrows when there is nothing to escape.
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

/// Characters that change how a terminal or a text renderer shows what follows them, or that
/// show as nothing at all.
fn needs_escape(character: char) -> bool {
    // C0 controls, DEL and the C1 controls (U+0080–U+009F).
    character.is_control()
        || matches!(
            character,
            // Zero-width space, joiners and the bidi marks (U+200B–U+200F), the Arabic letter
            // mark, embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069).
            '\u{200b}'..='\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            // Word joiner and the invisible operators (U+2060–U+2064), the byte order mark
            // (zero-width no-break space).
            | '\u{2060}'..='\u{2064}' | '\u{feff}'
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

    #[test]
    fn invisible_and_direction_characters_become_visible_escapes() {
        let every: String = [
            '\u{80}', '\u{85}', '\u{9f}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}',
            '\u{200f}', '\u{202a}', '\u{202e}', '\u{2060}', '\u{2064}', '\u{2066}', '\u{2069}',
            '\u{061c}', '\u{feff}', '\u{2028}', '\u{2029}',
        ]
        .into_iter()
        .collect();
        assert_eq!(
            escape_controls(&every),
            "\\u{80}\\u{85}\\u{9f}\\u{200b}\\u{200c}\\u{200d}\\u{200e}\\u{200f}\\u{202a}\\u{202e}\
             \\u{2060}\\u{2064}\\u{2066}\\u{2069}\\u{61c}\\u{feff}\\u{2028}\\u{2029}"
        );
        // Their neighbours are ordinary text: the en dash, the narrow no-break space, the
        // replacement character.
        assert!(matches!(
            escape_controls("\u{2013}\u{202f}\u{fffd}\u{a0}"),
            Cow::Borrowed(_)
        ));
    }
}
