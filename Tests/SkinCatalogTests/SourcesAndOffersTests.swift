import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

/// Issue 13: a sku is unique within its source; offers of one product from several sources are merged by brand,
/// name, size and ingredient list; re-imports touch only their source; link and unlink hold across imports.
@Suite("Sources and offers: one product however many shops sell it")
struct SourcesAndOffersTests {
    static let header = "sku,brand,name,size,price,currency,ingredients"
    static let serumList =
        "\"Water, Glycerin, Niacinamide, Butylene Glycol, Panthenol, Sodium Hyaluronate, Allantoin, Trehalose, "
        + "Betaine, Xanthan Gum, Carbomer, Arginine, Tocopherol, Phenoxyethanol, Ethylhexylglycerin, "
        + "Disodium EDTA\""
    /// The serum's list with two trace ingredients swapped for two others: a stale label, still the same product.
    static let serumListStale =
        "\"Water, Glycerin, Niacinamide, Butylene Glycol, Panthenol, Sodium Hyaluronate, Allantoin, Trehalose, "
        + "Betaine, Xanthan Gum, Carbomer, Arginine, Tocopherol, Phenoxyethanol, Caprylyl Glycol, Citric Acid\""
    /// A different formula under the same name: shares only the base.
    static let serumListReformulated =
        "\"Water, Glycerin, Dimethicone, Cyclopentasiloxane, Squalane, Cetearyl Alcohol, Shea Butter, "
        + "Ceramide NP, Cholesterol, Retinol, Bisabolol, Caprylyl Glycol, Citric Acid, Potassium Sorbate\""

    struct Fixture {
        let catalog: Catalog
        let directory: URL
        /// Owns `directory` and removes it when this test's instance of the suite goes away.
        private let temporary: TemporaryDirectory

        init() throws {
            catalog = try Catalog.inMemory()
            temporary = try TemporaryDirectory()
            directory = temporary.url
        }

        /// Imports `rows` (under the shared header) as source `source`.
        @discardableResult
        func load(_ source: String, _ rows: [String], prune: Bool = false, file: String? = nil) throws
            -> ImportReport
        {
            let path = directory.appendingPathComponent(file ?? "\(source).csv").path
            try ([SourcesAndOffersTests.header] + rows).joined(separator: "\n").appending("\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            var options = ImportOptions(now: fixedDate)
            options.source = source
            options.prune = prune
            return try catalog.importCatalog(from: path, options: options)
        }

        func productCount() throws -> Int {
            try catalog.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM product") ?? -1 }
        }

        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test("the same sku from two sources is never an overwrite")
    func sameSkuTwoSources() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load("shop-a", ["00101,Acme,Calm Serum,30 ml,20,USD,\(Self.serumList)"])
        let second = try fixture.load(
            "shop-b", ["00101,Borealis,Night Cream,50 ml,35,USD,\(Self.serumListReformulated)"])
        #expect(second.inserted == 1)
        #expect(second.updated == 0)
        #expect(try fixture.productCount() == 2)
        // The first product keeps the sku as its key; the second is told apart by its source.
        #expect(try fixture.catalog.product(sku: "shop-a:00101")?.name == "Calm Serum")
        #expect(try fixture.catalog.product(sku: "shop-b:00101")?.name == "Night Cream")
        // A bare sku two sources list for different products is ambiguous, and the error names both offers.
        #expect {
            try fixture.catalog.product(sku: "00101")
        } throws: { error in
            guard case CatalogError.ambiguousSKU(_, let offers) = error else { return false }
            return offers == ["shop-a:00101", "shop-b:00101"]
        }
    }

    @Test("a brand written three ways, a size in another unit and a stale label merge into one product")
    func mergesBrandWrittenThreeWays() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load("shop-a", ["A1,Paula's Choice,Calm Niacinamide Serum,30 ml,20,USD,\(Self.serumList)"])
        let b = try fixture.load(
            "shop-b", ["B1,PAULA’S CHOICE,Paula's Choice Calm Niacinamide Serum 30ml,1 fl oz,18,USD,\(Self.serumList)"])
        let c = try fixture.load(
            "shop-c", ["C1,Paulas Choice®,Calm Niacinamide Serum,30 mL,17,GBP,\(Self.serumListStale)"])
        #expect(b.merged == 1)
        #expect(c.merged == 1)
        #expect(try fixture.productCount() == 1)
        let offers = try fixture.catalog.offers(of: "A1")
        #expect(offers.map { "\($0.source):\($0.sku)" }.sorted() == ["shop-a:A1", "shop-b:B1", "shop-c:C1"])
        // Cheapest first within a currency; the stale label's difference is named.
        #expect(offers.filter { $0.currency == "USD" }.map(\.sku) == ["B1", "A1"])
        let detail = try #require(try fixture.catalog.product(sku: "C1"))
        let stale = try #require(detail.offers.first { $0.sku == "C1" }?.labelDifference)
        #expect(stale.onlyInOffer == ["Caprylyl Glycol", "Citric Acid"])
        #expect(stale.onlyInLabel == ["Ethylhexylglycerin", "Disodium EDTA"])
    }

    @Test("a size variant and a different shade stay separate products")
    func sizeVariantAndShadeKeptApart() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load(
            "shop-a",
            [
                "A1,Acme,Calm Serum,30 ml,20,USD,\(Self.serumList)",
                "A2,Acme,Skin Tint,Shade: Ivory,30,USD,\(Self.serumList)",
            ])
        let b = try fixture.load(
            "shop-b",
            [
                "B1,Acme,Calm Serum,50 ml,28,USD,\(Self.serumList)",
                "B2,Acme,Skin Tint - Ivory,Shade: Ivory,29,USD,\(Self.serumList)",
                "B3,Acme,Skin Tint,Shade: Bronze,29,USD,\(Self.serumList)",
            ])
        // 50 ml is another product than 30 ml; Ivory matches Ivory (the shade stripped from the name); Bronze is
        // another shade, so another product.
        #expect(b.merged == 1)
        #expect(b.inserted == 2)
        #expect(try fixture.catalog.offers(of: "B2").map(\.sku).sorted() == ["A2", "B2"])
        #expect(try fixture.catalog.offers(of: "B3").map(\.sku) == ["B3"])
        #expect(try fixture.catalog.offers(of: "B1").map(\.sku) == ["B1"])
    }

    @Test("a size printed only in the name keeps two sizes apart, and matches the same size given in a size field")
    func sizeInTheName() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load("shop-a", ["A1,Acme,Calm Serum 30ml,,20,USD,\(Self.serumList)"])
        let b = try fixture.load(
            "shop-b",
            [
                "B1,Acme,Calm Serum 50ml,,28,USD,\(Self.serumList)",
                "B2,Acme,Calm Serum,30 ml,19,USD,\(Self.serumList)",
            ])
        #expect(b.merged == 1)
        #expect(try fixture.catalog.offers(of: "A1").map(\.sku).sorted() == ["A1", "B2"])
        #expect(try fixture.catalog.offers(of: "B1").map(\.sku) == ["B1"])
    }

    @Test("the same name with a very different list is kept apart and reported as a possible reformulation")
    func reformulationKeptApart() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load("shop-a", ["A1,Acme,Calm Serum,30 ml,20,USD,\(Self.serumList)"])
        let b = try fixture.load("shop-b", ["B1,Acme,Calm Serum,30 ml,22,USD,\(Self.serumListReformulated)"])
        #expect(b.keptApart == 1)
        #expect(b.merged == 0)
        #expect(try fixture.productCount() == 2)
        let review = try fixture.catalog.merges()
        #expect(review.map(\.decision) == ["keptApart"])
        #expect(review.first?.offer == "shop-b:B1")
        #expect(review.first?.product == "A1")
    }

    @Test("the same list with another stated amount of an active merges for review, naming the amounts")
    func statedAmountsDifferForReview() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        for (source, sku, actives) in [("shop-a", "A1", "Niacinamide 5%"), ("shop-b", "B1", "Niacinamide 10%")] {
            let path = fixture.directory.appendingPathComponent("\(source).csv").path
            try "sku,brand,name,size,actives,ingredients\n\(sku),Acme,Calm Serum,30 ml,\(actives),\(Self.serumList)\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            var options = ImportOptions(now: fixedDate)
            options.source = source
            _ = try fixture.catalog.importCatalog(from: path, options: options)
        }
        let review = try fixture.catalog.merges()
        #expect(review.map(\.decision) == ["review"])
        let reason = review.first?.reason ?? ""
        #expect(reason.contains("stated amounts differ: Niacinamide 100,000 ppm here, 50,000 ppm on"), "\(reason)")
    }

    @Test("a re-import updates only its source's offers, marks missing ones not seen, and --prune deletes them")
    func reimportsTouchOneSource() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load(
            "shop-a",
            [
                "A1,Acme,Calm Serum,30 ml,20,USD,\(Self.serumList)",
                "A2,Acme,Other Serum,30 ml,25,USD,\(Self.serumListReformulated)",
            ])
        try fixture.load("shop-b", ["B1,Acme,Calm Serum,30 ml,18,USD,\(Self.serumList)"])
        // shop-a's new file: A1 at a new price, A2 gone.
        let again = try fixture.load("shop-a", ["A1,Acme,Calm Serum,30 ml,21,USD,\(Self.serumList)"])
        #expect(again.updated == 1)
        #expect(again.notSeen == 1)
        let offers = try fixture.catalog.offers(of: "A1")
        #expect(offers.first { $0.sku == "A1" }?.price == 21)
        #expect(offers.first { $0.sku == "B1" }?.price == 18)
        let a2 = try fixture.catalog.offers(of: "A2")
        #expect(a2.count == 1)
        #expect(a2.first?.notSeenSince != nil)
        // A later file without A1 but with --prune: A1's offer goes, the product stays with shop-b's offer and
        // takes shop-b's label; A2 (no other offer) goes with its product.
        let pruned = try fixture.load("shop-a", ["A3,Acme,New Serum,30 ml,21,USD,\(Self.serumListStale)"], prune: true)
        #expect(pruned.pruned == 2)
        #expect(try fixture.catalog.product(sku: "A2") == nil)
        let kept = try #require(try fixture.catalog.product(sku: "A1"))
        #expect(kept.offers.map(\.sku) == ["B1"])
        #expect(kept.offers.first?.isLabel == true)
        #expect(kept.ingredients.count == 16)
    }

    @Test("link and unlink are kept by later imports")
    func linkAndUnlinkHold() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load("shop-a", ["A1,Acme,Calm Serum,30 ml,20,USD,\(Self.serumList)"])
        try fixture.load("shop-b", ["B1,Acme,Calm Serum,30 ml,18,USD,\(Self.serumList)"])
        #expect(try fixture.productCount() == 1)
        try fixture.catalog.unlinkOffer("shop-b:B1", at: fixedDate)
        #expect(try fixture.productCount() == 2)
        let split = try #require(try fixture.catalog.product(sku: "B1"))
        #expect(split.ingredients.count == 16)
        #expect(split.offers.map(\.sku) == ["B1"])
        // Pruned and listed again, B1 does not rejoin A1: the unlink holds.
        try fixture.load("shop-b", ["B9,Acme,Unrelated,30 ml,18,USD,\(Self.serumListReformulated)"], prune: true)
        try fixture.load("shop-b", ["B1,Acme,Calm Serum,30 ml,18,USD,\(Self.serumList)"])
        #expect(try fixture.catalog.offers(of: "A1").map(\.sku) == ["A1"])
        // Linked by hand, a differently named offer joins; the link survives its offer being pruned and re-listed.
        try fixture.load("shop-c", ["C1,Acme Labs,Serum Calm (new),30 ml,15,USD,\(Self.serumList)"])
        try fixture.catalog.linkOffer("shop-c:C1", to: "A1", at: fixedDate)
        #expect(try fixture.catalog.offers(of: "A1").map(\.sku).sorted() == ["A1", "C1"])
        try fixture.load("shop-c", ["C8,Acme,Unrelated,30 ml,18,USD,\(Self.serumListReformulated)"], prune: true)
        try fixture.load("shop-c", ["C1,Acme Labs,Serum Calm (new),30 ml,15,USD,\(Self.serumList)"])
        #expect(try fixture.catalog.offers(of: "A1").map(\.sku).sorted() == ["A1", "C1"])
    }

    @Test("a linked offer keeps its name and brand searchable: the old name finds the product it joined")
    func linkedOfferStaysSearchable() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load("shop-a", ["A1,Acme,Calm Serum,30 ml,20,USD,\(Self.serumList)"])
        try fixture.load("shop-z", ["Z1,Zenith Apothecary,Midnight Velvet Elixir,30 ml,15,USD,\(Self.serumList)"])
        #expect(try fixture.productCount() == 2, "a different name and brand: not merged")
        #expect(try fixture.catalog.search("velvet elixir").map(\.sku) == ["Z1"])
        try fixture.catalog.linkOffer("shop-z:Z1", to: "A1", at: fixedDate)
        #expect(try fixture.productCount() == 1)
        // The offer was its product's label, whose texts were the product's; it now prints its own.
        #expect(try fixture.catalog.search("velvet elixir").map(\.sku) == ["A1"])
        #expect(try fixture.catalog.search("zenith").map(\.sku) == ["A1"])
        #expect(try fixture.catalog.search("calm serum").map(\.sku) == ["A1"])
        let offer = try #require(try fixture.catalog.offers(of: "A1").first { $0.sku == "Z1" })
        #expect(offer.isLabel == false)
        // Unlinked again, the offer rebuilds its own product from the texts it kept.
        try fixture.catalog.unlinkOffer("shop-z:Z1", at: fixedDate)
        let split = try #require(try fixture.catalog.product(sku: "Z1"))
        #expect(split.name == "Midnight Velvet Elixir")
        #expect(split.ingredients.count == 16)
        #expect(try fixture.catalog.search("velvet elixir").map(\.sku) == ["Z1"])
    }

    @Test("a ranking carries the offers still listed and their price range in the product's currency")
    func rankingCarriesOffers() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load("shop-a", ["A1,Acme,Calm Serum,30 ml,20,USD,\(Self.serumList)"])
        try fixture.load("shop-b", ["B1,Acme,Calm Serum,30 ml,14.5,USD,\(Self.serumList)"])
        try fixture.load("shop-c", ["C1,Acme,Calm Serum,30 ml,12,GBP,\(Self.serumList)"])
        try fixture.load("shop-d", ["D1,Acme,Calm Serum,30 ml,9,USD,\(Self.serumList)"])
        // shop-d's next file no longer lists it: not seen, so out of the count and the range.
        try fixture.load("shop-d", ["D2,Acme,Other,30 ml,9,USD,\(Self.serumListReformulated)"])
        let ranked = try fixture.catalog.ranking(RankingOptions(active: "niacinamide"))
        let serum = try #require(ranked.first { $0.sku == "A1" })
        #expect(serum.offers == 3)
        #expect(serum.lowestPrice == 14.5)
        #expect(serum.highestPrice == 20)
    }

    @Test("sources lists each source's listings and the products it shares with each other source")
    func sourcesSummary() throws {
        let fixture = try Fixture()
        defer { fixture.cleanUp() }
        try fixture.load(
            "shop-a",
            [
                "A1,Acme,Calm Serum,30 ml,20,USD,\(Self.serumList)",
                "A2,Acme,Other Serum,30 ml,25,USD,\(Self.serumListReformulated)",
            ])
        try fixture.load("shop-b", ["B1,Acme,Calm Serum,30 ml,18,USD,\(Self.serumList)"])
        let sources = try fixture.catalog.sources()
        #expect(sources.map(\.name) == ["shop-a", "shop-b"])
        #expect(sources.map(\.listed) == [2, 1])
        #expect(sources.map(\.sharedProducts) == [1, 1])
        #expect(sources.first?.sharedWith == ["shop-b": 1])
    }

    @Test("without --source, the source is named after the file, and the report says so")
    func sourceFromFileName() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(
            from: Paths.fixture("catalog.csv"), options: ImportOptions(now: fixedDate))
        #expect(report.source == "catalog")
        #expect(report.sourceFromFileName)
        #expect(report.details.first?.contains("source catalog (named after the file") == true)
    }
}
