import Foundation
import GRDB
import SkinDomain
import TestSupport
import Testing

@testable import SkinCatalog

/// Shortened names end to end: `Fixtures/real-like/shortened-names.csv` after the small CosIng look-alike
/// `cosing-like.csv`, on top of the reference data.
@Suite("Shortened names and ingredient groups in the catalog")
struct ShortenedNameImportTests {
    static func imported() throws -> (Catalog, ImportReport) {
        let catalog = try Catalog.inMemory()
        _ = try catalog.importDictionary(from: Paths.fixture("real-like/cosing-like.csv"), now: fixedDate)
        let report = try catalog.importCatalog(
            from: Paths.fixture("real-like/shortened-names.csv"), options: ImportOptions(now: fixedDate))
        return (catalog, report)
    }

    static func groups(_ catalog: Catalog) throws -> [String: [String]] {
        try catalog.read { db in
            var groups: [String: [String]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT g.inciName, m.inciName FROM ingredient g
                    LEFT JOIN ingredientGroupMember gm ON gm.groupId = g.id
                    LEFT JOIN ingredient m ON m.id = gm.memberId
                    WHERE g.origin = 'group' ORDER BY m.inciName
                    """)
            {
                groups[row[0], default: []] += (row[1] as String?).map { [$0] } ?? []
            }
            return groups
        }
    }

    @Test("a shortened name resolves to the one name it shortens, or to the group of all of them")
    func resolves() throws {
        let (catalog, report) = try Self.imported()
        #expect(report.shortenedTokens == 5)
        #expect(report.groupTokens == 4)
        #expect(report.unresolvedNames.map(\.name) == ["Castor Oil"])
        #expect(
            try Self.groups(catalog) == [
                "ROSA DAMASCENA": [
                    "ROSA DAMASCENA EXTRACT", "ROSA DAMASCENA FLOWER OIL", "ROSA DAMASCENA FLOWER WATER",
                ],
                "SODIUM LAUROYL": ["SODIUM LAUROYL LACTYLATE", "SODIUM LAUROYL SARCOSINATE"],
                "CITRUS AURANTIUM": ["CITRUS AURANTIUM BERGAMIA FRUIT OIL", "CITRUS AURANTIUM DULCIS PEEL OIL"],
            ])

        let milk = try #require(try catalog.product(sku: "90001"))
        let lines = Dictionary(uniqueKeysWithValues: milk.ingredients.map { ($0.printedName, $0) })
        #expect(lines["Rosa Damascena"]?.inciName == "ROSA DAMASCENA")
        #expect(lines["Rosa Damascena"]?.matchKind == .shortened)
        #expect(lines["Rosa Damascena"]?.groupSize == 3)
        #expect(lines["Helianthus Annuus (Sunflower) Oil"]?.inciName == "HELIANTHUS ANNUUS SEED OIL")
        #expect(lines["Helianthus Annuus (Sunflower) Oil"]?.matchKind == .shortened)
        #expect(lines["Helianthus Annuus (Sunflower) Oil"]?.groupSize == nil)
        #expect(lines["Castor Oil"]?.inciName == nil, "never matched by its end: PEG-60 HYDROGENATED CASTOR OIL")
        #expect(lines["Niacinamide"]?.matchKind == .exact)
    }

    @Test("a group is found by its name, and is in a class only when every member is")
    func queries() throws {
        let (catalog, _) = try Self.imported()
        let skus = { (query: String) in Set(try catalog.products(matching: query).map(\.sku)) }
        #expect(try skus("contains rosa damascena") == ["90001", "90003"], "both spellings are one group")
        // Both CITRUS AURANTIUM members are essential oils; ROSA DAMASCENA has a flower water and an extract.
        #expect(try skus("contains fragrance") == ["90002"])
        #expect(try skus("contains niacinamide") == ["90001"])
        let group = try #require(
            try catalog.ingredients(matching: "rosa damascena").first { $0.inciName == "ROSA DAMASCENA" })
        #expect(
            group.groupMembers == [
                "ROSA DAMASCENA EXTRACT", "ROSA DAMASCENA FLOWER OIL", "ROSA DAMASCENA FLOWER WATER",
            ])
        #expect(group.productCount == 2)
        let member = try catalog.ingredients(matching: "rosa damascena", includeUnused: true).first {
            $0.inciName == "ROSA DAMASCENA EXTRACT"
        }
        #expect(member?.groupMembers == [])
    }

    @Test("re-importing keeps the groups; a dictionary change resolves the names again at once, groups included")
    func dictionaryChanges() throws {
        let (catalog, _) = try Self.imported()
        let again = try catalog.importCatalog(
            from: Paths.fixture("real-like/shortened-names.csv"), options: ImportOptions(now: fixedDate))
        #expect(again.unchanged == 3)
        #expect(try Self.groups(catalog).count == 3)

        // ROSA DAMASCENA FLOWER CERA joins the rose group; SODIUM LAUROYL becomes a name of its own. The dictionary
        // import resolves every printed name again, so the products read the new dictionary before any re-import.
        let update = try catalog.importDictionary(
            from: Paths.fixture("real-like/cosing-like-update.csv"), now: fixedDate)
        #expect(update.added == 2)
        #expect(update.namesReresolved >= 1)
        let fresh = try #require(try catalog.product(sku: "90001"))
        #expect(fresh.ingredients.first { $0.printedName == "Rosa Damascena" }?.groupSize == 4)
        #expect(fresh.ingredients.first { $0.printedName == "Sodium Lauroyl" }?.matchKind == .exact)
        #expect(try Self.groups(catalog)["SODIUM LAUROYL"] == nil)

        let remade = try catalog.importCatalog(
            from: Paths.fixture("real-like/shortened-names.csv"), options: ImportOptions(now: fixedDate))
        #expect(remade.updated == 3)
        let groups = try Self.groups(catalog)
        #expect(groups["ROSA DAMASCENA"]?.count == 4)
        #expect(groups["SODIUM LAUROYL"] == nil)
        let milk = try #require(try catalog.product(sku: "90001"))
        #expect(milk.ingredients.first { $0.printedName == "Sodium Lauroyl" }?.matchKind == .exact)
    }
}
