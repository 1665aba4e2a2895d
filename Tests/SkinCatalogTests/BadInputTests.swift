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
            return reason.contains("field 2 (brand)") && reason.contains("read it as windows-1252")
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

    // MARK: - Hardening: control characters, stray quotes, numbers, huge rows, encodings

    @Test("a NUL byte never cuts a field: the row is quarantined naming the field, and 00101 stays as it was")
    func nulByte() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Paths.fixture("bad/nul-byte.csv"))
        #expect(report.inserted == 2)
        #expect(report.updated == 0)
        #expect(report.warnings.isEmpty)
        #expect(report.quarantined.map(\.line) == [3, 4])
        #expect(report.quarantined.map(\.field) == ["sku", "name"])
        #expect(report.quarantined[0].reason.hasPrefix("contains a NUL byte (U+0000) at character 6"))
        #expect(report.quarantined[1].reason.hasPrefix("contains a control character (U+001B) at character 10"))
        #expect(report.quarantined[0].rawRow == "00101\u{0}X,Evil,Overwritten,Aqua")
        #expect(try catalog.product(sku: "00101")?.name == "Original Serum")
        #expect(try catalog.product(sku: "CC-004")?.name == "Tab\tin the name")
        // The stored raw row is whole: its NUL shows as U+2400 rather than ending the text.
        #expect(try catalog.quarantinedRows().first?.rawRow == "00101\u{2400}X,Evil,Overwritten,Aqua")
    }

    @Test("no other way in cuts text at a NUL: a profile's defaults, a sku looked up")
    func nulElsewhere() throws {
        let profile = ImportProfile(name: "p", columns: ["name": "Name"], defaults: ["brand": "Good\u{0}Evil"])
        #expect(throws: MappingError.controlCharacter(field: "brand", value: 0)) { try profile.mapping() }
        let catalog = try fixtureCatalog()
        #expect(try catalog.product(sku: "00101") != nil)
        #expect(try catalog.product(sku: "00101\u{0}X") == nil)
    }

    @Test("a NUL byte in the header stops the file naming the column")
    func nulInHeader() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("header.csv").path
        try Data("sku,bra\u{0}nd,name\n1,B,N\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try Catalog.inMemory().importCatalog(from: path)
        } throws: { error in
            guard case CatalogError.badHeader(path, let reason) = error else { return false }
            return reason.hasPrefix("column 2: contains a NUL byte (U+0000) at character 4")
        }
    }

    @Test("a stray quote that swallows a whole row is quarantined naming both lines; multi-line fields still land")
    func strayQuote() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Paths.fixture("bad/stray-quote.csv"))
        #expect(report.inserted == 3)
        #expect(report.quarantined.map(\.line) == [6])
        #expect(report.quarantined.first?.field == "name")
        #expect(
            report.quarantined.first?.reason
                == "a quoted field opened on line 6 swallows what looks like a whole row starting on line 7 (the "
                + "field closes on line 8); check for a stray quote")
        #expect(report.quarantined.first?.rawRow.contains("SQ-005,Brand,Closing,") == true)
        #expect(try catalog.product(sku: "SQ-001")?.ingredients.count == 4)
        #expect(try catalog.product(sku: "SQ-002")?.name == "Name over\ntwo lines")
        #expect(try catalog.product(sku: "SQ-003") == nil)
        #expect(try catalog.product(sku: "SQ-006") != nil)
    }

    @Test("numbers out of range are quarantined naming the field, never stored as infinity or a trap later")
    func hugeNumbers() throws {
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: Paths.fixture("bad/huge-numbers.csv"))
        #expect(report.inserted == 1)
        #expect(report.quarantined.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(report.quarantined.map(\.field) == ["price", "size", "actives", "ingredients", "price", "size"])
        #expect(
            report.quarantined[0].reason
                == "\"100000000000000000000\" is out of range: a price is at most 1,000,000,000")
        #expect(
            report.quarantined[1].reason.hasSuffix(
                "(403 characters) is out of range: a size is more than 0 and at most 1,000,000 mL or g"))
        #expect(report.quarantined[2].reason.hasPrefix("impossible amount \"99999"))
        #expect(report.quarantined.allSatisfy { $0.reason.count < 200 }, "long values are shortened in messages")
        let fine = try #require(try catalog.product(sku: "HN-001"))
        #expect(fine.price == 38)
        #expect(fine.sizeMl == 30)
    }

    @Test("a catalog holding a huge or infinite figure from before the range checks still shows, ranks and exports")
    func oldCatalogWithHugeFigures() throws {
        let catalog = try fixtureCatalog()
        try catalog.write { db in
            try db.execute(
                sql: "UPDATE product SET price = 1e20, regularPrice = 1e300, sizeMl = 9e999 WHERE sku = '00101'")
        }
        let product = try #require(try catalog.product(sku: "00101"))
        #expect(product.price == 1e20)
        #expect(product.sizeMl == nil, "an infinite size reads as unknown")
        _ = try JSONEncoder().encode(product)
        let options = RankingOptions(active: "NMN")
        let ranked = try catalog.ranking(options)
        #expect(ranked.contains { $0.sku == "00101" })
        let report = RankingReport(active: "NMN", products: ranked, rubric: options.rubric, catalogFingerprint: "")
        for format in RankingReport.Format.allCases { #expect(!report.render(format).isEmpty) }
        #expect(report.render(.csv).contains(",1e+20,USD"))
    }

    @Test("a field over 64 KiB or a list over 1,000 entries is quarantined; a row over 1 MiB is read past")
    func hugeRows() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.csv").path
        let longField = String(repeating: "Aqua ", count: 14_000)  // 70,000 bytes, one entry
        let manyEntries = (1...1_001).map { "Ingredient \($0)" }.joined(separator: ", ")  // about 16 KB
        let hugeRow = String(repeating: "Glycerin, ", count: 110_000)  // 1.1 MB
        let text =
            "sku,brand,name,ingredients\nOK-1,B,Fine,\"Aqua, Glycerin\"\nLF-2,B,Long,\"\(longField)\"\n"
            + "ME-3,B,Many,\"\(manyEntries)\"\nHR-4,B,Huge,\"\(hugeRow)\"\nOK-5,B,After,Aqua\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: path)
        #expect(report.inserted == 2)
        #expect(report.quarantined.map(\.line) == [3, 4, 5])
        #expect(report.quarantined.map(\.field) == ["ingredients", "ingredients", nil])
        #expect(report.quarantined[0].reason == "is 70,000 bytes long, more than the 65,536 a field may have")
        #expect(report.quarantined[1].reason == "lists 1,001 ingredients, more than the 1,000 a list may have")
        #expect(report.quarantined[2].reason.hasPrefix("the record is 1,100,014 bytes long, more than the 1,048,576"))
        #expect(report.quarantined[2].rawRow.utf8.count == 4_096)
        #expect(report.quarantinedByReason["row: too long"] == 1)
    }

    @Test("a list at the limits parses and resolves in well under a second (linear, not quadratic)")
    func rowAtTheLimits() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("limits.csv").path
        let names = ["Aqua", "Glycerin", "Niacinamide", "Butylene Glycol", "Xylo Extract"]
        var list = (0..<1_000).map { "\(names[$0 % names.count]) \($0)" }.joined(separator: ", ")
        list += String(repeating: " ", count: ProductListing.maxFieldBytes - list.utf8.count)
        try Data("sku,brand,name,ingredients\nL-1,B,N,\"\(list)\"\n".utf8).write(to: URL(fileURLWithPath: path))
        let clock = ContinuousClock()
        let catalog = try Catalog.inMemory()
        var report: ImportReport?
        let elapsed = try clock.measure { report = try catalog.importCatalog(from: path) }
        #expect(report?.inserted == 1)
        #expect(report?.ingredientTokens == 1_000)
        #expect(elapsed < .seconds(5), "a row at the limits took \(elapsed)")
    }

    @Test("a UTF-16 file is named as such, with the command that converts it")
    func utf16() throws {
        let path = Paths.fixture("bad/utf-16.csv")
        #expect(
            throws: CatalogError.malformedFile(
                path: path, line: 1,
                reason: "the file is UTF-16 (little-endian, from its byte-order mark); skincat reads UTF-8, "
                    + "Windows-1252 or Latin-1: convert it with iconv -f UTF-16 -t UTF-8")
        ) {
            try Catalog.inMemory().importCatalog(from: path, options: ImportOptions(encoding: .windows1252))
        }
    }
}

extension ProductDetail {
    /// BC-003 starts on line 5 because BC-002's name holds a line break.
    func sourceLineIsAfterTheEmbeddedBreak(in catalog: Catalog) -> Bool {
        (try? catalog.read { db in
            try Int.fetchOne(db, sql: "SELECT sourceLine FROM product WHERE sku = ?", arguments: [product.sku])
        }) == 5
    }
}
