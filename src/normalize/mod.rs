//! File bytes → [`Article`]: the normalizer's front door.
//!
//! `normalize` decodes the bytes, hands the text to the HTML extractor
//! ([`html`]) or the clipping cleaner ([`clipping`]), which each return an
//! [`Extracted`] (main text plus whatever metadata the page states), and then
//! lets [`crate::metadata`] derive the newswire fields. It touches no index
//! and no terminal.
//!
//! Hostile input is handled before and after the extractors: markup passes
//! through [`guard`] (nesting cap, size cap) before html5ever sees it, and
//! every extracted string is
//! stripped of control and invisible characters
//! ([`crate::sanitize::clean_stored`]), so nothing stored can act on a
//! terminal.

pub mod clipping;
pub mod guard;
pub mod html;

use crate::article::Article;
use crate::decode;
use crate::sanitize::clean_stored;
use crate::summary::SkipReason;
use crate::walk::FileKind;
use std::path::Path;

/// Which signal gave a date; the names appear as `date_source` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// schema.org JSON-LD `datePublished`.
    JsonLd,
    /// `<meta>` tags (`article:published_time`, `date`, ...).
    Meta,
    /// A `<time datetime>` element.
    Time,
    /// A date in the page's URL (`/2024/01/05/`).
    Url,
    /// A visible byline or date line.
    Byline,
    /// The dateline's day plus a year found elsewhere.
    Dateline,
    /// A date in the file's path.
    Path,
    /// A date written in the text.
    Text,
}

impl DateSource {
    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            DateSource::JsonLd => "json-ld",
            DateSource::Meta => "meta",
            DateSource::Time => "time",
            DateSource::Url => "url",
            DateSource::Byline => "byline",
            DateSource::Dateline => "dateline",
            DateSource::Path => "path",
            DateSource::Text => "text",
        }
    }
}

/// What a page or clipping states about itself, before the newswire fields
/// are derived. Everything is optional: a clipping states little.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Headline.
    pub title: String,
    /// Main text, paragraphs separated by blank lines.
    pub body: String,
    /// Photo captions (with credits).
    pub captions: Vec<String>,
    /// Byline lines as written ("By Janie Gabbett, Reuters").
    pub bylines: Vec<String>,
    /// Author names the page's metadata gives (JSON-LD, meta).
    pub authors: Vec<String>,
    /// Lines that name a source outside the body ("Source: Reuters", a sign-off).
    pub source_lines: Vec<String>,
    /// Agency named by metadata (JSON-LD `sourceOrganization`, `author` that is an agency).
    pub source_hint: Option<String>,
    /// The outlet.
    pub publisher: Option<String>,
    /// Publication date as found, with where it came from.
    pub date: Option<(String, DateSource)>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Declared language.
    pub language: Option<String>,
}

/// Normalizes one file. `path` is the article's id (relative path); its
/// extension picks HTML or text, and folder names may give a date.
///
/// Returns the reason when the file holds no article.
pub fn normalize(path: &str, bytes: &[u8]) -> Result<Article, SkipReason> {
    let kind = FileKind::of(Path::new(path)).unwrap_or(FileKind::Text);
    let text = decode::to_text(bytes, kind == FileKind::Html || looks_like_html(bytes))?;
    let mut extracted = if kind == FileKind::Html || looks_like_html(text.as_bytes()) {
        html::extract(&text)
    } else {
        clipping::extract(&text)
    };
    clean_extracted(&mut extracted);
    if extracted.title.trim().is_empty() && extracted.body.trim().is_empty() {
        return Err(SkipReason::NoText);
    }
    // Datelines, sources and people are read from the opening of a story;
    // on a book-length "article" (a 10 MB single line) reading them from the
    // whole text costs seconds and finds nothing new. The body is kept whole.
    if extracted.body.len() > METADATA_TEXT_BYTES {
        let mut cut = METADATA_TEXT_BYTES;
        while !extracted.body.is_char_boundary(cut) {
            cut -= 1;
        }
        let rest = extracted.body.split_off(cut);
        let mut article = crate::metadata::extract(path, extracted);
        article.body.push_str(&rest);
        article.body.truncate(article.body.trim_end().len());
        return Ok(article);
    }
    Ok(crate::metadata::extract(path, extracted))
}

/// Text the metadata stage reads at most (the body is indexed whole).
pub const METADATA_TEXT_BYTES: usize = 256 * 1024;

/// Removes control and invisible characters from everything extracted, so
/// the stored article (and whatever the metadata stage derives from it) is
/// free of them.
fn clean_extracted(e: &mut Extracted) {
    fn clean(s: &mut String) {
        if let std::borrow::Cow::Owned(c) = clean_stored(s) {
            *s = c;
        }
    }
    fn clean_opt(s: &mut Option<String>) {
        if let Some(v) = s {
            clean(v);
        }
    }
    clean(&mut e.title);
    clean(&mut e.body);
    for v in e
        .captions
        .iter_mut()
        .chain(e.bylines.iter_mut())
        .chain(e.authors.iter_mut())
        .chain(e.source_lines.iter_mut())
    {
        clean(v);
    }
    clean_opt(&mut e.source_hint);
    clean_opt(&mut e.publisher);
    clean_opt(&mut e.url);
    clean_opt(&mut e.language);
    if let Some((d, _)) = &mut e.date {
        clean(d);
    }
}

/// A `.txt` that is really a saved page starts with a doctype or `<html>`.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(head.len());
    let head: Vec<u8> = head[start..]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}
