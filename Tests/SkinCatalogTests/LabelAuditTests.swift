import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// Issue 18: the label audit on purpose-built products (`Fixtures/audit/labels.csv`, see its README) imported into a
/// real catalog, with the Annex V fixture loaded and the Annex II and allergen fixtures read at run time. Expected
/// findings are written out by hand from the rows, never computed with the audit.
@Suite("Label audit (issue 18)")
struct LabelAuditTests {
    static let rows = Paths.fixture("audit/labels.csv")

    private func catalog(annexes: Bool = true) throws -> Catalog {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Self.rows, options: ImportOptions(now: fixedDate))
        #expect(report.quarantined.isEmpty, "\(report.quarantined)")
        if annexes { _ = try catalog.importAnnex(from: Paths.fixture("annex/annex-v-2025.txt"), now: fixedDate) }
        return catalog
    }

    private func audit(_ catalog: Catalog, batchSize: Int = 500) throws -> (
        [String: [AuditFinding]], AuditSummary
    ) {
        var options = AuditOptions(
            annexII: Paths.fixture("annex/annex-ii-2025.txt"),
            allergens: Paths.fixture("annex/fragrance-allergens.csv"))
        options.batchSize = batchSize
        var found: [String: [AuditFinding]] = [:]
        let summary = try catalog.audit(options) { found[$0.sku] = $0.findings }
        return (found, summary)
    }

    private func kinds(_ findings: [AuditFinding]?) -> [String] { (findings ?? []).map(\.kind.rawValue) }

    @Test("asked for, the findings join the ranking's flags; not asked for, the flags are the rubric's alone")
    func findingsInRankingFlags() throws {
        let catalog = try catalog()
        var options = RankingOptions(active: "niacinamide")
        options.auditFindings = true
        let flagged = Dictionary(uniqueKeysWithValues: try catalog.ranking(options).map { ($0.sku, $0.score.flags) })
        #expect(flagged["TRACE"]?.contains("finding: headline-trace") == true, "\(flagged["TRACE"] ?? [])")
        #expect(flagged["TWOPCT"]?.contains("finding: headline-trace") == false)
        #expect(!flagged.values.joined().contains("finding: fragrance-allergens"), "allergens are information")
        let plain = try catalog.ranking(RankingOptions(active: "niacinamide"))
        #expect(!plain.flatMap(\.score.flags).contains { $0.hasPrefix("finding:") })
    }

    @Test("with a limit, only the kept products are audited, and each keeps the flags the full ranking gives it")
    func findingsWithLimit() throws {
        let catalog = try catalog()
        var options = RankingOptions(active: "niacinamide")
        options.auditFindings = true
        let full = try catalog.ranking(options)
        #expect(full.count > 3)
        #expect(full.contains { $0.score.flags.contains { $0.hasPrefix("finding:") } })
        for limit in 1...full.count {
            options.limit = limit
            let kept = try catalog.ranking(options)
            #expect(kept.map(\.sku) == full.prefix(limit).map(\.sku))
            #expect(kept.map(\.score.flags) == full.prefix(limit).map(\.score.flags), "limit \(limit)")
        }
    }

    @Test("headline active after phenoxyethanol (capped at 1 % by Annex V) is a trace; listed 3rd before it is not")
    func headlineTrace() throws {
        let (found, _) = try audit(catalog())
        let trace = try #require(found["TRACE"]?.first { $0.kind == .headlineTrace })
        #expect(trace.severity == .high)
        #expect(trace.active == "niacinamide")
        #expect(trace.message.contains("position 4, after the 1 % line at position 3"))
        #expect(trace.evidence.contains("1 % line: position 3, Phenoxyethanol capped at 1 % by Annex V ref 29"))
        #expect(!kinds(found["THIRD"]).contains("headline-trace"))
        #expect(!kinds(found["TWOPCT"]).contains("headline-trace"))
        // `Niacinamide-Free` is no headline: nothing about niacinamide at all.
        #expect(found["NEGATED"] == [])
        // Declared NMN 4,000 ppm: over NMN's 0.1 %, under 1 %: not a trace, not undisclosed.
        #expect(found["NMNPUMP"] == [])
    }

    @Test("without the annexes no 1 % line is known, so no trace is claimed")
    func withoutAnnexes() throws {
        let (found, summary) = try audit(catalog(annexes: false))
        #expect(!kinds(found["TRACE"]).contains("headline-trace"))
        #expect(summary.caveats.first?.hasPrefix("no EU annex loaded") == true)
    }

    @Test("a named amount against the list order and against a printed amount; a matching one is fine")
    func claimAgainstLabel() throws {
        let (found, _) = try audit(catalog())
        let order = try #require(found["CLAIM10"]?.first { $0.kind == .claimAgainstLabel })
        #expect(
            order.message == "the name claims Niacinamide 10% (10 %), but the list order allows Niacinamide at most 1 %"
        )
        #expect(order.severity == .high)
        let printed = try #require(found["CLAIMPRINT"]?.first { $0.kind == .claimAgainstLabel })
        #expect(printed.message == "the name claims Niacinamide 10% (10 %), the label says Niacinamide printed at 5 %")
        #expect(!kinds(found["TWOPCT"]).contains("claim-vs-label"))
    }

    @Test("undisclosed headline, NMN in a clear jar, decoys for NMN and niacinamide")
    func undisclosedPackagingDecoys() throws {
        let (found, _) = try audit(catalog())
        #expect(kinds(found["THIRD"]) == ["undisclosed-concentration"])
        #expect(kinds(found["NMNJAR"]) == ["undisclosed-concentration", "packaging-vs-active"])
        #expect(found["NMNJAR"]?.first?.severity == .warning)
        #expect(found["NMNJAR"]?.last?.message.contains("packed in a clear jar") == true)
        #expect(kinds(found["NADDECOY"]) == ["name-decoy"])
        #expect(found["NADDECOY"]?.first?.message.contains("Nicotinamide Adenine Dinucleotide") == true)
        #expect(kinds(found["NIACIN"]) == ["name-decoy"])
    }

    @Test("EU maxima by product type: over in leave-on, unknown type said, rinse-off within, Annex II present")
    func euRules() throws {
        let (found, summary) = try audit(catalog())
        let sorbate = try #require(found["SORBATE"]?.first)
        #expect(sorbate.kind == .overAnnexCap && sorbate.severity == .high)
        #expect(sorbate.message.contains("over the 0.6 % the EU allows in leave-on products (Annex V ref 4"))
        #expect(found["SORBOK"] == [])
        let mask = try #require(found["BENZMASK"]?.first)
        #expect(mask.severity == .warning)
        #expect(mask.message.contains("the product type is unknown"))
        #expect(mask.evidence.contains("product type: unknown (not told by the category or the name)"))
        #expect(found["BENZWASH"] == [])  // rinse-off: 1 % under the 2.5 % of Annex V ref 1 (a)
        #expect(summary.unknownUse == 1)
        let lyral = try #require(found["LYRAL"]?.first)
        #expect(lyral.kind == .prohibited)
        #expect(lyral.evidence.contains("Annex II ref 1380") && lyral.severity == .high)
        // Ref 904 prohibits petrolatum only unless refined: a warning that says so, never `high`.
        let petrolatum = try #require(found["PETRO"]?.first)
        #expect(petrolatum.kind == .prohibited && petrolatum.severity == .warning)
        #expect(petrolatum.message.contains("under a condition the label cannot show"))
        #expect(petrolatum.message.contains("(Annex II ref 904 (conditional: except if the full refining history"))
    }

    @Test("fragrance-free with parfum and linalool; fragrance-free without; allergens listed")
    func fragrance() throws {
        let (found, _) = try audit(catalog())
        #expect(kinds(found["FFREE"]) == ["fragrance-free-contradicted", "fragrance-allergens"])
        #expect(found["FFREE"]?.first?.message == "claims \"fragrance free\" but lists Parfum, Linalool")
        #expect(found["FFREEOK"] == [])
        let rose = try #require(found["ROSE"]?.first)
        #expect(rose.message == "2 EU fragrance allergens labelled: Limonene, Citral")
        #expect(rose.evidence.contains("line 5: Citral (EU allergen list 2023, Annex III ref 70)"))
    }

    @Test("batches of one give the same findings and counts as one batch, in id order")
    func batches() throws {
        let catalog = try catalog()
        let (whole, summary) = try audit(catalog)
        let (small, smallSummary) = try audit(catalog, batchSize: 1)
        #expect(whole == small)
        #expect(summary.products == 19 && smallSummary.products == 19)
        #expect(summary.productsPerKind == smallSummary.productsPerKind)
        #expect(summary.productsPerKind[.headlineTrace] == 2)
        #expect(summary.productsWithFindings == 13)  // every row of the README table but the six "nothing"
    }

    @Test("one sku, a query, an unknown sku")
    func selection() throws {
        let catalog = try catalog()
        var skus: [String] = []
        _ = try catalog.audit(AuditOptions(sku: "TRACE")) { skus.append($0.sku) }
        #expect(skus == ["TRACE"])
        skus = []
        _ = try catalog.audit(AuditOptions(query: try QueryParser.parse("brand = Alpha or brand = Beta"))) {
            skus.append($0.sku)
        }
        #expect(skus == ["TRACE", "THIRD"])
        #expect(throws: CatalogError.unknownSKU("NOPE")) { try catalog.audit(AuditOptions(sku: "NOPE")) { _ in } }
        #expect(throws: CatalogError.self) {
            try catalog.audit(AuditOptions(annexII: Paths.fixture("catalog.csv"))) { _ in }
        }
    }
}
