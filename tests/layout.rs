//! Layout with many companies: the Overview's cards wrap into rows and scroll, the status line
//! stays on one line without overlapping, at a laptop's 1280×800 and a desktop's 1920×1080.
//! The companies beyond the bundled three are copies of them under new tickers.

// A broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use flywheel::app::FlywheelApp;
use flywheel::lens::{Lens, View};
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::{Library, Origin};

/// The bundled companies, then copies of them as `AMZN2`, `GOOGL2`, `MSFT2`, `AMZN3`, …, up to
/// `count` companies.
fn companies(count: usize) -> Library {
    let bundled = Library::bundled().expect("bundled data is valid");
    let originals: Vec<_> = bundled
        .entries()
        .iter()
        .map(|entry| entry.dataset.clone())
        .collect();
    let mut library = Library::new();
    for index in 0..count {
        let mut dataset = originals[index % originals.len()].clone();
        let copy = index / originals.len() + 1;
        if copy > 1 {
            dataset.company.ticker = format!("{}{copy}", dataset.company.ticker);
            dataset.company.name = format!("{} (copy {copy})", dataset.company.name);
        }
        library.insert(
            vec![dataset],
            &Origin::File(format!("synthetic-{index}.ron")),
        );
    }
    library
}

/// The app on `view` with `count` companies, in the dark theme, at `size`.
fn harness(count: usize, size: [f32; 2], view: View) -> Harness<'static, FlywheelApp> {
    let settings = Settings {
        lens: Lens {
            view,
            ..Lens::default()
        },
        theme: ThemeChoice::Dark,
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size(size)
        .with_theme(egui::Theme::Dark)
        .with_render_cursor(false)
        .with_options(common::snapshot_options())
        .wgpu()
        .build_eframe(move |cc| {
            FlywheelApp::with_settings(&cc.egui_ctx, companies(count), settings, Vec::new())
        });
    harness.run_steps(4);
    harness
}

#[test]
fn overview_with_four_and_eight_companies_matches_its_snapshots() {
    let mut failures = Vec::new();
    for count in [4, 8] {
        for (size, name) in [
            ([1280.0, 800.0], "1280x800"),
            ([1920.0, 1080.0], "1920x1080"),
        ] {
            let mut harness = harness(count, size, View::Overview);
            if let Err(error) = harness.try_snapshot(format!("overview_{count}_companies_{name}")) {
                failures.push(error.to_string());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cards_wrap_into_even_rows_of_at_most_four() {
    use flywheel::views::overview::cards_per_row;
    // 1280×800 leaves about 1024 points beside the side panel; 1920×1080 about 1664.
    let laptop: Vec<usize> = (1..=12)
        .map(|count| cards_per_row(count, 1024.0, 8.0))
        .collect();
    assert_eq!(laptop, [1, 2, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3]);
    let desktop: Vec<usize> = (1..=12)
        .map(|count| cards_per_row(count, 1664.0, 8.0))
        .collect();
    assert_eq!(desktop, [1, 2, 3, 4, 3, 3, 4, 4, 3, 4, 4, 4]);
    assert_eq!(cards_per_row(0, 1024.0, 8.0), 1);
    assert_eq!(cards_per_row(3, 100.0, 8.0), 1);
    assert_eq!(cards_per_row(3, f32::NAN, 8.0), 1);
}

/// Whether two rectangles share any area (touching edges do not count).
fn overlap(a: egui::Rect, b: egui::Rect) -> bool {
    a.intersect(b).area() > 0.5
}

#[test]
fn nothing_overlaps_or_leaves_the_window_with_one_to_twelve_companies() {
    // Each company's counts fit beside the message up to three companies at 1280 and five at
    // 1920; beyond that one summary takes their place.
    for (size, width, most_listed) in [([1280.0, 800.0], 1280.0, 3), ([1920.0, 1080.0], 1920.0, 5)]
    {
        for count in 1..=12 {
            let mut harness = harness(count, size, View::Overview);
            let names: Vec<String> = companies(count)
                .entries()
                .iter()
                .map(|entry| entry.dataset.company.name.clone())
                .collect();
            // Rows out of sight are not laid out: scroll down until every card has been seen,
            // checking at each step that the cards in view stay inside and apart.
            let mut seen = std::collections::HashSet::new();
            for _ in 0..30 {
                // Each card has one line saying which period it shows.
                let cards: Vec<egui::Rect> = harness
                    .query_all_by_label_contains(" · ended ")
                    .map(|node| node.rect())
                    .collect();
                for (index, card) in cards.iter().enumerate() {
                    assert!(
                        card.right() <= width,
                        "card {index} of {count} leaves the {width} window: {card:?}"
                    );
                    for other in &cards[index + 1..] {
                        assert!(
                            !overlap(*card, *other),
                            "{count} at {width}: {card:?} {other:?}"
                        );
                    }
                }
                seen.extend(
                    names
                        .iter()
                        .filter(|name| harness.query_by_label(name).is_some())
                        .cloned(),
                );
                if seen.len() == count {
                    break;
                }
                harness
                    .query_all_by_label_contains(" · ended ")
                    .last()
                    .expect("a card in view while some are unseen")
                    .scroll_down();
                harness.run_steps(2);
            }
            assert_eq!(seen.len(), count, "{count} companies at {width}");
            harness.get_by_label("Same period for all").scroll_to_me();
            harness.run_steps(2);
            // The status line: what it says about the companies ends before the hint starts.
            let hint = harness
                .get_by_label_contains("Figures in US$ billions from SEC filings")
                .rect();
            let status_top = hint.top() - 4.0;
            let status_labels: Vec<egui::Rect> = harness
                .query_all_by_label_contains("")
                .map(|node| node.rect())
                .filter(|rect| rect.top() >= status_top && rect.right() < hint.left() + 1.0)
                .collect();
            assert!(!status_labels.is_empty(), "{count} at {width}");
            for label in &status_labels {
                assert!(
                    !overlap(*label, hint),
                    "{count} at {width}: {label:?} {hint:?}"
                );
            }
            assert!(hint.right() <= width + 0.5, "{count} at {width}: {hint:?}");
            let summary = format!("{count} companies");
            let summarised = harness.query_by_label(&summary).is_some();
            assert_eq!(summarised, count > most_listed, "{count} at {width}");
        }
    }
}

#[test]
fn a_company_name_of_ten_thousand_characters_is_cut_to_its_card() {
    let mut library = companies(3);
    let mut dataset = library.entries()[0].dataset.clone();
    dataset.company.name = format!("Very\u{1b}[2J{}", "long name ".repeat(1_000));
    library.insert(vec![dataset], &Origin::File("long-name.ron".to_owned()));
    let settings = Settings {
        theme: ThemeChoice::Dark,
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_theme(egui::Theme::Dark)
        .build_eframe(move |cc| {
            FlywheelApp::with_settings(&cc.egui_ctx, library, settings, Vec::new())
        });
    harness.run_steps(4);
    // The name is drawn with its escape visible, cut short, in the side panel (240 points
    // wide) and on its card, where the ticker after it still shows.
    let drawn: Vec<_> = harness
        .query_all_by_label_contains("Very\\u{1b}[2Jlong name long name")
        .collect();
    assert_eq!(drawn.len(), 2);
    for node in &drawn {
        let label = node.accesskit_node().label().unwrap_or_default();
        assert!(
            label.chars().count() <= 81,
            "{} characters",
            label.chars().count()
        );
    }
    let (panel, card) = (drawn[0].rect(), drawn[1].rect());
    assert!(panel.right() <= 240.0, "{panel:?}");
    assert!(card.left() > 240.0 && card.right() <= 1280.0, "{card:?}");
    let ticker = harness
        .query_all_by_label("AMZN")
        .map(|node| node.rect())
        .find(|rect| (rect.center().y - card.center().y).abs() < 12.0)
        .expect("the ticker beside the name");
    assert!(ticker.left() >= card.right() - 0.5, "{ticker:?} {card:?}");
    assert!(ticker.right() <= 1280.0, "{ticker:?}");
}
