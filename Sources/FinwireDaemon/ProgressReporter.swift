import Foundation
import Synchronization

/// Says how far a long job has got (retag, dedupe --rebuild), on standard error: on a terminal one line
/// redrawn in place at most five times a second; in a pipe or under systemd a plain line every few seconds,
/// which a log keeps. The clock is injected, so tests check the lines without waiting.
public final class ProgressReporter: Sendable {
    let label: String
    let unit: String
    let total: Int?
    let terminal: Bool
    let now: @Sendable () -> ContinuousClock.Instant
    let write: @Sendable (String) -> Void
    let started: ContinuousClock.Instant
    /// When the last line was written, and whether a redrawn line is open.
    let state = Mutex<(last: ContinuousClock.Instant?, inPlace: Bool)>((nil, false))

    public init(
        label: String, unit: String, total: Int?, terminal: Bool = isatty(2) != 0,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.label = label
        self.unit = unit
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
        self.terminal = terminal
        self.now = now
        self.write = write
        started = now()
    }

    /// How often a line is written: redrawn on a terminal, appended to a log.
    var interval: Duration { terminal ? .milliseconds(200) : .seconds(5) }

    /// Reports `done` if the last report is old enough (the first one waits a full interval too).
    public func update(_ done: Int) {
        let t = now()
        let due = state.withLock { s -> Bool in
            guard t - (s.last ?? started) >= interval else { return false }
            s.last = t
            s.inPlace = terminal
            return true
        }
        guard due else { return }
        let line = self.line(done, elapsed: t - started)
        write(terminal ? "\r\u{1B}[K" + line : line + "\n")
    }

    /// Clears a redrawn line so that what follows starts clean (once; a second call writes nothing).
    public func finish() {
        let open = state.withLock { s -> Bool in
            defer { s.inPlace = false }
            return s.inPlace
        }
        if open { write("\r\u{1B}[K") }
    }

    /// `retag: 12,500 of 100,000 articles (12.5%), 2,300/s, 38 s left`.
    func line(_ done: Int, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var s = "\(label): \(Self.grouped(done))"
        if let total {
            s += String(format: " of %@ %@ (%.1f%%)", Self.grouped(total), unit, 100 * Double(done) / Double(total))
        } else {
            s += " \(unit)"
        }
        s += ", \(Self.grouped(Int(rate.rounded())))/s"
        if let total, rate > 0, done < total {
            s += ", " + Self.duration(Double(total - done) / rate) + " left"
        }
        return s
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 90 { return "\(s) s" }
        if s < 5400 { return "\((s + 30) / 60) min" }
        return String(format: "%.1f h", Double(s) / 3600)
    }
}
