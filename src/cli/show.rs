//! `morgue show PATH [--json]`: a stored article with its metadata.

use super::{Code, Globals, exit};
use anyhow::Context;
use morgue::indexer::MorgueIndex;
use morgue::render::json;
use morgue::sanitize::for_terminal;
use std::io::Write;

/// Arguments of `morgue show`.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  morgue show 000_8ac7ddf6f77f5d42.txt\n  morgue search iraq --json | jq -r '.hits[0].path' | xargs morgue show"
)]
pub struct Args {
    /// The article's path, relative to the corpus folder (as search prints it)
    pub path: String,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, g: &Globals) -> anyhow::Result<Code> {
    let mi = MorgueIndex::open(&g.index)
        .with_context(|| format!("could not open index at {}", g.index.display()))?;
    let path = args.path.trim_start_matches("./");
    let a = morgue::search::article(&mi, path)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        json::write_value(&mut out, &a, false)?;
        return Ok(Code(exit::OK));
    }
    let t = |s: &str| for_terminal(s, true).into_owned();
    let opt = |s: &Option<String>| s.as_deref().map(t).unwrap_or_else(|| "-".into());
    writeln!(out, "path:       {}", t(&a.path))?;
    writeln!(out, "title:      {}", t(&a.title))?;
    writeln!(out, "date:       {}", opt(&a.date))?;
    writeln!(out, "publisher:  {}", opt(&a.publisher))?;
    writeln!(out, "source:     {}", opt(&a.source))?;
    writeln!(out, "dateline:   {}", t(&a.dateline.join(" / ")))?;
    writeln!(out, "authors:    {}", t(&a.authors.join(", ")))?;
    writeln!(out, "people:     {}", t(&a.people.join(", ")))?;
    writeln!(out, "url:        {}", opt(&a.url))?;
    if let Some(c) = &a.caption {
        writeln!(out, "caption:    {}", t(c))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", for_terminal(&a.body, false))?;
    Ok(Code(exit::OK))
}
