//! The dateline that opens a wire story: "BAGHDAD/WASHINGTON – ",
//! "SALVADOR, Feb 26 - ", "ST. JOSEPH, Mich. (AP) — ", "Paris (AFP) - ".
//!
//! [`parse`] reads the start of a body's first paragraph and returns the
//! places (split on `/`, title case), the qualifiers (state, country), the
//! day and the agency tag. It never invents one: the head must end in a
//! dash, be short, hold no sentence words, and a place without a day or an
//! agency tag must be written in capitals.

use regex::Regex;
use std::sync::LazyLock;

/// A parsed dateline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dateline {
    /// Places, title case: `["Baghdad", "Washington"]`.
    pub places: Vec<String>,
    /// Qualifiers as written: `["Mich."]`, `["British Columbia"]`.
    pub qualifiers: Vec<String>,
    /// The day as written ("Feb 26"), if any.
    pub day: Option<String>,
    /// The agency in the tag ("Reuters", "AP"), as written.
    pub agency: Option<String>,
    /// The whole dateline as written, without the dash.
    pub raw: String,
    /// Byte offset in the input where the story text starts.
    pub end: usize,
}

static DASH: LazyLock<Regex> = LazyLock::new(|| {
    // The separator: hyphen(s), en or em dash, with the story after it (or
    // the line's end). "Feb 26-" with no space before is allowed.
    // A dash with white space before it may touch the story ("March 4 -General").
    Regex::new(r"\s+(?:--?|–|—|―)\s*|\s*(?:--?|–|—|―)(?:\s+|$)").expect("static regex")
});

static DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            [a-z]{3,9}\.?\s+\d[\dO]{0,2}             # Feb 26, March 119, March 2O (typos kept)
          | \d{1,2}\s+[a-z]{3,9}\.?                   # 2 March
          | \d{4}-\d{2}-\d{2}                         # 1996-08-22
        )$",
    )
    .expect("static regex")
});

static AGENCY_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()]{1,40})\)\s*$").expect("static regex"));

/// Words that open headings and wire flashes, never a place.
const NOT_PLACES: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "WATCH",
    "VIDEO",
    "FACTBOX",
    "PHOTOS",
    "LIVE",
    "CORRECTED",
    "CORRECTION",
    "REFILE",
    "FEATURE",
    "INTERVIEW",
    "COLUMN",
    "EDITORIAL",
    "NOTE",
    "NOTICE",
    "ADVISORY",
    "TABLE",
    "GRAPHIC",
    "WRAPUP",
    "TEXT",
    "NEWS",
    "SPORTS",
    "SUMMARY",
    "DIARY",
    "URGENT",
    "FLASH",
    "BULLETIN",
    "PREVIEW",
    "REVIEW",
    "THE",
    "A",
    "AN",
    "IT",
    "WE",
    "I",
    "HE",
    "SHE",
    "THEY",
    "THIS",
    "THAT",
    "BUT",
    "AND",
    "OR",
    "IN",
    "ON",
    "AT",
    "FOR",
    "BY",
    "OF",
    "TO",
    "Q",
    "A:",
    "NO",
    "YES",
    "TOTAL",
    "NET",
    "PCT",
    "SHR",
    "REVS",
    "QTR",
    "NINE",
    "MTHS",
    "YEAR",
    "AVG",
    "SHRS",
    "OPER",
    "NOTE:",
];

/// Agency tags morgue knows, lower case.
const AGENCY_WORDS: &[&str] = &[
    "reuters",
    "reuter",
    "ap",
    "afp",
    "upi",
    "dpa",
    "pa",
    "pti",
    "ani",
    "ians",
    "xinhua",
    "kyodo",
    "yonhap",
    "tass",
    "ansa",
    "efe",
    "bloomberg",
    "cnn",
    "bernama",
    "aap",
    "cp",
    "the canadian press",
    "associated press",
    "the associated press",
    "ap photo",
    "bna",
    "wafa",
    "irna",
    "sana",
    "mena",
    "kuna",
    "apa",
    "ap/reuters",
    "efe/afp",
    "afp/reuters",
    "anadolu",
    "aa",
    "ria novosti",
    "interfax",
    "rfe/rl",
    "ips",
    "nyt",
    "wsj",
    "ctk",
    "mti",
];

/// Reads the dateline at the start of `text`, if there is one.
pub fn parse(text: &str) -> Option<Dateline> {
    // Skip leading white space and wire junk: "****", "RPT --", a stray "c    ".
    let mut start = 0;
    let bytes = text.as_bytes();
    loop {
        let rest = &text[start..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\n', '*', '\u{a0}']);
        start += rest.len() - trimmed.len();
        if let Some(r) = trimmed.strip_prefix("RPT") {
            let r2 = r.trim_start_matches([' ', '-']);
            if r2.len() < r.len() {
                start += trimmed.len() - r2.len();
                continue;
            }
        }
        let b = trimmed.as_bytes();
        if b.len() > 3 && b[0].is_ascii_lowercase() && b[1] == b' ' && b[2] == b' ' {
            start += 1;
            continue;
        }
        break;
    }
    let _ = bytes;
    let window_end = floor_char_boundary(text, (start + 160).min(text.len()));
    let window = &text[start..window_end];
    let dash = DASH.find(window)?;
    let head = window[..dash.start()].trim();
    if head.is_empty() || head.contains('\n') && !head.ends_with(')') {
        return None;
    }
    let end = start + dash.end();
    let mut rest_head = head;
    let mut agency = None;
    if let Some(c) = AGENCY_TAG.captures(rest_head) {
        let tag = c[1].trim();
        if AGENCY_WORDS.contains(&tag.to_lowercase().as_str()) {
            agency = Some(tag.to_string());
            rest_head = rest_head[..c.get(0)?.start()].trim_end();
        } else {
            return None;
        }
    }
    let rest_head = rest_head.trim_end_matches(',').trim();
    if rest_head.is_empty() {
        return None;
    }
    // Parts between commas, stray punctuation trimmed ("N.Y,. March 13").
    let mut parts: Vec<&str> = rest_head
        .split(',')
        .map(|p| p.trim().trim_start_matches(['.', ';']).trim())
        .filter(|p| !p.is_empty())
        .collect();
    // "ROME, March 13, Reuter - ": an agency named without brackets.
    if agency.is_none()
        && parts.len() > 1
        && let Some(last) = parts.last()
        && AGENCY_WORDS.contains(&last.to_lowercase().as_str())
    {
        agency = parts.pop().map(str::to_string);
    }
    if parts.is_empty() {
        return None;
    }
    let mut day = None;
    if parts.len() > 1 && DAY.is_match(parts[parts.len() - 1]) {
        day = parts.pop().map(str::to_string);
    } else if let Some(last) = parts.last_mut() {
        // "NEW YORK March 5" or "BRUSSELS 1996-08-22" without a comma.
        if let Some((place, d)) = split_trailing_day(last) {
            *last = place;
            day = Some(d.to_string());
        }
    }
    // "FARMINGTON Conn." (no comma): capitals are the place, the rest a qualifier.
    let (place_part, inline_qualifier) = split_caps_place(parts[0]);
    let mut qualifiers: Vec<String> = inline_qualifier.into_iter().map(str::to_string).collect();
    qualifiers.extend(parts[1..].iter().map(|s| s.to_string()));
    if qualifiers.len() > 3 || qualifiers.iter().any(|q| !is_place_like(q, false)) {
        return None;
    }
    let strong = day.is_some() || agency.is_some();
    let places: Vec<&str> = place_part.split('/').map(str::trim).collect();
    let ok = |p: &&str| {
        if strong {
            is_place_like(p, false) || is_written_place(p)
        } else {
            is_place_like(p, true)
        }
    };
    if !places.iter().all(ok) {
        return None;
    }
    // A weak (capitals-only) dateline must be followed by the story: a capital, a quote or a digit.
    if !strong {
        let after = text[end..].trim_start();
        let ok = after
            .chars()
            .next()
            .map(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c))
            .unwrap_or(false);
        if !ok {
            return None;
        }
    }
    Some(Dateline {
        places: places.iter().map(|p| title_case(p)).collect(),
        qualifiers,
        day,
        agency,
        raw: head.to_string(),
        end,
    })
}

/// A dateline set as its own paragraph above the story, as some pages do:
/// "BAAR, SWITZERLAND" then the first paragraph. Only a place written in
/// capitals (with optional qualifiers) counts, and only when a real
/// sentence follows; a heading in ordinary case never does.
pub fn parse_standalone(first: &str, next: &str) -> Option<Dateline> {
    let line = first.trim();
    if line.is_empty() || line.contains('\n') || line.len() > 60 {
        return None;
    }
    // "BRUSSELS 1996-08-22": a place and an ISO day make a line a dateline.
    let (line, day) = match split_trailing_day(line) {
        Some((place, day)) if day.len() == 10 => (place, Some(day.to_string())),
        _ => (line, None),
    };
    let next = next.trim_start();
    let sentence_follows = next.chars().next().map(char::is_uppercase).unwrap_or(false)
        && (day.is_some() || next.split_whitespace().count() >= 8);
    if !sentence_follows {
        return None;
    }
    let parts: Vec<&str> = line.split(',').map(str::trim).collect();
    if parts.iter().any(|p| p.is_empty()) || parts.len() > 3 {
        return None;
    }
    let places: Vec<&str> = parts[0].split('/').map(str::trim).collect();
    if !places.iter().all(|p| is_place_like(p, true))
        || !parts[1..].iter().all(|q| is_place_like(q, false))
    {
        return None;
    }
    Some(Dateline {
        places: places.iter().map(|p| title_case(p)).collect(),
        qualifiers: parts[1..].iter().map(|q| q.to_string()).collect(),
        day,
        agency: None,
        raw: first.trim().to_string(),
        end: first.len(),
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn split_trailing_day(s: &str) -> Option<(&str, &str)> {
    let words: Vec<(usize, &str)> = s
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .collect();
    if words.len() >= 2 {
        let (i, last) = words[words.len() - 1];
        if last.len() == 10 && DAY.is_match(last) {
            return Some((s[..i].trim(), last));
        }
    }
    if words.len() >= 3 {
        let (i, _) = words[words.len() - 2];
        let cand = s[i..].trim();
        if DAY.is_match(cand)
            && crate::metadata::date::month_number(words[words.len() - 2].1).is_some()
        {
            return Some((s[..i].trim(), cand));
        }
    }
    None
}

/// "FARMINGTON Conn." → ("FARMINGTON", Some("Conn.")): trailing words that
/// are not in capitals after a place written in capitals.
fn split_caps_place(s: &str) -> (&str, Option<&str>) {
    let words: Vec<&str> = s.split_whitespace().collect();
    let caps = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    };
    let n_caps = words.iter().take_while(|w| caps(w)).count();
    if n_caps == 0 || n_caps == words.len() {
        return (s, None);
    }
    let cut = words[n_caps].as_ptr() as usize - s.as_ptr() as usize;
    (s[..cut].trim(), Some(s[cut..].trim()))
}

/// A place as a wire writes it when a day or agency tag makes the dateline
/// certain: first word capitalised, later words in any case ("La paz",
/// "New york"), stray wire characters ("ME}LBOURNE") tolerated.
fn is_written_place(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || s.len() > 50 {
        return false;
    }
    let first = words[0].chars().next().unwrap_or(' ');
    first.is_uppercase()
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || "!?;:\"“”()[]<>@#$%&=+|".contains(c))
        && !NOT_PLACES.contains(
            &words[0]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_uppercase()
                .as_str(),
        )
}

/// A place name: 1–5 words, each starting with a capital (or a particle such
/// as "de", "al-"), no digits, not a heading word. `caps_only` demands the
/// whole name in capitals.
fn is_place_like(s: &str, caps_only: bool) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.len() > 60 {
        return false;
    }
    if s.chars()
        .any(|c| c.is_ascii_digit() || "!?;:\"“”()[]{}<>@#$%&=+|".contains(c))
    {
        return false;
    }
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return false;
    }
    if caps_only {
        if letters.iter().any(|c| c.is_lowercase()) {
            return false;
        }
        if words.len() == 1 && letters.len() < 3 {
            return false;
        }
        if words
            .iter()
            .any(|w| NOT_PLACES.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
        {
            return false;
        }
    }
    const PARTICLES: &[&str] = &[
        "de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "les", "el", "al",
        "en", "es", "sur", "am", "an", "der", "im", "on", "upon", "of", "y", "and", "st.",
    ];
    words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase()
            || PARTICLES.contains(&w.to_lowercase().as_str())
            || w.starts_with("al-")
            || w.starts_with("el-")
    })
}

/// "ST. JOSEPH" → "St. Joseph", "WINSTON-SALEM" → "Winston-Salem"; mixed
/// case is kept as written.
pub fn title_case(s: &str) -> String {
    let has_lower = s.chars().any(|c| c.is_lowercase());
    if has_lower {
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::with_capacity(s.len());
    let mut at_word_start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if at_word_start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            at_word_start = false;
        } else {
            at_word_start = c == ' ' || c == '-' || c == '/' || c == '.';
            if c.is_whitespace() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(s: &str) -> Vec<String> {
        parse(s).map(|d| d.places).unwrap_or_default()
    }

    #[test]
    fn seed_style() {
        let d = parse("BAGHDAD/WASHINGTON – The Iraqi government is beginning").unwrap();
        assert_eq!(d.places, vec!["Baghdad", "Washington"]);
        assert_eq!(d.day, None);
    }

    #[test]
    fn reuters_styles() {
        let d = parse("    SALVADOR, Feb 26 - Showers continued").unwrap();
        assert_eq!(d.places, vec!["Salvador"]);
        assert_eq!(d.day.as_deref(), Some("Feb 26"));
        let d = parse("BAGHDAD, Jan 5 (Reuters) - Iraq said").unwrap();
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        assert_eq!(
            places("NEW YORK, March 5 -\n    The company said"),
            vec!["New York"]
        );
        assert_eq!(
            places("    New York, March 5 - The company"),
            vec!["New York"]
        );
        assert_eq!(places("NEW YORK , March 5 - The"), vec!["New York"]);
        assert_eq!(places("LONDON, March 9 -- Shares fell"), vec!["London"]);
        assert_eq!(places("TOKYO, March 9- Shares fell"), vec!["Tokyo"]);
        assert_eq!(
            places("****SANTO DOMINGO, March 3 - The"),
            vec!["Santo Domingo"]
        );
        assert_eq!(
            places("RPT --LUDWIGSHAFEN, March 3 - BASF"),
            vec!["Ludwigshafen"]
        );
        let d = parse("VANCOUVER, British Columbia, March 3 - The").unwrap();
        assert_eq!(d.places, vec!["Vancouver"]);
        assert_eq!(d.qualifiers, vec!["British Columbia"]);
    }

    #[test]
    fn wire_irregularities() {
        assert_eq!(
            places("    DETROIT, March 4 -General Motors said"),
            vec!["Detroit"]
        );
        assert_eq!(
            places("    La paz, march 4 - about 1,000 bolivian"),
            vec!["La paz"]
        );
        let d = parse("    ROME, March 13, Reuter - Italy's rate").unwrap();
        assert_eq!(d.places, vec!["Rome"]);
        assert_eq!(d.agency.as_deref(), Some("Reuter"));
        let d = parse("    OKLAHOMA CITY, Okla. March 11, Reuter - State").unwrap();
        assert_eq!(d.places, vec!["Oklahoma City"]);
        assert_eq!(d.qualifiers, vec!["Okla."]);
        let d = parse("    FARMINGTON Conn., March 3 - The").unwrap();
        assert_eq!(d.places, vec!["Farmington"]);
        assert_eq!(
            places("    Hauppauge, N.Y,. March 13 - Walker"),
            vec!["Hauppauge"]
        );
        assert_eq!(
            places("    BELGRADE, March 2O - The government"),
            vec!["Belgrade"]
        );
        assert_eq!(
            places("    HUNT VALLEY, Md., March 16 -Qtr ends Feb 28"),
            vec!["Hunt Valley"]
        );
    }

    #[test]
    fn ap_and_afp_styles() {
        let d = parse("WASHINGTON (AP) — President Biden said").unwrap();
        assert_eq!(d.places, vec!["Washington"]);
        assert_eq!(d.agency.as_deref(), Some("AP"));
        let d = parse("ST. JOSEPH, Mich. (AP) — A man").unwrap();
        assert_eq!(d.places, vec!["St. Joseph"]);
        assert_eq!(d.qualifiers, vec!["Mich."]);
        assert_eq!(places("Paris (AFP) - France said"), vec!["Paris"]);
    }

    #[test]
    fn conll_style_iso_day() {
        let d = parse("BRUSSELS 1996-08-22 - The").unwrap();
        assert_eq!(d.places, vec!["Brussels"]);
    }

    #[test]
    fn never_invents_one() {
        for s in [
            "LONDON is a city of eight million people - and growing",
            "The minister - who spoke on Friday - said",
            "Paris - France said on Monday",
            "UPDATE 2 - Oil prices rise",
            "Net shr 1.20 dlrs vs 1.10 - Revs",
            "In Baghdad, officials said - quietly - that",
            "Shares in London closed",
            "(Reuters) - The company said",
            "",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn standalone_dateline_paragraph() {
        let next = "Based on connectivity and workflow expertise, the solution provides clinicians with data.";
        let d = parse_standalone("BAAR, SWITZERLAND", next).unwrap();
        assert_eq!(d.places, vec!["Baar"]);
        assert_eq!(d.qualifiers, vec!["SWITZERLAND"]);
        assert_eq!(parse_standalone("Introduction", next), None);
        assert_eq!(parse_standalone("UPDATE", next), None);
        assert_eq!(parse_standalone("BAAR, SWITZERLAND", "Short line."), None);
        assert_eq!(parse_standalone("WHAT WE KNOW SO FAR ABOUT IT", next), None);
        let d = parse_standalone("NEW YORK 1996-08-30", "Andre Agassi escaped disaster.").unwrap();
        assert_eq!(d.places, vec!["New York"]);
        assert_eq!(d.day.as_deref(), Some("1996-08-30"));
    }

    #[test]
    fn title_casing() {
        assert_eq!(title_case("ST. JOSEPH"), "St. Joseph");
        assert_eq!(title_case("WINSTON-SALEM"), "Winston-Salem");
        assert_eq!(title_case("New York"), "New York");
    }
}
