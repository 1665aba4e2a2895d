/// A product's size as read from free text: millilitres, grams, or both.
///
/// Metric figures win over imperial ones when both are given (`1.7 fl oz / 50 mL` is 50 mL). `fl oz` is a
/// volume (29.5735 mL), a bare `oz` a mass (28.3495 g). A count times a size (`20 x 2 mL`) is multiplied out.
/// Text with no recognisable size (`1 mask / pack`) gives nil: the raw text is kept with the product anyway.
public struct ProductSize: Hashable, Sendable, Codable {
    /// The volume in mL, nil when the text gives none.
    public var millilitres: Double?
    /// The mass in g, nil when the text gives none.
    public var grams: Double?

    /// The sizes a catalog accepts, in millilitres or grams: more than 0 and at most 1,000,000 (a cubic metre or a
    /// tonne). A figure outside it (`100000000000000000000 mL`, 400 digits that read as infinity) is a mistake,
    /// and the import sets the row aside rather than store it.
    public static let range: ClosedRange<Double> = Double.leastNonzeroMagnitude...1_000_000

    /// Whether both figures, when given, are in ``range`` (so finite).
    public var isInRange: Bool {
        [millilitres, grams].allSatisfy { $0.map(Self.range.contains) ?? true }
    }

    /// A size of `millilitres` mL and `grams` g; nil for a figure not known.
    public init(millilitres: Double? = nil, grams: Double? = nil) {
        self.millilitres = millilitres
        self.grams = grams
    }

    /// Reads the size from free text (`30 mL`, `1.7 fl oz / 50 mL`, `20 x 2 mL`, `50 g`).
    ///
    /// - Returns: nil when the text names no volume or mass.
    public init?(parsing text: String) {
        var tokens: [String] = []
        var current = ""
        // "fl. oz": the abbreviation dot is not a decimal point.
        for character in text.lowercased().replacing("fl.", with: "fl ") {
            if character.isNumber || character == "." || character == "," {
                if let last = current.last, !(last.isNumber || last == "." || last == ",") {
                    tokens.append(current)
                    current = ""
                }
                current.append(character)
            } else if character.isLetter {
                if let last = current.last, !last.isLetter {
                    tokens.append(current)
                    current = ""
                }
                current.append(character)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                if character == "×" || character == "*" { tokens.append("x") }
            }
        }
        if !current.isEmpty { tokens.append(current) }

        var millilitres: [Double] = []
        var grams: [Double] = []
        var fluidOunces: [Double] = []
        var ounces: [Double] = []
        var index = 0
        while index < tokens.count {
            guard let value = AmountText.parseNumber(Substring(tokens[index])) else {
                index += 1
                continue
            }
            // "20 x 2 mL": a count, then x, then the size.
            if index + 2 < tokens.count, tokens[index + 1] == "x",
                let size = AmountText.parseNumber(Substring(tokens[index + 2]))
            {
                if let unit = tokens[safe: index + 3] {
                    Self.collect(
                        value * size, unit: unit, next: tokens[safe: index + 4],
                        into: &millilitres, &grams, &fluidOunces, &ounces)
                }
                index += 4
                continue
            }
            if index + 1 < tokens.count {
                Self.collect(
                    value, unit: tokens[index + 1], next: tokens[safe: index + 2],
                    into: &millilitres, &grams, &fluidOunces, &ounces)
            }
            index += 1
        }
        let ml = millilitres.first ?? fluidOunces.first.map { ($0 * 29.5735 * 10).rounded() / 10 }
        // Next to a metric volume (`1.7 oz / 50 mL`), a bare `oz` is the fluid ounce retailers mean, not a mass.
        let g = grams.first ?? (millilitres.isEmpty ? ounces.first.map { ($0 * 28.3495 * 10).rounded() / 10 } : nil)
        guard ml != nil || g != nil else {
            // `1.7 / 50`: no units, but an ounce figure beside its millilitre conversion.
            let numbers = tokens.compactMap { AmountText.parseNumber(Substring($0)) }
            let words = tokens.filter { $0.first?.isLetter == true }
            if words.isEmpty, numbers.count == 2, numbers[0] > 0, numbers[1] > numbers[0],
                abs(numbers[0] * 29.5735 - numbers[1]) / numbers[1] < 0.08
            {
                self.init(millilitres: numbers[1], grams: nil)
                return
            }
            return nil
        }
        self.init(millilitres: ml, grams: g)
    }

    /// Reads a retailer's label off a size cell: `Size: 1.7 oz/ 50 mL` is a size, `Size + Concentration: ...`
    /// too; `Color: Fair - Light`, `Shade: ...`, `Scent: Lavender`, `Type: ...` name a variant, not a size.
    ///
    /// - Returns: the text after a size label (or the whole text), and whether it names a shade or variant.
    public static func label(_ text: String) -> (text: String, isShade: Bool) {
        guard let colon = text.firstIndex(of: ":") else { return (text, false) }
        let label = text[..<colon].trimmingWhitespace().lowercased()
        let rest = String(text[text.index(after: colon)...].trimmingWhitespace())
        if ["color", "colour", "shade", "scent", "type", "fragrance", "flavor", "flavour", "finish", "tone"]
            .contains(label)
        {
            return (rest, true)
        }
        if label.hasPrefix("size") || label == "volume" || label == "net wt" || label == "net weight" {
            return (rest, false)
        }
        return (text, false)
    }

    private static func collect(
        _ value: Double, unit: String, next: String?, into millilitres: inout [Double],
        _ grams: inout [Double], _ fluidOunces: inout [Double], _ ounces: inout [Double]
    ) {
        guard value > 0 else { return }
        switch unit {
        case "ml": millilitres.append(value)
        case "l", "litre", "liter", "litres", "liters": millilitres.append(value * 1000)
        case "cl": millilitres.append(value * 10)
        case "g", "gr", "gram", "grams": grams.append(value)
        case "kg": grams.append(value * 1000)
        case "mg": grams.append(value / 1000)
        case "floz": fluidOunces.append(value)
        case "fl": if next == "oz" { fluidOunces.append(value) }
        case "oz": ounces.append(value)
        default: break
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
