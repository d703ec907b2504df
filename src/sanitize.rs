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

/// Whether `c` is removed from stored article text: controls other than
/// newline and tab, and invisible characters except the zero-width joiner
/// and non-joiner, which Persian and Indic spelling and emoji sequences need
/// (they cannot reorder or hide text, and terminal output still drops them).
pub fn is_stored_unsafe(c: char) -> bool {
    is_unsafe(c) && !matches!(c, '\u{200C}' | '\u{200D}')
}

/// `s.chars().any(is_stored_unsafe)`, reading ASCII bytes as bytes: of
/// them only the C0 controls but tab and line feed, and DEL, are unsafe.
fn has_stored_unsafe(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if (x < 0x20 && x != b'\n' && x != b'\t') || x == 0x7f {
                return true;
            }
            i += 1;
        } else {
            let c = s[i..].chars().next().expect("a char at a char boundary");
            if is_stored_unsafe(c) {
                return true;
            }
            i += c.len_utf8();
        }
    }
    false
}

/// Removes characters that never belong in stored article text. Invisible
/// formatting characters (bidi, zero-width) are dropped, as they sit inside
/// words; other control characters (ANSI escapes, bells, backspaces, C1
/// controls) become a space, so they never glue two words together (a CR
/// before a newline is simply dropped). Newlines and tabs stay.
pub fn clean_stored(s: &str) -> Cow<'_, str> {
    if !has_stored_unsafe(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_stored_unsafe(c) {
            out.push(c);
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        let next_is_space = chars.peek().is_some_and(|n| n.is_whitespace());
        if !crlf && !next_is_space && !out.ends_with(char::is_whitespace) && !out.is_empty() {
            out.push(' ');
        }
    }
    Cow::Owned(out)
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

    proptest::proptest! {
        #[test]
        fn the_byte_scan_finds_what_the_char_scan_finds(s in "[ -~\t\n\r\x00-\x1f\x7f\u{80}-\u{9f}\u{ad}\u{200b}-\u{200f}\u{2060}\u{feff}é中🏃]{0,30}") {
            proptest::prop_assert_eq!(has_stored_unsafe(&s), s.chars().any(is_stored_unsafe));
        }
    }

    #[test]
    fn stored_text_loses_controls_without_gluing_words() {
        assert_eq!(
            clean_stored("a\x1b[31mred\x07 b\u{9b}c zero\u{200B}width\r\nnext\rline"),
            "a [31mred b c zerowidth\nnext line"
        );
        assert!(matches!(clean_stored("plain\ttext\n"), Cow::Borrowed(_)));
        // Joiners stay: Persian spelling and emoji sequences need them.
        assert_eq!(
            clean_stored("می\u{200C}خواهم 🏃\u{200D}♀"),
            "می\u{200C}خواهم 🏃\u{200D}♀"
        );
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(for_terminal("plain", true), Cow::Borrowed(_)));
    }
}
