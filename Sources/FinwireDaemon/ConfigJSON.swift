/// A strict JSON reader that remembers the line of every value, so that configuration errors can name
/// both the JSON path and the line (`config.json:14: feeds[3].url: …`). Duplicate keys are errors.
struct ConfigNode {
    enum Value {
        case null
        case bool(Bool)
        case number(Double, isInteger: Bool)
        case string(String)
        case array([ConfigNode])
        case object([(String, ConfigNode)])
    }
    var value: Value
    var line: Int

    var typeName: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

struct ConfigJSONError: Error {
    var line: Int
    var message: String
}

struct ConfigJSONReader {
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1

    static func parse(_ bytes: [UInt8]) throws -> ConfigNode {
        var r = ConfigJSONReader(bytes: bytes)
        if r.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { r.i = 3 }
        let node = try r.value()
        r.skipSpace()
        guard r.i == r.bytes.count else { throw r.fail("unexpected text after the top-level value") }
        return node
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ message: String) -> ConfigJSONError { ConfigJSONError(line: line, message: message) }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A: line += 1; i += 1
            case 0x20, 0x09, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func value() throws -> ConfigNode {
        skipSpace()
        guard i < bytes.count else { throw fail("unexpected end of file") }
        let start = line
        switch bytes[i] {
        case UInt8(ascii: "{"): return ConfigNode(value: try object(), line: start)
        case UInt8(ascii: "["): return ConfigNode(value: try array(), line: start)
        case UInt8(ascii: "\""): return ConfigNode(value: .string(try string()), line: start)
        case UInt8(ascii: "t"): try literal("true"); return ConfigNode(value: .bool(true), line: start)
        case UInt8(ascii: "f"): try literal("false"); return ConfigNode(value: .bool(false), line: start)
        case UInt8(ascii: "n"): try literal("null"); return ConfigNode(value: .null, line: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return ConfigNode(value: try number(), line: start)
        default:
            throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[i])))'")
        }
    }

    private mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { throw fail("invalid literal") }
        i += w.count
    }

    private mutating func number() throws -> ConfigNode.Value {
        let start = i
        var isInteger = true
        while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) {
            if bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                isInteger = false
            }
            i += 1
        }
        guard let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw fail("invalid number") }
        return .number(d, isInteger: isInteger)
    }

    private mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard i < bytes.count else { throw fail("unterminated string") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                        bytes[i + 1] == UInt8(ascii: "u")
                    {
                        i += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                default: out.append(e)
                }
            case 0x0A:
                throw fail("line break inside a string")
            default:
                out.append(b)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16)
        else { throw fail("invalid \\u escape") }
        i += 4
        return v
    }

    private mutating func array() throws -> ConfigNode.Value {
        i += 1
        var items: [ConfigNode] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array(items)
        }
        while true {
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail("unterminated array") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return .array(items)
            }
            throw fail("expected ',' or ']' in array")
        }
    }

    private mutating func object() throws -> ConfigNode.Value {
        i += 1
        var pairs: [(String, ConfigNode)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(pairs)
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
            let keyLine = line
            let key = try string()
            if pairs.contains(where: { $0.0 == key }) {
                throw ConfigJSONError(line: keyLine, message: "duplicate key \"\(key)\"")
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after key") }
            i += 1
            pairs.append((key, try value()))
            skipSpace()
            guard i < bytes.count else { throw fail("unterminated object") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return .object(pairs)
            }
            throw fail("expected ',' or '}' in object")
        }
    }
}
