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
use flywheel_model::{Metric, Observation, Series};

use crate::command::Command;
use crate::data_view::{DataView, ShownCompany};
use crate::deck::Annotation;
use crate::export::{DrawnChart, ExportChoice, PictureTarget};
use crate::files::FileAction;
use crate::lens::Lens;

use axes::{bar_offset, bar_step, x_position};
use notes::Pin;
use plot::{HoverPoint, PlotFrame, PlotItem, XAxis, YAxis};

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
}

/// One chart of a view.
pub struct ChartSpec {
    /// Unique id (also the key of its table toggle).
    pub id: &'static str,
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
}

impl ChartSpec {
    /// A chart titled after its metric, with no overlays.
    pub fn new(id: &'static str, metric: Metric, kind: ChartKind) -> Self {
        Self {
            id,
            title: metric.label().to_owned(),
            metric,
            kind,
            overlays: Vec::new(),
            height: 200.0,
        }
    }
}

/// The tooltip text of one value: company, metric, period, value, formula and filings.
pub fn tooltip(ticker: &str, metric: Metric, observation: &Observation, series: &Series) -> String {
    let mut text = format!("{ticker} · {}", observation.explain(metric));
    if let Some(method) = &series.method {
        let _ = write!(text, "\n{method}");
    }
    text
}

/// A chart: title row with its legend, Table toggle and Export menu, then the plot or the table,
/// then a line naming any values missing in the shown years.
pub fn chart(ui: &mut Ui, view: &mut ViewContext<'_>, spec: &ChartSpec) {
    let drawn = ui.vertical(|ui| chart_body(ui, view, spec));
    view.drawn_charts.push(DrawnChart {
        id: spec.id.to_owned(),
        metric: spec.metric,
        rect: drawn.response.rect,
    });
}

fn chart_body(ui: &mut Ui, view: &mut ViewContext<'_>, spec: &ChartSpec) {
    let table_shown = view.tables_shown.contains(spec.id);
    let companies = view.shown(ui);
    let legend: Vec<(Color32, &str)> = companies
        .iter()
        .map(|company| (company.color, company.dataset.company.ticker.as_str()))
        .collect();
    title_row(
        ui,
        &spec.title,
        spec.metric.unit().axis_label(),
        &legend,
        |ui| {
            if view.exporting || view.presenting {
                return;
            }
            export_menu(ui, view.commands, spec.id, &spec.title);
            let mut shown = table_shown;
            let response = ui.toggle_value(&mut shown, "Table").on_hover_text(format!(
                "Show {} as a table of numbers that can be copied",
                spec.title
            ));
            if response.clicked() {
                view.commands.push(Command::ToggleTable(spec.id.to_owned()));
            }
        },
    );
    let all_series: Vec<(&ShownCompany<'_>, Rc<Series>)> = companies
        .iter()
        .map(|company| {
            let series = view.data.series(company.dataset, spec.metric, view.lens);
            (company, series)
        })
        .collect();
    let missing_line_height = 18.0;
    if table_shown {
        series_table(ui, spec, &all_series, view.lens);
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
    legend: &[(Color32, &str)],
    controls: impl FnOnce(&mut Ui),
) {
    // Sized from the body text (15 points at egui's 13) so that presenter mode's larger type
    // scales titles too.
    let title_size = body_text_size(ui) * 15.0 / 13.0;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(title).strong().size(title_size));
        ui.label(RichText::new(unit_label).weak());
        ui.add_space(12.0);
        for (color, name) in legend {
            legend_entry(ui, *color, name);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), controls);
    });
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
    let (rect, _) = ui.allocate_exact_size(egui::Vec2::splat(dot), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), dot * 0.45, color);
    ui.label(RichText::new(name).color(color).strong());
    ui.add_space(6.0);
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
    let frequency = lens.frequency;
    let company_count = all_series.len();
    let mut items = Vec::new();
    let mut pins = Vec::new();
    for (index, (company, series)) in all_series.iter().enumerate() {
        let ticker = &company.dataset.company.ticker;
        let offset = match spec.kind {
            ChartKind::Lines => 0.0,
            ChartKind::Bars => bar_offset(index, company_count, frequency),
        };
        let values: Vec<Option<HoverPoint>> = series
            .points
            .iter()
            .filter(|point| lens.contains(&point.slot))
            .map(|point| {
                let at = [x_position(&point.slot, frequency) + offset, point.value?];
                pins.push(Pin {
                    ticker: ticker.clone(),
                    period: point.slot.label.clone(),
                    at,
                    color: company.color,
                });
                Some((at, tooltip(ticker, spec.metric, point, series)))
            })
            .collect();
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

fn series_plot(
    ui: &mut Ui,
    view: &mut ViewContext<'_>,
    spec: &ChartSpec,
    all_series: &[(&ShownCompany<'_>, Rc<Series>)],
    height: f32,
) {
    let (mut items, pins) = series_items(spec, all_series, view.lens, view.line_width);
    items.extend(spec.overlays.iter().cloned());
    let frame = PlotFrame {
        id: Id::unique(spec.id),
        height,
        width: None,
        x_axis: XAxis::Years,
        y_axis: YAxis::Values(spec.metric.unit()),
        linked: Some(Id::unique(("linked-axes", view.lens.view))),
        interactive: !view.presenting,
    };
    let response = plot::plot(ui, &frame, &items);
    response.response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Figure,
            true,
            format!("{} chart", spec.metric.label()),
        )
    });
    notes::draw_notes(ui, &response.transform, view.notes, spec.metric, &pins);
    notes::note_menu(ui, &response, spec.id, spec.metric, &pins, view.commands);
}

/// The chart's numbers: periods down, companies across.
fn series_table(
    ui: &mut Ui,
    spec: &ChartSpec,
    all_series: &[(&ShownCompany<'_>, Rc<Series>)],
    lens: &Lens,
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
        spec.id,
        "Period",
        spec.metric.unit(),
        &labels,
        &columns,
        spec.height,
    );
}
