import FuzzSupport
import SkinDomain

/// Fuzzes the query language: `QueryParser.parse` (lexer and parser) and `QueryExpression.description`.
///
/// The input is the query as typed (invalid UTF-8 becomes U+FFFD).
///
/// Properties checked besides "no crash, no hang":
/// 1. The canonical form round-trips: `parse(description)` succeeds and is equivalent (spans aside) to the first
///    parse, and describing it again gives the same text.
/// 2. The parser never accepts more than `QueryParser.maximumConditions` conditions, nor `not`s nested deeper than
///    `QueryParser.maximumDepth`, so the AST (and the SQL compiled from it) stays small and shallow.
/// 3. Every amount is finite and between 0 and 1,000,000 ppm; every number is finite; a price is at least 0 and its
///    currency, if any, a three-letter uppercase code.
/// 4. An error has a message and a span inside the query (or one past its end), and its diagnostic is three lines:
///    the message, the query, the caret line.
@main
enum FuzzQuery {
    static func main() { runLibFuzzer(fuzzQuery) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = fuzzText(data, count)
    let expression: QueryExpression
    do {
        expression = try QueryParser.parse(text)
    } catch {
        require(!error.message.isEmpty, "an error with no message")
        let span = error.span
        require(
            span.column >= 1 && span.length >= 1 && span.column + span.length - 1 <= text.count + 1,
            "error span \(span) outside 1...\(text.count + 1): \(error.message)")
        require(
            error.diagnostic(for: text).split(separator: "\n", omittingEmptySubsequences: false).count == 3,
            "the diagnostic for \(error.message) is not three lines")
        return 0
    }

    let shape = Shape(expression)
    require(
        shape.conditions <= QueryParser.maximumConditions,
        "accepted \(shape.conditions) conditions, the limit is \(QueryParser.maximumConditions)")
    require(
        shape.negationDepth <= QueryParser.maximumDepth,
        "accepted \(shape.negationDepth) nested nots, the limit is \(QueryParser.maximumDepth)")
    require(shape.valuesInRange, "a number or amount out of range in \(expression)")

    let canonical = expression.description
    let again: QueryExpression
    do {
        again = try QueryParser.parse(canonical)
    } catch {
        fatalError(
            "property broken: \(text.debugDescription) describes as \(canonical.debugDescription), "
                + "which does not parse: \(error.message)")
    }
    require(
        again.isEquivalent(to: expression),
        "\(text.debugDescription) describes as \(canonical.debugDescription), which parses differently")
    require(
        again.description == canonical,
        "\(canonical.debugDescription) describes again as \(again.description.debugDescription)")
    return 0
}

/// What the limits bound: leaf conditions, nested `not`s, and whether every value is in range.
struct Shape {
    var conditions = 0
    var negationDepth = 0
    var valuesInRange = true

    init(_ expression: QueryExpression) { visit(expression, negations: 0) }

    private mutating func visit(_ expression: QueryExpression, negations: Int) {
        switch expression {
        case .and(let left, let right), .or(let left, let right):
            visit(left, negations: negations)
            visit(right, negations: negations)
        case .not(let inner):
            negationDepth = max(negationDepth, negations + 1)
            visit(inner, negations: negations + 1)
        case .amount(_, _, let amount, _):
            conditions += 1
            valuesInRange = valuesInRange && amount.ppm.isFinite && amount.ppm >= 0 && amount.ppm <= 1_000_000
        case .number(_, _, let value, _):
            conditions += 1
            valuesInRange = valuesInRange && value.isFinite
        case .price(_, let value, let currency, _):
            conditions += 1
            valuesInRange =
                valuesInRange && value.isFinite && value >= 0
                && currency.map { $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isUppercase } } != false
        case .undisclosed, .contains, .packaging, .delivery, .text, .position, .onePercentLine, .soldBy, .finding:
            conditions += 1
        }
    }
}
