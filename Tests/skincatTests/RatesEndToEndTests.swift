import Foundation
import TestSupport
import Testing

/// `--rates FILE [--currency CODE]` through the built binary: values converted, the products without a rate named
/// on stderr, a bad file reported with its line and field before the catalog opens.
@Suite("--rates end to end")
struct RatesEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI
    let rates: String

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
        rates = directory.appendingPathComponent("rates.csv").path
        try "currency,rate\nUSD,1\nEUR,0.92\nGBP,0.79\n".write(toFile: rates, atomically: true, encoding: .utf8)
    }

    @Test("rank --rates: EUR converted to USD in the value columns; the KRW products named on stderr")
    func rank() throws {
        #expect(try cli.run("import", Paths.fixture("catalog.csv")).status == 0)
        let result = try cli.run("rank", "--rates", rates, "--format", "csv")
        #expect(result.status == 0)
        let line = try #require(result.stdout.split(separator: "\r\n").first { $0.hasPrefix("5,00103,") })
        #expect(line.hasSuffix(",29.9,EUR,1,29.9,29.9,0.650,mL,65.00,USD"))
        #expect(
            result.stderr.contains(
                "note: value converted to USD; left out 3 in currencies the rates do not list (00111 KRW, 00112 KRW, "
                    + "00102 KRW)"))
        let plain = try cli.run("rank", "--format", "csv")
        #expect(plain.stdout.contains(",29.9,EUR,1,29.9,29.9,0.598,mL,59.80,EUR\r\n"), "without --rates, as before")
        #expect(!plain.stderr.contains("converted"))
    }

    @Test("query --sort value --rates --currency EUR: compared in euros; export and compare take --rates too")
    func queryExportCompare() throws {
        #expect(try cli.run("import", Paths.fixture("catalog.csv")).status == 0)
        let query = try cli.run(
            "query", "NMN", "--sort", "unit-price", "--rates", rates, "--currency", "eur", "--format", "csv")
        #expect(query.status == 0)
        #expect(query.stdout.contains("0.598 EUR per mL"))
        #expect(query.stdout.contains("0.166 EUR per mL"), "00107: 27 USD / 150 mL × 0.92")
        #expect(query.stderr.contains("in EUR (converted with the rates); left out 3 in currencies the rates do not"))
        let export = try cli.run("export", "--format", "csv", "-o", "-", "--rates", rates)
        #expect(export.stdout.contains(",0.650,mL,65.00,USD\r\n"))
        let compare = try cli.run("compare", "00101", "00103", "00102", "--rates", rates)
        #expect(compare.stdout.contains("0.650 USD per mL"))
        #expect(compare.stderr.contains("note: value converted to USD; left out 1 in currencies the rates do not list"))
    }

    @Test("a bad rates file: exit 1 naming the file, line and field; --currency without --rates: usage error")
    func badFile() throws {
        #expect(try cli.run("import", Paths.fixture("catalog.csv")).status == 0)
        let bad = directory.appendingPathComponent("bad.csv").path
        try "currency,rate\nUSD,1\nUSD,2\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try cli.run("rank", "--rates", bad)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(bad):3: currency: USD is listed twice (first on line 2)"))
        #expect(result.stdout.isEmpty)
        let unknown = try cli.run("similar", "00101", "--rates", rates, "--currency", "KRW")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("currency: no rate for KRW: the rates list USD, EUR, GBP"))
        let usage = try cli.run("rank", "--currency", "EUR")
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--currency needs --rates FILE"))
    }
}
