/// Where a piece of a query was written: a 1-based column counted in `Character`s (grapheme clusters) and a length.
///
/// For an error at the end of the input the column is one past the last character (`count + 1`) and the length 1.
public struct QuerySpan: Hashable, Sendable {
    /// The 1-based column of the first character, counted in `Character`s.
    public var column: Int
    /// How many `Character`s the span covers.
    public var length: Int

    /// A span of `length` characters from the 1-based `column`.
    public init(column: Int, length: Int) {
        self.column = column
        self.length = length
    }

    /// The span from the start of `self` to the end of `other`.
    func through(_ other: QuerySpan) -> QuerySpan {
        QuerySpan(column: column, length: max(length, other.column + other.length - column))
    }

    /// A placeholder used when spans do not matter (``QueryExpression/withoutSpans``).
    static let none = QuerySpan(column: 0, length: 0)
}

/// A comparison operator, written in ASCII in the canonical form (`≥`, `≤` and `≠` are read too, and `==` as `=`).
public enum Comparison: String, Hashable, Sendable, CaseIterable {
    /// `<`: strictly below the value.
    case lessThan = "<"
    /// `<=` (or `≤`): at most the value.
    case lessOrEqual = "<="
    /// `=` (or `==`): exactly the value.
    case equal = "="
    /// `!=` (or `≠`): anything but the value.
    case notEqual = "!="
    /// `>=` (or `≥`): at least the value.
    case greaterOrEqual = ">="
    /// `>`: strictly above the value.
    case greaterThan = ">"
}

/// A run of words naming an ingredient, an ingredient class, or a value, as written (words joined by one space).
///
/// `nicotinamide mononucleotide`, `vitamin B3`, `NAD+ precursors`, `β-NMN`, `1,2-hexanediol`; a quoted phrase keeps
/// its text exactly (`contains "1,2-hexanediol"`).
public struct Phrase: Hashable, Sendable {
    /// The words as written, joined by one space; the text between the quotes for a quoted phrase.
    public var text: String
    /// Where the phrase was written (including the quotes of a quoted phrase).
    public var span: QuerySpan

    /// A phrase of `text`, written at `span`.
    public init(text: String, span: QuerySpan) {
        self.text = text
        self.span = span
    }
}

/// A product field compared as text (case-insensitively, by the compiler).
public enum TextField: String, Hashable, Sendable, CaseIterable {
    /// The product's stock-keeping unit, brand, name, category, or the ISO currency code of its price; the raw
    /// value is the name a query uses (`brand = 'Pfect-A'`).
    case sku, brand, name, category, currency
}

/// How a text field is compared with its value; the compiler compares case-insensitively.
public enum TextMatch: Hashable, Sendable {
    /// `brand = 'Pfect-A'`
    case equals
    /// `brand != 'Pfect-A'`
    case notEquals
    /// `name contains glow`
    case contains
}

/// A product field compared as a number (prices are ``QueryExpression/price(_:_:currency:span:)``).
public enum NumberField: String, Hashable, Sendable {
    /// `size >= 30 ml`
    case sizeMl
    /// `size >= 50 g`
    case sizeG
    /// `size >= 30`: a size in mL or g, whichever the product uses.
    case size
}

/// A parsed query: what ``QueryParser/parse(_:)`` returns and the store compiles to SQL.
///
/// The parser only reads the text; whether a phrase names a known ingredient, alias or class is decided by the
/// compiler, against the ingredient dictionary. Spans point back into the query for error messages; compare two
/// expressions regardless of spans with ``isEquivalent(to:)``.
///
/// ```swift
/// let query = try QueryParser.parse("products with NMN ≥1000 PPM and airless packaging")
/// query.description   // "NMN >= 1000 ppm and packaging = airless"
/// ```
public indirect enum QueryExpression: Hashable, Sendable {
    /// Both hold.
    case and(QueryExpression, QueryExpression)
    /// Either holds.
    case or(QueryExpression, QueryExpression)
    /// The expression does not hold.
    case not(QueryExpression)
    /// `NMN >= 1000 ppm`, `with NMN ≥1000 PPM`, `niacinamide >= 4%`: an ingredient's amount compared with a value in
    /// ppm. Matches only products whose amount is known.
    case amount(Phrase, Comparison, Amount, valueSpan: QuerySpan)
    /// `NMN undisclosed`, `NMN amount undisclosed`, `NMN = undisclosed`, `undisclosed NMN`: listed with no known
    /// amount.
    case undisclosed(Phrase)
    /// `contains X`, `with X`, `has X`, or a bare phrase such as `peptides`, `centella`, `NAD+ precursors`,
    /// `ferment filtrate`: the ingredient or class is present. The compiler decides whether the phrase is an
    /// ingredient alias or a class.
    case contains(Phrase)
    /// `airless packaging`, `packaging = airless`, bare `airless`, `clear jar` (all attributes must hold);
    /// `packaging != jar` is `.not(.packaging(...))`.
    case packaging(Packaging, span: QuerySpan)
    /// `delivery = liposomal`, `liposomal delivery`, `delivery = ferment filtrate`, `delivery = peptide carrier`;
    /// with an optional basis: `delivery = declared liposomal`, `inferred liposomal delivery`.
    case delivery(DeliverySystem, DeliveryBasis?, span: QuerySpan)
    /// `brand = 'Pfect-A'`, `category = serum`, `name contains glow`, `brand != "X"`. The value is kept literally.
    case text(TextField, TextMatch, String, span: QuerySpan)
    /// `size >= 30 ml` (``NumberField/sizeMl``), `size >= 50 g` (``NumberField/sizeG``), `size >= 30`
    /// (``NumberField/size``).
    case number(NumberField, Comparison, Double, span: QuerySpan)
    /// `price <= 40`, `price < $30`, `price <= 30 USD`, `price <= €25`: the cheapest offer a source still lists for
    /// the product, in the currency asked (an uppercase code: `$` is `USD`, `€` `EUR`, `£` `GBP`, `¥` `JPY`, `₩`
    /// `KRW`), or with none (`nil`) in the product's own currency. A product with no such offer has no price here.
    case price(Comparison, Double, currency: String?, span: QuerySpan)
    /// `sold by sephora`, `sold by "boots uk"`: a source still lists the product. The name is compared
    /// case-insensitively by the compiler, which knows the catalog's sources; the phrase's span is the name's.
    case soldBy(Phrase)
    /// `niacinamide position <= 3`, `niacinamide in the top 5` (position <= 5): the ingredient's place in the printed
    /// list (its first listing outside may-contain).
    case position(Phrase, Comparison, Int, valueSpan: QuerySpan)
    /// `niacinamide above the 1% line` (`above` true; also `before the 1% line`): listed before a line known to be at
    /// or under 1 % (a printed or declared amount, or an annex cap for the product's use), so likely over 1 %;
    /// `niacinamide below the 1% line` (also `after`): listed after such a line, so at or under 1 %. A list with no
    /// known 1 % line matches neither (``ListOrderBounds``).
    case onePercentLine(Phrase, above: Bool, span: QuerySpan)
    /// `audit = headline-trace`, `has finding same-formula`: the label audit finds that kind of finding on the product
    /// (`audit != X`, `not has finding X`: it does not). The compiler runs the audit over the catalog once per query
    /// (docs/label-audit.md says what it costs).
    case finding(AuditFinding.Kind, span: QuerySpan)
}

extension QueryExpression {
    /// The same expression with every span set to zero, so that two parses of differently written queries compare
    /// equal when they mean the same thing.
    public var withoutSpans: QueryExpression {
        switch self {
        case .and(let left, let right): .and(left.withoutSpans, right.withoutSpans)
        case .or(let left, let right): .or(left.withoutSpans, right.withoutSpans)
        case .not(let inner): .not(inner.withoutSpans)
        case .amount(let phrase, let comparison, let amount, _):
            .amount(Phrase(text: phrase.text, span: .none), comparison, amount, valueSpan: .none)
        case .undisclosed(let phrase): .undisclosed(Phrase(text: phrase.text, span: .none))
        case .contains(let phrase): .contains(Phrase(text: phrase.text, span: .none))
        case .packaging(let packaging, _): .packaging(packaging, span: .none)
        case .delivery(let system, let basis, _): .delivery(system, basis, span: .none)
        case .text(let field, let match, let value, _): .text(field, match, value, span: .none)
        case .number(let field, let comparison, let value, _): .number(field, comparison, value, span: .none)
        case .price(let comparison, let value, let currency, _):
            .price(comparison, value, currency: currency, span: .none)
        case .soldBy(let name): .soldBy(Phrase(text: name.text, span: .none))
        case .position(let phrase, let comparison, let value, _):
            .position(Phrase(text: phrase.text, span: .none), comparison, value, valueSpan: .none)
        case .onePercentLine(let phrase, let above, _):
            .onePercentLine(Phrase(text: phrase.text, span: .none), above: above, span: .none)
        case .finding(let kind, _): .finding(kind, span: .none)
        }
    }

    /// Whether two expressions are the same query, ignoring where their parts were written.
    ///
    /// ```swift
    /// try QueryParser.parse("with NMN ≥1000 PPM").isEquivalent(to: QueryParser.parse("NMN >= 1000 ppm"))  // true
    /// ```
    public func isEquivalent(to other: QueryExpression) -> Bool {
        withoutSpans == other.withoutSpans
    }

    /// Whether some price comparison names no currency (`price <= 30`, `under 30`): it then compares in each
    /// product's own currency, which mixes currencies in a catalog that holds several.
    public var comparesPriceWithoutCurrency: Bool {
        switch self {
        case .and(let left, let right), .or(let left, let right):
            left.comparesPriceWithoutCurrency || right.comparesPriceWithoutCurrency
        case .not(let inner): inner.comparesPriceWithoutCurrency
        case .price(_, _, let currency, _): currency == nil
        default: false
        }
    }

    /// How many leaf conditions the expression has.
    var conditionCount: Int {
        switch self {
        case .and(let left, let right), .or(let left, let right): left.conditionCount + right.conditionCount
        case .not(let inner): inner.conditionCount
        default: 1
        }
    }
}
