//! The deck in the side panel: slides to step through in presenter mode. Add the current view,
//! reorder, rename, delete, present.

use egui::{RichText, Ui};

use crate::command::{Command, UiCommand};
use crate::deck::{Annotation, Deck};
use flywheel_model::Metric;

/// Draws the deck section. Titles and takeaways are edited in place; structural changes are
/// commands.
pub fn ui(ui: &mut Ui, deck: &mut Deck, selected: usize, commands: &mut Vec<Command>) {
    ui.add_space(12.0);
    ui.heading("Deck");
    ui.label(RichText::new(&deck.title).small().weak());
    for (index, slide) in deck.slides.iter().enumerate() {
        if ui
            .selectable_label(selected == index, format!("{}. {}", index + 1, slide.title))
            .clicked()
        {
            commands.push(Command::SelectSlide(index));
        }
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Add view")
            .on_hover_text("Add what is shown now as a slide")
            .clicked()
        {
            commands.push(Command::AddSlide);
        }
        let has_slide = selected < deck.slides.len();
        if ui
            .add_enabled(has_slide && selected > 0, egui::Button::new("Up"))
            .on_hover_text("Move the slide earlier")
            .clicked()
        {
            commands.push(Command::MoveSlide {
                index: selected,
                up: true,
            });
        }
        if ui
            .add_enabled(
                has_slide && selected + 1 < deck.slides.len(),
                egui::Button::new("Down"),
            )
            .on_hover_text("Move the slide later")
            .clicked()
        {
            commands.push(Command::MoveSlide {
                index: selected,
                up: false,
            });
        }
        if ui
            .add_enabled(has_slide, egui::Button::new("Delete"))
            .on_hover_text("Remove the slide")
            .clicked()
        {
            commands.push(Command::DeleteSlide(selected));
        }
    });
    if let Some(slide) = deck.slides.get_mut(selected) {
        let label = ui.label("Slide title");
        ui.text_edit_singleline(&mut slide.title)
            .labelled_by(label.id);
        let label = ui.label("Takeaway");
        ui.add(egui::TextEdit::multiline(&mut slide.takeaway).desired_rows(2))
            .labelled_by(label.id);
    }
    notes(ui, deck, commands);
    let present = UiCommand::Present;
    let shortcut = present
        .shortcuts()
        .first()
        .map(|shortcut| ui.ctx().format_shortcut(shortcut))
        .unwrap_or_default();
    let clicked = ui
        .add_enabled(
            !deck.slides.is_empty(),
            egui::Button::new(RichText::new(format!("{} ({shortcut})", present.text())).strong()),
        )
        .on_hover_text("Full screen, large type; ←/→ to step, B to blank, Esc to leave")
        .clicked();
    if clicked {
        commands.push(present.command(crate::lens::View::default()));
    }
}

/// The deck's notes, each with Edit and Remove, and a button to add one.
fn notes(ui: &mut Ui, deck: &Deck, commands: &mut Vec<Command>) {
    ui.add_space(8.0);
    ui.label(RichText::new("Notes").strong()).on_hover_text(
        "Notes pinned to values, drawn on the charts; right-click a chart to pin one",
    );
    if deck.annotations.is_empty() {
        ui.label(
            RichText::new("None yet: right-click a value on a chart, or Add note.")
                .small()
                .weak(),
        );
    }
    for (index, note) in deck.annotations.iter().enumerate() {
        ui.label(RichText::new(note.pinned_to()).small().weak());
        ui.horizontal(|ui| {
            if ui
                .small_button("Edit")
                .on_hover_text("Edit this note")
                .clicked()
            {
                commands.push(Command::EditNote(index));
            }
            if ui
                .small_button("Remove")
                .on_hover_text("Delete this note")
                .clicked()
            {
                commands.push(Command::DeleteNote(index));
            }
            ui.add(egui::Label::new(&note.text).truncate())
                .on_hover_text(&note.text);
        });
    }
    if ui
        .button("Add note")
        .on_hover_text("Pin a note to a value (or right-click the value on its chart)")
        .clicked()
    {
        // Blank: the app fills in the company, metric and period on screen.
        commands.push(Command::NewNote(Annotation {
            company: String::new(),
            metric: Metric::Revenue,
            period: String::new(),
            text: String::new(),
        }));
    }
}
