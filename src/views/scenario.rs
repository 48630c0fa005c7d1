//! Scenario: the AI capex bet projected to 2030. Sliders for one company at a time on the left;
//! on the right the projection continuing each company's history, a tornado chart of what each
//! assumption does to 2030, two or three scenarios side by side, and the numbers.

use std::fmt::Write as _;

use egui::{Color32, RichText, Ui};
use egui_plot::{
    Bar, BarChart, GridMark, HoverPosition, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points,
};
use flywheel_model::projection::{
    Assumption, Assumptions, BaseYear, LAST_YEAR, ProjectedMetric, Projection, base_year,
    default_assumptions, project,
};
use flywheel_model::{Alignment, Figure, Frequency, Library, Metric, Preset, Scenario, series};

use crate::command::Command;
use crate::data_view::{DataView, ShownCompany};
use crate::scenario_state::{ScenarioPanel, ScenarioWorkspace, TornadoOutcome, UndoHistory};
use crate::settings::Settings;

/// Everything the Scenario view needs; unlike other views it edits state in place, so that a
/// moved slider changes every chart in the same frame.
pub struct ScenarioContext<'a> {
    /// Data.
    pub data: &'a DataView,
    /// Settings (companies shown, theme).
    pub settings: &'a Settings,
    /// The scenarios being edited.
    pub workspace: &'a mut ScenarioWorkspace,
    /// Undo history of edits.
    pub history: &'a mut UndoHistory,
    /// Requests for the app (file dialogs).
    pub commands: &'a mut Vec<Command>,
}

/// Draws the view.
pub fn ui(ui: &mut Ui, context: &mut ScenarioContext<'_>) {
    let library = context.data.library();
    context.workspace.ensure_presets(library);
    if context
        .workspace
        .current()
        .is_none_or(|scenario| scenario.companies.is_empty())
    {
        ui.centered_and_justified(|ui| {
            ui.label("No loaded company has a fiscal year with revenue, operating income, depreciation, capex and operating cash flow: nothing to project.")
        });
        return;
    }
    egui::Panel::left("scenario_controls")
        .resizable(false)
        .exact_size(350.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| controls(ui, context));
        });
    let companies = context.data.shown(context.settings, ui.visuals());
    let Some(scenario) = context.workspace.current().cloned() else {
        return;
    };
    let projections: Vec<(ShownCompany<'_>, Projection)> = companies
        .into_iter()
        .filter_map(|company| {
            let assumptions = scenario.assumptions(&company.dataset.company.ticker)?;
            let base = base_year(company.dataset).ok()?;
            let projection = project(&company.dataset.company.ticker, &base, assumptions);
            Some((company, projection))
        })
        .collect();
    // The charts take exactly the space the controls leave.
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                for panel in ScenarioPanel::ALL {
                    if ui
                        .selectable_label(context.workspace.panel == panel, panel.title())
                        .clicked()
                    {
                        context.workspace.panel = panel;
                    }
                }
                ui.separator();
                ui.label(
                    RichText::new(format!(
                        "Scenario: {}{}",
                        scenario.name,
                        if context.workspace.unsaved {
                            " •"
                        } else {
                            ""
                        }
                    ))
                    .strong(),
                )
                .on_hover_text(if context.workspace.unsaved {
                    "Changed since it was last saved"
                } else {
                    "Saved"
                });
            });
            ui.separator();
            match context.workspace.panel {
                ScenarioPanel::Projection => projection_charts(ui, library, &projections),
                ScenarioPanel::Sensitivity => sensitivity(ui, context, &projections),
                ScenarioPanel::Compare => compare(ui, context),
                ScenarioPanel::Table => results_table(ui, &projections),
            }
        });
}

/// Scenario choice, file actions, and the sliders of one company.
fn controls(ui: &mut Ui, context: &mut ScenarioContext<'_>) {
    let workspace = &mut *context.workspace;
    let heading = ui.heading("Scenario");
    let names: Vec<String> = workspace
        .scenarios
        .iter()
        .map(|scenario| scenario.name.clone())
        .collect();
    let mut chosen = workspace.current;
    egui::ComboBox::from_id_salt("scenario_choice")
        .selected_text(names.get(chosen).cloned().unwrap_or_default())
        .width(200.0)
        .show_ui(ui, |ui| {
            for (index, name) in names.iter().enumerate() {
                ui.selectable_value(&mut chosen, index, name);
            }
        })
        .response
        .labelled_by(heading.id);
    if chosen != workspace.current {
        workspace.current = chosen;
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Save")
            .on_hover_text("Save the scenario (Ctrl+S)")
            .clicked()
        {
            context.commands.push(Command::SaveScenario);
        }
        if ui
            .button("Save as…")
            .on_hover_text("Save under a new name (Ctrl+Shift+S)")
            .clicked()
        {
            context.commands.push(Command::SaveScenarioAs);
        }
        if ui
            .button("Open…")
            .on_hover_text("Open a scenario file (Ctrl+O in this view)")
            .clicked()
        {
            context.commands.push(Command::OpenScenarioDialog);
        }
        if ui
            .button("Duplicate")
            .on_hover_text("Start a new scenario from this one")
            .clicked()
        {
            context.history.record(&workspace.scenarios);
            if let Some(mut copy) = workspace.current().cloned() {
                copy.name = format!("{} (copy)", copy.name);
                workspace.scenarios.push(copy);
                workspace.current = workspace.scenarios.len() - 1;
                workspace.path = None;
                workspace.unsaved = true;
            }
        }
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(context.history.can_undo(), egui::Button::new("Undo"))
            .on_hover_text("Ctrl+Z")
            .clicked()
        {
            context.commands.push(Command::Undo);
        }
        if ui
            .add_enabled(context.history.can_redo(), egui::Button::new("Redo"))
            .on_hover_text("Ctrl+Shift+Z")
            .clicked()
        {
            context.commands.push(Command::Redo);
        }
    });
    if let Some(scenario) = workspace.scenarios.get_mut(workspace.current) {
        ui.horizontal(|ui| {
            let label = ui.label("Name");
            let response = ui
                .text_edit_singleline(&mut scenario.name)
                .labelled_by(label.id);
            if response.changed() {
                workspace.unsaved = true;
            }
        });
    }

    ui.add_space(8.0);
    ui.heading("Assumptions");
    let tickers: Vec<String> = workspace
        .current()
        .map(|scenario| {
            scenario
                .companies
                .iter()
                .map(|company| company.ticker.clone())
                .collect()
        })
        .unwrap_or_default();
    ui.horizontal(|ui| {
        for ticker in &tickers {
            if ui
                .selectable_label(workspace.company == *ticker, ticker)
                .clicked()
            {
                workspace.company = ticker.clone();
            }
        }
    });
    let library = context.data.library();
    let Some(dataset) = library.get(&workspace.company) else {
        return;
    };
    let Ok(base) = base_year(dataset) else { return };
    let Ok((defaults, reasons)) = default_assumptions(dataset) else {
        return;
    };
    ui.label(
        RichText::new(format!(
            "From FY{} as reported; projected to FY{LAST_YEAR}.",
            base.fiscal_year
        ))
        .small()
        .weak(),
    );
    let snapshot = workspace.scenarios.clone();
    let mut edited = false;
    let ticker = workspace.company.clone();
    let Some(assumptions) = workspace
        .current_mut()
        .and_then(|scenario| scenario.assumptions_mut(&ticker))
    else {
        return;
    };
    ui.spacing_mut().slider_width = 95.0;
    // One undo step per gesture: a snapshot when a drag starts, or on a change made without
    // dragging (typing a value, arrow keys, Reset); the frames of a drag add none.
    let mut record = false;
    for assumption in Assumption::ALL {
        let (low, high) = assumption.range(base.capex);
        let default = defaults.get(assumption);
        let value = assumptions.get_mut(assumption);
        let before = *value;
        let response = ui
            .horizontal(|ui| {
                let reset = ui
                    .add_enabled(
                        (*value - default).abs() > 1e-9,
                        egui::Button::new("Reset").small(),
                    )
                    .on_hover_text(format!(
                        "Reset {} to its default, {default:.2}",
                        assumption.label()
                    ));
                if reset.clicked() {
                    *value = default;
                }
                let slider = egui::Slider::new(value, low..=high)
                    .text(assumption.label())
                    .fixed_decimals(if assumption == Assumption::AiRevenueYield {
                        2
                    } else {
                        1
                    })
                    .clamping(egui::SliderClamping::Always);
                let reason = reasons
                    .iter()
                    .find(|reason| reason.assumption == assumption)
                    .map_or("", |reason| reason.reason.as_str());
                ui.add(slider).on_hover_text(format!(
                    "{} ({}), from {low} to {high}. Default {default:.2}: {reason}.",
                    assumption.label(),
                    assumption.unit()
                ))
            })
            .inner;
        let changed = (*value - before).abs() > f64::EPSILON;
        if changed {
            edited = true;
        }
        if response.drag_started() || (changed && !response.dragged()) {
            record = true;
        }
    }
    if ui
        .button("Reset all to defaults")
        .on_hover_text(format!("Every assumption of {ticker} back to its default"))
        .clicked()
        && *assumptions != defaults
    {
        *assumptions = defaults;
        edited = true;
        record = true;
    }
    if record {
        context.history.record(&snapshot);
    }
    if edited {
        workspace.unsaved = true;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Presets").strong());
    ui.horizontal(|ui| {
        for preset in Preset::ALL {
            if ui
                .button(preset.name())
                .on_hover_text(format!(
                    "Apply the {} assumptions to {ticker}",
                    preset.name()
                ))
                .clicked()
                && let Some(assumptions) = workspace
                    .current_mut()
                    .and_then(|scenario| scenario.assumptions_mut(&ticker))
            {
                context.history.record(&snapshot);
                *assumptions = preset.apply(&defaults, base.capex);
                workspace.unsaved = true;
            }
        }
    });
}

/// History (solid) continued by the projection (dashed), with capex guidance marked.
fn projection_charts(
    ui: &mut Ui,
    library: &Library,
    projections: &[(ShownCompany<'_>, Projection)],
) {
    // Each chart: the reported metric for history, the projected one after.
    let charts = [
        (Metric::Capex, ProjectedMetric::Capex),
        (Metric::OperatingMargin, ProjectedMetric::OperatingMargin),
        (Metric::FreeCashFlow, ProjectedMetric::FreeCashFlow),
        (Metric::Revenue, ProjectedMetric::Revenue),
    ];
    ui.label(
        RichText::new(
            "History solid, projection dashed; hollow circles: the company's own capex guidance.",
        )
        .weak(),
    );
    let height = ((ui.available_height() - 4.0 * 30.0) / 2.0).max(160.0);
    let group = egui::Id::unique("scenario-linked");
    let rows = [&charts[..2], &charts[2..]];
    for row in rows {
        ui.columns(2, |columns| {
            for (column, (metric, projected)) in columns.iter_mut().zip(row) {
                let title = metric.label();
                column.horizontal(|ui| {
                    ui.label(RichText::new(title).strong().size(15.0));
                    ui.label(RichText::new(metric.unit().axis_label()).weak());
                });
                let unit = metric.unit();
                let width = column.available_width();
                Plot::new(("scenario", title))
                    .width(width)
                    .height(height)
                    .link_axis(group, [true, false])
                    .link_cursor(group, [true, false])
                    .allow_scroll(false)
                    .y_axis_formatter(move |mark: GridMark, _| unit.format(mark.value))
                    .x_axis_formatter(|mark: GridMark, _| format!("{:.0}", mark.value))
                    .label_formatter(move |position: &HoverPosition<'_>| hover_text(position, unit))
                    .show(column, |plot_ui| {
                        for (company, projection) in projections {
                            let ticker = &company.dataset.company.ticker;
                            let Some(dataset) = library.get(ticker) else {
                                continue;
                            };
                            let history: Vec<[f64; 2]> =
                                series(dataset, *metric, Frequency::Annual, Alignment::Fiscal)
                                    .points
                                    .iter()
                                    // History up to the base year the projection starts from.
                                    .filter(|point| {
                                        (2018..=projection.base.fiscal_year)
                                            .contains(&point.slot.end_date.year)
                                    })
                                    .filter_map(|point| {
                                        Some([f64::from(point.slot.end_date.year), point.value?])
                                    })
                                    .collect();
                            let joint = history.last().copied();
                            plot_ui.line(
                                Line::new(ticker.clone(), PlotPoints::new(history))
                                    .color(company.color)
                                    .width(2.5),
                            );
                            let mut future: Vec<[f64; 2]> = joint.into_iter().collect();
                            future.extend(
                                projection
                                    .years
                                    .iter()
                                    .map(|year| [f64::from(year.fiscal_year), projected.of(year)]),
                            );
                            plot_ui.line(
                                Line::new(format!("{ticker} projected"), PlotPoints::new(future))
                                    .color(company.color)
                                    .width(2.5)
                                    .style(LineStyle::dashed_loose()),
                            );
                            if *metric == Metric::Capex {
                                let guidance: Vec<[f64; 2]> = dataset
                                    .guidance
                                    .iter()
                                    .filter(|guidance| {
                                        guidance.metric == Figure::Capex
                                            && !guidance.period.is_quarter()
                                    })
                                    .filter_map(|guidance| {
                                        Some([
                                            f64::from(guidance.period.fiscal_year()),
                                            guidance.midpoint()?,
                                        ])
                                    })
                                    .collect();
                                plot_ui.points(
                                    Points::new(
                                        format!("{ticker} guidance"),
                                        PlotPoints::new(guidance),
                                    )
                                    .color(company.color)
                                    .shape(MarkerShape::Circle)
                                    .filled(false)
                                    .radius(7.0),
                                );
                            }
                        }
                    });
            }
        });
        ui.add_space(6.0);
    }
    let starts: Vec<String> = projections
        .iter()
        .map(|(company, projection)| {
            format!(
                "{} from FY{}",
                company.dataset.company.ticker, projection.base.fiscal_year
            )
        })
        .collect();
    ui.label(
        RichText::new(format!(
            "Years are each company's fiscal years. Projections start from the last year with revenue, operating \
             income, depreciation, capex and operating cash flow all reported: {}.",
            starts.join(", ")
        ))
        .small()
        .weak(),
    );
}

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
fn sensitivity(
    ui: &mut Ui,
    context: &mut ScenarioContext<'_>,
    projections: &[(ShownCompany<'_>, Projection)],
) {
    ui.horizontal(|ui| {
        ui.label("2030 outcome:");
        ui.radio_value(
            &mut context.workspace.tornado,
            TornadoOutcome::FreeCashFlow,
            "Free cash flow",
        );
        ui.radio_value(
            &mut context.workspace.tornado,
            TornadoOutcome::OperatingMargin,
            "Operating margin",
        );
    });
    let measure = context.workspace.tornado;
    let unit = if measure == TornadoOutcome::FreeCashFlow {
        flywheel_model::ValueUnit::UsdBillions
    } else {
        flywheel_model::ValueUnit::Percent
    };
    ui.label(RichText::new("Each bar moves one assumption from the low to the high end of its range, the others as set. Light: at the low end; dark: at the high end.").small().weak());
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
                    "{ticker}: 2030 {} {}",
                    if measure == TornadoOutcome::FreeCashFlow {
                        "free cash flow"
                    } else {
                        "operating margin"
                    },
                    unit.format(current)
                ))
                .strong()
                .color(company.color),
            );
            let labels: Vec<&'static str> = rows.iter().map(|row| row.assumption.label()).collect();
            let light = company.color.gamma_multiply(0.45);
            #[expect(clippy::cast_precision_loss, reason = "eight rows")]
            let low_bars: Vec<Bar> = rows
                .iter()
                .enumerate()
                .map(|(index, row)| {
                    Bar::new(index as f64, row.low - current)
                        .base_offset(current)
                        .width(0.6)
                        .fill(light)
                        .name(format!(
                            "{}: {} at the low end",
                            row.assumption.label(),
                            unit.format(row.low)
                        ))
                })
                .collect();
            #[expect(clippy::cast_precision_loss, reason = "eight rows")]
            let high_bars: Vec<Bar> = rows
                .iter()
                .enumerate()
                .map(|(index, row)| {
                    Bar::new(index as f64, row.high - current)
                        .base_offset(current)
                        .width(0.6)
                        .fill(company.color)
                        .name(format!(
                            "{}: {} at the high end",
                            row.assumption.label(),
                            unit.format(row.high)
                        ))
                })
                .collect();
            Plot::new(("tornado", ticker))
                .height(height)
                .allow_scroll(false)
                .allow_drag(false)
                .allow_zoom(false)
                .show_grid([true, false])
                .x_axis_formatter(move |mark: GridMark, _| unit.format(mark.value))
                .y_axis_formatter(move |mark: GridMark, _| {
                    let index = mark.value.round();
                    #[expect(
                        clippy::cast_possible_truncation,
                        clippy::cast_sign_loss,
                        reason = "row index"
                    )]
                    let label = if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
                        labels.get(index as usize).copied().unwrap_or("")
                    } else {
                        ""
                    };
                    label.to_owned()
                })
                .y_grid_spacer(|input| {
                    (0..8)
                        .filter(|index| {
                            f64::from(*index) >= input.bounds.0 - 0.5
                                && f64::from(*index) <= input.bounds.1 + 0.5
                        })
                        .map(|index| GridMark {
                            value: f64::from(index),
                            step_size: 1.0,
                        })
                        .collect()
                })
                .show(ui, |plot_ui| {
                    plot_ui.bar_chart(
                        BarChart::new(format!("{ticker} low"), low_bars)
                            .horizontal()
                            .element_formatter(Box::new(|bar: &Bar, _: &BarChart| {
                                bar.name.clone()
                            })),
                    );
                    plot_ui.bar_chart(
                        BarChart::new(format!("{ticker} high"), high_bars)
                            .horizontal()
                            .element_formatter(Box::new(|bar: &Bar, _: &BarChart| {
                                bar.name.clone()
                            })),
                    );
                    plot_ui.vline(egui_plot::VLine::new("as set", current).color(ui_text_color()));
                });
            ui.add_space(6.0);
        }
    });
}

/// "AMZN projected\nFY2028: $254.9B" for the point under the pointer.
fn hover_text(position: &HoverPosition<'_>, unit: flywheel_model::ValueUnit) -> Option<String> {
    match position {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => Some(format!(
            "{plot_name}\nFY{:.0}: {}",
            position.x,
            unit.format(position.y)
        )),
        HoverPosition::Elsewhere { .. } => None,
    }
}

fn ui_text_color() -> Color32 {
    Color32::from_gray(128)
}

/// Two or three scenarios on one chart: free cash flow of each company under each.
fn compare(ui: &mut Ui, context: &mut ScenarioContext<'_>) {
    let workspace = &mut *context.workspace;
    ui.horizontal_wrapped(|ui| {
        ui.label("Scenarios to compare (up to three):");
        for (index, scenario) in workspace.scenarios.iter().enumerate() {
            let mut on = workspace.compare.contains(&index);
            if ui.checkbox(&mut on, &scenario.name).changed() {
                if on && workspace.compare.len() < 3 {
                    workspace.compare.push(index);
                } else if !on {
                    workspace.compare.retain(|chosen| *chosen != index);
                }
            }
        }
    });
    let library = context.data.library();
    let companies = context.data.shown(context.settings, ui.visuals());
    let styles = [
        LineStyle::Solid,
        LineStyle::dashed_loose(),
        LineStyle::dotted_loose(),
    ];
    let chosen: Vec<&Scenario> = workspace
        .compare
        .iter()
        .filter_map(|index| workspace.scenarios.get(*index))
        .collect();
    let legend: Vec<String> = chosen
        .iter()
        .zip(["solid", "dashed", "dotted"])
        .map(|(scenario, style)| format!("{} {style}", scenario.name))
        .collect();
    ui.label(
        RichText::new(format!(
            "Free cash flow (US$ B) by fiscal year — {}",
            legend.join(", ")
        ))
        .strong(),
    );
    let height = (ui.available_height() - 10.0).max(200.0);
    Plot::new("scenario_compare")
        .height(height)
        .allow_scroll(false)
        .y_axis_formatter(|mark: GridMark, _| {
            flywheel_model::ValueUnit::UsdBillions.format(mark.value)
        })
        .x_axis_formatter(|mark: GridMark, _| format!("{:.0}", mark.value))
        .label_formatter(|position: &HoverPosition<'_>| {
            hover_text(position, flywheel_model::ValueUnit::UsdBillions)
        })
        .show(ui, |plot_ui| {
            for (scenario, style) in chosen.iter().zip(styles) {
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
                    let points: Vec<[f64; 2]> = std::iter::once([
                        f64::from(base.fiscal_year),
                        base.operating_cash_flow - base.capex,
                    ])
                    .chain(
                        projection
                            .years
                            .iter()
                            .map(|year| [f64::from(year.fiscal_year), year.free_cash_flow]),
                    )
                    .collect();
                    plot_ui.line(
                        Line::new(
                            format!("{ticker} · {}", scenario.name),
                            PlotPoints::new(points),
                        )
                        .color(company.color)
                        .width(2.5)
                        .style(style),
                    );
                }
            }
        });
}

/// The projection's numbers, per company, with a Copy button.
fn results_table(ui: &mut Ui, projections: &[(ShownCompany<'_>, Projection)]) {
    let mut copied = String::new();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (company, projection) in projections {
            let ticker = &company.dataset.company.ticker;
            ui.label(
                RichText::new(format!(
                    "{ticker} — payback of the 2025 capex: {}",
                    projection.payback
                ))
                .strong()
                .color(company.color),
            );
            let _ = write!(copied, "{ticker} (US$ B, margin %)");
            egui::Grid::new(("results", ticker))
                .striped(true)
                .min_col_width(72.0)
                .show(ui, |ui| {
                    ui.label("");
                    for year in &projection.years {
                        ui.strong(format!("FY{}", year.fiscal_year));
                        let _ = write!(copied, "\tFY{}", year.fiscal_year);
                    }
                    ui.end_row();
                    copied.push('\n');
                    for metric in ProjectedMetric::ALL {
                        let label = metric.label();
                        ui.label(label);
                        let _ = write!(copied, "{label}");
                        for year in &projection.years {
                            let number = metric.of(year);
                            let text = metric.unit().format(number);
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| ui.monospace(&text),
                            );
                            let _ = write!(copied, "\t{number:.1}");
                        }
                        ui.end_row();
                        copied.push('\n');
                    }
                });
            ui.add_space(10.0);
            copied.push('\n');
        }
        if ui
            .button("Copy table")
            .on_hover_text("Copy as tab-separated values")
            .clicked()
        {
            ui.ctx().copy_text(copied);
        }
    });
}
