import FinwireModel
import FinwireXML
import Foundation

/// What a parser needs to know about where the bytes came from.
public struct ParseOptions: Sendable {
    /// The document's URL: the last base for relative links.
    public var url: URL?
    /// The HTTP `Content-Type`, whose charset outranks the XML declaration (RFC 7303).
    public var contentType: String?
    /// The HTTP `Content-Location`, a base between `xml:base` and the document URL.
    public var contentLocation: URL?
    /// The HTTP `Content-Language`: the language when the document names none.
    public var contentLanguage: String?
    /// The zone for dates written without one.
    public var timeZone: TimeZone

    public init(
        url: URL? = nil, contentType: String? = nil, contentLocation: URL? = nil, contentLanguage: String? = nil,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.url = url
        self.contentType = contentType
        self.contentLocation = contentLocation
        self.contentLanguage = contentLanguage
        self.timeZone = timeZone
    }
}

/// The parse stage's entry point: bytes in, `ParsedFeed` out. Never touches the network or a database,
/// never throws: a broken document gives whatever could be recovered with `bozo` set.
public struct FeedParser: Sendable {
    public let options: ParseOptions

    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Parses a whole document held in memory.
    ///
    /// UTF-8 documents are first parsed without our own validation pass: libxml2 checks every multi-byte
    /// sequence anyway (inside CDATA sections it misses only overlong forms, which the repair scan looks
    /// for), and validating twice was a tenth of the parse. If libxml2 reports any error (an invalid
    /// sequence makes it read the rest as Latin-1; other errors can stop it before it has checked every
    /// byte), the result is thrown away and the document parsed again with validation and replacement, so
    /// the outcome is always the validating path's (the fuzzer checks exactly that); the price is a second
    /// parse of documents that are not well-formed. Documents with C1 controls (U+0080–U+009F, which the validator
    /// maps back to Windows-1252 punctuation) take the validating path directly.
    public func parse(_ bytes: [UInt8]) -> ParsedFeed {
        if !FeedParser.containsC1Control(bytes) {
            let fast = ParseSession(options: options, trustUTF8: true)
            fast.push(bytes)
            if let feed = fast.finishTrusted() { return feed }
        }
        let session = makeSession()
        session.push(bytes)
        return session.finish()
    }

    /// Whether UTF-8 bytes encode a C1 control (C2 80–C2 9F); found with memchr, so nearly free.
    static func containsC1Control(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            guard var p = buf.baseAddress else { return false }
            let end = p + buf.count
            while p < end, let hit = memchr(p, 0xC2, end - p) {
                let at = hit.assumingMemoryBound(to: UInt8.self)
                if at + 1 < end, at[1] >= 0x80, at[1] <= 0x9F { return true }
                p = UnsafePointer(at) + 1
            }
            return false
        }
    }

    /// A push session, for parsing while bytes arrive.
    public func makeSession() -> ParseSession { ParseSession(options: options) }

    /// A push session that hands each entry to `onEntry` as soon as it is complete and keeps none: the
    /// result of `finish()` then carries the feed's metadata only. Memory stays flat however long the feed.
    public func makeStreamingSession(onEntry: @escaping (ParsedEntry) -> Void) -> ParseSession {
        ParseSession(options: options, onEntry: onEntry)
    }
}

/// Parses one document fed in chunks. Not thread-safe; use from one task.
public final class ParseSession {
    private let options: ParseOptions
    private var prefix: [UInt8] = []
    private var builder: FeedBuilder?
    private var reader: SAXReader?
    private var charset: CharsetDecision?
    private var json: [UInt8]?
    private var sawBytes = false
    private var repair = XMLRepairFilter()
    private var transcoder: Transcoder?
    /// RSS 0.91 comes in Netscape's and UserLand's flavours; only the DOCTYPE tells them apart.
    private var netscapeDoctype = false
    /// RSS 0.90 is RDF whose elements live in Netscape's namespace.
    private var rss090Namespace = false

    /// How many bytes are looked at before choosing an encoding (the XML declaration must fit).
    static let sniffLength = 512

    private let onEntry: ((ParsedEntry) -> Void)?

    /// See `FeedParser.parse`: UTF-8 passed to libxml2 unvalidated; only for whole documents, which can be
    /// parsed again.
    private let trustUTF8: Bool

    init(options: ParseOptions, onEntry: ((ParsedEntry) -> Void)? = nil, trustUTF8: Bool = false) {
        self.options = options
        self.onEntry = onEntry
        self.trustUTF8 = trustUTF8
    }

    /// `finish()` for a session that trusted its UTF-8; nil when libxml2 reported any error or the repair scan
    /// saw an overlong form in CDATA or removed a control character, so that the caller parses again with
    /// validation.
    func finishTrusted() -> ParsedFeed? {
        let feed = finish()
        // Any error at all: libxml2 may have stopped before checking every byte, or read bad bytes its own way
        // (the error texts then differ from the validating path's); a removed control character may have
        // joined a broken sequence into a valid one. Parse again: broken documents pay twice.
        if transcoder?.passthrough == true,
            reader?.wellFormed == false || repair.overlongInCDATA || repair.removedControls > 0
        {
            return nil
        }
        return feed
    }

    public func push(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { push($0) }
    }

    public func push(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        sawBytes = true
        if json != nil {
            json!.append(contentsOf: bytes)
            return
        }
        if reader != nil {
            feedReader(bytes, final: false)
            return
        }
        // Only the sniffing window is copied; a whole document pushed at once goes on to libxml2 in place.
        let take = min(bytes.count, max(0, ParseSession.sniffLength - prefix.count))
        prefix.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
        guard prefix.count >= ParseSession.sniffLength else { return }
        start()
        if take < bytes.count { push(UnsafeRawBufferPointer(rebasing: bytes[take...])) }
    }

    public func finish() -> ParsedFeed {
        if reader == nil, json == nil { start() }
        if let json {
            return JSONFeedReader.parse(json, options: options)
        }
        guard let reader, let builder, let charset, sawBytes else {
            return ParsedFeed(bozo: true, bozoReason: "empty document")
        }
        feedReader(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
        reader.finish()
        let known = transcoder?.known ?? true
        let replaced = transcoder?.replacements ?? 0
        var result = builder.result
        // An entry still open when the document ended was cut off; the complete ones before it are kept.
        result.encoding = known ? charset.reported : "utf-8"
        if result.version.isEmpty, result.entries.isEmpty, builder.deliveredEntries == 0,
            result.feed == FeedMetadata(language: options.contentLanguage)
        {
            result.bozo = true
            result.bozoReason = "not a feed: no RSS, RDF, Atom or JSON Feed document found"
                + (reader.firstError.map { " (\($0))" } ?? "")
        } else if reader.textLost {
            result.bozo = true
            result.bozoReason = "out of memory while collecting text; some text is missing"
        } else if !reader.wellFormed {
            result.bozo = true
            result.bozoReason = "not well-formed XML (recovered): " + (reader.firstError ?? "unknown error")
        } else if !known {
            result.bozo = true
            result.bozoReason = "unknown encoding \(charset.reported); decoded as utf-8"
        } else if replaced > 0 {
            result.bozo = true
            result.bozoReason = "\(replaced) byte sequences invalid in \(charset.reported) were replaced with U+FFFD"
        } else if repair.repairs > 0 {
            let repairs = repair.repairs
            result.bozo = true
            result.bozoReason = "not well-formed XML (recovered): \(repairs) bare '&', stray '<' or control characters repaired"
        } else if builder.depthExceeded {
            result.bozo = true
            result.bozoReason = "elements nested deeper than \(FeedBuilder.maxDepth) levels were skipped (excessive depth)"
        } else if reader.expansionCapped {
            result.bozo = true
            result.bozoReason = "entity expansion capped at \(SAXReader.expansionBudget) bytes; later references kept as text"
        } else if let name = reader.undefinedEntities.first {
            result.bozo = true
            result.bozoReason = "entity &\(name); not expanded (undeclared, external or nested); kept as text"
        } else if let media = charset.notXMLMediaType {
            result.bozo = true
            result.bozoReason = "served as \(media), not an XML media type"
        }
        if result.version == "rss091u", netscapeDoctype { result.version = "rss091n" }
        if result.version == "rss10", rss090Namespace { result.version = "rss090" }
        result.declaredEncoding = charset.declared
        result.httpEncoding = charset.http
        result.encodingNote = charset.conflict
        return result
    }

    private func start() {
        if let first = prefix.first(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }),
            first == UInt8(ascii: "{")
        {
            json = prefix
            prefix = []
            return
        }
        let decision = CharsetSniffer.decide(prefix: prefix, contentType: options.contentType)
        // Only the head of the document is searched (the prefix can hold all of it), on bytes.
        let head = prefix.prefix(2048)
        netscapeDoctype = head.containsBytes(of: "-//Netscape Communications//DTD RSS 0.91")
        rss090Namespace = head.containsBytes(of: "http://my.netscape.com/rdf/simple/0.9/")
        let base = options.contentLocation ?? options.url
        let builder = FeedBuilder(
            base: base, language: options.contentLanguage, dates: FeedDateParser(timeZone: options.timeZone))
        builder.onEntry = onEntry
        // Everything reaches libxml2 as valid UTF-8: we decode (with replacement) so that one bad byte can
        // never end the document, and libxml2 ignores the declaration (IGNORE_ENC).
        let reader = SAXReader(handler: builder, encoding: nil)
        builder.reader = reader
        let transcoder = Transcoder(encoding: decision.iconvName, trustUTF8: trustUTF8)
        repair.checkOverlongs = transcoder.passthrough
        self.transcoder = transcoder
        self.builder = builder
        self.reader = reader
        self.charset = decision
        // libxml2 does not recognise a UTF-32 byte-order mark; the decoder is already chosen, so drop it.
        if decision.reported.hasPrefix("utf-32"),
            prefix.starts(with: [0xFF, 0xFE, 0, 0]) || prefix.starts(with: [0, 0, 0xFE, 0xFF])
        {
            prefix.removeFirst(4)
        }
        let first = prefix
        prefix = []
        first.withUnsafeBytes { feedReader($0, final: false) }
    }

    private func feedReader(_ bytes: UnsafeRawBufferPointer, final: Bool) {
        guard let reader, let transcoder else { return }
        transcoder.push(bytes, final: final) { utf8 in
            repair.process(utf8, final: false) { reader.push($0) }
        }
        if final { repair.process(UnsafeRawBufferPointer(start: nil, count: 0), final: true) { reader.push($0) } }
    }
}

extension Collection where Element == UInt8 {
    /// Whether the bytes contain `needle`'s UTF-8 bytes (a plain scan: heads are short).
    func containsBytes(of needle: String) -> Bool {
        let n = Array(needle.utf8)
        let hay = Array(self)
        guard !n.isEmpty, hay.count >= n.count else { return false }
        for i in 0...(hay.count - n.count) where hay[i] == n[0] {
            if hay[i..<i + n.count].elementsEqual(n) { return true }
        }
        return false
    }
}
