//! Two or three scenarios on one chart: free cash flow of each shown company under each.

use egui::{Id, Ui};
use egui_plot::LineStyle;
use flywheel_model::ValueUnit;
use flywheel_model::projection::{base_year, project};

use crate::chart::plot::{self, ItemStyle, PlotFrame, PlotItem, XAxis, YAxis};
use crate::chart::{Legend, title_row};
use crate::command::{Command, ScenarioEdit};

use super::{ScenarioContext, shown_name};

/// A line style's name and how to make it.
type NamedStyle = (&'static str, fn() -> LineStyle);

/// Line styles of the first, second and third scenario compared.
const STYLES: [NamedStyle; 3] = [
    ("solid", || LineStyle::Solid),
    ("dashed", LineStyle::dashed_loose),
    ("dotted", LineStyle::dotted_loose),
];

/// Draws the choice of scenarios and the chart.
pub fn ui(ui: &mut Ui, context: &mut ScenarioContext<'_>) {
    let workspace = context.workspace;
    ui.horizontal_wrapped(|ui| {
        ui.label("Scenarios to compare (up to three):");
        for (index, scenario) in workspace.scenarios.iter().enumerate() {
            let mut on = workspace.compare.contains(&index);
            if ui.checkbox(&mut on, shown_name(&scenario.name)).changed() {
                context
                    .commands
                    .push(Command::Scenario(ScenarioEdit::ToggleCompare(index)));
            }
        }
    });
    let library = context.data.library();
    let companies = context.data.shown(context.lens, ui.visuals());
    let chosen: Vec<_> = workspace
        .compare
        .iter()
        .filter_map(|index| workspace.scenarios.get(*index))
        .collect();
    let legend: Vec<String> = chosen
        .iter()
        .zip(STYLES)
        .map(|(scenario, (style, _))| format!("{} {style}", shown_name(&scenario.name)))
        .collect();
    // The styles name the scenarios in the title; the colours name the companies in the legend.
    let entries: Vec<(egui::Color32, &str)> = companies
        .iter()
        .map(|company| (company.color, company.dataset.company.ticker.as_str()))
        .collect();
    title_row(
        ui,
        &format!("Free cash flow by fiscal year — {}", legend.join(", ")),
        ValueUnit::UsdBillions.axis_label(),
        &Legend {
            entries: &entries,
            secondary: false,
        },
        |_| {},
    );
    let unit = ValueUnit::UsdBillions;
    let mut items = Vec::new();
    for (scenario, (_, style)) in chosen.iter().zip(STYLES) {
        for company in &companies {
            let ticker = &company.dataset.company.ticker;
            let (Some(assumptions), Some(dataset)) =
                (scenario.assumptions(ticker), library.get(ticker))
            else {
                continue;
            };
            let Ok(base) = base_year(dataset) else {
                continue;
            };
            let projection = project(ticker, &base, assumptions);
            let name = format!("{ticker} · {}", shown_name(&scenario.name));
            let start = base.operating_cash_flow - base.capex;
            let points = std::iter::once((base.fiscal_year, start, "reported"))
                .chain(
                    projection
                        .years
                        .iter()
                        .map(|year| (year.fiscal_year, year.free_cash_flow, "projected")),
                )
                .map(|(year, value, kind)| {
                    (
                        [f64::from(year), value],
                        format!("{name}\nFY{year}: {} ({kind})", unit.format(value)),
                    )
                })
                .collect();
            items.push(PlotItem {
                name,
                color: company.color,
                points,
                style: ItemStyle::Line {
                    width: 2.5,
                    style: style(),
                },
            });
        }
    }
    let frame = PlotFrame {
        id: Id::unique("scenario_compare"),
        height: (ui.available_height() - 10.0).max(200.0),
        width: None,
        x_axis: XAxis::Years,
        y_axis: YAxis::Values(unit),
        linked: None,
        interactive: true,
    };
    plot::plot(ui, &frame, &items);
}
