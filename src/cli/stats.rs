//! `morgue stats [--json]`: documents, size on disk, schema version, corpus
//! root, when last indexed, and what the last run skipped and why.

use super::{Code, Globals, exit};
use anyhow::Context;
use morgue::indexer::MorgueIndex;
use morgue::render::json;
use morgue::sanitize::for_terminal;
use serde::Serialize;
use std::io::Write;

/// Arguments of `morgue stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct StatsOut {
    format_version: u32,
    index: String,
    documents: u64,
    size_bytes: u64,
    schema_version: u32,
    morgue_version: Option<String>,
    corpus_root: Option<String>,
    indexed_at: Option<String>,
    last_run: Option<morgue::indexer::RunRecord>,
}

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

pub fn run(args: Args, g: &Globals) -> anyhow::Result<Code> {
    let mi = MorgueIndex::open(&g.index)
        .with_context(|| format!("could not open index at {}", g.index.display()))?;
    let state = mi.state.clone();
    let s = StatsOut {
        format_version: json::FORMAT_VERSION,
        index: g.index.display().to_string(),
        documents: mi.num_docs()?,
        size_bytes: dir_size(&g.index),
        schema_version: mi.schema.version,
        morgue_version: state.as_ref().map(|s| s.morgue_version.clone()),
        corpus_root: state.as_ref().map(|s| s.corpus_root.display().to_string()),
        indexed_at: state.as_ref().map(|s| s.indexed_at.clone()),
        last_run: state.map(|s| s.last_run),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        json::write_value(&mut out, &s, false)?;
        return Ok(Code(exit::OK));
    }
    let t = |x: &str| for_terminal(x, true).into_owned();
    writeln!(out, "index:          {}", t(&s.index))?;
    writeln!(out, "documents:      {}", s.documents)?;
    writeln!(out, "size on disk:   {:.1} MB", s.size_bytes as f64 / 1e6)?;
    writeln!(out, "schema version: {}", s.schema_version)?;
    writeln!(
        out,
        "corpus:         {}",
        s.corpus_root
            .as_deref()
            .map(t)
            .unwrap_or_else(|| "-".into())
    )?;
    writeln!(
        out,
        "last indexed:   {}",
        s.indexed_at.as_deref().unwrap_or("-")
    )?;
    if let Some(r) = &s.last_run {
        writeln!(
            out,
            "last run:       {} added, {} updated, {} removed, {} unchanged{}",
            r.added,
            r.updated,
            r.removed,
            r.unchanged,
            if r.interrupted { " (interrupted)" } else { "" }
        )?;
        if r.skipped.is_empty() {
            writeln!(out, "skipped:        none")?;
        } else {
            let parts: Vec<String> = r.skipped.iter().map(|(k, v)| format!("{v} {k}")).collect();
            writeln!(out, "skipped:        {}", parts.join(", "))?;
            for f in &r.skipped_files {
                writeln!(out, "  {}: {} ({})", t(&f.path), f.reason, t(&f.detail))?;
            }
        }
    }
    Ok(Code(exit::OK))
}
