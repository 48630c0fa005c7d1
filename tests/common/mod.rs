//! The one place that builds test harnesses, so every UI test runs at the same size, theme and
//! snapshot tolerance; and the helpers that run the binary and hold test files.

// A broken fixture should stop the test at once.
#![allow(clippy::expect_used)]
// Each test file uses the helpers it needs.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

use egui_kittest::{Harness, SnapshotOptions};
use flywheel::app::FlywheelApp;
use flywheel::lens::{Lens, View};
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::Library;

/// The window size analysts use most: a 1280×800 laptop screen.
pub const SIZE: [f32; 2] = [1280.0, 800.0];

/// Software rendering (lavapipe) differs from GPU rendering by a little anti-aliasing; this
/// tolerance absorbs that without hiding a moved label or a missing series.
pub fn snapshot_options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(1.2).max_failed_pixels(400)
}

/// The app on the bundled data with `settings`, rendered on the CPU.
pub fn harness(settings: Settings, theme: egui::Theme) -> Harness<'static, FlywheelApp> {
    Harness::builder()
        .with_size(SIZE)
        .with_theme(theme)
        .with_render_cursor(false)
        .with_options(snapshot_options())
        .wgpu()
        .build_eframe(move |cc| {
            let library = Library::bundled().expect("bundled data is valid");
            FlywheelApp::with_settings(&cc.egui_ctx, library, settings, Vec::new())
        })
}

/// The app on `view` in the dark theme, laid out and ready to query.
pub fn view_harness(view: View) -> Harness<'static, FlywheelApp> {
    let mut harness = harness(
        Settings {
            lens: Lens {
                view,
                ..Lens::default()
            },
            theme: ThemeChoice::Dark,
            ..Settings::default()
        },
        egui::Theme::Dark,
    );
    harness.run_steps(3);
    harness
}

/// The app on the Overview in the dark theme.
pub fn default_harness() -> Harness<'static, FlywheelApp> {
    view_harness(View::Overview)
}

/// Runs the built `flywheel` binary as a user would, from the project's folder.
pub fn flywheel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flywheel"))
        .args(args)
        .output()
        .expect("flywheel runs")
}

/// A folder of this test run's own (`flywheel-NAME-PID` in the system's temporary folder).
pub fn temp_dir(name: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!("flywheel-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temp dir");
    directory
}
