import ArgumentParser
import FinwireDedupe
import Foundation

struct DedupeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract: "The near-duplicate index at scale: lookup time (median, p99) and memory per article.",
        discussion: """
            Inserts --articles synthetic SimHashes (90% random, 10% near copies of earlier ones, 1–3 bits \
            flipped, as syndication produces) into the banded index, then times --queries lookups (half near \
            copies of stored hashes, half unseen) one by one. The peer in the same run is a linear scan over \
            every stored hash (the approach without an index), timed on --scan-queries lookups. Memory is the \
            index's own accounting and the process's RSS growth.

            Example: finwire bench dedupe --articles 1000000
            """)

    @Option(help: "Articles in the index.")
    var articles = 1_000_000

    @Option(help: "Timed index lookups.")
    var queries = 20_000

    @Option(help: "Timed linear-scan lookups (the peer).")
    var scanQueries = 200

    func run() throws {
        var rng = SplitMix(seed: 42)
        func rss() -> Int {
            let s = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            let line = s.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
            return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
        }
        let before = rss()
        var index = SimHashIndex()
        var stored: [UInt64] = []
        stored.reserveCapacity(articles)
        let clock = ContinuousClock()
        let t0 = clock.now
        for i in 0..<articles {
            let h: UInt64
            if i > 0, rng.next() % 10 == 0 {
                h = Self.flip(stored[Int(rng.next() % UInt64(i))], bits: Int(rng.next() % 3) + 1, &rng)
            } else {
                h = rng.next()
            }
            stored.append(h)
            index.insert(id: Int64(i), simhash: h)
        }
        let insertSeconds = Self.seconds(clock.now - t0)
        let after = rss() - stored.count * 8  // the benchmark's own copy is not the index's
        var times: [Double] = []
        times.reserveCapacity(queries)
        var found = 0
        for q in 0..<queries {
            let h = q % 2 == 0 ? Self.flip(stored[Int(rng.next() % UInt64(articles))], bits: Int(rng.next() % 4), &rng) : rng.next()
            let s = clock.now
            found += index.candidates(of: h).isEmpty ? 0 : 1
            times.append(Self.seconds(clock.now - s))
        }
        times.sort()
        var scanTimes: [Double] = []
        var scanFound = 0
        for q in 0..<scanQueries {
            let h = q % 2 == 0 ? Self.flip(stored[Int(rng.next() % UInt64(articles))], bits: Int(rng.next() % 4), &rng) : rng.next()
            let s = clock.now
            var hit = false
            for x in stored where (x ^ h).nonzeroBitCount <= 3 { hit = true }
            scanFound += hit ? 1 : 0
            scanTimes.append(Self.seconds(clock.now - s))
        }
        scanTimes.sort()
        func pct(_ a: [Double], _ p: Double) -> Double { a.isEmpty ? 0 : a[min(a.count - 1, Int(Double(a.count) * p))] * 1e6 }
        print(String(
            format: "finwire-index articles=%d insert_s=%.2f lookups=%d median_us=%.1f p99_us=%.1f max_us=%.1f found=%d "
                + "index_bytes_per_article=%.0f rss_growth_bytes_per_article=%.0f",
            articles, insertSeconds, queries, pct(times, 0.5), pct(times, 0.99), (times.last ?? 0) * 1e6, found,
            Double(index.memoryBytes) / Double(articles), Double(after - before) / Double(articles)))
        print(String(
            format: "linear-scan articles=%d lookups=%d median_us=%.1f p99_us=%.1f found=%d",
            articles, scanQueries, pct(scanTimes, 0.5), pct(scanTimes, 0.99), scanFound))
    }

    static func flip(_ h: UInt64, bits: Int, _ rng: inout SplitMix) -> UInt64 {
        var x = h
        for _ in 0..<bits { x ^= 1 << (rng.next() % 64) }
        return x
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
