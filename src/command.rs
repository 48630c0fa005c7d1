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
    /// Undo the last scenario edit.
    Undo,
    /// Redo the last undone scenario edit.
    Redo,
    /// Close the window.
    Quit,
}
