import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// Issue 14: one output layer. Each result declares its columns once; the table, CSV and TSV print them, JSON comes
/// from the result's Codable form, and every column shows a key its JSON objects carry.
@Suite("Output layer: columns declared once, JSON keys are the Codable keys")
struct OutputLayerTests {
    /// The fixture catalog with verdicts planted on dimethicone, a user alias, and a second source listing the
    /// first product under a near name (a merge to review).
    static func catalog() throws -> Catalog {
        let catalog = try fixtureCatalog()
        for sku in IngredientPatternCatalogTests.failedWithDimethicone {
            try catalog.addVerdict(.failed, sku: sku, reason: .breakout, at: fixedDate)
        }
        for sku in IngredientPatternCatalogTests.workedWithout {
            try catalog.addVerdict(.worked, sku: sku, at: fixedDate)
        }
        _ = try catalog.addUserAlias("my niacin", inci: "NIACINAMIDE")
        return catalog
    }

    /// Every column key of `rows` is a key of each row's JSON object.
    static func expectColumnKeysInJSON<Row: TabularResult>(
        _ rows: [Row], _ name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(!rows.isEmpty, "\(name): no rows to check", sourceLocation: sourceLocation)
        let columns = Row.columns(for: rows)
        for row in rows {
            guard case .object(let members) = try JSONValue(encoding: row) else {
                Issue.record("\(name): a row's JSON is not an object", sourceLocation: sourceLocation)
                continue
            }
            let keys = Set(members.map(\.0))
            #expect(keys.count == members.count, "\(name): a key is written twice", sourceLocation: sourceLocation)
            for column in columns {
                #expect(
                    keys.contains(column.key),
                    "\(name): column \"\(column.header)\" shows \(column.key), which its JSON lacks: \(keys.sorted())",
                    sourceLocation: sourceLocation)
            }
        }
    }

    @Test("every result's column keys are keys of its JSON objects")
    func columnKeysAreJSONKeys() throws {
        let catalog = try Self.catalog()
        try Self.expectColumnKeysInJSON(try catalog.products(matching: "niacinamide >= 2%"), "query")
        try Self.expectColumnKeysInJSON(try catalog.ingredients(), "ingredients")
        try Self.expectColumnKeysInJSON(try catalog.unresolvedIngredients(suggestions: 2), "ingredients --unresolved")
        try Self.expectColumnKeysInJSON(try catalog.studies(), "studies")
        try Self.expectColumnKeysInJSON(try catalog.sources(), "sources")
        try Self.expectColumnKeysInJSON(try catalog.verdicts(), "verdict list")
        try Self.expectColumnKeysInJSON(try catalog.userAliases(), "dictionary alias list")
        let ranked = try catalog.ranking(RankingOptions(active: "niacinamide"))
        try Self.expectColumnKeysInJSON(ranked.map(RankingRecord.init), "rank")
        let analysis = try catalog.ingredientPatterns()
        try Self.expectColumnKeysInJSON(
            analysis.associations.map { AssociationRecord($0, profile: analysis.profile) }, "analyze")
        let recommendations = try catalog.recommendations(
            RecommendationOptions(profile: "default", ranking: RankingOptions(active: "niacinamide")))
        try Self.expectColumnKeysInJSON(PatternReport.recommendationRecords(recommendations), "recommend")
        let merges = [
            MergeDecision(
                decision: "review", offer: "b:1", brand: "Acme", name: "Serum", product: nil, productName: nil,
                similarity: nil, reason: "no list to compare")
        ]
        try Self.expectColumnKeysInJSON(merges, "merges")
    }

    @Test("a product result's JSON is flat: the summary's keys at the top level, first, and it decodes back")
    func productSummaryIsFlat() throws {
        let catalog = try fixtureCatalog()
        let match = try #require(try catalog.products(matching: "niacinamide >= 2%").first)
        guard case .object(let members) = try JSONValue(encoding: match) else {
            Issue.record("not an object")
            return
        }
        #expect(Array(members.map(\.0).prefix(6)) == ["sku", "brand", "name", "category", "price", "currency"])
        #expect(!members.contains { $0.0 == "product" })
        let data = try JSONEncoder().encode(match)
        #expect(try JSONDecoder().decode(QueryMatch.self, from: data) == match)
        let detail = try #require(try catalog.product(sku: match.sku))
        #expect(detail.product == match.product)
        #expect(try JSONDecoder().decode(ProductDetail.self, from: try JSONEncoder().encode(detail)) == detail)
        let ranked = try #require(try catalog.ranking(RankingOptions(active: "niacinamide")).first)
        #expect(try JSONDecoder().decode(RankedProduct.self, from: try JSONEncoder().encode(ranked)) == ranked)
    }

    @Test("a nil value is written as null, so every record has the same keys; a dictionary's keys are sorted")
    func nullsAndSortedDictionaries() throws {
        let source = SourceSummary(
            name: "shop", listed: 1, notSeen: 0, sharedProducts: 0, sharedWith: ["zeta": 1, "alpha": 2, "mid": 3],
            lastImport: nil, imports: 1)
        let line = try SourceSummary.render([source], as: .jsonl)
        #expect(
            line
                == #"{"name":"shop","listed":1,"notSeen":0,"sharedProducts":0,"sharedWith":{"alpha":2,"mid":3,"zeta":1},"#
                + #""lastImport":null,"imports":1}"# + "\n")
    }

    @Test("every format is derived from the columns: table headers, CSV quoting, TSV, one JSON line per row")
    func formatsFromColumns() throws {
        let aliases = [
            UserAlias(alias: "a, b", key: "A B", inciName: "NIACINAMIDE"),
            UserAlias(alias: "c", key: "C", inciName: "GLYCERIN"),
        ]
        #expect(
            try UserAlias.render(aliases, as: .table)
                == "alias  inci name\n-----  -----------\na, b   NIACINAMIDE\nc      GLYCERIN\n")
        #expect(try UserAlias.render(aliases, as: .csv) == "alias,inci name\r\n\"a, b\",NIACINAMIDE\r\nc,GLYCERIN\r\n")
        #expect(try UserAlias.render(aliases, as: .tsv) == "alias\tinci name\r\na, b\tNIACINAMIDE\r\nc\tGLYCERIN\r\n")
        let lines = try UserAlias.render(aliases, as: .jsonl).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == #"{"alias":"a, b","key":"A B","inciName":"NIACINAMIDE"}"#)
        let array = try JSONSerialization.jsonObject(with: Data(try UserAlias.render(aliases, as: .json).utf8))
        #expect((array as? [[String: String]])?.map { $0["alias"] } == ["a, b", "c"])
    }
}
