//! Flywheel: compare how Amazon, Alphabet and Microsoft turn revenue into profit and pour it
//! back into AI infrastructure. One binary: the desktop app and its command line.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    flywheel::cli::run(flywheel::cli::Cli::parse())
}
