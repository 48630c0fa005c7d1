//! Everything the UI can ask for, and the one table of menu and keyboard commands. Widgets push
//! [`Command`]s while drawing; the app applies them after drawing, so shortcuts, menus and buttons
//! share one code path. [`UiCommand`] holds each menu entry's text, tooltip and shortcuts, so that
//! "Ctrl+S" is written once for the menu, the tooltip and the key handling.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};
use flywheel_model::projection::Assumption;
use flywheel_model::{Alignment, Frequency, Preset};

use crate::deck::Annotation;
use crate::export::{ExportChoice, PictureTarget};
use crate::files::FileAction;
use crate::lens::{CustomView, View};
use crate::scenario_state::{ScenarioPanel, TornadoOutcome};
use crate::settings::ThemeChoice;

/// A request from the UI.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Command {
    /// Ask for a file for an action: the system dialog, or the path field where there is none.
    AskFile(FileAction),
    /// Show the path field for an action (also where a dialog exists: File ▸ Open by path).
    ShowPathField(FileAction),
    /// Close the path field.
    ClosePathField,
    /// Carry out an action on a chosen file (from a dialog, the path field or a drop).
    FileChosen(FileAction, PathBuf),
    /// Load file contents dropped onto the window (where the system gives no path).
    OpenBytes {
        /// The dropped file's name.
        name: String,
        /// Its contents.
        bytes: Vec<u8>,
    },
    /// Import the company facts waiting for a ticker, under this ticker.
    ImportWithTicker(String),
    /// Drop the company facts waiting for a ticker.
    CancelImport,
    /// Save the current scenario to its file (asks for one the first time).
    SaveScenario,
    /// Switch to a view.
    ShowView(View),
    /// Show or hide a company.
    ToggleCompany(String),
    /// Annual, quarterly or TTM.
    SetFrequency(Frequency),
    /// Fiscal or calendar periods.
    SetAlignment(Alignment),
    /// Latest restated figures or as first reported.
    SetBasis(flywheel_model::Basis),
    /// Values, year-on-year change or an index on every chart.
    SetTransform(flywheel_model::metrics::Transform),
    /// A logarithmic value axis for amounts, or a linear one.
    SetLogScale(bool),
    /// The Custom view's charts.
    SetCustomView(CustomView),
    /// Which capex definition charts and tables use.
    SetCapexBasis(flywheel_model::CapexBasis),
    /// Which period the Overview's cards compare.
    SetCardPeriod(crate::lens::CardPeriod),
    /// The years shown.
    SetYears {
        /// First year.
        first: i32,
        /// Last year.
        last: i32,
    },
    /// Light, dark or system.
    SetTheme(ThemeChoice),
    /// Show or hide a chart's table.
    ToggleTable(String),
    /// Close the problem panel.
    DismissErrors,
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
    /// The presenter's own view: off, beside the slide (one screen), or a second window (N).
    CycleSpeakerView,
    /// Presenter zoom one step up or down (Ctrl+= / Ctrl+-).
    Zoom {
        /// Larger or smaller.
        up: bool,
    },
    /// Full screen on or off (F11).
    ToggleFullscreen,
    /// Add the current view to the deck as a slide.
    AddSlide,
    /// Select a slide in the deck list.
    SelectSlide(usize),
    /// Remove a slide.
    DeleteSlide(usize),
    /// Move a slide one place up (earlier) or down.
    MoveSlide {
        /// Which slide.
        index: usize,
        /// Earlier (true) or later.
        up: bool,
    },
    /// Add a live number (`{AMZN:net_income:2024Q4}`) at the end of the selected slide's
    /// takeaway: the reference of a value clicked on a chart.
    InsertLiveNumber(String),
    /// Put a chart or the window on the clipboard as an image.
    CopyPicture(PictureTarget),
    /// Open the note editor on a new note (prefilled with what it is pinned to).
    NewNote(Annotation),
    /// Open the note editor on an existing note.
    EditNote(usize),
    /// Store the edited note: a new one (`index: None`) or in place of note `index`.
    SaveNote {
        /// Which note it replaces.
        index: Option<usize>,
        /// The note.
        note: Annotation,
    },
    /// Remove a note.
    DeleteNote(usize),
    /// Close the note editor without saving.
    CloseNoteEditor,
    /// An edit of the scenario workspace; the app alone records undo and the unsaved mark.
    Scenario(ScenarioEdit),
    /// Undo the last scenario edit.
    Undo,
    /// Redo the last undone scenario edit.
    Redo,
    /// Close the window.
    Quit,
}

/// An edit of the scenarios being worked on.
#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioEdit {
    /// Work on scenario `index`.
    Select(usize),
    /// Open the sliders of a company.
    SelectCompany(String),
    /// Show another panel beside the sliders.
    ShowPanel(ScenarioPanel),
    /// Measure the tornado chart by another 2030 outcome.
    SetTornado(TornadoOutcome),
    /// Add or remove a scenario on the Compare panel (up to three).
    ToggleCompare(usize),
    /// Rename the current scenario.
    Rename(String),
    /// Start a new scenario from the current one.
    Duplicate,
    /// Set one assumption of one company. `starts_gesture` is true for the first change of a
    /// drag and for changes made without dragging: one undo step per gesture.
    SetAssumption {
        /// The company.
        ticker: String,
        /// Which assumption.
        assumption: Assumption,
        /// The new value.
        value: f64,
        /// Whether this change begins a new undo step.
        starts_gesture: bool,
    },
    /// Every assumption of a company back to its default.
    ResetCompany(String),
    /// A preset's assumptions for a company.
    ApplyPreset {
        /// The company.
        ticker: String,
        /// Bear, Base or Bull.
        preset: Preset,
    },
}

impl ScenarioEdit {
    /// Whether the edit changes the scenarios themselves (undoable, and unsaved until saved),
    /// rather than only what is shown.
    pub fn changes_scenarios(&self) -> bool {
        !matches!(
            self,
            Self::Select(_)
                | Self::SelectCompany(_)
                | Self::ShowPanel(_)
                | Self::SetTornado(_)
                | Self::ToggleCompare(_)
        )
    }
}

/// Where a command's keys work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// In the dashboard and while presenting.
    Everywhere,
    /// In the dashboard only.
    Dashboard,
    /// In the Scenario view only, and not while typing.
    ScenarioView,
    /// While presenting.
    Presenting,
}

/// What the key handling needs to know to pick a command.
#[derive(Clone, Copy, Debug)]
pub struct KeyContext {
    /// The view shown.
    pub view: View,
    /// Whether a presentation is under way.
    pub presenting: bool,
    /// Whether a text field has the keyboard (plain keys then type).
    pub typing: bool,
}

/// The menu and keyboard commands, with their text, tooltip and shortcuts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    /// Open datasets (in the Scenario view, the shortcut opens a scenario).
    OpenDataset,
    /// The path field for datasets.
    OpenByPath,
    /// Open a scenario file.
    OpenScenario,
    /// Save the scenario.
    SaveScenario,
    /// Save the scenario to a new file.
    SaveScenarioAs,
    /// Open a deck.
    OpenDeck,
    /// Save the deck to a file.
    SaveDeckAs,
    /// The window (or slide) as PNG.
    ExportWindowPng,
    /// The window (or slide) as PNG at 2×.
    ExportWindowPng2x,
    /// The window image on the clipboard.
    CopyWindowImage,
    /// Every number behind the view as CSV.
    ExportViewCsv,
    /// Every slide of the deck, a page each of a PDF.
    ExportDeckPdf,
    /// Undo a scenario edit.
    Undo,
    /// Redo a scenario edit.
    Redo,
    /// Present the deck.
    Present,
    /// Full screen on or off.
    ToggleFullscreen,
    /// Close the window.
    Quit,
    /// Switch view (keys 1–8).
    ShowView(View),
    /// Next slide.
    NextSlide,
    /// Previous slide.
    PreviousSlide,
    /// First slide.
    FirstSlide,
    /// Last slide.
    LastSlide,
    /// Blank the screen.
    Blank,
    /// The presenter view: beside the slide, in a second window, or off.
    SpeakerView,
    /// Leave presenter mode.
    LeavePresenter,
    /// Presenter zoom up.
    ZoomIn,
    /// Presenter zoom down.
    ZoomOut,
}

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn command_key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn command_shift_key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

/// A constant slice of shortcuts (calls of const functions are not promoted to `'static`).
macro_rules! keys {
    ($($shortcut:expr),*) => {{
        const KEYS: &[KeyboardShortcut] = &[$($shortcut),*];
        KEYS
    }};
}

impl UiCommand {
    /// The File menu, in order; `None` is a separator.
    pub const FILE_MENU: [Option<Self>; 17] = [
        Some(Self::OpenDataset),
        Some(Self::OpenByPath),
        None,
        Some(Self::OpenScenario),
        Some(Self::SaveScenario),
        Some(Self::SaveScenarioAs),
        None,
        Some(Self::OpenDeck),
        Some(Self::SaveDeckAs),
        None,
        Some(Self::ExportWindowPng),
        Some(Self::ExportWindowPng2x),
        Some(Self::CopyWindowImage),
        Some(Self::ExportViewCsv),
        Some(Self::ExportDeckPdf),
        None,
        Some(Self::Quit),
    ];

    /// Every command with keys, in the order keys are tried: the more specific shortcut first
    /// (Ctrl+Shift+S before Ctrl+S, which egui would also match).
    const KEYED: [Self; 26] = [
        Self::SaveScenarioAs,
        Self::SaveScenario,
        Self::OpenDataset,
        Self::Redo,
        Self::Undo,
        Self::Quit,
        Self::Present,
        Self::ToggleFullscreen,
        Self::ShowView(View::Overview),
        Self::ShowView(View::Profit),
        Self::ShowView(View::Margins),
        Self::ShowView(View::Capex),
        Self::ShowView(View::Cloud),
        Self::ShowView(View::Scenario),
        Self::ShowView(View::Flywheel),
        Self::ShowView(View::Custom),
        Self::ShowView(View::Guidance),
        Self::NextSlide,
        Self::PreviousSlide,
        Self::FirstSlide,
        Self::LastSlide,
        Self::Blank,
        Self::SpeakerView,
        Self::LeavePresenter,
        Self::ZoomIn,
        Self::ZoomOut,
    ];

    /// Menu or button text.
    pub fn text(self) -> &'static str {
        match self {
            Self::OpenDataset => "Open dataset…",
            Self::OpenByPath => "Open by path…",
            Self::OpenScenario => "Open scenario…",
            Self::SaveScenario => "Save scenario",
            Self::SaveScenarioAs => "Save scenario as…",
            Self::OpenDeck => "Open deck…",
            Self::SaveDeckAs => "Save deck as…",
            Self::ExportWindowPng => "Export window as PNG…",
            Self::ExportWindowPng2x => "Export window as PNG at 2×…",
            Self::CopyWindowImage => "Copy window image",
            Self::ExportViewCsv => "Export view numbers as CSV…",
            Self::ExportDeckPdf => "Export deck as PDF…",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Present => "Present",
            Self::ToggleFullscreen => "Full screen",
            Self::Quit => "Quit",
            Self::ShowView(view) => view.title(),
            Self::NextSlide => "Next slide",
            Self::PreviousSlide => "Previous slide",
            Self::FirstSlide => "First slide",
            Self::LastSlide => "Last slide",
            Self::Blank => "Blank the screen",
            Self::SpeakerView => "Presenter view",
            Self::LeavePresenter => "Leave presenter mode",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
        }
    }

    /// Hover text, without the shortcut (see [`Self::tooltip_with_shortcut`]).
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::OpenDataset => "Load .ron or .csv datasets beside the loaded ones",
            Self::OpenByPath => "Type the path of a dataset",
            Self::OpenScenario => "Open a scenario file",
            Self::SaveScenario => "Save the scenario",
            Self::SaveScenarioAs => "Save the scenario to a new file",
            Self::OpenDeck => "Open a deck of slides",
            Self::SaveDeckAs => "Save the deck, its slides and notes, to a file",
            Self::ExportWindowPng => "The window, or the slide while presenting, as a picture",
            Self::ExportWindowPng2x => "The window drawn again at double density",
            Self::CopyWindowImage => "The window as a picture on the clipboard",
            Self::ExportViewCsv => "Every number behind the view, with the filings it comes from",
            Self::ExportDeckPdf => "Every slide as presented, a page each, with its source line",
            Self::Undo => "Undo the last scenario edit",
            Self::Redo => "Redo the scenario edit undone last",
            Self::Present => "Present the deck full screen; Esc leaves",
            Self::ToggleFullscreen => "Full screen on or off",
            Self::Quit => "Close Flywheel (the settings are kept)",
            Self::ShowView(_) => "Switch to this view",
            Self::NextSlide => "→, PageDown or Space",
            Self::PreviousSlide => "← or PageUp",
            Self::FirstSlide => "Home",
            Self::LastSlide => "End",
            Self::Blank => "B blanks the screen and shows it again",
            Self::SpeakerView => {
                "N shows notes, elapsed time and the next slide: beside the slide, then in a \
                 second window, then not at all"
            }
            Self::LeavePresenter => "Esc restores the view of before",
            Self::ZoomIn => "Larger type while presenting",
            Self::ZoomOut => "Smaller type while presenting",
        }
    }

    /// The tooltip with the first shortcut, as the platform writes it: "Save the scenario
    /// (Ctrl+S)".
    pub fn tooltip_with_shortcut(self, ctx: &egui::Context) -> String {
        match self.shortcuts().first() {
            Some(shortcut) => format!("{} ({})", self.tooltip(), ctx.format_shortcut(shortcut)),
            None => self.tooltip().to_owned(),
        }
    }

    /// The keys, the first one shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Self::OpenDataset => keys![command_key(Key::O)],
            Self::SaveScenario => keys![command_key(Key::S)],
            Self::SaveScenarioAs => keys![command_shift_key(Key::S)],
            Self::Undo => keys![command_key(Key::Z)],
            Self::Redo => keys![command_shift_key(Key::Z)],
            Self::Quit => keys![command_key(Key::Q)],
            Self::Present => keys![key(Key::F5)],
            Self::ToggleFullscreen => keys![key(Key::F11)],
            Self::ShowView(View::Overview) => keys![key(Key::Num1)],
            Self::ShowView(View::Profit) => keys![key(Key::Num2)],
            Self::ShowView(View::Margins) => keys![key(Key::Num3)],
            Self::ShowView(View::Capex) => keys![key(Key::Num4)],
            Self::ShowView(View::Cloud) => keys![key(Key::Num5)],
            Self::ShowView(View::Scenario) => keys![key(Key::Num6)],
            Self::ShowView(View::Flywheel) => keys![key(Key::Num7)],
            Self::ShowView(View::Custom) => keys![key(Key::Num8)],
            Self::ShowView(View::Guidance) => keys![key(Key::Num9)],
            Self::NextSlide => keys![key(Key::ArrowRight), key(Key::PageDown), key(Key::Space)],
            Self::PreviousSlide => keys![key(Key::ArrowLeft), key(Key::PageUp)],
            Self::FirstSlide => keys![key(Key::Home)],
            Self::LastSlide => keys![key(Key::End)],
            Self::Blank => keys![key(Key::B)],
            Self::SpeakerView => keys![key(Key::N)],
            Self::LeavePresenter => keys![key(Key::Escape)],
            Self::ZoomIn => keys![command_key(Key::Equals), command_key(Key::Plus)],
            Self::ZoomOut => keys![command_key(Key::Minus)],
            Self::OpenByPath
            | Self::OpenScenario
            | Self::OpenDeck
            | Self::SaveDeckAs
            | Self::ExportWindowPng
            | Self::ExportWindowPng2x
            | Self::CopyWindowImage
            | Self::ExportViewCsv
            | Self::ExportDeckPdf => keys![],
        }
    }

    fn scope(self) -> Scope {
        match self {
            Self::ToggleFullscreen => Scope::Everywhere,
            Self::Undo | Self::Redo => Scope::ScenarioView,
            Self::NextSlide
            | Self::PreviousSlide
            | Self::FirstSlide
            | Self::LastSlide
            | Self::Blank
            | Self::SpeakerView
            | Self::LeavePresenter
            | Self::ZoomIn
            | Self::ZoomOut => Scope::Presenting,
            _ => Scope::Dashboard,
        }
    }

    /// Whether the command's keys work in `context`.
    fn active(self, context: KeyContext) -> bool {
        let plain_key = self
            .shortcuts()
            .first()
            .is_some_and(|shortcut| shortcut.modifiers.is_none());
        // A plain key in a text field types; function keys do not.
        let typed =
            context.typing && plain_key && !matches!(self, Self::Present | Self::ToggleFullscreen);
        let in_scope = match self.scope() {
            Scope::Everywhere => true,
            Scope::Dashboard => !context.presenting,
            Scope::ScenarioView => {
                !context.presenting && context.view == View::Scenario && !context.typing
            }
            Scope::Presenting => context.presenting,
        };
        in_scope && !typed
    }

    /// What the command asks of the app. Ctrl+O opens a scenario in the Scenario view.
    pub fn command(self, view: View) -> Command {
        match self {
            Self::OpenDataset if view == View::Scenario => {
                Command::AskFile(FileAction::OpenScenario)
            }
            Self::OpenDataset => Command::AskFile(FileAction::OpenDataset),
            Self::OpenByPath => Command::ShowPathField(FileAction::OpenDataset),
            Self::OpenScenario => Command::AskFile(FileAction::OpenScenario),
            Self::SaveScenario => Command::SaveScenario,
            Self::SaveScenarioAs => Command::AskFile(FileAction::SaveScenario),
            Self::OpenDeck => Command::AskFile(FileAction::OpenDeck),
            Self::SaveDeckAs => Command::AskFile(FileAction::SaveDeck),
            Self::ExportWindowPng => Command::AskFile(FileAction::Export(ExportChoice::Picture {
                target: PictureTarget::Window,
                scale: 1,
            })),
            Self::ExportWindowPng2x => {
                Command::AskFile(FileAction::Export(ExportChoice::Picture {
                    target: PictureTarget::Window,
                    scale: 2,
                }))
            }
            Self::CopyWindowImage => Command::CopyPicture(PictureTarget::Window),
            Self::ExportDeckPdf => Command::AskFile(FileAction::ExportDeckPdf),
            Self::ExportViewCsv => {
                Command::AskFile(FileAction::Export(ExportChoice::Csv { chart: None }))
            }
            Self::Undo => Command::Undo,
            Self::Redo => Command::Redo,
            Self::Present => Command::EnterPresenter,
            Self::ToggleFullscreen => Command::ToggleFullscreen,
            Self::Quit => Command::Quit,
            Self::ShowView(view) => Command::ShowView(view),
            Self::NextSlide => Command::NextSlide,
            Self::PreviousSlide => Command::PreviousSlide,
            Self::FirstSlide => Command::GoToSlide(0),
            Self::LastSlide => Command::GoToSlide(usize::MAX),
            Self::Blank => Command::ToggleBlank,
            Self::SpeakerView => Command::CycleSpeakerView,
            Self::LeavePresenter => Command::ExitPresenter,
            Self::ZoomIn => Command::Zoom { up: true },
            Self::ZoomOut => Command::Zoom { up: false },
        }
    }

    /// The commands whose keys were pressed this frame, one per press and in the order pressed:
    /// a clicker's quick Right Right Right steps three slides, and F5 then Escape ends not
    /// presenting. Each key event goes to the first command in the table it matches.
    pub fn pressed(ctx: &egui::Context, context: KeyContext) -> Vec<Command> {
        let mut found: Vec<(usize, Command)> = Vec::new();
        ctx.input_mut(|input| {
            // Which events an earlier command of the table has taken (by place, which keeps
            // the order the keys came in).
            let mut taken = vec![false; input.events.len()];
            let mut consumed = Vec::new();
            for ui_command in Self::KEYED {
                if !ui_command.active(context) {
                    continue;
                }
                for shortcut in ui_command.shortcuts() {
                    let modifiers = if shortcut.modifiers.is_none() {
                        Modifiers::NONE
                    } else {
                        shortcut.modifiers
                    };
                    for (at, event) in input.events.iter().enumerate() {
                        let matches = matches!(
                            event,
                            egui::Event::Key { key, modifiers: held, pressed: true, .. }
                                if *key == shortcut.logical_key
                                    && held.matches_logically(modifiers)
                        );
                        if matches && !taken[at] {
                            taken[at] = true;
                            found.push((at, ui_command.command(context.view)));
                        }
                    }
                    consumed.push((modifiers, shortcut.logical_key));
                }
            }
            // Then the same events leave egui's input, so no widget sees them again (after the
            // scan, so that the places stay those of the scan).
            for (modifiers, key) in consumed {
                input.count_and_consume_key(modifiers, key);
            }
        });
        found.sort_by_key(|(at, _)| *at);
        found.into_iter().map(|(_, command)| command).collect()
    }
}
