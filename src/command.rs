//! Everything the UI can ask for. Widgets push commands while drawing; `FlywheelApp::apply`
//! carries them out afterwards, so keyboard shortcuts, menus and buttons share one code path.

use std::path::PathBuf;

use flywheel_model::{Alignment, Frequency};

use crate::settings::{ThemeChoice, View};

/// A request from the UI.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Command {
    /// Show the system file dialog for datasets.
    OpenDialog,
    /// Show the path field (where no file dialog is available).
    ShowPathField,
    /// Load a dataset file from disk.
    OpenPath(PathBuf),
    /// Load file contents dropped onto the window.
    OpenBytes {
        /// The dropped file's name.
        name: String,
        /// Its contents.
        bytes: Vec<u8>,
    },
    /// Switch to a view.
    ShowView(View),
    /// Show or hide a company.
    ToggleCompany(String),
    /// Annual, quarterly or TTM.
    SetFrequency(Frequency),
    /// Fiscal or calendar periods.
    SetAlignment(Alignment),
    /// Light, dark or system.
    SetTheme(ThemeChoice),
    /// Show or hide a chart's table.
    ToggleTable(String),
    /// Close the load-error panel.
    DismissErrors,
    /// Save the current scenario to its file (asks for one the first time).
    SaveScenario,
    /// Save the current scenario to a new file.
    SaveScenarioAs,
    /// Pick a scenario file to open.
    OpenScenarioDialog,
    /// Open a scenario file from disk.
    OpenScenarioPath(PathBuf),
    /// Save the current scenario to this file.
    SaveScenarioPath(PathBuf),
    /// Enter presenter mode on the selected slide (F5).
    EnterPresenter,
    /// Leave presenter mode (Esc).
    ExitPresenter,
    /// Next slide.
    NextSlide,
    /// Previous slide.
    PreviousSlide,
    /// A slide by index (`usize::MAX` for the last).
    GoToSlide(usize),
    /// Blank the screen, or show it again (B).
    ToggleBlank,
    /// Presenter zoom one step up or down (Ctrl+= / Ctrl+-).
    Zoom {
        /// Larger or smaller.
        up: bool,
    },
    /// Full screen on or off (F11).
    ToggleFullscreen,
    /// Add the current view to the deck as a slide.
    AddSlide,
    /// Remove a slide.
    DeleteSlide(usize),
    /// Move a slide one place up (earlier) or down.
    MoveSlide {
        /// Which slide.
        index: usize,
        /// Earlier (true) or later.
        up: bool,
    },
    /// Pick a deck file to open.
    OpenDeckDialog,
    /// Save the deck to a new file.
    SaveDeckAs,
    /// Open a deck file from disk.
    OpenDeckPath(PathBuf),
    /// Save the deck to this file.
    SaveDeckPath(PathBuf),
    /// Save a chart or the window as PNG (asks where).
    ExportPicture {
        /// Chart or window.
        target: crate::export::PictureTarget,
        /// 1 (as on screen) or 2 (double density).
        scale: u8,
    },
    /// Put a chart or the window on the clipboard as an image.
    CopyPicture(crate::export::PictureTarget),
    /// Save the numbers behind a chart (or, without one, the whole view) as CSV (asks where).
    ExportCsv {
        /// The chart's id; `None` for every number of the view.
        chart: Option<String>,
    },
    /// Write the export asked for last to this file.
    SaveExportPath(PathBuf),
    /// Open the note editor on a new note (prefilled with what it is pinned to).
    NewNote(crate::deck::Annotation),
    /// Open the note editor on an existing note.
    EditNote(usize),
    /// Store the edited note: a new one (`index: None`) or in place of note `index`.
    SaveNote {
        /// Which note it replaces.
        index: Option<usize>,
        /// The note.
        note: crate::deck::Annotation,
    },
    /// Remove a note.
    DeleteNote(usize),
    /// Close the note editor without saving.
    CloseNoteEditor,
    /// Undo the last scenario edit.
    Undo,
    /// Redo the last undone scenario edit.
    Redo,
    /// Close the window.
    Quit,
}
