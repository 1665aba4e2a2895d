import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// The analyser on real INCI lists (the fixture catalog's), through the real import path.
@Suite("Ingredient patterns and recommendations on a real catalog")
struct IngredientPatternCatalogTests {
    /// Five products with DIMETHICONE failed; five without it worked. All ten list water and glycerin, and the
    /// worked creams share the failures' other cream bases (caprylic/capric triglyceride, cetearyl alcohol,
    /// tocopherol, phenoxyethanol), so only the planted trigger separates them.
    static let failedWithDimethicone = ["00105", "00201", "00208", "00303", "1205"]
    static let workedWithout = ["00101", "00109", "00202", "00203", "1219"]

    private func catalog(failed: [String], worked: [String], profile: String = "default") throws -> Catalog {
        let catalog = try fixtureCatalog()
        for sku in failed { try catalog.addVerdict(.failed, sku: sku, reason: .breakout, profile: profile) }
        for sku in worked { try catalog.addVerdict(.worked, sku: sku, profile: profile) }
        return catalog
    }

    @Test("a planted trigger ranks first; water and glycerin stay off the top and say why")
    func plantedTrigger() throws {
        let analysis = try catalog(failed: Self.failedWithDimethicone, worked: Self.workedWithout)
            .ingredientPatterns()
        #expect(analysis.hasEnoughData)
        let top = try #require(analysis.associations.first)
        #expect(top.feature == PatternFeature(kind: .ingredient, name: "DIMETHICONE"))
        #expect(top.failedWith == Self.failedWithDimethicone)
        #expect(top.workedWith.isEmpty)
        #expect(abs((top.pValue ?? 1) - 1.0 / 252) < 1e-12, "scipy: fisher_exact([[5, 0], [0, 5]], 'greater')")
        #expect(top.oddsRatio == 121)
        #expect(top.isSuspect)
        #expect(analysis.suspects.map(\.feature.label) == ["DIMETHICONE", "class:silicone"])
        // 90 features, 8 of them in all ten products: 82 tests. DIMETHICONE and class:silicone tie for ranks 1
        // and 2, so both get q = 82 · (1/252) / 2 = 82/504 = 0.1627 (SciPy's false_discovery_control over the
        // 82 p-values of 'skincat analyze --format json' gives 0.16269841269841212): above 0.1, a weaker lead.
        #expect(analysis.testCount == 82)
        #expect(abs((top.qValue ?? 0) - 82.0 / 504) < 1e-12)
        #expect(analysis.suspects.allSatisfy { $0.qValue == top.qValue && !$0.holdsAfterCorrection })
        // Woolf on the smoothed table [[5.5, 0.5], [0.5, 5.5]]: above 1, but wide (see FisherExactTestTests).
        let low = try #require(top.oddsRatioLow)
        #expect(abs(low - 2.016743491320519) < 1e-12)
        #expect(abs((top.oddsRatioHigh ?? 0) - 7259.723441781584) < 1e-9)
        #expect(low > 1, "the interval lies above 1")
        #expect(top.note.contains("a weaker lead: does not hold after correcting for 82 tests (q = 0.16)"))
        for ubiquitous in ["WATER", "GLYCERIN"] {
            let association = try #require(analysis.associations.first { $0.feature.name == ubiquitous })
            #expect(!association.isSuspect)
            #expect(association.pValue == 1)
            #expect(association.note == "in every product you rated: cannot separate worked from failed")
            let place = try #require(analysis.associations.firstIndex { $0.feature.name == ubiquitous })
            #expect(place >= analysis.associations.count / 2, "\(ubiquitous) is at \(place)")
        }
        #expect(
            analysis.message.contains(
                "Suspects (p < 0.05, smoothed odds ratio above 2): DIMETHICONE, "
                    + "class:silicone."))
        #expect(
            analysis.message.contains(
                "No suspect holds after correcting for the 82 ingredients and classes tested (that needs q below "
                    + "0.1), so DIMETHICONE (q = 0.16) and class:silicone (q = 0.16) are weaker leads"))
        #expect(!analysis.message.contains("tested on its own"), "the old caveat is gone")
    }

    @Test("no real pattern: each failed product has a worked twin with the same label, so nothing is a suspect")
    func noPattern() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Six fixture products, each imported twice under two skus: one copy failed, the other worked.
        let fixture = try String(contentsOfFile: Paths.fixture("catalog.csv"), encoding: .utf8)
        let lines = fixture.split(separator: "\n", omittingEmptySubsequences: true)
        let chosen = ["00101", "00105", "00202", "00208", "1209", "1219"]
        let rows = lines.dropFirst().filter { line in chosen.contains { line.hasPrefix("\($0),") } }
        #expect(rows.count == chosen.count)
        let twins = rows.map { "TWIN-" + $0 }
        let file = directory.appendingPathComponent("twins.csv").path
        try ([String(lines[0])] + rows.map(String.init) + twins).joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let catalog = try Catalog.inMemory()
        #expect(try catalog.importCatalog(from: file).quarantined.isEmpty)
        for sku in chosen {
            try catalog.addVerdict(.failed, sku: sku)
            try catalog.addVerdict(.worked, sku: "TWIN-" + sku)
        }
        let analysis = try catalog.ingredientPatterns()
        #expect(analysis.hasEnoughData)
        #expect(analysis.suspects.isEmpty)
        #expect(analysis.associations.allSatisfy { ($0.pValue ?? 0) >= 0.5 && $0.oddsRatio == 1 })
        #expect(analysis.message.contains("No ingredient stands out"))
    }

    @Test("random verdicts with a fixed seed: no confident suspect (p < 0.001), none holds after correction")
    func randomVerdicts() throws {
        var generator = SplitMix64(seed: 7)
        let catalog = try fixtureCatalog()
        let skus = try catalog.products(matching: "category = serum or category = cream").map(\.sku)
        for sku in skus {
            try catalog.addVerdict(generator.next() % 2 == 0 ? .failed : .worked, sku: sku)
        }
        let analysis = try catalog.ingredientPatterns()
        #expect(analysis.hasEnoughData)
        #expect(
            analysis.associations.allSatisfy { ($0.pValue ?? 1) >= 0.001 },
            "\(analysis.associations.prefix(3).map { ($0.feature.label, $0.pValue ?? 1) })")
        #expect(analysis.testCount > 100)
        #expect(
            analysis.associations.allSatisfy { !$0.holdsAfterCorrection && ($0.qValue ?? 1) >= 0.1 },
            "\(analysis.associations.prefix(3).map { ($0.feature.label, $0.qValue ?? 1) })")
        #expect(analysis.suspects.allSatisfy { !$0.holdsAfterCorrection })
        if !analysis.suspects.isEmpty { #expect(analysis.message.contains("No suspect holds after correcting")) }
    }

    @Test("too little data: the counts, no ranking, and what more would help")
    func tooLittle() throws {
        let analysis = try catalog(failed: ["00105", "00201"], worked: ["00101"]).ingredientPatterns()
        #expect(!analysis.hasEnoughData)
        #expect(analysis.suspects.isEmpty)
        #expect(analysis.moreNeeded == MoreVerdictsNeeded(failed: 1, worked: 2, either: 1))
        #expect(analysis.message.contains("Too few verdicts to look for a pattern"))
        #expect(
            analysis.message.contains(
                "rate at least 1 more product that failed, 2 more that worked and 1 more "
                    + "of either kind"))
        let dimethicone = try #require(analysis.associations.first { $0.feature.name == "DIMETHICONE" })
        #expect(dimethicone.failedWith == ["00105", "00201"])
        #expect(dimethicone.pValue == nil)
        #expect(dimethicone.note.hasSuffix("not tested: too few verdicts"))

        let empty = try catalog(failed: [], worked: ["00101"], profile: "sam").ingredientPatterns(profile: "nobody")
        #expect(empty.message.contains("No verdicts for profile \"nobody\" yet"))
        #expect(empty.message.contains("Profiles with verdicts: sam."))
    }

    @Test("recommend leaves out products with a suspect and those rated failed, and says why")
    func recommend() throws {
        let catalog = try catalog(failed: Self.failedWithDimethicone, worked: Self.workedWithout)
        let plain = try catalog.ranking(RankingOptions(active: "niacinamide"))
        let picks = try catalog.recommendations(RecommendationOptions(ranking: RankingOptions(active: "niacinamide")))
        #expect(picks.recommended.count + picks.leftOut.count == plain.count)
        #expect(picks.recommended.map(\.rank) == Array(1...picks.recommended.count))
        for product in picks.recommended {
            let detail = try #require(try catalog.product(sku: product.sku))
            #expect(detail.line("DIMETHICONE") == nil, "\(product.sku) contains the suspect")
        }
        let gel = try #require(picks.leftOut.first { $0.product.sku == "00201" })
        #expect(gel.reasons.first == "you rated it failed")
        #expect(gel.reasons.contains("contains DIMETHICONE (in 5/5 failed, 0/5 worked)"))
        let tint = try #require(picks.leftOut.first { $0.product.sku == "1201" }, "an unrated product with dimethicone")
        #expect(tint.suspects.contains("class:silicone"))
        #expect(
            !picks.leftOut.contains { Self.workedWithout.contains($0.product.sku) }, "what worked is never left out")

        let limited = try catalog.recommendations(
            RecommendationOptions(ranking: RankingOptions(active: "niacinamide", limit: 2)))
        #expect(limited.recommended.map(\.sku) == Array(picks.recommended.prefix(2).map(\.sku)))
    }

    @Test("with no suspects the recommendation is the ranking")
    func recommendWithoutSuspects() throws {
        let catalog = try catalog(failed: ["00105"], worked: [])
        let picks = try catalog.recommendations(RecommendationOptions(ranking: RankingOptions(limit: 3)))
        let plain = try catalog.ranking(RankingOptions(limit: 4))
        #expect(picks.leftOut.map(\.product.sku) == ["00105"], "only the product rated failed")
        #expect(picks.recommended.map(\.sku) == plain.map(\.sku).filter { $0 != "00105" }.prefix(3).map { $0 })
    }
}
