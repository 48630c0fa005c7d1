//! The tornado chart: what each assumption, moved over its range with the others as set, does to
//! a company's 2030 free cash flow or operating margin.

use egui::{Id, RichText, Ui};
use flywheel_model::ValueUnit;
use flywheel_model::projection::{Assumption, Assumptions, BaseYear, Projection, project};

use crate::chart::plot::{self, ItemStyle, PlotFrame, PlotItem, XAxis, YAxis};
use crate::command::{Command, ScenarioEdit};
use crate::scenario_state::TornadoOutcome;

use super::{Projected, ScenarioContext};

/// 2030 outcome with one assumption at its low and high end, others as set.
struct TornadoRow {
    assumption: Assumption,
    low: f64,
    high: f64,
}

fn outcome(projection: &Projection, measure: TornadoOutcome) -> f64 {
    projection.years.last().map_or(0.0, |year| match measure {
        TornadoOutcome::FreeCashFlow => year.free_cash_flow,
        TornadoOutcome::OperatingMargin => year.operating_margin,
    })
}

fn tornado_rows(
    ticker: &str,
    base: &BaseYear,
    assumptions: &Assumptions,
    measure: TornadoOutcome,
) -> Vec<TornadoRow> {
    let mut rows: Vec<TornadoRow> = Assumption::ALL
        .into_iter()
        .map(|assumption| {
            let (low, high) = assumption.range(base.capex);
            let at = |value| {
                outcome(
                    &project(ticker, base, &assumptions.with(assumption, value)),
                    measure,
                )
            };
            TornadoRow {
                assumption,
                low: at(low),
                high: at(high),
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.high - a.low).abs().total_cmp(&(b.high - b.low).abs()));
    rows
}

/// Tornado chart per company: each assumption moved over its whole range.
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
    ui.label(
        RichText::new(
            "Each bar moves one assumption from the low to the high end of its range, the \
             others as set. Light: at the low end; dark: at the high end.",
        )
        .small()
        .weak(),
    );
    let count = projections.len().max(1);
    #[expect(clippy::cast_precision_loss, reason = "a few companies")]
    let height = ((ui.available_height() - 30.0 * count as f32) / count as f32).max(170.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (company, projection) in projections {
            let ticker = &company.dataset.company.ticker;
            let current = outcome(projection, measure);
            let rows = tornado_rows(ticker, &projection.base, &projection.assumptions, measure);
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
                                "{}: 2030 {outcome_name} {} at the {} end",
                                row.assumption.label(),
                                unit.format(value),
                                if at_high { "high" } else { "low" }
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
            let items = [
                bars(
                    format!("{ticker} low"),
                    company.color.gamma_multiply(0.45),
                    end(false),
                ),
                bars(format!("{ticker} high"), company.color, end(true)),
            ];
            let frame = PlotFrame {
                id: Id::unique(("tornado", ticker)),
                height,
                width: None,
                x_axis: XAxis::Values(unit),
                y_axis: YAxis::Categories(
                    rows.iter()
                        .map(|row| row.assumption.label().to_owned())
                        .collect(),
                ),
                linked: None,
                interactive: false,
            };
            let response = plot::plot(ui, &frame, &items);
            // The outcome as set, drawn over the bars.
            let at = response
                .transform
                .position_from_point(&egui_plot::PlotPoint::new(current, 0.0));
            let plot_frame = *response.transform.frame();
            ui.painter().with_clip_rect(plot_frame).vline(
                at.x,
                plot_frame.y_range(),
                egui::Stroke::new(1.5, ui.visuals().weak_text_color()),
            );
            ui.add_space(6.0);
        }
    });
}
