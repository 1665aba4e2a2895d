import Foundation
import SkinDomain
import Testing

/// The `--rates` file and the conversions it gives, checked against conversions computed by hand.
@Suite("Currency rates")
struct CurrencyRatesTests {
    static let text = "currency,rate\nUSD,1\nEUR,0.92\nGBP,0.79\n"

    @Test("reading a rates file: order kept, codes upper case, the first currency is the default target")
    func reads() throws {
        let rates = try CurrencyRates(csv: "# a comment\r\nRate , Currency\r\n1.0,usd\r\n\r\n0.5 , eur\r\n")
        #expect(rates.rates.map(\.currency) == ["USD", "EUR"])
        #expect(rates.rates.map(\.rate) == [1, 0.5])
        #expect(rates.first == "USD")
        #expect(rates.rate(of: "eur") == 0.5)
        #expect(rates.rate(of: "KRW") == nil)
    }

    @Test("conversions by hand: 46 EUR at 0.92 is 50 USD; 10 GBP is 11.65 EUR; the same currency needs no rate")
    func conversions() throws {
        let rates = try CurrencyRates(csv: Self.text)
        // 46 / 0.92 = 50.
        #expect(abs((rates.convert(46, from: "EUR", to: "USD") ?? 0) - 50) < 1e-9)
        // 10 × 0.92 / 0.79 = 11.6455...
        #expect(abs((rates.convert(10, from: "GBP", to: "EUR") ?? 0) - 11.645_569_620_253_164) < 1e-9)
        #expect(abs((rates.convert(79, from: "GBP", to: "USD") ?? 0) - 100) < 1e-9)
        #expect(rates.convert(10, from: "KRW", to: "USD") == nil)
        #expect(rates.convert(10, from: "USD", to: "KRW") == nil)
        #expect(rates.convert(10, from: "KRW", to: "krw") == 10, "one currency needs no rate")
    }

    @Test("a value converted: 0.598 EUR per mL and 59.80 EUR per 100 mg at 0.92 are 0.65 and 65 USD")
    func valueConverted() throws {
        let rates = try CurrencyRates(csv: Self.text)
        let value = ProductValue(
            price: 29.9, currency: "EUR", sizeMl: 50, sizeG: nil,
            actives: [.init(ingredient: "NMN", ppm: 1000, source: .declared)])
        let converted = try #require(value.converted(to: "USD", rates: rates))
        #expect(converted.currency == "USD")
        #expect(abs((converted.price ?? 0) - 32.5) < 1e-9)  // 29.9 / 0.92
        #expect(abs((converted.perUnit ?? 0) - 0.65) < 1e-9)  // 29.9 / 50 / 0.92
        // 1,000 ppm × 50 mL = 50 mg; 29.9 / 50 × 100 = 59.80 EUR = 65 USD.
        #expect(abs((converted.actives.first?.per100mg ?? 0) - 65) < 1e-9)
        #expect(converted.actives.first?.milligrams == 50, "the mass does not change")
        #expect(value.converted(to: "EUR", rates: rates) == value, "already in the target")
        let won = ProductValue(price: 32000, currency: "KRW", sizeMl: 30, sizeG: nil)
        #expect(won.converted(to: "USD", rates: rates) == nil)
        #expect(
            ProductValue(price: 10, currency: nil, sizeMl: 30, sizeG: nil).converted(to: "USD", rates: rates) == nil)
    }

    @Test("a comparison with rates converts to the target and leaves out only the currencies without a rate")
    func comparison() throws {
        let conversion = try CurrencyConversion(rates: CurrencyRates(csv: Self.text))
        #expect(conversion.currency == "USD")
        let items: [(String, Double?, String?)] = [
            ("usd", 1.0, "USD"), ("eur", 0.5, "EUR"), ("krw", 10, "KRW"), ("none", nil, "USD"),
            ("gbp", 0.7, "GBP"),
        ]
        let order = ValueComparison(items, conversion: conversion) { ($0.1, $0.2) }
        #expect(order.currency == "USD")
        // 0.5 EUR = 0.5 / 0.92 = 0.543 USD; 0.7 GBP = 0.7 / 0.79 = 0.886 USD; 1 USD.
        #expect(order.ordered.map(\.0) == ["eur", "gbp", "usd"])
        #expect(abs(order.compared[0] - 0.5 / 0.92) < 1e-9)
        #expect(order.leftOut.map(\.item.0) == ["krw", "none"])
        #expect(order.leftOut.map(\.reason) == [.noRate("KRW"), .noValue])
        let toEuros = try CurrencyConversion(rates: conversion.rates, currency: "eur")
        let euros = ValueComparison(items, conversion: toEuros) { ($0.1, $0.2) }
        #expect(euros.currency == "EUR")
        #expect(abs(euros.compared[2] - 0.92) < 1e-9, "1 USD is 0.92 EUR")
        let plain = ValueComparison(items) { ($0.1, $0.2) }
        #expect(plain.ordered.map(\.0) == ["usd"], "without rates, one currency only")
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        let label: String
        let text: String
        let error: CurrencyRatesError
        var testDescription: String { label }
    }

    static let badFiles: [BadFile] = [
        BadFile(
            label: "bad header", text: "code,value\nUSD,1\n",
            error: .init(line: 1, field: nil, reason: "the header must be currency,rate, found \"code,value\"")),
        BadFile(
            label: "empty", text: "\n\n",
            error: .init(line: 1, field: nil, reason: "the file is empty; expected the header currency,rate")),
        BadFile(
            label: "header only", text: "currency,rate\n",
            error: .init(line: 0, field: nil, reason: "no rates: list at least one currency,rate row")),
        BadFile(
            label: "duplicate", text: "currency,rate\nUSD,1\nEUR,0.9\nusd,1\n",
            error: .init(line: 4, field: "currency", reason: "USD is listed twice (first on line 2)")),
        BadFile(
            label: "zero rate", text: "currency,rate\nUSD,1\nEUR,0\n",
            error: .init(
                line: 3, field: "rate", reason: "\"0\" is not a positive number (units of EUR per unit of the base)")),
        BadFile(
            label: "negative rate", text: "currency,rate\nUSD,-1\n",
            error: .init(
                line: 2, field: "rate", reason: "\"-1\" is not a positive number (units of USD per unit of the base)")),
        BadFile(
            label: "not a number", text: "currency,rate\nUSD,one\n",
            error: .init(
                line: 2, field: "rate", reason: "\"one\" is not a positive number (units of USD per unit of the base)")),
        BadFile(
            label: "unknown currency", text: "currency,rate\nUSD,1\n$,1\n",
            error: .init(
                line: 3, field: "currency", reason: "\"$\" is not a currency code (three letters, as USD, EUR, GBP)")),
        BadFile(
            label: "three fields", text: "currency,rate\nUSD,1,x\n",
            error: .init(line: 2, field: nil, reason: "expected 2 fields (currency,rate), found 3")),
    ]

    @Test("a file that cannot be used names the line and the field", arguments: badFiles)
    func badFile(_ file: BadFile) {
        #expect(throws: file.error) { try CurrencyRates(csv: file.text) }
    }

    @Test("a target the rates do not list is an error naming what they list")
    func unknownTarget() throws {
        let rates = try CurrencyRates(csv: Self.text)
        #expect(
            throws: CurrencyRatesError(
                line: 0, field: "currency", reason: "no rate for KRW: the rates list USD, EUR, GBP")
        ) { try CurrencyConversion(rates: rates, currency: "krw") }
        #expect(CurrencyRatesError(line: 3, field: "rate", reason: "bad").errorDescription == "line 3: rate: bad")
    }
}
