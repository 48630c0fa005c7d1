//! Exports: a chart or the whole window as PNG (1× through the viewport screenshot, 2× drawn
//! off-screen at double density), the picture on the clipboard, and the numbers behind the view
//! as CSV. Every picture carries a source line: which filings, how recent, and when it was made.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{ColorImage, Rect};
use flywheel_model::projection::{ProjectedMetric, Projection};
use flywheel_model::{Date, Metric, Observation, Series};

use crate::chart::in_range;
use crate::data_view::DataView;
use crate::settings::{Settings, View};

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

/// A name for the save dialog: `flywheel-capex.capex@2x.png`.
pub fn picture_file_name(target: &PictureTarget, scale: u8, view: View) -> String {
    let what = match target {
        PictureTarget::Window => view.title().to_lowercase(),
        PictureTarget::Chart(id) => id.clone(),
    };
    let scale = if scale > 1 {
        format!("@{scale}x")
    } else {
        String::new()
    };
    format!("flywheel-{what}{scale}.png")
}

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
pub fn source_line(data: &DataView, settings: &Settings, today: Date) -> String {
    let shown: Vec<_> = data
        .library()
        .entries()
        .iter()
        .map(|entry| &entry.dataset)
        .filter(|dataset| !settings.hidden_companies.contains(&dataset.company.ticker))
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
    if settings.view == View::Scenario {
        let scenario = settings
            .scenarios
            .current()
            .map_or("Base", |scenario| scenario.name.as_str());
        let _ = write!(
            line,
            "; projections: scenario \"{scenario}\" (assumptions, not filings)"
        );
    }
    let _ = write!(line, " · Flywheel, {today}");
    line
}

/// The numbers behind a chart or view as CSV: one row per company, period and metric, with the
/// reason for any missing value and the filings behind each value.
pub fn series_csv(rows: &[(Metric, &Series)], settings: &Settings) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "company",
            "period",
            "period_end",
            "metric",
            "unit",
            "value",
            "missing_because",
            "sources",
        ])
        .map_err(|error| error.to_string())?;
    for (metric, series) in rows {
        for point in series
            .points
            .iter()
            .filter(|point| in_range(&point.slot, settings))
        {
            writer
                .write_record([
                    series.ticker.as_str(),
                    point.slot.label.as_str(),
                    &point.slot.end_date.to_string(),
                    metric.key(),
                    metric.unit().axis_label(),
                    &point
                        .value
                        .map(|value| format!("{value:.3}"))
                        .unwrap_or_default(),
                    point.gap.as_deref().unwrap_or_default(),
                    &sources_of(point),
                ])
                .map_err(|error| error.to_string())?;
        }
    }
    finish(writer)
}

/// A scenario's projections as CSV, the columns of `flywheel project --csv` plus the scenario.
pub fn projection_csv(scenario: &str, projections: &[Projection]) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["scenario", "company", "year", "metric", "value"])
        .map_err(|error| error.to_string())?;
    for projection in projections {
        for year in &projection.years {
            for metric in ProjectedMetric::ALL {
                writer
                    .write_record([
                        scenario,
                        projection.ticker.as_str(),
                        &year.fiscal_year.to_string(),
                        metric.key(),
                        &format!("{:.3}", metric.of(year)),
                    ])
                    .map_err(|error| error.to_string())?;
            }
        }
    }
    finish(writer)
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String, String> {
    let bytes = writer.into_inner().map_err(|error| error.to_string())?;
    String::from_utf8(bytes).map_err(|error| error.to_string())
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
