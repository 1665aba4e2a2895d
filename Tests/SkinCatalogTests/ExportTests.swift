import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

@Suite("Exporting rankings")
struct ExportTests {
    /// A catalog with hostile text in the fields a spreadsheet would run as formulas.
    private func hostileReport() throws -> (RankingReport, Catalog) {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("hostile.csv").path
        try """
        sku,brand,name,ingredients,actives,packaging
        =1+1,@evil,"=HYPERLINK(""http://x"",""click"")","Water, NMN",NMN 2000 ppm,airless pump
        +SUM,-minus,"\tTabbed <b>bold</b> | pipe","Water, NMN",NMN 1000 ppm,opaque tube

        """.write(toFile: file, atomically: true, encoding: .utf8)
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: file)
        let ranked = try catalog.ranking(RankingOptions())
        return (
            RankingReport(
                active: "NMN", products: ranked, rubric: .default,
                catalogFingerprint: try catalog.fingerprint()), catalog
        )
    }

    @Test("CSV neutralises formula-like cells; JSON keeps the text exactly")
    func csvInjection() throws {
        let (report, _) = try hostileReport()
        let csv = report.csv()
        var reader = CSVReader(source: InMemoryByteSource(csv))
        let header = try #require(try reader.next()).fields
        #expect(header == RankingReport.columns)
        let first = try #require(try reader.next()).fields
        #expect(first[1] == "'=1+1")
        #expect(first[2] == "'@evil")
        #expect(first[3] == "'=HYPERLINK(\"http://x\",\"click\")")
        let second = try #require(try reader.next()).fields
        #expect(second[1] == "'+SUM")
        #expect(second[2] == "'-minus")
        #expect(second[3] == "Tabbed <b>bold</b> | pipe", "the importer trims the leading tab; plain text stays")
        #expect(RankingReport.neutralised("\tcmd") == "'\tcmd")
        #expect(RankingReport.neutralised("\rcmd") == "'\rcmd")
        #expect(RankingReport.neutralised("safe =1") == "safe =1")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json(pretty: false).utf8))
                as? [String: Any])
        let products = try #require(json["products"] as? [[String: Any]])
        #expect(products.map { $0["sku"] as? String } == ["=1+1", "+SUM"])
        #expect(products[0]["brand"] as? String == "@evil")
        #expect(products[0]["name"] as? String == "=HYPERLINK(\"http://x\",\"click\")")
    }

    @Test("every format carries rank, sku, brand, name, score, the points and the flags")
    func fields() throws {
        let catalog = try fixtureCatalog()
        let ranked = try catalog.ranking(RankingOptions(active: "NMN"))
        let report = RankingReport(
            active: "NMN", products: ranked, rubric: .default,
            catalogFingerprint: try catalog.fingerprint())
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8))
                as? [String: Any])
        #expect(json["rubricVersion"] as? Int == 1)
        #expect((json["catalogFingerprint"] as? String)?.count == 16)
        #expect(json["rubricFingerprint"] as? String == Rubric.default.fingerprint)
        let first = try #require((json["products"] as? [[String: Any]])?.first)
        for key in ["rank", "sku", "brand", "name", "score", "points", "flags", "reasons"] {
            #expect(first[key] != nil, "JSON lacks \(key)")
        }
        #expect(
            (first["points"] as? [String: Any])?.keys.sorted() == Rubric.Criterion.allCases.map(\.rawValue).sorted())
        let markdown = report.render(.markdown)
        #expect(markdown.contains("| rank | sku | brand | name | score | concentration (35)"))
        #expect(markdown.contains("| 1 | \(ranked[0].sku) |"))
        let html = report.render(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == ranked.count, "one stacked bar per product")
        for external in ["<script", "<link", "src=", "url(", "@import"] {
            #expect(!html.contains(external), "the HTML must be self-contained: found \(external)")
        }
        #expect(html.contains("below 1,000 ppm"))
    }

    @Test("the catalog fingerprint changes when the catalog does, and only then")
    func fingerprint() throws {
        let catalog = try fixtureCatalog()
        let before = try catalog.fingerprint()
        #expect(try catalog.fingerprint() == before)
        _ = try catalog.importCatalog(from: Paths.fixture("catalog.csv"))
        #expect(try catalog.fingerprint() == before, "re-importing the same file changes nothing")
        _ = try catalog.importCatalog(from: Paths.fixture("bad/leading-zeros.csv"))
        #expect(try catalog.fingerprint() != before)
    }

    @Test("Markdown and HTML escape what they must")
    func escaping() throws {
        let (report, _) = try hostileReport()
        #expect(report.markdown().contains("\\<b\\>bold\\</b\\> \\| pipe"))
        #expect(report.html().contains("&lt;b&gt;bold&lt;/b&gt;"))
        #expect(!report.html().contains("<b>bold</b>"))
    }
}
