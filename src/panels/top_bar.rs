//! Top bar: File menu, view tabs, theme.

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::command::Command;
use crate::export::PictureTarget;
use crate::settings::{Settings, ThemeChoice, View};

/// Ctrl+O (Cmd+O on macOS).
pub const OPEN_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Ctrl+S: save the scenario.
pub const SAVE_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
/// Ctrl+Shift+S: save the scenario as a new file.
pub const SAVE_AS_SHORTCUT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
/// Ctrl+Z: undo a scenario edit.
pub const UNDO_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Ctrl+Shift+Z: redo.
pub const REDO_SHORTCUT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// Ctrl+Q.
pub const QUIT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

/// Draws the bar.
pub fn ui(ui: &mut Ui, settings: &Settings, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let open = egui::Button::new("Open dataset…")
                .shortcut_text(ui.ctx().format_shortcut(&OPEN_SHORTCUT));
            if ui.add(open).clicked() {
                commands.push(Command::OpenDialog);
            }
            if ui.button("Open by path…").clicked() {
                commands.push(Command::ShowPathField);
            }
            ui.separator();
            if ui.button("Open scenario…").clicked() {
                commands.push(Command::OpenScenarioDialog);
            }
            let save = egui::Button::new("Save scenario")
                .shortcut_text(ui.ctx().format_shortcut(&SAVE_SHORTCUT));
            if ui.add(save).clicked() {
                commands.push(Command::SaveScenario);
            }
            let save_as = egui::Button::new("Save scenario as…")
                .shortcut_text(ui.ctx().format_shortcut(&SAVE_AS_SHORTCUT));
            if ui.add(save_as).clicked() {
                commands.push(Command::SaveScenarioAs);
            }
            ui.separator();
            if ui.button("Open deck…").clicked() {
                commands.push(Command::OpenDeckDialog);
            }
            if ui.button("Save deck as…").clicked() {
                commands.push(Command::SaveDeckAs);
            }
            ui.separator();
            if ui.button("Export window as PNG…").clicked() {
                commands.push(Command::ExportPicture {
                    target: PictureTarget::Window,
                    scale: 1,
                });
            }
            if ui.button("Export window as PNG at 2×…").clicked() {
                commands.push(Command::ExportPicture {
                    target: PictureTarget::Window,
                    scale: 2,
                });
            }
            if ui.button("Copy window image").clicked() {
                commands.push(Command::CopyPicture(PictureTarget::Window));
            }
            if ui
                .button("Export view numbers as CSV…")
                .on_hover_text("Every number behind the view, with the filings it comes from")
                .clicked()
            {
                commands.push(Command::ExportCsv { chart: None });
            }
            ui.separator();
            let quit =
                egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT_SHORTCUT));
            if ui.add(quit).clicked() {
                commands.push(Command::Quit);
            }
        });
        ui.separator();
        for (index, view) in View::ALL.into_iter().enumerate() {
            let selected = settings.view == view;
            let response = ui
                .selectable_label(selected, egui::RichText::new(view.title()).size(15.0))
                .on_hover_text(format!("{} (key {})", view.title(), index + 1));
            if response.clicked() && !selected {
                commands.push(Command::ShowView(view));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .add_enabled(
                    !settings.deck.slides.is_empty(),
                    egui::Button::new("Present"),
                )
                .on_hover_text("Present the deck full screen (F5); Esc leaves")
                .clicked()
            {
                commands.push(Command::EnterPresenter);
            }
            ui.separator();
            let mut theme = settings.theme;
            let combo = egui::ComboBox::from_id_salt("theme")
                .selected_text(theme_name(theme))
                .show_ui(ui, |ui| {
                    for choice in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
                        ui.selectable_value(&mut theme, choice, theme_name(choice));
                    }
                });
            // Right to left: the label lands before the box it names.
            let label = ui.label("Theme");
            combo.response.labelled_by(label.id);
            if theme != settings.theme {
                commands.push(Command::SetTheme(theme));
            }
        });
    });
}

fn theme_name(theme: ThemeChoice) -> &'static str {
    match theme {
        ThemeChoice::System => "System",
        ThemeChoice::Light => "Light",
        ThemeChoice::Dark => "Dark",
    }
}
