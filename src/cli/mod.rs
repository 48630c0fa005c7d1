//! The command line: `flywheel [FILE...]`, `flywheel check`, `flywheel table`,
//! `flywheel project`, `flywheel render`, `flywheel import`.

pub mod check;
pub mod import;
pub mod project;
pub mod render;
pub mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use flywheel_model::Library;

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

/// Runs the parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Table(args)) => table::run(&args),
        Some(Command::Project(args)) => project::run(&args),
        Some(Command::Render(args)) => render::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        None => open_window(&cli.files),
    }
}

/// Opens the window on the bundled data plus `files`. A file that fails to load does not stop
/// the window: its errors are shown there, and everything else loads.
fn open_window(files: &[PathBuf]) -> ExitCode {
    let mut library = match Library::bundled() {
        Ok(library) => library,
        Err(error) => {
            eprintln!("{error}");
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
                    crate::cli::terminal_safe(&file.display().to_string())
                ));
            }
        } else if let Err(error) = library.add_file(file) {
            errors.extend(error.errors.iter().map(ToString::to_string));
        }
    }
    match crate::app::run(library, errors, company_facts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("flywheel: cannot open the window: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The bundled datasets plus `files`, each replacing the company it names. Errors are printed.
pub fn load_library(files: &[PathBuf]) -> Result<Library, ExitCode> {
    let mut library = Library::bundled().map_err(|error| {
        eprintln!("{error}");
        ExitCode::FAILURE
    })?;
    let mut failed = false;
    for file in files {
        let is_json = file
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("json"));
        let result = if is_json {
            add_company_facts(&mut library, file)
        } else {
            library
                .add_file(file)
                .map(drop)
                .map_err(|error| error.to_string())
        };
        if let Err(message) = result {
            eprintln!("{}", terminal_safe(&message));
            failed = true;
        }
    }
    if failed {
        Err(ExitCode::FAILURE)
    } else {
        Ok(library)
    }
}

/// SEC company facts given with `--data`: imported into the library (merged with a company
/// already loaded), when the file names its ticker.
fn add_company_facts(library: &mut Library, file: &std::path::Path) -> Result<(), String> {
    let imported = flywheel_model::read_company_facts(file).map_err(|error| error.to_string())?;
    let Some(ticker) = imported.ticker.clone() else {
        return Err(format!(
            "{}: company facts name the company (\"{}\", CIK {}) but not its ticker; convert \
             it first with `flywheel import {} --ticker TICKER --out FILE.ron`",
            file.display(),
            imported.entity_name,
            imported.cik,
            file.display()
        ));
    };
    flywheel_model::import_into(library, &imported, &ticker)
        .map(drop)
        .map_err(|error| error.to_string())
}

/// Prints a command's output, or its error with exit status 2 (an unknown company or metric).
fn finish<E: std::fmt::Display>(result: Result<String, E>) -> ExitCode {
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", terminal_safe(&error.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Text from a file made safe to print on a terminal: control characters (an escape sequence
/// that would clear the screen or set the title, a carriage return that would overwrite the
/// line) are shown as `\u{1b}` instead of acting.
pub fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
