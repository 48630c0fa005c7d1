//! `flywheel render --deck DECK --out FILE.pdf`: a page per slide, in order, with no display.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use common::{flywheel, temp_dir};

/// How many page objects a PDF holds (`/Type /Page`, not the `/Type /Pages` tree).
fn page_count(pdf: &[u8]) -> usize {
    let marker = b"/Type /Page";
    pdf.windows(marker.len() + 1)
        .filter(|window| window.starts_with(marker) && window[marker.len()] != b's')
        .count()
}

#[test]
fn the_sample_deck_becomes_a_pdf_with_a_page_per_slide() {
    let directory = temp_dir("deck-pdf");
    let out = directory.join("deck.pdf");
    let output = flywheel(&[
        "render",
        "--deck",
        "data/deck.ron",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("wrote {} (7 pages)\n", out.display())
    );
    let pdf = std::fs::read(&out).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF header");
    assert_eq!(page_count(&pdf), 7);
    assert!(
        pdf.windows(b"The AI capex race".len())
            .any(|window| window == b"The AI capex race"),
        "the deck's title is the document's"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&directory)
        .expect("folder")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name())
        .filter(|name| name != "deck.pdf")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file is left: {leftovers:?}"
    );
}

#[test]
fn a_deck_without_a_slide_or_a_pdf_is_refused() {
    let directory = temp_dir("deck-no-slide");
    let out = directory.join("deck.png");
    let output = flywheel(&[
        "render",
        "--deck",
        "data/deck.ron",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "flywheel render: --deck draws a --slide as PNG, or every slide with --out FILE.pdf\n"
    );
    assert!(!out.exists());
}

#[test]
fn the_file_menu_exports_the_deck_and_leaves_the_window_as_it_was() {
    let directory = temp_dir("deck-pdf-menu");
    let out = directory.join("talk.pdf");
    let ctx = egui::Context::default();
    let library = flywheel_model::Library::bundled().expect("bundled data");
    let mut app = flywheel::app::FlywheelApp::with_settings(
        &ctx,
        library,
        flywheel::settings::Settings::default(),
        Vec::new(),
    );
    app.apply(
        &ctx,
        flywheel::command::Command::FileChosen(
            flywheel::files::FileAction::ExportDeckPdf,
            out.clone(),
        ),
    );
    assert_eq!(
        app.notices().message(),
        Some(format!("Saved the deck to {}.", out.display()).as_str())
    );
    let pdf = std::fs::read(&out).expect("the PDF was written");
    assert_eq!(page_count(&pdf), 7);
    assert!(app.presentation().is_none(), "the window is not presenting");
    assert_eq!(app.settings().lens.view, flywheel::lens::View::Overview);
}
