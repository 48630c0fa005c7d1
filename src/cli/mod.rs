//! The command line: `flywheel [FILE...]`, `flywheel check`, `flywheel table`,
//! `flywheel project`, `flywheel render`, `flywheel import`.

pub mod check;
pub mod import;
pub mod out;
pub mod project;
pub mod render;
pub mod table;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use flywheel_model::{Library, escape_controls};

/// Flywheel: who earns what, at which margin, how fast capex grows, and when the AI bet pays back.
#[derive(Debug, Parser)]
#[command(name = "flywheel", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; without a command, Flywheel opens its window.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Dataset files (.ron or .csv) to load on top of the bundled data.
    pub files: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate dataset files: prints `ok FILE` or each error as `FILE:LINE:COL: message`.
    Check(check::CheckArgs),
    /// Print one metric for each company as an aligned table or CSV.
    Table(table::TableArgs),
    /// Project each company to 2030 under a scenario (the Base scenario by default).
    Project(project::ProjectArgs),
    /// Draw a view or a deck's slide off-screen (no display needed) and write it as PNG.
    Render(render::RenderArgs),
    /// Convert an SEC company-facts JSON file into a dataset (RON), cross-checked against the
    /// loaded data for the same company.
    Import(import::ImportArgs),
}

/// What a command hands back: its exit status, or the error of writing its output (a closed
/// pipe among them), which [`run`] turns into the exit.
pub type Outcome = std::io::Result<ExitCode>;

/// Runs the parsed command line and returns the process exit status. Standard output closed
/// early (`| head -1`) ends the command quietly with status 0: the reader has what it wanted.
pub fn run(cli: Cli) -> ExitCode {
    let outcome = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Table(args)) => table::run(&args),
        Some(Command::Project(args)) => project::run(&args),
        Some(Command::Render(args)) => render::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        None => Ok(open_window(&cli.files)),
    };
    match outcome {
        Ok(code) => code,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            out::error_line(&format!("flywheel: cannot write the output: {error}"));
            ExitCode::FAILURE
        }
    }
}

/// A command line that does not parse, or `--help` / `--version`: clap's text, printed through
/// the same door as every command's (an argument quoted in the message is shown escaped), on
/// standard output for help and version and standard error otherwise.
pub fn usage(error: &clap::Error) -> ExitCode {
    let text = error.render().to_string();
    if error.use_stderr() {
        out::error_print(&text);
    } else if let Err(failure) = out::print(&text)
        && failure.kind() != std::io::ErrorKind::BrokenPipe
    {
        out::error_line(&format!("flywheel: cannot write the output: {failure}"));
        return ExitCode::FAILURE;
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

/// Opens the window on the bundled data plus `files`. A file that fails to load does not stop
/// the window: its errors are shown there, and everything else loads.
fn open_window(files: &[PathBuf]) -> ExitCode {
    let mut library = match Library::bundled() {
        Ok(library) => library,
        Err(error) => {
            out::error_line(&error.to_string());
            return ExitCode::FAILURE;
        }
    };
    let mut errors = Vec::new();
    // Company facts are imported by the window itself (on a thread, asking for the ticker when
    // the file does not tell), one at a time as from File ▸ Open.
    let mut company_facts = None;
    for file in files {
        if crate::app::is_company_facts(&file.display().to_string()) {
            if company_facts.is_none() {
                company_facts = Some(file.clone());
            } else {
                errors.push(format!(
                    "{}: not opened: the window imports one company-facts file at a time; open \
                     it from File ▸ Open when the first is in",
                    out::path(file)
                ));
            }
        } else if let Err(error) = library.add_file(file) {
            errors.extend(error.errors.iter().map(ToString::to_string));
        }
    }
    match crate::app::run(library, errors, company_facts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            out::error_line(&format!("flywheel: cannot open the window: {error}"));
            ExitCode::FAILURE
        }
    }
}

/// Why the command line's datasets cannot be loaded. Each is printed as it is found.
#[derive(Debug, thiserror::Error)]
enum DataFileError {
    /// A dataset with errors, or one the bundled data cannot be read beside.
    #[error(transparent)]
    Load(#[from] flywheel_model::LoadError),
    /// SEC company facts that cannot be read.
    #[error(transparent)]
    CompanyFacts(#[from] flywheel_model::ImportError),
    /// Company facts that do not say which ticker they are.
    #[error(
        "{file}: company facts name the company (\"{entity_name}\", CIK {cik}) but not its \
         ticker; convert it first with `flywheel import {file} --ticker TICKER --out FILE.ron`"
    )]
    NoTicker {
        /// The file, escaped for the terminal.
        file: String,
        /// The company's name in the file, escaped.
        entity_name: String,
        /// Its CIK.
        cik: u64,
    },
    /// Two `--data` files for the same company: which one is meant would be a guess.
    #[error(
        "{second}: gives {ticker} again, after {first}; give one file per company (--data \
         replaces the bundled dataset of the company it names)"
    )]
    SameTicker {
        /// The company.
        ticker: String,
        /// The file that gave it first, escaped.
        first: String,
        /// The file that gives it again, escaped.
        second: String,
    },
}

/// The bundled datasets plus `files`, each replacing the company it names. Two files giving the
/// same company are an error naming both (the last one silently winning would show figures the
/// user may not have meant). Errors are printed.
pub fn load_library(files: &[PathBuf]) -> Result<Library, ExitCode> {
    let mut library = Library::bundled().map_err(|error| {
        out::error_line(&error.to_string());
        ExitCode::FAILURE
    })?;
    let mut failed = false;
    // Which file gave each ticker so far (upper case: tickers compare ignoring case).
    let mut given_by: Vec<(String, &Path)> = Vec::new();
    for file in files {
        match add_data_file(&mut library, file) {
            Ok(tickers) => {
                for ticker in tickers {
                    let key = ticker.to_ascii_uppercase();
                    if let Some((_, first)) = given_by.iter().find(|(given, _)| *given == key) {
                        let error = DataFileError::SameTicker {
                            ticker: escape_controls(&ticker).into_owned(),
                            first: out::path(first),
                            second: out::path(file),
                        };
                        out::error_line(&error.to_string());
                        failed = true;
                    } else {
                        given_by.push((key, file));
                    }
                }
            }
            Err(error) => {
                out::error_line(&error.to_string());
                failed = true;
            }
        }
    }
    if failed {
        Err(ExitCode::FAILURE)
    } else {
        Ok(library)
    }
}

/// Adds one `--data` file to `library`: the tickers it gave.
fn add_data_file(library: &mut Library, file: &Path) -> Result<Vec<String>, DataFileError> {
    let is_json = file
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("json"));
    if is_json {
        return add_company_facts(library, file).map(|ticker| vec![ticker]);
    }
    let summary = library.add_file(file)?;
    Ok([summary.added, summary.replaced].concat())
}

/// SEC company facts given with `--data`: imported into the library (merged with a company
/// already loaded), when the file names its ticker; that ticker.
fn add_company_facts(library: &mut Library, file: &Path) -> Result<String, DataFileError> {
    let imported = flywheel_model::read_company_facts(file)?;
    let Some(ticker) = imported.ticker.clone() else {
        return Err(DataFileError::NoTicker {
            file: out::path(file),
            entity_name: escape_controls(&imported.entity_name).into_owned(),
            cik: imported.cik,
        });
    };
    flywheel_model::import_into(library, &imported, &ticker)?;
    Ok(ticker)
}

/// Prints a command's output, or its error with exit status 2 (an unknown company or metric).
fn finish<E: std::fmt::Display>(result: Result<String, E>) -> Outcome {
    match result {
        Ok(text) => {
            out::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            out::error_line(&error.to_string());
            Ok(ExitCode::from(2))
        }
    }
}

/// Text from a file made safe to print on a terminal, its line breaks kept: control, bidi and
/// invisible characters (an escape sequence that would clear the screen or set the title, a
/// carriage return that would overwrite the line) are shown as `\u{1b}` instead of acting.
pub fn terminal_safe(text: &str) -> String {
    out::terminal_safe(text).into_owned()
}

/// A value of an aligned table at one decimal: one that overflowed (figures near the largest
/// number a file can hold) is a dash, never `inf` or `NaN`, and a negative zero (−0.000001
/// rounded) loses its sign.
fn one_decimal(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{value:.1}");
    if text == "-0.0" {
        "0.0".to_owned()
    } else {
        text
    }
}
