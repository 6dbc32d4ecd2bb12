import Foundation

/// One URL per story page, however it was shared: scheme and host lower-cased, http and https unified,
/// default ports, fragments and tracking parameters dropped, the query sorted, trailing slashes trimmed,
/// and mobile hosts mapped to their desktop twins. The result is a key, not a link to open.
public struct URLCanonicalizer: Sendable, Equatable {
    /// Parameter names dropped outright; names ending in `*` are prefixes (`utm_*`).
    public var trackingParameters: [String]
    /// Mobile (or alternate) host → the host it mirrors.
    public var hostPairs: [String: String]

    public static let defaultTrackingParameters = [
        "utm_*", "spm", "from", "source", "src", "share", "share_*", "shareid", "share_token", "sharer", "isappinstalled",
        "wfr", "wxshare_count", "scene", "clicktime", "enterid", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid",
        "ref", "ref_src", "refer", "referer", "cmpid", "tt_from", "tt_medium", "tt_campaign", "timestamp", "_t", "t",
        "vd_source", "sudaref", "display", "retcode", "wm", "chwm", "dv", "cre", "mod", "loc", "r", "rfunc", "sinawap",
    ]

    public static let defaultHostPairs = [
        "finance.sina.cn": "finance.sina.com.cn", "news.sina.cn": "news.sina.com.cn", "k.sina.cn": "k.sina.com.cn",
        "m.sina.cn": "sina.com.cn", "m.eastmoney.com": "eastmoney.com", "wap.eastmoney.com": "eastmoney.com",
        "m.21jingji.com": "www.21jingji.com", "m.yicai.com": "www.yicai.com", "m.caixin.com": "www.caixin.com",
        "m.thepaper.cn": "www.thepaper.cn", "m.cls.cn": "www.cls.cn", "m.jiemian.com": "www.jiemian.com",
        "m.stcn.com": "www.stcn.com", "m.cnstock.com": "www.cnstock.com", "wap.cnstock.com": "www.cnstock.com",
        "m.people.cn": "www.people.com.cn", "m.xinhuanet.com": "www.news.cn", "www.xinhuanet.com": "www.news.cn",
        "m.chinanews.com": "www.chinanews.com.cn", "www.chinanews.com": "www.chinanews.com.cn",
        "m.ftchinese.com": "www.ftchinese.com", "m.wallstreetcn.com": "wallstreetcn.com",
    ]

    public init(trackingParameters: [String] = defaultTrackingParameters, hostPairs: [String: String] = defaultHostPairs) {
        self.trackingParameters = trackingParameters
        self.hostPairs = hostPairs
    }

    func isTracking(_ name: String) -> Bool {
        let n = name.lowercased()
        return trackingParameters.contains { p in
            p.hasSuffix("*") ? n.hasPrefix(p.dropLast()) : n == p
        }
    }

    /// The key, or nil for something that is not an absolute http(s) URL.
    public func canonical(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let c = URLComponents(string: trimmed), let scheme = c.scheme?.lowercased(),
            scheme == "http" || scheme == "https", var host = c.host?.lowercased(), !host.isEmpty
        else { return nil }
        if host.hasSuffix(".") { host.removeLast() }
        host = hostPairs[host] ?? host
        var path = c.percentEncodedPath
        if path.isEmpty { path = "/" }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        // index.html and friends name the folder itself.
        for index in ["/index.html", "/index.htm", "/index.shtml", "/index.php"] where path.hasSuffix(index) {
            path.removeLast(index.count)
            if path.isEmpty { path = "/" }
        }
        let items = (c.percentEncodedQueryItems ?? []).filter { !isTracking($0.name) }
            .sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        var out = "//" + host + path
        if !items.isEmpty {
            out += "?" + items.map { item in item.value.map { "\(item.name)=\($0)" } ?? item.name }.joined(separator: "&")
        }
        return out
    }
}
