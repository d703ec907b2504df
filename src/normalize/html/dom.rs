//! The page's tree as a flat arena: html5ever parses straight into it (this
//! module is the parser's `TreeSink`), then the nodes are renumbered in
//! document order so every later pass is a loop over indices where a parent
//! always comes before its children (pages nest 100,000 deep; nothing here
//! recurses).
//!
//! It keeps what extraction reads — tag names, text, attributes, a
//! lower-cased class/id string — and drops comments, doctypes and processing
//! instructions. It must not judge content: no scoring, no metadata rules.

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName, local_name, ns, parse_document};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};

/// Parent index of the document node.
pub const ROOT_PARENT: usize = usize::MAX;

/// An element's lower-case local name; `""` for text, `"#document"` for
/// the document and template contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag(LocalName);

impl Tag {
    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as html5ever's atom.
    pub fn atom(&self) -> &LocalName {
        &self.0
    }
}

impl std::ops::Deref for Tag {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Tag {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

/// One node in document order.
#[derive(Debug)]
pub struct N {
    /// Index of the parent; [`ROOT_PARENT`] for the document.
    pub parent: usize,
    /// Element name (see [`Tag`]).
    pub tag: Tag,
    /// Text of a text node (adjacent text already merged).
    pub text: Option<StrTendril>,
    /// `class` and `id` words, lower-cased, plus the markers
    /// `hidden-by-style` (hidden attribute or `display:none` /
    /// `visibility:hidden` style) and `itemprop-articlebody`.
    pub classes: String,
    /// The element's attributes as the page wrote them.
    pub attrs: Vec<Attribute>,
    /// Where the child indices sit in the dom's one list: start and count
    /// (see [`Dom::children`]).
    kids: (usize, usize),
    /// A text node's length (words plus one space each) and comma count,
    /// measured once here for the scoring passes.
    pub text_len: usize,
    /// Commas (Latin, CJK and Arabic) in a text node.
    pub commas: usize,
}

impl N {
    /// Value of the attribute with this local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }
}

/// The parsed page.
pub struct Dom {
    /// Nodes in document order; index 0 is the document.
    pub nodes: Vec<N>,
    /// Every node's child indices, one run per node (see [`Dom::children`]):
    /// one list for the page, not one allocation per element.
    kids: Vec<usize>,
}

impl Dom {
    /// Parses a page (html5ever, the HTML5 algorithm, scripting enabled as
    /// in a browser) into the arena.
    pub fn parse(html: &str) -> Dom {
        let sink = Sink::default();
        // A node per 23 bytes of the pre-passed markup on the median page,
        // one per 14 on the densest tenth: room for most pages at once
        // (reserved, not touched), not grown by copying.
        sink.nodes.borrow_mut().reserve(html.len() / 12);
        let sink = parse_document(sink, Default::default()).one(html);
        sink.into_dom()
    }

    /// Child indices of node `i`, in document order.
    pub fn children(&self, i: usize) -> &[usize] {
        let (at, len) = self.nodes[i].kids;
        &self.kids[at..at + len]
    }

    /// Indices of `root` and everything under it, in document order.
    pub fn subtree(&self, root: usize) -> impl Iterator<Item = usize> + '_ {
        let mut stack = vec![root];
        std::iter::from_fn(move || {
            let i = stack.pop()?;
            stack.extend(self.children(i).iter().rev());
            Some(i)
        })
    }

    /// Every text node under `root` (the root included), joined by spaces,
    /// whitespace collapsed.
    pub fn all_text(&self, root: usize) -> String {
        let mut s = String::new();
        for i in self.subtree(root) {
            if let Some(t) = &self.nodes[i].text {
                s.push_str(t);
                s.push(' ');
            }
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// What a node is while the parser builds the tree.
enum Kind {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        /// The template's contents node.
        template: Option<usize>,
    },
    Text(StrTendril),
    /// Comments, doctypes, processing instructions: never kept.
    Other,
}

/// "No node" in a [`Building`] link.
const NONE: usize = usize::MAX;

/// A node while the parser builds the tree: its children are a linked list
/// (first, last, siblings), so appending, inserting and moving a node never
/// allocates.
struct Building {
    kind: Kind,
    parent: Option<usize>,
    first: usize,
    last: usize,
    prev: usize,
    next: usize,
}

impl Building {
    fn new(kind: Kind) -> Building {
        Building {
            kind,
            parent: None,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
        }
    }
}

/// The parser's view of the arena, in creation order; node 0 is the
/// document.
struct Sink {
    nodes: RefCell<Vec<Building>>,
}

impl Default for Sink {
    fn default() -> Self {
        Sink {
            nodes: RefCell::new(vec![Building::new(Kind::Document)]),
        }
    }
}

impl Sink {
    fn new_node(&self, kind: Kind) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Building::new(kind));
        nodes.len() - 1
    }

    /// Makes `next` follow `prev` in `parent`'s child list; [`NONE`] as
    /// `prev` makes `next` the first child, as `next` makes `prev` the last.
    fn join(nodes: &mut [Building], parent: usize, prev: usize, next: usize) {
        match prev {
            NONE => nodes[parent].first = next,
            _ => nodes[prev].next = next,
        }
        match next {
            NONE => nodes[parent].last = prev,
            _ => nodes[next].prev = prev,
        }
    }

    /// Takes `id` out of its parent's child list.
    fn detach(nodes: &mut [Building], id: usize) {
        let Some(p) = nodes[id].parent.take() else {
            return;
        };
        Self::join(nodes, p, nodes[id].prev, nodes[id].next);
        nodes[id].prev = NONE;
        nodes[id].next = NONE;
    }

    /// Puts the detached `id` into `parent`'s child list before `before`
    /// ([`NONE`]: at the end).
    fn link(nodes: &mut [Building], parent: usize, id: usize, before: usize) {
        let prev = match before {
            NONE => nodes[parent].last,
            _ => nodes[before].prev,
        };
        nodes[id].parent = Some(parent);
        Self::join(nodes, parent, prev, id);
        Self::join(nodes, parent, id, before);
    }

    /// Renumbers the attached nodes in document order.
    fn into_dom(self) -> Dom {
        let mut nodes = self.nodes.into_inner();
        let mut out: Vec<N> = Vec::with_capacity(nodes.len());
        let mut kids: Vec<usize> = Vec::with_capacity(nodes.len());
        // (building index, new parent index, its slot in `kids`); explicit
        // stack, no recursion.
        let mut stack = vec![(0usize, ROOT_PARENT, 0usize)];
        while let Some((b, parent, slot)) = stack.pop() {
            let kind = std::mem::replace(&mut nodes[b].kind, Kind::Other);
            let idx = out.len();
            let mut template = None;
            let n = match kind {
                Kind::Document => N {
                    parent,
                    tag: Tag(LocalName::from("#document")),
                    text: None,
                    classes: String::new(),
                    attrs: Vec::new(),
                    kids: (0, 0),
                    text_len: 0,
                    commas: 0,
                },
                Kind::Element {
                    name,
                    attrs,
                    template: contents,
                } => {
                    let local = if name.local.bytes().any(|c| c.is_ascii_uppercase()) {
                        LocalName::from(name.local.to_ascii_lowercase())
                    } else {
                        name.local
                    };
                    let mut n = N {
                        parent,
                        tag: Tag(local),
                        text: None,
                        classes: String::new(),
                        attrs,
                        kids: (0, 0),
                        text_len: 0,
                        commas: 0,
                    };
                    n.classes = classes_of(&n);
                    template = contents;
                    n
                }
                Kind::Text(t) => {
                    let (text_len, commas) = measure(&t);
                    N {
                        parent,
                        tag: Tag(LocalName::from("")),
                        text_len,
                        commas,
                        text: Some(t),
                        classes: String::new(),
                        attrs: Vec::new(),
                        kids: (0, 0),
                    }
                }
                Kind::Other => continue,
            };
            out.push(n);
            if parent != ROOT_PARENT {
                kids[slot] = idx;
            }
            // A slot per kept child (a template's contents first), filled
            // when the child is numbered; pushed last child first, so that
            // they pop in document order.
            let at = kids.len();
            if template.is_some() {
                kids.push(NONE);
            }
            let mut c = nodes[b].first;
            while c != NONE {
                if !matches!(nodes[c].kind, Kind::Other) {
                    kids.push(NONE);
                }
                c = nodes[c].next;
            }
            let mut slot = kids.len();
            let mut c = nodes[b].last;
            while c != NONE {
                if !matches!(nodes[c].kind, Kind::Other) {
                    slot -= 1;
                    stack.push((c, idx, slot));
                }
                c = nodes[c].prev;
            }
            if let Some(t) = template {
                stack.push((t, idx, at));
            }
            out[idx].kids = (at, kids.len() - at);
        }
        Dom { nodes: out, kids }
    }
}

/// A text node's length (characters of its words plus one space each) and
/// its commas (Latin, CJK and Arabic), in one pass.
fn measure(t: &str) -> (usize, usize) {
    let (mut len, mut commas, mut in_word) = (0, 0, false);
    if t.is_ascii() {
        for &b in t.as_bytes() {
            let space = b.is_ascii_whitespace() || b == b'\x0b';
            len += usize::from(!space) + usize::from(!space && !in_word);
            commas += usize::from(b == b',');
            in_word = !space;
        }
    } else {
        for c in t.chars() {
            let space = c.is_whitespace();
            len += usize::from(!space) + usize::from(!space && !in_word);
            commas += usize::from(matches!(c, ',' | '，' | '、' | '،'));
            in_word = !space;
        }
    }
    (len, commas)
}

/// Whether a style attribute hides its element (`display:none` or
/// `visibility:hidden`, any case, spaces anywhere).
fn hides(style: &str) -> bool {
    let st: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    st.contains("display:none") || st.contains("visibility:hidden")
}

/// The lower-cased class/id string with the hidden and article-body markers.
fn classes_of(n: &N) -> String {
    if n.attrs.is_empty() {
        return String::new();
    }
    let mut classes = String::new();
    if let Some(c) = n.attr("class") {
        classes.push_str(c);
    }
    if let Some(i) = n.attr("id") {
        classes.push(' ');
        classes.push_str(i);
    }
    if n.attr("hidden").is_some() || n.attr("style").is_some_and(hides) {
        classes.push_str(" hidden-by-style");
    }
    if n.attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articlebody"))
    {
        classes.push_str(" itemprop-articlebody");
    }
    classes.make_ascii_lowercase();
    classes
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Self;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |n| match &n[*target].kind {
            Kind::Element { name, .. } => name,
            _ => panic!("html5ever asked the name of a non-element"),
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        let is_template = name.ns == ns!(html) && name.local == local_name!("template");
        let id = self.new_node(Kind::Element {
            name,
            attrs,
            template: None,
        });
        if is_template {
            // Its contents hang off it as a document fragment.
            let contents = self.new_node(Kind::Document);
            if let Kind::Element { template, .. } = &mut self.nodes.borrow_mut()[id].kind {
                *template = Some(contents);
            }
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.new_node(Kind::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.new_node(Kind::Other)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        match child {
            NodeOrText::AppendNode(id) => {
                let mut nodes = self.nodes.borrow_mut();
                Self::detach(&mut nodes, id);
                Self::link(&mut nodes, *parent, id, NONE);
            }
            NodeOrText::AppendText(text) => {
                {
                    let mut nodes = self.nodes.borrow_mut();
                    let last = nodes[*parent].last;
                    if last != NONE
                        && let Kind::Text(t) = &mut nodes[last].kind
                    {
                        t.push_tendril(&text);
                        return;
                    }
                }
                let id = self.new_node(Kind::Text(text));
                Self::link(&mut self.nodes.borrow_mut(), *parent, id, NONE);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        let has_parent = self.nodes.borrow()[*element].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &usize) -> usize {
        match &self.nodes.borrow()[*target].kind {
            Kind::Element {
                template: Some(t), ..
            } => *t,
            _ => panic!("html5ever asked the contents of a non-template"),
        }
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let id = match new_node {
            NodeOrText::AppendNode(id) => {
                Self::detach(&mut self.nodes.borrow_mut(), id);
                id
            }
            NodeOrText::AppendText(text) => {
                {
                    let mut nodes = self.nodes.borrow_mut();
                    if nodes[*sibling].parent.is_none() {
                        return;
                    }
                    let prev = nodes[*sibling].prev;
                    if prev != NONE
                        && let Kind::Text(t) = &mut nodes[prev].kind
                    {
                        t.push_tendril(&text);
                        return;
                    }
                }
                self.new_node(Kind::Text(text))
            }
        };
        let mut nodes = self.nodes.borrow_mut();
        let Some(p) = nodes[*sibling].parent else {
            return;
        };
        Self::link(&mut nodes, p, id, *sibling);
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        if let Kind::Element { attrs: have, .. } = &mut self.nodes.borrow_mut()[*target].kind {
            for a in attrs {
                if !have.iter().any(|h| h.name == a.name) {
                    have.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let first = std::mem::replace(&mut nodes[*node].first, NONE);
        if first == NONE {
            return;
        }
        let last = std::mem::replace(&mut nodes[*node].last, NONE);
        let mut k = first;
        while k != NONE {
            nodes[k].parent = Some(*new_parent);
            k = nodes[k].next;
        }
        let tail = nodes[*new_parent].last;
        Self::join(&mut nodes, *new_parent, tail, first);
        nodes[*new_parent].last = last;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(dom: &Dom) -> String {
        let mut s = String::new();
        for n in &dom.nodes {
            match &n.text {
                Some(t) => s.push_str(&format!("'{}' ", &**t)),
                None => s.push_str(&format!("{} ", n.tag.as_str())),
            }
        }
        s.trim_end().to_string()
    }

    #[test]
    fn document_order_with_implied_elements() {
        // The comment goes; the text on each side of it stays two nodes.
        let dom = Dom::parse("<p>a<b>b</b>c<p>d<!-- gone -->e");
        assert_eq!(
            shape(&dom),
            "#document html head body p 'a' b 'b' 'c' p 'd' 'e'"
        );
        for (i, n) in dom.nodes.iter().enumerate().skip(1) {
            assert!(n.parent < i, "parent before child");
            assert!(dom.children(n.parent).contains(&i));
        }
    }

    /// Child ids of `parent`, walking the links forwards and checking the
    /// backward links and parents on the way.
    fn kids_of(sink: &Sink, parent: usize) -> Vec<usize> {
        let nodes = sink.nodes.borrow();
        let (mut out, mut prev, mut c) = (Vec::new(), NONE, nodes[parent].first);
        while c != NONE {
            assert_eq!(nodes[c].prev, prev);
            assert_eq!(nodes[c].parent, Some(parent));
            out.push(c);
            (prev, c) = (c, nodes[c].next);
        }
        assert_eq!(nodes[parent].last, prev);
        out
    }

    #[test]
    fn child_lists_append_insert_move_and_detach() {
        let sink = Sink::default();
        let el = |s: &Sink| {
            s.create_element(
                QualName::new(None, ns!(html), local_name!("div")),
                Vec::new(),
                ElementFlags::default(),
            )
        };
        let (a, b, c, d) = (el(&sink), el(&sink), el(&sink), el(&sink));
        for k in [b, c] {
            sink.append(&a, NodeOrText::AppendNode(k));
        }
        sink.append_before_sibling(&b, NodeOrText::AppendNode(d));
        assert_eq!(kids_of(&sink, a), [d, b, c]);
        sink.append_before_sibling(&c, NodeOrText::AppendNode(d));
        assert_eq!(kids_of(&sink, a), [b, d, c]);
        // Moving a node detaches it from its old parent.
        sink.append(&b, NodeOrText::AppendNode(c));
        assert_eq!(kids_of(&sink, a), [b, d]);
        assert_eq!(kids_of(&sink, b), [c]);
        sink.reparent_children(&a, &c);
        assert!(kids_of(&sink, a).is_empty());
        assert_eq!(kids_of(&sink, c), [b, d]);
        sink.remove_from_parent(&b);
        assert_eq!(kids_of(&sink, c), [d]);
        // Text next to text merges, before a sibling as at the end.
        sink.append(&c, NodeOrText::AppendText("x".into()));
        sink.append_before_sibling(&d, NodeOrText::AppendText("y".into()));
        sink.append_before_sibling(&d, NodeOrText::AppendText("z".into()));
        sink.append(&c, NodeOrText::AppendText("w".into()));
        let kids = kids_of(&sink, c);
        let nodes = sink.nodes.borrow();
        let text = |i: usize| match &nodes[i].kind {
            Kind::Text(t) => t.to_string(),
            _ => "element".to_string(),
        };
        assert_eq!(
            kids.iter().map(|&k| text(k)).collect::<Vec<_>>(),
            ["yz", "element", "xw"]
        );
        assert_eq!(kids[1], d);
    }

    #[test]
    fn misnested_formatting_is_repaired() {
        // The adoption agency algorithm moves nodes: order must still hold.
        let dom = Dom::parse("<div><b>1<p>2</b>3</p></div>");
        assert_eq!(
            shape(&dom),
            "#document html head body div b '1' p b '2' '3'"
        );
        let dom = Dom::parse("<table><tr><td>x</td></tr>lost<b>y</b></table>");
        assert!(shape(&dom).contains("'lost'"));
        for (i, n) in dom.nodes.iter().enumerate().skip(1) {
            assert!(n.parent < i);
        }
    }

    #[test]
    fn attributes_classes_and_templates() {
        let dom = Dom::parse(
            r#"<div Class="Story-Body" id=Main style="DISPLAY: none" itemprop=articleBody>t</div><template><p>x</p></template>"#,
        );
        let div = dom.nodes.iter().find(|n| n.tag == "div").unwrap();
        assert_eq!(
            div.classes,
            "story-body main hidden-by-style itemprop-articlebody"
        );
        assert_eq!(div.attr("id"), Some("Main"));
        assert_eq!(div.attr("missing"), None);
        let t = dom.nodes.iter().position(|n| n.tag == "template").unwrap();
        let contents = dom.children(t)[0];
        assert_eq!(dom.nodes[contents].tag, "#document");
        assert_eq!(dom.all_text(t), "x");
    }

    #[test]
    fn text_measures() {
        let dom = Dom::parse("<p>one, two，three</p>");
        let t = dom.nodes.iter().find(|n| n.text.is_some()).unwrap();
        // "one," and "two，three": characters plus one space each.
        assert_eq!(t.text_len, 15);
        assert_eq!(t.commas, 2);
    }

    proptest::proptest! {
        #[test]
        fn measure_counts_words_and_commas(t in "[a-z ,\t\n\x0b\u{A0}\u{3000}é，、،]{0,40}") {
            let words: usize = t.split_whitespace().map(|w| w.chars().count() + 1).sum();
            let commas = t.matches([',', '，', '、', '،']).count();
            proptest::prop_assert_eq!(measure(&t), (words, commas));
        }
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let page = "<div>".repeat(20_000) + "deep";
        let dom = Dom::parse(&page);
        assert_eq!(dom.all_text(0), "deep");
    }
}
