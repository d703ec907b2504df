//! Integration tests: the real `morgue` binary, run in clean temporary
//! folders with a scrubbed environment. One test binary; one module per area.

mod util;

/// `morgue check` and `index --check`: specs, JUnit, JSON, reproducible results (issue 6).
mod check;
/// Error paths: bad queries, missing index, bad arguments.
mod cli_errors;
/// A second writer is refused; search during indexing; stale locks (issue 8).
mod concurrency;
/// `morgue facets`: value counts of newswire fields.
mod facets;
/// Hostile files: encodings, binaries, giant and deep pages, odd names, links (issue 8).
mod hostile;
/// `morgue index`: incremental runs, summaries, skips.
mod index;
/// Kill-and-resume, Ctrl-C, and refusing other schema or newer indexes (issue 8).
mod interrupt;
/// `morgue normalize` on the seed clipping and on pages (issue: morgue core).
mod normalize;
/// `morgue people` and `--person` variants (issue 5).
mod people;
/// Bad queries: property tests over random query strings, and through the binary (issue 8).
mod queries;
/// `morgue search`: ranking, snippets, filters, JSON, exit codes.
mod search;
/// Control characters, ANSI escapes, bidi and zero-width text never reach a terminal raw (issue 8).
mod untrusted;
