//! Helpers shared by the model's integration tests.

use flywheel_model::Series;

/// The value of the point labelled `label`; fails the test when it is missing or a gap.
pub fn value_at(series: &Series, label: &str) -> f64 {
    let point = series
        .points
        .iter()
        .find(|point| point.slot.label == label)
        .unwrap_or_else(|| panic!("{label} exists"));
    point
        .value
        .unwrap_or_else(|| panic!("{label} has a value: {:?}", point.gap))
}
