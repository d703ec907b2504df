//! Untrusted text → text safe to print on a terminal.
//!
//! Article titles, snippets and even file names come from the open web.
//! Control characters (ANSI escapes among them) are shown escaped (`\x1b`),
//! bidirectional overrides and zero-width characters are removed, so no
//! article can move the cursor, recolour the screen or reorder what the
//! user reads. Only the binary's human output uses this; JSON output is
//! escaped by the JSON encoder instead.

use std::borrow::Cow;

/// Bidi controls and invisible formatting characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{180E}' | '\u{00AD}')
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_invisible(c)
}

/// Escapes control characters and removes invisible ones. Newlines and
/// tabs become spaces when `one_line` is set.
pub fn for_terminal(s: &str, one_line: bool) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_unsafe(c) || (one_line && (c == '\n' || c == '\t')))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if c == '\n' || c == '\t' {
            out.push(if one_line { ' ' } else { c });
        } else if c.is_control() {
            let n = c as u32;
            if n <= 0xFF {
                out.push_str(&format!("\\x{n:02x}"));
            } else {
                out.push_str(&format!("\\u{{{n:x}}}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Removes characters that never belong in stored article text: controls
/// other than newline and tab, and invisible formatting characters.
pub fn clean_stored(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|&c| !is_unsafe(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_ansi_and_removes_bidi() {
        let s = "Title \x1b[31mRED\x1b[0m \u{202E}evil\u{202C} zero\u{200B}width";
        let out = for_terminal(s, true);
        assert_eq!(out, "Title \\x1b[31mRED\\x1b[0m evil zerowidth");
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(for_terminal("plain", true), Cow::Borrowed(_)));
    }
}
