//! One file per view. Each view is a free function drawing the central panel from a
//! [`ViewContext`]; none changes state directly, they push commands.

pub mod capex;
pub mod cloud;
pub mod custom;
pub mod flywheel;
pub mod guidance;
pub mod margins;
pub mod overview;
pub mod profit;
pub mod scenario;

use egui::Ui;

use crate::chart::{ChartSpec, ViewContext, chart};
use crate::lens::View;

/// Draws the chosen view.
pub fn show(ui: &mut Ui, view: &mut ViewContext<'_>) {
    match view.lens.view {
        View::Overview => overview::ui(ui, view),
        View::Profit => profit::ui(ui, view),
        View::Margins => margins::ui(ui, view),
        View::Capex => capex::ui(ui, view),
        View::Cloud => cloud::ui(ui, view),
        View::Flywheel => flywheel::ui(ui, view),
        View::Custom => custom::ui(ui, view),
        View::Guidance => guidance::ui(ui, view),
        // The Scenario view has its own context (the scenario workspace) and is drawn by the app.
        View::Scenario => {}
    }
}

/// The line a view shows when every company is switched off.
pub fn no_company(ui: &mut Ui) {
    ui.centered_and_justified(|ui| {
        ui.label("No company is switched on: pick one in the panel on the left.")
    });
}

/// Charts stacked to share the height, with linked x-axes; scrolls when the window is short.
pub fn stack(ui: &mut Ui, view: &mut ViewContext<'_>, charts: Vec<ChartSpec>) {
    if view.shown(ui).is_empty() {
        no_company(ui);
        return;
    }
    #[expect(clippy::cast_precision_loss, reason = "a few charts")]
    let count = charts.len().max(1) as f32;
    // Each chart has a title row and spacing above its plot.
    let height = ((ui.available_height() - count * 34.0) / count).max(140.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, spec) in charts.into_iter().enumerate() {
                if index > 0 {
                    ui.add_space(8.0);
                }
                chart(ui, view, &ChartSpec { height, ..spec });
            }
        });
}
