import Foundation
import SkinCatalog
import TestSupport
import Testing

/// Value, comparison and similar products on the fixture catalog and on purpose-built pairs
/// (`Fixtures/similar/pairs.csv`).
@Suite("Compare, similar and value")
struct CompareAndValueTests {
    func pairsCatalog() throws -> Catalog {
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: Paths.fixture("similar/pairs.csv"), options: ImportOptions(now: fixedDate))
        return catalog
    }

    @Test("show's value: 58 USD for 30 mL at 4,000 ppm NMN is 1.93 USD per mL and 48.33 USD per 100 mg")
    func productValueByHand() throws {
        let product = try #require(try fixtureCatalog().product(sku: "00101"))
        let value = product.value
        #expect(value.unit == .millilitre)
        #expect(abs((value.perUnit ?? 0) - 58.0 / 30) < 1e-9)
        // 4,000 ppm × 30 mL / 1000 = 120 mg; 58 / 120 × 100 = 48.33.
        let nmn = try #require(value.actives.first { $0.ingredient == "NICOTINAMIDE MONONUCLEOTIDE" })
        #expect(abs(nmn.milligrams - 120) < 1e-9)
        #expect(abs(nmn.per100mg - 58.0 / 120 * 100) < 1e-9)
    }

    @Test("sort by value: cheapest per 100 mg of the compared active first, in one currency, the rest left out")
    func sortByValue() throws {
        let catalog = try fixtureCatalog()
        let order = try catalog.productsByValue(matching: try QueryParser.parse("NMN"))
        #expect(order.currency == "USD")
        #expect(order.ingredient == "NICOTINAMIDE MONONUCLEOTIDE")
        let keys = order.matches.compactMap { $0.value.per100mg(of: "NICOTINAMIDE MONONUCLEOTIDE") }
        #expect(keys.count == order.matches.count)
        #expect(keys == keys.sorted())
        #expect(order.matches.allSatisfy { $0.currency == "USD" })
        #expect(order.matches.first?.sku == "00107")
        let others = order.leftOut.filter { $0.reason != .noValue }
        #expect(!others.isEmpty)
        #expect(others.allSatisfy { $0.match.currency != "USD" })
        // The plain query API puts the left-out products last rather than dropping them.
        let all = try catalog.products(matching: "NMN", sort: QuerySort(parsing: "value"))
        #expect(all.count == order.matches.count + order.leftOut.count)
        #expect(Array(all.prefix(order.matches.count)) == order.matches)
        let reversed = try catalog.productsByValue(matching: try QueryParser.parse("NMN"), descending: true)
        #expect(reversed.matches.first?.sku == order.matches.last?.sku)
    }

    @Test("sort by value without a compared ingredient: price per mL or g")
    func sortByUnitPrice() throws {
        let order = try fixtureCatalog().productsByValue(
            matching: try QueryParser.parse("niacinamide"), currency: "USD")
        let keys = order.matches.compactMap(\.value.perUnit)
        #expect(order.ingredient == "NIACINAMIDE")
        #expect(order.matches.count >= 2)
        #expect(keys.count == order.matches.count)
    }

    @Test("sort by unit-price: per mL or g even when the query names an ingredient; the rows carry the figure")
    func sortByUnitPriceKey() throws {
        let catalog = try fixtureCatalog()
        let order = try catalog.productsByValue(matching: try QueryParser.parse("NMN"), perUnitOnly: true)
        #expect(order.ingredient == nil)
        let keys = order.matches.compactMap(\.value.perUnit)
        #expect(keys.count == order.matches.count)
        #expect(keys == keys.sorted())
        #expect(order.rows.map(\.compared) == keys)
        let text = try ValuedMatch.render(order.rows, as: .table)
        #expect(text.contains("USD per mL"))
        #expect(QuerySort(parsing: "-unit-price") == QuerySort(key: .unitPrice, descending: true))
    }

    @Test("compare: shared and unique by canonical ingredient, scores for the active most list, value ranks")
    func comparison() throws {
        let catalog = try fixtureCatalog()
        let comparison = try catalog.comparison(skus: ["00101", "00107", "00103"])
        #expect(comparison.active == "NMN")
        #expect(comparison.columns.map(\.product.sku) == ["00101", "00107", "00103"])
        #expect(comparison.shared.first == "WATER")
        #expect(comparison.shared.contains("NICOTINAMIDE MONONUCLEOTIDE"))
        #expect(comparison.columns[0].unique.contains("MADECASSOSIDE"))
        #expect(!comparison.columns[1].unique.contains("WATER"))
        #expect(comparison.columns.allSatisfy { $0.score != nil })
        #expect(comparison.valueCurrency == "USD")
        #expect(comparison.columns.map(\.valueRank) == [2, 1, nil])
        #expect(comparison.valueLeftOut.map(\.sku) == ["00103"])
        #expect(comparison.columns[0].actives.first?.source == .declared)
        let table = try ComparisonReport(comparison).render(.table)
        #expect(table.contains("only here"))
        #expect(table.contains("value ranked in USD only; left out, priced otherwise: 00103 (EUR)"))
        let json = try ComparisonReport(comparison).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["products"] as? [[String: Any]])?.first?["sku"] as? String == "00101")
        let markdown = try ComparisonReport(comparison).render(.markdown)
        #expect(markdown.hasPrefix("| field | 00101 | 00107 | 00103 |"))
    }

    @Test func compareUnknownSKU() throws {
        #expect(throws: CatalogError.unknownSKU("nope")) {
            try fixtureCatalog().comparison(skus: ["00101", "nope"])
        }
    }

    @Test("similar: the reformulation ranks above the product sharing only water and glycerin; never the NAD+ decoy")
    func similarPairs() throws {
        let similar = try pairsCatalog().similarProducts(to: "S100")
        #expect(similar.keyActives == ["NICOTINAMIDE MONONUCLEOTIDE"])
        let skus = similar.results.map(\.sku)
        #expect(!skus.contains("S103"), "the NAD+ product is not similar to an NMN one")
        let reformulation = try #require(skus.firstIndex(of: "S101"))
        let waterAndGlycerin = try #require(skus.firstIndex(of: "S102"))
        #expect(reformulation < waterAndGlycerin)
        let close = try #require(similar.results.first { $0.sku == "S101" })
        #expect(close.sharedCount == 18)
        #expect(close.onlyHere == ["CITRIC ACID", "SODIUM CITRATE"])
        let far = try #require(similar.results.first { $0.sku == "S102" })
        #expect(far.sharedTop == ["WATER", "GLYCERIN", "NICOTINAMIDE MONONUCLEOTIDE"])
        #expect(far.similarity < 0.5)
    }

    @Test("similar --cheaper: only cheaper per mL in the same currency")
    func similarCheaper() throws {
        let similar = try pairsCatalog().similarProducts(to: "S100", cheaper: true)
        #expect(Set(similar.results.map(\.sku)) == ["S101", "S102"])
        #expect(similar.notComparable == 1, "S104 is priced in EUR")
        #expect(similar.results.allSatisfy { $0.currency == "USD" && ($0.value.perUnit ?? .infinity) < 40.0 / 30 })
        let limited = try pairsCatalog().similarProducts(to: "S100", limit: 1)
        #expect(limited.results.map(\.sku) == ["S105"])
    }
}
