import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rendered entries parked in an unlinked temporary file until a document can be written in its order.
///
/// Entries come from the store oldest first, but Atom lists them newest first and the digests group them
/// by region and topic (newest first in each) under counts that are known only at the end. Holding them in
/// memory made a 100,000-article export take 2 GB; on disk, memory stays flat. Each record points back at
/// the previous record of its chain (a digest topic, or the whole feed), so reading a chain from its last
/// record gives exactly the reverse of the order it was written in, with nothing but one offset per chain
/// kept in memory.
final class Spool {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { "export: temporary file: \(message)" }
    }

    private let fd: Int32
    /// Bytes not yet written, and where the file ends once they are.
    private var pending: [UInt8] = []
    private var end: Int64 = 0
    private static let headerSize = 12
    private static let flushSize = 1 << 20

    /// A new, empty spool in `$TMPDIR` (else /tmp), removed from the folder at once: it goes away with the
    /// process however that ends.
    init() throws {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/finwire-export-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(message: "\(folder): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        pending.reserveCapacity(Self.flushSize + (64 << 10))
    }

    deinit { close(fd) }

    /// Appends `text` as the next record of a chain whose last record is at `previous` (nil: a new chain);
    /// returns the record's offset, the chain's new last record.
    func append(_ text: String, after previous: Int64?) throws -> Int64 {
        let offset = end + Int64(pending.count)
        var header = (UInt64(bitPattern: previous ?? -1).littleEndian, UInt32(text.utf8.count).littleEndian)
        withUnsafeBytes(of: &header.0) { pending.append(contentsOf: $0) }
        withUnsafeBytes(of: &header.1) { pending.append(contentsOf: $0) }
        pending.append(contentsOf: text.utf8)
        if pending.count >= Self.flushSize { try flush() }
        return offset
    }

    private func flush() throws {
        var done = 0
        while done < pending.count {
            let n = pending.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(end) + off_t(done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: String(cString: strerror(errno)))
            }
            done += n
        }
        end += Int64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }

    /// Hands each record of the chain ending at `last` to `body`, the last written first.
    func readBackwards(from last: Int64?, _ body: (String) throws -> Void) throws {
        try flush()
        var next = last
        var header = [UInt8](repeating: 0, count: Self.headerSize)
        while let offset = next {
            try read(into: &header, at: offset)
            let previous = header.withUnsafeBytes { Int64(bitPattern: UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
            let length = header.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self))) }
            var bytes = [UInt8](repeating: 0, count: length)
            try read(into: &bytes, at: offset + Int64(Self.headerSize))
            try body(String(decoding: bytes, as: UTF8.self))
            next = previous < 0 ? nil : previous
        }
    }

    private func read(into buffer: inout [UInt8], at offset: Int64) throws {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(offset) + off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(message: n < 0 ? String(cString: strerror(errno)) : "short read") }
            done += n
        }
    }
}
