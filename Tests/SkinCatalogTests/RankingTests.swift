import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// Purpose-built pairs: two products that differ in one criterion only, ranked with the default rubric.
@Suite("Ranking by the label criteria")
struct RankingTests {
    /// A product row in the CSV contract; every pair starts from the same base and changes one field.
    struct Row {
        var sku: String
        var brand = "Test Lab"
        var name = "Serum"
        var ingredients =
            "Water, Glycerin, Butylene Glycol, Nicotinamide Mononucleotide, Panthenol, "
            + "Sodium Hyaluronate, Carbomer, Phenoxyethanol"
        var actives = "NMN 2000 ppm"
        var packaging = "opaque pump bottle"
        var delivery = ""
        var price = "30.00"

        var csv: String {
            [
                sku, brand, name, "serum", ingredients, actives, packaging, delivery, "30 mL", price, "USD",
                "https://example.com/\(sku)",
            ].map { "\"\($0.replacing("\"", with: "\"\""))\"" }.joined(separator: ",")
        }
    }

    /// Imports the rows into a fresh catalog and ranks them.
    private func rank(_ rows: [Row], active: String = "NMN") throws -> [RankedProduct] {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pairs.csv").path
        let header = "sku,brand,name,category,ingredients,actives,packaging,delivery,size,price,currency,url\n"
        try (header + rows.map(\.csv).joined(separator: "\n") + "\n").write(
            toFile: file, atomically: true,
            encoding: .utf8)
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: file)
        #expect(report.quarantined.isEmpty, "\(report.quarantined)")
        return try catalog.ranking(RankingOptions(active: active))
    }

    /// Asserts that `better` ranks above `worse`, and that the difference is in the expected criterion.
    /// `alsoDiffers`: criteria allowed to differ too (evidence depends on the amount: a study tested at or below it).
    private func expectAbove(
        _ better: Row, _ worse: Row, criterion: Rubric.Criterion, active: String = "NMN",
        alsoDiffers: Set<Rubric.Criterion> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let ranked = try rank([worse, better], active: active)
        #expect(ranked.map(\.sku) == [better.sku, worse.sku], sourceLocation: sourceLocation)
        let (top, bottom) = (ranked[0].score, ranked[1].score)
        #expect(top.total > bottom.total, sourceLocation: sourceLocation)
        #expect(top.points(criterion) > bottom.points(criterion), sourceLocation: sourceLocation)
        for other in Rubric.Criterion.allCases where other != criterion && !alsoDiffers.contains(other) {
            #expect(
                top.points(other) == bottom.points(other), "\(other) should not differ",
                sourceLocation: sourceLocation)
        }
    }

    @Test("an airless pump ranks above a clear glass jar with a screw top")
    func packaging() throws {
        try expectAbove(
            Row(sku: "A", packaging: "airless pump"), Row(sku: "B", packaging: "clear glass jar, screw top"),
            criterion: .packaging)
    }

    @Test("NMN 4,000 ppm ranks above 500 ppm")
    func concentration() throws {
        try expectAbove(
            Row(sku: "A", actives: "NMN 4,000 ppm"), Row(sku: "B", actives: "NMN 500 ppm"),
            criterion: .concentration)
    }

    @Test(
        "a ferment-filtrate or liposomal vehicle ranks above a plain one",
        arguments: [
            "yeast-fermented filtrate", "liposomal",
        ])
    func delivery(claim: String) throws {
        try expectAbove(Row(sku: "A", delivery: claim), Row(sku: "B", delivery: ""), criterion: .delivery)
    }

    @Test("NMN with niacinamide, a peptide and centella ranks above NMN alone")
    func companions() throws {
        let withCompanions = Row(
            sku: "A",
            ingredients: "Water, Glycerin, Niacinamide, Butylene Glycol, "
                + "Nicotinamide Mononucleotide, Palmitoyl Pentapeptide-4, Centella Asiatica Extract, Panthenol, "
                + "Sodium Hyaluronate, Carbomer, Phenoxyethanol")
        try expectAbove(withCompanions, Row(sku: "B"), criterion: .companions)
    }

    @Test("a declared amount ranks above an undisclosed one")
    func declaredAboveUndisclosed() throws {
        try expectAbove(Row(sku: "A", actives: "NMN 1000 ppm"), Row(sku: "B", actives: ""), criterion: .concentration)
    }

    // The same orderings for niacinamide products under --active niacinamide.
    static let niacinamideBase =
        "Water, Glycerin, Niacinamide, Butylene Glycol, Panthenol, Sodium Hyaluronate, "
        + "Carbomer, Phenoxyethanol"

    @Test(
        "niacinamide: airless pump above clear screw-top jar; 5 % above 0.5 %; vehicle above plain; declared above undisclosed"
    )
    func niacinamideOrderings() throws {
        let base = Row(sku: "X", ingredients: Self.niacinamideBase, actives: "Niacinamide 4%")
        func variant(_ sku: String, _ change: (inout Row) -> Void) -> Row {
            var row = base
            row.sku = sku
            change(&row)
            return row
        }
        try expectAbove(
            variant("A") { $0.packaging = "airless pump" },
            variant("B") { $0.packaging = "clear glass jar, screw top" }, criterion: .packaging,
            active: "niacinamide")
        try expectAbove(
            variant("A") { $0.actives = "Niacinamide 5%" }, variant("B") { $0.actives = "Niacinamide 0,5 %" },
            criterion: .concentration, active: "niacinamide", alsoDiffers: [.evidence])
        try expectAbove(
            variant("A") { $0.delivery = "liposomal" }, variant("B") { $0.delivery = "" },
            criterion: .delivery, active: "niacinamide")
        try expectAbove(
            variant("A") { $0.actives = "Niacinamide 2%" }, variant("B") { $0.actives = "" },
            criterion: .concentration, active: "niacinamide", alsoDiffers: [.evidence])
        try expectAbove(
            variant("A") {
                $0.ingredients =
                    "Water, Glycerin, Niacinamide, Butylene Glycol, Acetyl Hexapeptide-8, Madecassoside, "
                    + "Panthenol, Sodium Hyaluronate, Carbomer, Phenoxyethanol"
            }, base, criterion: .companions, active: "niacinamide")
    }

    @Test("flags say in words what is wrong")
    func flags() throws {
        let ranked = try rank([
            Row(sku: "LOW", actives: "NMN 500 ppm", packaging: "clear glass jar, screw top"),
            Row(sku: "HIDDEN", actives: "", packaging: ""),
        ])
        let low = try #require(ranked.first { $0.sku == "LOW" })
        #expect(low.score.flags.contains("below 1,000 ppm"))
        #expect(low.score.flags.contains("clear jar: red flag"))
        #expect(low.score.flags.contains("plain base"))
        #expect(low.score.flags.contains("no companions"))
        #expect(low.score.flags.contains("no human trial"))
        let hidden = try #require(ranked.first { $0.sku == "HIDDEN" })
        #expect(hidden.score.flags.contains("amount undisclosed"))
        #expect(hidden.score.flags.contains("packaging not described"))
        #expect(!hidden.score.flags.contains("below 1,000 ppm"))
    }

    @Test("every point is explained: the criteria add up to the total, each with a reason")
    func explained() throws {
        let ranked = try rank([Row(sku: "A", actives: "NMN 4,000 ppm", delivery: "liposomal")])
        let score = try #require(ranked.first?.score)
        #expect(score.criteria.map(\.criterion) == Rubric.Criterion.allCases)
        #expect(abs(score.criteria.map(\.points).reduce(0, +) - score.total) < 1e-9)
        #expect(score.criteria.allSatisfy { !$0.reason.isEmpty && $0.points <= $0.maximum })
        #expect(score.criteria.first?.reason.contains("NMN 4,000 ppm declared") == true)
    }

    @Test("tie-break: equal scores order by the amount (more first), then brand, name and sku")
    func tieBreak() throws {
        // Both above the 10,000 ppm ceiling: the same concentration points, so the same score.
        let ranked = try rank([
            Row(sku: "S3", brand: "Beta", actives: "NMN 2%"),
            Row(sku: "S2", brand: "Alpha", name: "Serum B", actives: "NMN 2%"),
            Row(sku: "S1", brand: "Alpha", name: "Serum A", actives: "NMN 2%"),
            Row(sku: "S0", brand: "Zeta", actives: "NMN 3%"),
            Row(sku: "S5", brand: "Alpha", name: "Serum A", actives: "NMN 2%"),
        ])
        #expect(Set(ranked.map(\.score.total)).count == 1, "the five products must tie on score")
        #expect(ranked.map(\.sku) == ["S0", "S1", "S5", "S2", "S3"])
        #expect(ranked.map(\.rank) == [1, 2, 3, 4, 5])
        let again = try rank([
            Row(sku: "S5", brand: "Alpha", name: "Serum A", actives: "NMN 2%"),
            Row(sku: "S0", brand: "Zeta", actives: "NMN 3%"),
            Row(sku: "S1", brand: "Alpha", name: "Serum A", actives: "NMN 2%"),
            Row(sku: "S3", brand: "Beta", actives: "NMN 2%"),
            Row(sku: "S2", brand: "Alpha", name: "Serum B", actives: "NMN 2%"),
        ])
        #expect(again.map(\.sku) == ranked.map(\.sku), "the order does not depend on the import order")
    }

    @Test("only products that list the active are ranked; --where narrows them; decoys are not NMN")
    func selection() throws {
        let catalog = try fixtureCatalog()
        let nmn = try catalog.ranking(RankingOptions(active: "NMN"))
        #expect(nmn.count == 16)
        #expect(Set(nmn.map(\.sku)).isDisjoint(with: ["00301", "00302", "00303", "00304", "00305", "00306"]))
        let airless = try catalog.ranking(RankingOptions(active: "nmn", filter: try QueryParser.parse("airless")))
        #expect(Set(airless.map(\.sku)) == ["00101", "00107", "00111", "00115"])
        let top = try catalog.ranking(RankingOptions(active: "NMN", limit: 3))
        #expect(top.map(\.rank) == [1, 2, 3])
        #expect(throws: CatalogError.unknownActive("retinol", known: ["NMN", "niacinamide"])) {
            try catalog.ranking(RankingOptions(active: "retinol"))
        }
    }

    @Test("on the fixture catalog: the article's example serum beats window-dressing and the clear jar")
    func fixtureSanity() throws {
        let ranked = try fixtureCatalog().ranking(RankingOptions(active: "NMN"))
        let position = Dictionary(uniqueKeysWithValues: ranked.map { ($0.sku, $0.rank) })
        #expect(position["00101"]! < position["00104"]!, "4,000 ppm opaque airless vs 500 ppm in clear plastic")
        #expect(position["00101"]! < position["00105"]!, "the clear screw-top jar")
        #expect(ranked.last?.sku == "00104", "500 ppm, plain, alone, clear: last")
    }
}
