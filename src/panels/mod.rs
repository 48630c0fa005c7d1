//! The panels around the view: top bar, side panel, status line, the load-error panel,
//! the note editor, and fields for texts too long to edit.

pub mod deck_panel;
pub mod load_errors;
pub mod long_text;
pub mod note_editor;
pub mod presenter_view;
pub mod side_panel;
pub mod status_bar;
pub mod top_bar;
