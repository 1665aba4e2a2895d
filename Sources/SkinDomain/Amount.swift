/// How much of an ingredient a product contains, in parts per million by mass.
///
/// Every amount is stored in ppm (DOMAIN.md section 2): 1 % = 10,000 ppm, 1 mg/g = 1,000 ppm, 1 µg/g = 1 ppm.
/// `mg/mL` is mass per volume; it is converted with a density of 1 and marked approximate.
///
/// ```swift
/// try Amount(parsing: "4,000 PPM").ppm   // 4000
/// try Amount(parsing: "0,4 %").ppm       // 4000
/// try Amount(parsing: "10 mg/g").ppm     // 10000
/// ```
public struct Amount: Hashable, Sendable, Codable {
    /// Parts per million by mass, between 0 and 1,000,000.
    public var ppm: Double
    /// True when the conversion assumed something (a density of 1 for mg/mL).
    public var isApproximate: Bool

    /// An amount of `ppm` parts per million by mass, exact unless `isApproximate` says a conversion assumed
    /// something.
    public init(ppm: Double, isApproximate: Bool = false) {
        self.ppm = ppm
        self.isApproximate = isApproximate
    }

    /// Parses a number and a unit, such as `4,000 ppm`, `0,4 %`, `10 mg/g` or `2000ppm`.
    ///
    /// - Throws: ``AmountError`` when the number or the unit is not understood, or the amount is negative or
    ///   above 100 %.
    public init(parsing text: some StringProtocol) throws(AmountError) {
        let trimmed = Substring(text).trimmingWhitespace()
        let split = AmountText.splitNumberAndUnit(trimmed)
        guard let split else {
            throw trimmed.isEmpty ? .missingNumber("") : .notANumber(String(trimmed))
        }
        self = try AmountText.amount(number: split.number, unit: split.unit, negative: split.negative)
    }

    /// The amount as a percentage of mass.
    public var percent: Double { ppm / 10_000 }
}

/// Where an amount was read from. A bound inferred from list order is never shown as a declared value.
public enum AmountSource: String, Hashable, Sendable, Codable, CaseIterable {
    /// Declared on the label in an `actives`-style claim (`NMN 4,000 ppm`).
    case declared
    /// Printed inside the INCI list (`Niacinamide (5%)`).
    case printed
    /// An upper bound inferred from the list's order (the 1 % line); never a declared value.
    case inferred
    /// Stated in the product's name or claim text (`Niacinamide 10% + Zinc 1%`, read by ``NamedAmounts``): a
    /// brand's claim, weaker than `declared` or `printed`, stronger than a bound from list order. Stored beside the
    /// lines, in `productNamedAmount` (migration 0009), never as a line's own amount.
    case named
}

/// The units a label may use for an amount.
public enum AmountUnit: String, Sendable, CaseIterable {
    /// Parts per million (1 ppm); percent (10,000 ppm); milligrams per gram (1,000 ppm); micrograms per gram
    /// (1 ppm); milligrams per kilogram (1 ppm); milligrams per millilitre (1,000 ppm, assuming a density of 1).
    case ppm, percent = "%", mgPerG = "mg/g", ugPerG = "ug/g", mgPerKg = "mg/kg", mgPerMl = "mg/mL"

    /// How many ppm one of this unit is.
    public var ppmFactor: Double {
        switch self {
        case .ppm, .mgPerKg, .ugPerG: 1
        case .percent: 10_000
        case .mgPerG, .mgPerMl: 1_000
        }
    }

    /// Whether converting this unit to ppm by mass needs an assumption.
    public var isApproximate: Bool { self == .mgPerMl }

    /// Recognises a unit as written on labels, case-insensitively (`PPM`, `%`, `percent`, `mg/g`, `µg/g`, `mg/ml`).
    public init?(label: some StringProtocol) {
        var text = ""
        for character in label.lowercased() where !character.isWhitespace {
            text.append(character == "µ" || character == "μ" ? "u" : character)
        }
        switch text {
        case "ppm": self = .ppm
        case "%", "percent", "pct": self = .percent
        case "mg/g": self = .mgPerG
        case "ug/g", "mcg/g": self = .ugPerG
        case "mg/kg": self = .mgPerKg
        case "mg/ml": self = .mgPerMl
        default: return nil
        }
    }
}

/// Why an amount could not be read. Each message names the offending text.
public enum AmountError: Error, Equatable, Sendable {
    /// The text where a number belongs is not a number (`lots ppm`).
    case notANumber(String)
    /// An ingredient name with no amount after it.
    case missingNumber(String)
    /// A number with no unit, or a unit we do not know (`4000 furlongs`).
    case unknownUnit(String)
    /// A negative amount.
    case negative(String)
    /// More than 100 % (1,000,000 ppm).
    case impossible(String)
}

extension AmountError: CustomStringConvertible {
    /// What is wrong, naming the offending text and, for a unit, the units understood.
    public var description: String {
        switch self {
        case .notANumber(let text): "\(text.quotedForMessage) is not a number"
        case .missingNumber(let text): text.isEmpty ? "no amount given" : "no amount given for \"\(text)\""
        case .unknownUnit(let unit):
            unit.isEmpty
                ? "amount has no unit (use ppm, %, mg/g, ug/g or mg/mL)"
                : "unknown unit \"\(unit)\" (use ppm, %, mg/g, ug/g or mg/mL)"
        case .negative(let text): "negative amount \(text.quotedForMessage)"
        case .impossible(let text): "impossible amount \(text.quotedForMessage) (more than 100 %)"
        }
    }
}

/// Number and unit scanning shared by the `actives` column and amounts printed inside INCI lists.
enum AmountText {
    struct Split {
        var number: Substring
        var unit: Substring
        var negative: Bool
        /// Everything before the number (the ingredient name, in `NMN 4000 ppm`).
        var prefix: Substring
    }

    /// Splits `... NUMBER UNIT` from its end. Returns nil when nothing number-like precedes the unit.
    static func splitNumberAndUnit(_ text: Substring) -> Split? {
        var end = text.endIndex
        // The unit: trailing letters, '%', '/', 'µ'.
        var unitStart = end
        while unitStart > text.startIndex {
            let previous = text.index(before: unitStart)
            let character = text[previous]
            if character.isLetter || character == "%" || character == "/" || character == "µ" {
                unitStart = previous
            } else {
                break
            }
        }
        let unit = text[unitStart..<end]
        end = unitStart
        while end > text.startIndex, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        var numberStart = end
        while numberStart > text.startIndex {
            let previous = text.index(before: numberStart)
            let character = text[previous]
            if character.isASCII && (character.isNumber || character == "," || character == ".") {
                numberStart = previous
            } else {
                break
            }
        }
        let number = text[numberStart..<end]
        guard number.contains(where: \.isNumber) else { return nil }
        // A number glued to the name before it (`B3`, `PEG-10`) is part of the name, not an amount.
        var negative = false
        var prefixEnd = numberStart
        if numberStart > text.startIndex {
            let previous = text.index(before: numberStart)
            let character = text[previous]
            if character == "-" || character == "−" {
                let beforeSign = previous > text.startIndex ? text[text.index(before: previous)] : " "
                if beforeSign.isWhitespace || beforeSign == "(" || beforeSign == ":" {
                    negative = true
                    prefixEnd = previous
                } else {
                    return nil
                }
            } else if !(character.isWhitespace || character == "(" || character == ":" || character == "=") {
                return nil
            }
        }
        return Split(number: number, unit: unit, negative: negative, prefix: text[text.startIndex..<prefixEnd])
    }

    static func amount(number: Substring, unit: Substring, negative: Bool) throws(AmountError) -> Amount {
        guard let value = parseNumber(number) else { throw .notANumber(String(number)) }
        guard let parsedUnit = AmountUnit(label: unit) else { throw .unknownUnit(String(unit)) }
        let written = "\(negative ? "-" : "")\(number) \(unit)"
        if negative && value > 0 { throw .negative(written) }
        // Rounded to a millionth of a ppm, so that 0.3 % is exactly 3,000 ppm and compares equal to `3000 ppm`.
        let ppm = (value * parsedUnit.ppmFactor * 1_000_000).rounded() / 1_000_000
        guard ppm <= 1_000_000 else { throw .impossible(written) }
        return Amount(ppm: ppm, isApproximate: parsedUnit.isApproximate)
    }

    /// Parses a label number, telling thousands separators from decimal commas:
    /// `1,000` and `4,000` are thousands; `0,4` and `2,5` are decimal commas; `1,000.5` and `1.000,5` use both.
    static func parseNumber(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else {
            return nil
        }
        let commas = text.count(where: { $0 == "," })
        let dots = text.count(where: { $0 == "." })
        var normalised: String
        if commas > 0 && dots > 0 {
            // The separator that comes last is the decimal one.
            guard let lastComma = text.lastIndex(of: ","), let lastDot = text.lastIndex(of: ".") else { return nil }
            let decimal: Character = lastComma > lastDot ? "," : "."
            let thousands: Character = decimal == "," ? "." : ","
            if text.count(where: { $0 == decimal }) > 1 { return nil }
            guard isThousandsGrouped(text[..<(decimal == "," ? lastComma : lastDot)], separator: thousands) else {
                return nil
            }
            normalised = String(text.filter { $0 != thousands })
            if decimal == "," { normalised = String(normalised.map { $0 == "," ? "." : $0 }) }
        } else if commas > 0 {
            if isThousandsGrouped(text, separator: ","), !text.hasPrefix("0") {
                normalised = String(text.filter { $0 != "," })
            } else if commas == 1 {
                normalised = String(text.map { $0 == "," ? "." : $0 })
            } else {
                return nil
            }
        } else if dots > 1 {
            guard isThousandsGrouped(text, separator: ".") else { return nil }
            normalised = String(text.filter { $0 != "." })
        } else {
            normalised = String(text)
        }
        if normalised.hasPrefix(".") { normalised = "0" + normalised }
        if normalised.hasSuffix(".") { normalised.removeLast() }
        return Double(normalised)
    }

    /// `1,000`, `12,500,000`: one to three digits, then groups of exactly three.
    private static func isThousandsGrouped(_ text: Substring, separator: Character) -> Bool {
        let groups = text.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (including non-breaking spaces).
    func trimmingWhitespace() -> SubSequence {
        // ASCII spaces at the ends are dropped as bytes; then, when both ends are visible ASCII characters, nothing
        // more is trimmed and no Character (with its Unicode property look-ups) need be built. This runs several
        // times on every entry of every row.
        var start = startIndex
        var end = endIndex
        let scalars = unicodeScalars
        while start < end, scalars[start].value == 0x20 { start = scalars.index(after: start) }
        while start < end, scalars[scalars.index(before: end)].value == 0x20 { end = scalars.index(before: end) }
        if start < end, (0x21...0x7E).contains(scalars[start].value),
            (0x21...0x7E).contains(scalars[scalars.index(before: end)].value)
        {
            return self[start..<end]
        }
        // Otherwise by Characters, from the start: a space followed by a combining mark is one Character.
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return self[endIndex...] }
        return self[first...last]
    }
}
