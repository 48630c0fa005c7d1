//! Status line: which datasets are loaded and where they come from, and the last message.

use egui::{RichText, Ui};

use crate::data_view::DataView;

/// Draws the line.
pub fn ui(ui: &mut Ui, data: &DataView, message: Option<&str>) {
    ui.horizontal(|ui| {
        for entry in data.library().entries() {
            let dataset = &entry.dataset;
            let years = dataset.periods.iter().filter(|record| !record.period.is_quarter()).count();
            let quarters = dataset.periods.len() - years;
            let sources: std::collections::BTreeSet<&str> =
                dataset.periods.iter().map(|record| record.source.filing.split(' ').next().unwrap_or("")).collect();
            ui.label(RichText::new(&dataset.company.ticker).strong()).on_hover_text(format!(
                "{}\nFrom {}\n{years} fiscal years and {quarters} quarters, transcribed from {} filings \
                 (10-K, 10-Q, earnings releases). Hover any value for its filing.",
                dataset.company.name,
                entry.origin.describe(),
                sources.len().max(1),
            ));
            ui.label(RichText::new(format!("{years} y · {quarters} q")).weak());
            ui.separator();
        }
        if let Some(message) = message {
            ui.label(message);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new("Figures in US$ billions from SEC filings · hover a value for its source").weak());
        });
    });
}
