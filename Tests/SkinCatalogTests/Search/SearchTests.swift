import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

/// Issue 17: full-text search ranks what a shopper means first, reads any text safely, and its index follows every
/// change of the catalog.
@Suite("Search: relevance, safe text, an index in step")
struct SearchTests {
    static let header = "sku,brand,name,category,size,price,currency,ingredients,actives,packaging"

    /// An in-memory catalog with files written to a temporary folder.
    struct Fixture {
        let catalog: Catalog
        private let temporary: TemporaryDirectory

        init() throws {
            catalog = try Catalog.inMemory()
            temporary = try TemporaryDirectory()
        }

        /// Imports `rows` (under ``SearchTests/header``) as source `source`.
        @discardableResult
        func load(_ source: String, _ rows: [String], prune: Bool = false) throws -> ImportReport {
            let path = temporary.url.appendingPathComponent("\(source).csv").path
            try ([SearchTests.header] + rows).joined(separator: "\n").appending("\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            var options = ImportOptions(now: fixedDate)
            options.source = source
            options.prune = prune
            return try catalog.importCatalog(from: path, options: options)
        }

        /// The skus a search finds, best first.
        func skus(_ text: String, where query: String? = nil) throws -> [String] {
            try catalog.search(text, where: query).map(\.sku)
        }

        /// Fails unless the index holds exactly what a rebuild would write, with nothing left pending.
        func expectInStep(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let (indexed, expected, pending) = try catalog.read { db in
                (
                    try Row.fetchAll(
                        db, sql: "SELECT rowid, brand, name, category, ingredients FROM productSearch ORDER BY rowid"),
                    try Row.fetchAll(
                        db, sql: "SELECT id, brand, name, category, ingredients FROM productSearchText ORDER BY id"),
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM productSearchPending") ?? -1
                )
            }
            #expect(
                indexed.map { Array($0.databaseValues) } == expected.map { Array($0.databaseValues) },
                sourceLocation: sourceLocation)
            #expect(pending == 0, sourceLocation: sourceLocation)
            try catalog.write { db in
                try db.execute(sql: "INSERT INTO productSearch (productSearch) VALUES ('integrity-check')")
            }
        }
    }

    static let serum = "\"Water, Glycerin, Ascorbic Acid, Niacinamide, Phenoxyethanol\""
    static let cream = "\"Water, Glycerin, Shea Butter, Ascorbyl Glucoside, Phenoxyethanol\""

    @Test("a name match outranks an ingredient-only match, and the brand counts like the name")
    func nameOutranksIngredients() throws {
        let fixture = try Fixture()
        try fixture.load(
            "shop",
            [
                "I1,Acme,Barrier Cream,cream,50 ml,20,USD,\"Water, Glycerin, Niacinamide, Phenoxyethanol\",,",
                "N1,Acme,Niacinamide Serum,serum,30 ml,20,USD,\"Water, Glycerin, Phenoxyethanol\",,",
                "B1,Niacinamide Lab,Daily Fluid,fluid,30 ml,20,USD,\"Water, Glycerin\",,",
                "X1,Acme,Plain Toner,toner,100 ml,9,USD,\"Water, Glycerin\",,",
            ])
        let found = try fixture.skus("niacinamide")
        #expect(Set(found.prefix(2)) == ["N1", "B1"])
        #expect(found.last == "I1")
        #expect(!found.contains("X1"))
    }

    @Test("case and accents do not matter, in the text or in the catalog")
    func accentsAndCase() throws {
        let fixture = try Fixture()
        try fixture.load(
            "shop",
            [
                "S1,Nécessaire,The Body Sérum,serum,30 ml,20,USD,\(Self.serum),,",
                "S2,Acme,CREME HYDRATANTE,cream,30 ml,20,USD,\(Self.cream),,",
            ])
        #expect(try fixture.skus("serum necessaire") == ["S1"])
        #expect(try fixture.skus("SÉRUM") == ["S1"])
        #expect(try fixture.skus("crème hydratante") == ["S2"])
    }

    @Test("a word ending in * is a prefix; quoted words are a phrase, in order")
    func prefixAndPhrase() throws {
        let fixture = try Fixture()
        try fixture.load(
            "shop",
            [
                "P1,Acme,Vitamin C Serum,serum,30 ml,20,USD,\(Self.serum),,",
                "P2,Acme,C Vitamin Mist,mist,30 ml,20,USD,\(Self.cream),,",
                "P3,Acme,Glow Drops,serum,30 ml,20,USD,\"Water, Niacinamide\",,",
            ])
        #expect(try fixture.skus("niacin").isEmpty)
        #expect(Set(try fixture.skus("niacin*")) == ["P1", "P3"])
        #expect(Set(try fixture.skus("vitamin c")) == ["P1", "P2"])
        #expect(try fixture.skus("\"vitamin c\"") == ["P1"])
        #expect(try fixture.skus("\"vitamin c\" serum") == ["P1"])
        // A prefix after a phrase's closing quote: its last word.
        #expect(try fixture.skus("\"glow dro\"*") == ["P3"])
        // The canonical INCI name is indexed beside the printed one (Ascorbyl Glucoside is a vitamin C derivative
        // only by name here; ASCORBIC ACID is its own canonical name).
        #expect(try fixture.skus("\"ascorbic acid\"") == ["P1"])
    }

    @Test(
        "no text is an FTS5 syntax error or an operator",
        arguments: [
            "serum OR cream", "NOT serum", "serum AND", "(serum", "serum)", "\"unclosed serum", "brand:acme",
            "NEAR(serum cream)", "serum^", "*serum", "se*rum", "'serum'", "serum\"\"", "-serum", "serum +",
            "\"\" serum", "😀 serum", "serum\u{0}",
        ])
    func safeText(text: String) throws {
        let fixture = try Fixture()
        try fixture.load("shop", ["S1,Acme,Serum,serum,30 ml,20,USD,\(Self.serum),,"])
        // Whatever the operators, the word serum is searched for, and nothing more is read into the text.
        _ = try fixture.catalog.search(text)
        #expect(try fixture.skus("serum OR cream").isEmpty, "OR is a word, not an operator")
        #expect(try fixture.skus("NOT serum").isEmpty, "NOT is a word, not an operator")
        // Read as FTS5, brand:acme would be a column filter finding S1; here it is the phrase "brand acme".
        #expect(try fixture.skus("brand:acme").isEmpty, "a colon is punctuation, not a column filter")
    }

    @Test("a text with nothing to search for is a query error", arguments: ["", "   ", "*", "\"\"", "- & +"])
    func nothingToSearch(text: String) throws {
        let catalog = try Catalog.inMemory()
        #expect(throws: QueryError.self) { try catalog.search(text) }
    }

    @Test("--where narrows a search with the query language")
    func combinedWithQuery() throws {
        let fixture = try Fixture()
        try fixture.load(
            "shop",
            [
                "W1,Acme,Bright Serum,serum,30 ml,20,USD,\(Self.serum),Niacinamide 5%,airless",
                "W2,Acme,Bright Serum Lite,serum,30 ml,20,USD,\(Self.serum),Niacinamide 1%,",
            ])
        #expect(Set(try fixture.skus("bright serum")) == ["W1", "W2"])
        #expect(try fixture.skus("bright serum", where: "niacinamide >= 4%") == ["W1"])
        #expect(try fixture.skus("bright serum", where: "airless packaging") == ["W1"])
        #expect(throws: QueryError.self) { try fixture.catalog.search("serum", where: "niacinamide >= 4 furlongs") }
    }

    @Test("facet counts cover every matching product, whatever the limit")
    func facetCounts() throws {
        let fixture = try Fixture()
        try fixture.load(
            "shop",
            [
                "F1,Acme,Calm Serum,serum,30 ml,20,USD,\(Self.serum),Niacinamide 5%,airless pump",
                "F2,Acme,Calm Cream,cream,50 ml,20,USD,\(Self.cream),,jar",
                "F3,Borealis,Calm Serum,serum,30 ml,20,USD,\(Self.serum),Niacinamide 10%,airless",
                "F4,Borealis,Storm Toner,toner,30 ml,20,USD,\(Self.serum),,",
            ])
        let counts = try fixture.catalog.facets(
            [.brand, .category, .packaging, .active, .delivery], search: "calm")
        func values(_ facet: Facet) -> [String: Int] {
            Dictionary(
                uniqueKeysWithValues: counts.first { $0.facet == facet }?.values.map { ($0.value, $0.count) } ?? [])
        }
        #expect(counts.map(\.facet) == [.brand, .category, .packaging, .active, .delivery])
        #expect(values(.brand) == ["Acme": 2, "Borealis": 1])
        #expect(values(.category) == ["serum": 2, "cream": 1])
        #expect(values(.packaging) == ["airless": 2, "pump": 1, "jar": 1])
        #expect(values(.active) == ["NIACINAMIDE": 2])
        #expect(values(.delivery).isEmpty)
        // Most common first; a limit keeps the most common and says it left some out.
        #expect(counts.first?.values.first?.value == "Acme")
        let limited = try fixture.catalog.facets([.brand], search: "calm", limit: 1)
        #expect(limited.first?.values == [FacetCounts.Value(value: "Acme", count: 2)])
        #expect(limited.first?.truncated == true)
        // A query alone, and nothing at all: every product.
        let byQuery = try fixture.catalog.facets([.brand], where: "niacinamide >= 4%")
        #expect(byQuery.first?.values.map(\.count) == [1, 1])
        #expect(try fixture.catalog.facets([.brand]).first?.values.map(\.count) == [2, 2])
    }

    @Test("the index follows imports, updates, prunes and re-listings")
    func inStepWithImports() throws {
        let fixture = try Fixture()
        try fixture.load(
            "shop-a",
            [
                "A1,Acme,Calm Serum,serum,30 ml,20,USD,\(Self.serum),,",
                "A2,Acme,Night Cream,cream,50 ml,30,USD,\(Self.cream),,",
            ])
        try fixture.expectInStep()
        #expect(try fixture.skus("calm") == ["A1"])
        // A changed row: new name, new list.
        try fixture.load(
            "shop-a",
            [
                "A1,Acme,Quiet Serum,serum,30 ml,20,USD,\"Water, Squalane\",,",
                "A2,Acme,Night Cream,cream,50 ml,30,USD,\(Self.cream),,",
            ])
        try fixture.expectInStep()
        #expect(try fixture.skus("calm").isEmpty)
        #expect(try fixture.skus("quiet squalane") == ["A1"])
        #expect(try fixture.skus("niacinamide").isEmpty)
        // Pruned: gone from the index.
        try fixture.load("shop-a", ["A2,Acme,Night Cream,cream,50 ml,30,USD,\(Self.cream),,"], prune: true)
        try fixture.expectInStep()
        #expect(try fixture.skus("quiet").isEmpty)
        // A dry run writes nothing, the index included.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dry-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "\(Self.header)\nD1,Acme,Dry Serum,serum,30 ml,20,USD,\(Self.serum),,\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        var options = ImportOptions(now: fixedDate)
        options.dryRun = true
        _ = try fixture.catalog.importCatalog(from: path, options: options)
        try fixture.expectInStep()
        #expect(try fixture.skus("dry").isEmpty)
    }

    @Test("the index follows other sources' offers, link and unlink")
    func inStepWithOffers() throws {
        let fixture = try Fixture()
        try fixture.load("shop-a", ["A1,Acme,Calm Serum,serum,30 ml,20,USD,\(Self.serum),,"])
        // The same product from another shop joins it: one product, found once.
        try fixture.load("shop-b", ["B1,Acme,Calm Serum,serum,30 ml,18,USD,\(Self.serum),,"])
        try fixture.expectInStep()
        #expect(try fixture.skus("calm") == ["A1"])
        // Unlinked, it is a product of its own, found beside the first.
        try fixture.catalog.unlinkOffer("shop-b:B1", at: fixedDate)
        try fixture.expectInStep()
        #expect(Set(try fixture.skus("calm")) == ["A1", "B1"])
        // Linked by hand, an offer's former product is removed, from the index too.
        try fixture.load("shop-c", ["C1,Acme Labs,Serenity Drops,serum,30 ml,15,USD,\(Self.cream),,"])
        #expect(try fixture.skus("serenity") == ["C1"])
        try fixture.catalog.linkOffer("shop-c:C1", to: "A1", at: fixedDate)
        try fixture.expectInStep()
        #expect(!(try fixture.skus("serenity").contains("C1")))
        #expect(try fixture.skus("calm").contains("A1"))
    }

    @Test("the index follows the names' resolution when the dictionary changes")
    func inStepWithResolution() throws {
        let fixture = try Fixture()
        try fixture.load("shop", ["R1,Acme,Plain Gel,gel,30 ml,20,USD,\"Water, Glycerin, Zorbexine Complex\",,"])
        #expect(try fixture.skus("niacinamide").isEmpty)
        // A user alias resolves the printed name: its canonical name is searchable from then on.
        _ = try fixture.catalog.addUserAlias("Zorbexine Complex", inci: "NIACINAMIDE")
        try fixture.expectInStep()
        #expect(try fixture.skus("niacinamide") == ["R1"])
        try fixture.catalog.removeUserAlias("Zorbexine Complex")
        try fixture.expectInStep()
        #expect(try fixture.skus("niacinamide").isEmpty)
        #expect(try fixture.skus("zorbexine") == ["R1"])
    }

    @Test("a statement's own conflict clause does not trip the triggers that note changed products")
    func outerConflictClause() throws {
        let fixture = try Fixture()
        try fixture.load("shop", ["O1,Acme,Calm Serum,serum,30 ml,20,USD,\(Self.serum),,"])
        // The outer statement's clause overrides a trigger's INSERT OR IGNORE: the second update of the same product
        // in one transaction used to fail on productSearchPending's key.
        try fixture.catalog.write { db in
            try db.execute(sql: "UPDATE OR ROLLBACK product SET name = 'Quiet Serum' WHERE sku = 'O1'")
            try db.execute(sql: "UPDATE OR ROLLBACK product SET name = 'Still Serum' WHERE sku = 'O1'")
            try db.execute(sql: "UPDATE OR ROLLBACK ingredientName SET ingredientId = NULL")
        }
        try fixture.expectInStep()
        #expect(try fixture.skus("still") == ["O1"])
    }

    @Test("the fixture catalog's index is in step and every product is found by its own name")
    func fixtureCatalogInStep() throws {
        let catalog = try fixtureCatalog()
        let fixture = try Fixture()
        _ = fixture
        let products = try catalog.read { db in
            try Row.fetchAll(db, sql: "SELECT sku, name FROM product ORDER BY id").map {
                ($0["sku"] as String, $0["name"] as String)
            }
        }
        #expect(!products.isEmpty)
        for (sku, name) in products {
            #expect(try catalog.search("\"\(name.filter { $0 != "\"" })\"").map(\.sku).contains(sku), "\(sku)")
        }
    }
}
