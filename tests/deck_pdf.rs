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

/// Exports the chart `id` shown in `harness` as PNG at `scale`, asked for as a menu asks (the
/// command carried out after the frame that drew the menu), and returns the picture's size.
fn export_chart(
    harness: &mut egui_kittest::Harness<'static, flywheel::app::FlywheelApp>,
    id: &str,
    scale: u8,
) -> (u32, u32) {
    let path = temp_dir("chart-source-line").join(format!("{id}@{scale}x.png"));
    harness
        .state_mut()
        .push(flywheel::command::Command::FileChosen(
            flywheel::files::FileAction::Export(flywheel::export::ExportChoice::Picture {
                target: flywheel::export::PictureTarget::Chart(id.to_owned()),
                scale,
            }),
            path.clone(),
        ));
    harness.run_steps(6);
    image::open(&path)
        .expect("a PNG was written")
        .to_rgba8()
        .dimensions()
}

#[test]
fn a_chart_exported_at_1x_carries_the_source_line_as_at_2x() {
    let mut harness = common::view_harness(flywheel::lens::View::Margins);
    let chart = harness
        .state()
        .drawn_charts()
        .iter()
        .find(|chart| chart.id == "margins.operating")
        .expect("the operating margin chart")
        .rect;
    let (width, height) = export_chart(&mut harness, "margins.operating", 1);
    let (width_2x, height_2x) = export_chart(&mut harness, "margins.operating", 2);
    assert!(
        width.abs_diff(width_2x / 2) <= 1 && height.abs_diff(height_2x / 2) <= 1,
        "1× is 2× halved: {width}×{height} against {width_2x}×{height_2x}"
    );
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "test sizes"
    )]
    let without_line = chart.height().round() as u32;
    assert!(
        height >= without_line + 10,
        "the 1× picture ({height} high) holds the chart ({without_line}) and its source line"
    );
    assert!(!harness.state().picture_under_way());
}

#[test]
fn a_deck_longer_than_a_pdf_holds_is_refused_before_drawing() {
    let directory = temp_dir("deck-pdf-long");
    let deck = directory.join("long.ron");
    let slide = "(title: \"s\", takeaway: \"\", lens: (view: Profit, frequency: Annual, \
                 alignment: Fiscal, first_year: 2022, last_year: 2026)),";
    std::fs::write(
        &deck,
        format!("(title: \"long\", slides: [{}])", slide.repeat(301)),
    )
    .expect("fixture");
    let out = directory.join("long.pdf");
    let output = flywheel(&[
        "render",
        "--deck",
        deck.to_str().expect("utf-8 path"),
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "flywheel render: the deck has 301 slides; a PDF holds at most 300 (each page is a \
         picture of its slide, all held until the file is written): split the deck\n"
    );
    assert!(!out.exists());
}
