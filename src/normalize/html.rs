//! HTML page → [`Extracted`]: main-content selection and page metadata.
//!
//! The page is parsed once (html5ever, through `scraper`) and copied into a
//! flat arena so every pass is a loop, never a recursion (pages nest 100,000
//! deep). Passes: (1) metadata from JSON-LD, `<meta>`, `<link>`, `<time>`,
//! `<title>`; (2) clutter marking by tag and class/id hints; (3) content
//! scoring by paragraph text, commas and link density, readability-style,
//! with siblings of the best block merged back in; (4) the chosen blocks are
//! written out as plain HTML and html2text renders them, paragraph breaks
//! kept. Captions and bylines found in the page go to their own fields. No
//! site-specific rules; nothing here knows about datelines or people.

use super::{DateSource, Extracted};
use crate::metadata::{byline, date};
use scraper::{Html, Node};
use serde_json::Value;

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

#[derive(Debug)]
struct N {
    parent: usize,
    tag: String,
    /// Text of a text node.
    text: Option<String>,
    classes: String,
    children: Vec<usize>,
}

const ROOT_PARENT: usize = usize::MAX;

struct Dom {
    nodes: Vec<N>,
}

impl Dom {
    fn build(html: &Html) -> Dom {
        let mut nodes: Vec<N> = Vec::new();
        // (scraper node, parent index) pairs, explicit stack: no recursion.
        let mut stack = vec![(html.tree.root(), ROOT_PARENT)];
        while let Some((node, parent)) = stack.pop() {
            let idx = nodes.len();
            let n = match node.value() {
                Node::Element(el) => {
                    let mut classes = String::new();
                    if let Some(c) = el.attr("class") {
                        classes.push_str(c);
                    }
                    if let Some(i) = el.attr("id") {
                        classes.push(' ');
                        classes.push_str(i);
                    }
                    N {
                        parent,
                        tag: el.name().to_ascii_lowercase(),
                        text: None,
                        classes: classes.to_ascii_lowercase(),
                        children: Vec::new(),
                    }
                }
                Node::Text(t) => N {
                    parent,
                    tag: String::new(),
                    text: Some(t.to_string()),
                    classes: String::new(),
                    children: Vec::new(),
                },
                Node::Document | Node::Fragment => N {
                    parent,
                    tag: "#document".into(),
                    text: None,
                    classes: String::new(),
                    children: Vec::new(),
                },
                _ => continue,
            };
            nodes.push(n);
            if parent != ROOT_PARENT {
                nodes[parent].children.push(idx);
            }
            let kids: Vec<_> = node.children().collect();
            for k in kids.into_iter().rev() {
                stack.push((k, idx));
            }
        }
        Dom { nodes }
    }
}

fn words(classes: &str) -> impl Iterator<Item = &str> {
    classes
        .split([' ', '-', '_', ':'])
        .filter(|w| !w.is_empty())
}

fn class_weight(classes: &str) -> f32 {
    let mut w = 0.0;
    if classes.is_empty() {
        return w;
    }
    if words(classes).any(|x| NEGATIVE.contains(&x)) {
        w -= 25.0;
    }
    if classes.split_whitespace().any(|c| POSITIVE.contains(&c))
        || words(classes).any(|x| {
            matches!(
                x,
                "article" | "story" | "content" | "body" | "entry" | "post" | "text"
            )
        })
    {
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
    site_name: Option<String>,
    ld: LdMeta,
    meta_date: Option<String>,
    meta_authors: Vec<String>,
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
    authors: Vec<String>,
    publisher: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

fn text_of(dom: &Dom, root: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        let n = &dom.nodes[i];
        if let Some(t) = &n.text {
            out.push_str(t);
        } else if !matches!(n.tag.as_str(), "script" | "style" | "noscript" | "template") {
            if matches!(n.tag.as_str(), "br" | "p" | "div" | "li") {
                out.push(' ');
            }
            stack.extend(n.children.iter().rev());
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
            )
    };
    match v.get("@type") {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().map(check).unwrap_or(false)),
        _ => false,
    }
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
fn read_ld(v: &Value, out: &mut LdMeta, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| read_ld(x, out, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                read_ld(g, out, depth + 1);
            }
            if is_article_type(v) {
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
                if out.authors.is_empty() {
                    let authors = match o.get("author").or_else(|| o.get("creator")) {
                        Some(Value::Array(a)) => a.iter().collect::<Vec<_>>(),
                        Some(x) => vec![x],
                        None => vec![],
                    };
                    for a in authors {
                        let is_org = a
                            .get("@type")
                            .and_then(|t| t.as_str())
                            .map(|t| t != "Person")
                            .unwrap_or(false);
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
                    out.publisher = o.get("publisher").and_then(ld_name);
                }
                if out.url.is_none() {
                    out.url = ld_str(o.get("url")).or_else(|| ld_str(o.get("mainEntityOfPage")));
                }
            }
        }
        _ => {}
    }
}

fn collect_meta(dom: &Dom, html: &Html) -> PageMeta {
    let mut m = PageMeta::default();
    // Attributes need scraper's element view; walk it once, iteratively.
    for node in html.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        match el.name() {
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
                match key.as_str() {
                    "og:title" | "twitter:title" if m.og_title.is_none() => {
                        m.og_title = Some(content)
                    }
                    "og:site_name" | "application-name" if m.site_name.is_none() => {
                        m.site_name = Some(content)
                    }
                    "og:url" if m.og_url.is_none() => m.og_url = Some(content),
                    "og:locale" if m.og_locale.is_none() => m.og_locale = Some(content),
                    "article:published_time"
                    | "og:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "publish-date"
                    | "publish_date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "dcterms.created"
                    | "dcterms.date"
                    | "sailthru.date"
                    | "parsely-pub-date"
                    | "article.published"
                    | "published_time"
                    | "cxenseparse:recs:publishtime"
                    | "original-publish-date"
                        if m.meta_date.is_none() =>
                    {
                        m.meta_date = Some(content)
                    }
                    "author" | "article:author" | "parsely-author" | "sailthru.author"
                    | "dc.creator" | "byl"
                        if !content.starts_with("http") && !m.meta_authors.contains(&content) =>
                    {
                        m.meta_authors.push(content);
                    }
                    _ => {}
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
            "time" if m.time_datetime.is_none() => {
                m.time_datetime = el.attr("datetime").map(str::to_string);
            }
            "script"
                if el
                    .attr("type")
                    .map(|t| t.eq_ignore_ascii_case("application/ld+json"))
                    .unwrap_or(false) =>
            {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                if let Ok(v) = serde_json::from_str::<Value>(text.trim()) {
                    read_ld(&v, &mut m.ld, 0);
                }
            }
            _ => {}
        }
    }
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

/// Extracts the article from an HTML page.
pub fn extract(text: &str) -> Extracted {
    let html = Html::parse_document(text);
    let dom = Dom::build(&html);
    let meta = collect_meta(&dom, &html);
    let n = dom.nodes.len();

    // Clutter: dropped by tag or by class, inherited by descendants.
    let mut dropped = vec![false; n];
    let mut captions: Vec<String> = Vec::new();
    let mut bylines: Vec<String> = Vec::new();
    for i in 0..n {
        let node = &dom.nodes[i];
        let parent_dropped = node.parent != ROOT_PARENT && dropped[node.parent];
        if parent_dropped {
            dropped[i] = true;
            continue;
        }
        if node.text.is_some() {
            continue;
        }
        let tag = node.tag.as_str();
        let structural = matches!(tag, "html" | "body" | "#document" | "main" | "article");
        let mut drop = DROP_TAGS.contains(&tag);
        if tag == "figcaption"
            || (!structural && words(&node.classes).any(|w| w == "caption" || w == "figcaption"))
        {
            let t = text_of(&dom, i);
            if !t.is_empty() && !captions.contains(&t) {
                captions.push(t);
            }
            drop = true;
        } else if !structural && words(&node.classes).any(|w| w == "byline" || w == "author") {
            let t = text_of(&dom, i);
            if !t.is_empty() && t.len() < 200 && !bylines.contains(&t) {
                bylines.push(t);
            }
            drop = true;
        } else if !structural
            && (tag == "header"
                || (class_weight(&node.classes) < 0.0
                    && !words(&node.classes).any(|w| POSITIVE.contains(&w))))
        {
            drop = true;
        }
        if drop {
            dropped[i] = true;
        }
    }

    // Text and link lengths, accumulated bottom-up (children follow parents in the arena).
    let mut text_len = vec![0usize; n];
    let mut link_len = vec![0usize; n];
    let mut commas = vec![0usize; n];
    for i in (0..n).rev() {
        if dropped[i] {
            continue;
        }
        if let Some(t) = &dom.nodes[i].text {
            text_len[i] = t.split_whitespace().map(|w| w.chars().count() + 1).sum();
            commas[i] = t.matches([',', '，', '、']).count();
        }
        if dom.nodes[i].tag == "a" {
            link_len[i] = text_len[i];
        }
        let p = dom.nodes[i].parent;
        if p != ROOT_PARENT {
            text_len[p] += text_len[i];
            link_len[p] += link_len[i];
            commas[p] += commas[i];
        }
    }

    // Paragraph scores flow to parents and grandparents.
    let mut score = vec![0f32; n];
    let mut is_candidate = vec![false; n];
    for i in 0..n {
        if dropped[i] || dom.nodes[i].text.is_some() {
            continue;
        }
        let tag = dom.nodes[i].tag.as_str();
        let para = matches!(tag, "p" | "pre" | "blockquote" | "td" | "h2" | "h3" | "li")
            || (tag == "div"
                && !dom.nodes[i]
                    .children
                    .iter()
                    .any(|&c| is_block(&dom.nodes[c].tag)));
        if !para || text_len[i] < 25 {
            continue;
        }
        let s = 1.0 + commas[i] as f32 + (text_len[i] as f32 / 100.0).min(3.0);
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
    }
    let mut best: Option<(usize, f32)> = None;
    for i in 0..n {
        if !is_candidate[i] {
            continue;
        }
        let ld = if text_len[i] > 0 {
            link_len[i] as f32 / text_len[i] as f32
        } else {
            1.0
        };
        let s = (score[i] + class_weight(&dom.nodes[i].classes)) * (1.0 - ld);
        score[i] = s;
        if best.map(|b| s > b.1).unwrap_or(true) {
            best = Some((i, s));
        }
    }

    let chosen: Vec<usize> = match best {
        Some((b, bs)) => {
            let parent = dom.nodes[b].parent;
            if parent == ROOT_PARENT {
                vec![b]
            } else {
                let threshold = (bs * 0.2).max(10.0);
                dom.nodes[parent]
                    .children
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
                        let ld = if text_len[s] > 0 {
                            link_len[s] as f32 / text_len[s] as f32
                        } else {
                            1.0
                        };
                        dom.nodes[s].tag == "p" && text_len[s] > 80 && ld < 0.25
                    })
                    .collect()
            }
        }
        None => (0..n)
            .filter(|&i| dom.nodes[i].tag == "body")
            .take(1)
            .collect(),
    };

    let mut body_html = String::new();
    for &c in &chosen {
        serialize(&dom, c, &dropped, &mut body_html);
    }
    let body = render(&body_html);

    // Title: the page's h1 when og:title or <title> agree with it, else the
    // stated headline, else <title> without the site name.
    let site = meta.ld.publisher.clone().or_else(|| meta.site_name.clone());
    let stripped_title = meta
        .title_tag
        .as_deref()
        .map(|t| strip_site(t, site.as_deref()));
    let h1 = meta.h1.iter().find(|h| {
        let fh = fold(h);
        fh.len() > 8
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
    let title = h1
        .cloned()
        .or_else(|| meta.ld.headline.clone())
        .or_else(|| {
            meta.og_title
                .as_deref()
                .map(|t| strip_site(t, site.as_deref()))
        })
        .or(stripped_title)
        .or_else(|| meta.h1.first().cloned())
        .unwrap_or_default();

    let date = meta
        .ld
        .date_published
        .as_deref()
        .and_then(date::parse_stamp)
        .map(|d| (d.iso(), DateSource::JsonLd))
        .or_else(|| {
            meta.meta_date
                .as_deref()
                .and_then(date::parse_any)
                .map(|d| (d.iso(), DateSource::Meta))
        })
        .or_else(|| {
            meta.time_datetime
                .as_deref()
                .and_then(date::parse_any)
                .map(|d| (d.iso(), DateSource::Time))
        });

    let mut authors: Vec<String> = meta.ld.authors.clone();
    if authors.is_empty() {
        authors = meta
            .meta_authors
            .iter()
            .flat_map(|a| byline::names(a))
            .collect();
    }
    let url = meta
        .canonical
        .clone()
        .or(meta.og_url.clone())
        .or(meta.ld.url.clone());
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
        publisher: site,
        date,
        url,
        language,
    }
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

/// Writes `root` as minimal HTML (tag names only), leaving out dropped nodes.
fn serialize(dom: &Dom, root: usize, dropped: &[bool], out: &mut String) {
    enum Step {
        Open(usize),
        Close(usize),
    }
    let mut stack = vec![Step::Open(root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Open(i) => {
                if dropped[i] {
                    continue;
                }
                let n = &dom.nodes[i];
                if let Some(t) = &n.text {
                    escape_into(t, out);
                    continue;
                }
                let tag = safe_tag(&n.tag);
                if let Some(tag) = tag {
                    out.push('<');
                    out.push_str(tag);
                    out.push('>');
                }
                stack.push(Step::Close(i));
                for &c in n.children.iter().rev() {
                    stack.push(Step::Open(c));
                }
            }
            Step::Close(i) => {
                if let Some(tag) = safe_tag(&dom.nodes[i].tag) {
                    if !matches!(tag, "br" | "hr" | "img" | "wbr") {
                        out.push_str("</");
                        out.push_str(tag);
                        out.push('>');
                    }
                }
            }
        }
    }
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
    KEEP.contains(&tag).then_some(tag)
}

fn escape_into(t: &str, out: &mut String) {
    for c in t.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
}

/// html2text renders the chosen HTML; lines are then tidied into paragraphs
/// separated by one blank line.
fn render(body_html: &str) -> String {
    if body_html.trim().is_empty() {
        return String::new();
    }
    let text = html2text::config::plain_no_decorate()
        .no_table_borders()
        .string_from_read(body_html.as_bytes(), 100_000)
        .unwrap_or_default();
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
