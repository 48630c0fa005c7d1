//! `flywheel import FILE.json`: an SEC company-facts file as a Flywheel dataset (RON), checked
//! like any dataset before it is written, and cross-checked against the loaded data for the
//! same company.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flywheel_model::load::{load_file, parse_ron};
use flywheel_model::{
    Dataset, Imported, Library, escape_controls, merge, read_company_facts, to_dataset,
};
use ron::extensions::Extensions;

use super::out;
use crate::files::refuse_output_as_input;

/// Arguments of `flywheel import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The company-facts JSON, as downloaded from
    /// <https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json>.
    #[arg(value_name = "FILE.json")]
    pub file: PathBuf,
    /// The company's ticker (company facts name the company and its CIK, not its ticker).
    #[arg(long, value_name = "TICKER")]
    pub ticker: Option<String>,
    /// Where to write the dataset; without it, the dataset goes to standard output.
    #[arg(long, value_name = "FILE.ron")]
    pub out: Option<PathBuf>,
    /// A dataset of the same company to cross-check against (default: the bundled one, for
    /// AMZN, GOOGL and MSFT).
    #[arg(long = "data", value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Write the loaded dataset with the import merged in (hand-entered figures kept, newer
    /// periods added, gaps filled) instead of the import alone.
    #[arg(long)]
    pub merge: bool,
}

/// Why an import stopped, with the exit status it gives.
#[derive(Debug, thiserror::Error)]
enum ImportFailure {
    /// Bad input or a dataset that does not pass the checks: exit 1.
    #[error("{0}")]
    Input(String),
    /// What the user asked cannot be done (no ticker, nothing to merge with, an --out that is
    /// an input): exit 2.
    #[error("{0}")]
    Usage(String),
    /// Standard output could not be written (closed early, `| head`).
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
}

/// Runs the import: 0 on success, 1 on a bad file, 2 when the ticker cannot be told or the
/// output would replace an input.
pub fn run(args: &ImportArgs) -> super::Outcome {
    match import(args) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(ImportFailure::Output(error)) => Err(error),
        Err(failure) => {
            out::error_line(&failure.to_string());
            Ok(match failure {
                ImportFailure::Usage(_) => ExitCode::from(2),
                ImportFailure::Input(_) | ImportFailure::Output(_) => ExitCode::FAILURE,
            })
        }
    }
}

fn import(args: &ImportArgs) -> Result<(), ImportFailure> {
    if let Some(out) = &args.out {
        let mut inputs = vec![args.file.as_path()];
        inputs.extend(args.data.as_deref());
        refuse_output_as_input(out, &inputs)
            .map_err(|error| ImportFailure::Usage(format!("flywheel import: {error}")))?;
        // The dataset is RON: a `.json` (or any other) name would hold text its name belies,
        // and `flywheel check` would then read it as what it is not.
        let is_ron = out
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("ron"));
        if !is_ron {
            return Err(ImportFailure::Usage(format!(
                "flywheel import: --out {} must end in .ron: the import writes a dataset in RON",
                out::path(out)
            )));
        }
    }
    let imported =
        read_company_facts(&args.file).map_err(|error| ImportFailure::Input(error.to_string()))?;
    let ticker = ticker_of(args, &imported)?;
    let dataset = to_dataset(&imported, &ticker);
    let loaded = loaded_dataset(args.data.as_deref(), &ticker)?;
    let report = loaded.as_ref().map(|loaded| merge(loaded, &dataset));
    let output = match (&report, args.merge) {
        (Some(report), true) => &report.merged,
        (None, true) => {
            return Err(ImportFailure::Usage(format!(
                "--merge needs a loaded dataset for {ticker}: give one with --data FILE.ron"
            )));
        }
        (_, false) => &dataset,
    };
    let out_name = args
        .out
        .as_ref()
        .map_or_else(|| "<standard output>".to_owned(), |path| out::path(path));
    let text = to_ron(output, &imported).map_err(|error| {
        ImportFailure::Input(format!("cannot write the dataset as RON: {error}"))
    })?;
    // The dataset must load as any other before it is written: same checks, same messages.
    parse_ron(&out_name, &text).map_err(|error| ImportFailure::Input(error.to_string()))?;

    let mut summary = summary(&imported, output);
    if let Some(report) = &report {
        summary.push_str(&report.cross_check_text());
    }
    match &args.out {
        Some(path) => {
            crate::files::write_atomic(path, text.as_bytes())
                .map_err(|error| ImportFailure::Input(error.to_string()))?;
            out::print(&summary)?;
        }
        None => {
            out::print(&text)?;
            out::error_print(&summary);
        }
    }
    Ok(())
}

/// The ticker from `--ticker`, else from the file; company facts have none.
fn ticker_of(args: &ImportArgs, imported: &Imported) -> Result<String, ImportFailure> {
    let ticker = args
        .ticker
        .as_deref()
        .map(|ticker| ticker.trim().to_ascii_uppercase())
        .or_else(|| imported.ticker.clone())
        .ok_or_else(|| {
            ImportFailure::Usage(format!(
                "{}: company facts name the company (\"{}\", CIK {}) but not its ticker; \
                 give it with --ticker TICKER",
                escape_controls(&imported.file),
                escape_controls(&imported.entity_name),
                imported.cik
            ))
        })?;
    // The same rule as the dataset checks, said before any work is done.
    let valid = !ticker.is_empty()
        && ticker.len() <= 10
        && ticker
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.');
    if valid {
        Ok(ticker)
    } else {
        Err(ImportFailure::Usage(format!(
            "ticker \"{}\" must be 1 to 10 capital letters, digits or dots (BRK.B)",
            escape_controls(&ticker)
        )))
    }
}

/// The dataset to cross-check against: the one in `--data` for this ticker, else the bundled
/// one, else none.
fn loaded_dataset(data: Option<&Path>, ticker: &str) -> Result<Option<Dataset>, ImportFailure> {
    let Some(path) = data else {
        let bundled =
            Library::bundled().map_err(|error| ImportFailure::Input(error.to_string()))?;
        return Ok(bundled.get(ticker).cloned());
    };
    let datasets = load_file(path).map_err(|error| ImportFailure::Input(error.to_string()))?;
    datasets
        .into_iter()
        .find(|dataset| dataset.company.ticker.eq_ignore_ascii_case(ticker))
        .map(Some)
        .ok_or_else(|| {
            ImportFailure::Usage(format!(
                "{}: no dataset for {ticker} to cross-check against",
                out::path(path)
            ))
        })
}

/// The dataset as RON, in the layout of the bundled files, with a header naming its origin.
fn to_ron(dataset: &Dataset, imported: &Imported) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .extensions(Extensions::IMPLICIT_SOME)
        .struct_names(true);
    let body = ron::ser::to_string_pretty(dataset, config)?;
    // The serializer writes the extension line first; the comment goes after it.
    let (extensions, rest) = body.split_once('\n').unwrap_or(("", body.as_str()));
    Ok(format!(
        "{extensions}\n// {} (CIK {}), imported by `flywheel import` from SEC company facts \
         ({}). Figures in US$ billions: the filed dollars / 10^9.\n{rest}\n",
        // A line break in the company's or the file's name would end the comment.
        escape_controls(&imported.entity_name),
        imported.cik,
        escape_controls(&imported.file)
    ))
}

/// One line on what was imported, and what was skipped.
fn summary(imported: &Imported, dataset: &Dataset) -> String {
    let years = dataset
        .periods
        .iter()
        .filter(|record| !record.period.is_quarter())
        .count();
    let quarters = dataset.periods.len() - years;
    let span = match (dataset.periods.first(), dataset.periods.last()) {
        (Some(first), Some(last)) => format!(", {} to {}", first.period, last.period),
        _ => String::new(),
    };
    let mut text = format!(
        "{} ({}): {years} fiscal year(s) and {quarters} quarter(s){span}; fiscal year ends in \
         month {}.\n",
        dataset.company.ticker,
        escape_controls(&imported.entity_name),
        imported.fiscal_year_end_month
    );
    for skipped in &imported.skipped {
        text.push_str(&escape_controls(skipped));
        text.push('\n');
    }
    text
}
