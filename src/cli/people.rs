//! `morgue people [QUERY] [--top N] [--json]`: the most-mentioned people
//! across the index or a query's hits, with article counts. Converts the
//! arguments and prints; the counting is `morgue::people_facet`.

use super::{Code, FilterArgs, Globals, exit};
use anyhow::Context;
use morgue::indexer::MorgueIndex;
use morgue::people_facet;
use morgue::query::Filters;
use morgue::render::json;
use morgue::sanitize::for_terminal;
use std::io::{BufWriter, Write};

const EXAMPLES: &str = "\
Examples:
  morgue people
  morgue people iraq --top 5
  morgue people --source Reuters --json | jq -r '.people[].name'";

/// Arguments of `morgue people`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// Count only articles matching this query (tantivy syntax; default: all)
    pub query: Option<String>,
    /// Number of people to list (0 lists all)
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print one JSON object (schema in the README)
    #[arg(long)]
    pub json: bool,
}

#[derive(serde::Serialize)]
struct PeopleOut<'a> {
    format_version: u32,
    #[serde(flatten)]
    counts: &'a people_facet::PeopleCounts,
}

pub fn run(args: Args, g: &Globals) -> anyhow::Result<Code> {
    let mi = MorgueIndex::open(&g.index)
        .with_context(|| format!("could not open index at {}", g.index.display()))?;
    let filters: Filters = args.filters.into();
    let query = args.query.unwrap_or_default();
    let counts = people_facet::count(&mi, &query, &filters, args.top)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        let o = PeopleOut {
            format_version: json::FORMAT_VERSION,
            counts: &counts,
        };
        json::write_value(&mut out, &o, false)?;
    } else {
        let width = counts
            .people
            .first()
            .map(|p| p.articles.to_string().len())
            .unwrap_or(1);
        for p in &counts.people {
            writeln!(
                out,
                "{:>width$}  {}",
                p.articles,
                for_terminal(&p.name, true)
            )?;
        }
        writeln!(
            out,
            "({} people in {} articles)",
            counts.distinct_people, counts.matched_articles
        )?;
    }
    out.flush()?;
    Ok(Code(exit::OK))
}
