//! The dataset: one company's reported figures, each period with the filing it came from.
//!
//! These types are exactly what a data file holds (see `data/FORMAT.md`); nothing is derived here.

use std::collections::BTreeMap;
use std::fmt;

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
    /// Advertising revenue as the company reports it: Amazon "advertising services", Google
    /// advertising (total), Microsoft "search and news advertising".
    AdvertisingRevenue,
    /// Purchases of property and equipment net of proceeds from sales and incentives: Amazon's
    /// own "capital expenditures" and the basis of its capex guidance.
    CapexNetOfProceeds,
    /// Property and equipment acquired under finance leases (Microsoft: right-of-use assets
    /// obtained for finance leases), which the cash capex line leaves out.
    FinanceLeaseAssets,
    /// Capex including finance leases as the company states it (Microsoft's calls): the basis
    /// of Microsoft's capex plans.
    CapexInclFinanceLeases,
}

impl Figure {
    /// The figures every period gives or explains (a `None` needs a gap reason): the ones gaps
    /// are counted over, and the columns of the CSV format.
    pub const ALL: [Self; 9] = [
        Self::Revenue,
        Self::OperatingIncome,
        Self::NetIncome,
        Self::Capex,
        Self::OperatingCashFlow,
        Self::Depreciation,
        Self::CloudRevenue,
        Self::CloudOperatingIncome,
        Self::AdvertisingRevenue,
    ];

    /// Every figure a period can hold: [`Self::ALL`], then capex on other bases (given where
    /// the company discloses them; a missing one is not a gap).
    pub const EVERY: [Self; 12] = [
        Self::Revenue,
        Self::OperatingIncome,
        Self::NetIncome,
        Self::Capex,
        Self::OperatingCashFlow,
        Self::Depreciation,
        Self::CloudRevenue,
        Self::CloudOperatingIncome,
        Self::AdvertisingRevenue,
        Self::CapexNetOfProceeds,
        Self::FinanceLeaseAssets,
        Self::CapexInclFinanceLeases,
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
            Self::AdvertisingRevenue => "advertising_revenue",
            Self::CapexNetOfProceeds => "capex_net_of_proceeds",
            Self::FinanceLeaseAssets => "finance_lease_assets",
            Self::CapexInclFinanceLeases => "capex_incl_finance_leases",
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
            Self::AdvertisingRevenue => "Advertising revenue",
            Self::CapexNetOfProceeds => "Capex net of proceeds and incentives",
            Self::FinanceLeaseAssets => "Assets acquired under finance leases",
            Self::CapexInclFinanceLeases => "Capex including finance leases",
        }
    }

    /// Whether a negative value is impossible (a loss can be negative; sales cannot).
    pub fn must_not_be_negative(self) -> bool {
        matches!(
            self,
            Self::Revenue
                | Self::Capex
                | Self::Depreciation
                | Self::CloudRevenue
                | Self::AdvertisingRevenue
                | Self::FinanceLeaseAssets
                | Self::CapexInclFinanceLeases
        )
    }

    /// Looks a figure up by its field name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::EVERY.into_iter().find(|figure| figure.key() == key)
    }
}

/// How close a source is to the company's own document: the reader's measure of trust.
/// Ordered from weakest to strongest, so `min` over inputs gives a value's weakest link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    /// A data site, research note or news report quoting the figure.
    Secondary,
    /// A verbatim copy of a filing kept elsewhere (a PDF or text in a public repository).
    Copy,
    /// The document itself, on SEC EDGAR or the company's investor site.
    Filing,
}

impl Grade {
    /// Every grade, strongest first.
    pub const ALL: [Self; 3] = [Self::Filing, Self::Copy, Self::Secondary];

    /// The word shown in tooltips, tables and CSV.
    pub fn label(self) -> &'static str {
        match self {
            Self::Filing => "filing",
            Self::Copy => "copy",
            Self::Secondary => "secondary",
        }
    }

    /// What the grade means, for legends and `--explain`.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Filing => "the filing itself (SEC EDGAR or the company's investor site)",
            Self::Copy => "a verbatim copy of the filing kept elsewhere",
            Self::Secondary => "a data site, research note or news report quoting the figure",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
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
    /// How close this source is to the filing. Optional so that older files still load; every
    /// bundled source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
}

impl Source {
    /// A source with its grade, for importers that know where each figure comes from.
    pub fn new(
        filing: impl Into<String>,
        filed: Date,
        url: impl Into<String>,
        grade: Grade,
    ) -> Self {
        Self {
            filing: filing.into(),
            filed,
            url: url.into(),
            grade: Some(grade),
        }
    }
}

/// Which value of a figure to show when it was restated or recast after it was first reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The latest restated or recast value, comparable with the newest periods (the default).
    #[default]
    Latest,
    /// The value as the company first reported it.
    Reported,
}

impl Basis {
    /// Both bases, default first.
    pub const ALL: [Self; 2] = [Self::Latest, Self::Reported];

    /// The name shown in the side panel, tooltips and tables.
    pub fn label(self) -> &'static str {
        match self {
            Self::Latest => "Comparable (latest restated)",
            Self::Reported => "As first reported",
        }
    }

    /// The name used on the command line (`--basis latest|reported`) and in CSV.
    pub fn key(self) -> &'static str {
        match self {
            Self::Latest => "latest",
            Self::Reported => "reported",
        }
    }

    /// Looks a basis up by its command-line name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|basis| basis.key() == key)
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why a figure was restated or recast after it was first reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RestatementReason {
    /// ASC 606 (revenue from contracts with customers) adopted with full retrospective restatement.
    Asc606,
    /// Another accounting standard applied retrospectively (e.g. ASU 2016-18 on restricted cash).
    AccountingStandard,
    /// The company moved businesses between segments and recast earlier periods.
    SegmentRecast,
    /// The company changed what the line includes (e.g. a new depreciation and amortization line).
    DefinitionChange,
    /// A later filing gives another value and does not say why: what an import from SEC company
    /// facts knows, since those name the filings but not the reason for a change.
    LaterFiling,
}

impl RestatementReason {
    /// The words shown in tooltips and tables.
    pub fn label(self) -> &'static str {
        match self {
            Self::Asc606 => "ASC 606 full retrospective restatement",
            Self::AccountingStandard => "retrospective accounting-standard change",
            Self::SegmentRecast => "segment recast",
            Self::DefinitionChange => "change of definition",
            // A noun phrase, as the other labels: "as first reported, before the change in a
            // later filing".
            Self::LaterFiling => "change in a later filing",
        }
    }
}

/// The values of some figures as first reported, where the period's figures hold later ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstReported {
    /// Each figure's value as first reported, US$ billions.
    pub values: BTreeMap<Figure, f64>,
    /// The document that first reported them.
    pub source: Source,
}

/// A restatement or recast of some of a period's figures.
///
/// With `first_reported`, the period's figures hold the restated values (sourced as usual,
/// through `source` or `other_sources`) and `first_reported` the original ones. Without it, the
/// period's figures are as first reported and a later restatement of the same kind was never
/// published for this period: on the latest basis the value is shown, marked as off-basis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Restatement {
    /// Which figures.
    pub figures: Vec<Figure>,
    /// Why they changed.
    pub reason: RestatementReason,
    /// The values as first reported, when the period's figures hold restated ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_reported: Option<FirstReported>,
    /// What changed, in words.
    pub note: String,
}

/// Why a figure is missing: shown wherever the gap is, so a hole in a chart is never a mystery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GapReason {
    /// The company does not disclose the figure for this period.
    NotDisclosed,
    /// The company disclosed it, but no public source giving it was found (the note says
    /// what was searched).
    NotFound,
    /// The period's report is not out yet.
    NotYetReported,
}

impl GapReason {
    /// The words shown in gap texts.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotDisclosed => "not disclosed by the company",
            Self::NotFound => "not found in a public source",
            Self::NotYetReported => "not yet reported",
        }
    }
}

/// The reason some of a period's figures are `None`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    /// Which figures are missing.
    pub figures: Vec<Figure>,
    /// Why.
    pub reason: GapReason,
    /// The specifics: what the company discloses instead, or what was searched.
    pub note: String,
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
    /// Advertising revenue. Optional in files written before it existed; every bundled period
    /// gives it or its gap reason.
    #[serde(default)]
    pub advertising_revenue: Option<f64>,
    /// Capex net of proceeds and incentives, where disclosed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capex_net_of_proceeds: Option<f64>,
    /// Assets acquired under finance leases, where disclosed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finance_lease_assets: Option<f64>,
    /// Capex including finance leases as the company states it, where it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capex_incl_finance_leases: Option<f64>,
    /// True when the main source's figures are not as first reported.
    pub restated: bool,
    /// The document the figures come from, unless `other_sources` names another.
    pub source: Source,
    /// Figures that come from other documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_sources: Vec<FigureSource>,
    /// Restated or recast figures and their values as first reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub restatements: Vec<Restatement>,
    /// Why each `None` figure is missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<Gap>,
    /// Free-text notes: definitions, recasts, one-off items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One figure's value on a basis, with where it comes from and whether it is on that basis.
#[derive(Clone, Debug, PartialEq)]
pub struct BasedValue<'a> {
    /// US$ billions.
    pub value: f64,
    /// The document it comes from.
    pub source: &'a Source,
    /// True when the value is not as first reported.
    pub restated: bool,
    /// The basis the value is actually on: differs from the one asked for when the data has
    /// only the other one (e.g. an old year never recast).
    pub basis: Basis,
    /// Why the value is on another basis than asked, or which restatement it reflects.
    pub basis_note: Option<String>,
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
            advertising_revenue: None,
            capex_net_of_proceeds: None,
            finance_lease_assets: None,
            capex_incl_finance_leases: None,
            restated: false,
            source,
            other_sources: Vec::new(),
            restatements: Vec::new(),
            gaps: Vec::new(),
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
            Figure::AdvertisingRevenue => self.advertising_revenue,
            Figure::CapexNetOfProceeds => self.capex_net_of_proceeds,
            Figure::FinanceLeaseAssets => self.finance_lease_assets,
            Figure::CapexInclFinanceLeases => self.capex_incl_finance_leases,
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
            Figure::AdvertisingRevenue => &mut self.advertising_revenue,
            Figure::CapexNetOfProceeds => &mut self.capex_net_of_proceeds,
            Figure::FinanceLeaseAssets => &mut self.finance_lease_assets,
            Figure::CapexInclFinanceLeases => &mut self.capex_incl_finance_leases,
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

    /// The recorded reason a figure is missing, if the data gives one.
    pub fn gap_of(&self, figure: Figure) -> Option<&Gap> {
        self.gaps.iter().find(|gap| gap.figures.contains(&figure))
    }

    /// The restatement that covers a figure, if any.
    pub fn restatement_of(&self, figure: Figure) -> Option<&Restatement> {
        self.restatements
            .iter()
            .find(|restatement| restatement.figures.contains(&figure))
    }

    /// A figure's value on `basis`. Where the data holds only the other basis's value, that
    /// value is returned with its own basis and a note saying why: a series stays unbroken and
    /// every point says which basis it is on.
    pub fn on_basis(&self, figure: Figure, basis: Basis) -> Option<BasedValue<'_>> {
        let restatement = self.restatement_of(figure);
        let first_reported = restatement.and_then(|restatement| {
            let original = restatement.first_reported.as_ref()?;
            Some((restatement, original.values.get(&figure)?, &original.source))
        });
        if basis == Basis::Reported
            && let Some((restatement, value, source)) = first_reported
        {
            return Some(BasedValue {
                value: *value,
                source,
                restated: false,
                basis: Basis::Reported,
                basis_note: Some(format!(
                    "as first reported, before the {}",
                    restatement.reason.label()
                )),
            });
        }
        let value = self.get(figure)?;
        let (source, restated) = self.source_of(figure);
        let (actual, basis_note) = match (basis, restatement, first_reported.is_some()) {
            (Basis::Latest, Some(restatement), true) => (
                Basis::Latest,
                Some(format!("restated: {}", restatement.reason.label())),
            ),
            (Basis::Latest, Some(restatement), false) => (
                Basis::Reported,
                Some(format!(
                    "as first reported: the {} was not published for {}",
                    restatement.reason.label(),
                    self.period
                )),
            ),
            (Basis::Reported, _, _) if restated => (
                Basis::Latest,
                Some(format!(
                    "restated figure: no value as first reported is recorded for {}",
                    self.period
                )),
            ),
            (basis, _, _) => (basis, None),
        };
        Some(BasedValue {
            value,
            source,
            restated,
            basis: actual,
            basis_note,
        })
    }

    /// Every source the period cites: its own, other sources', and first-reported values'.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        std::iter::once(&self.source)
            .chain(self.other_sources.iter().map(|other| &other.source))
            .chain(
                self.restatements
                    .iter()
                    .filter_map(|restatement| restatement.first_reported.as_ref())
                    .map(|original| &original.source),
            )
    }
}

/// A missing figure and its recorded reason, as counted by [`Dataset::coverage`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingFigure {
    /// The period.
    pub period: FiscalPeriod,
    /// The figure.
    pub figure: Figure,
    /// Why it is missing, if the data says (every bundled gap does).
    pub reason: Option<GapReason>,
    /// The specifics of the reason.
    pub note: Option<String>,
}

impl fmt::Display for MissingFigure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.period, self.figure.label().to_lowercase())?;
        match (self.reason, &self.note) {
            (Some(reason), Some(note)) => write!(f, ": {} ({note})", reason.label()),
            (Some(reason), None) => write!(f, ": {}", reason.label()),
            _ => f.write_str(": no reason recorded"),
        }
    }
}

/// A figure whose value comes from a secondary source (a data site or news report).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecondaryFigure {
    /// The period.
    pub period: FiscalPeriod,
    /// The figure.
    pub figure: Figure,
    /// The source quoted.
    pub filing: String,
}

impl fmt::Display for SecondaryFigure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} (from {})",
            self.period,
            self.figure.label().to_lowercase(),
            self.filing
        )
    }
}

/// How complete and how well sourced one company's data is on one basis: the count the status
/// line and `flywheel check` both show, so the two can never disagree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Every figure with no value on the basis.
    pub missing: Vec<MissingFigure>,
    /// Every figure whose value comes from a secondary source.
    pub secondary: Vec<SecondaryFigure>,
}

impl Coverage {
    /// Missing figures that carry no recorded reason (none should).
    pub fn unexplained(&self) -> impl Iterator<Item = &MissingFigure> {
        self.missing
            .iter()
            .filter(|missing| missing.reason.is_none())
    }

    /// Missing figures the company never published for their period (a line it did not report
    /// yet, a segment it did not break out): holes in the record, not in the research.
    pub fn never_disclosed(&self) -> usize {
        self.missing
            .iter()
            .filter(|missing| missing.reason == Some(GapReason::NotDisclosed))
            .count()
    }

    /// "3 gaps (1 never disclosed), 2 secondary figures": the one-line summary.
    pub fn summary(&self) -> String {
        let plural = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let never_disclosed = match self.never_disclosed() {
            0 => String::new(),
            count => format!(" ({count} never disclosed)"),
        };
        format!(
            "{}{never_disclosed}, {}",
            plural(self.missing.len(), "gap", "gaps"),
            plural(
                self.secondary.len(),
                "secondary figure",
                "secondary figures"
            )
        )
    }
}

impl Dataset {
    /// Gaps (over the core figures) and secondary figures (over all), on `basis`.
    pub fn coverage(&self, basis: Basis) -> Coverage {
        let mut coverage = Coverage::default();
        for record in &self.periods {
            for figure in Figure::EVERY {
                match record.on_basis(figure, basis) {
                    None if !Figure::ALL.contains(&figure) => {}
                    Some(value) => {
                        if value.source.grade == Some(Grade::Secondary) {
                            coverage.secondary.push(SecondaryFigure {
                                period: record.period,
                                figure,
                                filing: value.source.filing.clone(),
                            });
                        }
                    }
                    None => {
                        let gap = record.gap_of(figure);
                        coverage.missing.push(MissingFigure {
                            period: record.period,
                            figure,
                            reason: gap.map(|gap| gap.reason),
                            note: gap.map(|gap| gap.note.clone()),
                        });
                    }
                }
            }
        }
        coverage
    }

    /// A copy whose figures hold their values on `basis` (the first-reported value, with its
    /// source, where one is recorded). For computations that read figures directly, such as the
    /// scenario model; the copy has no restatements left, since its figures are all on one basis.
    pub fn on_basis(&self, basis: Basis) -> Self {
        let mut copy = self.clone();
        if basis == Basis::Latest {
            return copy;
        }
        for (record, original) in copy.periods.iter_mut().zip(&self.periods) {
            for figure in Figure::EVERY {
                let Some(value) = original.on_basis(figure, basis) else {
                    continue;
                };
                // Only a value taken from a first-reported entry differs from the figure's own
                // value and source; the source is compared by identity, not by content.
                let main_source = original.source_of(figure).0;
                if !std::ptr::eq(value.source, main_source) {
                    *record.get_mut(figure) = Some(value.value);
                    record.other_sources.insert(
                        0,
                        FigureSource {
                            figures: vec![figure],
                            source: value.source.clone(),
                            restated: value.restated,
                            note: value.basis_note.unwrap_or_default(),
                        },
                    );
                }
            }
            record.restatements.clear();
        }
        copy
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
