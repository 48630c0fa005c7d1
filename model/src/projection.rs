//! The scenario model: each company's history carried forward to 2030 under assumptions the user
//! sets with sliders. Every formula is here, in words and in code, so any projected number can
//! be redone by hand.
//!
//! All amounts are US$ billions; years are the company's fiscal years.
//!
//! * **Base year** `b`: the last fiscal year whose revenue, operating income, depreciation,
//!   capex and operating cash flow are all reported.
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
//! * **Payback of the 2025 capex**: the 2025 vintage's AI capex earns `ai_revenue_yield` a year
//!   from 2026 for its useful life; taxed at `tax_rate`, that is its extra cash flow. The payback
//!   year is the first year in which the cumulative extra cash flow reaches the whole 2025 capex;
//!   if that has not happened by [`LAST_YEAR`], the answer is "not by 2030".

use std::fmt;

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

    /// Looks an assumption up by its file name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|assumption| assumption.key() == key)
    }
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
}

/// Why a projection cannot start.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProjectionError {
    /// No fiscal year has all five figures a projection needs.
    #[error(
        "{ticker} has no fiscal year with revenue, operating income, depreciation, capex and operating cash flow all reported"
    )]
    NoBaseYear {
        /// The company.
        ticker: String,
    },
}

/// Finds the base year: the last fiscal year with every figure the model starts from.
pub fn base_year(dataset: &Dataset) -> Result<BaseYear, ProjectionError> {
    let needed = [
        Figure::Revenue,
        Figure::OperatingIncome,
        Figure::Depreciation,
        Figure::Capex,
        Figure::OperatingCashFlow,
    ];
    let record = dataset
        .periods
        .iter()
        .filter(|record| !record.period.is_quarter())
        .filter(|record| {
            needed
                .iter()
                .all(|figure| record.get(*figure).is_some_and(f64::is_finite))
        })
        .max_by_key(|record| record.period.fiscal_year())
        .ok_or_else(|| ProjectionError::NoBaseYear {
            ticker: dataset.company.ticker.clone(),
        })?;
    let figure = |figure: Figure| record.get(figure).unwrap_or(0.0);
    let fiscal_year = record.period.fiscal_year();
    let ai_era_capex = (AI_BUILD_OUT_START..=fiscal_year)
        .filter_map(|year| Some((year, annual(dataset, year, Figure::Capex)?)))
        .collect();
    Ok(BaseYear {
        fiscal_year,
        revenue: figure(Figure::Revenue),
        operating_income: figure(Figure::OperatingIncome),
        depreciation: figure(Figure::Depreciation),
        capex: figure(Figure::Capex),
        operating_cash_flow: figure(Figure::OperatingCashFlow),
        ai_era_capex,
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
    let opex_growth = match (cash_costs(b), cash_costs(b - 1)) {
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

    let guidance = dataset
        .guidance
        .iter()
        .filter(|guidance| {
            guidance.metric == Figure::Capex && guidance.period == FiscalPeriod::Year(b + 1)
        })
        .filter(|guidance| guidance.midpoint().is_some())
        .max_by_key(|guidance| guidance.said_on);
    let capex_next = match guidance.and_then(|guidance| Some((guidance, guidance.midpoint()?))) {
        Some((guidance, value)) => {
            reason(
                Assumption::CapexNext,
                format!(
                    "the company's FY{} capex guidance of {}",
                    b + 1,
                    guidance.said_on
                ),
            );
            value
        }
        None => {
            reason(
                Assumption::CapexNext,
                format!(
                    "no FY{} guidance; FY{b} capex grown at the capex growth default",
                    b + 1
                ),
            );
            base.capex * (1.0 + capex_growth / 100.0)
        }
    };

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
    /// There is no 2025 capex to pay back (no data for it, or zero).
    NoCapex,
}

impl fmt::Display for Payback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(year) => write!(f, "FY{year}"),
            Self::NotBy2030 { covered_percent } => {
                write!(f, "not by 2030 ({covered_percent:.0}% covered)")
            }
            Self::NoCapex => write!(f, "no 2025 capex"),
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
    let payback = payback(&capex_by_year, assumptions, life);
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

/// Percent, or 0 where the denominator is not positive (a projection has no gaps to show).
fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 {
        numerator / denominator * 100.0
    } else {
        0.0
    }
}

fn payback(capex_by_year: &[(i32, f64)], assumptions: &Assumptions, life: i32) -> Payback {
    let Some((_, capex_2025)) = capex_by_year
        .iter()
        .find(|(vintage, _)| *vintage == AI_BUILD_OUT_START)
    else {
        return Payback::NoCapex;
    };
    if *capex_2025 <= 0.0 {
        return Payback::NoCapex;
    }
    let yearly = assumptions.ai_revenue_yield * assumptions.ai_share / 100.0
        * capex_2025
        * (1.0 - assumptions.tax_rate / 100.0);
    let mut covered = 0.0;
    for year in (AI_BUILD_OUT_START + 1)..=LAST_YEAR.min(AI_BUILD_OUT_START + life) {
        covered += yearly;
        if covered >= *capex_2025 {
            return Payback::Year(year);
        }
    }
    Payback::NotBy2030 {
        covered_percent: covered / capex_2025 * 100.0,
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
