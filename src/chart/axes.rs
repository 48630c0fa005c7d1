//! Where values sit on a chart and how its axes are marked: periods on a time axis in years,
//! grouped bars beside each other, value marks on a 1–2–5 ladder, year marks thinned to fit.

use egui_plot::GridMark;
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

/// Value-axis marks on a 1–2–5 ladder, about five across the visible range.
#[expect(
    clippy::needless_pass_by_value,
    reason = "egui_plot's grid spacer signature"
)]
pub fn nice_marks(input: egui_plot::GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    let span = (high - low).abs().max(f64::EPSILON);
    let rough = span / 5.0;
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
    // `base_step_size` is the smallest step egui_plot can draw; a year label needs about six.
    let step = [1, 2, 5, 10, 25]
        .into_iter()
        .find(|step| f64::from(*step) >= input.base_step_size * 6.0)
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

/// Axis tick text: whole numbers without decimals ("$200B", "20%").
pub fn axis_label(unit: ValueUnit, value: f64) -> String {
    let rounded = value.round();
    if (value - rounded).abs() < 1e-9 {
        match unit {
            ValueUnit::UsdBillions => format!("${rounded:.0}B"),
            ValueUnit::Percent => format!("{rounded:.0}%"),
        }
    } else {
        unit.format(value)
    }
}
