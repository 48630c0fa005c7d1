//! Where load errors are shown (`file:line:column`), and the path field used when no system file
//! dialog is available. Nothing here touches the loaded data.

use egui::{RichText, Ui};

use crate::command::Command;

/// Lists the errors of the last files that failed to load, with a Dismiss button.
pub fn error_panel(ui: &mut Ui, errors: &[String], commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new("Could not load")
                .strong()
                .color(ui.visuals().error_fg_color),
        );
        ui.label("— the data already loaded is unchanged.");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Dismiss").clicked() {
                commands.push(Command::DismissErrors);
            }
        });
    });
    egui::ScrollArea::vertical()
        .max_height(140.0)
        .show(ui, |ui| {
            for error in errors {
                ui.label(RichText::new(error).monospace());
            }
        });
}

/// The path field: type or paste a path, Enter or Open loads it. `focus_pending` puts the
/// cursor in the field on the frame the window opens.
pub fn path_window(
    ctx: &egui::Context,
    purpose: crate::app::PathPurpose,
    path: &mut String,
    open: &mut bool,
    focus_pending: &mut bool,
    commands: &mut Vec<Command>,
) {
    let mut keep_open = *open;
    use crate::app::PathPurpose;
    let (title, prompt, button) = match purpose {
        PathPurpose::OpenDataset => (
            "Open dataset by path",
            "Type the path of a .ron or .csv dataset:",
            "Open",
        ),
        PathPurpose::OpenScenario => (
            "Open scenario by path",
            "Type the path of a .ron scenario file:",
            "Open",
        ),
        PathPurpose::SaveScenario => (
            "Save scenario to a path",
            "Type where to save the scenario (.ron):",
            "Save",
        ),
        PathPurpose::OpenDeck => (
            "Open deck by path",
            "Type the path of a .ron deck file:",
            "Open",
        ),
        PathPurpose::SaveDeck => (
            "Save deck to a path",
            "Type where to save the deck (.ron):",
            "Save",
        ),
        PathPurpose::SaveExport => (
            "Export to a path",
            "Type where to save the export (.png or .csv):",
            "Save",
        ),
    };
    egui::Window::new(title)
        .open(&mut keep_open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(format!(
                "The system file dialog is not available here. {prompt}"
            ));
            let label = ui.label(if purpose == PathPurpose::OpenDataset {
                "Dataset path"
            } else {
                "File path"
            });
            let response = ui
                .add(
                    egui::TextEdit::singleline(path)
                        .hint_text("/path/to/dataset.ron")
                        .desired_width(420.0),
                )
                .labelled_by(label.id);
            if std::mem::take(focus_pending) {
                response.request_focus();
            }
            let submitted =
                response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if (ui.button(button).clicked() || submitted) && !path.trim().is_empty() {
                    commands.push(purpose.command(std::path::PathBuf::from(path.trim())));
                }
            });
        });
    *open = keep_open;
}
