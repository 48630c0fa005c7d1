//! Random decks — titles, takeaways and speaker notes of 0 to 10,000 characters of any Unicode,
//! and any number of notes pinned to one value — are edited, presented, stepped through and
//! drawn without a panic, and the user's deck comes out unchanged.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use flywheel::app::FlywheelApp;
use flywheel::command::Command;
use flywheel::deck::{Annotation, Deck, Slide};
use flywheel::lens::{Lens, View};
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::Metric;
use proptest::prelude::*;

use common::{CpuTestRenderer, SIZE, snapshot_options};

/// The app on the bundled data with `settings`, drawn on the CPU. Unlike the other UI tests, a
/// character no font has is drawn as a box, as in the app: random text holds many of them.
fn harness(settings: Settings) -> Harness<'static, FlywheelApp> {
    Harness::builder()
        .with_size(SIZE)
        .with_theme(egui::Theme::Dark)
        .with_render_cursor(false)
        .with_options(snapshot_options())
        .allow_missing_glyphs()
        .renderer(CpuTestRenderer::default())
        .build_eframe(move |cc| {
            let library = flywheel_model::Library::bundled().expect("bundled data is valid");
            FlywheelApp::with_settings(&cc.egui_ctx, library, settings, Vec::new())
        })
}

/// Any text up to `max` characters: any Unicode scalar, control characters, combining marks,
/// right-to-left and emoji included.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        // Mostly short, as people type them…
        proptest::collection::vec(any::<char>(), 0..40),
        // …sometimes very long, and sometimes one very long word that cannot wrap.
        proptest::collection::vec(any::<char>(), 0..=max),
        (any::<char>(), 0..=max).prop_map(|(letter, count)| vec![letter; count]),
    ]
    .prop_map(String::from_iter)
}

fn any_view() -> impl Strategy<Value = View> {
    proptest::sample::select(View::ALL.to_vec())
}

/// A slide of the sample deck with random words, so that every other field stays valid.
fn any_slide(template: Slide) -> impl Strategy<Value = Slide> {
    (
        any_text(10_000),
        any_text(10_000),
        any_text(10_000),
        any_view(),
    )
        .prop_map(move |(title, takeaway, notes, view)| Slide {
            title,
            takeaway,
            notes,
            lens: Lens {
                view,
                ..template.lens.clone()
            },
            ..template.clone()
        })
}

fn any_deck() -> impl Strategy<Value = Deck> {
    let sample = Deck::sample().expect("the bundled deck parses");
    let template = sample.slides[0].clone();
    (
        any_text(10_000),
        proptest::collection::vec(any_slide(template), 1..4),
        // Up to 300 notes, all on Amazon's record quarter: one point, many notes.
        proptest::collection::vec(any_text(300), 0..300),
    )
        .prop_map(|(title, slides, notes)| Deck {
            title,
            slides,
            annotations: notes
                .into_iter()
                .map(|text| Annotation {
                    company: "AMZN".to_owned(),
                    metric: Metric::NetIncome,
                    period: "2024Q4".to_owned(),
                    text,
                })
                .collect(),
        })
}

fn run(harness: &mut Harness<'static, FlywheelApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    harness.run_steps(2);
}

proptest! {
    // Each case lays the window out many times and draws it once on the CPU: ten decks of
    // mixed classes (empty, short, huge, unbreakable, control characters) keep the test short.
    #![proptest_config(ProptestConfig {
        cases: 10,
        failure_persistence: None,
        // A failing deck is reported as found: shrinking a 10,000-character text costs more
        // than it tells.
        max_shrink_iters: 0,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_deck_is_edited_presented_and_drawn_without_loss(deck in any_deck()) {
        let settings = Settings {
            lens: Lens {
                view: View::Profit,
                frequency: flywheel_model::Frequency::Quarterly,
                ..Lens::default()
            },
            theme: ThemeChoice::Dark,
            deck: deck.clone(),
            ..Settings::default()
        };
        let mut harness = harness(settings);
        harness.run_steps(3);
        // The side panel lists every slide, however long its title; presenting starts at the
        // selected one, the first.
        for index in (0..deck.slides.len()).rev() {
            run(&mut harness, Command::SelectSlide(index));
        }

        run(&mut harness, Command::EnterPresenter);
        harness.run_steps(2);
        let count = deck.slides.len();
        let first = format!("1 / {count}");
        prop_assert!(
            harness.query_by_label(&first).is_some(),
            "the counter shows {}; presenting: {:?}; labels: {:?}",
            first,
            harness.state().presentation().map(|shown| shown.slide),
            harness
                .query_all_by_label_contains("/")
                .map(|node| format!("{node:?}").chars().take(120).collect::<String>())
                .collect::<Vec<_>>()
        );
        for _ in 1..count {
            run(&mut harness, Command::NextSlide);
        }
        prop_assert_eq!(
            harness.state().presentation().map(|shown| shown.slide),
            Some(count - 1)
        );
        let last = format!("{count} / {count}");
        prop_assert!(
            harness.query_by_label(&last).is_some(),
            "the counter {} stays on screen beside a long title",
            last
        );
        // The speaker view, with its notes and the next slide, in each of its layouts.
        run(&mut harness, Command::CycleSpeakerView);
        run(&mut harness, Command::PreviousSlide);
        let picture = harness.render().expect("the slide is drawn");
        prop_assert_eq!(
            (picture.width(), picture.height()),
            (SIZE[0] as u32, SIZE[1] as u32)
        );
        run(&mut harness, Command::CycleSpeakerView);
        run(&mut harness, Command::ExitPresenter);

        prop_assert!(harness.state().presentation().is_none());
        prop_assert_eq!(&harness.state().settings().deck, &deck, "the deck is kept whole");
    }
}
