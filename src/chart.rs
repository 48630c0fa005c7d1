//! Chart building blocks shared by the views: a titled chart with legend, unit axis, a hover
//! tooltip naming the filing behind each value, linked x-axes, and a table toggle with copy.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use egui::{Color32, Id, RichText, Ui};
use egui_plot::{
    Bar, BarChart, GridMark, HoverPosition, Line, LineStyle, MarkerShape, Plot, PlotPoint,
    PlotPoints, Points,
};
use flywheel_model::{Frequency, Metric, Observation, PeriodSlot, Series, ValueUnit};

use crate::command::Command;
use crate::data_view::{DataView, ShownCompany};
use crate::deck::Annotation;
use crate::export::{DrawnChart, PictureTarget};
use crate::settings::Settings;

/// How a chart draws its series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// One line per company.
    Lines,
    /// Bars grouped by period, one per company.
    Bars,
}

/// Extra marks drawn over a chart, such as guidance, each with its hover text.
pub struct Overlay {
    /// Legend name.
    pub name: String,
    /// Colour.
    pub color: Color32,
    /// Points and their hover text.
    pub points: Vec<([f64; 2], String)>,
    /// Hollow markers (guidance) or a dashed line (a second metric).
    pub style: OverlayStyle,
}

/// How an overlay is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverlayStyle {
    /// Hollow circles, apart from actuals.
    HollowMarkers,
    /// A dashed line.
    DashedLine,
}

/// Everything a view needs to draw.
pub struct ViewContext<'a> {
    /// Data and cached series.
    pub data: &'a DataView,
    /// Current settings.
    pub settings: &'a Settings,
    /// Where widgets put their requests.
    pub commands: &'a mut Vec<Command>,
    /// Width of chart lines: thicker in presenter mode, to read from the back of a room.
    pub line_width: f32,
    /// Where each chart was drawn this frame (for exporting one).
    pub drawn_charts: &'a mut Vec<DrawnChart>,
    /// While a chart is exported: its id and the source line to draw under it.
    pub source_line: Option<(&'a str, &'a str)>,
    /// Whether this frame is an exported picture: buttons stay out of it.
    pub exporting: bool,
}

impl<'a> ViewContext<'a> {
    /// The companies switched on.
    pub fn shown(&self, ui: &Ui) -> Vec<ShownCompany<'a>> {
        self.data.shown(self.settings, ui.visuals())
    }
}

/// Where a period sits on the time axis, in years: the middle of the period, so that a
/// calendar year 2024 sits over the "2024" label and Microsoft's July–June year sits across the
/// turn of the year. Trailing-twelve-month values sit at the quarter they end with.
pub fn x_position(slot: &PeriodSlot, frequency: Frequency) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "month counts are small")]
    let end = (slot.end_date.month_index() + 1) as f64 / 12.0;
    match frequency {
        Frequency::Annual => end - 0.5,
        Frequency::Quarterly => end - 0.125,
        Frequency::Ttm => end,
    }
}

/// Distance between neighbouring bars of one period: narrow enough that Microsoft's July–June
/// years, half a year off the others, do not overlap them.
fn bar_step(company_count: usize, frequency: Frequency) -> f64 {
    let period_width = if frequency == Frequency::Annual {
        1.0
    } else {
        0.25
    };
    #[expect(clippy::cast_precision_loss, reason = "a handful of companies")]
    let step = period_width * 0.48 / company_count.max(1) as f64;
    step
}

/// Where company `index` of `company_count` stands within its period's group of bars.
pub fn bar_offset(index: usize, company_count: usize, frequency: Frequency) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of companies")]
    let position = index as f64 - (company_count.max(1) as f64 - 1.0) / 2.0;
    position * bar_step(company_count, frequency)
}

/// Whether a slot falls inside the chosen year range.
pub fn in_range(slot: &PeriodSlot, settings: &Settings) -> bool {
    (settings.first_year..=settings.last_year).contains(&slot.end_date.year)
}

/// The tooltip text of one value: company, metric, period, value, formula and filings.
pub fn tooltip(ticker: &str, metric: Metric, observation: &Observation, series: &Series) -> String {
    let mut text = format!("{ticker} · {}", observation.explain(metric));
    if let Some(method) = &series.method {
        let _ = write!(text, "\n{method}");
    }
    text
}

/// A chart: title row with its legend and a Table toggle, then the plot or the table, then a
/// line naming any values missing in the shown years.
#[expect(
    clippy::too_many_arguments,
    reason = "each chart is one readable call in its view"
)]
pub fn chart(
    ui: &mut Ui,
    view: &mut ViewContext<'_>,
    id: &str,
    title: &str,
    metric: Metric,
    kind: ChartKind,
    overlays: &[Overlay],
    height: f32,
) {
    let drawn = ui.vertical(|ui| chart_body(ui, view, id, title, metric, kind, overlays, height));
    view.drawn_charts.push(DrawnChart {
        id: id.to_owned(),
        metric,
        rect: drawn.response.rect,
    });
}

#[expect(
    clippy::too_many_arguments,
    reason = "the arguments of `chart`, passed through"
)]
fn chart_body(
    ui: &mut Ui,
    view: &mut ViewContext<'_>,
    id: &str,
    title: &str,
    metric: Metric,
    kind: ChartKind,
    overlays: &[Overlay],
    height: f32,
) {
    let table_shown = view.settings.tables_shown.contains(id);
    let companies = view.shown(ui);
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).strong().size(15.0));
        ui.label(RichText::new(metric.unit().axis_label()).weak());
        ui.add_space(12.0);
        for company in &companies {
            legend_entry(ui, company.color, &company.dataset.company.ticker);
        }
        if view.exporting {
            return;
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            export_menu(ui, view, id, title);
            let mut shown = table_shown;
            let response = ui.toggle_value(&mut shown, "Table").on_hover_text(format!(
                "Show {title} as a table of numbers that can be copied"
            ));
            if response.clicked() {
                view.commands.push(Command::ToggleTable(id.to_owned()));
            }
        });
    });
    let all_series: Vec<(&ShownCompany<'_>, Rc<Series>)> = companies
        .iter()
        .map(|company| {
            (
                company,
                view.data.series(company.dataset, metric, view.settings),
            )
        })
        .collect();
    let missing_line_height = 18.0;
    if table_shown {
        table(ui, id, metric, &all_series, view.settings, height);
    } else {
        plot(
            ui,
            view.settings,
            view.commands,
            id,
            metric,
            kind,
            &all_series,
            overlays,
            height - missing_line_height,
            view.line_width,
        );
    }
    missing_values(ui, &all_series, view.settings);
    if let Some((exported, line)) = view.source_line
        && exported == id
    {
        ui.label(RichText::new(line).small());
    }
}

/// The chart's Export menu: PNG at 1× or 2×, the clipboard, or its numbers as CSV.
fn export_menu(ui: &mut Ui, view: &mut ViewContext<'_>, id: &str, title: &str) {
    let target = PictureTarget::Chart(id.to_owned());
    ui.menu_button("Export", |ui| {
        if ui.button("Save chart as PNG…").clicked() {
            view.commands.push(Command::ExportPicture {
                target: target.clone(),
                scale: 1,
            });
        }
        if ui.button("Save chart as PNG at 2×…").clicked() {
            view.commands.push(Command::ExportPicture {
                target: target.clone(),
                scale: 2,
            });
        }
        if ui.button("Copy chart image").clicked() {
            view.commands.push(Command::CopyPicture(target.clone()));
        }
        if ui.button("Save chart numbers as CSV…").clicked() {
            view.commands.push(Command::ExportCsv {
                chart: Some(id.to_owned()),
            });
        }
    })
    .response
    .on_hover_text(format!(
        "Export {title}: a picture with its source line, or its numbers"
    ));
}

/// A coloured dot and a ticker: the chart's legend, kept out of the plot area so it never
/// covers data.
fn legend_entry(ui: &mut Ui, color: Color32, ticker: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::Vec2::splat(10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 4.5, color);
    ui.label(RichText::new(ticker).color(color).strong());
    ui.add_space(6.0);
}

/// "Not in the data: MSFT FY2021–FY2024 …" under a chart, with the reasons on hover.
fn missing_values(
    ui: &mut Ui,
    all_series: &[(&ShownCompany<'_>, Rc<Series>)],
    settings: &Settings,
) {
    let mut parts = Vec::new();
    let mut reasons = Vec::new();
    for (company, series) in all_series {
        let missing: Vec<&Observation> = series
            .points
            .iter()
            .filter(|point| point.value.is_none() && in_range(&point.slot, settings))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let labels: Vec<&str> = missing
            .iter()
            .map(|point| point.slot.label.as_str())
            .collect();
        let shown = if labels.len() > 4 {
            format!(
                "{}, … {} ({} periods)",
                labels[..2].join(", "),
                labels[labels.len() - 1],
                labels.len()
            )
        } else {
            labels.join(", ")
        };
        parts.push(format!("{} {shown}", company.dataset.company.ticker));
        for point in missing {
            reasons.push(format!(
                "{} {}: {}",
                company.dataset.company.ticker,
                point.slot.label,
                point.gap.as_deref().unwrap_or("not available")
            ));
        }
    }
    if parts.is_empty() {
        ui.label(
            RichText::new("Every value in the shown years is sourced.")
                .small()
                .weak(),
        );
    } else {
        let text = format!("Not in the data: {} (hover for why)", parts.join(" · "));
        ui.label(RichText::new(text).small().weak())
            .on_hover_text(reasons.join("\n"));
    }
}

/// Hover texts of one plot item, by position (an item may be drawn as several segments).
type HoverTexts = Vec<([f64; 2], String)>;

#[expect(
    clippy::too_many_arguments,
    reason = "one call site per chart kind keeps views short"
)]
fn plot(
    ui: &mut Ui,
    settings: &Settings,
    commands: &mut Vec<Command>,
    id: &str,
    metric: Metric,
    kind: ChartKind,
    all_series: &[(&ShownCompany<'_>, Rc<Series>)],
    overlays: &[Overlay],
    height: f32,
    line_width: f32,
) {
    let unit = metric.unit();
    let frequency = settings.frequency;
    let mut hover: HashMap<String, HoverTexts> = HashMap::new();
    let mut lines = Vec::new();
    let mut bars = Vec::new();
    let company_count = all_series.len();
    let bar_width = bar_step(company_count, frequency) * 0.94;
    let mut pins: Vec<Pin> = Vec::new();
    for (index, (company, series)) in all_series.iter().enumerate() {
        let ticker = &company.dataset.company.ticker;
        let shown: Vec<&Observation> = series
            .points
            .iter()
            .filter(|point| in_range(&point.slot, settings))
            .collect();
        let mut texts = HoverTexts::new();
        match kind {
            ChartKind::Lines => {
                // A missing value breaks the line: never draw across a gap as if it were data.
                for segment in shown
                    .split(|point| point.value.is_none())
                    .filter(|segment| !segment.is_empty())
                {
                    let coordinates: Vec<[f64; 2]> = segment
                        .iter()
                        .filter_map(|point| {
                            Some([x_position(&point.slot, frequency), point.value?])
                        })
                        .collect();
                    for (point, coordinate) in segment.iter().zip(&coordinates) {
                        texts.push((*coordinate, tooltip(ticker, metric, point, series)));
                        pins.push(Pin {
                            ticker: ticker.clone(),
                            period: point.slot.label.clone(),
                            at: *coordinate,
                            color: company.color,
                        });
                    }
                    if coordinates.len() == 1 {
                        lines.push(LineItem::Dot(
                            Points::new(ticker.clone(), PlotPoints::new(coordinates))
                                .color(company.color)
                                .radius(3.5),
                        ));
                    } else {
                        lines.push(LineItem::Line(
                            Line::new(ticker.clone(), PlotPoints::new(coordinates))
                                .color(company.color)
                                .width(line_width),
                        ));
                    }
                }
            }
            ChartKind::Bars => {
                let offset = bar_offset(index, company_count, frequency);
                let chart_bars: Vec<Bar> = shown
                    .iter()
                    .filter_map(|point| {
                        let value = point.value?;
                        let text = tooltip(ticker, metric, point, series);
                        let x = x_position(&point.slot, frequency) + offset;
                        texts.push(([x, value], text.clone()));
                        pins.push(Pin {
                            ticker: ticker.clone(),
                            period: point.slot.label.clone(),
                            at: [x, value],
                            color: company.color,
                        });
                        Some(
                            Bar::new(x, value)
                                .width(bar_width)
                                .fill(company.color)
                                .name(text),
                        )
                    })
                    .collect();
                bars.push(
                    BarChart::new(ticker.clone(), chart_bars)
                        .color(company.color)
                        .element_formatter(Box::new(|bar: &Bar, _: &BarChart| bar.name.clone())),
                );
            }
        }
        hover.insert(ticker.clone(), texts);
    }
    for overlay in overlays {
        hover.insert(overlay.name.clone(), overlay.points.clone());
    }
    let group = Id::unique(("linked-axes", settings.view));
    let halo = ui.visuals().extreme_bg_color;
    let response = Plot::new(id)
        .height(height)
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        .allow_scroll(false)
        .y_axis_label(unit.axis_label())
        .y_axis_formatter(move |mark: GridMark, _range| axis_label(unit, mark.value))
        .y_grid_spacer(nice_marks)
        .x_grid_spacer(year_marks)
        // A year tick outside the visible range would have its label cut at the edge.
        .x_axis_formatter(|mark: GridMark, range| {
            if range.contains(&mark.value) {
                format!("{:.0}", mark.value)
            } else {
                String::new()
            }
        })
        .label_formatter(|position: &HoverPosition<'_>| match position {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => nearest_text(hover.get(*plot_name)?, [position.x, position.y]),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot_ui| {
            for item in lines {
                match item {
                    LineItem::Line(line) => plot_ui.line(line),
                    LineItem::Dot(points) => plot_ui.points(points),
                }
            }
            for bar_chart in bars {
                plot_ui.bar_chart(bar_chart);
            }
            for overlay in overlays {
                let coordinates: Vec<[f64; 2]> =
                    overlay.points.iter().map(|(point, _)| *point).collect();
                match overlay.style {
                    OverlayStyle::HollowMarkers => {
                        // A halo in the background colour keeps the ring visible over a bar of
                        // the same colour.
                        plot_ui.points(
                            Points::new(overlay.name.clone(), PlotPoints::new(coordinates.clone()))
                                .color(halo)
                                .shape(MarkerShape::Circle)
                                .filled(false)
                                .radius(9.0),
                        );
                        plot_ui.points(
                            Points::new(overlay.name.clone(), PlotPoints::new(coordinates))
                                .color(overlay.color)
                                .shape(MarkerShape::Circle)
                                .filled(false)
                                .radius(7.0),
                        );
                    }
                    OverlayStyle::DashedLine => plot_ui.line(
                        Line::new(overlay.name.clone(), PlotPoints::new(coordinates))
                            .color(overlay.color)
                            .width(2.0)
                            .style(LineStyle::dashed_loose()),
                    ),
                }
            }
        });
    response.response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Figure,
            true,
            format!("{} chart", metric.label()),
        )
    });
    draw_notes(
        ui,
        &response.transform,
        &settings.deck.annotations,
        metric,
        &pins,
    );
    note_menu(ui, &response, id, metric, &pins, commands);
}

/// A value a note can be pinned to, where it sits on the plot.
#[derive(Clone, Debug)]
struct Pin {
    ticker: String,
    period: String,
    at: [f64; 2],
    color: Color32,
}

/// Each note on this chart's metric: a ring on its value, a leader line, and the text in a box
/// set off towards the middle of the plot so that it stays inside.
fn draw_notes(
    ui: &Ui,
    transform: &egui_plot::PlotTransform,
    notes: &[Annotation],
    metric: Metric,
    pins: &[Pin],
) {
    let frame = *transform.frame();
    let painter = ui.painter().with_clip_rect(frame);
    let text_color = ui.visuals().strong_text_color();
    let fill = ui.visuals().window_fill;
    for note in notes.iter().filter(|note| note.metric == metric) {
        let Some(pin) = pins
            .iter()
            .find(|pin| pin.ticker == note.company && pin.period == note.period)
        else {
            continue;
        };
        let at = transform.position_from_point(&PlotPoint::new(pin.at[0], pin.at[1]));
        if !frame.contains(at) {
            continue;
        }
        let galley = painter.layout(
            note.text.clone(),
            egui::FontId::proportional(13.0),
            text_color,
            220.0,
        );
        let size = galley.size() + egui::vec2(12.0, 8.0);
        let offset = egui::vec2(
            if at.x > frame.center().x {
                -36.0 - size.x
            } else {
                36.0
            },
            if at.y > frame.center().y {
                -28.0 - size.y
            } else {
                28.0
            },
        );
        let corner = at + offset;
        let corner = egui::pos2(
            corner.x.clamp(
                frame.left() + 2.0,
                (frame.right() - size.x - 2.0).max(frame.left()),
            ),
            corner.y.clamp(
                frame.top() + 2.0,
                (frame.bottom() - size.y - 2.0).max(frame.top()),
            ),
        );
        let label = egui::Rect::from_min_size(corner, size);
        let anchor = label.clamp(at);
        let ring = 7.0;
        if anchor.distance(at) > ring {
            let start = at + (anchor - at).normalized() * ring;
            painter.line_segment([start, anchor], egui::Stroke::new(1.5, pin.color));
        }
        painter.circle_stroke(at, ring, egui::Stroke::new(2.5, pin.color));
        painter.rect(
            label,
            4.0,
            fill,
            egui::Stroke::new(1.5, pin.color),
            egui::StrokeKind::Inside,
        );
        painter.galley(label.min + egui::vec2(6.0, 4.0), galley, text_color);
    }
}

/// Right-click on a plot: pin a note to the value nearest the pointer.
fn note_menu(
    ui: &Ui,
    response: &egui_plot::PlotResponse<()>,
    id: &str,
    metric: Metric,
    pins: &[Pin],
    commands: &mut Vec<Command>,
) {
    let memory = Id::unique(("note-pin", id));
    if response.response.secondary_clicked()
        && let Some(pointer) = response.response.interact_pointer_pos()
    {
        let nearest = pins
            .iter()
            .map(|pin| {
                let at = response
                    .transform
                    .position_from_point(&PlotPoint::new(pin.at[0], pin.at[1]));
                (at.distance(pointer), pin)
            })
            .filter(|(distance, _)| *distance < 60.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, pin)| (pin.ticker.clone(), pin.period.clone()));
        ui.ctx().data_mut(|data| data.insert_temp(memory, nearest));
    }
    response.response.context_menu(|ui| {
        let nearest: Option<(String, String)> =
            ui.ctx().data(|data| data.get_temp(memory)).flatten();
        match nearest {
            Some((ticker, period)) => {
                if ui
                    .button(format!("Add a note to {ticker} {period}…"))
                    .clicked()
                {
                    commands.push(Command::NewNote(Annotation {
                        company: ticker,
                        metric,
                        period,
                        text: String::new(),
                    }));
                    ui.close();
                }
            }
            None => {
                ui.label("Right-click next to a value to pin a note to it.");
            }
        }
    });
}

/// A line, or a lone point where a value has no neighbours to join.
enum LineItem<'a> {
    Line(Line<'a>),
    Dot(Points<'a>),
}

/// The hover text of the point nearest to `at`.
fn nearest_text(texts: &HoverTexts, at: [f64; 2]) -> Option<String> {
    texts
        .iter()
        .min_by(|(a, _), (b, _)| {
            let distance =
                |point: &[f64; 2]| (point[0] - at[0]).abs() * 1e6 + (point[1] - at[1]).abs();
            distance(a).total_cmp(&distance(b))
        })
        .map(|(_, text)| text.clone())
}

/// Value-axis marks on a 1–2–5 ladder, about five across the visible range.
#[expect(
    clippy::needless_pass_by_value,
    reason = "egui_plot's grid spacer signature"
)]
fn nice_marks(input: egui_plot::GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    let span = (high - low).abs().max(f64::EPSILON);
    let rough = span / 5.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|factor| factor * magnitude)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * magnitude);
    let first = (low / step).ceil();
    #[expect(clippy::cast_possible_truncation, reason = "about five marks")]
    let count = ((high - first * step) / step).floor().max(0.0) as usize;
    #[expect(clippy::cast_precision_loss, reason = "about five marks")]
    (0..=count.min(50))
        .map(|index| GridMark {
            value: (first + index as f64) * step,
            step_size: step,
        })
        .collect()
}

/// A grid line and label at the start of each year (values sit inside their year), thinned
/// to every 2, 5 or 10 years when the plot is too narrow for a label per year.
#[expect(
    clippy::needless_pass_by_value,
    reason = "egui_plot's grid spacer signature"
)]
fn year_marks(input: egui_plot::GridInput) -> Vec<GridMark> {
    // `base_step_size` is the smallest step egui_plot can draw; a year label needs about six.
    let step = [1, 2, 5, 10, 25]
        .into_iter()
        .find(|step| f64::from(*step) >= input.base_step_size * 6.0)
        .unwrap_or(25);
    let (first, last) = input.bounds;
    #[expect(clippy::cast_possible_truncation, reason = "years are small")]
    let (first, last) = (first.floor() as i32, last.ceil() as i32);
    (first..=last)
        .filter(|year| year % step == 0)
        .map(|year| GridMark {
            value: f64::from(year),
            step_size: f64::from(step),
        })
        .collect()
}

/// Axis tick text: whole numbers without decimals ("$200B", "20%").
fn axis_label(unit: ValueUnit, value: f64) -> String {
    let rounded = value.round();
    if (value - rounded).abs() < 1e-9 {
        match unit {
            ValueUnit::UsdBillions => format!("${rounded:.0}B"),
            ValueUnit::Percent => format!("{rounded:.0}%"),
        }
    } else {
        unit.format(value)
    }
}

/// The chart's numbers as a grid: periods down, companies across, with a Copy button that puts
/// tab-separated values on the clipboard (they paste into spreadsheets as cells).
fn table(
    ui: &mut Ui,
    id: &str,
    metric: Metric,
    all_series: &[(&ShownCompany<'_>, Rc<Series>)],
    settings: &Settings,
    height: f32,
) {
    let unit = metric.unit();
    let mut rows: Vec<(f64, String)> = Vec::new();
    for (_, series) in all_series {
        for point in series
            .points
            .iter()
            .filter(|point| in_range(&point.slot, settings))
        {
            if !rows.iter().any(|(_, label)| *label == point.slot.label) {
                rows.push((
                    x_position(&point.slot, settings.frequency),
                    point.slot.label.clone(),
                ));
            }
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let value_of = |series: &Series, label: &str| {
        series
            .points
            .iter()
            .find(|point| point.slot.label == label)
            .and_then(|point| point.value)
    };
    let mut copied = format!("Period ({})", unit.axis_label());
    for (company, _) in all_series {
        let _ = write!(copied, "\t{}", company.dataset.company.ticker);
    }
    for (_, label) in &rows {
        let _ = write!(copied, "\n{label}");
        for (_, series) in all_series {
            let cell = value_of(series, label)
                .map(|value| format!("{value:.1}"))
                .unwrap_or_default();
            let _ = write!(copied, "\t{cell}");
        }
    }
    if ui
        .button("Copy table")
        .on_hover_text("Copy as tab-separated values")
        .clicked()
    {
        ui.ctx().copy_text(copied);
    }
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(height - 24.0)
        .show(ui, |ui| {
            egui::Grid::new(("table", id))
                .striped(true)
                .min_col_width(70.0)
                .show(ui, |ui| {
                    ui.strong("Period");
                    for (company, _) in all_series {
                        ui.strong(
                            RichText::new(&company.dataset.company.ticker).color(company.color),
                        );
                    }
                    ui.end_row();
                    for (_, label) in &rows {
                        ui.label(label);
                        for (_, series) in all_series {
                            let text = value_of(series, label)
                                .map_or_else(|| "—".to_owned(), |value| unit.format(value));
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| ui.monospace(text),
                            );
                        }
                        ui.end_row();
                    }
                });
        });
}
