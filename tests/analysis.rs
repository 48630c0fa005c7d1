//! Transforms, the operating-leverage metrics, and the Flywheel and Custom views: the command
//! line with exact output for Amazon's FY2024, and the window driven by accessible label.

// A broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use flywheel::lens::{CustomChart, Lens, View};
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::Metric;
use flywheel_model::metrics::Transform;

use common::{flywheel, harness, view_harness};

fn stdout_of(args: &[&str]) -> String {
    let output = flywheel(args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The table row of one period.
fn row<'a>(table: &'a str, period: &str) -> &'a str {
    table
        .lines()
        .find(|line| line.starts_with(period))
        .unwrap_or_else(|| panic!("no {period} row in\n{table}"))
}

#[test]
fn amazon_fy2024_costs_grew_5_8_percent_while_revenue_grew_11_0() {
    let costs = stdout_of(&[
        "table",
        "--metric",
        "operating_expense_growth",
        "--company",
        "AMZN",
    ]);
    assert_eq!(
        costs.lines().next(),
        Some("Operating expense growth (YoY) (%) — Comparable (latest restated)")
    );
    assert_eq!(row(&costs, "FY2024"), "FY2024                5.8");
    let revenue = stdout_of(&["table", "--metric", "revenue_growth", "--company", "AMZN"]);
    assert_eq!(row(&revenue, "FY2024"), "FY2024               11.0");
}

#[test]
fn operating_expenses_are_revenue_minus_operating_income_with_both_filings() {
    let csv = stdout_of(&[
        "table",
        "--metric",
        "operating_expenses",
        "--company",
        "AMZN",
        "--csv",
    ]);
    // 637.959 − 68.593 and 574.785 − 36.852 (US$ B, Form 10-K FY2024 and FY2023).
    assert!(csv.contains("AMZN,FY2024,569.366\n"), "{csv}");
    assert!(csv.contains("AMZN,FY2023,537.933\n"), "{csv}");
    let explained = stdout_of(&[
        "table",
        "--metric",
        "operating_expenses",
        "--company",
        "AMZN",
        "--explain",
    ]);
    let fy2024 = explained
        .split("\n\n")
        .find(|block| block.starts_with("AMZN Operating expenses FY2024"))
        .expect("an FY2024 explanation");
    assert_eq!(
        fy2024.lines().take(3).collect::<Vec<_>>(),
        [
            "AMZN Operating expenses FY2024: $569.4B",
            "Basis: Comparable (latest restated)",
            "Formula: revenue − operating income",
        ]
    );
    assert!(
        fy2024.contains("Revenue FY2024 = 637.959 US$ B"),
        "{fy2024}"
    );
    assert!(
        fy2024.contains("Operating income FY2024 = 68.593 US$ B"),
        "{fy2024}"
    );
}

#[test]
fn incremental_margin_is_the_operating_income_change_over_the_revenue_change() {
    let table = stdout_of(&[
        "table",
        "--metric",
        "incremental_operating_margin",
        "--company",
        "AMZN",
    ]);
    // (68.593 − 36.852) ÷ (637.959 − 574.785) = 31.741 ÷ 63.174 = 50.2%.
    assert_eq!(row(&table, "FY2024"), "FY2024               50.2");
}

#[test]
fn capex_year_on_year_names_both_years_filings() {
    let table = stdout_of(&[
        "table",
        "--metric",
        "capex",
        "--company",
        "AMZN",
        "--transform",
        "yoy",
        "--explain",
    ]);
    assert_eq!(
        table.lines().next(),
        Some("Capex (% YoY) — Comparable (latest restated)")
    );
    // 82.999 ÷ 52.729 − 1 = 57.4%.
    assert_eq!(row(&table, "FY2024"), "FY2024               57.4");
    let fy2024 = table
        .split("\n\n")
        .find(|block| block.starts_with("AMZN Capex FY2024"))
        .expect("an FY2024 explanation");
    assert_eq!(
        fy2024,
        "AMZN Capex FY2024: +57.4% (% YoY)\n\
         Basis: Comparable (latest restated)\n\
         Formula: (capex ÷ capex a year earlier − 1) × 100; capex = as reported\n  \
         Capex FY2024 = 82.999 US$ B — Form 10-K for fiscal year 2024, filed 2025-02-07 \
         [filing]\n  \
         Capex FY2023 = 52.729 US$ B — Form 10-K for fiscal year 2023, filed 2024-02-02 \
         [filing]"
    );
}

#[test]
fn indexed_revenue_starts_at_100_and_margins_change_in_points() {
    let indexed = stdout_of(&[
        "table",
        "--metric",
        "revenue",
        "--company",
        "AMZN",
        "--transform",
        "indexed",
    ]);
    assert_eq!(
        indexed.lines().next(),
        Some("Revenue (index, first shown period = 100) — Comparable (latest restated)")
    );
    assert_eq!(row(&indexed, "FY2015"), "FY2015              100.0");
    let margin = stdout_of(&[
        "table",
        "--metric",
        "operating_margin",
        "--company",
        "AMZN",
        "--transform",
        "yoy",
    ]);
    assert_eq!(
        margin.lines().next(),
        Some("Operating margin (pp YoY) — Comparable (latest restated)")
    );
    // 10.75% in FY2024 against 6.41% in FY2023.
    assert_eq!(row(&margin, "FY2024"), "FY2024                4.3");
}

#[test]
fn every_metric_takes_every_transform() {
    for metric in Metric::ALL {
        for transform in Transform::ALL {
            let table = stdout_of(&[
                "table",
                "--metric",
                metric.key(),
                "--transform",
                transform.key(),
            ]);
            let title = format!(
                "{} ({})",
                metric.label(),
                transform.unit_label(metric.unit())
            );
            assert!(table.starts_with(&title), "{title}: {table}");
            for period in ["FY2024", "FY2025"] {
                assert!(table.contains(period), "{title} lacks {period}");
            }
        }
    }
    let output = flywheel(&["table", "--metric", "capex", "--transform", "log"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("unknown transform; choose one of: value, yoy, indexed")
    );
}

#[test]
fn the_flywheel_view_reads_amazons_2024_at_a_glance() {
    let mut harness = view_harness(View::Overview);
    harness
        .get_by_role_and_label(Role::Button, "Flywheel")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().settings().lens.view, View::Flywheel);
    assert!(
        harness
            .query_by_label("AMZN FY2024: revenue +11.0%, opex +5.8% → +5.1 pp")
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label("Incremental operating margin chart")
            .count()
            == 3
    );
    harness.key_press(egui::Key::Num8);
    harness.run_steps(2);
    assert_eq!(harness.state().settings().lens.view, View::Custom);
    harness.key_press(egui::Key::Num7);
    harness.run_steps(2);
    assert_eq!(harness.state().settings().lens.view, View::Flywheel);
}

#[test]
fn the_transform_switch_retitles_every_chart() {
    let mut harness = view_harness(View::Profit);
    harness
        .get_by_role_and_label(Role::RadioButton, "Year-on-year change")
        .click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().settings().lens.transform,
        Transform::YearOnYear
    );
    assert!(harness.query_by_label("Revenue, year on year").is_some());
    // The unit in each chart's title row.
    assert_eq!(harness.query_all_by_label("% YoY").count(), 3);
    harness
        .get_by_role_and_label(Role::RadioButton, "Indexed to 100")
        .click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Revenue, indexed").is_some());
    harness
        .get_by_role_and_label(Role::CheckBox, "Log scale for amounts")
        .click();
    harness.run_steps(3);
    assert!(harness.state().settings().lens.log_scale);
    if let Err(error) = harness.try_snapshot("profit_indexed_log_dark") {
        panic!("{error}");
    }
}

#[test]
fn the_custom_view_picks_metrics_and_a_slide_keeps_them() {
    let mut harness = view_harness(View::Custom);
    harness.get_by_label("Chart 1 metric").click();
    harness.run_steps(2);
    harness.get_by_label("Net margin").click();
    harness.run_steps(3);
    harness.get_by_label("Add chart").click();
    harness.run_steps(3);
    let custom = &harness.state().settings().lens.custom;
    assert_eq!(
        custom.charts,
        [
            CustomChart {
                metric: Metric::NetMargin,
                transform: Transform::Indexed,
            },
            CustomChart {
                metric: Metric::OperatingExpenseGrowth,
                transform: Transform::Value,
            },
            CustomChart {
                metric: Metric::OperatingMargin,
                transform: Transform::Value,
            },
            CustomChart {
                metric: Metric::Revenue,
                transform: Transform::Value,
            },
        ]
    );
    // Four is the most: the button is gone.
    assert!(harness.query_by_label("Add chart").is_none());
    harness.get_by_label("Remove chart 2").click();
    harness.run_steps(3);
    assert_eq!(harness.state().settings().lens.custom.charts.len(), 3);
    // The deck panel's "Add view" lies below the fold at this size: ask as it does.
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, flywheel::command::Command::AddSlide);
    let slide = harness
        .state()
        .settings()
        .deck
        .slides
        .last()
        .expect("a slide")
        .clone();
    assert_eq!(slide.lens.view, View::Custom);
    assert_eq!(slide.lens.custom, harness.state().settings().lens.custom);
    // The lens saves as plain data, and a lens saved before transforms existed still loads.
    let text = ron::to_string(&slide.lens).expect("serialises");
    let back: Lens = ron::from_str(&text).expect("reads back");
    assert_eq!(back, slide.lens);
    let old: Lens = ron::from_str(
        "(view: Profit, frequency: Annual, alignment: Fiscal, first_year: 2015, \
         last_year: 2030)",
    )
    .expect("an older lens");
    assert_eq!(old.transform, Transform::Value);
    assert_eq!(old.custom.charts.len(), 3);
}

#[test]
fn the_custom_view_matches_its_snapshot_in_light() {
    let mut harness = harness(
        Settings {
            lens: Lens {
                view: View::Custom,
                ..Lens::default()
            },
            theme: ThemeChoice::Light,
            ..Settings::default()
        },
        egui::Theme::Light,
    );
    harness.run_steps(3);
    if let Err(error) = harness.try_snapshot("custom_pickers_light") {
        panic!("{error}");
    }
}

#[test]
fn overview_cards_compare_one_calendar_period_or_each_companys_latest() {
    let mut harness = view_harness(View::Overview);
    // Microsoft's latest fiscal year ends in June 2026, the others' in December 2025: the one
    // period all three have is calendar 2025, Microsoft's summed from its fiscal quarters.
    assert_eq!(
        harness
            .query_all_by_label("CY2025 · ended 2025-12-31")
            .count(),
        3,
        "every card shows calendar 2025"
    );
    assert!(
        harness
            .query_by_label_contains(
                "Every card shows CY2025 (ended 2025-12-31): the latest calendar period all \
                 shown companies have reported."
            )
            .is_some()
    );
    harness.get_by_label("Each company's latest").click();
    harness.run_steps(3);
    assert_eq!(
        harness
            .query_all_by_label("FY2025 · ended 2025-12-31")
            .count(),
        2,
        "Amazon and Alphabet: their December year"
    );
    assert!(
        harness
            .query_by_label("FY2026 · ended 2026-06-30")
            .is_some(),
        "Microsoft: its June year"
    );
    assert_eq!(
        harness.state().settings().lens.card_period,
        flywheel::lens::CardPeriod::OwnLatest
    );
}
