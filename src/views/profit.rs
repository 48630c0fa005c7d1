//! Profit: who earns what. Revenue, operating income and net income over time.

use egui::Ui;
use flywheel_model::Metric;

use super::stack;
use crate::chart::{ChartKind, ChartSpec, ViewContext};

/// Draws the view.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    let line = |id, metric| ChartSpec::new(id, metric, ChartKind::Lines);
    let charts = vec![
        line("profit.revenue", Metric::Revenue),
        line("profit.operating_income", Metric::OperatingIncome),
        line("profit.net_income", Metric::NetIncome),
    ];
    stack(ui, view, charts);
}
