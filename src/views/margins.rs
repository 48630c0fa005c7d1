//! Margins: at which margin. Operating, net and cloud-segment margins.

use egui::Ui;
use flywheel_model::Metric;

use super::stack;
use crate::chart::{ChartKind, ChartSpec, ViewContext};

/// Draws the view.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    let line = |id, metric| ChartSpec::new(id, metric, ChartKind::Lines);
    let charts = vec![
        line("margins.operating", Metric::OperatingMargin),
        line("margins.net", Metric::NetMargin),
        line("margins.cloud", Metric::CloudMargin),
    ];
    stack(ui, view, charts);
}
