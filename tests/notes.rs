//! Notes pinned to values: added from the deck panel, drawn on the chart, edited, deleted, and
//! kept with the deck.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use flywheel::deck::{Deck, parse_deck};
use flywheel::lens::View;
use flywheel_model::Metric;

use common::view_harness;

/// Clicks the first widget called `label` in the side panel, which may be scrolled out of view
/// at 1280×800 (so through accessibility, as a screen reader would).
fn click_in_side_panel(
    harness: &mut egui_kittest::Harness<'static, flywheel::app::FlywheelApp>,
    label: &str,
) {
    harness
        .get_all_by_label(label)
        .next()
        .expect("the widget is there")
        .click_accesskit();
    harness.run_steps(3);
}

/// Types into the open note editor's text.
fn type_note(harness: &mut egui_kittest::Harness<'static, flywheel::app::FlywheelApp>, text: &str) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note text")
        .type_text(text);
    harness.run_steps(2);
}

#[test]
fn the_sample_deck_pins_the_record_quarter() {
    let deck = Deck::sample().expect("the bundled deck parses");
    let note = &deck.annotations[0];
    assert_eq!(
        (note.company.as_str(), note.metric, note.period.as_str()),
        ("AMZN", Metric::NetIncome, "2024Q4")
    );
    assert_eq!(note.text, "Q4 2024: $20.0B, a record until 2025Q3");
}

#[test]
fn add_a_note_see_it_on_the_chart_then_edit_and_delete_it() {
    let mut harness = view_harness(View::Profit);
    let sample_notes = harness.state().settings().deck.annotations.len();
    click_in_side_panel(&mut harness, "Add note");
    assert!(
        harness.state().note_editor().is_some(),
        "Add note opens the editor"
    );
    type_note(&mut harness, "AWS re:Invent week");
    harness.get_by_label("Save note").click();
    harness.run_steps(3);

    let notes = &harness.state().settings().deck.annotations;
    assert_eq!(notes.len(), sample_notes + 1);
    let added = notes.last().expect("the new note");
    assert_eq!(added.text, "AWS re:Invent week");
    assert_eq!(added.company, "AMZN", "pinned to the first company shown");
    assert_eq!(
        added.metric,
        Metric::Revenue,
        "pinned to the view's first chart"
    );
    assert_eq!(
        added.period, "FY2025",
        "pinned to the latest period with a value"
    );
    assert!(
        harness.state().note_editor().is_none(),
        "saving closes the editor"
    );
    harness.snapshot("note_on_revenue_dark");

    // Edit it from the Notes list: the editor opens on it, and Delete note removes it.
    harness
        .get_all_by_label("Edit")
        .last()
        .expect("an Edit button per note")
        .click_accesskit();
    harness.run_steps(3);
    assert_eq!(
        harness
            .state()
            .note_editor()
            .as_ref()
            .and_then(|editor| editor.index),
        Some(sample_notes)
    );
    harness.get_by_label("Delete note").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().settings().deck.annotations.len(),
        sample_notes
    );

    // Remove, straight from the list.
    click_in_side_panel(&mut harness, "Remove");
    let notes = &harness.state().settings().deck.annotations;
    assert_eq!(notes.len(), sample_notes - 1);
    assert!(notes.iter().all(|note| note.metric != Metric::NetIncome));
}

#[test]
fn cancel_keeps_the_notes_as_they_were() {
    let mut harness = view_harness(View::Margins);
    let before = harness.state().settings().deck.annotations.clone();
    click_in_side_panel(&mut harness, "Add note");
    type_note(&mut harness, "never saved");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.state().note_editor().is_none());
    assert_eq!(harness.state().settings().deck.annotations, before);
}

#[test]
fn notes_travel_with_the_deck_file_and_empty_ones_are_located() {
    let deck = Deck::sample().expect("sample");
    let text = deck.to_ron().expect("serializes");
    let reread = parse_deck("deck.ron", &text).expect("reparses");
    assert_eq!(reread.annotations, deck.annotations);
    let emptied = text.replacen("\"Q4 2024: $20.0B, a record until 2025Q3\"", "\"  \"", 1);
    let error = parse_deck("deck.ron", &emptied).expect_err("an empty note is rejected");
    let line = emptied
        .lines()
        .position(|line| line.contains("text: \"  \""))
        .expect("the emptied line")
        + 1;
    assert!(
        error.to_string().starts_with(&format!("deck.ron:{line}:")),
        "points at the note's text: {error}"
    );
    assert!(
        error
            .to_string()
            .contains("the note on AMZN · Net income · 2024Q4 has no text"),
        "{error}"
    );
}
