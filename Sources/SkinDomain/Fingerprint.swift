/// A stable 64-bit digest (FNV-1a) of a list of strings, as 16 hex digits.
///
/// Swift's `Hasher` is seeded per process, so it cannot tell whether a row changed between two imports; this
/// can. It is a change detector, not a cryptographic hash.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public init(_ parts: [String]) {
        for part in parts { combine(part) }
    }

    /// Adds one string; parts are separated so that ["ab", "c"] and ["a", "bc"] differ.
    public mutating func combine(_ part: String) {
        for byte in part.utf8 { mix(byte) }
        mix(0x1F)
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }

    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
