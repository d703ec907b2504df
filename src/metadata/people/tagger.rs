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

use super::lists;
use std::sync::LazyLock;
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

/// The tag index for an entity type and position (`"PER"`, begin).
pub fn label_of(kind: &str, begin: bool) -> u8 {
    let base = match kind {
        "PER" => 1,
        "ORG" => 3,
        "LOC" => 5,
        "MISC" => 7,
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

/// One token: byte offsets into its sentence text and precomputed feature parts.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte offset of the first byte, in the text given to [`tokenize`].
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Lower-cased, quotes folded to ASCII, digits folded to `0`.
    pub norm: String,
    h_word: u64,
    h_shape: u64,
    h_pre: [u64; 3],
    h_suf: [u64; 4],
    /// Gazetteer and casing flags (see the `F_` constants).
    flags: u16,
    surname_bin: u8,
}

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

impl Tok {
    /// Whether the token starts with an upper-case letter.
    pub fn is_cap(&self) -> bool {
        self.flags & F_CAP != 0
    }

    /// Whether the document also uses this word in lower case ("Will" / "will").
    pub fn common_word(&self) -> bool {
        self.flags & F_LC_ELSEWHERE != 0
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
        self.flags & F_GIVEN != 0 || (1..=3).contains(&self.surname_bin)
    }

    /// Whether the word is a listed given name or surname.
    pub fn listed_name(&self) -> bool {
        self.flags & F_GIVEN != 0 || self.surname_bin > 0
    }
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
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let sep = c.is_whitespace() || matches!(c, '—' | '–' | '_');
        if sep {
            if let Some(s) = start.take() {
                piece(text, s, i, &mut out);
            }
            if !c.is_whitespace() {
                out.push((i, i + c.len_utf8()));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        piece(text, s, text.len(), &mut out);
    }
    out
}

fn piece(text: &str, mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
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

/// Builds the tokens of one sentence (byte ranges from [`tokenize`]).
pub fn make_tokens(text: &str, ranges: &[(usize, usize)]) -> Vec<Tok> {
    ranges
        .iter()
        .map(|&(s, e)| {
            let word = &text[s..e];
            let n = norm(word);
            // Character boundaries of the normalised word, for affixes.
            let bounds: Vec<usize> = n.char_indices().map(|(b, _)| b).collect();
            let nc = bounds.len();
            let pre = |k: usize| -> u64 { if nc > k { h(&n[..bounds[k]]) } else { 0 } };
            let suf = |k: usize| -> u64 { if nc > k { h(&n[bounds[nc - k]..]) } else { 0 } };
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
            if lists::GIVEN.contains(bare) {
                flags |= F_GIVEN;
            }
            if lists::TITLE_WORDS.contains(n.as_str()) || lists::TITLE_SET.contains(n.as_str()) {
                flags |= F_TITLE;
            }
            if lists::ORG_WORDS.contains(bare) {
                flags |= F_ORG;
            }
            if lists::PARTICLES.contains(&bare)
                || ["al-", "el-", "bin-", "abu-", "ibn-"]
                    .iter()
                    .any(|p| bare.starts_with(p))
            {
                flags |= F_PARTICLE;
            }
            if lists::SPEECH_SET.contains(n.as_str()) {
                flags |= F_SPEECH;
            }
            if lists::SENTENCE_SET.contains(n.as_str()) {
                flags |= F_SENTWORD;
            }
            if word.chars().any(|c| c.is_ascii_digit()) {
                flags |= F_HAS_DIGIT;
            }
            let key = bare
                .strip_prefix("al-")
                .or_else(|| bare.strip_prefix("el-"))
                .unwrap_or(bare);
            let surname_bin = match lists::SURNAME_RANK.get(key) {
                Some(r) if *r <= 100 => 1,
                Some(r) if *r <= 1000 => 2,
                Some(r) if *r <= 10000 => 3,
                Some(_) => 4,
                None => 0,
            };
            Tok {
                start: s,
                end: e,
                h_word: h(&n),
                h_shape: shape_hash(word),
                h_pre: [pre(1), pre(2), pre(3)],
                h_suf: [suf(1), suf(2), suf(3), suf(4)],
                norm: n,
                flags,
                surname_bin,
            }
        })
        .collect()
}

/// Marks capitalised tokens whose lower-case form the document also uses in
/// lower case ("Will" when "will" occurs): a sign of a common word.
pub fn mark_document(sentences: &mut [Vec<Tok>]) {
    let mut lower: lists::FastSet<&str> = lists::FastSet::default();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for s in sentences.iter() {
        for t in s.iter() {
            if t.flags & F_CAP == 0 && t.norm.chars().next().is_some_and(char::is_alphabetic) {
                lower.insert(t.norm.as_str());
            }
        }
    }
    for (si, s) in sentences.iter().enumerate() {
        for (ti, t) in s.iter().enumerate() {
            if t.flags & F_CAP != 0 && lower.contains(t.norm.as_str()) {
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

/// The feature buckets of token `i` that do not depend on the previous tag.
fn features(sent: &[Tok], caps_sentence: u64, i: usize, out: &mut Vec<u32>) {
    out.clear();
    let t = &sent[i];
    let w = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 {
            PAD_L
        } else if j as usize >= sent.len() {
            PAD_R
        } else {
            sent[j as usize].h_word
        }
    };
    let sh = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 {
            PAD_L
        } else if j as usize >= sent.len() {
            PAD_R
        } else {
            sent[j as usize].h_shape
        }
    };
    let fl = |k: isize| -> u16 {
        let j = i as isize + k;
        if j < 0 || j as usize >= sent.len() {
            0
        } else {
            sent[j as usize].flags
        }
    };
    let sb = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 || j as usize >= sent.len() {
            9
        } else {
            sent[j as usize].surname_bin as u64
        }
    };
    let caps = caps_sentence;
    out.push(mix(0, 0, 0));
    out.push(mix(1, t.h_word, 0));
    out.push(mix(2, w(-1), 0));
    out.push(mix(3, w(1), 0));
    out.push(mix(4, w(-2), 0));
    out.push(mix(5, w(2), 0));
    out.push(mix(6, t.h_shape, caps));
    out.push(mix(7, sh(-1), 0));
    out.push(mix(8, sh(1), 0));
    for (k, p) in t.h_pre.iter().enumerate() {
        if *p != 0 {
            out.push(mix(9 + k as u64, *p, 0));
        }
    }
    for (k, s) in t.h_suf.iter().enumerate() {
        if *s != 0 {
            out.push(mix(12 + k as u64, *s, 0));
        }
    }
    out.push(mix(16, w(-1), t.h_word));
    out.push(mix(17, t.h_word, w(1)));
    out.push(mix(18, sh(-1) ^ sh(1).rotate_left(17), t.h_shape));
    // Gazetteers and cue words, for this token and its neighbours.
    let gz = |f: u16| -> u64 {
        (f & (F_GIVEN | F_TITLE | F_ORG | F_PARTICLE | F_SPEECH | F_SENTWORD | F_CAP)) as u64
    };
    out.push(mix(23, gz(t.flags), sb(0)));
    out.push(mix(24, gz(fl(-1)), sb(-1)));
    out.push(mix(25, gz(fl(1)), sb(1)));
    out.push(mix(26, gz(fl(-2)), 0));
    out.push(mix(27, gz(fl(2)), 0));
    out.push(mix(
        28,
        gz(t.flags) | (gz(fl(1)) << 16),
        sb(0) | (sb(1) << 8),
    ));
    out.push(mix(
        29,
        gz(fl(-1)) | (gz(t.flags) << 16),
        sb(-1) | (sb(0) << 8),
    ));
    out.push(mix(
        31,
        (i == 0) as u64 | (caps << 1),
        gz(t.flags) | (sb(0) << 16),
    ));
    out.push(mix(32, (t.flags & F_LC_ELSEWHERE) as u64, t.h_shape));
    out.push(mix(
        33,
        (t.flags & (F_LC_ELSEWHERE | F_ALLCAPS | F_HAS_DIGIT)) as u64,
        (i == 0) as u64,
    ));
    out.push(mix(34, (i == 0) as u64, t.h_word));
    out.push(mix(35, caps, t.h_word));
}

/// The features of token `i` that depend on the previous tag `p`.
fn trans_features(sent: &[Tok], i: usize, p: u8) -> [u32; 4] {
    let t = &sent[i];
    let p = p as u64;
    let gz =
        (t.flags & (F_GIVEN | F_TITLE | F_ORG | F_PARTICLE | F_SPEECH | F_SENTWORD | F_CAP)) as u64;
    [
        mix(19, p, 0),
        mix(21, p, t.h_word),
        mix(22, p, t.h_shape),
        mix(30, p, gz | ((t.surname_bin as u64) << 16)),
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
        let mut feats = Vec::with_capacity(MAX_FEATS);
        features(sent, caps, i, &mut feats);
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

/// The lattice's scores alone, for tagging: one feature buffer reused, the
/// previous-tag-only transition feature looked up once per sentence. The
/// sums are made in the same order as [`lattice`]'s, so the scores are equal.
fn scores(w: &[f32], sent: &[Tok]) -> Vec<[[f32; N_LABELS]; N_LABELS + 1]> {
    let caps = caps_sentence(sent);
    let mut feats = Vec::with_capacity(MAX_FEATS);
    let mut out = Vec::with_capacity(sent.len());
    // `trans_features(_, _, p)[0]` depends on `p` alone.
    let mut bias = [[0f32; N_LABELS]; N_LABELS + 1];
    for (p, row) in bias.iter_mut().enumerate() {
        *row = score(w, &[mix(19, p as u64, 0)]);
    }
    for i in 0..sent.len() {
        features(sent, caps, i, &mut feats);
        let e = score(w, &feats);
        let mut row = [[f32::NEG_INFINITY; N_LABELS]; N_LABELS + 1];
        let prevs: &[u8] = if i == 0 {
            &[START]
        } else {
            &[0, 1, 2, 3, 4, 5, 6, 7, 8]
        };
        for &p in prevs {
            let tf = trans_features(sent, i, p);
            let mut t = bias[p as usize];
            for &f in &tf[1..] {
                let r = &w[f as usize * N_LABELS..f as usize * N_LABELS + N_LABELS];
                for (a, b) in t.iter_mut().zip(r) {
                    *a += *b;
                }
            }
            for l in 0..N_LABELS {
                row[p as usize][l] = e[l] + t[l];
            }
        }
        out.push(row);
    }
    out
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

/// A trained model: weights laid out bucket-major, one row of tags per bucket.
pub struct Model {
    w: Vec<f32>,
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
        let w = b[20..]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]) as f32 * scale)
            .collect();
        Some(Model { w })
    }

    /// Tags one sentence: a tag index per token.
    pub fn tag(&self, sent: &[Tok]) -> Vec<u8> {
        viterbi(&scores(&self.w, sent))
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
        .filter(|t| {
            t.norm.chars().next().is_some_and(char::is_alphabetic) && t.flags & F_ALLCAPS == 0
        })
        .filter(|t| t.norm.chars().count() > 1)
        .count();
    if words >= 2 && lower == 0 {
        return 1;
    }
    let long_lower = sent.iter().any(|t| {
        t.flags & F_CAP == 0
            && t.norm.chars().next().is_some_and(char::is_alphabetic)
            && t.norm.chars().count() > 3
    });
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
            w: self
                .w
                .iter()
                .zip(&self.u)
                .map(|(w, u)| w - u / self.c)
                .collect(),
        }
    }

    /// The averaged weights, quantised to 16 bits, in the format
    /// [`Model::from_bytes`] reads.
    pub fn finish(&self) -> Vec<u8> {
        let avg = self.averaged().w;
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
    fn transitions_follow_bio() {
        assert!(allowed(B_PER, I_PER));
        assert!(allowed(I_PER, I_PER));
        assert!(!allowed(O, I_PER));
        assert!(!allowed(label_of("ORG", true), I_PER));
        assert!(allowed(O, B_PER));
    }
}
