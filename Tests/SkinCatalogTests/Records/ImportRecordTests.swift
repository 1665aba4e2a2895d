import Foundation
import GRDB
import Testing

@testable import SkinCatalog

/// The import's records against the migrated schema: a record whose property names a column the table lacks, or
/// that leaves one of the table's columns out, fails here, and so does the per-line insert if its values were bound
/// to the wrong columns.
@Suite("Import records")
struct ImportRecordTests {
    /// The columns a record writes, as its encoding names them.
    private static func encodedColumns(_ record: some MutablePersistableRecord) throws -> Set<String> {
        Set(try record.databaseDictionary.keys)
    }

    @Test("each whole-row record writes exactly its table's columns")
    func recordsCoverTheirTables() throws {
        let catalog = try Catalog.inMemory()
        try catalog.write { db in
            let listing = try ProductListing(
                fields: [
                    "S-1", "Brand", "Serum 30ml", "serum", "Aqua, Glycerin", "", "", "", "30 ml", "20", "EUR", "",
                ],
                layout: ColumnLayout(header: CatalogField.allCases.map(\.rawValue)))
            let product = ProductRow(
                sku: "S-1", listing: listing, extraFields: nil, contentHash: "h", importRunId: nil, sourceLine: 2,
                identityKey: nil, labelOfferId: 1)
            let offer = OfferRow(
                id: 1, sourceId: 1, productId: 1, listing: listing, isLabel: false, extraFields: nil,
                contentHash: "h", importRunId: 1, sourceLine: 2)
            let records: [(table: String, record: any MutablePersistableRecord)] = [
                ("product", product), ("offer", offer),
                ("offerMatch", OfferMatchRow(offerId: 1, decision: "merged", reason: "r", decidedAt: "t")),
                (
                    "offerDecision",
                    OfferDecisionRow(
                        sourceId: 1, sku: "a", otherSourceId: 2, otherSku: "b", kind: "link", decidedAt: "t")
                ),
                ("source", SourceRow(name: "shop", createdAt: "t")),
                (
                    "quarantinedRow",
                    QuarantineRow(importRunId: 1, file: "f", line: 2, reason: "r", rawRow: "x", reasonKind: "k")
                ),
                (
                    "productIngredient",
                    ProductIngredientRow(
                        productId: 1, line: 1, nameId: 1, mayContain: false, amountApproximate: false)
                ),
                (
                    "productDelivery",
                    ProductDeliveryRow(productId: 1, system: "liposomal", basis: "declared", evidence: "e")
                ),
                ("productListComponent", ProductListComponentRow(productId: 1, component: 1, firstPosition: 3)),
                (
                    "productNamedAmount",
                    ProductNamedAmountRow(
                        productId: 1, ordinal: 1, ingredientId: 1, phrase: "p", amountPpm: 1, amountApproximate: false,
                        amountText: "1ppm", text: "p 1ppm")
                ),
                (
                    "ingredientName",
                    IngredientNameRow(
                        printedName: "AQUA", fuzzy: false, nameKey: "AQUA", revision: "r", splitChecked: false)
                ),
            ]
            for (table, record) in records {
                #expect(type(of: record).databaseTableName == table)
                let columns = Set(try db.columns(in: table).map(\.name))
                #expect(try Self.encodedColumns(record) == columns, "\(table)")
            }
            // importRun: the record holds what a run starts with; a finished run's counts are set by name.
            let run = ImportRunRow(file: "f", startedAt: "t", profile: nil, sourceId: nil)
            #expect(try Self.encodedColumns(run).isSubset(of: Set(try db.columns(in: "importRun").map(\.name))))
        }
    }

    @Test("an import's rows read back by column name hold what the records wrote")
    func importRoundTrip() throws {
        let catalog = try Catalog.inMemory()
        try catalog.write { db in
            var run = ImportRunRow(file: "shop.csv", startedAt: "2026-01-01T00:00:00Z", profile: "p", sourceId: nil)
            let runId = try run.insertReturningId(db)
            #expect(run.id == runId)
            var source = SourceRow(name: "shop", createdAt: "2026-01-01T00:00:00Z")
            let sourceId = try source.insertReturningId(db)
            var product = ProductRow(
                sku: "S-1",
                listing: try ProductListing(
                    fields: ["S-1", "Brand", "Serum", "", "Aqua", "", "airless pump", "", "", "", "", ""],
                    layout: ColumnLayout(header: CatalogField.allCases.map(\.rawValue))),
                extraFields: nil, contentHash: "hash", importRunId: runId, sourceLine: 7, identityKey: "brand serum",
                labelOfferId: 40)
            let productId = try product.insertReturningId(db)
            var name = IngredientNameRow(
                printedName: "Aqua", fuzzy: true, nameKey: "AQUA", revision: "r1", splitChecked: true)
            let nameId = try name.insertReturningId(db)
            try LineInserter(db).insert(
                ProductIngredientRow(
                    productId: productId, line: 3, position: 2, nameId: nameId, mayContain: true, amountPpm: 5000,
                    amountSource: "printed", amountApproximate: true, amountText: "0.5%"))
            try ImportRunRow.filter(id: runId).updateAll(db, ImportRunRow.Columns.sourceId.set(to: sourceId))
            var report = ImportReport(file: "shop.csv", profile: "p", dryRun: false)
            (report.rowsRead, report.inserted, report.updated, report.unchanged) = (9, 8, 7, 6)
            (report.ingredientTokens, report.resolvedTokens, report.fuzzyTokens) = (50, 40, 3)
            (report.shortenedTokens, report.groupTokens, report.renamedTokens) = (2, 1, 4)
            (report.merged, report.forReview, report.keptApart, report.notSeen, report.pruned) = (5, 11, 12, 13, 14)
            try ImportRunRow.filter(id: runId).updateAll(db, ImportRunRow.finished(report, at: "done"))

            let line = try #require(try Row.fetchOne(db, sql: "SELECT * FROM productIngredient"))
            #expect(line["productId"] as Int64 == productId)
            #expect(line["line"] as Int == 3)
            #expect(line["position"] as Int == 2)
            #expect(line["nameId"] as Int64 == nameId)
            #expect(line["mayContain"] as Bool == true)
            #expect(line["amountPpm"] as Double == 5000)
            #expect(line["amountSource"] as String == "printed")
            #expect(line["amountApproximate"] as Bool == true)
            #expect(line["amountText"] as String == "0.5%")

            let stored = try #require(
                try Row.fetchOne(db, sql: "SELECT * FROM product WHERE id = ?", arguments: [productId]))
            #expect(stored["sku"] as String == "S-1")
            #expect(stored["isAirless"] as Bool == true)
            #expect(stored["isPump"] as Bool == true)
            #expect(stored["isJar"] as Bool == false)
            #expect(stored["importRunId"] as Int64 == runId)
            #expect(stored["sourceLine"] as Int == 7)
            #expect(stored["identityKey"] as String == "brand serum")
            #expect(stored["labelOfferId"] as Int64 == 40)
            #expect(stored["productUse"] as String? != nil)

            let storedRun = try #require(try Row.fetchOne(db, sql: "SELECT * FROM importRun"))
            #expect(storedRun["sourceId"] as Int64 == sourceId)
            let counts = [
                "rowsRead": 9, "inserted": 8, "updated": 7, "unchanged": 6, "ingredientTokens": 50,
                "resolvedTokens": 40, "fuzzyTokens": 3, "shortenedTokens": 2, "groupTokens": 1, "renamedTokens": 4,
                "merged": 5, "forReview": 11, "keptApart": 12, "notSeen": 13, "pruned": 14, "quarantined": 0,
                "unresolvedNames": 0,
            ]
            for (column, count) in counts { #expect(storedRun[column] as Int == count, "\(column)") }
            #expect(storedRun["finishedAt"] as String == "done")
            #expect(storedRun["profile"] as String == "p")
        }
    }
}
