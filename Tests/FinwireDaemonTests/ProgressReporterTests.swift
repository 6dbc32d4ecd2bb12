import FinwireDaemon
import Synchronization
import Testing

/// Long jobs say how far they are: lines checked against an injected clock, never a real wait.
@Suite struct ProgressReporterTests {
    final class Clock: Sendable {
        let base = ContinuousClock.now
        let offset = Mutex(Duration.zero)
        func advance(_ d: Duration) { offset.withLock { $0 += d } }
        var now: ContinuousClock.Instant { base + offset.withLock { $0 } }
    }

    @Test func inAPipeALineEveryFewSecondsWithRateAndTimeLeft() {
        let clock = Clock()
        let lines = Mutex<[String]>([])
        let p = ProgressReporter(
            label: "retag", unit: "articles", total: 100_000, terminal: false, now: { clock.now },
            write: { s in lines.withLock { $0.append(s) } })
        clock.advance(.seconds(1))
        p.update(2_000)  // too soon after the start: nothing
        clock.advance(.seconds(4))
        p.update(10_000)  // 5 s in: 2,000 a second, 45 s left
        clock.advance(.seconds(1))
        p.update(12_000)  // 1 s after the last line: nothing
        clock.advance(.seconds(45))
        p.update(100_000)
        p.finish()
        #expect(lines.withLock { $0 } == [
            "retag: 10,000 of 100,000 articles (10.0%), 2,000/s, 45 s left\n",
            "retag: 100,000 of 100,000 articles (100.0%), 1,961/s\n",
        ])
    }

    @Test func onATerminalOneLineRedrawnThenCleared() {
        let clock = Clock()
        let out = Mutex("")
        let p = ProgressReporter(
            label: "dedupe", unit: "articles", total: nil, terminal: true, now: { clock.now },
            write: { s in out.withLock { $0 += s } })
        clock.advance(.milliseconds(250))
        p.update(500)
        clock.advance(.seconds(600))
        p.update(1_200_000)
        p.finish()
        p.finish()
        #expect(out.withLock { $0 } == "\r\u{1B}[Kdedupe: 500 articles, 2,000/s" + "\r\u{1B}[Kdedupe: 1,200,000 articles, 1,999/s" + "\r\u{1B}[K")
    }
}
