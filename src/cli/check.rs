//! `morgue check SPEC...`: runs the query checks of one or more spec files
//! against the index; one line per case and a summary (or `--json`),
//! optionally a JUnit XML file; exit 0 all pass, 1 any fails, 2 when a spec
//! or the index cannot be read or a case's query cannot run. Also the
//! shared runner for `morgue index --check`.

use super::{Code, Globals, exit};
use anyhow::Context;
use morgue::check::{self, Report, Spec, Status};
use morgue::indexer::MorgueIndex;
use morgue::sanitize::for_terminal;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "\
Spec format (TOML; unknown keys are errors):
  [[case]]
  name = \"iraq coalition story ranks first\"
  query = \"Popular Mobilisation Forces\"
  # filters, as in search: person, source, dateline, since, until
  min_hits = 1
  max_hits = 50
  top = \"**/000_8ac7ddf6f77f5d42.txt\"     # glob on the first hit's path
  in_top = { k = 5, paths = [\"**/000_8ac7ddf6f77f5d42.txt\"] }
  snippet_contains = \"Popular Mobilisation Forces\"
  people_include = [\"Joe Biden\"]
  field_equals = { source = \"Reuters\", dateline = \"Baghdad\" }

Examples:
  morgue check tests/specs/corpus.toml
  morgue check specs/*.toml --junit check-results.xml
  morgue index corpus --check tests/specs/corpus.toml   (re-index, then check)

Exit status: 0 every case passed, 1 a case failed, 2 a spec or the index
cannot be read or a case's query cannot run.";

/// Arguments of `morgue check`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// Spec files (TOML) with [[case]] tables
    #[arg(required = true, value_name = "SPEC", value_hint = clap::ValueHint::FilePath)]
    pub specs: Vec<PathBuf>,
    /// Also write the results as JUnit XML to FILE (for CI test reports)
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub junit: Option<PathBuf>,
    /// Print one JSON object instead of text (schema in the README)
    #[arg(long)]
    pub json: bool,
}

/// How to show a report.
pub struct Output<'a> {
    /// One JSON object on standard output instead of text.
    pub json: bool,
    /// JUnit XML file to write.
    pub junit: Option<&'a Path>,
    /// Colour PASS/FAIL.
    pub color: bool,
}

/// Reads every spec; all problems are named, then the first is returned.
pub fn load_specs(paths: &[PathBuf]) -> anyhow::Result<Vec<Spec>> {
    let mut specs = Vec::with_capacity(paths.len());
    let mut errors = Vec::new();
    for p in paths {
        match check::load(p) {
            Ok(s) => specs.push(s),
            Err(e) => errors.push(e),
        }
    }
    // All but the last are printed here, in order; the last is the error.
    let Some(last) = errors.pop() else {
        return Ok(specs);
    };
    for e in &errors {
        eprintln!("morgue: bad spec {}", for_terminal(&e.to_string(), true));
    }
    let more = match errors.len() {
        0 => String::new(),
        n => format!(" ({n} more above)"),
    };
    Err(anyhow::anyhow!(
        "bad spec {}{more}",
        for_terminal(&last.to_string(), true)
    ))
}

/// Runs the specs against the index at `index` and shows the report.
pub fn run_specs(specs: &[Spec], index: &Path, out: Output<'_>) -> anyhow::Result<Code> {
    let mi = MorgueIndex::open(index)
        .with_context(|| format!("could not open index at {}", index.display()))?;
    let report = check::run(&mi, specs);
    show(&report, &out)?;
    Ok(Code(code_for(&report)))
}

fn code_for(report: &Report) -> u8 {
    if report.errors() > 0 {
        exit::ERROR
    } else if report.failed() > 0 {
        exit::CHECK_FAILED
    } else {
        exit::OK
    }
}

/// The summary line: `12 passed, 1 failed` (`, 1 error` when a query could not run).
fn summary(report: &Report) -> String {
    let mut s = format!("{} passed, {} failed", report.passed(), report.failed());
    match report.errors() {
        0 => {}
        1 => s.push_str(", 1 error"),
        n => s.push_str(&format!(", {n} errors")),
    }
    s
}

fn show(report: &Report, out: &Output<'_>) -> anyhow::Result<()> {
    if let Some(path) = out.junit {
        let f = std::fs::File::create(path)
            .with_context(|| format!("could not write JUnit report {}", path.display()))?;
        let mut w = BufWriter::new(f);
        check::write_junit(&mut w, report)
            .and_then(|_| w.flush())
            .with_context(|| format!("could not write JUnit report {}", path.display()))?;
    }
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    if out.json {
        check::write_json(&mut w, report)?;
    } else {
        let paint = |code: &str, word: &str| {
            if out.color {
                format!("\x1b[{code}m{word}\x1b[0m")
            } else {
                word.to_string()
            }
        };
        for r in &report.results {
            let name = for_terminal(&r.name, true);
            let joined = r.reasons.join("; ");
            let reasons = for_terminal(&joined, true);
            match r.status {
                Status::Pass => writeln!(w, "{} {name}", paint("32", "PASS"))?,
                Status::Fail => writeln!(w, "{} {name}: {reasons}", paint("31", "FAIL"))?,
                Status::Error => writeln!(
                    w,
                    "{} {name}: {}:{}: {reasons}",
                    paint("31;1", "ERROR"),
                    for_terminal(&r.file, true),
                    r.line
                )?,
            }
        }
        writeln!(w, "{}", summary(report))?;
    }
    w.flush()?;
    Ok(())
}

pub fn run(args: Args, g: &Globals) -> anyhow::Result<Code> {
    let specs = load_specs(&args.specs)?;
    run_specs(
        &specs,
        &g.index,
        Output {
            json: args.json,
            junit: args.junit.as_deref(),
            color: g.color,
        },
    )
}
