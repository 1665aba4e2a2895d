import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

@Suite("Verdicts: add, list, remove, per profile")
struct VerdictTests {
    @Test("an outcome the catalog does not know is an error naming the column, never read as 'worked'")
    func unknownOutcomeThrows() throws {
        let catalog = try fixtureCatalog()
        try catalog.addVerdict(.failed, sku: "00101", at: fixedDate)
        // A catalog written by another program: the CHECK constraint is what normally keeps such a value out.
        try catalog.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE verdict SET outcome = 'meh'")
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        #expect {
            try catalog.verdicts()
        } throws: { error in
            guard case CatalogError.database(let message) = error else { return false }
            return message == "unknown value \"meh\" in verdict.outcome"
        }
    }

    @Test("add, list (failed first) and remove; profiles are kept apart")
    func crud() throws {
        let catalog = try fixtureCatalog()
        try catalog.addVerdict(.worked, sku: "00101", at: fixedDate)
        let failed = try catalog.addVerdict(.failed, sku: "00105", reason: .breakout, note: "chin", at: fixedDate)
        #expect(failed.brand == "Mirae Derm")
        try catalog.addVerdict(.failed, sku: "00101", reason: .irritation, profile: "sam", at: fixedDate)

        let mine = try catalog.verdicts()
        #expect(mine.map(\.sku) == ["00105", "00101"])
        #expect(
            mine.first
                == VerdictRecord(
                    profile: "default", sku: "00105", brand: "Mirae Derm",
                    name: "β-NMN Firming Cream", outcome: .failed, reason: .breakout,
                    note: "chin", recordedAt: fixedDate))
        #expect(try catalog.verdicts(profile: "sam").map(\.outcome) == [.failed])
        #expect(try catalog.verdictProfiles() == ["default", "sam"])

        let removed = try catalog.removeVerdict(sku: "00105")
        #expect(removed.outcome == .failed)
        #expect(try catalog.verdicts().map(\.sku) == ["00101"])
        #expect(try catalog.verdicts(profile: "sam").count == 1, "removing mine leaves sam's")
    }

    @Test("a second verdict on the same product is refused; replacing replaces it")
    func duplicate() throws {
        let catalog = try fixtureCatalog()
        try catalog.addVerdict(.failed, sku: "00105", profile: "sam")
        #expect(throws: CatalogError.duplicateVerdict(sku: "00105", profile: "sam", existing: .failed)) {
            try catalog.addVerdict(.worked, sku: "00105", profile: "sam")
        }
        let message = CatalogError.duplicateVerdict(sku: "00105", profile: "sam", existing: .failed).errorDescription
        // The library says what is wrong; the way out (a command line) is the CLI's to add (Terminal.message).
        #expect(message == "profile \"sam\" already has a verdict on 00105 (failed)")
        try catalog.addVerdict(.worked, sku: "00105", profile: "sam", replacing: true)
        #expect(try catalog.verdicts(profile: "sam").map(\.outcome) == [.worked])
    }

    @Test("unknown skus, missing verdicts, reasons on successes and bad profile names are clear errors")
    func errors() throws {
        let catalog = try fixtureCatalog()
        #expect(throws: CatalogError.unknownSKU("101")) { try catalog.addVerdict(.failed, sku: "101") }
        #expect(throws: CatalogError.unknownSKU("101")) { try catalog.removeVerdict(sku: "101") }
        #expect(throws: CatalogError.noVerdict(sku: "00101", profile: "default")) {
            try catalog.removeVerdict(sku: "00101")
        }
        #expect {
            try catalog.addVerdict(.worked, sku: "00101", reason: .breakout)
        } throws: { error in
            guard case CatalogError.invalidVerdict(let reason) = error else { return false }
            return reason.contains("says why a product failed")
        }
        for name in ["", " sam", String(repeating: "x", count: 65), "a\u{7}b"] {
            #expect(throws: CatalogError.self) { try catalog.addVerdict(.failed, sku: "00101", profile: name) }
        }
        #expect(try catalog.verdicts().isEmpty, "nothing was written by the failed calls")
    }

    @Test("verdicts survive a re-import that updates the product")
    func survivesReimport() throws {
        let catalog = try fixtureCatalog()
        try catalog.addVerdict(.failed, sku: "00101")
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("update.csv").path
        try """
        sku,brand,name,ingredients
        00101,Pfect-A,NMN Longevity Serum (new formula),"Water, Glycerin, Nicotinamide Mononucleotide"

        """.write(toFile: file, atomically: true, encoding: .utf8)
        // The same source as the fixture (named after its file): a sku is unique within its source.
        var options = ImportOptions()
        options.source = "catalog"
        let report = try catalog.importCatalog(from: file, options: options)
        #expect(report.updated == 1)
        #expect(try catalog.verdicts().map(\.name) == ["NMN Longevity Serum (new formula)"])
    }

    @Test("the schema refuses what the API refuses: a reason on a success, an unknown outcome, a duplicate")
    func constraints() throws {
        let catalog = try fixtureCatalog()
        let insert = "INSERT INTO verdict (profile, productId, outcome, reason, recordedAt) VALUES (?, 1, ?, ?, 'now')"
        #expect(throws: CatalogError.self) {
            try catalog.write { db in try db.execute(sql: insert, arguments: ["p", "worked", "breakout"]) }
        }
        #expect(throws: CatalogError.self) {
            try catalog.write { db in try db.execute(sql: insert, arguments: ["p", "meh", nil]) }
        }
        try catalog.write { db in try db.execute(sql: insert, arguments: ["p", "failed", "breakout"]) }
        #expect(throws: CatalogError.self) {
            try catalog.write { db in try db.execute(sql: insert, arguments: ["p", "worked", nil]) }
        }
    }
}
