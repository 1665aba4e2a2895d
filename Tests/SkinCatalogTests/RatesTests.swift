import Foundation
import SkinCatalog
import TestSupport
import Testing

/// `--rates`: values converted to one currency in `query --sort value`, `similar --cheaper`, `compare` and `rank`,
/// the products whose currency has no rate left out and returned; hand-computed on the fixture catalog
/// (USD, EUR, GBP and KRW prices).
@Suite("Rates: value across currencies")
struct RatesTests {
    /// USD first (the default target), EUR at 0.92, GBP at 0.79; no KRW.
    static func conversion(to currency: String? = nil) throws -> CurrencyConversion {
        try CurrencyConversion(
            rates: CurrencyRates(csv: "currency,rate\nUSD,1\nEUR,0.92\nGBP,0.79\n"), currency: currency)
    }

    @Test("query --sort unit-price with rates: EUR and GBP products converted and compared, KRW left out as noRate")
    func queryByValue() throws {
        let catalog = try fixtureCatalog()
        let query = try QueryParser.parse("NMN")
        let order = try catalog.productsByValue(matching: query, perUnitOnly: true, conversion: Self.conversion())
        #expect(order.currency == "USD")
        #expect(order.converted)
        #expect(order.compared == order.compared.sorted())
        let skus = order.matches.map(\.sku)
        #expect(skus.contains("00103") && skus.contains("00105"), "EUR and GBP are converted, not left out")
        // 00103: 29.90 EUR for 50 mL = 0.598 EUR per mL = 0.598 / 0.92 = 0.65 USD per mL.
        let index = try #require(skus.firstIndex(of: "00103"))
        #expect(abs(order.compared[index] - 0.65) < 1e-9)
        let row = try #require(order.rows.first { $0.sku == "00103" })
        #expect(row.comparedCurrency == "USD")
        #expect(try ValuedMatch.render([row], as: .csv).contains("0.650 USD per mL"))
        let noRate = order.leftOut.filter { $0.reason == .noRate("KRW") }.map(\.match.sku)
        #expect(Set(noRate) == ["00102", "00111", "00112"])
        #expect(order.leftOut.allSatisfy { $0.reason == .noRate("KRW") || $0.reason == .noValue })
        // Without rates, the order keeps one currency, as before.
        let plain = try catalog.productsByValue(matching: query, perUnitOnly: true)
        #expect(plain.matches.allSatisfy { $0.currency == "USD" })
        #expect(!plain.converted)
        #expect(plain.rows.allSatisfy { $0.comparedCurrency == nil })
    }

    @Test("compare with rates: 00103's 0.598 EUR per mL is 0.65 USD and ranks first; 00102 in KRW is noRate")
    func compare() throws {
        let comparison = try fixtureCatalog().comparison(
            skus: ["00101", "00103", "00102"], conversion: Self.conversion())
        #expect(comparison.valueCurrency == "USD")
        #expect(comparison.columns.map(\.valueRank) == [2, 1, nil])
        #expect(abs((comparison.columns[1].value.perUnit ?? 0) - 0.65) < 1e-9)
        #expect(comparison.columns[1].value.currency == "USD")
        #expect(comparison.columns[2].value.currency == "KRW", "left out: its own value")
        #expect(comparison.valueLeftOut.map(\.reason) == [.noRate("KRW")])
        let text = try ComparisonReport(comparison).render(.table)
        #expect(text.contains("not compared (no rate)"))
        #expect(text.contains("value converted to USD; left out, no rate for their currency: 00102 (KRW)"))
        let euros = try fixtureCatalog().comparison(skus: ["00101", "00103"], conversion: Self.conversion(to: "EUR"))
        // 58 USD / 30 mL = 1.933 USD per mL × 0.92 = 1.779 EUR per mL.
        #expect(abs((euros.columns[0].value.perUnit ?? 0) - 58.0 / 30 * 0.92) < 1e-9)
    }

    @Test("similar --cheaper with rates: 5 EUR for 30 mL (0.181 USD per mL) is cheaper than 40 USD for 30 mL")
    func similarCheaper() throws {
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: Paths.fixture("similar/pairs.csv"), options: ImportOptions(now: fixedDate))
        let plain = try catalog.similarProducts(to: "S100", cheaper: true)
        #expect(!plain.results.map(\.sku).contains("S104"))
        let converted = try catalog.similarProducts(to: "S100", cheaper: true, conversion: Self.conversion())
        #expect(Set(converted.results.map(\.sku)) == ["S101", "S102", "S104"])
        #expect(converted.notComparable == 0)
        let euro = try #require(converted.results.first { $0.sku == "S104" })
        #expect(abs((euro.value.perUnit ?? 0) - 5.0 / 30 / 0.92) < 1e-9)
        let toWon = try CurrencyConversion(rates: CurrencyRates(csv: "currency,rate\nUSD,1\n"))
        let noEuro = try catalog.similarProducts(to: "S100", cheaper: true, conversion: toWon)
        #expect(noEuro.withoutRate.map(\.sku) == ["S104"])
        #expect(!noEuro.results.map(\.sku).contains("S104"))
    }

    @Test("rank with rates: values converted, the order unchanged, KRW products' value left out (noRate)")
    func rank() throws {
        let catalog = try fixtureCatalog()
        let plain = try catalog.ranking(RankingOptions(active: "NMN"))
        var options = RankingOptions(active: "NMN")
        options.conversion = try Self.conversion()
        let converted = try catalog.ranking(options)
        #expect(converted.map(\.sku) == plain.map(\.sku))
        let bySku = Dictionary(uniqueKeysWithValues: converted.map { ($0.sku, $0) })
        let euro = try #require(bySku["00103"])
        #expect(euro.value.currency == "USD")
        // 1,000 ppm × 50 mL = 50 mg; 29.90 / 50 × 100 = 59.80 EUR per 100 mg = 65 USD.
        #expect(abs((euro.value.actives.first?.per100mg ?? 0) - 65) < 1e-9)
        #expect(euro.valueLeftOut == nil)
        let won = try #require(bySku["00102"])
        #expect(won.valueLeftOut == .noRate("KRW"))
        #expect(won.comparableValue == nil)
        let report = RankingReport(
            active: "NMN", products: converted, rubric: .default, catalogFingerprint: try catalog.fingerprint())
        let rows = try RankingValueTests.rowsBySku(report.csv())
        #expect(rows["00103"]?.suffix(4) == ["0.650", "mL", "65.00", "USD"])
        #expect(rows["00102"]?.suffix(4) == ["", "", "", ""])
        #expect(report.json(pretty: false).contains("\"value\":null"))
    }

    @Test("a rates file that cannot be used names the file, the line and the field")
    func loadErrors() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("rates.csv").path
        try "currency,rate\nUSD,1\nEUR,-2\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(
            throws: CatalogError.badRates(
                path: path, line: 3, field: "rate",
                reason: "\"-2\" is not a positive number (units of EUR per unit of the base)")
        ) { try CurrencyRates.load(path: path) }
        #expect(
            CatalogError.badRates(path: "r.csv", line: 3, field: "rate", reason: "bad").errorDescription
                == "r.csv:3: rate: bad")
        try "currency,rate\nUSD,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CatalogError.self) { try CurrencyConversion.load(path: path, currency: "EUR") }
        #expect(try CurrencyConversion.load(path: path).currency == "USD")
    }
}
