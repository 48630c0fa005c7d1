//! Presenter mode: full screen, no panels or menus, large type and thick lines, a high-contrast
//! theme, the deck's title and a slide counter. The settings of before are restored on leaving.

use egui::{Color32, FontFamily, FontId, RichText, Theme, Ui, Visuals};

use crate::deck::Deck;
use crate::lens::Lens;
use crate::settings::Settings;
use crate::theme::SEMIBOLD;

/// A presentation under way (runtime only).
#[derive(Clone, Debug)]
pub struct Presentation {
    /// Index of the slide shown.
    pub slide: usize,
    /// Whether the screen is blanked (B).
    pub blank: bool,
    /// What the app showed before presenting (what a slide changes), restored on leaving.
    pub view_before: ViewBefore,
}

/// What slides change: the lens and the scenario being worked on.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewBefore {
    lens: Lens,
    scenario: usize,
}

impl ViewBefore {
    /// What `settings` show now.
    pub fn of(settings: &Settings) -> Self {
        Self {
            lens: settings.lens.clone(),
            scenario: settings.scenarios.current,
        }
    }

    /// Shows it again, keeping every other change.
    pub fn restore(self, settings: &mut Settings) {
        settings.lens = self.lens;
        settings.scenarios.current = self.scenario;
    }
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

/// The title strip: deck title, slide title, counter.
pub fn title_bar(ui: &mut Ui, deck: &Deck, presentation: &Presentation) {
    let title = deck
        .slides
        .get(presentation.slide)
        .map_or("", |slide| slide.title.as_str());
    ui.horizontal(|ui| {
        let title_font = FontId::new(26.0, FontFamily::Name(SEMIBOLD.into()));
        ui.label(RichText::new(title).font(title_font));
        ui.label(RichText::new(&deck.title).size(16.0).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let counter = format!("{} / {}", presentation.slide + 1, deck.slides.len());
            ui.label(RichText::new(counter).size(18.0)).on_hover_text(
                "Slide counter: ←/→, PageUp/PageDown or Space to step, Home/End to jump, B to \
                 blank, Esc to leave",
            );
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
