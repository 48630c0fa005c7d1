//! Cloud: AWS, Google Cloud and Intelligent Cloud side by side.

use egui::Ui;
use flywheel_model::Metric;

use super::stack;
use crate::chart::{ChartKind, ChartSpec, ViewContext};

/// Draws the view.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    let charts = vec![
        ChartSpec::new("cloud.revenue", Metric::CloudRevenue, ChartKind::Bars),
        ChartSpec::new(
            "cloud.operating_income",
            Metric::CloudOperatingIncome,
            ChartKind::Bars,
        ),
        ChartSpec::new("cloud.margin", Metric::CloudMargin, ChartKind::Lines),
    ];
    stack(ui, view, charts);
}
