import Dispatch
import Foundation

/// Transforms items on every core while the caller produces the next ones, and delivers the results in the
/// order the items came. An export reads the store on one thread, one entry at a time; decoding tags and
/// rendering lines are most of its work, so they run here, a group behind the reading. Groups start at one
/// item and double up to `maxGroup`, so the first results are delivered as soon as the first items are
/// read; at most two groups are held.
public final class OrderedParallelMap<Input, Output> {
    private let transform: @Sendable (Input) -> Output
    private let deliver: (Output) throws -> Void
    private let maxGroup: Int
    private let workers: Int
    private var pending: [Input] = []
    private var size = 1
    private var inFlight: Group?

    public init(
        maxGroup: Int = 256, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        transform: @escaping @Sendable (Input) -> Output, deliver: @escaping (Output) throws -> Void
    ) {
        self.transform = transform
        self.deliver = deliver
        self.maxGroup = max(1, maxGroup)
        self.workers = max(1, workers)
    }

    public func add(_ item: Input) throws {
        pending.append(item)
        if pending.count >= size { try submit() }
    }

    /// Delivers everything added so far.
    public func finish() throws {
        if !pending.isEmpty { try submit() }
        try deliverInFlight()
    }

    private func submit() throws {
        try deliverInFlight()
        inFlight = Group(pending, workers: workers, transform: transform)
        pending = []
        size = min(maxGroup, size * 2)
    }

    private func deliverInFlight() throws {
        guard let group = inFlight else { return }
        inFlight = nil
        for result in group.waitForResults() { try deliver(result) }
    }

    /// One group being transformed on the global queue: each worker writes only its own indices of a
    /// buffer the group owns, freed when the last worker and the caller have let go.
    private final class Group: @unchecked Sendable {
        private let items: [Input]
        private let results: UnsafeMutableBufferPointer<Output?>
        private let done = DispatchGroup()

        init(_ items: [Input], workers: Int, transform: @escaping @Sendable (Input) -> Output) {
            self.items = items
            results = .allocate(capacity: items.count)
            results.initialize(repeating: nil)
            let workers = min(workers, items.count)
            for w in 0..<workers {
                DispatchQueue.global(qos: .userInitiated).async(group: done) { [self] in
                    for k in stride(from: w, to: self.items.count, by: workers) { self.results[k] = transform(self.items[k]) }
                }
            }
        }

        func waitForResults() -> [Output] {
            done.wait()
            return results.map { $0! }
        }

        deinit {
            results.deinitialize()
            results.deallocate()
        }
    }
}
