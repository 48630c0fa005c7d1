//! The desktop app: [`FlywheelApp`] holds the persisted settings, the loaded data, the runtime
//! state and the commands pushed while drawing. `ui.rs` lays out the frame, `input.rs` turns keys
//! and drops into commands, `apply.rs` carries the commands out after drawing (with the file
//! handlers in `file_actions.rs`), and `pictures.rs` is the export subsystem that waits for a
//! frame to be captured.

mod apply;
mod file_actions;
mod imports;
mod input;
mod pictures;
mod ui;

use eframe::egui_wgpu::wgpu;
use egui::ThemePreference;
use flywheel_model::Library;

use crate::command::Command;
use crate::data_view::DataView;
use crate::export::DrawnChart;
use crate::files::PathField;
use crate::notices::Notices;
use crate::panels::note_editor::NoteEditor;
use crate::presenter::Presentation;
use crate::scenario_state::UndoHistory;
use crate::settings::{Settings, ThemeChoice};
use crate::theme;

pub use pictures::PictureUnderWay;

/// State that lives only while the app runs.
#[derive(Default)]
struct Runtime {
    /// The status message and the problems of the last failed load or save.
    notices: Notices,
    /// The path field, while open.
    path_field: Option<PathField>,
    /// Undo history of scenario edits.
    history: UndoHistory,
    /// The presentation under way, if any.
    presentation: Option<Presentation>,
    /// The note being written or edited.
    note_editor: Option<NoteEditor>,
    /// The picture export under way, and the source line it draws.
    picture: Option<PictureUnderWay>,
    /// Charts drawn in the last frame, where they are and what they show.
    drawn_charts: Vec<DrawnChart>,
    /// The window's graphics device, shared for 2× exports (`None` without wgpu).
    gpu: Option<(wgpu::Device, wgpu::Queue)>,
    /// What the last frame showed: a frame that shows something new is followed by one more,
    /// because plots size their axis labels from the frame before.
    last_lens: Option<crate::lens::Lens>,
    /// Company facts being read on their own thread.
    import: Option<imports::ImportUnderWay>,
    /// Company facts waiting for their ticker.
    ticker_prompt: Option<imports::TickerPrompt>,
}

impl Runtime {
    /// The runtime of an off-screen copy that draws this frame again for a picture. Every field
    /// is named, so a new one cannot be forgotten here.
    fn for_picture(&self) -> Self {
        Self {
            notices: self.notices.clone(),
            path_field: None,
            history: UndoHistory::default(),
            presentation: self.presentation.clone(),
            note_editor: None,
            picture: self.picture.as_ref().map(PictureUnderWay::drawn_copy),
            drawn_charts: Vec::new(),
            gpu: None,
            last_lens: None,
            import: None,
            ticker_prompt: None,
        }
    }
}

/// The desktop app.
pub struct FlywheelApp {
    state: Settings,
    data: DataView,
    runtime: Runtime,
    commands: Vec<Command>,
}

impl FlywheelApp {
    /// Builds the app for eframe, restoring the settings of the last run.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        library: Library,
        startup_errors: Vec<String>,
    ) -> Self {
        let settings = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::with_settings(&cc.egui_ctx, library, settings, startup_errors);
        app.runtime.gpu = cc
            .wgpu_render_state
            .as_ref()
            .map(|state| (state.device.clone(), state.queue.clone()));
        app
    }

    /// Builds the app with given settings (also used by tests and `flywheel render`, which
    /// have no storage). `startup_errors` are the problems of files named on the command line.
    pub fn with_settings(
        ctx: &egui::Context,
        library: Library,
        settings: Settings,
        startup_errors: Vec<String>,
    ) -> Self {
        theme::install_fonts(ctx);
        ctx.set_theme(theme_preference(settings.theme));
        let mut app = Self {
            state: settings,
            data: DataView::new(library),
            runtime: Runtime {
                notices: Notices::with_load_problems(startup_errors),
                ..Runtime::default()
            },
            commands: Vec::new(),
        };
        app.data_changed();
        app
    }

    /// The settings: what is shown, the scenarios, the deck.
    pub fn settings(&self) -> &Settings {
        &self.state
    }

    /// The loaded data.
    pub fn data(&self) -> &DataView {
        &self.data
    }

    /// The status message and problem list.
    pub fn notices(&self) -> &Notices {
        &self.runtime.notices
    }

    /// The path field, while it is open.
    pub fn path_field(&self) -> Option<&PathField> {
        self.runtime.path_field.as_ref()
    }

    /// The presentation under way.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.runtime.presentation.as_ref()
    }

    /// The note being edited.
    pub fn note_editor(&self) -> Option<&NoteEditor> {
        self.runtime.note_editor.as_ref()
    }

    /// Whether a picture export is under way (its source line is drawn).
    pub fn picture_under_way(&self) -> bool {
        self.runtime.picture.is_some()
    }

    /// Whether company facts are being read.
    pub fn import_under_way(&self) -> bool {
        self.runtime.import.is_some()
    }

    /// Whether the window asks for the ticker of imported company facts.
    pub fn asks_for_ticker(&self) -> bool {
        self.runtime.ticker_prompt.is_some()
    }

    /// Charts drawn in the last frame.
    pub fn drawn_charts(&self) -> &[DrawnChart] {
        &self.runtime.drawn_charts
    }

    /// Queues a command, as a widget would; it is applied after the next frame is drawn.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Carries out one command now.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        apply::apply(self, ctx, command);
    }

    /// Applies every queued command; a changed state is drawn at once, not on the next input.
    pub fn apply_queued(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(ctx, command);
        }
    }

    /// After the loaded data changed: scenario presets for it, so no view makes them while
    /// drawing.
    fn data_changed(&mut self) {
        self.state.scenarios.ensure_presets(self.data.library());
    }
}

fn theme_preference(choice: ThemeChoice) -> ThemePreference {
    match choice {
        ThemeChoice::System => ThemePreference::System,
        ThemeChoice::Light => ThemePreference::Light,
        ThemeChoice::Dark => ThemePreference::Dark,
    }
}

impl eframe::App for FlywheelApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}

/// Opens the window on `library`, showing `startup_errors` (files named on the command line that
/// failed to load) in the problem panel.
pub fn run(library: Library, startup_errors: Vec<String>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Flywheel")
        .with_app_id("flywheel")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([960.0, 600.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Flywheel",
        options,
        Box::new(|cc| Ok(Box::new(FlywheelApp::new(cc, library, startup_errors)))),
    )
}
