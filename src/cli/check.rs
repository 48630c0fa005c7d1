//! `flywheel check FILE...`: validate datasets, scenarios and decks, each told apart by its
//! content and checked as what it is.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flywheel_model::{
    DataError, Library, LoadError, Preset, Problem, RonDocument, Scenario, escape_controls,
};

use super::{Outcome, out};

/// Arguments of `flywheel check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files to validate: datasets (.ron or .csv), scenarios and decks (.ron).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// What a file holds, by its top-level fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Company figures (`company`, `periods`), or a CSV of them.
    Dataset,
    /// Named scenario assumptions (`companies` with `assumptions`).
    Scenario,
    /// Slides and notes (`slides`).
    Deck,
}

/// Tells a file's kind from its extension and top-level fields; a RON file that is none of
/// the three is checked as a dataset, whose errors then say what is missing.
pub fn kind_of(path: &Path, text: Option<&str>) -> FileKind {
    let is_csv = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
    if is_csv {
        return FileKind::Dataset;
    }
    let fields = text
        .map(flywheel_model::ron_document::top_level_fields)
        .unwrap_or_default();
    let has = |name: &str| fields.iter().any(|field| field == name);
    // A deck's own fields; `title` without `company` too, so that a deck with a misspelt
    // field is checked (and its error worded) as a deck.
    if has("slides") || has("annotations") || (has("title") && !has("company")) {
        FileKind::Deck
    } else if has("companies") && !has("periods") {
        FileKind::Scenario
    } else {
        FileKind::Dataset
    }
}

/// A file that passed: what it is, and what in it names data that is not loaded.
struct Passed {
    /// "dataset AMZN, 29 periods, …".
    what: String,
    /// Each at the line and column of what it is about.
    warnings: Vec<DataError>,
}

impl Passed {
    fn without_warnings(what: String) -> Self {
        Self {
            what,
            warnings: Vec::new(),
        }
    }
}

/// Checks one file: what it is, or its errors. A deck's slides may name the presets and the
/// scenarios in `scenario_names` (those of the scenario files checked with it).
fn check(path: &Path, scenario_names: &[&str]) -> Result<Passed, LoadError> {
    let text = flywheel_model::read_text(path).ok();
    match kind_of(path, text.as_deref()) {
        FileKind::Dataset => {
            let datasets = flywheel_model::load::load_file(path)?;
            let tickers: Vec<&str> = datasets
                .iter()
                .map(|dataset| dataset.company.ticker.as_str())
                .collect();
            let periods: usize = datasets.iter().map(|dataset| dataset.periods.len()).sum();
            // The same count as the window's status line.
            let coverage: Vec<String> = datasets
                .iter()
                .map(|dataset| dataset.coverage(flywheel_model::Basis::Latest).summary())
                .collect();
            Ok(Passed::without_warnings(format!(
                "dataset {}, {periods} periods, {}",
                escape_controls(&tickers.join(", ")),
                coverage.join("; ")
            )))
        }
        FileKind::Scenario => {
            let scenario = flywheel_model::load_scenario(path)?;
            let warnings = match &text {
                Some(text) => unloaded_tickers(path, text, &scenario)?,
                None => Vec::new(),
            };
            Ok(Passed {
                what: format!(
                    "scenario \"{}\", {} companies",
                    escape_controls(&scenario.name),
                    scenario.companies.len()
                ),
                warnings,
            })
        }
        FileKind::Deck => {
            let checked = crate::deck::check_deck(path, Some(scenario_names))?;
            let deck = &checked.deck;
            Ok(Passed {
                what: format!(
                    "deck \"{}\", {} slides, {} notes",
                    escape_controls(&deck.title),
                    deck.slides.len(),
                    deck.annotations.len()
                ),
                warnings: checked.warnings,
            })
        }
    }
}

/// The warning `flywheel project` gives for each company of the scenario that is not in the
/// bundled data, at that company's ticker.
fn unloaded_tickers(
    path: &Path,
    text: &str,
    scenario: &Scenario,
) -> Result<Vec<DataError>, LoadError> {
    let library = Library::bundled()?;
    let (_, document) = RonDocument::parse::<Scenario>(&path.display().to_string(), text)?;
    let fingerprint = flywheel_model::data_fingerprint(&library);
    let mut warnings = Vec::new();
    for (index, company) in scenario.companies.iter().enumerate() {
        // The scenario's own words for one company, on the loaded data's fingerprint so that
        // only the company is warned about.
        let alone = Scenario {
            name: scenario.name.clone(),
            data_fingerprint: fingerprint.clone(),
            companies: vec![company.clone()],
        };
        for message in alone.warnings_against(&library) {
            let at = format!("companies[{index}].ticker");
            warnings.push(document.error_at(&at, Problem::InvalidValue(message)));
        }
    }
    Ok(warnings)
}

/// Why a file did not pass: a Flywheel file's errors, or company facts that cannot be read.
#[derive(Debug, thiserror::Error)]
enum CheckError {
    /// A dataset, scenario or deck with errors.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Company facts that cannot be read.
    #[error(transparent)]
    CompanyFacts(#[from] flywheel_model::ImportError),
}

/// Reads SEC company facts as `flywheel import` would: what they hold, or why they cannot be
/// read.
fn check_company_facts(path: &Path) -> Result<Passed, CheckError> {
    let imported = flywheel_model::read_company_facts(path)?;
    Ok(Passed::without_warnings(format!(
        "SEC company facts of {} (CIK {}), {} periods; `flywheel import` makes a dataset of them",
        escape_controls(&imported.entity_name),
        imported.cik,
        imported.periods.len()
    )))
}

/// The names of the scenarios among `files` that load, which the decks among them may name.
fn scenario_names(files: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = Preset::ALL
        .iter()
        .map(|preset| preset.name().to_owned())
        .collect();
    for file in files {
        let text = flywheel_model::read_text(file).ok();
        if kind_of(file, text.as_deref()) == FileKind::Scenario
            && let Ok(scenario) = flywheel_model::load_scenario(file)
        {
            names.push(scenario.name);
        }
    }
    names
}

/// Prints `ok FILE (what it is)` for each valid file, then its warnings, and every error of
/// the others; 0 when all are valid (warnings do not fail a file).
pub fn run(args: &CheckArgs) -> Outcome {
    let names = scenario_names(&args.files);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut all_valid = true;
    for file in &args.files {
        let checked = if crate::app::is_company_facts(&file.display().to_string()) {
            check_company_facts(file)
        } else {
            check(file, &names).map_err(CheckError::from)
        };
        match checked {
            Ok(passed) => {
                out::line(&format!("ok {} ({})", out::path(file), passed.what))?;
                for warning in &passed.warnings {
                    out::line(&warning.as_warning())?;
                }
            }
            Err(error) => {
                all_valid = false;
                out::line(&error.to_string())?;
            }
        }
    }
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
