//! A byte-level pass over a page before it is parsed: drops the bodies of
//! `<script>`, `<style>` and `<svg>` elements and of comments, which are most
//! of a news page's bytes and never article text, and drops the attributes
//! extraction never reads (`href` of links, `src`, `srcset`, `data-*`,
//! `aria-*`, event handlers, `class` and `id` values with no word extraction
//! knows...), which are most of what is left: html5ever tokenizes attribute
//! names a character at a time. JSON-LD scripts are kept whole
//! (they carry the metadata). Runs of spaces between tags (indentation: a
//! fifth of what is left) shrink to one character outside `pre`. Common
//! character references in text (`&lt;`, `&#x27;`, `&nbsp;`) are written as
//! their characters, or as cheap numeric references where the character
//! would start markup: html5ever decodes a named one at a few thousand
//! instructions. Page furniture extraction never reads goes too: a `<nav>`
//! or `<aside>` is emptied (its start and end tags stay) unless it holds
//! something metadata extraction reads (see [`empty_block`]), and a
//! `<meta>` or `<link>` nothing reads is dropped whole.
//!
//! Beyond those emptied blocks and dropped void elements, it must not
//! change the tree html5ever builds, only what the tree's elements carry:
//! text (but for those space runs), tag names and the attributes in
//! [`KEPT_ATTRS`] are copied as is, the contents of raw-text elements (`<title>`,
//! `<textarea>`, `<noscript>`... the guard's [`RAW`] list) are copied
//! untouched, and cuts happen only at ASCII positions, so the output stays
//! valid UTF-8 whatever the input holds.

/// Attributes extraction reads (and the few the HTML tree builder looks
/// at); every other attribute is dropped, and `href` is kept only on the
/// canonical `<link>`. None is longer than 8 bytes.
const KEPT_ATTRS: &[&str] = &[
    "class", "id", "style", "hidden", "itemprop", "rel", "content", "name", "property", "datetime",
    "pubdate", "type", "lang", "xml:lang", "encoding",
];

use crate::ascii::find_ci;
use crate::normalize::guard::{Nesting, RAW, tag_end, tag_name};
use memchr::memmem;

/// The page without script, style and svg bodies and comments.
#[cfg(test)]
pub fn strip_heavy(text: &str) -> String {
    strip(text, true, &mut Nesting::default())
}

/// The page without script, style and svg bodies and comments, and how
/// deep the result nests by the guard's estimate ([`Nesting`], fed every
/// tag written; `usize::MAX` when the pass cannot tell), so that the guard
/// need not scan it again.
pub fn strip_measured(text: &str) -> (String, usize) {
    let mut nesting = Nesting::default();
    let out = strip(text, true, &mut nesting);
    (out, nesting.max_depth)
}

/// The pass, with character references decoded or not (`decode`), feeding
/// `nesting` every tag written.
fn strip(text: &str, decode: bool, nesting: &mut Nesting) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() / 2);
    let mut copied = 0; // bytes before this are handled
    let mut i = 0;
    let mut pre = 0; // open `pre` and `listing` elements
    let mut plaintext = false;
    // References are decoded only on pages without CDATA sections, which
    // are raw text in MathML (the pass does not track foreign content).
    let refs = decode && memmem::find(b, b"<![CDATA[").is_none();
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p;
        let rest = &b[at + 1..];
        if rest.starts_with(b"!--") {
            let end = memmem::find(&rest[3..], b"-->")
                .map(|e| at + 4 + e + 3)
                .unwrap_or(b.len());
            push_text(&mut out, &text[copied..at], &mut pre, refs);
            seal_lt(&mut out);
            copied = end;
            i = end;
            continue;
        }
        if let Some(name) = rest.strip_prefix(b"/")
            && name.first().is_some_and(u8::is_ascii_alphabetic)
        {
            // An end tag, to its `>` as the parser reads it (a quoted
            // value can hold `>` or `<`): what it holds is never a start
            // tag. Copied later as text is (`push_text`).
            nesting.end(tag_name(name));
            i = tag_end(b, at);
            continue;
        }
        let tag: Option<&[u8]> = [&b"script"[..], b"style", b"svg"]
            .into_iter()
            .find(|t| starts_ci(rest, t) && rest.get(t.len()).is_some_and(|c| is_tag_end(*c)));
        let Some(tag) = tag else {
            if rest.first().is_some_and(u8::is_ascii_alphabetic) {
                push_text(&mut out, &text[copied..at], &mut pre, refs);
                let mark = out.len();
                let (end, name) = slim_start_tag(text, at, &mut out);
                copied = end;
                i = end;
                let raw = RAW.iter().find(|r| name.eq_ignore_ascii_case(r.as_bytes()));
                if raw.is_none() {
                    // Read as the guard reads the tag written.
                    let tag = &out.as_bytes()[mark..];
                    let self_closing = tag.len() > 2 && tag.ends_with(b"/>");
                    nesting.start(tag_name(name), self_closing);
                }
                if name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing") {
                    pre += 1;
                }
                let block = [&b"nav"[..], b"aside"]
                    .into_iter()
                    .find(|t| name.eq_ignore_ascii_case(t));
                if let Some(tag) = block
                    && let Some(close) = empty_block(b, end, tag)
                {
                    copied = close;
                    i = close;
                    continue;
                }
                // Script and style never get here (handled above).
                if let Some(raw) = raw {
                    // Copy the raw text up to its end tag untouched.
                    let close = find_close(b, end, raw.as_bytes()).unwrap_or(b.len());
                    out.push_str(&text[copied..close]);
                    copied = close;
                    i = close;
                } else if name.eq_ignore_ascii_case(b"plaintext") {
                    // Everything after it is text, copied as is (the
                    // guard would read tags in it: it scans the page).
                    plaintext = true;
                    nesting.max_depth = usize::MAX;
                    break;
                }
                continue;
            }
            i = at + 1;
            continue;
        };
        let open_end = memchr::memchr(b'>', &b[at..])
            .map(|e| at + e + 1)
            .unwrap_or(b.len());
        let open = &b[at..open_end];
        if tag == b"script" && find_ci(open, 0, b"ld+json").is_some() {
            // Kept whole, tags inside its strings included.
            let end = find_close(b, open_end, tag).unwrap_or(b.len());
            push_text(&mut out, &text[copied..at], &mut pre, refs);
            out.push_str(&text[at..end]);
            copied = end;
            i = end;
            continue;
        }
        if tag == b"svg" && open.ends_with(b"/>") {
            push_text(&mut out, &text[copied..at], &mut pre, refs);
            seal_lt(&mut out);
            copied = open_end;
            i = open_end;
            continue;
        }
        let end = find_close(b, open_end, tag).unwrap_or(b.len());
        push_text(&mut out, &text[copied..at], &mut pre, refs);
        seal_lt(&mut out);
        copied = end;
        i = end;
    }
    if plaintext {
        out.push_str(&text[copied..]);
    } else {
        push_text(&mut out, &text[copied..], &mut pre, refs);
    }
    out
}

/// Before a cut: a `<` the page has as text (the next character did not
/// start a tag) must not start one with what follows the cut; written as
/// a reference it stays the same text.
fn seal_lt(out: &mut String) {
    if out.ends_with('<') {
        out.pop();
        out.push_str("&#60;");
    }
}

/// Copies the text between two start tags, each run of two or more HTML
/// spaces made one character (a newline when the run breaks a line) unless
/// a `pre` or `listing` is open (`pre` counts them). From a `<` to the next
/// `>` (end tags, a doctype) is copied as is; `</pre>` and `</listing>`
/// close one. html5ever builds the same tree from the shorter text, and no
/// reading of the text tells the two apart: words, commas and lines are the
/// same, and html2text collapses spaces itself.
fn push_text(out: &mut String, text: &str, pre: &mut usize, mut refs: bool) {
    let b = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'<' {
            let end = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
            // An end tag's quoted attribute value can hold a `>`: the tag
            // may go on past `end`, so no reference after it is decoded.
            refs &= !b[i..end].iter().any(|&c| c == b'"' || c == b'\'');
            if let Some(name) = b[i + 1..end].strip_prefix(b"/") {
                let closes = |t: &[u8]| {
                    starts_ci(name, t) && name.get(t.len()).is_none_or(|c| is_tag_end(*c))
                };
                if closes(b"pre") || closes(b"listing") {
                    *pre = pre.saturating_sub(1);
                }
            }
            i = end;
            continue;
        }
        if c == b'&' && refs {
            if let Some((len, ch)) = char_ref(&b[i..]) {
                out.push_str(&text[copied..i]);
                match ch {
                    // Written as text they would start a tag or a reference.
                    '<' => out.push_str("&#60;"),
                    '&' => out.push_str("&#38;"),
                    _ => out.push(ch),
                }
                i += len;
                copied = i;
                continue;
            }
            i += 1;
            continue;
        }
        if *pre == 0 && is_space(c) && b.get(i + 1).is_some_and(|&d| is_space(d)) {
            let mut j = i;
            let mut line = false;
            while j < b.len() && is_space(b[j]) {
                line |= matches!(b[j], b'\n' | b'\r');
                j += 1;
            }
            out.push_str(&text[copied..i]);
            out.push(if line { '\n' } else { ' ' });
            copied = j;
            i = j;
            continue;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
}

/// Named character references decoded here, with their characters: the
/// commonest in news pages. html5ever matches a name one character at a
/// time against its whole entity table, a few thousand instructions each;
/// a synthetic archive's headlines hold dozens (`&lt;AIT&gt;`).
const NAMED_REFS: &[(&[u8], char)] = &[
    (b"amp", '&'),
    (b"lt", '<'),
    (b"gt", '>'),
    (b"quot", '"'),
    (b"apos", '\''),
    (b"nbsp", '\u{A0}'),
    (b"ndash", '\u{2013}'),
    (b"mdash", '\u{2014}'),
    (b"lsquo", '\u{2018}'),
    (b"rsquo", '\u{2019}'),
    (b"ldquo", '\u{201C}'),
    (b"rdquo", '\u{201D}'),
    (b"hellip", '\u{2026}'),
    (b"bull", '\u{2022}'),
    (b"middot", '\u{B7}'),
    (b"copy", '\u{A9}'),
    (b"reg", '\u{AE}'),
    (b"trade", '\u{2122}'),
    (b"laquo", '\u{AB}'),
    (b"raquo", '\u{BB}'),
    (b"pound", '\u{A3}'),
    (b"euro", '\u{20AC}'),
    (b"eacute", '\u{E9}'),
];

/// The character reference at the start of `b` (`&name;`, `&#nnn;`,
/// `&#xhh;`, always closed by `;`) when it is one this pass decodes:
/// its length in bytes and its character. Only references whose meaning
/// html5ever gives without a special rule are decoded: a name of
/// [`NAMED_REFS`], a number that is a plain character (not NUL, not a
/// space or control character, not a surrogate or noncharacter, not one of
/// the C1 codes the HTML standard maps to other characters), and not a
/// character that could change how an earlier, unclosed reference reads.
fn char_ref(b: &[u8]) -> Option<(usize, char)> {
    let semi = memchr::memchr(b';', &b[..b.len().min(12)])?;
    let body = &b[1..semi];
    let ch = if let Some(num) = body.strip_prefix(b"#") {
        let (digits, radix) = match num.first() {
            Some(b'x' | b'X') => (&num[1..], 16),
            _ => (num, 10),
        };
        if digits.is_empty() || digits.len() > 7 || !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let cp = u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?;
        let plain = cp > 0x20
            && !(0x7F..=0x9F).contains(&cp)
            && !(0xFDD0..=0xFDEF).contains(&cp)
            && cp & 0xFFFE != 0xFFFE;
        if !plain {
            return None;
        }
        char::from_u32(cp)?
    } else {
        NAMED_REFS.iter().find(|(n, _)| *n == body)?.1
    };
    // A letter, digit, `#` or `;` could finish a reference the page left
    // open before this one (`&#0&#50;`): those stay references.
    if ch.is_ascii_alphanumeric() || matches!(ch, '#' | ';') {
        return None;
    }
    Some((semi + 1, ch))
}

/// Writes the start tag at `at` (`<` then a letter) to `out` with only the
/// kept attributes, following the HTML tokenizer's rules for names, quoted
/// and unquoted values. Returns the index after the tag and the tag's name.
fn slim_start_tag<'t>(text: &'t str, at: usize, out: &mut String) -> (usize, &'t [u8]) {
    let b = text.as_bytes();
    let mut i = at + 1;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = &b[at + 1..i];
    let mark = out.len();
    out.push_str(&text[at..i]);
    let is_link = name.eq_ignore_ascii_case(b"link");
    let is_meta = name.eq_ignore_ascii_case(b"meta");
    // A <meta> or <link> extraction does not read (social cards, app
    // banners, preloads, icons: a tenth of a page's tags once scripts are
    // gone) is dropped whole. One with `itemprop` or an author `rel` is
    // read; a <meta> by its key (`property`, else `name`).
    let mut property: Option<&[u8]> = None;
    let mut name_attr: Option<&[u8]> = None;
    let mut read = false;
    // A `class` or `id` extraction reads nothing in is dropped (a third of
    // the tags' bytes); html5ever keeps the first of duplicate attributes,
    // so a later one goes too. A <time>'s class is read whole.
    let is_time = name.eq_ignore_ascii_case(b"time");
    let (mut class_seen, mut id_seen) = (false, false);
    // A <link>'s href is written only if the link is the canonical one.
    let mut href: Option<(usize, usize)> = None;
    let mut canonical = false;
    loop {
        // Before an attribute name.
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (b.len(), name);
        }
        if b[i] == b'>' {
            // A key with a character reference is left to the parser.
            let key_read = property
                .or(name_attr)
                .is_some_and(|k| k.contains(&b'&') || super::meta_read(k));
            if (is_meta && !read && !key_read) || (is_link && !read && !canonical) {
                out.truncate(mark);
                seal_lt(out);
                return (i + 1, name);
            }
            if let (true, Some((s, e))) = (canonical, href) {
                out.push(' ');
                out.push_str(&text[s..e]);
            }
            if b[i - 1] == b'/' {
                out.push('/');
            }
            out.push('>');
            return (i + 1, name);
        }
        let start = i;
        // The name; a leading `=` belongs to it.
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr = &b[start..i];
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
                }
                Some(b'>') | None => {}
                Some(_) => {
                    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
        let end = i.min(b.len());
        if is_meta || is_link {
            let value = value_of(&b[start..end]);
            if attr.eq_ignore_ascii_case(b"itemprop") {
                read = true;
            } else if attr.eq_ignore_ascii_case(b"rel") {
                read |= find_ci(value, 0, b"author").is_some();
            }
            if attr.eq_ignore_ascii_case(b"property") {
                property.get_or_insert(value);
            } else if attr.eq_ignore_ascii_case(b"name") {
                name_attr.get_or_insert(value);
            }
        }
        if is_link && attr.eq_ignore_ascii_case(b"href") {
            href.get_or_insert((start, end));
            continue;
        }
        let mut keep = kept(attr);
        if keep && !is_time {
            let seen = if attr.eq_ignore_ascii_case(b"class") {
                Some(&mut class_seen)
            } else if attr.eq_ignore_ascii_case(b"id") {
                Some(&mut id_seen)
            } else {
                None
            };
            if let Some(seen) = seen {
                keep = !*seen && super::class_value_read(value_of(&b[start..end]));
                *seen = true;
            }
        }
        if keep && is_link && attr.eq_ignore_ascii_case(b"rel") {
            canonical |= find_ci(&b[start..end], 0, b"canonical").is_some();
        }
        if keep {
            out.push(' ');
            out.push_str(&text[start..i.min(b.len())]);
        }
    }
}

/// The value of `name=value`, unquoted (empty for a bare name).
fn value_of(attr: &[u8]) -> &[u8] {
    let Some(eq) = memchr::memchr(b'=', attr) else {
        return b"";
    };
    let v = attr[eq + 1..].trim_ascii_start();
    match v.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let v = &v[1..];
            v.strip_suffix(&[q]).unwrap_or(v)
        }
        _ => v,
    }
}

/// Whether an attribute is in [`KEPT_ATTRS`] (ASCII case-insensitive).
fn kept(attr: &[u8]) -> bool {
    let mut buf = [0u8; 8];
    if attr.len() > buf.len() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(attr) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &buf[..attr.len()];
    KEPT_ATTRS.iter().any(|k| k.as_bytes() == lower)
}

/// An HTML space (the tokenizer's whitespace).
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn is_tag_end(c: u8) -> bool {
    is_space(c) || matches!(c, b'>' | b'/')
}

fn starts_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// What extraction reads even in page furniture, so that a block holding
/// any of it keeps its content (see [`empty_block`]):
///
/// * JSON-LD, microdata dates and `articleBody`, a microdata publisher;
/// * bylines: `rel`, `itemprop`, `class` or `id` naming an author or a
///   byline (class words split on ` -_:` as extraction splits them; links
///   to `/author/` pages are not bylines);
/// * captions, the first `<h1>`, `<time datetime>`, `<link>`;
/// * a `<meta>` whose key extraction reads (the key prefixes below cover
///   every key `collect_meta` matches; breadcrumb microdata such as
///   `itemprop="position"` is not read);
/// * a copyright line (the publisher's fallback).
///
/// Not guarded: dates in teaser text and date-classed furniture
/// (`class="date"`) inside these blocks, which are other stories' dates.
static BLOCK_KEEPS: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(concat!(
        "(?i-u)ld\\+json|articlebody|datepublished|datecreated|datemodified",
        "|itemprop\\s*=\\s*[\"']?publisher",
        "|(?:class|id|itemprop|rel)\\s*=\\s*[\"']?[^\"'>]*?(?:\\b|_)(?:byline|authors?)(?:\\b|_)",
        "|caption|<h1|<time|<link",
        "|<meta[^>]*(?:property|name|itemprop)\\s*=\\s*[\"']?\\s*",
        "(?:og:|twitter:|application|apple|article|date|pub|dc\\.|dcterms|sailthru|parsely",
        "|cxense|original|author|byl)",
        "|\\xC2\\xA9|copyright|&copy;|&#169;|&#xa9;",
    ))
    .expect("static regex")
});

/// For a `<nav>` or `<aside>` (`tag`) whose start tag ends at `from`: where
/// its end tag starts, when its content can go. Neither ever holds article
/// text (extraction drops both, and never chooses one as the article), and
/// navigation blocks are a quarter of a news page's markup once scripts
/// are gone; their links and menus are then never tokenized, built into
/// nodes or scored. The content stays when it holds what extraction reads
/// ([`BLOCK_KEEPS`]) or when the end tag is not found (counting nested
/// blocks of the same tag, stepping over comments and raw-text elements,
/// whose text may look like tags).
fn empty_block(b: &[u8], from: usize, tag: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    let close = loop {
        let at = i + memchr::memchr(b'<', b.get(i..)?)?;
        let rest = &b[at + 1..];
        if rest.starts_with(b"!--") {
            i = at + 4 + memmem::find(&rest[3..], b"-->")? + 3;
            continue;
        }
        let (end_tag, name) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        let is = |tag: &[u8]| {
            starts_ci(name, tag) && name.get(tag.len()).is_some_and(|c| is_tag_end(*c))
        };
        if is(tag) {
            match (end_tag, depth) {
                (true, 0) => break at,
                (true, _) => depth -= 1,
                (false, _) => depth += 1,
            }
        } else if !end_tag && let Some(raw) = RAW.iter().find(|r| is(r.as_bytes())) {
            let open_end = at + memchr::memchr(b'>', &b[at..])? + 1;
            i = find_close(b, open_end, raw.as_bytes())?;
            continue;
        }
        i = at + 1;
    };
    (!BLOCK_KEEPS.is_match(&b[from..close])).then_some(close)
}

/// The byte after the `>` of the first `</tag` at or after `from`.
fn find_close(b: &[u8], from: usize, tag: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p;
        let rest = &b[at + 1..];
        if rest.first() == Some(&b'/') && starts_ci(&rest[1..], tag) {
            let after = at + 2 + tag.len();
            if b.get(after).is_none_or(|c| is_tag_end(*c)) {
                return Some(
                    memchr::memchr(b'>', &b[after..])
                        .map(|e| after + e + 1)
                        .unwrap_or(b.len()),
                );
            }
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    #[test]
    fn furniture_blocks_are_emptied_unless_they_hold_what_extraction_reads() {
        // Nested navs, and a script whose text looks like an end tag.
        let page = "<p>a</p><nav class=menu><ul><li><a href=/>Home</a><nav><a>x</a></nav><script>s='</nav>'</script><!-- </nav> --></ul></nav><p>b</p>";
        assert_eq!(strip_heavy(page), "<p>a</p><nav class=menu></nav><p>b</p>");
        // Links to authors' pages and words that contain "author" are no
        // bylines.
        let page = "<aside class=related><a href=\"/author/jane-doe\">Jane Doe</a><p>Housing Authority sued</p></aside>";
        assert_eq!(strip_heavy(page), "<aside class=related></aside>");
        // What extraction reads stays.
        for inner in [
            "<span class=\"byline\">By Jane Doe</span>",
            "<div class=\"post_author-box\">Jane Doe</div>",
            "<a rel=\"author\">Jane Doe</a>",
            "<span itemprop=\"author\">Jane Doe</span>",
            "<script type=\"application/ld+json\">{}</script>",
            "<time itemprop=\"datePublished\">2020</time>",
            "<time datetime=\"2020-01-02\">2 Jan</time>",
            "<div itemprop=\"publisher\"><b itemprop=\"name\">Daily</b></div>",
            "<figcaption>A photo</figcaption>",
            "<h1>Headline</h1>",
            "<p>© 2024 Daily News</p>",
            "<p>Copyright Daily News</p>",
            "<meta name=\"parsely-author\" content=\"Jane Doe\">",
        ] {
            for tag in ["nav", "aside"] {
                let page = format!("<{tag}>{inner}</{tag}>");
                assert_eq!(strip_heavy(&page), page);
            }
        }
        // Never closed: kept, not cut to the end of the page.
        assert_eq!(strip_heavy("<nav><p>a</p>"), "<nav><p>a</p>");
        assert_eq!(strip_heavy("<aside><p>a</p>"), "<aside><p>a</p>");
    }

    #[test]
    fn every_meta_key_read_is_kept() {
        for key in super::super::META_KEYS.iter().flat_map(|l| l.iter()) {
            for attr in ["name", "property", "NAME"] {
                let upper = key.to_ascii_uppercase();
                for k in [*key, upper.as_str()] {
                    let meta = format!("<meta {attr}=\"{k}\" content=\"x\">");
                    // In the head: not dropped; in a block: the block stays.
                    assert_eq!(strip_heavy(&meta), meta);
                    let block = format!("<aside>{meta}</aside>");
                    assert_eq!(strip_heavy(&block), block);
                }
            }
        }
    }

    #[test]
    fn depth_is_the_guards_estimate_of_the_output() {
        let guard = |light: &str| crate::normalize::guard::guard(light).1.max_depth;
        for page in [
            "<html><body><div><p>a<p>b<ul><li>x<li>y</ul></div></body></html>".to_string(),
            // Stray and misnested end tags, void and self-closing elements.
            "<div></span><b><i>x</b></i><br/><img><hr></div></div><p>".to_string(),
            // Raw text and emptied blocks, whose content is never tags.
            "<title><div><div></title><nav><div><div></nav><textarea><p></textarea><div>".to_string(),
            // Comments and scripts go; a JSON-LD script stays whole.
            r#"<!-- <div> --><script>"<div>"</script><script type="application/ld+json">"<p>"</script><em>"#.to_string(),
            format!("{}x{}", "<div>".repeat(600), "</div>".repeat(600)),
            format!("{}x", "<section><p>".repeat(300)),
        ] {
            let (light, depth) = strip_measured(&page);
            assert_eq!(depth, guard(&light), "{page}");
        }
        // A `<` left as text does not start a tag with what follows a cut.
        assert_eq!(strip_heavy("a <<!-- c -->div> b"), "a &#60;div> b");
        assert_eq!(strip_heavy("<<meta name=x>p>"), "&#60;p>");
        // Past <plaintext> the guard still reads tags: the pass cannot tell.
        assert_eq!(strip_measured("<plaintext><div>").1, usize::MAX);
    }

    #[test]
    fn class_and_id_values_that_say_nothing_go() {
        assert_eq!(
            strip_heavy(
                r#"<div class="flex px-4" id=x1><p class='lead text-lg' id="Body">a</p></div>"#
            ),
            r#"<div><p class='lead text-lg' id="Body">a</p></div>"#
        );
        // html5ever keeps the first of duplicate attributes: a later one
        // must not take the place of a dropped first one.
        assert_eq!(
            strip_heavy(r#"<div class="flex" class="article" id="a" ID="main">a</div>"#),
            "<div>a</div>"
        );
        // A <time>'s class is read whole ("pub", "updated").
        assert_eq!(
            strip_heavy(r#"<time class="pubtime" datetime="2020">x</time>"#),
            r#"<time class="pubtime" datetime="2020">x</time>"#
        );
    }

    #[test]
    fn meta_and_link_elements_nothing_reads_go() {
        let head = concat!(
            "<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">",
            "<meta property=\"og:title\" name=\"twitter:card\" content=\"T\">",
            "<meta name=\"twitter:card\" property=\"og:image\" content=\"a.jpg\">",
            "<meta itemprop=\"position\" content=\"1\"><META NAME=Author CONTENT=Jane>",
            "<meta name=\"&#97;uthor\" content=\"Jane\">",
            "<link rel=\"stylesheet\" href=\"a.css\"><link rel=\"canonical\" href=\"https://x/a\">",
            "<link rel=\"author\" href=\"/me\"><link rel=icon href=i.png /></head>"
        );
        assert_eq!(
            strip_heavy(head),
            concat!(
                "<head><meta property=\"og:title\" name=\"twitter:card\" content=\"T\">",
                "<meta itemprop=\"position\" content=\"1\"><META NAME=Author CONTENT=Jane>",
                "<meta name=\"&#97;uthor\" content=\"Jane\">",
                "<link rel=\"canonical\" href=\"https://x/a\"><link rel=\"author\"></head>"
            )
        );
    }

    #[test]
    fn scripts_styles_svg_and_comments_go() {
        let page = "<p>a</p><SCRIPT>var x = '<p>no</p>';</script ><style>p{}</style><!-- c <p>no</p> --><svg viewBox='0'><path/></svg><p>b</p>";
        assert_eq!(strip_heavy(page), "<p>a</p><p>b</p>");
    }

    #[test]
    fn json_ld_and_look_alikes_stay() {
        let page = r#"<script type="application/ld+json">{"a":1}</script><scripts>x</scripts><svg/><p>é</p>"#;
        assert_eq!(
            strip_heavy(page),
            r#"<script type="application/ld+json">{"a":1}</script><scripts>x</scripts><p>é</p>"#
        );
    }

    #[test]
    fn unread_attributes_go_kept_ones_stay_as_written() {
        let page = r#"<div data-x='1' Class="a story"id=main onclick="f('>')" style=color:red><a href="/x>y" rel=author>A</a><br/><LINK rel=canonical HREF="u"><img src=x.jpg alt="p"></div>"#;
        assert_eq!(
            strip_heavy(page),
            r#"<div Class="a story" id=main style=color:red><a rel=author>A</a><br/><LINK rel=canonical HREF="u"><img></div>"#
        );
        // Only the canonical link keeps its address (and other links go:
        // see `meta_and_link_elements_nothing_reads_go`).
        assert_eq!(
            strip_heavy("<link rel=author href=a><link href='c' REL=Canonical>"),
            "<link rel=author><link REL=Canonical href='c'>"
        );
        // Attributes without values, and a leading `=` in a name.
        assert_eq!(
            strip_heavy("<p hidden =x title=t>a</p><p =y>b</p>"),
            "<p hidden =x>a</p><p>b</p>"
        );
    }

    #[test]
    fn raw_text_and_json_ld_are_copied_untouched() {
        let page = r#"<title>A <b data-x=1>b</b></title><textarea><i src=1></i></textarea><script type="application/ld+json">{"articleBody":"<p data-x=1>t</p>"}</script><p data-y=2>x</p>"#;
        assert_eq!(
            strip_heavy(page),
            r#"<title>A <b data-x=1>b</b></title><textarea><i src=1></i></textarea><script type="application/ld+json">{"articleBody":"<p data-x=1>t</p>"}</script><p>x</p>"#
        );
        assert_eq!(
            strip_heavy("<p a=1>x<plaintext b=2><i c=3>"),
            "<p>x<plaintext><i c=3>"
        );
    }

    #[test]
    fn space_runs_shrink_outside_pre() {
        let page = "<div>\n    <p>a  b\t\tc</p>\n\n  <pre>  keep\n\n   this </pre>  x  </div>";
        assert_eq!(
            strip_heavy(page),
            "<div>\n<p>a b c</p>\n<pre>  keep\n\n   this </pre> x </div>"
        );
        // Nested pre, a listing, and text after <plaintext> keep every space.
        let page = "<pre>a  <pre>b  </pre>  c</pre>  d<listing> e  </LISTING >  f";
        assert_eq!(
            strip_heavy(page),
            "<pre>a  <pre>b  </pre>  c</pre> d<listing> e  </LISTING > f"
        );
        assert_eq!(strip_heavy("<plaintext>a   b"), "<plaintext>a   b");
        // Raw text, doctypes and end tags are copied as they are.
        assert_eq!(
            strip_heavy("<!DOCTYPE  html><title>a   b</title>  </p   >"),
            "<!DOCTYPE  html><title>a   b</title> </p   >"
        );
        // Non-breaking and other Unicode spaces are text, not HTML spaces.
        assert_eq!(
            strip_heavy("<p>a\u{A0}\u{A0}b \u{2003} c</p>"),
            "<p>a\u{A0}\u{A0}b \u{2003} c</p>"
        );
    }

    /// The tree html5ever builds, one line per node: depth, tag, kept attributes
    /// and text, with runs of HTML spaces made one (the pass shrinks them).
    fn tree(page: &str) -> String {
        let dom = super::super::dom::Dom::parse(page);
        let mut out = String::new();
        let mut depth = vec![0usize; dom.nodes.len()];
        for (i, n) in dom.nodes.iter().enumerate() {
            if i > 0 {
                depth[i] = depth[n.parent] + 1;
            }
            // The pass drops the attributes extraction does not read.
            let attrs: Vec<String> = n
                .attrs
                .iter()
                .filter(|a| kept(a.name.local.as_bytes()))
                .map(|a| format!("{}={:?}", &*a.name.local, &*a.value))
                .collect();
            let text = n.text.as_deref().unwrap_or("");
            let text = text.split(is_space_char).filter(|w| !w.is_empty());
            let text: Vec<&str> = text.collect();
            out += &format!("{} {} {attrs:?} {text:?}\n", depth[i], n.tag.as_str());
        }
        out
    }

    fn is_space_char(c: char) -> bool {
        c.is_ascii() && is_space(c as u8)
    }

    #[test]
    fn character_references_are_decoded_as_html5ever_would() {
        assert_eq!(
            strip_heavy("<p>A &lt;B&gt; &amp; C&#x27;s&nbsp;x&#8217;&#60;</p>"),
            "<p>A &#60;B> &#38; C's\u{A0}x\u{2019}&#60;</p>"
        );
        // Left as written: no `;`, unknown names, special numbers, raw
        // text, attribute values, CDATA.
        for page in [
            "<p>&amp &ampx; &AMP; &notin; &#0; &#13; &#x80; &#xD800; &#x110000; &#32; &#xFFFE; &#;</p>",
            "<title>&lt;a&gt;</title><textarea>&amp;lt;</textarea>",
            "<p class='&lt;'>x</p>",
            "<math><![CDATA[ a > b &amp; c ]]></math>",
        ] {
            assert_eq!(strip_heavy(page), page);
        }
        let pages = [
            "<p>&lt;p&gt;not a tag&lt;/p&gt; &amp;amp; &amp;lt; &#38;lt;</p>",
            "<table>&nbsp;&mdash;<tr><td>&quot;a&quot;&#x2019;</td></tr></table>",
            "<select>&bull;<option>&copy; &reg; &trade;</option></select>",
            "<p>&#128512; &#x1F600; &#xe9; &#00233; &#9999999; &#x7F; &#xFDD0;</p>",
            "<math><![CDATA[ a > b &amp; c ]]> &amp; </math>",
            "<pre>&lt;  &gt;\n\n&amp;</pre>&hellip;",
        ];
        for page in pages {
            assert_eq!(tree(&strip_heavy(page)), tree(page), "{page}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]
        #[test]
        fn decoded_references_build_the_same_tree(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-z<>;# ]{0,6}").unwrap(),
                    proptest::string::string_regex("&(#[0-9]{1,8}|#x[0-9a-fA-F]{1,7}|[a-zA-Z]{1,7});?").unwrap(),
                    proptest::sample::select(vec![
                        "<p>", "</p>", "<td>", "<table>", "<b>", "</b>", "<title>", "</title>", "<pre>",
                        "</pre>", "<math>", "<![CDATA[", "]]>", "&lt;", "&amp;", "&nbsp;", "</p a=\">\"",
                        "&gt;", "&quot;", "'", "\"", "=", "<!x>",
                    ]).prop_map(str::to_string),
                ],
                0..24,
            )
        ) {
            // Against the pass without decoding (whose own changes to odd
            // markup are not what this test is about).
            let page = parts.concat();
            proptest::prop_assert_eq!(tree(&strip_heavy(&page)), tree(&strip(&page, false, &mut Nesting::default())), "{}", page);
        }

        #[test]
        fn depth_never_underestimates_the_guard(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-z<>/ ]{0,4}").unwrap(),
                    proptest::sample::select(vec![
                        "<div>", "</div>", "<p>", "</p>", "<li>", "</li>", "<td>", "<dd>", "<dt>",
                        "<b>", "</b>", "<title>", "</title>", "<nav>", "</nav>", "<aside>", "<br/>",
                        "<div/>", "<!-- ", " -->", "<script>", "</script>", "<textarea>", "<a.b>",
                        "</a>", "<img src=\"<div>\">", "<p class='>'>", "< /div>", "</ div>", "<!x>",
                    ]).prop_map(str::to_string),
                ],
                0..40,
            )
        ) {
            // Where the guard is skipped, it would have found the page
            // shallow too.
            let (light, depth) = strip_measured(&parts.concat());
            let guarded = crate::normalize::guard::guard(&light).1.max_depth;
            proptest::prop_assert!(depth >= guarded, "{} {} {}", parts.concat(), depth, guarded);
        }
    }

    #[test]
    fn unclosed_tags_cut_to_the_end_without_panic() {
        for page in [
            "<p class=\"x",
            "<p class=",
            "<p class",
            "<p ",
            "<div a='b>",
            "<é<a é=1>",
        ] {
            let _ = strip_heavy(page);
        }
        assert_eq!(strip_heavy("<p>ok</p><script>never closed"), "<p>ok</p>");
        assert_eq!(strip_heavy("<p>ok</p><!-- never"), "<p>ok</p>");
        assert_eq!(strip_heavy("ü<"), "ü<");
        assert_eq!(strip_heavy("<script"), "<script");
    }
}
