//! Figures and dates that cannot be real are refused at their place, and metrics that divide
//! by a figure too small to divide by give a gap that says so, never infinity.

// A broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

use flywheel_model::load::parse_ron;
use flywheel_model::metrics::Transform;
use flywheel_model::validate::validate_as_of;
use flywheel_model::{Alignment, Dataset, Date, Frequency, Metric, RonDocument, series};

const VALID_RON: &str = include_str!("../../tests/malformed/valid.ron");

fn error_of(text: &str) -> String {
    parse_ron("figures.ron", text)
        .expect_err("refused")
        .to_string()
}

#[test]
fn amounts_beyond_the_plausible_bounds_are_errors_at_the_value() {
    let huge = VALID_RON.replacen("revenue: 574.785", "revenue: 1e308", 1);
    assert_eq!(
        error_of(&huge),
        "figures.ron:15:22: revenue in FY2023 is 1e308 US$ billions, over the largest plausible \
         amount, 100000 US$ billions (US$ 100 trillion)"
    );
    let denormal = VALID_RON.replacen("capex: 52.729", "capex: 5e-324", 1);
    assert_eq!(
        error_of(&denormal),
        "figures.ron:18:20: capex in FY2023 is 5e-324 US$ billions, under the smallest plausible \
         amount other than zero, 0.000001 US$ billions (US$ 1,000): is the unit wrong?"
    );
    // A tiny revenue is reported alone, not also as smaller than its operating income.
    let tiny_revenue = VALID_RON.replacen("revenue: 574.785", "revenue: 0.0000001", 1);
    assert_eq!(
        error_of(&tiny_revenue),
        "figures.ron:15:22: revenue in FY2023 is 1e-7 US$ billions, under the smallest plausible \
         amount other than zero, 0.000001 US$ billions (US$ 1,000): is the unit wrong?"
    );
    // The bounds themselves, zero and negative profits within them are fine.
    for (from, to) in [
        ("revenue: 574.785", "revenue: 100000.0"),
        ("capex: 52.729", "capex: 0.000001"),
        ("capex: 52.729", "capex: 0.0"),
        ("net_income: 30.425", "net_income: -99999.0"),
    ] {
        parse_ron("ok.ron", &VALID_RON.replacen(from, to, 1)).expect(to);
    }
    let negative_huge = VALID_RON.replacen("net_income: 30.425", "net_income: -1e6", 1);
    assert_eq!(
        error_of(&negative_huge),
        "figures.ron:17:25: net_income in FY2023 is -1e6 US$ billions, over the largest \
         plausible amount, 100000 US$ billions (US$ 100 trillion)"
    );
}

/// The fixture with its FY2023 revenue replaced, as a program (not the loader) may build it.
fn with_revenue(revenue: f64) -> Dataset {
    let mut dataset = parse_ron("valid.ron", VALID_RON).expect("fixture is valid");
    dataset.periods[0].revenue = Some(revenue);
    dataset
}

/// The gap of each annual point of `metric`, by label.
fn annual_gaps(dataset: &Dataset, metric: Metric) -> Vec<(String, Option<String>)> {
    let points = series(dataset, metric, Frequency::Annual, Alignment::Fiscal).points;
    points
        .into_iter()
        .map(|point| (point.slot.label, point.gap))
        .collect()
}

#[test]
fn a_ratio_over_a_figure_too_small_to_divide_by_is_a_gap_with_that_reason() {
    let dataset = with_revenue(5e-324);
    let margin = series(
        &dataset,
        Metric::OperatingMargin,
        Frequency::Annual,
        Alignment::Fiscal,
    );
    assert_eq!(margin.points[0].value, None);
    assert_eq!(
        annual_gaps(&dataset, Metric::OperatingMargin),
        vec![
            (
                "FY2023".to_owned(),
                Some("revenue is 5e-324, too small to divide by".to_owned())
            ),
            ("FY2024".to_owned(), None),
        ]
    );
    assert_eq!(
        annual_gaps(&dataset, Metric::RevenueGrowth)[1],
        (
            "FY2024".to_owned(),
            Some("revenue a year earlier is 5e-324, too small to divide by".to_owned())
        )
    );
    // An index to a base too small to index to.
    let revenue = series(
        &dataset,
        Metric::Revenue,
        Frequency::Annual,
        Alignment::Fiscal,
    );
    let indexed = revenue.transformed(Transform::Indexed, |_| true);
    assert_eq!(indexed.points[0].value, Some(100.0));
    assert_eq!(indexed.points[1].value, None);
    let too_small = "the value in FY2023 (5e-324) is too small to index to";
    assert_eq!(indexed.points[1].gap.as_deref(), Some(too_small));
    let to_2023 = revenue.indexed(2023).expect("a positive base");
    assert_eq!(to_2023.points[1].gap.as_deref(), Some(too_small));
}

fn errors_as_of(text: &str, today: &str) -> Vec<String> {
    let (dataset, document) = RonDocument::parse::<Dataset>("dates.ron", text).expect("parses");
    let today: Date = today.parse().expect("a date");
    validate_as_of(
        &dataset,
        "dates.ron",
        &|path| document.position(&path.ron_path()),
        today,
    )
    .iter()
    .map(ToString::to_string)
    .collect()
}

#[test]
fn filings_and_periods_after_today_are_errors_but_guidance_may_look_ahead() {
    // The fixture's last filings are dated 2025-02-07.
    assert!(errors_as_of(VALID_RON, "2025-02-07").is_empty());
    let errors = errors_as_of(VALID_RON, "2025-02-06");
    assert_eq!(errors.len(), 5, "{errors:?}");
    assert_eq!(
        errors[0],
        "dates.ron:38:50: the source for FY2024 is dated 2025-02-07, after today (UTC, by the \
         system clock): a filing cannot be dated in the future"
    );
    // With the system clock: a year that has not ended, filed in a later year.
    let future = VALID_RON
        .replacen("period: \"FY2023\"", "period: \"FY2099\"", 1)
        .replacen("end_date: \"2023-12-31\"", "end_date: \"2099-12-31\"", 1)
        .replacen("filed: \"2024-02-02\"", "filed: \"2100-02-02\"", 1);
    let errors: Vec<String> = parse_ron("dates.ron", &future)
        .expect_err("refused")
        .errors
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        vec![
            "dates.ron:14:23: FY2099 ends on 2099-12-31, after today (UTC, by the system \
             clock): reported figures are for periods that have ended (plans for later periods \
             go in guidance)",
            "dates.ron:24:50: the source for FY2099 is dated 2100-02-02, after today (UTC, by \
             the system clock): a filing cannot be dated in the future",
            "dates.ron:28:23: FY2024 ends 2024-12-31, not after FY2099 (2099-12-31): list \
             periods in date order",
        ]
    );
    let today = Date::today_utc();
    assert!(today.year >= 2025, "the clock reads {today}");
}
