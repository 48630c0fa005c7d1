//! The scenario model: each company's history carried forward to 2030 under assumptions the user
//! sets with sliders. Every formula is here, in words and in code, so any projected number can
//! be redone by hand.
//!
//! All amounts are US$ billions; years are the company's fiscal years.
//!
//! * **Base year** `b`: the newest fiscal year with revenue reported. Each of operating
//!   income, depreciation, capex and operating cash flow starts from its value in that year;
//!   one missing there is carried from the newest earlier year that reports it, and the
//!   projection says so ([`BaseYear::carried`]).
//! * **Cash costs** in the base year: `revenue − (operating income + depreciation)`, i.e.
//!   revenue minus EBITDA. Each later year: last year's cash costs × (1 + `opex_growth`).
//! * **Core revenue**: the base-year revenue × (1 + `revenue_growth`) per year.
//! * **Capex**: `capex_next` in the first projected year, then × (1 + `capex_growth`) per year.
//! * **AI capex** of a year: `ai_share` × that year's capex. Only capex from
//!   [`AI_BUILD_OUT_START`] on counts: earlier capex is already reflected in the base revenue.
//! * **AI revenue** in year `t`: `ai_revenue_yield` × the AI capex of every vintage `v` with
//!   `v + 1 ≤ t ≤ v + useful_life` (in service from the year after it is spent, for its life).
//! * **Revenue** = core revenue + AI revenue. **EBITDA** = revenue − cash costs.
//! * **Depreciation** = the base-year depreciation, carried on unchanged, plus each projected
//!   year's capex ÷ `useful_life` for `useful_life` years starting in the year it is spent.
//! * **Operating income** = EBITDA − depreciation; **operating margin** = operating income ÷ revenue.
//! * **Net income** = operating income × (1 − `tax_rate`) (no interest or other income; a loss
//!   gets a tax credit at the same rate).
//! * **Operating cash flow** = net income + depreciation (no working-capital changes).
//! * **Free cash flow** = operating cash flow − capex; **cumulative free cash flow** sums it from
//!   the first projected year. **Capex intensity** = capex ÷ revenue.
//! * **Payback of the 2025 AI capex** (`ai_share` × reported 2025 capex): it earns
//!   `ai_revenue_yield` of revenue a year from 2026 for its useful life. That revenue keeps the
//!   company's own cash margin — EBITDA ÷ revenue of that year in the projection, or of the
//!   base year for years already reported — so its extra cash flow a year is
//!   `AI revenue × cash margin × (1 − tax_rate) + tax_rate × AI capex ÷ useful_life` (the tax
//!   saved by depreciating it). The payback year is the first in which the cumulative extra cash
//!   flow reaches the AI capex; if that has not happened by [`LAST_YEAR`], the answer is "not by
//!   2030" with the share covered. (Counting revenue as if it were all cash, as before, made the
//!   share covered the same for every company: yield × (1 − tax) × years, 52% by default.)
//! * **Capex next year** defaults to the company's latest statement about that year (on the
//!   basis it was stated on), else last capex grown at `capex_growth`; never below what the
//!   company already reported spending in that year's quarters, nor below its latest guide for
//!   that year's quarters summed.
//! * **Tornado**: each assumption moved by its [`Assumption::tornado_step`] below and above its
//!   value (±5 percentage points for rates, ±25% for amounts, lives and yields), kept in its
//!   range, the others as set.

use std::fmt;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Figure};
use crate::period::FiscalPeriod;

/// The last projected fiscal year.
pub const LAST_YEAR: i32 = 2030;
/// The first year whose capex counts as the AI build-out, and whose payback is measured.
pub const AI_BUILD_OUT_START: i32 = 2025;

/// One assumption of the model: its name, unit, range and default reasoning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assumption {
    /// Growth of revenue before AI revenue, % a year.
    RevenueGrowth,
    /// Growth of cash operating costs (excluding depreciation), % a year.
    OpexGrowth,
    /// Capex in the first projected year, US$ B.
    CapexNext,
    /// Capex growth after the first projected year, % a year.
    CapexGrowth,
    /// Straight-line life of new capex, years.
    UsefulLife,
    /// Share of capex that is AI infrastructure, %.
    AiShare,
    /// Extra revenue a year per dollar of AI capex in service.
    AiRevenueYield,
    /// Tax rate on operating income, %.
    TaxRate,
}

impl Assumption {
    /// Every assumption, in slider order.
    pub const ALL: [Self; 8] = [
        Self::RevenueGrowth,
        Self::OpexGrowth,
        Self::CapexNext,
        Self::CapexGrowth,
        Self::UsefulLife,
        Self::AiShare,
        Self::AiRevenueYield,
        Self::TaxRate,
    ];

    /// The name used in scenario files.
    pub fn key(self) -> &'static str {
        match self {
            Self::RevenueGrowth => "revenue_growth",
            Self::OpexGrowth => "opex_growth",
            Self::CapexNext => "capex_next",
            Self::CapexGrowth => "capex_growth",
            Self::UsefulLife => "useful_life",
            Self::AiShare => "ai_share",
            Self::AiRevenueYield => "ai_revenue_yield",
            Self::TaxRate => "tax_rate",
        }
    }

    /// Name shown next to the slider.
    pub fn label(self) -> &'static str {
        match self {
            Self::RevenueGrowth => "Revenue growth",
            Self::OpexGrowth => "Cash cost growth",
            Self::CapexNext => "Capex next year",
            Self::CapexGrowth => "Capex growth after",
            Self::UsefulLife => "Useful life of capex",
            Self::AiShare => "AI share of capex",
            Self::AiRevenueYield => "AI revenue yield",
            Self::TaxRate => "Tax rate",
        }
    }

    /// Unit shown after the value.
    pub fn unit(self) -> &'static str {
        match self {
            Self::RevenueGrowth | Self::OpexGrowth | Self::CapexGrowth => "% a year",
            Self::CapexNext => "US$ B",
            Self::UsefulLife => "years",
            Self::AiShare | Self::TaxRate => "%",
            Self::AiRevenueYield => "$ a year per $",
        }
    }

    /// The range a slider offers, given the company's last reported capex (for `capex_next`).
    pub fn range(self, last_capex: f64) -> (f64, f64) {
        match self {
            Self::RevenueGrowth | Self::OpexGrowth => (-10.0, 40.0),
            Self::CapexNext => (0.0, (last_capex * 3.0).max(50.0).ceil()),
            Self::CapexGrowth => (-50.0, 60.0),
            Self::UsefulLife => (2.0, 15.0),
            Self::AiShare => (0.0, 100.0),
            Self::AiRevenueYield => (0.0, 2.0),
            Self::TaxRate => (0.0, 40.0),
        }
    }

    /// The range a scenario file may give the assumption: [`Self::range`], except that capex
    /// next year, whose slider range depends on the company's size, may be any non-negative
    /// amount up to a sane ceiling.
    pub fn file_range(self) -> (f64, f64) {
        if self == Self::CapexNext {
            (0.0, 10_000.0)
        } else {
            self.range(0.0)
        }
    }

    /// Looks an assumption up by its file name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|assumption| assumption.key() == key)
    }

    /// How far the tornado moves this assumption each way around its value: a plausible
    /// surprise, not the whole slider range (revenue growth at 40% says nothing useful).
    pub fn tornado_step(self) -> TornadoStep {
        match self {
            Self::RevenueGrowth
            | Self::OpexGrowth
            | Self::CapexGrowth
            | Self::AiShare
            | Self::TaxRate => TornadoStep::Points(5.0),
            Self::CapexNext | Self::UsefulLife | Self::AiRevenueYield => TornadoStep::Percent(25.0),
        }
    }
}

/// A tornado step: percentage points added and taken away, or a share of the value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TornadoStep {
    /// ± this many percentage points.
    Points(f64),
    /// ± this share of the value, %.
    Percent(f64),
}

impl TornadoStep {
    /// The low and high value around `value`, kept inside `range`.
    pub fn around(self, value: f64, range: (f64, f64)) -> (f64, f64) {
        let delta = match self {
            Self::Points(points) => points,
            Self::Percent(percent) => value.abs() * percent / 100.0,
        };
        (
            (value - delta).clamp(range.0, range.1),
            (value + delta).clamp(range.0, range.1),
        )
    }

    /// In words, for the chart's rows: "±5 pp", "±25%".
    pub fn label(self) -> String {
        match self {
            Self::Points(points) => format!("±{points:.0} pp"),
            Self::Percent(percent) => format!("±{percent:.0}%"),
        }
    }
}

/// One tornado row: an assumption at its low and high step, and the outcome at each.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TornadoRow {
    /// Which assumption.
    pub assumption: Assumption,
    /// Its value at the low end.
    pub low_value: f64,
    /// Its value at the high end.
    pub high_value: f64,
    /// The outcome with the assumption at the low end.
    pub low: f64,
    /// The outcome with the assumption at the high end.
    pub high: f64,
}

/// Every assumption stepped down and up around its value (the others as set), and `outcome`
/// of each projection; rows sorted by the width of their swing, smallest first (the tornado's
/// widest bar on top).
pub fn tornado(
    ticker: &str,
    base: &BaseYear,
    assumptions: &Assumptions,
    outcome: impl Fn(&Projection) -> f64,
) -> Vec<TornadoRow> {
    let mut rows: Vec<TornadoRow> = Assumption::ALL
        .into_iter()
        .map(|assumption| {
            let range = assumption.range(base.capex);
            let (low_value, high_value) = assumption
                .tornado_step()
                .around(assumptions.get(assumption), range);
            let at = |value| outcome(&project(ticker, base, &assumptions.with(assumption, value)));
            TornadoRow {
                assumption,
                low_value,
                high_value,
                low: at(low_value),
                high: at(high_value),
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.high - a.low).abs().total_cmp(&(b.high - b.low).abs()));
    rows
}

/// A company's assumptions. Percentages are in percent (12.5 means 12.5%).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    /// % a year.
    pub revenue_growth: f64,
    /// % a year.
    pub opex_growth: f64,
    /// US$ B in the first projected year.
    pub capex_next: f64,
    /// % a year after the first projected year.
    pub capex_growth: f64,
    /// Years (whole years are used: fractions are rounded to the nearest year).
    pub useful_life: f64,
    /// %.
    pub ai_share: f64,
    /// US$ of revenue a year per US$ of AI capex in service.
    pub ai_revenue_yield: f64,
    /// %.
    pub tax_rate: f64,
}

impl Assumptions {
    /// The value of one assumption.
    pub fn get(&self, assumption: Assumption) -> f64 {
        match assumption {
            Assumption::RevenueGrowth => self.revenue_growth,
            Assumption::OpexGrowth => self.opex_growth,
            Assumption::CapexNext => self.capex_next,
            Assumption::CapexGrowth => self.capex_growth,
            Assumption::UsefulLife => self.useful_life,
            Assumption::AiShare => self.ai_share,
            Assumption::AiRevenueYield => self.ai_revenue_yield,
            Assumption::TaxRate => self.tax_rate,
        }
    }

    /// Mutable access to one assumption (for sliders).
    pub fn get_mut(&mut self, assumption: Assumption) -> &mut f64 {
        match assumption {
            Assumption::RevenueGrowth => &mut self.revenue_growth,
            Assumption::OpexGrowth => &mut self.opex_growth,
            Assumption::CapexNext => &mut self.capex_next,
            Assumption::CapexGrowth => &mut self.capex_growth,
            Assumption::UsefulLife => &mut self.useful_life,
            Assumption::AiShare => &mut self.ai_share,
            Assumption::AiRevenueYield => &mut self.ai_revenue_yield,
            Assumption::TaxRate => &mut self.tax_rate,
        }
    }

    /// A copy with one assumption changed.
    #[must_use]
    pub fn with(mut self, assumption: Assumption, value: f64) -> Self {
        *self.get_mut(assumption) = value;
        self
    }
}

/// The reported figures a projection starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseYear {
    /// The fiscal year.
    pub fiscal_year: i32,
    /// Revenue.
    pub revenue: f64,
    /// Operating income.
    pub operating_income: f64,
    /// Depreciation and amortization.
    pub depreciation: f64,
    /// Capex.
    pub capex: f64,
    /// Operating cash flow.
    pub operating_cash_flow: f64,
    /// Reported capex of each fiscal year from [`AI_BUILD_OUT_START`] to the base year.
    pub ai_era_capex: Vec<(i32, f64)>,
    /// Figures missing in the base year, carried from the newest earlier year that has them.
    pub carried: Vec<CarriedFigure>,
    /// Capex already reported for quarters of the first projected year, summed.
    pub spent_in_next_year: Option<f64>,
}

/// A base-year figure taken from an earlier year because the base year does not report it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CarriedFigure {
    /// Which figure.
    pub figure: Figure,
    /// The fiscal year it comes from.
    pub from_year: i32,
}

impl BaseYear {
    /// Where the projection starts, in words: "FY2026 (depreciation carried from FY2025)".
    pub fn describe(&self) -> String {
        if self.carried.is_empty() {
            return format!("FY{}", self.fiscal_year);
        }
        let carried: Vec<String> = self
            .carried
            .iter()
            .map(|carried| {
                format!(
                    "{} carried from FY{}",
                    carried.figure.label().to_lowercase(),
                    carried.from_year
                )
            })
            .collect();
        format!("FY{} ({})", self.fiscal_year, carried.join(", "))
    }
}

/// Why a projection cannot start.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProjectionError {
    /// No fiscal year reports revenue, or a figure the model starts from is in no year at all.
    #[error(
        "{ticker} has no fiscal year with revenue, operating income, depreciation, capex and operating cash flow all reported"
    )]
    NoBaseYear {
        /// The company.
        ticker: String,
    },
}

/// Finds the base year: the newest fiscal year with revenue, each other figure from that year
/// or, where it is missing there, carried from the newest earlier year that reports it.
pub fn base_year(dataset: &Dataset) -> Result<BaseYear, ProjectionError> {
    let no_base = || ProjectionError::NoBaseYear {
        ticker: dataset.company.ticker.clone(),
    };
    let years: Vec<&crate::dataset::PeriodRecord> = dataset
        .periods
        .iter()
        .filter(|record| !record.period.is_quarter())
        .collect();
    let record = years
        .iter()
        .filter(|record| record.get(Figure::Revenue).is_some_and(f64::is_finite))
        .max_by_key(|record| record.period.fiscal_year())
        .ok_or_else(no_base)?;
    let fiscal_year = record.period.fiscal_year();
    let mut carried = Vec::new();
    let mut figure = |figure: Figure| -> Result<f64, ProjectionError> {
        let (year, value) = years
            .iter()
            .filter(|earlier| earlier.period.fiscal_year() <= fiscal_year)
            .filter_map(|earlier| {
                let value = earlier.get(figure).filter(|value| value.is_finite())?;
                Some((earlier.period.fiscal_year(), value))
            })
            .max_by_key(|(year, _)| *year)
            .ok_or_else(no_base)?;
        if year != fiscal_year {
            carried.push(CarriedFigure {
                figure,
                from_year: year,
            });
        }
        Ok(value)
    };
    let revenue = figure(Figure::Revenue)?;
    let operating_income = figure(Figure::OperatingIncome)?;
    let depreciation = figure(Figure::Depreciation)?;
    let capex = figure(Figure::Capex)?;
    let operating_cash_flow = figure(Figure::OperatingCashFlow)?;
    let ai_era_capex = (AI_BUILD_OUT_START..=fiscal_year)
        .filter_map(|year| Some((year, annual(dataset, year, Figure::Capex)?)))
        .collect();
    let next_quarters: Vec<f64> = dataset
        .periods
        .iter()
        .filter(|record| {
            record.period.is_quarter() && record.period.fiscal_year() == fiscal_year + 1
        })
        .filter_map(|record| record.get(Figure::Capex))
        .collect();
    Ok(BaseYear {
        fiscal_year,
        revenue,
        operating_income,
        depreciation,
        capex,
        operating_cash_flow,
        ai_era_capex,
        carried,
        spent_in_next_year: (!next_quarters.is_empty()).then(|| next_quarters.iter().sum()),
    })
}

fn annual(dataset: &Dataset, fiscal_year: i32, figure: Figure) -> Option<f64> {
    dataset
        .periods
        .iter()
        .find(|record| record.period == FiscalPeriod::Year(fiscal_year))
        .and_then(|record| record.get(figure))
}

/// Where a default assumption comes from, shown next to its slider.
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultReason {
    /// Which assumption.
    pub assumption: Assumption,
    /// In words, e.g. "3-year revenue CAGR FY2022–FY2025".
    pub reason: String,
}

/// Defaults from the company's own history and guidance, each with its reason.
pub fn default_assumptions(
    dataset: &Dataset,
) -> Result<(Assumptions, Vec<DefaultReason>), ProjectionError> {
    let base = base_year(dataset)?;
    let b = base.fiscal_year;
    let mut reasons = Vec::new();
    let mut reason = |assumption, text: String| {
        reasons.push(DefaultReason {
            assumption,
            reason: text,
        });
    };

    let cagr = |figure: Figure, years: i32| -> Option<f64> {
        let now = annual(dataset, b, figure)?;
        let then = annual(dataset, b - years, figure)?;
        (now > 0.0 && then > 0.0).then(|| ((now / then).powf(1.0 / f64::from(years)) - 1.0) * 100.0)
    };
    let (revenue_low, revenue_high) = Assumption::RevenueGrowth.range(base.capex);
    let revenue_growth = match cagr(Figure::Revenue, 3) {
        Some(growth) => {
            reason(
                Assumption::RevenueGrowth,
                format!("3-year revenue growth, FY{}–FY{b}, a year", b - 3),
            );
            growth.clamp(revenue_low, revenue_high)
        }
        None => {
            reason(
                Assumption::RevenueGrowth,
                "no 3-year revenue history; a neutral 10%".to_owned(),
            );
            10.0
        }
    };

    let cash_costs = |year: i32| -> Option<f64> {
        Some(
            annual(dataset, year, Figure::Revenue)?
                - annual(dataset, year, Figure::OperatingIncome)?
                - annual(dataset, year, Figure::Depreciation)?,
        )
    };
    let (opex_low, opex_high) = Assumption::OpexGrowth.range(base.capex);
    // The base year's own cash costs use its carried figures, so a figure missing there does
    // not throw away the year.
    let base_cash_costs = base.revenue - base.operating_income - base.depreciation;
    let opex_growth = match (Some(base_cash_costs), cash_costs(b - 1)) {
        (Some(now), Some(before)) if before > 0.0 => {
            reason(
                Assumption::OpexGrowth,
                format!("growth of cash costs (revenue − EBITDA) in FY{b}"),
            );
            ((now / before - 1.0) * 100.0).clamp(opex_low, opex_high)
        }
        _ => {
            reason(
                Assumption::OpexGrowth,
                "no cash-cost history for the last two years; equal to revenue growth".to_owned(),
            );
            revenue_growth
        }
    };

    // After the guided year capex grows with revenue (capex intensity held), rather than at its
    // recent pace: carried to 2030, a 3-year boom rate of 30–40% a year dwarfs every business.
    let (capex_growth_low, capex_growth_high) = Assumption::CapexGrowth.range(base.capex);
    let capex_growth = revenue_growth.clamp(capex_growth_low, capex_growth_high);
    match cagr(Figure::Capex, 3) {
        Some(recent) => reason(
            Assumption::CapexGrowth,
            format!(
                "grows with revenue after the guided year, holding capex intensity (capex grew {recent:.0}% a year FY{}–FY{b})",
                b - 3
            ),
        ),
        None => reason(
            Assumption::CapexGrowth,
            "grows with revenue after the guided year, holding capex intensity".to_owned(),
        ),
    }

    let next = FiscalPeriod::Year(b + 1);
    let is_capex = |figure: Figure| {
        matches!(
            figure,
            Figure::Capex | Figure::CapexNetOfProceeds | Figure::CapexInclFinanceLeases
        )
    };
    let guidance = dataset
        .guidance
        .iter()
        .filter(|guidance| is_capex(guidance.metric) && guidance.period == next)
        .filter(|guidance| guidance.midpoint().is_some())
        .max_by_key(|guidance| guidance.said_on);
    let (mut capex_next, mut capex_reason) =
        match guidance.and_then(|guidance| Some((guidance, guidance.midpoint()?))) {
            Some((guidance, value)) => (
                value,
                format!(
                    "the company's FY{} capex guidance of {}",
                    b + 1,
                    guidance.said_on
                ),
            ),
            None => (
                base.capex * (1.0 + capex_growth / 100.0),
                format!(
                    "no FY{} guidance; FY{b} capex grown at the capex growth default",
                    b + 1
                ),
            ),
        };
    // Never below what is already known about the year: quarters reported, or quarters guided.
    let mut guided_quarters: Vec<(FiscalPeriod, crate::date::Date, f64)> = Vec::new();
    for guidance in dataset.guidance.iter().filter(|guidance| {
        is_capex(guidance.metric)
            && guidance.period.is_quarter()
            && guidance.period.fiscal_year() == b + 1
    }) {
        let Some(value) = guidance.midpoint() else {
            continue;
        };
        match guided_quarters
            .iter_mut()
            .find(|(period, ..)| *period == guidance.period)
        {
            Some(entry) if entry.1 < guidance.said_on => {
                *entry = (guidance.period, guidance.said_on, value);
            }
            Some(_) => {}
            None => guided_quarters.push((guidance.period, guidance.said_on, value)),
        }
    }
    let floors = [
        (base.spent_in_next_year.unwrap_or(0.0), "already reported"),
        (
            guided_quarters.iter().map(|(.., value)| value).sum(),
            "already guided for its quarters",
        ),
    ];
    for (floor, what) in floors {
        if floor > capex_next {
            capex_next = floor;
            let _ = write!(
                capex_reason,
                "; raised to the FY{} capex {what} ({floor:.1} US$ B)",
                b + 1
            );
        }
    }
    reason(Assumption::CapexNext, capex_reason);

    reason(
        Assumption::UsefulLife,
        "servers and network gear are depreciated over about 5–6 years".to_owned(),
    );
    reason(
        Assumption::AiShare,
        "not reported; management calls most of the build-out AI — a neutral half".to_owned(),
    );
    reason(
        Assumption::AiRevenueYield,
        "not reported; a neutral 25 cents of revenue a year per dollar".to_owned(),
    );
    reason(
        Assumption::TaxRate,
        "not in the dataset; a typical large-cap effective rate".to_owned(),
    );
    // Defaults carry the precision the sliders show (0.1 for rates and US$ B), so that showing a
    // default never changes it.
    let tenth = |value: f64| (value * 10.0).round() / 10.0;
    let assumptions = Assumptions {
        revenue_growth: tenth(revenue_growth),
        opex_growth: tenth(opex_growth),
        capex_next: tenth(capex_next),
        capex_growth: tenth(capex_growth),
        useful_life: 6.0,
        ai_share: 50.0,
        ai_revenue_yield: 0.25,
        tax_rate: 17.0,
    };
    Ok((assumptions, reasons))
}

/// One projected fiscal year. Amounts in US$ billions, ratios in percent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProjectedYear {
    /// Fiscal year.
    pub fiscal_year: i32,
    /// Core plus AI revenue.
    pub revenue: f64,
    /// The AI part of revenue.
    pub ai_revenue: f64,
    /// Cash operating costs.
    pub cash_costs: f64,
    /// Revenue − cash costs.
    pub ebitda: f64,
    /// Base depreciation plus new vintages.
    pub depreciation: f64,
    /// EBITDA − depreciation.
    pub operating_income: f64,
    /// Operating income ÷ revenue, %.
    pub operating_margin: f64,
    /// Operating income after tax.
    pub net_income: f64,
    /// Net income + depreciation.
    pub operating_cash_flow: f64,
    /// Capex.
    pub capex: f64,
    /// Operating cash flow − capex.
    pub free_cash_flow: f64,
    /// Sum of free cash flow from the first projected year.
    pub cumulative_free_cash_flow: f64,
    /// Capex ÷ revenue, %.
    pub capex_intensity: f64,
}

/// When the 2025 capex pays back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Payback {
    /// The first fiscal year in which the cumulative extra cash flow covers the 2025 capex.
    Year(i32),
    /// Not covered by [`LAST_YEAR`]; carries how much of it was covered, %.
    NotBy2030 {
        /// Share covered by 2030, %.
        covered_percent: f64,
    },
    /// There is no 2025 AI capex to pay back (no data for it, or zero).
    NoCapex,
}

impl fmt::Display for Payback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(year) => write!(f, "FY{year}"),
            Self::NotBy2030 { covered_percent } => {
                write!(f, "not by 2030 ({covered_percent:.0}% covered)")
            }
            Self::NoCapex => write!(f, "no 2025 AI capex"),
        }
    }
}

/// A company's projection.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    /// The company.
    pub ticker: String,
    /// The reported year it starts from.
    pub base: BaseYear,
    /// The assumptions used.
    pub assumptions: Assumptions,
    /// Projected years, first projected year to [`LAST_YEAR`].
    pub years: Vec<ProjectedYear>,
    /// Payback of the 2025 capex.
    pub payback: Payback,
}

/// Projects one company from its base year to [`LAST_YEAR`]. Pure arithmetic on its inputs:
/// the same inputs always give the same numbers, and no input in range gives NaN or infinity.
pub fn project(ticker: &str, base: &BaseYear, assumptions: &Assumptions) -> Projection {
    let first = base.fiscal_year + 1;
    let life = years_of_life(assumptions.useful_life);
    let growth = |percent: f64| 1.0 + percent / 100.0;
    let ai_share = assumptions.ai_share / 100.0;
    let tax = assumptions.tax_rate / 100.0;

    // Capex by fiscal year: reported for the AI era up to the base year, projected after.
    let mut capex_by_year: Vec<(i32, f64)> = base.ai_era_capex.clone();
    let mut capex = assumptions.capex_next;
    for year in first..=LAST_YEAR {
        if year > first {
            capex *= growth(assumptions.capex_growth);
        }
        capex_by_year.push((year, capex));
    }

    let mut core_revenue = base.revenue;
    let mut cash_costs = base.revenue - base.operating_income - base.depreciation;
    let mut cumulative_free_cash_flow = 0.0;
    let mut years = Vec::new();
    for year in first..=LAST_YEAR {
        core_revenue *= growth(assumptions.revenue_growth);
        cash_costs *= growth(assumptions.opex_growth);
        let ai_revenue: f64 = capex_by_year
            .iter()
            .filter(|(vintage, _)| {
                *vintage >= AI_BUILD_OUT_START && year > *vintage && year <= vintage + life
            })
            .map(|(_, spent)| assumptions.ai_revenue_yield * ai_share * spent)
            .sum();
        let revenue = core_revenue + ai_revenue;
        let ebitda = revenue - cash_costs;
        let new_depreciation: f64 = capex_by_year
            .iter()
            .filter(|(vintage, _)| *vintage >= first && year >= *vintage && year < vintage + life)
            .map(|(_, spent)| spent / f64::from(life))
            .sum();
        let depreciation = base.depreciation + new_depreciation;
        let operating_income = ebitda - depreciation;
        let net_income = operating_income * (1.0 - tax);
        let operating_cash_flow = net_income + depreciation;
        let capex = capex_by_year
            .iter()
            .find(|(vintage, _)| *vintage == year)
            .map_or(0.0, |(_, spent)| *spent);
        let free_cash_flow = operating_cash_flow - capex;
        cumulative_free_cash_flow += free_cash_flow;
        years.push(ProjectedYear {
            fiscal_year: year,
            revenue,
            ai_revenue,
            cash_costs,
            ebitda,
            depreciation,
            operating_income,
            operating_margin: ratio(operating_income, revenue),
            net_income,
            operating_cash_flow,
            capex,
            free_cash_flow,
            cumulative_free_cash_flow,
            capex_intensity: ratio(capex, revenue),
        });
    }
    let base_cash_margin = ratio(base.operating_income + base.depreciation, base.revenue);
    let cash_margin = |year: i32| {
        years
            .iter()
            .find(|projected| projected.fiscal_year == year)
            .map_or(base_cash_margin, |projected| {
                ratio(projected.ebitda, projected.revenue)
            })
    };
    let payback = payback(&capex_by_year, assumptions, life, cash_margin);
    Projection {
        ticker: ticker.to_owned(),
        base: base.clone(),
        assumptions: *assumptions,
        years,
        payback,
    }
}

/// Whole years of life, at least one (a slider may give 5.6; depreciation runs in whole years).
fn years_of_life(useful_life: f64) -> i32 {
    if useful_life.is_finite() {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "clamped to a small range first"
        )]
        let years = useful_life.round().clamp(1.0, 100.0) as i32;
        years
    } else {
        1
    }
}

/// Percent, or 0 where the denominator is not positive or the ratio would not be a finite
/// number (a projection has no gaps to show). Loaded figures are at least US$ 1,000 unless zero
/// and at most US$ 100 trillion, so only a base built by a program can get here.
fn ratio(numerator: f64, denominator: f64) -> f64 {
    let percent = numerator / denominator * 100.0;
    if denominator > 0.0 && percent.is_finite() {
        percent
    } else {
        0.0
    }
}

fn payback(
    capex_by_year: &[(i32, f64)],
    assumptions: &Assumptions,
    life: i32,
    cash_margin_percent: impl Fn(i32) -> f64,
) -> Payback {
    let Some((_, capex_2025)) = capex_by_year
        .iter()
        .find(|(vintage, _)| *vintage == AI_BUILD_OUT_START)
    else {
        return Payback::NoCapex;
    };
    let ai_capex = assumptions.ai_share / 100.0 * capex_2025;
    // Figures so large that they overflow give no capex to pay back, not a NaN share.
    if ai_capex <= 0.0 || !ai_capex.is_finite() {
        return Payback::NoCapex;
    }
    let tax = assumptions.tax_rate / 100.0;
    let ai_revenue = assumptions.ai_revenue_yield * ai_capex;
    let tax_saved = tax * ai_capex / f64::from(life);
    let mut covered = 0.0;
    for year in (AI_BUILD_OUT_START + 1)..=LAST_YEAR.min(AI_BUILD_OUT_START + life) {
        let margin = cash_margin_percent(year);
        // A year whose margin cannot be computed (revenue that overflowed) earns nothing.
        let margin = if margin.is_finite() { margin } else { 0.0 };
        covered += ai_revenue * margin / 100.0 * (1.0 - tax) + tax_saved;
        if covered >= ai_capex {
            return Payback::Year(year);
        }
    }
    let covered_percent = covered / ai_capex * 100.0;
    if covered_percent.is_finite() {
        Payback::NotBy2030 { covered_percent }
    } else {
        Payback::NoCapex
    }
}

/// A figure of a projected year, by name: what `flywheel project` prints and the app tabulates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProjectedMetric {
    /// Core plus AI revenue.
    Revenue,
    /// The AI part of revenue.
    AiRevenue,
    /// Cash operating costs.
    CashCosts,
    /// Revenue − cash costs.
    Ebitda,
    /// Depreciation.
    Depreciation,
    /// EBITDA − depreciation.
    OperatingIncome,
    /// Operating income ÷ revenue, %.
    OperatingMargin,
    /// Operating income after tax.
    NetIncome,
    /// Net income + depreciation.
    OperatingCashFlow,
    /// Capex.
    Capex,
    /// Operating cash flow − capex.
    FreeCashFlow,
    /// Sum of free cash flow from the first projected year.
    CumulativeFreeCashFlow,
    /// Capex ÷ revenue, %.
    CapexIntensity,
}

impl ProjectedMetric {
    /// Every projected metric, in print order.
    pub const ALL: [Self; 13] = [
        Self::Revenue,
        Self::AiRevenue,
        Self::CashCosts,
        Self::Ebitda,
        Self::Depreciation,
        Self::OperatingIncome,
        Self::OperatingMargin,
        Self::NetIncome,
        Self::OperatingCashFlow,
        Self::Capex,
        Self::FreeCashFlow,
        Self::CumulativeFreeCashFlow,
        Self::CapexIntensity,
    ];

    /// Command-line and CSV name (as in `flywheel table` where the two share a metric).
    pub fn key(self) -> &'static str {
        match self {
            Self::Revenue => "revenue",
            Self::AiRevenue => "ai_revenue",
            Self::CashCosts => "cash_costs",
            Self::Ebitda => "ebitda",
            Self::Depreciation => "depreciation",
            Self::OperatingIncome => "operating_income",
            Self::OperatingMargin => "operating_margin",
            Self::NetIncome => "net_income",
            Self::OperatingCashFlow => "operating_cash_flow",
            Self::Capex => "capex",
            Self::FreeCashFlow => "free_cash_flow",
            Self::CumulativeFreeCashFlow => "cumulative_free_cash_flow",
            Self::CapexIntensity => "capex_intensity",
        }
    }

    /// Name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Revenue => "Revenue",
            Self::AiRevenue => "of which AI revenue",
            Self::CashCosts => "Cash costs",
            Self::Ebitda => "EBITDA",
            Self::Depreciation => "Depreciation",
            Self::OperatingIncome => "Operating income",
            Self::OperatingMargin => "Operating margin",
            Self::NetIncome => "Net income",
            Self::OperatingCashFlow => "Operating cash flow",
            Self::Capex => "Capex",
            Self::FreeCashFlow => "Free cash flow",
            Self::CumulativeFreeCashFlow => "Cumulative free cash flow",
            Self::CapexIntensity => "Capex intensity",
        }
    }

    /// Percent (ratios) or US$ billions.
    pub fn unit(self) -> crate::metrics::ValueUnit {
        match self {
            Self::OperatingMargin | Self::CapexIntensity => crate::metrics::ValueUnit::Percent,
            _ => crate::metrics::ValueUnit::UsdBillions,
        }
    }

    /// Looks a metric up by its name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|metric| metric.key() == key)
    }

    /// Its value in a projected year.
    pub fn of(self, year: &ProjectedYear) -> f64 {
        match self {
            Self::Revenue => year.revenue,
            Self::AiRevenue => year.ai_revenue,
            Self::CashCosts => year.cash_costs,
            Self::Ebitda => year.ebitda,
            Self::Depreciation => year.depreciation,
            Self::OperatingIncome => year.operating_income,
            Self::OperatingMargin => year.operating_margin,
            Self::NetIncome => year.net_income,
            Self::OperatingCashFlow => year.operating_cash_flow,
            Self::Capex => year.capex,
            Self::FreeCashFlow => year.free_cash_flow,
            Self::CumulativeFreeCashFlow => year.cumulative_free_cash_flow,
            Self::CapexIntensity => year.capex_intensity,
        }
    }
}
