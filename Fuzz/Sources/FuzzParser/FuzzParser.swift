import FinwireParse
import Foundation

/// libFuzzer entry point: every input is parsed whole, then pushed in uneven chunks, with and without an
/// HTTP charset, and rendered to JSON (which runs the sanitizer); the whole-document fast path is checked
/// against the validating session, and the entry count against a copy with the control characters dropped.
/// Any crash, hang, leak, difference or lost entry is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = FeedParser(options: ParseOptions(url: URL(string: "http://fuzz.example/feed.xml"))).parse(bytes)
    _ = whole.jsonValue().serialized()

    // Differential: a whole UTF-8 document is parsed without finwire's validation pass (and again with it when
    // libxml2 reports a bad sequence); the result must be exactly what the always-validating session gives.
    let validating = FeedParser().makeSession()
    validating.push(bytes)
    let checked = validating.finish()
    if FeedParser().parse(bytes) != checked {
        fatalError("whole-document parse differs from the validating session")
    }

    // No entry lost to a control character: the in-stream repair must keep at least what a copy with every
    // C0 control simply dropped keeps.
    if let stripped = ControlCharacterOracle.strippedCopy(bytes),
        FeedParser(options: ParseOptions(url: URL(string: "http://fuzz.example/feed.xml"))).parse(stripped).entries.count
            > whole.entries.count
    {
        fatalError("the raw document keeps fewer entries than its copy without control characters")
    }

    let session = FeedParser(options: ParseOptions(contentType: "text/xml; charset=gb2312")).makeSession()
    var i = 0
    var step = 1
    while i < bytes.count {
        let end = min(bytes.count, i + step)
        session.push(Array(bytes[i..<end]))
        i = end
        step = step % 97 + 13
    }
    _ = session.finish().jsonValue().serialized()
    return 0
}

/// SwiftPM links every executable's entry point as `<Target>_main`; here it hands control to libFuzzer's
/// driver (libFuzzer's own `main` is then not linked).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzParser_main")
public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var vector = argv
    return runDriver(&count, &vector, fuzzParser)
}
