import CLibXML2
import Foundation

/// A qualified XML name as libxml2's SAX2 reports it.
public struct XMLName: Sendable, Equatable {
    public var localName: String
    public var prefix: String?
    public var namespace: String?
    /// Small and stable for one (local name, namespace) pair within one document: handlers can cache
    /// per-name work in an array indexed by it.
    public var id: Int = 0
}

public struct XMLAttribute: Sendable, Equatable {
    public var localName: String
    public var prefix: String?
    public var namespace: String?
    public var value: String
}

/// Receives SAX events. All calls happen on the thread that calls `push`/`finish`. Text is not delivered
/// as events: it collects in the reader's text buffer (`SAXReader.textCount`, `text(from:)`), which the
/// handler reads and trims at element boundaries.
public protocol SAXHandler: AnyObject {
    func startElement(_ name: XMLName, attributes: [XMLAttribute])
    func endElement(_ name: XMLName)
}

/// libxml2's SAX2 push parser, fed in chunks so that a feed can be parsed while it downloads and memory
/// stays flat on large documents.
///
/// Security: options come only from `fw_xml_feed_options()` (RECOVER, NONET, IGNORE_ENC; never NOENT,
/// DTDLOAD or HUGE). There is no entityDecl/externalSubset callback, so DTD entities are never stored and
/// XXE or billion-laughs documents expand nothing. HTML named entities (`&nbsp;`), which real feeds use
/// without a DTD, are served by `getEntity`, because libxml2 2.9 in recover mode otherwise drops every
/// later entity reference after the first undefined one.
///
/// Not thread-safe: one reader per parse, used by one task.
public final class SAXReader {
    /// The handler owns this reader's lifetime in practice (a session holds both); unowned(unsafe) because
    /// the checked form costs an atomic strong-retain on every event.
    private unowned(unsafe) let handler: any SAXHandler
    /// The C side's state; allocated here so its address is stable for libxml2.
    private let state: UnsafeMutablePointer<fw_sax_state> = {
        let p = UnsafeMutablePointer<fw_sax_state>.allocate(capacity: 1)
        p.initialize(to: fw_sax_state())
        p.pointee.mode = Int32(FW_TEXT_DROP)
        return p
    }()
    private let encoding: String?
    private var ctxt: xmlParserCtxtPtr?
    private var entityDoc: xmlDocPtr?
    private var entities: [String: xmlEntityPtr] = [:]
    /// Internal entities the document declares in its DTD subset, kept only when they are plain text
    /// (no references, no markup, at most 1 KiB), so that expansion stays linear: no billion laughs.
    private var declared: [String: String] = [:]
    /// Bytes of declared-entity text served so far; past `expansionBudget` references stay literal, so a
    /// small document cannot expand into a huge one (quadratic blowup).
    private var expanded = 0
    public static let expansionBudget = 1 << 20
    /// True once the budget was reached.
    public private(set) var expansionCapped = false
    private var finished = false

    /// The first error libxml2 reported, as `line N: message`; nil for a well-formed document.
    public private(set) var firstError: String?
    public private(set) var errorCount = 0
    /// False once the encoding named to `init` could not be found and UTF-8 was used instead.
    public private(set) var encodingAccepted = true

    /// - Parameter encoding: the encoding to decode with (chosen by the caller from BOM, HTTP and prolog),
    ///   or nil to let libxml2 detect UTF-8/UTF-16 itself. The document's own declaration is ignored.
    public init(handler: any SAXHandler, encoding: String?) {
        self.handler = handler
        self.encoding = encoding
    }

    deinit {
        if let ctxt {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            xmlFreeParserCtxt(ctxt)
        }
        if let entityDoc { xmlFreeDoc(entityDoc) }
        fw_sax_free_buffer(state)
        state.deallocate()
    }

    public var wellFormed: Bool { errorCount == 0 }

    // MARK: text buffer
    //
    // The text of every open element, innermost last, appended by the C layer as libxml2 reports it. A handler
    // notes `textCount` when an element starts, reads `text(from:)` when it ends, and trims back with
    // `truncateText(to:)`; it decides with `setTextMode` what happens to the text that follows.

    public enum TextMode { case keep, escape, drop }

    /// What happens to text from now on: kept, kept with `&`, `<`, `>` escaped (text inside serialized
    /// markup), or dropped. A reader starts at `.drop` (nothing before the root element is anyone's text).
    public func setTextMode(_ mode: TextMode) {
        switch mode {
        case .keep: state.pointee.mode = Int32(FW_TEXT_KEEP)
        case .escape: state.pointee.mode = Int32(FW_TEXT_ESCAPE)
        case .drop: state.pointee.mode = Int32(FW_TEXT_DROP)
        }
    }

    /// Bytes in the text buffer.
    @inline(__always)
    public var textCount: Int { state.pointee.len }

    /// The buffer from `start` to its end; valid until the buffer next changes.
    @inline(__always)
    public func text(from start: Int) -> UnsafeBufferPointer<UInt8> {
        let s = state.pointee
        guard let buf = s.buf, start < s.len else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: buf + start, count: s.len - start)
    }

    /// Drops everything after the first `count` bytes.
    @inline(__always)
    public func truncateText(to count: Int) {
        if count < state.pointee.len { state.pointee.len = count }
    }

    /// Appends text as it is (serialized markup).
    public func appendText(_ text: String) {
        var text = text
        text.withUTF8 { fw_sax_append(state, $0.baseAddress, $0.count) }
    }

    /// True if text was lost because memory ran out.
    public var textLost: Bool { state.pointee.failed != 0 }

    /// libxml2's push parser copies every chunk into its own input buffer; pieces this size keep that buffer
    /// small (measured a few percent faster than 1 MiB pieces; 4–64 KiB made no difference).
    static let chunkSize = 16 << 10

    /// Parses the next chunk. Never throws: errors are recorded and parsing recovers.
    public func push(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "push after finish")
        guard bytes.count > 0 else { return }
        let ctxt = context()
        var offset = 0
        // xmlParseChunk takes an Int32 size; split very large buffers.
        while offset < bytes.count {
            let n = min(bytes.count - offset, SAXReader.chunkSize)
            let base = bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
            xmlParseChunk(ctxt, base, Int32(n), 0)
            offset += n
        }
    }

    public func push(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { push($0) }
    }

    /// Ends the document (a truncated one is closed as far as recovery allows).
    public func finish() {
        guard !finished else { return }
        finished = true
        xmlParseChunk(context(), nil, 0, 1)
    }

    private func context() -> xmlParserCtxtPtr {
        if let ctxt { return ctxt }
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        // Element and text events go through the C layer (shim.h): text stays in its buffer, and these two are
        // called at element boundaries only.
        fw_sax_install(&sax)
        state.pointee.start = { owner, localname, prefix, uri, nbAttributes, attributes in
            SAXReader.withOwner(owner) { reader in
                var attrs: [XMLAttribute] = []
                if nbAttributes > 0, let attributes {
                    attrs.reserveCapacity(Int(nbAttributes))
                    for i in 0..<Int(nbAttributes) {
                        let p = attributes.advanced(by: i * 5)
                        guard let local = p[0], let start = p[3], let end = p[4] else { continue }
                        let raw = UnsafeBufferPointer(start: start, count: end - start)
                        // Without entity substitution libxml2 hands `&amp;` in attributes back as `&#38;`.
                        // (Checked on bytes: Foundation's String.contains costs a CFString search per call.)
                        let value = raw.contains(UInt8(ascii: "&")) ? SAXReader.decodeAmpersands(raw)
                            : String(decoding: raw, as: UTF8.self)
                        attrs.append(
                            XMLAttribute(
                                localName: String(cString: local), prefix: p[1].map { String(cString: $0) },
                                namespace: p[2].map { String(cString: $0) }, value: value))
                    }
                }
                reader.handler.startElement(reader.name(localname, prefix, uri), attributes: attrs)
            }
        }
        state.pointee.end = { owner, localname, prefix, uri in
            SAXReader.withOwner(owner) { reader in
                reader.handler.endElement(reader.name(localname, prefix, uri))
            }
        }
        sax.getEntity = { ctx, name in
            guard let name else { return nil }
            return SAXReader.from(ctx).htmlEntity(String(cString: name))
        }
        sax.entityDecl = { ctx, name, type, _, _, content in
            guard let name, let content, type == Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue) else { return }
            let value = String(cString: content)
            guard value.utf8.count <= 1024, !value.contains("&"), !value.contains("<") else { return }
            let reader = SAXReader.from(ctx)
            let key = String(cString: name)
            if reader.declared[key] == nil { reader.declared[key] = value }
        }
        sax.serror = { userData, error in
            guard let userData, let error else { return }
            SAXReader.withOwner(userData.assumingMemoryBound(to: fw_sax_state.self).pointee.owner) {
                $0.record(error.pointee)
            }
        }
        state.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
        // Every callback, serror included, receives the parser's userData: the C state, which names us.
        let ctxt = xmlCreatePushParserCtxt(&sax, UnsafeMutableRawPointer(state), nil, 0, nil)!
        xmlCtxtUseOptions(ctxt, fw_xml_feed_options())
        if let encoding {
            if let handler = xmlFindCharEncodingHandler(encoding) {
                xmlSwitchToEncoding(ctxt, handler)
            } else {
                encodingAccepted = false
            }
        }
        self.ctxt = ctxt
        return ctxt
    }

    /// `&#38;` → `&` in an attribute value.
    static func decodeAmpersands(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        let pattern = Array("&#38;".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == pattern[0], i + 5 <= raw.count, raw[i + 1] == pattern[1], raw[i + 2] == pattern[2],
                raw[i + 3] == pattern[3], raw[i + 4] == pattern[4]
            {
                out.append(UInt8(ascii: "&"))
                i += 5
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The reader behind a parser context (the C state's owner).
    private static func from(_ ctx: UnsafeMutableRawPointer?) -> SAXReader {
        Unmanaged<SAXReader>.fromOpaque(ctx!.assumingMemoryBound(to: fw_sax_state.self).pointee.owner!)
            .takeUnretainedValue()
    }

    /// Calls `body` with the reader named by `owner` without retaining it: the parse runs inside the
    /// reader's own `push`/`finish`, so it is alive for every callback.
    @inline(__always)
    private static func withOwner(_ owner: UnsafeMutableRawPointer?, _ body: (SAXReader) -> Void) {
        Unmanaged<SAXReader>.fromOpaque(owner!)._withUnsafeGuaranteedRef(body)
    }

    private struct NameKey: Hashable {
        var local: UnsafePointer<xmlChar>?
        var prefix: UnsafePointer<xmlChar>?
        var uri: UnsafePointer<xmlChar>?
    }
    /// libxml2 interns names in its dictionary, so one pointer triple is one name for the whole parse:
    /// names are turned into Strings once, not at every element.
    private var names: [NameKey: XMLName] = [:]
    private static let recentSize = 64
    private var recent = [(key: NameKey, name: XMLName)?](repeating: nil, count: SAXReader.recentSize)

    private func name(
        _ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?
    ) -> XMLName {
        let key = NameKey(local: local, prefix: prefix, uri: uri)
        // A direct-mapped cache in front of the dictionary: a feed uses a few dozen names, and hashing three
        // pointers at every element showed in profiles.
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: local) >> 3) & (SAXReader.recentSize - 1)
        if let hit = recent[slot], hit.key == key { return hit.name }
        if let known = names[key] {
            recent[slot] = (key, known)
            return known
        }
        let made = XMLName(
            localName: local.map { String(cString: $0) } ?? "", prefix: prefix.map { String(cString: $0) },
            namespace: uri.map { String(cString: $0) }, id: names.count)
        names[key] = made
        return made
    }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        // A parameter entity we refused to load (never any network or file access) is not the document's fault.
        if error.code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue) || error.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue) {
            return
        }
        errorCount += 1
        if firstError == nil {
            let message = error.message.map { String(cString: $0) }?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "error \(error.code)"
            firstError = "line \(error.line): \(message)"
        }
    }

    /// Names of references that were neither XML's nor HTML's, served back as their literal text.
    public private(set) var undefinedEntities: [String] = []

    /// An HTML named entity as a one-character internal entity on a private document, made once per name.
    /// Any other name (including DTD-declared ones, which are never expanded) becomes its own literal text,
    /// so nothing after it is lost and nothing is ever read from outside.
    private func htmlEntity(_ name: String) -> xmlEntityPtr? {
        if let text = declared[name] {
            expanded += text.utf8.count
            if expanded > SAXReader.expansionBudget {
                expansionCapped = true
                return entity(named: "fw-literal-" + name, content: "&#38;" + name + ";")
            }
        }
        if let cached = entities[name] { return cached }
        let content: String
        if let text = declared[name] {
            content = text
        } else if let desc = htmlEntityLookup(name), let scalar = Unicode.Scalar(desc.pointee.value) {
            content = scalar == "&" ? "&#38;" : scalar == "<" ? "&#60;" : String(Character(scalar))
        } else {
            undefinedEntities.append(name)
            content = "&#38;" + name + ";"
        }
        return entity(named: name, content: content)
    }

    private func entity(named key: String, content: String) -> xmlEntityPtr? {
        if let cached = entities[key] { return cached }
        if entityDoc == nil {
            // A private document with an internal subset: the only place entities can be declared.
            entityDoc = xmlNewDoc(nil)
            xmlCreateIntSubset(entityDoc, "x", nil, nil)
        }
        let entity = xmlAddDocEntity(entityDoc, key, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, content)
        entities[key] = entity
        return entity
    }
}
