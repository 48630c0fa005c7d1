//! Guidance against actuals and capex on each basis, checked against the bundled data.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

use flywheel_model::guidance::{guided_metric, stated_capex_basis, tally};
use flywheel_model::{
    Alignment, CapexBasis, Dataset, Frequency, GapReason, Library, Metric, Outcome,
    guidance_record, series,
};

fn company(library: &Library, ticker: &str) -> Dataset {
    library.get(ticker).expect("bundled company").clone()
}

fn annual(dataset: &Dataset, metric: Metric, label: &str) -> Option<f64> {
    series(dataset, metric, Frequency::Annual, Alignment::Fiscal)
        .points
        .into_iter()
        .find(|point| point.slot.label == label)
        .and_then(|point| point.value)
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[test]
fn amazons_q1_2025_guide_was_beaten_on_sales_and_operating_income() {
    let library = Library::bundled().expect("bundled data");
    let amazon = company(&library, "AMZN");
    let record = guidance_record(&amazon);
    let q1_2025: Vec<String> = record
        .iter()
        .filter(|check| check.guidance.period.to_string() == "2025Q1")
        .map(|check| {
            format!(
                "{} {} {:.3} {}",
                check.metric.key(),
                check.range_text(),
                check.actual_value().expect("reported"),
                check.outcome.expect("judged")
            )
        })
        .collect();
    assert_eq!(
        q1_2025,
        [
            "operating_income $14.0–18.0B 18.405 beat",
            "revenue $151.0–155.5B 155.667 beat",
        ]
    );
    // 2022Q1 to 2026Q1, 17 quarters of each, plus five capex statements.
    assert_eq!(record.len(), 39);
    assert_eq!(
        tally(&record),
        [
            (Outcome::Beat, 28),
            (Outcome::Inside, 10),
            (Outcome::Miss, 0)
        ]
    );
    // The FY2026 plan has no actual yet: not judged.
    let plan_2026 = record
        .iter()
        .find(|check| check.guidance.period.to_string() == "FY2026")
        .expect("the $200B plan");
    assert_eq!(plan_2026.outcome, None);
}

#[test]
fn capex_guidance_is_judged_on_the_basis_it_was_stated_on() {
    let library = Library::bundled().expect("bundled data");
    let amazon = company(&library, "AMZN");
    let alphabet = company(&library, "GOOGL");
    let microsoft = company(&library, "MSFT");
    assert_eq!(stated_capex_basis(&amazon), CapexBasis::Net);
    assert_eq!(stated_capex_basis(&alphabet), CapexBasis::Gross);
    assert_eq!(
        stated_capex_basis(&microsoft),
        CapexBasis::WithFinanceLeases
    );
    // Microsoft's ~$80B FY2025 plan against 88.2 including finance leases (not the 64.551 cash
    // additions, which would make it look like under-spending).
    let record = guidance_record(&microsoft);
    let fy2025 = record
        .iter()
        .find(|check| check.guidance.period.to_string() == "FY2025")
        .expect("the FY2025 plan");
    assert_eq!(
        guided_metric(&microsoft, &fy2025.guidance),
        Metric::CapexWithFinanceLeases
    );
    close(fy2025.actual_value(), 88.2);
    assert_eq!(fy2025.outcome, Some(Outcome::Beat));
    assert_eq!(fy2025.range_text(), "about $80.0B");
    // "More than $30 billion" for FY2026 Q1: 34.9 is inside a range with no upper end.
    let q1 = record
        .iter()
        .find(|check| {
            check.guidance.period.to_string() == "2026Q1"
                && check.metric == Metric::CapexWithFinanceLeases
        })
        .expect("the FY2026 Q1 capex guide");
    assert_eq!(q1.range_text(), "more than $30.0B");
    close(q1.actual_value(), 34.9);
    assert_eq!(q1.outcome, Some(Outcome::Inside));
    // Alphabet's FY2025 plan kept its revisions: 75, 75, 85, then 91–93 (inside at 91.447).
    let revisions: Vec<String> = guidance_record(&alphabet)
        .iter()
        .filter(|check| check.guidance.period.to_string() == "FY2025")
        .map(|check| {
            format!(
                "{} {} {}",
                check.guidance.said_on,
                check.range_text(),
                check.outcome.expect("judged")
            )
        })
        .collect();
    assert_eq!(
        revisions,
        [
            "2025-02-04 about $75.0B beat",
            "2025-04-24 about $75.0B beat",
            "2025-07-23 about $85.0B beat",
            "2025-10-29 $91.0–93.0B inside",
        ]
    );
}

#[test]
fn capex_on_each_basis_per_company_with_reasons_where_not_disclosed() {
    let library = Library::bundled().expect("bundled data");
    let amazon = company(&library, "AMZN");
    let microsoft = company(&library, "MSFT");
    let alphabet = company(&library, "GOOGL");
    close(
        annual(&amazon, CapexBasis::Gross.metric(), "FY2025"),
        131.819,
    );
    close(annual(&amazon, CapexBasis::Net.metric(), "FY2025"), 128.32);
    // 131.819 purchases + 2.911 acquired under finance leases.
    close(
        annual(&amazon, CapexBasis::WithFinanceLeases.metric(), "FY2025"),
        131.819 + 2.911,
    );
    // Microsoft states its own figure for FY2025; for FY2026 (no stated Q4) the sum is used.
    close(
        annual(&microsoft, CapexBasis::WithFinanceLeases.metric(), "FY2025"),
        88.2,
    );
    close(
        annual(&microsoft, CapexBasis::WithFinanceLeases.metric(), "FY2026"),
        115.948 + 24.608,
    );
    let net = series(
        &alphabet,
        Metric::CapexNetOfProceeds,
        Frequency::Annual,
        Alignment::Fiscal,
    );
    let last = net.points.last().expect("a point");
    assert_eq!(last.value, None);
    assert_eq!(last.gap_reason, Some(GapReason::NotDisclosed));
    assert_eq!(
        last.gap.as_deref(),
        Some(
            "GOOGL does not disclose capex net of proceeds and incentives in any period of its data"
        )
    );
    assert_eq!(
        CapexBasis::from_key("with-finance-leases"),
        Some(CapexBasis::WithFinanceLeases)
    );
    assert_eq!(
        CapexBasis::Net.apply(Metric::Capex),
        Metric::CapexNetOfProceeds
    );
    assert_eq!(CapexBasis::Net.apply(Metric::Revenue), Metric::Revenue);
}
