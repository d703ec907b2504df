//! HTML page → [`Extracted`]: main-content selection and page metadata.
//!
//! A byte-level pre-pass (`prepass`) drops script, style and svg bodies and
//! comments (JSON-LD kept), the [`super::guard`] caps nesting and size, and
//! html5ever parses the rest straight into a flat arena (`dom`) so every
//! pass is a loop, never a recursion (pages nest 100,000 deep). Passes: (1) metadata from JSON-LD
//! (`@graph`, arrays, `@id` links), microdata, `<meta>`, `<link>`, `<time>`,
//! `<title>`; (2) clutter marking by tag and class/id hints, except for the
//! element that holds most of the page's prose; (3) content scoring by
//! paragraph text, commas and link density, readability-style, climbing to
//! the ancestor of split article sections, with siblings of the best block
//! merged back in; (4) the chosen blocks are written out as plain HTML and
//! html2text renders them, paragraph breaks kept. Then title, publisher,
//! date and authors are picked from all sources by precedence. Captions and
//! bylines found in the page go to their own fields. No site-specific rules;
//! nothing here knows about datelines or people.

use super::{DateSource, Extracted};
use crate::fasthash::FastMap;
use crate::metadata::{byline, date};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

mod dom;
mod prepass;
mod stand_in;

use dom::{Dom, N, ROOT_PARENT};

/// Elements that never hold article text.
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "button",
    "select", "option", "template", "textarea", "input", "label", "object", "embed", "canvas",
    "video", "audio", "map", "head", "title", "meta", "link", "dialog", "menu",
];

/// Class/id words of page furniture. Matched as whole words of the
/// attribute split on `-`, `_`, space.
const NEGATIVE: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "header",
    "masthead",
    "sidebar",
    "aside",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recommendations",
    "comment",
    "comments",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "promotion",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adslot",
    "sponsor",
    "sponsored",
    "cookie",
    "cookies",
    "consent",
    "banner",
    "popup",
    "modal",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "tag",
    "toolbar",
    "widget",
    "outbrain",
    "taboola",
    "disqus",
    "signup",
    "login",
    "paywall",
    "more",
    "trending",
    "popular",
    "most",
    "teaser",
    "author-bio",
    "bio",
    "byline",
    "caption",
    "credit",
    "credits",
    "hidden",
    "skip",
    "print",
    "rss",
    "follow",
    "pagination",
    "pager",
    "jump",
    "toc",
    "video",
    "gallery",
    "slideshow",
    "carousel",
    "timestamp",
    "dateline-meta",
];

/// Class/id words of article bodies.
const POSITIVE: &[&str] = &[
    "article",
    "articlebody",
    "article-body",
    "story",
    "storybody",
    "story-body",
    "content",
    "entry",
    "entry-content",
    "post",
    "post-content",
    "text",
    "body",
    "main",
    "blog",
    "prose",
    "paragraph",
    "rich",
    "richtext",
];

/// The words of a class/id string ([`class_flags`] splits the same way,
/// by bytes).
#[cfg(test)]
fn words(classes: &str) -> impl Iterator<Item = &str> {
    classes
        .split([' ', '-', '_', ':'])
        .filter(|w| !w.is_empty())
}

/// What a node's class/id words say, read once per node (see
/// [`class_flags`]).
const C_NEGATIVE: u16 = 1;
/// A word in [`POSITIVE`].
const C_POSITIVE_WORD: u16 = 2;
/// A whole class in [`POSITIVE`], or a word naming the article's body.
const C_POSITIVE: u16 = 4;
const C_DATE: u16 = 8;
const C_COMMENTS: u16 = 16;
const C_BYLINE: u16 = 32;
const C_CAPTION: u16 = 64;

/// The `C_` flags each listed class word gives.
static CLASS_WORDS: LazyLock<FastMap<&'static str, u16>> = LazyLock::new(|| {
    let mut m: FastMap<&'static str, u16> = FastMap::default();
    let mut add = |words: &[&'static str], flag: u16| {
        for &w in words {
            *m.entry(w).or_default() |= flag;
        }
    };
    add(NEGATIVE, C_NEGATIVE);
    add(POSITIVE, C_POSITIVE_WORD);
    add(
        &[
            "article", "story", "content", "body", "entry", "post", "text",
        ],
        C_POSITIVE,
    );
    add(
        &[
            "date",
            "time",
            "datetime",
            "published",
            "pubdate",
            "posted",
            "timestamp",
            "dateline",
            "byline",
            "meta",
        ],
        C_DATE,
    );
    add(&["byline", "author", "authors"], C_BYLINE);
    add(
        &["comment", "comments", "respond", "discussion", "replies"],
        C_COMMENTS,
    );
    add(&["caption", "figcaption"], C_CAPTION);
    m
});

/// For each first byte, bit `n` set when some word in [`CLASS_WORDS`]
/// starting with it is `n` bytes long: most class words (`items`, `px`,
/// `4`) are told apart from every listed word without hashing.
static CLASS_WORD_LENS: LazyLock<[u64; 256]> = LazyLock::new(|| {
    let mut t = [0u64; 256];
    for w in CLASS_WORDS.keys() {
        t[usize::from(w.as_bytes()[0])] |= 1 << w.len();
    }
    t
});

/// The flags of one class word (lower-case).
fn word_flags(w: &str) -> u16 {
    match w.as_bytes() {
        [first, ..] if w.len() < 64 && CLASS_WORD_LENS[usize::from(*first)] >> w.len() & 1 == 1 => {
            CLASS_WORDS.get(w).copied().unwrap_or(0)
        }
        _ => 0,
    }
}

/// Calls `f` with each word of a class/id string: the words of `words`,
/// split by bytes (the separators are ASCII); `f` returning true stops.
fn for_each_word(classes: &str, mut f: impl FnMut(&str) -> bool) {
    let b = classes.as_bytes();
    let mut start = 0;
    for i in 0..=b.len() {
        if i == b.len() || matches!(b[i], b' ' | b'-' | b'_' | b':') {
            if f(&classes[start..i]) {
                return;
            }
            start = i + 1;
        }
    }
}

/// The `C_` flags of a class/id string: one lookup per word, and a whole
/// class in [`POSITIVE`] counts as positive.
fn class_flags(classes: &str) -> u16 {
    if classes.is_empty() {
        return 0;
    }
    let mut f = 0;
    for_each_word(classes, |w| {
        f |= word_flags(w);
        false
    });
    // A word in POSITIVE is needed for a whole class to be in it.
    if f & C_POSITIVE_WORD != 0
        && classes
            .split_whitespace()
            .any(|c| CLASS_WORDS.get(c).is_some_and(|f| f & C_POSITIVE_WORD != 0))
    {
        f |= C_POSITIVE;
    }
    f
}

/// Whether a `class` or `id` value (as written) can tell extraction
/// anything; the pre-pass drops the others, so html5ever never tokenizes
/// utility classes (`flex items-center px-4`). A value read is one with
/// a word [`class_flags`] knows, or a marker `classes_of` (the DOM) adds; one
/// with a character reference, a space other than U+0020 (whole classes
/// and words split differently there) or a non-ASCII byte is kept as is.
fn class_value_read(value: &[u8]) -> bool {
    if value
        .iter()
        .any(|&c| !c.is_ascii() || c == b'&' || (c.is_ascii_whitespace() && c != b' ') || c == 0x0b)
    {
        return true;
    }
    let mut buf = [0u8; 128];
    let owned;
    let lower: &str = if value.len() <= buf.len() {
        let b = &mut buf[..value.len()];
        b.copy_from_slice(value);
        b.make_ascii_lowercase();
        std::str::from_utf8(b).expect("ASCII")
    } else {
        owned = String::from_utf8_lossy(value).to_ascii_lowercase();
        &owned
    };
    // Any word with a flag is enough (a whole positive class holds one).
    let mut read = false;
    for_each_word(lower, |w| {
        read = word_flags(w) != 0;
        read
    });
    read || lower.contains("hidden-by-style") || lower.contains("itemprop-articlebody")
}

/// The class weight the flags give: −25 for a negative word, +25 for a
/// positive class or body word.
fn weight_of(flags: u16) -> f32 {
    let mut w = 0.0;
    if flags & C_NEGATIVE != 0 {
        w -= 25.0;
    }
    if flags & C_POSITIVE != 0 {
        w += 25.0;
    }
    w
}

/// Page metadata gathered before content selection.
#[derive(Default, Debug)]
struct PageMeta {
    title_tag: Option<String>,
    og_title: Option<String>,
    h1: Vec<String>,
    /// `og:site_name`.
    site_name: Option<String>,
    /// `<meta name="application-name">`.
    app_name: Option<String>,
    /// `itemprop="publisher"` microdata's name.
    micro_publisher: Option<String>,
    ld: LdMeta,
    meta_date: Option<String>,
    meta_authors: Vec<String>,
    /// Text of `rel="author"` links and `itemprop="author"` elements.
    visible_authors: Vec<String>,
    /// `<time datetime>` values, the publication one first.
    time_datetime: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    lang: Option<String>,
    og_locale: Option<String>,
}

#[derive(Default, Debug)]
struct LdMeta {
    headline: Option<String>,
    date_published: Option<String>,
    /// `datePublished` of a node that is not an article (`WebPage`...).
    other_date: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    url: Option<String>,
    source: Option<String>,
    body: Option<String>,
}

fn text_of(dom: &Dom, root: usize) -> String {
    raw_text(
        dom,
        root,
        |_, n| matches!(n.tag.as_str(), "br" | "p" | "div" | "li"),
        ' ',
    )
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
}

/// Text of a subtree with a line break at every `<br>` and block, spaces
/// collapsed inside lines; bylines are split into names on these breaks.
fn lines_of(dom: &Dom, root: usize) -> String {
    let breaks =
        |i: usize, n: &N| n.tag == "br" || is_block(&n.tag) || n.tag == "span" && i != root;
    raw_text(dom, root, breaks, '\n')
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text nodes under `root` in document order (scripts and templates
/// left out), with `sep` written before each element `breaks` picks.
fn raw_text(dom: &Dom, root: usize, breaks: impl Fn(usize, &N) -> bool, sep: char) -> String {
    let mut out = String::new();
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        let n = &dom.nodes[i];
        if let Some(t) = &n.text {
            out.push_str(t);
        } else if !matches!(n.tag.as_str(), "script" | "style" | "noscript" | "template") {
            if breaks(i, n) {
                out.push(sep);
            }
            stack.extend(dom.children(i).iter().rev());
        }
    }
    out
}

fn is_article_type(v: &Value) -> bool {
    let check = |s: &str| {
        let s = s.rsplit('/').next().unwrap_or(s);
        s.ends_with("Article")
            || matches!(
                s,
                "BlogPosting"
                    | "Report"
                    | "LiveBlogPosting"
                    | "SocialMediaPosting"
                    | "NewsArticle"
                    | "Review"
                    | "OpinionNewsArticle"
                    | "Posting"
            )
    };
    match v.get("@type") {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().map(check).unwrap_or(false)),
        _ => false,
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    match v.get("@type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(t)),
        _ => false,
    }
}

/// JSON-LD nodes by `@id`, so `"author": {"@id": ...}` finds its Person.
type LdIds<'a> = std::collections::HashMap<&'a str, &'a Value>;

fn index_ids<'a>(v: &'a Value, ids: &mut LdIds<'a>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| index_ids(x, ids, depth + 1)),
        Value::Object(o) => {
            if let Some(id) = o.get("@id").and_then(Value::as_str)
                && o.len() > 1
            {
                ids.entry(id).or_insert(v);
            }
            if let Some(g) = o.get("@graph") {
                index_ids(g, ids, depth + 1);
            }
        }
        _ => {}
    }
}

/// A node, or the node its `@id` reference points at.
fn resolve<'a>(v: &'a Value, ids: &LdIds<'a>) -> &'a Value {
    if let Value::Object(o) = v
        && o.len() == 1
        && let Some(id) = o.get("@id").and_then(Value::as_str)
    {
        return ids.get(id).copied().unwrap_or(v);
    }
    v
}

fn ld_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(|n| match n {
            Value::String(s) => Some(s.clone()),
            Value::Array(a) => a.first().and_then(|x| x.as_str()).map(str::to_string),
            _ => None,
        }),
        Value::Array(a) => a.first().and_then(ld_name),
        _ => None,
    }
}

fn ld_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.first().and_then(|x| ld_str(Some(x))),
        Value::Object(o) => o
            .get("@id")
            .or_else(|| o.get("url"))
            .and_then(|x| x.as_str())
            .map(str::to_string),
        _ => None,
    }
}

/// Walks JSON-LD (objects, arrays, `@graph`) and fills what an Article node states.
fn read_ld(v: &Value, ids: &LdIds<'_>, out: &mut LdMeta, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| read_ld(x, ids, out, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                read_ld(g, ids, out, depth + 1);
            }
            if !is_article_type(v) {
                if out.other_date.is_none() {
                    out.other_date = ld_str(o.get("datePublished"));
                }
                return;
            }
            if out.headline.is_none() {
                out.headline = o
                    .get("headline")
                    .and_then(|h| h.as_str())
                    .map(str::to_string);
            }
            if out.date_published.is_none() {
                out.date_published =
                    ld_str(o.get("datePublished")).or_else(|| ld_str(o.get("dateCreated")));
            }
            if out.body.is_none() {
                out.body = o
                    .get("articleBody")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            if out.authors.is_empty() {
                let authors = match o.get("author").or_else(|| o.get("creator")) {
                    Some(Value::Array(a)) => a.iter().collect::<Vec<_>>(),
                    Some(x) => vec![x],
                    None => vec![],
                };
                for a in authors {
                    let a = resolve(a, ids);
                    let is_org = a.get("@type").is_some() && !has_type(a, "Person");
                    if let Some(name) = ld_name(a) {
                        if is_org || crate::metadata::source::canonical(&name).is_some() {
                            if out.source.is_none() {
                                out.source = Some(name);
                            }
                        } else {
                            out.authors.push(name);
                        }
                    }
                }
            }
            if out.publisher.is_none() {
                out.publisher = o
                    .get("publisher")
                    .map(|p| resolve(p, ids))
                    .and_then(ld_name);
            }
            if out.url.is_none() {
                out.url = ld_str(o.get("url")).or_else(|| ld_str(o.get("mainEntityOfPage")));
            }
        }
        _ => {}
    }
}

/// Reads every JSON-LD block of a page into `out`.
fn read_ld_blocks(blocks: &[Value], out: &mut LdMeta) {
    let mut ids = LdIds::new();
    for b in blocks {
        index_ids(b, &mut ids, 0);
    }
    for b in blocks {
        read_ld(b, &ids, out, 0);
    }
}

/// `<meta>` keys (`property`, else `name`, else `itemprop`, lower-cased)
/// that give the title.
const META_TITLE: &[&str] = &["og:title", "twitter:title"];
/// ... the site's name.
const META_SITE_NAME: &[&str] = &["og:site_name"];
/// ... the application's name.
const META_APP_NAME: &[&str] = &["application-name", "apple-mobile-web-app-title"];
/// ... the page's address.
const META_URL: &[&str] = &["og:url"];
/// ... the locale.
const META_LOCALE: &[&str] = &["og:locale"];
/// ... the publication date.
const META_DATE: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pub_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.created",
    "dcterms.issued",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "article_date_original",
    "published_time",
    "cxenseparse:recs:publishtime",
    "original-publish-date",
];
/// ... an author.
const META_AUTHOR: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
];
/// Every `<meta>` key extraction reads.
const META_KEYS: &[&[&str]] = &[
    META_TITLE,
    META_SITE_NAME,
    META_APP_NAME,
    META_URL,
    META_LOCALE,
    META_DATE,
    META_AUTHOR,
];

/// Whether a `<meta>` with this key (its `property`, else `name` value,
/// as written) is read; the pre-pass drops the others.
fn meta_read(key: &[u8]) -> bool {
    let key = key.to_ascii_lowercase();
    META_KEYS
        .iter()
        .flat_map(|l| l.iter())
        .any(|k| k.as_bytes() == key)
}

fn collect_meta(dom: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    let mut ld_blocks: Vec<Value> = Vec::new();
    let mut times: Vec<(bool, String)> = Vec::new();
    for (i, el) in dom.nodes.iter().enumerate() {
        if el.text.is_some() || el.tag == "#document" {
            continue;
        }
        let itemprop = el.attr("itemprop").unwrap_or("");
        if itemprop.eq_ignore_ascii_case("author")
            || el
                .attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|w| w == "author"))
        {
            let t = match el.attr("content") {
                Some(c) => c.split_whitespace().collect::<Vec<_>>().join(" "),
                None => dom.all_text(i),
            };
            if !t.is_empty() && t.len() < 120 && !m.visible_authors.contains(&t) {
                m.visible_authors.push(t);
            }
        }
        if itemprop.eq_ignore_ascii_case("publisher") && m.micro_publisher.is_none() {
            for d in dom.subtree(i) {
                let e = &dom.nodes[d];
                if e.text.is_none() && e.attr("itemprop") == Some("name") {
                    let t = match e.attr("content") {
                        Some(c) => c.trim().to_string(),
                        None => dom.all_text(d),
                    };
                    if !t.is_empty() {
                        m.micro_publisher = Some(t);
                        break;
                    }
                }
            }
        }
        match el.tag.as_str() {
            "html" if m.lang.is_none() => {
                m.lang = el
                    .attr("lang")
                    .or_else(|| el.attr("xml:lang"))
                    .map(str::to_string);
            }
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty())
                else {
                    continue;
                };
                let content = content.to_string();
                let k = key.as_str();
                let is = |list: &[&str]| list.contains(&k);
                if is(META_TITLE) {
                    m.og_title.get_or_insert(content);
                } else if is(META_SITE_NAME) {
                    m.site_name.get_or_insert(content);
                } else if is(META_APP_NAME) {
                    m.app_name.get_or_insert(content);
                } else if is(META_URL) {
                    m.og_url.get_or_insert(content);
                } else if is(META_LOCALE) {
                    m.og_locale.get_or_insert(content);
                } else if is(META_DATE) {
                    m.meta_date.get_or_insert(content);
                } else if is(META_AUTHOR)
                    && !content.starts_with("http")
                    && !m.meta_authors.contains(&content)
                {
                    m.meta_authors.push(content);
                }
            }
            "link"
                if m.canonical.is_none()
                    && el
                        .attr("rel")
                        .map(|r| r.eq_ignore_ascii_case("canonical"))
                        .unwrap_or(false) =>
            {
                m.canonical = el.attr("href").map(str::to_string);
            }
            "time" => {
                if let Some(dt) = el.attr("datetime") {
                    let class = el.attr("class").unwrap_or("").to_ascii_lowercase();
                    let published = el.attr("pubdate").is_some()
                        || itemprop.eq_ignore_ascii_case("datepublished")
                        || class.contains("pub");
                    let updated = itemprop.eq_ignore_ascii_case("datemodified")
                        || class.contains("updated")
                        || class.contains("modified");
                    if !updated {
                        times.push((published, dt.to_string()));
                    }
                }
            }
            "script"
                if el
                    .attr("type")
                    .map(|t| t.eq_ignore_ascii_case("application/ld+json"))
                    .unwrap_or(false) =>
            {
                let text: String = dom
                    .children(i)
                    .iter()
                    .filter_map(|&c| dom.nodes[c].text.as_deref())
                    .collect();
                let text = text.trim();
                let text = text.trim_end_matches(';');
                if let Ok(v) = serde_json::from_str::<Value>(text) {
                    ld_blocks.push(v);
                } else {
                    // Raw control characters inside strings are the usual fault.
                    let cleaned: String = text
                        .chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .collect();
                    if let Ok(v) = serde_json::from_str::<Value>(&cleaned) {
                        ld_blocks.push(v);
                    }
                }
            }
            _ => {}
        }
    }
    read_ld_blocks(&ld_blocks, &mut m.ld);
    m.time_datetime = times
        .iter()
        .find(|t| t.0)
        .or_else(|| times.first())
        .map(|t| t.1.clone());
    for (i, n) in dom.nodes.iter().enumerate() {
        match n.tag.as_str() {
            "title" if m.title_tag.is_none() => m.title_tag = Some(text_of(dom, i)),
            "h1" => {
                let t = text_of(dom, i);
                if !t.is_empty() {
                    m.h1.push(t);
                }
            }
            _ => {}
        }
    }
    m
}

/// Folded comparison key.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The `<title>` without its site-name part ("Story | Site" → "Story").
fn strip_site(title: &str, site: Option<&str>) -> String {
    let seps = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "];
    let mut t = title.trim().to_string();
    for round in 0..2 {
        let mut best: Option<(usize, usize)> = None;
        for s in seps {
            if let Some(p) = t.rfind(s) {
                if best.map(|b| p > b.0).unwrap_or(true) {
                    best = Some((p, s.len()));
                }
            }
        }
        let Some((p, l)) = best else { break };
        let tail = &t[p + l..];
        let names_site = site
            .map(|s| {
                let (fs, ft) = (fold(s), fold(tail));
                !fs.is_empty()
                    && !ft.is_empty()
                    && (fs == ft || ft.contains(&fs) || fs.contains(&ft))
            })
            .unwrap_or(false);
        let short = round == 0 && site.is_none() && tail.split_whitespace().count() <= 3;
        let is_site = names_site || short;
        if is_site && p > 0 {
            t = t[..p].trim().to_string();
        } else {
            break;
        }
    }
    t
}

/// Tags that never hold article text, whatever they contain.
fn never_text(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "svg"
            | "template"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "button"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
    )
}

/// Per-node text figures, accumulated bottom-up (children follow their
/// parents in the arena). Dropped nodes count nothing.
struct Lengths {
    text: Vec<usize>,
    link: Vec<usize>,
    commas: Vec<usize>,
    /// Text outside links inside `<p>`, `<pre>`, `<blockquote>`: prose.
    prose: Vec<usize>,
}

fn lengths(dom: &Dom, dropped: Option<&[bool]>) -> Lengths {
    let n = dom.nodes.len();
    let mut l = Lengths {
        text: vec![0; n],
        link: vec![0; n],
        commas: vec![0; n],
        prose: vec![0; n],
    };
    // in_p / in_a flow down (parents precede children).
    let mut in_p = vec![false; n];
    let mut in_a = vec![false; n];
    for i in 0..n {
        let node = &dom.nodes[i];
        let p = node.parent;
        if p != ROOT_PARENT {
            in_p[i] = in_p[p];
            in_a[i] = in_a[p];
        }
        match node.tag.as_str() {
            "p" | "pre" | "blockquote" => in_p[i] = true,
            "a" => in_a[i] = true,
            _ => {}
        }
    }
    for i in (0..n).rev() {
        if dropped.is_some_and(|d| d[i]) {
            continue;
        }
        if dom.nodes[i].text.is_some() {
            l.text[i] = dom.nodes[i].text_len;
            l.commas[i] = dom.nodes[i].commas;
            if in_a[i] {
                l.link[i] = l.text[i];
            } else if in_p[i] {
                l.prose[i] = l.text[i];
            }
        }
        let p = dom.nodes[i].parent;
        if p != ROOT_PARENT {
            l.text[p] += l.text[i];
            l.link[p] += l.link[i];
            l.commas[p] += l.commas[i];
            l.prose[p] += l.prose[i];
        }
    }
    l
}

fn link_density(l: &Lengths, i: usize) -> f32 {
    if l.text[i] > 0 {
        l.link[i] as f32 / l.text[i] as f32
    } else {
        1.0
    }
}

/// Extracts the article from an HTML page.
pub fn extract(text: &str) -> Extracted {
    let (light, depth) = prepass::strip_measured(text);
    // The guard scans the page again only when the pre-pass saw it nest
    // too deep or it is long enough to slim.
    let markup = if depth > super::guard::MAX_DEPTH || light.len() > super::guard::SLIM_ABOVE {
        super::guard::guard(&light).0
    } else {
        std::borrow::Cow::Borrowed(light.as_str())
    };
    let dom = Dom::parse(&markup);
    let meta = collect_meta(&dom);
    let n = dom.nodes.len();

    // A node holding most of the page's prose is the article's container,
    // whatever its class or tag says ("has-sidebar", an ASP.NET <form>).
    let raw = lengths(&dom, None);
    let total_prose = raw.prose.first().copied().unwrap_or(0);
    let holds_article = |i: usize| total_prose > 200 && raw.prose[i] * 2 > total_prose;

    // Clutter: dropped by tag or by class, inherited by descendants.
    let mut dropped = vec![false; n];
    let mut captions: Vec<String> = Vec::new();
    let mut bylines: Vec<String> = Vec::new();
    let mut first_h1: Option<usize> = None;
    let mut date_lines: Vec<(usize, String)> = Vec::new();
    let mut copyright: Option<String> = None;
    let mut in_comments = vec![false; n];
    let cflags: Vec<u16> = dom.nodes.iter().map(|n| class_flags(&n.classes)).collect();
    for i in 0..n {
        let node = &dom.nodes[i];
        let parent_dropped = node.parent != ROOT_PARENT && dropped[node.parent];
        if let Some(t) = &node.text {
            dropped[i] = parent_dropped;
            if copyright.is_none() && (t.contains('©') || t.contains("Copyright")) {
                copyright = copyright_holder(t);
            }
            continue;
        }
        let tag = node.tag.as_str();
        if tag == "h1" && first_h1.is_none() {
            first_h1 = Some(i);
        }
        // Date lines are read even in dropped page furniture.
        let cf = cflags[i];
        if cf & C_DATE != 0 && raw.text[i] < 120 {
            let t = text_of(&dom, i);
            let l = t.to_lowercase();
            if !l.contains("updated") && !l.contains("modified") && !l.contains("atualizado") {
                date_lines.push((i, t));
            }
        }
        in_comments[i] =
            (node.parent != ROOT_PARENT && in_comments[node.parent]) || cf & C_COMMENTS != 0;
        let byline_class = cf & C_BYLINE != 0;
        // Bylines are read even in dropped page furniture (a <header>).
        if byline_class && !in_comments[i] && raw.text[i] < 200 && !holds_article(i) {
            let t = lines_of(&dom, i);
            // The innermost byline element is the most specific: a
            // "byline-section" also holds the outlet's name.
            if let Some(outer) = bylines.iter_mut().find(|b| b.contains(t.as_str())) {
                if !t.is_empty() {
                    *outer = t;
                }
            } else if !t.is_empty() {
                bylines.push(t);
            }
        }
        if parent_dropped {
            dropped[i] = true;
            continue;
        }
        let structural = matches!(tag, "html" | "body" | "#document" | "main" | "article");
        // An <aside> full of teasers can outweigh a short article; it is
        // never the article's container.
        let keep = holds_article(i) && !matches!(tag, "aside" | "nav" | "footer");
        let hidden = node.classes.contains("hidden-by-style");
        let mut drop = hidden || never_text(tag) || (!keep && DROP_TAGS.contains(&tag));
        if tag == "figcaption" || (!structural && !keep && cf & C_CAPTION != 0) {
            let t = text_of(&dom, i);
            if !t.is_empty() && !captions.contains(&t) {
                captions.push(t);
            }
            drop = true;
        } else if !structural
            && !keep
            && (byline_class
                || tag == "header"
                || (weight_of(cf) < 0.0 && cf & C_POSITIVE_WORD == 0))
        {
            drop = true;
        }
        if drop {
            dropped[i] = true;
        }
    }

    let len = lengths(&dom, Some(&dropped));

    // Paragraph scores flow to parents and grandparents.
    let mut score = vec![0f32; n];
    let mut is_candidate = vec![false; n];
    // Paragraph `i` credits its parent in full and its grandparent by half.
    let mut credit = |i: usize| {
        let s = 1.0 + len.commas[i] as f32 + (len.text[i] as f32 / 100.0).min(3.0);
        let p = dom.nodes[i].parent;
        if p != ROOT_PARENT {
            score[p] += s;
            is_candidate[p] = true;
            let g = dom.nodes[p].parent;
            if g != ROOT_PARENT {
                score[g] += s / 2.0;
                is_candidate[g] = true;
            }
        }
    };
    for (i, node) in dom.nodes.iter().enumerate() {
        if dropped[i] {
            continue;
        }
        // A long run of bare text (a page written with <br>, not <p>)
        // scores like a paragraph of its parent.
        let bare = node.text.is_some()
            && len.text[i] >= 150
            && node.parent != ROOT_PARENT
            && matches!(
                dom.nodes[node.parent].tag.as_str(),
                "div" | "section" | "article" | "td" | "main"
            );
        if bare {
            credit(i);
            continue;
        }
        if node.text.is_some() {
            continue;
        }
        let tag = node.tag.as_str();
        let para = matches!(tag, "p" | "pre" | "blockquote" | "td" | "h2" | "h3" | "li")
            || (tag == "div" && !dom.children(i).iter().any(|&c| is_block(&dom.nodes[c].tag)));
        if !para || len.text[i] < 25 {
            continue;
        }
        credit(i);
    }
    let mut best: Option<(usize, f32)> = None;
    for i in 0..n {
        if !is_candidate[i] {
            continue;
        }
        let s = (score[i] + weight_of(cflags[i])) * (1.0 - link_density(&len, i));
        score[i] = s;
        if best.map(|b| s > b.1).unwrap_or(true) {
            best = Some((i, s));
        }
    }

    let chosen: Vec<usize> = match best {
        Some((b, bs)) => {
            // Climb while the parent holds clearly more prose: articles
            // split into several columns or sections share an ancestor.
            // Wrappers that add no prose are passed through on the way up.
            let mut b = b;
            let mut anc = b;
            let mut wrappers = 0;
            loop {
                let p = dom.nodes[anc].parent;
                if p == ROOT_PARENT
                    || matches!(dom.nodes[p].tag.as_str(), "body" | "html" | "#document")
                {
                    break;
                }
                if len.prose[p] as f32 > len.prose[b] as f32 * 1.3 && link_density(&len, p) < 0.35 {
                    b = p;
                    anc = p;
                    wrappers = 0;
                } else if len.prose[p] == len.prose[anc] && wrappers < 4 {
                    anc = p;
                    wrappers += 1;
                } else {
                    break;
                }
            }
            // The element the page marks as the article body wins when it
            // holds the chosen block and most of the page's prose.
            let mut a = dom.nodes[b].parent;
            while a != ROOT_PARENT {
                if dom.nodes[a].classes.contains("itemprop-articlebody")
                    && len.prose[a] * 2 >= total_prose
                {
                    b = a;
                    break;
                }
                a = dom.nodes[a].parent;
            }
            // A marked article body written as bare text (no <p>) that the
            // scoring missed is taken when it has real text and few links.
            if !dom.nodes[b].classes.contains("itemprop-articlebody")
                && let Some(m) = (0..n).find(|&i| {
                    !dropped[i]
                        && dom.nodes[i].classes.contains("itemprop-articlebody")
                        && len.prose[i] * 4 < len.text[i]
                        && len.text[i] >= 300
                        && len.text[i] > len.text[b]
                        && link_density(&len, i) < 0.3
                })
            {
                b = m;
            }
            let parent = dom.nodes[b].parent;
            if parent == ROOT_PARENT {
                vec![b]
            } else {
                let threshold = (bs * 0.2).max(10.0);
                dom.children(parent)
                    .iter()
                    .copied()
                    .filter(|&s| {
                        if dropped[s] {
                            return false;
                        }
                        if s == b {
                            return true;
                        }
                        if is_candidate[s] && score[s] >= threshold {
                            return true;
                        }
                        dom.nodes[s].tag == "p" && len.text[s] > 80 && link_density(&len, s) < 0.25
                    })
                    .collect()
            }
        }
        None => (0..n)
            .filter(|&i| dom.nodes[i].tag == "body")
            .take(1)
            .collect(),
    };

    // Inside the chosen blocks: no headline, no link lists.
    for (i, node) in dom.nodes.iter().enumerate() {
        if dropped[i] || node.text.is_some() {
            continue;
        }
        let tag = node.tag.as_str();
        if tag == "h1"
            || (matches!(
                tag,
                "div" | "ul" | "ol" | "section" | "table" | "nav" | "span"
            ) && len.text[i] > 0
                && len.prose[i] * 2 < len.text[i]
                && link_density(&len, i) > 0.5)
        {
            dropped[i] = true;
        }
    }

    let mut body = drop_label_lines(&render_nodes(&dom, &chosen, &dropped));
    // Nearly nothing chosen, but the page marks its article body: render
    // that element, leaving out only what never holds text.
    if body.split_whitespace().nth(29).is_none()
        && let Some(m) = (0..n)
            .find(|&i| dom.nodes[i].classes.contains("itemprop-articlebody") && raw.text[i] >= 300)
    {
        let mut tag_dropped = vec![false; n];
        for (i, node) in dom.nodes.iter().enumerate() {
            let p = node.parent;
            tag_dropped[i] = (p != ROOT_PARENT && tag_dropped[p])
                || never_text(&node.tag)
                || node.classes.contains("hidden-by-style");
        }
        let marked = drop_label_lines(&render_nodes(&dom, &[m], &tag_dropped));
        if marked.split_whitespace().count() > body.split_whitespace().count() {
            body = marked;
        }
    }

    // A page that states its body in JSON-LD and shows little of it in the
    // markup (rendered by script) is read from the statement instead.
    if let Some(ld_body) = meta.ld.body.as_deref() {
        let ld_words = ld_body.split_whitespace().count();
        let dom_words = body.split_whitespace().count();
        if ld_words > 80 && dom_words * 2 < ld_words {
            body = ld_body
                .split('\n')
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
        }
    }

    let publisher = pick_publisher(&meta, copyright.as_deref());
    let title = pick_title(&meta, publisher.as_deref());
    let url = meta
        .canonical
        .clone()
        .or(meta.og_url.clone())
        .or(meta.ld.url.clone());
    let date = pick_date(&dom, &meta, text, &date_lines, first_h1, url.as_deref());
    let authors = pick_authors(&meta, &bylines, &body, publisher.as_deref(), url.as_deref());
    // Bylines handed on (for the agency) only when every name in them is a
    // person by the rules above, so no site or role comes back as an author.
    let keys = site_keys(&meta, publisher.as_deref(), url.as_deref());
    let bylines: Vec<String> = bylines
        .into_iter()
        .filter(|b| {
            byline::names(b)
                .iter()
                .all(|n| person(n, &keys).is_some_and(|p| p.contains(' ')))
        })
        .collect();
    let language = meta
        .lang
        .clone()
        .or_else(|| meta.og_locale.clone())
        .map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .filter(|l| !l.is_empty());

    Extracted {
        title: title.split_whitespace().collect::<Vec<_>>().join(" "),
        body,
        captions,
        bylines,
        authors,
        source_lines: Vec::new(),
        source_hint: meta.ld.source.clone(),
        publisher,
        date,
        url,
        language,
    }
}

/// Removes lines that are only an ad or navigation label ("Advertisement",
/// "Advert", "Read more"), which pages leave between paragraphs.
fn drop_label_lines(body: &str) -> String {
    const LABELS: &[&str] = &[
        "advertisement",
        "advert",
        "anzeige",
        "publicidad",
        "publicité",
        "sponsored",
        "read more",
        "continue reading",
        "scroll to continue with content",
        "story continues below advertisement",
    ];
    // Lower-casing keeps the byte length of every character that can
    // become a label's (ASCII letters and spaces, `É`), so only a line of a
    // label's length is lower-cased, once.
    let keep = |l: &str| {
        let f = l.trim().trim_end_matches([':', '.', '…']);
        !(LABELS.iter().any(|label| label.len() == f.len())
            && LABELS.contains(&f.to_lowercase().as_str()))
    };
    if body.lines().all(keep) {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    for para in body.split("\n\n") {
        let lines: Vec<&str> = para.lines().filter(|l| keep(l)).collect();
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&lines.join("\n"));
    }
    out
}

/// Splits a title or site name at its separators (" | ", " - ", ": "...).
fn segments(s: &str) -> Vec<&str> {
    let mut out = vec![s];
    for sep in [
        " | ", " - ", " – ", " — ", " :: ", " · ", " » ", ": ", " / ",
    ] {
        out = out
            .into_iter()
            .flat_map(|p| p.split(sep))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    out
}

/// `SpaceNews.com` → `Some("SpaceNews")`: a site name written as a domain.
fn domain_stem(s: &str) -> Option<&str> {
    if s.contains(' ') {
        return None;
    }
    let (stem, tld) = s.rsplit_once('.')?;
    let tld_ok = (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase());
    let stem = stem.strip_prefix("www.").unwrap_or(stem);
    (tld_ok && !stem.is_empty() && !stem.contains('.')).then_some(stem)
}

/// Who holds the copyright, from "© 2019 Ascom. All rights reserved."
fn copyright_holder(line: &str) -> Option<String> {
    let l = line.trim();
    let pos = l.find('©').map(|p| p + '©'.len_utf8()).or_else(|| {
        let low = l.to_lowercase();
        low.find("copyright")
            .filter(|_| low.len() == l.len())
            .map(|p| p + "copyright".len())
    })?;
    let rest = l.get(pos..)?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("(C)")
        .or_else(|| rest.strip_prefix("(c)"))
        .unwrap_or(rest);
    let rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '–' | ',' | '©' | 'ⓒ')
    });
    let rest = rest
        .strip_prefix("Copyright")
        .unwrap_or(rest)
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '–' | ',' | '©')
        });
    let end = rest
        .find(['.', '|', ',', ';', '/'])
        .unwrap_or(rest.len())
        .min(rest.to_lowercase().find("all rights").unwrap_or(rest.len()));
    let name = rest[..end].trim();
    let words = name.split_whitespace().count();
    let first = name.chars().next()?;
    ((1..=5).contains(&words) && first.is_uppercase()).then(|| name.to_string())
}

/// The outlet's name as it writes it: `og:site_name` (without a tagline),
/// JSON-LD or microdata publisher, `application-name`, the `<title>`'s
/// site part, the copyright line.
fn pick_publisher(meta: &PageMeta, copyright: Option<&str>) -> Option<String> {
    // An h1 that is the site's name is its logo, not a headline.
    let site_fold = meta.site_name.as_deref().map(fold).unwrap_or_default();
    let h1 = meta
        .h1
        .iter()
        .map(|h| fold(h))
        .find(|h| site_fold.is_empty() || *h != site_fold);
    let headlines: Vec<String> = [
        meta.og_title.as_deref().map(fold),
        meta.ld.headline.as_deref().map(fold),
        h1,
    ]
    .into_iter()
    .flatten()
    .filter(|f| f.len() > 3)
    .collect();
    let is_headline = |s: &str| {
        let f = fold(s);
        // A headline may end with the site's name ("Story | Site"); only a
        // candidate that is most of a headline counts as one.
        f.is_empty()
            || headlines
                .iter()
                .any(|h| f.contains(h.as_str()) || h.contains(&f) && f.len() * 2 > h.len())
    };
    let short = |s: &str| (1..=6).contains(&s.split_whitespace().count());
    let og = meta
        .site_name
        .as_deref()
        .and_then(|s| segments(s).into_iter().next())
        .filter(|s| short(s) && !is_headline(s));
    let ld = meta
        .ld
        .publisher
        .as_deref()
        .map(str::trim)
        .filter(|s| short(s));
    let micro = meta.micro_publisher.as_deref().filter(|s| short(s));
    let app = meta
        .app_name
        .as_deref()
        .filter(|s| short(s) && !is_headline(s));
    let affix = meta.title_tag.as_deref().and_then(|t| {
        let segs = segments(t);
        if segs.len() < 2 {
            return None;
        }
        // The site part is what remains when the rest is the headline.
        let rest_is_headline = |skip: usize| {
            let rest: String = segs
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, s)| fold(s))
                .collect();
            headlines.is_empty() && segs[skip].split_whitespace().count() <= 3
                || headlines.iter().any(|h| {
                    let (a, b) = (h.chars().count(), rest.chars().count());
                    (rest.contains(h.as_str()) || h.contains(&rest))
                        && a.min(b) * 10 >= a.max(b) * 6
                })
        };
        let last = segs.len() - 1;
        [last, 0].into_iter().find_map(|i| {
            let s = segs[i];
            (s.split_whitespace().count() <= 4 && !is_headline(s) && rest_is_headline(i))
                .then_some(s)
        })
    });
    let corporate = |s: &&str| {
        let l = s.to_lowercase();
        [
            " ltd", " inc", " llc", " gmbh", " limited", " corp", " plc", " s.a.", " co.",
        ]
        .iter()
        .any(|suf| l.trim_end_matches('.').ends_with(suf.trim_end_matches('.')))
            || l.contains("admin")
    };
    let mut others: Vec<&str> = [ld, micro, app, affix]
        .into_iter()
        .flatten()
        .filter(|s| !s.to_lowercase().contains("admin"))
        .collect();
    others.sort_by_key(|s| corporate(s));
    if let Some(og) = og {
        // "WSJ": an abbreviation is spelled out by another source whose
        // initials it is.
        let letters: Vec<char> = og.chars().filter(|c| !c.is_whitespace()).collect();
        if (2..=5).contains(&letters.len())
            && letters.iter().all(|c| c.is_uppercase())
            && let Some(full) = others.iter().find(|c| {
                let initials: String = c
                    .split_whitespace()
                    .filter(|w| !w.eq_ignore_ascii_case("the"))
                    .filter_map(|w| w.chars().next())
                    .collect();
                c.split_whitespace().count() >= 2 && initials == og
            })
        {
            return Some(full.to_string());
        }
        // "Slate Magazine" when another source says "Slate": a descriptor
        // appended to the name is not part of it.
        if let Some((name, tail)) = og.rsplit_once(' ')
            && matches!(
                tail.to_lowercase().as_str(),
                "magazine" | "online" | "website" | "digital" | "web"
            )
            && others.iter().any(|c| fold(c) == fold(name))
        {
            return Some(name.to_string());
        }
        // "TheHill", "usatoday": a name glued into one word gets its
        // spaces back from another source that writes it.
        if !og.contains(' ')
            && let Some(spaced) = others
                .iter()
                .find(|c| c.contains(' ') && fold(c) == fold(og))
        {
            return Some(spaced.to_string());
        }
        if let Some(stem) = domain_stem(og) {
            let fs = fold(stem);
            if let Some(spaced) = others.iter().find(|c| c.contains(' ') && fold(c) == fs) {
                return Some(spaced.to_string());
            }
            // "Spokesman.com" and "The Spokesman-Review": the written name
            // that holds the domain's name is how the outlet writes itself.
            if fs.len() >= 4
                && let Some(written) = others
                    .iter()
                    .find(|c| c.split_whitespace().count() >= 2 && fold(c).contains(&fs))
            {
                return Some(written.to_string());
            }
        }
        return Some(og.to_string());
    }
    others
        .into_iter()
        .next()
        .map(str::to_string)
        .or_else(|| copyright.map(str::to_string))
}

/// The headline: the page's h1 when a stated title agrees with it, else the
/// stated headline, else `<title>` without the site name.
fn pick_title(meta: &PageMeta, publisher: Option<&str>) -> String {
    let site = publisher.or(meta.site_name.as_deref());
    let stripped_title = meta.title_tag.as_deref().map(|t| strip_site(t, site));
    let site_fold = site.map(fold).unwrap_or_default();
    let agrees = meta.h1.iter().find(|h| {
        let fh = fold(h);
        fh.chars().count() > 8
            && [
                meta.og_title.as_deref(),
                stripped_title.as_deref(),
                meta.ld.headline.as_deref(),
            ]
            .iter()
            .flatten()
            .any(|t| {
                let ft = fold(t);
                ft.contains(&fh) || fh.contains(&ft)
            })
    });
    // A page with one or two h1s shows its headline there even when the
    // stated title is worded for sharing.
    let shown = || {
        (meta.h1.len() == 1)
            .then(|| {
                meta.h1.iter().find(|h| {
                    h.split_whitespace().count() >= 3 && {
                        let f = fold(h);
                        site_fold.is_empty() || !f.contains(&site_fold)
                    }
                })
            })
            .flatten()
    };
    agrees
        .or_else(shown)
        .cloned()
        .or_else(|| meta.ld.headline.clone())
        .or_else(|| meta.og_title.as_deref().map(|t| strip_site(t, site)))
        .or(stripped_title)
        .or_else(|| meta.h1.first().cloned())
        .unwrap_or_default()
}

static SCRIPT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)["'](?:datePublished|publishedDate|publishDate|published_at|date_published|publish_date|pubDate|firstPublished|first_published_at)["']\s*:\s*["']([^"']{8,40})["']"#)
        .expect("static regex")
});

/// The first-publication date, by precedence: JSON-LD, `<meta>`, `<time>`,
/// a date stated in a script, a visible date line, the URL.
fn pick_date(
    dom: &Dom,
    meta: &PageMeta,
    original: &str,
    date_lines: &[(usize, String)],
    first_h1: Option<usize>,
    url: Option<&str>,
) -> Option<(String, DateSource)> {
    let found = meta
        .ld
        .date_published
        .as_deref()
        .and_then(date::parse_stamp)
        .map(|d| (d, DateSource::JsonLd))
        .or_else(|| {
            meta.meta_date
                .as_deref()
                .and_then(date::parse_any)
                .map(|d| (d, DateSource::Meta))
        })
        .or_else(|| {
            meta.ld
                .other_date
                .as_deref()
                .and_then(date::parse_stamp)
                .map(|d| (d, DateSource::JsonLd))
        })
        .or_else(|| {
            meta.time_datetime
                .as_deref()
                .and_then(date::parse_any)
                .map(|d| (d, DateSource::Time))
        })
        .or_else(|| {
            SCRIPT_DATE
                .captures_iter(original)
                .find_map(|c| date::parse_any(&c[1]))
                .map(|d| (d, DateSource::Meta))
        })
        .or_else(|| {
            let after_h1 = |i: usize| first_h1.is_none_or(|h| i > h);
            date_lines
                .iter()
                .filter(|l| after_h1(l.0))
                .chain(date_lines.iter())
                .find_map(|l| date::parse_any(&l.1))
                .map(|d| (d, DateSource::Byline))
        })
        .or_else(|| {
            url.and_then(|u| date::from_path(u).or_else(|| date::from_url_words(u)))
                .map(|d| (d, DateSource::Url))
        })
        .or_else(|| first_text_date(dom, meta, first_h1).map(|d| (d, DateSource::Text)));
    found.map(|(d, s)| (d.iso(), s))
}

/// Last resort: the first short line of visible text that holds a date,
/// after the first h1 if one does, else anywhere.
fn first_text_date(dom: &Dom, meta: &PageMeta, first_h1: Option<usize>) -> Option<date::Day> {
    let lang = meta.lang.as_deref().unwrap_or("").to_ascii_lowercase();
    let day_first = !(lang.is_empty() || lang == "en" || lang.starts_with("en-us"));
    let mut before: Option<date::Day> = None;
    for (i, n) in dom.nodes.iter().enumerate() {
        let Some(t) = &n.text else { continue };
        let t = t.trim();
        if t.len() < 8 || t.len() > 200 || !t.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let p = n.parent;
        if p != ROOT_PARENT && never_text(&dom.nodes[p].tag) {
            continue;
        }
        if let Some(d) = date::find_in_text(t, day_first) {
            if first_h1.is_none_or(|h| i > h) {
                return Some(d);
            }
            before = before.or(Some(d));
        }
    }
    before
}

const NOT_NAME_WORDS: &[&str] = &[
    "stories",
    "watch",
    "recent",
    "most",
    "latest",
    "listen",
    "by",
    "von",
    "par",
    "por",
    "and",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "view",
    "posts",
    "more",
    "all",
    "profile",
    "follow",
    "email",
    "at",
    "large",
    "contributing",
    "share",
    "twitter",
    "facebook",
    "author",
    "authors",
];

/// A person's name, or `None` for roles, dates, sites and agencies.
fn person(candidate: &str, site_keys: &[String]) -> Option<String> {
    let name = byline::clean_name(candidate)?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let bad_word = words.iter().any(|w| {
        w.split(['-', '.']).filter(|p| !p.is_empty()).any(|p| {
            let l = p.to_lowercase();
            NOT_NAME_WORDS.contains(&l.as_str())
                || date::month_number(&l).is_some() && l.len() > 3
                || matches!(l.as_str(), "editor" | "staff" | "writer" | "reporter")
        })
    });
    let one_caps_word = words.len() == 1
        && name.chars().filter(|c| c.is_alphabetic()).count() > 1
        && candidate
            .trim()
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let f = fold(&name);
    let is_site = site_keys
        .iter()
        .any(|k| !k.is_empty() && (f == *k || f.contains(k.as_str())));
    (!bad_word && !one_caps_word && !is_site).then_some(name)
}

static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:Reporting|Reported|Writing|Written) by ([^;:()\n]{3,80})")
        .expect("static regex")
});

/// "Jane Doe and John Roe, Sioux Falls Argus Leader" → "Jane Doe and John
/// Roe": after a list joined by "and", a comma starts the affiliation.
fn drop_affiliation(line: &str) -> &str {
    let line = line.trim();
    match line.find(" and ") {
        Some(a) => match line[a..].find(',') {
            Some(c) => line[..a + c].trim(),
            None => line,
        },
        None => line,
    }
}

/// Folded names of the site (publisher, `og:site_name`, host), never authors.
fn site_keys(meta: &PageMeta, publisher: Option<&str>, url: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = [publisher, meta.site_name.as_deref()]
        .into_iter()
        .flatten()
        .map(fold)
        .collect();
    if let Some(host) = url
        .and_then(|u| u.split("://").nth(1))
        .and_then(|r| r.split('/').next())
    {
        let host = host.strip_prefix("www.").unwrap_or(host);
        if let Some(stem) = host.split('.').next() {
            keys.push(fold(stem));
        }
    }
    keys
}

/// Authors as person names: JSON-LD, then `<meta>`, widened by a visible
/// byline that names them all and more, else the visible byline, else a
/// wire sign-off ("Reporting by ...") in the body.
fn pick_authors(
    meta: &PageMeta,
    bylines: &[String],
    body: &str,
    publisher: Option<&str>,
    url: Option<&str>,
) -> Vec<String> {
    let site_keys = site_keys(meta, publisher, url);
    let names_of = |texts: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in texts {
            let t = t
                .lines()
                .map(drop_affiliation)
                .collect::<Vec<_>>()
                .join("\n");
            let t = t.as_str();
            for part in byline::names(t)
                .into_iter()
                .chain(t.lines().filter_map(byline::clean_name))
            {
                if let Some(p) = person(&part, &site_keys)
                    && !out.contains(&p)
                {
                    out.push(p);
                }
            }
        }
        out
    };
    let stated = {
        let ld = names_of(&mut meta.ld.authors.iter().map(String::as_str));
        if ld.is_empty() {
            names_of(&mut meta.meta_authors.iter().map(String::as_str))
        } else {
            ld
        }
    };
    let multi = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .filter(|n| n.split_whitespace().count() > 1)
            .collect()
    };
    let mut visible = names_of(
        &mut bylines
            .iter()
            .map(|b| {
                b.lines()
                    .map(drop_affiliation)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    visible = multi(visible);
    if visible.is_empty() {
        visible = multi(names_of(
            &mut meta.visible_authors.iter().map(String::as_str),
        ));
    }
    let widens = visible.len() > stated.len() && stated.iter().all(|s| visible.contains(s));
    let chosen = if stated.is_empty() || widens {
        visible
    } else {
        stated
    };
    // A wire sign-off names the reporters only when the page has no byline
    // at all (a byline of just "Reuters" means no person is credited).
    if !chosen.is_empty() || !bylines.is_empty() || meta.ld.source.is_some() {
        return chosen;
    }
    SIGN_OFF
        .captures_iter(body)
        .flat_map(|c| byline::names(&c[1]))
        .filter_map(|n| person(&n, &site_keys))
        .fold(Vec::new(), |mut v, n| {
            if !v.contains(&n) {
                v.push(n);
            }
            v
        })
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "ul"
            | "ol"
            | "table"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
            | "header"
            | "footer"
            | "main"
            | "li"
    )
}

/// Where a node lands in html2text's DOM. Tables follow the HTML parser's
/// rules (html2text panics on a row or cell outside a table): rows and cells
/// appear only in their place, with `tbody`/`tr` implied as the parser
/// implies them, and anything else met inside a table's structure is
/// "foster-parented" before the table, as the parser does.
#[derive(Clone)]
enum Place {
    /// Ordinary content under this element.
    Flow(html2text::Handle),
    /// Directly inside a table, its body, or a row.
    Table {
        level: TableLevel,
        /// The innermost open element of the structure.
        at: html2text::Handle,
        /// The table element (content is fostered before it).
        table: html2text::Handle,
    },
}

#[derive(Clone, Copy, PartialEq)]
enum TableLevel {
    Table,
    Body,
    Row,
}

/// Renders the subtrees at `roots`, leaving out dropped nodes: html2text's
/// DOM is built straight from the arena (tag names only, tags outside
/// [`safe_tag`] reduced to their contents), with no HTML string and no second
/// parse in between.
fn render_nodes(dom: &Dom, roots: &[usize], dropped: &[bool]) -> String {
    render_nodes_with(dom, roots, dropped, true)
}

/// [`render_nodes`], with stand-ins for plain text (see `stand_in`) or
/// without; the output is the same.
fn render_nodes_with(dom: &Dom, roots: &[usize], dropped: &[bool], stand_in: bool) -> String {
    use html5ever::tree_builder::{ElementFlags, NodeOrText, TreeSink};
    use html5ever::{LocalName, QualName, local_name, ns};
    let rc = html2text::RcDom::default();
    // Elements are made from atoms (the page's own, or static ones), not
    // from strings, which would be interned again.
    let element = |tag: LocalName| {
        rc.create_element(
            QualName::new(None, ns!(html), tag),
            Vec::new(),
            ElementFlags::default(),
        )
    };
    let append = |parent: &html2text::Handle, el: &html2text::Handle| {
        rc.append(parent, NodeOrText::AppendNode(el.clone()));
    };
    // An element goes under its parent, or, met inside a table's
    // structure, before the table.
    let put = |place: &Place, el: &html2text::Handle| match place {
        Place::Flow(parent) => append(parent, el),
        Place::Table { table, .. } => {
            rc.append_before_sibling(table, NodeOrText::AppendNode(el.clone()))
        }
    };
    // The parts a table implies between `at` (at `level`) and a child that
    // needs `want` above it: a `tbody`, then a `tr`.
    let implied = |level: TableLevel, at: &html2text::Handle, want: TableLevel| {
        let mut at = at.clone();
        if level == TableLevel::Table {
            let b = element(local_name!("tbody"));
            append(&at, &b);
            at = b;
        }
        if want == TableLevel::Row && level != TableLevel::Row {
            let tr = element(local_name!("tr"));
            append(&at, &tr);
            at = tr;
        }
        at
    };
    let body = element(local_name!("body"));
    append(&rc.get_document(), &body);
    let mut any_text = false;
    let mut stand_ins = {
        // The text and depth of what may be rendered decide whether plain
        // text can be stood in for (see `stand_in`).
        let mut texts = Vec::new();
        let mut depth = 0;
        let mut stack: Vec<(usize, usize)> = roots.iter().map(|&r| (r, 1)).collect();
        while let Some((i, d)) = stack.pop() {
            if dropped[i] {
                continue;
            }
            depth = depth.max(d);
            let n = &dom.nodes[i];
            if let Some(t) = &n.text {
                texts.push(&**t);
            }
            stack.extend(dom.children(i).iter().map(|&c| (c, d + 1)));
        }
        let depth = if stand_in { depth } else { usize::MAX };
        stand_in::StandIns::new(texts.into_iter(), depth)
    };
    // (node, where it goes, whether html2text lays its text out plainly:
    // not in a table or `pre`); explicit stack, no recursion.
    let mut stack: Vec<(usize, Place, bool)> = roots
        .iter()
        .rev()
        .map(|&r| (r, Place::Flow(body.clone()), true))
        .collect();
    while let Some((i, place, plain)) = stack.pop() {
        if dropped[i] {
            continue;
        }
        let n = &dom.nodes[i];
        if let Some(t) = &n.text {
            let blank = t.trim().is_empty();
            any_text |= !blank;
            match &place {
                Place::Flow(parent) => {
                    rc.append(parent, NodeOrText::AppendText(stand_ins.text_for(t, plain)))
                }
                Place::Table { table, .. } if !blank => {
                    rc.append_before_sibling(table, NodeOrText::AppendText(t.clone()))
                }
                Place::Table { .. } => {}
            }
            continue;
        }
        let tag = safe_tag(&n.tag);
        let plain = plain && !matches!(tag, Some("table" | "pre"));
        let here = match (tag, &place) {
            (None, _) => place,
            (Some("table"), _) => {
                let t = element(local_name!("table"));
                put(&place, &t);
                Place::Table {
                    level: TableLevel::Table,
                    at: t.clone(),
                    table: t,
                }
            }
            (Some("thead" | "tbody"), Place::Table { level, at, table })
                if *level == TableLevel::Table =>
            {
                let el = element(n.tag.atom().clone());
                append(at, &el);
                Place::Table {
                    level: TableLevel::Body,
                    at: el,
                    table: table.clone(),
                }
            }
            (Some("tr"), Place::Table { level, at, table }) if *level != TableLevel::Row => {
                let tr = element(local_name!("tr"));
                append(&implied(*level, at, TableLevel::Body), &tr);
                Place::Table {
                    level: TableLevel::Row,
                    at: tr,
                    table: table.clone(),
                }
            }
            (Some("td" | "th"), Place::Table { level, at, .. }) => {
                let el = element(n.tag.atom().clone());
                append(&implied(*level, at, TableLevel::Row), &el);
                Place::Flow(el)
            }
            // Table parts outside a table are reduced to their contents.
            (Some("thead" | "tbody" | "tr" | "td" | "th"), _) => place,
            (Some(tag), _) => {
                let el = element(if tag == "ul" {
                    local_name!("ul")
                } else {
                    n.tag.atom().clone()
                });
                put(&place, &el);
                Place::Flow(el)
            }
        };
        for &c in dom.children(i).iter().rev() {
            stack.push((c, here.clone(), plain));
        }
    }
    if !any_text {
        return String::new();
    }
    let config = html2text::config::plain_no_decorate().no_table_borders();
    let text = config
        .dom_to_render_tree(&rc)
        .and_then(|tree| config.render_to_string(tree, 100_000))
        .unwrap_or_default();
    tidy_lines(&stand_ins.restore(text))
}

/// Tags passed on to the renderer; everything else is reduced to its text.
fn safe_tag(tag: &str) -> Option<&str> {
    const KEEP: &[&str] = &[
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "main",
        "dl",
        "dt",
        "dd",
        "hr",
        "span",
        "em",
        "strong",
        "b",
        "i",
        "a",
        "code",
        "sup",
        "sub",
    ];
    // Ordered lists lose their numbers: the text is what is searched.
    if tag == "ol" {
        return Some("ul");
    }
    KEEP.contains(&tag).then_some(tag)
}

/// html2text's lines tidied into paragraphs separated by one blank line.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_flags_read_words_and_whole_classes() {
        // class_flags looks for whole positive classes only when a word is
        // positive: every positive class must hold a positive word.
        for c in POSITIVE {
            assert!(words(c).any(|w| POSITIVE.contains(&w)), "{c}");
        }
        assert_eq!(class_flags(""), 0);
        let f = class_flags("main-story-body share-bar");
        assert_ne!(f & C_NEGATIVE, 0);
        assert_ne!(f & C_POSITIVE, 0);
        assert_eq!(weight_of(f), 0.0);
        assert_eq!(weight_of(class_flags("article-body")), 25.0);
        assert_eq!(weight_of(class_flags("sidebar")), -25.0);
        assert_eq!(
            class_flags("byline") & (C_DATE | C_BYLINE),
            C_DATE | C_BYLINE
        );
        assert_ne!(class_flags("photo-caption") & C_CAPTION, 0);
        assert_ne!(class_flags("user_comments") & C_COMMENTS, 0);
        assert_eq!(class_flags("articles"), 0);
        // The byte-level split finds the words `words` finds.
        let oracle = |c: &str| {
            let mut f = 0;
            for w in words(c) {
                f |= CLASS_WORDS.get(w).copied().unwrap_or(0);
            }
            if f & C_POSITIVE_WORD != 0
                && c.split_whitespace()
                    .any(|c| CLASS_WORDS.get(c).is_some_and(|f| f & C_POSITIVE_WORD != 0))
            {
                f |= C_POSITIVE;
            }
            f
        };
        for c in [
            "",
            "-",
            "a--b__c::d",
            ":article",
            "story-",
            "x\tarticle",
            "entry_content post",
            "ümlaut-body",
            "text-sm font-bold main",
            "comments:replies respond",
            "page-header masthead",
        ] {
            assert_eq!(class_flags(c), oracle(c), "{c:?}");
        }
    }

    #[test]
    fn class_values_that_say_nothing_are_not_read() {
        for v in [
            "flex items-center px-4",
            "",
            "col-md-8 offset-1",
            "Grid__Cell",
        ] {
            assert!(!class_value_read(v.as_bytes()), "{v}");
        }
        for v in [
            "Article-Body",
            "x sidebar",
            "post_meta",
            "hidden-by-style",
            "ITEMPROP-ARTICLEBODY",
            "&#97;rticle",
            "a\tb",
            "caf\u{e9}",
        ] {
            assert!(class_value_read(v.as_bytes()), "{v}");
        }
        let long = format!("{} story", "x".repeat(200));
        assert!(class_value_read(long.as_bytes()));
        assert!(!class_value_read("y".repeat(200).as_bytes()));
    }

    /// Renders a page's body both ways, with and without stand-ins.
    fn both_ways(html: &str) -> (String, String) {
        let dom = Dom::parse(html);
        let body = dom.nodes.iter().position(|n| n.tag == "body").unwrap();
        let dropped = vec![false; dom.nodes.len()];
        (
            render_nodes_with(&dom, &[body], &dropped, false),
            render_nodes_with(&dom, &[body], &dropped, true),
        )
    }

    #[test]
    fn stand_ins_render_like_the_text() {
        for html in [
            "<p>  Hello,\n  <b>bold</b>world  </p><p>two</p>",
            "<div>a <i> b </i> c<br>d\te</div><ul><li> one <li>two</ul>",
            "<p>non&nbsp;breaking and\u{200B}zero\u{0301}width \u{3000}wide\u{2003}em</p>",
            "<blockquote><p>quoted <a href=x>link</a>.</p></blockquote><h2> Sub </h2>",
            "<table><tr><td>cell  one</td><td>two</td></tr></table>after<pre>  keep   this </pre>",
            "<p>“Curly” — dash – 中文字符 ελληνικά</p><p>\u{E001} reserved</p>",
            "<span> </span><p>x</p>  <p> </p><em>y</em>z",
        ] {
            let (plain, stood) = both_ways(html);
            assert_eq!(plain, stood, "{html}");
        }
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        #[test]
        fn stand_ins_render_like_the_text_on_any_markup(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-zé“ .,\\t\\n]{0,12}").unwrap(),
                    proptest::sample::select(vec![
                        "<p>", "</p>", "<b>", "</b>", "<br>", "<li>", "<ul>", "</ul>", "<div>",
                        "</div>", "<pre>", "</pre>", "<table><tr><td>", "</td></tr></table>",
                        "&nbsp;", "\u{200B}", " ", "\n", "<h3>", "</h3>", "<blockquote>",
                        "\u{0301}", "<hr>", "<em> ", " </em>", "\u{7}", "\u{A0}", " \u{A0} ",
                        "\u{3000}", "\u{2003}", "</li>", "<dl><dt>", "<dd>", "</dl>",
                    ]).prop_map(str::to_string),
                ],
                0..40,
            )
        ) {
            let html = format!("<body>{}</body>", parts.concat());
            let (plain, stood) = both_ways(&html);
            proptest::prop_assert_eq!(plain, stood, "{}", html);
        }
    }

    /// Renders everything under `<body>` (or the first `tag`), nothing dropped.
    fn render_at(page: &str, tag: &str) -> String {
        let dom = Dom::parse(page);
        let root = dom.nodes.iter().position(|n| n.tag == tag).unwrap();
        render_nodes(&dom, &[root], &vec![false; dom.nodes.len()])
    }

    #[test]
    fn tables_render_whatever_part_is_chosen() {
        let page = "<table><caption>Cap <b>x</b></caption><colgroup><col></colgroup>\
                    <tr><td>a</td><th>b</th></tr><tfoot><tr><td>f</td></tr></tfoot></table>";
        let text = render_at(page, "body");
        for w in ["Cap x", "a", "b", "f"] {
            assert!(text.contains(w), "{w:?} in {text:?}");
        }
        // A row, a cell or a body chosen without its table.
        for tag in ["tr", "td", "tbody", "th"] {
            assert!(!render_at(page, tag).is_empty(), "{tag}");
        }
        // Tables inside captions, cells inside cells.
        let nested = "<table><caption><table><tr><td>in</td></tr></table></caption>\
                      <tr><td><table><tr><td>deep</td></tr></table></td></tr></table>";
        let text = render_at(nested, "body");
        assert!(text.contains("in") && text.contains("deep"), "{text:?}");
    }

    #[test]
    fn render_keeps_paragraphs_and_reduces_other_tags() {
        let text = render_at(
            "<div><p>One <font>two</font></p><custom-el><p>Three</p></custom-el><ol><li>Four</li></ol></div>",
            "div",
        );
        assert_eq!(text, "One two\n\nThree\n* Four");
    }

    const PAGE: &str = r##"<!doctype html><html lang="en-GB"><head>
<title>Iraq moves to end coalition mission | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-01-05T10:00:00Z">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://example.com/2024/01/05/iraq">
<script>var x = "<p>not text</p>";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><h1>Iraq moves to end coalition mission</h1><div class="byline">By Jane Doe</div></header>
<article class="article-body">
<figure><img src="a.jpg"><figcaption>A man speaks in Baghdad. REUTERS/John Smith</figcaption></figure>
<p>BAGHDAD (Reuters) - The Iraqi government is beginning the process to remove the U.S.-led coalition, the prime minister's office said.</p>
<p>The U.S. has 900 troops in Syria and 2,500 in Iraq on a mission it says advises and assists local forces.</p>
<div class="share-tools"><a href="#">Share on Facebook</a></div>
<p>Officials, speaking on condition of anonymity, said talks would start soon, and that no date had been set.</p>
</article>
<aside class="related"><ul><li><a href="/x">Related story one</a></li></ul></aside>
<footer>© 2024 The Daily Example</footer>
</body></html>"##;

    #[test]
    fn picks_the_article_and_drops_clutter() {
        let e = extract(PAGE);
        assert!(
            e.body
                .starts_with("BAGHDAD (Reuters) - The Iraqi government"),
            "{}",
            e.body
        );
        assert!(e.body.contains("no date had been set."));
        for junk in [
            "Home",
            "Share on Facebook",
            "Related story",
            "not text",
            "© 2024",
        ] {
            assert!(!e.body.contains(junk), "{junk} in {}", e.body);
        }
        assert_eq!(e.body.matches("\n\n").count(), 2, "{}", e.body);
    }

    #[test]
    fn metadata_from_the_head() {
        let e = extract(PAGE);
        assert_eq!(e.title, "Iraq moves to end coalition mission");
        assert_eq!(e.publisher.as_deref(), Some("The Daily Example"));
        assert_eq!(e.date, Some(("2024-01-05".to_string(), DateSource::Meta)));
        assert_eq!(e.authors, vec!["Jane Doe"]);
        assert_eq!(
            e.url.as_deref(),
            Some("https://example.com/2024/01/05/iraq")
        );
        assert_eq!(e.language.as_deref(), Some("en"));
        assert_eq!(
            e.captions,
            vec!["A man speaks in Baghdad. REUTERS/John Smith"]
        );
    }

    #[test]
    fn json_ld_wins_and_graph_is_read() {
        let page = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},{"@type":"NewsArticle","headline":"Stated headline","datePublished":"2019-11-19T07:03:00Z","author":[{"@type":"Person","name":"Eric Tucker"},{"@type":"Organization","name":"Associated Press"}],"publisher":{"@type":"Organization","name":"AP News"}}]}</script></head><body><p>Body text that is long enough to count as a paragraph of the story.</p></body></html>"#;
        let e = extract(page);
        assert_eq!(e.title, "Stated headline");
        assert_eq!(e.date, Some(("2019-11-19".to_string(), DateSource::JsonLd)));
        assert_eq!(e.authors, vec!["Eric Tucker"]);
        assert_eq!(e.source_hint.as_deref(), Some("Associated Press"));
        assert_eq!(e.publisher.as_deref(), Some("AP News"));
    }

    #[test]
    fn site_suffix_is_stripped() {
        assert_eq!(
            strip_site("Story here | Site Name", Some("Site Name")),
            "Story here"
        );
        assert_eq!(
            strip_site("Story - here is long - NYT", None),
            "Story - here is long"
        );
        assert_eq!(strip_site("Just a story", None), "Just a story");
    }

    /// A page body long enough to be an article; metadata tests wrap it.
    fn page(head: &str, body: &str) -> String {
        format!(
            "<!doctype html><html><head>{head}</head><body>{body}<article><p>The council voted on Tuesday to close the old bridge, officials said, after engineers found cracks in two of its piers.</p><p>Repairs would take a year and cost more than the town can pay, the mayor said, so a new crossing will be built downstream.</p></article></body></html>"
        )
    }

    #[test]
    fn json_ld_arrays_and_id_references() {
        let head = r##"<script type="application/ld+json">[{"@type":"WebSite","name":"Example"},{"@type":["NewsArticle"],"headline":"Bridge closes","datePublished":"2020-03-04T22:00:00-05:00","dateModified":"2020-03-09","author":[{"@id":"#p1"},{"@type":"Person","name":"Ann Poe"}],"publisher":{"@id":"#org"}},{"@type":"Person","@id":"#p1","name":"Jane Doe"},{"@type":"Organization","@id":"#org","name":"The Town Crier"}]</script>"##;
        let e = extract(&page(head, ""));
        assert_eq!(e.title, "Bridge closes");
        assert_eq!(e.date, Some(("2020-03-04".into(), DateSource::JsonLd)));
        assert_eq!(e.authors, vec!["Jane Doe", "Ann Poe"]);
        assert_eq!(e.publisher.as_deref(), Some("The Town Crier"));
    }

    #[test]
    fn json_ld_date_of_a_web_page_node_when_no_article_node() {
        let head = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2018-04-18T14:39:09+02:00","dateModified":"2019-04-10"}]}</script>"#;
        let e = extract(&page(head, ""));
        assert_eq!(e.date, Some(("2018-04-18".into(), DateSource::JsonLd)));
    }

    #[test]
    fn open_graph_and_article_meta() {
        let head = r#"<title>Bridge closes | Town Crier</title><meta property="og:site_name" content="Town Crier | News for the valley"><meta property="og:title" content="Bridge closes"><meta property="article:published_time" content="2021-06-01T08:00:00Z"><meta property="article:modified_time" content="2021-06-03T08:00:00Z"><meta property="og:url" content="https://crier.example/bridge"><meta property="og:locale" content="fr_FR">"#;
        let e = extract(&page(head, ""));
        assert_eq!(e.title, "Bridge closes");
        assert_eq!(e.publisher.as_deref(), Some("Town Crier"));
        assert_eq!(e.date, Some(("2021-06-01".into(), DateSource::Meta)));
        assert_eq!(e.url.as_deref(), Some("https://crier.example/bridge"));
        assert_eq!(e.language.as_deref(), Some("fr"));
    }

    #[test]
    fn meta_name_author_and_date() {
        let head = r#"<meta name="author" content="Jane Doe and John Roe"><meta name="date" content="2017-10-12">"#;
        let e = extract(&page(head, ""));
        assert_eq!(e.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(e.date, Some(("2017-10-12".into(), DateSource::Meta)));
    }

    #[test]
    fn time_element_prefers_the_publication_stamp() {
        let body = r#"<time class="updated" datetime="2019-12-01">Dec 1</time><time datetime="2019-11-18T10:00" pubdate>Nov 18</time>"#;
        let e = extract(&page("", body));
        assert_eq!(e.date, Some(("2019-11-18".into(), DateSource::Time)));
    }

    #[test]
    fn visible_date_line_after_the_headline() {
        let body = r#"<div class="date">Saturday, 1 January 2000</div><h1>Bridge closes for good</h1><div class="post-date">October 12, 2017</div>"#;
        let e = extract(&page("", body));
        assert_eq!(e.date, Some(("2017-10-12".into(), DateSource::Byline)));
    }

    #[test]
    fn url_dates_with_numbers_and_month_names() {
        let head = r#"<link rel="canonical" href="https://x.example/ohio/2019/nov/18/bridge/">"#;
        let e = extract(&page(head, ""));
        assert_eq!(e.date, Some(("2019-11-18".into(), DateSource::Url)));
        let head = r#"<link rel="canonical" href="https://x.example/2019/11/18/bridge/">"#;
        let e = extract(&page(head, ""));
        assert_eq!(e.date, Some(("2019-11-18".into(), DateSource::Url)));
    }

    #[test]
    fn title_suffix_and_prefix_give_the_publisher() {
        let head = "<title>Opinion | Bridge closes for good - The Town Crier</title>";
        let e = extract(&page(head, "<h1>Bridge closes for good</h1>"));
        assert_eq!(e.title, "Bridge closes for good");
        assert_eq!(e.publisher.as_deref(), Some("The Town Crier"));
        let head = "<title>The Space Review: Bridge closes for good</title>";
        let e = extract(&page(head, "<h1>Bridge closes for good</h1>"));
        assert_eq!(e.publisher.as_deref(), Some("The Space Review"));
    }

    #[test]
    fn domain_like_site_names() {
        let head = r#"<meta property="og:site_name" content="BridgeNews.com"><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"Bridge News"}}</script>"#;
        assert_eq!(
            extract(&page(head, "")).publisher.as_deref(),
            Some("Bridge News")
        );
        let head = "<title>Bridge closes for good | The Crier-Review</title><meta property=\"og:site_name\" content=\"Crier.com\">";
        assert_eq!(
            extract(&page(head, "<h1>Bridge closes for good</h1>"))
                .publisher
                .as_deref(),
            Some("The Crier-Review")
        );
        let head = r#"<meta property="og:site_name" content="Space.com">"#;
        assert_eq!(
            extract(&page(head, "")).publisher.as_deref(),
            Some("Space.com")
        );
    }

    #[test]
    fn visible_byline_widens_metadata_and_agencies_are_not_authors() {
        let head = r#"<meta name="author" content="Jane Doe">"#;
        let body = r#"<p class="byline">By Jane Doe, John Roe and Ann Poe</p>"#;
        assert_eq!(
            extract(&page(head, body)).authors,
            vec!["Jane Doe", "John Roe", "Ann Poe"]
        );
        let body = r#"<div class="author">Reuters</div><div class="comments"><span class="author">Karol</span></div>"#;
        assert!(extract(&page("", body)).authors.is_empty());
    }

    #[test]
    fn innermost_byline_wins_over_its_section() {
        let body = r#"<div class="byline-section"><span class="author">Jane Doe and John Roe</span><span class="publication">Valley Daily Leader</span></div>"#;
        assert_eq!(
            extract(&page("", body)).authors,
            vec!["Jane Doe", "John Roe"]
        );
    }

    #[test]
    fn hidden_microdata_is_not_body_text() {
        let body = r#"<div style="display: none"><div itemprop="datePublished">2019-11-19T08:57:40+01:00</div></div>"#;
        let e = extract(&page("", body));
        assert!(!e.body.contains("2019-11-19T08"), "{}", e.body);
        assert!(e.body.contains("cracks in two of its piers"));
    }

    #[test]
    fn article_inside_a_negative_wrapper_is_kept() {
        let body = r#"<div class="site-content has-sidebar"><div class="post"><p>First paragraph of the story, long enough to count, with commas, and more words in it.</p><p>Second paragraph of the story, also long enough to count, with commas, and detail.</p><p>Third paragraph of the story, long enough again, with commas, and an ending.</p></div></div>"#;
        let e = extract(&format!("<html><body>{body}</body></html>"));
        assert!(e.body.starts_with("First paragraph"), "{}", e.body);
        assert!(e.body.ends_with("an ending."), "{}", e.body);
    }

    #[test]
    fn split_article_columns_are_joined() {
        let col = |t: &str| {
            format!(
                "<div class=\"col\"><div><p>{t} paragraph of a long story, with commas, and enough words to count as prose here.</p><p>{t} again, with commas, and a second sentence that is long enough.</p></div></div>"
            )
        };
        let body = format!(
            "<section>{}<div class=\"ad\">Advertisement</div>{}</section>",
            col("First"),
            col("Second")
        );
        let e = extract(&format!("<html><body>{body}</body></html>"));
        assert!(e.body.starts_with("First paragraph"), "{}", e.body);
        assert!(e.body.contains("Second again"), "{}", e.body);
        assert!(!e.body.contains("Advertisement"), "{}", e.body);
    }

    #[test]
    fn affiliation_after_an_and_list_is_dropped() {
        assert_eq!(
            drop_affiliation("Jane Doe and John Roe, Valley Daily Leader"),
            "Jane Doe and John Roe"
        );
        assert_eq!(
            drop_affiliation("By Jane Doe, John Roe and Ann Poe"),
            "By Jane Doe, John Roe and Ann Poe"
        );
    }

    #[test]
    fn ad_labels_are_not_text() {
        assert_eq!(
            drop_label_lines("One.\n\nAdvertisement\n\nTwo.\nADVERT\nThree."),
            "One.\n\nTwo.\nThree."
        );
        // Labels found by length first: a non-ASCII label in capitals,
        // one with trailing punctuation, a longer line holding a label.
        assert_eq!(
            drop_label_lines(
                "PUBLICITÉ\nRead more…\n Scroll to continue with content: \nRead more here"
            ),
            "Read more here"
        );
    }

    #[test]
    fn abbreviated_and_described_site_names() {
        let head = r#"<meta property="og:site_name" content="VDL"><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"Valley Daily Leader"}}</script>"#;
        assert_eq!(
            extract(&page(head, "")).publisher.as_deref(),
            Some("Valley Daily Leader")
        );
        let head = r#"<meta property="og:site_name" content="Crier Magazine"><meta name="application-name" content="Crier">"#;
        assert_eq!(extract(&page(head, "")).publisher.as_deref(), Some("Crier"));
    }

    #[test]
    fn marked_article_body_is_the_fallback() {
        let text = "The council voted on Tuesday to close the old bridge after engineers found cracks in two of its piers and said repairs would take a year. ".repeat(4);
        let page = format!(
            "<html><body><aside class=\"left-side\"><div itemprop=\"articleBody\">{text}<div class=\"fake-br\"></div>The mayor said a new crossing will be built.</div></aside></body></html>"
        );
        let e = extract(&page);
        assert!(e.body.starts_with("The council voted"), "{}", e.body);
        assert!(e.body.contains("a new crossing"), "{}", e.body);
    }

    #[test]
    fn bare_text_written_with_br_is_the_article() {
        let text = "The council voted on Tuesday to close the old bridge, officials said, after engineers found cracks in two of its piers and said repairs would take a year.";
        let page = format!(
            "<html><body><div class=\"box\"><p class=\"titulo\">Bridge closes</p><br>{text}<br><br>{text} Again.</div><div class=\"addr\"><p>Town Hall - Main Street 1 - Phone 555-0100</p></div></body></html>"
        );
        let e = extract(&page);
        assert!(e.body.contains("cracks in two of its piers"), "{}", e.body);
        assert!(!e.body.contains("Phone 555"), "{}", e.body);
    }

    #[test]
    fn copyright_holders() {
        assert_eq!(copyright_holder("©2019 Ascom").as_deref(), Some("Ascom"));
        assert_eq!(
            copyright_holder("Copyright (C) 2014-2019 Town Crier. All rights reserved").as_deref(),
            Some("Town Crier")
        );
        assert_eq!(copyright_holder("© 2019"), None);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!(
            "<html><body>{}<p>deep text</p>{}</body></html>",
            "<div>".repeat(3_000),
            "</div>".repeat(3_000)
        );
        let _ = extract(&page);
    }
}
