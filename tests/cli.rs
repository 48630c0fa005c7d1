//! The `flywheel` command line, run as a user would run it.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use std::process::Output;

use common::{flywheel, temp_dir};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

#[test]
fn check_accepts_every_bundled_file() {
    let output = flywheel(&[
        "check",
        "data/amzn.ron",
        "data/deck.ron",
        "data/googl.ron",
        "data/msft.ron",
    ]);
    assert_eq!(
        stdout(&output),
        "ok data/amzn.ron (dataset AMZN, 29 periods, 10 gaps (4 never disclosed), 19 secondary \
         figures)\n\
         ok data/deck.ron (deck \"The AI capex race\", 7 slides, 2 notes)\n\
         ok data/googl.ron (dataset GOOGL, 29 periods, 6 gaps (5 never disclosed), 47 secondary \
         figures)\n\
         ok data/msft.ron (dataset MSFT, 32 periods, 7 gaps (1 never disclosed), 27 secondary \
         figures)\n"
    );
    assert!(output.status.success());
}

#[test]
fn check_reports_errors_with_file_line_and_column_and_fails() {
    let output = flywheel(&["check", "data/amzn.ron", "tests/malformed/nan_value.ron"]);
    assert_eq!(
        stdout(&output),
        "ok data/amzn.ron (dataset AMZN, 29 periods, 10 gaps (4 never disclosed), 19 secondary \
         figures)\n\
         tests/malformed/nan_value.ron:30:31: operating_income in FY2024 is NaN, not a finite \
         number\n"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn capex_csv_lists_every_company_from_fy2015_to_the_latest_year() {
    let output = flywheel(&["table", "--metric", "capex", "--csv"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("company,period,value"));
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split(',').collect()).collect();
    for ticker in ["AMZN", "GOOGL", "MSFT"] {
        let years: Vec<&Vec<&str>> = rows.iter().filter(|row| row[0] == ticker).collect();
        assert_eq!(
            years.first().map(|row| row[1]),
            Some("FY2015"),
            "{ticker} starts in FY2015"
        );
        assert!(years.len() >= 11, "{ticker} has {} years", years.len());
        // Documented gaps (model/tests/real_data.rs CAPEX_GAPS) would stay empty; there are none.
        for row in &years {
            let value: f64 = row[2]
                .parse()
                .unwrap_or_else(|_| panic!("{ticker} {} has capex", row[1]));
            assert!(value > 0.0);
            // Full precision: the filings' US$ 1 million is three decimals in US$ B.
            assert_eq!(row[2].split('.').nth(1).map(str::len), Some(3));
        }
    }
    // Microsoft FY2026 (year ended June 2026): additions to property and equipment, 115,948 million.
    assert!(text.contains("\nMSFT,FY2026,115.948\n"));
    // Amazon FY2024: gross purchases of property and equipment, 82,999 million (10-K).
    assert!(text.contains("\nAMZN,FY2024,82.999\n"));
}

#[test]
fn ratios_print_in_percent_and_gaps_as_empty_cells() {
    let output = flywheel(&[
        "table",
        "--metric",
        "cloud_margin",
        "--company",
        "GOOGL",
        "--csv",
    ]);
    let text = stdout(&output);
    // Alphabet did not disclose Google Cloud before 2017: an empty cell, never 0.
    assert!(text.contains("\nGOOGL,FY2015,\n"), "{text}");
    let output = flywheel(&[
        "table",
        "--metric",
        "operating_margin",
        "--company",
        "AMZN",
        "--csv",
    ]);
    // 68,593 / 637,959 = 10.75%.
    assert!(stdout(&output).contains("\nAMZN,FY2024,10.7519\n"));
}

#[test]
fn calendar_alignment_relabels_and_states_its_method() {
    let output = flywheel(&["table", "--metric", "revenue", "--calendar"]);
    let text = stdout(&output);
    assert!(text.contains("CY2024"), "{text}");
    assert!(text.contains("MSFT's fiscal year ends in June"), "{text}");
    let output = flywheel(&[
        "table",
        "--metric",
        "revenue",
        "--calendar",
        "--csv",
        "--company",
        "AMZN",
    ]);
    assert!(stdout(&output).contains("\nAMZN,CY2024,637.959\n"));
}

#[test]
fn explain_names_the_formula_and_the_filings() {
    let output = flywheel(&[
        "table",
        "--metric",
        "free_cash_flow",
        "--company",
        "AMZN",
        "--explain",
    ]);
    let text = stdout(&output);
    assert!(text.contains("Free cash flow FY2024: $32.9B"), "{text}");
    assert!(text.contains("Formula: operating cash flow − capex"));
    assert!(text.contains(
        "Operating cash flow FY2024 = 115.877 US$ B — Form 10-K for fiscal year 2024, \
         filed 2025-02-07"
    ));
}

#[test]
fn unknown_company_and_metric_are_clear_errors() {
    let output = flywheel(&["table", "--metric", "capex", "--company", "AAPL"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("no data for company AAPL; loaded: AMZN, GOOGL, MSFT")
    );
    let output = flywheel(&["table", "--metric", "ebitda_margin"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("unknown metric; choose one of: revenue")
    );
}

#[test]
fn extra_data_replaces_a_company_and_bad_data_fails_cleanly() {
    let output = flywheel(&[
        "table",
        "--metric",
        "revenue",
        "--csv",
        "--company",
        "AMZN",
        "--data",
        "tests/malformed/valid.csv",
    ]);
    assert_eq!(
        stdout(&output),
        "company,period,value\nAMZN,FY2023,574.785\nAMZN,FY2024,637.959\n"
    );
    let output = flywheel(&[
        "table",
        "--metric",
        "revenue",
        "--data",
        "tests/malformed/wrong_unit.ron",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("wrong_unit.ron:8:15: unit is UsdMillions")
    );
}

#[test]
fn project_prints_every_company_to_2030_as_csv() {
    let output = flywheel(&["project", "--csv"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("company,year,metric,value"));
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split(',').collect()).collect();
    for ticker in ["AMZN", "GOOGL", "MSFT"] {
        let years: std::collections::BTreeSet<&str> = rows
            .iter()
            .filter(|row| row[0] == ticker)
            .map(|row| row[1])
            .collect();
        assert_eq!(years.last(), Some(&"2030"), "{ticker}");
        // Each company projects from its latest reported fiscal year: Amazon and Alphabet from
        // FY2025, Microsoft (whose year ends in June) from FY2026.
        let expected = if ticker == "MSFT" { 4 } else { 5 };
        assert_eq!(
            years.len(),
            expected,
            "{ticker} projects to FY2030 from its latest reported year"
        );
    }
    // Amazon's first projected capex is its own guidance: about $200B for 2026.
    assert!(text.contains("\nAMZN,2026,capex,200.000\n"), "{text}");
    // FCF = OCF − capex on every row.
    let value = |ticker: &str, year: &str, metric: &str| -> f64 {
        rows.iter()
            .find(|row| row[0] == ticker && row[1] == year && row[2] == metric)
            .and_then(|row| row[3].parse().ok())
            .expect("row exists")
    };
    let fcf = value("GOOGL", "2028", "free_cash_flow");
    let ocf = value("GOOGL", "2028", "operating_cash_flow");
    let capex = value("GOOGL", "2028", "capex");
    assert!(
        (fcf - (ocf - capex)).abs() <= 0.11,
        "{fcf} vs {ocf} − {capex}"
    );
}

#[test]
fn project_reads_a_scenario_file_and_rejects_a_bad_one() {
    let directory = temp_dir("scenario");
    let library = flywheel_model::Library::bundled().expect("bundled data");
    let mut scenario = flywheel_model::Scenario::preset(&library, flywheel_model::Preset::Base);
    scenario.name = "No more capex".to_owned();
    for company in &mut scenario.companies {
        company.assumptions.capex_next = 0.0;
    }
    let good = directory.join("freeze.ron");
    std::fs::write(&good, scenario.to_ron().expect("serializes")).expect("write");
    let output = flywheel(&[
        "project",
        "--scenario",
        good.to_str().expect("utf-8"),
        "--company",
        "MSFT",
        "--metric",
        "capex",
    ]);
    let text = stdout(&output);
    assert!(text.starts_with("Scenario: No more capex\n"), "{text}");
    assert!(
        text.contains("capex                           0.0      0.0      0.0      0.0\n"),
        "{text}"
    );
    let bad = directory.join("bad.ron");
    std::fs::write(
        &bad,
        scenario
            .to_ron()
            .expect("serializes")
            .replacen("tax_rate: 17.0", "tax_rate: NaN", 1),
    )
    .expect("write");
    let output = flywheel(&["project", "--scenario", bad.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(1));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("bad.ron:")
            && error.contains("tax_rate in AMZN is NaN, not a finite number"),
        "{error}"
    );
    std::fs::remove_dir_all(&directory).ok();
}

#[test]
fn both_bases_give_the_recast_and_the_first_reported_figures() {
    let table = |metric: &str, basis: &str| {
        stdout(&flywheel(&[
            "table",
            "--metric",
            metric,
            "--company",
            "MSFT",
            "--basis",
            basis,
            "--csv",
        ]))
    };
    // Intelligent Cloud FY2024: 105,362 in the FY2024 10-K, recast to 87,464 in the FY2025 10-K.
    assert!(table("cloud_revenue", "reported").contains("\nMSFT,FY2024,105.362\n"));
    assert!(table("cloud_revenue", "latest").contains("\nMSFT,FY2024,87.464\n"));
    // FY2016 revenue: 85,320 as first reported; 91,154 restated under ASC 606.
    assert!(table("revenue", "reported").contains("\nMSFT,FY2016,85.320\n"));
    assert!(table("revenue", "latest").contains("\nMSFT,FY2016,91.154\n"));
    // The aligned table marks values that exist only on the other basis and says where.
    let text = stdout(&flywheel(&[
        "table",
        "--metric",
        "cloud_revenue",
        "--company",
        "MSFT",
    ]));
    assert!(text.starts_with("Cloud revenue (US$ B) — Comparable (latest restated)\n"));
    assert!(text.contains("\nFY2022              75.3†\n"), "{text}");
    assert!(
        text.contains(
            "  MSFT: Comparable (latest restated) from FY2023; before: as first reported\n"
        )
    );
}

#[test]
fn csv_explanations_stay_in_their_own_columns() {
    let output = flywheel(&[
        "table",
        "--metric",
        "revenue",
        "--company",
        "AMZN",
        "--period",
        "quarterly",
        "--csv",
        "--explain",
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "company",
            "period",
            "value",
            "unit",
            "basis",
            "basis_note",
            "grade",
            "gap",
            "formula",
            "sources"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|row| row.expect("a CSV row"))
        .collect();
    assert!(
        rows.iter().all(|row| row.len() == 10),
        "every line is a row of the table"
    );
    let q1_2026 = rows
        .iter()
        .find(|row| &row[1] == "2026Q1")
        .expect("2026Q1 row");
    assert_eq!(&q1_2026[2], "181.519");
    assert_eq!(&q1_2026[6], "secondary");
    assert!(!text.contains("inf") && !text.contains("NaN") && !text.contains(",-0.000"));
}

#[test]
fn project_prints_what_it_can_and_names_the_companies_it_cannot_project() {
    // Amazon replaced by a file with revenue only: no base year to project from.
    let directory = temp_dir("revenue-only");
    let file = directory.join("amzn.csv");
    let header = "ticker,company_name,fiscal_year_end_month,cloud_segment,unit,period,end_date,\
                  revenue,operating_income,net_income,capex,operating_cash_flow,depreciation,\
                  cloud_revenue,cloud_operating_income,restated,\
                  source_filing,source_filed,source_url";
    let row = "AMZN,Amazon.com,12,AWS,usd_billions,FY2024,2024-12-31,637.959,,,,,,,,false,\
               Form 10-K for fiscal year 2024,2025-02-07,\
               https://www.sec.gov/Archives/edgar/data/1018724/000101872425000004/";
    std::fs::write(&file, format!("{header}\n{row}\n")).expect("write");
    let output = flywheel(&["project", "--csv", "--data", file.to_str().expect("utf-8")]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("\nGOOGL,2030,revenue,") && text.contains("\nMSFT,2030,revenue,"));
    assert!(!text.contains("\nAMZN,"), "{text}");
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains(
            "not projected: AMZN has no fiscal year with revenue, operating income, \
             depreciation, capex and operating cash flow all reported"
        ),
        "{errors}"
    );
    std::fs::remove_dir_all(&directory).ok();
}

#[test]
fn project_on_the_reported_basis_starts_from_the_same_unrestated_base_years() {
    let latest = flywheel(&["project", "--csv"]);
    let reported = flywheel(&["project", "--csv", "--basis", "reported"]);
    assert!(reported.status.success());
    // The base years (FY2025) were never restated, so both bases project the same numbers,
    // and the Base preset made on the chosen basis raises no "other data" warning.
    assert_eq!(stdout(&latest), stdout(&reported));
    assert_eq!(String::from_utf8_lossy(&reported.stderr), "");
}

/// The sample deck with `from` replaced by `to` (once), written to `folder/name`.
fn sample_deck_with(folder: &std::path::Path, name: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string("data/deck.ron").expect("sample deck");
    let changed = text.replacen(from, to, 1);
    assert_ne!(changed, text, "the sample deck holds {from}");
    let path = folder.join(name);
    std::fs::write(&path, changed).expect("fixture");
    path.to_str().expect("utf-8 path").to_owned()
}

#[test]
fn check_refuses_a_slide_naming_a_scenario_it_was_not_given() {
    let folder = temp_dir("deck-scenario-name");
    let deck = sample_deck_with(
        &folder,
        "deck.ron",
        "scenario: Some(\"Base\")",
        "scenario: Some(\"Capex freeze\")",
    );
    let output = flywheel(&["check", &deck]);
    assert_eq!(
        stdout(&output),
        format!(
            "{deck}:95:23: slide \"When does it pay back?\" shows scenario \"Capex freeze\", \
             which is neither a preset (Bear, Base, Bull) nor the name of a scenario file given \
             with the deck\n"
        )
    );
    assert_eq!(output.status.code(), Some(1));
    // Checked with the scenario file of that name, the deck passes.
    let output = flywheel(&["check", &deck, "tests/malformed/scenarios/valid.ron"]);
    assert_eq!(
        stdout(&output),
        format!(
            "ok {deck} (deck \"The AI capex race\", 7 slides, 2 notes)\n\
             ok tests/malformed/scenarios/valid.ron (scenario \"Capex freeze\", 2 companies)\n"
        )
    );
    assert!(output.status.success());
    // render refuses it too, before drawing: the slide would show another scenario.
    let picture = folder.join("slide.png");
    let output = flywheel(&[
        "render",
        "--deck",
        &deck,
        "--slide",
        "7",
        "--out",
        picture.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with(&format!(
            "{deck}:95:23: slide \"When does it pay back?\" shows scenario \"Capex freeze\""
        )),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!picture.exists());
}

#[test]
fn check_warns_of_notes_on_companies_and_periods_not_in_the_data() {
    let folder = temp_dir("deck-note-warnings");
    let text = std::fs::read_to_string("data/deck.ron").expect("sample deck");
    let changed = text
        .replacen(
            "company: \"AMZN\",\n            metric: net_income",
            "company: \"ZZZZ\",\n            metric: net_income",
            1,
        )
        .replacen("period: \"2025Q1\"", "period: \"2031Q4\"", 1);
    let deck = folder.join("notes.ron");
    std::fs::write(&deck, changed).expect("fixture");
    let deck = deck.to_str().expect("utf-8 path");
    let output = flywheel(&["check", deck]);
    assert_eq!(
        stdout(&output),
        format!(
            "ok {deck} (deck \"The AI capex race\", 7 slides, 2 notes)\n\
             {deck}:101:22: warning: the note on ZZZZ · Net income · 2024Q4 names ZZZZ, which \
             is not in the loaded data (AMZN, GOOGL, MSFT)\n\
             {deck}:109:21: warning: the note on AMZN · Cloud margin · 2031Q4 names 2031Q4, \
             which the data of AMZN does not have\n"
        )
    );
    assert!(output.status.success(), "warnings do not fail a deck");
    // The window opens it as before.
    let deck = flywheel::deck::load_deck(std::path::Path::new(deck)).expect("the deck loads");
    assert_eq!(deck.annotations[0].company, "ZZZZ");
}

#[test]
fn check_warns_of_a_scenario_company_that_is_not_loaded() {
    let folder = temp_dir("scenario-unloaded");
    let text = std::fs::read_to_string("tests/malformed/scenarios/valid.ron").expect("fixture");
    let path = folder.join("zzzz.ron");
    std::fs::write(
        &path,
        text.replacen("ticker: \"MSFT\"", "ticker: \"ZZZZ\"", 1),
    )
    .expect("fixture");
    let path = path.to_str().expect("utf-8 path");
    let output = flywheel(&["check", path]);
    let line = text
        .lines()
        .position(|line| line.contains("ticker: \"MSFT\""))
        .expect("a MSFT company")
        + 1;
    assert_eq!(
        stdout(&output),
        format!(
            "ok {path} (scenario \"Capex freeze\", 2 companies)\n\
             {path}:{line}:21: warning: scenario \"Capex freeze\" has assumptions for ZZZZ, which \
             is not loaded\n"
        )
    );
    assert!(output.status.success());
    // The same words as project's.
    let output = flywheel(&["project", "--scenario", path]);
    assert!(String::from_utf8_lossy(&output.stderr).contains(
        "warning: scenario \"Capex freeze\" has assumptions for ZZZZ, which is not loaded\n"
    ));
}

#[test]
fn two_data_files_for_one_company_are_an_error_naming_both() {
    let folder = temp_dir("same-ticker");
    let other = folder.join("amzn.ron");
    std::fs::copy("tests/malformed/valid.ron", &other).expect("fixture");
    let other = other.to_str().expect("utf-8 path");
    let output = flywheel(&[
        "table",
        "--metric",
        "revenue",
        "--company",
        "AMZN",
        "--data",
        "tests/malformed/valid.csv",
        "--data",
        other,
    ]);
    assert_eq!(stdout(&output), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "{other}: gives AMZN again, after tests/malformed/valid.csv; give one file per \
             company (--data replaces the bundled dataset of the company it names)\n"
        )
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn render_refuses_an_out_that_is_neither_png_nor_pdf() {
    let folder = temp_dir("render-extension");
    for name in ["x.jpg", "noext"] {
        let out = folder.join(name);
        let out = out.to_str().expect("utf-8 path");
        let output = flywheel(&["render", "--view", "overview", "--out", out]);
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!(
                "flywheel render: --out {out}: render writes PNG pictures (.png) and PDF \
                 documents (.pdf); end the name in one of them\n"
            )
        );
        assert_eq!(output.status.code(), Some(2));
        assert!(!std::path::Path::new(out).exists());
    }
}

#[test]
fn render_writes_a_view_or_one_slide_as_a_one_page_pdf() {
    let folder = temp_dir("render-view-pdf");
    let pages = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .matches("/Type /Page\n")
            .count()
    };
    let view = folder.join("view.pdf");
    let view = view.to_str().expect("utf-8 path");
    let output = flywheel(&[
        "render", "--view", "overview", "--width", "640", "--height", "400", "--out", view,
    ]);
    assert_eq!(stdout(&output), format!("wrote {view} (1 page)\n"));
    let bytes = std::fs::read(view).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    let slide = folder.join("slide.pdf");
    let slide = slide.to_str().expect("utf-8 path");
    let output = flywheel(&[
        "render", "--slide", "2", "--width", "640", "--height", "400", "--out", slide,
    ]);
    assert_eq!(stdout(&output), format!("wrote {slide} (1 page)\n"));
    let deck = folder.join("deck.pdf");
    let deck = deck.to_str().expect("utf-8 path");
    let output = flywheel(&[
        "render",
        "--deck",
        "data/deck.ron",
        "--width",
        "640",
        "--height",
        "400",
        "--out",
        deck,
    ]);
    assert_eq!(stdout(&output), format!("wrote {deck} (7 pages)\n"));
    let (one, seven) = (
        pages(&std::fs::read(slide).expect("written")),
        pages(&std::fs::read(deck).expect("written")),
    );
    assert_eq!((pages(&bytes), one, seven), (1, 1, 7));
}

#[test]
fn project_says_why_a_company_has_no_year_to_project() {
    use flywheel::cli::project::{ProjectArgs, build};
    use flywheel::cli::table::{BasisArg, CapexBasisArg};
    use flywheel_model::{FiscalPeriod, Library, Origin, Preset, Scenario};

    // Amazon's figures moved six years on: its newest year is FY2030, the last projected.
    let mut dataset =
        flywheel_model::load::load_file(std::path::Path::new("tests/malformed/valid.ron"))
            .expect("fixture")
            .remove(0);
    for record in &mut dataset.periods {
        record.period = match record.period {
            FiscalPeriod::Year(year) => FiscalPeriod::Year(year + 6),
            FiscalPeriod::Quarter { year, quarter } => FiscalPeriod::Quarter {
                year: year + 6,
                quarter,
            },
        };
    }
    let mut library = Library::new();
    library.insert(vec![dataset], &Origin::File("amzn.ron".to_owned()));
    let scenario = Scenario::preset(&library, Preset::Base);
    let args = ProjectArgs {
        scenario: None,
        companies: vec!["AMZN".to_owned()],
        metric: None,
        csv: true,
        basis: BasisArg::Latest,
        capex_basis: CapexBasisArg::Gross,
        data: Vec::new(),
    };
    let output = build(&library, &scenario, &args).expect("AMZN is in the scenario");
    assert_eq!(output.text, "company,year,metric,value\n");
    assert_eq!(output.projected, 0);
    assert_eq!(
        output.skipped,
        vec![
            "AMZN has no year to project: its newest fiscal year with the figures a projection \
             starts from, FY2030, is not before FY2030, the last year projected"
                .to_owned()
        ]
    );
}
