//! `morgue facets FIELD [QUERY]`: the values of dateline, source,
//! publisher, people or authors with article counts, over the whole archive
//! or a query's hits.

use super::{Code, FilterArgs, Globals, exit};
use anyhow::Context;
use morgue::facets::{self, Facets};
use morgue::indexer::MorgueIndex;
use morgue::render::json;
use morgue::sanitize::for_terminal;
use serde::Serialize;
use std::io::Write;

const EXAMPLES: &str = "\
Examples:
  morgue facets dateline                 datelines of the whole archive
  morgue facets source iraq              wire agencies of the stories about Iraq
  morgue facets publisher --top 5 --json";

/// Which field to count.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Field {
    /// Dateline places
    Dateline,
    /// Wire agencies
    Source,
    /// Outlets
    Publisher,
    /// People mentioned
    People,
    /// Bylined authors
    Authors,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Dateline => "dateline",
            Field::Source => "source",
            Field::Publisher => "publisher",
            Field::People => "people",
            Field::Authors => "authors",
        }
    }
}

/// Arguments of `morgue facets`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// The field to count
    #[arg(value_enum)]
    pub field: Field,
    /// Count only over the hits of this query (tantivy syntax) [default: every article]
    pub query: Option<String>,
    /// How many values to list
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Out<'a> {
    format_version: u32,
    #[serde(flatten)]
    facets: &'a Facets,
}

pub fn run(args: Args, g: &Globals) -> anyhow::Result<Code> {
    let mi = MorgueIndex::open(&g.index)
        .with_context(|| format!("could not open index at {}", g.index.display()))?;
    let query = args.query.unwrap_or_default();
    let f = facets::count(
        &mi,
        args.field.name(),
        &query,
        &args.filters.into(),
        args.top,
    )?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        json::write_value(
            &mut out,
            &Out {
                format_version: json::FORMAT_VERSION,
                facets: &f,
            },
            false,
        )?;
    } else {
        let width = f
            .values
            .iter()
            .map(|v| v.count.to_string().len())
            .max()
            .unwrap_or(1);
        for v in &f.values {
            writeln!(out, "{:>width$}  {}", v.count, for_terminal(&v.value, true))?;
        }
    }
    Ok(Code(if f.values.is_empty() {
        exit::NO_HITS
    } else {
        exit::OK
    }))
}
