//! The desktop app: [`FlywheelApp`] holds the persisted settings, the loaded data, the runtime
//! state and the commands pushed while drawing. `ui.rs` lays out the frame, `input.rs` turns keys
//! and drops into commands, `apply.rs` carries the commands out after drawing (with the file
//! handlers in `file_actions.rs`), and `pictures.rs` is the export subsystem that waits for a
//! frame to be captured. `recovery.rs` keeps the settings safe across crashes and damaged files.

mod apply;
mod file_actions;
mod imports;
mod input;
mod pictures;
pub mod recovery;
mod ui;

use std::path::PathBuf;

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

pub use imports::is_company_facts;
pub use pictures::PictureUnderWay;
use recovery::{Restored, SettingsSnapshot, SettingsStore};

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

/// Where the window saves its settings, and the copy the panic hook saves.
struct Persistence {
    store: SettingsStore,
    snapshot: SettingsSnapshot,
    /// An unreadable settings file could not be copied aside: never save over it.
    saving_blocked: bool,
}

/// The desktop app.
pub struct FlywheelApp {
    state: Settings,
    data: DataView,
    runtime: Runtime,
    commands: Vec<Command>,
    /// `None` for tests and `flywheel render`, which save nothing.
    persistence: Option<Persistence>,
}

impl FlywheelApp {
    /// Builds the app for eframe, restoring the settings of the last run from `store` (none
    /// where the platform has no storage folder). Installs the panic hook that saves them.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        library: Library,
        startup_errors: Vec<String>,
        store: Option<SettingsStore>,
    ) -> Self {
        let legacy = cc
            .storage
            .and_then(|storage| storage.get_string(eframe::APP_KEY));
        let mut app = match store {
            Some(store) => {
                let app = Self::restored(
                    &cc.egui_ctx,
                    library,
                    startup_errors,
                    store,
                    legacy.as_deref(),
                );
                if let Some(persistence) = &app.persistence {
                    recovery::install_panic_hook(
                        persistence.store.clone(),
                        SettingsSnapshot::clone(&persistence.snapshot),
                    );
                }
                app
            }
            None => Self::with_settings(&cc.egui_ctx, library, Settings::default(), startup_errors),
        };
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
            persistence: None,
        };
        app.data_changed();
        // What a hand-edited settings file can put out of range is brought back in, once, here:
        // the zoom (NaN or below zero made the windowing system panic) and the assumptions.
        app.state.presenter_zoom = crate::presenter::bounded_zoom(app.state.presenter_zoom);
        let changed = app.state.scenarios.bring_within_ranges(app.data.library());
        if let Some(first) = changed.first() {
            let more = match changed.len() {
                1 => String::new(),
                count => format!(" (and {} more)", count - 1),
            };
            app.runtime.notices.say(format!(
                "A saved assumption was out of its range and was brought within it: {first}{more}."
            ));
        }
        app
    }

    /// Builds the app on the settings saved in `store` (`legacy`: eframe's value under its app
    /// key, from before the settings had their own file), saying in the status line what could
    /// not be read or that the last run crashed. Marks this run as running until
    /// [`eframe::App::on_exit`].
    pub fn restored(
        ctx: &egui::Context,
        library: Library,
        startup_errors: Vec<String>,
        store: SettingsStore,
        legacy: Option<&str>,
    ) -> Self {
        let Restored {
            settings,
            notice,
            saving_blocked,
            ..
        } = store.restore(legacy);
        let snapshot = SettingsSnapshot::new(std::sync::Mutex::new(settings.clone()));
        let mut app = Self::with_settings(ctx, library, settings, startup_errors);
        if let Some(notice) = notice {
            app.runtime.notices.say(notice);
        }
        app.persistence = Some(Persistence {
            store,
            snapshot,
            saving_blocked,
        });
        app
    }

    /// Saves the settings to their own file through the atomic write (as eframe's `save`
    /// does); a failure is shown under "Could not save". Whether they were saved: not
    /// without a store, nor over a file that could not be kept aside.
    pub fn save_settings(&mut self) -> bool {
        let Some(persistence) = &self.persistence else {
            return false;
        };
        if persistence.saving_blocked {
            return false;
        }
        match persistence.store.save(&self.state) {
            Ok(()) => true,
            Err(error) => {
                self.runtime
                    .notices
                    .save_failed(format!("the settings: {error}"));
                false
            }
        }
    }

    /// After a frame: the copy the panic hook would save follows the settings.
    fn settings_drawn(&self) {
        if let Some(persistence) = &self.persistence {
            recovery::update_snapshot(&persistence.snapshot, &self.state);
        }
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
        self.settings_drawn();
    }

    /// The settings go to their own file through the atomic write. eframe's file (written in
    /// place) keeps a second copy, read when the first cannot be.
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // A failure is already shown; eframe's copy below is still worth writing.
        let _saved = self.save_settings();
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }

    fn on_exit(&mut self) {
        if let Some(persistence) = &self.persistence {
            persistence.store.mark_clean_exit();
        }
    }
}

/// Opens the window on `library`, showing `startup_errors` (files named on the command line that
/// failed to load) in the problem panel.
pub fn run(
    library: Library,
    startup_errors: Vec<String>,
    company_facts: Option<PathBuf>,
) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Flywheel")
        .with_app_id(recovery::APP_ID)
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
        Box::new(|cc| {
            let mut app = FlywheelApp::new(cc, library, startup_errors, SettingsStore::for_app());
            if let Some(path) = company_facts {
                app.start_import(path);
            }
            Ok(Box::new(app))
        }),
    )
}
