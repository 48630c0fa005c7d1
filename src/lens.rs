//! What is shown: the view, the companies, the periods and the years. One plain serde type held by
//! the settings, by every deck slide and by presenter mode, so that a slide saves exactly what it
//! shows and nothing else.

use std::collections::BTreeSet;

use flywheel_model::metrics::Transform;
use flywheel_model::{Alignment, Basis, CapexBasis, Frequency, Metric, PeriodSlot};
use serde::{Deserialize, Serialize};

/// The dashboard's views, in tab order; keys 1–9 select them.
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
    /// Operating leverage: revenue growth against operating-expense growth, incremental
    /// margin, and the profit engines (cloud and advertising).
    Flywheel,
    /// Up to four metrics of the user's choice, each with its own transform.
    Custom,
    /// Each company's guidance against what it then reported: beat, inside or miss.
    Guidance,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [Self; 9] = [
        Self::Overview,
        Self::Profit,
        Self::Margins,
        Self::Capex,
        Self::Cloud,
        Self::Scenario,
        Self::Flywheel,
        Self::Custom,
        Self::Guidance,
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
            Self::Flywheel => "Flywheel",
            Self::Custom => "Custom",
            Self::Guidance => "Guidance",
        }
    }
}

/// What is shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lens {
    /// Which view.
    pub view: View,
    /// Tickers switched off (a set of the hidden ones, so newly loaded companies show up).
    #[serde(default)]
    pub hidden_companies: BTreeSet<String>,
    /// Annual, quarterly or trailing twelve months.
    pub frequency: Frequency,
    /// Fiscal or calendar periods.
    pub alignment: Alignment,
    /// First calendar year shown.
    pub first_year: i32,
    /// Last calendar year shown.
    pub last_year: i32,
    /// Latest restated figures (comparable across years) or figures as first reported.
    #[serde(default)]
    pub basis: Basis,
    /// Which capex: gross purchases, net of proceeds and incentives, or including finance
    /// leases (each company states its plans on its own).
    #[serde(default)]
    pub capex_basis: CapexBasis,
    /// Values, year-on-year change or an index, on every chart and table of the view.
    #[serde(default)]
    pub transform: Transform,
    /// A logarithmic value axis for amounts (ignored where values can be negative).
    #[serde(default)]
    pub log_scale: bool,
    /// The charts of the Custom view.
    #[serde(default)]
    pub custom: CustomView,
    /// Which period the Overview's cards compare.
    #[serde(default)]
    pub card_period: CardPeriod,
    /// One chart drawn alone and large instead of the whole view (a slide about one chart);
    /// `None` draws the view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
}

/// Which period the Overview's cards show: one for every company, or each company's own latest.
///
/// Companies' years end in different months (Microsoft's in June), so each one's latest year or
/// quarter is a different stretch of time; comparing them side by side needs one period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CardPeriod {
    /// The latest calendar period (year, quarter or trailing twelve months, as the frequency
    /// chooses) that every shown company has reported.
    #[default]
    SameForAll,
    /// Each company's own latest period, on the chosen alignment.
    OwnLatest,
}

impl CardPeriod {
    /// The words on the Overview's switch.
    pub fn label(self) -> &'static str {
        match self {
            Self::SameForAll => "Same period for all",
            Self::OwnLatest => "Each company's latest",
        }
    }
}

/// The one chart a slide shows large: one of its view's charts, or one metric as the Custom
/// view draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Focus {
    /// A chart of the view, by its id (`"capex.capex"`), drawn with everything the view puts
    /// on it (guidance circles, dashed capex).
    Chart(String),
    /// One metric in one transform, whatever the view.
    Metric(CustomChart),
}

/// The most charts the Custom view stacks: more would leave each too short to read.
pub const CUSTOM_CHART_LIMIT: usize = 4;

/// One chart of the Custom view: a metric and how its values are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomChart {
    /// What is drawn.
    pub metric: Metric,
    /// How: value, year-on-year change or index.
    #[serde(default)]
    pub transform: Transform,
}

/// The Custom view's charts, persisted with the lens so a slide keeps them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomView {
    /// Up to [`CUSTOM_CHART_LIMIT`] charts, top to bottom.
    pub charts: Vec<CustomChart>,
}

impl Default for CustomView {
    /// Revenue and operating-expense growth, and the operating margin: the flywheel in numbers.
    fn default() -> Self {
        Self {
            charts: vec![
                CustomChart {
                    metric: Metric::Revenue,
                    transform: Transform::Indexed,
                },
                CustomChart {
                    metric: Metric::OperatingExpenseGrowth,
                    transform: Transform::Value,
                },
                CustomChart {
                    metric: Metric::OperatingMargin,
                    transform: Transform::Value,
                },
            ],
        }
    }
}

impl CustomView {
    /// The charts, at most [`CUSTOM_CHART_LIMIT`] (a hand-edited file may list more).
    pub fn shown(&self) -> &[CustomChart] {
        &self.charts[..self.charts.len().min(CUSTOM_CHART_LIMIT)]
    }
}

impl Default for Lens {
    fn default() -> Self {
        Self {
            view: View::default(),
            hidden_companies: BTreeSet::new(),
            frequency: Frequency::Annual,
            alignment: Alignment::Fiscal,
            first_year: 2015,
            last_year: 2030,
            basis: Basis::default(),
            transform: Transform::default(),
            log_scale: false,
            custom: CustomView::default(),
            capex_basis: CapexBasis::default(),
            card_period: CardPeriod::default(),
            focus: None,
        }
    }
}

impl Lens {
    /// Whether a period falls inside the chosen years.
    pub fn contains(&self, slot: &PeriodSlot) -> bool {
        (self.first_year..=self.last_year).contains(&slot.end_date.year)
    }

    /// Whether a company is switched on (tickers compare ignoring case).
    pub fn shows(&self, ticker: &str) -> bool {
        !self
            .hidden_companies
            .iter()
            .any(|hidden| hidden.eq_ignore_ascii_case(ticker))
    }

    /// The id of the view's chart this lens focuses, if it focuses one of them.
    pub fn focused_chart(&self) -> Option<&str> {
        match &self.focus {
            Some(Focus::Chart(id)) => Some(id),
            Some(Focus::Metric(_)) | None => None,
        }
    }

    /// Switches a company on or off.
    pub fn toggle_company(&mut self, ticker: &str) {
        let before = self.hidden_companies.len();
        self.hidden_companies
            .retain(|hidden| !hidden.eq_ignore_ascii_case(ticker));
        if self.hidden_companies.len() == before {
            self.hidden_companies.insert(ticker.to_owned());
        }
    }
}
