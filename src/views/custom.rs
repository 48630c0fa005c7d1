//! Custom: up to four metrics of the user's choice, each with its own transform, for the shown
//! companies. The choice lives in the lens, so it persists and a deck slide keeps it.

use egui::Ui;
use flywheel_model::Metric;
use flywheel_model::metrics::Transform;

use super::stack;
use crate::chart::{ChartKind, ChartSpec, ViewContext};
use crate::command::Command;
use crate::lens::{CUSTOM_CHART_LIMIT, CustomChart, CustomView};

/// Draws the view: a row of pickers per chart, then the charts.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    if !view.exporting {
        if let Some(edited) = pickers(ui, &view.lens.custom) {
            view.commands.push(Command::SetCustomView(edited));
        }
        ui.add_space(6.0);
    }
    let charts: Vec<ChartSpec> = view
        .lens
        .custom
        .shown()
        .iter()
        .enumerate()
        .map(|(index, custom)| ChartSpec {
            transform: Some(custom.transform),
            ..ChartSpec::new(format!("custom.{index}"), custom.metric, ChartKind::Lines)
        })
        .collect();
    if charts.is_empty() {
        ui.label("No chart chosen: add one with “Add chart”.");
        return;
    }
    stack(ui, view, charts);
}

/// The pickers; the edited spec when anything changed.
fn pickers(ui: &mut Ui, custom: &CustomView) -> Option<CustomView> {
    let mut edited = CustomView {
        charts: custom.shown().to_vec(),
    };
    let mut remove = None;
    for (index, chart) in edited.charts.iter_mut().enumerate() {
        let number = index + 1;
        ui.horizontal(|ui| {
            egui::ComboBox::from_label(format!("Chart {number} metric"))
                .selected_text(chart.metric.label())
                .show_ui(ui, |ui| {
                    for metric in Metric::ALL {
                        ui.selectable_value(&mut chart.metric, metric, metric.label());
                    }
                });
            egui::ComboBox::from_label(format!("Chart {number} transform"))
                .selected_text(chart.transform.label())
                .show_ui(ui, |ui| {
                    for transform in Transform::ALL {
                        ui.selectable_value(&mut chart.transform, transform, transform.label());
                    }
                });
            if ui
                .button(format!("Remove chart {number}"))
                .on_hover_text("Take this chart off the view")
                .clicked()
            {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        edited.charts.remove(index);
    }
    if edited.charts.len() < CUSTOM_CHART_LIMIT
        && ui
            .button("Add chart")
            .on_hover_text(format!(
                "Up to {CUSTOM_CHART_LIMIT} charts, each with its transform"
            ))
            .clicked()
    {
        edited.charts.push(CustomChart {
            metric: Metric::Revenue,
            transform: Transform::Value,
        });
    }
    (edited.charts != custom.charts).then_some(edited)
}
