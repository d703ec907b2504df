//! Integration tests: the real `morgue` binary, run in clean temporary
//! folders with a scrubbed environment. One test binary; one module per area.

mod util;

/// `morgue check` and `index --check`: specs, JUnit, JSON, reproducible results (issue 6).
mod check;
/// Error paths: bad queries, missing index, bad arguments.
mod cli_errors;
/// `morgue facets`: value counts of newswire fields.
mod facets;
/// `morgue index`: incremental runs, summaries, skips.
mod index;
/// `morgue normalize` on the seed clipping and on pages (issue: morgue core).
mod normalize;
/// `morgue search`: ranking, snippets, filters, JSON, exit codes.
mod search;
