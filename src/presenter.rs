//! Presenter mode: full screen, no panels or menus, large type and thick lines, a high-contrast
//! theme, the deck's title and a slide counter. The settings of before are restored on leaving.

use egui::{Color32, FontFamily, FontId, Key, RichText, Theme, Ui, Visuals};

use crate::command::Command;
use crate::deck::{Deck, Slide};
use crate::theme::SEMIBOLD;

/// A presentation under way (runtime only).
#[derive(Clone, Debug)]
pub struct Presentation {
    /// Index of the slide shown.
    pub slide: usize,
    /// Whether the screen is blanked (B).
    pub blank: bool,
    /// What the app showed before presenting (the fields a slide changes), restored on leaving.
    pub view_before: Slide,
}

/// Zoom steps (Ctrl+= and Ctrl+-).
pub const ZOOM_STEPS: [f32; 6] = [1.0, 1.25, 1.5, 1.75, 2.0, 2.5];

/// The next zoom step up (`up`) or down from `zoom`.
pub fn step_zoom(zoom: f32, up: bool) -> f32 {
    if up {
        ZOOM_STEPS
            .into_iter()
            .find(|step| *step > zoom + 1e-3)
            .unwrap_or(zoom)
    } else {
        ZOOM_STEPS
            .into_iter()
            .rev()
            .find(|step| *step < zoom - 1e-3)
            .unwrap_or(zoom)
    }
}

/// High-contrast visuals for the back of a room: pure black or white, full-strength text.
pub fn presentation_visuals(theme: Theme) -> Visuals {
    let mut visuals = match theme {
        Theme::Dark => Visuals::dark(),
        Theme::Light => Visuals::light(),
    };
    let (background, text) = match theme {
        Theme::Dark => (Color32::BLACK, Color32::WHITE),
        Theme::Light => (Color32::WHITE, Color32::BLACK),
    };
    visuals.panel_fill = background;
    visuals.window_fill = background;
    visuals.extreme_bg_color = background;
    visuals.override_text_color = Some(text);
    visuals
}

/// Turns presenter keys into commands: clickers send arrows, PageUp/PageDown and Space.
pub fn keys(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let pressed = |key: Key| ctx.input_mut(|input| input.consume_key(egui::Modifiers::NONE, key));
    if pressed(Key::ArrowRight) || pressed(Key::PageDown) || pressed(Key::Space) {
        commands.push(Command::NextSlide);
    }
    if pressed(Key::ArrowLeft) || pressed(Key::PageUp) {
        commands.push(Command::PreviousSlide);
    }
    if pressed(Key::Home) {
        commands.push(Command::GoToSlide(0));
    }
    if pressed(Key::End) {
        commands.push(Command::GoToSlide(usize::MAX));
    }
    if pressed(Key::B) {
        commands.push(Command::ToggleBlank);
    }
    if pressed(Key::Escape) {
        commands.push(Command::ExitPresenter);
    }
    let zoom = |key: Key| ctx.input_mut(|input| input.consume_key(egui::Modifiers::COMMAND, key));
    if zoom(Key::Equals) || zoom(Key::Plus) {
        commands.push(Command::Zoom { up: true });
    }
    if zoom(Key::Minus) {
        commands.push(Command::Zoom { up: false });
    }
}

/// The title strip: deck title, slide title, counter.
pub fn title_bar(ui: &mut Ui, deck: &Deck, presentation: &Presentation) {
    let title = deck
        .slides
        .get(presentation.slide)
        .map_or("", |slide| slide.title.as_str());
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).font(FontId::new(26.0, FontFamily::Name(SEMIBOLD.into()))));
        ui.label(RichText::new(&deck.title).size(16.0).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(
                RichText::new(format!("{} / {}", presentation.slide + 1, deck.slides.len())).size(18.0),
            )
            .on_hover_text("Slide counter: ←/→, PageUp/PageDown or Space to step, Home/End to jump, B to blank, Esc to leave");
        });
    });
}

/// The takeaway under the chart.
pub fn takeaway(ui: &mut Ui, deck: &Deck, presentation: &Presentation) {
    if let Some(slide) = deck.slides.get(presentation.slide)
        && !slide.takeaway.is_empty()
    {
        ui.label(RichText::new(&slide.takeaway).size(20.0));
    }
}
