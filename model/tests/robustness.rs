//! Property tests: no input makes the loaders panic, and metrics never produce NaN or infinity.

use flywheel_model::load::{parse_csv, parse_ron};
use flywheel_model::{Alignment, Frequency, Metric, series};
use proptest::prelude::*;

const VALID_RON: &str = include_str!("../../tests/malformed/valid.ron");
const VALID_CSV: &str = include_str!("../../tests/malformed/valid.csv");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Overwriting any span of a valid file with arbitrary text gives Ok or errors, never a panic,
    /// and every error names a line and column inside the file.
    #[test]
    fn edited_ron_never_panics(start in 0usize..VALID_RON.len(), length in 0usize..40, junk in "[ -~\\n]{0,20}") {
        let mut text = VALID_RON.to_owned();
        let start = (0..=start).rev().find(|at| text.is_char_boundary(*at)).unwrap_or(0);
        let end = (start + length).min(text.len());
        let end = (end..=text.len()).find(|at| text.is_char_boundary(*at)).unwrap_or(text.len());
        text.replace_range(start..end, &junk);
        if let Err(error) = parse_ron("edited.ron", &text) {
            let lines = text.lines().count().max(1) + 1;
            for problem in &error.errors {
                prop_assert!(problem.line >= 1 && problem.line <= lines, "{problem}");
                prop_assert!(problem.column >= 1);
            }
        }
    }

    #[test]
    fn arbitrary_csv_never_panics(text in "[a-zA-Z0-9_,.\"\\n -]{0,400}") {
        for input in [text.clone(), format!("{VALID_CSV}{text}")] {
            if let Err(error) = parse_csv("any.csv", &input) {
                prop_assert!(!error.errors.is_empty());
                for problem in &error.errors {
                    prop_assert!(problem.line >= 1 && problem.column >= 1, "{problem}");
                }
            }
        }
    }

    /// Any finite figures (including zero and negative profits) give finite metric values or gaps.
    #[test]
    fn metrics_are_finite_or_missing(figures in proptest::collection::vec(-1000.0f64..1000.0, 18), gaps in proptest::collection::vec(any::<bool>(), 18)) {
        let mut dataset = parse_ron("valid.ron", VALID_RON).expect("fixture is valid");
        for (index, record) in dataset.periods.iter_mut().take(2).enumerate() {
            for (slot, figure) in flywheel_model::Figure::ALL.into_iter().enumerate() {
                let at = index * flywheel_model::Figure::ALL.len() + slot;
                *record.get_mut(figure) = (!gaps[at]).then_some(figures[at]);
            }
        }
        for metric in Metric::ALL {
            for frequency in Frequency::ALL {
                for alignment in [Alignment::Fiscal, Alignment::Calendar] {
                    for point in series(&dataset, metric, frequency, alignment).points {
                        if let Some(value) = point.value {
                            prop_assert!(value.is_finite(), "{metric:?} {}: {value}", point.slot.label);
                        } else {
                            prop_assert!(point.gap.is_some(), "a missing value says why");
                        }
                    }
                }
            }
        }
    }
}
