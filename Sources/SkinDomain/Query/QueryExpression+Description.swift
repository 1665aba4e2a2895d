extension QueryExpression: CustomStringConvertible {
    /// The canonical form of the query, which ``QueryParser/parse(_:)`` reads back to the same expression.
    ///
    /// Keywords and units are lowercase ASCII, amounts are in ppm (mg/mL amounts stay in mg/mL, which are
    /// approximate), text values are single-quoted with a quote doubled (`'it''s'`), and a phrase is quoted only
    /// when it would otherwise read differently. Parentheses appear only where precedence needs them.
    ///
    /// ```swift
    /// try QueryParser.parse("products with NMN ≥1000 PPM and airless packaging").description
    /// // "NMN >= 1000 ppm and packaging = airless"
    /// try QueryParser.parse("niacinamide >= 4% and not clear jar").description
    /// // "niacinamide >= 40000 ppm and packaging != clear jar"
    /// ```
    public var description: String { rendered(level: 1) }

    /// `level` is the binding of the context: 1 inside `or`, 2 inside `and`, 3 under `not`.
    private func rendered(level: Int) -> String {
        switch self {
        case .or(let left, let right):
            let text = "\(left.rendered(level: 1)) or \(right.rendered(level: 2))"
            return level > 1 ? "(\(text))" : text
        case .and(let left, let right):
            let text = "\(left.rendered(level: 2)) and \(right.rendered(level: 3))"
            return level > 2 ? "(\(text))" : text
        case .not(.packaging(let packaging, _)):
            return "packaging != \(Self.words(of: packaging))"
        case .not(.delivery(let system, let basis, _)):
            return "delivery != \(Self.words(of: system, basis))"
        case .not(let inner):
            return "not \(inner.rendered(level: 3))"
        case .amount(let phrase, let comparison, let amount, _):
            return "\(Self.subject(phrase, as: .amount)) \(comparison.rawValue) \(Self.written(amount))"
        case .undisclosed(let phrase):
            return Self.subject(phrase, as: .undisclosed)
        case .contains(let phrase):
            return Self.subject(phrase, as: .contains)
        case .packaging(let packaging, _):
            return "packaging = \(Self.words(of: packaging))"
        case .delivery(let system, let basis, _):
            return "delivery = \(Self.words(of: system, basis))"
        case .text(let field, let match, let value, _):
            let operation =
                switch match {
                case .equals: "="
                case .notEquals: "!="
                case .contains: "contains"
                }
            return "\(field.rawValue) \(operation) \(Self.quoted(value))"
        case .number(let field, let comparison, let value, _):
            let unit =
                switch field {
                case .size: ""
                case .sizeMl: " ml"
                case .sizeG: " g"
                }
            return "size \(comparison.rawValue) \(Self.written(value))\(unit)"
        case .price(let comparison, let value, let currency, _):
            return "price \(comparison.rawValue) \(Self.written(value))" + (currency.map { " \($0)" } ?? "")
        case .soldBy(let name):
            return "sold by \(Self.sourceName(name.text))"
        case .position(let phrase, let comparison, let value, _):
            return "\(Self.subject(phrase, as: .amount)) position \(comparison.rawValue) \(value)"
        case .onePercentLine(let phrase, let above, _):
            return "\(Self.subject(phrase, as: .amount)) \(above ? "above" : "below") the 1% line"
        case .finding(let kind, _):
            return "audit = \(kind.rawValue)"
        }
    }

    private enum SubjectForm { case contains, amount, undisclosed }

    /// The phrase bare when it reads back as the same phrase in its place, else quoted.
    private static func subject(_ phrase: Phrase, as form: SubjectForm) -> String {
        let text = phrase.text
        let probe =
            switch form {
            case .contains: "contains \(text)"
            case .amount: "\(text) >= 1 ppm"
            case .undisclosed: "\(text) undisclosed"
            }
        var bare = false
        if !text.isEmpty, let parsed = try? QueryParser.parse(probe) {
            switch (form, parsed) {
            case (.contains, .contains(let read)), (.amount, .amount(let read, _, _, _)),
                (.undisclosed, .undisclosed(let read)):
                bare = read.text == text
            default:
                bare = false
            }
        }
        switch form {
        case .contains: return "contains \(bare ? text : quotedPhrase(text))"
        case .amount: return bare ? text : quotedPhrase(text)
        case .undisclosed: return bare ? "\(text) undisclosed" : "\(quotedPhrase(text)) = undisclosed"
        }
    }

    /// A source name bare when `sold by` reads it back as the same name (one word that is not an operator), else
    /// quoted.
    private static func sourceName(_ text: String) -> String {
        if !text.isEmpty, case .soldBy(let read)? = try? QueryParser.parse("sold by \(text)"), read.text == text {
            return text
        }
        return quotedPhrase(text)
    }

    /// `'text'`, with each `'` doubled.
    static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }

    /// A phrase quoted as by ``quoted(_:)``, with a tab between a quote and a character that would join it into one
    /// `Character` (a combining mark after the opening quote, a prepended mark before the closing one), which the
    /// lexer would then not read as a quote. The parser trims whitespace from a quoted phrase, so the tab reads back
    /// as nothing; a tab is a control character, which never joins the characters beside it.
    private static func quotedPhrase(_ text: String) -> String {
        let escaped = text.replacing("'", with: "''")
        let length = escaped.count
        let lead = ("'" + escaped).count == length + 1 ? "" : "\t"
        let trail = (escaped + "'").count == length + 1 ? "" : "\t"
        return "'" + lead + escaped + trail + "'"
    }

    /// The order in which packaging words read naturally: adjectives, then the container.
    private static let packagingOrder: [Packaging] = [
        .clear, .opaque, .lightProtective, .singleUse, .airless, .screwCap, .jar, .pump, .dropper, .tube,
    ]

    private static func words(of packaging: Packaging) -> String {
        packagingOrder.filter(packaging.contains).compactMap { attribute in
            Packaging.named.first { $0.attribute == attribute }?.name
        }.joined(separator: " ")
    }

    private static func words(of system: DeliverySystem, _ basis: DeliveryBasis?) -> String {
        (basis.map { "\($0.rawValue) " } ?? "") + system.rawValue
    }

    private static func written(_ amount: Amount) -> String {
        amount.isApproximate
            ? "\(written(amount.ppm / AmountUnit.mgPerMl.ppmFactor)) mg/mL" : "\(written(amount.ppm)) ppm"
    }

    /// A number in plain decimal notation (never `1e+20`), which ``AmountText/parseNumber(_:)`` reads back.
    static func written(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if abs(value) < 1e15, let whole = Int64(exactly: value) { return String(whole) }
        let text = "\(value)"
        guard let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
            let exponent = Int(text[text.index(after: exponentIndex)...].replacing("+", with: ""))
        else { return text }
        var mantissa = text[..<exponentIndex]
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integer = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        let digits = String(integer + fraction)
        let point = integer.count + exponent
        var plain: String
        if point <= 0 {
            plain = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            plain = digits + String(repeating: "0", count: point - digits.count)
        } else {
            plain = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        }
        if plain.contains(".") {
            while plain.hasSuffix("0") { plain.removeLast() }
            if plain.hasSuffix(".") { plain.removeLast() }
        }
        return (negative ? "-" : "") + plain
    }
}
