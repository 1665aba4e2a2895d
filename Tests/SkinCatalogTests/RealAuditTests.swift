import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

/// The label audit on the real retailer exports (never committed), each imported with its profile after the CosIng
/// dictionary and the 2025 Annex III, V and VI exports, with Annex II and the allergen list read at run time. Skipped,
/// visibly, when `../shared/data/real` is absent. Reports the products per finding kind (docs/label-audit.md has
/// the figures the binary printed).
@Suite("Label audit on the real files", .enabled(if: Paths.realDataAvailable, "needs ../shared/data/real"))
struct RealAuditTests {
    @Test(
        "the audit runs on every real file and reports its counts per finding kind",
        arguments: [
            ("sephora-cosmetics", "sephora-cosmetics/cosmetics.csv"),
            ("sephora-daisy-final", "sephora-daisy-2026/product_info_final.csv"),
        ])
    func realFile(_ profile: String, _ path: String) throws {
        let catalog = try Catalog.inMemory()
        _ = try catalog.importDictionary(from: Paths.real("cosing/cosing.csv"), now: fixedDate)
        for annex in ["III", "V", "VI"] {
            _ = try catalog.importAnnex(
                from: Paths.real("cosing/COSING_Annex_\(annex)_v2_2025-11-11.txt"), now: fixedDate)
        }
        var options = ImportOptions(now: fixedDate)
        try options.configure(profile: profile, map: nil, key: nil)
        _ = try catalog.importCatalog(from: Paths.real(path), options: options)
        let audit = AuditOptions(
            annexII: Paths.real("cosing/COSING_Annex_II_v2_2025-11-11.txt"),
            allergens: Paths.real("cosing/eu-fragrance-allergens.csv"))
        var audited = 0
        let summary = try catalog.audit(audit) { _ in audited += 1 }
        let stored = try catalog.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM product") ?? 0 }
        #expect(audited == stored && stored > 400)
        #expect(summary.products == audited)
        #expect(summary.caveats.isEmpty, "\(summary.caveats)")
        // Real lists name phenoxyethanol and perfume allergens: some of each must be found.
        #expect((summary.productsPerKind[.fragranceAllergens] ?? 0) > 0)
        let counts = AuditFinding.Kind.allCases.map { "\($0.rawValue) \(summary.productsPerKind[$0] ?? 0)" }
        print("\(profile): \(summary.products) products; " + counts.joined(separator: ", "))
    }
}
