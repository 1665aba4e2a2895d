import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

/// The import reads and parses on one thread and writes on another (ImportPipeline.swift). These files are longer
/// than the batches and the queue between the threads (64 rows × 16 batches), so rows cross many batches and the
/// reader runs ahead of the writer.
@Suite("Import pipeline: two threads, the same results")
struct ImportPipelineTests {
    static let header = "sku,brand,name,category,ingredients,actives,packaging,delivery,size,price,currency,url\n"

    /// `count` sound rows, sku 1 to `count`, each with a list that names its row.
    static func rows(_ count: Int) -> String {
        (1...count).map { index in
            "\(index),Brand \(index % 7),Serum \(index),serum,\"Water, Glycerin, Niacinamide, Ingredient \(index)\","
                + ",airless pump,,30ml,\(index % 90 + 10).50,EUR,\n"
        }.joined()
    }

    /// Holds the test's files; removed when this test's instance of the suite goes away.
    let temporary: TemporaryDirectory

    init() throws { temporary = try TemporaryDirectory() }

    func write(_ text: String) throws -> String {
        let path = temporary.url.appendingPathComponent("rows.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("every row of a 3,000-row file lands once, in order, with its own list")
    func everyRowLands() throws {
        let path = try write(Self.header + Self.rows(3_000))
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: path)
        #expect(report.rowsRead == 3_000)
        #expect(report.inserted == 3_000)
        #expect(try catalog.productCount() == 3_000)
        let lines = try catalog.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.sku, p.sourceLine, l.printedName FROM product p
                    JOIN productIngredientLine l ON l.productId = p.id AND l.position = 4
                    WHERE p.sku IN ('1', '64', '65', '1024', '1025', '3000') ORDER BY p.sourceLine
                    """
            ).map { "\($0[0] as String) \($0[1] as Int) \($0[2] as String)" }
        }
        #expect(
            lines == [
                "1 2 Ingredient 1", "64 65 Ingredient 64", "65 66 Ingredient 65", "1024 1025 Ingredient 1024",
                "1025 1026 Ingredient 1025", "3000 3001 Ingredient 3000",
            ])
    }

    @Test("a file that breaks after 2,000 sound rows fails at its line, and nothing is imported")
    func malformedLateInTheFile() throws {
        var bytes = Data((Self.header + Self.rows(2_000)).utf8)
        bytes.append(contentsOf: Array("2001,Br".utf8) + [0xE9] + Array("nd,Serum,serum,Water,,,,,,,\n".utf8))
        bytes.append(contentsOf: Array(Self.rows(5).replacingOccurrences(of: "\n", with: "x\n").utf8))
        let path = temporary.url.appendingPathComponent("late.csv").path
        try bytes.write(to: URL(fileURLWithPath: path))
        let catalog = try Catalog.inMemory()
        #expect {
            try catalog.importCatalog(from: path)
        } throws: { error in
            guard case CatalogError.malformedFile(path, 2_002, let reason) = error else { return false }
            return reason.contains("brand")
        }
        // Nothing at all: no product, no ingredient line or name, no quarantined row, no record of the run.
        #expect(try catalog.productCount() == 0)
        #expect(try catalog.quarantinedRows().isEmpty)
        let leftovers = try catalog.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM importRun) + (SELECT count(*) FROM productIngredient)
                        + (SELECT count(*) FROM ingredientName)
                    """)
        }
        #expect(leftovers == 0)
    }

    @Test("--stop-after stops the reader too: exactly that many rows, from a file far longer")
    func stopAfterInALongFile() throws {
        let path = try write(Self.header + Self.rows(5_000))
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(from: path, options: ImportOptions(stopAfter: 1_500))
        #expect(report.rowsRead == 1_500)
        #expect(try catalog.productCount() == 1_500)
        #expect(try catalog.product(sku: "1500") != nil)
        #expect(try catalog.product(sku: "1501") == nil)
    }

    @Test("--strict stops at the first bad row of a long file, names it, and imports nothing")
    func strictStopsTheReader() throws {
        let rows = Self.rows(3_000).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines = rows
        lines[1_799] = "1800,Brand,Serum,serum,Water,,,,30ml,-4,EUR,"
        let path = try write(Self.header + lines.joined(separator: "\n"))
        let catalog = try Catalog.inMemory()
        #expect {
            try catalog.importCatalog(from: path, options: ImportOptions(strict: true))
        } throws: { error in
            guard case CatalogError.rowRejected(path, 1_801, "price", _) = error else { return false }
            return true
        }
        #expect(try catalog.productCount() == 0)
    }

    @Test("progress reports rows and bytes that only grow, ending at the whole file")
    func progressGrows() throws {
        let text = Self.header + Self.rows(12_000)
        let path = try write(text)
        var seen: [ImportProgress] = []
        _ = try Catalog.inMemory().importCatalog(from: path) { seen.append($0) }
        #expect(seen.count >= 3)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.rowsRead <= $1.rowsRead && $0.bytesRead <= $1.bytesRead })
        #expect(seen.last?.rowsRead == 12_000)
        #expect(seen.last?.bytesRead == Int64(text.utf8.count))
    }
}
