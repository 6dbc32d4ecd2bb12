import CLibXML2

/// A parsed HTML fragment owned by one value; the libxml2 document is freed with it.
///
/// libxml2's HTML parser is the lenient one browsers resemble: it recovers from unclosed tags and
/// stray markup that real feed bodies are full of. Options come from `fw_html_options()` (NONET).
final class HTMLTree {
    let doc: htmlDocPtr?

    init(_ html: String) {
        // One known wrapper element: without it libxml2 wraps loose top-level text in an implied <p>.
        var copy = "<div>" + html + "</div>"
        doc = copy.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", fw_html_options())
            }
        }
    }

    deinit {
        if let doc { xmlFreeDoc(doc) }
    }

    /// The fragment's top-level nodes: the children of the wrapper, and anything the parser put after it.
    var topNodes: [xmlNodePtr] {
        guard let doc else { return [] }
        var nodes: [xmlNodePtr] = []
        var node = doc.pointee.children
        var first = true
        while let n = node {
            node = n.pointee.next
            if n.pointee.type == XML_DTD_NODE { continue }
            if first, n.pointee.type == XML_ELEMENT_NODE, n.elementName == "div" {
                nodes.append(contentsOf: n.children)
            } else {
                nodes.append(n)
            }
            first = false
        }
        return nodes
    }
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    var elementName: String {
        pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
    }

    var children: [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var node = pointee.children
        while let n = node {
            result.append(n)
            node = n.pointee.next
        }
        return result
    }

    var attributes: [(String, String)] {
        var result: [(String, String)] = []
        var attr = pointee.properties
        while let a = attr {
            let name = a.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
            var value = ""
            if let v = xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self)) {
                value = String(cString: v)
                fw_xml_free(v)
            }
            result.append((name, value))
            attr = a.pointee.next
        }
        return result
    }

    /// One attribute's value (HTML attribute names are case-insensitive; libxml2 lower-cases them).
    func attribute(_ name: String) -> String? {
        guard let v = xmlGetProp(self, name) else { return nil }
        defer { fw_xml_free(v) }
        return String(cString: v)
    }

    var textContent: String {
        pointee.content.map { String(cString: $0) } ?? ""
    }
}
