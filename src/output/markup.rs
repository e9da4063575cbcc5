//! A small tree of elements and text, for content that is static once shown.
//!
//! The slides are such content: built once per slide from the map, never
//! edited in place. Written as Leptos views they cost about 40 KB of the
//! gzipped bundle (every nested view is its own generic type); as this tree
//! they are plain data, tested on the host, and `browser::dom` turns a tree
//! into elements with one small function. Text is always a text node and
//! attribute names are fixed by the code, so nothing in a tree can become
//! markup or script.

/// An element: a tag, attributes and children, all names fixed by the code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Element {
    pub tag: &'static str,
    pub attributes: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// "1 hint", "3 hints".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// `<tag class="class">`, to be filled by the builder methods.
pub fn el(tag: &'static str, class: &str) -> Element {
    let mut element = Element {
        tag,
        ..Element::default()
    };
    if !class.is_empty() {
        element.attributes.push(("class", class.to_string()));
    }
    element
}

impl Element {
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.attributes.push((name, value.into()));
        self
    }

    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.children.push(Node::Text(text.into()));
        self
    }

    pub fn child(mut self, child: Element) -> Self {
        self.children.push(Node::Element(child));
        self
    }

    pub fn children(mut self, children: impl IntoIterator<Item = Element>) -> Self {
        self.children
            .extend(children.into_iter().map(Node::Element));
        self
    }

    /// Adds `child` only when there is one.
    pub fn maybe(self, child: Option<Element>) -> Self {
        match child {
            Some(child) => self.child(child),
            None => self,
        }
    }

    /// The value of the attribute `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every element of the tree, this one first, level by level.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = vec![self];
        let mut index = 0;
        while index < out.len() {
            let element = out[index];
            for child in &element.children {
                if let Node::Element(child) = child {
                    out.push(child);
                }
            }
            index += 1;
        }
        out
    }

    /// All the text of the tree, in order, joined without separators.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        fn walk(element: &Element, out: &mut String) {
            for child in &element.children {
                match child {
                    Node::Text(text) => out.push_str(text),
                    Node::Element(child) => walk(child, out),
                }
            }
        }
        walk(self, &mut out);
        out
    }
}
