//! Exports from the window: a chart or the window as PNG at 1× and 2×, the clipboard, and the
//! numbers behind a chart or a view as CSV.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use flywheel::app::FlywheelApp;
use flywheel::command::Command;
use flywheel::export::ExportChoice;
use flywheel::export::PictureTarget;
use flywheel::lens::View;
use flywheel_model::metrics::Transform;

use common::{SIZE, temp_dir, view_harness};

/// Exports `choice` to the file `name`, as the save dialog's answer would, and runs `steps`
/// frames for it to be written.
fn export(
    harness: &mut Harness<'static, FlywheelApp>,
    choice: ExportChoice,
    name: &str,
    steps: usize,
) -> PathBuf {
    let ctx = harness.ctx.clone();
    let path = temp_dir("export").join(name);
    harness.state_mut().export_to(&ctx, choice, &path);
    harness.run_steps(steps);
    path
}

/// The text of an exported CSV file.
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("the CSV was written")
}

fn png_size(path: &Path) -> (u32, u32) {
    image::open(path)
        .expect("a PNG was written")
        .to_rgba8()
        .dimensions()
}

#[test]
fn each_chart_has_an_export_menu() {
    let mut harness = view_harness(View::Capex);
    harness
        .get_all_by_label("Export")
        .next()
        .expect("an Export menu per chart")
        .click();
    harness.run_steps(2);
    for item in [
        "Save chart as PNG…",
        "Save chart as PNG at 2×…",
        "Copy chart image",
        "Save chart numbers as CSV…",
    ] {
        assert!(harness.query_by_label(item).is_some(), "{item} is offered");
    }
}

#[test]
fn copy_chart_image_puts_the_chart_on_the_clipboard() {
    let mut harness = view_harness(View::Capex);
    harness
        .get_all_by_label("Export")
        .next()
        .expect("an Export menu per chart")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Copy chart image").click();
    let mut copied = None;
    for _ in 0..6 {
        harness.step();
        copied =
            harness
                .output()
                .platform_output
                .commands
                .iter()
                .find_map(|command| match command {
                    egui::OutputCommand::CopyImage(image) => Some(image.size),
                    _ => None,
                });
        if copied.is_some() {
            break;
        }
    }
    let [width, height] = copied.expect("an image was copied");
    let chart = harness
        .state()
        .drawn_charts()
        .iter()
        .find(|chart| chart.id == "capex.capex")
        .expect("the capex chart is drawn")
        .rect;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "test sizes"
    )]
    let expected_width = chart.width().round() as usize;
    assert!(
        width.abs_diff(expected_width) <= 1,
        "the copy is the chart's width ({width} against {expected_width})"
    );
    assert!(
        height > 100 && height < 400,
        "the copy is one chart high: {height}"
    );
    assert!(
        harness
            .state()
            .notices()
            .message()
            .is_some_and(|message| message.starts_with("Copied a")),
        "{:?}",
        harness.state().notices().message()
    );
    assert!(
        !harness.state().picture_under_way(),
        "the source line is gone once exported"
    );
}

#[test]
fn a_chart_at_1x_and_the_window_at_2x_as_png() {
    let mut harness = view_harness(View::Margins);
    let chart_file = export(
        &mut harness,
        ExportChoice::Picture {
            target: PictureTarget::Chart("margins.operating".to_owned()),
            scale: 1,
        },
        "margins-operating.png",
        4,
    );
    let (width, height) = png_size(&chart_file);
    assert!(width > 900 && width < 1100, "one chart wide: {width}");
    assert!(height > 150 && height < 320, "one chart high: {height}");

    let window_file = export(
        &mut harness,
        ExportChoice::Picture {
            target: PictureTarget::Window,
            scale: 2,
        },
        "window@2x.png",
        3,
    );
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "test sizes"
    )]
    let expected = ((SIZE[0] * 2.0) as u32, (SIZE[1] * 2.0) as u32);
    assert_eq!(png_size(&window_file), expected);
    assert!(
        harness
            .state()
            .notices()
            .message()
            .is_some_and(|message| message.contains("2560×1600")),
        "{:?}",
        harness.state().notices().message()
    );
}

#[test]
fn the_numbers_of_a_chart_and_of_a_view_as_csv() {
    let mut harness = view_harness(View::Capex);
    let text = read(&export(
        &mut harness,
        ExportChoice::Csv {
            chart: Some("capex.capex".to_owned()),
        },
        "capex.csv",
        1,
    ));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("company,period,period_end,metric,unit,value,missing_because,sources")
    );
    assert!(
        text.contains(
            "AMZN,FY2024,2024-12-31,capex,US$ B,82.999,,\
             Form 10-K for fiscal year 2024 (filed 2025-02-07)"
        ),
        "{text}"
    );
    assert!(
        lines.all(|line| line.contains(",capex,")),
        "only the chart's metric"
    );

    let text = read(&export(
        &mut harness,
        ExportChoice::Csv { chart: None },
        "capex-view.csv",
        1,
    ));
    for metric in ["capex", "capex_intensity", "free_cash_flow"] {
        assert!(
            text.contains(&format!(",{metric},")),
            "the view's {metric} is there"
        );
    }
}

#[test]
fn a_chart_exports_the_values_it_shows_under_a_transform() {
    let mut harness = view_harness(View::Capex);
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, Command::SetTransform(Transform::YearOnYear));
    harness.run_steps(2);
    let text = read(&export(
        &mut harness,
        ExportChoice::Csv {
            chart: Some("capex.capex".to_owned()),
        },
        "capex-yoy.csv",
        1,
    ));
    // Amazon's capex FY2024 on FY2023: 82,999 / 52,729 − 1 = +57.407%, as the chart draws it.
    assert!(
        text.contains("AMZN,FY2024,2024-12-31,capex,% YoY,57.407,,"),
        "{text}"
    );
    assert!(
        !text.contains(",US$ B,"),
        "no row is left in the untransformed unit: {text}"
    );
}

#[test]
fn the_scenario_view_exports_its_projection() {
    let mut harness = view_harness(View::Scenario);
    let text = read(&export(
        &mut harness,
        ExportChoice::Csv { chart: None },
        "scenario.csv",
        1,
    ));
    assert!(
        text.starts_with("scenario,company,year,metric,value\n"),
        "{text}"
    );
    assert!(text.contains("Base,AMZN,2030,"), "{text}");
}
