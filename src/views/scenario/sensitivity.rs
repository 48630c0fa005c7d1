//! The tornado chart: what each assumption, moved by a stated step below and above its value
//! (±5 percentage points for rates, ±25% for amounts, lives and yields; the others as set), does
//! to a company's 2030 free cash flow or operating margin. Each bar prints the outcome at both
//! ends; the companies can share one scale so their bars compare.

use egui::{Align2, FontId, Id, RichText, Ui};
use flywheel_model::ValueUnit;
use flywheel_model::projection::{Assumption, Projection, TornadoRow, tornado};

use crate::chart::plot::{self, ItemStyle, PlotFrame, PlotItem, XAxis, YAxis};
use crate::command::{Command, ScenarioEdit};
use crate::scenario_state::TornadoOutcome;

use super::{Projected, ScenarioContext};

fn outcome(projection: &Projection, measure: TornadoOutcome) -> f64 {
    projection.years.last().map_or(0.0, |year| match measure {
        TornadoOutcome::FreeCashFlow => year.free_cash_flow,
        TornadoOutcome::OperatingMargin => year.operating_margin,
    })
}

/// The range of some values, widened by an eighth each side for the labels at the bar ends.
fn range_with_margin(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let low = values.clone().fold(f64::INFINITY, f64::min);
    let high = values.fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() || !high.is_finite() {
        return (0.0, 1.0);
    }
    let margin = (high - low).abs().max(1.0) * 0.125;
    (low - margin, high + margin)
}

/// A row's name: the assumption, its step and the values it was moved between.
fn row_label(row: &TornadoRow) -> String {
    let assumption = row.assumption;
    let value = |value: f64| match assumption {
        Assumption::CapexNext => format!("${value:.0}B"),
        Assumption::UsefulLife => format!("{value:.1} y"),
        Assumption::AiRevenueYield => format!("{value:.2}"),
        _ => format!("{value:.1}%"),
    };
    format!(
        "{} {} ({}–{})",
        assumption.label(),
        assumption.tornado_step().label(),
        value(row.low_value),
        value(row.high_value)
    )
}

/// Tornado chart per company: each assumption moved by its step around its value.
pub fn ui(ui: &mut Ui, context: &mut ScenarioContext<'_>, projections: &[Projected<'_>]) {
    let measure = context.workspace.tornado;
    ui.horizontal(|ui| {
        ui.label("2030 outcome:");
        for (choice, text) in [
            (TornadoOutcome::FreeCashFlow, "Free cash flow"),
            (TornadoOutcome::OperatingMargin, "Operating margin"),
        ] {
            if ui.radio(measure == choice, text).clicked() && measure != choice {
                context
                    .commands
                    .push(Command::Scenario(ScenarioEdit::SetTornado(choice)));
            }
        }
    });
    let (unit, outcome_name) = match measure {
        TornadoOutcome::FreeCashFlow => (ValueUnit::UsdBillions, "free cash flow"),
        TornadoOutcome::OperatingMargin => (ValueUnit::Percent, "operating margin"),
    };
    let shared_id = Id::unique("tornado-shared-scale");
    let mut shared = ui.data_mut(|data| *data.get_persisted_mut_or_default::<bool>(shared_id));
    if ui
        .checkbox(&mut shared, "One scale for every company")
        .changed()
    {
        ui.data_mut(|data| data.insert_persisted(shared_id, shared));
    }
    ui.label(
        RichText::new(
            "Each bar moves one assumption down and up by the step named beside it (±5 \
             percentage points for rates, ±25% for amounts, lives and yields), the others as \
             set, and prints the 2030 outcome at both ends. Light: the step down; dark: the \
             step up.",
        )
        .small()
        .weak(),
    );
    let count = projections.len().max(1);
    #[expect(clippy::cast_precision_loss, reason = "a few companies")]
    let height = ((ui.available_height() - 30.0 * count as f32) / count as f32).max(170.0);
    let all_rows: Vec<Vec<TornadoRow>> = projections
        .iter()
        .map(|(company, projection)| {
            tornado(
                &company.dataset.company.ticker,
                &projection.base,
                &projection.assumptions,
                |projected| outcome(projected, measure),
            )
        })
        .collect();
    let shared_range = shared.then(|| {
        range_with_margin(
            projections
                .iter()
                .map(|(_, projection)| outcome(projection, measure))
                .chain(
                    all_rows
                        .iter()
                        .flatten()
                        .flat_map(|row| [row.low, row.high]),
                ),
        )
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        for ((company, projection), rows) in projections.iter().zip(&all_rows) {
            let ticker = &company.dataset.company.ticker;
            let current = outcome(projection, measure);
            ui.label(
                RichText::new(format!(
                    "{ticker}: 2030 {outcome_name} {}",
                    unit.format(current)
                ))
                .strong()
                .color(company.color),
            );
            #[expect(clippy::cast_precision_loss, reason = "eight rows")]
            let end = |at_high: bool| -> Vec<([f64; 2], String)> {
                rows.iter()
                    .enumerate()
                    .map(|(index, row)| {
                        let value = if at_high { row.high } else { row.low };
                        (
                            [value, index as f64],
                            format!(
                                "{}: 2030 {outcome_name} {} with the step {}",
                                row_label(row),
                                unit.format(value),
                                if at_high { "up" } else { "down" }
                            ),
                        )
                    })
                    .collect()
            };
            let bars = |name: String, color, points| PlotItem {
                name,
                color,
                points,
                style: ItemStyle::FloatingBars {
                    base: current,
                    thickness: 0.6,
                },
            };
            let mut items = vec![
                bars(
                    format!("{ticker} low"),
                    company.color.gamma_multiply(0.45),
                    end(false),
                ),
                bars(format!("{ticker} high"), company.color, end(true)),
            ];
            let own_range = range_with_margin(
                std::iter::once(current).chain(rows.iter().flat_map(|row| [row.low, row.high])),
            );
            {
                // Invisible points at the range's ends leave room for the printed values and,
                // with one scale, widen every company's axis alike.
                let (low, high) = shared_range.unwrap_or(own_range);
                items.push(PlotItem {
                    name: "shared scale".to_owned(),
                    color: egui::Color32::TRANSPARENT,
                    points: vec![
                        ([low, 0.0], format!("Scale from {}", unit.format(low))),
                        ([high, 0.0], format!("Scale to {}", unit.format(high))),
                    ],
                    style: ItemStyle::Dots { radius: 0.0 },
                });
            }
            let frame = PlotFrame {
                id: Id::unique(("tornado", ticker)),
                height,
                width: None,
                x_axis: XAxis::Values(unit),
                y_axis: YAxis::Categories(rows.iter().map(row_label).collect()),
                linked: None,
                interactive: false,
            };
            let response = plot::plot(ui, &frame, &items);
            // The outcome as set, drawn over the bars.
            let at = response
                .transform
                .position_from_point(&egui_plot::PlotPoint::new(current, 0.0));
            let plot_frame = *response.transform.frame();
            let painter = ui.painter().with_clip_rect(plot_frame);
            painter.vline(
                at.x,
                plot_frame.y_range(),
                egui::Stroke::new(1.5, ui.visuals().weak_text_color()),
            );
            // The outcome at both ends of each bar, outside the bar.
            let text_color = ui.visuals().text_color();
            #[expect(clippy::cast_precision_loss, reason = "eight rows")]
            for (index, row) in rows.iter().enumerate() {
                for value in [row.low, row.high] {
                    let position = response
                        .transform
                        .position_from_point(&egui_plot::PlotPoint::new(value, index as f64));
                    let anchor = if value >= current {
                        Align2::LEFT_CENTER
                    } else {
                        Align2::RIGHT_CENTER
                    };
                    let nudge = if value >= current { 4.0 } else { -4.0 };
                    painter.text(
                        position + egui::vec2(nudge, 0.0),
                        anchor,
                        unit.format(value),
                        FontId::proportional(11.0),
                        text_color,
                    );
                }
            }
            ui.add_space(6.0);
        }
    });
}
