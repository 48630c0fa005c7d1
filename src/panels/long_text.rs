//! Text fields for texts that may be too long for one: a slide's title, takeaway and notes,
//! or a chart note, read from a file someone else wrote.

use egui::{RichText, Ui};

use crate::shown_text::elided;

/// The longest text edited in a field.
pub const EDITABLE_CHARS: usize = 10_000;
/// Characters shown of a text too long to edit.
const SHOWN_CHARS: usize = 300;

/// Whether `text` is short enough for a text field. A longer one (written in a deck file, say) is
/// shown cut, with a button that cuts it to what a field holds: laying out a megabyte in a field
/// every frame costs hundreds of megabytes and seconds. Until then it is kept whole.
pub fn editable(ui: &mut Ui, text: &mut String) -> bool {
    let length = text.chars().count();
    if length <= EDITABLE_CHARS {
        return true;
    }
    ui.label(RichText::new(elided(text, SHOWN_CHARS)).weak())
        .on_hover_text(format!(
            "{length} characters: too long to edit here, kept whole. Cut it to \
             {EDITABLE_CHARS} characters to edit it, or edit the file it came from."
        ));
    if ui
        .button(format!("Cut to {EDITABLE_CHARS} characters"))
        .on_hover_text("Keep the first characters and edit them here")
        .clicked()
        && let Some((cut, _)) = text.char_indices().nth(EDITABLE_CHARS)
    {
        text.truncate(cut);
    }
    false
}
