//! The scenarios the user works with: the Bear/Base/Bull presets plus their own, which one is
//! shown, which company's sliders are open, and an undo history of edits. The workspace is plain
//! serde data and persists between runs; the undo history does not.

use std::path::PathBuf;

use flywheel_model::projection::{Assumption, default_assumptions};
use flywheel_model::{Library, Preset, Scenario};
use serde::{Deserialize, Serialize};

/// Which part of the Scenario view is shown beside the sliders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ScenarioPanel {
    /// History continued by the projection, per metric.
    #[default]
    Projection,
    /// Tornado chart: how each assumption moves a 2030 outcome.
    Sensitivity,
    /// Two or three scenarios on one chart.
    Compare,
    /// The projection's numbers.
    Table,
}

impl ScenarioPanel {
    /// Every panel, in tab order.
    pub const ALL: [Self; 4] = [
        Self::Projection,
        Self::Sensitivity,
        Self::Compare,
        Self::Table,
    ];

    /// Tab title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Projection => "Projection",
            Self::Sensitivity => "Sensitivity",
            Self::Compare => "Compare",
            Self::Table => "Table",
        }
    }
}

/// The 2030 outcome a tornado chart measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum TornadoOutcome {
    /// 2030 free cash flow, US$ B.
    #[default]
    FreeCashFlow,
    /// 2030 operating margin, %.
    OperatingMargin,
}

/// Persisted scenario work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ScenarioWorkspace {
    /// Presets first, then the user's scenarios.
    pub scenarios: Vec<Scenario>,
    /// Index of the scenario being edited.
    pub current: usize,
    /// Ticker whose sliders are open.
    pub company: String,
    /// Which panel is shown.
    pub panel: ScenarioPanel,
    /// Scenarios shown together on the Compare panel (indices).
    pub compare: Vec<usize>,
    /// What the tornado chart measures.
    pub tornado: TornadoOutcome,
    /// Where the current scenario was last saved or opened.
    pub path: Option<PathBuf>,
    /// Whether the current scenario has edits not yet saved.
    pub unsaved: bool,
}

impl ScenarioWorkspace {
    /// Brings every assumption of the saved scenarios within its range: the settings file is the
    /// user's to edit, and a value that is not a number (or a tax rate of 10^300) would make
    /// every projection figure not a number. A value out of range goes to the nearest end; one
    /// that is not a number to the company's default, or the range's low end without one.
    /// Returns a line for each value changed.
    pub fn bring_within_ranges(&mut self, library: &Library) -> Vec<String> {
        let mut changed = Vec::new();
        for scenario in &mut self.scenarios {
            for company in &mut scenario.companies {
                // Worked out only for a value that is not a number: this runs at every start.
                let mut defaults = None;
                for assumption in Assumption::ALL {
                    let value = company.assumptions.get(assumption);
                    let (low, high) = assumption.file_range();
                    let within = if value.is_nan() {
                        defaults
                            .get_or_insert_with(|| {
                                library
                                    .get(&company.ticker)
                                    .and_then(|dataset| default_assumptions(dataset).ok())
                                    .map(|(defaults, _)| defaults)
                            })
                            .as_ref()
                            .map_or(low, |defaults| defaults.get(assumption))
                            .clamp(low, high)
                    } else {
                        value.clamp(low, high)
                    };
                    if within.to_bits() != value.to_bits() {
                        *company.assumptions.get_mut(assumption) = within;
                        changed.push(format!(
                            "scenario \"{}\": {} {} was {}, now {within}",
                            crate::shown_text::elided(&scenario.name, 60),
                            crate::shown_text::elided(&company.ticker, 12),
                            assumption.key(),
                            short_number(value),
                        ));
                    }
                }
            }
        }
        changed
    }

    /// Presets for the loaded data, if the workspace has none yet (first run, or data changed
    /// so much that no company can be projected).
    pub fn ensure_presets(&mut self, library: &Library) {
        if self
            .scenarios
            .iter()
            .all(|scenario| scenario.companies.is_empty())
        {
            let fingerprint = flywheel_model::data_fingerprint(library);
            self.scenarios = Preset::ALL
                .iter()
                .map(|preset| {
                    Scenario::preset_with_fingerprint(library, *preset, fingerprint.clone())
                })
                .collect();
            self.current = 1; // Base
            self.compare = vec![0, 1, 2];
        }
        self.current = self.current.min(self.scenarios.len().saturating_sub(1));
        self.compare.retain(|index| *index < self.scenarios.len());
        let tickers: Vec<&str> = self
            .scenarios
            .get(self.current)
            .map(|scenario| {
                scenario
                    .companies
                    .iter()
                    .map(|company| company.ticker.as_str())
                    .collect()
            })
            .unwrap_or_default();
        if !tickers.contains(&self.company.as_str())
            && let Some(first) = tickers.first()
        {
            self.company = (*first).to_owned();
        }
    }

    /// The scenario being edited.
    pub fn current(&self) -> Option<&Scenario> {
        self.scenarios.get(self.current)
    }

    /// The scenario being edited, for sliders.
    pub fn current_mut(&mut self) -> Option<&mut Scenario> {
        self.scenarios.get_mut(self.current)
    }
}

/// Undo and redo of scenario edits: snapshots of the workspace's scenarios taken before each
/// edit (a slider drag, a typed value, a reset), so one undo reverts one gesture.
#[derive(Debug, Default)]
pub struct UndoHistory {
    undo: Vec<Vec<Scenario>>,
    redo: Vec<Vec<Scenario>>,
}

/// How many edits can be undone.
const UNDO_DEPTH: usize = 200;

impl UndoHistory {
    /// Records the state before an edit.
    pub fn record(&mut self, before: &[Scenario]) {
        if self
            .undo
            .last()
            .is_some_and(|last| last.as_slice() == before)
        {
            return;
        }
        self.undo.push(before.to_vec());
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Restores the state before the last edit; false when there is nothing to undo.
    pub fn undo(&mut self, workspace: &mut ScenarioWorkspace) -> bool {
        let Some(before) = self.undo.pop() else {
            return false;
        };
        self.redo
            .push(std::mem::replace(&mut workspace.scenarios, before));
        workspace.unsaved = true;
        true
    }

    /// Re-applies the last undone edit; false when there is nothing to redo.
    pub fn redo(&mut self, workspace: &mut ScenarioWorkspace) -> bool {
        let Some(after) = self.redo.pop() else {
            return false;
        };
        self.undo
            .push(std::mem::replace(&mut workspace.scenarios, after));
        workspace.unsaved = true;
        true
    }

    /// Whether undo would do something.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether redo would do something.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// A number as a person writes it: 1e300 rather than three hundred digits.
fn short_number(value: f64) -> String {
    if value.is_finite() && value != 0.0 && !(1e-3..1e6).contains(&value.abs()) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    // A broken fixture should stop the test at once.
    #![allow(clippy::expect_used)]

    use super::*;

    #[test]
    fn saved_assumptions_out_of_range_are_brought_within_it() {
        let library = Library::bundled().expect("bundled data");
        let mut workspace = ScenarioWorkspace::default();
        workspace.ensure_presets(&library);
        let base = &mut workspace.scenarios[1].companies[0];
        assert_eq!(base.ticker, "AMZN");
        let default_growth = base.assumptions.get(Assumption::RevenueGrowth);
        *base.assumptions.get_mut(Assumption::RevenueGrowth) = f64::NAN;
        *base.assumptions.get_mut(Assumption::TaxRate) = -1e300;
        *base.assumptions.get_mut(Assumption::CapexNext) = f64::INFINITY;
        let changed = workspace.bring_within_ranges(&library);
        assert_eq!(
            changed,
            [
                format!("scenario \"Base\": AMZN revenue_growth was NaN, now {default_growth}"),
                "scenario \"Base\": AMZN capex_next was inf, now 10000".to_owned(),
                "scenario \"Base\": AMZN tax_rate was -1e300, now 0".to_owned(),
            ]
        );
        let base = &workspace.scenarios[1].companies[0].assumptions;
        assert!((base.get(Assumption::TaxRate)).abs() < f64::EPSILON);
        // Nothing else changed, and a second pass changes nothing.
        assert!(workspace.bring_within_ranges(&library).is_empty());
    }
}
