//! What the app remembers between runs: plain serde data, restored in `FlywheelApp::new` and
//! stored in `eframe::App::save`. Runtime-only state (loaded data, notices, exports under way)
//! lives in the app's runtime.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::deck::{Deck, Slide};
use crate::lens::{Lens, View};
use crate::scenario_state::ScenarioWorkspace;

/// Light or dark; the presentation themes build on these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl ThemeChoice {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    /// Menu text.
    pub fn name(self) -> &'static str {
        match self {
            Self::System => "System",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }
}

/// The presenter zoom of new settings: a 1080p slide's text a quarter larger than the window's.
pub const DEFAULT_PRESENTER_ZOOM: f32 = 1.25;

/// Persisted settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// What is shown.
    pub lens: Lens,
    /// Light, dark or system.
    pub theme: ThemeChoice,
    /// Charts whose numbers are shown as a table, by chart id.
    pub tables_shown: BTreeSet<String>,
    /// The scenarios being worked on.
    pub scenarios: ScenarioWorkspace,
    /// The deck of slides for presenter mode.
    pub deck: Deck,
    /// The slide selected in the deck list (where presenting starts).
    pub selected_slide: usize,
    /// Zoom factor while presenting.
    pub presenter_zoom: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lens: Lens::default(),
            theme: ThemeChoice::default(),
            tables_shown: BTreeSet::new(),
            scenarios: ScenarioWorkspace::default(),
            // The bundled sample deck is checked by the tests; should it ever fail to parse,
            // an empty deck is still a working app.
            deck: Deck::sample().unwrap_or_default(),
            selected_slide: 0,
            presenter_zoom: DEFAULT_PRESENTER_ZOOM,
        }
    }
}

impl Settings {
    /// A slide of what is shown now, titled after the view.
    pub fn slide_of_view(&self) -> Slide {
        Slide {
            title: self.lens.view.title().to_owned(),
            takeaway: String::new(),
            notes: String::new(),
            lens: self.lens.clone(),
            scenario: self
                .scenarios
                .current()
                .filter(|_| self.lens.view == View::Scenario)
                .map(|scenario| scenario.name.clone()),
        }
    }

    /// Shows a slide: its lens, and its scenario where it names one that exists. Everything a
    /// slide does not hold (theme, scenarios, deck) stays.
    pub fn show_slide(&mut self, slide: &Slide) {
        self.lens = slide.lens.clone();
        if let Some(index) = slide.scenario.as_ref().and_then(|name| {
            self.scenarios
                .scenarios
                .iter()
                .position(|scenario| scenario.name == *name)
        }) {
            self.scenarios.current = index;
        }
    }
}
