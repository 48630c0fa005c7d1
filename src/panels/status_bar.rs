//! Status line: which datasets are loaded, where they come from, how many figures are missing,
//! and the last message. It stays one line whatever the number of companies: when each
//! company's counts do not fit beside the message, one summary takes their place and lists
//! them on hover.

use std::fmt::Write as _;
use std::rc::Rc;

use egui::{Label, RichText, TextStyle, Ui};
use flywheel_model::Entry;

use crate::data_view::{CoverageCounts, DataView};
use crate::shown_text::hover_text;

/// Room kept for the message (or the hint) to the right of the companies' counts.
const MESSAGE_ROOM: f32 = 320.0;

/// What the line says about one loaded company.
struct CompanyCounts<'a> {
    entry: &'a Entry,
    counts: Rc<CoverageCounts>,
}

impl<'a> CompanyCounts<'a> {
    fn of(entry: &'a Entry, data: &DataView) -> Self {
        Self {
            entry,
            counts: data.coverage_counts(&entry.dataset),
        }
    }

    fn ticker(&self) -> &str {
        &self.entry.dataset.company.ticker
    }

    /// The compact counts drawn after the ticker: `11 y · 18 q`.
    fn periods(&self) -> String {
        format!("{} y · {} q", self.counts.years, self.counts.quarters)
    }

    /// Every text the line draws for this company, to measure it.
    fn drawn_text(&self) -> String {
        let mut text = format!("{} {}", self.ticker(), self.periods());
        if !self.counts.missing.is_empty() {
            let _ = write!(text, " {} gaps", self.counts.missing.len());
        }
        if !self.counts.secondary.is_empty() {
            let _ = write!(text, " {} secondary", self.counts.secondary.len());
        }
        text
    }

    /// One line of the summary's hover list.
    fn summary_line(&self) -> String {
        format!(
            "{} — {}: {} fiscal years, {} quarters, {} gaps, {} secondary (from {})",
            self.ticker(),
            self.entry.dataset.company.name,
            self.counts.years,
            self.counts.quarters,
            self.counts.missing.len(),
            self.counts.secondary.len(),
            self.entry.origin.describe(),
        )
    }
}

/// Draws the line.
pub fn ui(ui: &mut Ui, data: &DataView, message: Option<&str>) {
    let counts: Vec<CompanyCounts<'_>> = data
        .library()
        .entries()
        .iter()
        .map(|entry| CompanyCounts::of(entry, data))
        .collect();
    ui.horizontal(|ui| {
        if fits(ui, &counts) {
            for company in &counts {
                company_counts(ui, company);
                ui.separator();
            }
        } else {
            summary(ui, &counts);
            ui.separator();
        }
        // The last message takes the place of the hint, so that the two never overlap; either
        // is cut at the window's edge, whole on hover.
        if let Some(message) = message {
            ui.add(Label::new(hover_text(message)).truncate());
        } else {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.add(
                    Label::new(
                        RichText::new(
                            "Figures in US$ billions from SEC filings · hover a value for its \
                             source",
                        )
                        .weak(),
                    )
                    .truncate(),
                );
            });
        }
    });
}

/// Whether every company's counts fit on the line and leave room for the message.
fn fits(ui: &Ui, counts: &[CompanyCounts<'_>]) -> bool {
    let font = TextStyle::Body.resolve(ui.style());
    let spacing = ui.spacing().item_spacing.x;
    let needed: f32 = counts
        .iter()
        .map(|company| {
            let text = ui.painter().layout_no_wrap(
                company.drawn_text(),
                font.clone(),
                egui::Color32::WHITE,
            );
            // Each label, and the separator after the company, are spaced apart.
            text.size().x + 6.0 * spacing + 8.0
        })
        .sum();
    needed + MESSAGE_ROOM <= ui.available_width()
}

/// One company: its ticker (name and origin on hover), its periods, its gaps and secondary
/// figures (each listed on hover).
fn company_counts(ui: &mut Ui, company: &CompanyCounts<'_>) {
    let dataset = &company.entry.dataset;
    ui.label(RichText::new(company.ticker()).strong())
        .on_hover_text(format!(
            "{}\nFrom {}\n{} fiscal years and {} quarters, transcribed from 10-K, 10-Q and \
             earnings-release filings. Hover any value for its filing.",
            hover_text(&dataset.company.name),
            hover_text(&company.entry.origin.describe()),
            company.counts.years,
            company.counts.quarters,
        ));
    ui.label(RichText::new(company.periods()).weak());
    if !company.counts.missing.is_empty() {
        let warning = ui.visuals().warn_fg_color;
        ui.label(RichText::new(format!("{} gaps", company.counts.missing.len())).color(warning))
            .on_hover_text(listing(
                "Figures not in the data, left blank rather than estimated, each with its reason:",
                &company.counts.missing,
            ));
    }
    if !company.counts.secondary.is_empty() {
        ui.label(RichText::new(format!("{} secondary", company.counts.secondary.len())).weak())
            .on_hover_text(listing(
                "Figures quoted by a data site or news report, not read in the filing itself \
                 (marked on the charts):",
                &company.counts.secondary,
            ));
    }
}

/// Every company at once: how many, their periods and gaps in total; each on hover.
fn summary(ui: &mut Ui, counts: &[CompanyCounts<'_>]) {
    let years: usize = counts.iter().map(|company| company.counts.years).sum();
    let quarters: usize = counts.iter().map(|company| company.counts.quarters).sum();
    let gaps: usize = counts
        .iter()
        .map(|company| company.counts.missing.len())
        .sum();
    let lines: Vec<String> = counts.iter().map(CompanyCounts::summary_line).collect();
    let hover = listing("Loaded datasets:", &lines);
    ui.label(RichText::new(format!("{} companies", counts.len())).strong())
        .on_hover_text(&hover);
    ui.label(RichText::new(format!("{years} y · {quarters} q")).weak())
        .on_hover_text(&hover);
    if gaps > 0 {
        let warning = ui.visuals().warn_fg_color;
        ui.label(RichText::new(format!("{gaps} gaps")).color(warning))
            .on_hover_text(&hover);
    }
}

/// A heading and at most 40 lines, then how many more.
fn listing(heading: &str, lines: &[String]) -> String {
    let mut text = heading.to_owned();
    for line in lines.iter().take(40) {
        let _ = write!(text, "\n{}", hover_text(line));
    }
    if lines.len() > 40 {
        let _ = write!(text, "\n… and {} more", lines.len() - 40);
    }
    text
}
