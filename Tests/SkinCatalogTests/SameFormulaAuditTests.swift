import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// Finding 8 on purpose-built products (`Fixtures/audit/same-formula.csv`, see the README beside it): a pair under two
/// brands, one product in three sizes, and near misses. Expected findings are written out from the rows.
@Suite("Label audit: same formula, different product (issue 18)")
struct SameFormulaAuditTests {
    private func audit(_ options: AuditOptions = AuditOptions()) throws -> [String: [AuditFinding]] {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(
            from: Paths.fixture("audit/same-formula.csv"), options: ImportOptions(now: fixedDate))
        #expect(report.quarantined.isEmpty, "\(report.quarantined)")
        var found: [String: [AuditFinding]] = [:]
        try catalog.audit(options) { found[$0.sku] = $0.findings.filter { $0.kind == .sameFormula } }
        return found
    }

    @Test("the same list under two brands is reported on both, naming the other with its price")
    func pair() throws {
        let found = try audit()
        let a = try #require(found["DUPEA"]?.first)
        #expect(a.severity == .info)
        #expect(
            a.message
                == "the same 6-ingredient list, in the same order, is sold as 1 other product (another brand): "
                + "Borealis Daily Glow Serum (DUPEB)")
        #expect(
            a.evidence == [
                "list: 6 ingredients, 1 unresolved name matched as printed",
                "DUPEB: Borealis, Daily Glow Serum, 12.00 EUR",
            ])
        #expect(found["DUPEB"]?.first?.evidence.last == "DUPEA: Aurora, Hydra Serum, 42.00 EUR")
    }

    @Test("near misses: one product in three sizes, a swap, a substitution, another unresolved name, a short list")
    func nearMisses() throws {
        let found = try audit()
        for sku in ["SIZE50", "SIZE100", "SIZEMINI", "SWAP", "SUBST", "UNRES", "SHORTA", "SHORTB"] {
            #expect(found[sku] == [], "\(sku)")
        }
    }

    @Test("auditing one product still compares it with the whole catalog")
    func oneProduct() throws {
        let found = try audit(AuditOptions(sku: "DUPEB"))
        #expect(found.keys.sorted() == ["DUPEB"])
        #expect(found["DUPEB"]?.count == 1)
    }
}
