//! The `words` tokenizer of the index schema, in one pass.
//!
//! Its tokens are exactly those of tantivy's chain `SimpleTokenizer` →
//! `RemoveLongFilter::limit(40)` → `LowerCaser` → `AsciiFoldingFilter`
//! (text, offsets and positions; a dropped long word still takes its
//! position), which [`chain`] builds and the tests compare against. The
//! chain decodes every character, copies each word and checks it for ASCII
//! twice; here an ASCII word is found byte by byte with one table and
//! lower-cased in place, and only a word with other characters goes
//! through the chain.
//! It must not change a token: an index built with one is read with the
//! other (queries run through it too).

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

/// Words of this many bytes or more are dropped (as `RemoveLongFilter`).
const MAX_WORD_BYTES: usize = 40;

/// tantivy's chain for the same tokens: the reference, and the path for
/// words that are not all ASCII.
pub fn chain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Byte classes: an ASCII letter or digit (non-zero), an ASCII separator
/// (0), or a byte of a non-ASCII character (0x80: decided per character).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            1
        } else if c >= 0x80 {
            0x80
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The `words` tokenizer (see the module documentation).
#[derive(Clone)]
pub struct WordsTokenizer {
    token: Token,
    /// For words with non-ASCII characters.
    slow: TextAnalyzer,
}

impl Default for WordsTokenizer {
    fn default() -> Self {
        WordsTokenizer {
            token: Token::default(),
            slow: chain(),
        }
    }
}

/// The tokens of one text.
pub struct WordsStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
    slow: &'a mut TextAnalyzer,
}

impl Tokenizer for WordsTokenizer {
    type TokenStream<'a> = WordsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordsStream<'a> {
        self.token.reset();
        WordsStream {
            text,
            at: 0,
            token: &mut self.token,
            slow: &mut self.slow,
        }
    }
}

/// The character at byte `i`: whether it is a letter or digit, whether it
/// is ASCII, and its length in bytes. ASCII bytes are read from [`CLASS`];
/// only other characters are decoded.
#[inline(always)]
fn char_at(text: &str, i: usize) -> (bool, bool, usize) {
    match CLASS[text.as_bytes()[i] as usize] {
        0x80 => {
            let c = text[i..].chars().next().expect("a character starts here");
            (c.is_alphanumeric(), false, c.len_utf8())
        }
        class => (class != 0, true, 1),
    }
}

impl TokenStream for WordsStream<'_> {
    fn advance(&mut self) -> bool {
        let text = self.text;
        loop {
            // The next word's first character.
            let mut i = self.at;
            let (start, mut ascii) = loop {
                if i >= text.len() {
                    self.at = i;
                    return false;
                }
                let (alnum, one_byte, len) = char_at(text, i);
                i += len;
                if alnum {
                    break (i - len, one_byte);
                }
            };
            // Its end.
            while i < text.len() {
                let (alnum, one_byte, len) = char_at(text, i);
                if !alnum {
                    break;
                }
                ascii &= one_byte;
                i += len;
            }
            self.at = i;
            let token = &mut *self.token;
            token.position = token.position.wrapping_add(1);
            if i - start >= MAX_WORD_BYTES {
                continue;
            }
            token.offset_from = start;
            token.offset_to = i;
            token.text.clear();
            if ascii {
                token.text.push_str(&text[start..i]);
                token.text.make_ascii_lowercase();
            } else {
                // One word of letters and digits: the chain gives it back
                // as one token, lower-cased and folded.
                let mut one = self.slow.token_stream(&text[start..i]);
                if one.advance() {
                    token.text.push_str(&one.token().text);
                }
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(t: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = t.token_stream(text);
        while s.advance() {
            let k = s.token();
            out.push((k.text.clone(), k.offset_from, k.offset_to, k.position));
        }
        out
    }

    #[test]
    fn words_are_lower_cased_folded_and_long_ones_dropped() {
        let mut w = TextAnalyzer::from(WordsTokenizer::default());
        let long = "x".repeat(40);
        let text = format!("Al-Sudani's ÉTÉ café, {long} naïve 2024 Straße ΣΊΣΥΦΟΣ");
        let got = tokens(&mut w, &text);
        let words: Vec<&str> = got.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            words,
            [
                "al",
                "sudani",
                "s",
                "ete",
                "cafe",
                "naive",
                "2024",
                "strasse",
                "σίσυφοσ"
            ]
        );
        // The long word kept its position.
        assert_eq!(got[5].3, 6);
        assert_eq!(tokens(&mut w, &text), tokens(&mut chain(), &text));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        #[test]
        fn tokens_are_the_chains(text in "[a-zA-Z0-9 .,'\\-éÉßİıΣσς\u{300}\u{2009}\u{A0}٣中ǅ]{0,80}") {
            let mut w = TextAnalyzer::from(WordsTokenizer::default());
            proptest::prop_assert_eq!(tokens(&mut w, &text), tokens(&mut chain(), &text));
        }

        #[test]
        fn long_words_are_dropped_like_the_chains(n in 30usize..50, m in 0usize..4) {
            let text = format!("a {} b {}é c", "q".repeat(n), "é".repeat(n / 2 + m));
            let mut w = TextAnalyzer::from(WordsTokenizer::default());
            proptest::prop_assert_eq!(tokens(&mut w, &text), tokens(&mut chain(), &text));
        }
    }
}
