//! `flywheel check FILE...`: validate datasets, scenarios and decks, each told apart by its
//! content and checked as what it is.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flywheel_model::LoadError;

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

/// Checks one file: what it is, or its errors.
fn check(path: &Path) -> Result<String, LoadError> {
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
            Ok(format!(
                "dataset {}, {periods} periods, {}",
                crate::cli::terminal_safe(&tickers.join(", ")),
                coverage.join("; ")
            ))
        }
        FileKind::Scenario => {
            let scenario = flywheel_model::load_scenario(path)?;
            Ok(format!(
                "scenario \"{}\", {} companies",
                crate::cli::terminal_safe(&scenario.name),
                scenario.companies.len()
            ))
        }
        FileKind::Deck => {
            let deck = crate::deck::load_deck(path)?;
            Ok(format!(
                "deck \"{}\", {} slides, {} notes",
                crate::cli::terminal_safe(&deck.title),
                deck.slides.len(),
                deck.annotations.len()
            ))
        }
    }
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
fn check_company_facts(path: &Path) -> Result<String, CheckError> {
    let imported = flywheel_model::read_company_facts(path)?;
    Ok(format!(
        "SEC company facts of {} (CIK {}), {} periods; `flywheel import` makes a dataset of them",
        crate::cli::terminal_safe(&imported.entity_name),
        imported.cik,
        imported.periods.len()
    ))
}

/// Prints `ok FILE (what it is)` for each valid file and every error of the others; 0 when all
/// are valid.
pub fn run(args: &CheckArgs) -> ExitCode {
    let mut all_valid = true;
    for file in &args.files {
        let checked = if crate::app::is_company_facts(&file.display().to_string()) {
            check_company_facts(file)
        } else {
            check(file).map_err(CheckError::from)
        };
        match checked {
            Ok(what) => println!("ok {} ({what})", file.display()),
            Err(error) => {
                all_valid = false;
                println!("{}", crate::cli::terminal_safe(&error.to_string()));
            }
        }
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
