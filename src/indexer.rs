//! [`Article`] → tantivy document, and the incremental index run that owns
//! the `IndexWriter`.
//!
//! A run walks the corpus, compares each file's size and mtime with the
//! manifest kept in the index's own fast fields (so the manifest can never
//! disagree with what was committed), hashes the files whose stat changed
//! (those whose bytes did not are remembered in [`crate::touched`], and no
//! writer is opened for them), normalizes only new and changed files on
//! all cores, and commits in batches with a payload recording the schema
//! version, the corpus root and the run's summary. Killed at any point, the
//! index holds the last commit and the next run converges. It prints
//! nothing: progress goes through the [`Progress`] trait.

use crate::article::Article;
use crate::error::{Error, Result};
use crate::merges::BoundedMerges;
use crate::schema::{self, Fields, MorgueSchema};
use crate::summary::{IndexSummary, SkipReason, Skipped};
use crate::touched::Touched;
use crate::walk::{self, CorpusFile, WalkOptions};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tantivy::schema::Value;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, Term};

/// Files larger than this are skipped as `too-large`.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Memory for each tantivy indexing thread's in-memory segment. About 12 MB
/// of it is the writer's fixed tables; the rest fills at roughly 4 KB per
/// article, so a segment is flushed every ~2,600 articles. A smaller budget
/// makes more, smaller segments (more merging, slower queries); a larger
/// one holds more in memory.
const WRITER_BUDGET: usize = 28_000_000;
/// Articles normalized ahead of the writer (see `run_with_writer`).
const CHANNEL_ARTICLES: usize = 256;
/// A run commits early, before its last articles, only when at least this
/// many wait in memory.
const TAIL_COMMIT_MIN: usize = 500;
/// Name of the file that holds the writer's pid while a run is going.
const PID_FILE: &str = "morgue.pid";

/// What the index records about itself in each commit's payload.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IndexState {
    /// Schema version the index was built with.
    pub schema_version: u32,
    /// The morgue version that wrote the last commit.
    pub morgue_version: String,
    /// Absolute path of the indexed corpus folder.
    pub corpus_root: PathBuf,
    /// When the last commit was made (RFC 3339, UTC).
    pub indexed_at: String,
    /// Summary of the run that made the last commit.
    pub last_run: RunRecord,
}

/// A run's summary as stored in the index.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RunRecord {
    /// New files indexed.
    pub added: u64,
    /// Changed files re-indexed.
    pub updated: u64,
    /// Documents of vanished files deleted.
    pub removed: u64,
    /// Unchanged files.
    pub unchanged: u64,
    /// Skip counts by reason.
    pub skipped: BTreeMap<String, u64>,
    /// The first skipped files, with reasons.
    pub skipped_files: Vec<Skipped>,
    /// The run was interrupted after this commit.
    pub interrupted: bool,
}

/// How to run `morgue index`.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// The corpus folder.
    pub root: PathBuf,
    /// The index folder.
    pub index_dir: PathBuf,
    /// Throw away the index and start over.
    pub rebuild: bool,
    /// Follow symbolic links, also out of the tree.
    pub follow: bool,
    /// Worker threads for normalizing (0: all cores).
    pub threads: usize,
    /// Commit after this many documents...
    pub commit_docs: usize,
    /// ...or after this long, whichever comes first.
    pub commit_interval: Duration,
    /// Set to stop early (Ctrl-C); what is done is committed.
    pub interrupt: Arc<AtomicBool>,
}

impl IndexOptions {
    /// Options with the defaults for a corpus and an index folder.
    pub fn new(root: PathBuf, index_dir: PathBuf) -> Self {
        IndexOptions {
            root,
            index_dir,
            rebuild: false,
            follow: false,
            threads: 0,
            commit_docs: 5_000,
            commit_interval: Duration::from_secs(10),
            interrupt: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// Where a run reports progress. The library knows no terminal.
pub trait Progress: Sync {
    /// The walk found `n` files to read.
    fn start(&self, _n: u64) {}
    /// `n` more files were read.
    fn advance(&self, _n: u64) {}
    /// A file was skipped.
    fn skipped(&self, _s: &Skipped) {}
    /// Every file is read and committed; the run now merges `n` groups of
    /// small segments, one after the other (seconds on a large archive).
    fn merging(&self, _n: usize) {}
    /// The run is over.
    fn finish(&self) {}
}

/// A [`Progress`] that reports nothing.
pub struct Silent;
impl Progress for Silent {}

/// Every committed document's id → (size, mtime, hash) of its file. Fx
/// hashing: a no-change run looks up every file of the corpus here, and
/// SipHash was a tenth of such a run; the keys are the corpus's own paths.
pub(crate) type Manifest = crate::fasthash::FastMap<String, (u64, i64, u64)>;

/// An opened morgue index.
pub struct MorgueIndex {
    /// The tantivy index.
    pub index: Index,
    /// Its folder.
    pub dir: PathBuf,
    /// The schema.
    pub schema: &'static MorgueSchema,
    /// What the last commit recorded (`None` for a fresh, empty index).
    pub state: Option<IndexState>,
    /// The reader [`MorgueIndex::searcher`] hands out, opened on first use.
    reader: std::sync::OnceLock<tantivy::IndexReader>,
}

fn tantivy_files_only(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().all(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name == "meta.json"
            || name == ".managed.json"
            || name.starts_with(".tantivy")
            || name == PID_FILE
            || name.ends_with(".lock")
            || [
                ".store",
                ".idx",
                ".pos",
                ".term",
                ".fieldnorm",
                ".fast",
                ".del",
                ".json",
            ]
            .iter()
            .any(|ext| name.ends_with(ext))
    })
}

impl MorgueIndex {
    /// Opens the index at `dir` for reading, checking its schema version.
    pub fn open(dir: &Path) -> Result<MorgueIndex> {
        let schema = schema::get()?;
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
            });
        }
        let index = Index::open_in_dir(dir).map_err(|e| match e {
            tantivy::TantivyError::IncompatibleIndex(i) => Error::SchemaMismatch {
                path: dir.to_path_buf(),
                found: format!("an incompatible tantivy format ({i:?})"),
                expected: schema.version,
            },
            other => Error::Tantivy(other),
        })?;
        let state = read_state(&index, dir, schema.version)?;
        if !schema::same_fields(&index.schema(), &schema.schema) {
            return Err(Error::SchemaMismatch {
                path: dir.to_path_buf(),
                found: state
                    .as_ref()
                    .map(|s| format!("{} with other fields", s.schema_version))
                    .unwrap_or_else(|| "unknown (not a morgue index)".into()),
                expected: schema.version,
            });
        }
        schema::register_tokenizers(&index);
        Ok(MorgueIndex {
            index,
            dir: dir.to_path_buf(),
            schema,
            state,
            reader: Default::default(),
        })
    }

    /// Opens the index at `dir`, creating it when absent. With `rebuild`, an
    /// index of another schema is replaced (only when its folder holds
    /// nothing but index files).
    pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<MorgueIndex> {
        let schema = schema::get()?;
        let io = |source| Error::Io {
            path: dir.to_path_buf(),
            source,
        };
        if dir.join("meta.json").is_file() {
            match MorgueIndex::open(dir) {
                Ok(i) => return Ok(i),
                Err(Error::SchemaMismatch { .. } | Error::NewerMorgue { .. })
                    if rebuild && tantivy_files_only(dir) =>
                {
                    std::fs::remove_dir_all(dir).map_err(io)?;
                }
                Err(e) => return Err(e),
            }
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let index = Index::create_in_dir(dir, schema.schema.clone())?;
        schema::register_tokenizers(&index);
        Ok(MorgueIndex {
            index,
            dir: dir.to_path_buf(),
            schema,
            state: None,
            reader: Default::default(),
        })
    }

    /// A searcher over the commit that was last when the index was first
    /// searched: the segments are opened (and mapped) once per process,
    /// however many queries it runs. It does not follow later commits.
    pub fn searcher(&self) -> Result<tantivy::Searcher> {
        if let Some(r) = self.reader.get() {
            return Ok(r.searcher());
        }
        let reader = self.open_reader()?;
        Ok(self.reader.get_or_init(|| reader).searcher())
    }

    /// A searcher over the last commit, on a reader of its own: nothing
    /// stays open once it is dropped, so a writer can delete the files of
    /// segments it replaces.
    fn latest_searcher(&self) -> Result<tantivy::Searcher> {
        Ok(self.open_reader()?.searcher())
    }

    fn open_reader(&self) -> Result<tantivy::IndexReader> {
        // The reader does not watch the folder for new commits (a command
        // reads one commit and exits), which keeps start-up cheap.
        Ok(self
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?)
    }

    /// Number of live documents in the last commit.
    pub fn num_docs(&self) -> Result<u64> {
        Ok(self.latest_searcher()?.num_docs())
    }

    /// The manifest: id → (size, mtime, hash) of every committed document.
    pub(crate) fn manifest(&self) -> Result<Manifest> {
        let searcher = self.latest_searcher()?;
        let mut out = Manifest::default();
        out.reserve(searcher.num_docs() as usize);
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let Some(ids) = ff.str("id")? else { continue };
            let sizes = ff.u64("file_size")?;
            let mtimes = ff.i64("file_mtime")?;
            let hashes = ff.u64("file_hash")?;
            // Ids are looked up in ordinal order, one pass over the
            // dictionary: per-document lookups would decompress a block each.
            let mut pairs: Vec<(u64, u32)> = seg
                .doc_ids_alive()
                .filter_map(|doc| ids.term_ords(doc).next().map(|ord| (ord, doc)))
                .collect();
            pairs.sort_unstable();
            pairs.dedup_by_key(|p| p.0);
            let ords: Vec<u64> = pairs.iter().map(|p| p.0).collect();
            let mut next = pairs.iter();
            ids.dictionary()
                .sorted_ords_to_term_cb(&ords, |bytes| {
                    if let Some(&(_, doc)) = next.next() {
                        let id = String::from_utf8_lossy(bytes).into_owned();
                        let size = sizes.first(doc).unwrap_or(0);
                        let mtime = mtimes.first(doc).unwrap_or(0);
                        let hash = hashes.first(doc).unwrap_or(0);
                        out.insert(id, (size, mtime, hash));
                    }
                })
                .map_err(|source| Error::Io {
                    path: self.dir.clone(),
                    source,
                })?;
        }
        Ok(out)
    }
}

/// The two fields any morgue version writes, read before the rest so an
/// index from another version is refused with the reason, never misread.
#[derive(Deserialize)]
struct VersionProbe {
    schema_version: Option<u32>,
    morgue_version: Option<String>,
}

/// `"1.2.3"` → `[1, 2, 3]`; pre-release and build suffixes are ignored.
fn version_parts(v: &str) -> Option<[u64; 3]> {
    let core = v.trim().split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let out = [parts.next()??, parts.next()??, parts.next()??];
    parts.next().is_none().then_some(out)
}

/// Whether `found` is a newer morgue version than this build's. A version
/// that cannot be read counts as newer: better to refuse than to misread.
pub fn is_newer_version(found: &str, ours: &str) -> bool {
    match (version_parts(found), version_parts(ours)) {
        (Some(f), Some(o)) => f > o,
        _ => found.trim() != ours.trim(),
    }
}

/// Reads and checks the last commit's payload: schema version first, then
/// the morgue version that wrote it, then the whole record.
fn read_state(index: &Index, dir: &Path, expected: u32) -> Result<Option<IndexState>> {
    let metas = index.load_metas()?;
    let Some(payload) = metas.payload.as_deref() else {
        return Ok(None);
    };
    let mismatch = |found: String| Error::SchemaMismatch {
        path: dir.to_path_buf(),
        found,
        expected,
    };
    let probe: VersionProbe = serde_json::from_str(payload)
        .map_err(|_| mismatch("unknown (the index's commit record is not morgue's)".into()))?;
    match probe.schema_version {
        Some(v) if v == expected => {}
        Some(v) => return Err(mismatch(v.to_string())),
        None => return Err(mismatch("unknown (no schema version recorded)".into())),
    }
    let ours = env!("CARGO_PKG_VERSION");
    if let Some(found) = &probe.morgue_version
        && is_newer_version(found, ours)
    {
        return Err(Error::NewerMorgue {
            path: dir.to_path_buf(),
            found: found.clone(),
            ours: ours.to_string(),
        });
    }
    serde_json::from_str::<IndexState>(payload)
        .map(Some)
        .map_err(|e| mismatch(format!("{expected} with an unreadable commit record ({e})")))
}

/// The file facts stored beside an article for the incremental manifest.
#[derive(Debug, Clone, Copy)]
pub struct FileFacts {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, ns since 1970.
    pub mtime: i64,
    /// XXH3 of the bytes.
    pub hash: u64,
}

/// Builds the tantivy document for an article.
pub fn to_document(article: &Article, facts: FileFacts, f: &Fields) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &article.path);
    doc.add_text(f.path, &article.path);
    if let Some(u) = &article.url {
        doc.add_text(f.url, u);
    }
    doc.add_text(f.title, &article.title);
    doc.add_text(f.body, &article.body);
    if let Some(c) = &article.caption {
        doc.add_text(f.caption, c);
    }
    if let Some(d) = article
        .date
        .as_deref()
        .and_then(crate::metadata::date::parse_stamp)
    {
        doc.add_date(f.date, DateTime::from_timestamp_secs(d.unix_seconds()));
        if let Some(s) = &article.date_source {
            doc.add_text(f.date_source, s);
        }
    }
    if let Some(p) = &article.publisher {
        doc.add_text(f.publisher, p);
    }
    if let Some(s) = &article.source {
        doc.add_text(f.source, s);
    }
    for d in &article.dateline {
        doc.add_text(f.dateline, d);
        doc.add_text(f.place, d);
    }
    for p in &article.people {
        doc.add_text(f.people, p);
        doc.add_text(f.person, p);
    }
    for v in &article.people_variants {
        doc.add_text(f.person, v);
    }
    for a in &article.authors {
        doc.add_text(f.authors, a);
    }
    if let Some(l) = &article.language {
        doc.add_text(f.language, l);
    }
    doc.add_u64(f.file_size, facts.size);
    doc.add_i64(f.file_mtime, facts.mtime);
    doc.add_u64(f.file_hash, facts.hash);
    doc
}

/// Reads a stored document back into an [`Article`] (body included).
pub fn from_document(doc: &TantivyDocument, f: &Fields) -> Article {
    let one = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let all = |field| {
        doc.get_all(field)
            .filter_map(|v| v.as_str())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let date = doc
        .get_first(f.date)
        .and_then(|v| v.as_datetime())
        .map(|d| {
            let days = d.into_timestamp_secs().div_euclid(86_400);
            crate::metadata::date::civil_from_days(days).iso()
        });
    Article {
        path: one(f.id).unwrap_or_default(),
        title: one(f.title).unwrap_or_default(),
        body: one(f.body).unwrap_or_default(),
        date,
        date_source: one(f.date_source),
        publisher: one(f.publisher),
        source: one(f.source),
        dateline: all(f.dateline),
        dateline_raw: None,
        dateline_day: None,
        authors: all(f.authors),
        people: all(f.people),
        people_variants: Vec::new(),
        url: one(f.url),
        caption: one(f.caption),
        language: one(f.language),
    }
}

/// Now, as RFC 3339 UTC.
pub fn now_rfc3339() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let day = crate::metadata::date::civil_from_days(now.div_euclid(86_400));
    let s = now.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        day.iso(),
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

enum Work {
    Done {
        file: CorpusFile,
        article: Box<Article>,
        facts: FileFacts,
        update: bool,
    },
    /// Size or mtime changed but the bytes hash as before: nothing to redo.
    Same,
    Skip(Skipped),
}

/// Reads and normalizes one file. `prev_hash` is the indexed version's
/// hash, for a file the index already holds.
fn process(file: CorpusFile, prev_hash: Option<u64>) -> Work {
    let update = prev_hash.is_some();
    if file.size > MAX_FILE_BYTES {
        return Work::Skip(Skipped {
            path: file.rel,
            reason: SkipReason::TooLarge,
            detail: format!(
                "{} MB is over the {} MB limit",
                file.size / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
        });
    }
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => {
            let reason = if e.kind() == std::io::ErrorKind::NotFound {
                SkipReason::Vanished
            } else {
                SkipReason::Unreadable
            };
            return Work::Skip(Skipped {
                path: file.rel,
                reason,
                detail: e.to_string(),
            });
        }
    };
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    if prev_hash == Some(hash) {
        return Work::Same;
    }
    match crate::normalize::normalize(&file.rel, &bytes) {
        Ok(article) => Work::Done {
            facts: FileFacts {
                size: bytes.len() as u64,
                mtime: file.mtime,
                hash,
            },
            article: Box::new(article),
            file,
            update,
        },
        Err(reason) => Work::Skip(Skipped {
            detail: match reason {
                SkipReason::Binary => {
                    "not text (binary bytes or an image/archive signature)".into()
                }
                SkipReason::Empty => "no bytes, or only white space".into(),
                SkipReason::NoText => "no title or body text found".into(),
                _ => String::new(),
            },
            path: file.rel,
            reason,
        }),
    }
}

/// Runs `morgue index`: walks, normalizes what changed, commits in batches.
pub fn run(options: &IndexOptions, progress: &dyn Progress) -> Result<IndexSummary> {
    let root = options
        .root
        .canonicalize()
        .map_err(|source| Error::Corpus {
            path: options.root.clone(),
            source,
        })?;
    if !root.is_dir() {
        return Err(Error::Corpus {
            path: options.root.clone(),
            source: std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
        });
    }
    let mi = MorgueIndex::open_or_create(&options.index_dir, options.rebuild)?;
    let f = mi.schema.fields;
    if let Some(state) = &mi.state
        && state.corpus_root != root
        && !options.rebuild
        && mi.num_docs()? > 0
    {
        return Err(Error::OtherCorpus {
            index: options.index_dir.clone(),
            indexed: state.corpus_root.clone(),
            given: options.root.clone(),
        });
    }
    let threads = if options.threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
    } else {
        options.threads
    };

    // The tagger's tables (~50 ms on one core) are built while the rest of
    // the corpus is walked, from the first file that needs reading, so the
    // first articles do not wait for them; a run with nothing to read
    // never builds them.
    let mut warm = None;
    let mut first_todo = || {
        warm.get_or_insert_with(|| std::thread::spawn(crate::metadata::people::warm_up));
    };
    // Walk and compare with the manifest before taking the writer: a run
    // with nothing to do stats the files and stops, writing nothing.
    let mut plan = plan(options, progress, &mi, &root, &mut first_todo)?;
    triage(&mut plan, threads);
    if !plan.todo.is_empty() {
        first_todo();
    }
    if plan.todo.is_empty() && plan.removed.is_empty() && !options.rebuild {
        // Failing to write it costs only hashing those files again.
        if plan.touched_changed {
            let _ = plan.touched.save(&options.index_dir);
        }
        progress.start(0);
        progress.finish();
        return Ok(plan.summary);
    }
    let touched = std::mem::take(&mut plan.touched);
    let touched_changed = plan.touched_changed;

    // Normalizing is the heavy part: one tantivy indexing thread per two
    // cores keeps up, and leaves the cores to the normalizers.
    let index_threads = (threads / 2).clamp(1, 4);
    let mut writer: IndexWriter = mi
        .index
        .writer_with_num_threads(index_threads, WRITER_BUDGET * index_threads)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::Locked {
                path: options.index_dir.clone(),
                pid: std::fs::read_to_string(options.index_dir.join(PID_FILE))
                    .ok()
                    .and_then(|s| s.trim().parse().ok()),
            },
            other => Error::Tantivy(other),
        })?;
    let policy = BoundedMerges::new(options.interrupt.clone());
    writer.set_merge_policy(Box::new(policy.clone()));
    // Read after taking the lock: no other writer can add documents now.
    plan.fresh = options.rebuild || mi.num_docs()? == 0;
    let pid_path = options.index_dir.join(PID_FILE);
    let _ = std::fs::write(&pid_path, std::process::id().to_string());
    let result = run_with_writer(options, progress, plan, &mut writer, &root, f, threads);
    if result.is_ok() && touched_changed {
        let _ = touched.save(&options.index_dir);
    }
    if let Some(warm) = warm {
        let _ = warm.join();
    }
    let _ = std::fs::remove_file(&pid_path);
    match result {
        Ok(summary) => {
            if !summary.interrupted {
                compact(&mut writer, &policy, progress);
            }
            let merged = writer.wait_merging_threads();
            progress.finish();
            merged?;
            Ok(summary)
        }
        Err(e) => {
            let _ = writer.rollback();
            Err(e)
        }
    }
}

/// Starts the merges of the small segments a run leaves (see
/// [`crate::merges::compaction`]); `wait_merging_threads` then waits for
/// them all. The merge policy offers them one group at a time, each once
/// the previous one ends, so the merges' memory maps (resident memory)
/// keep the peak where the run itself had it; Ctrl-C stops them between
/// two. Each merge is committed on its own: the run's articles are
/// committed already, and a merge that fails (a full disk) leaves the
/// index whole, only less merged.
fn compact(writer: &mut IndexWriter, policy: &BoundedMerges, progress: &dyn Progress) {
    let Ok(metas) = writer.index().load_metas() else {
        return;
    };
    let groups = crate::merges::compaction(&crate::merges::sizes(&metas.segments));
    if groups.is_empty() {
        return;
    }
    progress.merging(groups.len());
    policy.compact();
    // Tantivy asks its merge policy at the end of a commit and of each
    // merge; a commit with nothing new (the run's state kept as its
    // payload) asks now. Starting a merge from here instead could collide
    // with one of the policy's still running, and while the two overlap
    // the policy sees none of those segments free.
    let Ok(mut prepared) = writer.prepare_commit() else {
        return;
    };
    if let Some(payload) = &metas.payload {
        prepared.set_payload(payload);
    }
    drop(prepared.commit());
}

/// What a run has to do: files to read, ids to delete, and the counts so far.
struct Plan {
    /// Files to read, with the indexed version's hash when there is one.
    todo: Vec<(CorpusFile, Option<u64>)>,
    /// The index held no documents once the writer had its lock (or is
    /// being rebuilt): no document can exist to be replaced.
    fresh: bool,
    removed: Vec<String>,
    summary: IndexSummary,
    /// Files whose stat changed but not their bytes, as the run ends.
    touched: Touched,
    /// `touched` differs from what the index folder holds.
    touched_changed: bool,
}

/// Walks the corpus and sorts every file against the manifest kept in the
/// index: unchanged (same size and mtime: not read), changed, new; ids of
/// files that are gone are listed for deletion. A file whose stat changed
/// is unchanged still when [`Touched`] knows that stat with the indexed
/// hash. `first_todo` is called when the first new file is found.
fn plan(
    options: &IndexOptions,
    progress: &dyn Progress,
    mi: &MorgueIndex,
    root: &Path,
    first_todo: &mut dyn FnMut(),
) -> Result<Plan> {
    let mut summary = IndexSummary::default();
    let manifest = if options.rebuild {
        Manifest::default()
    } else {
        mi.manifest()?
    };
    let known = Touched::load(&options.index_dir);
    let mut touched = Touched::default();
    let walk_opts = WalkOptions {
        follow: options.follow,
        exclude: Some(options.index_dir.clone()),
    };
    let mut todo: Vec<(CorpusFile, Option<u64>)> = Vec::new();
    // Every id seen is taken out of the manifest; what is left is gone.
    let mut manifest = manifest;
    for item in walk::walk(root, &walk_opts) {
        match item {
            Ok(file) => {
                let prev_hash = match manifest.remove(&file.rel) {
                    Some((size, mtime, _)) if size == file.size && mtime == file.mtime => {
                        summary.unchanged += 1;
                        continue;
                    }
                    Some((_, _, hash))
                        if known.unchanged(&file.rel, file.size, file.mtime, hash) =>
                    {
                        touched.insert(file.rel, file.size, file.mtime, hash);
                        summary.unchanged += 1;
                        continue;
                    }
                    Some((_, _, hash)) => Some(hash),
                    None => {
                        first_todo();
                        None
                    }
                };
                todo.push((file, prev_hash));
            }
            Err(skip) => {
                // Unreadable or vanished: keep what the index had.
                manifest.remove(&skip.path);
                progress.skipped(&skip);
                summary.skipped.push(skip);
            }
        }
    }
    let mut removed: Vec<String> = manifest.into_keys().collect();
    removed.sort();
    summary.removed = removed.len() as u64;
    let touched_changed = touched != known;
    Ok(Plan {
        todo,
        fresh: false,
        removed,
        summary,
        touched,
        touched_changed,
    })
}

/// Reads and hashes, on `threads` cores, the files of the plan whose stat
/// changed; those whose bytes hash as their indexed version are unchanged
/// and go to `plan.touched`, the others stay to be read again and
/// normalized. A file that cannot be read now stays too: reading it again
/// reports why.
fn triage(plan: &mut Plan, threads: usize) {
    use rayon::prelude::*;
    let recheck = |(file, prev): &(CorpusFile, Option<u64>)| -> bool {
        prev.is_some_and(|hash| {
            file.size <= MAX_FILE_BYTES
                && std::fs::read(&file.path)
                    .is_ok_and(|bytes| xxhash_rust::xxh3::xxh3_64(&bytes) == hash)
        })
    };
    if plan.todo.iter().all(|(_, prev)| prev.is_none()) {
        return;
    }
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build() else {
        return;
    };
    let same: Vec<bool> = pool.install(|| plan.todo.par_iter().map(recheck).collect());
    let todo = std::mem::take(&mut plan.todo);
    for ((file, prev), same) in todo.into_iter().zip(same) {
        match prev {
            Some(hash) if same => {
                plan.touched.insert(file.rel, file.size, file.mtime, hash);
                plan.touched_changed = true;
                plan.summary.unchanged += 1;
            }
            _ => plan.todo.push((file, prev)),
        }
    }
}

fn run_with_writer(
    options: &IndexOptions,
    progress: &dyn Progress,
    plan: Plan,
    writer: &mut IndexWriter,
    root: &Path,
    f: Fields,
    threads: usize,
) -> Result<IndexSummary> {
    let Plan {
        todo,
        fresh,
        removed,
        mut summary,
        ..
    } = plan;
    if options.rebuild {
        writer.delete_all_documents()?;
    }
    for id in &removed {
        writer.delete_term(Term::from_field_text(f.id, id));
    }
    progress.start(todo.len() as u64);
    let total = todo.len();

    // Normalize on a pool; results come back through a bounded channel so
    // memory stays flat however large the corpus. It holds enough articles
    // (a few MB) for the normalizers to keep working through a commit,
    // which blocks this thread while the writer writes its segment.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Work>(CHANNEL_ARTICLES);
    let interrupt = options.interrupt.clone();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("morgue-normalize-{i}"))
        .build()
        .map_err(|e| Error::Io {
            path: root.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
    let producer = std::thread::spawn(move || {
        use rayon::prelude::*;
        pool.install(|| {
            todo.into_par_iter()
                .for_each_with(tx, |tx, (file, prev_hash)| {
                    if interrupt.load(Ordering::Relaxed) {
                        return;
                    }
                    let _ = tx.send(process(file, prev_hash));
                });
        });
    });

    let mut since_commit = 0usize;
    let mut last_commit = Instant::now();
    let mut interrupted = false;
    let mut received = 0usize;
    let mut tail_committed = false;
    for work in rx.iter() {
        received += 1;
        match work {
            Work::Done {
                file,
                article,
                facts,
                update,
            } => {
                // Deleting first even for a "new" file means no interleaving
                // with another writer's commit can leave two documents. An
                // index that was empty when this writer took the lock has
                // nothing to replace.
                if !fresh {
                    writer.delete_term(Term::from_field_text(f.id, &file.rel));
                }
                if update {
                    summary.updated += 1;
                } else {
                    summary.added += 1;
                }
                summary.bytes_read += facts.size;
                writer.add_document(to_document(&article, facts, &f))?;
                since_commit += 1;
            }
            Work::Same => summary.unchanged += 1,
            Work::Skip(skip) => {
                progress.skipped(&skip);
                summary.skipped.push(skip);
            }
        }
        progress.advance(1);
        if options.interrupt.load(Ordering::Relaxed) {
            interrupted = true;
            break;
        }
        // Near the end, commit what is in memory while the last articles
        // are still being normalized: their segment is then written on one
        // core while the other normalizes, and the final commit has little
        // left to write (writing 2,000 articles' segment takes ~130 ms).
        let before_the_end =
            !tail_committed && commit_before_the_end(total.saturating_sub(received), since_commit);
        tail_committed |= before_the_end;
        if since_commit >= options.commit_docs
            || last_commit.elapsed() >= options.commit_interval
            || before_the_end
        {
            commit(writer, root, &summary, false)?;
            since_commit = 0;
            last_commit = Instant::now();
        }
    }
    drop(rx);
    let _ = producer.join();
    summary.interrupted = interrupted || options.interrupt.load(Ordering::Relaxed);
    commit(writer, root, &summary, summary.interrupted)?;
    Ok(summary)
}

/// Whether to commit now, with `left` articles still to come and `waiting`
/// added since the last commit: when at least [`TAIL_COMMIT_MIN`] wait and
/// what is left is an eighth of them or less. Normalizing an article takes
/// some 20 times as long as writing it into a segment (c2k: ~1.3 ms of CPU
/// against ~65 µs), so normalizing the last ones covers the writing.
fn commit_before_the_end(left: usize, waiting: usize) -> bool {
    left > 0 && waiting >= TAIL_COMMIT_MIN && left * 8 <= waiting
}

fn commit(
    writer: &mut IndexWriter,
    root: &Path,
    s: &IndexSummary,
    interrupted: bool,
) -> Result<()> {
    let schema = schema::get()?;
    let state = IndexState {
        schema_version: schema.version,
        morgue_version: env!("CARGO_PKG_VERSION").to_string(),
        corpus_root: root.to_path_buf(),
        indexed_at: now_rfc3339(),
        last_run: RunRecord {
            added: s.added,
            updated: s.updated,
            removed: s.removed,
            unchanged: s.unchanged,
            skipped: s
                .skip_counts()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            skipped_files: s.skipped.iter().take(200).cloned().collect(),
            interrupted,
        },
    };
    let payload = serde_json::to_string(&state).map_err(|e| Error::Io {
        path: root.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_early_commit_comes_only_near_the_end_of_a_big_batch() {
        assert!(commit_before_the_end(200, 1_800));
        assert!(!commit_before_the_end(300, 1_800));
        assert!(!commit_before_the_end(0, 1_800));
        assert!(!commit_before_the_end(10, TAIL_COMMIT_MIN - 1));
    }

    /// Records the progress calls of a run, in order.
    #[derive(Default)]
    struct Calls(std::sync::Mutex<Vec<String>>);

    impl Progress for Calls {
        fn start(&self, n: u64) {
            self.0.lock().unwrap().push(format!("start {n}"));
        }
        fn merging(&self, n: usize) {
            self.0.lock().unwrap().push(format!("merging {n}"));
        }
        fn finish(&self) {
            self.0.lock().unwrap().push("finish".into());
        }
    }

    /// A corpus of `n` one-paragraph clippings, indexed on one thread
    /// with a commit per article: a small segment each.
    fn one_commit_per_article(n: usize) -> (tempfile::TempDir, IndexOptions) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        for k in 0..n {
            std::fs::write(
                corpus.join(format!("c{k:03}.txt")),
                format!("Clipping {k}\n\nThe council met on Tuesday to vote on budget {k}."),
            )
            .unwrap();
        }
        let mut options = IndexOptions::new(corpus, dir.path().join("index"));
        options.threads = 1;
        options.commit_docs = 1;
        (dir, options)
    }

    #[test]
    fn the_end_of_run_merges_are_reported_before_the_finish() {
        // Six small segments, merged at the end.
        let (_dir, options) = one_commit_per_article(6);
        let calls = Calls::default();
        let summary = run(&options, &calls).unwrap();
        assert_eq!(summary.added, 6);
        let calls = calls.0.into_inner().unwrap();
        assert_eq!(calls, ["start 6", "merging 1", "finish"]);
        let mi = MorgueIndex::open(&options.index_dir).unwrap();
        assert_eq!(mi.index.searchable_segment_metas().unwrap().len(), 1);
        // A run with nothing to do starts and finishes, merging nothing.
        let again = Calls::default();
        run(&options, &again).unwrap();
        assert_eq!(again.0.into_inner().unwrap(), ["start 0", "finish"]);
    }

    #[test]
    fn the_end_of_run_merges_finish_beside_the_merge_policys() {
        // Past MAX_SEGMENTS the merge policy merges in the background
        // while the run goes on; with this many articles the last commit
        // starts one of its merges, still running when compaction starts.
        let n = crate::merges::MAX_SEGMENTS + 1 + 4 * (crate::merges::MERGE_WIDTH - 1);
        let (_dir, options) = one_commit_per_article(n);
        let summary = run(&options, &Calls::default()).unwrap();
        assert_eq!(summary.added as usize, n);
        let mi = MorgueIndex::open(&options.index_dir).unwrap();
        let metas = mi.index.searchable_segment_metas().unwrap();
        assert_eq!(metas.len(), 1, "{:?}", crate::merges::sizes(&metas));
        assert_eq!(mi.num_docs().unwrap() as usize, n);
    }

    #[test]
    fn a_touched_file_is_hashed_once_then_known_unchanged() {
        let (_dir, mut options) = one_commit_per_article(3);
        options.commit_docs = 100;
        let sidecar = options.index_dir.join(crate::touched::FILE);
        assert_eq!(run(&options, &Silent).unwrap().added, 3);
        let path = options.root.join("c001.txt");
        let touch = |secs: u64| {
            let t = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(t)
                .unwrap();
        };
        // Touched: read and hashed, found the same, remembered.
        touch(1_800_000_000);
        let s = run(&options, &Silent).unwrap();
        assert_eq!((s.added, s.updated, s.unchanged), (0, 0, 3));
        let known = Touched::load(&options.index_dir);
        assert_eq!(known.len(), 1);
        // The next run knows it from its stat: the entry is kept as is.
        let before = std::fs::read(&sidecar).unwrap();
        let s = run(&options, &Silent).unwrap();
        assert_eq!((s.updated, s.unchanged), (0, 3));
        assert_eq!(Touched::load(&options.index_dir), known);
        assert_eq!(std::fs::read(&sidecar).unwrap(), before);
        // Edited: indexed again, and the entry is void, so the file goes.
        std::fs::write(&path, "Clipping 1\n\nThe council voted the budget down.").unwrap();
        touch(1_800_000_100);
        let s = run(&options, &Silent).unwrap();
        assert_eq!((s.updated, s.unchanged), (1, 2));
        assert!(!sidecar.exists());
        let s = run(&options, &Silent).unwrap();
        assert_eq!((s.updated, s.unchanged), (0, 3));
    }

    #[test]
    fn newer_versions_are_recognised() {
        assert!(is_newer_version("0.2.0", "0.1.0"));
        assert!(is_newer_version("0.1.10", "0.1.9"));
        assert!(is_newer_version("1.0.0-beta.1", "0.9.9"));
        assert!(!is_newer_version("0.1.0", "0.1.0"));
        assert!(!is_newer_version("0.0.9", "0.1.0"));
        assert!(is_newer_version("banana", "0.1.0"));
    }
}
