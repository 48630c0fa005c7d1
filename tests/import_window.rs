//! SEC company facts opened in the window: read off the drawing thread, the ticker asked for,
//! then merged into the loaded data; a broken file changes nothing.

#![allow(clippy::expect_used)]

mod common;

use std::path::PathBuf;

use common::default_harness;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use flywheel::command::Command;
use flywheel::files::FileAction;

const META: &str = "model/tests/fixtures/companyfacts/CIK0001326801.json";

/// Runs frames until the import thread has answered (a few seconds at most).
fn until_imported(harness: &mut egui_kittest::Harness<'static, flywheel::app::FlywheelApp>) {
    for _ in 0..200 {
        harness.run_steps(1);
        if !harness.state().import_under_way() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the import did not finish");
}

#[test]
fn company_facts_open_in_the_window_after_the_ticker_is_given() {
    let mut harness = default_harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::FileChosen(FileAction::OpenDataset, PathBuf::from(META)),
    );
    until_imported(&mut harness);
    harness.run_steps(2);
    assert!(
        harness.state().asks_for_ticker(),
        "company facts name no ticker"
    );
    assert!(harness.state().data().library().get("META").is_none());
    harness
        .get_by_role_and_label(Role::TextInput, "Ticker")
        .type_text("meta");
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::Button, "Import")
        .click();
    harness.run_steps(3);
    let state = harness.state();
    assert!(!state.asks_for_ticker(), "{:?}", state.notices());
    let meta = state.data().library().get("META").expect("imported");
    assert_eq!(meta.company.name, "Meta Platforms, Inc.");
    assert_eq!(
        state.notices().message(),
        Some("Imported META (Meta Platforms, Inc.) from company facts: 8 periods.")
    );
    assert!(
        harness.query_by_label("Meta Platforms (META)").is_some(),
        "the company is listed in the side panel"
    );
}

#[test]
fn broken_company_facts_are_reported_and_nothing_changes() {
    let folder = common::temp_dir("import-window-broken");
    let path = folder.join("broken.json");
    std::fs::write(&path, "{\"cik\": 1326801, \"facts\": ").expect("fixture");
    let mut harness = default_harness();
    let before = harness.state().data().library().clone();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::FileChosen(FileAction::OpenDataset, path.clone()),
    );
    until_imported(&mut harness);
    let state = harness.state();
    assert_eq!(state.data().library(), &before);
    assert_eq!(state.notices().problems().len(), 1);
    assert!(
        state.notices().problems()[0].starts_with(&format!("{}:1:", path.display())),
        "{:?}",
        state.notices().problems()
    );
}
