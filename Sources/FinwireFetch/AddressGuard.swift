import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Decides whether a resolved socket address is public. Used by the SSRF guard, which runs after DNS
/// resolution, so a public name that resolves to 127.0.0.1 or 10.x is refused too.
enum AddressGuard {
    /// The address in text when it is loopback, private, link-local, CGNAT, multicast or unspecified.
    /// - Parameter addr: the start of the resolved address (curl stores the full sockaddr_in/in6 there).
    static func nonPublic(_ addr: UnsafeRawPointer, family: Int32) -> String? {
        if family == AF_INET {
            let sin = addr.loadUnaligned(as: sockaddr_in.self)
            let ip = UInt32(bigEndian: sin.sin_addr.s_addr)
            return isNonPublicV4(ip) ? dotted(ip) : nil
        }
        if family == AF_INET6 {
            let sin6 = addr.loadUnaligned(as: sockaddr_in6.self)
            let bytes = withUnsafeBytes(of: sin6.sin6_addr) { Array($0) }
            return isNonPublicV6(bytes) ? "an IPv6 loopback, private or link-local address" : nil
        }
        return "an address of family \(family)"
    }

    static func isNonPublicV6(_ b: [UInt8]) -> Bool {
        guard b.count == 16 else { return true }
        if b.allSatisfy({ $0 == 0 }) { return true }  // ::
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return true }  // ::1
        if b[0] & 0xFE == 0xFC { return true }  // fc00::/7 unique local
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true }  // fe80::/10 link-local
        if b[0] == 0xFF { return true }  // multicast
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {  // ::ffff:a.b.c.d
            let ip = UInt32(b[12]) << 24 | UInt32(b[13]) << 16 | UInt32(b[14]) << 8 | UInt32(b[15])
            return isNonPublicV4(ip)
        }
        return false
    }

    static func isNonPublicV4(_ ip: UInt32) -> Bool {
        let a = ip >> 24
        let b = (ip >> 16) & 0xFF
        switch a {
        case 0, 10, 127: return true
        case 100 where (64...127).contains(b): return true  // 100.64.0.0/10, carrier-grade NAT
        case 169 where b == 254: return true  // link-local, cloud metadata
        case 172 where (16...31).contains(b): return true
        case 192 where b == 168: return true
        case 198 where b == 18 || b == 19: return true  // benchmarking
        case 224...255: return true  // multicast, reserved, broadcast
        default: return false
        }
    }

    static func dotted(_ ip: UInt32) -> String {
        "\(ip >> 24).\((ip >> 16) & 0xFF).\((ip >> 8) & 0xFF).\(ip & 0xFF)"
    }
}
