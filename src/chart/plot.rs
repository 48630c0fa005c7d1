//! The one plot every chart is drawn with, and the small builders of its items: lines that break
//! at gaps, dots, grouped or floating bars, hollow markers, dashed lines. Each point carries its
//! hover text, so every chart shows the same tooltip: formula and filings for data, the
//! assumption for a projection.

use std::collections::HashMap;

use egui::{Color32, Id, Ui};
use egui_plot::{
    Bar, BarChart, GridInput, GridMark, HoverPosition, Line, LineStyle, MarkerShape, Plot,
    PlotPoints, PlotResponse, Points,
};
use flywheel_model::ValueUnit;

use super::axes::{axis_label, category_marks, nice_marks, year_marks};

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

/// Draws `items` in one plot with the shared axes, grid and tooltip.
pub fn plot(ui: &mut Ui, frame: &PlotFrame, items: &[PlotItem]) -> PlotResponse<()> {
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
        .label_formatter(|position: &HoverPosition<'_>| match position {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => nearest_text(hover.get(*plot_name)?, [position.x, position.y]),
            HoverPosition::Elsewhere { .. } => None,
        });
    if let Some(width) = frame.width {
        plot = plot.width(width);
    }
    if let Some(group) = frame.linked {
        plot = plot
            .link_axis(group, [true, false])
            .link_cursor(group, [true, false]);
    }
    plot = match frame.x_axis {
        XAxis::Years => plot
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
        YAxis::Categories(names) => {
            let names = names.clone();
            plot.show_grid([true, false])
                .y_grid_spacer(category_marks)
                .y_axis_formatter(move |mark: GridMark, _| category_name(&names, mark.value))
        }
    };
    let halo = ui.visuals().extreme_bg_color;
    plot.show(ui, |plot_ui| {
        for item in items {
            let coordinates: Vec<[f64; 2]> = item.points.iter().map(|(at, _)| *at).collect();
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
                ItemStyle::Bars { width } => {
                    let bars = item
                        .points
                        .iter()
                        .map(|([x, y], text)| {
                            Bar::new(*x, *y)
                                .width(width)
                                .fill(item.color)
                                .name(text.clone())
                        })
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
                    plot_ui.bar_chart(bar_chart(name, item.color, bars).horizontal());
                }
            }
        }
    })
}

/// Bars whose hover text is each bar's own (its formula and filings).
fn bar_chart(name: String, color: Color32, bars: Vec<Bar>) -> BarChart {
    BarChart::new(name, bars)
        .color(color)
        .element_formatter(Box::new(|bar: &Bar, _: &BarChart| bar.name.clone()))
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

/// The hover text of the point nearest to `at`.
fn nearest_text(texts: &[&HoverPoint], at: [f64; 2]) -> Option<String> {
    texts
        .iter()
        .min_by(|(a, _), (b, _)| {
            let distance =
                |point: &[f64; 2]| (point[0] - at[0]).abs() * 1e6 + (point[1] - at[1]).abs();
            distance(a).total_cmp(&distance(b))
        })
        .map(|(_, text)| text.clone())
}
