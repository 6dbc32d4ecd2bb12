import Foundation

/// Chooses the encoding to decode a feed with, in order of authority (RFC 7303): byte-order mark, the HTTP
/// `Content-Type` charset of an XML media type, the XML declaration, then UTF-8.
struct CharsetDecision: Equatable {
    /// The name given to libxml2 (an iconv name), or nil to let libxml2 read UTF-8/UTF-16 itself.
    var libxmlName: String?
    /// What the result reports as the encoding used (lower case).
    var reported: String
    var declared: String?
    var http: String?
    /// Set when the sources disagree (the more authoritative one was used).
    var conflict: String?
    /// Set when the document came with a media type that is not XML (text/plain, text/html).
    var notXMLMediaType: String?
    /// The iconv name to decode with; nil for UTF-8.
    var iconvName: String? {
        if let libxmlName { return libxmlName }
        switch reported {
        case "utf-16le": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        default: return nil
        }
    }
}

enum CharsetSniffer {
    /// GB2312 feeds routinely carry GBK characters; GB18030 is a superset of both, so it never cuts a title
    /// short at the first GBK-only character. Big5 feeds likewise use HKSCS additions.
    static func canonical(_ label: String) -> String {
        let l = label.trimming(" \t\"'").lowercased()
        switch l {
        case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80", "euc-cn", "csgb2312", "chinese",
            "gb18030", "iso-ir-58":
            return "gb18030"
        case "big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5": return "big5"
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        case "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1": return "iso-8859-1"
        case "utf16", "utf-16", "ucs-2": return "utf-16"
        case "us-ascii", "ascii", "ansi_x3.4-1968": return "us-ascii"
        default: return l
        }
    }

    /// The iconv name to decode a canonical label with: supersets where feeds are known to need them
    /// (GB18030 for GB2312/GBK, Big5-HKSCS for Big5, windows-1252 for Latin-1 and ASCII, as browsers do).
    static func decoderName(_ canonical: String) -> String {
        switch canonical {
        case "big5": return "BIG5-HKSCS"
        case "iso-8859-1", "us-ascii": return "WINDOWS-1252"
        // The WHATWG / IANA labels of the Mac pages, as glibc's iconv spells them.
        case "x-mac-roman", "mac", "x-mac": return "MACINTOSH"
        case "x-mac-cyrillic": return "MAC-CYRILLIC"
        case "x-mac-ukrainian": return "MACUKRAINIAN"
        case "x-mac-centraleurroman", "x-mac-ce": return "MAC-CENTRALEUROPE"
        case "x-mac-icelandic": return "MAC-IS"
        // EBCDIC labels: cp037 and ibm-37 are IBM037.
        case "ebcdic-cp-us", "ebcdic-cp-ca", "ibm-37", "cp-037": return "IBM037"
        default: return canonical.uppercased()
        }
    }

    static func decide(prefix: [UInt8], contentType: String?) -> CharsetDecision {
        let media = contentType?.split(separator: ";").first.map { $0.trimming(" \t").lowercased() }
        // RFC 7303: */xml, */*+xml, and the xml-external-parsed-entity and xml-dtd types.
        let isXMLMedia = media.map { $0.hasSuffix("/xml") || $0.hasSuffix("+xml") || $0.contains("/xml-") } ?? true
        var decision = decideEncoding(prefix: prefix, contentType: isXMLMedia ? contentType : nil, media: media)
        if let media, !isXMLMedia, media != "application/octet-stream" {
            decision.notXMLMediaType = media
        }
        return decision
    }

    private static func decideEncoding(prefix: [UInt8], contentType: String?, media: String?) -> CharsetDecision {
        let http = contentType.flatMap(httpCharset)
        let declared = xmlDeclarationEncoding(prefix)
        // 1. BOM
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) {
            return CharsetDecision(
                libxmlName: nil, reported: "utf-8", declared: declared, http: http,
                conflict: disagree("utf-8", http, declared))
        }
        if prefix.starts(with: [0xFF, 0xFE, 0, 0]) || prefix.starts(with: [0, 0, 0xFE, 0xFF]) {
            let name = prefix[0] == 0xFF ? "utf-32le" : "utf-32be"
            return CharsetDecision(libxmlName: name.uppercased(), reported: name, declared: declared, http: http)
        }
        // UTF-32 without a BOM: "<" in four-byte units.
        if prefix.starts(with: [0, 0, 0, 0x3C]) || prefix.starts(with: [0x3C, 0, 0, 0]) {
            let name = prefix[0] == 0 ? "utf-32be" : "utf-32le"
            return CharsetDecision(libxmlName: name.uppercased(), reported: name, declared: declared, http: http)
        }
        if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) {
            let name = prefix[0] == 0xFF ? "utf-16le" : "utf-16be"
            return CharsetDecision(libxmlName: nil, reported: name, declared: declared, http: http)
        }
        // UTF-16 without a BOM: "<?" in two-byte units.
        if prefix.starts(with: [0x3C, 0, 0x3F, 0]) {
            return CharsetDecision(libxmlName: "UTF-16LE", reported: "utf-16le", declared: declared, http: http)
        }
        if prefix.starts(with: [0, 0x3C, 0, 0x3F]) {
            return CharsetDecision(libxmlName: "UTF-16BE", reported: "utf-16be", declared: declared, http: http)
        }
        // EBCDIC: "<?xm" in EBCDIC (XML 1.0 Appendix F). The declaration's characters are the same in every
        // EBCDIC code page, so it is read as IBM037 to learn which page the rest is in.
        if prefix.starts(with: [0x4C, 0x6F, 0xA7, 0x94]) {
            let declaredEBCDIC = ebcdicDeclarationEncoding(prefix)
            let chosen = canonical(http ?? declaredEBCDIC ?? "ibm037")
            return CharsetDecision(
                libxmlName: decoderName(chosen), reported: chosen, declared: declaredEBCDIC, http: http,
                conflict: disagree(chosen, http, declaredEBCDIC))
        }
        // 2. HTTP charset; text/xml without one means US-ASCII (RFC 3023), read as UTF-8, its superset.
        // 3. declaration, 4. UTF-8.
        let textDefault = (media?.hasPrefix("text/") ?? false) ? "us-ascii" : nil
        let chosen = canonical(http ?? textDefault ?? declared ?? "utf-8")
        let conflict = disagree(chosen, http, declared)
        if chosen == "utf-8" || (chosen == "us-ascii" && http == nil) {
            return CharsetDecision(
                libxmlName: nil, reported: chosen, declared: declared, http: http, conflict: conflict)
        }
        return CharsetDecision(
            libxmlName: decoderName(chosen), reported: chosen, declared: declared, http: http, conflict: conflict)
    }

    private static func disagree(_ chosen: String, _ http: String?, _ declared: String?) -> String? {
        for (source, label) in [("HTTP charset", http), ("XML declaration", declared)] {
            if let label, canonical(label) != chosen, !(canonical(label) == "us-ascii" && chosen == "utf-8") {
                return "\(source) says \(label) but the document was decoded as \(chosen)"
            }
        }
        return nil
    }

    /// The charset parameter of an XML media type (text/xml, application/xml, application/*+xml).
    static func httpCharset(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimming(" \t") }
        guard let media = parts.first?.lowercased(),
            media.hasSuffix("/xml") || media.hasSuffix("+xml") || media.contains("/xml-") || media == "text/html"
                || media == "text/plain"
        else { return nil }
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimming(" ").lowercased() == "charset" {
                let v = kv[1].trimming(" \t\"'")
                return v.isEmpty ? nil : v
            }
        }
        return nil
    }

    /// `encoding="…"` from an EBCDIC XML declaration (its bytes decoded as IBM037).
    static func ebcdicDeclarationEncoding(_ bytes: [UInt8]) -> String? {
        guard let end = bytes.firstIndex(of: 0x6E) else { return nil }  // ">" in EBCDIC
        let t = Transcoder(encoding: "IBM037")
        var ascii: [UInt8] = []
        Array(bytes[...end]).withUnsafeBytes { raw in t.push(raw, final: true) { ascii.append(contentsOf: $0) } }
        return xmlDeclarationEncoding(ascii)
    }

    /// `encoding="…"` from an ASCII-compatible XML declaration at the very start of the document.
    static func xmlDeclarationEncoding(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard bytes.count >= start + 5, Array(bytes[start..<start + 5]) == Array("<?xml".utf8) else { return nil }
        guard let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let decl = String(decoding: bytes[start..<end], as: UTF8.self)
        guard let r = decl.range(of: "encoding") else { return nil }
        var rest = decl[r.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\t" })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        let value = rest.prefix(while: { $0 != quote })
        return value.isEmpty ? nil : String(value)
    }
}

extension String {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}

extension Substring {
    func trimming(_ set: String) -> String { String(self).trimming(set) }
}
