//! Plain-text clippings → [`Extracted`].
//!
//! A clipping is what a reader pastes from a page: a title line (often
//! "Title – Publisher", sometimes with tracking code leaked in front), the
//! title again, photo captions with credits, share-button text, the story,
//! and a "Source: X" line or a wire sign-off at the end. This module sorts
//! those lines into title, body, captions, bylines and source lines. It does
//! not interpret them: datelines, agencies and names are `metadata`'s work.

use super::Extracted;
use regex::Regex;
use std::sync::LazyLock;

/// Lines pasted from share bars and page furniture, compared case-insensitively
/// after trimming punctuation.
const FURNITURE: &[&str] = &[
    "spread the love",
    "share this",
    "share this article",
    "share this story",
    "share",
    "share on facebook",
    "share on twitter",
    "share on whatsapp",
    "share on linkedin",
    "share via email",
    "tweet",
    "email",
    "print",
    "like this",
    "loading",
    "advertisement",
    "advertisements",
    "sponsored",
    "related",
    "related articles",
    "related posts",
    "related stories",
    "read more",
    "continue reading",
    "subscribe",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "follow us",
    "comments",
    "leave a comment",
    "leave a reply",
    "skip to content",
    "skip to main content",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "telegram",
    "pinterest",
    "reddit",
    "copy link",
    "more",
    "menu",
    "home",
];

static CODE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    // One or more JavaScript statements at the start of a line: a call or an
    // assignment ending in ';' that carries code punctuation (quotes,
    // brackets, `||`). Prose almost never does all of that.
    Regex::new(
        r#"^\s*(?:\(?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*(?:=\s*[^;]{0,300}?|\([^;]{0,300}?\)(?:\)?\.[\w$]+\([^;]{0,200}?\))?)\s*;\s*)+"#,
    )
    .expect("static regex")
});

static SHARE_OPENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:click to (?:share|email|print)|share on \w+|opens in new window)")
        .expect("static regex")
});

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)(?:REUTERS|Reuters|AP\s+Photo|AFP|Getty\s+Images|EPA(?:-EFE)?|Bloomberg|AAP|ANP|ANSA|Xinhua|Pool|File\s+Photo)
        \s*/\s*[A-Z\p{Lu}]
        | (?i:(?-u:\b)(?:photo|image|picture|foto)\s*(?:credit)?\s*:\s*\S)
        | (?i:\((?:photo|image|picture)s?(?-u:\b)[^)]{0,80}\)\s*$)
        | (?i:(?-u:\b)(?:file\s+photo|photo\s+by|photographed\s+by)(?-u:\b))",
    )
    .expect("static regex")
});

static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by)\s+\p{Lu}").expect("static regex"));

static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:source|sources|via)\s*[:\-–—]\s*(\S.{0,60})$").expect("static regex")
});

static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:reuters?)|AP|AFP|dpa|UPI)\.{0,3}\s*$").expect("static regex")
});

/// A wire sign-off left at the end of the last line ("... (33.7).        REUTER").
static TRAILING_SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\s{2,}|[.)]\s+)((?:REUTERS?|Reuters?))\.{0,3}\s*$").expect("static regex")
});

static CREDITS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?\s*(?i:(?:additional\s+)?reporting\s+by|writing\s+by|editing\s+by|compiled\s+by)(?-u:\b).{0,300}\)?\s*$")
        .expect("static regex")
});

static TITLE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:[–—|·:]{1,2}|-{1,2})\s+").expect("static regex"));

/// Removes JavaScript leaked in front of a line (`gtag('config', 'UA-1');`).
pub fn strip_code_prefix(line: &str) -> &str {
    if let Some(m) = CODE_PREFIX.find(line) {
        let code = m.as_str();
        let codey = code.contains(['\'', '"', '[', '{', '|', '('])
            && !code.contains(". ")
            && code.split_whitespace().count() <= 12;
        if codey {
            return line[m.end()..].trim_start();
        }
    }
    line
}

fn is_code_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && strip_code_prefix(t).is_empty()
}

/// Folded form for comparing lines: lower case, single spaces, no punctuation.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

fn is_furniture(line: &str) -> bool {
    let f = fold(line);
    if f.is_empty() {
        return !line.trim().is_empty() && line.trim().chars().count() <= 3;
    }
    FURNITURE.contains(&f.as_str()) || SHARE_OPENS.is_match(line.trim())
}

/// Whether a line is a photo caption with a credit.
pub fn is_caption(line: &str) -> bool {
    let t = line.trim();
    t.len() < 600 && CREDIT.is_match(t)
}

/// Splits "Title – Publisher" at its last separator, when the part after it
/// is short enough to be an outlet's name.
fn split_title(line: &str) -> Option<(&str, &str)> {
    let m = TITLE_SEP.find_iter(line).last()?;
    let (title, publisher) = (line[..m.start()].trim(), line[m.end()..].trim());
    let words = publisher.split_whitespace().count();
    if title.is_empty() || publisher.is_empty() || words > 6 {
        return None;
    }
    Some((title, publisher))
}

/// Words that mark a name as an outlet's when a title has no repeat to
/// confirm the split.
fn looks_like_outlet(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "times",
        "news",
        "post",
        "mail",
        "herald",
        "tribune",
        "journal",
        "gazette",
        "guardian",
        "telegraph",
        "independent",
        "observer",
        "chronicle",
        "express",
        "standard",
        "star",
        "daily",
        "weekly",
        "press",
        "media",
        "online",
        "reuters",
        "bbc",
        "cnn",
        "today",
        "review",
        "magazine",
        "dispatch",
        "courier",
        "ledger",
        "monitor",
        "record",
        "sun",
        "globe",
        "insider",
        "wire",
        "radio",
        "tv",
        "network",
        "report",
        "bulletin",
        "examiner",
    ];
    let lower = s.to_lowercase();
    lower.contains(".com")
        || lower.contains(".co")
        || lower.contains(".org")
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| WORDS.contains(&w))
}

/// Cleans a clipping into title, body and the lines around them.
pub fn extract(text: &str) -> Extracted {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.lines().collect();
    let mut out = Extracted::default();

    // Leaked code in front of (or instead of) the first lines.
    let mut first = None;
    for (i, line) in lines.iter_mut().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if is_code_line(line) {
            *line = "";
            continue;
        }
        *line = strip_code_prefix(line);
        first = Some(i);
        break;
    }
    let Some(first) = first else {
        return out;
    };

    // The title line, maybe "Title – Publisher", maybe repeated below.
    let head = lines[first].trim();
    let mut title = head.to_string();
    let mut repeat_of: Vec<String> = vec![fold(head)];
    let following: Vec<&str> = lines[first + 1..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .copied()
        .collect();
    let mut split_done = false;
    // Try each separator position, longest title first, against the lines below.
    for m in TITLE_SEP
        .find_iter(head)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let (t, p) = (head[..m.start()].trim(), head[m.end()..].trim());
        if following.iter().any(|l| fold(l) == fold(t)) && !p.is_empty() {
            title = t.to_string();
            out.publisher = Some(p.to_string());
            repeat_of.push(fold(t));
            split_done = true;
            break;
        }
    }
    // Without a repeat to confirm it, split only a headline in ordinary case:
    // wire headlines in capitals end in "- REPORT", "- TEHRAN RADIO".
    let shouting = !head.chars().any(|c| c.is_lowercase());
    if !split_done
        && !shouting
        && let Some((t, p)) = split_title(head)
        && looks_like_outlet(p)
    {
        title = t.to_string();
        out.publisher = Some(p.to_string());
        repeat_of.push(fold(t));
    }
    out.title = title;

    // Sort the remaining lines.
    let body_lines = &lines[first + 1..];
    let last_content = body_lines.iter().rposition(|l| !l.trim().is_empty());
    let mut kept: Vec<&str> = Vec::new();
    let mut seen_body = false;
    for (i, raw) in body_lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            kept.push("");
            continue;
        }
        if !seen_body && repeat_of.contains(&fold(line)) {
            continue;
        }
        if is_furniture(line) || is_code_line(line) {
            continue;
        }
        if is_caption(line) && !looks_like_dateline_start(line) {
            out.captions.push(line.to_string());
            continue;
        }
        if !seen_body && BYLINE.is_match(line) && line.len() < 120 {
            out.bylines.push(line.to_string());
            continue;
        }
        if let Some(c) = SOURCE_LINE.captures(line) {
            out.source_lines.push(c[1].trim().to_string());
            continue;
        }
        if Some(i) == last_content && SIGN_OFF.is_match(line) {
            out.source_lines.push(line.to_string());
            continue;
        }
        if Some(i) == last_content
            && let Some(c) = TRAILING_SIGN_OFF.captures(raw)
            && let Some(m) = c.get(0)
        {
            out.source_lines.push(c[1].to_string());
            seen_body = true;
            // Keep the sentence's closing punctuation, drop the sign-off.
            let keep = raw[..m.end()].rfind(&c[1]).unwrap_or(m.start());
            kept.push(raw[..keep].trim_end());
            continue;
        }
        if CREDITS_LINE.is_match(line) && line.len() < 400 {
            out.source_lines.push(line.to_string());
            continue;
        }
        seen_body = true;
        kept.push(raw);
    }
    out.body = paragraphs(&kept);
    out
}

/// A caption credit inside the first body line ("LONDON (Reuters) - ...")
/// is not a caption.
fn looks_like_dateline_start(line: &str) -> bool {
    crate::metadata::dateline::parse(line).is_some() && line.len() > 200
}

/// Joins hard-wrapped lines into paragraphs; paragraphs are separated by one
/// blank line. A new paragraph starts at a blank line, an indented line, a
/// list item, or after a line too short or too long to be a wrapped one.
fn paragraphs(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut current = String::new();
    let mut prev_len = 0usize;
    let flush = |current: &mut String, out: &mut String| {
        let p = current.trim();
        if !p.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(p);
        }
        current.clear();
    };
    for raw in lines {
        if raw.trim().is_empty() {
            flush(&mut current, &mut out);
            prev_len = 0;
            continue;
        }
        let indented = raw.starts_with("  ") || raw.starts_with('\t');
        let t = raw.trim();
        let list =
            t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ") || t.starts_with('#');
        let wrapped = (30..=100).contains(&prev_len);
        if current.is_empty() || (!indented && !list && wrapped) {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(t);
        } else {
            flush(&mut current, &mut out);
            current.push_str(t);
        }
        prev_len = raw.trim_end().chars().count();
    }
    flush(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_gtag_prefix() {
        let line = "gtag('config', 'UA-12595121-1'); Iraq prepares – PM – The Zimbabwe Mail";
        assert_eq!(
            strip_code_prefix(line),
            "Iraq prepares – PM – The Zimbabwe Mail"
        );
        let line = "(adsbygoogle = window.adsbygoogle || []).push({}); Title here";
        assert_eq!(strip_code_prefix(line), "Title here");
        let line = "window.dataLayer = window.dataLayer || []; Title";
        assert_eq!(strip_code_prefix(line), "Title");
    }

    #[test]
    fn prose_is_not_code() {
        for line in [
            "Smith (pictured) said the plan would work; others disagreed.",
            "BAGHDAD (Reuters) - The talks (which began Monday) ended; no deal.",
            "x = 3; the value is set",
        ] {
            assert_eq!(strip_code_prefix(line), line);
        }
    }

    #[test]
    fn title_publisher_split_confirmed_by_repeat() {
        let text = "Iraq prepares to close down US-led coalition’s mission – PM – The Zimbabwe Mail\n\nIraq prepares to close down US-led coalition’s mission – PM\n\nBody text here.\n";
        let e = extract(text);
        assert_eq!(
            e.title,
            "Iraq prepares to close down US-led coalition’s mission – PM"
        );
        assert_eq!(e.publisher.as_deref(), Some("The Zimbabwe Mail"));
        assert_eq!(e.body, "Body text here.");
    }

    #[test]
    fn title_without_publisher_stays_whole() {
        let e = extract("Markets rally - again\n\nStocks rose.\n");
        assert_eq!(e.title, "Markets rally - again");
        assert_eq!(e.publisher, None);
    }

    #[test]
    fn captions_share_lines_and_source_are_pulled_out() {
        let text = "Title\n\nA man speaks in Baghdad, Iraq, December 28, 2023. REUTERS/Thaier Al-Sudani/Pool/ File Photo\nSpread the love\n\nBAGHDAD – Text.\n\nSource: Reuters\n";
        let e = extract(text);
        assert_eq!(e.captions.len(), 1);
        assert_eq!(e.source_lines, vec!["Reuters"]);
        assert_eq!(e.body, "BAGHDAD – Text.");
    }

    #[test]
    fn wire_layout_is_rejoined() {
        let text = "BAHIA COCOA REVIEW\n\n    By Janie Gabbett, Reuters\n    SALVADOR, Feb 26 - Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period means the temporao will be late.\n Reuter\n";
        let e = extract(text);
        assert_eq!(e.title, "BAHIA COCOA REVIEW");
        assert_eq!(e.bylines, vec!["By Janie Gabbett, Reuters"]);
        assert_eq!(e.source_lines, vec!["Reuter"]);

        assert_eq!(
            e.body,
            "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone.\n\nThe dry period means the temporao will be late."
        );
    }

    #[test]
    fn sign_off_at_line_end_and_capital_headlines() {
        let e = extract(
            "TITLE\n\n    LONDON, March 3 - Prices.\nJul 7.0, total 55.8 (33.7).        REUTER\n",
        );
        assert_eq!(e.source_lines, vec!["REUTER"]);
        assert!(e.body.ends_with("(33.7)."), "{}", e.body);
        let e =
            extract("TITLE\n\n    LONDON, March 3 - Gold coins of a tenth of an ounce. REUTER\n");
        assert_eq!(e.source_lines, vec!["REUTER"]);
        assert!(e.body.ends_with("an ounce."), "{}", e.body);
        let e = extract("TITLE\n\n    LONDON, March 3 - Text.\n REUTER...\n");
        assert_eq!(e.source_lines, vec!["REUTER..."]);
        let e =
            extract("FORD <F> AIR-BAG PROGRAM FLAGGING - REPORT\n\n    DETROIT, March 3 - Text.\n");
        assert_eq!(e.title, "FORD <F> AIR-BAG PROGRAM FLAGGING - REPORT");
    }
}
