//! The `morgue` binary: parses the command line, runs the subcommand, and
//! turns the outcome into an exit status. Nothing else lives here.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: html5ever, the tagger and
/// tantivy allocate many small short-lived objects; measured 13% more pages/s
/// in `make bench-normalize`. Built without transparent huge pages
/// (`no_thp`): with them every partly used 2 MB page counted whole, and
/// `morgue index` of 2,000 articles peaked at 190 MB instead of 120 MB, with
/// more kernel time spent zeroing them.
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
