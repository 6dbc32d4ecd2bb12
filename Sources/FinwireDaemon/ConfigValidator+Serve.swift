import Foundation

/// The `serve` section: where the live view listens, the token that guards it, and how long a repeated
/// question may be answered from its cache.
extension ConfigValidator {
    static let serveKeys: Set<String> = ["listen", "token_file", "token_env", "cache_seconds"]

    mutating func serve(_ node: ConfigNode, into config: inout Configuration) {
        guard let s = object(node, "serve", allowed: Self.serveKeys.union(["token"])) else { return }
        if let t = s["token"] {
            problem("serve.token", t, "secrets are not read from the configuration text: put it in a file (token_file) or an environment variable (token_env)")
        }
        config.serveListen = string(s["listen"], "serve.listen")
        config.serveToken = secretValue(s, "serve", file: "token_file", env: "token_env")
        if let seconds = integer(s["cache_seconds"], "serve.cache_seconds", min: 0, max: 3600) { config.serveCacheSeconds = seconds }
    }
}
