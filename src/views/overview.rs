//! Overview: one card per company for its latest period — revenue, operating income and margin,
//! capex and capex intensity, free cash flow — each with its change on a year earlier and a
//! small trend line. Hovering a figure shows its filing.

use egui::{Color32, FontFamily, FontId, Pos2, RichText, Sense, Stroke, Ui, Vec2};
use flywheel_model::{Metric, Observation, Series, ValueUnit};

use crate::chart::{ChartKind, ChartSpec, ViewContext, chart, tooltip};
use crate::data_view::ShownCompany;
use crate::theme::{SEMIBOLD, change_color};

/// The figures on each card, in order.
pub const KPI_METRICS: [Metric; 6] = [
    Metric::Revenue,
    Metric::OperatingIncome,
    Metric::OperatingMargin,
    Metric::FreeCashFlow,
    Metric::Capex,
    Metric::CapexIntensity,
];

/// Draws the view.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    let companies = view.shown(ui);
    if companies.is_empty() {
        super::no_company(ui);
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.columns(companies.len(), |columns| {
                for (column, company) in columns.iter_mut().zip(&companies) {
                    card(column, view, company);
                }
            });
            ui.add_space(4.0);
            ui.label(
                RichText::new(
                    "Changes compare each figure with the same period a year earlier; margins \
                 change in percentage points (pp). Hover a figure for its formula and filing.",
                )
                .small()
                .weak(),
            );
            ui.add_space(8.0);
            // The race in two pictures: what the companies earn, and what they pour back.
            let height = (ui.available_height() - 40.0).max(200.0);
            ui.columns(2, |columns| {
                let operating_income = ChartSpec {
                    height,
                    ..ChartSpec::new(
                        "overview.operating_income",
                        Metric::OperatingIncome,
                        ChartKind::Lines,
                    )
                };
                chart(&mut columns[0], view, &operating_income);
                let capex = ChartSpec {
                    height,
                    ..ChartSpec::new("overview.capex", Metric::Capex, ChartKind::Lines)
                };
                chart(&mut columns[1], view, &capex);
            });
        });
}

fn card(ui: &mut Ui, view: &ViewContext<'_>, company: &ShownCompany<'_>) {
    let revenue = view
        .data
        .series(company.dataset, Metric::Revenue, view.lens);
    let latest = revenue
        .points
        .iter()
        .rev()
        .find(|point| point.value.is_some() && view.lens.contains(&point.slot));
    egui::Frame::group(ui.style())
        .corner_radius(8.0)
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(Vec2::new(5.0, 22.0), Sense::hover());
                ui.painter().rect_filled(rect, 2.0, company.color);
                ui.label(
                    RichText::new(&company.dataset.company.name)
                        .font(FontId::new(17.0, FontFamily::Name(SEMIBOLD.into()))),
                );
                ui.label(RichText::new(&company.dataset.company.ticker).weak());
            });
            let Some(latest) = latest else {
                ui.label("No reported revenue in the chosen years.");
                return;
            };
            ui.label(
                RichText::new(format!(
                    "{} · ended {}",
                    latest.slot.label, latest.slot.end_date
                ))
                .weak(),
            );
            ui.add_space(4.0);
            let tile_width = (ui.available_width() - ui.spacing().item_spacing.x) / 2.0;
            for pair in KPI_METRICS.chunks(2) {
                ui.horizontal_top(|ui| {
                    for metric in pair {
                        let series = view.data.series(company.dataset, *metric, view.lens);
                        ui.allocate_ui(Vec2::new(tile_width, 0.0), |ui| {
                            ui.set_width(tile_width);
                            kpi_tile(ui, view, company, &series, &latest.slot.label);
                        });
                    }
                });
                ui.add_space(4.0);
            }
        });
}

/// One figure: its name, the value large, the change and a trend line.
fn kpi_tile(
    ui: &mut Ui,
    view: &ViewContext<'_>,
    company: &ShownCompany<'_>,
    series: &Series,
    label: &str,
) {
    let metric = series.metric;
    let unit = metric.unit();
    let point = series.points.iter().find(|point| point.slot.label == label);
    ui.vertical(|ui| {
        ui.label(RichText::new(metric.label()).small().weak());
        let value_text = point
            .and_then(|point| point.value)
            .map_or_else(|| "—".to_owned(), |value| unit.format(value));
        let hover = point.map_or_else(
            || format!("{} has no {label}", company.dataset.company.ticker),
            |point| tooltip(&company.dataset.company.ticker, metric, point, series),
        );
        ui.label(
            RichText::new(value_text).font(FontId::new(20.0, FontFamily::Name(SEMIBOLD.into()))),
        )
        .on_hover_text(hover);
        ui.horizontal(|ui| {
            match point.and_then(|point| change(series, point)) {
                Some((text, rising)) => {
                    ui.label(RichText::new(text).color(change_color(rising, ui.visuals())));
                }
                None => {
                    ui.label(RichText::new("—").weak())
                        .on_hover_text("No comparable period a year earlier");
                }
            }
            let trend: Vec<f64> = series
                .points
                .iter()
                .filter(|point| view.lens.contains(&point.slot))
                .filter_map(|point| point.value)
                .collect();
            let width = (ui.available_width() - 4.0).clamp(24.0, 90.0);
            sparkline(
                ui,
                &trend[trend.len().saturating_sub(10)..],
                company.color,
                width,
            );
        });
    });
}

/// The change on a year earlier: percent for amounts, percentage points for ratios.
fn change(series: &Series, point: &Observation) -> Option<(String, bool)> {
    let now = point.value?;
    let before = series.year_earlier(point)?.value?;
    let difference = now - before;
    let sign = if difference >= 0.0 { "+" } else { "−" };
    match series.metric.unit() {
        ValueUnit::Percent => Some((
            format!("{sign}{:.1} pp", difference.abs()),
            difference >= 0.0,
        )),
        ValueUnit::UsdBillions if before > 0.0 => {
            let percent = difference / before * 100.0;
            Some((format!("{sign}{:.1}%", percent.abs()), difference >= 0.0))
        }
        ValueUnit::UsdBillions => Some((
            format!("{sign}${:.1}B", difference.abs()),
            difference >= 0.0,
        )),
    }
}

/// A small line of the last values, scaled to its own range.
fn sparkline(ui: &mut Ui, values: &[f64], color: Color32, width: f32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, 18.0), Sense::hover());
    if values.len() < 2 {
        return;
    }
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), value| {
            (low.min(*value), high.max(*value))
        });
    let span = if high > low { high - low } else { 1.0 };
    #[expect(clippy::cast_precision_loss, reason = "at most ten points")]
    let step = rect.width() / (values.len() - 1) as f32;
    #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
    let points: Vec<Pos2> = values
        .iter()
        .enumerate()
        .map(|(index, value)| {
            #[expect(clippy::cast_precision_loss, reason = "at most ten points")]
            let x = rect.left() + step * index as f32;
            let y = rect.bottom() - ((value - low) / span) as f32 * rect.height();
            Pos2::new(x, y)
        })
        .collect();
    if let Some(last) = points.last() {
        ui.painter().circle_filled(*last, 2.5, color);
    }
    ui.painter().line(points, Stroke::new(1.5, color));
}
