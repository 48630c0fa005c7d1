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
use flywheel::cpu_render::CpuRenderer;
use flywheel::lens::{Lens, View};
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::Library;

/// The window size analysts use most: a 1280×800 laptop screen.
pub const SIZE: [f32; 2] = [1280.0, 800.0];

/// Snapshots are drawn by Flywheel's CPU renderer (no Vulkan driver, no device per harness, the
/// same pixels on every machine); it differs from GPU rendering by a step of anti-aliasing, and
/// this tolerance absorbs that without hiding a moved label or a missing series.
pub fn snapshot_options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(1.2).max_failed_pixels(400)
}

/// `egui_kittest`'s renderer seam, filled by the CPU renderer: snapshot tests then need no Vulkan
/// driver and no device per harness, and render the same on every machine. It returns the
/// premultiplied pixels as they are, as `egui_kittest`'s wgpu renderer returns its texture.
#[derive(Default)]
pub struct CpuTestRenderer(CpuRenderer);

impl egui_kittest::TestRenderer for CpuTestRenderer {
    fn handle_delta(&mut self, delta: &mut egui::TexturesDelta) {
        self.0.update_textures(delta);
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        let pixels_per_point = ctx.pixels_per_point();
        let size = ctx.content_rect().size() * pixels_per_point;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a window's size in pixels"
        )]
        let size_px = [size.x.round() as usize, size.y.round() as usize];
        let primitives = ctx.tessellate(output.shapes.clone(), pixels_per_point);
        let picture = self
            .0
            .paint(
                &primitives,
                size_px,
                pixels_per_point,
                egui::Color32::TRANSPARENT,
            )
            .map_err(|error| error.to_string())?;
        let [width, height] = size_px.map(|side| u32::try_from(side).unwrap_or(u32::MAX));
        image::RgbaImage::from_raw(width, height, picture.as_raw().to_vec())
            .ok_or_else(|| "the picture's size does not match its pixels".to_owned())
    }
}

/// The app on the bundled data with `settings`, rendered on the CPU.
pub fn harness(settings: Settings, theme: egui::Theme) -> Harness<'static, FlywheelApp> {
    Harness::builder()
        .with_size(SIZE)
        .with_theme(theme)
        .with_render_cursor(false)
        .with_options(snapshot_options())
        .renderer(CpuTestRenderer::default())
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

/// Scrolls the view down a step at a time until a node with `role` and `label` is drawn (long
/// views lay out only what is in sight); whether it was found before the view ran out.
pub fn scroll_down_to(
    harness: &mut Harness<'_, FlywheelApp>,
    role: egui::accesskit::Role,
    label: &str,
) -> bool {
    use egui_kittest::kittest::Queryable as _;
    for _ in 0..100 {
        if harness.query_by_role_and_label(role, label).is_some() {
            return true;
        }
        // Any text right of the side panel, between the menu and the status bar, is inside
        // the scrolling view; scrolling it scrolls the view.
        let Some(inside) = harness.query_all_by_label_contains("").find(|node| {
            let rect = node.rect();
            rect.left() > 250.0 && rect.top() > 40.0 && rect.bottom() < SIZE[1] - 40.0
        }) else {
            return false;
        };
        inside.scroll_down();
        harness.run_steps(1);
    }
    false
}
