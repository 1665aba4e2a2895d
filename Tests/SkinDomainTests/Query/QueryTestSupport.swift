import Testing

@testable import SkinDomain

/// Builders for expected expressions; spans are zero, so compare with `withoutSpans`.
enum Expect {
    static let noSpan = QuerySpan(column: 0, length: 0)

    static func phrase(_ text: String) -> Phrase { Phrase(text: text, span: noSpan) }

    static func amount(_ name: String, _ comparison: Comparison, _ ppm: Double, approximate: Bool = false)
        -> QueryExpression
    {
        .amount(phrase(name), comparison, Amount(ppm: ppm, isApproximate: approximate), valueSpan: noSpan)
    }

    static func contains(_ name: String) -> QueryExpression { .contains(phrase(name)) }
    static func undisclosed(_ name: String) -> QueryExpression { .undisclosed(phrase(name)) }
    static func packaging(_ packaging: Packaging) -> QueryExpression { .packaging(packaging, span: noSpan) }

    static func delivery(_ system: DeliverySystem, _ basis: DeliveryBasis? = nil) -> QueryExpression {
        .delivery(system, basis, span: noSpan)
    }

    static func text(_ field: TextField, _ match: TextMatch, _ value: String) -> QueryExpression {
        .text(field, match, value, span: noSpan)
    }

    static func number(_ field: NumberField, _ comparison: Comparison, _ value: Double) -> QueryExpression {
        .number(field, comparison, value, span: noSpan)
    }

    static func price(_ comparison: Comparison, _ value: Double, _ currency: String? = nil) -> QueryExpression {
        .price(comparison, value, currency: currency, span: noSpan)
    }

    static func soldBy(_ name: String) -> QueryExpression { .soldBy(phrase(name)) }
}

/// A query and the expression it must parse to.
struct ParseCase: CustomTestStringConvertible, Sendable {
    let query: String
    let expected: QueryExpression
    init(_ query: String, _ expected: QueryExpression) {
        self.query = query
        self.expected = expected
    }
    var testDescription: String { query }
}

/// A query and the error it must raise.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    let query: String
    let message: String
    let column: Int
    var length = 1
    var suggestion: String? = nil
    var testDescription: String { query.isEmpty ? "(empty)" : query }
}
