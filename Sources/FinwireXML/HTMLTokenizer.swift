/// A forgiving HTML tokenizer over UTF-8 bytes, in the manner of the SGML-style parsers feed readers
/// have always used: text is passed through byte for byte (entity references stay as written), tags are
/// recognised only when complete, and anything that is not a complete construct is text.
struct HTMLTokenizer {
    enum Token {
        case text(ArraySlice<UInt8>)
        /// A `<` that starts no complete construct.
        case strayLessThan
        /// Attribute values as written: references are not decoded.
        case start(name: String, attributes: [(String, String)], selfClosing: Bool)
        case end(name: String)
        /// A complete `<!-- … -->` comment, as written.
        case comment(ArraySlice<UInt8>)
        /// Declarations, processing instructions, CDATA sections, malformed comments: dropped.
        case ignored
    }

    let bytes: [UInt8]
    var i = 0

    init(_ html: String) { bytes = Array(html.utf8) }

    mutating func next() -> Token? {
        guard i < bytes.count else { return nil }
        if bytes[i] != UInt8(ascii: "<") {
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "<") { i += 1 }
            return .text(bytes[start..<i])
        }
        let save = i
        if let token = markup() { return token }
        i = save + 1
        return .strayLessThan
    }

    private func at(_ k: Int) -> UInt8? { k < bytes.count ? bytes[k] : nil }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var k = from
        while k + needle.count <= bytes.count {
            if bytes[k] == needle[0], Array(bytes[k..<k + needle.count]) == needle { return k }
            k += 1
        }
        return nil
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    private static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: ":") || b == UInt8(ascii: ".")
    }

    /// Parses the construct at `<`; nil when it is incomplete (then the `<` is text).
    private mutating func markup() -> Token? {
        guard let c = at(i + 1) else { return nil }
        if c == UInt8(ascii: "!") {
            if at(i + 2) == UInt8(ascii: "-"), at(i + 3) == UInt8(ascii: "-") {
                if let close = find(Array("-->".utf8), from: i + 4) {
                    let token = Token.comment(bytes[i..<close + 3])
                    i = close + 3
                    return token
                }
                // A malformed comment runs to the next '>' and is dropped; unterminated, to the end.
                if let gt = find([UInt8(ascii: ">")], from: i + 4) {
                    i = gt + 1
                } else {
                    i = bytes.count
                }
                return .ignored
            }
            if let close = find(Array("<![CDATA[".utf8), from: i), close == i {
                guard let end = find(Array("]]>".utf8), from: i + 9) else { return nil }
                i = end + 3
                return .ignored
            }
            // A declaration starts with a letter (`<!DOCTYPE`); anything else after `<!` is text.
            guard let l = at(i + 2), HTMLTokenizer.isLetter(l),
                let gt = find([UInt8(ascii: ">")], from: i + 2)
            else { return nil }
            i = gt + 1
            return .ignored
        }
        if c == UInt8(ascii: "?") {
            guard let gt = find([UInt8(ascii: ">")], from: i + 2) else { return nil }
            i = gt + 1
            return .ignored
        }
        if c == UInt8(ascii: "/") {
            guard let l = at(i + 2), HTMLTokenizer.isLetter(l) else { return nil }
            var k = i + 2
            while let b = at(k), HTMLTokenizer.isNameByte(b) { k += 1 }
            let name = String(decoding: bytes[(i + 2)..<k], as: UTF8.self).lowercased()
            guard let gt = find([UInt8(ascii: ">")], from: k) else { return nil }
            i = gt + 1
            return .end(name: name)
        }
        guard HTMLTokenizer.isLetter(c) else { return nil }
        var k = i + 1
        while let b = at(k), HTMLTokenizer.isNameByte(b) { k += 1 }
        let name = String(decoding: bytes[(i + 1)..<k], as: UTF8.self).lowercased()
        var attributes: [(String, String)] = []
        var selfClosing = false
        while true {
            while let b = at(k), HTMLTokenizer.isSpace(b) { k += 1 }
            guard let b = at(k) else { return nil }
            if b == UInt8(ascii: ">") {
                k += 1
                break
            }
            if b == UInt8(ascii: "/"), at(k + 1) == UInt8(ascii: ">") {
                selfClosing = true
                k += 2
                break
            }
            if b == UInt8(ascii: "/") {
                k += 1
                continue
            }
            // Attribute name: anything up to space, '=', '>' or '/'.
            let nameStart = k
            while let x = at(k), !HTMLTokenizer.isSpace(x), x != UInt8(ascii: "="), x != UInt8(ascii: ">"),
                !(x == UInt8(ascii: "/") && at(k + 1) == UInt8(ascii: ">"))
            {
                k += 1
            }
            if k == nameStart {
                k += 1
                continue
            }
            let attrName = String(decoding: bytes[nameStart..<k], as: UTF8.self).lowercased()
            while let x = at(k), HTMLTokenizer.isSpace(x) { k += 1 }
            var value = ""
            if at(k) == UInt8(ascii: "=") {
                k += 1
                while let x = at(k), HTMLTokenizer.isSpace(x) { k += 1 }
                guard let q = at(k) else { return nil }
                if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                    guard let close = find([q], from: k + 1) else { return nil }
                    value = String(decoding: bytes[(k + 1)..<close], as: UTF8.self)
                    k = close + 1
                } else {
                    let vs = k
                    while let x = at(k), !HTMLTokenizer.isSpace(x), x != UInt8(ascii: ">") { k += 1 }
                    value = String(decoding: bytes[vs..<k], as: UTF8.self)
                }
            } else {
                value = attrName
            }
            attributes.append((attrName, value))
        }
        i = k
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }
}
