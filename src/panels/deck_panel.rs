//! The deck in the side panel: slides to step through in presenter mode. Add the current view,
//! reorder, rename, delete, present; edit a slide's text (each live number shown filled, a
//! missing one marked) and choose the one chart it focuses.

use egui::text::LayoutJob;
use egui::{RichText, TextFormat, Ui};

use crate::command::{Command, UiCommand};
use crate::deck::{Annotation, Deck, Piece, Slide, focusable_charts, live_pieces};
use crate::lens::Focus;
use crate::panels::long_text::editable;
use crate::shown_text::{elided, hover_text};
use flywheel_model::{Library, Metric};

/// Characters of a deck or slide title shown in the list.
const LIST_CHARS: usize = 60;

/// Draws the deck section. Titles, text and focus are edited in place; structural changes are
/// commands.
pub fn ui(
    ui: &mut Ui,
    deck: &mut Deck,
    selected: usize,
    library: &Library,
    commands: &mut Vec<Command>,
) {
    ui.add_space(12.0);
    ui.heading("Deck");
    // Titles are cut in the list (whole on hover and in the editor below), so a long one
    // costs one line, not the panel.
    ui.label(
        RichText::new(elided(&deck.title, LIST_CHARS))
            .small()
            .weak(),
    )
    .on_hover_text(hover_text(&deck.title));
    for (index, slide) in deck.slides.iter().enumerate() {
        let title = format!("{}. {}", index + 1, elided(&slide.title, LIST_CHARS));
        if ui
            .selectable_label(selected == index, title)
            .on_hover_text(hover_text(&slide.title))
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
        slide_editor(ui, slide, library);
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

/// The selected slide's title, takeaway and speaker notes (each with its live numbers shown
/// filled under it), and the chart it focuses.
fn slide_editor(ui: &mut Ui, slide: &mut Slide, library: &Library) {
    let label = ui.label("Slide title");
    if editable(ui, &mut slide.title) {
        ui.text_edit_singleline(&mut slide.title)
            .labelled_by(label.id);
    }
    let label = ui.label("Takeaway").on_hover_text(
        "{AMZN:net_income:2024Q4} is a live number, filled from the data; right-click a value \
         on a chart to insert its reference",
    );
    if editable(ui, &mut slide.takeaway) {
        ui.add(egui::TextEdit::multiline(&mut slide.takeaway).desired_rows(2))
            .labelled_by(label.id);
        live_preview(ui, &slide.takeaway, library);
    }
    let label = ui.label("Speaker notes");
    if editable(ui, &mut slide.notes) {
        ui.add(egui::TextEdit::multiline(&mut slide.notes).desired_rows(2))
            .labelled_by(label.id);
        live_preview(ui, &slide.notes, library);
    }
    focus_picker(ui, slide, library);
}

/// The text as the slide shows it, under its field, when it holds live numbers: figures in
/// bold, a reference to a figure the data does not hold in the error colour.
fn live_preview(ui: &mut Ui, text: &str, library: &Library) {
    let pieces = live_pieces(text, library);
    if pieces.iter().all(|piece| matches!(piece, Piece::Text(_))) {
        return;
    }
    let font = egui::TextStyle::Small.resolve(ui.style());
    let visuals = ui.visuals();
    let plain = TextFormat::simple(font.clone(), visuals.weak_text_color());
    let mut job = LayoutJob::default();
    job.append("Shows: ", 0.0, plain.clone());
    let mut missing = 0;
    for piece in &pieces {
        match piece {
            Piece::Text(text) => job.append(text, 0.0, plain.clone()),
            Piece::Figure(figure) => job.append(
                figure,
                0.0,
                TextFormat::simple(font.clone(), visuals.strong_text_color()),
            ),
            Piece::Missing(mark) => {
                missing += 1;
                let mut format = TextFormat::simple(font.clone(), visuals.error_fg_color);
                format.underline = egui::Stroke::new(1.0, visuals.error_fg_color);
                job.append(mark, 0.0, format);
            }
        }
    }
    ui.label(job);
    if missing > 0 {
        let what = if missing == 1 {
            "1 live number names".to_owned()
        } else {
            format!("{missing} live numbers name")
        };
        ui.label(
            RichText::new(format!("{what} no figure in the data"))
                .small()
                .color(ui.visuals().error_fg_color),
        );
    }
}

/// "Focus": the whole view, or one of its charts drawn alone and large.
fn focus_picker(ui: &mut Ui, slide: &mut Slide, library: &Library) {
    let choices = focusable_charts(&slide.lens, &library.tickers());
    let shown = match &slide.lens.focus {
        None => "Whole view".to_owned(),
        Some(Focus::Chart(id)) => choices.iter().find(|choice| choice.id == *id).map_or_else(
            || format!("{id} (not on this view)"),
            |choice| choice.title.clone(),
        ),
        Some(Focus::Metric(custom)) => {
            format!("{}, {}", custom.metric.label(), custom.transform.label())
        }
    };
    let mut focus = slide.lens.focus.clone();
    egui::ComboBox::from_label("Focus")
        .selected_text(shown)
        .width(150.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut focus, None, "Whole view");
            for choice in choices {
                ui.selectable_value(&mut focus, Some(Focus::Chart(choice.id)), choice.title);
            }
        })
        .response
        .on_hover_text(
            "Show one chart of the slide's view alone, large, instead of the whole view",
        );
    slide.lens.focus = focus;
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
