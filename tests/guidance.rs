//! Guidance against actuals, capex on each basis and the scenario that starts from what is
//! reported: on the command line and in the window, driven by accessible labels.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use flywheel::lens::View;
use flywheel_model::CapexBasis;

use common::{flywheel, scroll_down_to, view_harness};

fn stdout(args: &[&str]) -> String {
    let output = flywheel(args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn table_shows_capex_on_each_basis() {
    let gross = stdout(&["table", "--metric", "capex", "--company", "MSFT", "--csv"]);
    assert!(gross.contains("MSFT,FY2025,64.551\n"), "{gross}");
    let with_leases = stdout(&[
        "table",
        "--metric",
        "capex",
        "--capex-basis",
        "with-finance-leases",
        "--company",
        "MSFT",
        "--csv",
    ]);
    // Microsoft's own figure for FY2025; FY2026 is additions 115.948 + leases 24.608.
    assert!(
        with_leases.contains("MSFT,FY2025,88.200\n"),
        "{with_leases}"
    );
    assert!(
        with_leases.contains("MSFT,FY2026,140.556\n"),
        "{with_leases}"
    );
    let net = stdout(&[
        "table",
        "--metric",
        "capex",
        "--capex-basis",
        "net",
        "--company",
        "AMZN",
        "--csv",
    ]);
    assert!(net.contains("AMZN,FY2025,128.320\n"), "{net}");
    // Alphabet discloses no net figure: every value is a gap, and --explain says why.
    let alphabet = stdout(&[
        "table",
        "--metric",
        "capex",
        "--capex-basis",
        "net",
        "--company",
        "GOOGL",
        "--explain",
    ]);
    assert!(
        alphabet.contains(
            "Why missing: GOOGL does not disclose capex net of proceeds and incentives in any \
             period of its data"
        ),
        "{alphabet}"
    );
}

#[test]
fn project_starts_microsoft_from_fy2026_and_takes_a_capex_basis() {
    let base = stdout(&["project", "--company", "MSFT", "--metric", "capex"]);
    assert!(
        base.contains("MSFT — from FY2026 (depreciation & amortization carried from FY2025)"),
        "{base}"
    );
    assert!(
        base.contains("payback of the 2025 AI capex: not by 2030 (74% covered)"),
        "{base}"
    );
    let output = flywheel(&[
        "project",
        "--capex-basis",
        "net",
        "--metric",
        "capex",
        "--csv",
    ]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    // Amazon's $200B plan is net of proceeds: on that basis it is the first projected year.
    assert!(text.contains("AMZN,2026,capex,200.000\n"), "{text}");
    assert!(!text.contains("GOOGL,"), "{text}");
    assert!(
        stderr.contains(
            "not projected: GOOGL on capex net of proceeds and incentives: GOOGL does not \
             disclose capex net of proceeds and incentives in any period of its data"
        ),
        "{stderr}"
    );
}

#[test]
fn key_9_shows_guidance_against_the_basis_it_was_stated_on() {
    let mut harness = view_harness(View::Overview);
    harness.key_press(egui::Key::Num9);
    harness.run_steps(3);
    assert_eq!(harness.state().settings().lens.view, View::Guidance);
    assert!(
        harness
            .query_by_label("AMZN: 28 beat, 10 inside, 0 miss")
            .is_some()
    );
    // The view lays out only what is in sight: each chart is found by scrolling down to it.
    for chart in [
        "AMZN revenue guidance against actuals, quarters",
        "MSFT capex guidance against capex including finance leases (the basis it was stated \
         on), fiscal years",
        // Microsoft's quarterly capex guides have a chart of their own beside the yearly plan.
        "MSFT capex guidance against capex including finance leases (the basis it was stated \
         on), quarters",
    ] {
        assert!(scroll_down_to(&mut harness, Role::Figure, chart), "{chart}");
    }
}

#[test]
fn the_capex_basis_is_chosen_in_the_side_panel() {
    let mut harness = view_harness(View::Capex);
    harness.get_by_label("Capex basis").click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::RadioButton, "Including finance leases")
        .click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().settings().lens.capex_basis,
        CapexBasis::WithFinanceLeases
    );
    // Microsoft's plans are drawn on this basis; Amazon's and Alphabet's are named as stated on
    // another one.
    assert!(
        harness
            .query_by_label_contains("; AMZN, GOOGL guide on another basis")
            .is_some()
    );
    harness
        .get_by_role_and_label(Role::RadioButton, "Net of proceeds and incentives")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().settings().lens.capex_basis, CapexBasis::Net);
}
