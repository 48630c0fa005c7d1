//! Derived metrics over time: margins, capex intensity, free cash flow, growth, trailing twelve
//! months, calendar-year alignment and indexing. Every value carries the formula and the sourced
//! figures it was computed from, so any number on screen can be traced to its filing.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::dataset::{Basis, Dataset, Figure, GapReason, Grade, PeriodRecord, Source};
use crate::period::{Alignment, FiscalPeriod, Frequency, PeriodSlot};
use crate::text::escape_controls;

/// Something Flywheel can chart or tabulate for a company.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Total revenue.
    Revenue,
    /// Operating income.
    OperatingIncome,
    /// Net income.
    NetIncome,
    /// Gross purchases of property and equipment.
    Capex,
    /// Net cash from operating activities.
    OperatingCashFlow,
    /// Depreciation and amortization.
    Depreciation,
    /// Operating cash flow minus capex.
    FreeCashFlow,
    /// Operating income as a share of revenue.
    OperatingMargin,
    /// Net income as a share of revenue.
    NetMargin,
    /// Capex as a share of revenue.
    CapexIntensity,
    /// Capex as a share of operating cash flow: how much of the cash the business makes is reinvested.
    CapexToOcf,
    /// Free cash flow as a share of revenue.
    FcfMargin,
    /// Revenue change against the same period a year earlier.
    RevenueGrowth,
    /// Capex change against the same period a year earlier.
    CapexGrowth,
    /// Cloud segment revenue.
    CloudRevenue,
    /// Cloud segment operating income.
    CloudOperatingIncome,
    /// Cloud segment operating income as a share of its revenue.
    CloudMargin,
    /// Advertising revenue as reported.
    AdvertisingRevenue,
    /// Capex net of proceeds from property and equipment sales and incentives (Amazon's own
    /// "capital expenditures", the basis of its capex guidance).
    CapexNetOfProceeds,
    /// Capex including assets acquired under finance leases (Microsoft's own capex measure, the
    /// basis of its capex plans): as the company states it, else purchases plus finance leases.
    CapexWithFinanceLeases,
    /// Revenue minus operating income: everything the business spent to earn its revenue.
    OperatingExpenses,
    /// Operating-expense change against the same period a year earlier: read beside revenue
    /// growth, the gap is operating leverage.
    OperatingExpenseGrowth,
    /// How much of each extra dollar of revenue became operating income, on a year earlier.
    IncrementalOperatingMargin,
    /// Advertising revenue as a share of revenue.
    AdvertisingShare,
}

/// How a metric's values are expressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueUnit {
    /// US$ billions.
    UsdBillions,
    /// Percent.
    Percent,
}

impl ValueUnit {
    /// Short axis label.
    pub fn axis_label(self) -> &'static str {
        match self {
            Self::UsdBillions => "US$ B",
            Self::Percent => "%",
        }
    }

    /// Formats a value with its unit, the sign in front: "−$29.2B", "$1.40T", "−3.5%".
    /// Amounts of a trillion or more switch to trillions with two decimals, so that
    /// "$1400.0B" reads as "$1.40T".
    pub fn format(self, value: f64) -> String {
        let sign = if value < 0.0 && format!("{:.1}", value.abs()) != "0.0" {
            "−"
        } else {
            ""
        };
        let size = value.abs();
        match self {
            Self::UsdBillions if size >= 999.995 => format!("{sign}${:.2}T", size / 1000.0),
            Self::UsdBillions => format!("{sign}${size:.1}B"),
            Self::Percent => format!("{sign}{size:.1}%"),
        }
    }

    /// A value for a CSV cell at the data's full precision: US$ billions to three decimals
    /// (the filings' US$ 1 million), percent to four. Never `inf`, `NaN` or `-0`: a value that
    /// is not finite is an empty cell.
    pub fn csv(self, value: f64) -> String {
        if !value.is_finite() {
            return String::new();
        }
        let text = match self {
            Self::UsdBillions => format!("{value:.3}"),
            Self::Percent => format!("{value:.4}"),
        };
        // A value that rounds to zero from below prints as "-0.000": drop the sign.
        if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
            text[1..].to_owned()
        } else {
            text
        }
    }
}

impl Metric {
    /// Every metric, in menu order.
    pub const ALL: [Self; 24] = [
        Self::Revenue,
        Self::OperatingIncome,
        Self::NetIncome,
        Self::Capex,
        Self::OperatingCashFlow,
        Self::Depreciation,
        Self::FreeCashFlow,
        Self::OperatingMargin,
        Self::NetMargin,
        Self::CapexIntensity,
        Self::CapexToOcf,
        Self::FcfMargin,
        Self::RevenueGrowth,
        Self::CapexGrowth,
        Self::CloudRevenue,
        Self::CloudOperatingIncome,
        Self::CloudMargin,
        Self::AdvertisingRevenue,
        Self::CapexNetOfProceeds,
        Self::CapexWithFinanceLeases,
        Self::OperatingExpenses,
        Self::OperatingExpenseGrowth,
        Self::IncrementalOperatingMargin,
        Self::AdvertisingShare,
    ];

    /// The name used on the command line and in exports.
    pub fn key(self) -> &'static str {
        match self {
            Self::Revenue => "revenue",
            Self::OperatingIncome => "operating_income",
            Self::NetIncome => "net_income",
            Self::Capex => "capex",
            Self::OperatingCashFlow => "operating_cash_flow",
            Self::Depreciation => "depreciation",
            Self::FreeCashFlow => "free_cash_flow",
            Self::OperatingMargin => "operating_margin",
            Self::NetMargin => "net_margin",
            Self::CapexIntensity => "capex_intensity",
            Self::CapexToOcf => "capex_to_ocf",
            Self::FcfMargin => "fcf_margin",
            Self::RevenueGrowth => "revenue_growth",
            Self::CapexGrowth => "capex_growth",
            Self::CloudRevenue => "cloud_revenue",
            Self::CloudOperatingIncome => "cloud_operating_income",
            Self::CloudMargin => "cloud_margin",
            Self::AdvertisingRevenue => "advertising_revenue",
            Self::CapexNetOfProceeds => "capex_net_of_proceeds",
            Self::CapexWithFinanceLeases => "capex_with_finance_leases",
            Self::OperatingExpenses => "operating_expenses",
            Self::OperatingExpenseGrowth => "operating_expense_growth",
            Self::IncrementalOperatingMargin => "incremental_operating_margin",
            Self::AdvertisingShare => "advertising_share",
        }
    }

    /// Looks a metric up by its command-line name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|metric| metric.key() == key)
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
            Self::FreeCashFlow => "Free cash flow",
            Self::OperatingMargin => "Operating margin",
            Self::NetMargin => "Net margin",
            Self::CapexIntensity => "Capex intensity",
            Self::CapexToOcf => "Capex / operating cash flow",
            Self::FcfMargin => "Free cash flow margin",
            Self::RevenueGrowth => "Revenue growth (YoY)",
            Self::CapexGrowth => "Capex growth (YoY)",
            Self::CloudRevenue => "Cloud revenue",
            Self::CloudOperatingIncome => "Cloud operating income",
            Self::CloudMargin => "Cloud margin",
            Self::AdvertisingRevenue => "Advertising revenue",
            Self::CapexNetOfProceeds => "Capex net of proceeds and incentives",
            Self::CapexWithFinanceLeases => "Capex including finance leases",
            Self::OperatingExpenses => "Operating expenses",
            Self::OperatingExpenseGrowth => "Operating expense growth (YoY)",
            Self::IncrementalOperatingMargin => "Incremental operating margin",
            Self::AdvertisingShare => "Advertising share of revenue",
        }
    }

    /// Unit of the metric's values.
    pub fn unit(self) -> ValueUnit {
        match self {
            Self::Revenue
            | Self::OperatingIncome
            | Self::NetIncome
            | Self::Capex
            | Self::OperatingCashFlow
            | Self::Depreciation
            | Self::FreeCashFlow
            | Self::CloudRevenue
            | Self::CloudOperatingIncome
            | Self::AdvertisingRevenue
            | Self::CapexNetOfProceeds
            | Self::CapexWithFinanceLeases
            | Self::OperatingExpenses => ValueUnit::UsdBillions,
            Self::OperatingMargin
            | Self::NetMargin
            | Self::CapexIntensity
            | Self::CapexToOcf
            | Self::FcfMargin
            | Self::RevenueGrowth
            | Self::CapexGrowth
            | Self::CloudMargin
            | Self::OperatingExpenseGrowth
            | Self::IncrementalOperatingMargin
            | Self::AdvertisingShare => ValueUnit::Percent,
        }
    }

    /// The formula in words, as shown next to a derived value.
    pub fn formula(self) -> &'static str {
        match self {
            Self::Revenue
            | Self::OperatingIncome
            | Self::NetIncome
            | Self::Capex
            | Self::OperatingCashFlow
            | Self::Depreciation
            | Self::CloudRevenue
            | Self::CloudOperatingIncome
            | Self::AdvertisingRevenue
            | Self::CapexNetOfProceeds => "as reported",
            Self::CapexWithFinanceLeases => {
                "capex including finance leases as the company states it; where it states none, \
                 purchases of property and equipment + assets acquired under finance leases"
            }
            Self::FreeCashFlow => "operating cash flow − capex",
            Self::OperatingMargin => "operating income ÷ revenue × 100",
            Self::NetMargin => "net income ÷ revenue × 100",
            Self::CapexIntensity => "capex ÷ revenue × 100",
            Self::CapexToOcf => "capex ÷ operating cash flow × 100",
            Self::FcfMargin => "(operating cash flow − capex) ÷ revenue × 100",
            Self::RevenueGrowth => "(revenue ÷ revenue a year earlier − 1) × 100",
            Self::CapexGrowth => "(capex ÷ capex a year earlier − 1) × 100",
            Self::CloudMargin => "cloud operating income ÷ cloud revenue × 100",
            Self::OperatingExpenses => "revenue − operating income",
            Self::OperatingExpenseGrowth => {
                "(operating expenses ÷ operating expenses a year earlier − 1) × 100, where \
                 operating expenses = revenue − operating income"
            }
            Self::IncrementalOperatingMargin => {
                "(operating income − operating income a year earlier) ÷ (revenue − revenue a \
                 year earlier) × 100"
            }
            Self::AdvertisingShare => "advertising revenue ÷ revenue × 100",
        }
    }

    /// The reported figure this metric is, if it is one.
    pub fn as_figure(self) -> Option<Figure> {
        Figure::EVERY
            .into_iter()
            .find(|figure| figure.key() == self.key())
    }
}

/// A sourced figure that went into a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// Which figure.
    pub figure: Figure,
    /// Of which reported period.
    pub period: FiscalPeriod,
    /// Its value, US$ billions.
    pub value: f64,
    /// The document it comes from.
    pub source: Source,
    /// Whether it is restated rather than as first reported.
    pub restated: bool,
    /// The basis the value is on (differs from the series' where only the other exists).
    pub basis: Basis,
    /// Why the value is on another basis, or which restatement it reflects.
    pub basis_note: Option<String>,
}

/// One point of a series: a value (or the reason there is none) and how it was computed.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// The period.
    pub slot: PeriodSlot,
    /// The value in the metric's unit; `None` where it cannot be computed from sourced figures.
    pub value: Option<f64>,
    /// Why `value` is `None`.
    pub gap: Option<String>,
    /// The recorded reason of the gap, when it is a missing reported figure.
    pub gap_reason: Option<GapReason>,
    /// The basis the value is on: the series' basis unless an input exists only on the other
    /// (then the chart marks where the basis changes).
    pub basis: Basis,
    /// Why the value is on another basis than the series', if it is.
    pub basis_note: Option<String>,
    /// The sourced figures used.
    pub inputs: Vec<Input>,
}

/// A metric for one company over time.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The company's ticker.
    pub ticker: String,
    /// What is measured.
    pub metric: Metric,
    /// Points, oldest first.
    pub points: Vec<Observation>,
    /// How periods were formed, where not simply as reported (TTM, calendar years, indexing).
    pub method: Option<String>,
    /// Set when the series is rebased to 100 at the named period.
    pub indexed_to: Option<String>,
    /// The basis asked for.
    pub basis: Basis,
    /// How the values were transformed from the metric's own (growth, index) for display.
    pub transform: Transform,
}

/// How a series' values are shown: as they are, as a change on a year earlier, or as an index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// The metric's own values.
    #[default]
    Value,
    /// Change on the same period a year earlier: percent for amounts, percentage points for
    /// ratios (a margin's growth in percent would mean little).
    YearOnYear,
    /// Each value ÷ the first shown period's value × 100, so companies of any size compare.
    Indexed,
}

impl Transform {
    /// Every transform, in menu order.
    pub const ALL: [Self; 3] = [Self::Value, Self::YearOnYear, Self::Indexed];

    /// The command-line name (`--transform`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Value => "value",
            Self::YearOnYear => "yoy",
            Self::Indexed => "indexed",
        }
    }

    /// Looks a transform up by its command-line name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|transform| transform.key() == key)
    }

    /// Name shown in the side panel.
    pub fn label(self) -> &'static str {
        match self {
            Self::Value => "Value",
            Self::YearOnYear => "Year-on-year change",
            Self::Indexed => "Indexed to 100",
        }
    }

    /// The unit the shown values are in, for a metric of `unit`: an axis label and legend
    /// that say which transform is drawn.
    pub fn unit_label(self, unit: ValueUnit) -> &'static str {
        match (self, unit) {
            (Self::Value, unit) => unit.axis_label(),
            (Self::YearOnYear, ValueUnit::UsdBillions) => "% YoY",
            (Self::YearOnYear, ValueUnit::Percent) => "pp YoY",
            (Self::Indexed, _) => "index, first shown period = 100",
        }
    }

    /// The unit the shown values are formatted in: growth of an amount is a percentage; a
    /// margin's change is in percentage points, formatted as its own unit; an index prints
    /// as a plain number (see [`Self::format`]).
    pub fn shown_unit(self, unit: ValueUnit) -> ValueUnit {
        match self {
            Self::Value => unit,
            Self::YearOnYear | Self::Indexed => ValueUnit::Percent,
        }
    }

    /// One shown value as text: "$638.0B", "+11.0%", "+1.2 pp", "245.3".
    pub fn format(self, unit: ValueUnit, value: f64) -> String {
        let sign = if value >= 0.0 { "+" } else { "−" };
        match (self, unit) {
            (Self::Value, unit) => unit.format(value),
            (Self::YearOnYear, ValueUnit::UsdBillions) => format!("{sign}{:.1}%", value.abs()),
            (Self::YearOnYear, ValueUnit::Percent) => format!("{sign}{:.1} pp", value.abs()),
            (Self::Indexed, _) => format!("{value:.1}"),
        }
    }

    /// Whether a logarithmic axis means anything for the shown values: only amounts that are
    /// all positive (a growth rate or a margin crosses zero).
    pub fn allows_log_scale(self, unit: ValueUnit) -> bool {
        match self {
            Self::Value => unit == ValueUnit::UsdBillions,
            Self::Indexed => true,
            Self::YearOnYear => false,
        }
    }
}

/// Where a series' basis changes: older points exist only on another basis than newer ones.
#[derive(Clone, Debug, PartialEq)]
pub struct BasisChange {
    /// Index in `Series::points` of the first point on the new basis.
    pub index: usize,
    /// That point's period.
    pub slot: PeriodSlot,
    /// The basis of the points before.
    pub before: Basis,
    /// The basis from `slot` on.
    pub after: Basis,
    /// The label to draw next to the dotted line.
    pub label: String,
}

/// How to form a series: period type, calendar alignment and basis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeriesOptions {
    /// Years, quarters or trailing twelve months.
    pub frequency: Frequency,
    /// Fiscal or calendar periods.
    pub alignment: Alignment,
    /// Latest restated values or as first reported.
    pub basis: Basis,
}

impl Series {
    /// Every place where the basis of consecutive valued points changes, oldest first.
    pub fn basis_changes(&self) -> Vec<BasisChange> {
        let mut changes = Vec::new();
        let mut previous: Option<Basis> = None;
        for (index, point) in self.points.iter().enumerate() {
            if point.value.is_none() {
                continue;
            }
            if let Some(before) = previous
                && before != point.basis
            {
                changes.push(BasisChange {
                    index,
                    slot: point.slot.clone(),
                    before,
                    after: point.basis,
                    label: format!(
                        "{} from {}; before: {}",
                        point.basis.label(),
                        point.slot.label,
                        before.label().to_lowercase()
                    ),
                });
            }
            previous = Some(point.basis);
        }
        changes
    }

    /// Points whose value rests on at least one secondary source.
    pub fn secondary_points(&self) -> impl Iterator<Item = &Observation> {
        self.points.iter().filter(|point| point.is_secondary())
    }

    /// The newest point that has a value.
    pub fn latest(&self) -> Option<&Observation> {
        self.points.iter().rev().find(|point| point.value.is_some())
    }

    /// The point of the same period a year before `point` (for year-over-year changes).
    pub fn year_earlier(&self, point: &Observation) -> Option<&Observation> {
        find_year_earlier(&self.points, &point.slot, |observation| &observation.slot)
    }

    /// The same series rebased so that the value at the last period ending in `base_year` is 100.
    /// `None` when that period has no value or a value that is not positive.
    pub fn indexed(&self, base_year: i32) -> Option<Self> {
        let base = self
            .points
            .iter()
            .rev()
            .find(|point| point.slot.end_date.year == base_year)?;
        let base_value = base.value.filter(|value| *value > 0.0)?;
        let base_label = base.slot.label.clone();
        let points = self
            .points
            .iter()
            .map(|point| match point.value {
                Some(value) => indexed_point(point, value, base, base_value),
                None => Observation {
                    inputs: point.inputs.iter().chain(&base.inputs).cloned().collect(),
                    ..point.clone()
                },
            })
            .collect();
        let method = format!("Indexed: value ÷ value in {base_label} × 100.");
        Some(Self {
            points,
            method: Some(
                self.method
                    .as_ref()
                    .map_or(method.clone(), |earlier| format!("{earlier} {method}")),
            ),
            indexed_to: Some(base_label),
            ..self.clone()
        })
    }
}

impl Series {
    /// The series as `transform` shows it. `shown` tells which periods are on screen: an index
    /// starts at the first shown period with a positive value. Every transformed point keeps
    /// the inputs of both values it was computed from, so its filings stay one hover away.
    pub fn transformed(&self, transform: Transform, shown: impl Fn(&PeriodSlot) -> bool) -> Self {
        match transform {
            Transform::Value => self.clone(),
            Transform::YearOnYear => self.year_on_year(),
            Transform::Indexed => self.indexed_to_first(shown),
        }
    }

    fn year_on_year(&self) -> Self {
        let year_earlier = YearEarlier::new(&self.points, |observation| &observation.slot);
        let ratio = self.metric.unit() == ValueUnit::Percent;
        let name = self.metric.label().to_lowercase();
        let points = self
            .points
            .iter()
            .map(|point| {
                let change = || -> Result<(f64, Vec<Input>), String> {
                    let now = point.value.ok_or_else(|| {
                        point.gap.clone().unwrap_or_else(|| "no value".to_owned())
                    })?;
                    let earlier = year_earlier
                        .find(&self.points, &point.slot)
                        .ok_or_else(|| format!("no period a year before {}", point.slot.label))?;
                    let before = earlier.value.ok_or_else(|| {
                        format!(
                            "a year earlier ({}): {}",
                            earlier.slot.label,
                            earlier.gap.as_deref().unwrap_or("no value")
                        )
                    })?;
                    let value = if ratio {
                        Some(now - before)
                            .filter(|change| change.is_finite())
                            .ok_or(TOO_LARGE)?
                    } else {
                        percent(now - before, before, &format!("{name} a year earlier"))
                            .map_err(|missing| missing.text)?
                    };
                    let inputs = point.inputs.iter().chain(&earlier.inputs).cloned();
                    Ok((value, inputs.collect()))
                };
                match change() {
                    Ok((value, inputs)) => Observation {
                        value: Some(value),
                        inputs,
                        ..point.clone()
                    },
                    Err(gap) => Observation {
                        value: None,
                        gap: Some(gap),
                        inputs: Vec::new(),
                        ..point.clone()
                    },
                }
            })
            .collect();
        let method = if ratio {
            "Year on year: the value minus the value of the same period a year earlier, in \
             percentage points."
        } else {
            "Year on year: (value ÷ value of the same period a year earlier − 1) × 100."
        };
        self.with_method(points, method, None, Transform::YearOnYear)
    }

    fn indexed_to_first(&self, shown: impl Fn(&PeriodSlot) -> bool) -> Self {
        let base = self
            .points
            .iter()
            .filter(|point| shown(&point.slot))
            .find(|point| point.value.is_some_and(|value| value > 0.0));
        let points = self
            .points
            .iter()
            .map(|point| match (base, point.value) {
                (Some(base), Some(value)) => {
                    indexed_point(point, value, base, base.value.unwrap_or_default())
                }
                (None, Some(_)) => Observation {
                    value: None,
                    gap: Some("no positive value in the shown periods to index to".to_owned()),
                    inputs: Vec::new(),
                    ..point.clone()
                },
                (_, None) => point.clone(),
            })
            .collect();
        let base_label = base.map(|base| base.slot.label.clone());
        let method = base_label.as_ref().map_or_else(
            || "Indexed: no shown period has a positive value to index to.".to_owned(),
            |label| format!("Indexed: value ÷ value in {label} × 100."),
        );
        self.with_method(points, &method, base_label, Transform::Indexed)
    }

    fn with_method(
        &self,
        points: Vec<Observation>,
        method: &str,
        indexed_to: Option<String>,
        transform: Transform,
    ) -> Self {
        Self {
            points,
            method: Some(self.method.as_ref().map_or_else(
                || method.to_owned(),
                |earlier| format!("{earlier} {method}"),
            )),
            indexed_to,
            transform,
            ..self.clone()
        }
    }

    /// The formula of the shown values, the transform included: "(revenue ÷ revenue a year
    /// earlier − 1) × 100, where revenue is as reported".
    pub fn formula(&self) -> String {
        let metric = self.metric;
        let name = metric.label().to_lowercase();
        let own = metric.formula();
        match self.transform {
            Transform::Value => own.to_owned(),
            Transform::YearOnYear if metric.unit() == ValueUnit::Percent => {
                format!("{name} − {name} a year earlier, in percentage points; {name} = {own}")
            }
            Transform::YearOnYear => {
                format!("({name} ÷ {name} a year earlier − 1) × 100; {name} = {own}")
            }
            Transform::Indexed => format!(
                "{name} ÷ {name} in {} × 100; {name} = {own}",
                self.indexed_to
                    .as_deref()
                    .unwrap_or("the first shown period")
            ),
        }
    }

    /// A multi-line account of one of the series' points as shown: its value in the
    /// transform's unit, the formula with the transform, and every sourced input (for growth
    /// and an index, those of both values).
    pub fn explain(&self, point: &Observation) -> String {
        let unit = self.metric.unit();
        let shown = point.value.map_or_else(
            || "not available".to_owned(),
            |value| self.transform.format(unit, value),
        );
        let mut text = point.explain(self.metric);
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        if let Some(first) = lines.first_mut() {
            *first = format!("{} {}: {shown}", self.metric.label(), point.slot.label);
            if self.transform != Transform::Value {
                first.push_str(&format!(" ({})", self.transform.unit_label(unit)));
            }
        }
        if let Some(formula) = lines.iter_mut().find(|line| line.starts_with("Formula: ")) {
            *formula = format!("Formula: {}", self.formula());
        }
        text = lines.join("\n");
        text
    }
}

impl Observation {
    /// The weakest grade among the sources behind the value (`None` when there are no inputs,
    /// or a source states no grade).
    pub fn grade(&self) -> Option<Grade> {
        self.inputs
            .iter()
            .map(|input| input.source.grade)
            .try_fold(None, |weakest: Option<Grade>, grade| {
                let grade = grade?;
                Some(Some(weakest.map_or(grade, |weakest| weakest.min(grade))))
            })
            .flatten()
    }

    /// True when any source behind the value is secondary: charts draw such points apart.
    pub fn is_secondary(&self) -> bool {
        self.inputs
            .iter()
            .any(|input| input.source.grade == Some(Grade::Secondary))
    }

    /// A multi-line account of the value: its basis, the formula and each sourced input with
    /// its filing, grade and basis.
    pub fn explain(&self, metric: Metric) -> String {
        let mut text = String::new();
        let value = self.value.map_or_else(
            || "not available".to_owned(),
            |value| metric.unit().format(value),
        );
        let _ = writeln!(text, "{} {}: {value}", metric.label(), self.slot.label);
        // Texts from files are escaped here, one line each: a line break inside a gap's note
        // or a filing's name would start a line that is not the account's.
        if let Some(gap) = &self.gap {
            let _ = writeln!(text, "Why missing: {}", escape_controls(gap));
        }
        match &self.basis_note {
            Some(note) => {
                let note = escape_controls(note);
                let _ = writeln!(text, "Basis: {} ({note})", self.basis.label());
            }
            None => {
                let _ = writeln!(text, "Basis: {}", self.basis.label());
            }
        }
        let _ = writeln!(text, "Formula: {}", metric.formula());
        for input in &self.inputs {
            let _ = writeln!(text, "  {}", input.describe());
        }
        text.trim_end().to_owned()
    }
}

impl Input {
    /// One line: the figure, its value, the filing, its grade and any basis note.
    pub fn describe(&self) -> String {
        let restated = if self.restated { ", restated" } else { "" };
        let grade = self.source.grade.map_or("grade not stated", Grade::label);
        let note = self
            .basis_note
            .as_ref()
            .map(|note| format!("; {}", escape_controls(note)))
            .unwrap_or_default();
        format!(
            "{} {} = {:.3} US$ B — {}, filed {}{restated} [{grade}{note}]",
            self.figure.label(),
            self.period,
            self.value,
            escape_controls(&self.source.filing),
            self.source.filed
        )
    }
}

/// How one company's calendar-year figures are formed, or `None` when its fiscal year is the
/// calendar year (then calendar and fiscal figures are the same filings).
pub fn calendarization_method(dataset: &Dataset) -> Option<String> {
    let month = dataset.company.fiscal_year_end_month;
    if month == 12 {
        return None;
    }
    let ticker = &dataset.company.ticker;
    Some(format!(
        "{ticker}'s fiscal year ends in {}. A calendar year is the sum of the four reported fiscal \
         quarters ending in March, June, September and December of that year; a year without all \
         four reported quarters is left blank, not estimated.",
        month_name(month)
    ))
}

fn month_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("an unknown month")
}

/// A period on the series' axis and the reported periods it sums (one, or four quarters).
struct Slot {
    slot: PeriodSlot,
    members: Vec<usize>,
    gap: Option<String>,
}

/// The periods a series has, for a frequency and alignment.
fn slots(dataset: &Dataset, frequency: Frequency, alignment: Alignment) -> Vec<Slot> {
    let periods = &dataset.periods;
    let quarters: Vec<usize> = (0..periods.len())
        .filter(|&index| periods[index].period.is_quarter())
        .collect();
    let quarter_at_month: HashMap<i64, usize> = quarters
        .iter()
        .map(|&index| (periods[index].end_date.month_index(), index))
        .collect();
    let calendar = alignment == Alignment::Calendar;
    let quarter_label = |index: usize| {
        let record = &periods[index];
        if calendar {
            format!(
                "CY{}Q{}",
                record.end_date.year,
                record.end_date.calendar_quarter()
            )
        } else {
            record.period.to_string()
        }
    };
    // The four quarters ending with the one at `last`, if all were reported.
    let four_quarters_to = |last: usize| -> Result<Vec<usize>, String> {
        let end = periods[last].end_date.month_index();
        (0..4)
            .rev()
            .map(|back| {
                quarter_at_month
                    .get(&(end - 3 * back))
                    .copied()
                    .ok_or_else(|| {
                        let month = end - 3 * back;
                        format!(
                            "no reported quarter ending {}-{:02}",
                            month.div_euclid(12),
                            month.rem_euclid(12) + 1
                        )
                    })
            })
            .collect()
    };
    match (
        frequency,
        calendar && dataset.company.fiscal_year_end_month != 12,
    ) {
        (Frequency::Annual, false) => periods
            .iter()
            .enumerate()
            .filter(|(_, record)| !record.period.is_quarter())
            .map(|(index, record)| Slot {
                slot: PeriodSlot {
                    label: if calendar {
                        format!("CY{}", record.end_date.year)
                    } else {
                        record.period.to_string()
                    },
                    end_date: record.end_date,
                },
                members: vec![index],
                gap: None,
            })
            .collect(),
        (Frequency::Annual, true) => {
            let years = periods.iter().map(|record| record.end_date.year);
            let years_with_data: std::collections::HashSet<i32> = years.clone().collect();
            let (Some(first), Some(last)) = (years.clone().min(), years.max()) else {
                return Vec::new();
            };
            (first..=last)
                .filter_map(|year| {
                    let december = crate::date::Date {
                        year,
                        month: 12,
                        day: 31,
                    };
                    let in_year = quarter_at_month.get(&december.month_index()).copied();
                    let (members, gap) = match in_year.map(four_quarters_to) {
                        Some(Ok(members)) => (members, None),
                        Some(Err(gap)) => (Vec::new(), Some(gap)),
                        None => (
                            Vec::new(),
                            Some(format!("no reported quarter ending {year}-12")),
                        ),
                    };
                    // Years before the quarterly history starts still get a (blank) slot, so
                    // calendar charts show the gap instead of silently starting later.
                    let has_any_data = years_with_data.contains(&year);
                    has_any_data.then(|| Slot {
                        slot: PeriodSlot {
                            label: format!("CY{year}"),
                            end_date: december,
                        },
                        members,
                        gap: gap.map(|gap| {
                            format!("calendar year {year} needs four reported quarters: {gap}")
                        }),
                    })
                })
                .collect()
        }
        (Frequency::Quarterly, _) => quarters
            .iter()
            .map(|&index| Slot {
                slot: PeriodSlot {
                    label: quarter_label(index),
                    end_date: periods[index].end_date,
                },
                members: vec![index],
                gap: None,
            })
            .collect(),
        (Frequency::Ttm, _) => quarters
            .iter()
            .map(|&index| {
                let (members, gap) = match four_quarters_to(index) {
                    Ok(members) => (members, None),
                    Err(gap) => (
                        Vec::new(),
                        Some(format!("trailing twelve months need four quarters: {gap}")),
                    ),
                };
                Slot {
                    slot: PeriodSlot {
                        label: format!("TTM {}", quarter_label(index)),
                        end_date: periods[index].end_date,
                    },
                    members,
                    gap,
                }
            })
            .collect(),
    }
}

/// Why a reported figure is missing: the recorded reason, or a plain statement that none is.
fn missing_figure_text(record: &PeriodRecord, figure: Figure) -> (String, Option<GapReason>) {
    let name = figure.label().to_lowercase();
    match record.gap_of(figure) {
        Some(gap) => (
            format!(
                "{name} for {} is {}: {}",
                record.period,
                gap.reason.label(),
                gap.note
            ),
            Some(gap.reason),
        ),
        None => (
            format!(
                "{name} for {} is missing from the data (no reason recorded)",
                record.period
            ),
            None,
        ),
    }
}

/// Why a value could not be computed.
#[derive(Clone)]
struct Missing {
    text: String,
    reason: Option<GapReason>,
}

impl From<String> for Missing {
    fn from(text: String) -> Self {
        Self { text, reason: None }
    }
}

impl Missing {
    fn context(self, prefix: &str) -> Self {
        Self {
            text: format!("{prefix}{}", self.text),
            ..self
        }
    }
}

/// The sum of one figure over a slot's reported periods on a basis, with the inputs used.
fn total(
    dataset: &Dataset,
    slot: &Slot,
    figure: Figure,
    basis: Basis,
) -> Result<(f64, Vec<Input>), Missing> {
    if let Some(gap) = &slot.gap {
        return Err(gap.clone().into());
    }
    let mut sum = 0.0;
    let mut inputs = Vec::with_capacity(slot.members.len());
    for &index in &slot.members {
        let record = &dataset.periods[index];
        let based = record.on_basis(figure, basis).ok_or_else(|| {
            let (text, reason) = missing_figure_text(record, figure);
            Missing { text, reason }
        })?;
        sum += based.value;
        inputs.push(Input {
            figure,
            period: record.period,
            value: based.value,
            source: based.source.clone(),
            restated: based.restated,
            basis: based.basis,
            basis_note: based.basis_note,
        });
    }
    Ok((sum, inputs))
}

/// `point` (whose value is `value`) indexed to `base` (whose value is `base_value`, positive):
/// value ÷ base value × 100 with the inputs of both, or a gap when the base is so small that
/// the index is not a finite number.
fn indexed_point(
    point: &Observation,
    value: f64,
    base: &Observation,
    base_value: f64,
) -> Observation {
    let index = value / base_value * 100.0;
    if index.is_finite() {
        Observation {
            value: Some(index),
            inputs: point.inputs.iter().chain(&base.inputs).cloned().collect(),
            ..point.clone()
        }
    } else {
        Observation {
            value: None,
            gap: Some(format!(
                "the value in {} ({base_value:e}) is too small to index to",
                base.slot.label
            )),
            inputs: Vec::new(),
            ..point.clone()
        }
    }
}

fn find_year_earlier<'a, T>(
    items: &'a [T],
    slot: &PeriodSlot,
    slot_of: impl Fn(&T) -> &PeriodSlot,
) -> Option<&'a T> {
    let target = slot.end_date.month_index() - 12;
    // Allow a month of slack for 52/53-week fiscal years, preferring the exact month.
    items
        .iter()
        .map(|item| (item, (slot_of(item).end_date.month_index() - target).abs()))
        .filter(|(_, distance)| *distance <= 1)
        .min_by_key(|(_, distance)| *distance)
        .map(|(item, _)| item)
}

/// Where each end month first appears in a list of periods, to find the period a year before
/// any of them at once (what [`find_year_earlier`] finds by reading the whole list).
struct YearEarlier {
    first_at_month: HashMap<i64, usize>,
}

impl YearEarlier {
    fn new<T>(items: &[T], slot_of: impl Fn(&T) -> &PeriodSlot) -> Self {
        let mut first_at_month = HashMap::new();
        for (position, item) in items.iter().enumerate() {
            first_at_month
                .entry(slot_of(item).end_date.month_index())
                .or_insert(position);
        }
        Self { first_at_month }
    }

    /// The item of `items` (the list this was made from) a year before `slot`, as
    /// [`find_year_earlier`] chooses it: the exact month, else the first of the months either
    /// side.
    fn find<'a, T>(&self, items: &'a [T], slot: &PeriodSlot) -> Option<&'a T> {
        let target = slot.end_date.month_index() - 12;
        let at = |month: i64| self.first_at_month.get(&month).copied();
        let position =
            at(target).or_else(|| at(target - 1).into_iter().chain(at(target + 1)).min());
        items.get(position?)
    }
}

/// A value with the sourced inputs behind it, or why it cannot be computed.
type Amount = Result<(f64, Vec<Input>), Missing>;

/// Revenue minus operating income over a slot, with both figures as inputs.
fn operating_expenses(dataset: &Dataset, slot: &Slot, basis: Basis) -> Amount {
    let (revenue, mut inputs) = total(dataset, slot, Figure::Revenue, basis)?;
    let (income, more) = total(dataset, slot, Figure::OperatingIncome, basis)?;
    inputs.extend(more);
    Ok((revenue - income, inputs))
}

/// Why a value that overflowed is a gap: only figures far beyond the loader's bounds (which a
/// program, not a file, can give) make sums or differences overflow.
const TOO_LARGE: &str = "the figures are too large to compute with (beyond US$ 100 trillion)";

/// The amount, or a gap when it is not a finite number.
fn finite((value, inputs): (f64, Vec<Input>)) -> Amount {
    if value.is_finite() {
        Ok((value, inputs))
    } else {
        Err(TOO_LARGE.to_owned().into())
    }
}

/// Ratio in percent; a gap when the denominator is not positive (a margin on no revenue means
/// nothing) or so small that the ratio is not a finite number (5e-324 of revenue).
fn percent(numerator: f64, denominator: f64, denominator_name: &str) -> Result<f64, Missing> {
    if denominator <= 0.0 || denominator.is_nan() {
        return Err(format!(
            "{denominator_name} is {denominator:.3}, so the ratio is not meaningful"
        )
        .into());
    }
    if !numerator.is_finite() || !denominator.is_finite() {
        return Err(TOO_LARGE.to_owned().into());
    }
    let ratio = numerator / denominator * 100.0;
    if ratio.is_finite() {
        Ok(ratio)
    } else {
        Err(format!("{denominator_name} is {denominator:e}, too small to divide by").into())
    }
}

/// A gap for every period when no period of the company reports any of `figures`: the company
/// does not disclose that basis at all, which says more than "missing" on each period.
fn undisclosed(dataset: &Dataset, figures: &[Figure]) -> Result<(), Missing> {
    let disclosed = dataset
        .periods
        .iter()
        .any(|record| figures.iter().any(|figure| record.get(*figure).is_some()));
    if disclosed {
        return Ok(());
    }
    let names: Vec<String> = figures
        .iter()
        .map(|figure| figure.label().to_lowercase())
        .collect();
    Err(Missing {
        text: format!(
            "{} does not disclose {} in any period of its data",
            dataset.company.ticker,
            names.join(" or ")
        ),
        reason: Some(GapReason::NotDisclosed),
    })
}

/// Computes one metric for one company over time, on the latest basis: the default view.
pub fn series(
    dataset: &Dataset,
    metric: Metric,
    frequency: Frequency,
    alignment: Alignment,
) -> Series {
    series_with(
        dataset,
        metric,
        SeriesOptions {
            frequency,
            alignment,
            basis: Basis::Latest,
        },
    )
}

/// Computes one metric for one company over time, with every option (basis included).
pub fn series_with(dataset: &Dataset, metric: Metric, options: SeriesOptions) -> Series {
    let SeriesOptions {
        frequency,
        alignment,
        basis,
    } = options;
    let slots = slots(dataset, frequency, alignment);
    // Whether the company gives the optional capex bases at all: asked once per series, not
    // once per period (each answer reads every period).
    let net_of_proceeds = undisclosed(dataset, &[Figure::CapexNetOfProceeds]);
    let with_leases = undisclosed(
        dataset,
        &[Figure::CapexInclFinanceLeases, Figure::FinanceLeaseAssets],
    );
    let year_earlier = YearEarlier::new(&slots, |other| &other.slot);
    let compute = |slot: &Slot| -> Amount {
        let get = |figure| total(dataset, slot, figure, basis);
        let ratio = |numerator: Figure, denominator: Figure| {
            let (top, mut inputs) = get(numerator)?;
            let (bottom, more) = get(denominator)?;
            inputs.extend(more);
            Ok((
                percent(top, bottom, &denominator.label().to_lowercase())?,
                inputs,
            ))
        };
        let free_cash_flow = || {
            let (cash, mut inputs) = get(Figure::OperatingCashFlow)?;
            let (capex, more) = get(Figure::Capex)?;
            inputs.extend(more);
            Ok::<_, Missing>((cash - capex, inputs))
        };
        let year_earlier = || {
            year_earlier.find(&slots, &slot.slot).ok_or_else(|| {
                Missing::from(format!("no period a year before {}", slot.slot.label))
            })
        };
        let growth_of = |amount: &dyn Fn(&Slot) -> Amount, name: &str| {
            let earlier = year_earlier()?;
            let (now, mut inputs) = amount(slot)?;
            let (before, more) = amount(earlier).map_err(|gap| {
                gap.context(&format!("a year earlier ({}): ", earlier.slot.label))
            })?;
            inputs.extend(more);
            Ok((
                percent(now - before, before, &format!("{name} a year earlier"))?,
                inputs,
            ))
        };
        let growth = |figure: Figure| {
            growth_of(
                &|slot| total(dataset, slot, figure, basis),
                &figure.label().to_lowercase(),
            )
        };
        let incremental_margin = || {
            let earlier = year_earlier()?;
            let (revenue, mut inputs) = get(Figure::Revenue)?;
            let (income, more) = get(Figure::OperatingIncome)?;
            inputs.extend(more);
            let context =
                |gap: Missing| gap.context(&format!("a year earlier ({}): ", earlier.slot.label));
            let (revenue_before, more) =
                total(dataset, earlier, Figure::Revenue, basis).map_err(context)?;
            inputs.extend(more);
            let (income_before, more) =
                total(dataset, earlier, Figure::OperatingIncome, basis).map_err(context)?;
            inputs.extend(more);
            Ok((
                percent(
                    income - income_before,
                    revenue - revenue_before,
                    "the revenue change on a year earlier",
                )?,
                inputs,
            ))
        };
        match metric {
            Metric::OperatingMargin => ratio(Figure::OperatingIncome, Figure::Revenue),
            Metric::NetMargin => ratio(Figure::NetIncome, Figure::Revenue),
            Metric::CapexIntensity => ratio(Figure::Capex, Figure::Revenue),
            Metric::CapexToOcf => ratio(Figure::Capex, Figure::OperatingCashFlow),
            Metric::CloudMargin => ratio(Figure::CloudOperatingIncome, Figure::CloudRevenue),
            Metric::FreeCashFlow => free_cash_flow(),
            Metric::FcfMargin => {
                let (cash, mut inputs) = free_cash_flow()?;
                let (revenue, more) = get(Figure::Revenue)?;
                inputs.extend(more);
                Ok((percent(cash, revenue, "revenue")?, inputs))
            }
            Metric::RevenueGrowth => growth(Figure::Revenue),
            Metric::CapexGrowth => growth(Figure::Capex),
            Metric::CapexNetOfProceeds => {
                net_of_proceeds.clone()?;
                get(Figure::CapexNetOfProceeds)
            }
            Metric::CapexWithFinanceLeases => {
                with_leases.clone()?;
                get(Figure::CapexInclFinanceLeases).or_else(|_| {
                    let (capex, mut inputs) = get(Figure::Capex)?;
                    let (leases, more) = get(Figure::FinanceLeaseAssets)?;
                    inputs.extend(more);
                    Ok::<_, Missing>((capex + leases, inputs))
                })
            }
            Metric::OperatingExpenses => operating_expenses(dataset, slot, basis),
            Metric::OperatingExpenseGrowth => growth_of(
                &|slot| operating_expenses(dataset, slot, basis),
                "operating expenses",
            ),
            Metric::IncrementalOperatingMargin => incremental_margin(),
            Metric::AdvertisingShare => ratio(Figure::AdvertisingRevenue, Figure::Revenue),
            reported => match reported.as_figure() {
                Some(figure) => get(figure),
                None => Err(format!("{} is not a reported figure", reported.label()).into()),
            },
        }
    };
    let points = slots
        .iter()
        .map(|slot| match compute(slot).and_then(finite) {
            Ok((value, inputs)) => {
                let off_basis = inputs.iter().find(|input| input.basis != basis);
                Observation {
                    slot: slot.slot.clone(),
                    value: Some(value),
                    gap: None,
                    gap_reason: None,
                    basis: off_basis.map_or(basis, |input| input.basis),
                    basis_note: off_basis.and_then(|input| {
                        input.basis_note.as_ref().map(|note| {
                            format!("{} {}: {note}", input.figure.label(), input.period)
                        })
                    }),
                    inputs,
                }
            }
            Err(missing) => Observation {
                slot: slot.slot.clone(),
                value: None,
                gap: Some(missing.text),
                gap_reason: missing.reason,
                basis,
                basis_note: None,
                inputs: Vec::new(),
            },
        })
        .collect();
    let mut method = Vec::new();
    if frequency == Frequency::Ttm {
        method.push(
            "Trailing twelve months: each point sums the four reported quarters ending with it."
                .to_owned(),
        );
    }
    if alignment == Alignment::Calendar
        && let Some(text) = calendarization_method(dataset)
    {
        method.push(text);
    }
    Series {
        ticker: dataset.company.ticker.clone(),
        metric,
        points,
        method: (!method.is_empty()).then(|| method.join(" ")),
        indexed_to: None,
        basis,
        transform: Transform::Value,
    }
}

/// Which capex is meant: the definitions differ by tens of billions, and each company states
/// its plans on its own (Amazon net of proceeds, Microsoft including finance leases).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapexBasis {
    /// Gross purchases of property and equipment, the cash-flow line (the default).
    #[default]
    Gross,
    /// Purchases net of proceeds from property and equipment sales and incentives.
    Net,
    /// Purchases including assets acquired under finance leases.
    WithFinanceLeases,
}

impl CapexBasis {
    /// Every basis, default first.
    pub const ALL: [Self; 3] = [Self::Gross, Self::Net, Self::WithFinanceLeases];

    /// The name used on the command line (`--capex-basis gross|net|with-finance-leases`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Gross => "gross",
            Self::Net => "net",
            Self::WithFinanceLeases => "with-finance-leases",
        }
    }

    /// Looks a basis up by its command-line name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|basis| basis.key() == key)
    }

    /// The name shown in the side panel and on charts.
    pub fn label(self) -> &'static str {
        match self {
            Self::Gross => "Gross purchases of property and equipment",
            Self::Net => "Net of proceeds and incentives",
            Self::WithFinanceLeases => "Including finance leases",
        }
    }

    /// The metric that measures capex on this basis.
    pub fn metric(self) -> Metric {
        match self {
            Self::Gross => Metric::Capex,
            Self::Net => Metric::CapexNetOfProceeds,
            Self::WithFinanceLeases => Metric::CapexWithFinanceLeases,
        }
    }

    /// `metric` on this basis: capex becomes capex on the basis; any other metric is unchanged.
    pub fn apply(self, metric: Metric) -> Metric {
        if metric == Metric::Capex {
            self.metric()
        } else {
            metric
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Company, PeriodRecord, Unit};
    use crate::date::Date;

    /// A company whose fiscal year ends in June, with quarters FY2023 Q1 to FY2024 Q4 whose
    /// revenue is 1, 2, 3, ... so every sum is easy to check by eye.
    fn june_company() -> Dataset {
        let source = Source {
            filing: "test".to_owned(),
            filed: Date {
                year: 2025,
                month: 1,
                day: 1,
            },
            url: "https://example.com".to_owned(),
            grade: Some(Grade::Filing),
        };
        let record = |period: FiscalPeriod, end: (i32, u8, u8), revenue: f64| {
            let end_date = Date {
                year: end.0,
                month: end.1,
                day: end.2,
            };
            let mut record = PeriodRecord::new(period, end_date, source.clone());
            record.revenue = Some(revenue);
            record.operating_income = Some(revenue / 4.0);
            record
        };
        let quarter_ends = [
            (2022, 9, 30),
            (2022, 12, 31),
            (2023, 3, 31),
            (2023, 6, 30),
            (2023, 9, 30),
            (2023, 12, 31),
            (2024, 3, 31),
            (2024, 6, 30),
        ];
        let mut periods = vec![
            record(FiscalPeriod::Year(2023), (2023, 6, 30), 10.0),
            record(FiscalPeriod::Year(2024), (2024, 6, 30), 26.0),
        ];
        for (index, end) in quarter_ends.into_iter().enumerate() {
            let year = 2023 + i32::try_from(index / 4).unwrap_or(0);
            let quarter = u8::try_from(index % 4 + 1).unwrap_or(1);
            periods.push(record(
                FiscalPeriod::Quarter { year, quarter },
                end,
                (index + 1) as f64,
            ));
        }
        Dataset {
            company: Company {
                name: "June Co".to_owned(),
                ticker: "JUNE".to_owned(),
                fiscal_year_end_month: 6,
                currency: "USD".to_owned(),
                unit: Unit::UsdBillions,
                cloud_segment: "Cloud".to_owned(),
            },
            periods,
            guidance: Vec::new(),
        }
    }

    fn values(series: &Series) -> Vec<(String, Option<f64>)> {
        series
            .points
            .iter()
            .map(|point| (point.slot.label.clone(), point.value))
            .collect()
    }

    #[test]
    fn calendar_years_sum_the_quarters_ending_in_them() {
        let revenue = series(
            &june_company(),
            Metric::Revenue,
            Frequency::Annual,
            Alignment::Calendar,
        );
        // CY2023 = quarters ending Mar, Jun, Sep, Dec 2023 = FY2023 Q3 + Q4 + FY2024 Q1 + Q2 = 3+4+5+6.
        // CY2022 lacks its March and June quarters; CY2024 lacks September and December.
        assert_eq!(
            values(&revenue),
            [
                ("CY2022".to_owned(), None),
                ("CY2023".to_owned(), Some(18.0)),
                ("CY2024".to_owned(), None)
            ]
        );
        let cy2023 = &revenue.points[1];
        let periods: Vec<String> = cy2023
            .inputs
            .iter()
            .map(|input| input.period.to_string())
            .collect();
        assert_eq!(periods, ["2023Q3", "2023Q4", "2024Q1", "2024Q2"]);
        assert!(
            revenue.points[0]
                .gap
                .as_deref()
                .is_some_and(|gap| gap.contains("no reported quarter ending 2022-03"))
        );
        assert!(
            revenue
                .method
                .as_deref()
                .is_some_and(|method| method.contains("fiscal year ends in June"))
        );
    }

    #[test]
    fn calendar_quarters_are_relabelled_by_their_end_date() {
        let revenue = series(
            &june_company(),
            Metric::Revenue,
            Frequency::Quarterly,
            Alignment::Calendar,
        );
        assert_eq!(revenue.points[0].slot.label, "CY2022Q3");
        assert_eq!(revenue.points[1].slot.label, "CY2022Q4");
        let fiscal = series(
            &june_company(),
            Metric::Revenue,
            Frequency::Quarterly,
            Alignment::Fiscal,
        );
        assert_eq!(fiscal.points[1].slot.label, "2023Q2");
    }

    #[test]
    fn ttm_sums_consecutive_quarters_and_ratios_use_the_sums() {
        let company = june_company();
        let ttm = series(&company, Metric::Revenue, Frequency::Ttm, Alignment::Fiscal);
        assert_eq!(ttm.points[3].value, Some(10.0), "1+2+3+4 = FY2023");
        assert_eq!(ttm.points[7].value, Some(26.0), "5+6+7+8 = FY2024");
        let margin = series(
            &company,
            Metric::OperatingMargin,
            Frequency::Ttm,
            Alignment::Fiscal,
        );
        assert_eq!(margin.points[7].value, Some(25.0));
    }

    #[test]
    fn ratios_on_no_revenue_are_gaps_not_infinities() {
        let mut company = june_company();
        company.periods[0].revenue = Some(0.0);
        let margin = series(
            &company,
            Metric::OperatingMargin,
            Frequency::Annual,
            Alignment::Fiscal,
        );
        assert_eq!(margin.points[0].value, None);
        assert!(
            margin.points[0]
                .gap
                .as_deref()
                .is_some_and(|gap| gap.contains("not meaningful"))
        );
        let growth = series(
            &company,
            Metric::RevenueGrowth,
            Frequency::Annual,
            Alignment::Fiscal,
        );
        assert_eq!(
            growth.points[1].value, None,
            "growth from zero is not meaningful"
        );
    }

    #[test]
    fn missing_figures_propagate_as_gaps_with_reasons() {
        let capex = series(
            &june_company(),
            Metric::FreeCashFlow,
            Frequency::Annual,
            Alignment::Fiscal,
        );
        assert_eq!(capex.points[0].value, None);
        assert_eq!(
            capex.points[0].gap.as_deref(),
            Some("operating cash flow for FY2023 is missing from the data (no reason recorded)")
        );
    }

    #[test]
    fn csv_cells_keep_full_precision_and_never_print_inf_nan_or_minus_zero() {
        assert_eq!(ValueUnit::UsdBillions.csv(82.999), "82.999");
        assert_eq!(ValueUnit::UsdBillions.csv(-2.282), "-2.282");
        assert_eq!(ValueUnit::UsdBillions.csv(-0.000_4), "0.000");
        assert_eq!(ValueUnit::Percent.csv(10.751_944_874), "10.7519");
        assert_eq!(ValueUnit::Percent.csv(-0.000_01), "0.0000");
        for value in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert_eq!(ValueUnit::UsdBillions.csv(value), "");
        }
    }

    #[test]
    fn money_prints_its_sign_first_and_trillions_as_trillions() {
        assert_eq!(ValueUnit::UsdBillions.format(-29.2), "−$29.2B");
        assert_eq!(ValueUnit::UsdBillions.format(1400.0), "$1.40T");
        assert_eq!(ValueUnit::UsdBillions.format(999.9), "$999.9B");
        assert_eq!(ValueUnit::UsdBillions.format(-0.01), "$0.0B");
        assert_eq!(ValueUnit::Percent.format(-74.3), "−74.3%");
    }

    #[test]
    fn growth_and_index_keep_both_inputs_and_say_why_a_point_is_missing() {
        let company = june_company();
        let revenue = series(
            &company,
            Metric::Revenue,
            Frequency::Annual,
            Alignment::Fiscal,
        );
        let growth = revenue.transformed(Transform::YearOnYear, |_| true);
        assert_eq!(growth.points[0].value, None);
        assert_eq!(
            growth.points[0].gap.as_deref(),
            Some("no period a year before FY2023")
        );
        // 26 ÷ 10 − 1 = 160%.
        assert_eq!(growth.points[1].value, Some(160.0));
        assert_eq!(growth.points[1].inputs.len(), 2);
        assert_eq!(
            growth.explain(&growth.points[1]).lines().next(),
            Some("Revenue FY2024: +160.0% (% YoY)")
        );
        let indexed = revenue.transformed(Transform::Indexed, |slot| slot.label == "FY2024");
        assert_eq!(indexed.indexed_to.as_deref(), Some("FY2024"));
        assert_eq!(indexed.points[1].value, Some(100.0));
        assert_eq!(
            indexed.formula(),
            "revenue ÷ revenue in FY2024 × 100; revenue = as reported"
        );
        let margin = series(
            &company,
            Metric::OperatingMargin,
            Frequency::Annual,
            Alignment::Fiscal,
        );
        // Both years' margin is 25%: no change, in percentage points.
        let change = margin.transformed(Transform::YearOnYear, |_| true);
        assert_eq!(change.points[1].value, Some(0.0));
        assert_eq!(
            Transform::YearOnYear.unit_label(ValueUnit::Percent),
            "pp YoY"
        );
    }

    #[test]
    fn operating_expenses_and_incremental_margin_come_from_revenue_and_operating_income() {
        let company = june_company();
        let costs = series(
            &company,
            Metric::OperatingExpenses,
            Frequency::Annual,
            Alignment::Fiscal,
        );
        // Operating income is a quarter of revenue: 10 − 2.5 and 26 − 6.5.
        assert_eq!(costs.points[0].value, Some(7.5));
        assert_eq!(costs.points[1].value, Some(19.5));
        let incremental = series(
            &company,
            Metric::IncrementalOperatingMargin,
            Frequency::Annual,
            Alignment::Fiscal,
        );
        // (6.5 − 2.5) ÷ (26 − 10) = 25%.
        assert_eq!(incremental.points[1].value, Some(25.0));
        assert_eq!(incremental.points[1].inputs.len(), 4);
    }

    #[test]
    fn every_metric_has_a_unique_key_that_round_trips() {
        for metric in Metric::ALL {
            assert_eq!(Metric::from_key(metric.key()), Some(metric));
        }
        assert_eq!(
            Metric::from_key("capex").and_then(Metric::as_figure),
            Some(Figure::Capex)
        );
        assert_eq!(Metric::OperatingMargin.as_figure(), None);
    }
}
