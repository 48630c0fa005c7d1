//! Named scenarios: presets, files, fingerprints.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

use flywheel_model::projection::Payback;
use flywheel_model::{Assumption, Library, Preset, Scenario, data_fingerprint, parse_scenario};

fn library() -> Library {
    Library::bundled().expect("bundled data")
}

#[test]
fn presets_order_bear_base_bull() {
    let library = library();
    let [bear, base, bull] = Preset::ALL.map(|preset| Scenario::preset(&library, preset));
    assert_eq!(
        base.companies.len(),
        3,
        "every bundled company has a base year"
    );
    for company in &base.companies {
        let ticker = company.ticker.as_str();
        let growth = |scenario: &Scenario| {
            scenario
                .assumptions(ticker)
                .expect("company")
                .get(Assumption::RevenueGrowth)
        };
        assert!(
            growth(&bear) < growth(&base) && growth(&base) < growth(&bull),
            "{ticker}"
        );
        let revenue_2030 = |scenario: &Scenario| {
            let projections = scenario.project(&library);
            let projection = projections
                .iter()
                .flatten()
                .find(|projection| projection.ticker == ticker)
                .expect("projected");
            projection.years.last().expect("2030").revenue
        };
        assert!(
            revenue_2030(&bear) < revenue_2030(&base) && revenue_2030(&base) < revenue_2030(&bull),
            "{ticker}"
        );
    }
}

#[test]
fn a_saved_scenario_reopens_identically() {
    let library = library();
    let mut scenario = Scenario::preset(&library, Preset::Base);
    scenario.name = "Capex freeze".to_owned();
    scenario
        .assumptions_mut("AMZN")
        .expect("Amazon")
        .capex_growth = -20.0;
    let text = scenario.to_ron().expect("serializes");
    let reopened = parse_scenario("freeze.ron", &text).expect("reopens");
    assert_eq!(reopened, scenario);
    assert!(reopened.warnings_against(&library).is_empty());
}

#[test]
fn other_data_gives_a_warning_not_an_error() {
    let library = library();
    let scenario = Scenario::preset(&library, Preset::Bull);
    let mut other = library.clone();
    let mut amazon = other.get("AMZN").expect("Amazon").clone();
    amazon.periods.pop();
    other.insert(
        vec![amazon],
        &flywheel_model::Origin::File("edited.ron".to_owned()),
    );
    assert_ne!(data_fingerprint(&other), data_fingerprint(&library));
    let warnings = scenario.warnings_against(&other);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("made against different data"),
        "{}",
        warnings[0]
    );
}

#[test]
fn bad_scenario_files_are_rejected_with_positions() {
    let library = library();
    let text = Scenario::preset(&library, Preset::Base)
        .to_ron()
        .expect("serializes");
    // A value outside its slider range, at its own line and column.
    let out_of_range = text.replacen("tax_rate:", "tax_rate: 95.0, old_tax_rate:", 1);
    let error = parse_scenario("bad.ron", &out_of_range).expect_err("rejected");
    assert!(
        error.to_string().contains("unknown field `old_tax_rate`"),
        "{error}"
    );
    let line_of = |needle: &str| {
        text.lines()
            .position(|line| line.contains(needle))
            .expect("present")
            + 1
    };
    let out_of_range = text.replacen("useful_life: 6.0", "useful_life: 60.0", 1);
    let error = parse_scenario("bad.ron", &out_of_range).expect_err("rejected");
    assert_eq!(error.errors.len(), 1);
    assert_eq!(error.errors[0].line, line_of("useful_life: 6.0"));
    assert!(
        error
            .to_string()
            .contains("useful_life for AMZN is 60, outside its range 2 to 15 (years)"),
        "{error}"
    );
    let duplicated = text.replacen("\"GOOGL\"", "\"AMZN\"", 1);
    let error = parse_scenario("bad.ron", &duplicated).expect_err("rejected");
    assert!(
        error
            .to_string()
            .contains("AMZN appears twice in the scenario"),
        "{error}"
    );
    let error = parse_scenario("bad.ron", "Scenario(name: \"x\")").expect_err("rejected");
    assert!(
        error
            .to_string()
            .contains("missing field `data_fingerprint` in the scenario"),
        "{error}"
    );
}

#[test]
fn a_richer_ai_yield_pays_the_2025_capex_back_sooner() {
    let library = library();
    let covered = |payback: Payback| match payback {
        Payback::Year(year) => f64::from(2031 - year) * 1000.0,
        Payback::NotBy2030 { covered_percent } => covered_percent,
        Payback::NoCapex => f64::NAN,
    };
    let base = Scenario::preset(&library, Preset::Base).project(&library);
    let bull = Scenario::preset(&library, Preset::Bull).project(&library);
    for (base, bull) in base.into_iter().zip(bull) {
        let (base, bull) = (base.expect("projected"), bull.expect("projected"));
        assert_ne!(
            base.payback,
            Payback::NoCapex,
            "{} reported 2025 capex",
            base.ticker
        );
        assert!(
            covered(bull.payback) > covered(base.payback),
            "{}: bull {} vs base {}",
            base.ticker,
            bull.payback,
            base.payback
        );
    }
}
