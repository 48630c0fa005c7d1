//! Metrics checked against numbers worked out by hand from the bundled filings' figures.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use common::value_at;

use flywheel_model::{Alignment, Dataset, Frequency, Library, Metric, series};

fn amazon() -> Dataset {
    Library::bundled()
        .expect("bundled data loads")
        .get("AMZN")
        .expect("Amazon is bundled")
        .clone()
}

fn assert_close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-6, "{actual} != {expected}");
}

#[test]
fn aws_q4_2024_margin() {
    // AWS Q4 2024: operating income 10,632 / net sales 28,786 (US$ millions) = 36.93%.
    // The headline "10.6 / 28.8 = 36.8%" rounds the inputs first; the exact figures give 36.93%.
    let margin = series(
        &amazon(),
        Metric::CloudMargin,
        Frequency::Quarterly,
        Alignment::Fiscal,
    );
    assert_close(value_at(&margin, "2024Q4"), 10.632 / 28.786 * 100.0);
    assert_eq!(format!("{:.1}", value_at(&margin, "2024Q4")), "36.9");
}

#[test]
fn amazon_fy2024_ratios() {
    // FY2024 10-K: revenue 637,959; operating income 68,593; net income 59,248; purchases of
    // property and equipment 82,999; operating cash flow 115,877. FY2023 revenue 574,785, capex 52,729.
    let amazon = amazon();
    let annual = |metric| series(&amazon, metric, Frequency::Annual, Alignment::Fiscal);
    assert_close(
        value_at(&annual(Metric::OperatingMargin), "FY2024"),
        10.751_944_874,
    );
    assert_close(
        value_at(&annual(Metric::NetMargin), "FY2024"),
        9.287_117_197,
    );
    assert_close(
        value_at(&annual(Metric::CapexIntensity), "FY2024"),
        13.010_083_720,
    );
    assert_close(value_at(&annual(Metric::FreeCashFlow), "FY2024"), 32.878);
    assert_close(
        value_at(&annual(Metric::FcfMargin), "FY2024"),
        5.153_622_725,
    );
    assert_close(
        value_at(&annual(Metric::CapexToOcf), "FY2024"),
        71.626_811_188,
    );
    assert_close(
        value_at(&annual(Metric::RevenueGrowth), "FY2024"),
        10.990_892_247,
    );
    assert_close(
        value_at(&annual(Metric::CapexGrowth), "FY2024"),
        57.406_740_130,
    );
}

#[test]
fn ttm_at_q4_equals_the_fiscal_year() {
    let amazon = amazon();
    let ttm = series(&amazon, Metric::Revenue, Frequency::Ttm, Alignment::Fiscal);
    // 143,313 + 147,977 + 158,877 + 187,792 = 637,959.
    assert_close(value_at(&ttm, "TTM 2024Q4"), 637.959);
    let point = ttm
        .points
        .iter()
        .find(|point| point.slot.label == "TTM 2024Q4")
        .expect("exists");
    assert_eq!(
        point.inputs.len(),
        4,
        "a TTM value lists the four quarters it sums"
    );
    assert!(
        ttm.method
            .as_deref()
            .is_some_and(|method| method.starts_with("Trailing twelve months"))
    );
    // The first quarters have no four-quarter history: a gap with a reason, not a guess.
    let first = &ttm.points[0];
    assert_eq!(first.value, None);
    assert!(
        first
            .gap
            .as_deref()
            .is_some_and(|gap| gap.contains("need four quarters"))
    );
}

#[test]
fn quarterly_growth_compares_with_the_same_quarter_a_year_earlier() {
    let growth = series(
        &amazon(),
        Metric::RevenueGrowth,
        Frequency::Quarterly,
        Alignment::Fiscal,
    );
    // Q4 2024 187,792 against Q4 2023 169,961.
    assert_close(
        value_at(&growth, "2024Q4"),
        (187.792 / 169.961 - 1.0) * 100.0,
    );
}

#[test]
fn indexing_rebases_to_100_at_the_chosen_year() {
    let revenue = series(
        &amazon(),
        Metric::Revenue,
        Frequency::Annual,
        Alignment::Fiscal,
    );
    let indexed = revenue.indexed(2015).expect("FY2015 revenue is positive");
    assert_close(value_at(&indexed, "FY2015"), 100.0);
    // 637,959 / 107,006 × 100.
    assert_close(value_at(&indexed, "FY2024"), 596.189_933_275);
    assert_eq!(indexed.indexed_to.as_deref(), Some("FY2015"));
}

#[test]
fn every_value_traces_to_its_filing() {
    let amazon = amazon();
    let margin = series(
        &amazon,
        Metric::OperatingMargin,
        Frequency::Annual,
        Alignment::Fiscal,
    );
    let point = margin
        .points
        .iter()
        .find(|point| point.slot.label == "FY2024")
        .expect("exists");
    let filings: Vec<&str> = point
        .inputs
        .iter()
        .map(|input| input.source.filing.as_str())
        .collect();
    assert_eq!(
        filings,
        [
            "Form 10-K for fiscal year 2024",
            "Form 10-K for fiscal year 2024"
        ]
    );
    let explanation = point.explain(Metric::OperatingMargin);
    assert!(
        explanation.starts_with("Operating margin FY2024: 10.8%"),
        "{explanation}"
    );
    assert!(explanation.contains("Formula: operating income ÷ revenue × 100"));
    assert!(explanation.contains(
        "Operating income FY2024 = 68.593 US$ B — Form 10-K for fiscal year 2024, \
         filed 2025-02-07"
    ));
}

/// Annual capex figures no filing could be found for: left missing, never estimated.
const CAPEX_GAPS: [(&str, &str, &str); 0] = [];

#[test]
fn every_bundled_dataset_covers_fy2015_to_its_latest_year_with_capex() {
    let library = Library::bundled().expect("bundled data loads with zero errors");
    assert_eq!(library.tickers(), ["AMZN", "GOOGL", "MSFT"]);
    for entry in library.entries() {
        let capex = series(
            &entry.dataset,
            Metric::Capex,
            Frequency::Annual,
            Alignment::Fiscal,
        );
        let labels: Vec<&str> = capex
            .points
            .iter()
            .map(|point| point.slot.label.as_str())
            .collect();
        assert_eq!(
            labels.first(),
            Some(&"FY2015"),
            "{}",
            entry.dataset.company.ticker
        );
        let latest_year = capex
            .points
            .last()
            .map_or(0, |point| point.slot.end_date.year);
        assert!(
            latest_year >= 2025,
            "{} ends in {latest_year}",
            entry.dataset.company.ticker
        );
        for point in &capex.points {
            let ticker = entry.dataset.company.ticker.as_str();
            let known_gap = CAPEX_GAPS.iter().any(|(gap_ticker, period, _)| {
                *gap_ticker == ticker && *period == point.slot.label
            });
            assert_eq!(
                point.value.is_none(),
                known_gap,
                "{ticker} {} capex: {:?} (a gap must be listed in CAPEX_GAPS with its reason, \
                 and a listed gap must still be one)",
                point.slot.label,
                point.gap
            );
        }
        assert!(
            entry
                .dataset
                .periods
                .iter()
                .any(|record| record.period.is_quarter()),
            "{} has quarters",
            entry.dataset.company.ticker
        );
    }
}

#[test]
fn microsoft_calendar_years_say_how_they_were_formed() {
    let library = Library::bundled().expect("bundled data loads");
    let microsoft = library.get("MSFT").expect("Microsoft is bundled");
    let revenue = series(
        microsoft,
        Metric::Revenue,
        Frequency::Annual,
        Alignment::Calendar,
    );
    assert!(
        revenue
            .method
            .as_deref()
            .is_some_and(|method| method.contains("fiscal year ends in June"))
    );
    // Before its quarterly history, a calendar year cannot be formed: blank, with the reason.
    let cy2016 = revenue
        .points
        .iter()
        .find(|point| point.slot.label == "CY2016")
        .expect("CY2016 slot");
    assert_eq!(cy2016.value, None);
    assert!(
        cy2016
            .gap
            .as_deref()
            .is_some_and(|gap| gap.contains("needs four reported quarters"))
    );
}
