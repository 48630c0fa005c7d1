//! What the app tells the user: one status message, and the list of problems of the last file
//! that failed to load or save, each problem its own line (`file:line:column: message` for loads).

use std::fmt::Display;

use flywheel_model::LoadError;

/// Which kind of failure the problem list is about; each has its own heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A file that could not be read or did not pass its checks; nothing loaded changed.
    Load,
    /// A file that could not be written; the old file is untouched.
    Save,
    /// Figures where an import and the loaded data differ.
    CrossCheck,
}

impl ProblemKind {
    /// The panel's heading.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Load => "Could not load",
            Self::Save => "Could not save",
            Self::CrossCheck => "Cross-check",
        }
    }

    /// What the panel says did not change.
    pub fn reassurance(self) -> &'static str {
        match self {
            Self::Load => "— the data already loaded is unchanged.",
            Self::Save => "— nothing was overwritten; your work is still open here.",
            Self::CrossCheck => {
                "— the loaded figures are kept; the import's are listed beside them."
            }
        }
    }
}

/// The status message and the problem list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notices {
    message: Option<String>,
    problems: Vec<String>,
    kind: Option<ProblemKind>,
}

impl Notices {
    /// Notices that open with `problems` of files that failed to load (e.g. named on the
    /// command line).
    pub fn with_load_problems(problems: Vec<String>) -> Self {
        Self {
            kind: (!problems.is_empty()).then_some(ProblemKind::Load),
            problems,
            message: None,
        }
    }

    /// Replaces the status message.
    pub fn say(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Clears the status message (an exported picture carries data, not messages).
    pub fn clear_message(&mut self) {
        self.message = None;
    }

    /// Lists the problems of a file that did not load.
    pub fn load_failed(&mut self, error: &LoadError) {
        self.problems = error.errors.iter().map(ToString::to_string).collect();
        self.kind = Some(ProblemKind::Load);
    }

    /// Lists one problem of reading, e.g. a dropped file the system would not hand over.
    pub fn load_problem(&mut self, problem: impl Display) {
        self.problems = vec![problem.to_string()];
        self.kind = Some(ProblemKind::Load);
    }

    /// Reports a failed save or export.
    pub fn save_failed(&mut self, error: impl Display) {
        self.problems = vec![error.to_string()];
        self.kind = Some(ProblemKind::Save);
    }

    /// Lists where an import and the loaded data differ.
    pub fn cross_check(&mut self, lines: Vec<String>) {
        self.problems = lines;
        self.kind = Some(ProblemKind::CrossCheck);
    }

    /// Closes the problem list.
    pub fn dismiss(&mut self) {
        self.problems.clear();
        self.kind = None;
    }

    /// The status message, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The problem lines (empty when there are none).
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// What the problem list is about, while there is one.
    pub fn problem_kind(&self) -> Option<ProblemKind> {
        self.kind.filter(|_| !self.problems.is_empty())
    }
}
