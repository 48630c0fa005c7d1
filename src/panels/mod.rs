//! The panels around the view: top bar, side panel, status line, and the load-error panel.

pub mod deck_panel;
pub mod load_errors;
pub mod side_panel;
pub mod status_bar;
pub mod top_bar;
