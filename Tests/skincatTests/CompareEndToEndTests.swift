import Foundation
import TestSupport
import Testing

/// `compare`, `similar`, `query --sort value` and `show`'s value lines through the built binary.
@Suite("compare, similar and value end to end")
struct CompareEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
    }

    @Test("show prints the price per mL and per 100 mg of the declared active")
    func showValue() throws {
        #expect(try cli.run("import", Paths.fixture("catalog.csv")).status == 0)
        let shown = try cli.run("show", "00101")
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("value      1.93 USD per mL\n"))
        #expect(
            shown.stdout.contains(
                "value      48.33 USD per 100 mg NICOTINAMIDE MONONUCLEOTIDE (declared 4,000 ppm: 120 mg in 30 mL)"))
    }

    @Test("query --sort value: USD products cheapest per 100 mg first; the others named on stderr")
    func sortByValue() throws {
        #expect(try cli.run("import", Paths.fixture("catalog.csv")).status == 0)
        let result = try cli.run("query", "NMN", "--sort", "value", "--format", "csv")
        #expect(result.status == 0)
        let skus = result.stdout.split(separator: "\r\n").dropFirst().map { $0.prefix { $0 != "," } }
        #expect(skus.first == "00107")
        #expect(!skus.contains("00103"), "00103 is priced in EUR")
        #expect(result.stderr.contains("note: value compared per 100 mg NICOTINAMIDE MONONUCLEOTIDE in USD; left out"))
        #expect(result.stderr.contains("00103 EUR"))
        let faceted = try cli.run("query", "NMN", "--sort", "value", "--facet", "brand")
        #expect(faceted.status == 0)
        #expect(faceted.stdout.contains("\nbrand "), "facets count the matches whatever the order")
        let bad = try cli.run("query", "NMN", "--sort", "valu")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("sku, value or unit-price"))
    }

    @Test("compare: a column per product in table, markdown and json; an unknown sku fails; one sku is a usage error")
    func compare() throws {
        #expect(try cli.run("import", Paths.fixture("catalog.csv")).status == 0)
        let table = try cli.run("compare", "00101", "00107", "00103")
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("                             00101"))
        #expect(table.stdout.contains("NMN score"))
        #expect(table.stdout.contains("shared by all (7, in 00101's order): WATER"))
        let markdown = try cli.run("compare", "00101", "00107", "--format", "markdown")
        #expect(markdown.stdout.hasPrefix("| field | 00101 | 00107 |\n|---|---|---|\n"))
        let json = try cli.run("compare", "00101", "00107", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["active"] as? String == "NMN")
        #expect((object["products"] as? [[String: Any]])?.count == 2)
        let unknown = try cli.run("compare", "00101", "nope")
        #expect(unknown.status == 1)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("no product with sku \"nope\""))
        #expect(try cli.run("compare", "00101").status == 64)
    }

    @Test("similar: the reformulation first among cheaper ones, the NAD+ decoy never, a note for another currency")
    func similar() throws {
        #expect(try cli.run("import", Paths.fixture("similar/pairs.csv")).status == 0)
        let result = try cli.run("similar", "S100", "--cheaper", "--format", "csv")
        #expect(result.status == 0)
        let skus = result.stdout.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(skus == ["S101", "S102"])
        #expect(result.stderr.contains("key actives: NICOTINAMIDE MONONUCLEOTIDE"))
        #expect(result.stderr.contains("left out 1 similar product(s) not priced per mL or g in USD"))
        let all = try cli.run("similar", "S100", "--format", "csv")
        #expect(!all.stdout.contains("S103"))
    }
}
