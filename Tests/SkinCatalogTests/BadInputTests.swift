import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

@Suite("Bad input: kept aside with its reason, never dropped or half-written")
struct BadInputTests {
    private func rawLine(_ file: String, _ line: Int) throws -> String {
        let text = try String(contentsOfFile: Paths.fixture(file), encoding: .utf8)
        return String(text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1])
    }

    @Test("mixed good and bad rows: the good land, each bad one is quarantined verbatim with line and reason")
    func mixed() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Paths.fixture("bad/mixed.csv"))
        #expect(report.rowsRead == 7)
        #expect(report.inserted == 4)
        #expect(report.quarantined.map(\.line) == [3, 5, 7])
        #expect(report.quarantined.map(\.field) == [nil, "sku", "actives"])
        #expect(report.quarantined[0].reason == "expected 12 fields as in the header, found 23")
        #expect(report.quarantined[1].reason == "is empty")
        #expect(report.quarantined[2].reason.contains("unknown unit \"furlongs\""))
        let stored = try catalog.quarantinedRows()
        #expect(stored.map(\.line) == [3, 5, 7])
        for row in stored {
            #expect(row.rawRow == (try rawLine("bad/mixed.csv", row.line)), "line \(row.line) must be kept verbatim")
            #expect(row.file == Paths.fixture("bad/mixed.csv"))
        }
        #expect(try catalog.product(sku: "MX-001") != nil)
        #expect(try catalog.product(sku: "MX-006") == nil)
    }

    @Test(
        "amount problems",
        arguments: [
            ("bad/negative-amount.csv", "NEG-002", "negative amount \"-5 ppm\""),
            ("bad/impossible-amount.csv", "IMP-002", "impossible amount \"200 %\" (more than 100 %)"),
            ("bad/not-a-number.csv", "NAN-002", "\"lots\" is not a number"),
        ])
    func amountProblems(file: String, badSKU: String, reason: String) throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Paths.fixture(file))
        #expect(report.inserted == 1)
        #expect(report.quarantined.count == 1)
        #expect(report.quarantined.first?.line == 3)
        #expect(report.quarantined.first?.field == "actives")
        #expect(report.quarantined.first?.reason == reason)
        #expect(report.quarantined.first?.rawRow.hasPrefix(badSKU) == true)
        #expect(try catalog.product(sku: badSKU) == nil)
    }

    @Test("--strict: the first bad row aborts the file with nothing written")
    func strict() throws {
        let catalog = try Catalog.inMemory()
        let path = Paths.fixture("bad/mixed.csv")
        #expect(
            throws: CatalogError.rowRejected(
                path: path, line: 3, field: nil,
                reason: "expected 12 fields as in the header, found 23")
        ) {
            try catalog.importCatalog(from: path, options: ImportOptions(strict: true))
        }
        #expect(try catalog.productCount() == 0)
        #expect(try catalog.quarantinedRows().isEmpty)
        #expect(try catalog.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM importRun") } == 0)
        // A first import defers the ingredient-line indexes; the rollback must bring them back.
        #expect(try catalog.schemaSQL() == (try Catalog.inMemory().schemaSQL()))
    }

    @Test("file-level failures: a clear error, nothing written")
    func fileFailures() throws {
        let catalog = try Catalog.inMemory()
        let noSKU = Paths.fixture("bad/no-sku-header.csv")
        #expect {
            try catalog.importCatalog(from: noSKU)
        } throws: { error in
            guard case CatalogError.badHeader(noSKU, let reason) = error else { return false }
            return reason.contains("no \"sku\" column")
        }
        let empty = Paths.fixture("bad/empty.csv")
        #expect(throws: CatalogError.emptyFile(path: empty)) { try catalog.importCatalog(from: empty) }
        let latin = Paths.fixture("bad/windows-1252.csv")
        #expect {
            try catalog.importCatalog(from: latin)
        } throws: { error in
            guard case CatalogError.malformedFile(latin, 2, let reason) = error else { return false }
            return reason.contains("field 2 (brand)") && reason.contains("--encoding windows-1252")
        }
        let missing = Paths.fixture("bad/does-not-exist.csv")
        #expect(throws: CatalogError.unreadableFile(path: missing, reason: "no such file")) {
            try catalog.importCatalog(from: missing)
        }
        #expect(try catalog.productCount() == 0)
        #expect(try catalog.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM importRun") } == 0)
    }

    @Test("a Windows-1252 file imports when its encoding is given")
    func windows1252() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(
            from: Paths.fixture("bad/windows-1252.csv"),
            options: ImportOptions(encoding: .windows1252))
        #expect(report.inserted == 2)
        let cream = try #require(try catalog.product(sku: "W1252-001"))
        #expect(cream.name == "Crème Hydratante™ NMN")
        #expect(cream.brand == "Maison Élise")
        #expect(cream.line("NICOTINAMIDE MONONUCLEOTIDE")?.amountPpm == 2000)
    }

    @Test("header only: zero rows is not an error")
    func headerOnly() throws {
        let report = try Catalog.inMemory().importCatalog(from: Paths.fixture("bad/header-only.csv"))
        #expect(report.rowsRead == 0)
        #expect(report.inserted == 0)
    }

    @Test("BOM, CRLF, quoted commas, embedded line breaks, doubled quotes")
    func bomCRLF() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Paths.fixture("bad/bom-crlf.csv"))
        #expect(report.inserted == 3)
        #expect(report.quarantined.isEmpty)
        let first = try #require(try catalog.product(sku: "BC-001"))
        #expect(first.brand == "Haneul Skin, Seoul")
        #expect(first.name == "The \"Dew\" Serum, NMN Edition")
        #expect(first.line("NICOTINAMIDE MONONUCLEOTIDE")?.amountPpm == 3000)
        let second = try #require(try catalog.product(sku: "BC-002"))
        #expect(second.name == "Night Cream\nwith Niacinamide")
        #expect(second.packaging == ["jar", "clear", "screw-cap"])
        #expect(second.url?.hasSuffix("\r") == false)
        let third = try #require(try catalog.product(sku: "BC-003"))
        #expect(third.sourceLineIsAfterTheEmbeddedBreak(in: catalog))
    }

    @Test("unknown columns are kept with the product and named in a warning; header case and order do not matter")
    func unknownColumns() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Paths.fixture("bad/unknown-columns.csv"))
        #expect(report.inserted == 2)
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.contains("\"shade\", \"spf\"") == true)
        let first = try #require(try catalog.product(sku: "UC-001"))
        #expect(first.extraFields == ["shade": "21 Light", "spf": "SPF 50+"])
        #expect(try catalog.product(sku: "UC-002")?.extraFields == ["shade": "", "spf": "30"])
    }

    @Test("SKUs are text: 007, 0007 and 7 are three products")
    func leadingZeros() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Paths.fixture("bad/leading-zeros.csv"))
        #expect(report.inserted == 3)
        for sku in ["007", "0007", "7"] { #expect(try catalog.product(sku: sku) != nil) }
    }

    @Test("a SKU twice in one file: the later row wins, with a warning")
    func duplicateSKU() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Paths.fixture("bad/duplicate-sku.csv"))
        #expect(report.inserted == 1)
        #expect(report.updated == 1)
        #expect(report.warnings.first?.contains("already appeared on line 2") == true)
        let product = try #require(try catalog.product(sku: "DUP-001"))
        #expect(product.name == "Second Name Serum")
        #expect(product.line("NIACINAMIDE")?.amountPpm == 100_000)
    }
}

extension ProductDetail {
    /// BC-003 starts on line 5 because BC-002's name holds a line break.
    func sourceLineIsAfterTheEmbeddedBreak(in catalog: Catalog) -> Bool {
        (try? catalog.read { db in
            try Int.fetchOne(db, sql: "SELECT sourceLine FROM product WHERE sku = ?", arguments: [sku])
        }) == 5
    }
}
