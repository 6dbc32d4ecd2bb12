import CCrypto
import Foundation

/// HMAC-SHA256 through OpenSSL's libcrypto (already linked by libcurl): the scheme our webhook signature
/// and the Feishu and DingTalk group bots use. A hand-written SHA-256 would be one more thing to get right.
public enum HMACSHA256 {
    public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = key.withUnsafeBytes { k in
            message.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { o in
                    fw_hmac_sha256(k.baseAddress, Int32(k.count), m.baseAddress, m.count, o.baseAddress)
                }
            }
        }
        precondition(ok == 1, "HMAC-SHA256 failed in libcrypto")
        return out
    }

    public static func hex(key: String, message: [UInt8]) -> String {
        mac(key: Array(key.utf8), message: message).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    public static func base64(key: String, message: String) -> String {
        Data(mac(key: Array(key.utf8), message: Array(message.utf8))).base64EncodedString()
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
