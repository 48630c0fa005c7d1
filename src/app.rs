//! The eframe application: lays out the panels, hands the centre to the current view, and
//! applies the commands the UI pushed, after drawing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui_wgpu::wgpu;
use egui::{CentralPanel, ColorImage, Key, Panel, ThemePreference, ViewportCommand};
use flywheel_model::{AddSummary, Library, LoadError};

use crate::chart::ViewContext;
use crate::command::Command;
use crate::data_view::DataView;
use crate::deck::Slide;
use crate::export::{
    self, DrawnChart, PendingPicture, PictureDestination, PictureRequest, PictureTarget,
};
use crate::panels::deck_panel;
use crate::panels::note_editor::{self, NoteEditor};
use crate::panels::{load_errors, side_panel, status_bar, top_bar};
use crate::presenter::{self, Presentation};
use crate::render::{OffscreenRenderer, encode_png};
use crate::scenario_state::UndoHistory;
use crate::settings::{Settings, ThemeChoice, View};
use crate::theme;
use crate::views;
use crate::views::scenario::ScenarioContext;

/// What the path field is for (where no system file dialog is available).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Load a dataset.
    OpenDataset,
    /// Open a scenario file.
    OpenScenario,
    /// Save the current scenario.
    SaveScenario,
    /// Open a deck file.
    OpenDeck,
    /// Save the deck.
    SaveDeck,
    /// Write an export (picture or CSV).
    SaveExport,
}

impl PathPurpose {
    /// What to do with the path chosen, in a dialog or the path field.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            Self::OpenDataset => Command::OpenPath(path),
            Self::OpenScenario => Command::OpenScenarioPath(path),
            Self::SaveScenario => Command::SaveScenarioPath(path),
            Self::OpenDeck => Command::OpenDeckPath(path),
            Self::SaveDeck => Command::SaveDeckPath(path),
            Self::SaveExport => Command::SaveExportPath(path),
        }
    }

    /// Said when the system file dialog returned at once: it was never shown.
    fn no_dialog_message(self) -> &'static str {
        match self {
            Self::OpenDataset => {
                "No system file dialog is available: type the file's path instead."
            }
            Self::OpenScenario => {
                "No system file dialog is available: type the scenario's path instead."
            }
            Self::SaveScenario => "No system file dialog is available: type where to save instead.",
            Self::OpenDeck | Self::SaveDeck | Self::SaveExport => {
                "No system file dialog is available: type the path instead."
            }
        }
    }

    /// Said when the user closed the dialog without choosing.
    fn nothing_chosen_message(self) -> &'static str {
        match self {
            Self::OpenScenario => "No scenario chosen.",
            Self::SaveScenario => "Not saved.",
            Self::OpenDataset | Self::OpenDeck | Self::SaveDeck | Self::SaveExport => {
                "No file chosen."
            }
        }
    }
}

/// An export waiting for the user to say where it goes.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportChoice {
    /// A picture of a chart or the window.
    Picture {
        /// Chart or window.
        target: PictureTarget,
        /// 1 or 2.
        scale: u8,
    },
    /// Numbers as CSV: one chart's, or the whole view's.
    Csv {
        /// The chart's id, or `None` for the view.
        chart: Option<String>,
    },
}

/// A dialog that returns this fast was most likely never shown (no desktop portal).
const DIALOG_UNAVAILABLE_WITHIN: Duration = Duration::from_millis(300);

/// The desktop app.
pub struct FlywheelApp {
    /// Persisted settings.
    pub settings: Settings,
    /// Loaded datasets and cached series.
    pub data: DataView,
    /// Error lines of the last files that failed to load.
    pub load_errors: Vec<String>,
    /// Last status message.
    pub message: Option<String>,
    /// Text of the path field.
    pub path_field: String,
    /// Whether the path field is open.
    pub path_window_open: bool,
    /// Put the cursor in the path field on its next frame.
    path_focus_pending: bool,
    /// What the path field is for.
    pub path_purpose: PathPurpose,
    /// Undo history of scenario edits (not persisted).
    pub history: UndoHistory,
    /// The presentation under way, if any.
    pub presentation: Option<Presentation>,
    /// While a picture is exported (or rendered by `flywheel render`): the source line it
    /// carries, drawn under the exported chart or along the bottom of the window.
    pub export_footer: Option<String>,
    /// Charts drawn in the last frame, where they are and what they show.
    pub drawn_charts: Vec<DrawnChart>,
    /// The export waiting for a file name.
    export_choice: Option<ExportChoice>,
    /// The picture export under way.
    pending_picture: Option<PendingPicture>,
    /// The note being written or edited.
    pub note_editor: Option<NoteEditor>,
    /// The window's graphics device, shared for 2× exports (`None` without wgpu).
    gpu: Option<(wgpu::Device, wgpu::Queue)>,
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
        app.gpu = cc
            .wgpu_render_state
            .as_ref()
            .map(|state| (state.device.clone(), state.queue.clone()));
        app
    }

    /// Builds the app with given settings (also used by tests, which have no storage).
    pub fn with_settings(
        ctx: &egui::Context,
        library: Library,
        settings: Settings,
        startup_errors: Vec<String>,
    ) -> Self {
        theme::install_fonts(ctx);
        ctx.set_theme(theme_preference(settings.theme));
        Self {
            settings,
            data: DataView::new(library),
            load_errors: startup_errors,
            message: None,
            path_field: String::new(),
            path_window_open: false,
            path_focus_pending: false,
            path_purpose: PathPurpose::OpenDataset,
            history: UndoHistory::default(),
            presentation: None,
            export_footer: None,
            drawn_charts: Vec::new(),
            export_choice: None,
            pending_picture: None,
            note_editor: None,
            gpu: None,
            commands: Vec::new(),
        }
    }

    /// Keyboard shortcuts and dropped files become commands.
    fn handle_input(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::F11)) {
            self.commands.push(Command::ToggleFullscreen);
        }
        if self.presentation.is_some() {
            presenter::keys(ctx, &mut self.commands);
            return;
        }
        if ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::F5)) {
            self.commands.push(Command::EnterPresenter);
        }
        let in_scenario = self.settings.view == View::Scenario;
        if ctx.input_mut(|input| input.consume_shortcut(&top_bar::OPEN_SHORTCUT)) {
            // In the Scenario view, Ctrl+O opens a scenario; elsewhere a dataset.
            self.commands.push(if in_scenario {
                Command::OpenScenarioDialog
            } else {
                Command::OpenDialog
            });
        }
        // The more specific shortcuts first: Ctrl+Shift+S also matches Ctrl+S.
        if ctx.input_mut(|input| input.consume_shortcut(&top_bar::SAVE_AS_SHORTCUT)) {
            self.commands.push(Command::SaveScenarioAs);
        }
        if ctx.input_mut(|input| input.consume_shortcut(&top_bar::SAVE_SHORTCUT)) {
            self.commands.push(Command::SaveScenario);
        }
        if in_scenario && !ctx.egui_wants_keyboard_input() {
            if ctx.input_mut(|input| input.consume_shortcut(&top_bar::REDO_SHORTCUT)) {
                self.commands.push(Command::Redo);
            }
            if ctx.input_mut(|input| input.consume_shortcut(&top_bar::UNDO_SHORTCUT)) {
                self.commands.push(Command::Undo);
            }
        }
        if ctx.input_mut(|input| input.consume_shortcut(&top_bar::QUIT_SHORTCUT)) {
            self.commands.push(Command::Quit);
        }
        if !ctx.egui_wants_keyboard_input() {
            let keys = [
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
            ];
            for (key, view) in keys.into_iter().zip(View::ALL) {
                if ctx.input(|input| input.key_pressed(key) && input.modifiers.is_none()) {
                    self.commands.push(Command::ShowView(view));
                }
            }
        }
        let dropped = ctx.input(|input| input.raw.dropped_files.clone());
        for file in dropped {
            let path = file.path();
            if path.is_absolute() {
                self.commands.push(Command::OpenPath(path.to_path_buf()));
            } else {
                // Without a real path (web), read the contents the integration holds.
                let name = path.display().to_string();
                match file.bytes() {
                    Ok(bytes) => self.commands.push(Command::OpenBytes { name, bytes }),
                    Err(error) => {
                        self.load_errors =
                            vec![format!("{name}:1:1: cannot read the dropped file: {error}")];
                    }
                }
            }
        }
    }

    /// Carries out one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => self.open_dialog(),
            Command::ShowPathField => self.show_path_field(PathPurpose::OpenDataset),
            Command::OpenPath(path) => {
                let name = path.display().to_string();
                let result = self.data.library_mut().add_file(&path);
                self.report_load(&name, result);
            }
            Command::OpenBytes { name, bytes } => {
                let result = self.data.library_mut().add_bytes(&name, &bytes);
                self.report_load(&name, result);
            }
            Command::ShowView(view) => self.settings.view = view,
            Command::ToggleCompany(ticker) => {
                if !self.settings.hidden_companies.remove(&ticker) {
                    self.settings.hidden_companies.insert(ticker);
                }
            }
            Command::SetFrequency(frequency) => self.settings.frequency = frequency,
            Command::SetAlignment(alignment) => self.settings.alignment = alignment,
            Command::SetTheme(choice) => {
                self.settings.theme = choice;
                ctx.set_theme(theme_preference(choice));
            }
            Command::ToggleTable(id) => {
                if !self.settings.tables_shown.remove(&id) {
                    self.settings.tables_shown.insert(id);
                }
            }
            Command::DismissErrors => self.load_errors.clear(),
            Command::SaveScenario => match self.settings.scenarios.path.clone() {
                Some(path) => self.save_scenario(&path),
                None => self.save_scenario_dialog(),
            },
            Command::SaveScenarioAs => self.save_scenario_dialog(),
            Command::OpenScenarioDialog => self.open_scenario_dialog(),
            Command::OpenScenarioPath(path) => self.open_scenario(&path),
            Command::SaveScenarioPath(path) => self.save_scenario(&path),
            Command::EnterPresenter => {
                if self.settings.deck.slides.is_empty() {
                    self.message =
                        Some("The deck has no slides: add the current view first.".to_owned());
                } else {
                    self.presentation = Some(Presentation {
                        slide: 0,
                        blank: false,
                        view_before: Slide::from_settings(&self.settings),
                    });
                    self.show_slide(self.settings.selected_slide);
                    let theme = ctx.theme();
                    ctx.set_visuals_of(theme, presenter::presentation_visuals(theme));
                    ctx.set_zoom_factor(self.settings.presenter_zoom);
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
                }
            }
            Command::ExitPresenter => {
                if let Some(presentation) = self.presentation.take() {
                    // Restore exactly what slides change; edits made while presenting
                    // (a moved scenario slider, a retitled slide) stay.
                    self.settings = presentation.view_before.apply_to(&self.settings);
                    ctx.set_visuals_of(egui::Theme::Dark, egui::Visuals::dark());
                    ctx.set_visuals_of(egui::Theme::Light, egui::Visuals::light());
                    ctx.set_zoom_factor(1.0);
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
                }
            }
            Command::NextSlide => {
                let next = self
                    .presentation
                    .as_ref()
                    .map_or(0, |presentation| presentation.slide + 1);
                self.show_slide(next);
            }
            Command::PreviousSlide => {
                let previous = self
                    .presentation
                    .as_ref()
                    .map_or(0, |presentation| presentation.slide.saturating_sub(1));
                self.show_slide(previous);
            }
            Command::GoToSlide(index) => self.show_slide(index),
            Command::ToggleBlank => {
                if let Some(presentation) = &mut self.presentation {
                    presentation.blank = !presentation.blank;
                }
            }
            Command::Zoom { up } => {
                self.settings.presenter_zoom =
                    presenter::step_zoom(self.settings.presenter_zoom, up);
                if self.presentation.is_some() {
                    ctx.set_zoom_factor(self.settings.presenter_zoom);
                }
            }
            Command::ToggleFullscreen => {
                let fullscreen = ctx.input(|input| input.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(!fullscreen));
            }
            Command::AddSlide => {
                self.settings
                    .deck
                    .slides
                    .push(Slide::from_settings(&self.settings));
                self.settings.selected_slide = self.settings.deck.slides.len() - 1;
            }
            Command::DeleteSlide(index) => {
                if index < self.settings.deck.slides.len() {
                    self.settings.deck.slides.remove(index);
                    self.settings.selected_slide =
                        index.min(self.settings.deck.slides.len().saturating_sub(1));
                }
            }
            Command::MoveSlide { index, up } => {
                let slides = &mut self.settings.deck.slides;
                let target = if up {
                    index.checked_sub(1)
                } else {
                    Some(index + 1).filter(|target| *target < slides.len())
                };
                if let Some(target) = target.filter(|_| index < slides.len()) {
                    slides.swap(index, target);
                    self.settings.selected_slide = target;
                }
            }
            Command::OpenDeckDialog => self.file_dialog(PathPurpose::OpenDeck),
            Command::SaveDeckAs => self.file_dialog(PathPurpose::SaveDeck),
            Command::OpenDeckPath(path) => match crate::deck::load_deck(&path) {
                Ok(deck) => {
                    self.message = Some(format!(
                        "Opened deck {} ({} slides).",
                        path.display(),
                        deck.slides.len()
                    ));
                    self.settings.deck = deck;
                    self.settings.selected_slide = 0;
                    self.path_window_open = false;
                }
                Err(error) => {
                    self.load_errors = error.errors.iter().map(ToString::to_string).collect();
                }
            },
            Command::SaveDeckPath(path) => {
                let written = self
                    .settings
                    .deck
                    .to_ron()
                    .map_err(|error| error.to_string())
                    .and_then(|text| {
                        std::fs::write(&path, text).map_err(|error| error.to_string())
                    });
                match written {
                    Ok(()) => {
                        self.message = Some(format!("Saved deck to {}.", path.display()));
                        self.path_window_open = false;
                    }
                    Err(error) => {
                        self.load_errors = vec![format!(
                            "{}:1:1: cannot save the deck: {error}",
                            path.display()
                        )];
                    }
                }
            }
            Command::Undo => {
                if !self.history.undo(&mut self.settings.scenarios) {
                    self.message = Some("Nothing to undo.".to_owned());
                }
            }
            Command::Redo => {
                if !self.history.redo(&mut self.settings.scenarios) {
                    self.message = Some("Nothing to redo.".to_owned());
                }
            }
            Command::ExportPicture { target, scale } => {
                self.export_dialog(ExportChoice::Picture { target, scale });
            }
            Command::CopyPicture(target) => self.start_picture(
                ctx,
                PictureRequest {
                    target,
                    scale: 1,
                    destination: PictureDestination::Clipboard,
                },
            ),
            Command::ExportCsv { chart } => self.export_dialog(ExportChoice::Csv { chart }),
            Command::SaveExportPath(path) => match self.export_choice.take() {
                Some(ExportChoice::Picture { target, scale }) => self.start_picture(
                    ctx,
                    PictureRequest {
                        target,
                        scale,
                        destination: PictureDestination::File(path),
                    },
                ),
                Some(ExportChoice::Csv { chart }) => self.write_csv(chart.as_deref(), &path),
                None => {}
            },
            Command::NewNote(note) => {
                self.note_editor = Some(NoteEditor {
                    index: None,
                    draft: self.complete_note(note),
                    focus_pending: true,
                });
            }
            Command::EditNote(index) => {
                if let Some(note) = self.settings.deck.annotations.get(index) {
                    self.note_editor = Some(NoteEditor {
                        index: Some(index),
                        draft: note.clone(),
                        focus_pending: true,
                    });
                }
            }
            Command::SaveNote { index, note } => {
                let notes = &mut self.settings.deck.annotations;
                match index.and_then(|index| notes.get_mut(index)) {
                    Some(existing) => *existing = note,
                    None => notes.push(note),
                }
                self.note_editor = None;
            }
            Command::DeleteNote(index) => {
                if index < self.settings.deck.annotations.len() {
                    let note = self.settings.deck.annotations.remove(index);
                    self.message = Some(format!("Deleted the note on {}.", note.pinned_to()));
                }
                self.note_editor = None;
            }
            Command::CloseNoteEditor => self.note_editor = None,
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
        }
    }

    /// Writes an export to `path` without asking, as the answer of the save dialog does (for
    /// scripts and tests, which have no dialog).
    pub fn export_to(&mut self, ctx: &egui::Context, choice: ExportChoice, path: PathBuf) {
        self.export_choice = Some(choice);
        self.apply(ctx, Command::SaveExportPath(path));
    }

    /// Fills a blank note's company, metric and period with what is on screen: the first
    /// company shown, the first chart's metric, its latest period with a value.
    fn complete_note(&self, mut note: crate::deck::Annotation) -> crate::deck::Annotation {
        if note.company.is_empty() {
            let visuals = egui::Visuals::default();
            if let Some(company) = self.data.shown(&self.settings, &visuals).first() {
                note.company.clone_from(&company.dataset.company.ticker);
            }
            if let Some(chart) = self.drawn_charts.first() {
                note.metric = chart.metric;
            }
        }
        if note.period.is_empty() {
            let periods = note_editor::periods_with_values(&self.data, &self.settings, &note);
            note.period = periods.last().cloned().unwrap_or_default();
        }
        note
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

    fn show_path_field(&mut self, purpose: PathPurpose) {
        self.path_purpose = purpose;
        self.path_window_open = true;
        self.path_focus_pending = true;
    }

    fn open_dialog(&mut self) {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open Flywheel dataset")
            .add_filter("Flywheel datasets", &["ron", "csv"])
            .pick_files();
        match picked {
            Some(paths) => self
                .commands
                .extend(paths.into_iter().map(Command::OpenPath)),
            None => self.after_dialog(PathPurpose::OpenDataset, None, started),
        }
    }

    /// The system dialog for a deck file, or the path field where there is none.
    fn file_dialog(&mut self, purpose: PathPurpose) {
        let started = Instant::now();
        let dialog = rfd::FileDialog::new().add_filter("Flywheel decks", &["ron"]);
        let picked = match purpose {
            PathPurpose::SaveDeck => dialog
                .set_title("Save deck")
                .set_file_name("deck.ron")
                .save_file(),
            _ => dialog.set_title("Open deck").pick_file(),
        };
        self.after_dialog(purpose, picked, started);
    }

    /// Where a file dialog's answer goes: a command, or the path field when no dialog was shown.
    fn after_dialog(&mut self, purpose: PathPurpose, picked: Option<PathBuf>, started: Instant) {
        match picked {
            Some(path) => self.commands.push(purpose.command(path)),
            None if started.elapsed() < DIALOG_UNAVAILABLE_WITHIN => {
                self.message = Some(purpose.no_dialog_message().to_owned());
                self.show_path_field(purpose);
            }
            None => self.message = Some(purpose.nothing_chosen_message().to_owned()),
        }
    }

    /// Asks where an export goes.
    fn export_dialog(&mut self, choice: ExportChoice) {
        let (title, file_name, filter, extension) = match &choice {
            ExportChoice::Picture { target, scale } => (
                "Export picture",
                export::picture_file_name(target, *scale, self.settings.view),
                "PNG pictures",
                "png",
            ),
            ExportChoice::Csv { chart } => (
                "Export numbers",
                format!(
                    "flywheel-{}.csv",
                    chart
                        .clone()
                        .unwrap_or_else(|| self.settings.view.title().to_lowercase())
                ),
                "CSV files",
                "csv",
            ),
        };
        self.export_choice = Some(choice);
        // Where no dialog exists, the path field offers the name in the working directory.
        self.path_field = std::env::current_dir()
            .map(|directory| directory.join(&file_name).display().to_string())
            .unwrap_or_else(|_| file_name.clone());
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(filter, &[extension])
            .set_file_name(file_name)
            .save_file();
        self.after_dialog(PathPurpose::SaveExport, picked, started);
    }

    /// Starts a picture export: the next frame carries the source line and is captured.
    fn start_picture(&mut self, ctx: &egui::Context, request: PictureRequest) {
        if let PictureTarget::Chart(id) = &request.target
            && export::chart_rect(&self.drawn_charts, &request.target).is_none()
        {
            self.message = Some(format!(
                "The chart {id} is not on screen: nothing exported."
            ));
            return;
        }
        self.export_footer = Some(self.source_line());
        // A picture carries the data, not the last status message.
        self.message = None;
        self.pending_picture = Some(PendingPicture {
            request,
            requested: false,
            crop: None,
            slot: export::ScreenshotSlot::default(),
        });
        ctx.request_repaint();
    }

    /// The source line of an exported picture of what is shown now.
    pub fn source_line(&self) -> String {
        export::source_line(&self.data, &self.settings, export::today())
    }

    /// Moves a picture export on, once per frame after drawing: asks for the screenshot of the
    /// frame that carries the source line (or draws it off-screen at 2×), then writes it out.
    fn advance_picture(&mut self, ctx: &egui::Context) {
        let Some(pending) = &mut self.pending_picture else {
            return;
        };
        if !pending.requested {
            pending.requested = true;
            if pending.request.scale > 1 {
                let request = pending.request.clone();
                let picture = self.render_offscreen(ctx, &request);
                self.finish_picture(ctx, &request, picture);
            } else {
                pending.crop = export::chart_rect(&self.drawn_charts, &pending.request.target);
                let slot = pending.slot.clone();
                let repaint = ctx.clone();
                ctx.send_viewport_cmd(ViewportCommand::Screenshot(egui::ScreenshotCallback::new(
                    move |image| {
                        if let Ok(mut slot) = slot.lock() {
                            *slot = Some(image);
                        }
                        repaint.request_repaint();
                    },
                )));
            }
            return;
        }
        let image = pending.slot.lock().ok().and_then(|mut slot| slot.take());
        if let Some(image) = image {
            let request = pending.request.clone();
            let picture = export::crop(&image, pending.crop, ctx.pixels_per_point());
            self.finish_picture(ctx, &request, Ok(picture));
        }
    }

    /// Draws what is shown now off-screen at the request's scale times the screen's density, on
    /// the window's device where there is one; cropped to the exported chart.
    fn render_offscreen(
        &self,
        ctx: &egui::Context,
        request: &PictureRequest,
    ) -> Result<ColorImage, String> {
        let offscreen = egui::Context::default();
        offscreen.options_mut(|options| *options = ctx.options(Clone::clone));
        let mut copy = Self::with_settings(
            &offscreen,
            self.data.library().clone(),
            self.settings.clone(),
            Vec::new(),
        );
        copy.presentation.clone_from(&self.presentation);
        copy.message.clone_from(&self.message);
        copy.export_footer.clone_from(&self.export_footer);
        copy.pending_picture = Some(PendingPicture {
            request: request.clone(),
            // Marked as under way, so the copy draws the source line but exports nothing.
            requested: true,
            crop: None,
            slot: export::ScreenshotSlot::default(),
        });
        let mut renderer = match &self.gpu {
            Some((device, queue)) => OffscreenRenderer::on_device(device.clone(), queue.clone()),
            None => OffscreenRenderer::new().map_err(|error| error.to_string())?,
        };
        let native = ctx.native_pixels_per_point().unwrap_or(1.0) * f32::from(request.scale);
        let size = ctx.content_rect().size() * ctx.zoom_factor();
        let image = renderer
            .render_app(&offscreen, &mut copy, size, native)
            .map_err(|error| error.to_string())?;
        let crop = export::chart_rect(&copy.drawn_charts, &request.target);
        Ok(export::crop(&image, crop, offscreen.pixels_per_point()))
    }

    /// Writes a finished picture to its file or the clipboard and ends the export.
    fn finish_picture(
        &mut self,
        ctx: &egui::Context,
        request: &PictureRequest,
        picture: Result<ColorImage, String>,
    ) {
        self.pending_picture = None;
        self.export_footer = None;
        ctx.request_repaint();
        let picture = match picture {
            Ok(picture) => picture,
            Err(error) => {
                self.message = Some(format!("The picture could not be made: {error}"));
                return;
            }
        };
        let [width, height] = picture.size;
        match &request.destination {
            PictureDestination::Clipboard => {
                ctx.copy_image(picture);
                self.message = Some(format!(
                    "Copied a {width}×{height} picture to the clipboard."
                ));
            }
            PictureDestination::File(path) => {
                let written = encode_png(&picture).and_then(|bytes| {
                    std::fs::write(path, bytes).map_err(|error| error.to_string())
                });
                match written {
                    Ok(()) => {
                        self.message = Some(format!(
                            "Saved {} ({width}×{height} pixels).",
                            path.display()
                        ));
                        self.path_window_open = false;
                    }
                    Err(error) => {
                        self.load_errors = vec![format!(
                            "{}:1:1: cannot save the picture: {error}",
                            path.display()
                        )];
                    }
                }
            }
        }
    }

    /// Writes the numbers behind a chart, or behind the whole view, as CSV.
    fn write_csv(&mut self, chart: Option<&str>, path: &Path) {
        let text = if self.settings.view == View::Scenario && chart.is_none() {
            let workspace = &self.settings.scenarios;
            let library = self.data.library();
            let name = workspace
                .current()
                .map_or_else(String::new, |scenario| scenario.name.clone());
            let projections: Vec<_> = workspace
                .current()
                .map(|scenario| scenario.project(library))
                .unwrap_or_default()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|projection| !self.settings.hidden_companies.contains(&projection.ticker))
                .collect();
            export::projection_csv(&name, &projections)
        } else {
            let mut metrics: Vec<flywheel_model::Metric> = Vec::new();
            if chart.is_none() && self.settings.view == View::Overview {
                metrics.extend(views::overview::KPI_METRICS);
            }
            for drawn in &self.drawn_charts {
                if chart.is_none_or(|id| id == drawn.id) && !metrics.contains(&drawn.metric) {
                    metrics.push(drawn.metric);
                }
            }
            let visuals = egui::Visuals::default();
            let companies = self.data.shown(&self.settings, &visuals);
            let series: Vec<_> = metrics
                .iter()
                .flat_map(|metric| {
                    companies.iter().map(|company| {
                        (
                            *metric,
                            self.data.series(company.dataset, *metric, &self.settings),
                        )
                    })
                })
                .collect();
            let rows: Vec<_> = series
                .iter()
                .map(|(metric, series)| (*metric, series.as_ref()))
                .collect();
            export::series_csv(&rows, &self.settings)
        };
        let written =
            text.and_then(|text| std::fs::write(path, text).map_err(|error| error.to_string()));
        match written {
            Ok(()) => {
                self.message = Some(format!("Saved the numbers to {}.", path.display()));
                self.path_window_open = false;
            }
            Err(error) => {
                self.load_errors = vec![format!(
                    "{}:1:1: cannot save the numbers: {error}",
                    path.display()
                )];
            }
        }
    }

    fn open_scenario_dialog(&mut self) {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open scenario")
            .add_filter("Flywheel scenarios", &["ron"])
            .pick_file();
        self.after_dialog(PathPurpose::OpenScenario, picked, started);
    }

    fn save_scenario_dialog(&mut self) {
        let started = Instant::now();
        let name = self
            .settings
            .scenarios
            .current()
            .map_or_else(|| "scenario".to_owned(), |scenario| scenario.name.clone());
        let picked = rfd::FileDialog::new()
            .set_title("Save scenario")
            .add_filter("Flywheel scenarios", &["ron"])
            .set_file_name(format!("{name}.ron"))
            .save_file();
        self.after_dialog(PathPurpose::SaveScenario, picked, started);
    }

    /// Writes the current scenario, stamped with the fingerprint of the data it was made with.
    fn save_scenario(&mut self, path: &Path) {
        let fingerprint = flywheel_model::data_fingerprint(self.data.library());
        let workspace = &mut self.settings.scenarios;
        let Some(scenario) = workspace.current_mut() else {
            return;
        };
        scenario.data_fingerprint = fingerprint;
        let written = scenario
            .to_ron()
            .map_err(|error| error.to_string())
            .and_then(|text| std::fs::write(path, text).map_err(|error| error.to_string()));
        match written {
            Ok(()) => {
                workspace.path = Some(path.to_path_buf());
                workspace.unsaved = false;
                self.message = Some(format!("Saved scenario to {}.", path.display()));
                self.path_window_open = false;
            }
            Err(error) => {
                self.load_errors = vec![format!(
                    "{}:1:1: cannot save the scenario: {error}",
                    path.display()
                )];
            }
        }
    }

    /// Reads a scenario file; a bad one changes nothing and lists its errors.
    fn open_scenario(&mut self, path: &Path) {
        let name = path.display().to_string();
        let scenario = flywheel_model::load_scenario(path);
        match scenario {
            Ok(scenario) => {
                let warnings = scenario.warnings_against(self.data.library());
                let workspace = &mut self.settings.scenarios;
                self.history.record(&workspace.scenarios);
                workspace.scenarios.push(scenario);
                workspace.current = workspace.scenarios.len() - 1;
                workspace.path = Some(path.to_path_buf());
                workspace.unsaved = false;
                self.message = Some(if warnings.is_empty() {
                    format!("Opened scenario {name}.")
                } else {
                    format!("Opened {name} — {}", warnings.join("; "))
                });
                self.path_window_open = false;
            }
            Err(error) => self.load_errors = error.errors.iter().map(ToString::to_string).collect(),
        }
    }

    fn report_load(&mut self, name: &str, result: Result<AddSummary, LoadError>) {
        let file = Path::new(name).file_name().map_or_else(
            || name.to_owned(),
            |file| file.to_string_lossy().into_owned(),
        );
        match result {
            Ok(summary) => {
                let mut parts = Vec::new();
                if !summary.added.is_empty() {
                    parts.push(format!("added {}", summary.added.join(", ")));
                }
                if !summary.replaced.is_empty() {
                    parts.push(format!("replaced {}", summary.replaced.join(", ")));
                }
                self.message = Some(format!("Loaded {file}: {}.", parts.join("; ")));
                self.path_window_open = false;
            }
            Err(error) => {
                let count = error.errors.len();
                self.message = Some(format!(
                    "{file} was not loaded: {count} error{}.",
                    if count == 1 { "" } else { "s" }
                ));
                self.load_errors = error.errors.iter().map(ToString::to_string).collect();
            }
        }
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
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

impl FlywheelApp {
    /// One frame: panels, the view, then the queued commands. Separate from `eframe::App::ui`
    /// so benchmarks can draw frames without a window.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_input(&ctx);
        self.drawn_charts.clear();
        let window_footer = self
            .export_footer
            .clone()
            .filter(|_| !self.exporting_a_chart());
        if let Some(line) = window_footer {
            Panel::bottom("export_footer").show(ui, |ui| {
                ui.label(egui::RichText::new(line).small());
            });
        }
        if let Some(presentation) = self.presentation.clone() {
            self.draw_presentation(ui, &presentation);
        } else {
            Panel::top("top_bar")
                .show(ui, |ui| top_bar::ui(ui, &self.settings, &mut self.commands));
            Panel::bottom("status_bar").show(ui, |ui| {
                status_bar::ui(ui, &self.data, self.message.as_deref());
            });
            if !self.load_errors.is_empty() {
                Panel::bottom("load_errors").show(ui, |ui| {
                    load_errors::error_panel(ui, &self.load_errors, &mut self.commands);
                });
            }
            let range = Panel::left("side_panel")
                .resizable(false)
                .exact_size(240.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| {
                            let range =
                                side_panel::ui(ui, &self.data, &self.settings, &mut self.commands);
                            deck_panel::ui(
                                ui,
                                &mut self.settings.deck,
                                &mut self.settings.selected_slide,
                                &mut self.commands,
                            );
                            range
                        })
                        .inner
                })
                .inner;
            self.settings.first_year = range.first;
            self.settings.last_year = range.last;
            CentralPanel::default().show(ui, |ui| self.draw_view(ui, 2.5));
        }
        if let Some(editor) = &mut self.note_editor {
            note_editor::window(&ctx, editor, &self.data, &self.settings, &mut self.commands);
        }
        if self.path_window_open {
            load_errors::path_window(
                &ctx,
                self.path_purpose,
                &mut self.path_field,
                &mut self.path_window_open,
                &mut self.path_focus_pending,
                &mut self.commands,
            );
        }
        if ctx.input(|input| !input.raw.hovered_files.is_empty()) {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-overlay"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                "Drop .ron or .csv datasets to load them",
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }
        self.apply_queued(&ctx);
        self.advance_picture(&ctx);
    }

    /// Whether the export under way is of one chart (its source line goes under the chart).
    fn exporting_a_chart(&self) -> bool {
        self.pending_picture
            .as_ref()
            .is_some_and(|pending| matches!(pending.request.target, PictureTarget::Chart(_)))
    }

    /// The current view in the central area; `line_width` grows in presenter mode.
    fn draw_view(&mut self, ui: &mut egui::Ui, line_width: f32) {
        if self.settings.view == View::Scenario {
            // The workspace is edited in place while the rest of the settings are read.
            let mut workspace = std::mem::take(&mut self.settings.scenarios);
            let mut context = ScenarioContext {
                data: &self.data,
                settings: &self.settings,
                workspace: &mut workspace,
                history: &mut self.history,
                commands: &mut self.commands,
            };
            views::scenario::ui(ui, &mut context);
            self.settings.scenarios = workspace;
        } else {
            let exported_chart =
                self.pending_picture
                    .as_ref()
                    .and_then(|pending| match &pending.request.target {
                        PictureTarget::Chart(id) => Some(id.as_str()),
                        PictureTarget::Window => None,
                    });
            let mut view = ViewContext {
                data: &self.data,
                settings: &self.settings,
                commands: &mut self.commands,
                line_width,
                drawn_charts: &mut self.drawn_charts,
                source_line: exported_chart.zip(self.export_footer.as_deref()),
                exporting: self.export_footer.is_some(),
            };
            views::show(ui, &mut view);
        }
    }

    /// A slide: title and counter on top, the view, the takeaway below; or a blank screen.
    fn draw_presentation(&mut self, ui: &mut egui::Ui, presentation: &Presentation) {
        if presentation.blank {
            CentralPanel::default().show(ui, |ui| {
                ui.allocate_space(ui.available_size());
            });
            return;
        }
        Panel::top("presenter_title").show(ui, |ui| {
            presenter::title_bar(ui, &self.settings.deck, presentation);
        });
        Panel::bottom("presenter_takeaway").show(ui, |ui| {
            presenter::takeaway(ui, &self.settings.deck, presentation);
        });
        CentralPanel::default().show(ui, |ui| self.draw_view(ui, 4.0));
    }

    /// Shows slide `index` (clamped to the deck) with the settings it holds.
    fn show_slide(&mut self, index: usize) {
        let Some(presentation) = &mut self.presentation else {
            return;
        };
        let last = self.settings.deck.slides.len().saturating_sub(1);
        presentation.slide = index.min(last);
        presentation.blank = false;
        if let Some(slide) = self.settings.deck.slides.get(presentation.slide) {
            self.settings = slide.apply_to(&self.settings);
        }
        self.settings.selected_slide = presentation.slide;
    }
}

/// Opens the window on `library`, showing `startup_errors` (files named on the command line that
/// failed to load) in the error panel.
pub fn run(library: Library, startup_errors: Vec<String>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Flywheel")
        .with_app_id("flywheel")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([960.0, 600.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
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
