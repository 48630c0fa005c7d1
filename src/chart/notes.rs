//! Notes on charts: each note on a chart's metric is drawn with a ring on its value, a leader
//! line and a boxed label kept inside the plot; right-clicking next to a value pins a new one,
//! or offers the value's live number for slide text.

use egui::{Color32, Id, Ui};
use egui_plot::PlotPoint;
use flywheel_model::Metric;

use crate::command::Command;
use crate::deck::{Annotation, reference_text};

/// At most this many characters of a note are drawn on a chart; the whole note is in the editor.
const NOTE_CHARS_ON_CHART: usize = 140;

/// A value a note can be pinned to, where it sits on the plot.
#[derive(Clone, Debug)]
pub struct Pin {
    /// The company.
    pub ticker: String,
    /// The period label.
    pub period: String,
    /// Plot coordinates.
    pub at: [f64; 2],
    /// The company's colour.
    pub color: Color32,
}

/// A note's text as drawn on a chart: control characters made visible, long text cut with "…",
/// and "+N more" when several notes share the value.
fn label_text(text: &str, more: usize) -> String {
    let visible: String = text
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let mut lines: Vec<&str> = visible.lines().take(3).collect();
    let cut_lines = visible.lines().nth(3).is_some();
    let mut shown = String::new();
    for line in lines.drain(..) {
        if !shown.is_empty() {
            shown.push('\n');
        }
        shown.push_str(line);
    }
    let mut label: String = shown.chars().take(NOTE_CHARS_ON_CHART).collect();
    if cut_lines || shown.chars().count() > NOTE_CHARS_ON_CHART {
        label.push('…');
    }
    if more > 0 {
        label.push_str(&format!("\n+{more} more"));
    }
    label
}

/// Each note on this chart's metric: a ring on its value, a leader line, and the text in a box
/// set off towards the middle of the plot so that it stays inside, however small the plot.
pub fn draw_notes(
    ui: &Ui,
    transform: &egui_plot::PlotTransform,
    notes: &[Annotation],
    metric: Metric,
    pins: &[Pin],
) {
    let frame = *transform.frame();
    let painter = ui.painter().with_clip_rect(frame);
    let text_color = ui.visuals().strong_text_color();
    let fill = ui.visuals().window_fill;
    let mut drawn: Vec<(&str, &str)> = Vec::new();
    for note in notes.iter().filter(|note| note.metric == metric) {
        if drawn.contains(&(note.company.as_str(), note.period.as_str())) {
            continue;
        }
        let Some(pin) = pins.iter().find(|pin| {
            pin.ticker.eq_ignore_ascii_case(&note.company) && pin.period == note.period
        }) else {
            continue;
        };
        let at = transform.position_from_point(&PlotPoint::new(pin.at[0], pin.at[1]));
        if !frame.contains(at) {
            continue;
        }
        // Many notes on one value are one label: the first, and how many more.
        let more = notes
            .iter()
            .filter(|other| {
                other.metric == metric
                    && other.company.eq_ignore_ascii_case(&note.company)
                    && other.period == note.period
            })
            .count()
            - 1;
        drawn.push((note.company.as_str(), note.period.as_str()));
        // The body text's size: 13 points on the dashboard, larger on a slide.
        let text_size = egui::TextStyle::Body.resolve(ui.style()).size;
        let wrap_width = (frame.width() - 16.0).clamp(40.0, 220.0 * text_size / 13.0);
        let galley = painter.layout(
            label_text(&note.text, more),
            egui::FontId::proportional(text_size),
            text_color,
            wrap_width,
        );
        let size = (galley.size() + egui::vec2(12.0, 8.0)).min(frame.size());
        let offset = egui::vec2(
            if at.x > frame.center().x {
                -36.0 - size.x
            } else {
                36.0
            },
            if at.y > frame.center().y {
                -28.0 - size.y
            } else {
                28.0
            },
        );
        let corner = at + offset;
        let corner = egui::pos2(
            within(corner.x, frame.left() + 2.0, frame.right() - size.x - 2.0),
            within(corner.y, frame.top() + 2.0, frame.bottom() - size.y - 2.0),
        );
        let label = egui::Rect::from_min_size(corner, size);
        let anchor = label.clamp(at);
        let ring = 7.0;
        if anchor.distance(at) > ring {
            let start = at + (anchor - at).normalized() * ring;
            painter.line_segment([start, anchor], egui::Stroke::new(1.5, pin.color));
        }
        painter.circle_stroke(at, ring, egui::Stroke::new(2.5, pin.color));
        painter.rect(
            label,
            4.0,
            fill,
            egui::Stroke::new(1.5, pin.color),
            egui::StrokeKind::Inside,
        );
        painter.with_clip_rect(label.intersect(frame)).galley(
            label.min + egui::vec2(6.0, 4.0),
            galley,
            text_color,
        );
    }
}

/// `value` kept between `low` and `high`; where the room is smaller than the label
/// (`high < low`), the label starts at `low`.
fn within(value: f32, low: f32, high: f32) -> f32 {
    if high < low {
        low
    } else {
        value.clamp(low, high)
    }
}

/// Right-click on a plot: pin a note to the value nearest the pointer, or insert (or copy) its
/// live number, `{AMZN:net_income:2024Q4}`.
pub fn note_menu(
    ui: &Ui,
    response: &egui_plot::PlotResponse<()>,
    id: &str,
    metric: Metric,
    pins: &[Pin],
    commands: &mut Vec<Command>,
) {
    let memory = Id::unique(("note-pin", id));
    if response.response.secondary_clicked()
        && let Some(pointer) = response.response.interact_pointer_pos()
    {
        let nearest = pins
            .iter()
            .map(|pin| {
                let at = response
                    .transform
                    .position_from_point(&PlotPoint::new(pin.at[0], pin.at[1]));
                (at.distance(pointer), pin)
            })
            .filter(|(distance, _)| *distance < 60.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, pin)| (pin.ticker.clone(), pin.period.clone()));
        ui.ctx().data_mut(|data| data.insert_temp(memory, nearest));
    }
    response.response.context_menu(|ui| {
        let nearest: Option<(String, String)> =
            ui.ctx().data(|data| data.get_temp(memory)).flatten();
        match nearest {
            Some((ticker, period)) => {
                if ui
                    .button(format!("Add a note to {ticker} {period}…"))
                    .clicked()
                {
                    commands.push(Command::NewNote(Annotation {
                        company: ticker.clone(),
                        metric,
                        period: period.clone(),
                        text: String::new(),
                    }));
                    ui.close();
                }
                // The value's live number, for slide text that follows the data.
                let reference = reference_text(&ticker, metric, &period);
                if ui
                    .button(format!("Insert {reference} into the slide's takeaway"))
                    .on_hover_text("Add this value, live, to the takeaway of the selected slide")
                    .clicked()
                {
                    commands.push(Command::InsertLiveNumber(reference.clone()));
                    ui.close();
                }
                if ui.button(format!("Copy {reference}")).clicked() {
                    ui.ctx().copy_text(reference);
                    ui.close();
                }
            }
            None => {
                ui.label("Right-click next to a value to pin a note to it.");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_notes_are_cut_and_grouped_notes_counted() {
        let long = "x".repeat(10_000);
        let label = label_text(&long, 0);
        assert_eq!(label.chars().count(), NOTE_CHARS_ON_CHART + 1);
        assert!(label.ends_with('…'));
        assert_eq!(label_text("a\nb\nc\nd\ne", 2), "a\nb\nc…\n+2 more");
        assert_eq!(label_text("clear\u{1b}[2J", 0), "clear\u{fffd}[2J");
    }

    #[test]
    fn a_label_larger_than_its_room_starts_at_the_edge() {
        assert!((within(50.0, 10.0, 5.0) - 10.0).abs() < f32::EPSILON);
        assert!((within(50.0, 10.0, 30.0) - 30.0).abs() < f32::EPSILON);
    }
}
