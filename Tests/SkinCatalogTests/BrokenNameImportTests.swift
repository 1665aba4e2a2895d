import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// Issue 16: names a stray comma broke in two are joined again on import, with the list's positions closing up,
/// an amount printed after the second part kept, and the report counting them.
@Suite("Importing lists with names a stray comma broke")
struct BrokenNameImportTests {
    let temporary: TemporaryDirectory

    init() throws { temporary = try TemporaryDirectory() }

    @Test("Hexylene, Glycol is one line at its place; the lines after it keep their order")
    func rejoinedOnImport() throws {
        let path = temporary.url.appendingPathComponent("broken.csv").path
        try Data(
            """
            sku,brand,name,category,ingredients
            b1,Brand,Serum,serum,"Water, Hexylene, Glycol, Cetearyl, Alcohol 2%, Niacinamide, Aquaxyl, Glycerin"

            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: path)
        #expect(report.rejoinedTokens == 2)
        #expect(report.ingredientTokens == 6)
        #expect(report.unresolvedNames.map(\.name) == ["Aquaxyl"])
        let product = try #require(try catalog.product(sku: "b1"))
        let listed = product.ingredients.filter { !$0.mayContain }
        #expect(
            listed.map(\.printedName) == [
                "Water", "Hexylene Glycol", "Cetearyl Alcohol", "Niacinamide", "Aquaxyl", "Glycerin",
            ])
        #expect(listed.map(\.position) == [1, 2, 3, 4, 5, 6])
        #expect(listed[1].inciName == "HEXYLENE GLYCOL")
        #expect(listed[2].inciName == "CETEARYL ALCOHOL")
        #expect(listed[2].amountPpm == 20_000, "the amount printed after the second part is the joined name's")
        #expect(report.details.contains { $0.contains("2 joined again where a stray comma broke the name") })
    }

    @Test("a first part that matches only fuzzily is still joined when the join names an ingredient exactly")
    func fuzzyFirstPartJoined() throws {
        let path = temporary.url.appendingPathComponent("fuzzy.csv").path
        try Data(
            """
            sku,brand,name,category,ingredients
            f1,Brand,Cream,cream,"Water, Tocopheryl, Acetate, Glycerin"

            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: path)
        let product = try #require(try catalog.product(sku: "f1"))
        #expect(product.ingredients.map(\.printedName) == ["Water", "Tocopheryl Acetate", "Glycerin"])
        #expect(product.ingredients.map(\.inciName) == ["WATER", "TOCOPHERYL ACETATE", "GLYCERIN"])
        #expect(report.rejoinedTokens == 1)
    }
}
