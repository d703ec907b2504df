//! A hit's stored body + the query → a short fragment with the matched
//! terms marked as `[start, end)` character ranges. Whitespace is folded to
//! single spaces so a snippet reads as about two lines; "…" marks a cut.
//! No terminal codes and no HTML here: renderers decide how to highlight.

use serde::{Deserialize, Serialize};
use tantivy::snippet::SnippetGenerator;

/// A fragment of an article with highlight ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The fragment, one line.
    pub text: String,
    /// Highlighted ranges, `[start, end)` in characters of `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// Folds whitespace and maps byte offsets of `src` to char offsets of the result.
fn fold(src: &str, ranges: &[std::ops::Range<usize>], prefix: &str, suffix: &str) -> Snippet {
    let mut text = String::with_capacity(src.len() + 8);
    text.push_str(prefix);
    let mut chars = prefix.chars().count();
    // char offset for each byte boundary of src we care about
    let mut map: Vec<(usize, usize)> = Vec::with_capacity(src.len() / 4);
    let mut last_space = true;
    for (b, c) in src.char_indices() {
        map.push((b, chars));
        if c.is_whitespace() {
            if !last_space {
                text.push(' ');
                chars += 1;
            }
            last_space = true;
        } else {
            text.push(c);
            chars += 1;
            last_space = false;
        }
    }
    map.push((src.len(), chars));
    if text.ends_with(' ') {
        text.pop();
        chars -= 1;
    }
    let at = |byte: usize| -> usize {
        match map.binary_search_by_key(&byte, |m| m.0) {
            Ok(i) => map[i].1,
            Err(i) => map.get(i).map(|m| m.1).unwrap_or(chars),
        }
    };
    let highlights = ranges
        .iter()
        .map(|r| (at(r.start).min(chars), at(r.end).min(chars)))
        .filter(|(s, e)| s < e)
        .collect();
    text.push_str(suffix);
    Snippet { text, highlights }
}

/// The best fragment of `body` for the query behind `generator`, or the
/// article's opening when no term of the query is in the body.
pub fn make(generator: &SnippetGenerator, body: &str, max_chars: usize) -> Snippet {
    let s = generator.snippet(body);
    if !s.highlighted().is_empty() {
        let range = s.fragment_range();
        let prefix = if range.start > 0 { "…" } else { "" };
        let suffix = if range.end < body.len() { "…" } else { "" };
        return fold(s.fragment(), s.highlighted(), prefix, suffix);
    }
    lead(body, max_chars)
}

/// The first `max_chars` characters of the body, cut at a word boundary.
pub fn lead(body: &str, max_chars: usize) -> Snippet {
    let mut end = body.len();
    if body.chars().count() > max_chars {
        let byte = body
            .char_indices()
            .nth(max_chars)
            .map(|(b, _)| b)
            .unwrap_or(body.len());
        let at_space = body[byte..].starts_with(char::is_whitespace);
        end = if at_space {
            byte
        } else {
            body[..byte].rfind(char::is_whitespace).unwrap_or(byte)
        };
    }
    let suffix = if end < body.len() { "…" } else { "" };
    fold(&body[..end], &[], "", suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_highlights_on_the_words() {
        let src = "one  two\n\nthree four";
        let s = fold(src, &[5..8, 10..15], "…", "");
        assert_eq!(s.text, "…one two three four");
        let pick = |r: (usize, usize)| s.text.chars().skip(r.0).take(r.1 - r.0).collect::<String>();
        assert_eq!(pick(s.highlights[0]), "two");
        assert_eq!(pick(s.highlights[1]), "three");
    }

    #[test]
    fn lead_cuts_at_a_word() {
        let s = lead("The Iraqi government is beginning the process", 20);
        assert_eq!(s.text, "The Iraqi government…");
    }
}
