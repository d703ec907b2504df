//! Cheap guards run on a page's markup *before* the HTML parser sees it, so
//! a hostile page cannot make extraction take minutes or gigabytes.
//!
//! * **Nesting**: html5ever's tree builder checks scopes by walking its stack
//!   of open elements, so a page nested 100,000 deep costs O(depth²) (over
//!   three minutes in a release build). Like browsers (Blink stops nesting at
//!   512), tags that would open deeper than [`MAX_DEPTH`] are dropped and
//!   their text kept.
//! * **Size**: large pages (over [`SLIM_ABOVE`]) are usually single-file
//!   archives: embedded images as `data:` URIs, inline scripts, styles and
//!   fonts. Those are cut out before parsing (JSON-LD scripts are kept: they
//!   carry the page's metadata). Markup still longer than
//!   [`MAX_MARKUP_BYTES`] after that is read up to that point only.
//!
//! It is a byte scanner, not a parser: it never builds a tree, never
//! allocates per element beyond a small stack entry, and leaves pages under
//! both limits byte-for-byte untouched.

use crate::ascii::find_ci;
use crate::fasthash::FastMap;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Deepest element nesting passed to the parser.
pub const MAX_DEPTH: usize = 512;
/// Pages longer than this get scripts, styles, comments and `data:` URIs cut.
pub const SLIM_ABOVE: usize = 2 * 1024 * 1024;
/// Markup read at most, after slimming.
pub const MAX_MARKUP_BYTES: usize = 2 * 1024 * 1024;
/// How far down the open-element stack an end tag looks for its start tag.
const END_TAG_SEARCH: usize = 256;
/// How far up the stack an implied end tag is looked for.
const IMPLIED_WINDOW: usize = 4;
/// `data:` URIs longer than this are replaced when slimming.
const MAX_DATA_URI: usize = 256;

/// What the guards did to a page (for tests and diagnostics).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GuardReport {
    /// Deepest nesting seen (by the scanner's estimate).
    pub max_depth: usize,
    /// Tags dropped because they opened too deep.
    pub dropped_tags: usize,
    /// Bytes of script, style, comment and `data:` URI removed.
    pub slimmed_bytes: usize,
    /// Bytes cut off at the end.
    pub truncated_bytes: usize,
}

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];
/// Elements whose content is raw text up to their end tag (the pre-pass
/// reads this list too).
pub(crate) const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];
/// Elements an identical (or sibling) start tag closes implicitly.
const AUTO_CLOSE: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp",
];
/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "li",
    "dd",
    "dt",
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Applies the guards. Returns the markup to parse and what was done.
pub fn guard(html: &str) -> (Cow<'_, str>, GuardReport) {
    let slim = html.len() > SLIM_ABOVE;
    if !slim {
        let report = scan(html, false, None);
        if report.max_depth <= MAX_DEPTH {
            return (Cow::Borrowed(html), report);
        }
    }
    let mut out = String::with_capacity(html.len().min(MAX_MARKUP_BYTES + 1024));
    let mut report = scan(html, slim, Some(&mut out));
    if out.len() > MAX_MARKUP_BYTES {
        // Cut before a tag so no tag is split; '<' is ASCII, so a char boundary.
        let cut = out.as_bytes()[..MAX_MARKUP_BYTES]
            .iter()
            .rposition(|&b| b == b'<')
            .filter(|&p| p > MAX_MARKUP_BYTES / 2)
            .unwrap_or_else(|| floor_char_boundary(&out, MAX_MARKUP_BYTES));
        report.truncated_bytes += out.len() - cut;
        out.truncate(cut);
    }
    (Cow::Owned(out), report)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One open element: a hash of its lower-case name, and whether its start
/// tag was passed on.
#[derive(Clone, Copy)]
struct Open {
    name: u64,
    kept: bool,
}

const fn name_hash(name: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < name.len() {
        h ^= name[i].to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

const HASH_P: u64 = name_hash(b"p");
const HASH_DT: u64 = name_hash(b"dt");
const HASH_DD: u64 = name_hash(b"dd");
const HASH_TD: u64 = name_hash(b"td");
const HASH_TH: u64 = name_hash(b"th");

/// Which of the lists above a tag name is in, looked up once per tag.
#[derive(Clone, Copy, Default)]
struct Class {
    void: bool,
    raw: bool,
    auto_close: bool,
    closes_p: bool,
}

fn classify(name: &[u8]) -> Class {
    // Every listed name is short; longer names are in none of the lists.
    let mut buf = [0u8; 10];
    if name.len() > buf.len() {
        return Class::default();
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    CLASSES.get(&buf[..name.len()]).copied().unwrap_or_default()
}

/// The [`Class`] of every listed name: one lookup per tag instead of four
/// list scans.
static CLASSES: LazyLock<FastMap<&'static [u8], Class>> = LazyLock::new(|| {
    let mut m: FastMap<&'static [u8], Class> = FastMap::default();
    for &n in VOID {
        m.entry(n.as_bytes()).or_default().void = true;
    }
    for &n in RAW {
        m.entry(n.as_bytes()).or_default().raw = true;
    }
    for &n in AUTO_CLOSE {
        m.entry(n.as_bytes()).or_default().auto_close = true;
    }
    for &n in CLOSES_P {
        m.entry(n.as_bytes()).or_default().closes_p = true;
    }
    m
});

/// End of a tag that starts at `start` (`<`): the index after its `>`,
/// skipping quoted attribute values.
pub(crate) fn tag_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    // Tags are short: a byte loop beats a vector search's set-up.
    let next = |i: usize| {
        b[i..]
            .iter()
            .position(|&c| matches!(c, b'>' | b'"' | b'\''))
    };
    while let Some(p) = next(i) {
        let at = i + p;
        let c = b[at];
        if c == b'>' {
            return at + 1;
        }
        // Only a quote right after `=` (possibly spaced) opens a value.
        let mut j = at;
        while j > start && b[j - 1].is_ascii_whitespace() {
            j -= 1;
        }
        if j > start && b[j - 1] == b'=' {
            match memchr::memchr(c, &b[at + 1..]) {
                Some(q) => i = at + 1 + q + 1,
                None => return b.len(),
            }
        } else {
            i = at + 1;
        }
    }
    b.len()
}

/// Copies `tag` to `out`, shortening long `data:` URIs in attribute values.
fn push_tag_slimmed(tag: &str, out: &mut String, report: &mut GuardReport) {
    let b = tag.as_bytes();
    let mut last = 0;
    let mut from = 0;
    while let Some(at) = find_ci(b, from, b"data:") {
        // Must start an attribute value: preceded by a quote or `=`.
        let prev = if at > 0 { b[at - 1] } else { 0 };
        if !matches!(prev, b'"' | b'\'' | b'=') {
            from = at + 5;
            continue;
        }
        let end = b[at..]
            .iter()
            .position(|&c| c == prev || (prev == b'=' && (c.is_ascii_whitespace() || c == b'>')))
            .map(|p| at + p)
            .unwrap_or(b.len());
        if end - at > MAX_DATA_URI {
            out.push_str(&tag[last..at]);
            out.push_str("data:,");
            report.slimmed_bytes += end - at - 6;
            last = end;
        }
        from = end.max(at + 5);
    }
    out.push_str(&tag[last..]);
}

/// The scanner. With `out`, writes the guarded markup there; returns what
/// it saw (and did).
/// The name at the start of a tag's text (after `<` or `</`): ASCII
/// letters, digits, `-` and `:`.
pub(crate) fn tag_name(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
        .unwrap_or(b.len());
    &b[..end]
}

/// The scanner's estimate of the parser's stack of open elements, fed one
/// tag at a time (names from [`tag_name`]; raw-text elements, whose
/// content is skipped, are not fed). The pre-pass feeds it the tags it
/// writes, so a page that never nests deeper than [`MAX_DEPTH`] is not
/// scanned again.
#[derive(Default)]
pub(crate) struct Nesting {
    stack: Vec<Open>,
    /// Deepest nesting seen.
    pub max_depth: usize,
}

impl Nesting {
    /// A start tag: whether it is passed on (it would not open deeper than
    /// [`MAX_DEPTH`]).
    pub fn start(&mut self, name: &[u8], self_closing: bool) -> bool {
        self.start_classified(name, classify(name), self_closing)
    }

    fn start_classified(&mut self, name: &[u8], class: Class, self_closing: bool) -> bool {
        let stack = &mut self.stack;
        if self_closing || class.void {
            // A void element deep down adds nothing but parser work.
            return stack.len() < MAX_DEPTH;
        }
        // Implied end tags: a new <li> closes the open <li> (and <p>) a
        // few levels up, a block closes an open <p>, and so on.
        let h = name_hash(name);
        let dt_dd = h == HASH_DT || h == HASH_DD;
        let td_th = h == HASH_TD || h == HASH_TH;
        let sibling = |o: &Open| {
            o.name == h
                || (dt_dd && (o.name == HASH_DT || o.name == HASH_DD))
                || (td_th && (o.name == HASH_TD || o.name == HASH_TH))
        };
        let lo = stack.len().saturating_sub(IMPLIED_WINDOW);
        let closes = if class.auto_close {
            stack[lo..].iter().rposition(sibling)
        } else {
            None
        }
        .or_else(|| {
            class
                .closes_p
                .then(|| stack[lo..].iter().rposition(|o| o.name == HASH_P))
                .flatten()
        });
        if let Some(pos) = closes {
            stack.truncate(lo + pos);
        }
        let kept = stack.len() < MAX_DEPTH;
        stack.push(Open { name: h, kept });
        self.max_depth = self.max_depth.max(stack.len());
        kept
    }

    /// An end tag: whether it is passed on (its start tag was).
    pub fn end(&mut self, name: &[u8]) -> bool {
        let h = name_hash(name);
        let lo = self.stack.len().saturating_sub(END_TAG_SEARCH);
        match self.stack[lo..].iter().rposition(|o| o.name == h) {
            Some(pos) => {
                let kept = self.stack[lo + pos].kept;
                self.stack.truncate(lo + pos);
                kept
            }
            None => true,
        }
    }
}

fn scan(html: &str, slim: bool, mut out: Option<&mut String>) -> GuardReport {
    let b = html.as_bytes();
    let mut report = GuardReport::default();
    let mut nesting = Nesting::default();
    let mut last = 0usize; // start of text not yet copied to `out`
    let mut i = 0usize;
    // Copies html[last..upto] and moves `last` to `resume`.
    macro_rules! skip_span {
        ($upto:expr, $resume:expr) => {{
            if let Some(o) = out.as_deref_mut() {
                o.push_str(&html[last..$upto]);
            }
            last = $resume;
        }};
    }
    let mut stopped_at = None;
    while let Some(rel) = memchr::memchr(b'<', &b[i..]) {
        let start = i + rel;
        // Past the markup limit the rest would be cut anyway: stop here.
        if let Some(o) = out.as_deref()
            && o.len() > MAX_MARKUP_BYTES
        {
            stopped_at = Some(last);
            break;
        }
        let next = b.get(start + 1).copied().unwrap_or(0);
        if b[start..].starts_with(b"<!--") {
            let end = memchr::memmem::find(&b[start + 4..], b"-->")
                .map(|p| start + 4 + p + 3)
                .unwrap_or(b.len());
            if slim {
                report.slimmed_bytes += end - start;
                skip_span!(start, end);
            }
            i = end;
            continue;
        }
        if next == b'!' || next == b'?' {
            i = tag_end(b, start);
            continue;
        }
        let closing = next == b'/';
        let name_start = start + 1 + usize::from(closing);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let name = tag_name(&b[name_start..]);
        let end = tag_end(b, start);
        let self_closing = end >= 2 && b[end - 2] == b'/' && end - 2 > start;
        if closing {
            if !nesting.end(name) {
                report.dropped_tags += 1;
                skip_span!(start, end);
            }
            i = end;
            continue;
        }
        let class = classify(name);
        if class.raw {
            // Raw text runs to the matching end tag.
            let mut close = Vec::with_capacity(name.len() + 2);
            close.extend_from_slice(b"</");
            close.extend_from_slice(name);
            let body_end = find_ci(b, end, &close).unwrap_or(b.len());
            let after = if body_end < b.len() {
                tag_end(b, body_end)
            } else {
                b.len()
            };
            let keep_script = name.eq_ignore_ascii_case(b"script")
                && find_ci(&b[start..end], 0, b"ld+json").is_some();
            let cut = slim
                && (name.eq_ignore_ascii_case(b"style")
                    || (name.eq_ignore_ascii_case(b"script") && !keep_script));
            if cut {
                report.slimmed_bytes += after - start;
                skip_span!(start, after);
            } else if slim && let Some(o) = out.as_deref_mut() {
                o.push_str(&html[last..start]);
                push_tag_slimmed(&html[start..end], o, &mut report);
                last = end;
            }
            i = after;
            continue;
        }
        if !nesting.start_classified(name, class, self_closing) {
            report.dropped_tags += 1;
            skip_span!(start, end);
            i = end;
            continue;
        }
        if slim && let Some(o) = out.as_deref_mut() {
            o.push_str(&html[last..start]);
            push_tag_slimmed(&html[start..end], o, &mut report);
            last = end;
        }
        i = end;
    }
    report.max_depth = nesting.max_depth;
    match (out, stopped_at) {
        (Some(_), Some(at)) => report.truncated_bytes = html.len() - at,
        (Some(o), None) => o.push_str(&html[last..]),
        (None, _) => {}
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<!doctype html><html><head><title>T</title><script>if (a<b) x='</div>';</script></head>\
                    <body><ul><li>one<li>two</ul><p>a<p>b<div><p>c</div><img src=x><br/></body></html>";
        let (out, r) = guard(page);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert!(r.max_depth < 10, "{r:?}");
        // Thousands of unclosed paragraphs and list items do not drift deep.
        let many = format!("<body>{}</body>", "<p>para<li>item".repeat(5_000));
        assert!(guard(&many).1.max_depth < 10);
    }

    #[test]
    fn deep_nesting_is_capped_and_text_kept() {
        let page = format!(
            "<html><body>{}<b>deep text</b>{}<p>after</p></body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let (out, r) = guard(&page);
        assert_eq!(r.max_depth, 100_003);
        assert!(out.matches("<div>").count() <= MAX_DEPTH);
        assert_eq!(out.matches("<div>").count(), out.matches("</div>").count());
        assert!(out.contains("deep text") && out.contains("<p>after</p>"));
        // Unclosed, too.
        let page = format!("<body>{}deep text", "<span>".repeat(100_000));
        let (out, _) = guard(&page);
        assert!(out.matches("<span>").count() <= MAX_DEPTH && out.contains("deep text"));
    }

    #[test]
    fn large_pages_lose_embedded_payloads_but_keep_json_ld() {
        let image = "A".repeat(3 * 1024 * 1024);
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{{\"headline\":\"H\"}}</script>\
             <style>body{{color:red}}</style><script>var big=1;</script></head>\
             <body><!-- comment --><img src=\"data:image/png;base64,{image}\" alt=x>\
             <p>Article text.</p></body></html>"
        );
        let (out, r) = guard(&page);
        assert!(out.len() < 1000, "{}", out.len());
        assert!(out.contains("ld+json") && out.contains("\"headline\""));
        assert!(out.contains("<img src=\"data:,\" alt=x>"), "{out}");
        assert!(!out.contains("var big") && !out.contains("color:red") && !out.contains("comment"));
        assert!(out.contains("<p>Article text.</p>"));
        assert!(r.slimmed_bytes > 3 * 1024 * 1024);
    }

    #[test]
    fn huge_markup_is_cut_at_a_tag() {
        let page = format!(
            "<html><body>{}</body></html>",
            "<p>Some words of text é.</p>".repeat(200_000)
        );
        let (out, r) = guard(&page);
        assert!(out.len() <= MAX_MARKUP_BYTES);
        assert!(out.ends_with("</p>"), "{}", &out[out.len() - 20..]);
        assert!(r.truncated_bytes > 0);
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "<",
            "</",
            "<a",
            "<a href='",
            "<!--",
            "<script",
            "<script>",
            "</x>",
            "<a b=\"data:",
            "<p/>",
            "<\u{e9}>",
            "<a\u{e9}b>",
        ] {
            let _ = guard(s);
            let _ = scan(s, true, Some(&mut String::new()));
        }
    }
}
