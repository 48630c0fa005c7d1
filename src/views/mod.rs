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

/// More than this many companies side by side make each too narrow (or, for a card, too wide)
/// to read at a glance.
const MAX_PER_ROW: usize = 4;

/// How many companies go side by side in each row for `count` of them in `width` points, each
/// at least `min_width` wide: as many as fit (at most four), then spread evenly over the rows so
/// the last row is not left with one.
pub fn per_row(count: usize, width: f32, spacing: f32, min_width: f32) -> usize {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small non-negative count, clamped below"
    )]
    let fitting = ((width + spacing) / (min_width + spacing)).floor().max(1.0) as usize;
    let fitting = fitting.clamp(1, MAX_PER_ROW).min(count.max(1));
    let rows = count.div_ceil(fitting).max(1);
    count.div_ceil(rows).max(1)
}

/// Draws `add`, unless it has been drawn before and would now lie wholly out of sight (scrolled
/// away): then only the height it took last time is kept, so the scroll range stays. Long
/// scrolling views (a hundred Overview cards, the Guidance record) lay out only what shows.
pub fn unless_out_of_sight(
    ui: &mut Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut Ui),
) {
    let id = egui::Id::unique(("height when last drawn", key));
    let known: Option<f32> = ui.ctx().data(|data| data.get_temp(id));
    // A block that drew nothing (its chart kept for a slide's focus) is drawn again each time.
    if let Some(height) = known.filter(|height| *height > 0.0) {
        let rect =
            egui::Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), height));
        // An invisible Ui (a view laid out unseen to find a slide's focused chart) builds all.
        if ui.is_visible() && !ui.is_rect_visible(rect) {
            ui.add_space(height);
            return;
        }
    }
    let top = ui.cursor().top();
    add(ui);
    let height = ui.cursor().top() - top;
    if known != Some(height) {
        ui.ctx().data_mut(|data| data.insert_temp(id, height));
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
