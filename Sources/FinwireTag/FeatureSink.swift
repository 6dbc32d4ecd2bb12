/// Where features go as they are computed. Serving hashes them (no `String` per n-gram: building a few
/// hundred strings per article made tagging five times slower); `tag --dump-features` keeps the names
/// for the training script. Both run the same feature code, and a feature's hash is the hash of its name,
/// so a model file of names serves the hashed path unchanged.
protocol FeatureSink {
    mutating func add(_ feature: String)
    /// `head` followed by `tail`, without building the string.
    mutating func add(_ head: String, _ tail: String)
    /// `prefix` followed by the characters of `chars`, without building the string.
    mutating func addGram(prefix: String, _ chars: ArraySlice<UInt32>)
}

/// 64-bit FNV-1a over a feature name's Unicode scalars (one step per character, not per UTF-8 byte:
/// n-grams are hashed straight from the text's scalars).
enum FeatureHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    static func of(_ s: String) -> UInt64 {
        var h = offset
        add(s, to: &h)
        return h
    }

    @inline(__always)
    static func add(_ s: String, to h: inout UInt64) {
        for u in s.unicodeScalars { h = (h ^ UInt64(u.value)) &* prime }
    }

    /// Continues `h` with one character (an invalid scalar counts as "?", as in the names).
    @inline(__always)
    static func add(_ c: UInt32, to h: inout UInt64) {
        h = (h ^ UInt64(Unicode.Scalar(c) != nil ? c : 63)) &* prime
    }
}

/// Hashes in an array, repeats and all (the model counts each of its rows once): cheaper than a `Set`,
/// whose hashing of every insert was a tenth of tagging time.
struct HashedFeatures: FeatureSink {
    var hashes: [UInt64] = []

    init(capacity: Int = 64) { hashes.reserveCapacity(capacity) }

    mutating func add(_ feature: String) { hashes.append(FeatureHash.of(feature)) }

    mutating func add(_ head: String, _ tail: String) {
        var h = FeatureHash.offset
        FeatureHash.add(head, to: &h)
        FeatureHash.add(tail, to: &h)
        hashes.append(h)
    }

    mutating func addGram(prefix: String, _ chars: ArraySlice<UInt32>) {
        var h = FeatureHash.offset
        FeatureHash.add(prefix, to: &h)
        for c in chars { FeatureHash.add(c, to: &h) }
        hashes.append(h)
    }
}

struct NamedFeatures: FeatureSink {
    var set: Set<String> = []

    mutating func add(_ feature: String) { set.insert(feature) }

    mutating func add(_ head: String, _ tail: String) { set.insert(head + tail) }

    mutating func addGram(prefix: String, _ chars: ArraySlice<UInt32>) {
        var s = prefix
        for c in chars { s.unicodeScalars.append(Unicode.Scalar(c) ?? "?") }
        set.insert(s)
    }
}
