//! What an index run did: counts, and every skipped file with a named reason.
//! Plain data only; the binary decides how to show it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Why a file was not indexed. The names (`Display`) are stable: they appear
/// in the summary, in `morgue stats` and in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// The file has no bytes, or only white space.
    Empty,
    /// The bytes are not text (NUL bytes, an image or archive signature).
    Binary,
    /// The file or folder could not be read (permissions, I/O error).
    Unreadable,
    /// The file vanished between the walk and the read.
    Vanished,
    /// Text was decoded but no title or body could be found.
    NoText,
    /// Larger than the size limit.
    TooLarge,
    /// A symbolic link pointing outside the corpus (see `--follow`).
    SymlinkOutside,
    /// A symbolic link that loops back on itself.
    SymlinkLoop,
}

impl SkipReason {
    /// The stable kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Vanished => "vanished",
            SkipReason::NoText => "no-text",
            SkipReason::TooLarge => "too-large",
            SkipReason::SymlinkOutside => "symlink-outside",
            SkipReason::SymlinkLoop => "symlink-loop",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One file that was not indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// Path relative to the corpus root.
    pub path: String,
    /// The named reason.
    pub reason: SkipReason,
    /// A few words of detail (the I/O error, the size).
    pub detail: String,
}

/// Counts of one `morgue index` run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexSummary {
    /// New files indexed.
    pub added: u64,
    /// Changed files re-indexed.
    pub updated: u64,
    /// Documents of files that are gone, deleted.
    pub removed: u64,
    /// Files seen unchanged (not read).
    pub unchanged: u64,
    /// Files skipped, with reasons.
    pub skipped: Vec<Skipped>,
    /// Bytes of files read and normalized.
    pub bytes_read: u64,
    /// Whether the run was stopped early (Ctrl-C) after committing.
    pub interrupted: bool,
}

impl IndexSummary {
    /// Skip counts by reason, sorted by reason name.
    pub fn skip_counts(&self) -> BTreeMap<&'static str, u64> {
        let mut counts = BTreeMap::new();
        for s in &self.skipped {
            *counts.entry(s.reason.name()).or_insert(0) += 1;
        }
        counts
    }
}
