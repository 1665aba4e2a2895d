import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

@Suite("Reference data: the dictionary, the decoys and the studies every catalog starts with")
struct ReferenceDataTests {
    let catalog: Catalog

    init() throws { catalog = try Catalog.inMemory() }

    @Test(
        "NMN's names all resolve to NICOTINAMIDE MONONUCLEOTIDE (CAS 1094-61-7)",
        arguments: [
            "NMN", "nmn", "β-NMN", "beta-NMN", "b-NMN", "Nicotinamide Mononucleotide", "niacinamide mononucleotide",
        ])
    func nmnAliases(_ name: String) throws {
        let ingredient = try #require(try catalog.ingredient(named: name))
        #expect(ingredient.inciName == "NICOTINAMIDE MONONUCLEOTIDE")
        #expect(ingredient.casNumber == "1094-61-7")
        #expect(ingredient.classes.contains("nad-precursor"))
    }

    @Test(
        "niacinamide's names all resolve to NIACINAMIDE (CAS 98-92-0)",
        arguments: [
            "niacinamide", "Nicotinamide", "vitamin B3", "Vit. B3", "vitamin PP",
        ])
    func niacinamideAliases(_ name: String) throws {
        let ingredient = try #require(try catalog.ingredient(named: name))
        #expect(ingredient.inciName == "NIACINAMIDE")
        #expect(ingredient.casNumber == "98-92-0")
    }

    @Test(
        "decoys never resolve to NMN or niacinamide",
        arguments: [
            "NAD+", "NAD", "Nicotinamide Adenine Dinucleotide", "Niacin", "Nicotinic Acid", "Nicotinoyl Tripeptide-35",
            "Niacinamide Ascorbate", "Nicotinamide Riboside", "Nicotinamide Riboside Chloride",
        ])
    func decoys(_ name: String) throws {
        let ingredient = try #require(try catalog.ingredient(named: name), "\(name) should be its own ingredient")
        #expect(ingredient.inciName != "NICOTINAMIDE MONONUCLEOTIDE")
        #expect(ingredient.inciName != "NIACINAMIDE")
    }

    @Test("the look-alikes are recorded both ways")
    func lookalikes() throws {
        let nmn = try #require(try catalog.ingredient(named: "NMN"))
        #expect(nmn.lookalikes.contains("NICOTINAMIDE ADENINE DINUCLEOTIDE"))
        let niacinamide = try #require(try catalog.ingredient(named: "niacinamide"))
        #expect(niacinamide.lookalikes.contains("NIACIN"))
        let niacin = try #require(try catalog.ingredient(named: "niacin"))
        #expect(niacin.lookalikes.contains("NIACINAMIDE"))
        let pdrn = try #require(try catalog.ingredient(named: "PDRN"))
        #expect(pdrn.inciName == "SODIUM DNA")
    }

    @Test("peptides differ by number; a filtrate is not a lysate")
    func numberedAndFermented() throws {
        let one = try #require(try catalog.ingredient(named: "Palmitoyl Tripeptide-1"))
        let five = try #require(try catalog.ingredient(named: "Palmitoyl Tripeptide-5"))
        #expect(one.inciName != five.inciName)
        #expect(try catalog.ingredient(named: "Matrixyl")?.inciName == "PALMITOYL PENTAPEPTIDE-4")
        #expect(try catalog.ingredient(named: "Argireline")?.inciName == "ACETYL HEXAPEPTIDE-8")
        let filtrate = try #require(try catalog.ingredient(named: "Bifida Ferment Filtrate"))
        let lysate = try #require(try catalog.ingredient(named: "Bifida Ferment Lysate"))
        #expect(filtrate.inciName != lysate.inciName)
        #expect(filtrate.classes.contains("ferment-filtrate") && !filtrate.classes.contains("ferment-lysate"))
    }

    @Test("retired names map to current ones")
    func retiredNames() throws {
        #expect(try catalog.ingredient(named: "Ceramide 1")?.inciName == "CERAMIDE EOP")
        #expect(try catalog.ingredient(named: "Ceramide 3")?.inciName == "CERAMIDE NP")
    }

    @Test("the studies of DOMAIN.md section 4 are there, as described")
    func studies() throws {
        let nmn = try catalog.studies(ingredient: "NMN")
        // The article's three, and the related injection study DOMAIN.md names (issue 19).
        #expect(nmn.count == 4)
        let uv = try #require(nmn.first { $0.journal == "Photochemical & Photobiological Sciences" })
        #expect(uv.year == 2025 && uv.doi == "10.1007/s43630-025-00692-0" && uv.pmid == "40025354")
        #expect(uv.key == "doi:10.1007/s43630-025-00692-0" && uv.designs == [.inVitro, .animal])
        #expect(nmn.contains { $0.doi == "10.2147/jir.s327329" && $0.route == "injection" })
        #expect(nmn.filter { $0.doi == nil }.allSatisfy { $0.authors == nil })
        #expect(nmn.contains { $0.models.contains(.syntheticMembrane) && $0.endpoints.contains("permeation") })
        #expect(nmn.contains { $0.models == [.animal] && $0.duration == "10 weeks" })
        let niacinamide = try catalog.studies(ingredient: "vitamin B3")
        #expect(niacinamide.count == 3)
        #expect(niacinamide.allSatisfy { $0.models.contains(.humanRCT) })
        #expect(Set(niacinamide.compactMap(\.concentrationPpm)) == [50_000, 20_000])
        #expect(niacinamide.contains { $0.journal == "Dermatologic Surgery" && $0.year == 2005 })
    }

    @Test("every study concentration in the reference data is a readable amount")
    func concentrationsParse() throws {
        for study in ShippedStudies.entries {
            if let text = study.concentration {
                #expect(throws: Never.self, "\(study.key): \(text)") { try Amount(parsing: text) }
                #expect(study.concentrationPpm == (try? Amount(parsing: text))?.ppm)
            }
        }
    }

    @Test("evidence grades: niacinamide has human trials, NMN does not")
    func evidence() throws {
        #expect(try catalog.ingredient(named: "niacinamide")?.evidenceGrade == .humanRCT)
        let nmnGrade = try #require(try catalog.ingredient(named: "NMN")?.evidenceGrade)
        #expect(nmnGrade < .humanObservational)
    }

    @Test(
        "US drug names and certified colours resolve to their INCI and colour-index names",
        arguments: [
            ("Oxybenzone", "BENZOPHENONE-3"), ("Ensulizole", "PHENYLBENZIMIDAZOLE SULFONIC ACID"),
            ("Blue 1", "CI 42090"), ("FD&C Blue No. 1", "CI 42090"), ("Red 4", "CI 14700"), ("Red 40", "CI 16035"),
            ("FD&C Red No. 40 Aluminum Lake", "CI 16035"), ("Red 7 Lake", "CI 15850"), ("D&C Red No. 6", "CI 15850"),
            ("Yellow 5", "CI 19140"), ("yellow 6", "CI 15985"), ("Red 33", "CI 17200"),
        ])
    func usNames(_ printed: String, _ inci: String) throws {
        #expect(try catalog.ingredient(named: printed)?.inciName == inci)
    }

    @Test("the bundled version constant matches the file")
    func bundledVersion() {
        #expect(ReferenceData.bundled.version == ReferenceData.bundledVersion)
    }

    @Test("opening a catalog twice does not load the reference data twice")
    func loadedOnce() throws {
        let before = try catalog.read { db in try Catalog.dictionaryRevision(db) }
        try catalog.write { db in try Catalog.loadReferenceDataIfNeeded(db) }
        #expect(try catalog.read { db in try Catalog.dictionaryRevision(db) } == before)
        #expect(try catalog.ingredients(includeUnused: true).count == ReferenceData.bundled.ingredients.count)
    }

    @Test("loading the reference data again over a catalog with products changes no row")
    func idempotentLoad() throws {
        _ = try catalog.importCatalog(from: Paths.fixture("catalog.csv"))
        let before = try Self.snapshot(catalog)
        let revision = try catalog.read { db in try Catalog.dictionaryRevision(db) }
        // Forget the stored version, so the load runs its upserts again instead of returning early.
        try catalog.write { db in
            try db.execute(sql: "DELETE FROM catalogMeta WHERE key = ?", arguments: [Catalog.referenceDataVersionKey])
            #expect(try !Catalog.referenceDataIsCurrent(db))
            try Catalog.loadReferenceDataIfNeeded(db)
            #expect(try Catalog.referenceDataIsCurrent(db))
        }
        // The load ran (it bumps the dictionary revision) and left every row, id included, as it was.
        #expect(try catalog.read { db in try Catalog.dictionaryRevision(db) } != revision)
        let after = try Self.snapshot(catalog)
        #expect(before.keys.sorted() == after.keys.sorted())
        for (table, rows) in before where after[table] != rows {
            Issue.record("the second load changed \(table)")
        }
        #expect(before["ingredient"]?.count ?? 0 >= ReferenceData.bundled.ingredients.count)
        #expect(before["study"]?.count == ShippedStudies.entries.count)
    }

    /// Every row of every table, sorted, but what a load rewrites on purpose: the dictionary revision in
    /// `catalogMeta`, and the revision stamp and split-check flag of each printed name (it re-resolves them all;
    /// how each resolves is compared).
    private static func snapshot(_ catalog: Catalog) throws -> [String: [String]] {
        try catalog.read { db in
            let tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'catalogMeta'
                    """)
            var rows: [String: [String]] = [:]
            for table in tables {
                let columns =
                    table == "ingredientName" ? "id, printedName, fuzzy, nameKey, ingredientId, matchKind" : "*"
                rows[table] = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table)").map(\.description).sorted()
            }
            return rows
        }
    }
}
