//! Bylines → author names. "By Janie Gabbett, Reuters" → `["Janie Gabbett"]`;
//! "By Jane Doe and John Roe" → two names. Agencies, desks and job titles
//! ("Staff", "Reuters", "Editorial") are never authors. Pure text functions.

use regex::Regex;
use std::sync::LazyLock;

/// "By", in the languages of the pages seen, optionally after a word that
/// says what kind of piece the person wrote ("Analysis by", "Written by").
static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:(?:analysis|commentary|column|opinion|story|text|words|written|reported|reporting)\s+)?(?i:by|von|par|por|di|door)[:\s]+",
    )
    .expect("static regex")
});

/// Words that make a byline part a role or a desk, not a person.
const NOT_NAMES: &[&str] = &[
    "staff",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "editorial",
    "desk",
    "team",
    "bureau",
    "admin",
    "administrator",
    "news",
    "newsroom",
    "agency",
    "agencies",
    "contributor",
    "contributors",
    "guest",
    "columnist",
    "service",
    "services",
    "wire",
    "wires",
    "online",
    "digital",
    "web",
    "sports",
    "business",
    "senior",
    "chief",
    "political",
    "associate",
    "special",
    "published",
    "updated",
    "posted",
    "min",
    "read",
    "photo",
    "photos",
    "video",
    "and",
    "the",
    "press",
    "media",
    "board",
    "opinion",
    "analysis",
    "editorials",
    "report",
    "reports",
    "staffer",
];

/// Splits a byline (or an author metadata value) into person names.
pub fn names(byline: &str) -> Vec<String> {
    let line = byline.trim();
    let line = BY.replace(line, "");
    let mut out = Vec::new();
    for part in line.split([',', ';', '|', '&', '/', '\n', '·', '•']) {
        for piece in part.split(" and ") {
            if let Some(n) = clean_name(piece) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
    }
    out
}

/// One candidate author name → a person name, or `None` for agencies,
/// roles, handles and e-mail addresses.
pub fn clean_name(s: &str) -> Option<String> {
    let s = s
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'');
    let s = BY.replace(s, "");
    let s = s.trim();
    if s.is_empty() || s.contains('@') || s.contains("://") || s.contains("www.") {
        return None;
    }
    if super::source::canonical(s).is_some() {
        return None;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    if words.iter().any(|w| {
        let l = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        // "Editor-at-large" is a role as "editor" is.
        l.split('-').any(|p| NOT_NAMES.contains(&p)) || super::source::canonical(&l).is_some()
    }) {
        return None;
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // Every word capitalised (particles allowed), at least one letter.
    let ok = words.iter().all(|w| {
        let c = w.chars().next().unwrap_or(' ');
        c.is_uppercase()
            || [
                "de", "van", "von", "der", "da", "di", "la", "le", "del", "bin", "al", "el",
            ]
            .contains(&w.to_lowercase().as_str())
            || w.starts_with("al-")
    });
    if !ok {
        return None;
    }
    // All-capital names are written in title case.
    let name = if s
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase())
        && s.len() > 3
    {
        crate::metadata::dateline::title_case(s)
    } else {
        words.join(" ")
    };
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_bylines() {
        assert_eq!(names("By Janie Gabbett, Reuters"), vec!["Janie Gabbett"]);
        assert_eq!(names("    By Will Dunham, Reuters"), vec!["Will Dunham"]);
        assert!(names("By The Associated Press").is_empty());
        assert!(names("Reuters").is_empty());
    }

    #[test]
    fn a_kind_of_piece_before_by() {
        assert_eq!(
            names("Analysis by Chris Cillizza, CNN Editor-at-large"),
            vec!["Chris Cillizza"]
        );
        assert_eq!(names("Written by Jane Doe"), vec!["Jane Doe"]);
        // Other words before "by" are not a byline's.
        assert!(names("Photo by Jane Doe").is_empty());
    }

    #[test]
    fn several_authors() {
        assert_eq!(
            names("By Jane Doe and John Roe"),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            names("Jane Doe, John Roe & Ann Poe"),
            vec!["Jane Doe", "John Roe", "Ann Poe"]
        );
    }

    #[test]
    fn roles_are_not_names() {
        assert!(names("By Staff Writer").is_empty());
        assert!(names("Editorial Board").is_empty());
        assert!(names("admin").is_empty());
        assert_eq!(
            names("By Eric Tucker, Associated Press"),
            vec!["Eric Tucker"]
        );
    }
}
