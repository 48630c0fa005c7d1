//! A chart's numbers as a grid that can be copied: periods or years down, series across, with a
//! Copy button putting tab-separated values on the clipboard (they paste into a spreadsheet as
//! cells, at the data's full precision).

use std::fmt::Write as _;

use egui::{Color32, RichText, Ui};
use flywheel_model::ValueUnit;
use flywheel_model::metrics::Transform;

use crate::export::number_cell;

/// One column: a name (a ticker), its colour, and a value per row.
pub struct Column {
    /// Header.
    pub name: String,
    /// Header colour.
    pub color: Color32,
    /// One value per row (`None`: not in the data).
    pub values: Vec<Option<f64>>,
}

/// Draws the grid with its Copy button, at most `height` high (it scrolls).
pub fn copyable_grid(
    ui: &mut Ui,
    id: &str,
    corner: &str,
    (unit, transform): (ValueUnit, Transform),
    rows: &[String],
    columns: &[Column],
    height: f32,
) {
    if ui
        .button("Copy table")
        .on_hover_text("Copy as tab-separated values")
        .clicked()
    {
        ui.ctx().copy_text(tab_separated(
            corner,
            transform.unit_label(unit),
            rows,
            columns,
        ));
    }
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height((height - 24.0).max(40.0))
        .show(ui, |ui| {
            egui::Grid::new(("table", id))
                .striped(true)
                .min_col_width(70.0)
                .show(ui, |ui| {
                    ui.strong(corner);
                    for column in columns {
                        ui.strong(RichText::new(&column.name).color(column.color));
                    }
                    ui.end_row();
                    for (index, label) in rows.iter().enumerate() {
                        ui.label(label);
                        for column in columns {
                            let text = column.values.get(index).copied().flatten().map_or_else(
                                || "—".to_owned(),
                                |value| transform.format(unit, value),
                            );
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| ui.monospace(text),
                            );
                        }
                        ui.end_row();
                    }
                });
        });
}

/// The grid as tab-separated text, numbers at full precision.
pub fn tab_separated(
    corner: &str,
    unit_label: &str,
    rows: &[String],
    columns: &[Column],
) -> String {
    let mut text = format!("{corner} ({unit_label})");
    for column in columns {
        let _ = write!(text, "\t{}", column.name);
    }
    for (index, label) in rows.iter().enumerate() {
        let _ = write!(text, "\n{label}");
        for column in columns {
            let cell = column
                .values
                .get(index)
                .copied()
                .flatten()
                .map(number_cell)
                .unwrap_or_default();
            let _ = write!(text, "\t{cell}");
        }
    }
    text
}
