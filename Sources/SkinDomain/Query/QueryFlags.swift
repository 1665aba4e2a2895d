/// The flag form of a query, for scripts: `skincat query --ingredient NMN --min 1000ppm --packaging airless`.
///
/// Every flag given is one condition, and the conditions are joined with `and`, in the order of the properties
/// below. The result is the same expression as the sentence that says the same thing:
///
/// ```swift
/// let flags = QueryFlags(ingredient: "NMN", min: "1000ppm", packaging: ["airless"])
/// try flags.expression()!.isEquivalent(to: QueryParser.parse("NMN >= 1000 ppm and packaging = airless"))  // true
/// ```
public struct QueryFlags: Hashable, Sendable {
    /// An ingredient, alias or class (`NMN`, `vitamin B3`, `peptides`). Alone it asks for presence (`contains NMN`).
    public var ingredient: String?
    /// The ingredient's least amount, with a unit (`1000ppm`, `0.1 %`): `NMN >= 1000 ppm`. Needs ``ingredient``.
    public var min: String?
    /// The ingredient's greatest amount, with a unit: `NMN <= 2 %`. Needs ``ingredient``.
    public var max: String?
    /// Ask for products that list ``ingredient`` with no known amount: `NMN undisclosed`.
    public var undisclosed: Bool
    /// Further ingredients or classes that must be present (`peptides`, `centella`).
    public var contains: [String]
    /// Packaging words that must all hold, one condition per flag (`airless`, `clear jar`, `single use`).
    public var packaging: [String]
    /// A delivery system, optionally with its basis (`liposomal`, `declared ferment filtrate`).
    public var delivery: String?
    /// The brand, matched exactly (case-insensitively): `brand = '...'`.
    public var brand: String?
    /// The category, matched exactly (case-insensitively): `category = '...'`.
    public var category: String?
    /// The least price, in the product's own currency: `price >= ...`.
    public var minPrice: Double?
    /// The greatest price, in the product's own currency: `price <= ...`.
    public var maxPrice: Double?

    /// Flags; each argument sets the property of the same name, and by default none is given.
    public init(
        ingredient: String? = nil, min: String? = nil, max: String? = nil, undisclosed: Bool = false,
        contains: [String] = [], packaging: [String] = [], delivery: String? = nil, brand: String? = nil,
        category: String? = nil, minPrice: Double? = nil, maxPrice: Double? = nil
    ) {
        self.ingredient = ingredient
        self.min = min
        self.max = max
        self.undisclosed = undisclosed
        self.contains = contains
        self.packaging = packaging
        self.delivery = delivery
        self.brand = brand
        self.category = category
        self.minPrice = minPrice
        self.maxPrice = maxPrice
    }
}

extension QueryFlags {
    /// The flags as one expression, or nil when no flag is given.
    ///
    /// Spans in the result and in errors point into the value of the flag concerned, and error messages start with
    /// the flag's name: `--min: unknown unit "furlongs" (use ppm, %, mg/g, ug/g, mg/kg or mg/mL)`.
    ///
    /// - Throws: ``QueryError`` for a value that does not read (a unit, packaging word or delivery system), an empty
    ///   ingredient, `--min`/`--max`/`--undisclosed` without `--ingredient`, or a negative or non-finite price.
    public func expression() throws(QueryError) -> QueryExpression? {
        var conditions: [QueryExpression] = []
        if let ingredient {
            let phrase = try Self.phrase(ingredient, flag: "--ingredient")
            if undisclosed {
                if min != nil || max != nil {
                    throw QueryError(
                        message: "--undisclosed cannot be combined with --min or --max",
                        span: QuerySpan(column: 1, length: 1))
                }
                conditions.append(.undisclosed(phrase))
            } else if min == nil && max == nil {
                conditions.append(.contains(phrase))
            }
            if let min { conditions.append(try Self.amount(min, flag: "--min", comparison: .greaterOrEqual, phrase)) }
            if let max { conditions.append(try Self.amount(max, flag: "--max", comparison: .lessOrEqual, phrase)) }
        } else if min != nil || max != nil || undisclosed {
            let flag = min != nil ? "--min" : max != nil ? "--max" : "--undisclosed"
            throw QueryError(
                message: "\(flag) needs --ingredient to say which ingredient", span: QuerySpan(column: 1, length: 1))
        }
        for name in contains { conditions.append(.contains(try Self.phrase(name, flag: "--contains"))) }
        for words in packaging {
            let tokens = try Self.words(words, flag: "--packaging")
            do throws(QueryError) {
                conditions.append(.packaging(try Parser.packaging(strict: tokens), span: Self.span(of: words)))
            } catch {
                throw Self.prefixed(error, flag: "--packaging")
            }
        }
        if let delivery {
            var tokens = try Self.words(delivery, flag: "--delivery")
            let basis = tokens.first?.lowercasedWord.flatMap(DeliveryBasis.init(rawValue:))
            if basis != nil, tokens.count > 1 { tokens.removeFirst() }
            do throws(QueryError) {
                conditions.append(.delivery(try Parser.deliverySystem(tokens), basis, span: Self.span(of: delivery)))
            } catch {
                throw Self.prefixed(error, flag: "--delivery")
            }
        }
        if let brand { conditions.append(.text(.brand, .equals, brand, span: Self.span(of: brand))) }
        if let category { conditions.append(.text(.category, .equals, category, span: Self.span(of: category))) }
        if let minPrice { conditions.append(try Self.price(minPrice, flag: "--min-price", .greaterOrEqual)) }
        if let maxPrice { conditions.append(try Self.price(maxPrice, flag: "--max-price", .lessOrEqual)) }

        if conditions.count > QueryParser.maximumConditions {
            throw QueryError(
                message: "the flags make more than \(QueryParser.maximumConditions) conditions",
                span: QuerySpan(column: 1, length: 1))
        }
        guard var expression = conditions.first else { return nil }
        for condition in conditions.dropFirst() { expression = .and(expression, condition) }
        return expression
    }

    private static func span(of value: String) -> QuerySpan {
        QuerySpan(column: 1, length: Swift.max(1, value.count))
    }

    /// The name with its words joined by one space, as the parser would read it.
    private static func phrase(_ text: String, flag: String) throws(QueryError) -> Phrase {
        let words = text.split(whereSeparator: QueryLexer.isSeparator)
        guard !words.isEmpty else {
            throw QueryError(message: "\(flag) needs an ingredient name", span: QuerySpan(column: 1, length: 1))
        }
        return Phrase(text: words.joined(separator: " "), span: span(of: text))
    }

    private static func amount(
        _ text: String, flag: String, comparison: Comparison, _ phrase: Phrase
    ) throws(QueryError) -> QueryExpression {
        do throws(QueryError) {
            var parser = Parser(tokens: try QueryLexer.tokens(in: text))
            let comparator = QueryToken(
                kind: .comparator(comparison), span: QuerySpan(column: 1, length: 1), written: flag)
            let (amount, valueSpan) = try parser.amountValue(after: comparator)
            guard parser.current.isEnd else {
                throw QueryError(
                    message: "unexpected \(parser.current.quotedForMessage) after the amount", span: parser.current.span
                )
            }
            return .amount(phrase, comparison, amount, valueSpan: valueSpan)
        } catch {
            throw prefixed(error, flag: flag)
        }
    }

    /// The words of a flag's value; quotes, comparators and parentheses are not words here.
    private static func words(_ text: String, flag: String) throws(QueryError) -> [QueryToken] {
        do throws(QueryError) {
            let tokens = try QueryLexer.tokens(in: text).filter { !$0.isEnd }
            if let other = tokens.first(where: { !$0.isWord }) {
                throw QueryError(message: "unexpected \(other.quotedForMessage)", span: other.span)
            }
            guard !tokens.isEmpty else {
                throw QueryError(message: "empty value", span: QuerySpan(column: 1, length: 1))
            }
            return tokens
        } catch {
            throw prefixed(error, flag: flag)
        }
    }

    private static func price(_ value: Double, flag: String, _ comparison: Comparison) throws(QueryError)
        -> QueryExpression
    {
        guard value.isFinite, value >= 0 else {
            throw QueryError(
                message: "\(flag) needs a price of zero or more, not \(value)", span: QuerySpan(column: 1, length: 1))
        }
        return .price(comparison, value, currency: nil, span: QuerySpan(column: 1, length: 1))
    }

    private static func prefixed(_ error: QueryError, flag: String) -> QueryError {
        var error = error
        error.message = "\(flag): \(error.message)"
        return error
    }
}
