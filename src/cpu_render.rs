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

use egui::epaint::{ImageDelta, Primitive, Vertex};
use egui::{
    ClippedPrimitive, Color32, ColorImage, ImageData, Mesh, TextureFilter, TextureId,
    TextureOptions, TextureWrapMode, TexturesDelta,
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
pub fn encode_png_fast(picture: &ColorImage) -> Result<Vec<u8>, PngError> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};

    let [width, height] = picture.size;
    let too_large = || PngError::TooLarge { width, height };
    let png_width = u32::try_from(width).map_err(|_| too_large())?;
    let png_height = u32::try_from(height).map_err(|_| too_large())?;
    let rgba: Vec<u8> = picture
        .pixels
        .iter()
        .flat_map(Color32::to_srgba_unmultiplied)
        .collect();
    let mut bytes = Vec::with_capacity(rgba.len() / 8);
    let encoder =
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::Paeth);
    image::ImageEncoder::write_image(
        encoder,
        &rgba,
        png_width,
        png_height,
        image::ExtendedColorType::Rgba8,
    )?;
    Ok(bytes)
}

/// A half-open rectangle of whole pixels: `left..right` × `top..bottom`.
#[derive(Clone, Copy, Debug)]
struct PixelRect {
    left: i64,
    top: i64,
    right: i64,
    bottom: i64,
}

impl PixelRect {
    fn is_empty(&self) -> bool {
        self.left >= self.right || self.top >= self.bottom
    }
}

/// One mesh to paint.
struct Job<'a> {
    mesh: &'a Mesh,
    scissor: PixelRect,
    sampler: Sampler<'a>,
}

/// Texture filtering as the shader's predictable path does it.
#[derive(Clone, Copy)]
struct Sampler<'a> {
    texels: &'a [Color32],
    width: usize,
    height: usize,
    size: [f32; 2],
    nearest: bool,
    wrap: TextureWrapMode,
}

impl<'a> Sampler<'a> {
    #[expect(
        clippy::cast_precision_loss,
        reason = "texture sides are far below 2^24 texels"
    )]
    fn new(texture: &'a Texture) -> Self {
        let [width, height] = texture.size;
        Self {
            texels: &texture.texels,
            width,
            height,
            size: [width as f32, height as f32],
            // The shader decides by magnification alone.
            nearest: texture.options.magnification == TextureFilter::Nearest,
            wrap: texture.options.wrap_mode,
        }
    }

    /// The texel colour at texture coordinates `uv`, each channel in 0–1.
    #[inline]
    fn sample(&self, [u, v]: [f32; 2]) -> [f32; 4] {
        let x = u * self.size[0];
        let y = v * self.size[1];
        if self.nearest {
            return self.texel(floor_to_int(x), floor_to_int(y));
        }
        // Texel centres sit at half-integer coordinates.
        let x = x - 0.5;
        let y = y - 0.5;
        let (nearest_column, nearest_row) = (floor_to_int(x + 0.5), floor_to_int(y + 0.5));
        #[expect(
            clippy::cast_precision_loss,
            reason = "texel coordinates are far below 2^24"
        )]
        let aligned = (x - nearest_column as f32).abs() < ALIGNED_TEXEL
            && (y - nearest_row as f32).abs() < ALIGNED_TEXEL;
        if aligned {
            // Glyphs drawn at their rasterised size land on texel centres: one tap, not four.
            return self.texel(nearest_column, nearest_row);
        }
        let (column, row) = (floor_to_int(x), floor_to_int(y));
        #[expect(
            clippy::cast_precision_loss,
            reason = "texel coordinates are far below 2^24"
        )]
        let (x_fraction, y_fraction) = (x - column as f32, y - row as f32);
        let top = mix(
            self.texel(column, row),
            self.texel(column + 1, row),
            x_fraction,
        );
        let bottom = mix(
            self.texel(column, row + 1),
            self.texel(column + 1, row + 1),
            x_fraction,
        );
        mix(top, bottom, y_fraction)
    }

    /// For a triangle whose texture coordinates step one texel per pixel, unrotated, with its
    /// first pixel centre on a texel centre: the texel of pixel (0, 0). The steps must hold to
    /// within `ALIGNED_TEXEL` over the whole triangle, so every pixel reads the texel the
    /// filter would weigh alone.
    #[expect(
        clippy::cast_precision_loss,
        reason = "pixel and texel coordinates are far below 2^24"
    )]
    fn texel_offset(&self, [u, v]: &[Plane; 2], setup: &TriangleSetup) -> Option<[i64; 2]> {
        let columns = (setup.last_column - setup.first_column + 1) as f32;
        let rows = (setup.last_row - setup.first_row + 1) as f32;
        let [width, height] = self.size;
        let drift_u = (u.per_x * width - 1.0).abs() * columns + (u.per_y * width).abs() * rows;
        let drift_v = (v.per_x * height).abs() * columns + (v.per_y * height - 1.0).abs() * rows;
        if !(drift_u < ALIGNED_TEXEL && drift_v < ALIGNED_TEXEL) {
            return None;
        }
        let (column, row) = (setup.first_column, setup.first_row);
        // Texel centres sit at half-integer coordinates, for nearest and linear filtering alike.
        let x = u.at(column, row) * width - 0.5;
        let y = v.at(column, row) * height - 0.5;
        let (texel_column, texel_row) = (floor_to_int(x + 0.5), floor_to_int(y + 0.5));
        let aligned = (x - texel_column as f32).abs() < ALIGNED_TEXEL
            && (y - texel_row as f32).abs() < ALIGNED_TEXEL;
        aligned.then_some([texel_column - column, texel_row - row])
    }

    #[inline]
    fn texel(&self, column: i64, row: i64) -> [f32; 4] {
        let column = wrap(column, self.width, self.wrap);
        let row = wrap(row, self.height, self.wrap);
        let [r, g, b, a] = self.texels[row * self.width + column].to_array();
        unit_rgba([r, g, b, a])
    }
}

/// `⌊value⌋` as an integer, without the library call `f32::floor` costs on baseline x86-64.
/// Saturates far outside the `i64` range; NaN gives 0.
#[inline]
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "texel coordinates; saturating is the intent"
)]
fn floor_to_int(value: f32) -> i64 {
    let truncated = value as i64;
    truncated - i64::from((truncated as f32) > value)
}

/// A texel coordinate brought inside `0..size` by the texture's wrap mode, as the shader's
/// `wrap_texel_coord` does.
#[inline]
#[expect(
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    reason = "texture sides are far below i64::MAX; results are within 0..size"
)]
fn wrap(coordinate: i64, size: usize, mode: TextureWrapMode) -> usize {
    let size = size as i64;
    let wrapped = match mode {
        TextureWrapMode::ClampToEdge => coordinate.clamp(0, size - 1),
        TextureWrapMode::Repeat => coordinate.rem_euclid(size),
        TextureWrapMode::MirroredRepeat => {
            let period = 2 * size;
            let phase = coordinate.rem_euclid(period);
            phase.min(period - 1 - phase)
        }
    };
    wrapped as usize
}

/// WGSL's `mix`: `a × (1 − t) + b × t`, channel by channel.
fn mix(a: [f32; 4], b: [f32; 4], t: f32) -> [f32; 4] {
    std::array::from_fn(|channel| a[channel] * (1.0 - t) + b[channel] * t)
}

/// Four 8-bit channels as 0–1.
fn unit_rgba(bytes: [u8; 4]) -> [f32; 4] {
    bytes.map(|byte| f32::from(byte) * BYTE_TO_UNIT)
}

/// Some rows of the picture, painted by one thread.
struct Band<'a> {
    first_row: usize,
    width: usize,
    pixels: &'a mut [Color32],
}

impl Band<'_> {
    #[expect(
        clippy::cast_possible_wrap,
        reason = "picture sides are at most MAX_SIDE_PX"
    )]
    fn paint(&mut self, jobs: &[Job<'_>], pixels_per_point: f32) {
        let rows = self.pixels.len() / self.width;
        let band_top = self.first_row as i64;
        let band_bottom = (self.first_row + rows) as i64;
        for job in jobs {
            let clip = PixelRect {
                top: job.scissor.top.max(band_top),
                bottom: job.scissor.bottom.min(band_bottom),
                ..job.scissor
            };
            if clip.is_empty() {
                continue;
            }
            // Rows above and below the clip, in points with a pixel's margin: triangles wholly
            // there are skipped before any set-up, as most are for all bands but one.
            #[expect(clippy::cast_precision_loss, reason = "rows are at most MAX_SIDE_PX")]
            let (above, below) = (
                (clip.top - 1) as f32 / pixels_per_point,
                (clip.bottom + 1) as f32 / pixels_per_point,
            );
            let vertices = &job.mesh.vertices;
            for triangle in job.mesh.indices.chunks_exact(3) {
                let corner = |index: u32| vertices.get(usize::try_from(index).ok()?);
                let (Some(a), Some(b), Some(c)) = (
                    corner(triangle[0]),
                    corner(triangle[1]),
                    corner(triangle[2]),
                ) else {
                    continue;
                };
                let corners = [a, b, c];
                if corners.iter().all(|vertex| vertex.pos.y < above)
                    || corners.iter().all(|vertex| vertex.pos.y > below)
                {
                    continue;
                }
                self.triangle(corners, pixels_per_point, clip, &job.sampler);
            }
        }
    }

    /// Rasterises one triangle inside `clip` (already limited to this band).
    fn triangle(
        &mut self,
        corners: [&Vertex; 3],
        pixels_per_point: f32,
        clip: PixelRect,
        sampler: &Sampler<'_>,
    ) {
        let Some(setup) = TriangleSetup::new(corners, pixels_per_point, clip) else {
            return;
        };
        let shading = Shading::new(corners, &setup, sampler);
        if shading.is_invisible() {
            return;
        }
        let mut edge_rows = setup
            .edges
            .map(|edge| edge.at(setup.first_column, setup.first_row));
        for row in setup.first_row..=setup.last_row {
            let span = setup.span(&edge_rows);
            for (value, edge) in edge_rows.iter_mut().zip(&setup.edges) {
                *value += edge.row_step;
            }
            let Some((first, last)) = span else {
                continue;
            };
            let row_start = row_offset(row, self.first_row, self.width);
            let row_pixels = &mut self.pixels[row_start..row_start + self.width];
            shading.fill_span(row_pixels, row, first, last, sampler);
        }
    }
}

#[expect(
    clippy::cast_sign_loss,
    clippy::cast_possible_truncation,
    reason = "rows are within the band, which is within the picture"
)]
fn row_offset(row: i64, first_row: usize, width: usize) -> usize {
    (row as usize - first_row) * width
}

/// One edge's function `E(P) = dx × (Py − Ay) − dy × (Px − Ax)` in sub-pixel steps: positive
/// inside the triangle (counted clockwise on screen).
#[derive(Clone, Copy)]
struct Edge {
    start: [i64; 2],
    dx: i64,
    dy: i64,
    /// The least value that counts as inside: 0 on top and left edges, 1 elsewhere, so a pixel
    /// centre on an edge shared by two triangles is painted once.
    threshold: i64,
    /// Change of `E` one pixel to the right.
    column_step: i64,
    /// `1 / |column_step|`, to estimate where a row crosses the edge without an integer
    /// division per row (tens of cycles each).
    inverse_column_step: f64,
    /// Change of `E` one pixel down.
    row_step: i64,
}

impl Edge {
    fn new(from: [i64; 2], to: [i64; 2]) -> Self {
        let dx = to[0] - from[0];
        let dy = to[1] - from[1];
        let top_or_left = dy < 0 || (dy == 0 && dx > 0);
        let column_step = -dy * SUBPIXEL_STEPS;
        #[expect(
            clippy::cast_precision_loss,
            reason = "an estimate, corrected exactly in `narrow`"
        )]
        let inverse_column_step = 1.0 / column_step.unsigned_abs().max(1) as f64;
        Self {
            start: from,
            dx,
            dy,
            threshold: i64::from(!top_or_left),
            column_step,
            inverse_column_step,
            row_step: dx * SUBPIXEL_STEPS,
        }
    }

    /// Narrows the columns `first..=last` of a row (counted from the column where this edge's
    /// value is `value`) to those inside this edge; leaves `first > last` when none is. The
    /// crossing is estimated in floating point and then made exact with the integer test, so
    /// the result is the same as dividing exactly.
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        reason = "an estimate, clamped to the row and corrected by the exact test"
    )]
    fn narrow(&self, value: i64, first: &mut i64, last: &mut i64) {
        let step = self.column_step;
        let inside = |column: i64| value + step * column >= self.threshold;
        if step > 0 {
            // Inside from some column on.
            if inside(*first) {
                return;
            }
            let estimate = ((self.threshold - value) as f64 * self.inverse_column_step) as i64;
            let mut column = estimate.clamp(*first, *last + 1);
            while column > *first && inside(column - 1) {
                column -= 1;
            }
            while column <= *last && !inside(column) {
                column += 1;
            }
            *first = column;
        } else if step < 0 {
            // Inside up to some column.
            if inside(*last) {
                return;
            }
            let estimate = ((value - self.threshold) as f64 * self.inverse_column_step) as i64;
            let mut column = estimate.clamp(*first - 1, *last);
            while column < *last && inside(column + 1) {
                column += 1;
            }
            while column >= *first && !inside(column) {
                column -= 1;
            }
            *last = column;
        } else if !inside(0) {
            *last = *first - 1;
        }
    }

    /// `E` at the centre of pixel (`column`, `row`).
    fn at(&self, column: i64, row: i64) -> i64 {
        let x = column * SUBPIXEL_STEPS + HALF_PIXEL;
        let y = row * SUBPIXEL_STEPS + HALF_PIXEL;
        self.dx * (y - self.start[1]) - self.dy * (x - self.start[0])
    }
}

/// A triangle's corners in sub-pixel steps, its edges and the pixels it may cover.
struct TriangleSetup {
    /// Corner positions in pixels, after snapping, clockwise on screen.
    corners_px: [[f32; 2]; 3],
    /// Which of the input vertices each corner is (two swap when the input is anticlockwise).
    order: [usize; 3],
    edges: [Edge; 3],
    /// Twice the area, in square sub-pixel steps: always positive.
    doubled_area: i64,
    first_column: i64,
    last_column: i64,
    first_row: i64,
    last_row: i64,
}

impl TriangleSetup {
    fn new(corners: [&Vertex; 3], pixels_per_point: f32, clip: PixelRect) -> Option<Self> {
        let mut fixed = [[0_i64; 2]; 3];
        for (slot, vertex) in fixed.iter_mut().zip(corners) {
            let x = vertex.pos.x * pixels_per_point;
            let y = vertex.pos.y * pixels_per_point;
            // Also false for NaN.
            if !(x.abs() <= MAX_COORDINATE_PX && y.abs() <= MAX_COORDINATE_PX) {
                return None;
            }
            #[expect(clippy::cast_precision_loss, reason = "256 is exact")]
            let snap = |value: f32| floor_to_int(value * SUBPIXEL_STEPS as f32 + 0.5);
            *slot = [snap(x), snap(y)];
        }
        let mut order = [0, 1, 2];
        let cross = |p: [[i64; 2]; 3]| {
            (p[1][0] - p[0][0]) * (p[2][1] - p[0][1]) - (p[1][1] - p[0][1]) * (p[2][0] - p[0][0])
        };
        let mut doubled_area = cross(fixed);
        if doubled_area == 0 {
            return None;
        }
        if doubled_area < 0 {
            fixed.swap(1, 2);
            order.swap(1, 2);
            doubled_area = -doubled_area;
        }
        let min_x = fixed.iter().map(|p| p[0]).min().unwrap_or(0);
        let max_x = fixed.iter().map(|p| p[0]).max().unwrap_or(0);
        let min_y = fixed.iter().map(|p| p[1]).min().unwrap_or(0);
        let max_y = fixed.iter().map(|p| p[1]).max().unwrap_or(0);
        // Pixels whose centres lie within the bounding box, and inside the clip.
        let first_column = ceil_div(min_x - HALF_PIXEL, SUBPIXEL_STEPS).max(clip.left);
        let last_column = (max_x - HALF_PIXEL)
            .div_euclid(SUBPIXEL_STEPS)
            .min(clip.right - 1);
        let first_row = ceil_div(min_y - HALF_PIXEL, SUBPIXEL_STEPS).max(clip.top);
        let last_row = (max_y - HALF_PIXEL)
            .div_euclid(SUBPIXEL_STEPS)
            .min(clip.bottom - 1);
        if first_column > last_column || first_row > last_row {
            return None;
        }
        #[expect(
            clippy::cast_precision_loss,
            reason = "bounded by MAX_COORDINATE_PX; a float is all the shading needs"
        )]
        let corners_px = fixed.map(|[x, y]| {
            [
                x as f32 / SUBPIXEL_STEPS as f32,
                y as f32 / SUBPIXEL_STEPS as f32,
            ]
        });
        Some(Self {
            corners_px,
            order,
            edges: [
                Edge::new(fixed[0], fixed[1]),
                Edge::new(fixed[1], fixed[2]),
                Edge::new(fixed[2], fixed[0]),
            ],
            doubled_area,
            first_column,
            last_column,
            first_row,
            last_row,
        })
    }

    /// The first and last columns of a row inside all three edges, given each edge's value at
    /// the row's first column; `None` when the row misses the triangle.
    fn span(&self, edge_values: &[i64; 3]) -> Option<(i64, i64)> {
        let mut first = 0;
        let mut last = self.last_column - self.first_column;
        for (&value, edge) in edge_values.iter().zip(&self.edges) {
            edge.narrow(value, &mut first, &mut last);
            if first > last {
                return None;
            }
        }
        Some((self.first_column + first, self.first_column + last))
    }

    /// A linear function over the triangle taking `values` at its (input-order) corners, as
    /// `(value at the first corner, change per pixel right, change per pixel down)`.
    fn plane(&self, values: [f32; 3]) -> Plane {
        let [a, b, c] = self.order.map(|index| values[index]);
        let [[x0, y0], [x1, y1], [x2, y2]] = self.corners_px;
        #[expect(
            clippy::cast_precision_loss,
            reason = "area bounded by MAX_COORDINATE_PX squared; a float suffices"
        )]
        let area_px = self.doubled_area as f32 / (SUBPIXEL_STEPS * SUBPIXEL_STEPS) as f32;
        // Barycentric weights of the second and third corner, differentiated.
        let per_x = ((b - a) * (y2 - y0) - (c - a) * (y1 - y0)) / area_px;
        let per_y = ((c - a) * (x1 - x0) - (b - a) * (x2 - x0)) / area_px;
        Plane {
            origin: [x0, y0],
            at_origin: a,
            per_x,
            per_y,
        }
    }
}

/// `⌈numerator / denominator⌉` for a positive denominator.
fn ceil_div(numerator: i64, denominator: i64) -> i64 {
    -(-numerator).div_euclid(denominator)
}

/// A value varying linearly over a triangle.
#[derive(Clone, Copy)]
struct Plane {
    origin: [f32; 2],
    at_origin: f32,
    per_x: f32,
    per_y: f32,
}

impl Plane {
    /// The value at the centre of pixel (`column`, `row`).
    #[expect(
        clippy::cast_precision_loss,
        reason = "pixel coordinates are at most MAX_SIDE_PX"
    )]
    fn at(&self, column: i64, row: i64) -> f32 {
        let x = column as f32 + 0.5 - self.origin[0];
        let y = row as f32 + 0.5 - self.origin[1];
        self.at_origin + self.per_x * x + self.per_y * y
    }
}

/// How a triangle's pixels get their colour (premultiplied, 0–255 a channel), from the
/// cheapest case to the dearest. Most of egui's triangles sample one white texel, so their
/// texel is looked up once and folded into the colour.
enum Shading {
    /// One colour over the whole triangle: solid shapes and their strokes.
    Flat([f32; 4]),
    /// Colours varying, one texel: egui's anti-aliasing fringes, gradients.
    Gradient([Plane; 4]),
    /// Texture coordinates varying: text and images.
    Textured {
        colour: Varying<[f32; 4], [Plane; 4]>,
        uv: [Plane; 2],
        /// When every pixel centre lands on a texel centre (glyphs drawn at the size they were
        /// rasterised): pixel (x, y) shows texel (x, y) + this, with no filtering to do.
        texel_offset: Option<[i64; 2]>,
    },
}

enum Varying<Same, Planes> {
    Same(Same),
    Linear(Planes),
}

impl Shading {
    fn new(corners: [&Vertex; 3], setup: &TriangleSetup, sampler: &Sampler<'_>) -> Self {
        let [a, b, c] = corners;
        let same_colour = a.color == b.color && b.color == c.color;
        // Vertex colours scaled to 0–255, by the texel when there is only one.
        let scaled = |vertex: &Vertex, texel: [f32; 4]| {
            let colour = unit_rgba(vertex.color.to_array());
            std::array::from_fn::<f32, 4, _>(|channel| colour[channel] * texel[channel] * 255.0)
        };
        if a.uv == b.uv && b.uv == c.uv {
            let texel = sampler.sample([a.uv.x, a.uv.y]);
            if same_colour {
                return Self::Flat(scaled(a, texel));
            }
            let corner_values = corners.map(|vertex| scaled(vertex, texel));
            return Self::Gradient(std::array::from_fn(|channel| {
                setup.plane(corner_values.map(|values| values[channel]))
            }));
        }
        let white = [1.0; 4];
        let colour = if same_colour {
            Varying::Same(scaled(a, white))
        } else {
            let corner_values = corners.map(|vertex| scaled(vertex, white));
            Varying::Linear(std::array::from_fn(|channel| {
                setup.plane(corner_values.map(|values| values[channel]))
            }))
        };
        let uv = [
            setup.plane(corners.map(|vertex| vertex.uv.x)),
            setup.plane(corners.map(|vertex| vertex.uv.y)),
        ];
        Self::Textured {
            colour,
            texel_offset: sampler.texel_offset(&uv, setup),
            uv,
        }
    }

    /// True when every pixel would be left as it is: a fully transparent flat colour.
    fn is_invisible(&self) -> bool {
        matches!(self, Self::Flat(source) if source.iter().all(|&channel| channel <= 0.0))
    }

    /// Blends columns `first..=last` of `row` (whose pixels are `row_pixels`).
    #[expect(
        clippy::cast_sign_loss,
        clippy::cast_possible_truncation,
        reason = "columns are within the clip, which is within the picture"
    )]
    fn fill_span(
        &self,
        row_pixels: &mut [Color32],
        row: i64,
        first: i64,
        last: i64,
        sampler: &Sampler<'_>,
    ) {
        let span = &mut row_pixels[first as usize..=last as usize];
        match self {
            Self::Flat(source) if source[3] >= 255.0 => span.fill(to_colour(*source)),
            Self::Flat(source) => {
                let keep = 1.0 - source[3] * BYTE_TO_UNIT;
                for pixel in span {
                    *pixel = blend(*source, keep, *pixel);
                }
            }
            Self::Gradient(planes) => {
                let mut source = Stepper::new(planes, first, row);
                for pixel in span {
                    *pixel = blend(source.value, 1.0 - source.value[3] * BYTE_TO_UNIT, *pixel);
                    source.advance();
                }
            }
            Self::Textured {
                colour: Varying::Same(colour),
                texel_offset: Some([column_offset, row_offset]),
                ..
            } => {
                let texel_row = row + row_offset;
                for (column, pixel) in (first..).zip(span) {
                    let texel = sampler.texel(column + column_offset, texel_row);
                    let source: [f32; 4] =
                        std::array::from_fn(|channel| colour[channel] * texel[channel]);
                    *pixel = blend(source, 1.0 - source[3] * BYTE_TO_UNIT, *pixel);
                }
            }
            Self::Textured { colour, uv, .. } => {
                let mut uv = Stepper::new(uv, first, row);
                let mut colour = match colour {
                    Varying::Same(colour) => Stepper {
                        value: *colour,
                        step: [0.0; 4],
                    },
                    Varying::Linear(planes) => Stepper::new(planes, first, row),
                };
                for pixel in span {
                    let texel = sampler.sample(uv.value);
                    let source: [f32; 4] =
                        std::array::from_fn(|channel| colour.value[channel] * texel[channel]);
                    *pixel = blend(source, 1.0 - source[3] * BYTE_TO_UNIT, *pixel);
                    colour.advance();
                    uv.advance();
                }
            }
        }
    }
}

/// Values walked along a row, one pixel at a time.
struct Stepper<const N: usize> {
    value: [f32; N],
    step: [f32; N],
}

impl<const N: usize> Stepper<N> {
    /// The values of `planes` at the centre of pixel (`column`, `row`), and their steps right.
    fn new(planes: &[Plane; N], column: i64, row: i64) -> Self {
        Self {
            value: planes.map(|plane| plane.at(column, row)),
            step: planes.map(|plane| plane.per_x),
        }
    }

    fn advance(&mut self) {
        for (value, step) in self.value.iter_mut().zip(self.step) {
            *value += step;
        }
    }
}

/// Premultiplied source-over onto `destination`, for colour and alpha alike:
/// `source + destination × keep`, where `keep = 1 − source alpha`; `source` is 0–255.
fn blend(source: [f32; 4], keep: f32, destination: Color32) -> Color32 {
    let destination = destination.to_array();
    to_colour(std::array::from_fn(|channel| {
        source[channel] + f32::from(destination[channel]) * keep
    }))
}

/// Rounds 0–255 channels to the nearest byte, as a `Unorm` target stores them.
#[expect(
    clippy::cast_sign_loss,
    clippy::cast_possible_truncation,
    reason = "float-to-byte casts saturate, which is the clamp a Unorm target does"
)]
fn to_colour(channels: [f32; 4]) -> Color32 {
    let [r, g, b, a] = channels.map(|channel| (channel + 0.5) as u8);
    Color32::from_rgba_premultiplied(r, g, b, a)
}

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
