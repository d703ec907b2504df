//! Stand-ins for plain text while html2text lays out the chosen blocks.
//!
//! html2text walks every character of a page's text to find words, widths
//! and wrap points (a fifth of the normalizer's work on a long story). With
//! no line ever near the wrap width, a text node that is only words and
//! spaces comes out of it as its words, one space apart, with a space kept
//! at either end where the node had whitespace there. So such a node is
//! given to html2text as a short stand-in (a private-use marker and a
//! number) with the same spaces at its ends, and its words are put back
//! into html2text's output afterwards. The output is the same, character
//! for character; the unit tests compare both ways on tricky markup.
//!
//! Only text that html2text lays out the plain way gets a stand-in: not in
//! tables (cells are sized by their text) or `pre` (whitespace kept), not
//! with characters html2text treats specially (zero-width, control,
//! non-breaking space), and not on a page whose text could fill a line.
//! This module must not decide what is rendered: it only swaps text.

use html5ever::tendril::StrTendril;
use unicode_width::UnicodeWidthChar;

/// Starts a stand-in; the characters after it up to the next non-digit are
/// its number, written with [`DIGIT0`]…[`DIGIT0`]` + 9`.
const MARK: char = '\u{E000}';
const DIGIT0: u32 = 0xE001;
/// The private-use characters stand-ins are made of; a page that uses any
/// of them gets no stand-ins.
const RESERVED: std::ops::RangeInclusive<char> = '\u{E000}'..='\u{E00A}';

/// Text (bytes, an upper bound of its width in columns) above which a line
/// could come near the render width, and stand-ins are not used.
const MAX_TEXT: usize = 60_000;
/// Element depth above which indentation could narrow lines enough to
/// matter; stand-ins are not used.
const MAX_DEPTH: usize = 400;

/// The stand-ins of one render.
pub struct StandIns {
    /// Whether stand-ins may be used at all on this render.
    on: bool,
    /// The text of stand-in `k` (its words are written one space apart).
    words: Vec<StrTendril>,
}

impl StandIns {
    /// Stand-ins for a render of these texts (every text node that may be
    /// rendered) at this greatest element depth: off when the text is long
    /// enough to wrap, the nesting deep, or a reserved character in use.
    pub fn new<'a>(texts: impl Iterator<Item = &'a str>, depth: usize) -> StandIns {
        let mut total = 0usize;
        let mut on = depth <= MAX_DEPTH;
        for t in texts {
            if !on {
                break;
            }
            total += t.len() + 8;
            on = total <= MAX_TEXT && !t.chars().any(|c| RESERVED.contains(&c));
        }
        StandIns {
            on,
            words: Vec::new(),
        }
    }

    /// What html2text is given for a text node: a stand-in when the node is
    /// words and collapsible spaces only and `plain` (outside tables and
    /// `pre`), else the text itself.
    pub fn text_for(&mut self, text: &StrTendril, plain: bool) -> StrTendril {
        if !self.on || !plain || !all_plain(text) || text.trim_matches(is_space).is_empty() {
            return text.clone();
        }
        let mut s = String::with_capacity(12);
        if text.starts_with(is_space) {
            s.push(' ');
        }
        s.push(MARK);
        for d in self.words.len().to_string().bytes() {
            s.push(char::from_u32(DIGIT0 + u32::from(d - b'0')).expect("a private-use digit"));
        }
        if text.ends_with(is_space) {
            s.push(' ');
        }
        self.words.push(text.clone());
        StrTendril::from_slice(&s)
    }

    /// html2text's output with every stand-in replaced by its words.
    pub fn restore(&self, rendered: String) -> String {
        if self.words.is_empty() {
            return rendered;
        }
        let mut out = String::with_capacity(
            rendered.len() + self.words.iter().map(|w| w.len()).sum::<usize>(),
        );
        let mut rest = rendered.as_str();
        while let Some(at) = rest.find(MARK) {
            out.push_str(&rest[..at]);
            rest = &rest[at + MARK.len_utf8()..];
            let mut k = 0usize;
            let mut digits = 0;
            for c in rest.chars() {
                match (c as u32).checked_sub(DIGIT0).filter(|d| *d < 10) {
                    Some(d) => {
                        k = k * 10 + d as usize;
                        digits += c.len_utf8();
                    }
                    None => break,
                }
            }
            rest = &rest[digits..];
            if let Some(text) = self.words.get(k) {
                for (n, w) in text.split(is_space).filter(|w| !w.is_empty()).enumerate() {
                    if n > 0 {
                        out.push(' ');
                    }
                    out.push_str(w);
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// A space html2text collapses: whitespace but the non-breaking space.
fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{A0}'
}

/// Whether html2text lays the text out as plain words: every character a
/// collapsible space or one that takes at least a column and is not one of
/// those it treats specially.
fn all_plain(text: &str) -> bool {
    if text.is_ascii() {
        return text
            .bytes()
            .all(|b| b == b' ' || b == b'\n' || b == b'\t' || b.is_ascii_graphic());
    }
    text.chars().all(|c| {
        if c.is_ascii() {
            return c == ' ' || c == '\n' || c == '\t' || c.is_ascii_graphic();
        }
        if c == '\u{A0}' || c == '\u{200B}' || RESERVED.contains(&c) {
            return false;
        }
        is_space(c) || c.width().is_some_and(|w| w >= 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_take_columns() {
        for k in 0..=10u32 {
            let c = char::from_u32(0xE000 + k).unwrap();
            assert_eq!(c.width(), Some(1), "{c:?}");
            assert!(!c.is_whitespace());
        }
    }

    #[test]
    fn plain_words_get_a_stand_in_with_their_edge_spaces() {
        let mut s = StandIns::new(["x"].into_iter(), 1);
        let t = s.text_for(&StrTendril::from_slice("  Hello,\n  world  "), true);
        assert_eq!(&*t, " \u{E000}\u{E001} ");
        let u = s.text_for(&StrTendril::from_slice("again"), true);
        assert_eq!(&*u, "\u{E000}\u{E002}");
        assert_eq!(s.restore(format!("{t}|{u}")), " Hello, world |again");
    }

    #[test]
    fn special_text_is_passed_through() {
        let mut s = StandIns::new(["x"].into_iter(), 1);
        for t in ["a\u{A0}b", "a\u{200B}b", "e\u{301}", "bell\u{7}", "   ", ""] {
            assert_eq!(&*s.text_for(&StrTendril::from_slice(t), true), t);
        }
        assert_eq!(&*s.text_for(&StrTendril::from_slice("cell"), false), "cell");
        // Long pages, deep pages and pages using the reserved characters get none.
        let long = "word ".repeat(MAX_TEXT / 4);
        let mut s = StandIns::new([long.as_str()].into_iter(), 1);
        assert_eq!(&*s.text_for(&StrTendril::from_slice("a b"), true), "a b");
        let mut s = StandIns::new(["x"].into_iter(), MAX_DEPTH + 1);
        assert_eq!(&*s.text_for(&StrTendril::from_slice("a b"), true), "a b");
        let mut s = StandIns::new(["\u{E003}"].into_iter(), 1);
        assert_eq!(&*s.text_for(&StrTendril::from_slice("a b"), true), "a b");
    }
}
