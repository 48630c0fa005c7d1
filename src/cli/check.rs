//! `flywheel check FILE...`: validate dataset files.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `flywheel check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files to validate (.ron or .csv).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Prints `ok FILE` for each valid file and every error of the others; 0 when all are valid.
pub fn run(args: &CheckArgs) -> ExitCode {
    let mut all_valid = true;
    for file in &args.files {
        match flywheel_model::load::load_file(file) {
            Ok(_) => println!("ok {}", file.display()),
            Err(error) => {
                all_valid = false;
                println!("{error}");
            }
        }
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
