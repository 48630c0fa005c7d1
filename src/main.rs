//! Flywheel: compare how Amazon, Alphabet and Microsoft turn revenue into profit and pour it
//! back into AI infrastructure. One binary: the desktop app and its command line.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    match flywheel::cli::Cli::try_parse() {
        Ok(cli) => flywheel::cli::run(cli),
        Err(error) => flywheel::cli::usage(&error),
    }
}
