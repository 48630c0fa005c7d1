//! Exports: a chart or the whole window as PNG (1× through the viewport screenshot, 2× drawn
//! off-screen at double density), the picture on the clipboard, and the numbers behind the view
//! as CSV. Every picture carries a source line: which filings, how recent, and when it was made.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{ColorImage, Rect};
use flywheel_model::metrics::Transform;
use flywheel_model::projection::{ProjectedMetric, Projection};
use flywheel_model::{Date, Metric, Observation, Series};

use crate::data_view::DataView;
use crate::lens::{Lens, View};

/// What a picture shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PictureTarget {
    /// The whole window (or the slide, while presenting).
    Window,
    /// One chart, by its id.
    Chart(String),
}

/// Where a picture goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PictureDestination {
    /// A PNG file.
    File(PathBuf),
    /// The clipboard, to paste into slides.
    Clipboard,
}

/// One picture to export.
#[derive(Clone, Debug, PartialEq)]
pub struct PictureRequest {
    /// Chart or window.
    pub target: PictureTarget,
    /// 1 (as on screen) or 2 (double density).
    pub scale: u8,
    /// File or clipboard.
    pub destination: PictureDestination,
}

/// An export waiting for the user to say where it goes.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportChoice {
    /// A picture of a chart or the window.
    Picture {
        /// Chart or window.
        target: PictureTarget,
        /// 1 or 2.
        scale: u8,
    },
    /// Numbers as CSV: one chart's, or the whole view's.
    Csv {
        /// The chart's id, or `None` for the view.
        chart: Option<String>,
    },
}

/// Why numbers could not be written as CSV.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the numbers as CSV: {0}")]
pub struct CsvError(#[from] csv::Error);

/// Where the picture's chart was drawn (points), `None` for the window or a chart not drawn.
pub fn chart_rect(charts: &[DrawnChart], target: &PictureTarget) -> Option<Rect> {
    match target {
        PictureTarget::Window => None,
        PictureTarget::Chart(id) => charts
            .iter()
            .find(|chart| chart.id == *id)
            .map(|chart| chart.rect),
    }
}

/// A chart as drawn in the last frame: where it is and what it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnChart {
    /// Its id.
    pub id: String,
    /// What it measures.
    pub metric: Metric,
    /// How its values are shown (value, growth, index): a CSV export carries the same numbers.
    pub transform: Transform,
    /// Title row to source line, in points.
    pub rect: Rect,
}

/// Where a screenshot lands when the integration delivers it (from another thread).
pub type ScreenshotSlot = Arc<Mutex<Option<Arc<ColorImage>>>>;

/// A picture export under way.
#[derive(Debug)]
pub struct PendingPicture {
    /// What was asked.
    pub request: PictureRequest,
    /// Whether the frame with the source line has been drawn and the screenshot asked for.
    pub requested: bool,
    /// Which part of the screenshot to keep, in points.
    pub crop: Option<Rect>,
    /// Filled by the screenshot callback.
    pub slot: ScreenshotSlot,
}

/// Today's date by the system clock (UTC).
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    Date::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// "Sources: AMZN, GOOGL, MSFT 10-K and 10-Q filings and earnings releases (SEC EDGAR), the
/// latest filed 2026-08-05 · Flywheel, 2026-11-27": the line every exported picture carries.
pub fn source_line(data: &DataView, lens: &Lens, scenario: Option<&str>, today: Date) -> String {
    let shown: Vec<_> = data
        .library()
        .entries()
        .iter()
        .map(|entry| &entry.dataset)
        .filter(|dataset| lens.shows(&dataset.company.ticker))
        .collect();
    let tickers: Vec<&str> = shown
        .iter()
        .map(|dataset| dataset.company.ticker.as_str())
        .collect();
    let latest = shown
        .iter()
        .flat_map(|dataset| &dataset.periods)
        .map(|period| period.source.filed)
        .max();
    let mut line = format!(
        "Sources: {} 10-K and 10-Q filings and earnings releases (SEC EDGAR)",
        tickers.join(", ")
    );
    if let Some(latest) = latest {
        let _ = write!(line, ", the latest filed {latest}");
    }
    if lens.view == View::Scenario {
        // The source line must always fit on the picture: a long name is cut.
        let scenario = crate::shown_text::elided(scenario.unwrap_or("Base"), 60);
        let _ = write!(
            line,
            "; projections: scenario \"{scenario}\" (assumptions, not filings)"
        );
    }
    let _ = write!(line, " · Flywheel, {today}");
    line
}

/// The numbers behind a chart or view as CSV: one row per company, period and metric, with the
/// reason for any missing value and the filings behind each value. Each series is written as its
/// chart shows it: the unit column names the transform (`% YoY`, an index) when it is not the
/// value.
pub fn series_csv(rows: &[(Metric, Transform, &Series)], lens: &Lens) -> Result<Vec<u8>, CsvError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "company",
        "period",
        "period_end",
        "metric",
        "unit",
        "value",
        "missing_because",
        "sources",
    ])?;
    for (metric, transform, series) in rows {
        let unit = transform.unit_label(metric.unit());
        for point in series
            .points
            .iter()
            .filter(|point| lens.contains(&point.slot))
        {
            writer.write_record([
                &*text_cell(&series.ticker),
                &*text_cell(&point.slot.label),
                &point.slot.end_date.to_string(),
                metric.key(),
                unit,
                &point.value.map(number_cell).unwrap_or_default(),
                &*text_cell(point.gap.as_deref().unwrap_or_default()),
                &*text_cell(&sources_of(point)),
            ])?;
        }
    }
    finish(writer)
}

/// A scenario's projections as CSV, the columns of `flywheel project --csv` plus the scenario.
pub fn projection_csv(scenario: &str, projections: &[Projection]) -> Result<Vec<u8>, CsvError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["scenario", "company", "year", "metric", "value"])?;
    for projection in projections {
        for year in &projection.years {
            for metric in ProjectedMetric::ALL {
                writer.write_record([
                    &*text_cell(scenario),
                    &*text_cell(&projection.ticker),
                    &year.fiscal_year.to_string(),
                    metric.key(),
                    &number_cell(metric.of(year)),
                ])?;
            }
        }
    }
    finish(writer)
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, CsvError> {
    writer
        .into_inner()
        .map_err(|error| CsvError(error.into_error().into()))
}

/// A number as a CSV cell at the data's precision (US$ 1 M in billions); a value that is not a
/// finite number is left empty, and `-0.000` is written `0.000`.
pub fn number_cell(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let text = format!("{value:.3}");
    if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    }
}

/// A text cell made safe for spreadsheets (OWASP's rule for CSV injection): a cell that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula, so it gets a
/// leading `'`. Numbers are written by the callers as numbers and never pass through here.
pub fn text_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// "Form 10-K for fiscal year 2024 (filed 2025-02-07)", each filing once.
fn sources_of(point: &Observation) -> String {
    let mut filings: Vec<String> = Vec::new();
    for input in &point.inputs {
        let filing = format!("{} (filed {})", input.source.filing, input.source.filed);
        if !filings.contains(&filing) {
            filings.push(filing);
        }
    }
    filings.join("; ")
}

/// The part of a picture inside `rect` (points), clamped to the picture; all of it without one.
pub fn crop(image: &ColorImage, rect: Option<Rect>, pixels_per_point: f32) -> ColorImage {
    let Some(rect) = rect else {
        return image.clone();
    };
    let [width, height] = image.size;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "pixel positions, clamped to the picture"
    )]
    let to_pixel = |value: f32, limit: usize| {
        ((value * pixels_per_point).round().max(0.0) as usize).min(limit)
    };
    let (left, right) = (to_pixel(rect.min.x, width), to_pixel(rect.max.x, width));
    let (top, bottom) = (to_pixel(rect.min.y, height), to_pixel(rect.max.y, height));
    if right <= left || bottom <= top {
        return image.clone();
    }
    image.region_by_pixels([left, top], [right - left, bottom - top])
}
