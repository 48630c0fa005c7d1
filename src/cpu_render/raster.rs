//! Rasterising one band of rows: triangle set-up with edge functions and the top-left fill
//! rule, interpolation of colour and texture coordinates, and premultiplied blending.

use egui::Color32;
use egui::epaint::Vertex;

use super::sampler::*;
use super::*;

/// Some rows of the picture, painted by one thread.
pub(super) struct Band<'a> {
    pub(super) first_row: usize,
    pub(super) width: usize,
    pub(super) pixels: &'a mut [Color32],
}

impl Band<'_> {
    #[expect(
        clippy::cast_possible_wrap,
        reason = "picture sides are at most MAX_SIDE_PX"
    )]
    pub(super) fn paint(&mut self, jobs: &[Job<'_>], pixels_per_point: f32) {
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
    pub(super) fn triangle(
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
pub(super) fn row_offset(row: i64, first_row: usize, width: usize) -> usize {
    (row as usize - first_row) * width
}

/// One edge's function `E(P) = dx × (Py − Ay) − dy × (Px − Ax)` in sub-pixel steps: positive
/// inside the triangle (counted clockwise on screen).
#[derive(Clone, Copy)]
pub(super) struct Edge {
    pub(super) start: [i64; 2],
    pub(super) dx: i64,
    pub(super) dy: i64,
    /// The least value that counts as inside: 0 on top and left edges, 1 elsewhere, so a pixel
    /// centre on an edge shared by two triangles is painted once.
    pub(super) threshold: i64,
    /// Change of `E` one pixel to the right.
    pub(super) column_step: i64,
    /// `1 / |column_step|`, to estimate where a row crosses the edge without an integer
    /// division per row (tens of cycles each).
    pub(super) inverse_column_step: f64,
    /// Change of `E` one pixel down.
    pub(super) row_step: i64,
}

impl Edge {
    pub(super) fn new(from: [i64; 2], to: [i64; 2]) -> Self {
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
    pub(super) fn narrow(&self, value: i64, first: &mut i64, last: &mut i64) {
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
    pub(super) fn at(&self, column: i64, row: i64) -> i64 {
        let x = column * SUBPIXEL_STEPS + HALF_PIXEL;
        let y = row * SUBPIXEL_STEPS + HALF_PIXEL;
        self.dx * (y - self.start[1]) - self.dy * (x - self.start[0])
    }
}

/// A triangle's corners in sub-pixel steps, its edges and the pixels it may cover.
pub(super) struct TriangleSetup {
    /// Corner positions in pixels, after snapping, clockwise on screen.
    pub(super) corners_px: [[f32; 2]; 3],
    /// Which of the input vertices each corner is (two swap when the input is anticlockwise).
    pub(super) order: [usize; 3],
    pub(super) edges: [Edge; 3],
    /// Twice the area, in square sub-pixel steps: always positive.
    pub(super) doubled_area: i64,
    pub(super) first_column: i64,
    pub(super) last_column: i64,
    pub(super) first_row: i64,
    pub(super) last_row: i64,
}

impl TriangleSetup {
    pub(super) fn new(
        corners: [&Vertex; 3],
        pixels_per_point: f32,
        clip: PixelRect,
    ) -> Option<Self> {
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
    pub(super) fn span(&self, edge_values: &[i64; 3]) -> Option<(i64, i64)> {
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
    pub(super) fn plane(&self, values: [f32; 3]) -> Plane {
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
pub(super) fn ceil_div(numerator: i64, denominator: i64) -> i64 {
    -(-numerator).div_euclid(denominator)
}

/// A value varying linearly over a triangle.
#[derive(Clone, Copy)]
pub(super) struct Plane {
    pub(super) origin: [f32; 2],
    pub(super) at_origin: f32,
    pub(super) per_x: f32,
    pub(super) per_y: f32,
}

impl Plane {
    /// The value at the centre of pixel (`column`, `row`).
    #[expect(
        clippy::cast_precision_loss,
        reason = "pixel coordinates are at most MAX_SIDE_PX"
    )]
    pub(super) fn at(&self, column: i64, row: i64) -> f32 {
        let x = column as f32 + 0.5 - self.origin[0];
        let y = row as f32 + 0.5 - self.origin[1];
        self.at_origin + self.per_x * x + self.per_y * y
    }
}

/// How a triangle's pixels get their colour (premultiplied, 0–255 a channel), from the
/// cheapest case to the dearest. Most of egui's triangles sample one white texel, so their
/// texel is looked up once and folded into the colour.
pub(super) enum Shading {
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

pub(super) enum Varying<Same, Planes> {
    Same(Same),
    Linear(Planes),
}

impl Shading {
    pub(super) fn new(corners: [&Vertex; 3], setup: &TriangleSetup, sampler: &Sampler<'_>) -> Self {
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
    pub(super) fn is_invisible(&self) -> bool {
        matches!(self, Self::Flat(source) if source.iter().all(|&channel| channel <= 0.0))
    }

    /// Blends columns `first..=last` of `row` (whose pixels are `row_pixels`).
    #[expect(
        clippy::cast_sign_loss,
        clippy::cast_possible_truncation,
        reason = "columns are within the clip, which is within the picture"
    )]
    pub(super) fn fill_span(
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
pub(super) struct Stepper<const N: usize> {
    pub(super) value: [f32; N],
    pub(super) step: [f32; N],
}

impl<const N: usize> Stepper<N> {
    /// The values of `planes` at the centre of pixel (`column`, `row`), and their steps right.
    pub(super) fn new(planes: &[Plane; N], column: i64, row: i64) -> Self {
        Self {
            value: planes.map(|plane| plane.at(column, row)),
            step: planes.map(|plane| plane.per_x),
        }
    }

    pub(super) fn advance(&mut self) {
        for (value, step) in self.value.iter_mut().zip(self.step) {
            *value += step;
        }
    }
}

/// Premultiplied source-over onto `destination`, for colour and alpha alike:
/// `source + destination × keep`, where `keep = 1 − source alpha`; `source` is 0–255.
pub(super) fn blend(source: [f32; 4], keep: f32, destination: Color32) -> Color32 {
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
pub(super) fn to_colour(channels: [f32; 4]) -> Color32 {
    let [r, g, b, a] = channels.map(|channel| (channel + 0.5) as u8);
    Color32::from_rgba_premultiplied(r, g, b, a)
}
