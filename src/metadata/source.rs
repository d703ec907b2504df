//! The wire agency behind a story, one canonical name per agency.
//!
//! Signals, strongest first: the dateline tag `(Reuters)`, a "Source: X"
//! line or a sign-off (`Reuter`), an agency byline (`By Will Dunham,
//! Reuters`, `By The Associated Press`), a Reuters-style credits line
//! (`(Reporting by …; Editing by …)`), a copyright line at the end, the
//! page's metadata. A mention in running text ("officials told Reuters")
//! or a photo credit is not a signal. The publisher is never an agency here.

use regex::Regex;
use std::sync::LazyLock;

/// Canonical agency for a name or tag as written, or `None`.
pub fn canonical(name: &str) -> Option<&'static str> {
    let n = name
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let n = n.strip_prefix("the ").unwrap_or(&n);
    Some(match n {
        "reuters" | "reuter" | "thomson reuters" | "reuters staff" => "Reuters",
        "ap" | "associated press" | "ap photo" | "press associated" => "Associated Press",
        "afp" | "agence france-presse" | "agence france presse" | "afp photo" => "AFP",
        "bloomberg" | "bloomberg news" => "Bloomberg",
        "dpa" | "deutsche presse-agentur" | "deutsche presse agentur" => "dpa",
        "pa" | "pa media" | "press association" | "pa wire" => "PA",
        "upi" | "united press international" => "UPI",
        "pti" | "press trust of india" => "PTI",
        "ani" | "asian news international" => "ANI",
        "ians" | "indo-asian news service" => "IANS",
        "xinhua" | "xinhua news agency" => "Xinhua",
        "kyodo" | "kyodo news" => "Kyodo",
        "yonhap" | "yonhap news agency" => "Yonhap",
        "tass" | "itar-tass" => "TASS",
        "ansa" => "ANSA",
        "efe" | "agencia efe" => "EFE",
        "aap" | "australian associated press" => "AAP",
        "cp" | "canadian press" => "The Canadian Press",
        "anadolu" | "anadolu agency" | "aa" => "Anadolu",
        "interfax" => "Interfax",
        "ria novosti" | "ria" => "RIA Novosti",
        "bernama" => "Bernama",
        _ => return None,
    })
}

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:,\s*)?(the associated press|associated press|thomson reuters|reuters|agence france-presse|afp|bloomberg(?: news| l\.?p\.?)?|dpa|press association|pa media|upi|united press international)(?-u:\b)")
        .expect("static regex")
});

static BYLINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|,|(?-u:\b)and(?-u:\b)|(?-u:\b)by(?-u:\b)|\|)\s*(the associated press|associated press|thomson reuters|reuters|afp|agence france-presse|bloomberg(?: news)?|dpa|pa media|press association|upi|pti|press trust of india|ap)\s*(?:$|,|(?-u:\b)and(?-u:\b)|/)")
        .expect("static regex")
});

static REPORTING_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:additional\s+)?(?:reporting|writing)\s+by(?-u:\b)[^)]*(?:editing\s+by|;)",
    )
    .expect("static regex")
});

static OPENING_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^\n(]{0,80}\(([A-Za-z][A-Za-z ./-]{0,30})\)\s*(?:--?|–|—|:)")
        .expect("static regex")
});

/// An agency named by a byline ("By Will Dunham, Reuters", "By The Associated Press").
pub fn from_byline(byline: &str) -> Option<&'static str> {
    let c = BYLINE_AGENCY.captures(byline.trim())?;
    canonical(&c[1])
}

/// An agency tag opening the body even without a place: "(Reuters) - ...".
pub fn from_opening(body: &str) -> Option<&'static str> {
    let head = &body[..floor(body, 200)];
    let c = OPENING_TAG.captures(head.trim_start())?;
    canonical(&c[1])
}

/// An agency named by a "Source:" line, a sign-off or a credits line.
pub fn from_source_line(line: &str) -> Option<&'static str> {
    if let Some(a) = canonical(line) {
        return Some(a);
    }
    if REPORTING_BY.is_match(line.trim()) {
        return Some("Reuters");
    }
    // "Source: Reuters/AFP" or "Reuters, AP": the first agency named.
    line.split(['/', ',', ';', '|']).find_map(canonical)
}

/// A copyright line naming an agency in the last lines of the body.
pub fn from_copyright(body: &str) -> Option<&'static str> {
    let tail = &body[floor_back(body, 600)..];
    let c = COPYRIGHT.captures_iter(tail).last()?;
    canonical(&c[1])
}

/// A Reuters credits paragraph at the end of a body: "(Reporting by …; Editing by …)".
pub fn from_credits_in_body(body: &str) -> Option<&'static str> {
    let tail = &body[floor_back(body, 800)..];
    tail.lines()
        .rev()
        .take(4)
        .find(|l| REPORTING_BY.is_match(l.trim()))
        .map(|_| "Reuters")
}

fn floor(s: &str, n: usize) -> usize {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn floor_back(s: &str, n: usize) -> usize {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names() {
        assert_eq!(canonical("REUTER"), Some("Reuters"));
        assert_eq!(canonical("The Associated Press"), Some("Associated Press"));
        assert_eq!(canonical("AP"), Some("Associated Press"));
        assert_eq!(canonical("Agence France-Presse"), Some("AFP"));
        assert_eq!(canonical("The Zimbabwe Mail"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(from_byline("By Will Dunham, Reuters"), Some("Reuters"));
        assert_eq!(
            from_byline("By The Associated Press"),
            Some("Associated Press")
        );
        assert_eq!(from_byline("By Jane Doe, Staff Writer"), None);
        assert_eq!(from_byline("By Apple Jones"), None);
    }

    #[test]
    fn opening_tags() {
        assert_eq!(from_opening("(Reuters) - WeWork said"), Some("Reuters"));
        assert_eq!(
            from_opening("WASHINGTON (AP) — The"),
            Some("Associated Press")
        );
        assert_eq!(from_opening("The company (Acme) - said"), None);
    }

    #[test]
    fn credits_and_copyright() {
        assert_eq!(
            from_source_line("(Reporting by Ahmed Rasheed; Editing by Alex Richardson)"),
            Some("Reuters")
        );
        assert_eq!(
            from_copyright("Text.\n\nCopyright 2019 The Associated Press. All rights reserved."),
            Some("Associated Press")
        );
        assert_eq!(from_copyright("Text.\n\n© 2024 Reuters"), Some("Reuters"));
        assert_eq!(
            from_copyright("U.S. officials told Reuters on Friday."),
            None
        );
    }
}
