//! The one plot every chart is drawn with, and the small builders of its items: lines that break
//! at gaps, dots, grouped or floating bars, hollow markers, dashed lines. Each point carries its
//! hover text, so every chart shows the same tooltip: formula and filings for data, the
//! assumption for a projection.

use std::collections::HashMap;

use egui::{Color32, Id, Ui};
use egui_plot::{
    Bar, BarChart, GridInput, GridMark, HoverPosition, Line, LineStyle, MarkerShape, Plot,
    PlotPoint, PlotPoints, PlotResponse, Points, VLine,
};
use flywheel_model::ValueUnit;
use flywheel_model::metrics::Transform;

use super::axes::{
    axis_label, category_marks, log_marks, nice_marks, robust_range, shown_axis_label, year_marks,
};

/// Width of every plot's value-axis labels, in points: one width for all, so the years of
/// charts stacked on one view line up whatever their values' lengths.
pub const Y_AXIS_WIDTH: f32 = 66.0;

/// Room kept right of a plot for half a year label ("2030" at body size): a year mark at the
/// plot's right edge has its label centred on it, and without this room the label widened the
/// column, pushing a right-hand chart past the window.
const RIGHT_GUTTER: f32 = 18.0;

/// Row names show from this far apart (in points), fully from the upper end: a little more
/// than a line of axis text.
const CATEGORY_LABEL_SPACING: std::ops::RangeInclusive<f32> = 14.0..=16.0;

/// How near the pointer must be to a bar's top or a point, in points, for its tooltip.
const HOVER_RADIUS: f32 = 40.0;

/// A point of a plot item with its hover text.
pub type HoverPoint = ([f64; 2], String);

/// How a plot item is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ItemStyle {
    /// A line through the points.
    Line {
        /// Stroke width in points.
        width: f32,
        /// Solid, dashed or dotted.
        style: LineStyle,
    },
    /// Filled dots (a lone value with no neighbours to join).
    Dots {
        /// Dot radius.
        radius: f32,
    },
    /// Hollow circles with a halo (guidance, apart from actuals).
    HollowMarkers,
    /// Hollow diamonds around values quoted from a secondary source (a data site or news
    /// report rather than the filing).
    SecondaryMarkers,
    /// A dotted vertical line at each point's x, labelled with the item's name near the top (the
    /// point's y counts label rows down from the top, so labels of nearby lines do not overlap):
    /// where a series' basis changes.
    VerticalRule,
    /// A filled shape through the points, translucent, with no hover of its own: the gap
    /// between two lines (operating leverage).
    Area,
    /// Vertical bars from zero, one per point.
    Bars {
        /// Bar width, in x units.
        width: f64,
    },
    /// Horizontal bars from `base` to each point's x, at each point's y (tornado rows).
    FloatingBars {
        /// Where every bar starts.
        base: f64,
        /// Bar thickness, in y units.
        thickness: f64,
    },
}

/// One item of a plot: a named, coloured set of points drawn one way.
#[derive(Clone, Debug)]
pub struct PlotItem {
    /// The name (hover texts are looked up by it).
    pub name: String,
    /// Colour.
    pub color: Color32,
    /// The points and their hover texts.
    pub points: Vec<HoverPoint>,
    /// How they are drawn.
    pub style: ItemStyle,
}

impl PlotItem {
    /// A line, or a dot where there is one point only.
    pub fn line(name: String, color: Color32, points: Vec<HoverPoint>, width: f32) -> Self {
        let style = if points.len() == 1 {
            ItemStyle::Dots { radius: 3.5 }
        } else {
            ItemStyle::Line {
                width,
                style: LineStyle::Solid,
            }
        };
        Self {
            name,
            color,
            points,
            style,
        }
    }

    /// A dashed line (a second metric, or a projection).
    pub fn dashed(name: String, color: Color32, points: Vec<HoverPoint>, width: f32) -> Self {
        Self {
            name,
            color,
            points,
            style: ItemStyle::Line {
                width,
                style: LineStyle::dashed_loose(),
            },
        }
    }

    /// Hollow circles.
    pub fn hollow(name: String, color: Color32, points: Vec<HoverPoint>) -> Self {
        Self {
            name,
            color,
            points,
            style: ItemStyle::HollowMarkers,
        }
    }

    /// Bars of `width`.
    pub fn bars(name: String, color: Color32, points: Vec<HoverPoint>, width: f64) -> Self {
        Self {
            name,
            color,
            points,
            style: ItemStyle::Bars { width },
        }
    }
}

/// Lines that break at gaps: one item per unbroken run of values (`None` ends a run), so a line
/// never crosses a missing value as if it were data.
pub fn lines_with_gaps(
    name: &str,
    color: Color32,
    values: &[Option<HoverPoint>],
    width: f32,
) -> Vec<PlotItem> {
    values
        .split(Option::is_none)
        .filter(|run| !run.is_empty())
        .map(|run| {
            let points = run.iter().flatten().cloned().collect();
            PlotItem::line(name.to_owned(), color, points, width)
        })
        .collect()
}

/// What the x axis measures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum XAxis {
    /// Years, marked at each year's start.
    Years,
    /// Years, with the default range set, so stacked charts whose data start in different
    /// years still put each year at the same place.
    YearRange {
        /// Left edge, in years.
        first: f64,
        /// Right edge, in years.
        last: f64,
    },
    /// Values of a unit (horizontal bars).
    Values(ValueUnit),
}

/// What the y axis measures.
#[derive(Clone, Debug, PartialEq)]
pub enum YAxis {
    /// Values of a unit.
    Values(ValueUnit),
    /// Named rows at 0, 1, 2…
    Categories(Vec<String>),
    /// Values of a unit as a transform shows them (growth, index), on a linear or a log axis
    /// (then the plotted y is log10 of the value).
    Shown {
        /// The metric's own unit.
        unit: ValueUnit,
        /// How the values are transformed.
        transform: Transform,
        /// Whether y is log10 of the value.
        log_scale: bool,
    },
}

/// A plot's frame: size, axes, and the plots it moves with.
#[derive(Clone, Debug)]
pub struct PlotFrame {
    /// Unique id.
    pub id: Id,
    /// Height in points.
    pub height: f32,
    /// Width in points (`None`: all that is available).
    pub width: Option<f32>,
    /// The x axis.
    pub x_axis: XAxis,
    /// The y axis.
    pub y_axis: YAxis,
    /// Plots sharing this group pan and zoom their x axes together.
    pub linked: Option<Id>,
    /// Whether the user may drag and zoom.
    pub interactive: bool,
}

/// The hover text of an item's point, written only when the point is hovered: given the
/// item's name and the point's position. Items built with an empty text for each point (a
/// chart's own series) get theirs from here, so a frame never writes texts nobody reads.
pub type LateText<'a> = &'a dyn Fn(&str, [f64; 2]) -> Option<String>;

/// Draws `items` in one plot with the shared axes, grid and tooltip.
pub fn plot(ui: &mut Ui, frame: &PlotFrame, items: &[PlotItem]) -> PlotResponse<()> {
    plot_with_late_texts(ui, frame, items, None)
}

/// [`plot`], with `late_text` writing the hover text of every point whose text is empty.
pub fn plot_with_late_texts(
    ui: &mut Ui,
    frame: &PlotFrame,
    items: &[PlotItem],
    late_text: Option<LateText<'_>>,
) -> PlotResponse<()> {
    let text_of = |name: &str, (at, text): &HoverPoint| match late_text {
        Some(late_text) if text.is_empty() => late_text(name, *at),
        _ => Some(text.clone()),
    };
    let mut hover: HashMap<&str, Vec<&HoverPoint>> = HashMap::new();
    for item in items {
        hover
            .entry(item.name.as_str())
            .or_default()
            .extend(item.points.iter());
    }
    // egui's body text is 13 points; larger type needs wider spacing between year labels.
    let label_scale = (egui::TextStyle::Body.resolve(ui.style()).size / 13.0).max(1.0);
    let mut plot = Plot::new(frame.id)
        .height(frame.height)
        .allow_scroll(false)
        .allow_drag(frame.interactive)
        .allow_zoom(frame.interactive)
        .y_axis_min_width(Y_AXIS_WIDTH)
        .label_formatter(|position: &HoverPosition<'_>| match position {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => text_of(
                plot_name,
                nearest_point(hover.get(*plot_name)?, [position.x, position.y])?,
            ),
            HoverPosition::Elsewhere { .. } => None,
        });
    // A child as wide as the plot: a justified column would stretch the plot over the gutter.
    let width = frame.width.unwrap_or_else(|| ui.available_width());
    let plot_width = (width - RIGHT_GUTTER * label_scale).max(Y_AXIS_WIDTH);
    plot = plot.width(plot_width);
    let plot_rect =
        egui::Rect::from_min_size(ui.cursor().min, egui::vec2(plot_width, frame.height));
    if let Some(group) = frame.linked {
        plot = plot
            .link_axis(group, [true, false])
            .link_cursor(group, [true, false]);
    }
    if let XAxis::YearRange { first, last } = frame.x_axis
        && first < last
    {
        plot = plot.default_x_bounds(first, last);
    }
    plot = match frame.x_axis {
        XAxis::Years | XAxis::YearRange { .. } => plot
            // Year labels widen with the text (presenter mode): thin the marks to match, so that
            // every chart keeps its year labels.
            .x_grid_spacer(move |input: GridInput| {
                year_marks(GridInput {
                    base_step_size: input.base_step_size * f64::from(label_scale),
                    ..input
                })
            })
            // A year tick outside the visible range would have its label cut at the edge.
            .x_axis_formatter(|mark: GridMark, range| {
                if range.contains(&mark.value) {
                    format!("{:.0}", mark.value)
                } else {
                    String::new()
                }
            }),
        XAxis::Values(unit) => plot
            .x_grid_spacer(nice_marks)
            .x_axis_formatter(move |mark: GridMark, _| axis_label(unit, mark.value)),
    };
    plot = match &frame.y_axis {
        YAxis::Values(unit) => {
            let unit = *unit;
            plot.y_axis_label(unit.axis_label())
                .y_grid_spacer(nice_marks)
                .y_axis_formatter(move |mark: GridMark, _| axis_label(unit, mark.value))
        }
        YAxis::Shown {
            unit,
            transform,
            log_scale,
        } => {
            let (unit, transform, log_scale) = (*unit, *transform, *log_scale);
            // The title row names the index's base; the axis has room for a word.
            let short = match transform {
                Transform::Indexed => "index",
                _ => transform.unit_label(unit),
            };
            let label = if log_scale {
                format!("{short}, log")
            } else {
                short.to_owned()
            };
            let plot = plot
                .y_axis_label(label)
                .y_axis_formatter(move |mark: GridMark, _| {
                    shown_axis_label(unit, transform, log_scale, mark.value)
                });
            if log_scale {
                plot.y_grid_spacer(log_marks)
            } else {
                plot.y_grid_spacer(nice_marks)
            }
        }
        YAxis::Categories(names) => {
            let names = names.clone();
            // Rows sit a line or so apart; egui_plot's own spacing (20 points) hid every name.
            let rows = egui_plot::AxisHints::new_y()
                .min_thickness(Y_AXIS_WIDTH)
                .label_spacing(CATEGORY_LABEL_SPACING)
                .formatter(move |mark: GridMark, _| category_name(&names, mark.value));
            plot.show_grid([true, false])
                .y_grid_spacer(category_marks)
                .custom_y_axes(vec![rows])
        }
    };
    // An outlier is kept off a plot the user can zoom out of; a slide cannot be zoomed, and its
    // text may quote the very value, so a slide shows every value.
    let robust = match (&frame.x_axis, &frame.y_axis) {
        _ if !frame.interactive => None,
        (XAxis::Years | XAxis::YearRange { .. }, YAxis::Values(_) | YAxis::Shown { .. }) => {
            let values: Vec<f64> = data_points(items).map(|(at, _)| at[1]).collect();
            let has_bars = items
                .iter()
                .any(|item| matches!(item.style, ItemStyle::Bars { .. }));
            let log_scale = matches!(
                frame.y_axis,
                YAxis::Shown {
                    log_scale: true,
                    ..
                }
            );
            robust_range(&values, has_bars && !log_scale)
        }
        _ => None,
    };
    if let Some((low, high)) = robust {
        plot = plot.default_y_bounds(low, high);
    }
    let halo = ui.visuals().extreme_bg_color;
    let text_color = ui.visuals().text_color();
    let plot_ui_builder = egui::UiBuilder::new()
        .max_rect(plot_rect)
        .layout(egui::Layout::top_down(egui::Align::Min));
    let response = ui
        .scope_builder(plot_ui_builder, |ui| {
            plot.show(ui, |plot_ui| {
                for item in items {
                    let coordinates: Vec<[f64; 2]> =
                        item.points.iter().map(|(at, _)| *at).collect();
                    let name = item.name.clone();
                    match item.style {
                        ItemStyle::Line { width, style } => plot_ui.line(
                            Line::new(name, PlotPoints::new(coordinates))
                                .color(item.color)
                                .width(width)
                                .style(style),
                        ),
                        ItemStyle::Dots { radius } => plot_ui.points(
                            Points::new(name, PlotPoints::new(coordinates))
                                .color(item.color)
                                .radius(radius),
                        ),
                        ItemStyle::HollowMarkers => {
                            // A halo in the background colour keeps the ring visible over a bar of the
                            // same colour.
                            plot_ui.points(
                                Points::new(name.clone(), PlotPoints::new(coordinates.clone()))
                                    .color(halo)
                                    .shape(MarkerShape::Circle)
                                    .filled(false)
                                    .radius(9.0),
                            );
                            plot_ui.points(
                                Points::new(name, PlotPoints::new(coordinates))
                                    .color(item.color)
                                    .shape(MarkerShape::Circle)
                                    .filled(false)
                                    .radius(7.0),
                            );
                        }
                        ItemStyle::SecondaryMarkers => plot_ui.points(
                            Points::new(name, PlotPoints::new(coordinates))
                                .color(item.color)
                                .shape(MarkerShape::Diamond)
                                .filled(false)
                                .radius(6.0),
                        ),
                        ItemStyle::VerticalRule => {
                            // The labels are painted after the plot, in screen space: a plot text
                            // would count in the automatic bounds and hold the range it was put at.
                            for [x, _] in coordinates {
                                plot_ui.vline(
                                    VLine::new(name.clone(), x)
                                        .color(item.color)
                                        .width(1.5)
                                        .style(LineStyle::dotted_loose()),
                                );
                            }
                        }
                        ItemStyle::Area => plot_ui.polygon(
                            egui_plot::Polygon::new(name, PlotPoints::new(coordinates))
                                .fill_color(item.color.gamma_multiply(0.3))
                                .stroke(egui::Stroke::NONE)
                                .allow_hover(false),
                        ),
                        ItemStyle::Bars { width } => {
                            // No bar names: these bars have no hover of their own (the boxed
                            // tooltip below reads the items' texts), and a copy of every text each
                            // frame was most of a bar chart's cost.
                            let bars = item
                                .points
                                .iter()
                                .map(|([x, y], _)| Bar::new(*x, *y).width(width).fill(item.color))
                                .collect();
                            plot_ui.bar_chart(bar_chart(name, item.color, bars));
                        }
                        ItemStyle::FloatingBars { base, thickness } => {
                            let bars = item
                                .points
                                .iter()
                                .map(|([x, y], text)| {
                                    Bar::new(*y, *x - base)
                                        .base_offset(base)
                                        .width(thickness)
                                        .fill(item.color)
                                        .name(text.clone())
                                })
                                .collect();
                            // Tornado rows keep egui_plot's own hover text: each row is a bar's width.
                            plot_ui.bar_chart(
                                BarChart::new(name, bars)
                                    .color(item.color)
                                    .element_formatter(Box::new(|bar: &Bar, _: &BarChart| {
                                        bar.name.clone()
                                    }))
                                    .horizontal(),
                            );
                        }
                    }
                }
                if let Some((low, high)) = robust {
                    edge_markers(plot_ui, items, low, high, text_color);
                }
                let bar_texts: Vec<(&str, &HoverPoint)> = items
                    .iter()
                    .filter(|item| matches!(item.style, ItemStyle::Bars { .. }))
                    .flat_map(|item| item.points.iter().map(|point| (item.name.as_str(), point)))
                    .collect();
                let pointer = plot_ui.pointer_coordinate()?;
                if !plot_ui.response().hovered() {
                    return None;
                }
                let transform = plot_ui.transform();
                let pointer_at = transform.position_from_point(&pointer);
                bar_texts
                    .into_iter()
                    .map(|(name, point)| {
                        let at = point.0;
                        let top = transform.position_from_point(&PlotPoint::new(at[0], at[1]));
                        // A bar counts as hovered anywhere over it, measured from its top.
                        let dx = (top.x - pointer_at.x).abs();
                        let dy = if (pointer.y - at[1]) * at[1].signum() <= 0.0
                            && pointer.y * at[1] >= 0.0
                        {
                            0.0
                        } else {
                            (top.y - pointer_at.y).abs()
                        };
                        (dx * 4.0 + dy, name, point)
                    })
                    .filter(|(distance, _, _)| *distance <= HOVER_RADIUS * 4.0)
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .and_then(|(_, name, point)| text_of(name, point))
            })
        })
        .inner;
    rule_labels(ui, &response, items);
    // Bars get the same boxed tooltip as lines: egui_plot's own bar text is unboxed.
    if let Some(text) = &response.inner {
        response.response.clone().on_hover_ui_at_pointer(|ui| {
            ui.label(text);
        });
    }
    PlotResponse {
        inner: (),
        response: response.response,
        transform: response.transform,
        hovered_plot_item: response.hovered_plot_item,
    }
}

/// The label of each vertical rule near the plot's top, one row per rule (the point's y).
fn rule_labels(ui: &Ui, response: &PlotResponse<Option<String>>, items: &[PlotItem]) {
    let rect = response.response.rect;
    let painter = ui.painter_at(rect);
    let font = egui::TextStyle::Small.resolve(ui.style());
    for item in items
        .iter()
        .filter(|item| item.style == ItemStyle::VerticalRule)
    {
        for ([x, row], _) in &item.points {
            let at = response
                .transform
                .position_from_point(&PlotPoint::new(*x, 0.0));
            #[expect(clippy::cast_possible_truncation, reason = "a row of a few labels")]
            let y = rect.top() + 4.0 + *row as f32 * (font.size + 4.0);
            painter.text(
                egui::pos2(at.x + 3.0, y),
                egui::Align2::LEFT_TOP,
                &item.name,
                font.clone(),
                item.color,
            );
        }
    }
}

/// The points of items that draw data (not rules or bar bases).
fn data_points(items: &[PlotItem]) -> impl Iterator<Item = &HoverPoint> {
    items
        .iter()
        .filter(|item| {
            matches!(
                item.style,
                ItemStyle::Line { .. }
                    | ItemStyle::Dots { .. }
                    | ItemStyle::Bars { .. }
                    | ItemStyle::HollowMarkers
            )
        })
        .flat_map(|item| item.points.iter())
}

/// A triangle at the plot's edge for each value beyond the default range, pointing the way
/// the value lies, with the value's own tooltip: an outlier is marked, not hidden.
fn edge_markers(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    items: &[PlotItem],
    low: f64,
    high: f64,
    color: Color32,
) {
    let bounds = plot_ui.plot_bounds();
    let (bottom, top) = (bounds.min()[1], bounds.max()[1]);
    let inset = (top - bottom) * 0.03;
    let mut above = Vec::new();
    let mut below = Vec::new();
    for (at, _) in data_points(items) {
        if at[1] > high.max(top) {
            above.push([at[0], top - inset]);
        } else if at[1] < low.min(bottom) {
            below.push([at[0], bottom + inset]);
        }
    }
    for (points, shape) in [(above, MarkerShape::Up), (below, MarkerShape::Down)] {
        if !points.is_empty() {
            plot_ui.points(
                Points::new("off the scale", PlotPoints::new(points))
                    .color(color)
                    .shape(shape)
                    .filled(true)
                    .radius(5.0),
            );
        }
    }
}

/// Bars whose hover text is each bar's own (its formula and filings).
fn bar_chart(name: String, color: Color32, bars: Vec<Bar>) -> BarChart {
    BarChart::new(name, bars).color(color).allow_hover(false)
}

/// The row name at a whole-number mark, blank between rows.
fn category_name(names: &[String], value: f64) -> String {
    let index = value.round();
    if (value - index).abs() > 1e-6 || index < 0.0 {
        return String::new();
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a non-negative row index"
    )]
    let index = index as usize;
    names.get(index).cloned().unwrap_or_default()
}

/// The point nearest to `at`.
fn nearest_point<'a>(points: &[&'a HoverPoint], at: [f64; 2]) -> Option<&'a HoverPoint> {
    points
        .iter()
        .min_by(|(a, _), (b, _)| {
            let distance =
                |point: &[f64; 2]| (point[0] - at[0]).abs() * 1e6 + (point[1] - at[1]).abs();
            distance(a).total_cmp(&distance(b))
        })
        .copied()
}
