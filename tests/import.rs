//! `flywheel import`, run as a user would: SEC company facts to a dataset and back through
//! `check` and `table`, the cross-check, and bad input. Fixtures and their filings are described
//! in `model/tests/fixtures/companyfacts/README.md` (Meta 2023–2024, Amazon FY2015–FY2018).

// A broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use std::process::Output;

use common::{flywheel, temp_dir};

const META: &str = "model/tests/fixtures/companyfacts/CIK0001326801.json";
const AMAZON: &str = "model/tests/fixtures/companyfacts/CIK0001018724.json";

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8 output")
}

fn path_text(path: &std::path::Path) -> String {
    path.to_str().expect("utf-8 path").to_owned()
}

/// `flywheel table` of one company's metric on a basis, as CSV or with `--explain`.
fn table(
    data: &str,
    company: &str,
    metric: &str,
    period: &str,
    basis: &str,
    format: &str,
) -> Output {
    flywheel(&[
        "table",
        "--data",
        data,
        "--company",
        company,
        "--metric",
        metric,
        "--period",
        period,
        "--basis",
        basis,
        format,
    ])
}

/// `flywheel table` of the imported Meta revenue by quarter, as CSV or with `--explain`.
fn meta_revenue_quarters(data: &str, format: &str) -> Output {
    table(data, "META", "revenue", "quarterly", "latest", format)
}

/// Imports `fixture` as `ticker` into a fresh folder named `folder`: the dataset's path.
fn imported(folder: &str, fixture: &str, ticker: &str) -> String {
    let out = path_text(&temp_dir(folder).join(format!("{}.ron", ticker.to_lowercase())));
    let output = flywheel(&["import", fixture, "--ticker", ticker, "--out", &out]);
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

#[test]
fn meta_round_trip_import_check_and_table_give_every_quarter_with_its_filing() {
    let folder = temp_dir("import-meta");
    let out = path_text(&folder.join("meta.ron"));
    let output = flywheel(&["import", META, "--ticker", "META", "--out", &out]);
    assert_eq!(stderr(&output), "");
    assert_eq!(
        stdout(&output),
        "META (Meta Platforms, Inc.): 2 fiscal year(s) and 6 quarter(s), FY2023 to 2024Q4; \
         fiscal year ends in month 12.\n"
    );
    assert!(output.status.success());
    // No temporary file is left beside the output.
    let names: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["meta.ron"]);

    let check = flywheel(&["check", &out]);
    // Segments are not in company facts: every period's two cloud figures are gaps.
    assert_eq!(
        stdout(&check),
        format!("ok {out} (dataset META, 8 periods, 40 gaps, 0 secondary figures)\n")
    );
    assert!(check.status.success());

    // Every quarter, Q4 included, as filed (US$ millions ÷ 1000), the same on both bases since
    // no filing changed a value.
    let filed = rows(&[
        ("2023Q3", 34.146),
        ("2023Q4", 40.111),
        ("2024Q1", 36.455),
        ("2024Q2", 39.071),
        ("2024Q3", 40.589),
        ("2024Q4", 48.385),
    ]);
    for basis in ["reported", "latest"] {
        let table = table(&out, "META", "revenue", "quarterly", basis, "--csv");
        assert_eq!(csv_rows(&table), filed, "{basis}");
    }

    let explain = meta_revenue_quarters(&out, "--explain");
    let explained = stdout(&explain);
    for line in [
        "Revenue 2024Q1 = 36.455 US$ B — Form 10-Q, accession 0001326801-24-000049, filed \
         2024-04-25",
        "Revenue 2024Q2 = 39.071 US$ B — Form 10-Q, accession 0001326801-24-000069, filed \
         2024-08-01",
        "Revenue 2024Q3 = 40.589 US$ B — Form 10-Q, accession 0001326801-24-000081, filed \
         2024-10-31",
        "Revenue 2024Q4 = 48.385 US$ B — Form 10-K, accession 0001326801-25-000017 less Form \
         10-Q, accession 0001326801-24-000081, filed 2025-01-30",
    ] {
        assert!(explained.contains(line), "{line} not in:\n{explained}");
    }
}

/// `flywheel table … --csv` as (period, value) rows; a missing value is `None`.
fn csv_rows(output: &Output) -> Vec<(String, Option<f64>)> {
    assert!(output.status.success(), "{}", stderr(output));
    let text = stdout(output);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("company,period,value"));
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (
                cells[1].to_owned(),
                cells[2].parse().ok().filter(|_| !cells[2].is_empty()),
            )
        })
        .collect()
}

fn rows(expected: &[(&str, f64)]) -> Vec<(String, Option<f64>)> {
    expected
        .iter()
        .map(|(period, value)| ((*period).to_owned(), Some(*value)))
        .collect()
}

#[test]
fn a_restated_quarter_and_year_give_both_values_on_both_bases() {
    let out = imported("import-restated", AMAZON, "AMZN");
    let check = flywheel(&["check", &out]);
    assert_eq!(
        stdout(&check),
        format!("ok {out} (dataset AMZN, 11 periods, 84 gaps, 0 secondary figures)\n")
    );
    assert!(check.status.success());
    let table = |period: &str, basis: &str, format: &str| {
        table(&out, "AMZN", "depreciation", period, basis, format)
    };
    // Q3 2022 was recast in the Q3 2023 10-Q; Q4 2022 is the year less nine months, on each
    // basis from that basis's filings; 2023 was never restated.
    assert_eq!(
        csv_rows(&table("quarterly", "reported", "--csv")),
        rows(&[
            ("2022Q3", 10.204),
            ("2022Q4", 13.145),
            ("2023Q3", 12.131),
            ("2023Q4", 13.82)
        ])
    );
    assert_eq!(
        csv_rows(&table("quarterly", "latest", "--csv")),
        rows(&[
            ("2022Q3", 10.327),
            ("2022Q4", 12.685),
            ("2023Q3", 12.131),
            ("2023Q4", 13.82)
        ])
    );
    // FY2021 was recast in the FY2023 10-K; the older years have no D&A in the file.
    let annual = |basis| {
        csv_rows(&table("annual", basis, "--csv"))
            .into_iter()
            .filter(|(_, value)| value.is_some())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        annual("reported"),
        rows(&[("FY2021", 34.296), ("FY2022", 41.921), ("FY2023", 48.663)])
    );
    assert_eq!(
        annual("latest"),
        rows(&[("FY2021", 34.433), ("FY2022", 41.921), ("FY2023", 48.663)])
    );
    // --explain names the accession numbers behind each value, on each basis.
    let reported = stdout(&table("quarterly", "reported", "--explain"));
    for line in [
        "Depreciation & amortization 2022Q3 = 10.204 US$ B — Form 10-Q, accession \
         0001018724-22-000023, filed 2022-10-28 [filing; as first reported, before the change \
         in a later filing]",
        "Depreciation & amortization 2022Q4 = 13.145 US$ B — Form 10-K, accession \
         0001018724-24-000008 less Form 10-Q, accession 0001018724-22-000023, filed 2024-02-02 \
         [filing; as first reported, before the change in a later filing]",
    ] {
        assert!(reported.contains(line), "{line} not in:\n{reported}");
    }
    let latest = stdout(&table("quarterly", "latest", "--explain"));
    for line in [
        "Depreciation & amortization 2022Q3 = 10.327 US$ B — Form 10-Q, accession \
         0001018724-23-000018, filed 2023-10-27, restated [filing; restated: change in a later \
         filing]",
        "Depreciation & amortization 2022Q4 = 12.685 US$ B — Form 10-K, accession \
         0001018724-24-000008 less Form 10-Q, accession 0001018724-23-000018, filed 2024-02-02, \
         restated [filing; restated: change in a later filing]",
        "Depreciation & amortization 2023Q3 = 12.131 US$ B — Form 10-Q, accession \
         0001018724-23-000018, filed 2023-10-27 [filing]",
    ] {
        assert!(latest.contains(line), "{line} not in:\n{latest}");
    }
    let annual_reported = stdout(&table("annual", "reported", "--explain"));
    assert!(annual_reported.contains(
        "Depreciation & amortization FY2021 = 34.296 US$ B — Form 10-K, accession \
         0001018724-22-000005, filed 2022-02-04 [filing; as first reported, before the change in \
         a later filing]"
    ));
    // The written RON holds the first report as a restatement with its reason.
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.contains("reason: LaterFiling,"));
}

#[test]
fn facts_of_no_fiscal_period_are_counted_in_the_summary() {
    // The Meta fixture with a two-month revenue fact added, as no fiscal period can hold.
    let whole = std::fs::read_to_string(META).expect("fixture");
    let concept = "\"RevenueFromContractWithCustomerExcludingAssessedTax\": {";
    let anchor = "\"USD\": [\n";
    let at = whole.find(concept).expect("revenue concept") + concept.len();
    let at = at + whole[at..].find(anchor).expect("its USD facts") + anchor.len();
    let extra = "{\"start\": \"2024-08-01\", \"end\": \"2024-09-30\", \"val\": 27000000000, \
                 \"accn\": \"0001326801-24-000081\", \"form\": \"10-Q\", \
                 \"filed\": \"2024-10-31\"},\n";
    let folder = temp_dir("import-skipped");
    let input = folder.join("skipped.json");
    std::fs::write(&input, format!("{}{extra}{}", &whole[..at], &whole[at..])).expect("write");
    let out = path_text(&folder.join("meta.ron"));
    let output = flywheel(&[
        "import",
        &path_text(&input),
        "--ticker",
        "META",
        "--out",
        &out,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "META (Meta Platforms, Inc.): 2 fiscal year(s) and 6 quarter(s), FY2023 to 2024Q4; \
         fiscal year ends in month 12.\n1 \
         us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax fact(s) skipped: their \
         periods are not a fiscal quarter, year to date or year\n"
    );
}

#[test]
fn without_out_the_dataset_goes_to_standard_output() {
    let output = flywheel(&["import", META, "--ticker", "meta"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with(
        "#![enable(implicit_some)]\n// Meta Platforms, Inc. (CIK 1326801), imported by \
         `flywheel import` from SEC company facts"
    ));
    assert!(text.contains("ticker: \"META\""));
    assert!(text.contains(
        "filing: \"Form 10-Q, accession 0001326801-24-000081\",\n                filed: \
         \"2024-10-31\",\n                url: \
         \"https://www.sec.gov/Archives/edgar/data/1326801/000132680124000081/\","
    ));
    assert!(stderr(&output).starts_with("META (Meta Platforms, Inc.): 2 fiscal year(s)"));
}

#[test]
fn without_a_ticker_it_says_so_and_exits_2() {
    let folder = temp_dir("import-no-ticker");
    let out = folder.join("meta.ron");
    let output = flywheel(&["import", META, "--out", &path_text(&out)]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        format!(
            "{META}: company facts name the company (\"Meta Platforms, Inc.\", CIK 1326801) but \
             not its ticker; give it with --ticker TICKER\n"
        )
    );
    assert!(!out.exists());
}

#[test]
fn a_ticker_that_no_dataset_could_hold_exits_2() {
    let output = flywheel(&["import", META, "--ticker", "BRK B"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "ticker \"BRK B\" must be 1 to 10 capital letters, digits or dots (BRK.B)\n"
    );
}

#[test]
fn amazon_import_prints_the_cross_check_against_the_bundled_data() {
    let folder = temp_dir("import-amazon");
    let out = path_text(&folder.join("amzn.ron"));
    let output = flywheel(&["import", AMAZON, "--ticker", "AMZN", "--out", &out]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "AMZN (AMAZON.COM, INC.): 7 fiscal year(s) and 4 quarter(s), FY2015 to 2023Q4; fiscal \
         year ends in month 12.\nCross-check of AMZN: 0 period(s) added, 0 empty figure(s) \
         filled, 3 figure(s) differ by more than US$ 1 M (loaded value kept):\n  FY2015 \
         operating_cash_flow: loaded 11.920 (Form 10-K for fiscal year 2015), imported 12.039 \
         (Form 10-K, accession 0001018724-18-000005), difference +0.119 US$ B\n  FY2016 \
         operating_cash_flow: loaded 17.203 (solutioninn.com question reproducing the FY2018 \
         10-K Consolidated Statements of Cash Flows (Years 2016-2018)), imported 16.443 (Form \
         10-K, accession 0001018724-17-000011), difference -0.760 US$ B\n  FY2017 \
         operating_cash_flow: loaded 18.365 (solutioninn.com question reproducing the FY2018 \
         10-K Consolidated Statements of Cash Flows (Years 2016-2018)), imported 18.434 (Form \
         10-K, accession 0001018724-18-000005), difference +0.069 US$ B\n"
    );
    // With --merge, the bundled dataset is written back with its hand-entered figures intact.
    let merged = path_text(&folder.join("merged.ron"));
    let output = flywheel(&[
        "import", AMAZON, "--ticker", "AMZN", "--merge", "--out", &merged,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let check = flywheel(&["check", &merged]);
    assert_eq!(
        stdout(&check),
        format!(
            "ok {merged} (dataset AMZN, 29 periods, 10 gaps (4 never disclosed), 19 \
             secondary figures)\n"
        )
    );
    let segments = flywheel(&[
        "table",
        "--data",
        &merged,
        "--company",
        "AMZN",
        "--metric",
        "cloud_revenue",
        "--csv",
    ]);
    assert!(stdout(&segments).contains("AMZN,FY2024,107.556"));
}

#[test]
fn a_given_dataset_is_cross_checked_instead_of_the_bundled_one() {
    let folder = temp_dir("import-data");
    let first = path_text(&folder.join("meta.ron"));
    let output = flywheel(&["import", META, "--ticker", "META", "--out", &first]);
    assert!(output.status.success());
    let again = path_text(&folder.join("again.ron"));
    let output = flywheel(&[
        "import", META, "--ticker", "META", "--data", &first, "--out", &again,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).ends_with(
        "Cross-check of META: 0 period(s) added, 0 empty figure(s) filled, 0 figure(s) differ \
         by more than US$ 1 M.\n"
    ));
    let output = flywheel(&[
        "import",
        META,
        "--ticker",
        "META",
        "--data",
        "data/amzn.ron",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "data/amzn.ron: no dataset for META to cross-check against\n"
    );
}

#[test]
fn bad_files_exit_1_with_their_name_and_leave_the_output_untouched() {
    let folder = temp_dir("import-bad");
    let out = folder.join("out.ron");
    std::fs::write(&out, "kept").expect("write the earlier output");
    let out_text = path_text(&out);
    let not_json = folder.join("notes.json");
    std::fs::write(&not_json, "Dataset(company: ())").expect("write");
    let submissions = folder.join("submissions.json");
    std::fs::write(
        &submissions,
        r#"{"cik": "1326801", "name": "META PLATFORMS"}"#,
    )
    .expect("write");
    let whole = std::fs::read_to_string(META).expect("fixture");
    let truncated = folder.join("truncated.json");
    std::fs::write(&truncated, &whole[..200]).expect("write");
    let absurd = folder.join("absurd.json");
    std::fs::write(&absurd, whole.replacen("40589000000", "1e300", 1)).expect("write");

    let cases = [
        (
            not_json,
            "notes.json:1:1: not valid JSON: expected value; this looks like a Flywheel dataset \
             (RON), which loads as it is, without an import"
                .to_owned(),
        ),
        (
            submissions,
            "submissions.json: not SEC company facts (no \"facts\" object); expected the JSON of \
             data.sec.gov/api/xbrl/companyfacts/CIK##########.json"
                .to_owned(),
        ),
        (
            truncated,
            format!(
                "truncated.json:{}:{}: the file ends early: it looks cut short (truncated \
                 download?)",
                whole[..200].lines().count(),
                whole[..200].lines().last().expect("line").chars().count()
            ),
        ),
        (
            absurd,
            "absurd.json:120:69: us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax for \
             2024-07-01 to 2024-09-30 is 1e300 USD, not a plausible amount (over US$ 10 \
             trillion)"
                .to_owned(),
        ),
    ];
    for (input, message) in cases {
        let input = path_text(&input);
        let output = flywheel(&["import", &input, "--ticker", "META", "--out", &out_text]);
        assert_eq!(output.status.code(), Some(1), "{input}");
        assert_eq!(stdout(&output), "", "{input}");
        let folder_prefix = format!("{}/", path_text(&folder));
        assert_eq!(
            stderr(&output).replace(&folder_prefix, ""),
            format!("{message}\n")
        );
        assert_eq!(std::fs::read_to_string(&out).expect("still there"), "kept");
        // Without --out the dataset would go to standard output: nothing goes there either.
        let output = flywheel(&["import", &input, "--ticker", "META"]);
        assert_eq!(output.status.code(), Some(1), "{input}");
        assert_eq!(stdout(&output), "", "{input}");
        assert_eq!(
            stderr(&output).replace(&folder_prefix, ""),
            format!("{message}\n")
        );
    }
}

#[test]
fn check_tells_company_facts_apart_and_names_a_json_file_that_is_not() {
    let folder = temp_dir("check-json");
    let not_facts = folder.join("notfacts.json");
    std::fs::write(&not_facts, r#"{"not": "facts"}"#).expect("fixture written");
    let not_facts = path_text(&not_facts);
    let output = flywheel(&["check", META, &not_facts]);
    assert_eq!(
        stdout(&output),
        format!(
            "ok {META} (SEC company facts of Meta Platforms, Inc. (CIK 1326801), 8 periods; \
             `flywheel import` makes a dataset of them)\n\
             {not_facts}: not SEC company facts (no \"facts\" object); expected the JSON of \
             data.sec.gov/api/xbrl/companyfacts/CIK##########.json\n"
        )
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn an_out_that_is_not_ron_is_refused_before_reading() {
    let folder = temp_dir("import-not-ron");
    for name in ["meta.json", "meta"] {
        let out = folder.join(name);
        let output = flywheel(&[
            "import",
            META,
            "--ticker",
            "META",
            "--out",
            &path_text(&out),
        ]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert_eq!(
            stderr(&output),
            format!(
                "flywheel import: --out {} must end in .ron: the import writes a dataset in RON\n",
                out.display()
            )
        );
        assert!(!out.exists(), "{name}");
    }
}
