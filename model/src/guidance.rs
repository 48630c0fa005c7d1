//! Guidance against actuals: each statement a company made about a coming period, set beside
//! what it then reported, and marked beat, inside or miss. The record analysts check first.
//!
//! * The actual is the guided figure **as first reported** (what the statement was judged
//!   against when the results came out), for the guided fiscal period.
//! * Capex guidance is compared on the basis it was stated on: an entry stored as `capex` is a
//!   plan on the company's own capex measure — including finance leases where the company
//!   states that figure (Microsoft), net of proceeds and incentives where it reports that
//!   (Amazon), else gross purchases (Alphabet). Entries stored on a named basis keep it.
//! * **Beat** = the actual is above the range, **miss** = below it, **inside** = within it. A
//!   one-sided statement ("more than $30 billion") has no upper end. A point figure said as
//!   "about" counts as inside within [`POINT_TOLERANCE_PERCENT`] of it. For capex, beat means
//!   the company spent more than it said.
//! * Every statement is kept, revisions included: a plan raised twice is three rows, each with
//!   the day it was said.

use std::fmt;

use crate::dataset::{Basis, Dataset, Figure, Guidance};
use crate::metrics::{CapexBasis, Metric, Observation, SeriesOptions, series_with};
use crate::period::{Alignment, Frequency};

/// How far from an "about" point figure an actual may land and still count as inside, %.
pub const POINT_TOLERANCE_PERCENT: f64 = 2.0;

/// Where the actual landed against the guided range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Above the range (for capex: spent more than said).
    Beat,
    /// Within the range.
    Inside,
    /// Below the range.
    Miss,
}

impl Outcome {
    /// The word shown in tables and on charts.
    pub fn label(self) -> &'static str {
        match self {
            Self::Beat => "beat",
            Self::Inside => "inside",
            Self::Miss => "miss",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One statement set beside its actual.
#[derive(Clone, Debug, PartialEq)]
pub struct GuidanceCheck {
    /// The statement as the data holds it.
    pub guidance: Guidance,
    /// The metric the actual is measured in: the basis the statement was made on.
    pub metric: Metric,
    /// The actual for the guided period (its value or the reason there is none, and its
    /// filings); `None` when the period is not in the data at all.
    pub actual: Option<Observation>,
    /// Beat, inside or miss; `None` while there is no actual to judge by.
    pub outcome: Option<Outcome>,
}

impl GuidanceCheck {
    /// The range in words: "$151.0–155.5B", "about $80.0B", "more than $30.0B".
    pub fn range_text(&self) -> String {
        range_text(&self.guidance)
    }

    /// The actual's value, if reported.
    pub fn actual_value(&self) -> Option<f64> {
        self.actual.as_ref().and_then(|actual| actual.value)
    }
}

/// The range of a statement in words.
pub fn range_text(guidance: &Guidance) -> String {
    let about = if guidance.approximate { "about " } else { "" };
    match (guidance.low, guidance.high) {
        (Some(low), Some(high)) if (high - low).abs() > 1e-9 => format!("${low:.1}–{high:.1}B"),
        (Some(value), Some(_)) => format!("{about}${value:.1}B"),
        (Some(low), None) => format!("more than ${low:.1}B"),
        (None, Some(high)) => format!("up to ${high:.1}B"),
        (None, None) => "no amount".to_owned(),
    }
}

/// The capex basis a company states its plans on: the most inclusive measure its data reports.
pub fn stated_capex_basis(dataset: &Dataset) -> CapexBasis {
    let reports = |figure: Figure| {
        dataset
            .periods
            .iter()
            .any(|record| record.get(figure).is_some())
    };
    if reports(Figure::CapexInclFinanceLeases) {
        CapexBasis::WithFinanceLeases
    } else if reports(Figure::CapexNetOfProceeds) {
        CapexBasis::Net
    } else {
        CapexBasis::Gross
    }
}

/// The metric a statement is judged in (see the module docs for capex).
pub fn guided_metric(dataset: &Dataset, guidance: &Guidance) -> Metric {
    match guidance.metric {
        Figure::Capex => stated_capex_basis(dataset).metric(),
        Figure::CapexInclFinanceLeases | Figure::FinanceLeaseAssets => {
            Metric::CapexWithFinanceLeases
        }
        figure => Metric::from_key(figure.key()).unwrap_or(Metric::Capex),
    }
}

/// Beat, inside or miss of `actual` against a statement.
pub fn outcome(guidance: &Guidance, actual: f64) -> Option<Outcome> {
    let (low, high) = match (guidance.low, guidance.high) {
        (Some(low), Some(high)) if (high - low).abs() <= 1e-9 && guidance.approximate => {
            let slack = low.abs() * POINT_TOLERANCE_PERCENT / 100.0;
            (Some(low - slack), Some(high + slack))
        }
        ends => ends,
    };
    if low.is_none() && high.is_none() {
        return None;
    }
    Some(if low.is_some_and(|low| actual < low) {
        Outcome::Miss
    } else if high.is_some_and(|high| actual > high) {
        Outcome::Beat
    } else {
        Outcome::Inside
    })
}

/// Every statement of a company beside its actual, in the data's order.
pub fn guidance_record(dataset: &Dataset) -> Vec<GuidanceCheck> {
    dataset
        .guidance
        .iter()
        .map(|guidance| {
            let metric = guided_metric(dataset, guidance);
            let frequency = if guidance.period.is_quarter() {
                Frequency::Quarterly
            } else {
                Frequency::Annual
            };
            let options = SeriesOptions {
                frequency,
                alignment: Alignment::Fiscal,
                basis: Basis::Reported,
            };
            let label = guidance.period.to_string();
            let actual = series_with(dataset, metric, options)
                .points
                .into_iter()
                .find(|point| point.slot.label == label);
            let outcome = actual
                .as_ref()
                .and_then(|actual| actual.value)
                .and_then(|value| outcome(guidance, value));
            GuidanceCheck {
                guidance: guidance.clone(),
                metric,
                actual,
                outcome,
            }
        })
        .collect()
}

/// How many statements of a record were beats, insides and misses (unjudged ones left out).
pub fn tally(record: &[GuidanceCheck]) -> [(Outcome, usize); 3] {
    [Outcome::Beat, Outcome::Inside, Outcome::Miss].map(|kind| {
        let count = record
            .iter()
            .filter(|check| check.outcome == Some(kind))
            .count();
        (kind, count)
    })
}
