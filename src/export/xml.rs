//! Small helpers over `quick-xml` for the XML formats (GEXF, GraphML): escaping that keeps
//! line breaks in attribute values, and drops characters XML 1.0 cannot carry at all.

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use std::borrow::Cow;
use std::io::{self, Write};

/// Whether XML 1.0 allows `c` in a document (the `Char` production).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for an attribute value or element content: markup characters as entities,
/// tabs and line breaks as character references (so a reader gets them back rather than
/// spaces), characters XML 1.0 forbids dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// An XML writer with two-space indentation and helpers for elements with attributes.
pub struct Xml<W: Write> {
    w: Writer<W>,
}

impl<W: Write> Xml<W> {
    /// Starts a document with the XML declaration.
    pub fn new(out: W) -> io::Result<Xml<W>> {
        let mut w = Writer::new_with_indent(out, b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(Xml { w })
    }

    fn element<'a>(name: &'a str, attrs: &[(&'a str, &str)]) -> BytesStart<'a> {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute(Attribute {
                key: QName(k),
                value: Cow::Owned(escape(v)),
            });
        }
        e
    }

    /// `<name attrs...>`
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.w.write_event(Event::Start(Self::element(name, attrs)))
    }

    /// `</name>`
    pub fn close(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name attrs.../>`
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.w.write_event(Event::Empty(Self::element(name, attrs)))
    }

    /// `<name attrs...>text</name>`
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.w
            .write_event(Event::Start(Self::element(name, attrs)))?;
        self.w
            .write_event(Event::Text(BytesText::from_escaped(escape(text))))?;
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    /// Ends the document with a newline.
    pub fn finish(mut self) -> io::Result<()> {
        self.w.get_mut().write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_keeps_line_breaks_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("one\ntwo\r\tthree"), "one&#10;two&#13;&#9;three");
        assert_eq!(escape("bell\u{7}nul\u{0}\u{FFFE}ok"), "bellnulok");
        assert_eq!(escape("كابل </script>"), "كابل &lt;/script&gt;");
    }
}
