//! `Article`: the plain, serializable hand-off between the normalizer, the
//! metadata extractors and the indexer. It holds data only: no parsing and no
//! index logic live here.

use serde::{Deserialize, Serialize};

/// One normalized article, as `morgue normalize --json` prints it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Path of the file, relative to the corpus root when indexed.
    pub path: String,
    /// Headline without site-name suffix.
    pub title: String,
    /// Main text: paragraphs separated by blank lines, clutter removed.
    pub body: String,
    /// Publication date, `YYYY-MM-DD` (or RFC 3339 when a time is known).
    pub date: Option<String>,
    /// Which signal gave `date`: `json-ld`, `meta`, `time`, `url`, `byline`, `dateline`, `path`, `text`.
    pub date_source: Option<String>,
    /// The outlet that published the page ("The Zimbabwe Mail").
    pub publisher: Option<String>,
    /// Canonical wire agency (Reuters, Associated Press, AFP, ...).
    pub source: Option<String>,
    /// Dateline places, title case ("Baghdad", "Washington").
    pub dateline: Vec<String>,
    /// The dateline as written, with qualifiers and day ("ST. JOSEPH, Mich.").
    pub dateline_raw: Option<String>,
    /// The dateline's day as written ("Feb 26"), when present.
    pub dateline_day: Option<String>,
    /// Bylined authors (people, never agencies).
    pub authors: Vec<String>,
    /// People mentioned, canonical full names.
    pub people: Vec<String>,
    /// Other forms of those names the article uses ("Sudani"), for matching.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub people_variants: Vec<String>,
    /// The page's URL, when the page names one.
    pub url: Option<String>,
    /// Photo captions with their credits, one per line.
    pub caption: Option<String>,
    /// Declared language code (`en`, `de`), lower-case.
    pub language: Option<String>,
}
