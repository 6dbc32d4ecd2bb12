import Foundation

extension TagResult {
    /// The stored JSON (`StoredArticle.tagsJSON`) read back; nil when absent or unreadable.
    ///
    /// Read by `TagJSON`, a reader made for this one document: `JSONDecoder` cost ~60 µs an article on Linux
    /// and was most of a large export's time. What `TagJSON` does not expect (a key or shape a later release
    /// writes) goes to `JSONDecoder`, so the result is always what `JSONDecoder` would give.
    public static func decode(_ json: String) -> TagResult? {
        if let fast = TagJSON.decode(json) { return fast }
        return try? JSONDecoder().decode(TagResult.self, from: Data(json.utf8))
    }
}

/// A reader for the JSON `TagResult.jsonString()` writes: one object of known keys, arrays of tags with
/// evidence, `kind_scores` and `kind_evidence`. Returns nil (the caller then uses `JSONDecoder`) on
/// anything else: an unknown key, a value of another type, malformed text.
enum TagJSON {
    static func decode(_ json: String) -> TagResult? {
        var text = json
        return text.withUTF8 { bytes in
            var r = Reader(bytes: bytes)
            return try? r.tagResult()
        }
    }

    struct Unexpected: Error {}

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func tagResult() throws -> TagResult {
            var r = TagResult()
            var kind: ArticleKind?
            try object { p, key in
                switch key {
                case "regions": r.regions = try p.array { try $0.regionTag() }
                case "groupings": r.groupings = try p.array { try $0.simpleTag() }
                case "agencies": r.agencies = try p.array { try $0.simpleTag() }
                case "topics": r.topics = try p.array { try $0.simpleTag() }
                case "doc_types": r.docTypes = try p.array { try $0.simpleTag() }
                case "custom": r.custom = try p.array { try $0.simpleTag() }
                case "has_target": r.hasTarget = try p.bool()
                case "policy_score": r.policyScore = try p.number()
                case "is_policy": r.isPolicy = try p.bool()
                case "kind":
                    guard let k = ArticleKind(rawValue: try p.string()) else { throw Unexpected() }
                    kind = k
                case "kind_scores":
                    var scores: [String: Double] = [:]
                    try p.object { q, k in scores[k] = try q.number() }
                    r.kindScores = scores
                case "kind_evidence": r.kindEvidence = try p.array { try $0.string() }
                default: throw Unexpected()
                }
            }
            skipSpace()
            guard i == bytes.count else { throw Unexpected() }
            // As `TagResult.init(from:)`: a result stored before kinds existed is `policy` when it was policy.
            r.kind = kind ?? (r.isPolicy ? .policy : .other)
            return r
        }

        mutating func regionTag() throws -> RegionTag {
            var code: String?, name: String?, level: String?, score: Double?, evidence: [Evidence]?
            try object { p, key in
                switch key {
                case "code": code = try p.string()
                case "name": name = try p.string()
                case "level": level = try p.string()
                case "score": score = try p.number()
                case "evidence": evidence = try p.array { try $0.evidence() }
                default: throw Unexpected()
                }
            }
            guard let code, let name, let level, let score, let evidence else { throw Unexpected() }
            return RegionTag(code: code, name: name, level: level, score: score, evidence: evidence)
        }

        mutating func simpleTag() throws -> SimpleTag {
            var id: String?, name: String?, score: Double?, evidence: [Evidence]?
            try object { p, key in
                switch key {
                case "id": id = try p.string()
                case "name": name = try p.string()
                case "score": score = try p.number()
                case "evidence": evidence = try p.array { try $0.evidence() }
                default: throw Unexpected()
                }
            }
            guard let id, let name, let score, let evidence else { throw Unexpected() }
            return SimpleTag(id: id, name: name, score: score, evidence: evidence)
        }

        mutating func evidence() throws -> Evidence {
            var field: String?, offset: Int?, match: String?, rule: String?
            try object { p, key in
                switch key {
                case "field": field = try p.string()
                case "offset":
                    let n = try p.number()
                    guard let exact = Int(exactly: n) else { throw Unexpected() }
                    offset = exact
                case "match": match = try p.string()
                case "rule": rule = try p.string()
                default: throw Unexpected()
                }
            }
            guard let field, let offset, let match, let rule else { throw Unexpected() }
            return Evidence(field: field, offset: offset, match: match, rule: rule)
        }

        // MARK: JSON

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func expect(_ c: UInt8) throws {
            skipSpace()
            guard i < bytes.count, bytes[i] == c else { throw Unexpected() }
            i += 1
        }

        /// Whether the next byte is `c` (consumed when it is).
        mutating func take(_ c: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == c else { return false }
            i += 1
            return true
        }

        /// `{ "key": value, … }`, `member` reading each value.
        mutating func object(_ member: (inout Reader, String) throws -> Void) throws {
            try expect(UInt8(ascii: "{"))
            if take(UInt8(ascii: "}")) { return }
            repeat {
                let key = try string()
                try expect(UInt8(ascii: ":"))
                try member(&self, key)
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
        }

        mutating func array<T>(_ element: (inout Reader) throws -> T) throws -> [T] {
            try expect(UInt8(ascii: "["))
            var out: [T] = []
            if take(UInt8(ascii: "]")) { return out }
            repeat { out.append(try element(&self)) } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
            return out
        }

        mutating func bool() throws -> Bool {
            skipSpace()
            if matches("true") { return true }
            if matches("false") { return false }
            throw Unexpected()
        }

        mutating func matches(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
            i += n
            return true
        }

        mutating func number() throws -> Double {
            skipSpace()
            let start = i
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) || "-+.eE".utf8.contains(bytes[i]) { i += 1 }
            guard i > start, let d = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
            else { throw Unexpected() }
            return d
        }

        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            let start = i
            // The usual case: no escape, one copy of the bytes.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
                guard bytes[i] >= 0x20 else { throw Unexpected() }
                i += 1
            }
            guard i < bytes.count else { throw Unexpected() }
            if bytes[i] == UInt8(ascii: "\"") {
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let c = bytes[i]
                i += 1
                switch c {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard i < bytes.count else { throw Unexpected() }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            // A surrogate pair: the low half must follow as another \u escape.
                            guard matches("\\u") else { throw Unexpected() }
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw Unexpected() }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { throw Unexpected() }
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    default: throw Unexpected()
                    }
                default:
                    guard c >= 0x20 else { throw Unexpected() }
                    out.append(c)
                }
            }
            throw Unexpected()
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw Unexpected() }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                i += 1
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: throw Unexpected()
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
    }
}
