//! Top bar: the File menu (from the command table), view tabs, Present, theme.

use egui::Ui;

use crate::command::{Command, UiCommand};
use crate::lens::View;
use crate::settings::{Settings, ThemeChoice};

/// Draws the bar.
pub fn ui(ui: &mut Ui, settings: &Settings, commands: &mut Vec<Command>) {
    let view = settings.lens.view;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for entry in UiCommand::FILE_MENU {
                match entry {
                    Some(ui_command) => menu_entry(ui, ui_command, view, commands),
                    None => {
                        ui.separator();
                    }
                }
            }
        });
        ui.separator();
        for (index, tab) in View::ALL.into_iter().enumerate() {
            let selected = view == tab;
            let response = ui
                .selectable_label(selected, egui::RichText::new(tab.title()).size(15.0))
                .on_hover_text(format!("{} (key {})", tab.title(), index + 1));
            if response.clicked() && !selected {
                commands.push(Command::ShowView(tab));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let present = UiCommand::Present;
            if ui
                .add_enabled(
                    !settings.deck.slides.is_empty(),
                    egui::Button::new(present.text()),
                )
                .on_hover_text(present.tooltip_with_shortcut(ui.ctx()))
                .clicked()
            {
                commands.push(present.command(view));
            }
            ui.separator();
            let mut theme = settings.theme;
            let combo = egui::ComboBox::from_id_salt("theme")
                .selected_text(theme.name())
                .show_ui(ui, |ui| {
                    for choice in ThemeChoice::ALL {
                        ui.selectable_value(&mut theme, choice, choice.name());
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

/// One menu entry: its text, its shortcut at the right, its tooltip, its command.
pub fn menu_entry(ui: &mut Ui, ui_command: UiCommand, view: View, commands: &mut Vec<Command>) {
    let mut button = egui::Button::new(ui_command.text());
    if let Some(shortcut) = ui_command.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add(button).on_hover_text(ui_command.tooltip()).clicked() {
        commands.push(ui_command.command(view));
    }
}
