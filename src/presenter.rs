//! Presenter mode: full screen, no panels, menus or buttons, type and lines enlarged for the
//! room, a high-contrast theme, the deck's title and a slide counter; a scenario slide drawn as
//! its projection alone; and where the presenter view goes. The settings of before are restored
//! on leaving.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use egui::{
    Color32, ColorImage, FontFamily, FontId, RichText, TextureHandle, TextureOptions, Theme, Ui,
    Visuals,
};

use flywheel_model::projection::{ProjectedYear, Projection, base_year, project};
use flywheel_model::{Library, Metric, Scenario};

use crate::chart::axes::x_position;
use crate::chart::plot::PlotItem;
use crate::chart::{ChartKind, ChartSpec, ViewContext, chart, draw_chart};
use crate::data_view::ShownCompany;
use crate::deck::{Deck, fill_live_numbers_of_start};
use crate::lens::Lens;
use crate::render::RenderError;
use crate::settings::Settings;
use crate::shown_text::{elided, hover_text};
use crate::theme::SEMIBOLD;

/// A presentation under way (runtime only).
#[derive(Clone, Debug)]
pub struct Presentation {
    /// Index of the slide shown.
    pub slide: usize,
    /// Whether the screen is blanked (B).
    pub blank: bool,
    /// What the app showed before presenting (what a slide changes), restored on leaving.
    pub view_before: ViewBefore,
    /// Where the presenter's own view (notes, next slide, time) is shown.
    pub speaker_view: SpeakerView,
    /// When the presentation started, for the elapsed time.
    pub started: std::time::Instant,
    /// Pictures of the slides for the presenter view, drawn as the room sees them.
    pub pictures: SlidePictures,
}

/// Pictures of slides for the presenter view: each drawn off-screen on a thread of its own (so
/// stepping never waits for one), then kept as a texture until the deck, the data, the theme or
/// the window size changes.
#[derive(Clone, Default)]
pub struct SlidePictures {
    cache: Arc<Mutex<PictureCache>>,
}

impl std::fmt::Debug for SlidePictures {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("SlidePictures")
    }
}

/// What pictures are drawn from: a picture of anything else is out of date.
#[derive(Clone, Copy, Debug)]
pub struct PictureSource<'a> {
    /// The deck, every slide's text and lens.
    pub deck: &'a Deck,
    /// The data, for the live numbers and charts.
    pub library: &'a Library,
    /// Light or dark presentation.
    pub theme: Theme,
    /// The room's window, in points.
    pub size: [u32; 2],
}

/// A [`PictureSource`] kept with the pictures drawn from it.
struct KeptSource {
    deck: Deck,
    library: Library,
    theme: Theme,
    size: [u32; 2],
}

impl KeptSource {
    fn is(&self, source: &PictureSource<'_>) -> bool {
        self.theme == source.theme
            && self.size == source.size
            && self.deck == *source.deck
            && self.library == *source.library
    }
}

#[derive(Default)]
struct PictureCache {
    source: Option<KeptSource>,
    /// Counts the sources: a picture finished for an older one is dropped.
    generation: u64,
    slides: HashMap<usize, SlidePicture>,
}

enum SlidePicture {
    Drawing,
    Drawn(ColorImage),
    Shown(TextureHandle),
    Failed(String),
}

/// Where a slide's picture stands.
#[derive(Clone)]
pub enum SlideThumbnail {
    /// Drawn, as a texture.
    Ready(TextureHandle),
    /// Being drawn.
    Drawing,
    /// Could not be drawn, and why.
    Failed(String),
}

/// Draws one slide's picture, off the UI thread.
pub type DrawSlide = Box<dyn FnOnce() -> Result<ColorImage, RenderError> + Send>;

impl SlidePictures {
    /// The picture of slide `index` from `source`. The first call starts drawing it with the
    /// function `make_draw` builds (only then), on a thread of its own that asks `ctx` for a
    /// repaint when done.
    pub fn picture(
        &self,
        ctx: &egui::Context,
        index: usize,
        source: &PictureSource<'_>,
        make_draw: impl FnOnce() -> DrawSlide,
    ) -> SlideThumbnail {
        let Ok(mut cache) = self.cache.lock() else {
            return SlideThumbnail::Failed("a drawing thread failed".to_owned());
        };
        if !cache.source.as_ref().is_some_and(|kept| kept.is(source)) {
            cache.source = Some(KeptSource {
                deck: source.deck.clone(),
                library: source.library.clone(),
                theme: source.theme,
                size: source.size,
            });
            cache.generation += 1;
            cache.slides.clear();
        }
        match cache.slides.remove(&index) {
            Some(SlidePicture::Shown(texture)) => {
                cache
                    .slides
                    .insert(index, SlidePicture::Shown(texture.clone()));
                SlideThumbnail::Ready(texture)
            }
            Some(SlidePicture::Drawn(image)) => {
                let texture = ctx.load_texture(
                    format!("slide-picture-{index}"),
                    image,
                    TextureOptions::LINEAR,
                );
                cache
                    .slides
                    .insert(index, SlidePicture::Shown(texture.clone()));
                SlideThumbnail::Ready(texture)
            }
            Some(SlidePicture::Drawing) => {
                cache.slides.insert(index, SlidePicture::Drawing);
                SlideThumbnail::Drawing
            }
            Some(SlidePicture::Failed(why)) => {
                cache
                    .slides
                    .insert(index, SlidePicture::Failed(why.clone()));
                SlideThumbnail::Failed(why)
            }
            None => {
                cache.slides.insert(index, SlidePicture::Drawing);
                let generation = cache.generation;
                let shared = Arc::clone(&self.cache);
                let repaint = ctx.clone();
                let draw = make_draw();
                let spawned = std::thread::Builder::new()
                    .name(format!("slide-picture-{index}"))
                    .spawn(move || {
                        let picture = draw();
                        if let Ok(mut cache) = shared.lock()
                            && cache.generation == generation
                        {
                            let done = match picture {
                                Ok(image) => SlidePicture::Drawn(image),
                                Err(error) => SlidePicture::Failed(error.to_string()),
                            };
                            cache.slides.insert(index, done);
                        }
                        repaint.request_repaint();
                    });
                match spawned {
                    Ok(_) => SlideThumbnail::Drawing,
                    Err(error) => {
                        let why = format!("no thread to draw it on: {error}");
                        cache
                            .slides
                            .insert(index, SlidePicture::Failed(why.clone()));
                        SlideThumbnail::Failed(why)
                    }
                }
            }
        }
    }
}

/// Where the presenter view goes: the room's window shows only the slide unless one screen is
/// all there is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerView {
    /// Not shown.
    Off,
    /// Beside the slide, for one screen.
    SameWindow,
    /// A second window, for the presenter's own screen.
    SecondWindow,
}

impl SpeakerView {
    /// The next place in the cycle (N): beside the slide, a second window, off.
    pub fn next(self) -> Self {
        match self {
            Self::Off => Self::SameWindow,
            Self::SameWindow => Self::SecondWindow,
            Self::SecondWindow => Self::Off,
        }
    }
}

/// What slides change: the lens and the scenario being worked on.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewBefore {
    lens: Lens,
    scenario: usize,
}

impl ViewBefore {
    /// What `settings` show now.
    pub fn of(settings: &Settings) -> Self {
        Self {
            lens: settings.lens.clone(),
            scenario: settings.scenarios.current,
        }
    }

    /// Shows it again, keeping every other change.
    pub fn restore(self, settings: &mut Settings) {
        settings.lens = self.lens;
        settings.scenarios.current = self.scenario;
    }
}

/// Zoom steps (Ctrl+= and Ctrl+-).
pub const ZOOM_STEPS: [f32; 6] = [1.0, 1.25, 1.5, 1.75, 2.0, 2.5];

/// The next zoom step up (`up`) or down from `zoom`.
pub fn step_zoom(zoom: f32, up: bool) -> f32 {
    if up {
        ZOOM_STEPS
            .into_iter()
            .find(|step| *step > zoom + 1e-3)
            .unwrap_or(zoom)
    } else {
        ZOOM_STEPS
            .into_iter()
            .rev()
            .find(|step| *step < zoom - 1e-3)
            .unwrap_or(zoom)
    }
}

/// `zoom` within the steps, the default for a value that is not a number: the settings file
/// is the user's to edit, and egui and the windowing system refuse a zoom that is not positive.
pub fn bounded_zoom(zoom: f32) -> f32 {
    let (least, most) = (ZOOM_STEPS[0], ZOOM_STEPS[ZOOM_STEPS.len() - 1]);
    if zoom.is_finite() {
        zoom.clamp(least, most)
    } else if zoom == f32::INFINITY {
        most
    } else {
        crate::settings::DEFAULT_PRESENTER_ZOOM
    }
}

/// The window a slide is laid out for at the presenter zoom, in points: 1920×1080.
const DESIGN_SIZE: egui::Vec2 = egui::vec2(1920.0, 1080.0);

/// The zoom a slide is drawn at in a window of `window` points (unzoomed): the presenter zoom
/// at 1920×1080, scaled with the window so that a slide looks the same on a 1280×800 projector
/// as on a 1080p one (its text the same share of the screen), instead of cramming a 1080p
/// layout into fewer pixels.
pub fn room_zoom(presenter_zoom: f32, window: egui::Vec2) -> f32 {
    let fit = (window.x / DESIGN_SIZE.x).min(window.y / DESIGN_SIZE.y);
    if fit.is_finite() && fit > 0.0 {
        presenter_zoom * fit.clamp(0.5, 3.0)
    } else {
        presenter_zoom
    }
}

/// High-contrast visuals for the back of a room: pure black or white, full-strength text.
pub fn presentation_visuals(theme: Theme) -> Visuals {
    let mut visuals = match theme {
        Theme::Dark => Visuals::dark(),
        Theme::Light => Visuals::light(),
    };
    let (background, text) = match theme {
        Theme::Dark => (Color32::BLACK, Color32::WHITE),
        Theme::Light => (Color32::WHITE, Color32::BLACK),
    };
    visuals.panel_fill = background;
    visuals.window_fill = background;
    visuals.extreme_bg_color = background;
    visuals.override_text_color = Some(text);
    visuals
}

/// How much larger than the dashboard's text a slide's text is: at the default zoom (1.25) at
/// 1920×1080 (see [`room_zoom`]), body text and tick labels come out at about 26 pixels,
/// readable from the back of a room.
pub const TEXT_SCALE: f32 = 1.6;

/// Enlarges every text style of `style` by [`TEXT_SCALE`]: `egui_plot`'s tick labels and legends
/// use the body style, so they grow with the titles.
pub fn enlarge_text(style: &mut egui::Style) {
    for font in style.text_styles.values_mut() {
        font.size *= TEXT_SCALE;
    }
}

/// The title strip: slide title (elided when long, so the counter stays on screen), deck title,
/// counter.
pub fn title_bar(ui: &mut Ui, deck: &Deck, presentation: &Presentation) {
    let title = deck
        .slides
        .get(presentation.slide)
        .map_or("", |slide| slide.title.as_str());
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let counter = format!("{} / {}", presentation.slide + 1, deck.slides.len());
            ui.label(RichText::new(counter).size(18.0 * TEXT_SCALE))
                .on_hover_text(
                    "Slide counter: ←/→, PageUp/PageDown, Space or a click to step, Home/End \
                     to jump, B to blank, Esc to leave",
                );
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let title_font = FontId::new(26.0 * TEXT_SCALE, FontFamily::Name(SEMIBOLD.into()));
                // Cut before layout: a line holds far fewer characters, and laying out a
                // megabyte title to truncate it cost seconds and hundreds of megabytes.
                ui.add(
                    egui::Label::new(RichText::new(elided(title, TITLE_CHARS)).font(title_font))
                        .truncate(),
                )
                .on_hover_text(hover_text(title));
                ui.add(
                    egui::Label::new(
                        RichText::new(elided(&deck.title, TITLE_CHARS))
                            .size(16.0 * TEXT_SCALE)
                            .weak(),
                    )
                    .truncate(),
                )
                .on_hover_text(hover_text(&deck.title));
            });
        });
    });
}

/// The takeaway under the chart, its live numbers filled from `library`.
pub fn takeaway(ui: &mut Ui, deck: &Deck, presentation: &Presentation, library: &Library) {
    if let Some(slide) = deck.slides.get(presentation.slide)
        && !slide.takeaway.is_empty()
    {
        // Filled only as far as a slide could show (a live number is shorter than its
        // reference, so four times the characters shown is more than enough).
        let text = fill_live_numbers_of_start(&slide.takeaway, library, TAKEAWAY_CHARS * 4);
        // At most a few lines, cut with "…": a takeaway of any length leaves the charts and the
        // source line their room; the whole text is on hover and in the editor.
        let shown = elided(&text, TAKEAWAY_CHARS);
        let mut job = egui::text::LayoutJob::simple(
            shown,
            FontId::proportional(20.0 * TEXT_SCALE),
            ui.visuals().text_color(),
            ui.available_width(),
        );
        job.wrap.max_rows = TAKEAWAY_ROWS;
        job.wrap.overflow_character = Some('…');
        let galley = ui.painter().layout_job(job);
        ui.label(galley).on_hover_text(hover_text(&text));
    }
}

/// Characters of a slide or deck title laid out (more than a line holds at any slide width).
pub const TITLE_CHARS: usize = 200;
/// Lines of a takeaway shown on a slide.
const TAKEAWAY_ROWS: usize = 3;
/// Characters of a takeaway laid out (more than three lines hold at any slide width).
const TAKEAWAY_CHARS: usize = 600;

/// One chart alone, as large as the slide allows (a slide about one chart): its title row with
/// the legend above, its year labels below.
pub fn focused_chart(ui: &mut Ui, view: &mut ViewContext<'_>, spec: ChartSpec) {
    // The title row: a title a little larger than the body text, and the row's spacing.
    let title_row = ui.text_style_height(&egui::TextStyle::Body) * 1.6 + 8.0;
    let height = (ui.available_height() - title_row).max(160.0);
    draw_chart(ui, view, &ChartSpec { height, ..spec });
}

/// The charts of a scenario slide, read-only: capex and free cash flow, reported (solid) then
/// projected under `scenario` (dashed), and when each company's 2025 capex pays back. No sliders:
/// the room sees the answer, not the editor.
pub fn scenario_slide(ui: &mut Ui, view: &mut ViewContext<'_>, scenario: Option<&Scenario>) {
    let projections: Vec<(ShownCompany<'_>, Projection)> = view
        .shown(ui)
        .into_iter()
        .filter_map(|company| {
            let ticker = company.dataset.company.ticker.clone();
            let assumptions = scenario?.assumptions(&ticker)?;
            let base = base_year(company.dataset).ok()?;
            let projection = project(&ticker, &base, assumptions);
            Some((company, projection))
        })
        .collect();
    if projections.is_empty() {
        ui.label("No company shown on this slide can be projected.");
        return;
    }
    let name = scenario.map_or("", |scenario| scenario.name.as_str());
    let payback_lines = 1.0 + projections.len() as f32;
    let line_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let height = (ui.available_height() - payback_lines * line_height - 50.0).max(160.0);
    let charts: [ScenarioChart; 2] = [
        ("slide.scenario.capex", Metric::Capex, |year| year.capex),
        ("slide.scenario.fcf", Metric::FreeCashFlow, |year| {
            year.free_cash_flow
        }),
    ];
    ui.columns(charts.len(), |columns| {
        for (column, (id, metric, projected)) in columns.iter_mut().zip(charts) {
            let overlays = projected_lines(view, &projections, metric, projected);
            let spec = ChartSpec {
                overlays,
                height,
                ..ChartSpec::new(id, metric, ChartKind::Lines)
            };
            chart(column, view, &spec);
        }
    });
    ui.label(
        RichText::new(format!(
            "Reported solid, projected dashed ({name} scenario). Payback of the 2025 capex:"
        ))
        .strong(),
    );
    for (company, projection) in &projections {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                company.dataset.company.ticker, projection.payback
            ))
            .color(company.color),
        );
    }
}

/// A chart of a scenario slide: its id, the metric, and the projected figure that continues it.
type ScenarioChart = (&'static str, Metric, fn(&ProjectedYear) -> f64);

/// Each company's projection of `metric`, dashed, joined to its last reported year.
fn projected_lines(
    view: &ViewContext<'_>,
    projections: &[(ShownCompany<'_>, Projection)],
    metric: Metric,
    projected: fn(&ProjectedYear) -> f64,
) -> Vec<PlotItem> {
    let unit = metric.unit();
    projections
        .iter()
        .filter_map(|(company, projection)| {
            let ticker = &company.dataset.company.ticker;
            let history = view.data.series(company.dataset, metric, view.lens);
            let base_label = format!("FY{}", projection.base.fiscal_year);
            let base = history
                .points
                .iter()
                .find(|point| point.slot.label == base_label)?;
            let base_x = x_position(&base.slot, view.lens.frequency);
            let joint = base.value.map(|value| ([base_x, value], String::new()));
            let future = projection.years.iter().map(|year| {
                let value = projected(year);
                let x = base_x + f64::from(year.fiscal_year - projection.base.fiscal_year);
                let text = format!(
                    "{ticker} projected · FY{}: {}\nFrom the scenario's assumptions, \
                     not a filing.",
                    year.fiscal_year,
                    unit.format(value)
                );
                ([x, value], text)
            });
            let points = joint.into_iter().chain(future).collect();
            Some(PlotItem::dashed(
                format!("{ticker} projected"),
                company.color,
                points,
                view.line_width,
            ))
        })
        .collect()
}
