import Foundation

/// The normalised form of an ingredient name, used to look names up in the dictionary.
///
/// Two printed names that mean the same ingredient under DOMAIN.md's rule 7 get the same key:
/// case, accents, ligatures, non-breaking and zero-width spaces, typographic dashes, trade marks, and the spacing
/// of words and hyphens are all folded away. Spaces and hyphens between letters and digits vanish
/// (`PEG 10`, `PEG-10` and `peg10` are all `PEG10`), while a break between two digits stays a hyphen
/// (`C12-15`, `C12 15` → `C12-15`), so different numbers never collapse into one. Punctuation that carries
/// meaning in INCI names (`/`, `,`, `(`, `)`, `+`, `&`) is kept. The OCR slip `Cl 77891` becomes `CI77891`.
///
/// ```swift
/// NameKey("Aqua / Water / Eau").rawValue      // "AQUA/WATER/EAU"
/// NameKey("β-NMN").rawValue                   // "BETANMN"
/// NameKey("Methyl Gluceth-¬‐20").rawValue     // "METHYLGLUCETH20"
/// ```
public struct NameKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The normalised text.
    public let rawValue: String

    /// Normalises a printed ingredient name.
    public init(_ printed: some StringProtocol) {
        rawValue = Self.normalise(String(printed))
    }

    /// Wraps an already normalised key, as stored in the catalog.
    public init(normalised: String) {
        rawValue = normalised
    }

    /// The normalised text, as ``rawValue``.
    public var description: String { rawValue }
    /// Whether the name normalised to nothing (blank or punctuation only): such a key matches no ingredient.
    public var isEmpty: Bool { rawValue.isEmpty }
    /// Orders keys by their normalised text, so sorted keys list alphabetically.
    public static func < (lhs: NameKey, rhs: NameKey) -> Bool { lhs.rawValue < rhs.rawValue }

    static func normalise(_ text: String) -> String {
        var bytes: [UInt8]
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            bytes = Array(text.utf8)
        } else {
            bytes = Array(foldToASCII(text).utf8)
        }
        return keyFromASCII(&bytes)
    }

    /// Folds the non-ASCII characters that real labels carry into ASCII (or drops them).
    private static func foldToASCII(_ text: String) -> String {
        var mapped = ""
        mapped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x03B2, 0x0392: mapped += "BETA"  // β-NMN
            case 0x03B1, 0x0391: mapped += "ALPHA"
            case 0x03B3, 0x0393: mapped += "GAMMA"
            case 0x03B4, 0x0394: mapped += "DELTA"
            case 0x00B5, 0x03BC: mapped += "U"  // µg
            case 0x00DF: mapped += "SS"
            case 0x00D7: mapped += "X"  // CITRUS RETICULATA × SINENSIS
            case 0x2010...0x2015, 0x2212, 0xFE63, 0xFF0D: mapped += "-"
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: mapped += "'"
            case 0x201C, 0x201D, 0x201E, 0x2033: mapped += "\""
            case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: mapped += " "
            case 0x00AD, 0x00AC, 0x200B...0x200D, 0x2060, 0xFEFF, 0xFFFD: break  // soft hyphen, ¬, zero-width, BOM
            case 0x2122, 0x00AE, 0x00A9, 0x0080...0x009F: break  // ™ ® © and C1 controls (mis-decoded ™)
            case 0x3001, 0xFF0C: mapped += ","
            default: mapped.unicodeScalars.append(scalar)
            }
        }
        // Compatibility mapping after our own table, so that ™ is dropped rather than spelled "TM"; it splits
        // ligatures (ﬂ → fl) and full-width forms.
        let folded = mapped.precomposedStringWithCompatibilityMapping.folding(
            options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { $0.isASCII }))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    private static func keyFromASCII(_ bytes: inout [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingBreak = false  // a space or hyphen seen since the last kept character
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x2D, 0x5F:  // space, tab, newlines, hyphen, underscore
                pendingBreak = !out.isEmpty
            case 0x2E:  // '.' kept only between digits (PEG-7.5); otherwise an abbreviation dot or a full stop
                pendingBreak = pendingBreak || !out.isEmpty
                out.append(0x2E)
            case 0x2A, 0x22, 0x27, 0x60, 0x5E:  // * " ' ` ^ label markers and quotes
                continue
            default:
                var upper = byte
                if upper >= 0x61 && upper <= 0x7A { upper -= 0x20 }
                if pendingBreak, let last = out.last, isDigit(last), isDigit(upper) {
                    out.append(0x2D)
                }
                pendingBreak = false
                out.append(upper)
            }
            // Resolve dots: keep a dot only if it sits between two digits.
            if out.count >= 2, out[out.count - 2] == 0x2E, byte != 0x2E {
                let dotIndex = out.count - 2
                let before = dotIndex > 0 ? out[dotIndex - 1] : 0
                if !(isDigit(before) && isDigit(out[out.count - 1])) {
                    out.remove(at: dotIndex)
                }
            }
        }
        if out.last == 0x2E { out.removeLast() }
        // OCR slip: "CL 77891" (lower-case L) for the colour index "CI 77891".
        if out.count >= 7, out[0] == 0x43, out[1] == 0x4C, isDigit(out[2]), out[2...].prefix(5).allSatisfy(isDigit) {
            out[1] = 0x49
        }
        return String(decoding: out, as: UTF8.self)
    }
}
