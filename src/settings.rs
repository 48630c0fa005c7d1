//! What the app remembers between runs: plain serde data, restored in `FlywheelApp::new` and
//! stored in `eframe::App::save`. Runtime-only state (loaded data, errors) lives in the app.

use std::collections::BTreeSet;

use flywheel_model::{Alignment, Frequency};
use serde::{Deserialize, Serialize};

/// The dashboard's views, in tab order; keys 1–6 select them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum View {
    /// KPI cards per company.
    #[default]
    Overview,
    /// Revenue, operating income, net income.
    Profit,
    /// Operating, net and cloud margins.
    Margins,
    /// Capex, capex intensity, free cash flow, guidance.
    Capex,
    /// Cloud segments side by side.
    Cloud,
    /// The AI capex bet projected to 2030.
    Scenario,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [Self; 6] = [
        Self::Overview,
        Self::Profit,
        Self::Margins,
        Self::Capex,
        Self::Cloud,
        Self::Scenario,
    ];

    /// Tab title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Profit => "Profit",
            Self::Margins => "Margins",
            Self::Capex => "Capex",
            Self::Cloud => "Cloud",
            Self::Scenario => "Scenario",
        }
    }
}

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

/// Persisted settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The view shown.
    pub view: View,
    /// Tickers switched off (a set of the hidden ones, so newly loaded companies show up).
    pub hidden_companies: BTreeSet<String>,
    /// Annual, quarterly or trailing twelve months.
    pub frequency: Frequency,
    /// Fiscal or calendar periods.
    pub alignment: Alignment,
    /// First calendar year shown.
    pub first_year: i32,
    /// Last calendar year shown.
    pub last_year: i32,
    /// Light, dark or system.
    pub theme: ThemeChoice,
    /// Charts whose numbers are shown as a table, by chart id.
    pub tables_shown: BTreeSet<String>,
    /// The scenarios being worked on.
    pub scenarios: crate::scenario_state::ScenarioWorkspace,
    /// The deck of slides for presenter mode.
    pub deck: crate::deck::Deck,
    /// The slide selected in the deck list (where presenting starts).
    pub selected_slide: usize,
    /// Zoom factor while presenting.
    pub presenter_zoom: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            view: View::default(),
            hidden_companies: BTreeSet::new(),
            frequency: Frequency::Annual,
            alignment: Alignment::Fiscal,
            first_year: 2015,
            last_year: 2030,
            theme: ThemeChoice::default(),
            tables_shown: BTreeSet::new(),
            scenarios: crate::scenario_state::ScenarioWorkspace::default(),
            // The bundled sample deck is checked by the tests; should it ever fail to parse,
            // an empty deck is still a working app.
            deck: crate::deck::Deck::sample().unwrap_or_default(),
            selected_slide: 0,
            presenter_zoom: 1.25,
        }
    }
}
