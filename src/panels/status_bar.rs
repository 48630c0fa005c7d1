//! Status line: which datasets are loaded, where they come from, how many figures are missing,
//! and the last message.

use std::fmt::Write as _;

use egui::{RichText, Ui};
use flywheel_model::{Dataset, Figure};

use crate::data_view::DataView;

/// Draws the line.
pub fn ui(ui: &mut Ui, data: &DataView, message: Option<&str>) {
    ui.horizontal(|ui| {
        for entry in data.library().entries() {
            let dataset = &entry.dataset;
            let years = dataset
                .periods
                .iter()
                .filter(|record| !record.period.is_quarter())
                .count();
            let quarters = dataset.periods.len() - years;
            ui.label(RichText::new(&dataset.company.ticker).strong())
                .on_hover_text(format!(
                    "{}\nFrom {}\n{years} fiscal years and {quarters} quarters, transcribed \
                     from 10-K, 10-Q and earnings-release filings. Hover any value for its \
                     filing.",
                    dataset.company.name,
                    entry.origin.describe(),
                ));
            ui.label(RichText::new(format!("{years} y · {quarters} q")).weak());
            let gaps = missing_figures(dataset);
            if !gaps.is_empty() {
                let warning = ui.visuals().warn_fg_color;
                let shown: Vec<&str> = gaps.iter().take(40).map(String::as_str).collect();
                let more = gaps.len().saturating_sub(shown.len());
                let mut hover = format!(
                    "Figures not in the data (not reported, or not found in a filing), left \
                     blank rather than estimated:\n{}",
                    shown.join("\n")
                );
                if more > 0 {
                    let _ = write!(hover, "\n… and {more} more");
                }
                ui.label(RichText::new(format!("{} gaps", gaps.len())).color(warning))
                    .on_hover_text(hover);
            }
            ui.separator();
        }
        // The last message takes the place of the hint, so that the two never overlap.
        if let Some(message) = message {
            ui.add(egui::Label::new(message).truncate());
        } else {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(
                        "Figures in US$ billions from SEC filings · hover a value for its source",
                    )
                    .weak(),
                );
            });
        }
    });
}

/// "FY2016 revenue" for every figure a dataset leaves missing.
fn missing_figures(dataset: &Dataset) -> Vec<String> {
    dataset
        .periods
        .iter()
        .flat_map(|record| {
            Figure::ALL
                .into_iter()
                .filter(|figure| record.get(*figure).is_none())
                .map(move |figure| format!("{} {}", record.period, figure.label().to_lowercase()))
        })
        .collect()
}
