//! Where values sit on a chart and how its axes are marked: periods on a time axis in years,
//! grouped bars beside each other, value marks on a 1–2–5 ladder, year marks thinned to fit.

use egui_plot::GridMark;
use flywheel_model::metrics::Transform;
use flywheel_model::{Frequency, PeriodSlot, ValueUnit};

/// Where a period sits on the time axis, in years: the middle of the period, so that a
/// calendar year 2024 sits over the "2024" label and Microsoft's July–June year sits across the
/// turn of the year. Trailing-twelve-month values sit at the quarter they end with.
pub fn x_position(slot: &PeriodSlot, frequency: Frequency) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "month counts are small")]
    let end = (slot.end_date.month_index() + 1) as f64 / 12.0;
    match frequency {
        Frequency::Annual => end - 0.5,
        Frequency::Quarterly => end - 0.125,
        Frequency::Ttm => end,
    }
}

/// Distance between neighbouring bars of one period: narrow enough that Microsoft's July–June
/// years, half a year off the others, do not overlap them.
pub fn bar_step(company_count: usize, frequency: Frequency) -> f64 {
    let period_width = if frequency == Frequency::Annual {
        1.0
    } else {
        0.25
    };
    #[expect(clippy::cast_precision_loss, reason = "a handful of companies")]
    let step = period_width * 0.48 / company_count.max(1) as f64;
    step
}

/// Where company `index` of `company_count` stands within its period's group of bars.
pub fn bar_offset(index: usize, company_count: usize, frequency: Frequency) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of companies")]
    let position = index as f64 - (company_count.max(1) as f64 - 1.0) / 2.0;
    position * bar_step(company_count, frequency)
}

/// The points `egui_plot`'s `base_step_size` stands for (its least grid spacing).
const GRID_POINTS: f64 = 8.0;
/// Mark spacing from which `egui_plot` paints x-axis labels at full strength.
const LABEL_POINTS_X: f64 = 80.0;
/// Mark spacing from which `egui_plot` paints y-axis labels at full strength.
const LABEL_POINTS_Y: f64 = 30.0;

/// Value-axis marks on a 1–2–5 ladder, about five across the visible range.
#[expect(
    clippy::needless_pass_by_value,
    reason = "egui_plot's grid spacer signature"
)]
pub fn nice_marks(input: egui_plot::GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    let span = (high - low).abs().max(f64::EPSILON);
    // egui_plot paints a value label only where marks are more than 20 points apart (fully from
    // 30); `base_step_size` is 8 points in values. A short plot gets fewer marks, never none.
    let rough = (span / 5.0).max(input.base_step_size * LABEL_POINTS_Y / GRID_POINTS);
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|factor| factor * magnitude)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * magnitude);
    let first = (low / step).ceil();
    #[expect(clippy::cast_possible_truncation, reason = "about five marks")]
    let count = ((high - first * step) / step).floor().max(0.0) as usize;
    #[expect(clippy::cast_precision_loss, reason = "about five marks")]
    (0..=count.min(50))
        .map(|index| GridMark {
            value: (first + index as f64) * step,
            step_size: step,
        })
        .collect()
}

/// A grid line and label at the start of each year (values sit inside their year), thinned
/// to every 2, 5 or 10 years when the plot is too narrow for a label per year.
#[expect(
    clippy::needless_pass_by_value,
    reason = "egui_plot's grid spacer signature"
)]
pub fn year_marks(input: egui_plot::GridInput) -> Vec<GridMark> {
    // `base_step_size` is 8 points in years; egui_plot paints a year label only where marks are
    // more than 60 points apart, fully from 80, so a narrow plot takes every 2, 5 or 10 years.
    let step = [1, 2, 5, 10, 25]
        .into_iter()
        .find(|step| f64::from(*step) >= input.base_step_size * LABEL_POINTS_X / GRID_POINTS)
        .unwrap_or(25);
    let (first, last) = input.bounds;
    #[expect(clippy::cast_possible_truncation, reason = "years are small")]
    let (first, last) = (first.floor() as i32, last.ceil() as i32);
    (first..=last)
        .filter(|year| year % step == 0)
        .map(|year| GridMark {
            value: f64::from(year),
            step_size: f64::from(step),
        })
        .collect()
}

/// Marks at whole numbers, for rows of categories (the tornado chart's assumptions).
#[expect(
    clippy::needless_pass_by_value,
    reason = "egui_plot's grid spacer signature"
)]
pub fn category_marks(input: egui_plot::GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    #[expect(clippy::cast_possible_truncation, reason = "a few rows")]
    let (first, last) = ((low - 0.5).ceil() as i32, (high + 0.5).floor() as i32);
    (first.max(0)..=last.min(1000))
        .map(|index| GridMark {
            value: f64::from(index),
            step_size: 1.0,
        })
        .collect()
}

/// Axis tick text: whole numbers without decimals ("$200B", "−$20B", "$1.5T", "20%").
pub fn axis_label(unit: ValueUnit, value: f64) -> String {
    let rounded = value.round();
    let sign = if rounded < 0.0 { "−" } else { "" };
    let size = rounded.abs();
    if (value - rounded).abs() >= 1e-9 {
        return unit.format(value);
    }
    match unit {
        ValueUnit::UsdBillions if size >= 1000.0 => {
            let trillions = format!("{:.2}", size / 1000.0);
            let trimmed = trillions.trim_end_matches('0').trim_end_matches('.');
            format!("{sign}${trimmed}T")
        }
        ValueUnit::UsdBillions => format!("{sign}${size:.0}B"),
        ValueUnit::Percent => format!("{sign}{size:.0}%"),
    }
}

/// Axis tick text of transformed values: "+20%" and "−5 pp" for changes, "250" for an index,
/// the unit's own text for values. On a log axis `value` is a power of ten.
pub fn shown_axis_label(
    unit: ValueUnit,
    transform: Transform,
    log_scale: bool,
    value: f64,
) -> String {
    let value = if log_scale { 10f64.powf(value) } else { value };
    let value = if log_scale {
        round_significant(value)
    } else {
        value
    };
    let rounded = value.round();
    let whole = (value - rounded).abs() < 1e-9;
    let sign = if value > 0.0 {
        "+"
    } else if value < 0.0 {
        "−"
    } else {
        ""
    };
    match (transform, unit) {
        (Transform::Value, unit) => axis_label(unit, value),
        (Transform::YearOnYear, ValueUnit::UsdBillions) if whole => {
            format!("{sign}{:.0}%", rounded.abs())
        }
        (Transform::YearOnYear, ValueUnit::Percent) if whole => {
            format!("{sign}{:.0} pp", rounded.abs())
        }
        (Transform::Indexed, _) if whole => format!("{rounded:.0}"),
        (transform, unit) => transform.format(unit, value),
    }
}

/// A power of ten times 1, 2 or 5 read back from its logarithm, without the float noise.
fn round_significant(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    (value / magnitude * 1000.0).round() / 1000.0 * magnitude
}

/// Marks of a logarithmic axis (values are log10 of the data): at 1, 2 and 5 of each decade,
/// thinned to the decades alone when the range spans many.
#[expect(
    clippy::needless_pass_by_value,
    reason = "egui_plot's grid spacer signature"
)]
pub fn log_marks(input: egui_plot::GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    let factors: &[f64] = if high - low > 3.0 {
        &[1.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    #[expect(
        clippy::cast_possible_truncation,
        reason = "decades of a chart are few"
    )]
    let (first, last) = (low.floor().max(-12.0) as i32, high.ceil().min(15.0) as i32);
    (first..=last)
        .flat_map(|decade| {
            factors
                .iter()
                .map(move |factor| f64::from(decade) + factor.log10())
        })
        .filter(|value| (low..=high).contains(value))
        .map(|value| GridMark {
            value,
            step_size: 1.0,
        })
        .collect()
}

/// A default value range that no single outlier flattens: the 5th to 95th percentile of
/// `values`, widened by half that span each way (and to zero when `include_zero`).
/// `None` when every value already fits, so the plot keeps its own bounds.
pub fn robust_range(values: &[f64], include_zero: bool) -> Option<(f64, f64)> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.len() < 5 {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let percentile = |share: f64| {
        #[expect(clippy::cast_precision_loss, reason = "a chart's points are few")]
        let at = share * (sorted.len() - 1) as f64;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "an index inside the list"
        )]
        let (below, above) = (at.floor() as usize, at.ceil() as usize);
        let weight = at - at.floor();
        sorted[below] * (1.0 - weight) + sorted[above] * weight
    };
    let (p5, p95) = (percentile(0.05), percentile(0.95));
    let margin = ((p95 - p5) * 0.5)
        .max(p95.abs().max(p5.abs()) * 0.05)
        .max(1e-6);
    let (mut low, mut high) = (p5 - margin, p95 + margin);
    if include_zero {
        low = low.min(0.0);
        high = high.max(0.0);
    }
    let (first, last) = (sorted[0], sorted[sorted.len() - 1]);
    (first < low || last > high).then_some((low, high))
}
