//! Search results for people: rank and title, a `date · source · dateline`
//! line, the path, and a snippet of about two lines with the matched words
//! in bold (when colour is on) or plain. Every piece of article text goes
//! through [`crate::sanitize`] first.

use crate::sanitize::for_terminal;
use crate::search::{Hit, SearchResults};
use std::io::{self, Write};

const BOLD: &str = "\x1b[1m";
const BOLD_MATCH: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI bold/dim.
    pub color: bool,
    /// Wrap snippets at this many columns.
    pub width: usize,
}

/// Writes all hits.
pub fn write_results<W: Write>(w: &mut W, r: &SearchResults, style: Style) -> io::Result<()> {
    for (i, h) in r.hits.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        write_hit(w, h, style)?;
    }
    Ok(())
}

fn write_hit<W: Write>(w: &mut W, h: &Hit, style: Style) -> io::Result<()> {
    let title = if h.title.is_empty() {
        "(untitled)"
    } else {
        &h.title
    };
    let title = for_terminal(title, true);
    if style.color {
        writeln!(w, "{BOLD}{:>2}. {title}{RESET}", h.rank)?;
    } else {
        writeln!(w, "{:>2}. {title}", h.rank)?;
    }
    let mut facts: Vec<String> = Vec::new();
    if let Some(d) = &h.date {
        facts.push(d.clone());
    }
    if let Some(s) = &h.source {
        facts.push(s.clone());
    } else if let Some(p) = &h.publisher {
        facts.push(p.clone());
    }
    if !h.dateline.is_empty() {
        facts.push(h.dateline.join("/"));
    }
    let path = for_terminal(&h.path, true);
    if style.color {
        if !facts.is_empty() {
            writeln!(
                w,
                "    {DIM}{}{RESET}",
                for_terminal(&facts.join(" · "), true)
            )?;
        }
        writeln!(w, "    {DIM}{path}{RESET}")?;
    } else {
        if !facts.is_empty() {
            writeln!(w, "    {}", for_terminal(&facts.join(" · "), true))?;
        }
        writeln!(w, "    {path}")?;
    }
    if !h.snippet.text.is_empty() {
        write_snippet(w, &h.snippet.text, &h.snippet.highlights, style)?;
    }
    Ok(())
}

/// Wraps the snippet at `style.width`, marking highlights with bold or,
/// without colour, leaving them plain.
fn write_snippet<W: Write>(
    w: &mut W,
    text: &str,
    highlights: &[(usize, usize)],
    style: Style,
) -> io::Result<()> {
    let chars: Vec<char> = text.chars().collect();
    let marked = |i: usize| highlights.iter().any(|&(s, e)| i >= s && i < e);
    let width = style.width.max(40) - 4;
    let mut line_len = 0usize;
    let mut line = String::from("    ");
    let mut in_mark = false;
    let mut i = 0;
    while i < chars.len() {
        // Take one word with the space after it.
        let start = i;
        while i < chars.len() && chars[i] != ' ' {
            i += 1;
        }
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let word_len = i - start;
        if line_len > 0 && line_len + word_len > width {
            if in_mark && style.color {
                line.push_str(RESET);
            }
            writeln!(w, "{}", line.trim_end())?;
            line = String::from("    ");
            if in_mark && style.color {
                line.push_str(BOLD_MATCH);
            }
            line_len = 0;
        }
        for (j, &c) in chars.iter().enumerate().take(i).skip(start) {
            let m = marked(j);
            if style.color && m != in_mark {
                line.push_str(if m { BOLD_MATCH } else { RESET });
            }
            in_mark = m;
            let s = c.to_string();
            line.push_str(&for_terminal(&s, true));
        }
        line_len += word_len;
    }
    if in_mark && style.color {
        line.push_str(RESET);
    }
    if !line.trim().is_empty() {
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snippet::Snippet;

    fn hit() -> Hit {
        Hit {
            rank: 1,
            score: 1.0,
            path: "a/b.txt".into(),
            title: "Evil \x1b[2J title".into(),
            date: Some("2024-01-05".into()),
            source: Some("Reuters".into()),
            publisher: None,
            dateline: vec!["Baghdad".into(), "Washington".into()],
            people: vec![],
            authors: vec![],
            snippet: Snippet {
                text: "the Popular Mobilisation Forces said".into(),
                highlights: vec![(4, 31)],
            },
        }
    }

    #[test]
    fn plain_output_has_no_escapes() {
        let r = SearchResults {
            query: "q".into(),
            total_hits: 1,
            hits: vec![hit()],
        };
        let mut out = Vec::new();
        write_results(
            &mut out,
            &r,
            Style {
                color: false,
                width: 100,
            },
        )
        .unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains('\x1b'), "{s:?}");
        assert!(s.contains("2024-01-05 · Reuters · Baghdad/Washington"));
        assert!(s.contains("the Popular Mobilisation Forces said"));
    }

    #[test]
    fn colour_marks_the_match() {
        let r = SearchResults {
            query: "q".into(),
            total_hits: 1,
            hits: vec![hit()],
        };
        let mut out = Vec::new();
        write_results(
            &mut out,
            &r,
            Style {
                color: true,
                width: 100,
            },
        )
        .unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.contains(&format!("{BOLD_MATCH}Popular Mobilisation Forces{RESET}")),
            "{s:?}"
        );
        assert!(!s.contains("\x1b[2J"));
    }
}
