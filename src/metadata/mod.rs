//! [`Extracted`] page or clipping → [`Article`] with the newswire fields.
//!
//! Calls one extractor per field — [`dateline`], [`source`], [`date`],
//! [`byline`], [`people`] — and decides precedence between them. No
//! extractor calls another's decision logic; this module is the only place
//! that combines signals. It never reads files or markup.

pub mod byline;
pub mod date;
pub mod dateline;
pub mod people;
pub mod source;

use crate::article::Article;
use crate::normalize::{DateSource, Extracted};

/// Derives dateline, source, date, authors and people, and assembles the
/// article. `path` is the article's id (relative path).
pub fn extract(path: &str, e: Extracted) -> Article {
    let title = collapse_ws(&e.title);
    let body = e.body.trim().to_string();

    // Dateline: the start of the first paragraph.
    let first_para = body.split("\n\n").next().unwrap_or("");
    let dl = dateline::parse(first_para);

    // Source: dateline tag, source lines, bylines, credits, copyright, metadata.
    let source = dl
        .as_ref()
        .and_then(|d| d.agency.as_deref())
        .and_then(source::canonical)
        .or_else(|| source::from_opening(&body))
        .or_else(|| {
            e.source_lines
                .iter()
                .find_map(|l| source::from_source_line(l))
        })
        .or_else(|| e.bylines.iter().find_map(|b| source::from_byline(b)))
        .or_else(|| source::from_credits_in_body(&body))
        .or_else(|| source::from_copyright(&body))
        .or_else(|| e.source_hint.as_deref().and_then(source::canonical))
        .map(str::to_string);

    // Authors: metadata names, then bylines; never an agency.
    let mut authors: Vec<String> = Vec::new();
    for a in &e.authors {
        for n in byline::names(a) {
            if !authors.contains(&n) {
                authors.push(n);
            }
        }
    }
    if authors.is_empty() {
        for b in &e.bylines {
            for n in byline::names(b) {
                if !authors.contains(&n) {
                    authors.push(n);
                }
            }
        }
    }

    // Date: what the page states, then a dateline day completed with a year
    // from the URL or path, then the path alone.
    let mut date = e.date.clone();
    if date.is_none()
        && let Some(d) = &dl
        && let Some((month, day)) = d.day.as_deref().and_then(date::parse_day)
    {
        let year = e
            .url
            .as_deref()
            .and_then(date::year_from_path)
            .or_else(|| date::year_from_path(path));
        if let Some((y, m)) = year
            && let Some(day) = date::Day::new(if month > m + 6 { y - 1 } else { y }, month, day)
        {
            date = Some((day.iso(), DateSource::Dateline));
        }
    }
    if date.is_none()
        && let Some(d) = e.url.as_deref().and_then(date::from_path)
    {
        date = Some((d.iso(), DateSource::Url));
    }
    if date.is_none()
        && let Some(d) = date::from_path(path)
    {
        date = Some((d.iso(), DateSource::Path));
    }

    let people = people::extract(&title, &body, &e.captions, &authors);
    let people_variants = people::variants(&people);
    let (dateline, dateline_raw, dateline_day) = match dl {
        Some(d) => (d.places, Some(d.raw), d.day),
        None => (Vec::new(), None, None),
    };
    Article {
        path: path.to_string(),
        title,
        body,
        date: date.as_ref().map(|d| d.0.clone()),
        date_source: date.map(|d| d.1.name().to_string()),
        publisher: e
            .publisher
            .map(|p| collapse_ws(&p))
            .filter(|p| !p.is_empty()),
        source,
        dateline,
        dateline_raw,
        dateline_day,
        authors,
        people,
        people_variants,
        url: e.url,
        caption: (!e.captions.is_empty()).then(|| e.captions.join("\n")),
        language: e.language,
    }
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
