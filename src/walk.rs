//! Corpus folder → the files that may hold articles.
//!
//! Decides *what* is an article file (by extension, case-insensitive), skips
//! hidden files and folders and the index's own folder, and keeps symbolic
//! links inside the tree unless `follow` is set. It must not read file
//! contents: that is `decode`'s job, so a no-change re-run costs one `stat`
//! per file.

use crate::summary::{SkipReason, Skipped};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use walkdir::WalkDir;

/// Extensions read as HTML pages.
pub const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "shtml"];
/// Extensions read as plain-text clippings.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md"];

/// What kind of file the extension promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A saved web page.
    Html,
    /// A plain-text clipping.
    Text,
}

impl FileKind {
    /// The kind for a path's extension, or `None` when morgue does not read it.
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        if HTML_EXTENSIONS.contains(&ext.as_str()) {
            Some(FileKind::Html)
        } else if TEXT_EXTENSIONS.contains(&ext.as_str()) {
            Some(FileKind::Text)
        } else {
            None
        }
    }
}

/// One candidate article file.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Where to read it.
    pub path: PathBuf,
    /// Its path relative to the corpus root, `/`-separated: the article's id.
    pub rel: String,
    /// HTML or text.
    pub kind: FileKind,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since 1970 (0 when unknown).
    pub mtime: i64,
}

/// How to walk.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Follow symbolic links, also out of the tree.
    pub follow: bool,
    /// A folder never to descend into (the index itself).
    pub exclude: Option<PathBuf>,
}

/// The relative, `/`-separated id of `path` under `root`.
pub fn relative_id(root: &Path, path: &Path) -> String {
    // Fast path: the walk yields `root` + "/" + rest, so slice the bytes
    // instead of parsing components (a no-change run does this per file).
    let (r, p) = (
        root.as_os_str().as_encoded_bytes(),
        path.as_os_str().as_encoded_bytes(),
    );
    if std::path::MAIN_SEPARATOR == '/'
        && p.len() > r.len() + 1
        && p.starts_with(r)
        && (p[r.len()] == b'/' || r.ends_with(b"/"))
    {
        let rest = if r.ends_with(b"/") {
            &p[r.len()..]
        } else {
            &p[r.len() + 1..]
        };
        if !rest.starts_with(b"/") && !rest.windows(2).any(|w| w == b"//") && !rest.ends_with(b"/")
        {
            return String::from_utf8_lossy(rest).into_owned();
        }
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().map(|s| s.starts_with('.')).unwrap_or(false)
        || name.as_encoded_bytes().first() == Some(&b'.')
}

/// A folder's own notes (`README.md`, `LICENSE.txt`, `CHANGELOG.md`) are
/// not articles.
fn is_folder_notes(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "README" | "LICENSE" | "LICENCE" | "CHANGELOG" | "COPYING"
    )
}

/// Walks `root` and yields every article file, or a [`Skipped`] for what
/// could not be walked. Sorted by file name within each folder, so runs are
/// reproducible.
pub fn walk(
    root: &Path,
    options: &WalkOptions,
) -> impl Iterator<Item = Result<CorpusFile, Skipped>> + use<> {
    let root = root.to_path_buf();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.clone());
    let exclude = options
        .exclude
        .as_ref()
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()));
    let follow = options.follow;
    let exclude_for_filter = exclude.clone();
    WalkDir::new(&root)
        .follow_links(follow)
        // Siblings by name, as `sort_by_file_name`, whose comparator parses
        // both paths into components (7% of a no-change run on c20k).
        .sort_by(|a, b| name_bytes(a.path()).cmp(name_bytes(b.path())))
        .into_iter()
        .filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            if is_hidden(e.file_name()) {
                return false;
            }
            if let Some(ex) = &exclude_for_filter
                && e.file_type().is_dir()
                && e.path().canonicalize().map(|p| &p == ex).unwrap_or(false)
            {
                return false;
            }
            true
        })
        .filter_map(move |entry| match entry {
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_default();
                let rel = relative_id(&root, &path);
                let reason = if err.loop_ancestor().is_some() {
                    SkipReason::SymlinkLoop
                } else if err
                    .io_error()
                    .map(|e| e.kind() == std::io::ErrorKind::NotFound)
                    .unwrap_or(false)
                {
                    SkipReason::Vanished
                } else {
                    SkipReason::Unreadable
                };
                // A folder we cannot read may hold articles; a file we cannot
                // stat is only worth a line when it looks like one.
                if !path.as_os_str().is_empty()
                    && !path.is_dir()
                    && FileKind::of(&path).is_none()
                    && reason != SkipReason::SymlinkLoop
                {
                    return None;
                }
                let detail = err
                    .io_error()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "symbolic link loop".to_string());
                Some(Err(Skipped {
                    path: rel,
                    reason,
                    detail,
                }))
            }
            Ok(entry) => {
                let path = entry.path();
                let ft = entry.file_type();
                if ft.is_dir() {
                    return None;
                }
                let kind = FileKind::of(path)?;
                if is_folder_notes(path) {
                    return None;
                }
                let rel = relative_id(&root, path);
                let meta = if ft.is_symlink() {
                    // Not following links: keep a link only when it stays inside the tree.
                    match path.canonicalize() {
                        Ok(target) if target.starts_with(&canonical_root) => {
                            match std::fs::metadata(&target) {
                                Ok(m) if m.is_file() => m,
                                Ok(_) => return None,
                                Err(e) => {
                                    return Some(Err(Skipped {
                                        path: rel,
                                        reason: SkipReason::Unreadable,
                                        detail: e.to_string(),
                                    }));
                                }
                            }
                        }
                        Ok(target) => {
                            return Some(Err(Skipped {
                                path: rel,
                                reason: SkipReason::SymlinkOutside,
                                detail: format!(
                                    "points to {}; pass --follow to index it",
                                    target.display()
                                ),
                            }));
                        }
                        Err(e) => {
                            let reason = if e.raw_os_error() == Some(40) {
                                SkipReason::SymlinkLoop
                            } else {
                                SkipReason::Unreadable
                            };
                            return Some(Err(Skipped {
                                path: rel,
                                reason,
                                detail: e.to_string(),
                            }));
                        }
                    }
                } else {
                    match entry.metadata() {
                        Ok(m) => m,
                        Err(e) => {
                            return Some(Err(Skipped {
                                path: rel,
                                reason: SkipReason::Unreadable,
                                detail: e.to_string(),
                            }));
                        }
                    }
                };
                if !meta.is_file() {
                    return None;
                }
                let mtime = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map(|d| d.as_nanos() as i64)
                    .unwrap_or(0);
                Some(Ok(CorpusFile {
                    path: path.to_path_buf(),
                    rel,
                    kind,
                    size: meta.len(),
                    mtime,
                }))
            }
        })
}

/// The last component of a path the walk made (a folder joined with an
/// entry's name), as bytes: what `Path::file_name` gives for it.
#[cfg(unix)]
fn name_bytes(path: &Path) -> &[u8] {
    let p = path.as_os_str().as_encoded_bytes();
    memchr::memrchr(b'/', p).map_or(p, |i| &p[i + 1..])
}

#[cfg(not(unix))]
fn name_bytes(path: &Path) -> &[u8] {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .as_encoded_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_in_walkdirs_file_name_order() {
        let dir = tempfile::tempdir().expect("a temp dir");
        for f in [
            "a/b.txt",
            "a-b.txt",
            "a.b.txt",
            "a b.txt",
            "Z.txt",
            "é.txt",
            "e.txt",
            "a/a/c.txt",
            "ab/x.txt",
            "a0.txt",
            "_.txt",
        ] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().expect("a folder")).expect("folders");
            std::fs::write(&p, "x").expect("a file");
        }
        let ours: Vec<String> = walk(dir.path(), &WalkOptions::default())
            .map(|f| f.expect("a readable file").rel)
            .collect();
        let reference: Vec<String> = walkdir::WalkDir::new(dir.path())
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.expect("an entry"))
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir.path()).expect("under the root");
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        assert_eq!(ours, reference);
    }

    #[test]
    fn kinds_by_extension_case_insensitive() {
        assert_eq!(FileKind::of(Path::new("a/B.HTML")), Some(FileKind::Html));
        assert_eq!(FileKind::of(Path::new("a/b.shtml")), Some(FileKind::Html));
        assert_eq!(FileKind::of(Path::new("a/b.Txt")), Some(FileKind::Text));
        assert_eq!(FileKind::of(Path::new("a/b.md")), Some(FileKind::Text));
        assert_eq!(FileKind::of(Path::new("a/b.pdf")), None);
        assert_eq!(FileKind::of(Path::new("a/README")), None);
    }

    #[test]
    fn walk_skips_hidden_and_excluded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2024/01")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("idx")).unwrap();
        std::fs::write(root.join("2024/01/a.html"), "<p>x</p>").unwrap();
        std::fs::write(root.join("b.txt"), "x").unwrap();
        std::fs::write(root.join(".hidden.txt"), "x").unwrap();
        std::fs::write(root.join(".git/c.txt"), "x").unwrap();
        std::fs::write(root.join("idx/d.txt"), "x").unwrap();
        std::fs::write(root.join("e.jpg"), "x").unwrap();
        std::fs::write(root.join("README.md"), "x").unwrap();
        let opts = WalkOptions {
            follow: false,
            exclude: Some(root.join("idx")),
        };
        let rels: Vec<String> = walk(root, &opts).map(|r| r.unwrap().rel).collect();
        assert_eq!(rels, vec!["2024/01/a.html", "b.txt"]);
    }
}
