//! One file per view. Each view is a free function drawing the central panel from a
//! [`ViewContext`]; none changes state directly, they push commands.

pub mod capex;
pub mod cloud;
pub mod margins;
pub mod overview;
pub mod profit;
pub mod scenario;

use egui::Ui;
use flywheel_model::Metric;

use crate::chart::{ChartKind, Overlay, ViewContext, chart};
use crate::settings::View;

/// Draws the chosen view.
pub fn show(ui: &mut Ui, view: &mut ViewContext<'_>) {
    match view.settings.view {
        View::Overview => overview::ui(ui, view),
        View::Profit => profit::ui(ui, view),
        View::Margins => margins::ui(ui, view),
        View::Capex => capex::ui(ui, view),
        View::Cloud => cloud::ui(ui, view),
        // The Scenario view edits state in place and is drawn by the app with its own context.
        View::Scenario => {}
    }
}

/// One chart of a stacked view.
pub struct StackedChart {
    /// Unique id (also the key of its table toggle).
    pub id: &'static str,
    /// Title above the chart.
    pub title: &'static str,
    /// What it shows.
    pub metric: Metric,
    /// Lines or bars.
    pub kind: ChartKind,
    /// Extra marks.
    pub overlays: Vec<Overlay>,
}

impl StackedChart {
    /// A chart titled after its metric, with no overlays.
    pub fn new(id: &'static str, metric: Metric, kind: ChartKind) -> Self {
        Self {
            id,
            title: metric.label(),
            metric,
            kind,
            overlays: Vec::new(),
        }
    }
}

/// Charts stacked to share the height, with linked x-axes; scrolls when the window is short.
pub fn stack(ui: &mut Ui, view: &mut ViewContext<'_>, charts: Vec<StackedChart>) {
    if view.shown(ui).is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label("No company is switched on: pick one in the panel on the left.")
        });
        return;
    }
    #[expect(clippy::cast_precision_loss, reason = "a few charts")]
    let count = charts.len().max(1) as f32;
    // Each chart has a title row and spacing above its plot.
    let height = ((ui.available_height() - count * 34.0) / count).max(140.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, stacked) in charts.into_iter().enumerate() {
                if index > 0 {
                    ui.add_space(8.0);
                }
                chart(
                    ui,
                    view,
                    stacked.id,
                    stacked.title,
                    stacked.metric,
                    stacked.kind,
                    &stacked.overlays,
                    height,
                );
            }
        });
}
