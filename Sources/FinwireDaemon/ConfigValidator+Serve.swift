import Foundation

/// The `serve` section: where the live view listens and the token that guards it.
extension ConfigValidator {
    static let serveKeys: Set<String> = ["listen", "token_file", "token_env"]

    mutating func serve(_ node: ConfigNode, into config: inout Configuration) {
        guard let s = object(node, "serve", allowed: Self.serveKeys.union(["token"])) else { return }
        if let t = s["token"] {
            problem("serve.token", t, "secrets are not read from the configuration text: put it in a file (token_file) or an environment variable (token_env)")
        }
        config.serveListen = string(s["listen"], "serve.listen")
        config.serveToken = secretValue(s, "serve", file: "token_file", env: "token_env")
    }
}
