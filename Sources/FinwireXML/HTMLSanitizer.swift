import CLibXML2
import Foundation

/// Rewrites untrusted HTML (feed bodies) into an allow-listed subset that is safe to show in a browser:
/// no scripts, event handlers, styles, frames or forms, and links only to http, https or mailto.
///
/// Unknown elements are unwrapped (their text kept); dangerous containers (script, style, iframe…) are
/// dropped with their content. Relative URLs are resolved against `base` when one is given.
public enum HTMLSanitizer {
    static let allowed: Set<String> = [
        "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center", "cite", "code",
        "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "h1",
        "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
        "samp", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "time", "tr", "tt", "u", "ul", "var",
    ]
    static let dropWithContent: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "template",
        "form", "input", "button", "select", "textarea", "head", "title", "meta", "link", "base", "svg", "math",
    ]
    static let voids: Set<String> = ["br", "hr", "img", "col"]
    static let allowedAttributes: Set<String> = [
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "align", "valign", "lang",
        "datetime", "cite", "start", "type", "abbr", "scope", "dir",
    ]
    static let urlAttributes: Set<String> = ["href", "src", "cite"]

    public static func sanitize(_ html: String, base: URL? = nil) -> String {
        let tree = HTMLTree(html)
        var out = ""
        for node in tree.topNodes { write(node, base: base, into: &out) }
        return out
    }

    private static func write(_ node: xmlNodePtr, base: URL?, into out: inout String) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            HTMLEscape.text(node.textContent, into: &out)
        case XML_ELEMENT_NODE:
            let name = node.elementName
            if dropWithContent.contains(name) { return }
            guard allowed.contains(name) else {
                for child in node.children { write(child, base: base, into: &out) }
                return
            }
            out += "<" + name
            for (attr, value) in node.attributes where allowedAttributes.contains(attr) {
                var value = value
                if urlAttributes.contains(attr) {
                    guard let safe = safeURL(value, base: base) else { continue }
                    value = safe
                }
                out += " " + attr + "=\""
                HTMLEscape.attribute(value, into: &out)
                out += "\""
            }
            if voids.contains(name) {
                out += " />"
                return
            }
            out += ">"
            for child in node.children { write(child, base: base, into: &out) }
            out += "</" + name + ">"
        default:
            break
        }
    }

    /// http, https and mailto URLs, or relative ones (resolved when a base is known); nil for anything else.
    public static func safeURL(_ raw: String, base: URL?) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        if trimmed.isEmpty { return nil }
        let lower = trimmed.lowercased()
        if let colon = lower.firstIndex(of: ":"),
            !lower[..<colon].contains("/"), !lower[..<colon].contains("?"), !lower[..<colon].contains("#")
        {
            let scheme = lower[..<colon]
            return ["http", "https", "mailto"].contains(String(scheme)) ? trimmed : nil
        }
        if let base, let resolved = URL(string: trimmed, relativeTo: base)?.absoluteURL {
            return resolved.absoluteString
        }
        return trimmed
    }
}
