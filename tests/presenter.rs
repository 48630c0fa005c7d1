//! Presenter mode and decks, driven by keyboard as a clicker would.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use flywheel::deck::{Deck, fill_live_numbers, parse_deck, references};
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
fn the_sample_deck_tells_the_story_in_seven_slides() {
    let deck = Deck::sample().expect("the bundled deck parses");
    assert_eq!(deck.slides.len(), 7);
    assert_eq!(deck.slides[0].title, "Record profits");
    assert_eq!(deck.slides[6].lens.view, View::Scenario);
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
        harness.query_by_label("1 / 7").is_some(),
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
        (Key::End, 6),
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
        harness.query_by_label("2 / 7").is_none(),
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
fn a_scenario_slide_shows_its_charts_and_payback_never_the_sliders() {
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    harness.key_press(Key::End); // "When does it pay back?": the Scenario view
    harness.run_steps(3);
    assert_eq!(harness.state().settings().lens.view, View::Scenario);
    assert!(
        harness
            .query_by_role_and_label(Role::Slider, "AI revenue yield")
            .is_none(),
        "no slider on a slide"
    );
    let charts: Vec<&str> = harness
        .state()
        .drawn_charts()
        .iter()
        .map(|chart| chart.id.as_str())
        .collect();
    assert_eq!(charts, ["slide.scenario.capex", "slide.scenario.fcf"]);
    assert!(
        harness
            .query_by_label_contains("AMZN: not by 2030")
            .is_some(),
        "the payback of the 2025 capex is on the slide"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().settings().lens.view, View::Overview);
}

/// Presses and releases `button` at the middle of the window.
fn click(
    harness: &mut egui_kittest::Harness<'static, flywheel::app::FlywheelApp>,
    button: egui::PointerButton,
) {
    let position = egui::pos2(common::SIZE[0] / 2.0, common::SIZE[1] / 2.0);
    for pressed in [true, false] {
        harness
            .input_mut()
            .events
            .push(egui::Event::PointerMoved(position));
        harness.input_mut().events.push(egui::Event::PointerButton {
            pos: position,
            button,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

#[test]
fn a_left_click_advances_and_a_right_click_goes_back() {
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(3);
    click(&mut harness, egui::PointerButton::Primary);
    assert_eq!(slide(&harness), Some(1));
    click(&mut harness, egui::PointerButton::Primary);
    assert_eq!(slide(&harness), Some(2));
    click(&mut harness, egui::PointerButton::Secondary);
    assert_eq!(slide(&harness), Some(1));
}

#[test]
fn presenter_mode_shows_no_button_and_no_footnote() {
    let mut harness = default_harness();
    assert!(
        harness.query_all_by_role(Role::Button).next().is_some(),
        "the dashboard has buttons"
    );
    harness.key_press(Key::F5);
    harness.run_steps(3);
    for index in 0..7 {
        assert_eq!(slide(&harness), Some(index));
        let buttons: Vec<String> = harness
            .query_all_by_role(Role::Button)
            .map(|node| format!("{node:?}"))
            .collect();
        assert!(buttons.is_empty(), "slide {index} shows {buttons:?}");
        assert!(harness.query_by_label("Table").is_none());
        assert!(harness.query_by_label_contains("hover for why").is_none());
        assert!(harness.query_by_label_contains("•").is_none());
        harness.key_press(Key::ArrowRight);
        harness.run_steps(3);
    }
}

#[test]
fn every_live_number_of_a_takeaway_is_drawn_on_its_slide() {
    let deck = Deck::sample().expect("sample");
    let library = flywheel_model::Library::bundled().expect("bundled");
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(3);
    for (index, slide_shown) in deck.slides.iter().enumerate() {
        assert_eq!(slide(&harness), Some(index));
        let lens = &harness.state().settings().lens;
        let charted: Vec<flywheel_model::Metric> = harness
            .state()
            .drawn_charts()
            .iter()
            .map(|chart| chart.metric)
            .collect();
        let references = references(&slide_shown.takeaway);
        assert!(!references.is_empty(), "slide {index} has a live number");
        for reference in references {
            let figure = reference.figure.expect("a well-formed reference");
            let metric = figure.measure.charted_as();
            assert!(
                charted.contains(&metric),
                "slide {index}: {figure:?} is not on its charts {charted:?}"
            );
            assert!(!lens.hidden_companies.contains(&figure.ticker));
            assert_eq!(
                figure.options(),
                (lens.frequency, lens.alignment),
                "slide {index}: {figure:?} is in other periods than the slide's"
            );
            let dataset = library.get(&figure.ticker).expect("company");
            let points = flywheel_model::series(dataset, metric, lens.frequency, lens.alignment);
            let point = points
                .points
                .iter()
                .find(|point| point.slot.label == figure.period)
                .expect("the period is in the data");
            assert!(
                lens.contains(&point.slot),
                "slide {index}: {figure:?} is outside the slide's years"
            );
            assert!(figure.value(&library).is_some(), "{figure:?} has a value");
        }
        harness.key_press(Key::ArrowRight);
        harness.run_steps(3);
    }
}

#[test]
fn a_takeaway_follows_the_data() {
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    harness.key_press(Key::ArrowRight);
    harness.key_press(Key::ArrowRight); // "The capex race": Amazon's FY2022 capex
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("Amazon $63.6B to $131.8B")
            .is_some()
    );
    // A dataset that replaces Amazon's 2022 capex (the year and its fourth quarter, so that
    // the quarters still add up).
    let text = std::fs::read_to_string("data/amzn.ron").expect("bundled dataset");
    assert_eq!(text.matches("capex: 63.645,").count(), 1);
    assert_eq!(text.matches("capex: 16.592,").count(), 1);
    let changed = text
        .replace("capex: 63.645,", "capex: 64.645,")
        .replace("capex: 16.592,", "capex: 17.592,");
    harness
        .state_mut()
        .push(flywheel::command::Command::OpenBytes {
            name: "amzn.ron".to_owned(),
            bytes: changed.into_bytes(),
        });
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("Amazon $64.6B to $131.8B")
            .is_some(),
        "the takeaway shows the new figure"
    );
}

#[test]
fn a_missing_figure_shows_a_mark_and_is_located_by_check() {
    let library = flywheel_model::Library::bundled().expect("bundled");
    assert_eq!(
        fill_live_numbers(
            "{AMZN:net_income:2031Q4} and {AMZN:revenue_growth:FY2024}",
            &library
        ),
        "‹AMZN net_income 2031Q4: no value› and +11.0%"
    );
    let directory = common::temp_dir("deck-check");
    let path = directory.join("stale.ron");
    std::fs::write(
        &path,
        "(title: \"t\", slides: [(title: \"a\",\n  takeaway: \"x {AMZN:net_income:2031Q4}\", \
         lens: (view: Profit, frequency: Quarterly, alignment: Fiscal, first_year: 2024, \
         last_year: 2025))])",
    )
    .expect("test deck");
    let output = common::flywheel(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "{}:2:16: slide \"a\": {{AMZN:net_income:2031Q4}} is not in the data\n",
            path.display()
        )
    );
}

#[test]
fn the_presenter_view_beside_the_slide_shows_the_notes_and_the_next_slide() {
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    harness.key_press(Key::N);
    harness.run_steps(3);
    assert_eq!(
        harness
            .state()
            .presentation()
            .map(|presentation| presentation.speaker_view),
        Some(flywheel::presenter::SpeakerView::SameWindow)
    );
    assert!(harness.query_by_label("Next: The AWS margin").is_some());
    assert!(
        harness
            .query_by_label_contains("Microsoft's quarters are fiscal")
            .is_some(),
        "the notes show"
    );
    assert!(harness.query_by_label_contains("elapsed").is_some());
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

/// The deck sits below the side panel's settings: scroll a button into view, as a user would,
/// then click it.
fn click_in_side_panel(
    harness: &mut egui_kittest::Harness<'static, flywheel::app::FlywheelApp>,
    label: &str,
) {
    harness.get_by_label(label).scroll_to_me();
    harness.run_steps(4);
    harness.get_by_label(label).click();
    harness.run_steps(2);
}

#[test]
fn add_reorder_and_delete_a_slide() {
    let mut harness = default_harness();
    harness.get_by_role_and_label(Role::Button, "Capex").click();
    harness.run_steps(2);
    click_in_side_panel(&mut harness, "Add view");
    let deck = &harness.state().settings().deck;
    assert_eq!(deck.slides.len(), 8);
    assert_eq!(deck.slides[7].lens.view, View::Capex);
    assert_eq!(harness.state().settings().selected_slide, 7);
    click_in_side_panel(&mut harness, "Up");
    assert_eq!(
        harness.state().settings().deck.slides[6].lens.view,
        View::Capex
    );
    click_in_side_panel(&mut harness, "Delete");
    assert_eq!(harness.state().settings().deck.slides.len(), 7);
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
