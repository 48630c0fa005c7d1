//! The CPU renderer: exact pixels for simple meshes, and the same frame as `egui_wgpu` draws it
//! (on lavapipe where there is no GPU) within a stated tolerance.

// A broken fixture or a missing graphics adapter should stop the test at once.
#![allow(clippy::expect_used)]

use eframe::egui_wgpu::{self, ScreenDescriptor, wgpu};
use egui::epaint::{ImageDelta, Primitive, Vertex};
use egui::{
    ClippedPrimitive, Color32, ColorImage, Mesh, Pos2, Rect, TextureId, TextureOptions, pos2,
};
use flywheel::cpu_render::{
    CpuRenderError, CpuRenderer, MAX_SIDE_PX, encode_png_fast, layout_settled, offscreen_input,
};

const RED: Color32 = Color32::from_rgb(255, 0, 0);
const CLEAR: Color32 = Color32::TRANSPARENT;
/// The texture solid shapes sample: one white texel, as egui's font atlas keeps at `WHITE_UV`.
const WHITE_TEXTURE: TextureId = TextureId::Managed(0);
const IMAGE_TEXTURE: TextureId = TextureId::User(7);

/// A renderer that knows the white texture, on one thread so pixels are painted in one band.
fn renderer() -> CpuRenderer {
    let mut renderer = CpuRenderer::with_threads(1);
    renderer.set_texture(
        WHITE_TEXTURE,
        &ImageDelta::full(
            ColorImage::filled([1, 1], Color32::WHITE),
            TextureOptions::LINEAR,
        ),
    );
    renderer
}

/// A rectangle of two triangles in `texture`, with `uv` spanning it.
fn quad(rect: Rect, uv: Rect, color: Color32, texture: TextureId) -> Mesh {
    let mut mesh = Mesh::with_texture(texture);
    mesh.add_rect_with_uv(rect, uv, color);
    mesh
}

fn solid(rect: Rect, color: Color32) -> Mesh {
    quad(rect, Rect::ZERO, color, WHITE_TEXTURE)
}

fn clipped(clip_rect: Rect, mesh: Mesh) -> ClippedPrimitive {
    ClippedPrimitive {
        clip_rect,
        primitive: Primitive::Mesh(mesh),
    }
}

fn everywhere(mesh: Mesh) -> ClippedPrimitive {
    clipped(Rect::EVERYTHING, mesh)
}

fn rect(min: [f32; 2], max: [f32; 2]) -> Rect {
    Rect::from_min_max(pos2(min[0], min[1]), pos2(max[0], max[1]))
}

/// The picture's rows, for readable assertions.
fn rows(picture: &ColorImage) -> Vec<Vec<Color32>> {
    picture
        .pixels
        .chunks(picture.size[0])
        .map(<[Color32]>::to_vec)
        .collect()
}

/// A picture whose pixels inside `columns × rows` are `inside`, the rest `outside`.
fn expected(
    size: [usize; 2],
    columns: std::ops::Range<usize>,
    rows_inside: std::ops::Range<usize>,
    inside: Color32,
    outside: Color32,
) -> Vec<Vec<Color32>> {
    (0..size[1])
        .map(|row| {
            (0..size[0])
                .map(|column| {
                    if columns.contains(&column) && rows_inside.contains(&row) {
                        inside
                    } else {
                        outside
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_solid_rect_covers_the_pixels_whose_centres_it_contains() {
    let primitives = [everywhere(solid(rect([2.0, 1.0], [6.0, 4.0]), RED))];
    let picture = renderer()
        .paint(&primitives, [8, 6], 1.0, CLEAR)
        .expect("paints");
    assert_eq!(picture.size, [8, 6]);
    assert_eq!(rows(&picture), expected([8, 6], 2..6, 1..4, RED, CLEAR));

    // Edges between pixel centres: 1.4 to 3.6 covers the centres 1.5, 2.5 and 3.5; 0.4 to 1.4
    // only the centre 0.5.
    let primitives = [everywhere(solid(rect([1.4, 0.4], [3.6, 1.4]), RED))];
    let picture = renderer()
        .paint(&primitives, [5, 2], 1.0, CLEAR)
        .expect("paints");
    assert_eq!(rows(&picture), expected([5, 2], 1..4, 0..1, RED, CLEAR));
}

#[test]
fn points_scale_by_pixels_per_point_and_clips_round_to_whole_pixels() {
    // At 2 pixels a point, the clip 1.2..2.75 × 0.8..2.0 points is 2.4..5.5 × 1.6..4.0 pixels,
    // which the scissor rounds to columns 2..6 and rows 2..4.
    let primitives = [clipped(
        rect([1.2, 0.8], [2.75, 2.0]),
        solid(rect([0.0, 0.0], [4.0, 3.0]), RED),
    )];
    let picture = renderer()
        .paint(&primitives, [8, 6], 2.0, Color32::BLACK)
        .expect("paints");
    assert_eq!(
        rows(&picture),
        expected([8, 6], 2..6, 2..4, RED, Color32::BLACK)
    );
}

#[test]
fn translucent_rects_blend_premultiplied_colour_and_alpha_once_per_pixel() {
    // Half-opaque red, then quarter-opaque blue over part of it; each rect is two triangles, so
    // a pixel painted twice along their shared diagonal would come out darker.
    let red = Color32::from_rgba_premultiplied(128, 0, 0, 128);
    let blue = Color32::from_rgba_premultiplied(0, 0, 64, 64);
    let primitives = [
        everywhere(solid(rect([0.0, 0.0], [4.0, 4.0]), red)),
        everywhere(solid(rect([2.0, 1.0], [6.0, 3.0]), blue)),
    ];
    let picture = renderer()
        .paint(&primitives, [6, 4], 1.0, CLEAR)
        .expect("paints");
    // Over transparent black: red stays (128, 0, 0, 128), blue stays (0, 0, 64, 64). Where
    // they overlap, out = blue + red × (1 − 64/255): (96, 0, 64, 160).
    let both = Color32::from_rgba_premultiplied(96, 0, 64, 160);
    let expected: Vec<Vec<Color32>> = [
        [red, red, red, red, CLEAR, CLEAR],
        [red, red, both, both, blue, blue],
        [red, red, both, both, blue, blue],
        [red, red, red, red, CLEAR, CLEAR],
    ]
    .map(Vec::from)
    .into();
    assert_eq!(rows(&picture), expected);

    // Over opaque white: red gives (255, 127, 127), then blue (191, 95, 159), all opaque.
    let picture = renderer()
        .paint(&primitives, [6, 4], 1.0, Color32::WHITE)
        .expect("paints");
    assert_eq!(
        picture.pixels[0],
        Color32::from_rgba_premultiplied(255, 127, 127, 255)
    );
    assert_eq!(
        picture.pixels[6 + 2],
        Color32::from_rgba_premultiplied(191, 95, 159, 255)
    );
    assert_eq!(
        picture.pixels[6 + 5],
        Color32::from_rgba_premultiplied(191, 191, 255, 255)
    );
}

#[test]
fn a_textured_quad_filters_linearly_or_nearest_and_multiplies_the_vertex_colour() {
    let black = Color32::BLACK;
    let white = Color32::WHITE;
    let gradient = ColorImage::new([2, 1], vec![black, white]);
    let whole = rect([0.0, 0.0], [1.0, 1.0]);
    let primitives = [everywhere(quad(
        rect([0.0, 0.0], [4.0, 1.0]),
        whole,
        white,
        IMAGE_TEXTURE,
    ))];
    let mut renderer = renderer();

    // Linear: pixel centres fall at texel positions −0.25, 0.25, 0.75 and 1.25; the outer two
    // clamp to the edge texels, the inner two mix 25% and 75% white: 63.75 → 64, 191.25 → 191.
    renderer.set_texture(
        IMAGE_TEXTURE,
        &ImageDelta::full(gradient.clone(), TextureOptions::LINEAR),
    );
    let picture = renderer
        .paint(&primitives, [4, 1], 1.0, CLEAR)
        .expect("paints");
    assert_eq!(
        picture.pixels,
        [
            black,
            Color32::from_gray(64),
            Color32::from_gray(191),
            white
        ]
    );

    // Nearest: each texel covers two pixels.
    renderer.set_texture(
        IMAGE_TEXTURE,
        &ImageDelta::full(gradient, TextureOptions::NEAREST),
    );
    let picture = renderer
        .paint(&primitives, [4, 1], 1.0, CLEAR)
        .expect("paints");
    assert_eq!(picture.pixels, [black, black, white, white]);

    // Texel × vertex colour, channel by channel: (200, 100, 50) × (128, 255, 255) / 255.
    renderer.set_texture(
        IMAGE_TEXTURE,
        &ImageDelta::full(
            ColorImage::filled([1, 1], Color32::from_rgb(200, 100, 50)),
            TextureOptions::LINEAR,
        ),
    );
    let tinted = [everywhere(quad(
        rect([0.0, 0.0], [1.0, 1.0]),
        whole,
        Color32::from_rgb(128, 255, 255),
        IMAGE_TEXTURE,
    ))];
    let picture = renderer.paint(&tinted, [1, 1], 1.0, CLEAR).expect("paints");
    assert_eq!(picture.pixels, [Color32::from_rgb(100, 100, 50)]);
}

#[test]
fn vertex_colours_interpolate_across_a_triangle() {
    // A horizontal ramp from black at x = 0 to white at x = 4, sampled at 0.5, 1.5, 2.5, 3.5.
    let mut mesh = Mesh::with_texture(WHITE_TEXTURE);
    let corner = |x: f32, y: f32, color: Color32| Vertex {
        pos: Pos2::new(x, y),
        uv: Pos2::ZERO,
        color,
    };
    mesh.vertices = vec![
        corner(0.0, 0.0, Color32::BLACK),
        corner(4.0, 0.0, Color32::WHITE),
        corner(4.0, 1.0, Color32::WHITE),
        corner(0.0, 1.0, Color32::BLACK),
    ];
    mesh.indices = vec![0, 1, 2, 0, 2, 3];
    let picture = renderer()
        .paint(&[everywhere(mesh)], [4, 1], 1.0, CLEAR)
        .expect("paints");
    // 255 × 0.125 = 31.875 → 32; × 0.375 = 95.6 → 96; × 0.625 = 159.4 → 159; × 0.875 → 223.
    let grey = [32, 96, 159, 223].map(Color32::from_gray);
    assert_eq!(picture.pixels, grey);
}

#[test]
fn a_partial_update_patches_the_texture_and_a_freed_texture_is_not_drawn() {
    let mut renderer = renderer();
    let black = Color32::BLACK;
    renderer.set_texture(
        IMAGE_TEXTURE,
        &ImageDelta::full(ColorImage::filled([2, 2], black), TextureOptions::NEAREST),
    );
    // A one-texel-wide column of red at x = 1.
    renderer.set_texture(
        IMAGE_TEXTURE,
        &ImageDelta::partial(
            [1, 0],
            ColorImage::filled([1, 2], RED),
            TextureOptions::NEAREST,
        ),
    );
    let primitives = [everywhere(quad(
        rect([0.0, 0.0], [2.0, 2.0]),
        rect([0.0, 0.0], [1.0, 1.0]),
        Color32::WHITE,
        IMAGE_TEXTURE,
    ))];
    let picture = renderer
        .paint(&primitives, [2, 2], 1.0, CLEAR)
        .expect("paints");
    assert_eq!(picture.pixels, [black, RED, black, RED]);

    renderer.free_texture(IMAGE_TEXTURE);
    let picture = renderer
        .paint(&primitives, [2, 2], 1.0, CLEAR)
        .expect("paints");
    assert_eq!(picture.pixels, [CLEAR; 4]);
}

#[test]
fn a_picture_without_pixels_or_larger_than_the_limit_is_an_error() {
    let renderer = renderer();
    for size in [[0, 10], [10, 0], [MAX_SIDE_PX + 1, 10]] {
        let error = renderer
            .paint(&[], size, 1.0, CLEAR)
            .expect_err("refuses the size");
        assert_eq!(
            error,
            CpuRenderError::BadSize {
                width: size[0],
                height: size[1]
            }
        );
    }
    assert_eq!(
        renderer
            .paint(&[], [0, 10], 1.0, CLEAR)
            .expect_err("refuses")
            .to_string(),
        "cannot render a picture of 0×10 pixels: each side must be between 1 and 16384 pixels"
    );
}

#[test]
fn malformed_meshes_draw_nothing_and_do_not_panic() {
    let corner = |x: f32, y: f32| Vertex {
        pos: Pos2::new(x, y),
        uv: Pos2::ZERO,
        color: RED,
    };
    let mesh = |vertices: Vec<Vertex>, indices: Vec<u32>| Mesh {
        indices,
        vertices,
        texture_id: WHITE_TEXTURE,
    };
    let good = vec![corner(0.0, 0.0), corner(4.0, 0.0), corner(0.0, 4.0)];
    let primitives = [
        // An index past the vertices.
        everywhere(mesh(good.clone(), vec![0, 1, 3])),
        // A corner that is not a number, and one a billion pixels away.
        everywhere(mesh(
            vec![corner(f32::NAN, 0.0), corner(4.0, 0.0), corner(0.0, 4.0)],
            vec![0, 1, 2],
        )),
        everywhere(mesh(
            vec![corner(-1e9, 0.0), corner(4.0, 0.0), corner(0.0, 4.0)],
            vec![0, 1, 2],
        )),
        // A degenerate triangle, and a clip rectangle that is not a number.
        everywhere(mesh(good.clone(), vec![0, 0, 1])),
        clipped(
            rect([f32::NAN, 0.0], [f32::NAN, 4.0]),
            mesh(good.clone(), vec![0, 1, 2]),
        ),
        // A texture that was never uploaded.
        everywhere(Mesh {
            texture_id: TextureId::User(99),
            ..mesh(good, vec![0, 1, 2])
        }),
    ];
    let picture = renderer()
        .paint(&primitives, [4, 4], 1.0, CLEAR)
        .expect("paints");
    assert_eq!(picture.pixels, [CLEAR; 16]);
}

#[test]
fn bands_painted_on_several_threads_match_one_thread() {
    // 2250×1750 pixels: three bands of a million pixels or more, the last one shorter.
    let ctx = egui::Context::default();
    let frame = settled_frame(&ctx, [900.0, 700.0], 2.5);
    let single = frame.paint(1, [2250, 1750], CLEAR);
    let banded = frame.paint(4, [2250, 1750], CLEAR);
    assert!(single.pixels == banded.pixels, "the bands differ");
}

#[test]
fn the_fast_png_decodes_to_the_same_pixels() {
    let ctx = egui::Context::default();
    let frame = settled_frame(&ctx, [320.0, 240.0], 1.0);
    let picture = frame.paint(2, [320, 240], Color32::WHITE);
    let png = encode_png_fast(&picture).expect("encodes");
    let decoded = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .expect("decodes")
        .to_rgba8();
    assert_eq!(decoded.dimensions(), (320, 240));
    let original: Vec<u8> = picture
        .pixels
        .iter()
        .flat_map(Color32::to_srgba_unmultiplied)
        .collect();
    assert!(decoded.as_raw() == &original, "the pixels changed");
}

#[test]
fn a_translucent_picture_keeps_its_alpha_in_the_fast_png() {
    // An opaque picture is written as RGB; one translucent pixel keeps the alpha channel.
    let mut picture = egui::ColorImage::new([4, 2], vec![Color32::WHITE; 8]);
    picture.pixels[5] = Color32::from_rgba_premultiplied(40, 20, 10, 128);
    let png = encode_png_fast(&picture).expect("encodes");
    let decoded =
        image::load_from_memory_with_format(&png, image::ImageFormat::Png).expect("decodes");
    assert_eq!(decoded.color(), image::ColorType::Rgba8);
    let original: Vec<u8> = picture
        .pixels
        .iter()
        .flat_map(Color32::to_srgba_unmultiplied)
        .collect();
    assert!(
        decoded.to_rgba8().as_raw() == &original,
        "the pixels changed"
    );
}

// ---- The same frame through egui_wgpu ----

/// A frame with everything Flywheel draws: text in two fonts and sizes, a heading, strokes of
/// several widths (axis-aligned and diagonal), rounded filled rectangles, a circle, a
/// translucent overlay, and a plot with lines, bars, grid and tick labels.
fn scene(ui: &mut egui::Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading("Capex intensity, 2015–2025");
        ui.label("Capital expenditure as a share of revenue, fiscal years, USD billions.");
        ui.monospace("AMZN 83.0  GOOGL 52.5  MSFT 55.7");
        ui.horizontal(|ui| {
            let _ = ui.button("Export");
            let _ = ui.checkbox(&mut true, "Show guidance");
        });
        let (response, painter) =
            ui.allocate_painter(egui::vec2(360.0, 90.0), egui::Sense::hover());
        let area = response.rect;
        painter.rect_filled(area.shrink(4.0), 8.0, Color32::from_rgb(0x1f, 0x77, 0xb4));
        painter.circle_filled(area.center(), 30.0, Color32::from_rgb(0xff, 0x7f, 0x0e));
        painter.rect_filled(
            area.shrink2(egui::vec2(60.0, 20.0)),
            0.0,
            Color32::from_black_alpha(90),
        );
        painter.line_segment(
            [area.left_top(), area.right_bottom()],
            egui::Stroke::new(1.5, Color32::WHITE),
        );
        painter.line_segment(
            [area.left_bottom(), area.right_top()],
            egui::Stroke::new(3.0, Color32::from_rgb(0x2c, 0xa0, 0x2c)),
        );
        painter.hline(area.x_range(), area.bottom() - 2.0, (1.0, Color32::GRAY));
        let years: Vec<f64> = (2015..=2025).map(f64::from).collect();
        let series = |scale: f64| -> Vec<[f64; 2]> {
            years
                .iter()
                .map(|&year| [year, scale * (1.0 + (year - 2015.0) * 0.35).ln() + 4.0])
                .collect()
        };
        let bars: Vec<egui_plot::Bar> = years
            .iter()
            .map(|&year| egui_plot::Bar::new(year, (year - 2012.0) * 0.6).width(0.6))
            .collect();
        egui_plot::Plot::new("capex")
            .height(260.0)
            .legend(egui_plot::Legend::default())
            .show(ui, |plot| {
                plot.bar_chart(egui_plot::BarChart::new("Revenue growth", bars));
                plot.line(egui_plot::Line::new("AMZN", series(6.0)).width(2.0));
                plot.line(egui_plot::Line::new("GOOGL", series(4.5)).width(2.0));
                plot.line(egui_plot::Line::new("MSFT", series(5.2)).width(1.5));
            });
    });
}

/// The last frame of a settled scene, with the texture changes of every frame before it.
struct SettledFrame {
    primitives: Vec<ClippedPrimitive>,
    pixels_per_point: f32,
    textures: Vec<egui::TexturesDelta>,
}

impl SettledFrame {
    /// The frame painted on `threads` threads over `clear`, by a renderer that has applied
    /// every frame's texture changes.
    fn paint(&self, threads: usize, size_px: [usize; 2], clear: Color32) -> ColorImage {
        let mut renderer = CpuRenderer::with_threads(threads);
        for delta in &self.textures {
            renderer.update_textures(&mut delta.clone());
        }
        renderer
            .paint(&self.primitives, size_px, self.pixels_per_point, clear)
            .expect("paints")
    }
}

impl Drop for SettledFrame {
    fn drop(&mut self) {
        // The deltas were applied through clones; egui checks that none is dropped unapplied.
        for delta in &mut self.textures {
            delta.clear();
        }
    }
}

/// Runs `scene` until egui stops asking for frames.
fn settled_frame(
    ctx: &egui::Context,
    size_points: [f32; 2],
    pixels_per_point: f32,
) -> SettledFrame {
    flywheel::theme::install_fonts(ctx);
    let mut textures = Vec::new();
    for _ in 0..8 {
        let input = offscreen_input(size_points.into(), pixels_per_point);
        let mut output = ctx.run_ui(input, scene);
        textures.push(std::mem::take(&mut output.textures_delta));
        if layout_settled(&output) {
            return SettledFrame {
                primitives: ctx.tessellate(output.shapes, output.pixels_per_point),
                pixels_per_point: output.pixels_per_point,
                textures,
            };
        }
    }
    panic!("the scene did not settle in 8 frames");
}

/// The frame drawn by `egui_wgpu` into an `Rgba8Unorm` texture and read back, set up as
/// `flywheel::render` sets it up (predictable filtering, no dithering).
fn wgpu_picture(
    primitives: &[ClippedPrimitive],
    textures: &[egui::TexturesDelta],
    size_px: [u32; 2],
    pixels_per_point: f32,
) -> ColorImage {
    let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
    descriptor.backends = wgpu::Backends::VULKAN;
    let instance = wgpu::Instance::new(descriptor);
    let adapter = pollster::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions {
        power_preference: wgpu::PowerPreference::LowPower,
        ..Default::default()
    }))
    .expect(
        "no Vulkan adapter, so the CPU renderer cannot be compared with egui_wgpu: install \
         a GPU driver or lavapipe (`apt install mesa-vulkan-drivers libvulkan1`)",
    );
    let (device, queue) =
        pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor::default()))
            .expect("the adapter gives a device");
    let format = wgpu::TextureFormat::Rgba8Unorm;
    let mut renderer =
        egui_wgpu::Renderer::new(&device, format, egui_wgpu::RendererOptions::PREDICTABLE);
    for delta in textures {
        for (id, images) in &delta.set {
            for image in images {
                renderer.update_texture(&device, &queue, *id, image);
            }
        }
        for id in &delta.free {
            renderer.free_texture(id);
        }
    }
    let [width, height] = size_px;
    let extent = wgpu::Extent3d {
        width,
        height,
        depth_or_array_layers: 1,
    };
    let target = device.create_texture(&wgpu::TextureDescriptor {
        label: None,
        size: extent,
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    });
    let view = target.create_view(&wgpu::TextureViewDescriptor::default());
    let screen = ScreenDescriptor {
        size_in_pixels: size_px,
        pixels_per_point,
    };
    let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor::default());
    let user_buffers = renderer.update_buffers(&device, &queue, &mut encoder, primitives, &screen);
    {
        let mut pass = encoder
            .begin_render_pass(&wgpu::RenderPassDescriptor {
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &view,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
                        store: wgpu::StoreOp::Store,
                    },
                    depth_slice: None,
                })],
                ..Default::default()
            })
            .forget_lifetime();
        renderer.render(&mut pass, primitives, &screen);
    }
    let row_bytes = width as usize * 4;
    let padded_row_bytes = row_bytes.next_multiple_of(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize);
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: None,
        size: (padded_row_bytes * height as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    encoder.copy_texture_to_buffer(
        target.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(u32::try_from(padded_row_bytes).expect("fits")),
                rows_per_image: None,
            },
        },
        extent,
    );
    queue.submit(user_buffers.into_iter().chain([encoder.finish()]));
    let slice = buffer.slice(..);
    slice.map_async(wgpu::MapMode::Read, |result| result.expect("maps"));
    device
        .poll(wgpu::PollType::wait_indefinitely())
        .expect("the device finishes");
    let mapped = slice.get_mapped_range().expect("mapped");
    let rgba: Vec<u8> = mapped
        .chunks_exact(padded_row_bytes)
        .flat_map(|row| &row[..row_bytes])
        .copied()
        .collect();
    ColorImage::from_rgba_premultiplied([width as usize, height as usize], &rgba)
}

/// How far two pictures are apart.
#[derive(Debug)]
struct Difference {
    /// Mean absolute difference over every channel of every pixel, in 8-bit steps.
    mean_channel: f64,
    /// Share of pixels with a channel more than `PIXEL_TOLERANCE` steps off.
    share_beyond_tolerance: f64,
    /// The largest channel difference anywhere, in 8-bit steps.
    largest: u8,
}

/// A pixel counts as different when a channel is more than this many 8-bit steps off:
/// rounding alone (of texel filtering, interpolation and blending, done in float on the CPU
/// and in lavapipe's fixed point) moves a channel by 1–3 steps.
const PIXEL_TOLERANCE: u8 = 4;

#[expect(
    clippy::cast_precision_loss,
    reason = "pixel counts are far below 2^52"
)]
fn difference(cpu: &ColorImage, gpu: &ColorImage) -> Difference {
    assert_eq!(cpu.size, gpu.size);
    let mut sum = 0_u64;
    let mut beyond = 0_usize;
    let mut largest = 0_u8;
    for (a, b) in cpu.pixels.iter().zip(&gpu.pixels) {
        let channels = a.to_array().into_iter().zip(b.to_array());
        let pixel_largest = channels.map(|(x, y)| x.abs_diff(y)).fold(0, |most, d| {
            sum += u64::from(d);
            most.max(d)
        });
        largest = largest.max(pixel_largest);
        beyond += usize::from(pixel_largest > PIXEL_TOLERANCE);
    }
    let pixels = cpu.pixels.len() as f64;
    Difference {
        mean_channel: sum as f64 / (pixels * 4.0),
        share_beyond_tolerance: beyond as f64 / pixels,
        largest,
    }
}

fn compare_with_wgpu(size_points: [f32; 2], pixels_per_point: f32) -> Difference {
    let ctx = egui::Context::default();
    let frame = settled_frame(&ctx, size_points, pixels_per_point);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "small positive sizes"
    )]
    let size_px = size_points.map(|side| (side * pixels_per_point).round() as u32);
    let gpu = wgpu_picture(
        &frame.primitives,
        &frame.textures,
        size_px,
        pixels_per_point,
    );
    let cpu = frame.paint(2, size_px.map(|side| side as usize), CLEAR);
    let difference = difference(&cpu, &gpu);
    // CPU_RENDER_SAVE=1 keeps both pictures in the temporary folder, to look at.
    if std::env::var_os("CPU_RENDER_SAVE").is_some() {
        let folder = std::env::temp_dir();
        for (name, picture) in [("cpu", &cpu), ("gpu", &gpu)] {
            let path = folder.join(format!("cpu_render_{name}_{pixels_per_point}x.png"));
            let png = encode_png_fast(picture).expect("encodes");
            std::fs::write(&path, png).expect("writes the picture to look at");
        }
    }
    difference
}

/// Bounds on the difference from `egui_wgpu` on lavapipe (Mesa 25, LLVM). Measured on this
/// scene: mean 0.007 steps at 1×, 0.004 at 2×, no pixel beyond `PIXEL_TOLERANCE`, at most 2
/// steps anywhere; filtering glyphs nearest instead of linear gives 0.012, 0.04% and 36.
/// Exact equality is not expected: lavapipe interpolates, filters and blends in
/// its own precision and rounding where this renderer uses f32, so anti-aliased edges (egui's
/// one-pixel feathering) and glyph edges come out a step or two apart while flat areas match
/// exactly. The bounds leave room for other driver versions and GPUs, and still fail on a
/// misplaced edge (a whole row or column of pixels), a wrong blend or a wrong filter, each of
/// which moves some pixels by tens of steps.
const MAX_MEAN_CHANNEL_DIFFERENCE: f64 = 0.02;
const MAX_SHARE_BEYOND_TOLERANCE: f64 = 0.0002;
const MAX_CHANNEL_DIFFERENCE: u8 = 16;

fn assert_within_bounds(difference: &Difference, what: &str) {
    eprintln!("{what}: {difference:?}");
    assert!(
        difference.mean_channel < MAX_MEAN_CHANNEL_DIFFERENCE
            && difference.share_beyond_tolerance < MAX_SHARE_BEYOND_TOLERANCE
            && difference.largest <= MAX_CHANNEL_DIFFERENCE,
        "{what} through the CPU renderer is too far from egui_wgpu's picture: {difference:?}"
    );
}

#[test]
fn the_same_frame_matches_egui_wgpu_at_1x_and_2x() {
    for pixels_per_point in [1.0, 2.0] {
        let difference = compare_with_wgpu([640.0, 520.0], pixels_per_point);
        assert_within_bounds(&difference, &format!("the scene at {pixels_per_point}x"));
    }
}

// ---- egui_kittest through the CPU renderer ----

mod common;

/// The app as the snapshot tests draw it (through the CPU renderer) matches the same harness
/// drawn by `egui_kittest`'s wgpu renderer, within the bounds of the comparison above: the
/// snapshots would not change if they were drawn on a GPU.
#[test]
fn the_app_through_egui_kittest_matches_its_wgpu_rendering() {
    use flywheel::app::FlywheelApp;
    use flywheel::lens::{Lens, View};
    use flywheel::settings::{Settings, ThemeChoice};

    for view in [View::Overview, View::Capex] {
        let settings = Settings {
            lens: Lens {
                view,
                ..Lens::default()
            },
            theme: ThemeChoice::Dark,
            ..Settings::default()
        };
        let build = |builder: egui_kittest::HarnessBuilder<_>| {
            let settings = settings.clone();
            builder.build_eframe(move |cc| {
                let library = flywheel_model::Library::bundled().expect("bundled data is valid");
                FlywheelApp::with_settings(&cc.egui_ctx, library, settings, Vec::new())
            })
        };
        let builder = || {
            egui_kittest::Harness::builder()
                .with_size(common::SIZE)
                .with_theme(egui::Theme::Dark)
                .with_render_cursor(false)
                .with_options(common::snapshot_options())
        };
        let mut on_cpu = build(builder().renderer(common::CpuTestRenderer::default()));
        let mut on_gpu = build(builder().wgpu());
        on_cpu.run_steps(3);
        on_gpu.run_steps(3);
        let cpu = on_cpu.render().expect("renders on the CPU");
        let gpu = on_gpu.render().expect("renders through wgpu");
        let as_picture = |picture: &image::RgbaImage| {
            let size = [picture.width() as usize, picture.height() as usize];
            ColorImage::from_rgba_premultiplied(size, picture.as_raw())
        };
        let difference = difference(&as_picture(&cpu), &as_picture(&gpu));
        assert_within_bounds(&difference, view.title());
    }
}

/// A frame keeps its pixels when its textures arrive as one delta and the renderer is used
/// through `render_frame`.
#[test]
fn render_frame_paints_what_paint_paints() {
    let ctx = egui::Context::default();
    flywheel::theme::install_fonts(&ctx);
    let input = || offscreen_input(egui::vec2(200.0, 120.0), 1.0);
    let mut renderer = CpuRenderer::new();
    let mut first = ctx.run_ui(input(), scene);
    let mut first_textures = first.textures_delta.clone();
    renderer.update_textures(&mut first.textures_delta);
    let output = ctx.run_ui(input(), scene);
    let shapes = output.shapes.clone();
    let mut second_textures = output.textures_delta.clone();
    let picture = renderer
        .render_frame(&ctx, output, [200, 120])
        .expect("paints");
    let mut reference = CpuRenderer::new();
    reference.update_textures(&mut first_textures);
    reference.update_textures(&mut second_textures);
    let primitives = ctx.tessellate(shapes, 1.0);
    let expected = reference
        .paint(&primitives, [200, 120], 1.0, CLEAR)
        .expect("paints");
    assert!(picture.pixels == expected.pixels, "render_frame differs");
    assert!(
        picture.pixels.iter().any(|pixel| pixel.a() == 255),
        "the panel was painted"
    );
}
