//! The statistical half of person-name recognition: a CoNLL-style tokenizer,
//! hashed token features, and an averaged-perceptron tagger that labels each
//! token with a BIO tag over PER/ORG/LOC/MISC. It is a first-order
//! structured perceptron: emission features per token plus features that
//! pair the previous tag with the word, decoded exactly by Viterbi under the
//! BIO transition constraint (an `I-X` only after `B-X` or `I-X`).
//!
//! Training lives here as well ([`Trainer`], driven by
//! `src/bin/train-people.rs`) so that training and tagging share one
//! tokenizer and one feature function. The weights are compiled into the
//! binary (`weights.bin`, written by `make train-people`); this module reads
//! no file and downloads nothing. It knows nothing of titles, credits or
//! canonical names: that is the caller's work.
//!
//! Tagging is built for speed and must give the tags of the plain method
//! (a lattice of scores, then Viterbi): a weight row is one load of nine
//! 16-bit integers, one lookup in a combined lexicon replaces eight list
//! lookups per token, and scores feed the Viterbi step as they are made.
//! Two shortcuts rest on names being capitalised: a sentence with no
//! capitalised word (bar a common opener) is not tagged, and Viterbi runs
//! only over windows of one token around capitalised words (everything
//! else is O). What a word's characters give (hashes, shape, list flags) is
//! made once per word and thread and shared by its tokens, and so are the
//! sums of every weight row that reads the word alone (`Scores`: its
//! transitions, its own features, and the features that read it as a
//! neighbour, and, for a token in the common place, every feature that
//! reads it alone), so a token looks up a few rows instead of forty. The
//! compiled weights are kept as the integers they are stored as, whose
//! sums are exact in any order: the per-word sums give the plain method's
//! scores exactly.

use super::lists;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::rc::Rc;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use xxhash_rust::xxh3::xxh3_64;

/// The tag set, in weight-column order.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
/// Number of tags.
pub const N_LABELS: usize = LABELS.len();
/// log2 of the number of feature buckets.
pub const BITS: u32 = 18;
const N_BUCKETS: usize = 1 << BITS;
const MAGIC: &[u8; 8] = b"MGPEOPL1";
/// Features per token, at most.
const MAX_FEATS: usize = 48;

/// Tag index of `O`.
pub const O: u8 = 0;
/// Tag index of `B-PER`.
pub const B_PER: u8 = 1;
/// Tag index of `I-PER`.
pub const I_PER: u8 = 2;
/// Tag index of `B-ORG`.
pub const B_ORG: u8 = 3;
/// Tag index of `B-LOC`.
pub const B_LOC: u8 = 5;
/// Tag index of `B-MISC`.
pub const B_MISC: u8 = 7;

/// The tag index for an entity type and position (`"PER"`, begin).
pub fn label_of(kind: &str, begin: bool) -> u8 {
    let base = match kind {
        "PER" => B_PER,
        "ORG" => B_ORG,
        "LOC" => B_LOC,
        "MISC" => B_MISC,
        _ => return O,
    };
    if begin { base } else { base + 1 }
}

/// Whether tag `l` may follow tag `prev` (BIO: `I-X` continues an `X`).
fn allowed(prev: u8, l: u8) -> bool {
    if l == 0 || l % 2 == 1 {
        return true;
    }
    prev != START && (prev == l || prev == l - 1)
}

/// One token: byte offsets into its sentence text, its word, and its flags.
/// Cloning one is cheap: the word is shared.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte offset of the first byte, in the text given to [`tokenize`].
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// What the word's characters give, shared by every token of the word.
    word: Rc<Word>,
    /// Gazetteer and casing flags (see the `F_` constants): the word's own
    /// plus the document-level one.
    flags: u16,
}

/// What one word's characters give: its normal form, feature hashes and
/// list flags, made once per word and thread.
#[derive(Debug)]
struct Word {
    /// Lower-cased, quotes folded to ASCII, digits folded to `0`.
    norm: Box<str>,
    h_word: u64,
    h_shape: u64,
    h_pre: [u64; 3],
    h_suf: [u64; 4],
    /// Gazetteer and casing flags of the word itself.
    flags: u16,
    surname_bin: u8,
    /// The word's scores under one model (its id), made on first use.
    scores: OnceCell<(u64, Box<Scores>)>,
}

/// Per previous tag (`START` last), the transition score of each tag.
type TransTable = [[f32; N_LABELS]; N_LABELS + 1];

/// What one word adds to the scores wherever it stands, under one model.
/// Every feature that reads a single word is summed here once per word:
/// those of the token itself that do not depend on its place (word,
/// prefixes, suffixes, list flags), and those that read it as the word one
/// or two before or after another token.
#[derive(Clone, Debug)]
struct Scores {
    /// Row `p`: what the previous tag `p` adds to each tag of this word.
    trans: TransTable,
    own: [f32; N_LABELS],
    /// As the word before (`m1`), two before (`m2`), after, two after.
    m1: [f32; N_LABELS],
    m2: [f32; N_LABELS],
    p1: [f32; N_LABELS],
    p2: [f32; N_LABELS],
    /// The token's [`lone_features`] in the common place: not the
    /// sentence's first word, an ordinary sentence, no lower-case use of
    /// the word elsewhere in the document.
    plain: [f32; N_LABELS],
}

/// The list flags the features read (not the document-level one).
const GZ_MASK: u16 = F_GIVEN | F_TITLE | F_ORG | F_PARTICLE | F_SPEECH | F_SENTWORD | F_CAP;

const F_CAP: u16 = 1;
const F_ALLCAPS: u16 = 2;
const F_GIVEN: u16 = 4;
const F_TITLE: u16 = 8;
const F_ORG: u16 = 16;
const F_PARTICLE: u16 = 32;
const F_SPEECH: u16 = 64;
const F_SENTWORD: u16 = 128;
const F_LC_ELSEWHERE: u16 = 256;
const F_HAS_DIGIT: u16 = 512;
/// The word, or its form without final full stops, is in the title list
/// proper ([`lists::TITLE_SET`]); not a feature of the model.
const F_TITLE_SET: u16 = 1024;
/// The normal form starts with a letter (not a feature of the model).
const F_ALPHA: u16 = 2048;
/// The normal form has more than one character (not a feature).
const F_LEN_2: u16 = 4096;
/// The normal form has more than three characters (not a feature).
const F_LEN_4: u16 = 8192;

impl Tok {
    /// The word lower-cased, quotes folded to ASCII, digits folded to `0`.
    pub fn norm(&self) -> &str {
        &self.word.norm
    }

    /// Whether the token starts with an upper-case letter.
    pub fn is_cap(&self) -> bool {
        self.flags & F_CAP != 0
    }

    /// Whether the document also uses this word in lower case ("Will" / "will").
    pub fn common_word(&self) -> bool {
        self.flags & F_LC_ELSEWHERE != 0
    }

    /// Whether the word, or its form without final full stops, is in
    /// `lists::TITLE_SET`.
    pub fn in_title_set(&self) -> bool {
        self.flags & F_TITLE_SET != 0
    }

    /// Whether the word is a title or honorific ("President", "Dr.").
    pub fn is_title(&self) -> bool {
        self.flags & F_TITLE != 0
    }

    /// Whether the word is a speech verb ("said", "told").
    pub fn is_speech(&self) -> bool {
        self.flags & F_SPEECH != 0
    }

    /// Whether the word is an organisation or place word ("Center", "Bank").
    pub fn is_org(&self) -> bool {
        self.flags & F_ORG != 0
    }

    /// Whether the word is a listed given name.
    pub fn is_given(&self) -> bool {
        self.flags & F_GIVEN != 0
    }

    /// Whether the word is a listed given name or one of the 10,000 most
    /// common surnames.
    pub fn common_name(&self) -> bool {
        self.flags & F_GIVEN != 0 || (1..=3).contains(&self.word.surname_bin)
    }

    /// Whether the word is a listed given name or surname.
    pub fn listed_name(&self) -> bool {
        self.flags & F_GIVEN != 0 || self.word.surname_bin > 0
    }
}

/// Whether a sentence can hold a name at all: some word after the first
/// starts with a capital, or the first does and is neither a common
/// sentence opener ("The", "But") nor a word the article also writes in
/// lower case. Names are capitalised; a sentence without one is not worth
/// a pass of the tagger (most sentences of a story).
pub fn may_hold_name(sent: &[Tok]) -> bool {
    (0..sent.len()).any(|i| may_start_name(sent, i))
}

/// Whether token `i` may be (part of) a name by its capital: any
/// capitalised word but the first, which must not be a common sentence
/// opener or a word the article also writes in lower case.
fn may_start_name(sent: &[Tok], i: usize) -> bool {
    let t = &sent[i];
    t.is_cap() && (i > 0 || t.flags & (F_SENTWORD | F_LC_ELSEWHERE) == 0)
}

/// Characters split off the front of a word as tokens of their own.
const LEAD: &[char] = &['"', '“', '‘', '\'', '(', '[', '{', '«', '<', '*', '#'];
/// Characters split off the end of a word.
const TRAIL: &[char] = &[
    ',', ';', ':', '!', '?', '"', '”', '’', '\'', ')', ']', '}', '»', '>', '…', '*',
];
/// Abbreviations that keep their full stop ("Mr.", "Gen.", "Inc.").
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "cmdr", "adm", "rep",
    "sen", "gov", "jr", "sr", "inc", "corp", "co", "ltd", "prof", "rev", "gens", "reps", "sens",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
    "ft", "vs", "no", "cpl", "pvt", "supt", "insp", "det", "hon", "messrs", "mme", "mlle", "bros",
];

/// Splits text into CoNLL-like tokens: punctuation apart, possessive `'s`
/// apart, abbreviations and initials ("U.S.", "J.") kept whole, hyphenated
/// words kept whole. Returns byte ranges into `text`.
///
/// Words end at white space (as `char::is_whitespace` has it) and at the
/// dashes and underscore, which are tokens of their own. ASCII bytes are
/// classified directly; only other characters are decoded.
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 5);
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let (len, space, sep) = match b[i] {
            b'\t'..=b'\r' | b' ' => (1, true, true),
            b'_' => (1, false, true),
            c if c < 0x80 => (1, false, false),
            _ => {
                let c = text[i..].chars().next().expect("a char at a char boundary");
                let space = c.is_whitespace();
                (c.len_utf8(), space, space || matches!(c, '—' | '–'))
            }
        };
        if sep {
            if let Some(s) = start.take() {
                piece(text, s, i, &mut out);
            }
            if !space {
                out.push((i, i + len));
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        piece(text, s, text.len(), &mut out);
    }
    out
}

/// At most this many pieces split off a word's end are kept on the stack.
const TAIL_ON_STACK: usize = 8;

fn piece(text: &str, mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
    // Most words are letters and digits only: nothing to split off.
    if text.as_bytes()[s..e].iter().all(u8::is_ascii_alphanumeric) {
        out.push((s, e));
        return;
    }
    // Leading punctuation.
    while s < e {
        let c = match text[s..e].chars().next() {
            Some(c) => c,
            None => return,
        };
        if LEAD.contains(&c) && e - s > c.len_utf8() {
            out.push((s, s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected in reverse.
    let mut tail = [(0usize, 0usize); TAIL_ON_STACK];
    let mut n_tail = 0;
    let mut more_tail: Vec<(usize, usize)> = Vec::new();
    let mut push_tail = |t: (usize, usize)| {
        if n_tail < TAIL_ON_STACK {
            tail[n_tail] = t;
            n_tail += 1;
        } else {
            more_tail.push(t);
        }
    };
    loop {
        let w = &text[s..e];
        let c = match w.chars().next_back() {
            Some(c) => c,
            None => break,
        };
        if w.len() == c.len_utf8() {
            break;
        }
        if c == '.' {
            let core = &w[..w.len() - 1];
            let keep = core.contains('.')
                || (core.chars().count() == 1 && core.chars().all(char::is_alphabetic))
                || ABBREV.iter().any(|a| a.eq_ignore_ascii_case(core));
            if keep || core.ends_with('.') {
                break;
            }
            push_tail((e - 1, e));
            e -= 1;
            continue;
        }
        if (c == '\'' || c == '’') && w.len() > 2 {
            // "Jones'" (possessive after s) vs a closing quote: both split off.
            push_tail((e - c.len_utf8(), e));
            e -= c.len_utf8();
            continue;
        }
        if TRAIL.contains(&c) {
            push_tail((e - c.len_utf8(), e));
            e -= c.len_utf8();
            continue;
        }
        break;
    }
    // Possessive 's.
    let w = &text[s..e];
    for p in ["'s", "’s", "'S", "’S"] {
        if w.len() > p.len() && w.ends_with(p) {
            push_tail((e - p.len(), e));
            e -= p.len();
            break;
        }
    }
    if e > s {
        out.push((s, e));
    }
    out.extend(more_tail.into_iter().rev());
    out.extend(tail[..n_tail].iter().rev());
}

fn h(s: &str) -> u64 {
    xxh3_64(s.as_bytes())
}

fn norm(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '’' | '‘' | '`' => out.push('\''),
            '“' | '”' => out.push('"'),
            c if c.is_ascii_digit() => out.push('0'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Hash of the word's collapsed character shape ("Sudani" → `Xx`, "U.S." →
/// `X.X.`, "al-Sudani" → `x-Xx`), computed without allocating.
fn shape_hash(word: &str) -> u64 {
    let mut acc: u64 = 0xcbf2_9ce4_8422_2325;
    let mut last = '\0';
    for (n, c) in word.chars().enumerate() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if n > 24 {
            break;
        }
        if k != last || !matches!(k, 'X' | 'x' | 'd') {
            acc = (acc ^ k as u64).wrapping_mul(0x0100_0000_01b3);
        }
        last = k;
    }
    acc
}

/// What the word lists say of one word: flags when it is a token's
/// normalised form, flags when it is the form without a final full stop, and
/// its surname bin when it is the form without "al-"/"el-" as well. One
/// lookup per token instead of eight.
#[derive(Default, Clone, Copy)]
struct Lex {
    exact: u16,
    bare: u16,
    surname_bin: u8,
}

/// [`Lex`] for every listed word, built from the lists once.
static LEXICON: LazyLock<lists::FastMap<&'static str, Lex>> = LazyLock::new(|| {
    let mut m: lists::FastMap<&'static str, Lex> = lists::FastMap::default();
    for &w in lists::GIVEN.iter() {
        m.entry(w).or_default().bare |= F_GIVEN;
    }
    for &w in lists::TITLE_SET.iter() {
        let e = m.entry(w).or_default();
        e.exact |= F_TITLE_SET;
        e.bare |= F_TITLE_SET;
    }
    for &w in lists::TITLE_WORDS.iter().chain(lists::TITLE_SET.iter()) {
        m.entry(w).or_default().exact |= F_TITLE;
    }
    for &w in lists::ORG_WORDS.iter() {
        m.entry(w).or_default().bare |= F_ORG;
    }
    for &w in lists::PARTICLES {
        m.entry(w).or_default().bare |= F_PARTICLE;
    }
    for &w in lists::SPEECH_SET.iter() {
        m.entry(w).or_default().exact |= F_SPEECH;
    }
    for &w in lists::SENTENCE_SET.iter() {
        m.entry(w).or_default().exact |= F_SENTWORD;
    }
    for (&w, &r) in lists::SURNAME_RANK.iter() {
        m.entry(w).or_default().surname_bin = match r {
            ..=100 => 1,
            101..=1000 => 2,
            1001..=10000 => 3,
            _ => 4,
        };
    }
    m
});

fn lex(word: &str) -> Lex {
    LEXICON.get(word).copied().unwrap_or_default()
}

/// Distinct words in the newer of the word cache's two generations (a
/// word takes ~200 bytes, ~750 with its scores). Wire text uses tens of
/// thousands of distinct words: with 8,192 the generations turned over
/// every few hundred articles and the words were made and scored again
/// (c2k cold index: 17% more CPU, 40 MB less peak RSS than with 32,768).
const WORD_CACHE: usize = 32 * 1024;

/// Words seen lately on one thread, in two generations: a word is looked up
/// in the newer, then in the older (and moved to the newer when found
/// there); when the newer is full it becomes the older and the older is
/// dropped. Words in use stay; the cache never holds more than two
/// generations, so its memory is bounded however long the run.
#[derive(Default)]
struct WordCache {
    new: lists::FastMap<Box<str>, Rc<Word>>,
    old: lists::FastMap<Box<str>, Rc<Word>>,
}

impl WordCache {
    fn get(&mut self, text: &str) -> Rc<Word> {
        if let Some(w) = self.new.get(text) {
            return Rc::clone(w);
        }
        let (key, word) = match self.old.remove_entry(text) {
            Some(kv) => kv,
            None => (text.into(), Rc::new(word_of(text))),
        };
        if self.new.len() >= WORD_CACHE {
            self.old = std::mem::take(&mut self.new);
        }
        self.new.insert(key, Rc::clone(&word));
        word
    }
}

thread_local! {
    /// Words seen lately on this thread, as [`word_of`] makes them: news
    /// text repeats its words, and making one costs a dozen hashes and
    /// lookups. The words' transition scores are kept with them.
    static WORDS: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::default());
}

/// Builds the tokens of one sentence (byte ranges from [`tokenize`]).
pub fn make_tokens(text: &str, ranges: &[(usize, usize)]) -> Vec<Tok> {
    WORDS.with_borrow_mut(|cache| {
        ranges
            .iter()
            .map(|&(s, e)| {
                let word = cache.get(&text[s..e]);
                Tok {
                    start: s,
                    end: e,
                    flags: word.flags,
                    word,
                }
            })
            .collect()
    })
}

/// What one word's own characters give (the document-level flag is the
/// token's).
fn word_of(word: &str) -> Word {
    let n = norm(word);
    // Prefixes of 1–3 and suffixes of 1–4 characters, each only
    // when the word is longer.
    let (mut h_pre, mut h_suf) = ([0u64; 3], [0u64; 4]);
    if n.is_ascii() {
        let nc = n.len();
        for k in 1..=3 {
            if nc > k {
                h_pre[k - 1] = h(&n[..k]);
            }
        }
        for k in 1..=4 {
            if nc > k {
                h_suf[k - 1] = h(&n[nc - k..]);
            }
        }
    } else {
        let bounds: Vec<usize> = n.char_indices().map(|(b, _)| b).collect();
        let nc = bounds.len();
        for k in 1..=3 {
            if nc > k {
                h_pre[k - 1] = h(&n[..bounds[k]]);
            }
        }
        for k in 1..=4 {
            if nc > k {
                h_suf[k - 1] = h(&n[bounds[nc - k]..]);
            }
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters >= 2 && !word.chars().any(char::is_lowercase);
    let bare = n.trim_end_matches('.');
    let mut flags = 0;
    if first_upper {
        flags |= F_CAP;
    }
    if all_caps {
        flags |= F_ALLCAPS;
    }
    let of_n = lex(&n);
    let of_bare = if bare.len() == n.len() {
        of_n
    } else {
        lex(bare)
    };
    flags |= of_n.exact | of_bare.bare;
    if ["al-", "el-", "bin-", "abu-", "ibn-"]
        .iter()
        .any(|p| bare.starts_with(p))
    {
        flags |= F_PARTICLE;
    }
    if n.chars().next().is_some_and(char::is_alphabetic) {
        flags |= F_ALPHA;
    }
    match n.chars().count() {
        0 | 1 => {}
        2..=3 => flags |= F_LEN_2,
        _ => flags |= F_LEN_2 | F_LEN_4,
    }
    if word.bytes().any(|c| c.is_ascii_digit()) {
        flags |= F_HAS_DIGIT;
    }
    let key = bare
        .strip_prefix("al-")
        .or_else(|| bare.strip_prefix("el-"))
        .unwrap_or(bare);
    let surname_bin = if key.len() == bare.len() {
        of_bare.surname_bin
    } else {
        lex(key).surname_bin
    };
    Word {
        h_word: h(&n),
        h_shape: shape_hash(word),
        h_pre,
        h_suf,
        norm: n.into_boxed_str(),
        flags,
        surname_bin,
        scores: OnceCell::new(),
    }
}

/// Marks capitalised tokens whose lower-case form the document also uses in
/// lower case ("Will" when "will" occurs): a sign of a common word.
pub fn mark_document(sentences: &mut [Vec<Tok>]) {
    mark(sentences, false);
}

/// A word written in lower case: not capitalised, starting with a letter.
fn is_lower_word(t: &Tok) -> bool {
    t.flags & (F_CAP | F_ALPHA) == F_ALPHA
}

/// [`mark_document`], keyed by text from the start when `by_text`.
fn mark(sentences: &mut [Vec<Tok>], by_text: bool) {
    // Lower-case words keyed by their hash (made once per word), each with
    // its text; two words with one hash (never seen, but possible) send the
    // document the slow way, keyed by text.
    let mut lower: lists::FastMap<u64, &str> = lists::FastMap::default();
    let mut collided = by_text;
    for s in sentences.iter() {
        for t in s.iter() {
            if is_lower_word(t) {
                let w = lower.entry(t.word.h_word).or_insert(t.norm());
                collided |= *w != t.norm();
            }
        }
    }
    let lower_text: lists::FastSet<&str> = if collided {
        sentences
            .iter()
            .flatten()
            .filter(|t| is_lower_word(t))
            .map(Tok::norm)
            .collect()
    } else {
        lists::FastSet::default()
    };
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        for (ti, t) in s.iter().enumerate() {
            if t.flags & F_CAP == 0 {
                continue;
            }
            let also_lower = if collided {
                lower_text.contains(t.norm())
            } else {
                lower.get(&t.word.h_word).is_some_and(|w| *w == t.norm())
            };
            if also_lower {
                found.push((si, ti));
            }
        }
    }
    for (si, ti) in found {
        sentences[si][ti].flags |= F_LC_ELSEWHERE;
    }
}

#[inline]
fn mix(template: u64, a: u64, b: u64) -> u32 {
    let mut x = a ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.rotate_left(29);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    (x as usize & (N_BUCKETS - 1)) as u32
}

const PAD_L: u64 = 0x1111;
const PAD_R: u64 = 0x2222;

/// What the features read of the token `k` places from token `i`: word
/// hash, shape hash, flags and surname bin (padding outside the sentence).
fn neighbour(sent: &[Tok], i: usize, k: isize) -> (u64, u64, u16, u64) {
    match sent.get(i.wrapping_add_signed(k)) {
        Some(x) => (
            x.word.h_word,
            x.word.h_shape,
            x.flags,
            x.word.surname_bin as u64,
        ),
        None if k < 0 => (PAD_L, PAD_L, 0, 9),
        None => (PAD_R, PAD_R, 0, 9),
    }
}

/// The feature buckets of token `i` that do not depend on the previous tag,
/// into `out`; returns how many.
fn features(sent: &[Tok], caps_sentence: u64, i: usize, out: &mut [u32; MAX_FEATS]) -> usize {
    let t = &sent[i];
    let at = |k: isize| neighbour(sent, i, k);
    let (w_m2, _, fl_m2, _) = at(-2);
    let (w_m1, sh_m1, fl_m1, sb_m1) = at(-1);
    let (w_p1, sh_p1, fl_p1, sb_p1) = at(1);
    let (w_p2, _, fl_p2, _) = at(2);
    let sb0 = t.word.surname_bin as u64;
    let caps = caps_sentence;
    let first = (i == 0) as u64;
    // Gazetteers and cue words, for this token and its neighbours.
    let gz = |f: u16| -> u64 { (f & GZ_MASK) as u64 };
    let mut n = 0;
    let mut push = |f: u32| {
        out[n] = f;
        n += 1;
    };
    push(mix(0, 0, 0));
    push(mix(1, t.word.h_word, 0));
    push(mix(2, w_m1, 0));
    push(mix(3, w_p1, 0));
    push(mix(4, w_m2, 0));
    push(mix(5, w_p2, 0));
    push(mix(6, t.word.h_shape, caps));
    push(mix(7, sh_m1, 0));
    push(mix(8, sh_p1, 0));
    for (k, p) in t.word.h_pre.iter().enumerate() {
        if *p != 0 {
            push(mix(9 + k as u64, *p, 0));
        }
    }
    for (k, s) in t.word.h_suf.iter().enumerate() {
        if *s != 0 {
            push(mix(12 + k as u64, *s, 0));
        }
    }
    push(mix(16, w_m1, t.word.h_word));
    push(mix(17, t.word.h_word, w_p1));
    push(mix(18, sh_m1 ^ sh_p1.rotate_left(17), t.word.h_shape));
    push(mix(23, gz(t.flags), sb0));
    push(mix(24, gz(fl_m1), sb_m1));
    push(mix(25, gz(fl_p1), sb_p1));
    push(mix(26, gz(fl_m2), 0));
    push(mix(27, gz(fl_p2), 0));
    push(mix(28, gz(t.flags) | (gz(fl_p1) << 16), sb0 | (sb_p1 << 8)));
    push(mix(29, gz(fl_m1) | (gz(t.flags) << 16), sb_m1 | (sb0 << 8)));
    push(mix(31, first | (caps << 1), gz(t.flags) | (sb0 << 16)));
    push(mix(32, (t.flags & F_LC_ELSEWHERE) as u64, t.word.h_shape));
    push(mix(
        33,
        (t.flags & (F_LC_ELSEWHERE | F_ALLCAPS | F_HAS_DIGIT)) as u64,
        first,
    ));
    push(mix(34, first, t.word.h_word));
    push(mix(35, caps, t.word.h_word));
    n
}

/// The features of token `i` that depend on the previous tag `p`.
fn trans_features(sent: &[Tok], i: usize, p: u8) -> [u32; 4] {
    let [a, b, c] = word_trans_features(&sent[i].word, p as u64);
    [mix(19, p as u64, 0), a, b, c]
}

/// The features that pair the previous tag `p` with the word (all of
/// [`trans_features`] but the one of `p` alone).
fn word_trans_features(word: &Word, p: u64) -> [u32; 3] {
    let pair = (word.flags & GZ_MASK) as u64 | ((word.surname_bin as u64) << 16);
    [
        mix(21, p, word.h_word),
        mix(22, p, word.h_shape),
        mix(30, p, pair),
    ]
}

/// Entity spans in a tag sequence: `(first, last + 1, B-tag)` for every
/// `B-X` followed by its `I-X` run (B tags are odd, `I-X` is `B-X + 1`).
pub fn entity_spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i] != O && tags[i] % 2 == 1 {
            let mut j = i + 1;
            while j < tags.len() && tags[j] == tags[i] + 1 {
                j += 1;
            }
            out.push((i, j, tags[i]));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Person spans `(first, last + 1)` in a tag sequence.
pub fn per_spans(tags: &[u8]) -> Vec<(usize, usize)> {
    entity_spans(tags)
        .into_iter()
        .filter(|s| s.2 == B_PER)
        .map(|s| (s.0, s.1))
        .collect()
}

/// The previous tag before a sentence's first token.
const START: u8 = N_LABELS as u8;

/// Per-token scores: emission features once, transition features per previous tag.
struct Lattice {
    /// Emission feature buckets per token.
    emit: Vec<Vec<u32>>,
    /// `scores[i][p][l]`: score of tag `l` at `i` after tag `p` (`p == START` at 0).
    scores: Vec<[[f32; N_LABELS]; N_LABELS + 1]>,
}

fn lattice(w: &[f32], sent: &[Tok]) -> Lattice {
    let caps = caps_sentence(sent);
    let mut emit = Vec::with_capacity(sent.len());
    let mut scores = Vec::with_capacity(sent.len());
    for i in 0..sent.len() {
        let mut buf = [0u32; MAX_FEATS];
        let k = features(sent, caps, i, &mut buf);
        let feats = buf[..k].to_vec();
        let e = score(w, &feats);
        let mut row = [[f32::NEG_INFINITY; N_LABELS]; N_LABELS + 1];
        let prevs: &[u8] = if i == 0 {
            &[START]
        } else {
            &[0, 1, 2, 3, 4, 5, 6, 7, 8]
        };
        for &p in prevs {
            let t = score(w, &trans_features(sent, i, p));
            for l in 0..N_LABELS {
                row[p as usize][l] = e[l] + t[l];
            }
        }
        emit.push(feats);
        scores.push(row);
    }
    Lattice { emit, scores }
}

/// The best tag sequence under the BIO constraint (Viterbi). Indexes several
/// tables by tag at once, hence plain index loops.
#[allow(clippy::needless_range_loop)]
fn viterbi(scores: &[[[f32; N_LABELS]; N_LABELS + 1]]) -> Vec<u8> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let mut delta = vec![[f32::NEG_INFINITY; N_LABELS]; n];
    let mut back = vec![[0u8; N_LABELS]; n];
    for l in 0..N_LABELS {
        if allowed(START, l as u8) {
            delta[0][l] = scores[0][START as usize][l];
        }
    }
    for i in 1..n {
        for l in 0..N_LABELS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in 0..N_LABELS {
                if !allowed(p as u8, l as u8) || delta[i - 1][p] == f32::NEG_INFINITY {
                    continue;
                }
                let s = delta[i - 1][p] + scores[i][p][l];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            delta[i][l] = best;
            back[i][l] = arg;
        }
    }
    let mut tags = vec![O; n];
    let mut last = O;
    let mut best = f32::NEG_INFINITY;
    for l in 0..N_LABELS {
        if delta[n - 1][l] > best {
            best = delta[n - 1][l];
            last = l as u8;
        }
    }
    tags[n - 1] = last;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][tags[i] as usize];
    }
    tags
}

/// A trained model: the quantised weights as [`Model::from_bytes`] reads
/// them, or the averaged weights while training.
pub struct Model {
    w: Table,
    /// Unique per model made in this process: words keep their
    /// transition scores under this id.
    id: u64,
}

/// The next [`Model::id`].
static MODEL_IDS: AtomicU64 = AtomicU64::new(1);

fn next_model_id() -> u64 {
    MODEL_IDS.fetch_add(1, Ordering::Relaxed)
}

enum Table {
    Dense(Vec<f32>),
    Packed(Packed),
}

static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| Model::from_bytes(include_bytes!("weights.bin")));

/// The compiled-in model, `None` when the weights file is missing or corrupt
/// (then only the rules run).
pub fn model() -> Option<&'static Model> {
    MODEL.as_ref()
}

impl Model {
    /// Reads the weights format [`Trainer::finish`] writes.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        if b.len() < 20 || &b[..8] != MAGIC {
            return None;
        }
        let bits = u32::from_le_bytes(b[8..12].try_into().ok()?);
        let labels = u32::from_le_bytes(b[12..16].try_into().ok()?) as usize;
        let scale = f32::from_le_bytes(b[16..20].try_into().ok()?);
        if bits != BITS || labels != N_LABELS || b.len() != 20 + 2 * N_BUCKETS * N_LABELS {
            return None;
        }
        if !(scale.is_finite() && scale > 0.0) {
            return None;
        }
        // The weights stay the 16-bit integers they are stored as, not
        // multiplied back by `scale`: tags only compare scores, and a
        // positive factor changes no comparison. Sums of integers are
        // exact in f32 up to 2^24 (a token sums at most 48 rows of at most
        // 32,767), so the order of the additions cannot change a score:
        // the per-word sums ([`Scores`]) give the plain method's scores
        // exactly.
        let rows = b[20..].chunks_exact(2 * N_LABELS).map(|c| {
            let mut row = [0i16; N_LABELS];
            for (v, x) in row.iter_mut().zip(c.chunks_exact(2)) {
                *v = i16::from_le_bytes([x[0], x[1]]);
            }
            row
        });
        Some(Model {
            w: Table::Packed(Packed {
                rows: rows.collect(),
            }),
            id: next_model_id(),
        })
    }

    /// Tags one sentence: a tag index per token.
    pub fn tag(&self, sent: &[Tok]) -> Vec<u8> {
        match &self.w {
            Table::Dense(w) => tag_with(w.as_slice(), self.id, sent),
            Table::Packed(w) => tag_with(w, self.id, sent),
        }
    }
}

/// A weight table: bucket `f`'s row of tag weights.
trait Weights {
    fn row(&self, f: u32) -> [f32; N_LABELS];
}

/// Dense, bucket-major: one row of tags per bucket.
impl Weights for [f32] {
    #[inline(always)]
    fn row(&self, f: u32) -> [f32; N_LABELS] {
        let k = f as usize * N_LABELS;
        self[k..k + N_LABELS].try_into().expect("a row")
    }
}

/// The compiled weights as stored: a row of 16-bit integers per bucket
/// (4.7 MB). A row is one load; leaving out the all-zero rows (72% of the
/// buckets) took two dependent ones, a slot then its row: the scoring
/// (`tag` with the word sums) took ~14% more samples on c2k.
struct Packed {
    rows: Vec<[i16; N_LABELS]>,
}

impl Weights for Packed {
    #[inline(always)]
    fn row(&self, f: u32) -> [f32; N_LABELS] {
        self.rows[f as usize].map(f32::from)
    }
}

/// `ALLOWED[p][l]`: whether tag `l` may follow tag `p` (`p == START` too).
const ALLOWED: [[bool; N_LABELS]; N_LABELS + 1] = {
    let mut t = [[false; N_LABELS]; N_LABELS + 1];
    let mut p = 0;
    while p <= N_LABELS {
        let mut l = 0;
        while l < N_LABELS {
            t[p][l] = l == 0 || l % 2 == 1 || (p != START as usize && (p == l || p + 1 == l));
            l += 1;
        }
        p += 1;
    }
    t
};

/// The sum of the rows of `feats`, in order, tag by tag. The sums run in
/// three pieces of at most four tags, which the compiler keeps in registers.
#[inline(always)]
fn sum_rows<W: Weights + ?Sized>(w: &W, feats: &[u32]) -> [f32; N_LABELS] {
    let (mut lo, mut hi, mut last) = ([0f32; 4], [0f32; 4], 0f32);
    for &f in feats {
        let r = w.row(f);
        for l in 0..4 {
            lo[l] += r[l];
            hi[l] += r[4 + l];
        }
        last += r[8];
    }
    [lo[0], lo[1], lo[2], lo[3], hi[0], hi[1], hi[2], hi[3], last]
}

/// Tagging: the lattice's scores token by token, each consumed at once by a
/// Viterbi step. The sums are [`lattice`]'s, made in the same order, and the
/// Viterbi step is [`viterbi`]'s run for all tags at once (a disallowed
/// transition scores `-inf`, which never wins, as [`viterbi`] skips it), so
/// the tags are equal. The previous-tag-only transition feature is looked
/// up once per sentence.
#[allow(clippy::needless_range_loop)]
fn tag_with<W: Weights + ?Sized>(w: &W, model: u64, sent: &[Tok]) -> Vec<u8> {
    let n = sent.len();
    let mut tags = vec![O; n];
    if n == 0 {
        return tags;
    }
    let caps = caps_sentence(sent);
    // `trans_features(_, _, p)[0]` depends on `p` alone.
    let mut bias = [[0f32; N_LABELS]; N_LABELS + 1];
    for (p, row) in bias.iter_mut().enumerate() {
        *row = sum_rows(w, &[mix(19, p as u64, 0)]);
    }
    // Windows: tokens with a capitalised word within two places. Outside
    // them no name can start or end, so they are O and the lattice is run
    // over each window alone, entered from O (or the sentence start) and
    // left into O.
    let mut active = vec![false; n];
    for i in (0..n).filter(|&i| may_start_name(sent, i)) {
        for a in &mut active[i.saturating_sub(WINDOW_MARGIN)..(i + WINDOW_MARGIN + 1).min(n)] {
            *a = true;
        }
    }
    let mut a = 0;
    while a < n {
        if !active[a] {
            a += 1;
            continue;
        }
        let mut b = a;
        while b < n && active[b] {
            b += 1;
        }
        tag_window(w, model, sent, caps, &bias, a, b, &mut tags);
        a = b;
    }
    tags
}

/// A word's [`Scores`] under the model `model`: kept in the word when it
/// has none yet (or made afresh for another model's call).
fn scores_of<'a, W: Weights + ?Sized>(
    w: &W,
    model: u64,
    bias: &TransTable,
    word: &'a Word,
) -> Cow<'a, Scores> {
    let make = || {
        let gz = (word.flags & GZ_MASK) as u64;
        let sb = word.surname_bin as u64;
        let mut trans = *bias;
        for (p, tr) in trans.iter_mut().enumerate() {
            for f in word_trans_features(word, p as u64) {
                let r = w.row(f);
                for l in 0..N_LABELS {
                    tr[l] += r[l];
                }
            }
        }
        let mut own = [0u32; 9];
        let mut n = 0;
        own[n] = mix(1, word.h_word, 0);
        n += 1;
        for (k, p) in word.h_pre.iter().enumerate() {
            if *p != 0 {
                own[n] = mix(9 + k as u64, *p, 0);
                n += 1;
            }
        }
        for (k, x) in word.h_suf.iter().enumerate() {
            if *x != 0 {
                own[n] = mix(12 + k as u64, *x, 0);
                n += 1;
            }
        }
        own[n] = mix(23, gz, sb);
        n += 1;
        Box::new(Scores {
            trans,
            own: sum_rows(w, &own[..n]),
            m1: sum_rows(
                w,
                &[
                    mix(2, word.h_word, 0),
                    mix(7, word.h_shape, 0),
                    mix(24, gz, sb),
                ],
            ),
            m2: sum_rows(w, &[mix(4, word.h_word, 0), mix(26, gz, 0)]),
            p1: sum_rows(
                w,
                &[
                    mix(3, word.h_word, 0),
                    mix(8, word.h_shape, 0),
                    mix(25, gz, sb),
                ],
            ),
            p2: sum_rows(w, &[mix(5, word.h_word, 0), mix(27, gz, 0)]),
            plain: sum_rows(w, &lone_features(word, word.flags, 0, 0)),
        })
    };
    let (id, s) = word.scores.get_or_init(|| (model, make()));
    if *id == model {
        Cow::Borrowed(&**s)
    } else {
        Cow::Owned(*make())
    }
}

/// The features of token `i` that read its place: the sentence's kind and
/// position, and word pairs. The others are summed per word ([`Scores`]);
/// together they are [`features`].
fn place_features(sent: &[Tok], caps: u64, i: usize) -> [u32; 12] {
    let t = &sent[i];
    let first = (i == 0) as u64;
    let [a, b, c, d, e] = pair_features(sent, i);
    let [f, g, h, j, k, l, m] = lone_features(&t.word, t.flags, first, caps);
    [f, g, a, b, c, d, e, h, j, k, l, m]
}

/// The place features that read the word beside token `i`.
fn pair_features(sent: &[Tok], i: usize) -> [u32; 5] {
    let t = &sent[i];
    let at = |k: isize| neighbour(sent, i, k);
    let (w_m1, sh_m1, fl_m1, sb_m1) = at(-1);
    let (w_p1, sh_p1, fl_p1, sb_p1) = at(1);
    let sb0 = t.word.surname_bin as u64;
    let gz = |f: u16| -> u64 { (f & GZ_MASK) as u64 };
    [
        mix(16, w_m1, t.word.h_word),
        mix(17, t.word.h_word, w_p1),
        mix(18, sh_m1 ^ sh_p1.rotate_left(17), t.word.h_shape),
        mix(28, gz(t.flags) | (gz(fl_p1) << 16), sb0 | (sb_p1 << 8)),
        mix(29, gz(fl_m1) | (gz(t.flags) << 16), sb_m1 | (sb0 << 8)),
    ]
}

/// The place features that read the token alone: its word, its flags
/// (`flags`, with the document-level one), whether it opens the sentence
/// (`first`) and the sentence's kind (`caps`).
fn lone_features(word: &Word, flags: u16, first: u64, caps: u64) -> [u32; 7] {
    let sb0 = word.surname_bin as u64;
    let gz = (flags & GZ_MASK) as u64;
    [
        mix(0, 0, 0),
        mix(6, word.h_shape, caps),
        mix(31, first | (caps << 1), gz | (sb0 << 16)),
        mix(32, (flags & F_LC_ELSEWHERE) as u64, word.h_shape),
        mix(
            33,
            (flags & (F_LC_ELSEWHERE | F_ALLCAPS | F_HAS_DIGIT)) as u64,
            first,
        ),
        mix(34, first, word.h_word),
        mix(35, caps, word.h_word),
    ]
}

/// Tokens around a capitalised word that are tagged with it.
const WINDOW_MARGIN: usize = 1;

/// Viterbi over tokens `a..b` of `sent` (features still see the whole
/// sentence), entered from the sentence start or from O, and, when tokens
/// follow, left into O; writes the tags of `a..b` into `tags`.
#[allow(clippy::needless_range_loop, clippy::too_many_arguments)]
fn tag_window<W: Weights + ?Sized>(
    w: &W,
    model: u64,
    sent: &[Tok],
    caps: u64,
    bias: &TransTable,
    a: usize,
    b: usize,
    tags: &mut [u8],
) {
    let scores = |i: usize| scores_of(w, model, bias, &sent[i].word);
    // The rows of the features at the sentence's edges, per place -2..=2
    // (the token itself never is a pad).
    let pads: [[f32; N_LABELS]; 5] = [
        sum_rows(w, &[mix(4, PAD_L, 0), mix(26, 0, 0)]),
        sum_rows(w, &[mix(2, PAD_L, 0), mix(7, PAD_L, 0), mix(24, 0, 9)]),
        [0.0; N_LABELS],
        sum_rows(w, &[mix(3, PAD_R, 0), mix(8, PAD_R, 0), mix(25, 0, 9)]),
        sum_rows(w, &[mix(5, PAD_R, 0), mix(27, 0, 0)]),
    ];
    // A neighbour's part of token `i`'s emission scores (`k` places away).
    let part = |i: usize, k: isize, pick: fn(&Scores) -> [f32; N_LABELS]| -> [f32; N_LABELS] {
        match sent.get(i.wrapping_add_signed(k)) {
            Some(x) => pick(&scores_of(w, model, bias, &x.word)),
            None => pads[(k + 2) as usize],
        }
    };
    // Token `i`'s emission scores; `sc` is its word's sums.
    let emission = |i: usize, sc: &Scores| -> [f32; N_LABELS] {
        let t = &sent[i];
        let mut e = if i > 0 && caps == 0 && t.flags & F_LC_ELSEWHERE == 0 {
            let mut e = sum_rows(w, &pair_features(sent, i));
            for l in 0..N_LABELS {
                e[l] += sc.plain[l];
            }
            e
        } else {
            sum_rows(w, &place_features(sent, caps, i))
        };
        let parts = [
            sc.own,
            part(i, -1, |s| s.m1),
            part(i, 1, |s| s.p1),
            part(i, -2, |s| s.m2),
            part(i, 2, |s| s.p2),
        ];
        for p in parts {
            for l in 0..N_LABELS {
                e[l] += p[l];
            }
        }
        e
    };
    let mut back = vec![[0u8; N_LABELS]; b - a];
    let mut delta = [f32::NEG_INFINITY; N_LABELS];
    for i in a..b {
        let sc = scores(i);
        let e = emission(i, &sc);
        let tt = &sc.trans;
        if i == a {
            let from = if a == 0 { START } else { O };
            let tr = tt[from as usize];
            for l in 0..N_LABELS {
                if ALLOWED[from as usize][l] {
                    delta[l] = e[l] + tr[l];
                }
            }
            continue;
        }
        let mut best = [f32::NEG_INFINITY; N_LABELS];
        let mut arg = [0u8; N_LABELS];
        for p in 0..N_LABELS {
            let tr = tt[p];
            let d = delta[p];
            for l in 0..N_LABELS {
                let s = if ALLOWED[p][l] {
                    d + (e[l] + tr[l])
                } else {
                    f32::NEG_INFINITY
                };
                if s > best[l] {
                    best[l] = s;
                    arg[l] = p as u8;
                }
            }
        }
        delta = best;
        back[i - a] = arg;
    }
    // Leaving into the O that follows adds its transition score.
    if b < sent.len() {
        let sc = scores(b);
        for l in 0..N_LABELS {
            delta[l] += sc.trans[l][O as usize];
        }
    }
    let mut last = O;
    let mut best = f32::NEG_INFINITY;
    for l in 0..N_LABELS {
        if delta[l] > best {
            best = delta[l];
            last = l as u8;
        }
    }
    tags[b - 1] = last;
    for i in (a + 1..b).rev() {
        tags[i - 1] = back[i - a][tags[i] as usize];
    }
}

/// A headline or shouted sentence: no lower-case letters in its words.
/// Sentence kind: 1 for a headline or shouted sentence (no lower-case
/// letters in its words), 2 for a title-case fragment (a heading or list
/// item: no word of four letters or more starts in lower case), else 0.
fn caps_sentence(sent: &[Tok]) -> u64 {
    let words = sent.iter().filter(|t| t.flags & F_ALLCAPS != 0).count();
    let lower = sent
        .iter()
        .filter(|t| t.flags & (F_ALPHA | F_ALLCAPS | F_LEN_2) == F_ALPHA | F_LEN_2)
        .count();
    if words >= 2 && lower == 0 {
        return 1;
    }
    let long_lower = sent
        .iter()
        .any(|t| t.flags & (F_CAP | F_ALPHA | F_LEN_4) == F_ALPHA | F_LEN_4);
    let caps = sent.iter().filter(|t| t.flags & F_CAP != 0).count();
    if !long_lower && caps >= 2 { 2 } else { 0 }
}

#[inline]
fn score(w: &[f32], feats: &[u32]) -> [f32; N_LABELS] {
    let mut s = [0f32; N_LABELS];
    for &f in feats {
        let row = &w[f as usize * N_LABELS..f as usize * N_LABELS + N_LABELS];
        for (a, b) in s.iter_mut().zip(row) {
            *a += *b;
        }
    }
    s
}

/// Averaged-perceptron training over hashed features.
pub struct Trainer {
    w: Vec<f32>,
    /// Step-weighted sum of updates, for averaging (w_avg = w − u / c).
    u: Vec<f32>,
    c: f32,
}

impl Default for Trainer {
    fn default() -> Self {
        Self::new()
    }
}

impl Trainer {
    /// Zero weights.
    pub fn new() -> Trainer {
        Trainer {
            w: vec![0.0; N_BUCKETS * N_LABELS],
            u: vec![0.0; N_BUCKETS * N_LABELS],
            c: 1.0,
        }
    }

    /// One structured-perceptron step on a sentence: Viterbi decoding with
    /// the current weights, then an update wherever the best path differs
    /// from the gold one. Returns the number of correct tags.
    pub fn learn(&mut self, sent: &[Tok], gold: &[u8]) -> usize {
        let lat = lattice(&self.w, sent);
        let guess = viterbi(&lat.scores);
        let mut correct = 0;
        for i in 0..sent.len() {
            let (g, y) = (guess[i], gold[i]);
            let gp = if i == 0 { START } else { guess[i - 1] };
            let yp = if i == 0 { START } else { gold[i - 1] };
            if g == y {
                correct += 1;
            }
            if g == y && gp == yp {
                continue;
            }
            let c = self.c;
            let mut bump = |f: u32, l: u8, d: f32| {
                let k = f as usize * N_LABELS + l as usize;
                self.w[k] += d;
                self.u[k] += c * d;
            };
            for &f in &lat.emit[i] {
                bump(f, y, 1.0);
                bump(f, g, -1.0);
            }
            for f in trans_features(sent, i, yp) {
                bump(f, y, 1.0);
            }
            for f in trans_features(sent, i, gp) {
                bump(f, g, -1.0);
            }
        }
        self.c += 1.0;
        correct
    }

    /// Tags with the averaged weights so far (for held-out checks while training).
    pub fn averaged(&self) -> Model {
        Model {
            w: Table::Dense(
                self.w
                    .iter()
                    .zip(&self.u)
                    .map(|(w, u)| w - u / self.c)
                    .collect(),
            ),
            id: next_model_id(),
        }
    }

    /// The averaged weights, quantised to 16 bits, in the format
    /// [`Model::from_bytes`] reads.
    pub fn finish(&self) -> Vec<u8> {
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u / self.c)
            .collect();
        let max = avg.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-9);
        let scale = max / 32767.0;
        let mut out = Vec::with_capacity(20 + avg.len() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for v in avg {
            let q = (v / scale).round().clamp(-32767.0, 32767.0) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The tokenizer as it was before its ASCII fast paths: the reference
    // the fast one must agree with.
    /// Splits text into CoNLL-like tokens: punctuation apart, possessive `'s`
    /// apart, abbreviations and initials ("U.S.", "J.") kept whole, hyphenated
    /// words kept whole. Returns byte ranges into `text`.
    fn tokenize_reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let sep = c.is_whitespace() || matches!(c, '—' | '–' | '_');
            if sep {
                if let Some(s) = start.take() {
                    piece_reference(text, s, i, &mut out);
                }
                if !c.is_whitespace() {
                    out.push((i, i + c.len_utf8()));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            piece_reference(text, s, text.len(), &mut out);
        }
        out
    }

    fn piece_reference(text: &str, mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
        // Most words are letters and digits only: nothing to split off.
        if text.as_bytes()[s..e].iter().all(u8::is_ascii_alphanumeric) {
            out.push((s, e));
            return;
        }
        // Leading punctuation.
        while s < e {
            let c = match text[s..e].chars().next() {
                Some(c) => c,
                None => return,
            };
            if LEAD.contains(&c) && e - s > c.len_utf8() {
                out.push((s, s + c.len_utf8()));
                s += c.len_utf8();
            } else {
                break;
            }
        }
        // Trailing punctuation, collected in reverse.
        let mut tail: Vec<(usize, usize)> = Vec::new();
        loop {
            let w = &text[s..e];
            let c = match w.chars().next_back() {
                Some(c) => c,
                None => break,
            };
            if w.len() == c.len_utf8() {
                break;
            }
            if c == '.' {
                let core = &w[..w.len() - 1];
                let lc = core.to_ascii_lowercase();
                let keep = core.contains('.')
                    || (core.chars().count() == 1 && core.chars().all(char::is_alphabetic))
                    || ABBREV.contains(&lc.as_str());
                if keep || core.ends_with('.') {
                    break;
                }
                tail.push((e - 1, e));
                e -= 1;
                continue;
            }
            if (c == '\'' || c == '’') && w.len() > 2 {
                // "Jones'" (possessive after s) vs a closing quote: both split off.
                tail.push((e - c.len_utf8(), e));
                e -= c.len_utf8();
                continue;
            }
            if TRAIL.contains(&c) {
                tail.push((e - c.len_utf8(), e));
                e -= c.len_utf8();
                continue;
            }
            break;
        }
        // Possessive 's.
        let w = &text[s..e];
        for p in ["'s", "’s", "'S", "’S"] {
            if w.len() > p.len() && w.ends_with(p) {
                tail.push((e - p.len(), e));
                e -= p.len();
                break;
            }
        }
        if e > s {
            out.push((s, e));
        }
        out.extend(tail.into_iter().rev());
    }

    #[test]
    fn long_trailing_punctuation_keeps_its_order() {
        for text in [
            "Wow!?!?!?!?!?!?).",
            "(\"Yes,;:!?\"')]}>*",
            "U.S.)))))))))))",
        ] {
            assert_eq!(tokenize(text), tokenize_reference(text), "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn tokenizer_agrees_with_its_reference(
            text in "([A-Za-z0-9]{0,6}|[ .,;:!?'\"()\\[\\]{}<>*#_\t\n\r\u{b}\u{c}-]|[’‘“”«»…—–\u{a0}\u{2009}\u{3000}\u{85}é中]|Mr|U\\.S\\.|'s|’S){0,40}"
        ) {
            proptest::prop_assert_eq!(tokenize(&text), tokenize_reference(&text));
        }
    }

    #[test]
    fn word_cache_keeps_words_in_use_and_stays_bounded() {
        let mut cache = WordCache::default();
        let kept = cache.get("Sudani");
        for k in 0..3 * WORD_CACHE {
            cache.get(&format!("w{k}"));
            if k % 1000 == 0 {
                // In use: moved to the newer generation each time round.
                assert!(Rc::ptr_eq(&kept, &cache.get("Sudani")));
            }
        }
        assert!(Rc::ptr_eq(&kept, &cache.get("Sudani")));
        assert!(cache.new.len() + cache.old.len() <= 2 * WORD_CACHE);
        // A word not seen for two generations is made afresh, the same.
        let once = cache.get("Baghdad");
        for k in 0..2 * WORD_CACHE + 1 {
            cache.get(&format!("v{k}"));
        }
        let again = cache.get("Baghdad");
        assert!(!Rc::ptr_eq(&once, &again));
        assert_eq!((once.h_word, once.flags), (again.h_word, again.flags));
    }

    #[test]
    fn sentences_without_capitals_are_not_tagged() {
        let toks = |t: &str| make_tokens(t, &tokenize(t));
        assert!(!may_hold_name(&toks(
            "The company said it would cut 300 jobs."
        )));
        assert!(!may_hold_name(&toks("")));
        assert!(may_hold_name(&toks(
            "Okafor said the company would cut jobs."
        )));
        assert!(may_hold_name(&toks("the talks with Okafor ended")));
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn tokenizer_splits_like_conll() {
        assert_eq!(
            words("Sudani’s office said, \"U.S. Gen. J. Smith Jr. left.\""),
            vec![
                "Sudani", "’s", "office", "said", ",", "\"", "U.S.", "Gen.", "J.", "Smith", "Jr.",
                "left", ".", "\""
            ]
        );
        assert_eq!(words("al-Sudani—who"), vec!["al-Sudani", "—", "who"]);
        assert_eq!(
            words("the Joneses' house"),
            vec!["the", "Joneses", "'", "house"]
        );
    }

    #[test]
    fn compiled_weights_load_and_tag() {
        let m = model().expect("weights.bin holds a model; run `make train-people`");
        let text = "Prime Minister Mohammed Shia al-Sudani met Joe Biden in Washington .";
        let toks = make_tokens(text, &tokenize(text));
        let tags = m.tag(&toks);
        let per: Vec<&str> = toks
            .iter()
            .zip(&tags)
            .filter(|(_, t)| **t == B_PER || **t == I_PER)
            .map(|(x, _)| &text[x.start..x.end])
            .collect();
        assert_eq!(per, vec!["Mohammed", "Shia", "al-Sudani", "Joe", "Biden"]);
    }

    #[test]
    fn document_marks_agree_by_hash_and_by_text() {
        let doc = |texts: &[&str]| -> Vec<Vec<Tok>> {
            texts.iter().map(|t| make_tokens(t, &tokenize(t))).collect()
        };
        let texts = [
            "Will Smith said he will go.",
            "Rival firms rival. May 5",
            "WILL it? may be.",
        ];
        let (mut a, mut b) = (doc(&texts), doc(&texts));
        mark(&mut a, false);
        mark(&mut b, true);
        let flags = |d: &[Vec<Tok>]| d.iter().flatten().map(|t| t.flags).collect::<Vec<_>>();
        assert_eq!(flags(&a), flags(&b));
        assert!(a[0][0].common_word(), "Will / will");
        assert!(a[1][0].common_word(), "Rival / rival");
        assert!(!a[0][1].common_word(), "Smith");
    }

    #[test]
    fn word_scores_sum_to_the_features() {
        // Per-word sums plus the place features give the emission scores
        // of the plain feature list exactly (integer weights: the order of
        // the additions does not matter), and so do the pair features
        // plus the word's sum for the common place.
        let m = model().expect("weights.bin holds a model");
        let Table::Packed(w) = &m.w else {
            panic!("the compiled model is packed")
        };
        // A title-case sentence (no long lower-case word) and an ordinary one.
        for text in [
            "Prime Minister Mohammed Shia al-Sudani met Joe Biden in Washington .",
            "Prime Minister Mohammed Shia al-Sudani visited Joe Biden in Washington .",
        ] {
            word_scores_sum_in(w, text);
        }
    }

    fn word_scores_sum_in(w: &Packed, text: &str) {
        let sent = make_tokens(text, &tokenize(text));
        let caps = caps_sentence(&sent);
        let mut common_places = 0;
        let bias = [[0f32; N_LABELS]; N_LABELS + 1];
        for i in 0..sent.len() {
            let mut feats = [0u32; MAX_FEATS];
            let k = features(&sent, caps, i, &mut feats);
            let plain = sum_rows(w, &feats[..k]);
            let mut split = sum_rows(w, &place_features(&sent, caps, i));
            let sc = |j: usize| scores_of(w, u64::MAX, &bias, &sent[j].word).into_owned();
            let add = |e: &mut [f32; N_LABELS], p: [f32; N_LABELS]| {
                for l in 0..N_LABELS {
                    e[l] += p[l];
                }
            };
            add(&mut split, sc(i).own);
            if i >= 1 {
                add(&mut split, sc(i - 1).m1);
            }
            if i >= 2 {
                add(&mut split, sc(i - 2).m2);
            }
            if i + 1 < sent.len() {
                add(&mut split, sc(i + 1).p1);
            }
            if i + 2 < sent.len() {
                add(&mut split, sc(i + 2).p2);
            }
            if (2..sent.len() - 2).contains(&i) {
                assert_eq!(plain, split, "token {i}");
                if caps == 0 && !sent[i].common_word() {
                    let mut common = sum_rows(w, &pair_features(&sent, i));
                    for part in [
                        sc(i).plain,
                        sc(i).own,
                        sc(i - 1).m1,
                        sc(i - 2).m2,
                        sc(i + 1).p1,
                        sc(i + 2).p2,
                    ] {
                        add(&mut common, part);
                    }
                    assert_eq!(plain, common, "token {i}, common place");
                    common_places += 1;
                }
            }
        }
        assert_eq!(common_places > 0, caps == 0, "{text}");
    }

    #[test]
    fn transitions_follow_bio() {
        assert!(allowed(B_PER, I_PER));
        assert!(allowed(I_PER, I_PER));
        assert!(!allowed(O, I_PER));
        assert!(!allowed(label_of("ORG", true), I_PER));
        assert!(allowed(O, B_PER));
    }
}
