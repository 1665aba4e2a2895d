/// An amount declared on the label, outside the INCI list: one entry of the `actives` column.
public struct DeclaredActive: Hashable, Sendable, Codable {
    /// The ingredient name as written (`NMN`, `β-NMN`, `Niacinamide`).
    public var name: String
    /// The declared amount, in ppm.
    public var amount: Amount
    /// The entry as written (`NMN 4,000 ppm`).
    public var text: String

    /// A declared active; each argument sets the property of the same name.
    public init(name: String, amount: Amount, text: String) {
        self.name = name
        self.amount = amount
        self.text = text
    }

    /// Parses the `actives` column: `;`-separated entries, each `NAME AMOUNT UNIT`.
    ///
    /// A comma also separates entries when a letter follows it (`NMN 3000 ppm, Niacinamide 4%`); a comma
    /// followed by a digit belongs to a number (`4,000 ppm`, `0,2 %`).
    ///
    /// ```swift
    /// try DeclaredActive.parseList("NMN 4,000 ppm; Niacinamide 5%").map(\.amount.ppm)   // [4000, 50000]
    /// ```
    /// - Throws: ``AmountError`` for the first entry that has no amount, a number that is not a number, an
    ///   unknown unit, or a negative or impossible amount.
    public static func parseList(_ text: String) throws(AmountError) -> [DeclaredActive] {
        var actives: [DeclaredActive] = []
        for part in splitEntries(text) {
            let entry = part.trimmingWhitespace()
            if entry.isEmpty { continue }
            actives.append(try parseEntry(entry))
        }
        return actives
    }

    private static func splitEntries(_ text: String) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            var separates = character == ";" || character.isNewline
            if character == "," {
                let next = text[text.index(after: index)...].first { !$0.isWhitespace }
                separates = next?.isLetter ?? true
            }
            if separates {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts
    }

    static func parseEntry(_ entry: Substring) throws(AmountError) -> DeclaredActive {
        var body = entry
        if body.last == ")", let open = body.lastIndex(of: "(") {  // `Niacinamide (5%)`
            body = body[..<open] + " " + body[body.index(after: open)..<body.index(before: body.endIndex)]
        }
        guard let split = AmountText.splitNumberAndUnit(body) else {
            throw diagnose(body)
        }
        let amount = try AmountText.amount(number: split.number, unit: split.unit, negative: split.negative)
        var name = split.prefix.trimmingWhitespace()
        while let last = name.last, last == ":" || last == "=" || last == "(" || last == "-" {
            name = name.dropLast().trimmingWhitespace()
        }
        guard !name.isEmpty else { throw .missingNumber(String(entry)) }
        return DeclaredActive(name: String(name), amount: amount, text: String(entry))
    }

    /// Says why `NMN lots ppm` or `NMN` has no readable amount.
    private static func diagnose(_ body: Substring) -> AmountError {
        let words = body.split(whereSeparator: \.isWhitespace)
        if words.count >= 3, AmountUnit(label: words[words.count - 1]) != nil {
            return .notANumber(String(words[words.count - 2]))
        }
        if words.count >= 2, let last = words.last, let unitStart = last.firstIndex(where: { !$0.isLetter }),
            AmountUnit(label: last[unitStart...]) != nil
        {
            return .notANumber(String(last[..<unitStart]))
        }
        return .missingNumber(String(body))
    }
}
