//! The library's error type. Every variant names the path or query it concerns
//! so the binary can tell the user what to fix. Bad *input files* are not
//! errors: they become [`crate::summary::Skipped`] entries and the run goes on.

use std::path::PathBuf;

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a morgue operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No index exists at the given place.
    #[error("no index at {}; build one with `morgue index DIR`", path.display())]
    NoIndex {
        /// Where the index was looked for.
        path: PathBuf,
    },
    /// The index was built by another schema version or another morgue.
    #[error(
        "index at {} was built with schema version {found} (this morgue uses {expected}); rebuild it with `morgue index --rebuild DIR`",
        path.display()
    )]
    SchemaMismatch {
        /// The index folder.
        path: PathBuf,
        /// Version recorded in the index (or a description of what was found).
        found: String,
        /// This build's schema version.
        expected: u32,
    },
    /// The index was written by a newer morgue than this one.
    #[error(
        "index at {} was written by morgue {found}, newer than this morgue ({ours}); use that version, or rebuild it with `morgue index --rebuild DIR`",
        path.display()
    )]
    NewerMorgue {
        /// The index folder.
        path: PathBuf,
        /// The version recorded in the index.
        found: String,
        /// This build's version.
        ours: String,
    },
    /// Another process holds the index writer lock.
    #[error("index at {} is locked by another morgue process{}; wait for it to finish", path.display(), pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    Locked {
        /// The index folder.
        path: PathBuf,
        /// The process that holds it, when known.
        pid: Option<u32>,
    },
    /// The corpus folder cannot be read.
    #[error("cannot read corpus folder {}: {source}", path.display())]
    Corpus {
        /// The folder.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// The index holds another corpus than the one given.
    #[error(
        "index at {} holds the corpus {}, not {}; use `morgue index --rebuild {}` to replace it, or `--index PATH` for a separate index",
        index.display(), indexed.display(), given.display(), given.display()
    )]
    OtherCorpus {
        /// The index folder.
        index: PathBuf,
        /// The corpus root recorded in the index.
        indexed: PathBuf,
        /// The folder asked for now.
        given: PathBuf,
    },
    /// The user's query cannot be parsed.
    #[error("cannot parse query {query:?}: {reason}")]
    Query {
        /// The query as typed.
        query: String,
        /// What is wrong with it, in words.
        reason: String,
    },
    /// A filter value is not valid (bad date, empty name).
    #[error("invalid {what} {value:?}: {reason}")]
    Filter {
        /// Which filter (`--since`, `--person`, ...).
        what: &'static str,
        /// The value given.
        value: String,
        /// What a valid value looks like.
        reason: String,
    },
    /// A stored document is missing or not what the schema promises.
    #[error("no article {path:?} in the index; list what is there with `morgue search '*'`")]
    NotFound {
        /// The path asked for.
        path: String,
    },
    /// The index schema file embedded at build time is invalid (a build bug).
    #[error("index-schema/schema.json is invalid: {0}")]
    SchemaFile(String),
    /// An I/O error on the index folder.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// An error from tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The run was interrupted (Ctrl-C) after committing what was done.
    #[error("interrupted; the index holds everything committed before the interrupt")]
    Interrupted,
}
