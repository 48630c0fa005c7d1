//! CPU time of one full frame of each view at 1920×1080: layout plus tessellation, on the
//! bundled data. Run with `cargo bench --bench frame`.

// Set-up failures should stop the benchmark at once.
#![allow(clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use flywheel::app::FlywheelApp;
use flywheel::lens::{Lens, View};
use flywheel::settings::{Settings, ThemeChoice};
use flywheel_model::Library;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    }
}

fn frame(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("frame_1920x1080");
    for view in View::ALL {
        let ctx = egui::Context::default();
        let settings = Settings {
            lens: Lens {
                view,
                ..Lens::default()
            },
            theme: ThemeChoice::Dark,
            ..Settings::default()
        };
        let mut app = FlywheelApp::with_settings(
            &ctx,
            Library::bundled().expect("bundled data"),
            settings,
            Vec::new(),
        );
        // Warm up: the first frames build the font atlas and the series cache.
        for _ in 0..3 {
            let output = ctx.run_ui(input(), |ui| app.draw(ui));
            ctx.tessellate(output.shapes, output.pixels_per_point);
        }
        group.bench_function(view.title(), |bencher| {
            bencher.iter(|| {
                let output = ctx.run_ui(input(), |ui| app.draw(ui));
                ctx.tessellate(output.shapes, output.pixels_per_point)
            });
        });
    }
    group.finish();
}

/// A library of `count` companies, each a copy of Microsoft's dataset (12 fiscal years and 20
/// quarters) under its own ticker, so every frame lays out `count` series per chart.
fn synthetic_library(count: usize) -> Library {
    let bundled = Library::bundled().expect("bundled data");
    let template = bundled.get("MSFT").expect("Microsoft is bundled").clone();
    let mut library = Library::new();
    let datasets = (0..count)
        .map(|index| {
            let mut dataset = template.clone();
            dataset.company.ticker = format!("C{index:03}");
            dataset.company.name = format!("Company {index:03} Inc.");
            dataset
        })
        .collect();
    library.insert(
        datasets,
        &flywheel_model::Origin::File("synthetic".to_owned()),
    );
    library
}

/// Overview, Capex and Custom with 20 and 100 companies loaded and shown.
fn many_companies(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("frame_1920x1080_many");
    group.sample_size(20);
    for count in [20, 100] {
        for view in [View::Overview, View::Capex, View::Custom] {
            let ctx = egui::Context::default();
            let settings = Settings {
                lens: Lens {
                    view,
                    ..Lens::default()
                },
                theme: ThemeChoice::Dark,
                ..Settings::default()
            };
            let mut app =
                FlywheelApp::with_settings(&ctx, synthetic_library(count), settings, Vec::new());
            for _ in 0..3 {
                let output = ctx.run_ui(input(), |ui| app.draw(ui));
                ctx.tessellate(output.shapes, output.pixels_per_point);
            }
            group.bench_function(format!("{}_{count}", view.title()), |bencher| {
                bencher.iter(|| {
                    let output = ctx.run_ui(input(), |ui| app.draw(ui));
                    ctx.tessellate(output.shapes, output.pixels_per_point)
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, frame, many_companies);
criterion_main!(benches);
