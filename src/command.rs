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
    /// Undo the last scenario edit.
    Undo,
    /// Redo the last undone scenario edit.
    Redo,
    /// Close the window.
    Quit,
}
