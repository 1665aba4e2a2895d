import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// The value columns of `skincat rank` and `skincat export`: the price per mL or g and per 100 mg of the ranked
/// active, from declared or printed amounts only.
@Suite("Value in rankings and exports")
struct RankingValueTests {
    /// Three NMN products: a declared amount, an amount only in the name, and one only listed (a list-order bound).
    func catalog() throws -> Catalog {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("value.csv").path
        try """
        sku,brand,name,ingredients,actives,size,price,currency
        d1,Brand,Declared Serum,"Water, Nicotinamide Mononucleotide, Glycerin",NMN 4000 ppm,30 mL,58,USD
        n1,Brand,NMN 5% Named Serum,"Water, Nicotinamide Mononucleotide, Glycerin",,50 g,40,USD
        l1,Brand,Listed Serum,"Water, Glycerin, Nicotinamide Mononucleotide, Phenoxyethanol",,,25,USD

        """.write(toFile: file, atomically: true, encoding: .utf8)
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: file, options: ImportOptions(now: fixedDate))
        return catalog
    }

    @Test("58 USD for 30 mL at 4,000 ppm: 1.93 USD per mL and 48.33 USD per 100 mg; named amounts give no per 100 mg")
    func valueByHand() throws {
        let ranked = try catalog().ranking(RankingOptions(active: "NMN"))
        let bySku = Dictionary(uniqueKeysWithValues: ranked.map { ($0.sku, $0) })
        let declared = try #require(bySku["d1"])
        #expect(declared.value.unit == .millilitre)
        #expect(abs((declared.value.perUnit ?? 0) - 58.0 / 30) < 1e-9)
        // 4,000 ppm × 30 mL / 1000 = 120 mg; 58 / 120 × 100 = 48.33.
        let nmn = try #require(declared.value.actives.first)
        #expect(abs(nmn.milligrams - 120) < 1e-9)
        #expect(abs(nmn.per100mg - 58.0 / 120 * 100) < 1e-9)

        let named = try #require(bySku["n1"])
        #expect(named.amountSource == .named, "the score uses the name's 5 %")
        #expect(named.value.unit == .gram)
        #expect(abs((named.value.perUnit ?? 0) - 40.0 / 50) < 1e-9)
        #expect(named.value.actives.isEmpty, "a figure in the name is not a value")

        let listed = try #require(bySku["l1"])
        #expect(listed.value.perUnit == nil, "no size, no value")
        #expect(listed.value.actives.isEmpty)
    }

    @Test("the value columns trail every tabular format; CSV, Markdown, HTML and JSON carry them")
    func valueColumns() throws {
        let catalog = try catalog()
        let ranked = try catalog.ranking(RankingOptions(active: "NMN"))
        let report = RankingReport(
            active: "NMN", products: ranked, rubric: .default, catalogFingerprint: try catalog.fingerprint())
        #expect(
            RankingReport.columns.suffix(5) == [
                "highestPrice", "pricePerUnit", "valueUnit", "pricePer100mg", "valueCurrency",
            ])
        let rows = try RankingValueTests.rowsBySku(report.csv())
        #expect(rows["d1"]?.suffix(4) == ["1.93", "mL", "48.33", "USD"])
        #expect(rows["n1"]?.suffix(4) == ["0.800", "g", "", "USD"])
        #expect(rows["l1"]?.suffix(4) == ["", "", "", ""])

        let markdown = report.markdown()
        #expect(markdown.contains("| flags | value | per 100 mg |"))
        #expect(markdown.contains("| 1.93 USD per mL | 48.33 USD per 100 mg |"))
        #expect(report.html().contains("1.93 USD per mL<br>48.33 USD per 100 mg"))

        // The ranking's JSON writes the value with ProductValue's own Codable keys, as show and compare do.
        for product in ranked {
            guard case .object(let members) = RankingReport.record(product) else {
                Issue.record("a ranking record is an object")
                continue
            }
            let value = try #require(members.first { $0.0 == "value" }?.1)
            #expect(
                value.rendered(pretty: false) == (try JSONValue(encoding: product.value)).rendered(pretty: false),
                "\(product.sku)")
        }
    }

    /// A ranking CSV's rows by sku (the second column), the header left out.
    static func rowsBySku(_ csv: String) throws -> [String: [String]] {
        var reader = CSVReader(source: InMemoryByteSource(csv))
        _ = try reader.next()
        var rows: [String: [String]] = [:]
        while let record = try reader.next() { rows[record.fields[1]] = record.fields }
        return rows
    }

    @Test("the ranking's order does not change with the value columns")
    func orderUnchanged() throws {
        let ranked = try fixtureCatalog().ranking(RankingOptions(active: "NMN"))
        #expect(ranked.map(\.rank) == Array(1...ranked.count))
        #expect(ranked.prefix(3).map(\.sku) == ["00106", "00111", "00101"])
    }
}
