//! Presenter mode and decks, driven by keyboard as a clicker would.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use flywheel::deck::{Deck, fill_live_numbers, focusable_charts, parse_deck, references};
use flywheel::lens::{CustomChart, Focus, View};
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::Frequency;

use common::{default_harness, harness};

/// The app in the dark theme with `deck` as its deck.
fn deck_harness(deck: Deck) -> egui_kittest::Harness<'static, flywheel::app::FlywheelApp> {
    let settings = Settings {
        deck,
        theme: ThemeChoice::Dark,
        ..Settings::default()
    };
    harness(settings, egui::Theme::Dark)
}

/// How many characters the label containing `text` shows (a label's text is its accessible
/// value).
fn shown_chars(
    harness: &egui_kittest::Harness<'static, flywheel::app::FlywheelApp>,
    text: &str,
) -> usize {
    harness
        .get_by_label_contains(text)
        .accesskit_node()
        .value()
        .unwrap_or_default()
        .chars()
        .count()
}

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
    assert_eq!(
        drawn_ids(&harness),
        ["slide.scenario.capex", "slide.scenario.fcf"]
    );
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
fn keys_pressed_within_one_frame_each_count_in_order() {
    let mut harness = default_harness();
    // A clicker's three quick presses arrive in one frame: three slides on, not one.
    harness.key_press(Key::F5);
    harness.run_steps(2);
    for _ in 0..3 {
        harness.key_press(Key::ArrowRight);
    }
    harness.run_steps(2);
    assert_eq!(slide(&harness), Some(3));
    // Escape then F5 in one frame presents again; F5 then Escape leaves.
    harness.key_press(Key::Escape);
    harness.key_press(Key::F5);
    harness.run_steps(2);
    assert!(slide(&harness).is_some(), "presenting again");
    harness.key_press(Key::F5);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(slide(&harness), None, "left");
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
    // Columns count characters, from the value, however long the line: the second slide's
    // reference after "çé" on a line shared with the first.
    let slide = |takeaway: &str| {
        format!(
            "(title: \"a\", takeaway: \"{takeaway}\", lens: (view: Profit, frequency: Quarterly, \
             alignment: Fiscal, first_year: 2024, last_year: 2025))"
        )
    };
    let line = format!(
        "(title: \"t\", slides: [{}, {}])",
        slide("fine"),
        slide("çé {AMZN:net_income:2031Q4}")
    );
    std::fs::write(&path, &line).expect("test deck");
    let column = line.find("{AMZN").map(|at| line[..at].chars().count() + 1);
    let output = common::flywheel(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "{}:1:{}: slide \"a\": {{AMZN:net_income:2031Q4}} is not in the data\n",
            path.display(),
            column.expect("the reference")
        )
    );
    // The same reference twice is reported at each place.
    let twice = "{AMZN:net_income:2031Q4} and {AMZN:net_income:2031Q4}";
    let line = format!("(title: \"t\", slides: [{}])", slide(twice));
    std::fs::write(&path, &line).expect("test deck");
    let first = line.find('{').map_or(0, |at| at + 1);
    let second = line.rfind('{').map_or(0, |at| at + 1);
    let output = common::flywheel(&["check", path.to_str().expect("utf-8 path")]);
    let message = "slide \"a\": {AMZN:net_income:2031Q4} is not in the data";
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "{0}:1:{first}: {message}\n{0}:1:{second}: {message}\n",
            path.display()
        )
    );
}

/// Asserts the presenter view is `shown` there with speaker notes that start with `notes`.
fn assert_speaker_view(
    harness: &egui_kittest::Harness<'static, flywheel::app::FlywheelApp>,
    shown: flywheel::presenter::SpeakerView,
    notes: &str,
) {
    assert_eq!(
        harness
            .state()
            .presentation()
            .map(|presentation| presentation.speaker_view),
        Some(shown)
    );
    assert!(
        harness.query_by_label_contains(notes).is_some(),
        "the notes show"
    );
}

#[test]
fn the_presenter_view_beside_the_slide_shows_the_notes_and_both_slides_as_pictures() {
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    harness.key_press(Key::N);
    harness.run_steps(3);
    assert_speaker_view(
        &harness,
        flywheel::presenter::SpeakerView::SameWindow,
        "Microsoft's quarters are fiscal",
    );
    assert!(harness.query_by_label("Next: The AWS margin").is_some());
    assert!(harness.query_by_label_contains("elapsed").is_some());
    // The slides as pictures, the next one's too, following the slide shown.
    wait_for_pictures(&mut harness, "Record profits", "The AWS margin");
    harness.key_press(Key::ArrowRight);
    wait_for_pictures(&mut harness, "The AWS margin", "The capex race");
    assert!(harness.query_by_label("Next: The capex race").is_some());
    assert_speaker_view(
        &harness,
        flywheel::presenter::SpeakerView::SameWindow,
        "Cloud margin = segment operating income",
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
fn a_presenter_zoom_out_of_range_in_the_settings_is_brought_back_in() {
    // A hand-edited settings file: NaN, negative and infinite zooms made the windowing system
    // panic when presenting began.
    for (zoom, steps_to) in [
        (f32::NAN, 1.25),
        (-5.0, 1.0),
        (f32::INFINITY, 2.5),
        (1e30, 2.5),
    ] {
        let settings = Settings {
            presenter_zoom: zoom,
            theme: ThemeChoice::Dark,
            ..Settings::default()
        };
        let mut harness = harness(settings, egui::Theme::Dark);
        harness.run_steps(2);
        harness.key_press(Key::F5);
        harness.run_steps(2);
        let drawn = harness.ctx.zoom_factor();
        assert!(drawn.is_finite() && drawn > 0.0, "{zoom}: {drawn}");
        let bounded = flywheel::presenter::bounded_zoom(zoom);
        assert!((bounded - steps_to).abs() < 1e-6, "{zoom}: {bounded}");
        // Stepping starts from the bounded zoom.
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Minus);
        harness.run_steps(2);
        let stepped = harness.state().settings().presenter_zoom;
        assert!(
            stepped.is_finite() && stepped <= steps_to,
            "{zoom}: {stepped}"
        );
    }
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

/// Presents slide `index` (from 0) in each presentation theme and compares it with the
/// snapshots `presenter_NAME_dark` and `presenter_NAME_light`; `drawn` are the charts it shows.
fn snapshot_slide_in_each_theme(index: usize, name: &str, drawn: &[&str]) {
    let mut failures = Vec::new();
    for (theme, choice, theme_name) in [
        (egui::Theme::Dark, ThemeChoice::Dark, "dark"),
        (egui::Theme::Light, ThemeChoice::Light, "light"),
    ] {
        let settings = Settings {
            theme: choice,
            selected_slide: index,
            ..Settings::default()
        };
        let mut harness = harness(settings, theme);
        harness.run_steps(2);
        harness.key_press(Key::F5);
        harness.run_steps(4);
        assert_eq!(drawn_ids(&harness), drawn, "{theme_name}");
        if let Err(error) = harness.try_snapshot(format!("presenter_{name}_{theme_name}")) {
            failures.push(error.to_string());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_slide_in_each_presentation_theme() {
    snapshot_slide_in_each_theme(
        2,
        "capex",
        &["capex.capex", "capex.intensity", "capex.free_cash_flow"],
    );
}

/// Presses F5 and steps to slide `index` (counting from 0).
fn present_slide(
    harness: &mut egui_kittest::Harness<'static, flywheel::app::FlywheelApp>,
    index: usize,
) {
    harness.key_press(Key::F5);
    harness.run_steps(2);
    harness
        .state_mut()
        .push(flywheel::command::Command::GoToSlide(index));
    harness.run_steps(4);
    assert_eq!(slide(harness), Some(index));
}

/// Ids of the charts drawn in the last frame.
fn drawn_ids(harness: &egui_kittest::Harness<'static, flywheel::app::FlywheelApp>) -> Vec<String> {
    harness
        .state()
        .drawn_charts()
        .iter()
        .map(|chart| chart.id.clone())
        .collect()
}

#[test]
fn a_focus_slide_draws_its_one_chart_alone_and_large() {
    let mut harness = default_harness();
    present_slide(&mut harness, 1); // "The AWS margin": the cloud margin alone
    assert_eq!(drawn_ids(&harness), ["margins.cloud"]);
    let chart = harness.state().drawn_charts()[0].rect;
    assert!(
        chart.height() > 450.0 && chart.width() > 1000.0,
        "the chart fills the slide: {chart:?}"
    );
    assert!(
        harness.query_by_label("Operating margin").is_none(),
        "the view's other charts are not drawn"
    );
    // The Capex view's capex chart keeps its guidance circles when focused.
    harness
        .state_mut()
        .push(flywheel::command::Command::GoToSlide(3));
    harness.run_steps(4);
    assert_eq!(drawn_ids(&harness), ["capex.capex"]);
    assert!(
        harness
            .query_by_label_contains("with guidance (hollow circles)")
            .is_some(),
        "the focused chart is the view's own, overlays and all"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert_eq!(
        drawn_ids(&harness),
        ["overview.operating_income", "overview.capex"],
        "the dashboard shows every chart again"
    );
}

#[test]
fn a_focus_on_one_metric_or_a_flywheel_column_draws_that_chart() {
    let mut deck = Deck::sample().expect("sample");
    deck.slides.truncate(2);
    deck.slides[0].lens.focus = Some(Focus::Metric(CustomChart {
        metric: flywheel_model::Metric::CapexIntensity,
        transform: flywheel_model::metrics::Transform::Value,
    }));
    deck.slides[1].lens.view = View::Flywheel;
    deck.slides[1].lens.frequency = Frequency::Annual;
    deck.slides[1].lens.focus = Some(Focus::Chart("flywheel.msft.growth".to_owned()));
    let mut harness = deck_harness(deck);
    harness.run_steps(2);
    present_slide(&mut harness, 0);
    assert_eq!(drawn_ids(&harness), ["focus.metric"]);
    assert!(harness.query_by_label("Capex intensity").is_some());
    present_slide(&mut harness, 1);
    assert_eq!(drawn_ids(&harness), ["flywheel.msft.growth"]);
    assert!(
        harness.query_by_label("AMZN").is_none() && harness.query_by_label("MSFT").is_some(),
        "the column's chart shows its one company"
    );
}

#[test]
fn every_chart_a_slide_can_focus_is_one_its_view_draws() {
    let library = flywheel_model::Library::bundled().expect("bundled");
    for view in View::ALL {
        let mut harness = common::view_harness(view);
        if view == View::Scenario {
            // A scenario slide draws the projection's charts, not the editor's.
            present_slide(&mut harness, 6);
        }
        let lens = harness.state().settings().lens.clone();
        let offered: Vec<String> = focusable_charts(&lens, &library.tickers())
            .into_iter()
            .map(|choice| choice.id)
            .collect();
        assert_eq!(drawn_ids(&harness), offered, "{view:?}");
    }
}

#[test]
fn check_locates_a_focus_that_names_no_chart() {
    let directory = common::temp_dir("deck-focus");
    let path = directory.join("focus.ron");
    std::fs::write(
        &path,
        "(title: \"t\", slides: [(title: \"a\", takeaway: \"\",\n  lens: (view: Capex, \
         frequency: Annual, alignment: Fiscal, first_year: 2020, last_year: 2025,\n    \
         focus: Some(Chart(\"capex.capx\"))))])",
    )
    .expect("test deck");
    let output = common::flywheel(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "{}:3:12: slide \"a\" focuses the chart \"capex.capx\", which the Capex view does \
             not draw (its charts are capex.capex, capex.intensity, capex.free_cash_flow)\n",
            path.display()
        )
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn old_decks_without_a_focus_still_load() {
    let deck = parse_deck(
        "old.ron",
        "(title: \"t\", slides: [(title: \"a\", takeaway: \"\", lens: (view: Profit, \
         frequency: Annual, alignment: Fiscal, first_year: 2020, last_year: 2025))])",
    )
    .expect("a deck of before focus loads");
    assert_eq!(deck.slides[0].lens.focus, None);
    let text = deck.to_ron().expect("serializes");
    assert!(
        !text.contains("focus"),
        "no focus is written where there is none"
    );
}

#[test]
fn the_slide_editor_shows_live_numbers_filled_and_marks_a_missing_one() {
    let mut deck = Deck::sample().expect("sample");
    deck.slides[0].takeaway =
        "Amazon earned {AMZN:net_income:2024Q4}, then {AMZN:net_income:2031Q4}.".to_owned();
    let mut harness = deck_harness(deck);
    harness.run_steps(3);
    let preview = "Shows: Amazon earned $20.0B, then ‹AMZN net_income 2031Q4: no value›.";
    assert!(
        harness.query_by_label(preview).is_some(),
        "the preview under the takeaway fills the numbers"
    );
    assert!(
        harness
            .query_by_label("1 live number names no figure in the data")
            .is_some()
    );
}

#[test]
fn a_megabyte_of_slide_text_is_shown_cut_and_can_be_cut_to_edit() {
    let mut deck = Deck::sample().expect("sample");
    deck.slides[0].title = "T".repeat(1_000_000);
    deck.slides[0].takeaway = "word ".repeat(200_000);
    let mut harness = deck_harness(deck);
    harness.run_steps(3);
    // Neither text is laid out in a field: each is shown cut, with a button that cuts it.
    let cut = "Cut to 10000 characters";
    assert_eq!(harness.query_all_by_label(cut).count(), 2);
    assert!(
        harness
            .query_by_label_contains(&format!("{}…", "T".repeat(300)))
            .is_some()
    );
    // Kept whole until cut.
    assert_eq!(
        harness.state().settings().deck.slides[0].title.len(),
        1_000_000
    );
    // The editor sits low in the side panel: scroll to the button, then click it.
    harness
        .get_all_by_label(cut)
        .next()
        .expect("the title's")
        .scroll_to_me();
    harness.run_steps(4);
    harness
        .get_all_by_label(cut)
        .next()
        .expect("the title's")
        .click();
    harness.run_steps(2);
    let slide = &harness.state().settings().deck.slides[0];
    assert!(
        slide.title == "T".repeat(10_000),
        "{} bytes",
        slide.title.len()
    );
    assert_eq!(slide.takeaway.len(), 1_000_000);
    // The title is in a field now; the takeaway still waits.
    assert_eq!(harness.query_all_by_label(cut).count(), 1);
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "Slide title")
            .is_some()
    );
}

#[test]
fn a_megabyte_slide_title_is_cut_to_a_line_when_presented() {
    let mut deck = Deck::sample().expect("sample");
    deck.title = "D".repeat(1_000_000);
    deck.slides[0].title = "T".repeat(1_000_000);
    deck.slides[0].notes = "n".repeat(1_000_000);
    let mut harness = deck_harness(deck);
    harness.run_steps(2);
    present_slide(&mut harness, 0);
    // Laid out cut to 200 characters and an ellipsis, not a megabyte long and truncated.
    assert_eq!(shown_chars(&harness, &"T".repeat(200)), 201);
    assert_eq!(shown_chars(&harness, &"D".repeat(200)), 201);
    // The speaker view cuts the notes to about a page.
    harness.key_press(Key::N);
    harness.run_steps(4);
    assert_eq!(shown_chars(&harness, &"n".repeat(5_000)), 5_001);
}

#[test]
fn a_right_click_on_a_value_inserts_its_live_number_into_the_slide() {
    let mut harness = common::view_harness(View::Profit);
    let chart = harness
        .state()
        .drawn_charts()
        .iter()
        .find(|chart| chart.id == "profit.revenue")
        .expect("the revenue chart")
        .rect;
    // Right-click across the plot until the menu offers a value's live number.
    let mut offered = None;
    'search: for row in 1..6 {
        for column in 1..16 {
            #[expect(clippy::cast_precision_loss, reason = "small grid")]
            let position = egui::pos2(
                chart.left() + chart.width() * column as f32 / 16.0,
                chart.top() + chart.height() * row as f32 / 6.0,
            );
            for pressed in [true, false] {
                harness
                    .input_mut()
                    .events
                    .push(egui::Event::PointerMoved(position));
                harness.input_mut().events.push(egui::Event::PointerButton {
                    pos: position,
                    button: egui::PointerButton::Secondary,
                    pressed,
                    modifiers: egui::Modifiers::NONE,
                });
                harness.run_steps(1);
            }
            harness.run_steps(2);
            if let Some(node) = harness.query_by_label_contains("into the slide's takeaway") {
                offered = node.accesskit_node().label();
                break 'search;
            }
            harness.key_press(Key::Escape);
            harness.run_steps(2);
        }
    }
    let offered = offered.expect("a value near the pointer offers its live number");
    let reference = offered
        .strip_prefix("Insert ")
        .and_then(|rest| rest.strip_suffix(" into the slide's takeaway"))
        .expect("the menu names the reference")
        .to_owned();
    assert!(
        reference.starts_with("{AMZN:revenue:FY")
            || reference.starts_with("{GOOGL:revenue:FY")
            || reference.starts_with("{MSFT:revenue:FY"),
        "{reference}"
    );
    harness.get_by_label(&offered).click();
    harness.run_steps(3);
    let takeaway = &harness.state().settings().deck.slides[0].takeaway;
    assert!(takeaway.ends_with(&format!(" {reference}")), "{takeaway}");
    assert_eq!(
        harness.state().notices().message(),
        Some(
            format!(
                "Inserted {reference} into the takeaway of slide 1 \u{201c}Record profits\u{201d}."
            )
            .as_str()
        )
    );
}

/// Runs frames until the presenter view's pictures of the slide shown (`now`) and the next
/// (`next`) are drawn, on threads of their own.
fn wait_for_pictures(
    harness: &mut egui_kittest::Harness<'static, flywheel::app::FlywheelApp>,
    now: &str,
    next: &str,
) {
    for _ in 0..200 {
        harness.run_steps(1);
        if harness
            .query_by_label(&format!("Picture of the slide shown: {now}"))
            .is_some()
            && harness
                .query_by_label(&format!("Picture of the next slide: {next}"))
                .is_some()
        {
            harness.run_steps(1);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the picture of the next slide ({next}) was never drawn");
}

// egui_kittest has no second native window: a viewport is embedded in the first as a window,
// as egui does wherever the system gives only one. The test drives that window; eframe shows
// the same contents in a window of its own.
#[test]
fn the_presenter_view_in_a_second_window_leaves_the_slide_alone() {
    let mut harness = default_harness();
    harness.key_press(Key::F5);
    harness.run_steps(3);
    let widest_chart = |harness: &egui_kittest::Harness<'static, flywheel::app::FlywheelApp>| {
        harness
            .state()
            .drawn_charts()
            .iter()
            .map(|chart| chart.rect.width())
            .fold(0.0, f32::max)
    };
    let alone = widest_chart(&harness);
    harness.key_press(Key::N);
    harness.run_steps(2);
    assert!(
        widest_chart(&harness) < alone,
        "beside the slide, the view takes room"
    );
    harness.key_press(Key::N);
    wait_for_pictures(&mut harness, "Record profits", "The AWS margin");
    assert_speaker_view(
        &harness,
        flywheel::presenter::SpeakerView::SecondWindow,
        "Microsoft's quarters are fiscal",
    );
    assert!(harness.query_by_label("Flywheel: presenter view").is_some());
    assert!(
        (widest_chart(&harness) - alone).abs() < 0.5,
        "in a second window, the room's slide keeps the whole window"
    );
    harness.key_press(Key::N);
    harness.run_steps(3);
    assert!(harness.query_by_label("Flywheel: presenter view").is_none());
}

#[test]
fn focus_slides_in_each_presentation_theme() {
    snapshot_slide_in_each_theme(1, "focus", &["margins.cloud"]);
}

/// The picture of slide `index` (from 0) of the sample deck, reached by stepping from slide
/// `from` or, with `from == index`, shown first.
fn slide_picture(index: usize, from: usize) -> image::RgbaImage {
    let settings = Settings {
        theme: ThemeChoice::Dark,
        selected_slide: from,
        ..Settings::default()
    };
    let mut harness = harness(settings, egui::Theme::Dark);
    harness.run_steps(2);
    harness.key_press(Key::F5);
    harness.run_steps(4);
    for _ in from..index {
        harness.key_press(Key::ArrowRight);
        harness.run_steps(4);
    }
    assert_eq!(slide(&harness), Some(index));
    harness.render().expect("the slide renders")
}

#[test]
fn a_slide_looks_the_same_however_it_is_reached() {
    // Slides 3 and 4 show the Capex view over other years: the second must not keep the
    // first one's axes.
    let stepped = slide_picture(3, 2);
    let direct = slide_picture(3, 3);
    let differing = stepped
        .pixels()
        .zip(direct.pixels())
        .filter(|(a, b)| a != b)
        .count();
    assert!(differing < 50, "{differing} pixels differ");
}
