//! `morgue index [DIR]`: builds or updates the index, with a progress bar
//! on a terminal and a one-line summary at the end (skips listed by reason).

use super::{Code, Globals, exit};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use morgue::indexer::{self, IndexOptions, MorgueIndex, Progress};
use morgue::sanitize::for_terminal;
use morgue::summary::{IndexSummary, Skipped};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  morgue index corpus                 index the bundled sample archive into ./.morgue
  morgue index                        re-index the folder indexed last time
  morgue index ~/clippings --index ~/clippings.morgue
  morgue index corpus --rebuild       start over (needed after a schema change)
  morgue index corpus --check tests/specs/corpus.toml --junit results.xml
                                      index, then run the checks (as `morgue check`)

Files read: .html .htm .xhtml .shtml .txt .text .md (any case). Hidden files and
folders are skipped, and so are symbolic links that lead out of the folder
unless --follow is given. Unchanged files (same size and modification time)
are not read again; removed files leave the index.

With --check, the specs are read before indexing (a bad spec stops at once,
exit 2) and run after it; the exit status is then that of `morgue check`:
0 every case passed, 1 a case failed, 2 an error.";

/// Arguments of `morgue index`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// The corpus folder [default: the folder indexed last time]
    #[arg(value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// Throw the index away and index everything again
    #[arg(long)]
    pub rebuild: bool,
    /// Follow symbolic links, also those that lead out of the folder
    #[arg(long)]
    pub follow: bool,
    /// Worker threads for reading and normalizing [default: all cores]
    #[arg(
        short = 'j',
        long,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub threads: usize,
    /// No progress bar and no per-file skip messages
    #[arg(short, long)]
    pub quiet: bool,
    /// After indexing, run the checks of this spec file (repeatable; see `morgue check`)
    #[arg(long = "check", value_name = "SPEC", value_hint = clap::ValueHint::FilePath)]
    pub check: Vec<PathBuf>,
    /// With --check: also write the check results as JUnit XML to FILE
    #[arg(long, value_name = "FILE", requires = "check", value_hint = clap::ValueHint::FilePath)]
    pub junit: Option<PathBuf>,
    /// Commit after this many documents (tests use small batches)
    #[arg(long, hide = true, value_name = "N")]
    pub commit_docs: Option<usize>,
    /// Commit at least this often, in milliseconds
    #[arg(long, hide = true, value_name = "MS")]
    pub commit_ms: Option<u64>,
}

struct Bar {
    bar: Option<ProgressBar>,
    quiet: bool,
}

impl Progress for Bar {
    fn start(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.set_length(n);
            b.reset_eta();
        }
    }
    fn advance(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }
    fn skipped(&self, s: &Skipped) {
        if self.quiet {
            return;
        }
        let line = format!(
            "morgue: skipped {}: {}{}",
            for_terminal(&s.path, true),
            s.reason,
            if s.detail.is_empty() {
                String::new()
            } else {
                format!(" ({})", for_terminal(&s.detail, true))
            }
        );
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }
    fn merging(&self, n: usize) {
        if let Some(b) = &self.bar {
            b.set_style(ProgressStyle::with_template("{spinner} {msg}").expect("static template"));
            b.set_message(format!(
                "all files committed; merging small segments ({n} merge{}; Ctrl-C stops them)",
                if n == 1 { "" } else { "s" }
            ));
            b.enable_steady_tick(std::time::Duration::from_millis(120));
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

fn summary_line(s: &IndexSummary, secs: f64) -> String {
    let mut line = format!(
        "indexed in {secs:.2}s: {} added, {} updated, {} removed, {} unchanged, {} skipped",
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        s.skipped.len()
    );
    let counts = s.skip_counts();
    if !counts.is_empty() {
        let parts: Vec<String> = counts.iter().map(|(k, v)| format!("{v} {k}")).collect();
        line.push_str(&format!(" ({})", parts.join(", ")));
    }
    line
}

pub fn run(args: Args, g: &Globals) -> anyhow::Result<Code> {
    // Read the specs first: a typo in one should not wait for a long index run.
    let specs = super::check::load_specs(&args.check)?;
    let root = match args.dir {
        Some(d) => d,
        None => {
            let mi = MorgueIndex::open(&g.index).with_context(|| {
                format!(
                    "no DIR given and no index at {} to re-index; run `morgue index DIR`",
                    g.index.display()
                )
            })?;
            match mi.state {
                Some(s) => s.corpus_root,
                None => anyhow::bail!(
                    "the index at {} records no corpus folder; run `morgue index DIR`",
                    g.index.display()
                ),
            }
        }
    };
    let mut options = IndexOptions::new(root.clone(), g.index.clone());
    options.rebuild = args.rebuild;
    options.follow = args.follow;
    options.threads = args.threads;
    if let Some(n) = args.commit_docs {
        options.commit_docs = n.max(1);
    }
    if let Some(ms) = args.commit_ms {
        options.commit_interval = std::time::Duration::from_millis(ms.max(1));
    }
    let flag = options.interrupt.clone();
    // First Ctrl-C: stop and commit; the handler stays for the rest of the run.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(exit::INTERRUPTED as i32);
        }
    });
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} indexing [{bar:30}] {pos}/{len} files, {per_sec}, eta {eta}",
            )
            .expect("static template")
            .progress_chars("=> "),
        );
        Some(b)
    } else {
        None
    };
    let progress = Bar {
        bar,
        quiet: args.quiet,
    };
    let started = Instant::now();
    let summary = indexer::run(&options, &progress).with_context(|| {
        format!(
            "could not index {} into {}",
            root.display(),
            g.index.display()
        )
    })?;
    let line = summary_line(&summary, started.elapsed().as_secs_f64());
    eprintln!("{line}");
    if summary.interrupted {
        eprintln!(
            "morgue: interrupted; everything read so far is committed. Run `morgue index` again to finish."
        );
        return Ok(Code(exit::INTERRUPTED));
    }
    if !specs.is_empty() {
        return super::check::run_specs(
            &specs,
            &g.index,
            super::check::Output {
                json: false,
                junit: args.junit.as_deref(),
                color: g.color,
            },
        );
    }
    Ok(Code(exit::OK))
}
