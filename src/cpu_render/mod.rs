//! A CPU renderer for egui frames: rasterises egui's tessellated meshes (textured,
//! vertex-coloured triangles in clip rectangles, premultiplied alpha) straight into an RGBA
//! buffer, so off-screen pictures need no graphics device and no Vulkan driver.
//!
//! The pixels follow `egui_wgpu`'s shader (`egui.wgsl`, `fs_main_gamma_framebuffer`) for an
//! `Rgba8Unorm` target with `RendererOptions::PREDICTABLE`, as `crate::render` sets it up:
//!
//! - vertex colours and texels are premultiplied sRGB bytes, used as they are (no conversion to
//!   linear): the fragment is `vertex colour × texel`, each channel in 0–1;
//! - vertex colours and texture coordinates interpolate linearly across a triangle, sampled at
//!   pixel centres; vertices snap to 1/256 of a pixel (lavapipe's 8 sub-pixel bits), and a
//!   pixel centre on a shared edge goes to one triangle only (the top-left rule);
//! - textures filter as the shader's predictable path does: bilinear from four texel centres
//!   (fonts and images with linear magnification) or nearest, with the texture's wrap mode;
//! - blending is premultiplied source-over for colour and alpha alike,
//!   `out = src + dst × (1 − src.a)`, rounded to 8 bits after every triangle as the render
//!   target stores it;
//! - clip rectangles round to whole pixels as the scissor rectangle does.
//!
//! `Primitive::Callback` (custom GPU painting) has no CPU meaning and is skipped; Flywheel
//! draws none. Triangles with a corner more than 2^20 pixels from the origin, or one that is
//! not a number, are skipped too; so are meshes with an unknown texture, as `egui_wgpu` skips
//! them.
//!
//! Measured on the Capex view at 1600×900 (12,770 triangles; `cargo bench --bench
//! cpu_render`, 2 cores, no GPU): 4.4–6 ms to paint at 1×; on lavapipe, 20 ms to create a
//! wgpu device (in a process that made one before) and 35 ms for one `render_app`. The whole
//! still picture (new context, layout, paint, PNG) took 19 ms against 232 ms through wgpu. Its
//! output differs from `egui_wgpu`'s by at most 2 of 255 in any channel (`tests/cpu_render.rs`).

use std::collections::HashMap;
use std::num::NonZeroUsize;

use egui::epaint::{ImageDelta, Primitive};
use egui::{
    ClippedPrimitive, Color32, ColorImage, ImageData, TextureId, TextureOptions, TexturesDelta,
};

/// The largest picture side this renderer paints, in pixels: as large as common GPUs allow
/// (the biggest Flywheel asks for is 8192 points at 2×), and small enough that a mistyped size
/// is an error rather than an allocation of many gigabytes.
pub const MAX_SIDE_PX: usize = 16_384;

/// Vertex positions snap to 1/256 of a pixel: the 8 sub-pixel bits Vulkan rasterisers
/// (lavapipe included) use, so edges land on the same pixels as on the GPU.
const SUBPIXEL_STEPS: i64 = 256;

/// A pixel's centre, in sub-pixel steps from its corner.
const HALF_PIXEL: i64 = SUBPIXEL_STEPS / 2;

/// Vertices farther from the origin than this many pixels drop their triangle: it keeps every
/// edge function well inside `i64`, and egui never draws a visible shape that far out.
const MAX_COORDINATE_PX: f32 = 1_048_576.0;

/// Each thread paints at least this many pixels. Measured on the Capex view: at 1600×900
/// (1.4 M pixels) a second thread gained nothing (4.4 ms alone, 5.2 ms on two), at 3200×1800
/// it nearly halved the time (15.4 ms to 8.6 ms); every thread walks every triangle, so
/// splitting pays only when pixels outweigh triangles.
const MIN_PIXELS_PER_THREAD: usize = 1 << 20;

/// At most this many threads share a picture: beyond it, memory bandwidth is the limit.
const MAX_THREADS: usize = 4;

/// A sample position this close to a texel centre (in texels) reads that texel alone: the
/// other three taps of the bilinear filter would weigh under 1/1024, a quarter of an 8-bit
/// step at most.
const ALIGNED_TEXEL: f32 = 1.0 / 1024.0;

/// 1/255 as a factor, for 8-bit channels to 0–1.
const BYTE_TO_UNIT: f32 = 1.0 / 255.0;

/// Why a picture could not be painted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CpuRenderError {
    /// A side of zero, or beyond [`MAX_SIDE_PX`].
    #[error(
        "cannot render a picture of {width}×{height} pixels: each side must be between 1 and \
         {MAX_SIDE_PX} pixels"
    )]
    BadSize {
        /// Asked width in pixels.
        width: usize,
        /// Asked height in pixels.
        height: usize,
    },
}

/// Why a picture could not be encoded as PNG.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// Wider or taller than PNG can say (4 G pixels a side).
    #[error("a {width}×{height} pixel picture is too large for PNG")]
    TooLarge {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
    },
    /// The encoder failed.
    #[error("cannot encode the picture as PNG: {0}")]
    Encode(#[from] image::ImageError),
}

/// One texture as egui uploaded it: premultiplied sRGB texels, row by row.
struct Texture {
    size: [usize; 2],
    texels: Vec<Color32>,
    options: TextureOptions,
}

/// Paints egui frames into pictures on the CPU. Keeps egui's textures (the font atlas, images)
/// from frame to frame, as a GPU renderer does: apply each frame's `TexturesDelta`.
pub struct CpuRenderer {
    textures: HashMap<TextureId, Texture>,
    threads: usize,
}

impl Default for CpuRenderer {
    fn default() -> Self {
        Self::new()
    }
}

impl CpuRenderer {
    /// A renderer with no textures that splits large pictures over the machine's cores (at most
    /// four).
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        Self::with_threads(cores)
    }

    /// A renderer that paints on at most `threads` threads (1 paints on the caller's thread
    /// only), for callers that already keep every core busy.
    pub fn with_threads(threads: usize) -> Self {
        Self {
            textures: HashMap::new(),
            threads: threads.clamp(1, MAX_THREADS),
        }
    }

    /// Applies a frame's texture changes, every upload then every free, and empties `delta`
    /// (egui checks that no delta is dropped unapplied). For frames that are laid out but not
    /// painted; [`Self::render_frame`] frees only after painting.
    pub fn update_textures(&mut self, delta: &mut TexturesDelta) {
        self.set_textures(delta);
        self.free_textures(delta);
    }

    /// Applies and empties a frame's uploads (whole textures and patches), which must precede
    /// its painting.
    pub fn set_textures(&mut self, delta: &mut TexturesDelta) {
        for (id, images) in delta.set.drain() {
            for image in images {
                self.set_texture(id, &image);
            }
        }
    }

    /// Applies and empties a frame's frees, which must follow its painting.
    pub fn free_textures(&mut self, delta: &mut TexturesDelta) {
        for id in delta.free.drain() {
            self.textures.remove(&id);
        }
    }

    /// Creates or replaces a texture (`delta.pos` is `None`), or writes a patch into an existing
    /// one at `delta.pos`. A patch for an unknown texture, a patch's part outside its texture and
    /// an image whose pixel count does not match its size are ignored: egui sends none of them.
    pub fn set_texture(&mut self, id: TextureId, delta: &ImageDelta) {
        let ImageData::Color(image) = &delta.image;
        let [width, height] = image.size;
        if image.pixels.len() != width * height {
            return;
        }
        let Some([left, top]) = delta.pos else {
            self.textures.insert(
                id,
                Texture {
                    size: image.size,
                    texels: image.pixels.clone(),
                    options: delta.options,
                },
            );
            return;
        };
        let Some(texture) = self.textures.get_mut(&id) else {
            return;
        };
        texture.options = delta.options;
        let [texture_width, texture_height] = texture.size;
        if width == 0 || left >= texture_width {
            return;
        }
        let copied = width.min(texture_width - left);
        for (row, patch_row) in image.pixels.chunks_exact(width).enumerate() {
            let y = top + row;
            if y >= texture_height {
                break;
            }
            let start = y * texture_width + left;
            texture.texels[start..start + copied].copy_from_slice(&patch_row[..copied]);
        }
    }

    /// Forgets a texture, as egui asks once no frame uses it any more.
    pub fn free_texture(&mut self, id: TextureId) {
        self.textures.remove(&id);
    }

    /// Paints one frame of an off-screen run: applies `full_output`'s uploads, tessellates its
    /// shapes, paints them over transparent black at `size_px` pixels, then applies its frees.
    /// Running a frame and taking its picture is two lines:
    /// `let output = ctx.run_ui(input, |ui| ..);` and
    /// `let picture = renderer.render_frame(&ctx, output, size_px)?;`.
    pub fn render_frame(
        &mut self,
        ctx: &egui::Context,
        mut full_output: egui::FullOutput,
        size_px: [usize; 2],
    ) -> Result<ColorImage, CpuRenderError> {
        self.set_textures(&mut full_output.textures_delta);
        let pixels_per_point = full_output.pixels_per_point;
        let primitives = ctx.tessellate(full_output.shapes, pixels_per_point);
        let picture = self.paint(&primitives, size_px, pixels_per_point, Color32::TRANSPARENT);
        self.free_textures(&mut full_output.textures_delta);
        picture
    }

    /// Rasterises tessellated primitives (positions in points, `pixels_per_point` pixels each)
    /// into a `size_px` picture first filled with `clear` (premultiplied, as egui's colours
    /// are). The picture's pixels are premultiplied, as the GPU's render target holds them.
    /// Meshes whose texture is unknown are skipped, as `egui_wgpu` skips them.
    pub fn paint(
        &self,
        primitives: &[ClippedPrimitive],
        size_px: [usize; 2],
        pixels_per_point: f32,
        clear: Color32,
    ) -> Result<ColorImage, CpuRenderError> {
        let [width, height] = size_px;
        let side_range = 1..=MAX_SIDE_PX;
        if !side_range.contains(&width) || !side_range.contains(&height) {
            return Err(CpuRenderError::BadSize { width, height });
        }
        let jobs: Vec<Job<'_>> = primitives
            .iter()
            .filter_map(|primitive| self.job(primitive, size_px, pixels_per_point))
            .collect();
        let mut pixels = vec![clear; width * height];
        let threads = self
            .threads
            .min((width * height / MIN_PIXELS_PER_THREAD).max(1));
        let rows_per_band = height.div_ceil(threads);
        let mut bands =
            pixels
                .chunks_mut(rows_per_band * width)
                .enumerate()
                .map(|(index, rows)| Band {
                    first_row: index * rows_per_band,
                    width,
                    pixels: rows,
                });
        let jobs = jobs.as_slice();
        std::thread::scope(|scope| {
            let own_band = bands.next();
            for mut band in bands {
                scope.spawn(move || band.paint(jobs, pixels_per_point));
            }
            if let Some(mut band) = own_band {
                band.paint(jobs, pixels_per_point);
            }
        });
        Ok(ColorImage::new(size_px, pixels))
    }

    /// A mesh ready to paint: its scissor rectangle and texture. `None` for callbacks, empty
    /// clips and unknown textures.
    fn job<'a>(
        &'a self,
        primitive: &'a ClippedPrimitive,
        [width, height]: [usize; 2],
        pixels_per_point: f32,
    ) -> Option<Job<'a>> {
        let Primitive::Mesh(mesh) = &primitive.primitive else {
            return None;
        };
        let texture = self.textures.get(&mesh.texture_id)?;
        if texture.texels.is_empty() {
            return None;
        }
        // As egui_wgpu's `ScissorRect`: round to whole pixels, then clamp to the target.
        let to_pixel = |points: f32, limit: usize| {
            #[expect(
                clippy::cast_possible_wrap,
                reason = "limit is at most MAX_SIDE_PX, far below i64::MAX"
            )]
            let limit = limit as i64;
            // Float-to-integer casts saturate, and NaN becomes 0, as the scissor's cast does.
            ((points * pixels_per_point).round() as i64).clamp(0, limit)
        };
        let clip = &primitive.clip_rect;
        let left = to_pixel(clip.min.x, width);
        let top = to_pixel(clip.min.y, height);
        let scissor = PixelRect {
            left,
            top,
            right: to_pixel(clip.max.x, width).max(left),
            bottom: to_pixel(clip.max.y, height).max(top),
        };
        if scissor.is_empty() || mesh.indices.is_empty() {
            return None;
        }
        Some(Job {
            mesh,
            scissor,
            sampler: Sampler::new(texture),
        })
    }
}

/// The input of one off-screen frame: a window of `size_points` on a screen of
/// `pixels_per_point`, with no events. Pass it to `ctx.run_ui` until [`layout_settled`].
/// The largest texture side stays egui's default (2048): egui makes its font atlas as wide as
/// the side it is told, and a 16384-texel-wide atlas costs megabytes a picture never uses.
pub fn offscreen_input(size_points: egui::Vec2, pixels_per_point: f32) -> egui::RawInput {
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size_points)),
        ..Default::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(pixels_per_point);
    input
}

/// True when a frame needs no successor to be complete: egui asks for an immediate repaint
/// while windows size themselves and fonts load, and stops once the layout has settled. A still
/// picture takes the first settled frame and runs no more.
pub fn layout_settled(output: &egui::FullOutput) -> bool {
    !output
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|viewport| viewport.repaint_delay.is_zero())
}

/// Encodes a picture as PNG quickly: the `image` crate's fast deflate (fdeflate) with the
/// `Paeth` filter on every row, instead of trying every filter on each row (`Adaptive`, what
/// `PngEncoder::new` does). On the Capex view at 1600×900 it takes three quarters of the time
/// for a file 4% larger; `Sub` and `Up` are faster still but make files 1.5 and 2 times larger.
/// A picture without a translucent pixel (every window and slide) is written as RGB: a quarter
/// fewer bytes to filter and compress, and a smaller file.
pub fn encode_png_fast(picture: &ColorImage) -> Result<Vec<u8>, PngError> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};

    let [width, height] = picture.size;
    let too_large = || PngError::TooLarge { width, height };
    let png_width = u32::try_from(width).map_err(|_| too_large())?;
    let png_height = u32::try_from(height).map_err(|_| too_large())?;
    let (bytes_in, color) = png_bytes(&picture.pixels);
    let mut bytes = Vec::with_capacity(bytes_in.len() / 8);
    let encoder =
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::Paeth);
    image::ImageEncoder::write_image(encoder, &bytes_in, png_width, png_height, color)?;
    Ok(bytes)
}

/// The pixels as PNG's bytes, in one allocation of the exact size (a collected `flat_map`
/// grows its buffer step by step, and at 1600×900 that cost as much as the deflate itself):
/// RGB when every pixel is opaque, else RGBA not premultiplied.
pub fn png_bytes(pixels: &[Color32]) -> (Vec<u8>, image::ExtendedColorType) {
    if pixels.iter().all(|pixel| pixel.a() == u8::MAX) {
        let mut rgb = vec![0; pixels.len() * 3];
        for (out, pixel) in rgb.chunks_exact_mut(3).zip(pixels) {
            out.copy_from_slice(&pixel.to_array()[..3]);
        }
        (rgb, image::ExtendedColorType::Rgb8)
    } else {
        let mut rgba = Vec::with_capacity(pixels.len() * 4);
        for pixel in pixels {
            rgba.extend_from_slice(&pixel.to_srgba_unmultiplied());
        }
        (rgba, image::ExtendedColorType::Rgba8)
    }
}

mod raster;
mod sampler;

use raster::*;
use sampler::*;

#[cfg(test)]
mod tests {
    use super::{Edge, ceil_div};

    /// The columns of a row inside an edge, by exact division: what `Edge::narrow` estimates
    /// and corrects.
    fn by_division(edge: &Edge, value: i64, last: i64) -> (i64, i64) {
        let step = edge.column_step;
        let (mut first, mut last) = (0, last);
        if step > 0 {
            first = first.max(ceil_div(edge.threshold - value, step));
        } else if step < 0 {
            last = last.min((value - edge.threshold).div_euclid(-step));
        } else if value < edge.threshold {
            last = -1;
        }
        (first, last)
    }

    #[test]
    fn narrowing_a_row_matches_exact_division() {
        // A fixed pseudo-random walk over edges (sub-pixel directions) and row values.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |range: i64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            #[expect(clippy::cast_possible_wrap, reason = "the top 31 bits fit")]
            let bits = (state >> 33) as i64;
            bits % (2 * range + 1) - range
        };
        for round in 0..300_000 {
            // Steep, shallow and horizontal edges alike, and crossings near the row.
            let scale = [1 << 20, 256, 2][round % 3];
            let to = [next(1 << 20), next(scale)];
            let edge = Edge::new([0, 0], to);
            let value = next([1 << 40, 1 << 30, 1 << 12][round / 3 % 3]);
            let last = next(2000).abs();
            let (mut first, mut narrowed_last) = (0, last);
            edge.narrow(value, &mut first, &mut narrowed_last);
            let (exact_first, exact_last) = by_division(&edge, value, last);
            if exact_first <= exact_last {
                assert_eq!(
                    (first, narrowed_last),
                    (exact_first, exact_last),
                    "edge to {to:?}, value {value}, last {last}"
                );
            } else {
                assert!(
                    first > narrowed_last,
                    "edge to {to:?}, value {value}, last {last}"
                );
            }
        }
    }
}
