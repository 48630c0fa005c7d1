//! Presenter mode and decks, driven by keyboard as a clicker would.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use flywheel::deck::{Deck, parse_deck};
use flywheel::lens::View;
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::Frequency;

use common::{default_harness, harness};

fn slide(harness: &egui_kittest::Harness<'static, flywheel::app::FlywheelApp>) -> Option<usize> {
    harness
        .state()
        .presentation()
        .as_ref()
        .map(|presentation| presentation.slide)
}

#[test]
fn the_sample_deck_tells_the_story_in_six_slides() {
    let deck = Deck::sample().expect("the bundled deck parses");
    assert_eq!(deck.slides.len(), 6);
    assert_eq!(deck.slides[0].title, "Record profits");
    assert_eq!(deck.slides[5].lens.view, View::Scenario);
}

#[test]
fn step_through_the_deck_by_keyboard_and_leave() {
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(3);
    assert_eq!(slide(&harness), Some(0));
    assert_eq!(
        harness.state().settings().lens.view,
        View::Profit,
        "slide 1 shows its own view"
    );
    assert_eq!(
        harness.state().settings().lens.frequency,
        Frequency::Quarterly
    );
    assert!(
        harness.query_by_label("1 / 6").is_some(),
        "the slide counter shows"
    );
    assert!(
        harness.query_by_label("Companies").is_none(),
        "the side panel is hidden"
    );
    for (key, expected) in [
        (Key::ArrowRight, 1),
        (Key::Space, 2),
        (Key::PageDown, 3),
        (Key::ArrowLeft, 2),
        (Key::PageUp, 1),
        (Key::End, 5),
        (Key::Home, 0),
    ] {
        harness.key_press(key);
        harness.run_steps(2);
        assert_eq!(slide(&harness), Some(expected), "after {key:?}");
    }
    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().settings().lens.view, View::Margins);
    harness.key_press(Key::B);
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .presentation()
            .as_ref()
            .is_some_and(|presentation| presentation.blank)
    );
    assert!(
        harness.query_by_label("2 / 6").is_none(),
        "a blank screen shows nothing"
    );
    harness.key_press(Key::B);
    harness.run_steps(2);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().presentation().is_none());
    assert_eq!(
        harness.state().settings().lens.view,
        View::Overview,
        "the view of before is back"
    );
    assert_eq!(harness.state().settings().lens.frequency, Frequency::Annual);
    assert!(harness.query_by_label("Companies").is_some());
}

#[test]
fn edits_made_while_presenting_survive_leaving() {
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    harness.key_press(Key::End); // "When does it pay back?": the Scenario view
    harness.run_steps(3);
    assert_eq!(harness.state().settings().lens.view, View::Scenario);
    harness
        .get_by_role_and_label(Role::Slider, "AI revenue yield")
        .set_value_accesskit(1.0);
    harness.run_steps(2);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    let settings = harness.state().settings();
    assert_eq!(
        settings.lens.view,
        View::Overview,
        "the view of before is back"
    );
    let amazon = settings
        .scenarios
        .current()
        .and_then(|scenario| scenario.assumptions("AMZN"))
        .expect("assumptions");
    assert!(
        (amazon.ai_revenue_yield - 1.0).abs() < 1e-9,
        "the slider moved during the talk is kept"
    );
}

#[test]
fn zoom_steps_while_presenting() {
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    let before = harness.state().settings().presenter_zoom;
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Equals);
    harness.run_steps(2);
    assert!(harness.state().settings().presenter_zoom > before);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Minus);
    harness.run_steps(2);
    assert!((harness.state().settings().presenter_zoom - before).abs() < 1e-6);
}

#[test]
fn add_reorder_and_delete_a_slide() {
    let mut harness = default_harness();
    harness.get_by_role_and_label(Role::Button, "Capex").click();
    harness.run_steps(2);
    // The deck sits below the side panel's settings: scroll to it, as a user would.
    harness.get_by_label("Add view").scroll_to_me();
    harness.run_steps(2);
    harness.get_by_label("Add view").click();
    harness.run_steps(2);
    let deck = &harness.state().settings().deck;
    assert_eq!(deck.slides.len(), 7);
    assert_eq!(deck.slides[6].lens.view, View::Capex);
    assert_eq!(harness.state().settings().selected_slide, 6);
    harness.get_by_label("Up").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().settings().deck.slides[5].lens.view,
        View::Capex
    );
    harness.get_by_label("Delete").click();
    harness.run_steps(2);
    assert_eq!(harness.state().settings().deck.slides.len(), 6);
    assert!(
        harness
            .state()
            .settings()
            .deck
            .slides
            .iter()
            .all(|slide| slide.title != "Capex")
    );
}

#[test]
fn deck_files_round_trip_and_bad_ones_are_located() {
    let deck = Deck::sample().expect("sample");
    let text = deck.to_ron().expect("serializes");
    assert_eq!(parse_deck("deck.ron", &text).expect("reparses"), deck);
    let error = parse_deck(
        "deck.ron",
        &text.replacen("view: Profit", "view: Profits", 1),
    )
    .expect_err("rejected");
    assert!(
        error.to_string().contains("deck.ron:")
            && error.to_string().contains("`Profits` is not allowed here"),
        "{error}"
    );
}

#[test]
fn a_slide_in_each_presentation_theme() {
    let mut failures = Vec::new();
    for (theme, choice, name) in [
        (egui::Theme::Dark, ThemeChoice::Dark, "dark"),
        (egui::Theme::Light, ThemeChoice::Light, "light"),
    ] {
        let settings = Settings {
            theme: choice,
            selected_slide: 2,
            ..Settings::default()
        };
        let mut harness = harness(settings, theme);
        harness.run_steps(2);
        harness.key_press(Key::F5);
        harness.run_steps(4);
        if let Err(error) = harness.try_snapshot(format!("presenter_capex_{name}")) {
            failures.push(error.to_string());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
