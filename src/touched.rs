//! Files whose size or mtime changed while their bytes did not (`touch`, a
//! copy that did not keep times, a checkout): the stat they have now,
//! beside the hash of the version the index holds, kept in a small file in
//! the index folder so the next run knows them unchanged from a stat alone.
//!
//! The index's own fast fields hold each document's stat at the time it
//! was indexed and cannot be updated without writing the document again;
//! this file only adds to them. An entry counts only while its hash is the
//! indexed document's, so a file indexed again, removed, or edited back
//! makes its entry void. It is a cache: a missing, old or unreadable file
//! means some files are read and hashed again, never a wrong answer. It
//! must not hold anything the index needs to be whole.

use crate::fasthash::FastMap;
use std::path::Path;

/// The file's name in the index folder.
pub const FILE: &str = "morgue-touched.json";

/// Document id → (size, mtime, hash): the file's stat now and the hash of
/// its indexed version, which its bytes still have.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Touched(FastMap<String, (u64, i64, u64)>);

impl Touched {
    /// Reads the file in `index_dir`; empty when there is none or it
    /// cannot be read.
    pub fn load(index_dir: &Path) -> Touched {
        std::fs::read(index_dir.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .map(Touched)
            .unwrap_or_default()
    }

    /// Writes the file (to a temporary name, then renamed over the old
    /// one, so a reader sees the old or the new whole); removes it when
    /// there is nothing to keep.
    pub fn save(&self, index_dir: &Path) -> std::io::Result<()> {
        let path = index_dir.join(FILE);
        if self.0.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        // Named like the index's own files (`tantivy_files_only`).
        let tmp = index_dir.join(format!("morgue-touched.{}.json", std::process::id()));
        let json = serde_json::to_vec(&self.0).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, &path)
    }

    /// Whether `id`, indexed with `hash`, was seen last with this size and
    /// mtime and its bytes hashed as indexed.
    pub fn unchanged(&self, id: &str, size: u64, mtime: i64, hash: u64) -> bool {
        self.0.get(id) == Some(&(size, mtime, hash))
    }

    /// Records that `id`, with this size and mtime, still hashes as its
    /// indexed version (`hash`).
    pub fn insert(&mut self, id: String, size: u64, mtime: i64, hash: u64) {
        self.0.insert(id, (size, mtime, hash));
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_and_loaded_entries_match_only_the_same_stat_and_hash() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Touched::load(dir.path()).is_empty());
        let mut t = Touched::default();
        t.insert("a.html".into(), 10, 1_700_000_000_000_000_000, 42);
        t.save(dir.path()).unwrap();
        let back = Touched::load(dir.path());
        assert_eq!(back, t);
        assert!(back.unchanged("a.html", 10, 1_700_000_000_000_000_000, 42));
        // Touched again, or indexed again with other bytes: not known.
        assert!(!back.unchanged("a.html", 10, 1_700_000_000_000_000_001, 42));
        assert!(!back.unchanged("a.html", 10, 1_700_000_000_000_000_000, 43));
        assert!(!back.unchanged("b.html", 10, 1_700_000_000_000_000_000, 42));
        // Nothing to keep: the file goes.
        Touched::default().save(dir.path()).unwrap();
        assert!(!dir.path().join(FILE).exists());
        Touched::default().save(dir.path()).unwrap();
    }

    #[test]
    fn an_unreadable_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), b"{not json").unwrap();
        assert!(Touched::load(dir.path()).is_empty());
    }
}
