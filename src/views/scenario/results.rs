//! The projection's numbers, per company: years across, projected metrics down, with the
//! payback of the 2025 AI capex at its own cash margin; each company's grid copies as tab-separated values.

use egui::{RichText, Ui};
use flywheel_model::projection::ProjectedMetric;

use super::Projected;

/// Draws a grid per company.
pub fn ui(ui: &mut Ui, projections: &[Projected<'_>]) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (company, projection) in projections {
            let ticker = &company.dataset.company.ticker;
            ui.label(
                RichText::new(format!(
                    "{ticker} — payback of the 2025 AI capex: {}",
                    projection.payback
                ))
                .strong()
                .color(company.color),
            );
            egui::Grid::new(("results", ticker))
                .striped(true)
                .min_col_width(72.0)
                .show(ui, |ui| {
                    ui.label("");
                    for year in &projection.years {
                        ui.strong(format!("FY{}", year.fiscal_year));
                    }
                    ui.end_row();
                    for metric in ProjectedMetric::ALL {
                        ui.label(metric.label());
                        for year in &projection.years {
                            let text = metric.unit().format(metric.of(year));
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| ui.monospace(&text),
                            );
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(10.0);
        }
        if ui
            .button("Copy table")
            .on_hover_text("Copy as tab-separated values")
            .clicked()
        {
            ui.ctx().copy_text(tab_separated(projections));
        }
    });
}

/// Every company's grid as tab-separated text, numbers at full precision.
fn tab_separated(projections: &[Projected<'_>]) -> String {
    let mut text = String::new();
    for (company, projection) in projections {
        text.push_str(&format!(
            "{} (US$ B, margin %)",
            company.dataset.company.ticker
        ));
        for year in &projection.years {
            text.push_str(&format!("\tFY{}", year.fiscal_year));
        }
        text.push('\n');
        for metric in ProjectedMetric::ALL {
            text.push_str(metric.label());
            for year in &projection.years {
                text.push('\t');
                text.push_str(&crate::export::number_cell(metric.of(year)));
            }
            text.push('\n');
        }
        text.push('\n');
    }
    text
}
