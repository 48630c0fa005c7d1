//! The note editor: pins a note to a company's value of a metric in a period. Opened from a
//! chart's right-click menu (pinned to the value clicked) or from the Notes list.

use egui::{ComboBox, RichText};
use flywheel_model::Metric;

use crate::command::Command;
use crate::data_view::DataView;
use crate::deck::Annotation;
use crate::lens::Lens;

/// A note being written or edited (runtime only).
#[derive(Clone, Debug, PartialEq)]
pub struct NoteEditor {
    /// The note it replaces, or `None` for a new one.
    pub index: Option<usize>,
    /// The note as edited so far.
    pub draft: Annotation,
    /// Put the cursor in the text on the first frame.
    pub focus_pending: bool,
}

/// Draws the editor window; the draft is edited in place, saving and closing are commands.
pub fn window(
    ctx: &egui::Context,
    editor: &mut NoteEditor,
    data: &DataView,
    lens: &Lens,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    let title = if editor.index.is_some() {
        "Edit note"
    } else {
        "New note"
    };
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            let draft = &mut editor.draft;
            egui::Grid::new("note_fields")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label("Company");
                    let combo = ComboBox::from_id_salt("note_company")
                        .selected_text(&draft.company)
                        .show_ui(ui, |ui| {
                            for ticker in data.library().tickers() {
                                ui.selectable_value(&mut draft.company, ticker.to_owned(), ticker);
                            }
                        });
                    combo.response.labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Metric");
                    let combo = ComboBox::from_id_salt("note_metric")
                        .selected_text(draft.metric.label())
                        .show_ui(ui, |ui| {
                            for metric in Metric::ALL {
                                ui.selectable_value(&mut draft.metric, metric, metric.label());
                            }
                        });
                    combo.response.labelled_by(label.id);
                    ui.end_row();

                    let periods = periods_with_values(data, lens, draft);
                    let label = ui.label("Period");
                    let combo = ComboBox::from_id_salt("note_period")
                        .selected_text(&draft.period)
                        .height(320.0)
                        .show_ui(ui, |ui| {
                            for period in periods.iter().rev() {
                                ui.selectable_value(&mut draft.period, period.clone(), period);
                            }
                        });
                    combo.response.labelled_by(label.id);
                    ui.end_row();
                    if !periods.contains(&draft.period) {
                        ui.label("");
                        ui.label(
                            RichText::new(
                                "No value for this period at the current period setting: the \
                                 note shows where the period is charted.",
                            )
                            .small()
                            .weak(),
                        );
                        ui.end_row();
                    }
                });
            let label = ui.label("Note text");
            let focus = std::mem::take(&mut editor.focus_pending);
            if crate::panels::long_text::editable(ui, &mut draft.text) {
                let response = ui
                    .add(
                        egui::TextEdit::multiline(&mut draft.text)
                            .hint_text("Q4 2024: record $20B net income")
                            .desired_rows(2)
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                if focus {
                    response.request_focus();
                }
            }
            ui.horizontal(|ui| {
                let ready = !draft.text.trim().is_empty() && !draft.company.is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new("Save note"))
                    .clicked()
                {
                    commands.push(Command::SaveNote {
                        index: editor.index,
                        note: Annotation {
                            text: draft.text.trim().to_owned(),
                            ..draft.clone()
                        },
                    });
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseNoteEditor);
                }
                if let Some(index) = editor.index
                    && ui.button("Delete note").clicked()
                {
                    commands.push(Command::DeleteNote(index));
                }
            });
        });
    if !open {
        commands.push(Command::CloseNoteEditor);
    }
}

/// Labels of the periods with a value for the draft's company and metric, oldest first.
pub fn periods_with_values(data: &DataView, lens: &Lens, note: &Annotation) -> Vec<String> {
    data.library()
        .get(&note.company)
        .map(|dataset| {
            data.series(dataset, note.metric, lens)
                .points
                .iter()
                .filter(|point| point.value.is_some())
                .map(|point| point.slot.label.clone())
                .collect()
        })
        .unwrap_or_default()
}
