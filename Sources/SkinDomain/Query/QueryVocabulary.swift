/// The words the query language knows, in one place (keywords, filler, units, packaging and delivery names).
enum QueryVocabulary {
    /// Words that end a phrase and join conditions.
    static let operators: Set<String> = ["and", "or", "not", "without"]

    /// The side of the 1 % line a word names: `above` / `before` (true), `below` / `after` (false).
    static let lineSides: [String: Bool] = ["above": true, "before": true, "below": false, "after": false]

    /// Prefixes that say "the product has ...": `contains X`, `with X`, `in airless packaging`.
    static let presence: Set<String> = [
        "contains", "contain", "containing", "with", "has", "have", "having", "including", "includes", "in",
    ]

    /// Words after a text field that mean a substring match: `name contains glow`.
    static let containsMatch: Set<String> = ["contains", "contain", "containing"]

    /// Leading verbs of the filler (`find`, `show me`, `search for`, ...), mapped to an optional second word.
    static let fillerLeads: [String: String?] = [
        "find": nil, "show": "me", "list": nil, "search": "for", "which": nil, "what": nil, "get": nil,
    ]
    static let fillerNouns: Set<String> = ["products", "product", "items"]
    static let fillerRelatives: Set<String> = ["that", "which", "where", "whose"]
    static let fillerVerbs: Set<String> = ["contain", "contains", "have", "has", "are", "is"]

    /// The units of an amount, for messages and suggestions (any label ``AmountUnit/init(label:)`` reads works).
    static let unitNames = ["ppm", "%", "percent", "mg/g", "ug/g", "µg/g", "mcg/g", "mg/kg", "mg/mL"]
    static let unitHint = "(use ppm, %, mg/g, ug/g, mg/kg or mg/mL)"

    static let sizeUnits: [String: NumberField] = ["ml": .sizeMl, "g": .sizeG]

    /// Currency signs written with a price (`$30`, `30 €`) and the codes they stand for, as an import reads them.
    static let currencySigns: [Character: String] = ["$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"]
    static let currencyHint = "(use a three-letter code such as USD or EUR, or $, €, £, ¥ or ₩)"
    /// The codes offered as "did you mean" for a misspelt currency.
    static let commonCurrencies = ["USD", "EUR", "GBP", "JPY", "KRW", "CAD", "AUD", "CHF", "CNY", "SEK"]

    /// The currency code a sign or a three-letter code names (`$` is `USD`, `eur` is `EUR`), or nil.
    static func currency(_ text: some StringProtocol) -> String? {
        if text.count == 1, let sign = text.first, let code = currencySigns[sign] { return code }
        guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return text.uppercased()
    }

    /// Words that mark a packaging phrase: `airless packaging`, `packaging = airless`, `packaged in clear jars`.
    static let packagingKeywords: Set<String> = ["packaging", "packaged", "package"]

    /// Packaging words, lowercased, multi-word spellings joined by `-` (`single use` is `single-use`).
    static let packagingWords: [String: Packaging] = {
        var words: [String: Packaging] = [:]
        for (name, attribute) in Packaging.named { words[name] = attribute }
        let variants: [String: Packaging] = [
            "lightprotective": .lightProtective, "light-protected": .lightProtective,
            "singleuse": .singleUse, "single-dose": .singleUse,
            "jars": .jar, "pumps": .pump, "droppers": .dropper, "tubes": .tube,
            "screwcap": .screwCap, "screw-top": .screwCap, "screwtop": .screwCap, "screw-caps": .screwCap,
            "screw-lid": .screwCap,
        ]
        words.merge(variants) { first, _ in first }
        return words
    }()
    static let packagingHint = "(use " + naturalList(Packaging.named.map(\.name)) + ")"

    /// Delivery systems, lowercased, words joined by `-`.
    static let deliveryWords: [String: DeliverySystem] = [
        "liposomal": .liposomal, "liposome": .liposomal, "liposomes": .liposomal,
        "liposomal-encapsulation": .liposomal,
        "ferment-filtrate": .fermentFiltrate, "ferment-filtrates": .fermentFiltrate, "fermented": .fermentFiltrate,
        "fermented-filtrate": .fermentFiltrate, "ferment": .fermentFiltrate,
        "peptide-carrier": .peptideCarrier, "peptide-carriers": .peptideCarrier, "carrier-peptide": .peptideCarrier,
        "carrier-peptides": .peptideCarrier,
    ]
    static let deliveryHint = "(use " + naturalList(DeliverySystem.allCases.sorted().map(\.rawValue)) + ")"

    /// A bare word that can only mean a delivery system (liposomes never appear as an INCI name).
    static let bareDeliveryWords: Set<String> = ["liposomal", "liposome", "liposomes"]

    /// `a, b or c`.
    static func naturalList(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + last
    }
}
