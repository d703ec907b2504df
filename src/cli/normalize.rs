//! `morgue normalize FILE [--json]`: one file through the normalizer, no
//! index. The evaluation scripts call this with `--json`.

use super::{Code, Globals, exit};
use anyhow::Context;
use morgue::render::json;
use morgue::sanitize::for_terminal;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `morgue normalize`.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  morgue normalize corpus/000_8ac7ddf6f77f5d42.txt\n  morgue normalize --json page.html | jq .people"
)]
pub struct Args {
    /// The file: an HTML page or a text clipping
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Print one JSON object (the keys the evaluation scripts read)
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, _g: &Globals) -> anyhow::Result<Code> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let id = args.file.to_string_lossy().replace('\\', "/");
    let article = match morgue::normalize::normalize(&id, &bytes) {
        Ok(a) => a,
        Err(reason) => {
            anyhow::bail!("{} holds no article: {reason}", args.file.display());
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        json::write_value(&mut out, &article, false)?;
        return Ok(Code(exit::OK));
    }
    let t = |s: &str| for_terminal(s, true).into_owned();
    let opt = |s: &Option<String>| s.as_deref().map(t).unwrap_or_else(|| "-".into());
    writeln!(out, "title:      {}", t(&article.title))?;
    writeln!(
        out,
        "date:       {}{}",
        opt(&article.date),
        article
            .date_source
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default()
    )?;
    writeln!(out, "publisher:  {}", opt(&article.publisher))?;
    writeln!(out, "source:     {}", opt(&article.source))?;
    writeln!(out, "dateline:   {}", t(&article.dateline.join(" / ")))?;
    writeln!(out, "authors:    {}", t(&article.authors.join(", ")))?;
    writeln!(out, "people:     {}", t(&article.people.join(", ")))?;
    writeln!(out, "url:        {}", opt(&article.url))?;
    writeln!(out, "language:   {}", opt(&article.language))?;
    if let Some(c) = &article.caption {
        writeln!(out, "caption:    {}", t(c))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", for_terminal(&article.body, false))?;
    Ok(Code(exit::OK))
}
