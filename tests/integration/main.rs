//! Integration tests: the real `morgue` binary, run in clean temporary
//! folders with a scrubbed environment. One test binary; one module per area.

mod util;

/// Error paths: bad queries, missing index, bad arguments.
mod cli_errors;
/// `morgue index`: incremental runs, summaries, skips.
mod index;
/// `morgue normalize` on the seed clipping and on pages (issue: morgue core).
mod normalize;
/// `morgue people` and `--person` variants (issue 5).
mod people;
/// `morgue search`: ranking, snippets, filters, JSON, exit codes.
mod search;
