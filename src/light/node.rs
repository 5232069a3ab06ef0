//! The light page's whole rendering machinery: a screen is described as a plain tree of
//! [`Node`]s and [`patch`]ed onto the live DOM in place, element by element. An element of
//! the same tag at the same place is kept (so focus, a caret and a half-typed word survive a
//! re-render, as they do with Yew); anything else is replaced. A `data-key` attribute that
//! differs replaces the element too, so a new question starts from fresh inputs.
//!
//! `checked` and `value` of inputs are set as properties, not attributes (the browser's live state);
//! a textarea's text is its `value`, never its children.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

pub enum Node {
    El(El),
    Text(String),
}

pub struct El {
    tag: &'static str,
    svg: bool,
    attrs: Vec<(&'static str, String)>,
    kids: Vec<Node>,
}

/// An HTML element.
#[inline(never)]
pub fn el(tag: &'static str) -> El {
    El { tag, svg: false, attrs: Vec::new(), kids: Vec::new() }
}

/// An SVG element (`svg`, `path`, `circle`, `rect`).
#[inline(never)]
pub fn svg(tag: &'static str) -> El {
    El { tag, svg: true, attrs: Vec::new(), kids: Vec::new() }
}

#[inline(never)]
pub fn text(t: impl Into<String>) -> Node {
    Node::Text(t.into())
}

impl El {
    #[inline(never)]
    pub fn a(mut self, k: &'static str, v: impl Into<String>) -> Self {
        self.attrs.push((k, v.into()));
        self
    }
    /// An attribute that is there only when `v` is `Some`.
    #[inline(never)]
    pub fn ao(self, k: &'static str, v: Option<impl Into<String>>) -> Self {
        match v {
            Some(v) => self.a(k, v),
            None => self,
        }
    }
    #[inline(never)]
    pub fn c(mut self, n: impl Into<Node>) -> Self {
        self.kids.push(n.into());
        self
    }
    #[inline(never)]
    pub fn t(self, s: impl Into<String>) -> Self {
        self.c(Node::Text(s.into()))
    }
    #[inline(never)]
    pub fn cs(mut self, nodes: impl IntoIterator<Item = Node>) -> Self {
        self.kids.extend(nodes);
        self
    }
    /// A child only when `n` is `Some`; else an empty text node holds its place, so the
    /// children after it keep their places (and a focused button after it stays focused).
    #[inline(never)]
    pub fn co(self, n: Option<impl Into<Node>>) -> Self {
        match n {
            Some(n) => self.c(n),
            None => self.c(Node::Text(String::new())),
        }
    }
}

impl From<El> for Node {
    fn from(e: El) -> Node {
        Node::El(e)
    }
}

const PROPS: [&str; 2] = ["checked", "value"];

/// Makes `parent`'s children match `kids`.
pub fn patch(doc: &Document, parent: &web_sys::Node, kids: &[Node]) {
    let existing = parent.child_nodes();
    for (i, want) in kids.iter().enumerate() {
        let i = i as u32;
        match existing.item(i) {
            Some(have) if same_kind(&have, want) => match want {
                Node::Text(t) => {
                    if have.node_value().as_deref() != Some(t.as_str()) {
                        have.set_node_value(Some(t));
                    }
                }
                Node::El(e) => {
                    if let Some(el) = have.dyn_ref::<Element>() {
                        patch_el(doc, el, e);
                    }
                }
            },
            Some(have) => {
                if let Some(new) = create(doc, want) {
                    let _ = parent.replace_child(&new, &have);
                }
            }
            None => {
                if let Some(new) = create(doc, want) {
                    let _ = parent.append_child(&new);
                }
            }
        }
    }
    while existing.length() > kids.len() as u32 {
        match parent.last_child() {
            Some(last) => {
                let _ = parent.remove_child(&last);
            }
            None => break,
        }
    }
}

fn same_kind(have: &web_sys::Node, want: &Node) -> bool {
    match want {
        Node::Text(_) => have.node_type() == web_sys::Node::TEXT_NODE,
        Node::El(e) => have.dyn_ref::<Element>().is_some_and(|el| {
            el.local_name() == e.tag && el.get_attribute("data-key").as_deref() == e.attrs.iter().find(|(k, _)| *k == "data-key").map(|(_, v)| v.as_str())
        }),
    }
}

fn patch_el(doc: &Document, el: &Element, want: &El) {
    // Attributes no longer wanted go (the browser's own state, `checked`/`value`, is not an attribute here).
    let names = el.get_attribute_names();
    for n in names.iter() {
        if let Some(n) = n.as_string() {
            if !want.attrs.iter().any(|(k, _)| *k == n) {
                let _ = el.remove_attribute(&n);
            }
        }
    }
    set_attrs(el, want, false);
    if want.tag != "textarea" {
        patch(doc, el, &want.kids);
    }
}

fn set_attrs(el: &Element, want: &El, fresh: bool) {
    for (k, v) in &want.attrs {
        if PROPS.contains(k) {
            set_prop(el, k, v);
        } else if fresh || el.get_attribute(k).as_deref() != Some(v.as_str()) {
            let _ = el.set_attribute(k, v);
        }
    }
}

fn set_prop(el: &Element, k: &str, v: &str) {
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        if k == "checked" {
            if input.checked() != (v == "true") {
                input.set_checked(v == "true");
            }
        } else if input.value() != v {
            input.set_value(v);
        }
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        if area.value() != v {
            area.set_value(v);
        }
    } else if el.get_attribute(k).as_deref() != Some(v) {
        // `<progress value>` and the like: a plain attribute.
        let _ = el.set_attribute(k, v);
    }
}

fn create(doc: &Document, want: &Node) -> Option<web_sys::Node> {
    match want {
        Node::Text(t) => Some(doc.create_text_node(t).into()),
        Node::El(e) => {
            let el = if e.svg {
                doc.create_element_ns(Some("http://www.w3.org/2000/svg"), e.tag).ok()?
            } else {
                doc.create_element(e.tag).ok()?
            };
            set_attrs(&el, e, true);
            if e.tag != "textarea" {
                for k in &e.kids {
                    if let Some(n) = create(doc, k) {
                        let _ = el.append_child(&n);
                    }
                }
            }
            Some(el.into())
        }
    }
}
