//! The Scenario view's controls: which scenario, its file actions, undo, and the sliders of one
//! company. Each change is a command; a drag sends one per frame, the first marked as the start
//! of the gesture so that one undo reverts the whole drag.

use egui::{RichText, Ui};
use flywheel_model::Preset;
use flywheel_model::projection::{Assumption, LAST_YEAR, base_year, default_assumptions};

use crate::command::{Command, ScenarioEdit, UiCommand};
use crate::lens::View;

use super::{ScenarioContext, shown_name};
use crate::shown_text::{elided, hover_text};

/// The longest name the Name field edits in place.
const EDITABLE_NAME_CHARS: usize = 1_000;
/// Characters of a ticker shown on its tab (a ticker is a few letters; a file may say more).
const TICKER_CHARS: usize = 12;

/// Scenario choice, file actions, and the sliders of one company.
pub fn ui(ui: &mut Ui, context: &mut ScenarioContext<'_>) {
    let workspace = context.workspace;
    let commands = &mut *context.commands;
    let edit = |commands: &mut Vec<Command>, edit| commands.push(Command::Scenario(edit));
    let heading = ui.heading("Scenario");
    let mut chosen = workspace.current;
    egui::ComboBox::from_id_salt("scenario_choice")
        .selected_text(
            workspace
                .current()
                .map_or_else(String::new, |scenario| shown_name(&scenario.name)),
        )
        .width(200.0)
        .show_ui(ui, |ui| {
            for (index, scenario) in workspace.scenarios.iter().enumerate() {
                ui.selectable_value(&mut chosen, index, shown_name(&scenario.name))
                    .on_hover_text(hover_text(&scenario.name));
            }
        })
        .response
        .labelled_by(heading.id);
    if chosen != workspace.current {
        edit(commands, ScenarioEdit::Select(chosen));
    }
    ui.horizontal_wrapped(|ui| {
        for (text, ui_command) in [
            ("Save", UiCommand::SaveScenario),
            ("Save as…", UiCommand::SaveScenarioAs),
            ("Open…", UiCommand::OpenScenario),
        ] {
            if ui
                .button(text)
                .on_hover_text(ui_command.tooltip_with_shortcut(ui.ctx()))
                .clicked()
            {
                commands.push(ui_command.command(View::Scenario));
            }
        }
        if ui
            .button("Duplicate")
            .on_hover_text("Start a new scenario from this one")
            .clicked()
        {
            edit(commands, ScenarioEdit::Duplicate);
        }
    });
    ui.horizontal(|ui| {
        for (ui_command, enabled) in [
            (UiCommand::Undo, context.can_undo),
            (UiCommand::Redo, context.can_redo),
        ] {
            if ui
                .add_enabled(enabled, egui::Button::new(ui_command.text()))
                .on_hover_text(ui_command.tooltip_with_shortcut(ui.ctx()))
                .clicked()
            {
                commands.push(ui_command.command(View::Scenario));
            }
        }
    });
    if let Some(scenario) = workspace.current() {
        ui.horizontal(|ui| {
            let label = ui.label("Name");
            if scenario.name.chars().count() > EDITABLE_NAME_CHARS {
                // Laying out a huge name in a text field every frame costs memory and time out
                // of all proportion; it is shown cut, and kept whole.
                ui.label(shown_name(&scenario.name)).on_hover_text(format!(
                    "A name of {} characters is too long to edit here; it is kept whole and \
                     can be changed in the scenario file.",
                    scenario.name.chars().count()
                ));
            } else {
                let mut name = scenario.name.clone();
                if ui
                    .text_edit_singleline(&mut name)
                    .labelled_by(label.id)
                    .changed()
                {
                    edit(commands, ScenarioEdit::Rename(name));
                }
            }
        });
    }
    ui.add_space(8.0);
    ui.heading("Assumptions");
    let tickers: Vec<&str> = workspace.current().map_or_else(Vec::new, |scenario| {
        scenario
            .companies
            .iter()
            .map(|company| company.ticker.as_str())
            .collect()
    });
    // Wrapped: with many companies the tickers take more lines, not more width.
    ui.horizontal_wrapped(|ui| {
        for ticker in tickers {
            if ui
                .selectable_label(workspace.company == ticker, elided(ticker, TICKER_CHARS))
                .on_hover_text(hover_text(ticker))
                .clicked()
            {
                edit(commands, ScenarioEdit::SelectCompany(ticker.to_owned()));
            }
        }
    });
    sliders(ui, context);
}

/// The sliders of the company whose assumptions are open, with Reset and the presets.
fn sliders(ui: &mut Ui, context: &mut ScenarioContext<'_>) {
    let workspace = context.workspace;
    let ticker = workspace.company.clone();
    let Some(dataset) = context.data.library().get(&ticker) else {
        return;
    };
    let (Ok(base), Ok((defaults, reasons))) = (base_year(dataset), default_assumptions(dataset))
    else {
        return;
    };
    let Some(assumptions) = workspace
        .current()
        .and_then(|scenario| scenario.assumptions(&ticker))
    else {
        return;
    };
    ui.label(
        RichText::new(format!(
            "From FY{} as reported; projected to FY{LAST_YEAR}.",
            base.fiscal_year
        ))
        .small()
        .weak(),
    );
    ui.spacing_mut().slider_width = 95.0;
    for assumption in Assumption::ALL {
        let (low, high) = assumption.range(base.capex);
        let default = defaults.get(assumption);
        let mut value = assumptions.get(assumption);
        let before = value;
        let response = ui
            .horizontal(|ui| {
                let reset = ui
                    .add_enabled(
                        (value - default).abs() > 1e-9,
                        egui::Button::new("Reset").small(),
                    )
                    .on_hover_text(format!(
                        "Reset {} to its default, {default:.2}",
                        assumption.label()
                    ));
                if reset.clicked() {
                    value = default;
                }
                let slider = egui::Slider::new(&mut value, low..=high)
                    .text(assumption.label())
                    .fixed_decimals(if assumption == Assumption::AiRevenueYield {
                        2
                    } else {
                        1
                    })
                    .clamping(egui::SliderClamping::Always);
                let reason = reasons
                    .iter()
                    .find(|reason| reason.assumption == assumption)
                    .map_or("", |reason| reason.reason.as_str());
                ui.add(slider).on_hover_text(format!(
                    "{} ({}), from {low} to {high}. Default {default:.2}: {reason}.",
                    assumption.label(),
                    assumption.unit()
                ))
            })
            .inner;
        if (value - before).abs() > f64::EPSILON {
            context
                .commands
                .push(Command::Scenario(ScenarioEdit::SetAssumption {
                    ticker: ticker.clone(),
                    assumption,
                    value,
                    // One undo step per gesture: the first change of a drag, or a change made
                    // without dragging (a typed value, arrow keys, Reset).
                    starts_gesture: response.drag_started() || !response.dragged(),
                }));
        }
    }
    if ui
        .button("Reset all to defaults")
        .on_hover_text(format!("Every assumption of {ticker} back to its default"))
        .clicked()
        && *assumptions != defaults
    {
        context
            .commands
            .push(Command::Scenario(ScenarioEdit::ResetCompany(
                ticker.clone(),
            )));
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Presets").strong());
    ui.horizontal(|ui| {
        for preset in Preset::ALL {
            if ui
                .button(preset.name())
                .on_hover_text(format!(
                    "Apply the {} assumptions to {ticker}",
                    preset.name()
                ))
                .clicked()
            {
                context
                    .commands
                    .push(Command::Scenario(ScenarioEdit::ApplyPreset {
                        ticker: ticker.clone(),
                        preset,
                    }));
            }
        }
    });
}
