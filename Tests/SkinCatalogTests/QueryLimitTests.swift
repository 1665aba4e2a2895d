import Foundation
import SkinDomain
import TestSupport
import Testing

@testable import SkinCatalog

/// Whatever the query parser accepts, SQLite runs. Before chains were written flat and the depth was bounded by
/// what SQLite's parser holds, 21 `not`s or 81 `or`s failed with "database error: parser stack overflow", and a
/// 100 KB name given to `ingredients` with "LIKE or GLOB pattern too complex".
@Suite("Query limits: what parses, runs")
struct QueryLimitTests {
    let catalog: Catalog

    init() throws { catalog = try fixtureCatalog() }

    /// One level of nesting, around the query so far.
    struct Shape: CustomTestStringConvertible, Sendable {
        let name: String
        let wrap: @Sendable (String, Int) -> String
        var testDescription: String { name }
    }

    static let shapes: [Shape] = [
        Shape(name: "not (X or ...)") { inner, _ in "not (\(inner) or niacinamide)" },
        Shape(name: "not (X and ...)") { inner, _ in "not (\(inner) and price < 100)" },
        Shape(name: "alternating") { inner, level in
            level % 2 == 0 ? "not (\(inner) or NMN undisclosed)" : "not (\(inner) and size >= 5)"
        },
        Shape(name: "not not ...") { inner, _ in "not not \(inner)" },
        Shape(name: "((X) or ...)") { inner, _ in "((\(inner)) or brand = \"x\")" },
    ]

    @Test("the deepest nestings the parser accepts run", arguments: shapes)
    func deepestQueriesRun(shape: Shape) throws {
        var query = "NMN >= 1000 ppm"
        var level = 0
        while let next = Optional(shape.wrap(query, level)), (try? QueryParser.parse(next)) != nil {
            query = next
            level += 1
        }
        #expect(level >= 10, "only \(level) levels parse")
        _ = try catalog.products(matching: query)
    }

    @Test("the longest chains of or and and that the parser accepts run; an even number of nots is the condition")
    func longestChainsRun() throws {
        for separator in [" or ", " and "] {
            let query = Array(repeating: "niacinamide", count: QueryParser.maximumConditions)
                .joined(separator: separator)
            #expect(try !catalog.products(matching: query).isEmpty)
        }
        let nots = Array(repeating: "not", count: QueryParser.maximumDepth).joined(separator: " ") + " NMN"
        #expect(
            Set(try catalog.products(matching: nots).map(\.sku))
                == Set(try catalog.products(matching: "NMN").map(\.sku)))
    }

    @Test("listing ingredients by a name of any length: a 100 KB name matches nothing instead of failing")
    func ingredientSearchHasNoPatternLimit() throws {
        #expect(try catalog.ingredients(matching: String(repeating: "a", count: 100_000)).isEmpty)
        #expect(try catalog.ingredients(matching: "nmn").map(\.inciName) == ["NICOTINAMIDE MONONUCLEOTIDE"])
        // % and _ are plain characters, not wildcards.
        #expect(try catalog.ingredients(matching: "%").isEmpty)
        #expect(try catalog.ingredients(matching: "_").isEmpty)
    }
}
