//! The chart toolkit every view is built on: a [`ChartSpec`] (title, metric, kind, extra items)
//! drawn by [`chart`] as a title row with legend, the plot or its copyable table, and a line
//! naming values missing from the data. `plot` holds the item builders and the one plot;
//! `axes` the positions and marks; `table` the copyable grid; `notes` the notes on charts.

pub mod axes;
pub mod notes;
pub mod plot;
pub mod table;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::rc::Rc;

use egui::{Color32, Id, RichText, Ui};
use flywheel_model::metrics::Transform;
use flywheel_model::{Frequency, Metric, Observation, Series, ValueUnit};

use crate::command::Command;
use crate::data_view::{DataView, ShownCompany, remembered_hover_text};
use crate::deck::Annotation;
use crate::export::{DrawnChart, ExportChoice, PictureTarget};
use crate::files::FileAction;
use crate::lens::Lens;

use axes::{bar_offset, bar_step, x_position};
use notes::Pin;
use plot::{HoverPoint, ItemStyle, PlotFrame, PlotItem, XAxis, YAxis};

/// The name of the markers around values from a secondary source (also their legend entry).
const SECONDARY_NAME: &str = "secondary source";

/// How a chart draws its series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// One line per company.
    Lines,
    /// Bars grouped by period, one per company.
    Bars,
}

/// Everything a view needs to draw.
pub struct ViewContext<'a> {
    /// Data and cached series.
    pub data: &'a DataView,
    /// What is shown.
    pub lens: &'a Lens,
    /// Charts shown as tables, by id.
    pub tables_shown: &'a BTreeSet<String>,
    /// Notes pinned to values.
    pub notes: &'a [Annotation],
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
    /// Whether a slide is presented: no buttons, no footnotes, plots that a click does not pan
    /// (a click steps to the next slide).
    pub presenting: bool,
}

impl<'a> ViewContext<'a> {
    /// The companies switched on.
    pub fn shown(&self, ui: &Ui) -> Vec<ShownCompany<'a>> {
        self.data.shown(self.lens, ui.visuals())
    }

    /// The same context under another lens (a focused chart drawn under the lens its view
    /// built it with).
    pub fn with_lens<'b>(&'b mut self, lens: &'b Lens) -> ViewContext<'b> {
        ViewContext {
            data: self.data,
            lens,
            tables_shown: self.tables_shown,
            notes: self.notes,
            commands: &mut *self.commands,
            line_width: self.line_width,
            drawn_charts: &mut *self.drawn_charts,
            source_line: self.source_line,
            exporting: self.exporting,
            presenting: self.presenting,
        }
    }
}

/// One chart of a view.
#[derive(Clone)]
pub struct ChartSpec {
    /// Unique id (also the key of its table toggle).
    pub id: String,
    /// Title above the chart.
    pub title: String,
    /// What it shows.
    pub metric: Metric,
    /// Lines or bars.
    pub kind: ChartKind,
    /// Extra items drawn over the series (guidance, a second metric).
    pub overlays: Vec<PlotItem>,
    /// Height in points, title row to missing-values line.
    pub height: f32,
    /// How the values are shown; `None` follows the lens (the side panel's Transform). A chart
    /// that names its transform builds its overlays in it; one that follows the lens has its
    /// overlays in the metric's own values, so they are left out when the lens transforms.
    pub transform: Option<Transform>,
    /// Words added to the title only when the overlays are drawn (", with guidance (hollow
    /// circles)").
    pub overlay_note: Option<String>,
    /// The least height of the title row, in points: charts side by side give it the height of
    /// the taller one, so that their plots start level when one legend wraps.
    pub title_min_height: f32,
}

impl ChartSpec {
    /// A chart titled after its metric, with no overlays.
    pub fn new(id: impl Into<String>, metric: Metric, kind: ChartKind) -> Self {
        Self {
            id: id.into(),
            title: metric.label().to_owned(),
            metric,
            kind,
            overlays: Vec::new(),
            height: 200.0,
            transform: None,
            overlay_note: None,
            title_min_height: 0.0,
        }
    }

    /// The transform this chart shows under `lens`.
    pub fn transform_in(&self, lens: &Lens) -> Transform {
        self.transform.unwrap_or(lens.transform)
    }

    /// Whether the overlays are drawn: only over the metric's own values.
    fn draws_overlays(&self, lens: &Lens) -> bool {
        !self.overlays.is_empty()
            && (self.transform.is_some() || self.transform_in(lens) == Transform::Value)
    }

    /// The title as drawn: with the overlay note only when the overlays are drawn, and the
    /// transform named when it is not the value.
    pub fn shown_title(&self, lens: &Lens) -> String {
        let mut title = self.title.clone();
        if self.draws_overlays(lens)
            && let Some(note) = &self.overlay_note
        {
            title.push_str(note);
        }
        match self.transform_in(lens) {
            Transform::Value => {}
            Transform::YearOnYear => title.push_str(", year on year"),
            Transform::Indexed => title.push_str(", indexed"),
        }
        title
    }
}

/// Whether `lens` draws a chart of `unit` values under `transform` on a log axis.
pub fn log_axis(lens: &Lens, unit: ValueUnit, transform: Transform) -> bool {
    lens.log_scale && transform.allows_log_scale(unit)
}

/// One company's series as a chart shows it: transformed, and indexed from the first period in
/// the lens's years.
pub fn shown_series(
    view: &ViewContext<'_>,
    company: &ShownCompany<'_>,
    metric: Metric,
    transform: Transform,
) -> Rc<Series> {
    view.data
        .shown_series(company.dataset, metric, view.lens, transform)
}

/// The tooltip text of one value: company, metric, period, value, formula and filings.
/// `metric` names what is shown; the series' own transform (growth, index) and its formula
/// are in the text.
/// Written once and remembered (a frame asks for the text of every value it draws).
pub fn tooltip(ticker: &str, metric: Metric, observation: &Observation, series: &Series) -> String {
    remembered_hover_text(ticker, metric, observation, series, || {
        write_tooltip(ticker, metric, observation, series)
    })
}

fn write_tooltip(
    ticker: &str,
    metric: Metric,
    observation: &Observation,
    series: &Series,
) -> String {
    let explained = if series.metric == metric {
        series.explain(observation)
    } else {
        observation.explain(metric)
    };
    let mut text = format!("{ticker} · {explained}");
    if let Some(method) = &series.method {
        let _ = write!(text, "\n{method}");
    }
    text
}

fn block_height_id(key: &str) -> egui::Id {
    egui::Id::unique(("level block height", key))
}

/// Draws `add`, pads it to at least `min_height`, and remembers the height it took (without
/// the padding) under `key`: blocks side by side (title rows, headlines) take the tallest one's
/// height from [`last_block_height`], so what follows them starts level.
pub fn level_block(ui: &mut Ui, key: &str, min_height: f32, add: impl FnOnce(&mut Ui)) {
    let top = ui.cursor().top();
    add(ui);
    let height = ui.cursor().top() - top;
    let id = block_height_id(key);
    if ui.ctx().data(|data| data.get_temp::<f32>(id)) != Some(height) {
        ui.ctx().data_mut(|data| data.insert_temp(id, height));
        // A neighbour sized from this height is drawn again with the new one.
        ui.ctx().request_repaint();
    }
    if height < min_height {
        ui.add_space(min_height - height);
    }
}

/// How tall the block `key` was when last drawn by [`level_block`] (0 before it was).
pub fn last_block_height(ctx: &egui::Context, key: &str) -> f32 {
    ctx.data(|data| data.get_temp::<f32>(block_height_id(key)))
        .unwrap_or(0.0)
}

/// How tall the title row of chart `chart_id` was when last drawn (0 before it was), so that
/// charts side by side can start their plots level.
pub fn last_title_height(ctx: &egui::Context, chart_id: &str) -> f32 {
    last_block_height(ctx, chart_id)
}

/// A chart: title row with its legend, Table toggle and Export menu, then the plot or the table,
/// then a line naming any values missing in the shown years. Under a lens that focuses one chart
/// of the view, nothing is drawn: the focused chart is kept, with the lens it was built under,
/// for [`take_focused`] to draw alone and large.
pub fn chart(ui: &mut Ui, view: &mut ViewContext<'_>, spec: &ChartSpec) {
    if let Some(focused) = view.lens.focused_chart() {
        if focused == spec.id {
            let kept = FocusedChart {
                spec: spec.clone(),
                lens: view.lens.clone(),
            };
            ui.ctx()
                .data_mut(|data| data.insert_temp(focused_chart_slot(), Some(kept)));
        }
        return;
    }
    draw_chart(ui, view, spec);
}

/// The chart a lens focuses, as its view built it, and the lens it was built under (the
/// Flywheel view builds each column under a lens of one company).
#[derive(Clone)]
pub struct FocusedChart {
    /// The chart, overlays included.
    pub spec: ChartSpec,
    /// What it shows.
    pub lens: Lens,
}

/// Where [`chart`] keeps the focused chart until it is drawn.
fn focused_chart_slot() -> Id {
    Id::unique("flywheel.focused_chart")
}

/// The focused chart the views built since the last call, if they built it.
pub fn take_focused(ctx: &egui::Context) -> Option<FocusedChart> {
    ctx.data_mut(|data| data.remove_temp::<Option<FocusedChart>>(focused_chart_slot()))
        .flatten()
}

/// Draws a chart whatever the lens focuses (see [`chart`]).
pub fn draw_chart(ui: &mut Ui, view: &mut ViewContext<'_>, spec: &ChartSpec) {
    let drawn = ui.vertical(|ui| chart_body(ui, view, spec));
    view.drawn_charts.push(DrawnChart {
        id: spec.id.clone(),
        metric: spec.metric,
        transform: spec.transform_in(view.lens),
        rect: drawn.response.rect,
    });
}

fn chart_body(ui: &mut Ui, view: &mut ViewContext<'_>, spec: &ChartSpec) {
    let table_shown = view.tables_shown.contains(&spec.id);
    let companies = view.shown(ui);
    let transform = spec.transform_in(view.lens);
    let unit = spec.metric.unit();
    let log_scale = log_axis(view.lens, unit, transform);
    let unit_label = if log_scale {
        format!("{}, log scale", transform.unit_label(unit))
    } else {
        transform.unit_label(unit).to_owned()
    };
    let legend: Vec<(Color32, &str)> = companies
        .iter()
        .map(|company| (company.color, company.dataset.company.ticker.as_str()))
        .collect();
    let any_secondary = !table_shown
        && companies.iter().any(|company| {
            view.data
                .series(company.dataset, spec.metric, view.lens)
                .secondary_points()
                .any(|point| view.lens.contains(&point.slot))
        });
    level_block(ui, &spec.id, spec.title_min_height, |ui| {
        title_row(
            ui,
            &spec.shown_title(view.lens),
            &unit_label,
            &Legend {
                entries: &legend,
                secondary: any_secondary,
            },
            |ui| {
                if view.exporting || view.presenting {
                    return;
                }
                export_menu(ui, view.commands, &spec.id, &spec.title);
                let mut shown = table_shown;
                let response = ui.toggle_value(&mut shown, "Table").on_hover_text(format!(
                    "Show {} as a table of numbers that can be copied",
                    spec.title
                ));
                if response.clicked() {
                    view.commands.push(Command::ToggleTable(spec.id.clone()));
                }
            },
        );
    });
    let all_series: Vec<(&ShownCompany<'_>, Rc<Series>)> = companies
        .iter()
        .map(|company| (company, shown_series(view, company, spec.metric, transform)))
        .collect();
    let missing_line_height = 18.0;
    if table_shown {
        series_table(ui, spec, &all_series, view.lens, transform);
    } else {
        series_plot(
            ui,
            view,
            spec,
            &all_series,
            spec.height - missing_line_height,
        );
    }
    if !view.presenting {
        missing_values(ui, &all_series, view.lens);
    }
    if let Some((exported, line)) = view.source_line
        && exported == spec.id
    {
        ui.label(RichText::new(line).small());
    }
}

/// A chart's title row: title, unit, a legend of coloured names (kept out of the plot so it never
/// covers data), and `controls` at the right.
pub fn title_row(
    ui: &mut Ui,
    title: &str,
    unit_label: &str,
    legend: &Legend<'_>,
    controls: impl FnOnce(&mut Ui),
) {
    // Sized from the body text (15 points at egui's 13) so that presenter mode's larger type
    // scales titles too.
    let title_size = body_text_size(ui) * 15.0 / 13.0;
    // The controls take their room at the right first; the title and legend wrap in what is
    // left, so a long legend in a narrow column goes to a second line instead of under them.
    // Each layout gets one row's height to centre in (more rows grow it), not the whole view.
    let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    // Drawn in a child whose overflow is not passed on: egui's wrapping can leave a line a few
    // points wider than asked, and a wider title row widened every chart after it.
    let room = ui.available_rect_before_wrap();
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(room).layout(*ui.layout()));
    child.allocate_ui_with_layout(
        row,
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| {
            controls(ui);
            let rest = egui::vec2(ui.available_width(), row.y);
            ui.allocate_ui_with_layout(
                rest,
                egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true),
                |ui| {
                    ui.label(RichText::new(title).strong().size(title_size));
                    ui.label(RichText::new(unit_label).weak());
                    ui.add_space(12.0);
                    // Space goes between entries, never after the last: trailing space at a
                    // full line widened the column past its window.
                    for (index, (color, name)) in legend.entries.iter().enumerate() {
                        if index > 0 {
                            ui.add_space(6.0);
                        }
                        legend_entry(ui, *color, name);
                    }
                    if legend.secondary {
                        ui.add_space(6.0);
                        secondary_legend(ui);
                    }
                },
            );
        },
    );
    let used = child.min_rect();
    let kept = egui::Rect::from_min_max(
        used.min,
        egui::pos2(used.max.x.min(room.right()), used.max.y),
    );
    ui.advance_cursor_after_rect(kept);
}

/// What a chart's legend names: each series by colour, and the secondary-source marker when
/// the chart draws one.
pub struct Legend<'a> {
    /// Colour and name of each series.
    pub entries: &'a [(Color32, &'a str)],
    /// Whether a hollow diamond marks values quoted from a secondary source.
    pub secondary: bool,
}

/// The legend entry of the secondary-source markers: a hollow diamond, explained on hover.
fn secondary_legend(ui: &mut Ui) {
    let color = ui.visuals().text_color();
    let text = RichText::new(SECONDARY_NAME).color(ui.visuals().weak_text_color());
    legend_item(ui, text, 12.0, |painter, center| {
        let r = 5.0;
        let diamond = vec![
            center + egui::vec2(0.0, -r),
            center + egui::vec2(r, 0.0),
            center + egui::vec2(0.0, r),
            center + egui::vec2(-r, 0.0),
        ];
        painter.add(egui::Shape::closed_line(
            diamond,
            egui::Stroke::new(1.5, color),
        ));
    })
    .on_hover_text(
        "Values in a hollow diamond are quoted by a data site, research note or news report, not \
         read in the filing itself; hover one for its source.",
    );
}

/// The chart's Export menu: PNG at 1× or 2×, the clipboard, or its numbers as CSV.
fn export_menu(ui: &mut Ui, commands: &mut Vec<Command>, id: &str, title: &str) {
    let target = PictureTarget::Chart(id.to_owned());
    let picture = |scale| {
        Command::AskFile(FileAction::Export(ExportChoice::Picture {
            target: target.clone(),
            scale,
        }))
    };
    ui.menu_button("Export", |ui| {
        if ui.button("Save chart as PNG…").clicked() {
            commands.push(picture(1));
        }
        if ui.button("Save chart as PNG at 2×…").clicked() {
            commands.push(picture(2));
        }
        if ui.button("Copy chart image").clicked() {
            commands.push(Command::CopyPicture(target.clone()));
        }
        if ui.button("Save chart numbers as CSV…").clicked() {
            commands.push(Command::AskFile(FileAction::Export(ExportChoice::Csv {
                chart: Some(id.to_owned()),
            })));
        }
    })
    .response
    .on_hover_text(format!(
        "Export {title}: a picture with its source line, or its numbers"
    ));
}

/// The size of body text in `ui`: what chart titles and legends scale with.
fn body_text_size(ui: &Ui) -> f32 {
    egui::TextStyle::Body.resolve(ui.style()).size
}

/// A coloured dot and a name.
fn legend_entry(ui: &mut Ui, color: Color32, name: &str) {
    // A 10-point dot at egui's 13-point body text, larger with presenter mode's type.
    let dot = body_text_size(ui) * 10.0 / 13.0;
    legend_item(
        ui,
        RichText::new(name).color(color).strong(),
        dot,
        |painter, center| {
            painter.circle_filled(center, dot * 0.45, color);
        },
    );
}

/// A legend marker `marker` points wide (drawn by `paint` around its centre) and its text, as
/// one item: where the legend wraps, the marker goes to the next line with its text instead of
/// staying behind at the end of the line.
fn legend_item(
    ui: &mut Ui,
    text: RichText,
    marker: f32,
    paint: impl FnOnce(&egui::Painter, egui::Pos2),
) -> egui::Response {
    let gap = ui.spacing().item_spacing.x;
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let size = egui::vec2(marker + gap + galley.size().x, galley.size().y.max(marker));
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
    paint(
        ui.painter(),
        egui::pos2(rect.left() + marker / 2.0, rect.center().y),
    );
    let text_at = egui::pos2(
        rect.left() + marker + gap,
        rect.center().y - galley.size().y / 2.0,
    );
    ui.painter()
        .galley(text_at, galley, ui.visuals().text_color());
    response
}

/// "Not in the data: MSFT FY2021–FY2024 …" under a chart, with the reasons on hover.
fn missing_values(ui: &mut Ui, all_series: &[(&ShownCompany<'_>, Rc<Series>)], lens: &Lens) {
    let mut parts = Vec::new();
    let mut reasons = Vec::new();
    for (company, series) in all_series {
        let missing: Vec<&Observation> = series
            .points
            .iter()
            .filter(|point| point.value.is_none() && lens.contains(&point.slot))
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
        ui.add(egui::Label::new(RichText::new(text).small().weak()).truncate())
            .on_hover_text(reasons.join("\n"));
    }
}

/// The series of a chart as plot items (lines broken at gaps, or grouped bars), and the values
/// notes can be pinned to.
fn series_items(
    spec: &ChartSpec,
    all_series: &[(&ShownCompany<'_>, Rc<Series>)],
    lens: &Lens,
    line_width: f32,
) -> (Vec<PlotItem>, Vec<Pin>) {
    let log_scale = log_axis(lens, spec.metric.unit(), spec.transform_in(lens));
    // On a log axis y is log10 of the value; a value that is not positive has no place there.
    let plotted = |value: f64| {
        if log_scale {
            (value > 0.0).then(|| value.log10())
        } else {
            Some(value)
        }
    };
    let frequency = lens.frequency;
    let company_count = all_series.len();
    let mut items = Vec::new();
    let mut pins = Vec::new();
    let mut rules = 0.0;
    for (index, (company, series)) in all_series.iter().enumerate() {
        let ticker = &company.dataset.company.ticker;
        let offset = series_offset(spec.kind, index, company_count, frequency);
        // The texts are written when a value is hovered (`hovered_value_text`).
        let values: Vec<Option<HoverPoint>> = series
            .points
            .iter()
            .filter(|point| lens.contains(&point.slot))
            .map(|point| {
                let at = [
                    x_position(&point.slot, frequency) + offset,
                    plotted(point.value?)?,
                ];
                pins.push(Pin {
                    ticker: ticker.clone(),
                    period: point.slot.label.clone(),
                    at,
                    color: company.color,
                });
                Some((at, String::new()))
            })
            .collect();
        let secondary: Vec<HoverPoint> = series
            .points
            .iter()
            .filter(|point| point.is_secondary() && lens.contains(&point.slot))
            .filter_map(|point| {
                let at = [
                    x_position(&point.slot, frequency) + offset,
                    plotted(point.value?)?,
                ];
                Some((at, tooltip(ticker, spec.metric, point, series)))
            })
            .collect();
        if !secondary.is_empty() {
            items.push(PlotItem {
                name: SECONDARY_NAME.to_owned(),
                color: company.color,
                points: secondary,
                style: ItemStyle::SecondaryMarkers,
            });
        }
        for change in series.basis_changes() {
            if lens.contains(&change.slot) {
                // The line sits between the last point on the old basis and the first on the new.
                let step = match frequency {
                    flywheel_model::Frequency::Annual => 0.5,
                    _ => 0.125,
                };
                let x = x_position(&change.slot, frequency) - step;
                let short = |basis: flywheel_model::Basis| match basis {
                    flywheel_model::Basis::Latest => "restated",
                    flywheel_model::Basis::Reported => "as reported",
                };
                items.push(PlotItem {
                    name: format!(
                        "{ticker} {} → {}",
                        short(change.before),
                        short(change.after)
                    ),
                    color: company.color,
                    points: vec![([x, rules], change.label.clone())],
                    style: ItemStyle::VerticalRule,
                });
                rules += 1.0;
            }
        }
        match spec.kind {
            ChartKind::Lines => items.extend(plot::lines_with_gaps(
                ticker,
                company.color,
                &values,
                line_width,
            )),
            ChartKind::Bars => items.push(PlotItem::bars(
                ticker.clone(),
                company.color,
                values.into_iter().flatten().collect(),
                bar_step(company_count, frequency) * 0.94,
            )),
        }
    }
    (items, pins)
}

/// How far a company's values sit from their period's place: bars stand side by side.
fn series_offset(kind: ChartKind, index: usize, company_count: usize, frequency: Frequency) -> f64 {
    match kind {
        ChartKind::Lines => 0.0,
        ChartKind::Bars => bar_offset(index, company_count, frequency),
    }
}

/// The hover text of the chart's own value of company `ticker` drawn at `at`.
fn hovered_value_text(
    spec: &ChartSpec,
    all_series: &[(&ShownCompany<'_>, Rc<Series>)],
    lens: &Lens,
    ticker: &str,
    at: [f64; 2],
) -> Option<String> {
    let (index, (_, series)) = all_series
        .iter()
        .enumerate()
        .find(|(_, (company, _))| company.dataset.company.ticker == ticker)?;
    let offset = series_offset(spec.kind, index, all_series.len(), lens.frequency);
    let point = series.points.iter().find(|point| {
        point.value.is_some()
            && lens.contains(&point.slot)
            && (x_position(&point.slot, lens.frequency) + offset - at[0]).abs() < 1e-9
    })?;
    Some(tooltip(ticker, spec.metric, point, series))
}

fn series_plot(
    ui: &mut Ui,
    view: &mut ViewContext<'_>,
    spec: &ChartSpec,
    all_series: &[(&ShownCompany<'_>, Rc<Series>)],
    height: f32,
) {
    let (mut items, pins) = series_items(spec, all_series, view.lens, view.line_width);
    if spec.draws_overlays(view.lens) {
        items.extend(spec.overlays.iter().cloned());
    }
    let transform = spec.transform_in(view.lens);
    let unit = spec.metric.unit();
    // Plots keep their bounds in memory by id: other periods or years (the next slide of the
    // same view, or a change in the side panel) start from their own automatic bounds, not
    // the last ones'; so does a new transform.
    let periods = (
        view.lens.frequency,
        view.lens.alignment,
        view.lens.first_year,
        view.lens.last_year,
    );
    let frame = PlotFrame {
        id: Id::unique(("chart", &spec.id, transform, view.lens.log_scale, periods)),
        height,
        width: None,
        x_axis: year_range(view, all_series),
        y_axis: YAxis::Shown {
            unit,
            transform,
            log_scale: log_axis(view.lens, unit, transform),
        },
        linked: Some(Id::unique(("linked-axes", view.lens.view, periods))),
        interactive: !view.presenting,
    };
    let late_text =
        |ticker: &str, at: [f64; 2]| hovered_value_text(spec, all_series, view.lens, ticker, at);
    let response = plot::plot_with_late_texts(ui, &frame, &items, Some(&late_text));
    response.response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Figure,
            true,
            format!("{} chart", spec.metric.label()),
        )
    });
    notes::draw_notes(ui, &response.transform, view.notes, spec.metric, &pins);
    notes::note_menu(ui, &response, &spec.id, spec.metric, &pins, view.commands);
}

/// The x range of a chart: the shown years that have any data, from the raw series of every
/// shown company, so that every chart of a view spans the same years whatever its metric.
fn year_range(view: &ViewContext<'_>, all_series: &[(&ShownCompany<'_>, Rc<Series>)]) -> XAxis {
    let frequency = view.lens.frequency;
    let positions: Vec<f64> = all_series
        .iter()
        .flat_map(|(company, _)| {
            let revenue = view
                .data
                .series(company.dataset, Metric::Revenue, view.lens);
            revenue
                .points
                .iter()
                .filter(|point| view.lens.contains(&point.slot))
                .map(|point| x_position(&point.slot, frequency))
                .collect::<Vec<f64>>()
        })
        .collect();
    let first = positions.iter().copied().fold(f64::INFINITY, f64::min);
    let last = positions.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if first.is_finite() && last.is_finite() && first < last {
        let margin = if frequency == flywheel_model::Frequency::Annual {
            0.6
        } else {
            0.2
        };
        XAxis::YearRange {
            first: first - margin,
            last: last + margin,
        }
    } else {
        XAxis::Years
    }
}

/// The chart's numbers: periods down, companies across.
fn series_table(
    ui: &mut Ui,
    spec: &ChartSpec,
    all_series: &[(&ShownCompany<'_>, Rc<Series>)],
    lens: &Lens,
    transform: Transform,
) {
    let mut rows: Vec<(f64, String)> = Vec::new();
    for (_, series) in all_series {
        for point in series
            .points
            .iter()
            .filter(|point| lens.contains(&point.slot))
        {
            if !rows.iter().any(|(_, label)| *label == point.slot.label) {
                rows.push((
                    x_position(&point.slot, lens.frequency),
                    point.slot.label.clone(),
                ));
            }
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let labels: Vec<String> = rows.into_iter().map(|(_, label)| label).collect();
    let columns: Vec<table::Column> = all_series
        .iter()
        .map(|(company, series)| table::Column {
            name: company.dataset.company.ticker.clone(),
            color: company.color,
            values: labels
                .iter()
                .map(|label| {
                    series
                        .points
                        .iter()
                        .find(|point| point.slot.label == *label)
                        .and_then(|point| point.value)
                })
                .collect(),
        })
        .collect();
    table::copyable_grid(
        ui,
        &spec.id,
        "Period",
        (spec.metric.unit(), transform),
        &labels,
        &columns,
        spec.height,
    );
}
