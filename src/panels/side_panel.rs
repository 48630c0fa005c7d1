//! Side panel: which companies, which periods, which basis, which transform, which years.

use egui::{RichText, Sense, TextWrapMode, Ui, Vec2};
use flywheel_model::guidance::stated_capex_basis;
use flywheel_model::metrics::Transform;
use flywheel_model::{Alignment, Basis, CapexBasis, Frequency, calendarization_method};

use crate::command::Command;
use crate::data_view::DataView;
use crate::lens::Lens;
use crate::shown_text::{elided, hover_text};

/// Draws the panel: companies, periods, years.
pub fn ui(ui: &mut Ui, data: &DataView, lens: &Lens, commands: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.heading("Companies");
    for company in data.companies(ui.visuals()) {
        let ticker = &company.dataset.company.ticker;
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(12.0, 12.0), Sense::hover());
            ui.painter().rect_filled(rect, 3.0, company.color);
            let mut shown = lens.shows(ticker);
            let name = &company.dataset.company.name;
            let label = format!("{} ({ticker})", short_name(name));
            // A long name is cut at the panel's edge, not wrapped; whole on hover.
            ui.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
            let response = ui
                .checkbox(&mut shown, elided(&label, LABEL_CHARS))
                .on_hover_text(hover_text(&format!("{name} ({ticker})")));
            if response.changed() {
                commands.push(Command::ToggleCompany(ticker.clone()));
            }
        });
    }

    ui.add_space(12.0);
    ui.heading("Periods");
    for frequency in Frequency::ALL {
        if ui
            .radio(lens.frequency == frequency, frequency.label())
            .clicked()
            && lens.frequency != frequency
        {
            commands.push(Command::SetFrequency(frequency));
        }
    }
    ui.add_space(6.0);
    let mut calendar = lens.alignment == Alignment::Calendar;
    if ui
        .checkbox(&mut calendar, "Align to calendar years")
        .changed()
    {
        commands.push(Command::SetAlignment(if calendar {
            Alignment::Calendar
        } else {
            Alignment::Fiscal
        }));
    }
    let methods: Vec<String> = data
        .library()
        .entries()
        .iter()
        .filter_map(|entry| calendarization_method(&entry.dataset))
        .collect();
    let note = if calendar {
        methods.join(" ")
    } else if methods.is_empty() {
        "Every company's fiscal year is the calendar year.".to_owned()
    } else {
        "Each company's own fiscal periods. Microsoft's fiscal year ends in June: its FY2024 ran \
         from July 2023 to June 2024."
            .to_owned()
    };
    ui.label(RichText::new(note).small().weak());

    ui.add_space(12.0);
    ui.heading("Basis");
    for basis in Basis::ALL {
        if ui.radio(lens.basis == basis, basis.label()).clicked() && lens.basis != basis {
            commands.push(Command::SetBasis(basis));
        }
    }
    ui.label(
        RichText::new(match lens.basis {
            Basis::Latest => {
                "Restated and recast figures where the company published them, so years compare \
                 on one basis; a dotted line marks where older years exist only as first reported."
            }
            Basis::Reported => {
                "Each figure as the company first reported it; a dotted line marks where a series \
                 has only restated values."
            }
        })
        .small()
        .weak(),
    );

    capex_basis(ui, data, lens, commands);

    ui.add_space(12.0);
    ui.heading("Transform");
    for transform in Transform::ALL {
        if ui
            .radio(lens.transform == transform, transform.label())
            .clicked()
            && lens.transform != transform
        {
            commands.push(Command::SetTransform(transform));
        }
    }
    let mut log_scale = lens.log_scale;
    if ui
        .checkbox(&mut log_scale, "Log scale for amounts")
        .on_hover_text("A logarithmic value axis where every value is a positive amount")
        .changed()
    {
        commands.push(Command::SetLogScale(log_scale));
    }
    ui.label(
        RichText::new(match lens.transform {
            Transform::Value => "Each metric in its own unit.",
            Transform::YearOnYear => {
                "Change on the same period a year earlier: percent for amounts, percentage \
                 points for margins."
            }
            Transform::Indexed => "Each series ÷ its first shown period × 100.",
        })
        .small()
        .weak(),
    );

    ui.add_space(12.0);
    ui.heading("Years");
    let (data_first, data_last) = data.year_bounds();
    let mut first = lens.first_year.clamp(data_first, data_last);
    let mut last = lens.last_year.clamp(data_first, data_last);
    let (shown_first, shown_last) = (first, last);
    ui.add(egui::Slider::new(&mut first, data_first..=data_last).text("From"));
    ui.add(egui::Slider::new(&mut last, data_first..=data_last).text("To"));
    if (first, last) != (shown_first, shown_last) {
        commands.push(Command::SetYears { first, last });
    }
}

/// Characters of a company's label laid out at most; the panel cuts it shorter still.
const LABEL_CHARS: usize = 60;

/// Which capex the charts and tables show, and on which basis each company states its plans.
fn capex_basis(ui: &mut Ui, data: &DataView, lens: &Lens, commands: &mut Vec<Command>) {
    ui.add_space(12.0);
    // Folded by default: the panel keeps its height, and the deck below stays in view.
    egui::CollapsingHeader::new(RichText::new("Capex basis").heading())
        .id_salt("capex-basis")
        .default_open(false)
        .show(ui, |ui| capex_basis_choices(ui, data, lens, commands));
}

/// The capex basis radios and the note on which basis each company states its plans on.
fn capex_basis_choices(ui: &mut Ui, data: &DataView, lens: &Lens, commands: &mut Vec<Command>) {
    for basis in CapexBasis::ALL {
        if ui.radio(lens.capex_basis == basis, basis.label()).clicked() && lens.capex_basis != basis
        {
            commands.push(Command::SetCapexBasis(basis));
        }
    }
    let stated: Vec<String> = data
        .library()
        .entries()
        .iter()
        .map(|entry| {
            format!(
                "{} plans {}",
                entry.dataset.company.ticker,
                stated_capex_basis(&entry.dataset).label().to_lowercase()
            )
        })
        .collect();
    ui.label(
        RichText::new(format!(
            "Guidance is drawn only on the basis it was stated on: {}. A company that does not \
             disclose a basis shows gaps, with the reason on hover.",
            stated.join("; ")
        ))
        .small()
        .weak(),
    );
}

/// "Amazon.com, Inc." → "Amazon.com"; "Alphabet Inc." → "Alphabet".
fn short_name(name: &str) -> &str {
    name.split([','])
        .next()
        .unwrap_or(name)
        .trim_end_matches(" Inc.")
        .trim_end_matches(" Corporation")
        .trim()
}
