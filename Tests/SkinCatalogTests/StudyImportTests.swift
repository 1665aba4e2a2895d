import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog
@testable import SkinDomain

/// Studies as data through the catalog (docs/studies.md): import, quarantine, re-import, add, remove, export, the
/// shipped file, the upgrade of an older catalog, and the ranking following the studies.
@Suite("Studies: import, cite and grade the evidence")
struct StudyImportTests {
    static let header = "doi,pmid,title,year,journal,design,route,ingredients,concentration,endpoints,outcome\n"

    /// A temporary file holding `text`, removed by the caller's `defer`.
    static func file(_ name: String, _ text: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a file imports by header name; bad rows are quarantined with file, line, field and reason")
    func importWithQuarantine() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.file(
            "reading.csv",
            """
            Title,Design,Ingredients,DOI,Route,Concentration,Outcome
            A topical NMN trial,human-rct,NMN,10.1000/nmn-trial,topical,0.5 %,positive
            A study of unobtainium,animal,Unobtainium; NMN,,,,
            A bad design,in vivo,NMN,,,,
            A topical NMN trial again,human-rct,NMN,https://doi.org/10.1000/NMN-TRIAL,topical,0.5 %,positive
            NAD+ and NMN side by side,in-vitro,NAD+; NMN,,,,null

            """, in: directory)
        let catalog = try Catalog.inMemory()
        let report = try catalog.importStudies(from: path, now: fixedDate)
        #expect(report.rowsRead == 5 && report.inserted == 2 && report.updated == 0 && report.unchanged == 0)
        #expect(report.quarantined.map(\.line) == [3, 4, 5])
        #expect(report.quarantined.map(\.field) == ["ingredients", "design", nil])
        #expect(report.quarantined[0].reason == "no ingredient named \"Unobtainium\" in the dictionary")
        #expect(report.quarantined[1].reason.hasPrefix("\"in vivo\" is not a study design"))
        #expect(report.quarantined[2].reason == "the same study as line 2 (doi:10.1000/nmn-trial)")
        // Kept in the catalog, with the file and the run, as a product import's are.
        let stored = try catalog.quarantinedRows(runId: report.runId)
        #expect(stored.map(\.line) == [3, 4, 5] && stored.allSatisfy { $0.file == path })
        #expect(stored[0].field == "ingredients" && stored[0].rawRow.contains("Unobtainium"))
        // Decoy-safe: NMN is never NAD+.
        let pair = try #require(try catalog.studies().first { $0.title == "NAD+ and NMN side by side" })
        #expect(pair.ingredients == ["NICOTINAMIDE ADENINE DINUCLEOTIDE", "NICOTINAMIDE MONONUCLEOTIDE"])
        #expect(pair.outcome == .null && pair.origin == "user")
        let trial = try #require(try catalog.studies().first { $0.doi == "10.1000/nmn-trial" })
        #expect(trial.concentrationPpm == 5000 && trial.route == "topical" && trial.designs == [.humanRCT])
        #expect(trial.citation == "A topical NMN trial. doi:10.1000/nmn-trial")
    }

    @Test("re-importing updates by DOI, PMID, or title and year; the same file again changes nothing")
    func reimport() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try Self.file(
            "a.csv",
            Self.header + ",,Known by its title,2024,,animal,oral,NMN,,,positive\n"
                + ",123,Known by its PMID,2023,,animal,,NMN,,,positive\n", in: directory)
        let catalog = try Catalog.inMemory()
        _ = try catalog.importStudies(from: first, now: fixedDate)
        let again = try catalog.importStudies(from: first, now: fixedDate)
        #expect(again.unchanged == 2 && again.inserted == 0 && again.updated == 0)
        let ids = try catalog.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM study WHERE origin = 'user' ORDER BY id")
        }
        // The DOI learnt for both: the title-keyed one by title and year, the other by its PMID.
        let second = try Self.file(
            "b.csv",
            Self.header + "10.1000/title,,Known by its title,2024,Journal,animal,oral,NMN,,,positive\n"
                + "10.1000/pmid,PMID: 123,Renamed,2023,,animal,,NMN,,,null\n", in: directory)
        let updated = try catalog.importStudies(from: second, now: fixedDate)
        #expect(updated.updated == 2 && updated.inserted == 0)
        let after = try catalog.read { db in
            try Row.fetchAll(db, sql: "SELECT id, key, outcome FROM study WHERE origin = 'user' ORDER BY id")
        }
        #expect(after.map { $0["id"] as Int64 } == ids)
        #expect(after.map { $0["key"] as String } == ["doi:10.1000/title", "doi:10.1000/pmid"])
        #expect(after.map { $0["outcome"] as String } == ["positive", "null"])
    }

    @Test("JSON Lines and a dry run; a header the contract cannot read fails the whole file")
    func jsonLinesAndDryRun() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = try Self.file(
            "s.jsonl",
            """
            {"doi":"10.1000/j","title":"JSON trial","year":2026,"design":["human-rct"],"route":"topical","ingredients":["NMN"],"concentration":"1%","endpoints":["collagen","hydration"]}
            {"title":"Broken","design":"animal","ingredients":"NMN","year":"last year"}

            """, in: directory)
        let catalog = try Catalog.inMemory()
        let before = try catalog.studies().count
        let dry = try catalog.importStudies(from: lines, dryRun: true, now: fixedDate)
        #expect(dry.inserted == 1 && dry.quarantined.count == 1 && dry.runId == nil)
        #expect(try catalog.studies().count == before)
        let report = try catalog.importStudies(from: lines, now: fixedDate)
        #expect(report.inserted == 1 && report.quarantined.first?.field == "year")
        #expect(try catalog.studies().first { $0.doi == "10.1000/j" }?.endpoints == ["collagen", "hydration"])
        let typo = try Self.file("t.csv", "title,desgin,ingredients\n", in: directory)
        #expect(
            throws: CatalogError.badHeader(path: typo, reason: "unknown column \"desgin\"; did you mean \"design\"?")
        ) { try catalog.importStudies(from: typo) }
    }

    @Test("add, remove by key, DOI or PMID; an unknown ingredient or study is an error naming it")
    func addAndRemove() throws {
        let catalog = try Catalog.inMemory()
        let entry = StudyEntry(
            doi: "10.1000/added", pmid: "42", title: "Added", designs: [.humanRCT], route: .topical,
            ingredients: ["beta-NMN"])
        #expect(try catalog.addStudy(entry) == .inserted)
        #expect(try catalog.addStudy(entry) == .unchanged)
        var changed = entry
        changed.outcome = .negative
        #expect(try catalog.addStudy(changed) == .updated)
        #expect(try catalog.studies(ingredient: "NMN").contains { $0.key == "doi:10.1000/added" })
        #expect(try catalog.removeStudy("PMID 42").key == "doi:10.1000/added")
        #expect(throws: CatalogError.unknownStudy("https://doi.org/10.1000/added")) {
            try catalog.removeStudy("https://doi.org/10.1000/added")
        }
        var unknown = entry
        unknown.ingredients = ["NMM-X"]
        #expect(throws: CatalogError.invalidStudy("ingredients: no ingredient named \"NMM-X\" in the dictionary")) {
            try catalog.addStudy(unknown)
        }
        // A shipped study can be removed too, by its DOI in any spelling.
        #expect(try catalog.removeStudy("10.2147/JIR.S327329").origin == "shipped")
    }

    @Test("export round-trips through import in every format")
    func exportRoundTrip() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try Catalog.inMemory()
        try source.addStudy(
            StudyEntry(
                doi: "10.1000/rt", title: "Round, \"trip\"", year: 2026, journal: "J", authors: "A B et al.",
                designs: [.inVitro, .exVivo], route: .topical, subjects: "skin; explants", durationWeeks: 1.5,
                ingredients: ["NMN", "1,2-Hexanediol"], concentration: "0.5 %", concentrationPpm: 5000,
                endpoints: ["permeation"], outcome: .null, url: "https://example.com/rt", summary: "s", provenance: "p")
        )
        let studies = try source.studies()
        for format in StudyExportFormat.allCases {
            let path = try Self.file("s.\(format.rawValue)", StudySummary.export(studies, as: format), in: directory)
            let target = try Catalog.inMemory()
            let report = try target.importStudies(from: path, now: fixedDate)
            #expect(report.quarantined.isEmpty, "\(format): \(report.quarantined)")
            let imported = try target.studies()
            #expect(imported.map(\.entry) == studies.map(\.entry), "\(format)")
            #expect(StudySummary.export(imported, as: format) == StudySummary.export(studies, as: format))
        }
    }

    @Test("the shipped studies load into a new catalog; a user's row of the same key is never overwritten")
    func shippedAndUser() throws {
        let catalog = try Catalog.inMemory()
        let shipped = try catalog.studies()
        #expect(shipped.count == ShippedStudies.entries.count && shipped.allSatisfy { $0.origin == "shipped" })
        var mine = try #require(ShippedStudies.entries.first { $0.doi == "10.1080/14764170600717704" })
        mine.outcome = .null
        #expect(try catalog.addStudy(mine) == .updated)
        try catalog.write { db in
            try db.execute(sql: "DELETE FROM catalogMeta WHERE key = ?", arguments: [Catalog.referenceDataVersionKey])
            try Catalog.loadReferenceDataIfNeeded(db)
        }
        let reloaded = try catalog.studies()
        #expect(reloaded.count == shipped.count)
        #expect(reloaded.first { $0.doi == "10.1080/14764170600717704" }?.outcome == .null)
        #expect(reloaded.first { $0.doi == "10.1080/14764170600717704" }?.origin == "user")
    }

    @Test("0013 keeps an older catalog's studies, then the shipped file replaces the slug-keyed rows")
    func upgrade() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for version in ["999", "3"] {
            let path = directory.appendingPathComponent("c\(version).sqlite").path
            do {
                let old = try DatabaseQueue(path: path, configuration: Catalog.configuration())
                try MigrationHelpers.migrate(old, upTo: "0011_add_sources_and_offers")
                try old.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO catalogMeta (key, value) VALUES ('referenceDataVersion', '\(version)');
                            INSERT INTO ingredient (id, inciName, origin) VALUES (1, 'NICOTINAMIDE MONONUCLEOTIDE', 'reference');
                            INSERT INTO study (id, key, title, route, summary, provenance) VALUES
                                (7, 'nmn-slug', 'Old', 'in-vitro', 's', 'p'), (8, 'review-slug', 'Old review', 'topical', 's', 'p');
                            INSERT INTO studyModel (studyId, model) VALUES (7, 'cells'), (8, 'review'), (8, 'human-rct');
                            INSERT INTO studyEndpoint (studyId, endpoint) VALUES (7, 'collagen');
                            INSERT INTO studyIngredient (studyId, ingredientId) VALUES (7, 1);
                            """)
                }
            }
            let catalog = try Catalog(path: path)
            let studies = try catalog.studies()
            if version == "999" {
                // The reference data is current: the rows are the migration's alone.
                #expect(studies.map(\.key) == ["nmn-slug", "review-slug"])
                #expect(
                    studies[0].designs == [.inVitro] && studies[0].route == nil && studies[0].endpoints == ["collagen"])
                #expect(studies[1].designs == [.humanRCT, .systematicReview] && studies[1].route == "topical")
                #expect(studies.allSatisfy { $0.origin == "shipped" && $0.outcome == .positive })
            } else {
                // The shipped file replaced them.
                #expect(Set(studies.map(\.key)) == Set(ShippedStudies.entries.map(\.key)))
            }
        }
    }

    // MARK: - The ranking follows the studies

    /// A catalog with two products declaring 0.5 % and 0.1 % NMN.
    static func products() throws -> (Catalog, URL) {
        let directory = try Paths.temporaryDirectory()
        let path = try file(
            "p.csv",
            """
            sku,brand,name,ingredients,actives
            HALF,B,Serum half,"Water, Glycerin, Nicotinamide Mononucleotide",NMN 0.5%
            TENTH,B,Serum tenth,"Water, Glycerin, Nicotinamide Mononucleotide",NMN 0.1%

            """, in: directory)
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: path, options: ImportOptions(now: fixedDate))
        return (catalog, directory)
    }

    static func evidence(_ catalog: Catalog) throws -> [String: Double] {
        var points: [String: Double] = [:]
        for product in try catalog.ranking(RankingOptions(active: "NMN")) {
            points[product.sku] = product.score.points(.evidence)
        }
        return points
    }

    @Test("importing a study changes the ranking exactly as the rubric says")
    func rankingFollowsStudies() throws {
        let (catalog, directory) = try Self.products()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Self.evidence(catalog)
        #expect(before == ["HALF": 5.5, "TENTH": 5.5])
        let trial = try Self.file(
            "trial.csv",
            Self.header + "10.1000/t,,Topical NMN trial,2026,,human-rct,topical,NMN,0.5%,collagen,positive\n",
            in: directory)
        _ = try catalog.importStudies(from: trial, now: fixedDate)
        let after = try Self.evidence(catalog)
        #expect(after["HALF"] == 10 && after["TENTH"] == 5.5)
        let explained = try #require(try catalog.ranking(RankingOptions(active: "NMN", skus: ["HALF"])).first)
        #expect(explained.score.evidenceStudies.first?.link == "https://doi.org/10.1000/t")
        #expect(try catalog.evidence(sku: "HALF").first { $0.active == "NMN" }?.studies.first?.key == "doi:10.1000/t")
        // A null trial at the same dose lowers both the product it speaks to and the other.
        let null = try Self.file(
            "null.csv", Self.header + "10.1000/n,,Null NMN trial,2026,,human-rct,topical,NMN,0.5%,collagen,null\n",
            in: directory)
        _ = try catalog.importStudies(from: null, now: fixedDate)
        let lowered = try Self.evidence(catalog)
        #expect(try #require(lowered["HALF"]) < 10)
        #expect(try #require(lowered["TENTH"]) < 5.5)
        // The same trial given orally counts less than topically.
        try catalog.removeStudy("10.1000/n")
        try catalog.addStudy(
            StudyEntry(
                doi: "10.1000/t", title: "Topical NMN trial", year: 2026, designs: [.humanRCT], route: .oral,
                ingredients: ["NMN"], concentration: "0.5%", concentrationPpm: 5000))
        #expect(try #require(try Self.evidence(catalog)["HALF"]) < 10)
    }
}
