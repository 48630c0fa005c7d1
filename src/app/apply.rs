//! Carries out commands after drawing: one short dispatch to a handler per concern — what is
//! shown, presenting, the deck and its notes, scenario edits (the one place that records undo and
//! the unsaved mark), and files (in `file_actions.rs`).

use egui::ViewportCommand;

use crate::command::{Command, ScenarioEdit};
use crate::deck::Annotation;
use crate::export::{PictureDestination, PictureRequest};
use crate::panels::note_editor::{self, NoteEditor};
use crate::presenter::{self, Presentation, ViewBefore};

use super::{FlywheelApp, theme_preference};

/// Carries out one command.
pub(super) fn apply(app: &mut FlywheelApp, ctx: &egui::Context, command: Command) {
    match command {
        Command::AskFile(action) => app.ask_file(action),
        Command::ShowPathField(action) => app.show_path_field(action, String::new()),
        Command::ClosePathField => app.runtime.path_field = None,
        Command::FileChosen(action, path) => app.file_chosen(ctx, action, &path),
        Command::OpenBytes { name, bytes } => app.open_bytes(&name, &bytes),
        Command::SaveScenario => app.save_scenario(),
        Command::ImportWithTicker(ticker) => app.import_with_ticker(&ticker),
        Command::CancelImport => app.cancel_import(),
        Command::CopyPicture(target) => app.start_picture(
            ctx,
            PictureRequest {
                target,
                scale: 1,
                destination: PictureDestination::Clipboard,
            },
        ),
        Command::DismissErrors => app.runtime.notices.dismiss(),
        Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
        Command::ToggleFullscreen => {
            let fullscreen = ctx.input(|input| input.viewport().fullscreen.unwrap_or(false));
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(!fullscreen));
        }
        shown @ (Command::ShowView(_)
        | Command::ToggleCompany(_)
        | Command::SetFrequency(_)
        | Command::SetAlignment(_)
        | Command::SetYears { .. }
        | Command::SetBasis(_)
        | Command::SetCapexBasis(_)
        | Command::SetCardPeriod(_)
        | Command::SetTransform(_)
        | Command::SetLogScale(_)
        | Command::SetCustomView(_)
        | Command::SetTheme(_)
        | Command::ToggleTable(_)) => app.change_what_is_shown(ctx, shown),
        presenting @ (Command::EnterPresenter
        | Command::ExitPresenter
        | Command::NextSlide
        | Command::PreviousSlide
        | Command::GoToSlide(_)
        | Command::ToggleBlank
        | Command::CycleSpeakerView
        | Command::Zoom { .. }) => app.present(ctx, &presenting),
        deck @ (Command::AddSlide
        | Command::SelectSlide(_)
        | Command::DeleteSlide(_)
        | Command::MoveSlide { .. }
        | Command::InsertLiveNumber(_)) => app.edit_deck(&deck),
        note @ (Command::NewNote(_)
        | Command::EditNote(_)
        | Command::SaveNote { .. }
        | Command::DeleteNote(_)
        | Command::CloseNoteEditor) => app.edit_notes(note),
        Command::Scenario(edit) => app.edit_scenarios(edit),
        Command::Undo => {
            if !app.runtime.history.undo(&mut app.state.scenarios) {
                app.runtime.notices.say("Nothing to undo.");
            }
        }
        Command::Redo => {
            if !app.runtime.history.redo(&mut app.state.scenarios) {
                app.runtime.notices.say("Nothing to redo.");
            }
        }
    }
}

impl FlywheelApp {
    fn change_what_is_shown(&mut self, ctx: &egui::Context, command: Command) {
        let lens = &mut self.state.lens;
        match command {
            Command::ShowView(view) => lens.view = view,
            Command::ToggleCompany(ticker) => lens.toggle_company(&ticker),
            Command::SetFrequency(frequency) => lens.frequency = frequency,
            Command::SetAlignment(alignment) => lens.alignment = alignment,
            Command::SetBasis(basis) => lens.basis = basis,
            Command::SetCapexBasis(basis) => lens.capex_basis = basis,
            Command::SetCardPeriod(period) => lens.card_period = period,
            Command::SetTransform(transform) => lens.transform = transform,
            Command::SetLogScale(log_scale) => lens.log_scale = log_scale,
            Command::SetCustomView(custom) => lens.custom = custom,
            Command::SetYears { first, last } => {
                lens.first_year = first.min(last);
                lens.last_year = first.max(last);
            }
            Command::SetTheme(choice) => {
                self.state.theme = choice;
                ctx.set_theme(theme_preference(choice));
            }
            Command::ToggleTable(id) if !self.state.tables_shown.remove(&id) => {
                self.state.tables_shown.insert(id);
            }
            _ => {}
        }
    }

    fn present(&mut self, ctx: &egui::Context, command: &Command) {
        let current = self.runtime.presentation.as_ref().map(|shown| shown.slide);
        match *command {
            Command::EnterPresenter => self.enter_presenter(ctx),
            Command::ExitPresenter => {
                if let Some(presentation) = self.runtime.presentation.take() {
                    // Restore exactly what slides change; edits made while presenting
                    // (a moved scenario slider, a retitled slide) stay.
                    presentation.view_before.restore(&mut self.state);
                    ctx.set_visuals_of(egui::Theme::Dark, egui::Visuals::dark());
                    ctx.set_visuals_of(egui::Theme::Light, egui::Visuals::light());
                    ctx.set_zoom_factor(1.0);
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
                }
            }
            Command::NextSlide => self.show_slide(current.map_or(0, |slide| slide + 1)),
            Command::PreviousSlide => {
                self.show_slide(current.map_or(0, |slide| slide.saturating_sub(1)));
            }
            Command::GoToSlide(index) => self.show_slide(index),
            Command::ToggleBlank => {
                if let Some(presentation) = &mut self.runtime.presentation {
                    presentation.blank = !presentation.blank;
                }
            }
            Command::CycleSpeakerView => {
                if let Some(presentation) = &mut self.runtime.presentation {
                    presentation.speaker_view = presentation.speaker_view.next();
                }
            }
            Command::Zoom { up } => {
                self.state.presenter_zoom = presenter::step_zoom(self.state.presenter_zoom, up);
                if self.runtime.presentation.is_some() {
                    ctx.set_zoom_factor(self.state.presenter_zoom);
                }
            }
            _ => {}
        }
    }

    fn enter_presenter(&mut self, ctx: &egui::Context) {
        if self.state.deck.slides.is_empty() {
            self.runtime
                .notices
                .say("The deck has no slides: add the current view first.");
            return;
        }
        self.runtime.presentation = Some(Presentation {
            slide: 0,
            blank: false,
            view_before: ViewBefore::of(&self.state),
            speaker_view: presenter::SpeakerView::Off,
            started: std::time::Instant::now(),
            pictures: presenter::SlidePictures::default(),
        });
        self.show_slide(self.state.selected_slide);
        let theme = ctx.theme();
        ctx.set_visuals_of(theme, presenter::presentation_visuals(theme));
        ctx.set_zoom_factor(self.state.presenter_zoom);
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
    }

    /// Shows slide `index` (clamped to the deck) with what it holds.
    fn show_slide(&mut self, index: usize) {
        let Some(presentation) = &mut self.runtime.presentation else {
            return;
        };
        let last = self.state.deck.slides.len().saturating_sub(1);
        presentation.slide = index.min(last);
        presentation.blank = false;
        let slide = presentation.slide;
        if let Some(shown) = self.state.deck.slides.get(slide).cloned() {
            self.state.show_slide(&shown);
        }
        self.state.selected_slide = slide;
    }

    fn edit_deck(&mut self, command: &Command) {
        let slides_count = self.state.deck.slides.len();
        match *command {
            Command::AddSlide => {
                let slide = self.state.slide_of_view();
                self.state.deck.slides.push(slide);
                self.state.selected_slide = self.state.deck.slides.len() - 1;
            }
            Command::SelectSlide(index) if index < slides_count => {
                self.state.selected_slide = index;
            }
            Command::DeleteSlide(index) if index < slides_count => {
                self.state.deck.slides.remove(index);
                self.state.selected_slide = index.min(slides_count.saturating_sub(2));
            }
            Command::InsertLiveNumber(ref reference) => self.insert_live_number(reference),
            Command::MoveSlide { index, up } if index < slides_count => {
                let target = if up {
                    index.checked_sub(1)
                } else {
                    Some(index + 1).filter(|target| *target < slides_count)
                };
                if let Some(target) = target {
                    self.state.deck.slides.swap(index, target);
                    self.state.selected_slide = target;
                }
            }
            _ => {}
        }
    }

    /// Appends `reference` to the selected slide's takeaway, and says so.
    fn insert_live_number(&mut self, reference: &str) {
        let index = self.state.selected_slide;
        let Some(slide) = self.state.deck.slides.get_mut(index) else {
            self.runtime
                .notices
                .say("The deck has no slide to insert into: add the current view first.");
            return;
        };
        if !slide.takeaway.is_empty() && !slide.takeaway.ends_with(' ') {
            slide.takeaway.push(' ');
        }
        slide.takeaway.push_str(reference);
        let message = format!(
            "Inserted {reference} into the takeaway of slide {} \u{201c}{}\u{201d}.",
            index + 1,
            slide.title
        );
        self.runtime.notices.say(message);
    }

    fn edit_notes(&mut self, command: Command) {
        match command {
            Command::NewNote(note) => {
                self.runtime.note_editor = Some(NoteEditor {
                    index: None,
                    draft: self.complete_note(note),
                    focus_pending: true,
                });
            }
            Command::EditNote(index) => {
                if let Some(note) = self.state.deck.annotations.get(index) {
                    self.runtime.note_editor = Some(NoteEditor {
                        index: Some(index),
                        draft: note.clone(),
                        focus_pending: true,
                    });
                }
            }
            Command::SaveNote { index, note } => {
                let notes = &mut self.state.deck.annotations;
                match index.and_then(|index| notes.get_mut(index)) {
                    Some(existing) => *existing = note,
                    None => notes.push(note),
                }
                self.runtime.note_editor = None;
            }
            Command::DeleteNote(index) => {
                if index < self.state.deck.annotations.len() {
                    let note = self.state.deck.annotations.remove(index);
                    self.runtime
                        .notices
                        .say(format!("Deleted the note on {}.", note.pinned_to()));
                }
                self.runtime.note_editor = None;
            }
            Command::CloseNoteEditor => self.runtime.note_editor = None,
            _ => {}
        }
    }

    /// Fills a blank note's company, metric and period with what is on screen: the first
    /// company shown, the first chart's metric, its latest period with a value.
    fn complete_note(&self, mut note: Annotation) -> Annotation {
        if note.company.is_empty() {
            if let Some(dataset) = self
                .data
                .library()
                .entries()
                .iter()
                .map(|entry| &entry.dataset)
                .find(|dataset| self.state.lens.shows(&dataset.company.ticker))
            {
                note.company.clone_from(&dataset.company.ticker);
            }
            if let Some(chart) = self.runtime.drawn_charts.first() {
                note.metric = chart.metric;
            }
        }
        if note.period.is_empty() {
            let periods = note_editor::periods_with_values(&self.data, &self.state.lens, &note);
            note.period = periods.last().cloned().unwrap_or_default();
        }
        note
    }

    /// The one place scenario edits are applied: it records undo before an edit that begins a
    /// gesture, and marks the scenario unsaved after any edit that changes it.
    fn edit_scenarios(&mut self, edit: ScenarioEdit) {
        let workspace = &mut self.state.scenarios;
        let starts_gesture = match &edit {
            ScenarioEdit::SetAssumption { starts_gesture, .. } => *starts_gesture,
            ScenarioEdit::Rename(_) => false,
            other => other.changes_scenarios(),
        };
        if starts_gesture {
            self.runtime.history.record(&workspace.scenarios);
        }
        let changed = edit.changes_scenarios();
        let library = self.data.library();
        match edit {
            ScenarioEdit::Select(index) => {
                if index < workspace.scenarios.len() {
                    workspace.current = index;
                }
            }
            ScenarioEdit::SelectCompany(ticker) => workspace.company = ticker,
            ScenarioEdit::ShowPanel(panel) => workspace.panel = panel,
            ScenarioEdit::SetTornado(outcome) => workspace.tornado = outcome,
            ScenarioEdit::ToggleCompare(index) => {
                if workspace.compare.contains(&index) {
                    workspace.compare.retain(|chosen| *chosen != index);
                } else if workspace.compare.len() < 3 && index < workspace.scenarios.len() {
                    workspace.compare.push(index);
                }
            }
            ScenarioEdit::Rename(name) => {
                if let Some(scenario) = workspace.current_mut() {
                    scenario.name = name;
                }
            }
            ScenarioEdit::Duplicate => {
                if let Some(mut copy) = workspace.current().cloned() {
                    copy.name = format!("{} (copy)", copy.name);
                    workspace.scenarios.push(copy);
                    workspace.current = workspace.scenarios.len() - 1;
                    workspace.path = None;
                }
            }
            ScenarioEdit::SetAssumption {
                ticker,
                assumption,
                value,
                ..
            } => {
                if let Some(assumptions) = workspace
                    .current_mut()
                    .and_then(|scenario| scenario.assumptions_mut(&ticker))
                {
                    *assumptions.get_mut(assumption) = value;
                }
            }
            ScenarioEdit::ResetCompany(ticker) => {
                let defaults = library.get(&ticker).and_then(|dataset| {
                    flywheel_model::projection::default_assumptions(dataset).ok()
                });
                if let (Some((defaults, _)), Some(assumptions)) = (
                    defaults,
                    workspace
                        .current_mut()
                        .and_then(|scenario| scenario.assumptions_mut(&ticker)),
                ) {
                    *assumptions = defaults;
                }
            }
            ScenarioEdit::ApplyPreset { ticker, preset } => {
                let dataset = library.get(&ticker);
                let defaults = dataset.and_then(|dataset| {
                    let (defaults, _) =
                        flywheel_model::projection::default_assumptions(dataset).ok()?;
                    let base = flywheel_model::projection::base_year(dataset).ok()?;
                    Some(preset.apply(&defaults, base.capex))
                });
                if let (Some(values), Some(assumptions)) = (
                    defaults,
                    workspace
                        .current_mut()
                        .and_then(|scenario| scenario.assumptions_mut(&ticker)),
                ) {
                    *assumptions = values;
                }
            }
        }
        if changed {
            workspace.unsaved = true;
        }
    }
}
