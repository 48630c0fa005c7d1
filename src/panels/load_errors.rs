//! Where problems are shown (`file:line:column` for loads, the reason for saves), and the path
//! field used when no system file dialog is available. Nothing here touches the loaded data.

use egui::{RichText, Ui};

use crate::command::Command;
use crate::files::PathField;
use crate::notices::Notices;
use crate::shown_text::{elided, hover_text};

/// Characters of one problem laid out in its row (the whole on hover).
const PROBLEM_CHARS: usize = 300;
/// The longest path the path field takes: Linux's `PATH_MAX`. Typing a much longer one grew the
/// field's memory with the square of its length.
const PATH_CHARS: usize = 4_096;

/// Lists the problems of the last file that failed to load or save, with a Dismiss button.
pub fn error_panel(ui: &mut Ui, notices: &Notices, commands: &mut Vec<Command>) {
    let Some(kind) = notices.problem_kind() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(kind.heading())
                .strong()
                .color(ui.visuals().error_fg_color),
        );
        ui.label(kind.reassurance());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Dismiss").clicked() {
                commands.push(Command::DismissErrors);
            }
        });
    });
    // Only the rows in view are laid out: a file can have fourteen thousand errors, and laying
    // out every one each frame held hundreds of megabytes.
    let problems = notices.problems();
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace);
    egui::ScrollArea::vertical().max_height(140.0).show_rows(
        ui,
        row_height,
        problems.len(),
        |ui, rows| {
            for problem in &problems[rows] {
                ui.add(
                    egui::Label::new(RichText::new(elided(problem, PROBLEM_CHARS)).monospace())
                        .truncate(),
                )
                .on_hover_text(hover_text(problem));
            }
        },
    );
}

/// The path field: type or paste a path, Enter or the button carries out its action. The cursor
/// goes into the field on the frame the window opens.
pub fn path_window(ctx: &egui::Context, field: &mut PathField, commands: &mut Vec<Command>) {
    let mut keep_open = true;
    let action = field.action.clone();
    egui::Window::new(format!("{} by path", action.title()))
        .open(&mut keep_open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(format!(
                "The system file dialog is not available here. {}",
                action.prompt()
            ));
            let label = ui.label(action.field_label());
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut field.text)
                        .hint_text(action.hint())
                        .char_limit(PATH_CHARS)
                        .desired_width(420.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut field.focus_pending) {
                response.request_focus();
            }
            let submitted =
                response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            let path = field.text.trim();
            if (ui.button(action.button()).clicked() || submitted) && !path.is_empty() {
                commands.push(Command::FileChosen(
                    action.clone(),
                    std::path::PathBuf::from(path),
                ));
            }
        });
    if !keep_open {
        commands.push(Command::ClosePathField);
    }
}
