import Foundation

/// Exchange rates read from a `--rates` file, so prices in several currencies can be compared in one.
///
/// **The file** is CSV with the header `currency,rate` (either order, case-insensitive), then one row per
/// currency: a three-letter code (`USD`, `eur`; written upper case) and a positive rate. Every rate is **how many
/// units of that currency one unit of a common base buys**: with `USD,1`, `EUR,0.92`, `GBP,0.79`, one dollar is
/// 0.92 euros and 0.79 pounds. The base need not be listed (rates copied from a table quoted against the euro
/// work as they are), since only the ratio of two rates is used: an amount in `A` is `amount × rate(B) / rate(A)`
/// in `B`. The **first currency listed** is the one comparisons convert to unless the caller names another. Blank
/// lines are skipped; a `#` at the start of a row makes it a comment.
///
/// ```swift
/// let rates = try CurrencyRates(csv: "currency,rate\nUSD,1\nEUR,0.92\nGBP,0.79\n")
/// rates.first                                      // "USD"
/// rates.convert(46, from: "EUR", to: "USD")        // 50.0 (46 / 0.92)
/// rates.convert(10, from: "GBP", to: "EUR")        // 11.65 (10 × 0.92 / 0.79)
/// rates.convert(10, from: "KRW", to: "USD")        // nil: no rate for KRW
/// ```
public struct CurrencyRates: Sendable, Equatable, Hashable {
    /// The currencies in the file's order, upper case, each with its rate.
    public let rates: [(currency: String, rate: Double)]

    /// The first currency listed: what comparisons convert to by default.
    public var first: String { rates[0].currency }

    private let byCurrency: [String: Double]

    /// Rates from `(currency, rate)` pairs, in order.
    ///
    /// - Throws: ``CurrencyRatesError`` (line 0) when there is no pair, a code is not three letters, a currency
    ///   comes twice or a rate is not positive and finite.
    public init(_ pairs: [(currency: String, rate: Double)]) throws(CurrencyRatesError) {
        var checked: [(currency: String, rate: Double)] = []
        var seen: Set<String> = []
        for pair in pairs {
            let code = try Self.code(pair.currency, line: 0)
            guard pair.rate.isFinite, pair.rate > 0 else {
                throw CurrencyRatesError(
                    line: 0, field: "rate", reason: "the rate of \(code) must be a positive number")
            }
            guard seen.insert(code).inserted else {
                throw CurrencyRatesError(line: 0, field: "currency", reason: "\(code) is listed twice")
            }
            checked.append((code, pair.rate))
        }
        guard !checked.isEmpty else {
            throw CurrencyRatesError(line: 0, field: nil, reason: "no rates: list at least one currency,rate row")
        }
        rates = checked
        byCurrency = Dictionary(uniqueKeysWithValues: checked.map { ($0.currency, $0.rate) })
    }

    /// Reads a rates file's text (see the type's description for the format).
    ///
    /// - Parameter csv: The file's text.
    /// - Throws: ``CurrencyRatesError`` naming the line and the field at fault: a header other than
    ///   `currency,rate`, a row without two fields, a code that is not three letters, a currency listed twice, a
    ///   rate that is not a positive number, or no row at all.
    public init(csv: String) throws(CurrencyRatesError) {
        var reader = CSVReader(source: InMemoryByteSource(csv))
        var pairs: [(currency: String, rate: Double)] = []
        var lines: [String: Int] = [:]
        var columns: (currency: Int, rate: Int)?
        do {
            while let record = try reader.next() {
                let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                if fields.first?.hasPrefix("#") == true { continue }
                guard let (currencyColumn, rateColumn) = columns else {
                    columns = try Self.header(fields, line: record.line)
                    continue
                }
                guard fields.count == 2 else {
                    throw CurrencyRatesError(
                        line: record.line, field: nil,
                        reason: "expected 2 fields (currency,rate), found \(fields.count)")
                }
                let code = try Self.code(fields[currencyColumn], line: record.line)
                let text = fields[rateColumn]
                guard let rate = Double(text), rate.isFinite, rate > 0 else {
                    throw CurrencyRatesError(
                        line: record.line, field: "rate",
                        reason: "\"\(text)\" is not a positive number (units of \(code) per unit of the base)")
                }
                if let earlier = lines[code] {
                    throw CurrencyRatesError(
                        line: record.line, field: "currency",
                        reason: "\(code) is listed twice (first on line \(earlier))")
                }
                lines[code] = record.line
                pairs.append((code, rate))
            }
        } catch let error as CurrencyRatesError {
            throw error
        } catch {
            throw CurrencyRatesError(line: 0, field: nil, reason: "not readable as CSV: \(error)")
        }
        guard columns != nil else {
            throw CurrencyRatesError(
                line: 1, field: nil, reason: "the file is empty; expected the header currency,rate")
        }
        try self.init(pairs)
    }

    /// The rate of `currency` (any case), nil when the file does not list it.
    public func rate(of currency: String) -> Double? { byCurrency[currency.uppercased()] }

    /// What one unit of `source` is worth in `target`: `rate(target) / rate(source)`; 1 for the same currency
    /// (listed or not), nil when either is not listed.
    public func factor(from source: String, to target: String) -> Double? {
        if source.uppercased() == target.uppercased() { return 1 }
        guard let from = rate(of: source), let to = rate(of: target) else { return nil }
        return to / from
    }

    /// `amount` in `source` converted to `target`; nil when either currency has no rate.
    public func convert(_ amount: Double, from source: String, to target: String) -> Double? {
        factor(from: source, to: target).map { amount * $0 }
    }

    /// True when both list the same currencies at the same rates, in the same order.
    public static func == (lhs: CurrencyRates, rhs: CurrencyRates) -> Bool {
        lhs.rates.map(\.currency) == rhs.rates.map(\.currency) && lhs.rates.map(\.rate) == rhs.rates.map(\.rate)
    }

    /// Hashes the currencies and rates in order.
    public func hash(into hasher: inout Hasher) {
        for pair in rates {
            hasher.combine(pair.currency)
            hasher.combine(pair.rate)
        }
    }

    private static func header(_ fields: [String], line: Int) throws(CurrencyRatesError) -> (Int, Int) {
        let names = fields.map { $0.lowercased() }
        guard names.count == 2, let currency = names.firstIndex(of: "currency"), let rate = names.firstIndex(of: "rate")
        else {
            throw CurrencyRatesError(
                line: line, field: nil,
                reason: "the header must be currency,rate, found \"\(fields.joined(separator: ","))\"")
        }
        return (currency, rate)
    }

    /// A currency code, upper case: three ASCII letters.
    private static func code(_ text: String, line: Int) throws(CurrencyRatesError) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw CurrencyRatesError(
                line: line, field: "currency",
                reason: "\"\(text)\" is not a currency code (three letters, as USD, EUR, GBP)")
        }
        return code
    }
}

/// Rates and the currency values are converted to: what `--rates FILE [--currency CODE]` asks for.
///
/// ```swift
/// let conversion = try CurrencyConversion(rates: rates)            // to rates.first
/// conversion.convert(value)?.perUnit                                // in conversion.currency
/// ```
public struct CurrencyConversion: Sendable, Hashable {
    /// The rates.
    public let rates: CurrencyRates
    /// The currency values are converted to, upper case; one the rates list.
    public let currency: String

    /// A conversion to `currency`, else to the rates' first currency.
    ///
    /// - Throws: ``CurrencyRatesError`` (line 0, field `currency`) when the rates do not list `currency`.
    public init(rates: CurrencyRates, currency: String? = nil) throws(CurrencyRatesError) {
        let target = (currency ?? rates.first).uppercased()
        guard rates.rate(of: target) != nil else {
            throw CurrencyRatesError(
                line: 0, field: "currency",
                reason: "no rate for \(target): the rates list \(rates.rates.map(\.currency).joined(separator: ", "))")
        }
        self.rates = rates
        self.currency = target
    }

    /// What one unit of `source` is worth in ``currency``; nil for no currency or one the rates do not list.
    public func factor(from source: String?) -> Double? {
        source.flatMap { rates.factor(from: $0, to: currency) }
    }

    /// `value` in ``currency`` (``ProductValue/converted(to:rates:)``); nil when its currency has no rate.
    public func convert(_ value: ProductValue) -> ProductValue? { value.converted(to: currency, rates: rates) }
}

/// Why a rates file (``CurrencyRates``) cannot be used: the line and field at fault, and what is wrong.
public struct CurrencyRatesError: Error, Equatable, Sendable, LocalizedError {
    /// The 1-based line of the file; 0 when the rates did not come from a file.
    public var line: Int
    /// The field at fault, `currency` or `rate`; nil for the whole row or file.
    public var field: String?
    /// What is wrong, naming the offending value.
    public var reason: String

    /// An error at `line` in `field`; each argument sets the property of the same name.
    public init(line: Int, field: String?, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `line 3: rate: "-1" is not a positive number ...`.
    public var errorDescription: String? {
        (line > 0 ? "line \(line): " : "") + (field.map { "\($0): " } ?? "") + reason
    }
}
