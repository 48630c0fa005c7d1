//! `flywheel render`, run as a script would: every view to PNG off-screen, at the asked size,
//! with something drawn; a deck's slide at 2×; clear errors for bad input.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Output;

use common::{flywheel, temp_dir};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The picture's size, and the share of its pixels that differ from its most common colour
/// (the background): a blank or single-colour picture has none.
fn inspect(path: &Path) -> ((u32, u32), f64) {
    let picture = image::open(path).expect("a PNG").to_rgba8();
    let mut counts: HashMap<[u8; 4], usize> = HashMap::new();
    for pixel in picture.pixels() {
        *counts.entry(pixel.0).or_default() += 1;
    }
    let background = counts.values().copied().max().unwrap_or(0);
    let total = picture.pixels().len();
    #[expect(clippy::cast_precision_loss, reason = "pixel counts of a test picture")]
    let drawn = (total - background) as f64 / total as f64;
    (picture.dimensions(), drawn)
}

#[test]
fn every_view_renders_at_the_asked_size_and_is_not_blank() {
    let directory = temp_dir("render-views");
    let cases = [
        ("overview", "1280", "800", "light"),
        ("profit", "1920", "1080", "dark"),
        ("margins", "1024", "768", "light"),
        ("capex", "1280", "800", "dark"),
        ("cloud", "1600", "900", "light"),
        ("scenario", "1440", "900", "dark"),
    ];
    for (view, width, height, theme) in cases {
        let out = directory.join(format!("{view}.png"));
        let out_text = out.to_string_lossy().into_owned();
        let output = flywheel(&[
            "render", "--view", view, "--out", &out_text, "--width", width, "--height", height,
            "--theme", theme,
        ]);
        assert!(output.status.success(), "{view}: {}", stderr(&output));
        let ((pixels_wide, pixels_high), drawn) = inspect(&out);
        assert_eq!(
            (pixels_wide.to_string(), pixels_high.to_string()),
            (width.to_owned(), height.to_owned()),
            "{view} is the asked size"
        );
        assert!(
            drawn > 0.04,
            "{view} has only {:.1}% of its pixels drawn",
            drawn * 100.0
        );
    }
}

#[test]
fn a_slide_renders_at_twice_the_density() {
    let directory = temp_dir("render-slide");
    let out = directory.join("slide.png");
    let output = flywheel(&[
        "render",
        "--deck",
        "data/deck.ron",
        "--slide",
        "3",
        "--out",
        &out.to_string_lossy(),
        "--width",
        "800",
        "--height",
        "600",
        "--scale",
        "2",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (size, drawn) = inspect(&out);
    assert_eq!(size, (1600, 1200));
    assert!(drawn > 0.04, "only {:.1}% drawn", drawn * 100.0);
}

#[test]
fn bad_requests_fail_with_a_clear_message_and_write_nothing() {
    let directory = temp_dir("render-errors");
    let out = directory.join("never.png");
    let out_text = out.to_string_lossy().into_owned();

    let output = flywheel(&["render", "--slide", "9", "--out", &out_text]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("there is no slide 9; the deck \"The AI capex race\" has 7"),
        "{}",
        stderr(&output)
    );

    let bad_deck = directory.join("bad-deck.ron");
    std::fs::write(
        &bad_deck,
        "(\n    title: \"Broken\",\n    slides: [\n        (title: 3),\n    ],\n)\n",
    )
    .expect("write fixture");
    let output = flywheel(&[
        "render",
        "--deck",
        &bad_deck.to_string_lossy(),
        "--slide",
        "1",
        "--out",
        &out_text,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("{}:4:", bad_deck.display())),
        "names the file and line: {message}"
    );

    let output = flywheel(&["render", "--out", &out_text]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "--view or --slide is required"
    );
    assert!(stderr(&output).contains("--view"), "{}", stderr(&output));

    assert!(!out.exists(), "no picture is written for a bad request");
}
