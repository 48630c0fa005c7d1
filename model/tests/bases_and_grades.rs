//! The bundled data's trust marks: every source graded and public, every gap explained, both
//! bases giving the right figure for each recast, and quarters adding up to their year on each.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use common::value_at;

use flywheel_model::validate::url_problem;
use flywheel_model::{
    Alignment, Basis, Dataset, Figure, FiscalPeriod, Frequency, GapReason, Grade, Library, Metric,
    Series, SeriesOptions, Source, series_with,
};

fn library() -> Library {
    Library::bundled().expect("bundled data loads")
}

fn dataset(ticker: &str) -> Dataset {
    library().get(ticker).expect("bundled company").clone()
}

fn on(dataset: &Dataset, metric: Metric, frequency: Frequency, basis: Basis) -> Series {
    let options = SeriesOptions {
        frequency,
        alignment: Alignment::Fiscal,
        basis,
    };
    series_with(dataset, metric, options)
}

fn assert_close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

/// Every source a dataset cites: periods, other sources, first-reported values and guidance.
fn all_sources(dataset: &Dataset) -> Vec<(String, &Source)> {
    let mut sources = Vec::new();
    for record in &dataset.periods {
        for source in record.sources() {
            sources.push((record.period.to_string(), source));
        }
    }
    for guidance in &dataset.guidance {
        sources.push((format!("guidance {}", guidance.period), &guidance.source));
    }
    sources
}

#[test]
fn every_missing_figure_has_a_specific_reason() {
    let library = library();
    for entry in library.entries() {
        let ticker = &entry.dataset.company.ticker;
        for basis in Basis::ALL {
            let coverage = entry.dataset.coverage(basis);
            let unexplained: Vec<String> =
                coverage.unexplained().map(ToString::to_string).collect();
            assert!(unexplained.is_empty(), "{ticker} {basis}: {unexplained:?}");
        }
        for record in &entry.dataset.periods {
            for gap in &record.gaps {
                assert!(
                    gap.note.len() > 60,
                    "{ticker} {}: {}",
                    record.period,
                    gap.note
                );
                if gap.reason == GapReason::NotFound {
                    assert!(
                        gap.note.contains("Searched"),
                        "{ticker} {}: a 'not found' gap says what was searched: {}",
                        record.period,
                        gap.note
                    );
                }
            }
        }
    }
}

#[test]
fn the_gap_count_is_one_number_per_company() {
    let library = library();
    let counts: Vec<(String, usize, usize)> = library
        .entries()
        .iter()
        .map(|entry| {
            let coverage = entry.dataset.coverage(Basis::Latest);
            (
                entry.dataset.company.ticker.clone(),
                coverage.missing.len(),
                coverage.secondary.len(),
            )
        })
        .collect();
    let gaps: Vec<(&str, usize)> = counts
        .iter()
        .map(|(ticker, gaps, _)| (ticker.as_str(), *gaps))
        .collect();
    assert_eq!(gaps, [("AMZN", 10), ("GOOGL", 6), ("MSFT", 7)]);
    // Of those, figures the companies never published: Amazon's advertising before FY2019,
    // Google Cloud before FY2017 (and its operating income before FY2018), Microsoft's search
    // advertising before FY2016. The rest were published but no public copy was found.
    let never: Vec<(&str, usize)> = ["AMZN", "GOOGL", "MSFT"]
        .iter()
        .map(|ticker| {
            (
                *ticker,
                dataset(ticker).coverage(Basis::Latest).never_disclosed(),
            )
        })
        .collect();
    assert_eq!(never, [("AMZN", 4), ("GOOGL", 5), ("MSFT", 1)]);
    // Amazon's 2026 quarters come from research files quoting the releases: secondary.
    let amazon = dataset("AMZN").coverage(Basis::Latest);
    assert!(amazon.secondary.iter().any(|figure| {
        figure.period
            == FiscalPeriod::Quarter {
                year: 2026,
                quarter: 1,
            }
            && figure.figure == Figure::Revenue
    }));
    assert!(
        amazon
            .summary()
            .starts_with("10 gaps (4 never disclosed), "),
        "{}",
        amazon.summary()
    );
}

#[test]
fn a_gap_names_its_reason_where_the_value_would_be() {
    let alphabet = dataset("GOOGL");
    let cloud = on(
        &alphabet,
        Metric::CloudOperatingIncome,
        Frequency::Annual,
        Basis::Latest,
    );
    let fy2016 = cloud
        .points
        .iter()
        .find(|point| point.slot.label == "FY2016")
        .expect("FY2016 slot");
    assert_eq!(fy2016.value, None);
    assert_eq!(fy2016.gap_reason, Some(GapReason::NotDisclosed));
    assert!(
        fy2016.gap.as_deref().is_some_and(|gap| gap.starts_with(
            "cloud operating income for FY2016 is not disclosed by the company: Google Cloud \
             became a reportable segment in the FY2020 10-K"
        )),
        "{:?}",
        fy2016.gap
    );
}

#[test]
fn every_source_states_its_grade_and_a_public_address() {
    for entry in library().entries() {
        for (period, source) in all_sources(&entry.dataset) {
            let ticker = &entry.dataset.company.ticker;
            assert!(
                source.grade.is_some(),
                "{ticker} {period}: {} has no grade",
                source.filing
            );
            assert_eq!(url_problem(source, &period), None, "{ticker} {period}");
        }
    }
}

#[test]
fn local_paths_and_other_schemes_are_not_public_addresses() {
    let source = |url: &str| {
        Source::new(
            "test",
            "2025-01-01".parse().expect("date"),
            url,
            Grade::Copy,
        )
    };
    let local =
        "https://cdn.financialreports.eu/filings/10-q.zip:/tmp/tarfile_extract_93q3f1qy/R6.htm";
    assert_eq!(
        url_problem(&source(local), "2022Q1"),
        Some(format!(
            "the source URL \"{local}\" for 2022Q1 names a local path, not a public address"
        ))
    );
    for url in [
        "file:///home/me/10-k.htm",
        "https://localhost/10-k.htm",
        "/tmp/10-k.htm",
    ] {
        assert!(url_problem(&source(url), "FY2024").is_some(), "{url}");
    }
    let public = "https://www.sec.gov/Archives/edgar/data/789019/000156459022002324/";
    assert_eq!(url_problem(&source(public), "2022Q2"), None);
}

#[test]
fn microsoft_fy2016_revenue_is_restated_under_asc_606_on_the_latest_basis() {
    let microsoft = dataset("MSFT");
    let latest = on(
        &microsoft,
        Metric::Revenue,
        Frequency::Annual,
        Basis::Latest,
    );
    let reported = on(
        &microsoft,
        Metric::Revenue,
        Frequency::Annual,
        Basis::Reported,
    );
    // FY2018 10-K (ASC 606, full retrospective): 91,154; FY2016 10-K: 85,320.
    assert_close(value_at(&latest, "FY2016"), 91.154);
    assert_close(value_at(&reported, "FY2016"), 85.320);
    assert_close(value_at(&latest, "FY2017"), 96.571);
    assert_close(value_at(&reported, "FY2017"), 89.950);
    // FY2015 was never restated: on the latest basis it is marked, and the chart draws the line.
    let changes = latest.basis_changes();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].slot.label, "FY2016");
    assert_eq!(changes[0].before, Basis::Reported);
    let point = latest
        .points
        .iter()
        .find(|point| point.slot.label == "FY2016")
        .expect("FY2016");
    let explanation = point.explain(Metric::Revenue);
    assert!(
        explanation.contains("Basis: Comparable (latest restated)"),
        "{explanation}"
    );
    assert!(explanation.contains("restated ["), "{explanation}");
}

#[test]
fn intelligent_cloud_fy2024_has_its_old_and_recast_figures() {
    let microsoft = dataset("MSFT");
    let latest = on(
        &microsoft,
        Metric::CloudRevenue,
        Frequency::Annual,
        Basis::Latest,
    );
    let reported = on(
        &microsoft,
        Metric::CloudRevenue,
        Frequency::Annual,
        Basis::Reported,
    );
    // FY2025 10-K recast: 87,464; FY2024 10-K as first reported: 105,362.
    assert_close(value_at(&latest, "FY2024"), 87.464);
    assert_close(value_at(&reported, "FY2024"), 105.362);
    // Comparable growth FY2025 over FY2024: 106,265 / 87,464 − 1 = +21.5%, not +0.9%.
    let growth = (value_at(&latest, "FY2025") / value_at(&latest, "FY2024") - 1.0) * 100.0;
    assert!((growth - 21.495).abs() < 0.01, "{growth}");
    // Before FY2023 only earlier segment definitions exist: one labelled change at FY2023.
    let changes = latest.basis_changes();
    let at_fy2023: Vec<&str> = changes
        .iter()
        .map(|change| change.slot.label.as_str())
        .filter(|label| *label == "FY2023")
        .collect();
    assert_eq!(at_fy2023, ["FY2023"], "{changes:?}");
    let fy2022 = latest
        .points
        .iter()
        .find(|point| point.slot.label == "FY2022")
        .expect("FY2022");
    assert_eq!(fy2022.basis, Basis::Reported);
    assert!(
        fy2022
            .basis_note
            .as_deref()
            .is_some_and(|note| note.contains("segment recast was not published for FY2022")),
        "{:?}",
        fy2022.basis_note
    );
    let operating = on(
        &microsoft,
        Metric::CloudOperatingIncome,
        Frequency::Annual,
        Basis::Reported,
    );
    assert_close(value_at(&operating, "FY2024"), 49.584);
}

#[test]
fn google_cloud_2021_2022_operating_income_on_each_basis() {
    let alphabet = dataset("GOOGL");
    let latest = |frequency| {
        on(
            &alphabet,
            Metric::CloudOperatingIncome,
            frequency,
            Basis::Latest,
        )
    };
    let reported = |frequency| {
        on(
            &alphabet,
            Metric::CloudOperatingIncome,
            frequency,
            Basis::Reported,
        )
    };
    // Recast in 2023 (DeepMind moved to Alphabet-level activities): −2,282 and −1,922; first
    // reported −3,099 and −2,968.
    assert_close(value_at(&latest(Frequency::Annual), "FY2021"), -2.282);
    assert_close(value_at(&reported(Frequency::Annual), "FY2021"), -3.099);
    assert_close(value_at(&latest(Frequency::Annual), "FY2022"), -1.922);
    assert_close(value_at(&reported(Frequency::Annual), "FY2022"), -2.968);
    assert_close(value_at(&latest(Frequency::Quarterly), "2022Q2"), -0.590);
    assert_close(value_at(&reported(Frequency::Quarterly), "2022Q2"), -0.858);
}

#[test]
fn quarters_add_up_to_their_year_on_each_basis() {
    let mut checked = 0;
    for entry in library().entries() {
        let dataset = &entry.dataset;
        for basis in Basis::ALL {
            for record in dataset.periods.iter().filter(|r| !r.period.is_quarter()) {
                let year = record.period.fiscal_year();
                let quarters: Vec<_> = (1..=4)
                    .filter_map(|quarter| {
                        dataset
                            .periods
                            .iter()
                            .find(|other| other.period == FiscalPeriod::Quarter { year, quarter })
                    })
                    .collect();
                if quarters.len() != 4 {
                    continue;
                }
                for figure in Figure::EVERY {
                    let value = |r: &flywheel_model::PeriodRecord| {
                        r.on_basis(figure, basis)
                            .filter(|value| value.basis == basis)
                            .map(|value| value.value)
                    };
                    let sum: Option<f64> = quarters.iter().map(|q| value(q)).sum();
                    let (Some(sum), Some(annual)) = (sum, value(record)) else {
                        continue;
                    };
                    assert!(
                        (sum - annual).abs() <= 0.002 + 1e-9,
                        "{} {} {} {basis}: quarters {sum:.3} vs year {annual:.3}",
                        dataset.company.ticker,
                        record.period,
                        figure.key()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 150, "only {checked} sums checked");
}

#[test]
fn advertising_revenue_is_a_reported_figure_for_all_three() {
    let library = library();
    let advertising = |ticker: &str| {
        let dataset = library.get(ticker).expect("bundled");
        on(
            dataset,
            Metric::AdvertisingRevenue,
            Frequency::Annual,
            Basis::Latest,
        )
    };
    // Amazon advertising services FY2024 (10-K): 56,214. Google advertising FY2024: 264,590.
    // Microsoft search and news advertising FY2025 (10-K): 13,878.
    assert_close(value_at(&advertising("AMZN"), "FY2024"), 56.214);
    assert_close(value_at(&advertising("GOOGL"), "FY2024"), 264.590);
    assert_close(value_at(&advertising("MSFT"), "FY2025"), 13.878);
}

#[test]
fn explanations_name_each_inputs_grade() {
    let amazon = dataset("AMZN");
    let revenue = on(
        &amazon,
        Metric::Revenue,
        Frequency::Quarterly,
        Basis::Latest,
    );
    let point = revenue
        .points
        .iter()
        .find(|point| point.slot.label == "2026Q1")
        .expect("2026Q1");
    assert_close(point.value.expect("value"), 181.519);
    assert!(point.is_secondary());
    assert_eq!(point.grade(), Some(Grade::Secondary));
    assert!(
        point.explain(Metric::Revenue).contains("[secondary]"),
        "{}",
        point.explain(Metric::Revenue)
    );
}

#[test]
fn a_dataset_on_the_reported_basis_holds_the_first_reported_figures() {
    // What `flywheel project --basis reported` projects from.
    let microsoft = dataset("MSFT").on_basis(Basis::Reported);
    let fy2016 = microsoft
        .periods
        .iter()
        .find(|record| record.period == FiscalPeriod::Year(2016))
        .expect("FY2016");
    assert_eq!(fy2016.revenue, Some(85.320));
    assert_eq!(fy2016.operating_income, Some(20.182));
    assert_eq!(
        fy2016.source_of(Figure::Revenue).0.filing,
        "Form 10-K for fiscal year 2016"
    );
    assert!(fy2016.restatements.is_empty());
    let fy2024 = microsoft
        .periods
        .iter()
        .find(|record| record.period == FiscalPeriod::Year(2024))
        .expect("FY2024");
    assert_eq!(fy2024.cloud_revenue, Some(105.362));
    // Figures never restated are unchanged.
    assert_eq!(fy2024.revenue, Some(245.122));
}
