//! People mentioned in an article, one canonical full name each.
//!
//! Pure text in (title, body, captions, bylined authors), names out. It reads
//! no file, downloads nothing and never fails: odd text gives fewer names.
//!
//! # Method
//!
//! 1. **Text.** The title, each body line and each caption are cut into
//!    sentences and CoNLL-style tokens ([`tagger::tokenize`]). Photo credits
//!    ("REUTERS/Thaier Al-Sudani/Pool") are cut from captions, and credit
//!    lines ("(Reporting by …; Editing by …)", "Photo: …", "Courtesy …")
//!    from the body. A
//!    byline at the top of the body ("By Jane Doe", or a line that is only a
//!    name, above the dateline) is set aside: its names count only if the
//!    story names them again.
//! 2. **Statistical tagger** ([`tagger`]). An averaged perceptron labels every
//!    token with a BIO tag over PER/ORG/LOC/MISC; Viterbi decoding over a
//!    first-order model under the BIO transition constraint. Features: the lower-cased word and its
//!    neighbours ±2, word pairs, character shape (`Xx`, `X.X.`, `x-Xx`),
//!    prefixes and suffixes, sentence position, whether the sentence is all
//!    capitals (headlines) or a title-case fragment (headings, list items),
//!    whether the document also uses the word in lower
//!    case, the previous tag (with the word, its shape and its list flags),
//!    and list membership for the word and its
//!    neighbours: given names and surnames (US Census 1990, public domain,
//!    binned by rank), titles and honorifics, organisation and place words,
//!    name particles, speech verbs. Features are hashed into 2^18 buckets.
//!    Trained on CoNLL-2003 English `train` by `make train-people`
//!    (`src/bin/train-people.rs`); only the quantised weights ship
//!    (`weights.bin`), never the training text.
//! 3. **Rules around the tagger.** Titles and honorifics at the front of a
//!    span are dropped ("Prime Minister", "Dr."), and so are punctuation,
//!    edge words the article also writes in lower case ("Rival"), non-name
//!    words glued before a given name and a role abbreviation inside a span
//!    ("Cleveland DL Larry Ogunjobi" → "Larry Ogunjobi"). A span needs a
//!    capitalised word of two letters or more and no digits, handles or
//!    pronouns; a span whose last word is an organisation or place word
//!    ("Kennedy Center", "Trump Tower"), a venue, company or product word
//!    ("Riverside Arena", "Acme Aerospace", "Pixel Ultra"), or
//!    that starts with a place word ("Fort Stanton"), or that is exactly a
//!    country, state, continent or planet is not a person. A first word the
//!    article also writes in lower case and that is not a given name is cut
//!    ("Broker Anna Kowalski"); with one word left the span is dropped
//!    ("Garden Depot"). **Document-level consistency:** a name is not a person
//!    when the article more often tags it as an organisation, place or
//!    work, or its first word ("Google" … "Google Stadia"); when it uses it
//!    as a thing somewhere, after a determiner as the head of the phrase
//!    ("the Crystal Falcon.", but not "the Trump administration") or before a
//!    capitalised organisation word ("Jane Ward Productions"), or alone in
//!    double quotes without a given name first (a work's title); or when it
//!    stands in a list between two items tagged organisations or works
//!    ("Acme, Puzzle Quest and Zenith"). A lone word needs a second mention or
//!    some evidence: a common given name or surname, a title before it, a
//!    speech verb after it. A run the tagger missed is still a person when a
//!    title stands before it ("Major General Patrick Ryder") and it looks
//!    like a name. Contributor lines ("… contributed to this report") are
//!    skipped.
//!    A lone surname the article also writes right after a listed given
//!    name ("Ostrander" … "Robert Ostrander") gains that fuller form.
//!    **Gazetteers** (general knowledge, never tagger features): a span is
//!    not a person when a listed company, brand, product, institution or
//!    work of two words or more stands where it starts ("Lockheed Martin",
//!    "Walter Reed", "Creed Odyssey" inside "Assassin's Creed Odyssey"),
//!    unless that entry starts with a given name and a title or speech verb
//!    marks a person ("said Ralph Lauren"); when it is one word that is a
//!    one-word entry ("Alexa", "Twitter", "Hubble") and no title stands
//!    before it; when its first word is a one-word entry that is not a given
//!    name and its last word is no listed surname ("Dolby Atmos"); or when
//!    it is exactly a listed city or club ("Melbourne", "Columbus", but
//!    "Chelsea Clinton") with no title before it and no speech verb beside it.
//! 4. **Canonicalisation within the article.** Mentions are grouped longest
//!    first: a shorter mention joins the one longer name it ends or begins
//!    with ("Sudani", "al-Sudani", "Shia al-Sudani" → "Mohammed Shia
//!    al-Sudani"; "Alicia" → "Alicia Machado"); a mention that fits two
//!    longer names ("Clinton" with Bill and Hillary Clinton) joins neither
//!    and is dropped, so the two stay two; a surname with no fuller form
//!    stays as given. All-capital names (headlines) are shown in title case.
//! 5. **Authors** (bylines) are removed from the result.

mod lists;
pub mod tagger;

use std::sync::LazyLock;
use tagger::{B_MISC, B_ORG, B_PER, I_PER, Tok};

/// Cuts a photo credit ("REUTERS/Thaier Al-Sudani/Pool/ File Photo",
/// "(Photo: Jane Doe)", "courtesy of Acme") and what follows from a caption.
pub fn strip_credit(caption: &str) -> &str {
    static CREDIT: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)(?-u:\b)(?:reuters|ap|afp|epa(?:-efe)?|getty images|pool|file photo|photo|image|picture|credit|aap|anp|xinhua|bloomberg)\s*(?:/|:|by(?-u:\b))|\(\s*(?:photo|image|picture|credit)|(?-u:\b)courtesy(?:\s+of)?\s+(?-i:\p{Lu})")
            .expect("static regex")
    });
    match CREDIT.find(caption) {
        Some(m) => &caption[..m.start()],
        None => caption,
    }
}

/// Reporting and editing credits in a body line (see [`strip_body_credit`]).
static BODY_CREDIT: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)[(\[]?\s*(?-u:\b)(?:(?:additional\s+|contributing\s+)?reporting\s+by|(?:writing|editing|edited|compiled|written|produced|graphics?|photos?|photographs?|photography|illustrations?|illustrated|tested|reviewed|translated|translation|words|interview|video)\s+by(?-u:\b)|photo(?:graph)?\s*(?:credit)?\s*:|(?:contributed|contributing)\s+(?:reporting|to\s+this\s+report)|reporter:|editor:)|^\s*\(?\s*courtesy(?:\s+of)?\s+(?-i:\p{Lu})|\(\s*courtesy(?-u:\b)")
    .expect("static regex")
});

/// Cuts reporting and editing credits ("(Reporting by A in Paris; Editing
/// by B)", "Additional reporting by C", "Photo: D", a line or bracket
/// starting "Courtesy (of) E") and what follows them from a body line.
fn strip_body_credit(line: &str) -> &str {
    // Every credit holds "by", a colon, "courtesy" or "contribut" in some
    // ASCII case (a line with other characters may fold them, so it goes
    // to the regex as it is): most lines need no regex pass.
    let b = line.as_bytes();
    let may_hold = !line.is_ascii()
        || memchr::memchr(b':', b).is_some()
        || has_ci(b, b"by")
        || has_ci(b, b"courtesy")
        || has_ci(b, b"contribut");
    match may_hold.then(|| BODY_CREDIT.find(line)).flatten() {
        Some(m) => &line[..m.start()],
        None => line,
    }
}

/// Whether `hay` holds `needle` (lower-case ASCII) in any ASCII case.
fn has_ci(hay: &[u8], needle: &[u8]) -> bool {
    crate::ascii::find_ci(hay, 0, needle).is_some()
}

/// Whether a trimmed body line may match [`CONTRIBUTORS`]: every match
/// holds "contributed" or ends in a reporter's job title, in some ASCII
/// case (a line with other characters may fold them, so it may match).
fn may_be_contributors(line: &str) -> bool {
    const JOBS: [&[u8]; 7] = [
        b"correspondent",
        b"reporter",
        b"editor",
        b"writer",
        b"columnist",
        b"contributor",
        b"producer",
    ];
    let b = line.as_bytes();
    !line.is_ascii()
        || has_ci(b, b"contributed")
        || JOBS
            .iter()
            .any(|j| b.len() >= j.len() && b[b.len() - j.len()..].eq_ignore_ascii_case(j))
}

static CONTRIBUTORS: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^\p{Lu}[\w'.-]+(?: \p{Lu}[\w'.-]+){1,3}, [^.]{0,50}(?-u:\b)(?i:correspondent|reporter|editor|writer|columnist|contributor|producer)\s*$|(?i)(?-u:\b)contributed(?-u:\b).{0,30}(?-u:\b)report(?:ing)?(?-u:\b)|(?-u:\b)(?:writers?|reporters?|correspondents?)(?-u:\b).{0,120}(?-u:\b)contributed(?-u:\b)")
        .expect("static regex")
});

/// One sentence to tag: its text and tokens.
struct Sentence<'a> {
    text: &'a str,
    ranges: Vec<(usize, usize)>,
    /// Part of a byline: names here count only if named elsewhere too.
    byline: bool,
}

/// Splits a line into sentences at `.`, `!`, `?` tokens.
fn sentences<'a>(text: &'a str, byline: bool, out: &mut Vec<Sentence<'a>>) {
    let ranges = tagger::tokenize(text);
    // Room for a typical sentence's tokens: one allocation, not four.
    const TYPICAL: usize = 40;
    let mut cur: Vec<(usize, usize)> = Vec::with_capacity(TYPICAL);
    for r in ranges {
        let w = &text[r.0..r.1];
        cur.push(r);
        if matches!(w, "." | "!" | "?" | "…") || cur.len() >= 120 {
            out.push(Sentence {
                text,
                ranges: std::mem::replace(&mut cur, Vec::with_capacity(TYPICAL)),
                byline,
            });
        }
    }
    if !cur.is_empty() {
        out.push(Sentence {
            text,
            ranges: cur,
            byline,
        });
    }
}

/// Whether a body line is a byline: "By Jane Doe", or two to four
/// capitalised words and nothing else (a name line under the headline).
fn is_byline(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 80 {
        return false;
    }
    if let Some(rest) = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY ")) {
        return rest.chars().next().is_some_and(char::is_uppercase);
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let l = w.to_lowercase();
            (w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’')))
                || lists::PARTICLES.contains(&l.as_str())
        })
        && !words
            .iter()
            .any(|w| lists::ORG_WORDS.contains(w.to_lowercase().trim_end_matches('.')))
}

/// A person mention found in the text.
#[derive(Debug, Clone)]
struct Mention {
    words: Vec<String>,
    byline: bool,
    /// Evidence beyond the tagger for a one-word mention: a listed given
    /// name or surname, a title before it or a speech verb after it.
    evidence: bool,
    /// Listed among things: its neighbours in a comma list are tagged
    /// organisations or works and none is a person.
    among_things: bool,
}

fn lower(word: &str) -> String {
    if word.is_ascii() {
        // The same, without the Unicode tables and the second copy.
        return word.to_ascii_lowercase();
    }
    word.to_lowercase().replace('’', "'")
}

/// The comparison key of a name word: lower case, particle prefix ("al-")
/// dropped.
fn word_key(word: &str) -> String {
    let l = lower(word);
    for p in [
        "al-", "el-", "bin-", "abu-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-",
    ] {
        if let Some(rest) = l.strip_prefix(p)
            && !rest.is_empty()
        {
            return rest.to_string();
        }
    }
    l
}

/// A name's words as keys, with free-standing particles ("al", "bin", "de") left out.
fn name_keys(words: &[String]) -> Vec<String> {
    let keys: Vec<String> = words
        .iter()
        .filter(|w| !lists::PARTICLES.contains(&lower(w).as_str()))
        .map(|w| word_key(w))
        .collect();
    if keys.is_empty() {
        words.iter().map(|w| word_key(w)).collect()
    } else {
        keys
    }
}

/// A name's surname key: last word, lower case, particle prefix dropped.
fn surname_key(name: &str) -> String {
    name.split_whitespace()
        .last()
        .map(word_key)
        .unwrap_or_default()
}

fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// "O'BRIEN" → "O'Brien", "AL-SUDANI" → "Al-Sudani".
fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut up = true;
    for c in word.chars() {
        if up {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        up = matches!(c, '-' | '\'' | '’' | '.');
    }
    out
}

/// Cleans a tagged or rule-found span: titles off the front, a possessive or
/// particle off the end; `None` when what is left is not a name.
fn clean_span(words: &[&str]) -> Option<Vec<String>> {
    let mut w: Vec<&str> = words.to_vec();
    // Punctuation at the edges ("_ Oh Kyeong Taek").
    while w
        .first()
        .is_some_and(|x| !x.chars().any(char::is_alphabetic))
    {
        w.remove(0);
    }
    while w
        .last()
        .is_some_and(|x| !x.chars().any(char::is_alphabetic))
    {
        w.pop();
    }
    if w.is_empty() {
        return None;
    }
    // A role abbreviation inside the span ("Cleveland DL Larry Ogunjobi"):
    // the name follows it.
    if let Some(k) = (1..w.len().saturating_sub(1)).rev().find(|&k| {
        let n = w[k].chars().count();
        (2..=3).contains(&n) && w[k].chars().all(|c| c.is_ascii_uppercase())
    }) {
        w.drain(..=k);
    }
    // Titles and honorifics at the front (longest phrase first).
    loop {
        let mut matched = 0;
        for n in (1..=3.min(w.len().saturating_sub(1))).rev() {
            let phrase = w[..n]
                .iter()
                .map(|x| lower(x))
                .collect::<Vec<_>>()
                .join(" ");
            if lists::TITLE_SET.contains(phrase.as_str()) {
                matched = n;
                break;
            }
        }
        if matched == 0 {
            let l0 = lower(w[0]);
            if w.len() > 1 && lists::SENTENCE_SET.contains(l0.as_str()) {
                matched = 1;
            }
        }
        if matched == 0 {
            break;
        }
        w.drain(..matched);
    }
    while let Some(last) = w.last() {
        let l = lower(last);
        if matches!(l.as_str(), "'s" | "'" | "-" | ",") || lists::PARTICLES.contains(&l.as_str()) {
            w.pop();
        } else {
            break;
        }
    }
    if w.is_empty() || w.len() > 6 {
        return None;
    }
    let lw: Vec<String> = w.iter().map(|x| lower(x)).collect();
    // An initial alone ("X.", "J.") is never a name; a name needs a capitalised word.
    if !w
        .iter()
        .any(|x| is_cap(x) && x.chars().filter(|c| c.is_alphabetic()).count() >= 2)
    {
        return None;
    }
    if w.iter().any(|x| {
        x.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '@' | '#' | '/' | '(' | ')' | '&'))
    }) {
        return None;
    }
    if lists::PLACE_SET.contains(lw.join(" ").as_str()) {
        return None;
    }
    let last = lw.last().map(|s| s.trim_end_matches('.')).unwrap_or("");
    if lists::ORG_WORDS.contains(last) && w.len() > 1 {
        return None;
    }
    // Venues, products and companies ("Riverside Arena", "Pixel
    // Ultra"), places ("Fort Stanton"), planets and moons ("Moon Ganymede").
    if w.len() > 1
        && (lists::THING_LAST_SET.contains(last)
            || lists::PLACE_FIRST_WORDS.contains(&lw[0].as_str())
            || (lists::CELESTIAL_SET.contains(last)
                && (lw[0] == "moon" || !lists::GIVEN.contains(lw[0].as_str()))))
    {
        return None;
    }
    if w.len() == 1 && lists::CELESTIAL_SET.contains(last) {
        return None;
    }
    if w.len() == 1
        && (lists::SENTENCE_SET.contains(lw[0].as_str())
            || lists::TITLE_SET.contains(lw[0].as_str())
            || PRONOUNS.contains(&lw[0].as_str()))
    {
        return None;
    }
    let shout = w
        .iter()
        .all(|x| all_caps(x) || !x.chars().any(char::is_alphabetic));
    Some(
        w.iter()
            .map(|x| {
                if shout || (all_caps(x) && x.chars().count() > 3) {
                    title_case(x)
                } else {
                    x.to_string()
                }
            })
            .collect(),
    )
}

const PRONOUNS: &[&str] = &[
    "i", "he", "she", "we", "they", "you", "him", "her", "them", "us", "me", "it", "his", "hers",
    "their", "theirs", "our", "ours", "god",
];

/// Rule: a capitalised run right after a title ("Major General Patrick
/// Ryder", "Prime Minister Mohammed Shia al-Sudani") that the tagger did not
/// mark as a person, when it looks like a name (a given name first, or a
/// name particle inside).
fn titled_runs(sent: &Sentence, toks: &[Tok], tags: &[u8], out: &mut Vec<Mention>) {
    let words: Vec<&str> = sent.ranges.iter().map(|&(s, e)| &sent.text[s..e]).collect();
    let mut i = 0;
    while i < words.len() {
        let titled = toks[i].in_title_set();
        i += 1;
        if !titled || i >= words.len() || !is_cap(words[i]) {
            continue;
        }
        let start = i;
        let mut end = i;
        while end < words.len()
            && (is_cap(words[end])
                || (end > start
                    && lists::PARTICLES.contains(&toks[end].norm())
                    && end + 1 < words.len()
                    && is_cap(words[end + 1])))
            && tags[end] != B_PER
            && tags[end] != I_PER
        {
            end += 1;
        }
        if end - start >= 2 && tags[start..end].iter().all(|&t| t == tagger::O) {
            let span = &words[start..end];
            let given = lists::GIVEN.contains(lower(span[0]).as_str());
            let particle = span[1..].iter().any(|w| {
                let l = lower(w);
                lists::PARTICLES.contains(&l.as_str()) || l.starts_with("al-")
            });
            if (given || particle)
                && let Some(w) = clean_span(span)
            {
                out.push(Mention {
                    words: w,
                    byline: sent.byline,
                    evidence: true,
                    among_things: false,
                });
            }
        }
        i = end.max(start);
    }
}

/// The name gazetteers ([`lists::BRANDS`], [`lists::WORKS`],
/// [`lists::LONE_PLACES`]) as the tagger's normalised token forms, so that
/// "Assassin's Creed" and "Lowe's" are compared token by token.
struct Gazetteer {
    /// Brand and work entries of two tokens or more, by their first token.
    phrases: lists::FastMap<String, Vec<Vec<String>>>,
    /// One-token brand and work entries ("Alexa", "Dolby", "Twitter").
    single: lists::FastSet<String>,
    /// Places and clubs, tokens joined by a space ("melbourne", "new york").
    places: lists::FastSet<String>,
}

fn entry_keys(entry: &str) -> Vec<String> {
    tagger::make_tokens(entry, &tagger::tokenize(entry))
        .into_iter()
        .map(|t| t.norm().to_string())
        .collect()
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Gazetteer {
        phrases: lists::FastMap::default(),
        single: lists::FastSet::default(),
        places: lists::FastSet::default(),
    };
    for e in lists::BRANDS.iter().chain(lists::WORKS) {
        let mut k = entry_keys(e);
        if k.len() == 1 {
            g.single.extend(k.pop());
        } else if !k.is_empty() {
            g.phrases.entry(k[0].clone()).or_default().push(k);
        }
    }
    for e in lists::LONE_PLACES {
        g.places.insert(entry_keys(e).join(" "));
    }
    g
});

/// Where gazetteer entries of two tokens or more stand in a sentence, first
/// token capitalised: (start, end) token spans.
fn thing_matches(t: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, tok) in t.iter().enumerate() {
        if !tok.is_cap() {
            continue;
        }
        for p in GAZETTEER.phrases.get(tok.norm()).into_iter().flatten() {
            let end = i + p.len();
            if end <= t.len() && t[i..end].iter().zip(p).all(|(x, k)| x.norm() == *k) {
                out.push((i, end));
            }
        }
    }
    out
}

/// Rule: whether the tagged span `a..b` (cleaned to `name`) names a
/// company, brand, work or place from the gazetteers rather than a person:
/// - it overlaps an entry written there and does not start before it
///   ("Lockheed Martin", "Creed Odyssey" in "Assassin's Creed Odyssey";
///   "Rob Lowe's" starts before "Lowe's" and stays), unless the entry starts
///   with a given name and a title or speech verb marks a person ("said
///   Ralph Lauren");
/// - it is one word that is a one-word entry ("Alexa", "Twitter"), unless a
///   title stands before it;
/// - its first word is a one-word entry that is not a given name and its
///   last word is not a listed surname ("Dolby Atmos", "Amazon Alexa";
///   "Armani Sheffield" stays);
/// - it is exactly a listed city or club ("Melbourne"; "Chelsea Clinton"
///   stays), unless a title stands before it or a speech verb beside it.
fn named_thing(t: &[Tok], a: usize, b: usize, name: &[String], matches: &[(usize, usize)]) -> bool {
    let lw: Vec<String> = name.iter().map(|w| lower(w)).collect();
    let titled = t[a.saturating_sub(1)..b]
        .iter()
        .any(|x| x.is_title() && !lw.iter().any(|w| w == x.norm()));
    let speech = (b < t.len() && t[b].is_speech()) || (a > 0 && t[a - 1].is_speech());
    let g = &*GAZETTEER;
    if matches.iter().any(|&(s, e)| {
        s <= a && a < e && !(lists::GIVEN.contains(t[s].norm()) && (titled || speech))
    }) {
        return true;
    }
    if lw.len() == 1 && g.single.contains(&lw[0]) && !titled {
        return true;
    }
    if lw.len() > 1
        && g.single.contains(&lw[0])
        && !lists::GIVEN.contains(lw[0].as_str())
        && !lw
            .last()
            .is_some_and(|l| lists::SURNAME_RANK.contains_key(l.as_str()))
    {
        return true;
    }
    g.places.contains(&lw.join(" ")) && !titled && !speech
}

/// Builds the tagger's model and the word lists now (~50 ms of one core),
/// rather than inside the first article, where every worker would wait for
/// them. For a caller about to tag many articles, on a thread of its own
/// while it does other work (the indexer walks the corpus meanwhile);
/// calling it again costs nothing.
pub fn warm_up() {
    tagger::model();
    LazyLock::force(&GAZETTEER);
}

/// People mentioned in a title, body and captions, minus the given authors.
pub fn extract(title: &str, body: &str, captions: &[String], authors: &[String]) -> Vec<String> {
    let mut sents: Vec<Sentence> = Vec::new();
    sentences(title, false, &mut sents);
    let mut seen = 0;
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // Contributor lines ("Associated Press writers A and B contributed
        // to this report") name reporters, not people in the story.
        if may_be_contributors(line) && CONTRIBUTORS.is_match(line) {
            continue;
        }
        // A byline sits in the first two lines, above the story.
        let byline = seen < 2 && is_byline(line);
        seen += 1;
        sentences(strip_body_credit(line), byline, &mut sents);
    }
    for c in captions {
        sentences(strip_credit(c), false, &mut sents);
    }

    let mut toks: Vec<Vec<Tok>> = sents
        .iter()
        .map(|s| tagger::make_tokens(s.text, &s.ranges))
        .collect();
    tagger::mark_document(&mut toks);

    let mut mentions: Vec<Mention> = Vec::new();
    let mut votes: lists::FastMap<String, (u32, u32)> = lists::FastMap::default();
    let model = tagger::model();
    for (s, t) in sents.iter().zip(&toks) {
        let tags = match model {
            Some(m) if tagger::may_hold_name(t) => m.tag(t),
            _ => vec![tagger::O; t.len()],
        };
        let among = among_things(t, &tagger::entity_spans(&tags));
        let mut matches: Option<Vec<(usize, usize)>> = None;
        for (i, j) in tagger::per_spans(&tags) {
            // Edge words the document also uses in lower case ("Rival",
            // "Published") are sentence words glued to a name, unless listed names.
            let (mut a, mut b) = (i, j);
            while a < b && t[a].common_word() && !t[a].listed_name() {
                a += 1;
            }
            while b > a && t[b - 1].common_word() && !t[b - 1].listed_name() {
                b -= 1;
            }
            // A lone word the document also uses in lower case is a common word.
            if b - a == 1 && t[a].common_word() {
                a = b;
            }
            // Words glued before a given name that are not names
            // themselves ("Browns DL Sheldon Richardson") are left out.
            if let Some(k) =
                (a + 1..b.saturating_sub(1)).find(|&k| t[k].is_given() && t[k].is_cap())
                && t[a..k]
                    .iter()
                    .all(|x| !x.listed_name() && (x.common_word() || x.is_title() || x.is_org()))
            {
                a = k;
            }
            // A first word the article also writes in lower case and that
            // is not a given name is a common word, even when it is a
            // surname too ("Garden Depot", "Broker Anna Kowalski"), unless a
            // speech verb or title stands before it ("said Will Smith");
            // with one word left the span was a thing's name, not a person's.
            let person_before = a > 0 && (t[a - 1].is_speech() || t[a - 1].is_title());
            if b - a >= 2 && t[a].common_word() && !t[a].is_given() && !person_before {
                if b - a == 2 {
                    continue;
                }
                a += 1;
            }
            let words: Vec<&str> = s.ranges[a..b].iter().map(|&(x, y)| &s.text[x..y]).collect();
            if words.is_empty() {
                continue;
            }
            if let Some(w) = clean_span(&words) {
                if named_thing(t, a, b, &w, matches.get_or_insert_with(|| thing_matches(t))) {
                    continue;
                }
                // A listed name counts only inside a sentence: at the start,
                // "Oh", "Born" and "Given" are words.
                let opener = a == 0 || !t[a - 1].norm().chars().any(char::is_alphanumeric);
                let evidence = b - a > 1
                    || (t[a].common_name() && !opener)
                    || (a > 0 && t[a - 1].is_title())
                    || (b < t.len() && t[b].is_speech());
                mentions.push(Mention {
                    words: w,
                    byline: s.byline,
                    evidence,
                    among_things: among.contains(&(i, j)),
                });
            }
        }
        titled_runs(s, t, &tags, &mut mentions);
        // How often each entity string is tagged as a person or as something else.
        for (i, j, b) in tagger::entity_spans(&tags) {
            let key = t[i..j]
                .iter()
                .map(|x| x.norm())
                .collect::<Vec<_>>()
                .join(" ");
            let e = votes.entry(key).or_insert((0, 0));
            if b == B_PER {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    // A name the article more often uses as an organisation, place or work
    // ("Google" … "Google Stadia") is not a person, nor is one it uses in
    // the syntax of a thing (see [`thing_syntax`]).
    let other = |key: &str| votes.get(key).is_some_and(|v| v.1 > v.0);
    let index = DocIndex::new(&toks);
    let listed_things: Vec<Vec<String>> = mentions
        .iter()
        .filter(|m| m.among_things)
        .map(|m| m.words.iter().map(|w| lower(w)).collect())
        .collect();
    let mut thing: lists::FastMap<Vec<String>, bool> = lists::FastMap::default();
    mentions.retain(|m| {
        let words: Vec<String> = m.words.iter().map(|w| lower(w)).collect();
        let as_other = other(&words.join(" ")) || (words.len() > 1 && other(&words[0]));
        if as_other || listed_things.contains(&words) {
            return false;
        }
        !*thing
            .entry(words)
            .or_insert_with_key(|w| thing_syntax(&index, w))
    });
    // A lone surname that the article also writes after a given name
    // ("Parise" … "Hours before Zach Parise's goal") gains that full form.
    let mut fuller: Vec<Mention> = Vec::new();
    for m in mentions.iter().filter(|m| m.words.len() == 1 && !m.byline) {
        let key = [lower(&m.words[0])];
        for (si, i, _) in index.find(&key) {
            let (s, sent) = (&toks[si], &sents[si]);
            if i > 0
                && s[i - 1].is_cap()
                && s[i - 1].is_given()
                && !s[i - 1].common_word()
                && !(i > 1 && s[i - 2].is_cap())
            {
                let (a, _) = sent.ranges[i - 1];
                let (_, b) = sent.ranges[i];
                let words: Vec<String> = sent.text[a..b]
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                if words.len() == 2 && words[1] == m.words[0] {
                    fuller.push(Mention {
                        words,
                        byline: false,
                        evidence: true,
                        among_things: false,
                    });
                }
            }
        }
    }
    mentions.extend(fuller);
    canonical(mentions, authors)
}

/// The person spans of a sentence that stand inside a list ("A, B and C")
/// between two items tagged organisations or works (one alone may be an
/// apposition: "Jane Doe, Acme's chief"): "Acme, Bob Smith and Zenith",
/// "Puzzle Quest, Star Runner 2, Tiny Tanks".
fn among_things(t: &[Tok], spans: &[(usize, usize, u8)]) -> Vec<(usize, usize)> {
    let separated = |from: usize, to: usize| {
        (1..=2).contains(&(to - from))
            && t[from..to]
                .iter()
                .all(|x| matches!(x.norm(), "," | "and" | "or" | "&" | "/"))
            && t[from].norm() != "/"
    };
    let mut out = Vec::new();
    for (k, &(i, j, label)) in spans.iter().enumerate() {
        if label != B_PER {
            continue;
        }
        let mut neighbours = Vec::new();
        if k > 0 && spans[k - 1].1 <= i && separated(spans[k - 1].1, i) {
            neighbours.push(spans[k - 1].2);
        }
        if let Some(&(n, _, l)) = spans.get(k + 1)
            && j <= n
            && separated(j, n)
        {
            neighbours.push(l);
        }
        if neighbours.len() == 2 && neighbours.iter().all(|&l| l == B_ORG || l == B_MISC) {
            out.push((i, j));
        }
    }
    out
}

/// Where each word occurs in the article: (sentence, token) by normalised
/// form, capitalised tokens only.
struct DocIndex<'a> {
    toks: &'a [Vec<Tok>],
    at: lists::FastMap<&'a str, Vec<(usize, usize)>>,
}

impl<'a> DocIndex<'a> {
    fn new(toks: &'a [Vec<Tok>]) -> DocIndex<'a> {
        let mut at: lists::FastMap<&str, Vec<(usize, usize)>> = lists::FastMap::default();
        for (si, s) in toks.iter().enumerate() {
            for (ti, t) in s.iter().enumerate() {
                if t.is_cap() {
                    at.entry(t.norm()).or_default().push((si, ti));
                }
            }
        }
        DocIndex { toks, at }
    }

    /// Every place the words (lower case) occur in a row: the sentence index
    /// and the span's start and end.
    fn find<'b>(&'b self, words: &'b [String]) -> impl Iterator<Item = (usize, usize, usize)> + 'b {
        let first = words.first().map(String::as_str).unwrap_or("");
        self.at
            .get(first)
            .into_iter()
            .flatten()
            .filter_map(move |&(si, ti)| {
                let s = &self.toks[si][..];
                let end = ti + words.len();
                (end <= s.len() && s[ti..end].iter().zip(words).all(|(t, w)| t.norm() == *w))
                    .then_some((si, ti, end))
            })
    }
}

/// Determiners that make the capitalised words after them a thing's name
/// when nothing in lower case follows ("the Crystal Falcon", "its Quantum
/// Engine"); "the Trump administration" stays a modifier.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "its", "their", "our", "your", "my",
];

/// Whether the article uses these words (lower case) somewhere as a thing:
/// after a determiner as the head of the phrase ("the Crystal Falcon.", "a
/// Pixel Phone,"), or, for two words or more, right before a
/// capitalised organisation or product word ("Jane Ward Productions",
/// "Blue Hill Records"), or alone in double quotes when its first word is
/// not a given name (a work's title: "“Green Meadow,” the film").
fn thing_syntax(index: &DocIndex, words: &[String]) -> bool {
    let lower_word =
        |t: &Tok| t.norm().chars().next().is_some_and(char::is_alphabetic) && !t.is_cap();
    index.find(words).any(|(si, i, j)| {
        let s = &index.toks[si][..];
        let det = i > 0 && !s[i - 1].is_cap() && DETERMINERS.contains(&s[i - 1].norm());
        let after = if s.get(j).is_some_and(|t| t.norm() == "'s") {
            j + 1
        } else {
            j
        };
        let head = s.get(after).is_none_or(|t| !lower_word(t));
        let org_next = words.len() > 1
            && s.get(j).is_some_and(|t| {
                t.is_cap()
                    && (t.is_org()
                        || lists::THING_LAST_SET.contains(t.norm().trim_end_matches('.')))
            });
        // A title in double quotes ("“Green Meadow,” the film"), unless
        // it starts with a given name.
        let closing = |k: usize| s.get(k).is_some_and(|t| t.norm() == "\"");
        let quoted = i > 0
            && s[i - 1].norm() == "\""
            && (closing(j)
                || (s
                    .get(j)
                    .is_some_and(|t| matches!(t.norm(), "," | "." | "!" | "?"))
                    && closing(j + 1)))
            && !lists::GIVEN.contains(words[0].as_str());
        (det && head) || org_next || quoted
    })
}

/// Groups mentions into people (see the module doc, step 4) and drops authors.
fn canonical(mentions: Vec<Mention>, authors: &[String]) -> Vec<String> {
    /// One distinct name form, or (after grouping) one person.
    struct Entry {
        words: Vec<String>,
        keys: Vec<String>,
        /// Named outside a byline.
        outside: bool,
        /// Mentions, all forms.
        count: usize,
        evidence: bool,
    }
    let mut distinct: Vec<Entry> = Vec::new();
    let mut index: lists::FastMap<Vec<String>, usize> = lists::FastMap::default();
    for m in mentions {
        let keys = name_keys(&m.words);
        match index.get(&keys) {
            Some(&i) => {
                let d = &mut distinct[i];
                d.outside |= !m.byline;
                d.count += 1;
                d.evidence |= m.evidence;
                if m.words.len() > d.words.len() {
                    d.words = m.words;
                }
            }
            None => {
                index.insert(keys.clone(), distinct.len());
                distinct.push(Entry {
                    words: m.words,
                    keys,
                    outside: !m.byline,
                    count: 1,
                    evidence: m.evidence,
                });
            }
        }
    }
    // Longest first; a shorter mention joins the one longer name it ends or begins with.
    distinct.sort_by_key(|e| std::cmp::Reverse(e.keys.len()));
    let mut people: Vec<Entry> = Vec::new();
    for e in distinct {
        let owners: Vec<usize> = people
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.keys.len() > e.keys.len()
                    && (p.keys.ends_with(&e.keys) || p.keys.starts_with(&e.keys))
            })
            .map(|(k, _)| k)
            .collect();
        match owners.as_slice() {
            [] => people.push(e),
            [one] => {
                let p = &mut people[*one];
                p.outside |= e.outside;
                p.count += e.count;
            }
            _ => {}
        }
    }
    let author_keys: Vec<Vec<String>> = authors
        .iter()
        .map(|a| {
            let w: Vec<String> = a.split_whitespace().map(str::to_string).collect();
            name_keys(&w)
        })
        .collect();
    let mut out: Vec<String> = people
        .into_iter()
        // A lone word needs a second mention or some evidence beyond the tagger.
        .filter(|p| p.keys.len() > 1 || p.evidence || p.count >= 2)
        .filter(|p| p.outside && !author_keys.contains(&p.keys))
        .map(|p| p.words.join(" "))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The forms of each person's name used in `text`: the full name, the
/// surname alone, the surname without its particle.
pub fn variants(people: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for p in people {
        let words: Vec<&str> = p.split_whitespace().collect();
        if words.len() >= 2 {
            let last = words[words.len() - 1];
            out.push(last.to_string());
            let key = surname_key(p);
            if lower(last) != key {
                out.push(key);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_prefilters_pass_every_match() {
        let lines = [
            "(Reporting by Jane Doe in Paris; Editing by John Roe)",
            "Additional reporting by A. Smith",
            "PHOTO: Jane Doe/Agency",
            "Photo credit : Someone",
            "Courtesy of Acme Labs",
            "(courtesy the family)",
            "Contributing to this report were A and B.",
            "Associated Press writers Jane Doe and John Roe contributed to this report.",
            "CONTRIBUTED REPORTING: staff",
            "Jane Doe, Senior Political CORRESPONDENT",
            "John Roe, editor",
            "Maria Lopez, contributing writer",
            "Reporter: Sam Lee",
            "Story by Ann Lee. Graphics by Bo Chen",
            "The company said it would cut jobs.",
            "Shares rose 5 pct to 10 dlrs by noon.",
            "Ein Bericht von Jürgen Müller, Korrespondent",
        ];
        for l in lines {
            if CONTRIBUTORS.is_match(l) {
                assert!(may_be_contributors(l), "{l}");
            }
            let cut = strip_body_credit(l);
            let by_regex = match BODY_CREDIT.find(l) {
                Some(m) => &l[..m.start()],
                None => l,
            };
            assert_eq!(cut, by_regex, "{l}");
        }
        assert!(!may_be_contributors("The company said it would cut jobs."));
    }

    #[test]
    fn seed_sentences() {
        let body = "BAGHDAD/WASHINGTON – The Iraqi government is beginning the process, Prime Minister Mohammed Shia al-Sudani’s office said on Friday.\n\n\
            Sudani’s statement came a day after a U.S. strike. Iraqi PM Sudani has limited control over Islamic State.\n\n\
            U.S. President Joe Biden’s administration had initially avoided any response.\n\n\
            The U.S. strike in Baghdad on Thursday targeted Mushtaq Jawad Kazim al-Jawari, who the Pentagon said was a leader.\n\n\
            The Iraqi government said the commander was part of the Popular Mobilisation Forces (PMF), its Central Command thanked Iraq’s police.\n\n\
            Islamic State claimed responsibility at a memorial for top commander Qassem Soleimani.\n\n\
            “We will continue,” Major General Patrick Ryder told a news briefing on Thursday.";
        let caption = "Iraqi Prime Minister Mohammed Shia al-Sudani speaks with Spain's Prime Minister Pedro Sanchez (not seen) in Baghdad, Iraq, December 28, 2023. REUTERS/Thaier Al-Sudani/Pool/ File Photo".to_string();
        let people = extract(
            "Iraq prepares to close down US-led coalition’s mission – PM",
            body,
            &[caption],
            &[],
        );
        assert_eq!(
            people,
            vec![
                "Joe Biden",
                "Mohammed Shia al-Sudani",
                "Mushtaq Jawad Kazim al-Jawari",
                "Patrick Ryder",
                "Pedro Sanchez",
                "Qassem Soleimani"
            ]
        );
    }

    #[test]
    fn two_clintons_stay_two() {
        let people = extract(
            "",
            "Bill Clinton and Hillary Clinton spoke. Clinton said it was fine.",
            &[],
            &[],
        );
        assert_eq!(people, vec!["Bill Clinton", "Hillary Clinton"]);
    }

    #[test]
    fn organisations_are_not_people() {
        let people = extract(
            "",
            "Goldman Sachs said the Kennedy Center and Trump Tower were sold to Bank of America.",
            &[],
            &[],
        );
        assert!(
            people
                .iter()
                .all(|p| p != "Goldman Sachs" && !p.contains("Center") && !p.contains("Tower")),
            "{people:?}"
        );
    }

    #[test]
    fn authors_are_excluded() {
        let people = extract(
            "",
            "Janie Gabbett said the crop was late.",
            &[],
            &["Janie Gabbett".to_string()],
        );
        assert!(people.is_empty());
    }

    #[test]
    fn name_line_above_the_dateline_is_a_byline() {
        let body = "Larry Fine\n\nNEW YORK 1996-08-30\n\nAndre Agassi escaped disaster on Thursday \
                    but Marcelo Rios was not so fortunate at the U.S. Open.";
        let people = extract("TENNIS - AGASSI ESCAPES", body, &[], &[]);
        assert_eq!(people, vec!["Andre Agassi", "Marcelo Rios"]);
        // Named again in the story, the bylined name is a person too.
        let body = "Larry Fine\n\nNEW YORK 1996-08-30\n\nLarry Fine, a reporter, told Andre Agassi \
                    he had won.";
        let people = extract("", body, &[], &[]);
        assert!(people.contains(&"Larry Fine".to_string()), "{people:?}");
    }

    #[test]
    fn reporting_credits_are_not_people() {
        let body = "Chief executive Adam Neumann said on Monday the company would grow.\n\n\
                    (Reporting by Greg Roumeliotis in New York; Editing by Martin Howell)\n\n\
                    Associated Press writers Alan Fram and Colleen Long contributed to this report.";
        let people = extract("", body, &[], &[]);
        assert_eq!(people, vec!["Adam Neumann"]);
    }

    #[test]
    fn forms_of_one_name_join_the_fullest() {
        let body = "Alicia Machado won the title in May. Machado's manager said Alicia would \
                    travel. Prime Minister Mohammed Shia al-Sudani met her, and Sudani praised her.";
        let people = extract("", body, &[], &[]);
        assert_eq!(people, vec!["Alicia Machado", "Mohammed Shia al-Sudani"]);
    }

    #[test]
    fn lone_surname_stays_when_no_fuller_form() {
        let people = extract(
            "",
            "Republicans followed Trump into the race, and Trump said it was fine.",
            &[],
            &[],
        );
        assert_eq!(people, vec!["Trump"]);
    }

    #[test]
    fn role_words_and_places_are_cut() {
        let people = extract(
            "",
            "Cleveland DL Larry Ogunjobi was fined, the league said. Poland and Nevada \
             were mentioned, and Spain said so too.",
            &[],
            &[],
        );
        assert_eq!(people, vec!["Larry Ogunjobi"]);
    }

    #[test]
    fn headline_capitals_are_title_cased() {
        let people = extract(
            "SOCCER - SHEARER NAMED ENGLAND CAPTAIN.",
            "LONDON 1996-08-30\n\nAlan Shearer was named captain on Friday.",
            &[],
            &[],
        );
        assert_eq!(people, vec!["Alan Shearer"]);
    }

    #[test]
    fn variants_hold_surnames_without_particles() {
        assert_eq!(
            variants(&[
                "Mohammed Shia al-Sudani".to_string(),
                "Joe Biden".to_string()
            ]),
            vec!["Biden", "al-Sudani", "sudani"]
        );
    }

    #[test]
    fn credit_lines_and_author_boxes_are_not_people() {
        let body = "Jeff Tarango said the jacket was warm.\n\n\
                    Tested by: John Milbank RRP: 23.99\n\n\
                    Caroline Hawley, BBC diplomatic correspondent\n\n\
                    His book (illustrated by Karl Tate) is out now.";
        let people = extract("", body, &[], &[]);
        assert_eq!(people, vec!["Jeff Tarango"]);
    }
    #[test]
    fn venues_products_and_places_are_not_people() {
        for (span, person) in [
            (&["Riverside", "Arena"][..], false),
            (&["Lakeview", "Amphitheatre"][..], false),
            (&["Pixel", "Ultra"][..], false),
            (&["Acme", "Aerospace"][..], false),
            (&["Fort", "Worth"][..], false),
            (&["Moon", "Europa"][..], false),
            (&["Jupiter"][..], false),
            (&["Bruno", "Mars"][..], true),
            (&["Tom", "Hardy"][..], true),
        ] {
            assert_eq!(clean_span(span).is_some(), person, "{span:?}");
        }
    }

    /// Tokens of invented sentences, marked as `extract` marks them.
    fn doc(sentences: &[&str]) -> Vec<Vec<Tok>> {
        let mut toks: Vec<Vec<Tok>> = sentences
            .iter()
            .map(|s| tagger::make_tokens(s, &tagger::tokenize(s)))
            .collect();
        tagger::mark_document(&mut toks);
        toks
    }

    fn key(name: &str) -> Vec<String> {
        name.split_whitespace().map(lower).collect()
    }

    #[test]
    fn names_used_as_things_are_found() {
        let toks = doc(&[
            "Fans queued for the Crystal Falcon.",
            "Sales of Bluefin Works Productions rose, and the Trump administration said so.",
            "“It works,” said Sarah Jones, and a Sarah Jones novel sold well.",
        ]);
        let index = DocIndex::new(&toks);
        assert!(thing_syntax(&index, &key("Crystal Falcon")));
        assert!(thing_syntax(&index, &key("Bluefin Works")));
        // A modifier ("the Trump administration", "a Sarah Jones novel") is no evidence.
        assert!(!thing_syntax(&index, &key("Trump")));
        assert!(!thing_syntax(&index, &key("Sarah Jones")));
    }

    #[test]
    fn a_name_between_two_organisations_in_a_list_is_a_thing() {
        let toks = doc(&[
            "Acme , Bob Smith and Zenith bid .",
            "Bob Smith , Acme 's chief , bid .",
        ]);
        let spans = [(0, 1, B_ORG), (2, 4, B_PER), (5, 6, B_ORG)];
        assert_eq!(among_things(&toks[0], &spans), vec![(2, 4)]);
        // One organisation alone after a comma is an apposition.
        let spans = [(0, 2, B_PER), (3, 4, B_ORG)];
        assert!(among_things(&toks[1], &spans).is_empty());
    }

    #[test]
    fn quoted_titles_are_things_unless_they_start_with_a_given_name() {
        let toks = doc(&["She sang “Green Meadow,” a ballad, and “Michael Stone” was the film."]);
        let index = DocIndex::new(&toks);
        assert!(thing_syntax(&index, &key("Green Meadow")));
        assert!(!thing_syntax(&index, &key("Michael Stone")));
    }

    #[test]
    fn a_lone_surname_gains_the_given_name_written_before_it() {
        let body = "Ostrander scored twice. Coach Lee said Ostrander was fine. \
                    Fans cheered when Robert Ostrander left.";
        let people = extract("", body, &[], &[]);
        assert!(
            people.contains(&"Robert Ostrander".to_string()),
            "{people:?}"
        );
        assert!(!people.contains(&"Ostrander".to_string()), "{people:?}");
    }

    #[test]
    fn a_common_first_word_is_not_a_name() {
        let body = "Garden Depot shares fell on Monday, and the garden market was weak. \
                    “We will grow,” said Will Ostrander, a consultant.";
        let people = extract("", body, &[], &[]);
        assert!(people.iter().all(|p| !p.contains("Depot")), "{people:?}");
        assert!(people.contains(&"Will Ostrander".to_string()), "{people:?}");
    }

    /// Whether `named_thing` calls the words `from..to` of an invented
    /// sentence a thing.
    fn thing_at(sentence: &str, from: usize, to: usize) -> bool {
        let toks = doc(&[sentence]);
        let t = &toks[0];
        let ranges = tagger::tokenize(sentence);
        let words: Vec<&str> = ranges[from..to]
            .iter()
            .map(|&(a, b)| &sentence[a..b])
            .collect();
        let name = clean_span(&words).expect("a name-shaped span");
        named_thing(t, from, to, &name, &thing_matches(t))
    }

    #[test]
    fn gazetteer_brands_works_and_places_are_not_people() {
        // Entries where they stand, and spans starting inside one.
        assert!(thing_at("Shares of Lockheed Martin rose .", 2, 4));
        assert!(thing_at("Fans played Assassin's Creed Odyssey.", 4, 6));
        // A span starting before a possessive entry ("Lowe's") is a person.
        assert!(!thing_at("Rob Lowe's film opened.", 0, 2));
        // A person-shaped entry with a speech verb is the person.
        assert!(thing_at("Buyers chose Ralph Lauren jackets .", 2, 4));
        assert!(!thing_at("“ We are ready , ” said Ralph Lauren .", 7, 9));
        // One-word entries, and spans led by one that is not a given name.
        assert!(thing_at("Ask Alexa for the news .", 1, 2));
        assert!(thing_at("It supports Dolby Atmos sound .", 2, 4));
        assert!(!thing_at("Armani Sheffield scored twice .", 0, 2));
        assert!(!thing_at("Alexa Chung arrived .", 0, 2));
        // Lone cities and clubs, but not inside a name or after a title.
        assert!(thing_at("Melbourne beat Geelong 3-1 .", 0, 1));
        assert!(!thing_at("Chelsea Clinton arrived .", 0, 2));
        assert!(!thing_at("Mr. Columbus arrived .", 1, 2));
    }

    #[test]
    fn courtesy_credits_are_cut() {
        assert_eq!(strip_body_credit("Courtesy Acme Labs"), "");
        assert_eq!(
            strip_body_credit("The rover (courtesy of Nasa) landed."),
            "The rover "
        );
        assert_eq!(
            strip_credit("Jane Doe at home. Photo courtesy of Acme"),
            "Jane Doe at home. Photo "
        );
        // A courtesy that credits no one stays.
        let line = "Mayor Ann Lee paid a courtesy call on Bob Stone.";
        assert_eq!(strip_body_credit(line), line);
        assert_eq!(strip_credit(line), line);
    }
}
