//! `morgue search QUERY`: ranked articles with highlighted snippets, as
//! text or `--json`; exit 0 with hits, 1 without, 2 on error (like grep).

use super::{Code, FilterArgs, Globals, exit};
use anyhow::Context;
use morgue::indexer::MorgueIndex;
use morgue::render::{human, json};
use morgue::search::{SearchRequest, search};
use std::io::{BufWriter, Write};

const EXAMPLES: &str = "\
Query syntax (tantivy): all words must match; \"a phrase\"; OR; -word or NOT word;
field:value with fields title, body, caption, person, place, source, dateline,
publisher, people, authors, path, url, language; date:[2024-01-01T00:00:00Z TO *].

Examples:
  morgue search \"Popular Mobilisation Forces\"
  morgue search 'coalition -syria' --person Sudani --since 2024-01-01
  morgue search 'title:iraq OR title:iran' --source Reuters -n 20
  morgue search '*' --dateline Baghdad --json | jq -r '.hits[].path'";

/// Arguments of `morgue search`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// The query (tantivy syntax; '*' matches every article)
    pub query: String,
    /// Number of hits to show
    #[arg(short = 'n', long = "limit", default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Hits to skip (for paging)
    #[arg(long, default_value_t = 0, value_name = "K")]
    pub offset: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print one JSON object (schema in the README)
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, g: &Globals) -> anyhow::Result<Code> {
    let mi = MorgueIndex::open(&g.index)
        .with_context(|| format!("could not open index at {}", g.index.display()))?;
    let mut req = SearchRequest::new(args.query);
    req.limit = args.limit;
    req.offset = args.offset;
    req.filters = args.filters.into();
    let results = search(&mi, &req)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        json::write_results(&mut out, &results)?;
    } else {
        let width = terminal_width();
        human::write_results(
            &mut out,
            &results,
            human::Style {
                color: g.color,
                width,
            },
        )?;
        if results.total_hits > results.hits.len() + req.offset && !results.hits.is_empty() {
            out.flush()?;
            eprintln!(
                "\n{} of {} hits shown; see more with --offset {}",
                results.hits.len(),
                results.total_hits,
                req.offset + results.hits.len()
            );
        }
    }
    out.flush()?;
    // The process ends here: leave the index's ~50 file maps to the exit,
    // which drops them in one go; unmapping them one by one took ~7% of a
    // search.
    std::mem::forget(mi);
    Ok(Code(if results.total_hits == 0 {
        exit::NO_HITS
    } else {
        exit::OK
    }))
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
        .clamp(40, 200)
}
