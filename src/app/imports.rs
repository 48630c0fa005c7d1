//! Company facts opened in the window: read and converted on a thread of their own (a large file
//! takes a moment, and the window keeps drawing with a progress note), then merged into the
//! library; when the file names no ticker, the user is asked for one.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use egui::RichText;
use flywheel_model::{ImportError, Imported, import_into};

use crate::command::Command;

use super::FlywheelApp;

/// A company-facts file being read.
pub struct ImportUnderWay {
    name: String,
    started: Instant,
    result: mpsc::Receiver<Result<Imported, ImportError>>,
}

/// Company facts read, waiting for the user to say which ticker they belong to.
#[derive(Clone, Debug)]
pub struct TickerPrompt {
    imported: Box<Imported>,
    /// The ticker typed so far.
    pub text: String,
    /// Put the cursor in the field on the prompt's first frame.
    focus_pending: bool,
}

/// Whether a file is company facts (JSON) rather than a dataset.
pub fn is_company_facts(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("json"))
}

/// A ticker as typed: trimmed and upper-cased; `None` unless it is 1 to 10 letters, digits or
/// dots (BRK.B).
fn ticker_from(text: &str) -> Option<String> {
    let ticker = text.trim().to_ascii_uppercase();
    let valid = !ticker.is_empty()
        && ticker.len() <= 10
        && ticker
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.');
    valid.then_some(ticker)
}

impl FlywheelApp {
    /// Starts reading a company-facts file on a thread of its own.
    pub(super) fn start_import(&mut self, path: PathBuf) {
        let (sender, receiver) = mpsc::channel();
        let name = path.display().to_string();
        std::thread::spawn(move || {
            // The window may have closed meanwhile; then nobody waits for the result.
            sender.send(flywheel_model::read_company_facts(&path)).ok();
        });
        self.runtime.import = Some(ImportUnderWay {
            name,
            started: Instant::now(),
            result: receiver,
        });
    }

    /// Company facts dropped as bytes (where the system gives no path): read at once.
    pub(super) fn import_bytes(&mut self, name: &str, bytes: &[u8]) {
        let result = flywheel_model::parse_company_facts(name, bytes);
        self.imported(result);
    }

    /// Once a frame: takes a finished import, or keeps the progress note moving.
    pub(super) fn advance_import(&mut self, ctx: &egui::Context) {
        let Some(import) = &self.runtime.import else {
            return;
        };
        match import.result.try_recv() {
            Ok(result) => {
                self.runtime.import = None;
                self.imported(result);
                ctx.request_repaint();
            }
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                let name = import.name.clone();
                self.runtime.import = None;
                self.runtime
                    .notices
                    .load_problem(format!("{name}: the import stopped before it finished"));
            }
        }
    }

    fn imported(&mut self, result: Result<Imported, ImportError>) {
        match result {
            Ok(imported) => match imported.ticker.as_deref().and_then(ticker_from) {
                Some(ticker) => self.finish_import(&imported, &ticker),
                None => {
                    self.runtime.notices.say(format!(
                        "{} names {} (CIK {}) but not its ticker: type it to import.",
                        imported.file, imported.entity_name, imported.cik
                    ));
                    self.runtime.ticker_prompt = Some(TickerPrompt {
                        imported: Box::new(imported),
                        text: String::new(),
                        focus_pending: true,
                    });
                }
            },
            Err(error) => {
                self.runtime
                    .notices
                    .say("The company facts were not loaded.");
                self.runtime.notices.load_problem(error);
            }
        }
    }

    /// The ticker prompt's answer.
    pub(super) fn import_with_ticker(&mut self, text: &str) {
        let Some(prompt) = self.runtime.ticker_prompt.take() else {
            return;
        };
        match ticker_from(text) {
            Some(ticker) => self.finish_import(&prompt.imported, &ticker),
            None => {
                self.runtime.notices.say(format!(
                    "\"{}\" is not a ticker: 1 to 10 letters, digits or dots (BRK.B).",
                    crate::cli::terminal_safe(text.trim())
                ));
                self.runtime.ticker_prompt = Some(prompt);
            }
        }
    }

    pub(super) fn cancel_import(&mut self) {
        if self.runtime.ticker_prompt.take().is_some() {
            self.runtime.notices.say("Import cancelled.");
        }
    }

    fn finish_import(&mut self, imported: &Imported, ticker: &str) {
        match import_into(self.data.library_mut(), imported, ticker) {
            Ok(import) => {
                let periods = imported.periods.len();
                match import.cross_check {
                    Some(report) => {
                        self.runtime.notices.say(format!(
                            "Imported {ticker} from company facts into the loaded data: {} \
                             period(s) added, {} figure(s) filled, {} differ by more than \
                             US$ 1 M (loaded figures kept).",
                            report.added_periods.len(),
                            report.filled.len(),
                            report.differences.len()
                        ));
                        if !report.differences.is_empty() {
                            self.runtime.notices.cross_check(
                                report
                                    .cross_check_text()
                                    .lines()
                                    .map(str::to_owned)
                                    .collect(),
                            );
                        }
                    }
                    None => self.runtime.notices.say(format!(
                        "Imported {ticker} ({}) from company facts: {periods} periods.",
                        imported.entity_name
                    )),
                }
                self.data_changed();
            }
            Err(error) => {
                self.runtime
                    .notices
                    .say(format!("{ticker} was not imported."));
                self.runtime.notices.load_failed(&error);
            }
        }
    }
}

/// The progress note while an import runs, and the ticker prompt.
pub fn windows(app: &mut FlywheelApp, ctx: &egui::Context) {
    if let Some(import) = &app.runtime.import {
        egui::Window::new("Importing company facts")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!(
                        "Reading {} ({:.1} s)",
                        import.name,
                        import.started.elapsed().as_secs_f32()
                    ));
                });
            });
    }
    let Some(prompt) = &mut app.runtime.ticker_prompt else {
        return;
    };
    let mut open = true;
    egui::Window::new("Which ticker?")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(format!(
                "{} (CIK {}): company facts name the company but not its ticker.",
                prompt.imported.entity_name, prompt.imported.cik
            ));
            let label = ui.label("Ticker");
            let response = ui
                .add(egui::TextEdit::singleline(&mut prompt.text).hint_text("META"))
                .labelled_by(label.id);
            if std::mem::take(&mut prompt.focus_pending) {
                response.request_focus();
            }
            let submitted =
                response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            ui.label(
                RichText::new(
                    "A company already loaded under it keeps its figures; the import adds newer \
                     periods and fills gaps.",
                )
                .small()
                .weak(),
            );
            if ui.button("Import").clicked() || submitted {
                app.commands
                    .push(Command::ImportWithTicker(prompt.text.clone()));
            }
        });
    if !open {
        app.commands.push(Command::CancelImport);
    }
}
