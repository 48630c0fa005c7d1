//! The dataset: one company's reported figures, each period with the filing it came from.
//!
//! These types are exactly what a data file holds (see `data/FORMAT.md`); nothing is derived here.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::period::FiscalPeriod;

/// One company's data file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Who the figures belong to.
    pub company: Company,
    /// Reported periods: fiscal years and quarters.
    pub periods: Vec<PeriodRecord>,
    /// Forward-looking statements by the company (e.g. next year's capex plan).
    #[serde(default)]
    pub guidance: Vec<Guidance>,
}

/// Company facts that every figure depends on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    /// Legal name, e.g. "Amazon.com, Inc.".
    pub name: String,
    /// Stock ticker, e.g. "AMZN": the key that identifies a company across files.
    pub ticker: String,
    /// Month (1–12) in which the fiscal year ends: 12 for Amazon and Alphabet, 6 for Microsoft.
    pub fiscal_year_end_month: u8,
    /// ISO currency code; only "USD" is accepted.
    pub currency: String,
    /// Unit of every amount in the file.
    pub unit: Unit,
    /// Name of the cloud segment whose figures fill `cloud_revenue` and `cloud_operating_income`.
    pub cloud_segment: String,
}

/// Unit of the amounts in a file. Only billions are accepted; the other variants exist so that
/// a file written in another unit gets a precise error instead of silently wrong charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// US$ billions: the only accepted unit.
    UsdBillions,
    /// US$ millions, as most filings print them: rejected with a hint to divide by 1000.
    UsdMillions,
    /// US$ thousands: rejected.
    UsdThousands,
    /// Plain US$: rejected.
    Usd,
}

/// A reported figure: one of the numbers transcribed from filings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Total net sales / revenues.
    Revenue,
    /// Operating income (loss).
    OperatingIncome,
    /// Net income (loss).
    NetIncome,
    /// Gross cash purchases of property and equipment.
    Capex,
    /// Net cash provided by operating activities.
    OperatingCashFlow,
    /// Depreciation and amortization, from the cash flow statement.
    Depreciation,
    /// The cloud segment's revenue.
    CloudRevenue,
    /// The cloud segment's operating income (loss).
    CloudOperatingIncome,
}

impl Figure {
    /// Every figure, in file order.
    pub const ALL: [Self; 8] = [
        Self::Revenue,
        Self::OperatingIncome,
        Self::NetIncome,
        Self::Capex,
        Self::OperatingCashFlow,
        Self::Depreciation,
        Self::CloudRevenue,
        Self::CloudOperatingIncome,
    ];

    /// The field name used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Self::Revenue => "revenue",
            Self::OperatingIncome => "operating_income",
            Self::NetIncome => "net_income",
            Self::Capex => "capex",
            Self::OperatingCashFlow => "operating_cash_flow",
            Self::Depreciation => "depreciation",
            Self::CloudRevenue => "cloud_revenue",
            Self::CloudOperatingIncome => "cloud_operating_income",
        }
    }

    /// Name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Revenue => "Revenue",
            Self::OperatingIncome => "Operating income",
            Self::NetIncome => "Net income",
            Self::Capex => "Capex",
            Self::OperatingCashFlow => "Operating cash flow",
            Self::Depreciation => "Depreciation & amortization",
            Self::CloudRevenue => "Cloud revenue",
            Self::CloudOperatingIncome => "Cloud operating income",
        }
    }

    /// Whether a negative value is impossible (a loss can be negative; sales cannot).
    pub fn must_not_be_negative(self) -> bool {
        matches!(
            self,
            Self::Revenue | Self::Capex | Self::Depreciation | Self::CloudRevenue
        )
    }

    /// Looks a figure up by its field name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|figure| figure.key() == key)
    }
}

/// Where a figure comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document, e.g. "Form 10-K for fiscal year 2024".
    pub filing: String,
    /// The day it was filed or published.
    pub filed: Date,
    /// Where to read it.
    pub url: String,
}

/// Figures of a period that come from a different document than the period's main source,
/// e.g. a segment first disclosed in a later 10-K.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureSource {
    /// Which figures this source covers.
    pub figures: Vec<Figure>,
    /// The document they come from.
    pub source: Source,
    /// True when these figures are not as the period was first reported.
    pub restated: bool,
    /// Why this source is used.
    pub note: String,
}

/// One reported period and its figures, in US$ billions. `None` means not reported or not found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodRecord {
    /// Fiscal year or quarter.
    pub period: FiscalPeriod,
    /// Last day of the period.
    pub end_date: Date,
    /// Total revenue.
    #[serde(deserialize_with = "required")]
    pub revenue: Option<f64>,
    /// Operating income.
    #[serde(deserialize_with = "required")]
    pub operating_income: Option<f64>,
    /// Net income.
    #[serde(deserialize_with = "required")]
    pub net_income: Option<f64>,
    /// Gross purchases of property and equipment.
    #[serde(deserialize_with = "required")]
    pub capex: Option<f64>,
    /// Net cash from operating activities.
    #[serde(deserialize_with = "required")]
    pub operating_cash_flow: Option<f64>,
    /// Depreciation and amortization.
    #[serde(deserialize_with = "required")]
    pub depreciation: Option<f64>,
    /// Cloud segment revenue.
    #[serde(deserialize_with = "required")]
    pub cloud_revenue: Option<f64>,
    /// Cloud segment operating income.
    #[serde(deserialize_with = "required")]
    pub cloud_operating_income: Option<f64>,
    /// True when the main source's figures are not as first reported.
    pub restated: bool,
    /// The document the figures come from, unless `other_sources` names another.
    pub source: Source,
    /// Figures that come from other documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_sources: Vec<FigureSource>,
    /// Free-text notes: definitions, recasts, one-off items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl PeriodRecord {
    /// A period with no figures yet (every one `None`), as first reported, from `source`.
    pub fn new(period: FiscalPeriod, end_date: Date, source: Source) -> Self {
        Self {
            period,
            end_date,
            revenue: None,
            operating_income: None,
            net_income: None,
            capex: None,
            operating_cash_flow: None,
            depreciation: None,
            cloud_revenue: None,
            cloud_operating_income: None,
            restated: false,
            source,
            other_sources: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The value of one figure.
    pub fn get(&self, figure: Figure) -> Option<f64> {
        match figure {
            Figure::Revenue => self.revenue,
            Figure::OperatingIncome => self.operating_income,
            Figure::NetIncome => self.net_income,
            Figure::Capex => self.capex,
            Figure::OperatingCashFlow => self.operating_cash_flow,
            Figure::Depreciation => self.depreciation,
            Figure::CloudRevenue => self.cloud_revenue,
            Figure::CloudOperatingIncome => self.cloud_operating_income,
        }
    }

    /// Mutable access to one figure, for importers that fill a record column by column.
    pub fn get_mut(&mut self, figure: Figure) -> &mut Option<f64> {
        match figure {
            Figure::Revenue => &mut self.revenue,
            Figure::OperatingIncome => &mut self.operating_income,
            Figure::NetIncome => &mut self.net_income,
            Figure::Capex => &mut self.capex,
            Figure::OperatingCashFlow => &mut self.operating_cash_flow,
            Figure::Depreciation => &mut self.depreciation,
            Figure::CloudRevenue => &mut self.cloud_revenue,
            Figure::CloudOperatingIncome => &mut self.cloud_operating_income,
        }
    }

    /// The document a figure comes from, and whether it is restated.
    pub fn source_of(&self, figure: Figure) -> (&Source, bool) {
        self.other_sources
            .iter()
            .find(|other| other.figures.contains(&figure))
            .map_or((&self.source, self.restated), |other| {
                (&other.source, other.restated)
            })
    }
}

/// Reads an optional figure that must still be written out (`None` when not reported): serde
/// would otherwise treat a forgotten field as "not reported", hiding typos and omissions.
fn required<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(deserializer)
}

/// A forward-looking figure the company stated, kept apart from actuals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    /// What the statement is about.
    pub metric: Figure,
    /// The fiscal period it is about.
    pub period: FiscalPeriod,
    /// Low end, US$ billions.
    #[serde(deserialize_with = "required")]
    pub low: Option<f64>,
    /// High end, US$ billions (equal to `low` for a point figure).
    #[serde(deserialize_with = "required")]
    pub high: Option<f64>,
    /// True for "about", "roughly", "more than".
    pub approximate: bool,
    /// When it was said.
    pub said_on: Date,
    /// A short quote or close paraphrase.
    pub statement: String,
    /// Where it was said.
    pub source: Source,
}

impl Guidance {
    /// The single figure to plot: the midpoint of a range, or whichever end is given.
    pub fn midpoint(&self) -> Option<f64> {
        match (self.low, self.high) {
            (Some(low), Some(high)) => Some((low + high) / 2.0),
            (Some(value), None) | (None, Some(value)) => Some(value),
            (None, None) => None,
        }
    }
}
