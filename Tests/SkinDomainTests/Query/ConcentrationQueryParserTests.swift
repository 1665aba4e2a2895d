import Testing

@testable import SkinDomain

@Suite("Query terms for the list's order (issue 15)")
struct ConcentrationQueryParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var query: String
        var canonical: String
        var testDescription: String { query }
    }

    @Test(
        "position, top and the 1 % line read as their canonical form",
        arguments: [
            Case(query: "niacinamide position <= 3", canonical: "niacinamide position <= 3"),
            Case(query: "niacinamide position ≤ 3", canonical: "niacinamide position <= 3"),
            Case(query: "niacinamide in the top 5", canonical: "niacinamide position <= 5"),
            Case(query: "with niacinamide in top 5", canonical: "niacinamide position <= 5"),
            Case(query: "niacinamide above the 1% line", canonical: "niacinamide above the 1% line"),
            Case(query: "niacinamide before the 1 % line", canonical: "niacinamide above the 1% line"),
            Case(query: "vitamin B3 below the 1% line", canonical: "vitamin B3 below the 1% line"),
            Case(
                query: "niacinamide above the 1% line and airless",
                canonical: "niacinamide above the 1% line and packaging = airless"),
        ])
    func canonical(_ item: Case) throws {
        #expect(try QueryParser.parse(item.query).description == item.canonical)
        // The canonical form reads back to the same query.
        #expect(try QueryParser.parse(item.canonical).isEquivalent(to: QueryParser.parse(item.query)))
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        var query: String
        var message: String
        var column: Int
        var testDescription: String { query }
    }

    @Test(
        "mistakes are reported at their column",
        arguments: [
            Failure(
                query: "niacinamide above the 2% line",
                message: "only the 1 % line is known from list order; write \"niacinamide above the 1% line\"",
                column: 19),
            Failure(
                query: "niacinamide position <= first",
                message: "expected a list position such as 3 after \"<=\", found \"first\"", column: 25),
            Failure(
                query: "niacinamide position >= 0",
                message: "expected a list position such as 3 after \">=\", found \"0\"", column: 25),
            Failure(
                query: "niacinamide in the top five",
                message: "expected a number of ingredients after \"top\", as in \"niacinamide in the top 5\"",
                column: 24),
        ])
    func failures(_ item: Failure) {
        #expect {
            _ = try QueryParser.parse(item.query)
        } throws: { error in
            guard let error = error as? QueryError else { return false }
            return error.message == item.message && error.span.column == item.column
        }
    }
}
