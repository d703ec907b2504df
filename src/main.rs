//! The `morgue` binary: parses the command line, runs the subcommand, and
//! turns the outcome into an exit status. Nothing else lives here.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: html5ever, the tagger and
/// tantivy allocate many small short-lived objects; measured 13% more pages/s
/// in `make bench-normalize`. mimalloc 2 (`v2`) rather than 3: with 3,
/// resident memory crept up over a long `morgue index` run (c20k peaked at
/// 221 MB against 188 MB for c2k); with 2 it levels off (151-166 MB against
/// 154-162 MB), at the same speed. Transparent huge pages stay on: without
/// them memory is lower still (c2k 118, c20k 121-128 MB) but the tagger's
/// random reads into its weight tables miss the TLB more, and the
/// normalizer is ~3% slower.
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
