//! Scripted query checks (`morgue check`): spec files in TOML, each a list
//! of `[[case]]`s (a query, optional filters, expectations on the hits), run
//! against an index and judged pass or fail with a reason; plus the two
//! machine formats of the outcome (JSON and JUnit XML).
//!
//! A spec is read whole and strictly: unknown keys, wrong types, bad globs
//! and contradictory expectations are a [`SpecError`] naming the file, line
//! and column, before any case runs. A case whose query or filter cannot run
//! (say `since = "yesterday"`) is an [`Status::Error`], not a failure.
//!
//! This module picks no exit status and writes to no terminal: it returns a
//! [`Report`] and serializes it to any writer; the binary decides the rest.
//!
//! ```
//! let spec = morgue::check::parse("ci.toml", r#"
//! [[case]]
//! name = "seed story first"
//! query = "Popular Mobilisation Forces"
//! min_hits = 1
//! top = "**/000_8ac7ddf6f77f5d42.txt"
//! field_equals = { source = "Reuters", dateline = "Baghdad" }
//! "#).expect("a valid spec");
//! assert_eq!(spec.cases[0].line, 3); // the line of `name`
//! assert!(morgue::check::parse("ci.toml", "[[case]]\nnme = 'x'\n").is_err());
//! ```

use crate::indexer::MorgueIndex;
use crate::query::Filters;
use crate::search::{self, Hit, SearchRequest, SearchResults};
use globset::{GlobBuilder, GlobMatcher};
use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};
use std::path::Path;
use toml::Spanned;

/// Largest spec file read, in bytes (a spec is a few kilobytes).
pub const MAX_SPEC_BYTES: u64 = 4 * 1024 * 1024;
/// Largest `in_top.k` accepted.
pub const MAX_K: usize = 10_000;

// ---------------------------------------------------------------------------
// The spec file as written.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    #[serde(default)]
    case: Vec<Spanned<RawCase>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    name: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    query: String,
    #[serde(default)]
    person: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default)]
    since: Option<String>,
    #[serde(default)]
    until: Option<String>,
    #[serde(default)]
    min_hits: Option<usize>,
    #[serde(default)]
    max_hits: Option<usize>,
    #[serde(default)]
    top: Option<Spanned<String>>,
    #[serde(default)]
    in_top: Option<Spanned<RawInTop>>,
    #[serde(default)]
    snippet_contains: Option<String>,
    #[serde(default)]
    people_include: Option<Vec<String>>,
    #[serde(default)]
    field_equals: Option<Spanned<RawFields>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInTop {
    k: usize,
    paths: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFields {
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default)]
    people: Option<String>,
    #[serde(default)]
    authors: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    path: Option<String>,
}

// ---------------------------------------------------------------------------
// The spec, checked.

/// A spec file that could not be read or is not a valid spec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", location(*line, *column))]
pub struct SpecError {
    /// The spec file, as named on the command line.
    pub file: String,
    /// 1-based line of the problem, when it has one.
    pub line: Option<usize>,
    /// 1-based column (in characters) of the problem, when it has one.
    pub column: Option<usize>,
    /// What is wrong, in words.
    pub message: String,
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}

/// One spec file: its cases in file order.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The file, as named on the command line.
    pub file: String,
    /// The cases.
    pub cases: Vec<Case>,
}

/// One case: a search and what its result must show.
#[derive(Debug, Clone)]
pub struct Case {
    /// Name, unique within its spec.
    pub name: String,
    /// Free text for the reader of the spec (also in the JUnit output).
    pub description: Option<String>,
    /// 1-based line of the case's `name` key.
    pub line: usize,
    /// Query text, as for `morgue search`.
    pub query: String,
    /// Filters, as for `morgue search`.
    pub filters: Filters,
    /// What the result must show.
    pub expect: Expectations,
}

/// A glob on corpus-relative paths (`*` stays within a folder, `**` crosses folders).
#[derive(Debug, Clone)]
pub struct PathGlob {
    /// The pattern as written.
    pub pattern: String,
    matcher: GlobMatcher,
}

impl PathGlob {
    /// Compiles a pattern; the error says what is wrong with it.
    pub fn new(pattern: &str) -> Result<PathGlob, String> {
        let glob = GlobBuilder::new(pattern)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| e.kind().to_string())?;
        Ok(PathGlob {
            pattern: pattern.to_string(),
            matcher: glob.compile_matcher(),
        })
    }

    /// Whether a corpus-relative path matches.
    pub fn is_match(&self, path: &str) -> bool {
        self.matcher.is_match(path)
    }
}

/// `in_top`: each glob must match one of the first `k` hits.
#[derive(Debug, Clone)]
pub struct InTop {
    /// How many hits to look at.
    pub k: usize,
    /// Globs, each of which must match a hit among the first `k`.
    pub paths: Vec<PathGlob>,
}

/// A field of a hit that `field_equals` can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// Wire agency (one value).
    Source,
    /// Outlet (one value).
    Publisher,
    /// Dateline places (a list: contains).
    Dateline,
    /// People mentioned (a list: contains).
    People,
    /// Authors (a list: contains).
    Authors,
    /// Headline (one value).
    Title,
    /// Publication day, `YYYY-MM-DD` (one value).
    Date,
    /// Corpus-relative path (one value).
    Path,
}

impl Field {
    /// The key as written in a spec.
    pub fn name(self) -> &'static str {
        match self {
            Field::Source => "source",
            Field::Publisher => "publisher",
            Field::Dateline => "dateline",
            Field::People => "people",
            Field::Authors => "authors",
            Field::Title => "title",
            Field::Date => "date",
            Field::Path => "path",
        }
    }
}

/// What a case's result must show; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct Expectations {
    /// At least this many matching articles.
    pub min_hits: Option<usize>,
    /// At most this many matching articles.
    pub max_hits: Option<usize>,
    /// The first hit's path matches this glob.
    pub top: Option<PathGlob>,
    /// Each glob matches one of the first `k` hits.
    pub in_top: Option<InTop>,
    /// The first hit's snippet contains this text.
    pub snippet_contains: Option<String>,
    /// The first hit's people include each of these names.
    pub people_include: Vec<String>,
    /// The first hit's fields: equal for one-value fields, contains for lists.
    pub field_equals: Vec<(Field, String)>,
}

impl Expectations {
    fn is_empty(&self) -> bool {
        self.min_hits.is_none()
            && self.max_hits.is_none()
            && self.top.is_none()
            && self.in_top.is_none()
            && self.snippet_contains.is_none()
            && self.people_include.is_empty()
            && self.field_equals.is_empty()
    }

    /// Whether any expectation looks at the first hit.
    fn needs_first_hit(&self) -> bool {
        self.top.is_some()
            || self.snippet_contains.is_some()
            || !self.people_include.is_empty()
            || !self.field_equals.is_empty()
    }

    /// Hits to fetch to judge the case.
    pub fn hits_needed(&self) -> usize {
        self.in_top.as_ref().map_or(1, |t| t.k).max(1)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Reads and parses a spec file; `file` names it in errors.
pub fn load(path: &Path) -> Result<Spec, SpecError> {
    let file = path.display().to_string();
    let err = |message: String| SpecError {
        file: file.clone(),
        line: None,
        column: None,
        message,
    };
    let f = std::fs::File::open(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let mut bytes = Vec::new();
    f.take(MAX_SPEC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(err(format!(
            "larger than {MAX_SPEC_BYTES} bytes; is this a spec file?"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        SpecError {
            file: file.clone(),
            line: Some(line),
            column: Some(column),
            message: "not UTF-8 text (TOML files are UTF-8)".into(),
        }
    })?;
    parse(&file, &text)
}

/// Parses spec text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Spec, SpecError> {
    let at = |offset: Option<usize>, message: String| {
        let (line, column) = match offset {
            Some(o) => {
                let (l, c) = line_col(text, o);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        SpecError {
            file: file.to_string(),
            line,
            column,
            message,
        }
    };
    let raw: RawSpec = toml::from_str(text).map_err(|e| {
        at(
            e.span().map(|s| s.start),
            e.message().trim_end().replace('\n', " "),
        )
    })?;
    if raw.case.is_empty() {
        return Err(at(
            None,
            "no cases; a spec holds one or more [[case]] tables".into(),
        ));
    }
    let mut cases: Vec<Case> = Vec::with_capacity(raw.case.len());
    for spanned in raw.case {
        let case_start = spanned.span().start;
        let rc = spanned.into_inner();
        let name_start = rc.name.span().start;
        let name = rc.name.into_inner();
        let line = line_col(text, name_start).0;
        if name.trim().is_empty() {
            return Err(at(Some(name_start), "a case's name is empty".into()));
        }
        if let Some(prev) = cases.iter().find(|c| c.name == name) {
            return Err(at(
                Some(name_start),
                format!(
                    "case name {name:?} is used twice (first on line {})",
                    prev.line
                ),
            ));
        }
        let mut expect = Expectations {
            min_hits: rc.min_hits,
            max_hits: rc.max_hits,
            snippet_contains: rc.snippet_contains,
            people_include: rc.people_include.unwrap_or_default(),
            ..Expectations::default()
        };
        if let (Some(lo), Some(hi)) = (expect.min_hits, expect.max_hits)
            && lo > hi
        {
            return Err(at(
                Some(case_start),
                format!("case {name:?}: min_hits {lo} is more than max_hits {hi}"),
            ));
        }
        if let Some(t) = rc.top {
            let start = t.span().start;
            expect.top = Some(PathGlob::new(t.get_ref()).map_err(|e| {
                at(
                    Some(start),
                    format!("case {name:?}: bad glob in top {:?}: {e}", t.get_ref()),
                )
            })?);
        }
        if let Some(t) = rc.in_top {
            let start = t.span().start;
            let t = t.into_inner();
            if t.k == 0 || t.k > MAX_K {
                return Err(at(
                    Some(start),
                    format!("case {name:?}: in_top.k must be 1 to {MAX_K}, not {}", t.k),
                ));
            }
            if t.paths.is_empty() {
                return Err(at(
                    Some(start),
                    format!("case {name:?}: in_top.paths is empty"),
                ));
            }
            let mut paths = Vec::with_capacity(t.paths.len());
            for p in t.paths {
                let pstart = p.span().start;
                paths.push(PathGlob::new(p.get_ref()).map_err(|e| {
                    at(
                        Some(pstart),
                        format!("case {name:?}: bad glob in in_top {:?}: {e}", p.get_ref()),
                    )
                })?);
            }
            expect.in_top = Some(InTop { k: t.k, paths });
        }
        if let Some(fe) = rc.field_equals {
            let start = fe.span().start;
            let fe = fe.into_inner();
            let all = [
                (Field::Source, fe.source),
                (Field::Publisher, fe.publisher),
                (Field::Dateline, fe.dateline),
                (Field::People, fe.people),
                (Field::Authors, fe.authors),
                (Field::Title, fe.title),
                (Field::Date, fe.date),
                (Field::Path, fe.path),
            ];
            expect.field_equals = all
                .into_iter()
                .filter_map(|(f, v)| v.map(|v| (f, v)))
                .collect();
            if expect.field_equals.is_empty() {
                return Err(at(
                    Some(start),
                    format!("case {name:?}: field_equals names no field"),
                ));
            }
        }
        if expect.is_empty() {
            return Err(at(
                Some(case_start),
                format!(
                    "case {name:?} expects nothing; give min_hits, max_hits, top, in_top, \
                     snippet_contains, people_include or field_equals"
                ),
            ));
        }
        cases.push(Case {
            name,
            description: rc.description,
            line,
            query: rc.query,
            filters: Filters {
                person: rc.person,
                source: rc.source,
                dateline: rc.dateline,
                since: rc.since,
                until: rc.until,
            },
            expect,
        });
    }
    Ok(Spec {
        file: file.to_string(),
        cases,
    })
}

// ---------------------------------------------------------------------------
// Running cases.

/// How a case came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every expectation held.
    Pass,
    /// At least one expectation did not hold.
    Fail,
    /// The search could not run (bad query or filter).
    Error,
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseResult {
    /// The spec file.
    pub file: String,
    /// 1-based line of the case in its spec.
    pub line: usize,
    /// The case's name.
    pub name: String,
    /// The case's description.
    pub description: Option<String>,
    /// The query.
    pub query: String,
    /// Pass, fail or error.
    pub status: Status,
    /// Why it failed (one entry per unmet expectation) or the error; empty on pass.
    pub reasons: Vec<String>,
    /// Matching articles, when the search ran.
    pub total_hits: Option<usize>,
    /// Paths of the hits looked at, best first.
    pub top_paths: Vec<String>,
}

/// The outcome of all cases, in spec and file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// One per case.
    pub results: Vec<CaseResult>,
}

impl Report {
    /// Cases that passed.
    pub fn passed(&self) -> usize {
        self.count(Status::Pass)
    }
    /// Cases that failed.
    pub fn failed(&self) -> usize {
        self.count(Status::Fail)
    }
    /// Cases that could not run.
    pub fn errors(&self) -> usize {
        self.count(Status::Error)
    }
    fn count(&self, s: Status) -> usize {
        self.results.iter().filter(|r| r.status == s).count()
    }
}

fn quoted_list(items: &[String]) -> String {
    let q: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", q.join(", "))
}

fn hits_word(n: usize) -> &'static str {
    if n == 1 { "hit" } else { "hits" }
}

/// Judges a search result against expectations; returns the unmet ones in
/// words (empty: pass). `results.hits` must hold the first
/// [`Expectations::hits_needed`] hits.
pub fn judge(expect: &Expectations, results: &SearchResults) -> Vec<String> {
    let mut why = Vec::new();
    let total = results.total_hits;
    if let Some(lo) = expect.min_hits
        && total < lo
    {
        why.push(format!(
            "expected at least {lo} {}, got {total}",
            hits_word(lo)
        ));
    }
    if let Some(hi) = expect.max_hits
        && total > hi
    {
        why.push(format!(
            "expected at most {hi} {}, got {total}",
            hits_word(hi)
        ));
    }
    if let Some(t) = &expect.in_top {
        let top: Vec<&Hit> = results.hits.iter().take(t.k).collect();
        for g in &t.paths {
            if !top.iter().any(|h| g.is_match(&h.path)) {
                const SHOWN: usize = 10;
                let mut seen: Vec<String> =
                    top.iter().take(SHOWN).map(|h| h.path.clone()).collect();
                if top.len() > SHOWN {
                    seen.push(format!("and {} more", top.len() - SHOWN));
                }
                why.push(format!(
                    "no hit in the top {} matches {:?} (top {}: {})",
                    t.k,
                    g.pattern,
                    top.len(),
                    if seen.is_empty() {
                        "none".to_string()
                    } else {
                        seen.join(", ")
                    }
                ));
            }
        }
    }
    if !expect.needs_first_hit() {
        return why;
    }
    let Some(first) = results.hits.first() else {
        why.push("no hits, so the first hit's expectations cannot hold".into());
        return why;
    };
    if let Some(g) = &expect.top
        && !g.is_match(&first.path)
    {
        why.push(format!(
            "first hit is {}, which does not match {:?}",
            first.path, g.pattern
        ));
    }
    if let Some(s) = &expect.snippet_contains
        && !first.snippet.text.contains(s.as_str())
    {
        why.push(format!(
            "first hit's snippet does not contain {s:?} (snippet: {:?})",
            first.snippet.text
        ));
    }
    for p in &expect.people_include {
        if !first.people.iter().any(|x| x == p) {
            why.push(format!(
                "first hit's people do not include {p:?} (people: {})",
                quoted_list(&first.people)
            ));
        }
    }
    for (field, want) in &expect.field_equals {
        let one = |v: Option<&str>| -> Option<String> {
            match v {
                Some(v) if v == want => None,
                Some(v) => Some(format!(
                    "first hit's {} is {v:?}, expected {want:?}",
                    field.name()
                )),
                None => Some(format!(
                    "first hit has no {}, expected {want:?}",
                    field.name()
                )),
            }
        };
        let list = |v: &[String]| -> Option<String> {
            if v.iter().any(|x| x == want) {
                None
            } else {
                Some(format!(
                    "first hit's {} {} does not include {want:?}",
                    field.name(),
                    quoted_list(v)
                ))
            }
        };
        let miss = match field {
            Field::Source => one(first.source.as_deref()),
            Field::Publisher => one(first.publisher.as_deref()),
            Field::Title => one(Some(&first.title)),
            Field::Date => one(first.date.as_deref()),
            Field::Path => one(Some(&first.path)),
            Field::Dateline => list(&first.dateline),
            Field::People => list(&first.people),
            Field::Authors => list(&first.authors),
        };
        why.extend(miss);
    }
    why
}

/// Runs one case against an index.
pub fn run_case(mi: &MorgueIndex, file: &str, case: &Case) -> CaseResult {
    let mut req = SearchRequest::new(case.query.clone());
    req.filters = case.filters.clone();
    req.limit = case.expect.hits_needed();
    let mut out = CaseResult {
        file: file.to_string(),
        line: case.line,
        name: case.name.clone(),
        description: case.description.clone(),
        query: case.query.clone(),
        status: Status::Pass,
        reasons: Vec::new(),
        total_hits: None,
        top_paths: Vec::new(),
    };
    match search::search(mi, &req) {
        Ok(results) => {
            out.total_hits = Some(results.total_hits);
            out.top_paths = results.hits.iter().map(|h| h.path.clone()).collect();
            out.reasons = judge(&case.expect, &results);
            if !out.reasons.is_empty() {
                out.status = Status::Fail;
            }
        }
        Err(e) => {
            out.status = Status::Error;
            out.reasons = vec![match e {
                // Name the spec's key, not the command-line flag.
                crate::Error::Filter {
                    what,
                    value,
                    reason,
                } => format!(
                    "invalid {} {value:?}: {reason}",
                    what.trim_start_matches('-')
                ),
                e => e.to_string(),
            }];
        }
    }
    out
}

/// Runs every case of every spec, in order.
pub fn run(mi: &MorgueIndex, specs: &[Spec]) -> Report {
    let results = specs
        .iter()
        .flat_map(|s| s.cases.iter().map(move |c| run_case(mi, &s.file, c)))
        .collect();
    Report { results }
}

// ---------------------------------------------------------------------------
// Machine formats.

/// Version of the `check --json` format (shared with the other `--json` outputs).
pub const FORMAT_VERSION: u32 = crate::render::json::FORMAT_VERSION;

#[derive(Serialize)]
struct CaseOut<'a> {
    spec: &'a str,
    line: usize,
    name: &'a str,
    query: &'a str,
    status: Status,
    reasons: &'a [String],
    total_hits: Option<usize>,
    top_paths: &'a [String],
}

#[derive(Serialize)]
struct ReportOut<'a> {
    format_version: u32,
    passed: usize,
    failed: usize,
    errors: usize,
    cases: Vec<CaseOut<'a>>,
}

/// Writes the report as one JSON object (schema in the README), with a newline.
pub fn write_json<W: Write>(w: &mut W, report: &Report) -> io::Result<()> {
    let out = ReportOut {
        format_version: FORMAT_VERSION,
        passed: report.passed(),
        failed: report.failed(),
        errors: report.errors(),
        cases: report
            .results
            .iter()
            .map(|r| CaseOut {
                spec: &r.file,
                line: r.line,
                name: &r.name,
                query: &r.query,
                status: r.status,
                reasons: &r.reasons,
                total_hits: r.total_hits,
                top_paths: &r.top_paths,
            })
            .collect(),
    };
    crate::render::json::write_value(w, &out, false)
}

/// Escapes text for an XML attribute value (line breaks and tabs as
/// character references, so they survive attribute normalization).
/// Characters XML 1.0 cannot hold at all (most C0 controls, U+FFFE,
/// U+FFFF) become U+FFFD.
pub fn xml_escape(s: &str) -> String {
    escape(s, true)
}

/// Escapes text for XML element content (line breaks kept as they are).
pub fn xml_escape_text(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\t' if !attribute => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn class_name(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string())
}

/// Writes the report as JUnit XML: one `<testsuite>` per spec file, one
/// `<testcase>` per case, with `<failure>` or `<error>` carrying the reasons.
pub fn write_junit<W: Write>(w: &mut W, report: &Report) -> io::Result<()> {
    let x = xml_escape;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="morgue check" tests="{}" failures="{}" errors="{}">"#,
        report.results.len(),
        report.failed(),
        report.errors()
    )?;
    let mut files: Vec<&str> = Vec::new();
    for r in &report.results {
        if !files.contains(&r.file.as_str()) {
            files.push(&r.file);
        }
    }
    for file in files {
        let cases: Vec<&CaseResult> = report.results.iter().filter(|r| r.file == file).collect();
        let count = |s: Status| cases.iter().filter(|r| r.status == s).count();
        writeln!(
            w,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="{}" skipped="0">"#,
            x(file),
            cases.len(),
            count(Status::Fail),
            count(Status::Error)
        )?;
        let class = class_name(file);
        for r in cases {
            let open = format!(
                r#"    <testcase name="{}" classname="{}" file="{}" line="{}""#,
                x(&r.name),
                x(&class),
                x(file),
                r.line
            );
            let mut detail = format!("query: {}", r.query);
            if let Some(d) = &r.description {
                detail = format!("{d}\n{detail}");
            }
            if let Some(n) = r.total_hits {
                detail.push_str(&format!("\ntotal hits: {n}"));
            }
            if !r.top_paths.is_empty() {
                detail.push_str(&format!("\ntop hits: {}", r.top_paths.join(", ")));
            }
            for reason in &r.reasons {
                detail.push_str(&format!("\n- {reason}"));
            }
            match r.status {
                Status::Pass => writeln!(w, "{open}/>")?,
                Status::Fail | Status::Error => {
                    let (tag, kind) = if r.status == Status::Fail {
                        ("failure", "expectation")
                    } else {
                        ("error", "query")
                    };
                    writeln!(w, "{open}>")?;
                    writeln!(
                        w,
                        r#"      <{tag} message="{}" type="{kind}">{}</{tag}>"#,
                        x(&r.reasons.join("; ")),
                        xml_escape_text(&detail)
                    )?;
                    writeln!(w, "    </testcase>")?;
                }
            }
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snippet::Snippet;

    const SEED: &str = "clippings/000_8ac7ddf6f77f5d42.txt";

    fn hit(path: &str) -> Hit {
        Hit {
            rank: 1,
            score: 1.0,
            path: path.into(),
            title: "Iraq prepares to close down US-led coalition’s mission – PM".into(),
            date: None,
            source: Some("Reuters".into()),
            publisher: Some("The Zimbabwe Mail".into()),
            dateline: vec!["Baghdad".into(), "Washington".into()],
            people: vec!["Joe Biden".into(), "Mohammed Shia al-Sudani".into()],
            authors: vec![],
            snippet: Snippet {
                text: "…part of the Popular Mobilisation Forces (PMF)…".into(),
                highlights: vec![],
            },
        }
    }

    fn results(paths: &[&str], total: usize) -> SearchResults {
        SearchResults {
            query: "q".into(),
            total_hits: total,
            hits: paths.iter().map(|p| hit(p)).collect(),
        }
    }

    fn case(extra: &str) -> Case {
        let text = format!("[[case]]\nname = \"c\"\nquery = \"q\"\n{extra}\n");
        parse("t.toml", &text)
            .unwrap_or_else(|e| panic!("{e}"))
            .cases
            .remove(0)
    }

    #[test]
    fn line_col_counts_lines_and_characters() {
        let t = "ab\nc’d\nx";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 7), (2, 3)); // after "c’" (’ is 3 bytes)
        assert_eq!(line_col(t, 5), (2, 2)); // inside ’: back to its start
        assert_eq!(line_col(t, 999), (3, 2));
    }

    #[test]
    fn parses_the_issue_example() {
        let spec = parse(
            "s.toml",
            r#"
[[case]]
name = "iraq coalition story ranks first"
query = "Popular Mobilisation Forces"
min_hits = 1                      # optional expectations, any combination:
max_hits = 50
top = "**/000_8ac7ddf6f77f5d42.txt" # glob on the first hit's path
in_top = { k = 5, paths = ["**/000_8ac7ddf6f77f5d42.txt"] }
snippet_contains = "Popular Mobilisation Forces"
people_include = ["Joe Biden"]
field_equals = { source = "Reuters", dateline = "Baghdad" }
"#,
        )
        .unwrap();
        let c = &spec.cases[0];
        assert_eq!(c.line, 3);
        assert_eq!(c.expect.min_hits, Some(1));
        assert_eq!(c.expect.max_hits, Some(50));
        assert_eq!(c.expect.hits_needed(), 5);
        assert_eq!(
            c.expect.field_equals,
            vec![
                (Field::Source, "Reuters".to_string()),
                (Field::Dateline, "Baghdad".to_string())
            ]
        );
        assert!(judge(&c.expect, &results(&[SEED], 1)).is_empty());
    }

    #[test]
    fn spec_errors_name_line_and_column() {
        let e = parse(
            "s.toml",
            "[[case]]\nname = \"a\"\nquery = \"q\"\nmin_hit = 1\n",
        )
        .unwrap_err();
        assert_eq!(
            (e.file.as_str(), e.line, e.column),
            ("s.toml", Some(4), Some(1))
        );
        assert!(
            e.message.contains("unknown field `min_hit`"),
            "{}",
            e.message
        );
        assert!(e.to_string().starts_with("s.toml:4:1: "), "{e}");

        let e = parse(
            "s.toml",
            "[[case]]\nname = \"a\"\nquery = \"q\"\nmin_hits = \"one\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("invalid type"), "{}", e.message);

        let e = parse("s.toml", "[[case]]\nname = \"a\nquery = 1\n").unwrap_err();
        assert_eq!(e.line, Some(2));

        let e = parse(
            "s.toml",
            "[[case]]\nname = \"a\"\nquery = \"q\"\nfield_equals = { colour = \"red\" }\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(
            e.message.contains("unknown field `colour`"),
            "{}",
            e.message
        );

        let e = parse(
            "s.toml",
            "[[case]]\nname = \"a\"\nquery = \"q\"\ntop = \"a/[b\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("bad glob"), "{}", e.message);
    }

    #[test]
    fn semantic_mistakes_are_spec_errors() {
        let bad = [
            ("", "no cases"),
            ("[[case]]\nname = \"a\"\nquery = \"q\"\n", "expects nothing"),
            (
                "[[case]]\nname = \"a\"\nquery = \"q\"\nmin_hits = 1\n[[case]]\nname = \"a\"\nquery = \"r\"\nmin_hits = 1\n",
                "used twice",
            ),
            (
                "[[case]]\nname = \"a\"\nquery = \"q\"\nmin_hits = 5\nmax_hits = 2\n",
                "more than max_hits",
            ),
            (
                "[[case]]\nname = \"a\"\nquery = \"q\"\nin_top = { k = 0, paths = [\"x\"] }\n",
                "in_top.k",
            ),
            (
                "[[case]]\nname = \"a\"\nquery = \"q\"\nin_top = { k = 3, paths = [] }\n",
                "in_top.paths is empty",
            ),
            (
                "[[case]]\nname = \" \"\nquery = \"q\"\nmin_hits = 1\n",
                "name is empty",
            ),
            (
                "[[case]]\nname = \"a\"\nmin_hits = 1\n",
                "missing field `query`",
            ),
            ("[case]\nname = \"a\"\n", "invalid type"),
            ("title = \"x\"\n", "unknown field `title`"),
        ];
        for (text, want) in bad {
            let e = parse("s.toml", text).expect_err(text);
            assert!(e.message.contains(want), "{text:?}: {e}");
        }
        let e = parse(
            "s.toml",
            "[[case]]\nname = \"a\"\nquery = \"q\"\nmin_hits = 1\n\n[[case]]\nname = \"a\"\nquery = \"r\"\nmin_hits = 1\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(7));
        assert!(e.message.contains("first on line 2"), "{e}");
    }

    #[test]
    fn hit_counts() {
        let c = case("min_hits = 2\nmax_hits = 3");
        assert!(judge(&c.expect, &results(&[SEED], 2)).is_empty());
        assert!(judge(&c.expect, &results(&[SEED], 3)).is_empty());
        assert_eq!(
            judge(&c.expect, &results(&[SEED], 1)),
            vec!["expected at least 2 hits, got 1"]
        );
        assert_eq!(
            judge(&c.expect, &results(&[SEED], 4)),
            vec!["expected at most 3 hits, got 4"]
        );
        let none = case("max_hits = 0");
        assert!(judge(&none.expect, &results(&[], 0)).is_empty());
    }

    #[test]
    fn globs_stay_within_folders_unless_double_star() {
        let g = PathGlob::new("**/000_*.txt").unwrap();
        assert!(g.is_match(SEED));
        assert!(g.is_match("000_x.txt"));
        assert!(g.is_match("a/b/000_x.txt"));
        let g = PathGlob::new("*.txt").unwrap();
        assert!(!g.is_match(SEED), "* must not cross a /");
        let g = PathGlob::new("clippings/*").unwrap();
        assert!(g.is_match(SEED));
        assert!(!g.is_match("bbc.com/2019/x.html"));
    }

    #[test]
    fn top_and_in_top() {
        let c = case("top = \"clippings/000_*.txt\"");
        assert!(judge(&c.expect, &results(&[SEED, "b.html"], 2)).is_empty());
        let why = judge(&c.expect, &results(&["b.html", SEED], 2));
        assert_eq!(why.len(), 1);
        assert!(why[0].contains("first hit is b.html"), "{why:?}");
        let why = judge(&c.expect, &results(&[], 0));
        assert!(why[0].contains("no hits"), "{why:?}");

        let c = case("in_top = { k = 2, paths = [\"**/000_*.txt\", \"b.html\"] }");
        assert!(judge(&c.expect, &results(&["b.html", SEED, "c"], 3)).is_empty());
        let why = judge(&c.expect, &results(&["b.html", "c", SEED], 3));
        assert_eq!(why.len(), 1, "{why:?}");
        assert!(
            why[0].contains("no hit in the top 2 matches \"**/000_*.txt\" (top 2: b.html, c)"),
            "{why:?}"
        );
    }

    #[test]
    fn first_hit_fields() {
        let c = case(
            "snippet_contains = \"Popular Mobilisation\"\npeople_include = [\"Joe Biden\"]\n\
             field_equals = { source = \"Reuters\", dateline = \"Washington\", publisher = \"The Zimbabwe Mail\", path = \"clippings/000_8ac7ddf6f77f5d42.txt\" }",
        );
        assert!(judge(&c.expect, &results(&[SEED], 1)).is_empty());

        let c = case(
            "snippet_contains = \"popular mobilisation\"\npeople_include = [\"Hunter Biden\", \"Joe Biden\"]\n\
             field_equals = { source = \"AP\", dateline = \"Paris\", date = \"2024-01-05\", authors = \"Jane Roe\" }",
        );
        let why = judge(&c.expect, &results(&[SEED], 1));
        assert_eq!(why.len(), 6, "{why:?}");
        assert!(
            why[0].starts_with("first hit's snippet does not contain \"popular mobilisation\"")
        );
        assert!(
            why[1].contains("do not include \"Hunter Biden\""),
            "{why:?}"
        );
        assert_eq!(why[2], "first hit's source is \"Reuters\", expected \"AP\"");
        assert_eq!(
            why[3],
            "first hit's dateline [\"Baghdad\", \"Washington\"] does not include \"Paris\""
        );
        assert_eq!(
            why[4],
            "first hit's authors [] does not include \"Jane Roe\""
        );
        assert_eq!(why[5], "first hit has no date, expected \"2024-01-05\"");
    }

    #[test]
    fn junit_escapes_and_counts() {
        let report = Report {
            results: vec![
                CaseResult {
                    file: "specs/a.toml".into(),
                    line: 2,
                    name: "quotes \"&\" <tags>".into(),
                    description: None,
                    query: "q".into(),
                    status: Status::Pass,
                    reasons: vec![],
                    total_hits: Some(1),
                    top_paths: vec![SEED.into()],
                },
                CaseResult {
                    file: "specs/a.toml".into(),
                    line: 9,
                    name: "bad".into(),
                    description: Some("ctrl \u{1} char".into()),
                    query: "x <y>".into(),
                    status: Status::Fail,
                    reasons: vec!["expected at least 1 hit, got 0".into()],
                    total_hits: Some(0),
                    top_paths: vec![],
                },
            ],
        };
        let mut buf = Vec::new();
        write_junit(&mut buf, &report).unwrap();
        let xml = String::from_utf8(buf).unwrap();
        assert!(
            xml.contains(r#"name="quotes &quot;&amp;&quot; &lt;tags&gt;""#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"tests="2" failures="1" errors="0""#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<failure message="expected at least 1 hit, got 0""#),
            "{xml}"
        );
        assert!(xml.contains("query: x &lt;y&gt;"), "{xml}");
        assert!(!xml.contains('\u{1}'));
        assert!(xml.contains(r#"classname="a""#));
    }
}
