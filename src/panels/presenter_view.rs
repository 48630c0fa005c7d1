//! The presenter view: what only the presenter sees — pictures of the slide shown and of the
//! next one, as the room sees them, with their titles; the speaker notes with their live
//! numbers filled; and the elapsed time.

use std::time::Duration;

use egui::{RichText, Ui, Vec2};
use flywheel_model::Library;

use crate::deck::{Deck, fill_live_numbers_of_start};
use crate::presenter::{SlideThumbnail, TITLE_CHARS};
use crate::shown_text::elided;

/// From this width (points) on, the two pictures sit side by side.
const SIDE_BY_SIDE_WIDTH: f32 = 600.0;
/// Characters of speaker notes or a takeaway shown beside the slide (about a page).
const NOTES_CHARS: usize = 5_000;

/// The pictures of the slide shown and of the next one (`None` past the last slide).
pub struct Pictures {
    /// The slide shown.
    pub now: SlideThumbnail,
    /// The next slide.
    pub next: Option<SlideThumbnail>,
}

/// Draws the presenter view of slide `current` of `deck`.
pub fn ui(
    ui: &mut Ui,
    deck: &Deck,
    current: usize,
    library: &Library,
    elapsed: Duration,
    pictures: &Pictures,
) {
    let seconds = elapsed.as_secs();
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Slide {} of {}", current + 1, deck.slides.len())).strong());
        ui.separator();
        ui.label(format!("{:02}:{:02} elapsed", seconds / 60, seconds % 60));
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        let now = deck
            .slides
            .get(current)
            .map_or("", |slide| slide.title.as_str());
        let next_title = deck
            .slides
            .get(current + 1)
            .map_or("the end of the deck", |next| next.title.as_str());
        let next_picture = pictures.next.as_ref();
        let now_heading = ("Now", "the slide shown");
        let next_heading = ("Next", "the next slide");
        let full = ui.available_width();
        if full >= SIDE_BY_SIDE_WIDTH {
            // A second screen: the two side by side.
            let half = (full - ui.spacing().item_spacing.x) / 2.0;
            ui.horizontal_top(|ui| {
                slide_picture(ui, half, now_heading, now, Some(&pictures.now));
                slide_picture(ui, half, next_heading, next_title, next_picture);
            });
        } else {
            // Beside the slide: the slide shown as wide as the view, the next one smaller.
            slide_picture(ui, full, now_heading, now, Some(&pictures.now));
            ui.add_space(4.0);
            slide_picture(ui, full * 0.6, next_heading, next_title, next_picture);
        }
        ui.add_space(8.0);
        if let Some(slide) = deck.slides.get(current) {
            ui.label(RichText::new("Notes").strong());
            let notes = if slide.notes.is_empty() {
                "No notes for this slide.".to_owned()
            } else {
                fill_live_numbers_of_start(&slide.notes, library, NOTES_CHARS * 2)
            };
            // Notes are read at a glance: a text longer than a page is cut (whole in the
            // editor), so its layout costs what a page costs.
            ui.label(elided(&notes, NOTES_CHARS));
            ui.add_space(8.0);
            ui.label(RichText::new("Takeaway").strong());
            let takeaway = fill_live_numbers_of_start(&slide.takeaway, library, NOTES_CHARS * 2);
            ui.label(RichText::new(elided(&takeaway, NOTES_CHARS)).weak());
        }
    });
}

/// A slide's picture `width` points wide, in the proportions of the window, with "Now: title"
/// (or "Next: …") under it; a frame saying why while there is no picture. `heading` is the
/// word over the title and what the picture is of, for its accessible name.
fn slide_picture(
    ui: &mut Ui,
    width: f32,
    (heading, what): (&str, &str),
    title: &str,
    picture: Option<&SlideThumbnail>,
) {
    let screen = ui.ctx().content_rect().size();
    let size = Vec2::new(width, width * screen.y / screen.x.max(1.0));
    ui.vertical(|ui| {
        ui.set_width(width);
        match picture {
            Some(SlideThumbnail::Ready(texture)) => {
                ui.add(
                    egui::Image::from_texture((texture.id(), size))
                        .alt_text(format!("Picture of {what}: {}", elided(title, TITLE_CHARS))),
                );
            }
            Some(SlideThumbnail::Drawing) => placeholder(ui, size, "Drawing…"),
            Some(SlideThumbnail::Failed(why)) => {
                placeholder(ui, size, &format!("No picture: {why}"));
            }
            None => placeholder(ui, size, "End"),
        }
        let title = elided(title, TITLE_CHARS);
        ui.label(RichText::new(format!("{heading}: {title}")).strong());
    });
}

/// A framed box of `size` with `text` in the middle, where a picture will be.
fn placeholder(ui: &mut Ui, size: Vec2, text: &str) {
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let visuals = ui.visuals();
    ui.painter().rect_stroke(
        rect,
        4.0,
        visuals.widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::TextStyle::Small.resolve(ui.style()),
        visuals.weak_text_color(),
    );
}
