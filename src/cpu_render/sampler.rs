//! Texture sampling and the small pixel helpers of the CPU renderer: where a triangle may
//! paint (its clip rectangle in pixels), what each paint job holds, and how a texel is read.

use egui::{Color32, Mesh, TextureFilter, TextureWrapMode};

use super::*;

/// A half-open rectangle of whole pixels: `left..right` × `top..bottom`.
#[derive(Clone, Copy, Debug)]
pub(super) struct PixelRect {
    pub(super) left: i64,
    pub(super) top: i64,
    pub(super) right: i64,
    pub(super) bottom: i64,
}

impl PixelRect {
    pub(super) fn is_empty(&self) -> bool {
        self.left >= self.right || self.top >= self.bottom
    }
}

/// One mesh to paint.
pub(super) struct Job<'a> {
    pub(super) mesh: &'a Mesh,
    pub(super) scissor: PixelRect,
    pub(super) sampler: Sampler<'a>,
}

/// Texture filtering as the shader's predictable path does it.
#[derive(Clone, Copy)]
pub(super) struct Sampler<'a> {
    pub(super) texels: &'a [Color32],
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) size: [f32; 2],
    pub(super) nearest: bool,
    pub(super) wrap: TextureWrapMode,
}

impl<'a> Sampler<'a> {
    #[expect(
        clippy::cast_precision_loss,
        reason = "texture sides are far below 2^24 texels"
    )]
    pub(super) fn new(texture: &'a Texture) -> Self {
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
    pub(super) fn sample(&self, [u, v]: [f32; 2]) -> [f32; 4] {
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
    pub(super) fn texel_offset(
        &self,
        [u, v]: &[Plane; 2],
        setup: &TriangleSetup,
    ) -> Option<[i64; 2]> {
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
    pub(super) fn texel(&self, column: i64, row: i64) -> [f32; 4] {
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
pub(super) fn floor_to_int(value: f32) -> i64 {
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
pub(super) fn wrap(coordinate: i64, size: usize, mode: TextureWrapMode) -> usize {
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
pub(super) fn mix(a: [f32; 4], b: [f32; 4], t: f32) -> [f32; 4] {
    std::array::from_fn(|channel| a[channel] * (1.0 - t) + b[channel] * t)
}

/// Four 8-bit channels as 0–1.
pub(super) fn unit_rgba(bytes: [u8; 4]) -> [f32; 4] {
    bytes.map(|byte| f32::from(byte) * BYTE_TO_UNIT)
}
