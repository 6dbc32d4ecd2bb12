import CLibXML2

/// Plain text and the first image of an HTML body, for search, tagging, leads and thumbnails.
public struct HTMLText: Sendable, Equatable {
    public var text: String
    /// The first `<img src>` of the body, as written (the caller resolves it).
    public var firstImage: String?

    /// Elements whose content is never text a reader sees.
    static let hidden: Set<String> = ["script", "style", "iframe", "noscript", "template", "head", "object", "svg"]
    /// Elements that break lines.
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "pre", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "dl", "hr",
    ]

    /// Containers Chinese news sites append to every article (app QR codes, share bars, editor credits):
    /// matched by a class name containing one of these. Their text would pollute dedupe and tagging.
    static let boilerplateClasses = ["appendqr", "article-editor", "app-kaihu", "article-share", "related-news"]

    /// Lines that are credits or promotions rather than news.
    static let boilerplateLinePrefixes = [
        "责任编辑：", "责任编辑:", "海量资讯、精准解读，尽在新浪财经APP", "新浪声明：", "扫描二维码", "关注微信公众号",
    ]

    public init(html: String) {
        if !html.utf8.contains(UInt8(ascii: "<")) && !html.utf8.contains(UInt8(ascii: "&")) {
            self.text = HTMLText.collapse(html)
            self.firstImage = nil
            return
        }
        let tree = HTMLTree(html)
        var out = ""
        var image: String?
        for node in tree.topNodes { HTMLText.walk(node, into: &out, image: &image) }
        self.text = HTMLText.collapse(out).split(separator: "\n").filter { line in
            !HTMLText.boilerplateLinePrefixes.contains { line.hasPrefix($0) }
        }.joined(separator: "\n")
        self.firstImage = image
    }

    private static func walk(_ node: xmlNodePtr, into out: inout String, image: inout String?) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            out += node.textContent
        case XML_ELEMENT_NODE:
            let name = node.elementName
            if hidden.contains(name) { return }
            if name == "img", image == nil, let src = node.attributes.first(where: { $0.0 == "src" })?.1,
                !src.isEmpty
            {
                image = src
            }
            if let cls = node.attributes.first(where: { $0.0 == "class" })?.1.lowercased(),
                boilerplateClasses.contains(where: { cls.contains($0) })
            {
                // Its images still count as the body's first image (the seed article's thumbnail is one).
                var ignored = ""
                for child in node.children { walk(child, into: &ignored, image: &image) }
                return
            }
            let block = blocks.contains(name)
            if block { out += "\n" }
            for child in node.children { walk(child, into: &out, image: &image) }
            if block { out += "\n" }
        default:
            break
        }
    }

    /// Collapses runs of white space within lines (ideographic and no-break spaces included), drops blank
    /// lines and trims each line. Works on scalars: Character-level whitespace checks cost a grapheme
    /// lookup each and dominated ingest time.
    public static func collapse(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var line = String.UnicodeScalarView()
        var pendingSpace = false
        func flush() {
            if !line.isEmpty {
                if !out.isEmpty { out.append("\n") }
                out.append(contentsOf: line)
                line = String.UnicodeScalarView()
            }
            pendingSpace = false
        }
        for scalar in s.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                flush()
            } else if isSpace(scalar) {
                pendingSpace = !line.isEmpty
            } else {
                if pendingSpace { line.append(" ") }
                pendingSpace = false
                line.append(scalar)
            }
        }
        flush()
        return String(out)
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }
}
