/// A stable 64-bit digest (FNV-1a) of a list of strings, as 16 hex digits.
///
/// Swift's `Hasher` is seeded per process, so it cannot tell whether a row changed between two imports; this
/// can. It is a change detector, not a cryptographic hash.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The digest so far; the FNV-1a offset basis before anything is combined.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The digest of no strings, to ``combine(_:)`` parts into.
    public init() {}

    /// The digest of `parts`, in order: the same as combining each one.
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

    /// The digest as 16 lowercase hex digits, zero-padded (`cbf29ce484222325` for no strings).
    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
