//! Keys and dropped files become commands; the command table says which key means what.

use crate::command::{Command, KeyContext, UiCommand};

use super::FlywheelApp;

impl FlywheelApp {
    /// Reads this frame's keys and dropped files.
    pub(super) fn handle_input(&mut self, ctx: &egui::Context) {
        let context = KeyContext {
            view: self.state.lens.view,
            presenting: self.runtime.presentation.is_some(),
            typing: ctx.egui_wants_keyboard_input(),
        };
        self.commands.extend(UiCommand::pressed(ctx, context));
        let dropped = ctx.input(|input| input.raw.dropped_files.clone());
        for file in dropped {
            let path = file.path();
            if path.is_absolute() {
                self.commands.push(Command::FileChosen(
                    crate::files::FileAction::OpenDataset,
                    path.to_path_buf(),
                ));
            } else {
                // Without a real path (web), read the contents the integration holds.
                let name = path.display().to_string();
                match file.bytes() {
                    Ok(bytes) => self.commands.push(Command::OpenBytes { name, bytes }),
                    Err(error) => self
                        .runtime
                        .notices
                        .load_problem(format!("{name}: cannot read the dropped file: {error}")),
                }
            }
        }
    }
}
