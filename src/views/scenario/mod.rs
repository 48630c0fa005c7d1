//! Scenario: the AI capex bet projected to 2030. Sliders for one company at a time on the left
//! (`controls`); beside them the projection continuing each company's history (`projection`), a
//! tornado chart of what each assumption does to 2030 (`sensitivity`), scenarios side by side
//! (`compare`) and the numbers (`results`). The view only reads the workspace: every edit is a
//! command, applied after drawing in the one place that records undo and the unsaved mark.

mod compare;
mod controls;
mod projection;
mod results;
mod sensitivity;

use egui::{RichText, Ui};
use flywheel_model::projection::{Projection, base_year, project};

use crate::command::{Command, ScenarioEdit};
use crate::data_view::{DataView, ShownCompany};
use crate::lens::Lens;
use crate::scenario_state::{ScenarioPanel, ScenarioWorkspace};

/// Characters of a scenario's name shown in a label, a legend or a hover text; the whole name
/// is in its file (a name is user data and can be any length).
const NAME_CHARS: usize = 60;

/// A scenario's name for one line of the view: control characters visible, cut after
/// [`NAME_CHARS`].
fn shown_name(name: &str) -> String {
    crate::shown_text::elided(name, NAME_CHARS)
}

/// Everything the Scenario view needs.
pub struct ScenarioContext<'a> {
    /// Data.
    pub data: &'a DataView,
    /// What is shown (companies).
    pub lens: &'a Lens,
    /// The scenarios being worked on.
    pub workspace: &'a ScenarioWorkspace,
    /// Whether Undo would do something.
    pub can_undo: bool,
    /// Whether Redo would do something.
    pub can_redo: bool,
    /// Where edits and file requests go.
    pub commands: &'a mut Vec<Command>,
}

/// A shown company with its projection under the current scenario.
type Projected<'a> = (ShownCompany<'a>, Projection);

/// Draws the view.
pub fn ui(ui: &mut Ui, context: &mut ScenarioContext<'_>) {
    let Some(scenario) = context
        .workspace
        .current()
        .filter(|scenario| !scenario.companies.is_empty())
    else {
        ui.centered_and_justified(|ui| {
            ui.label(
                "No loaded company has a fiscal year with revenue, operating income, \
                 depreciation, capex and operating cash flow: nothing to project.",
            )
        });
        return;
    };
    egui::Panel::left("scenario_controls")
        .resizable(false)
        .exact_size(350.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| controls::ui(ui, context));
        });
    let projections: Vec<Projected<'_>> = context
        .data
        .shown(context.lens, ui.visuals())
        .into_iter()
        .filter_map(|company| {
            let ticker = &company.dataset.company.ticker;
            let assumptions = scenario.assumptions(ticker)?;
            let base = base_year(company.dataset).ok()?;
            let projection = project(ticker, &base, assumptions);
            Some((company, projection))
        })
        .collect();
    // The charts take exactly the space the controls leave.
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            panel_tabs(ui, context, &shown_name(&scenario.name));
            ui.separator();
            match context.workspace.panel {
                ScenarioPanel::Projection => projection::ui(ui, context.data, &projections),
                ScenarioPanel::Sensitivity => sensitivity::ui(ui, context, &projections),
                ScenarioPanel::Compare => compare::ui(ui, context),
                ScenarioPanel::Table => results::ui(ui, &projections),
            }
        });
}

/// The panel tabs and the scenario's name, with its unsaved mark.
fn panel_tabs(ui: &mut Ui, context: &mut ScenarioContext<'_>, name: &str) {
    let unsaved = context.workspace.unsaved;
    ui.horizontal(|ui| {
        for panel in ScenarioPanel::ALL {
            if ui
                .selectable_label(context.workspace.panel == panel, panel.title())
                .clicked()
            {
                context
                    .commands
                    .push(Command::Scenario(ScenarioEdit::ShowPanel(panel)));
            }
        }
        ui.separator();
        ui.label(
            RichText::new(format!(
                "Scenario: {name}{}",
                if unsaved { " •" } else { "" }
            ))
            .strong(),
        )
        .on_hover_text(if unsaved {
            "Changed since it was last saved"
        } else {
            "Saved"
        });
    });
}
