//! Off-screen pictures of the Capex view (four charts, the side panel's text, the source line)
//! at 1600×900: the CPU renderer's paint alone and a whole frame, against the wgpu path
//! (device creation, and a frame drawn and read back); and PNG encoding, today's setting
//! against the fast one; and a whole still picture each way. Run with
//! `cargo bench --bench cpu_render`.

// Set-up failures should stop the benchmark at once.
#![allow(clippy::expect_used)]

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Color32, ColorImage};
use flywheel::app::FlywheelApp;
use flywheel::cpu_render::{
    CpuRenderer, encode_png_fast, layout_settled, offscreen_input, png_bytes,
};
use flywheel::lens::{Lens, View};
use flywheel::render::{OffscreenRenderer, encode_png};
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::Library;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};

const SIZE_POINTS: egui::Vec2 = egui::vec2(1600.0, 900.0);
const SIZE_PX: [usize; 2] = [1600, 900];

/// The app on the Capex view as `flywheel render --view capex` draws it: light theme, bundled
/// data, the source line at the bottom.
fn capex_app(ctx: &egui::Context) -> FlywheelApp {
    let settings = Settings {
        lens: Lens {
            view: View::Capex,
            ..Lens::default()
        },
        theme: ThemeChoice::Light,
        ..Settings::default()
    };
    let library = Library::bundled().expect("bundled data");
    let mut app = FlywheelApp::with_settings(ctx, library, settings, Vec::new());
    app.draw_as_picture();
    app
}

/// The Capex view laid out as `flywheel render` lays it out (until settled, at most 8 frames):
/// the renderer holding its textures, and the last frame's primitives.
fn settled(
    ctx: &egui::Context,
    app: &mut FlywheelApp,
    pixels_per_point: f32,
    threads: usize,
) -> (CpuRenderer, Vec<egui::ClippedPrimitive>) {
    let mut renderer = CpuRenderer::with_threads(threads);
    let mut frames = 0;
    loop {
        let mut output = ctx.run_ui(offscreen_input(SIZE_POINTS, pixels_per_point), |ui| {
            app.draw(ui);
        });
        renderer.update_textures(&mut output.textures_delta);
        frames += 1;
        if layout_settled(&output) || frames == 8 {
            let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
            return (renderer, primitives);
        }
    }
}

fn cpu(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("cpu_render_capex_1600x900");
    for pixels_per_point in [1.0, 2.0] {
        for threads in [1, 2] {
            let ctx = egui::Context::default();
            let mut app = capex_app(&ctx);
            let (renderer, primitives) = settled(&ctx, &mut app, pixels_per_point, threads);
            if threads == 1 {
                let triangles: usize = primitives
                    .iter()
                    .map(|primitive| match &primitive.primitive {
                        egui::epaint::Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                        egui::epaint::Primitive::Callback(_) => 0,
                    })
                    .sum();
                eprintln!("at {pixels_per_point}x: {triangles} triangles");
            }
            #[expect(clippy::cast_possible_truncation, reason = "1 or 2")]
            let size_px = SIZE_PX.map(|side| side * pixels_per_point as usize);
            let name = format!("paint_{pixels_per_point}x_max_{threads}_threads");
            group.bench_function(name, |bencher| {
                bencher.iter(|| {
                    renderer
                        .paint(&primitives, size_px, pixels_per_point, Color32::TRANSPARENT)
                        .expect("paints")
                });
            });
        }
    }
    // A whole still frame as `flywheel render` would take it once laid out: egui layout,
    // tessellation and paint.
    let ctx = egui::Context::default();
    let mut app = capex_app(&ctx);
    let (mut renderer, _) = settled(&ctx, &mut app, 1.0, 2);
    group.bench_function("frame_1x", |bencher| {
        bencher.iter(|| {
            let output = ctx.run_ui(offscreen_input(SIZE_POINTS, 1.0), |ui| app.draw(ui));
            renderer
                .render_frame(&ctx, output, SIZE_PX)
                .expect("paints")
        });
    });
    group.finish();
}

fn wgpu(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("wgpu_render_capex_1600x900");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("device_creation", |bencher| {
        bencher.iter(|| OffscreenRenderer::new().expect("a graphics adapter"));
    });
    let ctx = egui::Context::default();
    let mut app = capex_app(&ctx);
    let mut renderer = OffscreenRenderer::new().expect("a graphics adapter");
    // The first picture uploads the font atlas and settles the layout.
    renderer
        .render(&ctx, SIZE_POINTS, 1.0, |ui| app.draw(ui))
        .expect("renders");
    group.bench_function("frame_1x", |bencher| {
        bencher.iter(|| {
            renderer
                .render(&ctx, SIZE_POINTS, 1.0, |ui| app.draw(ui))
                .expect("renders")
        });
    });
    group.finish();
}

/// A new context and app on the Capex view, laid out and painted on the CPU at 1×. Without
/// animations the view settles in three frames; with them a scroll bar's fade never ends (the
/// input's clock stands still) and layout runs all eight.
fn capex_picture(animations: bool) -> ColorImage {
    let ctx = egui::Context::default();
    // After the app, which sets its own style.
    let mut app = capex_app(&ctx);
    if !animations {
        ctx.global_style_mut(|style| style.animation_time = 0.0);
    }
    let (renderer, primitives) = settled(&ctx, &mut app, 1.0, 2);
    renderer
        .paint(&primitives, SIZE_PX, 1.0, Color32::TRANSPARENT)
        .expect("paints")
}

/// The whole of a still picture but process start and file writing, as `flywheel render
/// --view capex --width 1600 --height 900` does it: a new context and app, layout until
/// settled, paint, PNG. On the CPU, and through wgpu with a device of its own.
fn still_picture(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("still_picture_capex_1600x900");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(6));
    group.bench_function("cpu", |bencher| {
        bencher.iter(|| encode_png_fast(&capex_picture(true)).expect("encodes"));
    });
    group.bench_function("cpu_without_animations", |bencher| {
        bencher.iter(|| encode_png_fast(&capex_picture(false)).expect("encodes"));
    });
    group.bench_function("wgpu", |bencher| {
        bencher.iter(|| {
            let ctx = egui::Context::default();
            let mut app = capex_app(&ctx);
            let mut renderer = OffscreenRenderer::new().expect("a graphics adapter");
            let picture = renderer
                .render(&ctx, SIZE_POINTS, 1.0, |ui| app.draw(ui))
                .expect("renders");
            encode_png(&picture).expect("encodes")
        });
    });
    group.finish();
}

/// PNG with the `image` crate's default setting (default deflate, adaptive filter): what
/// pictures were written with before `encode_png` took the fast one.
fn encode_default(picture: &ColorImage) -> Vec<u8> {
    encode_with(picture, CompressionType::Default, FilterType::Adaptive)
}

/// PNG with the `image` crate's fast deflate and one filter for every row.
fn encode_with_filter(picture: &ColorImage, filter: FilterType) -> Vec<u8> {
    encode_with(picture, CompressionType::Fast, filter)
}

fn encode_with(picture: &ColorImage, compression: CompressionType, filter: FilterType) -> Vec<u8> {
    let (pixel_bytes, color) = png_bytes(&picture.pixels);
    let mut bytes = Vec::new();
    let [width, height] = picture.size.map(|side| u32::try_from(side).expect("fits"));
    image::ImageEncoder::write_image(
        PngEncoder::new_with_quality(&mut bytes, compression, filter),
        &pixel_bytes,
        width,
        height,
        color,
    )
    .expect("encodes");
    bytes
}

fn png(criterion: &mut Criterion) {
    let picture = capex_picture(true);
    let mut group = criterion.benchmark_group("png_capex_1600x900");
    let default = encode_default(&picture);
    let fast = encode_png_fast(&picture).expect("encodes");
    eprintln!(
        "PNG bytes: the image crate's default setting {}, encode_png_fast {}",
        default.len(),
        fast.len()
    );
    group.bench_function("default_setting", |bencher| {
        bencher.iter(|| encode_default(&picture));
    });
    group.bench_function("encode_png_fast", |bencher| {
        bencher.iter(|| encode_png_fast(&picture).expect("encodes"));
    });
    for (name, filter) in [
        ("none", FilterType::NoFilter),
        ("sub", FilterType::Sub),
        ("up", FilterType::Up),
        ("paeth", FilterType::Paeth),
        ("adaptive", FilterType::Adaptive),
    ] {
        eprintln!(
            "PNG bytes, fast deflate, filter {name}: {}",
            encode_with_filter(&picture, filter).len()
        );
        group.bench_function(format!("fast_deflate_filter_{name}"), |bencher| {
            bencher.iter(|| encode_with_filter(&picture, filter));
        });
    }
    group.finish();
}

criterion_group!(benches, cpu, wgpu, still_picture, png);
criterion_main!(benches);
