/// One Aho-Corasick automaton over every dictionary, on Unicode scalars (a Chinese character is one step,
/// not three bytes, so the trie has a third of the states).
///
/// Transitions out of the root — where the scan spends most of its time — are a flat table over the BMP;
/// all others live in one open-addressing hash keyed by (state, scalar). `Dictionary` would hash with
/// SipHash, which alone would cost more than the throughput goal allows per character.
public struct Automaton: Sendable {
    public struct Match: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var pattern: Int32
    }

    private var rootNext: [Int32]          // scalar (BMP) → state, 0 = stay at root
    private var keys: [UInt64]             // (state << 32 | scalar), UInt64.max = empty
    private var values: [Int32]
    private var mask: Int
    private var fail: [Int32]
    private var output: [Int32]            // the pattern ending at this state, −1 if none
    private var outLink: [Int32]           // the nearest state on the fail chain with an output, −1 if none
    private var depth: [Int32]
    public private(set) var stateCount: Int
    public let patternCount: Int

    /// `patterns[i]` must be distinct and non-empty; a match reports its index.
    public init(patterns: [[UInt32]]) {
        patternCount = patterns.count
        var edges: [UInt64: Int32] = [:]
        var children: [[Int32]] = [[]]
        var output: [Int32] = [-1]
        var depth: [Int32] = [0]
        for (pid, p) in patterns.enumerated() {
            var s: Int32 = 0
            for c in p {
                let key = UInt64(UInt32(s)) << 32 | UInt64(c)
                if let t = edges[key] {
                    s = t
                } else {
                    let t = Int32(output.count)
                    edges[key] = t
                    output.append(-1)
                    depth.append(depth[Int(s)] + 1)
                    children.append([])
                    children[Int(s)].append(t)
                    s = t
                }
            }
            output[Int(s)] = Int32(pid)
        }
        let n = output.count
        stateCount = n
        var cap = 16
        while cap < edges.count * 2 { cap <<= 1 }
        mask = cap - 1
        keys = [UInt64](repeating: .max, count: cap)
        values = [Int32](repeating: 0, count: cap)
        rootNext = [Int32](repeating: 0, count: 0x10000)
        // Scalar of each state's incoming edge, to walk fail links while building.
        var label = [UInt32](repeating: 0, count: n)
        var parent = [Int32](repeating: 0, count: n)
        for (key, t) in edges {
            let s = Int32(truncatingIfNeeded: key >> 32)
            let c = UInt32(truncatingIfNeeded: key)
            label[Int(t)] = c
            parent[Int(t)] = s
            if s == 0 && c < 0x10000 { rootNext[Int(c)] = t } else { Self.insert(key, t, &keys, &values, mask) }
        }
        self.output = output
        self.depth = depth
        fail = [Int32](repeating: 0, count: n)
        outLink = [Int32](repeating: -1, count: n)
        // Breadth-first, so a state's fail target is final before its children need it.
        var queue = children[0]
        var head = 0
        while head < queue.count {
            let t = queue[head]
            head += 1
            let s = parent[Int(t)]
            if s != 0 {
                var f = fail[Int(s)]
                let c = label[Int(t)]
                while true {
                    let g = step(f, c)
                    if g >= 0 { fail[Int(t)] = g; break }
                    if f == 0 { fail[Int(t)] = 0; break }
                    f = fail[Int(f)]
                }
            }
            let f = fail[Int(t)]
            outLink[Int(t)] = output[Int(f)] >= 0 ? f : outLink[Int(f)]
            queue.append(contentsOf: children[Int(t)])
        }
    }

    private static func insert(_ key: UInt64, _ v: Int32, _ keys: inout [UInt64], _ values: inout [Int32], _ mask: Int) {
        var i = hash(key) & mask
        while keys[i] != .max { i = (i + 1) & mask }
        keys[i] = key
        values[i] = v
    }

    @inline(__always)
    private static func hash(_ k: UInt64) -> Int {
        Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 29)
    }

    /// The goto function: the next state, or −1 when there is no edge (the root never fails).
    @inline(__always)
    private func step(_ s: Int32, _ c: UInt32) -> Int32 {
        if s == 0 {
            return c < 0x10000 ? rootNext[Int(c)] : lookup(0, c)
        }
        return lookup(s, c)
    }

    @inline(__always)
    private func lookup(_ s: Int32, _ c: UInt32) -> Int32 {
        let key = UInt64(UInt32(s)) << 32 | UInt64(c)
        var i = Self.hash(key) & mask
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == .max { return s == 0 ? 0 : -1 }
            i = (i + 1) & mask
        }
    }

    /// Every occurrence of every pattern, overlapping ones included, in order of their end.
    public func allMatches(in text: [UInt32]) -> [Match] {
        var out: [Match] = []
        var s: Int32 = 0
        for (i, c) in text.enumerated() {
            while true {
                let g = step(s, c)
                if g >= 0 { s = g; break }
                s = fail[Int(s)]
            }
            if s == 0 { continue }
            var o = output[Int(s)] >= 0 ? s : outLink[Int(s)]
            while o > 0 {
                let d = Int(depth[Int(o)])
                out.append(Match(start: i + 1 - d, end: i + 1, pattern: output[Int(o)]))
                o = outLink[Int(o)]
            }
        }
        return out
    }

    /// Leftmost-longest, non-overlapping: 杭州银行 beats 杭州, 海南藏族自治州 beats 海南.
    public func leftmostLongest(in text: [UInt32]) -> [Match] {
        var all = allMatches(in: text)
        all.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var out: [Match] = []
        var covered = 0
        for m in all where m.start >= covered {
            out.append(m)
            covered = m.end
        }
        return out
    }

    /// Approximate bytes held, for the benchmark.
    public var memoryBytes: Int {
        rootNext.count * 4 + keys.count * 8 + values.count * 4 + (fail.count + output.count + outLink.count + depth.count) * 4
    }
}
