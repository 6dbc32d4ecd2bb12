import FinwireDaemon
import Logging
import Testing

@Suite struct LogLevelControlTests {
    @Test func aReloadAppliesLogLevelUnlessTheCommandLinePinnedIt() {
        let fromFile = LogLevelControl(.info, pinned: false)
        #expect(fromFile.apply(configured: "debug"))
        #expect(fromFile.level == .debug)
        #expect(!fromFile.apply(configured: "debug"))
        #expect(fromFile.apply(configured: nil))  // the key removed: back to the default
        #expect(fromFile.level == .info)
        let pinned = LogLevelControl(.warning, pinned: true)
        #expect(!pinned.apply(configured: "trace"))
        #expect(pinned.level == .warning)
    }
}
