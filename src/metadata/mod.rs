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
    let mut body = e.body.trim().to_string();
    let mut e = e;

    // A name alone on the line above a dateline is the reporter's byline
    // ("Peter Blackburn" / "BRUSSELS 1996-08-22"): it leaves the body.
    {
        let paras: Vec<&str> = body.splitn(4, "\n\n").collect();
        if paras.len() >= 3
            && !byline::names(paras[0]).is_empty()
            && paras[0].split_whitespace().count() <= 4
            && !paras[0].contains(['.', ',', ':', '!', '?'])
            && dateline::parse(paras[0]).is_none()
            && (dateline::parse(paras[1]).is_some()
                || dateline::parse_standalone(paras[1], paras[2]).is_some())
        {
            e.bylines.push(paras[0].to_string());
            body = body[paras[0].len()..].trim_start().to_string();
        }
    }

    // Dateline: the start of the first paragraph, or a paragraph of its own.
    let mut paras = body.split("\n\n");
    let first_para = paras.next().unwrap_or("");
    let dl = dateline::parse(first_para)
        .or_else(|| dateline::parse_standalone(first_para, paras.next().unwrap_or("")));

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
            .or_else(|| date::year_from_path(path))
            .or_else(|| year_in_text(&body).map(|y| (y, month)));
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

/// The year an article's own text points to: the one it names most often
/// (the latest on a tie). Captions are not part of the body, so a file
/// photo's year cannot leak in.
fn year_in_text(body: &str) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for y in date::years_in(body) {
        *counts.entry(y).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(y, _)| y)
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::clipping;

    fn article(path: &str, text: &str) -> Article {
        extract(path, clipping::extract(text))
    }

    #[test]
    fn dateline_day_takes_the_year_from_the_path() {
        let a = article(
            "2024/01/iraq.txt",
            "Title\n\nBAGHDAD, Jan 5 (Reuters) - Iraq said on Friday.\n",
        );
        assert_eq!(a.date.as_deref(), Some("2024-01-05"));
        assert_eq!(a.date_source.as_deref(), Some("dateline"));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
    }

    #[test]
    fn dateline_day_takes_the_year_from_the_text() {
        let a = article(
            "iraq.txt",
            "Title\n\nBAGHDAD, Jan 5 (Reuters) - Iraq said its 2024 budget, the 2024 plan, would pass.\n",
        );
        assert_eq!(a.date.as_deref(), Some("2024-01-05"));
    }

    #[test]
    fn no_date_from_a_caption() {
        let a = article(
            "iraq.txt",
            "Title\n\nA man in Baghdad, December 28, 2023. REUTERS/John Smith/File Photo\n\nBAGHDAD - Talks began.\n",
        );
        assert_eq!(a.date, None);
        assert!(a.caption.is_some());
    }

    #[test]
    fn date_from_the_path_alone() {
        let a = article("news/2019-11-20-story.txt", "Title\n\nText of a story.\n");
        assert_eq!(a.date.as_deref(), Some("2019-11-20"));
        assert_eq!(a.date_source.as_deref(), Some("path"));
    }

    #[test]
    fn name_line_above_a_dateline_is_a_byline() {
        let a = article(
            "a.txt",
            "EU REJECTS GERMAN CALL.\nPeter Blackburn\nBRUSSELS 1996-08-22\nThe European Commission said on Thursday it disagreed with German advice.\n",
        );
        assert_eq!(a.authors, vec!["Peter Blackburn"]);
        assert_eq!(a.dateline, vec!["Brussels"]);
        assert!(a.body.starts_with("BRUSSELS"), "{}", a.body);
        let a = article(
            "a.txt",
            "Title\n\nPeter Blackburn\n\nThe European Commission said on Thursday it disagreed.\n",
        );
        assert!(a.authors.is_empty(), "no dateline below: not a byline");
    }

    #[test]
    fn agency_signals() {
        let a = article(
            "a.txt",
            "Title\n\nBy Will Dunham, Reuters\n\nWASHINGTON - A study said.\n",
        );
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.authors, vec!["Will Dunham"]);
        let a = article(
            "a.txt",
            "Title\n\nBy The Associated Press\n\nA study said.\n",
        );
        assert_eq!(a.source.as_deref(), Some("Associated Press"));
        assert!(a.authors.is_empty());
        let a = article(
            "a.txt",
            "Title\n\nA study said.\n\n(Reporting by Jane Doe; Editing by John Roe)\n",
        );
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        let a = article(
            "a.txt",
            "Title\n\nA study said.\n\nCopyright 2019 The Associated Press. All rights reserved.\n",
        );
        assert_eq!(a.source.as_deref(), Some("Associated Press"));
        let a = article(
            "a.txt",
            "Title\n\nOfficials told Reuters on Friday that talks would begin.\n",
        );
        assert_eq!(a.source, None, "a mention is not a source");
        let a = article("a.txt", "Title\n\nPARIS (AFP) - France said.\n");
        assert_eq!(a.source.as_deref(), Some("AFP"));
    }
}
