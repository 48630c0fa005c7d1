//! Status line: which datasets are loaded, where they come from, how many figures are missing,
//! and the last message.

use std::fmt::Write as _;

use egui::{RichText, Ui};

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
            let coverage = dataset.coverage(flywheel_model::Basis::Latest);
            if !coverage.missing.is_empty() {
                let warning = ui.visuals().warn_fg_color;
                let lines: Vec<String> = coverage.missing.iter().map(ToString::to_string).collect();
                ui.label(RichText::new(format!("{} gaps", lines.len())).color(warning))
                    .on_hover_text(listing(
                        "Figures not in the data, left blank rather than estimated, each with \
                         its reason:",
                        &lines,
                    ));
            }
            if !coverage.secondary.is_empty() {
                let lines: Vec<String> =
                    coverage.secondary.iter().map(ToString::to_string).collect();
                ui.label(RichText::new(format!("{} secondary", lines.len())).weak())
                    .on_hover_text(listing(
                        "Figures quoted by a data site or news report, not read in the filing \
                         itself (marked on the charts):",
                        &lines,
                    ));
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

/// A heading and at most 40 lines, then how many more.
fn listing(heading: &str, lines: &[String]) -> String {
    let mut text = heading.to_owned();
    for line in lines.iter().take(40) {
        let _ = write!(text, "\n{line}");
    }
    if lines.len() > 40 {
        let _ = write!(text, "\n… and {} more", lines.len() - 40);
    }
    text
}
