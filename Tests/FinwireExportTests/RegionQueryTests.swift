import FinwireTag
import Testing

@Suite struct RegionQueryTests {
    @Test func provincesIncludeTheirCountiesAndGroupingsTheirMembers() throws {
        let q = RegionQuery.bundled
        let zj = try #require(q.resolve("浙江"))
        #expect(zj.codes.contains("330825") && zj.codes.contains("330000") && zj.grouping == nil)
        let mountains = try #require(q.resolve("山区26县"))
        #expect(mountains.grouping == "zj-26-mountain-counties")
        #expect(mountains.codes.contains("330825") && !mountains.codes.contains("330100"))
        #expect(q.resolve("330800")?.codes.contains("330825") == true)
        #expect(q.resolve("不存在的地方") == nil)
    }
}
