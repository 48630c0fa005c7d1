//! What happens to a chosen file: every [`FileAction`] is carried out here, from a dialog, the
//! path field, a drop or the command line alike. Every write goes through `write_atomic`.

use std::path::Path;

use flywheel_model::metrics::Transform;
use flywheel_model::{AddSummary, LoadError};

use crate::command::Command;
use crate::export::{self, ExportChoice, PictureDestination, PictureRequest};
use crate::files::{self, DialogAnswer, FileAction, PathField, SaveError, write_atomic};
use crate::lens::View;
use crate::render::{PictureRenderer, RenderError, RendererChoice};
use crate::views;

use super::FlywheelApp;

impl FlywheelApp {
    /// Shows the system dialog for `action`, or the path field where there is none.
    pub(super) fn ask_file(&mut self, action: FileAction) {
        let suggested = self.suggested_file_name(&action);
        match files::ask(&action, &suggested) {
            DialogAnswer::Chosen(paths) => self.commands.extend(
                paths
                    .into_iter()
                    .map(|path| Command::FileChosen(action.clone(), path)),
            ),
            DialogAnswer::Cancelled => self.runtime.notices.say(action.nothing_chosen_message()),
            DialogAnswer::Unavailable => {
                self.runtime.notices.say(action.no_dialog_message());
                // For a save, the path field offers the suggested name in the working folder.
                let text = if action.writes() {
                    std::env::current_dir()
                        .map(|folder| folder.join(&suggested).display().to_string())
                        .unwrap_or(suggested)
                } else {
                    String::new()
                };
                self.show_path_field(action, text);
            }
        }
    }

    pub(super) fn show_path_field(&mut self, action: FileAction, text: String) {
        self.runtime.path_field = Some(PathField {
            action,
            text,
            focus_pending: true,
        });
    }

    fn suggested_file_name(&self, action: &FileAction) -> String {
        match action {
            FileAction::SaveScenario => format!(
                "{}.ron",
                self.state
                    .scenarios
                    .current()
                    .map_or("scenario", |scenario| scenario.name.as_str())
            ),
            FileAction::SaveDeck => "deck.ron".to_owned(),
            FileAction::ExportDeckPdf => "deck.pdf".to_owned(),
            FileAction::Export(choice) => {
                files::export_file_name(choice, self.state.lens.view.title())
            }
            FileAction::OpenDataset | FileAction::OpenScenario | FileAction::OpenDeck => {
                String::new()
            }
        }
    }

    /// Carries out `action` on `path`.
    pub(super) fn file_chosen(&mut self, ctx: &egui::Context, action: FileAction, path: &Path) {
        match action {
            FileAction::OpenDataset
                if super::imports::is_company_facts(&path.to_string_lossy()) =>
            {
                self.start_import(path.to_path_buf());
            }
            FileAction::OpenDataset => {
                let result = self.data.library_mut().add_file(path);
                self.report_load(&path.display().to_string(), result);
            }
            FileAction::OpenScenario => self.open_scenario(path),
            FileAction::SaveScenario => self.save_scenario_to(path),
            FileAction::OpenDeck => match crate::deck::load_deck(path) {
                Ok(deck) => {
                    self.runtime.notices.say(format!(
                        "Opened deck {} ({} slides).",
                        path.display(),
                        deck.slides.len()
                    ));
                    self.state.deck = deck;
                    self.state.selected_slide = 0;
                    self.runtime.path_field = None;
                }
                Err(error) => self.runtime.notices.load_failed(&error),
            },
            FileAction::SaveDeck => {
                let written = self
                    .state
                    .deck
                    .to_ron()
                    .map_err(SaveError::from)
                    .and_then(|text| Ok(write_atomic(path, text.as_bytes())?));
                self.report_save(written, format!("Saved deck to {}.", path.display()));
            }
            FileAction::Export(ExportChoice::Picture { target, scale }) => self.start_picture(
                ctx,
                PictureRequest {
                    target,
                    scale,
                    destination: PictureDestination::File(path.to_path_buf()),
                },
            ),
            FileAction::ExportDeckPdf => {
                let written = self
                    .deck_as_pdf()
                    .map_err(SaveError::from)
                    .and_then(|bytes| Ok(write_atomic(path, &bytes)?));
                self.report_save(written, format!("Saved the deck to {}.", path.display()));
            }
            FileAction::Export(ExportChoice::Csv { chart }) => {
                let written = self
                    .numbers_csv(chart.as_deref())
                    .map_err(SaveError::from)
                    .and_then(|bytes| Ok(write_atomic(path, &bytes)?));
                self.report_save(written, format!("Saved the numbers to {}.", path.display()));
            }
        }
    }

    /// The deck as a PDF, drawn on the CPU by an off-screen copy of the app, so that the
    /// window's own view and presentation are untouched.
    fn deck_as_pdf(&self) -> Result<Vec<u8>, RenderError> {
        let ctx = egui::Context::default();
        let mut copy = Self::with_settings(
            &ctx,
            self.data.library().clone(),
            self.state.clone(),
            Vec::new(),
        );
        let mut renderer = PictureRenderer::new(RendererChoice::Cpu)?;
        let size = egui::vec2(1920.0, 1080.0);
        let pages = copy.draw_deck(&ctx, &mut renderer, size, 1.0)?;
        Ok(crate::pdf::pages_pdf(&self.state.deck.title, &pages, size))
    }

    /// Every slide of the deck drawn as presented, with its source line: `size` points at
    /// `pixels_per_point`, one page per slide in order (none for an empty deck), each compressed
    /// as soon as it is drawn.
    pub fn draw_deck(
        &mut self,
        ctx: &egui::Context,
        renderer: &mut PictureRenderer,
        size: egui::Vec2,
        pixels_per_point: f32,
    ) -> Result<Vec<crate::pdf::PdfPage>, RenderError> {
        let count = self.state.deck.slides.len();
        if count > crate::pdf::MAX_PAGES {
            return Err(RenderError::TooManySlides {
                count,
                limit: crate::pdf::MAX_PAGES,
            });
        }
        let mut pages = Vec::with_capacity(count);
        if count == 0 {
            return Ok(pages);
        }
        let presenting_before = self.runtime.presentation.is_some();
        self.apply(ctx, Command::SelectSlide(0));
        self.apply(ctx, Command::EnterPresenter);
        for index in 0..count {
            self.apply(ctx, Command::GoToSlide(index));
            // The source line names what this slide shows.
            self.draw_as_picture();
            let picture = self.draw_slide_picture(ctx, renderer, size, pixels_per_point)?;
            pages.push(crate::pdf::PdfPage::of(&picture));
        }
        self.runtime.picture = None;
        if !presenting_before {
            self.apply(ctx, Command::ExitPresenter);
        }
        Ok(pages)
    }

    /// Writes an export to `path` without asking, as the answer of the save dialog does (for
    /// scripts and tests, which have no dialog).
    pub fn export_to(&mut self, ctx: &egui::Context, choice: ExportChoice, path: &Path) {
        self.file_chosen(ctx, FileAction::Export(choice), path);
    }

    pub(super) fn open_bytes(&mut self, name: &str, bytes: &[u8]) {
        if super::imports::is_company_facts(name) {
            self.import_bytes(name, bytes);
            return;
        }
        let result = self.data.library_mut().add_bytes(name, bytes);
        self.report_load(name, result);
    }

    /// Saves the current scenario to its file, or asks where the first time.
    pub(super) fn save_scenario(&mut self) {
        match self.state.scenarios.path.clone() {
            Some(path) => self.save_scenario_to(&path),
            None => self.ask_file(FileAction::SaveScenario),
        }
    }

    fn report_save(&mut self, written: Result<(), SaveError>, success: String) {
        match written {
            Ok(()) => {
                self.runtime.notices.say(success);
                self.runtime.path_field = None;
            }
            Err(error) => self.runtime.notices.save_failed(error),
        }
    }

    /// The numbers behind a chart, or behind the whole view, as CSV.
    fn numbers_csv(&self, chart: Option<&str>) -> Result<Vec<u8>, export::CsvError> {
        let lens = &self.state.lens;
        if lens.view == View::Scenario && chart.is_none() {
            let workspace = &self.state.scenarios;
            let name = workspace
                .current()
                .map_or_else(String::new, |scenario| scenario.name.clone());
            let projections: Vec<_> = workspace
                .current()
                .map(|scenario| scenario.project(self.data.library()))
                .unwrap_or_default()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|projection| lens.shows(&projection.ticker))
                .collect();
            return export::projection_csv(&name, &projections);
        }
        // Each chart's numbers as it shows them: its metric under its own transform.
        let mut shown: Vec<(flywheel_model::Metric, Transform)> = Vec::new();
        if chart.is_none() && lens.view == View::Overview {
            shown.extend(
                views::overview::KPI_METRICS
                    .iter()
                    .map(|metric| (*metric, Transform::Value)),
            );
        }
        for drawn in &self.runtime.drawn_charts {
            let chart_shown = (drawn.metric, drawn.transform);
            if chart.is_none_or(|id| id == drawn.id) && !shown.contains(&chart_shown) {
                shown.push(chart_shown);
            }
        }
        let datasets: Vec<_> = self
            .data
            .library()
            .entries()
            .iter()
            .map(|entry| &entry.dataset)
            .filter(|dataset| lens.shows(&dataset.company.ticker))
            .collect();
        let series: Vec<_> = shown
            .iter()
            .flat_map(|&(metric, transform)| {
                datasets.iter().map(move |dataset| {
                    let series = self.data.shown_series(dataset, metric, lens, transform);
                    (metric, transform, series)
                })
            })
            .collect();
        let rows: Vec<_> = series
            .iter()
            .map(|(metric, transform, series)| (*metric, *transform, series.as_ref()))
            .collect();
        export::series_csv(&rows, lens)
    }

    /// Writes the current scenario, stamped with the fingerprint of the data it was made with.
    fn save_scenario_to(&mut self, path: &Path) {
        let fingerprint = flywheel_model::data_fingerprint(self.data.library());
        let workspace = &mut self.state.scenarios;
        let Some(scenario) = workspace.current_mut() else {
            return;
        };
        scenario.data_fingerprint = fingerprint;
        let written = scenario
            .to_ron()
            .map_err(SaveError::from)
            .and_then(|text| Ok(write_atomic(path, text.as_bytes())?));
        if written.is_ok() {
            workspace.path = Some(path.to_path_buf());
            workspace.unsaved = false;
        }
        self.report_save(written, format!("Saved scenario to {}.", path.display()));
    }

    /// Reads a scenario file; a bad one changes nothing and lists its errors.
    fn open_scenario(&mut self, path: &Path) {
        let name = path.display().to_string();
        match flywheel_model::load_scenario(path) {
            Ok(scenario) => {
                let warnings = scenario.warnings_against(self.data.library());
                let workspace = &mut self.state.scenarios;
                self.runtime.history.record(&workspace.scenarios);
                workspace.scenarios.push(scenario);
                workspace.current = workspace.scenarios.len() - 1;
                workspace.path = Some(path.to_path_buf());
                workspace.unsaved = false;
                self.runtime.notices.say(if warnings.is_empty() {
                    format!("Opened scenario {name}.")
                } else {
                    format!("Opened {name} — {}", warnings.join("; "))
                });
                self.runtime.path_field = None;
            }
            Err(error) => self.runtime.notices.load_failed(&error),
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
                self.runtime
                    .notices
                    .say(format!("Loaded {file}: {}.", parts.join("; ")));
                self.runtime.path_field = None;
                self.data_changed();
            }
            Err(error) => {
                let count = error.errors.len();
                self.runtime.notices.say(format!(
                    "{file} was not loaded: {count} error{}.",
                    if count == 1 { "" } else { "s" }
                ));
                self.runtime.notices.load_failed(&error);
            }
        }
    }
}
