import Foundation
import TestSupport
import Testing

/// Issue 15 through the built binary: an annex export loaded with `dictionary import`, the niacinamide ranking by
/// evidence, and a query's source column with and without `--evidence`.
@Suite("skincat concentration evidence end to end")
struct ConcentrationEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
        let imported = try cli.run("import", Paths.fixture("concentration/evidence.csv"))
        #expect(imported.status == 0)
    }

    @Test("dictionary import recognises Annex V; rank puts named 10 % over position 3 over after phenoxyethanol")
    func annexAndRank() throws {
        let annex = try cli.run("dictionary", "import", Paths.fixture("annex/annex-v-2025.txt"))
        #expect(annex.status == 0)
        #expect(annex.stdout.isEmpty)
        #expect(annex.stderr.contains("imported annex V from"))
        #expect(annex.stderr.contains("annex-v-2025.txt:") && annex.stderr.contains("Annex V ref 7"))
        let ranked = try cli.run("rank", "--active", "niacinamide", "--format", "jsonl")
        #expect(ranked.status == 0)
        let records = ranked.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let order = records.compactMap { $0["sku"] as? String }.filter { ["N10", "P3", "AFTER"].contains($0) }
        #expect(order == ["N10", "P3", "AFTER"])
        let after = try #require(records.first { $0["sku"] as? String == "AFTER" })
        #expect(after["amountEvidence"] as? String == "listOrder")
        #expect((after["interval"] as? [String: Any])?["text"] as? String == "<= 1 %")
        #expect((after["flags"] as? [String])?.contains("<= 1 % by list order") == true)
        let named = try #require(records.first { $0["sku"] as? String == "N10" })
        #expect((named["flags"] as? [String])?.contains("named 10 %, unconfirmed by the list") == true)
    }

    @Test("query shows named amounts in the source column; --evidence declared,printed leaves them out")
    func queryEvidence() throws {
        let all = try cli.run("query", "niacinamide >= 4%", "--format", "csv")
        #expect(all.status == 0)
        let rows = all.stdout.split(separator: "\r\n").dropFirst()
        #expect(rows.contains { $0.hasPrefix("N10,") && $0.contains(",100000,named,") })
        #expect(rows.contains { $0.hasPrefix("PRINTED,") && $0.contains(",40000,printed,") })
        let label = try cli.run("query", "niacinamide >= 4%", "--evidence", "declared,printed", "--format", "csv")
        #expect(label.stdout.split(separator: "\r\n").dropFirst().map { String($0.prefix(8)) } == ["PRINTED,"])
        let bad = try cli.run("query", "niacinamide >= 4%", "--evidence", "bounds")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown --evidence \"bounds\""))
    }
}
