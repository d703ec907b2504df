//! The JSON wire format of `morgue search --json` (and the other `--json`
//! outputs). Keys are snake_case and never renamed without bumping
//! [`FORMAT_VERSION`]; new keys may be added.
//!
//! `search --json` prints one object:
//!
//! ```json
//! {"format_version": 1, "query": "…", "total_hits": 3,
//!  "hits": [{"rank": 1, "score": 7.31, "path": "2024/iraq.txt",
//!            "title": "…", "date": "2024-01-05", "source": "Reuters",
//!            "publisher": "The Zimbabwe Mail", "dateline": ["Baghdad"],
//!            "people": ["Joe Biden"], "authors": [],
//!            "snippet": "…the Popular Mobilisation Forces (PMF)…",
//!            "highlights": [[4, 30]]}]}
//! ```
//!
//! `path` is relative to the indexed corpus folder; `highlights` are
//! `[start, end)` character offsets into `snippet`; `date`, `source` and
//! `publisher` are strings or `null`. Bidi and zero-width characters are
//! written as `\uXXXX` escapes so they cannot act on a terminal that
//! displays the JSON.

use crate::search::{Hit, SearchResults};
use serde::Serialize;
use std::io::{self, Write};

/// Version of the JSON formats; bumped when a key changes meaning or name.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct HitOut<'a> {
    rank: usize,
    score: f32,
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    publisher: Option<&'a str>,
    dateline: &'a [String],
    people: &'a [String],
    authors: &'a [String],
    snippet: &'a str,
    highlights: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct ResultsOut<'a> {
    format_version: u32,
    query: &'a str,
    total_hits: usize,
    hits: Vec<HitOut<'a>>,
}

fn hit_out(h: &Hit) -> HitOut<'_> {
    HitOut {
        rank: h.rank,
        score: h.score,
        path: &h.path,
        title: &h.title,
        date: h.date.as_deref(),
        source: h.source.as_deref(),
        publisher: h.publisher.as_deref(),
        dateline: &h.dateline,
        people: &h.people,
        authors: &h.authors,
        snippet: &h.snippet.text,
        highlights: h.snippet.highlights.iter().map(|&(s, e)| [s, e]).collect(),
    }
}

/// Serializes any value, escaping invisible characters, with a newline.
pub fn write_value<W: Write, T: Serialize + ?Sized>(
    w: &mut W,
    value: &T,
    pretty: bool,
) -> io::Result<()> {
    let s = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    }
    .map_err(io::Error::other)?;
    w.write_all(escape_invisible(&s).as_bytes())?;
    w.write_all(b"\n")
}

/// Writes search results.
pub fn write_results<W: Write>(w: &mut W, r: &SearchResults) -> io::Result<()> {
    let out = ResultsOut {
        format_version: FORMAT_VERSION,
        query: &r.query,
        total_hits: r.total_hits,
        hits: r.hits.iter().map(hit_out).collect(),
    };
    write_value(w, &out, false)
}

/// Whether JSON output writes `c` as a `\uXXXX` escape although JSON allows
/// it raw: bidi controls, zero-width characters, DEL and the C1 controls
/// (U+009B is an 8-bit CSI that some terminals obey).
fn needs_escape(c: char) -> bool {
    crate::sanitize::is_invisible(c) || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// Replaces bidi controls, zero-width characters, DEL and C1 controls
/// (valid in JSON strings, but dangerous when the JSON is shown) with
/// `\uXXXX` escapes. serde_json already escapes the C0 controls.
pub fn escape_invisible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
