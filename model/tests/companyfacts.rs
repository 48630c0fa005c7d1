//! SEC company facts read into Flywheel's figures: every trap of the format, on fixtures built by
//! hand from real filings (see `tests/fixtures/companyfacts/README.md` for the companies, filings
//! and figures), and every kind of bad input.

// A broken fixture should stop the test at once.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::float_cmp)]

use flywheel_model::companyfacts::{MAX_COMPANY_FACTS_BYTES, SEGMENTS_NOT_IN_COMPANY_FACTS};
use flywheel_model::load::parse_ron;
use std::collections::BTreeMap;

use flywheel_model::{
    Basis, Dataset, Date, Derivation, Figure, FirstReported, FiscalPeriod, Grade, ImportError,
    Imported, ImportedPeriod, Library, PeriodRecord, Restatement, RestatementReason, Source, merge,
    parse_company_facts, read_company_facts, to_dataset,
};

const META: &str = "tests/fixtures/companyfacts/CIK0001326801.json";
const APPLE: &str = "tests/fixtures/companyfacts/CIK0000320193.json";
const AMAZON: &str = "tests/fixtures/companyfacts/CIK0001018724.json";
const MICROSOFT: &str = "tests/fixtures/companyfacts/CIK0000789019.json";

fn read(path: &str) -> Imported {
    read_company_facts(std::path::Path::new(path)).expect("fixture reads")
}

fn date(text: &str) -> Date {
    text.parse().expect("a date")
}

fn period(label: &str) -> FiscalPeriod {
    label.parse().expect("period label")
}

fn find<'a>(imported: &'a Imported, label: &str) -> &'a ImportedPeriod {
    imported
        .periods
        .iter()
        .find(|candidate| candidate.period == period(label))
        .unwrap_or_else(|| panic!("{label} imported"))
}

fn latest(imported: &Imported, label: &str, figure: Figure) -> Option<f64> {
    find(imported, label)
        .figures
        .get(&figure)
        .map(|figure| figure.latest.usd_billions())
}

/// One period of a converted dataset.
fn record<'a>(dataset: &'a Dataset, label: &str) -> &'a PeriodRecord {
    dataset
        .periods
        .iter()
        .find(|record| record.period == period(label))
        .unwrap_or_else(|| panic!("{label} in the dataset"))
}

/// Saved as RON, the dataset loads through the same checks as any dataset.
fn assert_loads(dataset: &Dataset) {
    let text = ron::ser::to_string(dataset).expect("serialises");
    let loaded = parse_ron("imported.ron", &text).expect("passes the checks");
    assert_eq!(&loaded, dataset);
}

fn accessions(derivation: &Derivation) -> Vec<&str> {
    match derivation {
        Derivation::Reported(fact) => vec![fact.accession.as_str()],
        Derivation::Difference { longer, shorter } => {
            vec![longer.accession.as_str(), shorter.accession.as_str()]
        }
    }
}

#[test]
fn meta_periods_come_from_start_and_end_dates_not_from_fy_and_fp() {
    let meta = read(META);
    assert_eq!(meta.entity_name, "Meta Platforms, Inc.");
    assert_eq!(meta.cik, 1_326_801);
    assert_eq!(meta.ticker, None);
    assert_eq!(meta.fiscal_year_end_month, 12);
    let labels: Vec<String> = meta.periods.iter().map(|p| p.period.to_string()).collect();
    assert_eq!(
        labels,
        [
            "FY2023", "FY2024", "2023Q3", "2023Q4", "2024Q1", "2024Q2", "2024Q3", "2024Q4"
        ]
    );
    // The FY2024 10-K (fy 2024) also carries FY2023: it lands in FY2023, as a second filing of
    // the same figure, and the first report stays the FY2023 10-K's.
    let revenue_2023 = &find(&meta, "FY2023").figures[&Figure::Revenue];
    let filed_in: Vec<&str> = revenue_2023
        .facts
        .iter()
        .map(|fact| fact.accession.as_str())
        .collect();
    assert_eq!(filed_in, ["0001326801-24-000012", "0001326801-25-000017"]);
    assert_eq!(
        accessions(&revenue_2023.first_reported),
        ["0001326801-24-000012"]
    );
    assert_eq!(revenue_2023.latest.usd_billions(), 134.902);
    assert!(!revenue_2023.restated());
    // The Q3 2024 10-Q's comparative column (fy 2024, fp Q3) is 2023Q3, not 2024Q3.
    assert_eq!(latest(&meta, "2023Q3", Figure::Revenue), Some(34.146));
    assert_eq!(latest(&meta, "2024Q3", Figure::Revenue), Some(40.589));
}

#[test]
fn meta_q4_is_the_year_less_nine_months_with_both_filings() {
    let meta = read(META);
    let q4 = find(&meta, "2024Q4");
    assert_eq!(q4.start.to_string(), "2024-10-01");
    assert_eq!(q4.end.to_string(), "2024-12-31");
    let revenue = &q4.figures[&Figure::Revenue];
    assert_eq!(revenue.latest.usd_billions(), 48.385);
    assert_eq!(
        accessions(&revenue.latest),
        ["0001326801-25-000017", "0001326801-24-000081"]
    );
    assert_eq!(
        revenue.latest.formula().as_deref(),
        Some(
            "12 months to 2024-12-31 (Form 10-K, accession 0001326801-25-000017, filed \
             2025-01-30) − 9 months to 2024-09-30 (Form 10-Q, accession 0001326801-24-000081, \
             filed 2024-10-31)"
        )
    );
    // The release prints 23,365: the filed year less the filed nine months is 23,364.
    assert_eq!(
        latest(&meta, "2024Q4", Figure::OperatingIncome),
        Some(23.364)
    );
    assert_eq!(latest(&meta, "2024Q4", Figure::NetIncome), Some(20.838));
    assert_eq!(latest(&meta, "2023Q4", Figure::Revenue), Some(40.111));
    assert_eq!(
        latest(&meta, "2023Q4", Figure::OperatingIncome),
        Some(16.384)
    );
    assert_eq!(latest(&meta, "2023Q4", Figure::NetIncome), Some(14.017));
}

#[test]
fn meta_cash_flow_quarters_are_differences_of_year_to_date_facts() {
    let meta = read(META);
    // D&A is filed only as 3, 6, 9 and 12 months to date.
    assert_eq!(latest(&meta, "2024Q1", Figure::Depreciation), Some(3.374));
    assert_eq!(latest(&meta, "2024Q2", Figure::Depreciation), Some(3.637));
    assert_eq!(latest(&meta, "2024Q3", Figure::Depreciation), Some(4.027));
    assert_eq!(latest(&meta, "2024Q4", Figure::Depreciation), Some(4.46));
    let q2 = &find(&meta, "2024Q2").figures[&Figure::Depreciation];
    assert_eq!(
        accessions(&q2.latest),
        ["0001326801-24-000069", "0001326801-24-000049"]
    );
    assert_eq!(q2.concept, "DepreciationDepletionAndAmortization");
    // Income items have their 3-month facts: no difference needed.
    let q2_revenue = &find(&meta, "2024Q2").figures[&Figure::Revenue];
    assert_eq!(accessions(&q2_revenue.latest), ["0001326801-24-000069"]);
    // Capex and operating cash flow are in the fixture only for whole years.
    assert_eq!(latest(&meta, "2024Q2", Figure::Capex), None);
    assert_eq!(latest(&meta, "FY2024", Figure::Capex), Some(37.256));
    assert_eq!(
        latest(&meta, "FY2024", Figure::OperatingCashFlow),
        Some(91.328)
    );
}

#[test]
fn meta_dataset_names_each_filing_and_derivation_and_passes_the_checks() {
    let meta = read(META);
    let dataset = to_dataset(&meta, "META");
    assert_eq!(dataset.company.ticker, "META");
    assert_eq!(dataset.company.name, "Meta Platforms, Inc.");
    let q3 = record(&dataset, "2024Q3");
    assert_eq!(
        q3.source.filing,
        "Form 10-Q, accession 0001326801-24-000081"
    );
    assert_eq!(q3.source.filed.to_string(), "2024-10-31");
    assert_eq!(
        q3.source.url,
        "https://www.sec.gov/Archives/edgar/data/1326801/000132680124000081/"
    );
    assert_eq!(
        (q3.revenue, q3.operating_income, q3.net_income),
        (Some(40.589), Some(17.35), Some(15.688))
    );
    // D&A comes from two 10-Qs: its own source, with the formula.
    let (depreciation_source, restated) = q3.source_of(Figure::Depreciation);
    assert_eq!(
        depreciation_source.filing,
        "Form 10-Q, accession 0001326801-24-000081 less Form 10-Q, accession 0001326801-24-000069"
    );
    assert!(!restated);
    assert_eq!(
        q3.other_sources[0].note,
        "From SEC company facts: depreciation 4.027 = 9 months to 2024-09-30 (Form 10-Q, \
         accession 0001326801-24-000081, filed 2024-10-31) − 6 months to 2024-06-30 (Form 10-Q, \
         accession 0001326801-24-000069, filed 2024-08-01)."
    );
    // Q4: the period's source names both filings; each formula is a note.
    let q4 = record(&dataset, "2024Q4");
    assert_eq!(
        q4.source.filing,
        "Form 10-K, accession 0001326801-25-000017 less Form 10-Q, accession 0001326801-24-000081"
    );
    assert_eq!(
        q4.source.url,
        "https://www.sec.gov/Archives/edgar/data/1326801/000132680125000017/"
    );
    assert!(
        q4.notes.contains(
            &"revenue derived: 12 months to 2024-12-31 (Form 10-K, accession \
          0001326801-25-000017, filed 2025-01-30) − 9 months to 2024-09-30 (Form 10-Q, \
          accession 0001326801-24-000081, filed 2024-10-31)."
                .to_owned()
        )
    );
    // Segments stay empty, and every period says why.
    for record in &dataset.periods {
        assert_eq!(
            (record.cloud_revenue, record.cloud_operating_income),
            (None, None)
        );
        assert!(
            record
                .notes
                .contains(&SEGMENTS_NOT_IN_COMPANY_FACTS.to_owned())
        );
    }
    // Saved as RON, it loads through the same checks as any dataset (quarters add up to years).
    assert_loads(&dataset);
}

#[test]
fn apple_52_53_week_years_map_to_the_right_fiscal_quarters() {
    let apple = read(APPLE);
    assert_eq!(apple.fiscal_year_end_month, 9);
    let ends: Vec<(String, String)> = apple
        .periods
        .iter()
        .map(|p| (p.period.to_string(), p.end.to_string()))
        .collect();
    let expected = [
        ("FY2022", "2022-09-24"),
        ("FY2023", "2023-09-30"),
        ("2023Q1", "2022-12-31"),
        ("2023Q2", "2023-04-01"),
        ("2023Q3", "2023-07-01"),
        ("2023Q4", "2023-09-30"),
    ];
    assert_eq!(
        ends,
        expected
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect::<Vec<_>>()
    );
    assert_eq!(latest(&apple, "2023Q1", Figure::Revenue), Some(117.154));
    assert_eq!(latest(&apple, "2023Q2", Figure::Revenue), Some(94.836));
    assert_eq!(latest(&apple, "2023Q3", Figure::Revenue), Some(81.797));
    assert_eq!(latest(&apple, "2023Q4", Figure::Revenue), Some(89.498));
    assert_eq!(find(&apple, "2023Q4").start.to_string(), "2023-07-02");
    assert_eq!(
        latest(&apple, "2023Q2", Figure::OperatingIncome),
        Some(28.318)
    );
    let dataset = to_dataset(&apple, "AAPL");
    assert_loads(&dataset);
}

#[test]
fn amazon_concepts_change_and_restated_figures_keep_both_bases() {
    let amazon = read(AMAZON);
    let concept = |label: &str| find(&amazon, label).figures[&Figure::Revenue].concept;
    // Per period, the first concept of the table that is present wins.
    assert_eq!(concept("FY2015"), "SalesRevenueNet");
    assert_eq!(
        concept("FY2016"),
        "RevenueFromContractWithCustomerExcludingAssessedTax"
    );
    assert_eq!(
        concept("FY2018"),
        "RevenueFromContractWithCustomerExcludingAssessedTax"
    );
    assert_eq!(latest(&amazon, "FY2015", Figure::Revenue), Some(107.006));
    // FY2016 was first filed under the old concept, in the FY2016 10-K, with the same value.
    let revenue_2016 = &find(&amazon, "FY2016").figures[&Figure::Revenue];
    assert_eq!(
        accessions(&revenue_2016.first_reported),
        ["0001018724-17-000011"]
    );
    assert_eq!(
        revenue_2016.first_reported.principal().concept,
        "SalesRevenueNet"
    );
    assert!(!revenue_2016.restated());
    assert_eq!(latest(&amazon, "FY2018", Figure::Revenue), Some(232.887));

    let cash = &find(&amazon, "FY2015").figures[&Figure::OperatingCashFlow];
    assert!(cash.restated());
    assert_eq!(cash.first_reported.usd_billions(), 11.92);
    assert_eq!(accessions(&cash.first_reported), ["0001018724-16-000172"]);
    assert_eq!(cash.latest.usd_billions(), 12.039);
    assert_eq!(accessions(&cash.latest), ["0001018724-18-000005"]);
    // An unchanged comparative in a later filing does not move the citation.
    let revenue = &find(&amazon, "FY2015").figures[&Figure::Revenue];
    assert_eq!(accessions(&revenue.latest), ["0001018724-16-000172"]);

    let dataset = to_dataset(&amazon, "AMZN");
    let fy2015 = &dataset.periods[0];
    assert_eq!(
        fy2015.source.filing,
        "Form 10-K, accession 0001018724-16-000172"
    );
    assert!(!fy2015.restated);
    assert_eq!(fy2015.operating_cash_flow, Some(12.039));
    let (cash_source, restated) = fy2015.source_of(Figure::OperatingCashFlow);
    assert_eq!(
        cash_source.filing,
        "Form 10-K, accession 0001018724-18-000005"
    );
    assert!(restated);
    // The first report is kept as the bundled data keeps one: a restatement with its filing.
    assert_eq!(
        fy2015.restatements,
        [Restatement {
            figures: vec![Figure::OperatingCashFlow],
            reason: RestatementReason::LaterFiling,
            first_reported: Some(FirstReported {
                values: BTreeMap::from([(Figure::OperatingCashFlow, 11.92)]),
                source: Source::new(
                    "Form 10-K, accession 0001018724-16-000172",
                    date("2016-01-29"),
                    "https://www.sec.gov/Archives/edgar/data/1018724/000101872416000172/",
                    Grade::Filing,
                ),
            }),
            note: "operating_cash_flow: first reported 11.92 (Form 10-K, accession \
                   0001018724-16-000172, filed 2016-01-29); later 12.039 (Form 10-K, accession \
                   0001018724-18-000005, filed 2018-02-02)."
                .to_owned(),
        }]
    );
    assert_bases(
        fy2015,
        Figure::OperatingCashFlow,
        (11.92, "Form 10-K, accession 0001018724-16-000172"),
        (12.039, "Form 10-K, accession 0001018724-18-000005"),
    );
    // Never restated: the same value and filing on both bases.
    assert_eq!(
        based(fy2015, Figure::Revenue, Basis::Reported),
        (
            107.006,
            "Form 10-K, accession 0001018724-16-000172".to_owned(),
            Basis::Reported
        )
    );
    assert!(
        fy2015
            .notes
            .iter()
            .all(|note| !note.contains("as first reported"))
    );
}

/// Asserts a figure's value and filing as first reported and latest, each on its own basis.
fn assert_bases(record: &PeriodRecord, figure: Figure, reported: (f64, &str), latest: (f64, &str)) {
    for (basis, (value, filing)) in [(Basis::Reported, reported), (Basis::Latest, latest)] {
        assert_eq!(
            based(record, figure, basis),
            (value, filing.to_owned(), basis),
            "{} {basis}",
            record.period
        );
    }
}

/// A figure's value on a basis, the filing it is cited at, and the basis it is actually on.
fn based(record: &PeriodRecord, figure: Figure, basis: Basis) -> (f64, String, Basis) {
    let value = record.on_basis(figure, basis).expect("a value");
    (value.value, value.source.filing.clone(), value.basis)
}

#[test]
fn amazon_depreciation_restated_by_a_later_10_q_and_10_k_has_both_bases_q4_included() {
    let amazon = read(AMAZON);
    let dataset = to_dataset(&amazon, "AMZN");
    let ten_k_2021 = "Form 10-K, accession 0001018724-22-000005";
    let ten_k_2023 = "Form 10-K, accession 0001018724-24-000008";
    let ten_q_2022 = "Form 10-Q, accession 0001018724-22-000023";
    let ten_q_2023 = "Form 10-Q, accession 0001018724-23-000018";
    // (period, as first reported, its filing, latest, its filing)
    let expected = [
        (
            "FY2021",
            34.296,
            ten_k_2021.to_owned(),
            34.433,
            ten_k_2023.to_owned(),
        ),
        (
            "FY2022",
            41.921,
            ten_k_2023.to_owned(),
            41.921,
            ten_k_2023.to_owned(),
        ),
        (
            "2022Q3",
            10.204,
            ten_q_2022.to_owned(),
            10.327,
            ten_q_2023.to_owned(),
        ),
        (
            "2022Q4",
            13.145,
            format!("{ten_k_2023} less {ten_q_2022}"),
            12.685,
            format!("{ten_k_2023} less {ten_q_2023}"),
        ),
        (
            "2023Q3",
            12.131,
            ten_q_2023.to_owned(),
            12.131,
            ten_q_2023.to_owned(),
        ),
        (
            "2023Q4",
            13.82,
            format!("{ten_k_2023} less {ten_q_2023}"),
            13.82,
            format!("{ten_k_2023} less {ten_q_2023}"),
        ),
    ];
    for (label, first, first_filing, last, last_filing) in expected {
        assert_bases(
            record(&dataset, label),
            Figure::Depreciation,
            (first, &first_filing),
            (last, &last_filing),
        );
    }
    // The derived Q4's first report is the first-reported year less the first-reported nine
    // months; the restatement says so, with both filings on each basis.
    let q4 = record(&dataset, "2022Q4");
    let restatement = q4.restatement_of(Figure::Depreciation).expect("restated");
    assert_eq!(restatement.reason, RestatementReason::LaterFiling);
    assert_eq!(
        restatement.note,
        "depreciation: first reported 13.145 = 12 months to 2022-12-31 (Form 10-K, accession \
         0001018724-24-000008, filed 2024-02-02) − 9 months to 2022-09-30 (Form 10-Q, accession \
         0001018724-22-000023, filed 2022-10-28); later 12.685 = 12 months to 2022-12-31 (Form \
         10-K, accession 0001018724-24-000008, filed 2024-02-02) − 9 months to 2022-09-30 (Form \
         10-Q, accession 0001018724-23-000018, filed 2023-10-27)."
    );
    assert_eq!(
        restatement
            .first_reported
            .as_ref()
            .map(|original| original.source.url.as_str()),
        Some("https://www.sec.gov/Archives/edgar/data/1018724/000101872424000008/")
    );
    // Unchanged figures carry no restatement.
    assert!(record(&dataset, "2023Q4").restatements.is_empty());
    assert_loads(&dataset);
    // The copy on the first-reported basis loads too, and holds the first reports.
    let reported = dataset.on_basis(Basis::Reported);
    assert_eq!(record(&reported, "2022Q4").depreciation, Some(13.145));
    assert_loads(&reported);
}

#[test]
fn microsoft_asc_606_restatement_keeps_the_first_report_under_the_old_concept() {
    let microsoft = read(MICROSOFT);
    assert_eq!(microsoft.fiscal_year_end_month, 6);
    let revenue = &find(&microsoft, "FY2017").figures[&Figure::Revenue];
    // The period's concept is the preferred one present; the first report used the old one.
    assert_eq!(
        revenue.concept,
        "RevenueFromContractWithCustomerExcludingAssessedTax"
    );
    assert!(revenue.restated());
    assert_eq!(revenue.first_reported.usd_billions(), 89.95);
    assert_eq!(
        revenue.first_reported.principal().concept,
        "SalesRevenueNet"
    );
    assert_eq!(
        accessions(&revenue.first_reported),
        ["0001564590-17-014900"]
    );
    assert_eq!(revenue.latest.usd_billions(), 96.571);
    assert_eq!(accessions(&revenue.latest), ["0001564590-18-019062"]);
    assert_eq!(revenue.facts.len(), 2);
    // Same concept before and after: first report and restatement of operating income.
    let operating = &find(&microsoft, "FY2017").figures[&Figure::OperatingIncome];
    assert_eq!(
        (
            operating.first_reported.usd_billions(),
            operating.latest.usd_billions()
        ),
        (22.326, 29.025)
    );
    assert!(!find(&microsoft, "FY2018").figures[&Figure::Revenue].restated());

    let dataset = to_dataset(&microsoft, "MSFT");
    let fy2017 = record(&dataset, "FY2017");
    assert_eq!(fy2017.end_date.to_string(), "2017-06-30");
    assert_eq!(fy2017.revenue, Some(96.571));
    assert!(fy2017.restated);
    assert_eq!(
        fy2017.source.filing,
        "Form 10-K, accession 0001564590-18-019062"
    );
    // The three figures first reported in one filing: one restatement, as the bundled data has.
    assert_eq!(fy2017.restatements.len(), 1);
    let restatement = &fy2017.restatements[0];
    assert_eq!(
        restatement.figures,
        [Figure::Revenue, Figure::OperatingIncome, Figure::NetIncome]
    );
    let original = restatement.first_reported.as_ref().expect("first report");
    assert_eq!(
        original.values,
        BTreeMap::from([
            (Figure::Revenue, 89.95),
            (Figure::OperatingIncome, 22.326),
            (Figure::NetIncome, 21.204)
        ])
    );
    assert_eq!(
        original.source.filing,
        "Form 10-K, accession 0001564590-17-014900"
    );
    assert!(restatement.note.starts_with(
        "revenue: first reported 89.95 (Form 10-K, accession 0001564590-17-014900, filed \
         2017-08-02); later 96.571 (Form 10-K, accession 0001564590-18-019062, filed \
         2018-08-03). operating_income: first reported 22.326"
    ));
    assert_eq!(
        based(fy2017, Figure::NetIncome, Basis::Reported),
        (
            21.204,
            "Form 10-K, accession 0001564590-17-014900".to_owned(),
            Basis::Reported
        )
    );
    assert_loads(&dataset);

    // The bundled data holds FY2017 on both bases, its latest being the ASC 606 restatement:
    // the import agrees with it, and its first report matches the bundled one.
    let library = Library::bundled().expect("bundled data");
    let bundled = library.get("MSFT").expect("bundled");
    let report = merge(bundled, &dataset);
    let listed: Vec<(String, Figure, f64, f64)> = report
        .differences
        .iter()
        .map(|d| (d.period.to_string(), d.figure, d.existing, d.imported))
        .collect();
    assert_eq!(listed, []);
    let fy2017 = bundled
        .periods
        .iter()
        .find(|record| record.period.to_string() == "FY2017")
        .expect("FY2017");
    let reported = fy2017
        .on_basis(Figure::Revenue, flywheel_model::Basis::Reported)
        .expect("a first report");
    assert!((reported.value - 89.95).abs() < 1e-9, "{}", reported.value);
}

#[test]
fn amazon_import_cross_checks_against_the_bundled_data() {
    let library = Library::bundled().expect("bundled data");
    let bundled = library.get("AMZN").expect("Amazon is bundled");
    let imported = to_dataset(&read(AMAZON), "AMZN");
    let report = merge(bundled, &imported);
    assert!(report.added_periods.is_empty());
    assert!(report.filled.is_empty());
    // FY2015 as filed; FY2016 and FY2017 are the bundled latest (restated) basis.
    assert_eq!(report.differences.len(), 3);
    let difference = &report.differences[0];
    assert_eq!(
        (difference.period, difference.figure),
        (period("FY2015"), Figure::OperatingCashFlow)
    );
    assert_eq!((difference.existing, difference.imported), (11.92, 12.039));
    // The loaded figures, notes and segments stay.
    assert_eq!(report.merged.periods, bundled.periods);
}

#[test]
fn only_usd_amounts_count_and_values_keep_full_precision() {
    let json = r#"{"cik": 1326801, "entityName": "Meta Platforms, Inc.", "facts": {"us-gaap": {
        "RevenueFromContractWithCustomerExcludingAssessedTax": {"units": {
            "EUR": [{"start": "2024-01-01", "end": "2024-12-31", "val": 150000000000,
                     "accn": "0001326801-25-000017", "form": "10-K", "filed": "2025-01-30"}],
            "USD": [{"start": "2024-01-01", "end": "2024-12-31", "val": 164501234567,
                     "accn": "0001326801-25-000017", "form": "10-K", "filed": "2025-01-30"}]}},
        "NetIncomeLoss": {"units": {"shares": [{"start": "2024-01-01", "end": "2024-12-31",
            "val": 99, "accn": "0001326801-25-000017", "form": "10-K", "filed": "2025-01-30"}]}}
    }}}"#;
    let imported = parse_company_facts("inline.json", json.as_bytes()).expect("reads");
    assert_eq!(imported.periods.len(), 1);
    assert_eq!(
        latest(&imported, "FY2024", Figure::Revenue),
        Some(164.501_234_567)
    );
    assert_eq!(latest(&imported, "FY2024", Figure::NetIncome), None);
}

#[test]
fn share_counts_and_per_share_amounts_are_no_figures() {
    // A cover-page share count (dei), earnings per share (USD/shares) and a revenue concept
    // tagged only in shares: nothing Flywheel reads.
    let json = r#"{"cik": 1326801, "entityName": "Meta Platforms, Inc.", "facts": {
        "dei": {"EntityCommonStockSharesOutstanding": {"units": {"shares": [{"end": "2025-01-24",
            "val": 2190000000, "accn": "0001326801-25-000017", "form": "10-K",
            "filed": "2025-01-30"}]}}},
        "us-gaap": {
            "EarningsPerShareDiluted": {"units": {"USD/shares": [{"start": "2024-01-01",
                "end": "2024-12-31", "val": 23.86, "accn": "0001326801-25-000017", "form": "10-K",
                "filed": "2025-01-30"}]}},
            "Revenues": {"units": {"shares": [{"start": "2024-01-01", "end": "2024-12-31",
                "val": 5, "accn": "0001326801-25-000017", "form": "10-K",
                "filed": "2025-01-30"}]}}}}}"#;
    assert_eq!(
        error_of("shares.json", json),
        "shares.json: no revenue, income, capex, cash-flow or D&A facts in USD under us-gaap (an \
         IFRS or non-USD filer?)"
    );
}

#[test]
fn a_figure_the_file_gives_no_usd_fact_for_is_a_gap_with_its_reason() {
    // Operating income only, revenue's concept present with no units at all: every other
    // figure is empty, each with a reason naming the concepts read for it.
    let json = r#"{"cik": 1326801, "entityName": "Meta Platforms, Inc.", "facts": {"us-gaap": {
        "Revenues": {"units": {}},
        "OperatingIncomeLoss": {"units": {"USD": [{"start": "2024-01-01", "end": "2024-12-31",
            "val": 69380000000, "accn": "0001326801-25-000017", "form": "10-K",
            "filed": "2025-01-30"}]}}}}}"#;
    let imported = parse_company_facts("empty.json", json.as_bytes()).expect("reads");
    let dataset = to_dataset(&imported, "META");
    assert_loads(&dataset);
    let record = record(&dataset, "FY2024");
    assert_eq!(record.get(Figure::OperatingIncome), Some(69.38));
    let revenue = record
        .gaps
        .iter()
        .find(|gap| gap.figures == [Figure::Revenue])
        .expect("a gap for revenue");
    assert_eq!(revenue.reason, flywheel_model::GapReason::NotFound);
    assert_eq!(
        revenue.note,
        "the company facts give no USD fact for this period under us-gaap:Revenues or \
         us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax or \
         us-gaap:RevenueFromContractWithCustomerIncludingAssessedTax or us-gaap:SalesRevenueNet."
    );
    // No figure the import reads is left empty without a reason.
    for (figure, _) in flywheel_model::companyfacts::CONCEPTS {
        assert!(
            record.get(figure).is_some() || record.gaps.iter().any(|gap| gap.figures == [figure]),
            "{figure:?}"
        );
    }
}

#[test]
fn a_ticker_in_the_file_is_used() {
    let json = r#"{"cik": "0001326801", "entityName": "Meta Platforms, Inc.", "ticker": "meta",
        "facts": {"us-gaap": {"OperatingIncomeLoss": {"units": {"USD": [{"start": "2024-01-01",
        "end": "2024-12-31", "val": 69380000000, "accn": "0001326801-25-000017", "form": "10-K",
        "filed": "2025-01-30"}]}}}}}"#;
    let imported = parse_company_facts("mirror.json", json.as_bytes()).expect("reads");
    assert_eq!(imported.ticker.as_deref(), Some("META"));
    assert_eq!(imported.cik, 1_326_801);
}

fn error_of(name: &str, text: &str) -> String {
    parse_company_facts(name, text.as_bytes())
        .expect_err("rejected")
        .to_string()
}

#[test]
fn bad_input_names_the_file_and_where_the_parser_stopped() {
    assert_eq!(
        error_of("notes.json", "Dataset(company: ())"),
        "notes.json:1:1: not valid JSON: expected value; this looks like a Flywheel dataset (RON), \
         which loads as it is, without an import"
    );
    assert_eq!(
        error_of(
            "amzn.csv",
            "ticker,company_name\nAMZN,\"Amazon.com, Inc.\"\n"
        ),
        "amzn.csv:1:2: not valid JSON: expected ident; this looks like a Flywheel CSV table, which \
         loads as it is, without an import"
    );
    assert_eq!(
        error_of(
            "CIK0001326801.json",
            "<!DOCTYPE html>\n<html><body>Your Request Originated from an Undeclared Automated \
             Tool</body></html>"
        ),
        "CIK0001326801.json:1:1: not valid JSON: expected value; this looks like a web page, not \
         the data: the SEC sends one to a download that does not name its sender in a \
         User-Agent header"
    );
    assert_eq!(
        error_of("words.json", "revenue 1"),
        "words.json:1:1: not valid JSON: expected value"
    );
    assert_eq!(
        error_of("list.json", "[1, 2]"),
        "list.json:1:1: invalid type: sequence, expected SEC company facts: an object with \
         \"cik\", \"entityName\" and \"facts\""
    );
    assert_eq!(
        error_of(
            "submissions.json",
            r#"{"cik": "1326801", "name": "META PLATFORMS"}"#
        ),
        "submissions.json: not SEC company facts (no \"facts\" object); expected the JSON of \
         data.sec.gov/api/xbrl/companyfacts/CIK##########.json"
    );
    assert_eq!(
        error_of(
            "ifrs.json",
            r#"{"cik": 1, "entityName": "X", "facts": {"ifrs-full": {}}}"#
        ),
        "ifrs.json: no revenue, income, capex, cash-flow or D&A facts in USD under us-gaap (an \
         IFRS or non-USD filer?)"
    );
    let whole = std::fs::read_to_string(META).expect("fixture");
    let cut = &whole[..whole.len() / 2];
    let message = error_of("cut.json", cut);
    let lines = cut.lines().count();
    assert_eq!(
        message,
        format!(
            "cut.json:{lines}:{}: the file ends early: it looks cut short (truncated download?)",
            cut.lines().last().expect("a last line").chars().count()
        )
    );
}

#[test]
fn absurd_values_are_rejected_at_the_value() {
    let whole = std::fs::read_to_string(META).expect("fixture");
    let huge = whole.replacen("\"val\": 40589000000", "\"val\": 1e300", 1);
    let line = 1 + huge[..huge.find("1e300").expect("replaced")]
        .matches('\n')
        .count();
    let column = huge
        .lines()
        .nth(line - 1)
        .expect("line")
        .find("1e300")
        .expect("on it")
        + 5;
    assert_eq!(
        error_of("huge.json", &huge),
        format!(
            "huge.json:{line}:{column}: \
             us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax for 2024-07-01 to \
             2024-09-30 is 1e300 USD, not a plausible amount (over US$ 10 \
             trillion)"
        )
    );
    let tiny = whole.replacen("\"val\": 40589000000", "\"val\": 5e-324", 1);
    assert_eq!(
        error_of("tiny.json", &tiny),
        format!(
            "tiny.json:{line}:{}: \
             us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax for 2024-07-01 to \
             2024-09-30 is 5e-324 USD, not a plausible amount (under US$ 1,000, the smallest \
             a dataset holds)",
            column + 1
        )
    );
    let negative = whole.replacen("\"val\": 40589000000", "\"val\": -40589000000", 1);
    assert_eq!(
        error_of("negative.json", &negative),
        format!(
            "negative.json:{line}:{}: us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax \
             for 2024-07-01 to 2024-09-30 is negative (-40589000000 USD); revenue cannot be below \
             zero",
            column + 7
        )
    );
    let bad_day = whole.replacen(
        "\"end\": \"2024-09-30\", \"val\": 40589000000",
        "\"end\": \"2024-09-31\", \"val\": 40589000000",
        1,
    );
    assert_eq!(
        error_of("day.json", &bad_day),
        format!(
            "day.json:{line}:{}: us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax \
             fact: end day 31 is not in 2024-09, which has 30 days",
            column - 14
        )
    );
    // A loss may be negative.
    let loss = whole.replacen("\"val\": 17350000000", "\"val\": -17350000000", 1);
    assert!(parse_company_facts("loss.json", loss.as_bytes()).is_ok());
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let folder = std::env::temp_dir().join(format!("flywheel-facts-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp dir");
    let path = folder.join("huge.json");
    // A sparse file: its size is over the limit without writing 64 MiB.
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(MAX_COMPANY_FACTS_BYTES + 1)
        .expect("set length");
    let error = read_company_facts(&path).expect_err("too large");
    assert_eq!(
        error,
        ImportError::TooLarge {
            file: path.display().to_string(),
            size_bytes: MAX_COMPANY_FACTS_BYTES + 1,
            limit_bytes: MAX_COMPANY_FACTS_BYTES,
        }
    );
    std::fs::remove_dir_all(&folder).expect("clean up");
}

/// The Meta fixture with one filed value changed, as a later restatement of one duration only
/// would leave it.
fn meta_with(old: &str, new: &str) -> Imported {
    let whole = std::fs::read_to_string(META).expect("fixture");
    assert!(whole.contains(old));
    parse_company_facts("altered.json", whole.replacen(old, new, 1).as_bytes()).expect("reads")
}

#[test]
fn a_fourth_quarter_that_would_contradict_its_year_is_left_out_with_a_note() {
    // Q1 2024 revenue 100 M lower than the nine months it is part of.
    let altered = meta_with("\"val\": 36455000000", "\"val\": 36355000000");
    let dataset = to_dataset(&altered, "META");
    let q4 = record(&dataset, "2024Q4");
    assert_eq!(q4.revenue, None);
    assert_eq!(q4.net_income, Some(20.838));
    assert!(
        q4.notes.contains(
            &"revenue left out: the latest quarters add up to 164.400, not the year's 164.501 (a \
          later filing restated some of them)."
                .to_owned()
        )
    );
    assert_loads(&dataset);
}

#[test]
fn first_reports_that_contradict_their_year_leave_the_latest_value_on_both_bases() {
    // The Q3 2024 10-Q's nine months 100 M lower than its quarters, corrected by a later 10-Q
    // (an altered copy of the fixture, not Meta's filings): the latest quarters add up, the
    // first-reported ones would not.
    let nine_months = "{\"start\": \"2024-01-01\", \"end\": \"2024-09-30\", \"val\": \
                       116116000000, \"accn\": \"0001326801-24-000081\", \"fy\": 2024, \"fp\": \
                       \"Q3\", \"form\": \"10-Q\", \"filed\": \"2024-10-31\"},";
    let altered = nine_months.replace("116116000000", "116016000000");
    let correction = "{\"start\": \"2024-01-01\", \"end\": \"2024-09-30\", \"val\": \
                      116116000000, \"accn\": \"0001326801-25-000099\", \"fy\": 2025, \"fp\": \
                      \"Q3\", \"form\": \"10-Q\", \"filed\": \"2025-10-30\"},";
    let meta = meta_with(nine_months, &format!("{altered}\n{correction}"));
    let q4 = &find(&meta, "2024Q4").figures[&Figure::Revenue];
    assert_eq!(
        (q4.first_reported.usd_billions(), q4.latest.usd_billions()),
        (48.485, 48.385)
    );
    let dataset = to_dataset(&meta, "META");
    let q4 = record(&dataset, "2024Q4");
    assert!(q4.restatement_of(Figure::Revenue).is_none());
    assert_eq!(
        based(q4, Figure::Revenue, Basis::Reported),
        (
            48.385,
            "Form 10-K, accession 0001326801-25-000017 less Form 10-Q, accession \
             0001326801-25-000099"
                .to_owned(),
            Basis::Latest
        )
    );
    assert!(
        q4.notes.contains(
            &"revenue as first reported left out: the first-reported quarters of FY2024 add up to \
          164.600, not the year's 164.501 (the filings disagree); the latest value stands on \
          both bases."
                .to_owned()
        )
    );
    assert_loads(&dataset);
}

#[test]
fn a_concept_changed_in_the_annual_report_still_gives_q4_from_the_year_and_nine_months() {
    // The 10-K tags FY2024 D&A under another concept than the 10-Qs tagged the year to date (an
    // altered copy of the fixture: Meta's values, the concept moved).
    let whole = std::fs::read_to_string(META).expect("fixture");
    let year_fact = "{\"start\": \"2024-01-01\", \"end\": \"2024-12-31\", \"val\": 15498000000, \
                     \"accn\": \"0001326801-25-000017\", \"fy\": 2024, \"fp\": \"FY\", \"form\": \
                     \"10-K\", \"filed\": \"2025-01-30\", \"frame\": \"CY2024\"}";
    let in_list = format!(",\n            {year_fact}");
    assert!(whole.contains(&in_list));
    let moved = whole.replacen(&in_list, "", 1).replacen(
        "\"DepreciationDepletionAndAmortization\": {",
        &format!(
            "\"DepreciationAndAmortization\": {{\"units\": {{\"USD\": [{year_fact}]}}}},\n      \
             \"DepreciationDepletionAndAmortization\": {{"
        ),
        1,
    );
    let meta = parse_company_facts("moved.json", moved.as_bytes()).expect("reads");
    let year = &find(&meta, "FY2024").figures[&Figure::Depreciation];
    assert_eq!(year.concept, "DepreciationAndAmortization");
    assert_eq!(year.latest.usd_billions(), 15.498);
    let q4 = &find(&meta, "2024Q4").figures[&Figure::Depreciation];
    assert_eq!(q4.latest.usd_billions(), 4.46);
    assert_eq!(
        accessions(&q4.latest),
        ["0001326801-25-000017", "0001326801-24-000081"]
    );
    let concepts: Vec<&str> = q4.facts.iter().map(|fact| fact.concept).collect();
    assert_eq!(
        concepts,
        [
            "DepreciationDepletionAndAmortization",
            "DepreciationAndAmortization"
        ]
    );
    assert_eq!(latest(&meta, "2024Q3", Figure::Depreciation), Some(4.027));
    assert_loads(&to_dataset(&meta, "META"));
}

/// One fact as company facts write it: period, US$ millions, accession, form, filing date.
type FactRow<'a> = (&'a str, &'a str, u64, &'a str, &'a str, &'a str);

/// A company-facts file of Amazon.com (CIK 1018724) holding `concepts`, each with its USD facts.
fn amazon_facts(concepts: &[(&str, &[FactRow<'_>])]) -> String {
    let concepts: Vec<String> = concepts
        .iter()
        .map(|(concept, rows)| {
            let facts: Vec<String> = rows
                .iter()
                .map(|(start, end, millions, accession, form, filed)| {
                    format!(
                        "{{\"start\": \"{start}\", \"end\": \"{end}\", \"val\": {millions}000000, \
                         \"accn\": \"{accession}\", \"form\": \"{form}\", \"filed\": \"{filed}\"}}"
                    )
                })
                .collect();
            format!(
                "\"{concept}\": {{\"units\": {{\"USD\": [{}]}}}}",
                facts.join(", ")
            )
        })
        .collect();
    format!(
        "{{\"cik\": 1018724, \"entityName\": \"AMAZON.COM, INC.\", \"facts\": {{\"dei\": {{}}, \
         \"us-gaap\": {{{}}}}}}}",
        concepts.join(", ")
    )
}

/// Amazon's 2024 filings: the three 10-Qs and the 10-K (accession, form, filing date).
const AMAZON_2024: [(&str, &str, &str); 4] = [
    ("0001018724-24-000083", "10-Q", "2024-05-01"),
    ("0001018724-24-000130", "10-Q", "2024-08-02"),
    ("0001018724-24-000161", "10-Q", "2024-11-01"),
    ("0001018724-25-000004", "10-K", "2025-02-07"),
];

/// Year-to-date facts of 2024 (three, six, nine and twelve months), each in its filing.
fn year_to_date(millions: [u64; 4]) -> Vec<FactRow<'static>> {
    let ends = ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"];
    (0..4)
        .map(|index| {
            let (accession, form, filed) = AMAZON_2024[index];
            (
                "2024-01-01",
                ends[index],
                millions[index],
                accession,
                form,
                filed,
            )
        })
        .collect()
}

#[test]
fn cash_flow_quarters_and_q4_come_from_year_to_date_facts_under_either_capex_concept() {
    // Amazon 2024, purchases of property and equipment 14,925 / 17,620 / 22,620 / 27,834 and
    // operating cash flow 18,989 / 25,281 / 25,971 / 45,636 by quarter (data/amzn.ron), filed
    // here only as years to date, capex under the productive-assets concept.
    let capex = year_to_date([14_925, 32_545, 55_165, 82_999]);
    let cash = year_to_date([18_989, 44_270, 70_241, 115_877]);
    let json = amazon_facts(&[
        ("PaymentsToAcquireProductiveAssets", &capex),
        ("NetCashProvidedByUsedInOperatingActivities", &cash),
    ]);
    let imported = parse_company_facts("amazon-2024.json", json.as_bytes()).expect("reads");
    let quarters = ["2024Q1", "2024Q2", "2024Q3", "2024Q4"];
    let values = |figure| -> Vec<Option<f64>> {
        quarters
            .iter()
            .map(|label| latest(&imported, label, figure))
            .collect()
    };
    assert_eq!(
        values(Figure::Capex),
        [Some(14.925), Some(17.62), Some(22.62), Some(27.834)]
    );
    assert_eq!(
        values(Figure::OperatingCashFlow),
        [Some(18.989), Some(25.281), Some(25.971), Some(45.636)]
    );
    let q4 = &find(&imported, "2024Q4").figures[&Figure::Capex];
    assert_eq!(q4.concept, "PaymentsToAcquireProductiveAssets");
    assert_eq!(
        accessions(&q4.latest),
        ["0001018724-25-000004", "0001018724-24-000161"]
    );
    // Four quarters and their year: the dataset's checks add them up.
    let dataset = to_dataset(&imported, "AMZN");
    assert_eq!(record(&dataset, "FY2024").capex, Some(82.999));
    assert_loads(&dataset);
}

#[test]
fn the_same_fact_twice_and_an_amended_report_give_one_value_per_basis() {
    // An altered copy of the Meta fixture: the Q3 2024 10-Q files its revenue twice, and a
    // 10-K/A changes FY2024 revenue by 10 M.
    let q3_fact = "{\"start\": \"2024-07-01\", \"end\": \"2024-09-30\", \"val\": 40589000000, \
                   \"accn\": \"0001326801-24-000081\", \"fy\": 2024, \"fp\": \"Q3\", \"form\": \
                   \"10-Q\", \"filed\": \"2024-10-31\", \"frame\": \"CY2024Q3\"},";
    let amended = "{\"start\": \"2024-01-01\", \"end\": \"2024-12-31\", \"val\": 164511000000, \
                   \"accn\": \"0001326801-25-000099\", \"fy\": 2024, \"fp\": \"FY\", \"form\": \
                   \"10-K/A\", \"filed\": \"2025-04-30\"},";
    let meta = meta_with(q3_fact, &format!("{q3_fact}\n{q3_fact}\n{amended}"));
    let q3 = &find(&meta, "2024Q3").figures[&Figure::Revenue];
    assert_eq!(q3.facts.len(), 2);
    assert!(!q3.restated());
    let dataset = to_dataset(&meta, "META");
    assert!(record(&dataset, "2024Q3").restatements.is_empty());
    let year = record(&dataset, "FY2024");
    assert_bases(
        year,
        Figure::Revenue,
        (164.501, "Form 10-K, accession 0001326801-25-000017"),
        (164.511, "Form 10-K/A, accession 0001326801-25-000099"),
    );
    // Q4 follows the amended year on the latest basis and the original on the first report.
    let q4 = record(&dataset, "2024Q4");
    assert_eq!(
        (
            based(q4, Figure::Revenue, Basis::Reported).0,
            based(q4, Figure::Revenue, Basis::Latest).0
        ),
        (48.385, 48.395)
    );
    assert_loads(&dataset);
}

#[test]
fn facts_of_no_fiscal_period_are_skipped_and_counted() {
    // A two-month and a four-month duration (e.g. a transition period) fit no fiscal quarter.
    let rows: [FactRow<'_>; 3] = [
        (
            "2024-01-01",
            "2024-12-31",
            82_999,
            "0001018724-25-000004",
            "10-K",
            "2025-02-07",
        ),
        (
            "2024-08-01",
            "2024-09-30",
            15_000,
            "0001018724-24-000161",
            "10-Q",
            "2024-11-01",
        ),
        (
            "2024-01-01",
            "2024-04-30",
            19_000,
            "0001018724-24-000161",
            "10-Q",
            "2024-11-01",
        ),
    ];
    let json = amazon_facts(&[("PaymentsToAcquirePropertyPlantAndEquipment", &rows)]);
    let imported = parse_company_facts("skips.json", json.as_bytes()).expect("reads");
    assert_eq!(
        imported.skipped,
        [
            "2 us-gaap:PaymentsToAcquirePropertyPlantAndEquipment fact(s) skipped: their periods \
             are not a fiscal quarter, year to date or year"
        ]
    );
    let labels: Vec<String> = imported
        .periods
        .iter()
        .map(|period| period.period.to_string())
        .collect();
    assert_eq!(labels, ["FY2024"]);
}

#[test]
fn a_year_restated_after_its_nine_months_says_that_q4_carries_the_change() {
    // An altered copy of the Meta fixture: a later 10-K gives FY2024 revenue 100 M higher, and
    // no later 10-Q gives the nine months again.
    let year = "{\"start\": \"2024-01-01\", \"end\": \"2024-12-31\", \"val\": 164501000000, \
                \"accn\": \"0001326801-25-000017\", \"fy\": 2024, \"fp\": \"FY\", \"form\": \
                \"10-K\", \"filed\": \"2025-01-30\", \"frame\": \"CY2024\"}";
    let later = year
        .replace("164501000000", "164601000000")
        .replace("0001326801-25-000017", "0001326801-26-000010")
        .replace("2025-01-30", "2026-01-29");
    let meta = meta_with(year, &format!("{year},\n{later}"));
    let dataset = to_dataset(&meta, "META");
    let q4 = record(&dataset, "2024Q4");
    assert_bases(
        q4,
        Figure::Revenue,
        (
            48.385,
            "Form 10-K, accession 0001326801-25-000017 less Form 10-Q, accession \
             0001326801-24-000081",
        ),
        (
            48.485,
            "Form 10-K, accession 0001326801-26-000010 less Form 10-Q, accession \
             0001326801-24-000081",
        ),
    );
    assert!(
        q4.notes.contains(
            &"revenue: Form 10-K, accession 0001326801-26-000010 changed the 12 months to \
              2024-12-31 but no later filing gave the 9 months to 2024-09-30 again, so the \
              latest value of this quarter carries the whole change (+0.1)."
                .to_owned()
        ),
        "{:?}",
        q4.notes
    );
    assert_loads(&dataset);
}

#[test]
fn a_derived_quarter_below_zero_is_left_out_with_a_note() {
    // Nine months of D&A larger than the year.
    let altered = meta_with("\"val\": 11038000000", "\"val\": 16000000000");
    let dataset = to_dataset(&altered, "META");
    let q4 = record(&dataset, "2024Q4");
    assert_eq!(q4.depreciation, None);
    assert!(
        q4.notes.contains(
            &"depreciation left out: 12 months to 2024-12-31 (Form 10-K, accession \
          0001326801-25-000017, filed 2025-01-30) − 9 months to 2024-09-30 (Form 10-Q, \
          accession 0001326801-24-000081, filed 2024-10-31) is -0.502, below zero (the filings \
          disagree)."
                .to_owned()
        )
    );
    assert_loads(&dataset);
}

#[test]
fn an_empty_file_and_a_byte_order_mark_are_told_apart() {
    assert_eq!(
        error_of("empty.json", " \n"),
        "empty.json: not SEC company facts (the file is empty); expected the JSON of \
         data.sec.gov/api/xbrl/companyfacts/CIK##########.json"
    );
    let whole = std::fs::read_to_string(META).expect("fixture");
    let marked = format!("\u{feff}{whole}");
    let imported = parse_company_facts("bom.json", marked.as_bytes()).expect("reads");
    assert_eq!(imported.periods.len(), 8);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever is cut off or overwritten, the import answers with data or an error: no panic.
    #[test]
    fn damaged_files_never_panic(cut in 0.0..=1.0_f64, at in 0.0..1.0_f64, byte in 0_u8..=255) {
        let mut bytes = std::fs::read(META).expect("fixture");
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a fraction of the length"
        )]
        let (keep, overwrite) = (
            (cut * bytes.len() as f64) as usize,
            (at * bytes.len() as f64) as usize,
        );
        bytes[overwrite] = byte;
        bytes.truncate(keep);
        if let Ok(imported) = parse_company_facts("damaged.json", &bytes) {
            let dataset = to_dataset(&imported, "META");
            proptest::prop_assert!(dataset.periods.len() <= 8);
        }
    }
}
