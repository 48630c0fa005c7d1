//! The panels around the view: top bar, side panel, status line, the load-error panel,
//! and the note editor.

pub mod deck_panel;
pub mod load_errors;
pub mod note_editor;
pub mod presenter_view;
pub mod side_panel;
pub mod status_bar;
pub mod top_bar;
