//! Cloud: AWS, Google Cloud and Intelligent Cloud side by side.

use egui::Ui;
use flywheel_model::Metric;

use super::{StackedChart, stack};
use crate::chart::{ChartKind, ViewContext};

/// Draws the view.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    let charts = vec![
        StackedChart::new("cloud.revenue", Metric::CloudRevenue, ChartKind::Bars),
        StackedChart::new(
            "cloud.operating_income",
            Metric::CloudOperatingIncome,
            ChartKind::Bars,
        ),
        StackedChart::new("cloud.margin", Metric::CloudMargin, ChartKind::Lines),
    ];
    stack(ui, view, charts);
}
