//! The presenter view: what only the presenter sees — the slide shown and the next one (title
//! and takeaway), the speaker notes with their live numbers filled, and the elapsed time.

use std::time::Duration;

use egui::{RichText, Ui};
use flywheel_model::Library;

use crate::deck::{Deck, Slide, fill_live_numbers};

/// Draws the presenter view of slide `current` of `deck`.
pub fn ui(ui: &mut Ui, deck: &Deck, current: usize, library: &Library, elapsed: Duration) {
    let seconds = elapsed.as_secs();
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Slide {} of {}", current + 1, deck.slides.len())).strong());
        ui.separator();
        ui.label(format!("{:02}:{:02} elapsed", seconds / 60, seconds % 60));
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        if let Some(slide) = deck.slides.get(current) {
            slide_summary(ui, "Now", slide, library);
            ui.add_space(8.0);
            ui.label(RichText::new("Notes").strong());
            let notes = if slide.notes.is_empty() {
                "No notes for this slide.".to_owned()
            } else {
                fill_live_numbers(&slide.notes, library)
            };
            ui.label(notes);
        }
        ui.add_space(8.0);
        match deck.slides.get(current + 1) {
            Some(next) => slide_summary(ui, "Next", next, library),
            None => {
                ui.label(RichText::new("Next: the end of the deck").weak());
            }
        }
    });
}

/// "Now: title" or "Next: title" with the slide's takeaway, small.
fn slide_summary(ui: &mut Ui, heading: &str, slide: &Slide, library: &Library) {
    ui.label(RichText::new(format!("{heading}: {}", slide.title)).strong());
    ui.label(RichText::new(fill_live_numbers(&slide.takeaway, library)).weak());
}
