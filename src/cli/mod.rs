//! The command line: clap types, global flags, the exit codes, and the
//! dispatch to one module per subcommand. Every subcommand converts its
//! arguments into the library's plain option types before any work.

mod check;
mod facets;
mod index;
mod normalize;
mod people;
mod search;
mod show;
mod stats;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Exit statuses, one table for every subcommand (also in `--help` and the README).
pub mod exit {
    /// Success; for `search`, at least one hit.
    pub const OK: u8 = 0;
    /// `search`: no hits.
    pub const NO_HITS: u8 = 1;
    /// `check`, `index --check`: a case failed.
    pub const CHECK_FAILED: u8 = 1;
    /// An error: bad arguments, bad query, missing or locked index.
    pub const ERROR: u8 = 2;
    /// Interrupted by Ctrl-C (what was done is committed).
    pub const INTERRUPTED: u8 = 130;
}

/// Exit status of a subcommand that ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code(pub u8);

impl From<Code> for std::process::ExitCode {
    fn from(c: Code) -> Self {
        std::process::ExitCode::from(c.0)
    }
}

const EXIT_HELP: &str = "\
Exit status:
  0    success; for search, at least one hit; for check, every case passed
  1    search found no hits; check (or index --check) had a failing case
  2    error: bad arguments, bad query, no index, index locked; for check,
       a spec that cannot be read or parsed, or a case whose query cannot run
  130  interrupted (Ctrl-C); what was done is committed

Environment:
  MORGUE_INDEX  index folder when --index is not given
  NO_COLOR      plain output when set (see --color)";

/// morgue — a search engine for news archives.
///
/// Turns a folder of saved news pages and text clippings into a searchable
/// morgue: main text out of the page clutter, title, date, publisher,
/// authors, and the newswire fields (dateline, wire agency, people
/// mentioned), in a tantivy index with ranked, highlighted snippets.
#[derive(Debug, Parser)]
#[command(name = "morgue", version, about, long_about, after_help = EXIT_HELP)]
#[command(arg_required_else_help = true)]
pub struct Cli {
    /// Index folder [default: ./.morgue, or the nearest .morgue above]
    ///
    /// Precedence: --index PATH, then the MORGUE_INDEX environment variable,
    /// then a .morgue folder in the current folder or the nearest one above
    /// it (like git), then ./.morgue.
    #[arg(long, global = true, value_name = "PATH", env = "MORGUE_INDEX", value_hint = clap::ValueHint::DirPath)]
    pub index: Option<PathBuf>,

    /// When to use colour: auto, always, never
    ///
    /// auto colours only when standard output is a terminal and NO_COLOR is
    /// not set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal when NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour standard output.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index a folder of articles (incremental: only new and changed files are read)
    Index(index::Args),
    /// Search the index: ranked articles with highlighted snippets
    Search(search::Args),
    /// Normalize one file and print the article (no index needed)
    Normalize(normalize::Args),
    /// Print a stored article with its metadata
    Show(show::Args),
    /// Show what the index holds and what the last run did
    Stats(stats::Args),
    /// Count the values of dateline, source, publisher, people or authors
    Facets(facets::Args),
    /// Run the query checks of spec files against the index (for CI)
    Check(check::Args),
    /// List the most-mentioned people, across the index or a query's hits
    People(people::Args),
}

/// The filters `search`, `people` and `facets` share, as command-line flags.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only articles that mention this person (any part of the name: "Sudani")
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only stories from this wire agency (Reuters, AP, AFP, ...)
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Only stories datelined at this place (Baghdad)
    #[arg(long, value_name = "PLACE")]
    pub dateline: Option<String>,
    /// Only articles published on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

impl From<FilterArgs> for morgue::query::Filters {
    fn from(a: FilterArgs) -> Self {
        morgue::query::Filters {
            person: a.person,
            source: a.source,
            dateline: a.dateline,
            since: a.since,
            until: a.until,
        }
    }
}

/// Global settings every subcommand gets.
pub struct Globals {
    /// The index folder, resolved.
    pub index: PathBuf,
    /// Colour standard output.
    pub color: bool,
}

/// The index folder: --index, MORGUE_INDEX (both via clap), the nearest
/// `.morgue` at or above the current folder, else `./.morgue`.
fn resolve_index(given: Option<PathBuf>) -> PathBuf {
    if let Some(p) = given {
        return p;
    }
    if let Ok(cwd) = std::env::current_dir() {
        for dir in cwd.ancestors() {
            let cand = dir.join(".morgue");
            if cand.join("meta.json").is_file() {
                return cand;
            }
        }
    }
    PathBuf::from(".morgue")
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Code> {
    let globals = Globals {
        index: resolve_index(cli.index),
        color: cli.color.enabled(),
    };
    match cli.command {
        Command::Index(a) => index::run(a, &globals),
        Command::Search(a) => search::run(a, &globals),
        Command::Normalize(a) => normalize::run(a, &globals),
        Command::Show(a) => show::run(a, &globals),
        Command::Stats(a) => stats::run(a, &globals),
        Command::Facets(a) => facets::run(a, &globals),
        Command::Check(a) => check::run(a, &globals),
        Command::People(a) => people::run(a, &globals),
    }
}

/// Whether an error is a closed pipe (`morgue search x | head`): not worth a message.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .map(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            .unwrap_or(false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
