import Foundation
import GRDB
import Testing

@testable import SkinCatalog
@testable import SkinDomain

/// A record type with a sample value, so its encoded columns can be compared with its table's.
struct RecordSample: Sendable, CustomTestStringConvertible {
    let table: String
    let encodedColumns: @Sendable () throws -> Set<String>

    init<Record: EncodableRecord & TableRecord & Sendable>(_ record: Record) {
        table = Record.databaseTableName
        encodedColumns = { Set(try record.databaseDictionary.keys) }
    }

    var testDescription: String { table }
}

@Suite("Records of the reference, dictionary, annex, verdict and study tables")
struct ReferenceRecordTests {
    static let samples: [RecordSample] = [
        RecordSample(IngredientRecord(inciName: "NIACINAMIDE", origin: .reference)),
        RecordSample(
            IngredientAliasRecord(
                aliasKey: "niacinamide", alias: "Niacinamide", ingredientId: 1, kind: .inci, origin: .user)),
        RecordSample(IngredientClassRecord(name: "retinoid", label: "Retinoids", description: "vitamin A")),
        RecordSample(IngredientClassMemberRecord(ingredientId: 1, className: "retinoid")),
        RecordSample(IngredientGroupMemberRecord(groupId: 1, memberId: 2)),
        RecordSample(IngredientLookalikeRecord(ingredientId: 1, lookalikeId: 2, note: "not the same")),
        RecordSample(
            IngredientCapRecord(ingredientId: 1, productUse: .leaveOn, amountPpm: 10_000, citation: "Annex V")),
        RecordSample(
            DictionaryImportRecord(
                file: "cosing.csv", origin: .cosing, importedAt: "2026-01-01T00:00:00Z", rowsRead: 1, added: 1,
                updated: 0, unchanged: 0, keptReference: 0)),
        RecordSample(
            AnnexImportRecord(annex: .v, file: "annex.csv", importedAt: "2026-01-01T00:00:00Z", caps: 1, skipped: 0)),
        RecordSample(
            AnnexCapRecord(
                AnnexCap(
                    name: "PHENOXYETHANOL", annex: .v, reference: "29", line: 2, clause: nil, scope: .allProducts,
                    productType: "", ppm: 10_000, maximumText: "1 %", basis: nil), annexImportId: 1, ordinal: 1)),
        RecordSample(
            AnnexSkipRecord(
                AnnexSkip(annex: .v, reference: "7", line: 3, names: ["A", "B"], clause: nil, reason: "unreadable"),
                annexImportId: 1, ordinal: 1)),
        RecordSample(CatalogMetaRecord(key: "k", value: "v")),
        RecordSample(MigrationChecksumRecord(identifier: "0001", checksum: "00", origin: .applied)),
        RecordSample(
            StudyRecord(
                StudyEntry(title: "t", designs: [.humanRCT], ingredients: ["NMN"], endpoints: ["wrinkles"]), id: nil,
                origin: .user)),
        RecordSample(StudyEndpointRecord(studyId: 1, endpoint: "wrinkles")),
        RecordSample(StudyIngredientRecord(studyId: 1, ingredientId: 1)),
        RecordSample(StudyDesignRecord(studyId: 1, design: .humanRCT)),
        RecordSample(
            StoredVerdict(
                profile: "default", productId: 1, outcome: "worked", recordedAt: Date(timeIntervalSince1970: 0))),
    ]

    @Test("a record writes exactly its table's columns, so a misspelt or missing column fails here", arguments: samples)
    func columnsMatchTable(_ sample: RecordSample) throws {
        let catalog = try Catalog.inMemory()
        let columns = try catalog.read { db in try Set(db.columns(in: sample.table).map(\.name)) }
        let encoded = try sample.encodedColumns()
        #expect(encoded.subtracting(columns).isEmpty, "not columns of \(sample.table)")
        #expect(columns.subtracting(encoded).isEmpty, "columns the record leaves out")
    }

    @Test("every record covers its table: each table of the area has a sample")
    func everyTableHasARecord() {
        let tables: Set = [
            "ingredient", "ingredientAlias", "ingredientCap", "ingredientClass", "ingredientClassMember",
            "ingredientGroupMember", "ingredientLookalike", "annexCap", "annexImport", "annexSkip", "catalogMeta",
            "dictionaryImport", "study", "studyEndpoint", "studyIngredient", "studyDesign", "verdict",
            "migrationChecksum",
        ]
        #expect(Set(Self.samples.map(\.table)) == tables)
    }

    @Test("the reference data decodes back into records: ids from didInsert, enums read as stored")
    func referenceRowsDecode() throws {
        let catalog = try Catalog.inMemory()
        try catalog.read { db in
            let ingredients = try IngredientRecord.fetchAll(db)
            #expect(ingredients.count == ReferenceData.bundled.ingredients.count)
            #expect(ingredients.allSatisfy { $0.id != nil && $0.origin == .reference })
            let niacinamide = try #require(ingredients.first { $0.inciName == "NIACINAMIDE" })
            let aliases = try IngredientAliasRecord.filter(
                IngredientAliasRecord.Columns.ingredientId == niacinamide.id
            ).fetchAll(db)
            #expect(aliases.contains { $0.kind == .inci && $0.alias == "NIACINAMIDE" })
            #expect(try StudyRecord.fetchCount(db) == ShippedStudies.entries.count)
            #expect(try !StudyDesignRecord.fetchAll(db).isEmpty)
            #expect(
                try CatalogMetaRecord.value(for: Catalog.referenceDataVersionKey, db)
                    == String(ReferenceData.bundledVersion))
        }
    }
}
