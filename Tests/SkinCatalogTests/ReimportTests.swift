import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

@Suite("Re-import, dry runs and updates")
struct ReimportTests {
    /// Everything a product is, in a stable order, without import-run bookkeeping.
    private func dump(_ catalog: Catalog) throws -> [String] {
        try catalog.read { db in
            let products = try Row.fetchAll(
                db,
                sql: """
                    SELECT sku, brand, name, category, ingredientsText, activesText, sizeText, sizeMl, sizeG, price,
                           currency, url, packagingText, isAirless, isOpaque, isLightProtective, isSingleUse, isJar,
                           isClear, isPump, isDropper, isTube, isScrewCap, deliveryText, extraFields, contentHash
                    FROM product ORDER BY sku
                    """
            ).map(\.description)
            let lines = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.sku, pi.position, pi.printedName, pi.nameKey, pi.ingredientId, pi.mayContain, pi.amountPpm,
                           pi.amountSource, pi.amountApproximate, pi.amountText
                    FROM productIngredientLine pi JOIN product p ON p.id = pi.productId
                    ORDER BY p.sku, pi.mayContain, pi.position, pi.printedName
                    """
            ).map(\.description)
            let deliveries = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.sku, d.system, d.basis, d.evidence FROM productDelivery d JOIN product p ON p.id = d.productId
                    ORDER BY p.sku, d.system
                    """
            ).map(\.description)
            return products + lines + deliveries
        }
    }

    @Test("importing the same file twice leaves the same catalog")
    func idempotent() throws {
        let catalog = try Catalog.inMemory()
        let path = Paths.fixture("catalog.csv")
        _ = try catalog.importCatalog(from: path)
        let before = try dump(catalog)
        let second = try catalog.importCatalog(from: path)
        #expect(second.inserted == 0)
        #expect(second.updated == 0)
        #expect(second.unchanged == 50)
        #expect(try dump(catalog) == before)
    }

    @Test("re-importing a file with bad rows quarantines them again and changes nothing else")
    func idempotentWithBadRows() throws {
        let catalog = try Catalog.inMemory()
        let path = Paths.fixture("bad/mixed.csv")
        _ = try catalog.importCatalog(from: path)
        let before = try dump(catalog)
        let second = try catalog.importCatalog(from: path)
        #expect(second.unchanged == 4)
        #expect(second.quarantined.count == 3)
        #expect(try dump(catalog) == before)
    }

    @Test("a changed row replaces its product and its ingredient lines")
    func update() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("v.csv").path
        let header = "sku,brand,name,ingredients,actives,packaging\n"
        try (header + "A1,Brand,Serum,\"Water, NMN, Glycerin\",NMN 500 ppm,clear jar\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: file)
        try (header + "A1,Brand,Serum,\"Water, Glycerin, NMN\",NMN 2000 ppm,airless pump\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let report = try catalog.importCatalog(from: file)
        #expect(report.updated == 1)
        let product = try #require(try catalog.product(sku: "A1"))
        #expect(product.line("NICOTINAMIDE MONONUCLEOTIDE")?.amountPpm == 2000)
        #expect(product.line("NICOTINAMIDE MONONUCLEOTIDE")?.position == 3)
        #expect(product.packaging == ["airless", "pump"])
        #expect(product.ingredients.count == 3)
    }

    @Test("a dry run reports what would happen and writes nothing")
    func dryRun() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(
            from: Paths.fixture("bad/mixed.csv"),
            options: ImportOptions(dryRun: true))
        #expect(report.inserted == 4)
        #expect(report.quarantined.count == 3)
        #expect(report.runId == nil)
        #expect(try catalog.productCount() == 0)
        #expect(try catalog.quarantinedRows().isEmpty)
    }

    @Test("--stop-after reads only that many rows")
    func stopAfter() throws {
        let report = try Catalog.inMemory().importCatalog(
            from: Paths.fixture("catalog.csv"),
            options: ImportOptions(stopAfter: 5))
        #expect(report.rowsRead == 5)
        #expect(report.inserted == 5)
    }
}
