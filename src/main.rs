//! The `morgue` binary: parses the command line, runs the subcommand, and
//! turns the outcome into an exit status. Nothing else lives here.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: html5ever, the tagger and
/// tantivy allocate many small short-lived objects; measured 13% more pages/s
/// in `make bench-normalize`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code.into(),
        Err(err) => {
            if cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("morgue: {err:#}");
            cli::exit::ERROR.into()
        }
    }
}
