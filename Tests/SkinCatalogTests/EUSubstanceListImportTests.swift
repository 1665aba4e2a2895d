import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

/// Issue 18: Annex II and the fragrance-allergen list loaded into the catalog by `dictionary import`, with their
/// provenance, and the audit reading them from there; a file given at run time wins. Digests and sizes below are
/// `sha256sum` and `wc -c` of the files, written out by hand.
@Suite("EU substance lists in the catalog (issue 18)")
struct EUSubstanceListImportTests {
    private func catalogWithLabels() throws -> Catalog {
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: Paths.fixture("audit/labels.csv"), options: ImportOptions(now: fixedDate))
        _ = try catalog.importAnnex(from: Paths.fixture("annex/annex-v-2025.txt"), now: fixedDate)
        return catalog
    }

    private func listImport(_ catalog: Catalog, _ path: String) throws -> EUListImportReport {
        guard case .substanceList(let report) = try catalog.importDictionaryFile(from: path, now: fixedDate) else {
            Issue.record("\(path) was not read as an EU substance list")
            throw CatalogError.database("not a list")
        }
        return report
    }

    @Test("Annex II (2025 and 2016 layouts) and the allergen list are recognised and stored with their provenance")
    func provenance() throws {
        let catalog = try Catalog.inMemory()
        let annex = try listImport(catalog, Paths.fixture("annex/annex-ii-2025.txt"))
        #expect(annex.list == .annexII)
        #expect(annex.fileVersion == "File creation date: 11/11/2025; Last update: 31/10/2025")
        #expect(annex.byteCount == 1127)
        #expect(annex.sha256 == "afd0f2efc5d5743b4bf02cba04c001a908de2d944995edac4689d69baaf4092b")
        let old = try listImport(catalog, Paths.fixture("annex/annex-ii-2016.csv"))
        #expect(old.fileVersion == "Update date up to 23/06/2015")
        #expect(old.entries == 4)  // the chemical name of refs 1 and 2, Acetylcholine, Acetylcholine bromide
        #expect(old.replaced == [Paths.fixture("annex/annex-ii-2025.txt")])
        let allergens = try listImport(catalog, Paths.fixture("annex/fragrance-allergens.csv"))
        #expect(allergens.list == .fragranceAllergens)
        #expect(allergens.fileVersion == "lists 2003, 2023")
        #expect(allergens.entries == 5)  // LINALOOL, LIMONENE, Citral, Geranial, Neral
        #expect(allergens.sha256 == "85cbd4cf441b54c4cfd73c89b9fc00310ca4666610b93955a5210033f034e12f")
        let runs = try catalog.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT list, fileName, fileVersion, byteCount, importedAt, entries FROM euListImport ORDER BY id")
        }
        #expect(runs.count == 3)
        #expect(runs.map { $0["entries"] as Int } == [0, 4, 5])  // the 2025 file was replaced by the 2016 one
        #expect(runs[0]["fileName"] as String == "annex-ii-2025.txt")
        #expect(runs[2]["importedAt"] as String == ISO8601DateFormatter().string(from: fixedDate))
        let acetylcholine = try catalog.read { db in
            try String.fetchOne(db, sql: "SELECT citation FROM euSubstance WHERE name = 'Acetylcholine bromide'")
        }
        #expect(acetylcholine == "Annex II ref 2")
    }

    @Test("a dry run stores nothing; a file that is neither list nor annex still loads as a dictionary")
    func dryRun() throws {
        let catalog = try Catalog.inMemory()
        let result = try catalog.importDictionaryFile(
            from: Paths.fixture("annex/fragrance-allergens.csv"), dryRun: true, now: fixedDate)
        guard case .substanceList(let report) = result else {
            Issue.record("not read as a list")
            return
        }
        #expect(report.dryRun && report.entries == 5)
        #expect(try catalog.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM euListImport") } == 0)
        #expect(try catalog.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM euSubstance") } == 0)
    }

    @Test("the audit checks the stored lists and says where they come from")
    func auditUsesStoredLists() throws {
        let catalog = try catalogWithLabels()
        var found: [String: [AuditFinding]] = [:]
        let before = try catalog.audit(AuditOptions()) { found[$0.sku] = $0.findings }
        #expect(found["LYRAL"] == [])
        #expect(before.caveats.contains { $0.hasPrefix("no Annex II list loaded or given") })
        _ = try listImport(catalog, Paths.fixture("annex/annex-ii-2025.txt"))
        _ = try listImport(catalog, Paths.fixture("annex/fragrance-allergens.csv"))
        let summary = try catalog.audit(AuditOptions()) { found[$0.sku] = $0.findings }
        // Only the annexes with caps the fixtures leave out are left to say.
        #expect(summary.caveats == ["Annex III, VI not loaded: their maxima are not checked"])
        #expect(found["LYRAL"]?.first?.kind == .prohibited)
        #expect(found["LYRAL"]?.first?.evidence.contains("Annex II ref 1380") == true)
        #expect(found["ROSE"]?.first?.message == "2 EU fragrance allergens labelled: Limonene, Citral")
        #expect(
            summary.lists == [
                "Annex II: annex-ii-2025.txt (File creation date: 11/11/2025; Last update: 31/10/2025; sha256 "
                    + "afd0f2efc5d5743b4bf02cba04c001a908de2d944995edac4689d69baaf4092b; imported "
                    + ISO8601DateFormatter().string(from: fixedDate) + ")",
                "fragrance allergens: fragrance-allergens.csv (lists 2003, 2023; sha256 "
                    + "85cbd4cf441b54c4cfd73c89b9fc00310ca4666610b93955a5210033f034e12f; imported "
                    + ISO8601DateFormatter().string(from: fixedDate) + ")",
            ])
    }

    @Test("a list file given to the audit wins over the stored one")
    func givenFileWins() throws {
        let catalog = try catalogWithLabels()
        _ = try listImport(catalog, Paths.fixture("annex/fragrance-allergens.csv"))
        let path = Paths.fixture("annex/fragrance-allergens-limonene.csv")
        var found: [String: [AuditFinding]] = [:]
        let summary = try catalog.audit(AuditOptions(allergens: path)) { found[$0.sku] = $0.findings }
        #expect(found["ROSE"]?.first?.message == "1 EU fragrance allergen labelled: Limonene")
        #expect(summary.lists.contains("fragrance allergens: \(path) (lists 2023; read at run time)"))
    }

    @Test(
        "the real Annex II exports and allergen list load with the versions and digests the files have",
        .enabled(if: Paths.realDataAvailable, "needs ../shared/data/real"))
    func realFiles() throws {
        let catalog = try Catalog.inMemory()
        let old = try listImport(catalog, Paths.real("cosing/COSING_Annex.II_v2.csv"))
        #expect(old.fileVersion == "Update date up to 23/06/2015")
        #expect(old.byteCount == 651_131)
        let new = try listImport(catalog, Paths.real("cosing/COSING_Annex_II_v2_2025-11-11.txt"))
        #expect(new.fileVersion == "File creation date: 11/11/2025; Last update: 31/10/2025")
        #expect(new.sha256 == "9e72de1238cebe86c45f268c01a3b451654582d3c0623a6bdebc502d9b441f46")
        #expect(new.entries > 2_000)
        let allergens = try listImport(catalog, Paths.real("cosing/eu-fragrance-allergens.csv"))
        // SOURCE.md gives the file's sha256 as `4d8e6ccf…797c`.
        #expect(allergens.sha256.hasPrefix("4d8e6ccf") && allergens.sha256.hasSuffix("797c"))
        #expect(allergens.fileVersion == "lists 2003, 2023")
        let hicc = try catalog.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT s.citation FROM euSubstance s JOIN euListImport r ON r.id = s.euListImportId
                    WHERE r.entries > 0 AND r.list = 'annexII' AND s.nameKey = ?
                    """, arguments: [NameKey("Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde").rawValue])
        }
        #expect(hicc == "Annex II ref 1380")
    }
}
