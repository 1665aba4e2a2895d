import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

/// Issue 15 in the catalog: named amounts stored at import, annex caps loaded from fixture exports, intervals from
/// list order, and the ranking by the best evidence. Rows: `Fixtures/concentration/evidence.csv` (its README says
/// what each holds). Expected points are worked out by hand from the default rubric (niacinamide: threshold 2 %,
/// ceiling 5 %, concentration weight 35, undisclosed share 0.25, named weight 0.8, list-order weight 0.6).
@Suite("Concentration evidence: named amounts, annex caps, list-order bounds (issue 15)")
struct ConcentrationEvidenceTests {
    static let rows = Paths.fixture("concentration/evidence.csv")
    static let annexV = Paths.fixture("annex/annex-v-2025.txt")

    private func catalog(annexes: Bool) throws -> Catalog {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Self.rows, options: ImportOptions(now: fixedDate))
        #expect(report.quarantined.isEmpty, "\(report.quarantined)")
        if annexes { _ = try catalog.importAnnex(from: Self.annexV, now: fixedDate) }
        return catalog
    }

    private func ranked(_ catalog: Catalog) throws -> [String: RankedProduct] {
        let ranking = try catalog.ranking(RankingOptions(active: "niacinamide"))
        return Dictionary(uniqueKeysWithValues: ranking.map { ($0.sku, $0) })
    }

    @Test("named 10 % ranks over undisclosed at position 3, which ranks over undisclosed after phenoxyethanol")
    func rankingOrder() throws {
        let ranking = try catalog(annexes: true).ranking(RankingOptions(active: "niacinamide"))
        let three = ranking.filter { ["N10", "P3", "AFTER"].contains($0.sku) }
        #expect(three.map(\.sku) == ["N10", "P3", "AFTER"])
        // Strictly by score, not by a tie-break (the brands are in the opposite alphabetical order).
        #expect(three.map { $0.score.points(.concentration) } == [28.0, 8.8, 2.6])
        #expect(three[0].score.total > three[1].score.total && three[1].score.total > three[2].score.total)
        for criterion in Rubric.Criterion.allCases where criterion != .concentration {
            #expect(Set(three.map { $0.score.points(criterion) }).count == 1, "\(criterion) should not differ")
        }
    }

    @Test("the reason and flags say which evidence the concentration used")
    func reasonsAndFlags() throws {
        let ranked = try ranked(catalog(annexes: true))
        let named = try #require(ranked["N10"])
        #expect(named.amountSource == .named && named.amountPpm == 100_000)
        #expect(named.score.flags.contains("named 10 %, unconfirmed by the list"))
        #expect(named.score.concentrationEvidence == .named)
        let after = try #require(ranked["AFTER"])
        #expect(after.score.flags.contains("<= 1 % by list order"))
        #expect(after.interval?.text == "<= 1 %")
        #expect(after.interval?.sources.contains("Phenoxyethanol, capped at 1 % by Annex V ref 29") == true)
        #expect(after.amountSource == .inferred && after.amountPpm == 10_000)
        let third = try #require(ranked["P3"])
        #expect(third.score.concentrationEvidence == .undisclosed)
        #expect(third.score.flags.contains("likely over 1 % (before the 1 % line)"))
    }

    @Test("the label wins over a name it contradicts; printed, named and lower bounds score by the rubric")
    func otherEvidence() throws {
        let ranked = try ranked(catalog(annexes: true))
        let contradicted = try #require(ranked["CONTRA"])
        #expect(contradicted.score.points(.concentration) == 2.6)
        #expect(contradicted.score.flags.contains("named 10 %, contradicted by the list (<= 1 %)"))
        #expect(contradicted.namedAmount?.amountPpm == 100_000)  // kept beside the label
        #expect(ranked["PRINTED"]?.score.points(.concentration) == 29.2)  // 4 %: (0.5 + 0.5 × 2/3) × 35
        #expect(ranked["EYE5"]?.score.points(.concentration) == 28.0)  // named 5 %: 1 × 0.8 × 35
        let lower = try #require(ranked["LOWER"])
        #expect(lower.interval?.text == ">= 3 %")
        #expect(lower.score.points(.concentration) == 14.0)  // 0.6 × (0.5 + 0.5 × 1/3) × 35
        #expect(ranked["WASH"]?.score.points(.concentration) == 14.0)  // named 2 %: 0.5 × 0.8 × 35
    }

    @Test("without the annexes phenoxyethanol is not known to be capped: after it is undisclosed, not <= 1 %")
    func withoutAnnexes() throws {
        let ranked = try ranked(catalog(annexes: false))
        #expect(ranked["AFTER"]?.interval == nil)
        #expect(ranked["AFTER"]?.score.points(.concentration) == 8.8)
        #expect(ranked["P3"]?.score.points(.concentration) == 8.8)
        // A printed amount at or under 1 % still sets the line; over 1 % it bounds the lines before it.
        #expect(ranked["LOWER"]?.interval?.text == ">= 3 %")
    }

    @Test("named amounts are stored with the right ingredient, never a decoy, and re-import is unchanged")
    func namedAmountsStored() throws {
        let catalog = try catalog(annexes: false)
        let named = try #require(try catalog.product(sku: "N10"))
        #expect(named.namedAmounts.map(\.inciName) == ["NIACINAMIDE"])
        #expect(named.namedAmounts.map(\.amountPpm) == [100_000])
        #expect(named.namedAmounts.map(\.text) == ["Niacinamide 10%"])
        #expect(named.line("NIACINAMIDE")?.namedAmount?.amountPpm == 100_000)
        #expect(named.line("NIACINAMIDE")?.amountSource == nil)  // the line itself stays undisclosed
        let cica = try #require(try catalog.product(sku: "CICA"))
        #expect(!cica.namedAmounts.contains { $0.inciName == "NIACINAMIDE" })
        #expect(try catalog.product(sku: "EYE5")?.namedAmounts.map(\.amountPpm) == [50_000])
        #expect(try catalog.product(sku: "P3")?.namedAmounts == [])
        let again = try catalog.importCatalog(from: Self.rows, options: ImportOptions(now: fixedDate))
        #expect(again.unchanged == 9 && again.updated == 0 && again.inserted == 0)
        #expect(try catalog.product(sku: "N10")?.namedAmounts.map(\.amountPpm) == [100_000])
    }

    @Test("a product's use comes from its category, else its name")
    func productUse() throws {
        let catalog = try catalog(annexes: false)
        #expect(try catalog.product(sku: "N10")?.productUse == .leaveOn)
        #expect(try catalog.product(sku: "WASH")?.productUse == .rinseOff)
        #expect(try catalog.product(sku: "EYE5")?.productUse == .leaveOn)
    }

    @Test("show's intervals: <= 1 % after the 1 % line, >= 3 % before a line printed at 3 %, and the 1 % line")
    func intervalsInDetail() throws {
        let catalog = try catalog(annexes: true)
        let after = try #require(try catalog.product(sku: "AFTER"))
        #expect(after.line("NIACINAMIDE")?.interval?.text == "<= 1 %")
        #expect(after.line("ETHYLHEXYLGLYCERIN")?.interval?.text == "<= 1 %")
        #expect(after.line("WATER")?.interval == nil)
        #expect(after.onePercentLine?.position == 3)
        #expect(after.onePercentLine?.reason == "Phenoxyethanol capped at 1 % by Annex V ref 29")
        let lower = try #require(try catalog.product(sku: "LOWER"))
        #expect(lower.line("NIACINAMIDE")?.interval?.text == ">= 3 %")
        #expect(lower.line("WATER")?.interval?.text == ">= 3 %")
        #expect(lower.line("GLYCERIN")?.interval == nil)  // its own amount never bounds itself
    }
}

extension ConcentrationEvidenceTests {
    @Test("a kit's lists are bounded on their own: the cleanser's 0.5 % salicylic acid says nothing of the serum")
    func kitComponents() throws {
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: Paths.fixture("real-like/kits.csv"), options: ImportOptions(now: fixedDate))
        let kit = try #require(try catalog.product(sku: "91001"))
        #expect(kit.line("NIACINAMIDE")?.interval == nil)
        // After salicylic acid in the same list (unresolved, so found by its printed name).
        #expect(kit.ingredients.first { $0.printedName == "Coco-Glucoside" }?.interval?.text == "<= 1 %")
        let ranked = try catalog.ranking(RankingOptions(active: "niacinamide")).first { $0.sku == "91001" }
        #expect(ranked?.score.points(.concentration) == 8.8)
        // 91002 is one list with a printed amount at or under 1 % before its niacinamide; the kit is not.
        #expect(try catalog.products(matching: "niacinamide below the 1% line").map(\.sku) == ["91002"])
    }
}

@Suite("Annex exports loaded into the catalog (issue 15)")
struct AnnexImportTests {
    @Test("Annex V (2025 layout) gives phenoxyethanol its 1 % cap in every product use")
    func annexV() throws {
        let catalog = try Catalog.inMemory()
        let result = try catalog.importDictionaryFile(from: Paths.fixture("annex/annex-v-2025.txt"), now: fixedDate)
        guard case .annex(let report) = result else {
            Issue.record("not recognised as an annex: \(result)")
            return
        }
        #expect(report.annex == "V")
        #expect(!report.skipped.isEmpty)  // refs 6, 7, 12 and 57 are reported, not guessed
        #expect(report.skipped.contains { $0.contains("Annex V ref 7") })
        let caps = try catalog.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.productUse, c.amountPpm, c.citation FROM ingredientCap c
                    JOIN ingredient i ON i.id = c.ingredientId WHERE i.inciName = 'PHENOXYETHANOL' ORDER BY 1
                    """
            ).map { "\($0[0] as String) \($0[1] as Double) \($0[2] as String)" }
        }
        #expect(
            caps == [
                "leaveOn 10000.0 Annex V ref 29", "rinseOff 10000.0 Annex V ref 29", "unknown 10000.0 Annex V ref 29",
            ])
    }

    @Test("the 2016 layout names its annex in the file name; a later file of the same annex replaces it")
    func annexIIIByFileName() throws {
        let catalog = try Catalog.inMemory()
        let first = try catalog.importAnnex(from: Paths.fixture("annex/annex-iii-2016.csv"), now: fixedDate)
        #expect(first.annex == "III")
        let second = try catalog.importAnnex(from: Paths.fixture("annex/annex-iii-2016.csv"), now: fixedDate)
        #expect(second.replaced == [Paths.fixture("annex/annex-iii-2016.csv")])
        let count = try catalog.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM annexCap") }
        #expect(count == first.caps)
    }

    @Test("a file that is not an annex export is refused with its path; an ordinary dictionary is not mistaken")
    func notAnAnnex() throws {
        let catalog = try Catalog.inMemory()
        let path = Paths.fixture("annex/not-an-annex.csv")
        #expect(throws: CatalogError.unnamedAnnex(path: path)) {
            _ = try catalog.importDictionaryFile(from: path)
        }
        #expect {
            _ = try catalog.importAnnex(from: path, annex: .v)
        } throws: { error in
            guard case CatalogError.badHeader(let file, let reason) = error else { return false }
            return file == path && reason.contains("name of common ingredients glossary")
        }
        let cosingLike = try catalog.importDictionaryFile(from: Paths.fixture("real-like/cosing-like.csv"))
        guard case .dictionary = cosingLike else {
            Issue.record("a dictionary was read as an annex")
            return
        }
    }
}

@Suite("Queries over concentration evidence (issue 15)")
struct ConcentrationQueryTests {
    private func catalog() throws -> Catalog {
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(
            from: ConcentrationEvidenceTests.rows, options: ImportOptions(now: fixedDate))
        _ = try catalog.importAnnex(from: ConcentrationEvidenceTests.annexV, now: fixedDate)
        return catalog
    }

    private func skus(_ query: String, evidence: QueryEvidence = .all) throws -> Set<String> {
        Set(try catalog().products(matching: query, evidence: evidence).map(\.sku))
    }

    @Test("amount comparisons count named amounts by default, say so in the source, and the label wins")
    func namedByDefault() throws {
        let matches = try catalog().products(matching: "niacinamide >= 4%")
        // N10 and CONTRA name 10 %, EYE5 names 5 %, PRINTED prints 4 %.
        #expect(Set(matches.map(\.sku)) == ["N10", "CONTRA", "EYE5", "PRINTED"])
        let sources = Dictionary(uniqueKeysWithValues: matches.map { ($0.sku, $0.amounts.first?.source) })
        #expect(sources["N10"] == .named && sources["EYE5"] == .named && sources["PRINTED"] == .printed)
        #expect(matches.first { $0.sku == "N10" }?.amounts.first?.ppm == 100_000)
    }

    @Test("--evidence declared,printed leaves named amounts out")
    func evidenceRestricts() throws {
        let labelOnly = try #require(QueryEvidence(parsing: "declared,printed"))
        #expect(try skus("niacinamide >= 4%", evidence: labelOnly) == ["PRINTED"])
        #expect(try skus("niacinamide undisclosed", evidence: labelOnly).contains("N10"))
        #expect(try !skus("niacinamide undisclosed").contains("N10"))
        #expect(QueryEvidence(parsing: "declared,bounds") == nil)
    }

    @Test("position <= 3 and in the top 2 read the list's order")
    func positions() throws {
        #expect(try skus("niacinamide position <= 2") == ["EYE5", "PRINTED", "LOWER"])
        #expect(try skus("niacinamide in the top 2") == ["EYE5", "PRINTED", "LOWER"])
        #expect(try skus("niacinamide position = 4") == ["AFTER", "CICA", "CONTRA"])
    }

    @Test("above the 1% line: before a line known at or under 1 %; below: after it")
    func onePercentLine() throws {
        // Phenoxyethanol (Annex V, 1 %) is the 1 % line everywhere; niacinamide is before it except in AFTER and
        // CONTRA.
        #expect(
            try skus("niacinamide above the 1% line")
                == ["N10", "P3", "CICA", "EYE5", "PRINTED", "LOWER", "WASH"])
        #expect(try skus("niacinamide below the 1% line") == ["AFTER", "CONTRA"])
    }

    @Test("without the annexes, only printed amounts at or under 1 % set the line: none here")
    func onePercentLineWithoutAnnexes() throws {
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: ConcentrationEvidenceTests.rows, options: ImportOptions(now: fixedDate))
        #expect(try catalog.products(matching: "niacinamide above the 1% line").isEmpty)
    }
}
