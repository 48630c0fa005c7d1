//! Flywheel: compare how Amazon, Alphabet and Microsoft turn revenue into profit and pour it
//! back into AI infrastructure. One binary: the desktop app and its command line.

mod cli;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::run(args)
}
