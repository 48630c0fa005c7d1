//! The window, driven as a user drives it: by the accessible labels of its controls. Behaviour
//! is checked on the app's state; one snapshot per view and theme checks the pictures.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use flywheel::lens::{Lens, View};
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::{Alignment, Frequency};

use common::{default_harness, harness, view_harness};

#[test]
fn tabs_and_number_keys_switch_views() {
    let mut harness = default_harness();
    harness.run_steps(2);
    for view in [
        View::Profit,
        View::Margins,
        View::Capex,
        View::Cloud,
        View::Overview,
    ] {
        harness
            .get_by_role_and_label(Role::Button, view.title())
            .click();
        harness.run_steps(2);
        assert_eq!(harness.state().settings().lens.view, view);
    }
    harness.key_press(egui::Key::Num4);
    harness.run_steps(2);
    assert_eq!(harness.state().settings().lens.view, View::Capex);
    harness.key_press(egui::Key::Num2);
    harness.run_steps(2);
    assert_eq!(harness.state().settings().lens.view, View::Profit);
}

#[test]
fn a_company_can_be_switched_off_and_on() {
    let mut harness = default_harness();
    harness.run_steps(2);
    harness.get_by_label("Amazon.com (AMZN)").click();
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .settings()
            .lens
            .hidden_companies
            .contains("AMZN")
    );
    // The Overview now shows two cards: Amazon's name is gone from the central panel.
    assert!(harness.query_by_label("Amazon.com, Inc.").is_none());
    assert!(harness.query_by_label("Alphabet Inc.").is_some());
    harness.get_by_label("Amazon.com (AMZN)").click();
    harness.run_steps(2);
    assert!(harness.state().settings().lens.hidden_companies.is_empty());
}

#[test]
fn period_and_calendar_settings_change_the_series() {
    let mut harness = default_harness();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::RadioButton, "Quarterly")
        .click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().settings().lens.frequency,
        Frequency::Quarterly
    );
    // The cards now name the latest calendar quarter all three have reported (Microsoft's
    // fiscal 2026Q4) instead of a year.
    assert_eq!(
        harness
            .query_all_by_label("CY2026Q2 · ended 2026-06-30")
            .count(),
        3
    );
    harness
        .get_by_role_and_label(Role::RadioButton, "Trailing 12 months")
        .click();
    harness.get_by_label("Align to calendar years").click();
    harness.run_steps(2);
    assert_eq!(harness.state().settings().lens.frequency, Frequency::Ttm);
    assert_eq!(
        harness.state().settings().lens.alignment,
        Alignment::Calendar
    );
    assert!(
        harness
            .query_by_label_contains("fiscal year ends in June")
            .is_some()
    );
}

#[test]
fn a_bad_file_shows_its_errors_and_keeps_the_data() {
    let mut harness = default_harness();
    harness.run_steps(2);
    let before = harness.state().data().library().clone();
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Open by path…").click();
    // One frame applies the command, one lays the new window out, one shows it.
    harness.run_steps(3);
    assert!(
        harness.state().path_field().is_some(),
        "File ▸ Open by path… opens the path field"
    );
    harness
        .get_by_role_and_label(Role::TextInput, "Dataset path")
        .type_text("tests/malformed/nan_value.ron");
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run_steps(3);
    let errors = &harness.state().notices().problems();
    assert_eq!(
        errors,
        &[
            "tests/malformed/nan_value.ron:30:31: operating_income in FY2024 is NaN, not a \
           finite number"
                .to_owned()
        ]
    );
    assert_eq!(
        harness.state().data().library(),
        &before,
        "nothing already loaded is lost"
    );
    assert!(
        harness
            .query_by_label_contains("nan_value.ron:30:31")
            .is_some(),
        "the error is on screen"
    );
    harness.get_by_label("Dismiss").click();
    harness.run_steps(2);
    assert!(harness.state().notices().problems().is_empty());
}

#[test]
fn a_good_file_replaces_its_company() {
    let mut harness = default_harness();
    harness.run_steps(2);
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        flywheel::command::Command::ShowPathField(flywheel::files::FileAction::OpenDataset),
    );
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::TextInput, "Dataset path")
        .type_text("tests/malformed/valid.csv");
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run_steps(3);
    let state = harness.state();
    assert!(state.notices().problems().is_empty());
    assert_eq!(
        state.notices().message(),
        Some("Loaded valid.csv: replaced AMZN.")
    );
    assert_eq!(
        state
            .data()
            .library()
            .get("AMZN")
            .map(|dataset| dataset.periods.len()),
        Some(2)
    );
    assert!(state.path_field().is_none());
}

#[test]
fn a_chart_can_show_its_numbers_as_a_table() {
    let mut harness = view_harness(View::Profit);
    harness
        .get_all_by_label("Table")
        .next()
        .expect("a Table toggle")
        .click();
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .settings()
            .tables_shown
            .contains("profit.revenue")
    );
    assert!(harness.query_by_label("Copy table").is_some());
    // Amazon's FY2024 revenue, 637,959 million, in the table.
    assert!(harness.query_by_label("$638.0B").is_some());
}

#[test]
fn every_view_matches_its_snapshot_in_both_themes() {
    let mut failures = Vec::new();
    for (theme, choice, name) in [
        (egui::Theme::Dark, ThemeChoice::Dark, "dark"),
        (egui::Theme::Light, ThemeChoice::Light, "light"),
    ] {
        for view in View::ALL {
            let settings = Settings {
                lens: Lens {
                    view,
                    ..Lens::default()
                },
                theme: choice,
                ..Settings::default()
            };
            let mut harness = harness(settings, theme);
            harness.run_steps(3);
            if let Err(error) =
                harness.try_snapshot(format!("{}_{name}", view.title().to_lowercase()))
            {
                failures.push(error.to_string());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct DroppedOnWindow(std::path::PathBuf);

impl egui::DroppedFile for DroppedOnWindow {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

#[test]
fn dropping_a_file_loads_it() {
    let mut harness = default_harness();
    harness.run_steps(2);
    let path = std::env::current_dir()
        .expect("cwd")
        .join("tests/malformed/valid.ron");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedOnWindow(path)));
    harness.run_steps(3);
    let state = harness.state();
    assert!(
        state.notices().problems().is_empty(),
        "{:?}",
        state.notices().problems()
    );
    assert_eq!(
        state.notices().message(),
        Some("Loaded valid.ron: replaced AMZN.")
    );
    assert_eq!(
        state
            .data()
            .library()
            .get("AMZN")
            .map(|dataset| dataset.periods.len()),
        Some(6)
    );
}

/// eframe's storage, kept in memory.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

#[test]
fn settings_survive_a_restart() {
    use eframe::App as _;
    let mut harness = default_harness();
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "Capex").click();
    harness.get_by_label("Microsoft (MSFT)").click();
    harness
        .get_by_role_and_label(Role::RadioButton, "Quarterly")
        .click();
    harness.run_steps(2);
    let mut storage = MemoryStorage::default();
    harness.state_mut().save(&mut storage);
    let restored: Settings =
        eframe::get_value(&storage, eframe::APP_KEY).expect("settings were stored");
    assert_eq!(&restored, harness.state().settings());
    assert_eq!(restored.lens.view, View::Capex);
    assert_eq!(restored.lens.frequency, Frequency::Quarterly);
    assert!(restored.lens.hidden_companies.contains("MSFT"));
}

fn scenario_harness() -> egui_kittest::Harness<'static, flywheel::app::FlywheelApp> {
    view_harness(View::Scenario)
}

fn revenue_growth(
    harness: &egui_kittest::Harness<'static, flywheel::app::FlywheelApp>,
    ticker: &str,
) -> f64 {
    let workspace = &harness.state().settings().scenarios;
    workspace
        .current()
        .and_then(|scenario| scenario.assumptions(ticker))
        .map(|assumptions| assumptions.revenue_growth)
        .expect("assumptions")
}

#[test]
fn a_slider_moves_the_projection_and_undo_brings_it_back() {
    let mut harness = scenario_harness();
    assert!(
        !harness.state().settings().scenarios.unsaved,
        "nothing is edited yet"
    );
    let before = revenue_growth(&harness, "AMZN");
    harness
        .get_by_role_and_label(Role::Slider, "Revenue growth")
        .set_value_accesskit(25.0);
    harness.run_steps(2);
    assert!((revenue_growth(&harness, "AMZN") - 25.0).abs() < 1e-9);
    assert!(harness.state().settings().scenarios.unsaved);
    assert!(
        harness
            .query_by_label_contains("Scenario: Base •")
            .is_some(),
        "the unsaved mark shows"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert!(
        (revenue_growth(&harness, "AMZN") - before).abs() < 1e-9,
        "undo restores the value"
    );
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run_steps(2);
    assert!(
        (revenue_growth(&harness, "AMZN") - 25.0).abs() < 1e-9,
        "redo applies it again"
    );
    // The other companies' assumptions are untouched.
    harness.get_by_role_and_label(Role::Button, "GOOGL").click();
    harness.run_steps(2);
    assert_eq!(harness.state().settings().scenarios.company, "GOOGL");
    assert!((revenue_growth(&harness, "GOOGL") - 25.0).abs() > 1e-6);
}

#[test]
fn a_scenario_saves_and_reopens_and_a_bad_one_changes_nothing() {
    let mut harness = scenario_harness();
    let directory = common::temp_dir("ui-scenario");
    let file = directory.join("fast.ron");
    harness
        .get_by_role_and_label(Role::Slider, "Revenue growth")
        .set_value_accesskit(30.0);
    harness.run_steps(2);
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        flywheel::command::Command::FileChosen(
            flywheel::files::FileAction::SaveScenario,
            file.clone(),
        ),
    );
    harness.run_steps(2);
    assert!(
        !harness.state().settings().scenarios.unsaved,
        "saving clears the mark"
    );
    assert!(
        harness
            .query_by_label_contains("Scenario: Base •")
            .is_none()
    );
    let saved = flywheel_model::parse_scenario(
        "fast.ron",
        &std::fs::read_to_string(&file).expect("written"),
    )
    .expect("valid file");
    assert!((saved.assumptions("AMZN").expect("Amazon").revenue_growth - 30.0).abs() < 1e-9);

    harness
        .get_by_role_and_label(Role::Slider, "Revenue growth")
        .set_value_accesskit(5.0);
    harness.run_steps(2);
    harness.state_mut().apply(
        &ctx,
        flywheel::command::Command::FileChosen(
            flywheel::files::FileAction::OpenScenario,
            file.clone(),
        ),
    );
    harness.run_steps(2);
    assert!(
        (revenue_growth(&harness, "AMZN") - 30.0).abs() < 1e-9,
        "the reopened scenario is current"
    );
    let count = harness.state().settings().scenarios.scenarios.len();

    let bad = directory.join("bad.ron");
    std::fs::write(
        &bad,
        std::fs::read_to_string(&file).expect("written").replacen(
            "tax_rate: 17.0",
            "tax_rate: 95.0",
            1,
        ),
    )
    .expect("write");
    harness.state_mut().apply(
        &ctx,
        flywheel::command::Command::FileChosen(flywheel::files::FileAction::OpenScenario, bad),
    );
    harness.run_steps(2);
    let state = harness.state();
    assert_eq!(
        state.settings().scenarios.scenarios.len(),
        count,
        "a bad file adds nothing"
    );
    assert_eq!(state.notices().problems().len(), 1);
    assert!(
        state.notices().problems()[0].contains("bad.ron:")
            && state.notices().problems()[0].contains("tax_rate for AMZN is 95"),
        "{:?}",
        state.notices().problems()
    );
    std::fs::remove_dir_all(&directory).ok();
}

#[test]
fn the_scenario_panels_switch_and_presets_apply() {
    let mut harness = scenario_harness();
    for panel in ["Sensitivity", "Compare", "Table", "Projection"] {
        harness.get_by_role_and_label(Role::Button, panel).click();
        harness.run_steps(2);
    }
    harness
        .get_by_role_and_label(Role::Button, "Sensitivity")
        .click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("AMZN: 2030 free cash flow")
            .is_some()
    );
    harness.get_by_role_and_label(Role::Button, "Bull").click();
    harness.run_steps(2);
    let bull = revenue_growth(&harness, "AMZN");
    harness.get_by_role_and_label(Role::Button, "Bear").click();
    harness.run_steps(2);
    assert!(revenue_growth(&harness, "AMZN") < bull);
}

#[test]
fn the_basis_switch_shows_figures_as_first_reported() {
    let mut harness = view_harness(View::Cloud);
    harness
        .get_by_role_and_label(Role::RadioButton, "As first reported")
        .click();
    harness.run_steps(2);
    let state = harness.state();
    assert_eq!(state.settings().lens.basis, flywheel_model::Basis::Reported);
    let fy2024 = intelligent_cloud_fy2024(state);
    assert!((fy2024 - 105.362).abs() < 1e-9, "the old segment: {fy2024}");
    harness
        .get_by_role_and_label(Role::RadioButton, "Comparable (latest restated)")
        .click();
    harness.run_steps(2);
    let state = harness.state();
    let fy2024 = intelligent_cloud_fy2024(state);
    assert!(
        (fy2024 - 87.464).abs() < 1e-9,
        "the recast segment: {fy2024}"
    );
}

/// Microsoft's Intelligent Cloud revenue for FY2024 on the basis the app shows.
fn intelligent_cloud_fy2024(app: &flywheel::app::FlywheelApp) -> f64 {
    let microsoft = app.data().library().get("MSFT").expect("bundled");
    let series = app.data().series(
        microsoft,
        flywheel_model::Metric::CloudRevenue,
        &app.settings().lens,
    );
    series
        .points
        .iter()
        .find(|point| point.slot.label == "FY2024")
        .and_then(|point| point.value)
        .expect("FY2024")
}
