import Foundation
import Testing

@testable import FinwireDedupe

/// The hand-written kernels under the features: each must agree with the plain library call it replaced.
@Suite("Feature kernels")
struct FeatureKernelTests {
    @Test("The radix sort orders like sort(), duplicates and extremes included")
    func radixSortMatchesSort() {
        var rng = SplitMix(seed: 42)
        for count in [0, 1, 63, 64, 65, 500, 4096] {
            var a = (0..<count).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) }
            a += [0, UInt32.max, 0x00FF_FF00, 7, 7]
            var b = a
            FeatureExtractor.radixSort(&b)
            #expect(b == a.sorted(), "\(count) values")
        }
    }

    @Test("The byte search finds the first occurrence, across multi-byte text, or nothing")
    func byteSearch() {
        let text = "来源：新华社\n原标题：浙江支持山区26县\n责任编辑：王翔 原标题"
        #expect(FeatureExtractor.byteOffset(of: "原标题", in: text) == "来源：新华社\n".utf8.count)
        for needle in ["来源", "原标题", "王翔", "26县", "x", "标题\n", "翔 原标题"] {
            #expect(FeatureExtractor.byteOffset(of: needle, in: text) == Array(text.utf8).firstRange(of: Array(needle.utf8))?.lowerBound, "\(needle)")
        }
        #expect(FeatureExtractor.byteOffset(of: "", in: text) == nil)
        #expect(FeatureExtractor.byteOffset(of: "很长很长很长的针很长很长很长的针很长很长很长的针很长很长很长的针", in: "短") == nil)
    }

    /// Also past each flush of the packed vote's byte counters (every 255 shingles).
    @Test("The SimHash vote is the same as counting +1 and -1 per bit")
    func simhashVote() {
        var rng = SplitMix(seed: 7)
        for count in [1, 2, 3, 40, 254, 255, 256, 510, 511, 999, 2_000] {
            let shingles = (0..<count).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) }
            var counts = [Int](repeating: 0, count: 64)
            for s in shingles {
                var x = UInt64(s) &* 0x9E37_79B9_7F4A_7C15
                x ^= x >> 31
                x = x &* 0xBF58_476D_1CE4_E5B9
                x ^= x >> 27
                for b in 0..<64 { counts[b] += (x >> UInt64(b)) & 1 == 1 ? 1 : -1 }
            }
            var expected: UInt64 = 0
            for b in 0..<64 where counts[b] > 0 { expected |= 1 << UInt64(b) }
            #expect(FeatureExtractor.simhash(shingles) == expected)
        }
    }
}
