import Foundation

/// Reading exchange rates from a file on disk (`skincat ... --rates FILE`).
extension CurrencyRates {
    /// Reads a rates file: CSV with the header `currency,rate` (see `CurrencyRates`).
    ///
    /// ```swift
    /// let rates = try CurrencyRates.load(path: "rates.csv")
    /// let conversion = try CurrencyConversion.load(path: "rates.csv", currency: "EUR")
    /// ```
    /// - Throws: ``CatalogError/badRates(path:line:field:reason:)`` naming the file, the line and the field at
    ///   fault; ``CatalogError/unreadableFile(path:reason:)`` when it cannot be read.
    public static func load(path: String) throws(CatalogError) -> CurrencyRates {
        guard let bytes = try FileByteSource.contents(of: path, limit: 1 << 20) else {
            throw .badRates(
                path: path, line: 0, field: nil, reason: "the file is larger than 1 MiB; a rates file is a few lines")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badRates(path: path, line: 0, field: nil, reason: "the file is not UTF-8 text")
        }
        do {
            return try CurrencyRates(csv: text)
        } catch {
            throw .badRates(path: path, line: error.line, field: error.field, reason: error.reason)
        }
    }
}

extension CurrencyConversion {
    /// The conversion a rates file and an optional currency ask for: to `currency`, else to the file's first.
    ///
    /// - Throws: what `CurrencyRates/load(path:)` throws, and ``CatalogError/badRates(path:line:field:reason:)``
    ///   when the file does not list `currency`.
    public static func load(path: String, currency: String? = nil) throws(CatalogError) -> CurrencyConversion {
        let rates = try CurrencyRates.load(path: path)
        do {
            return try CurrencyConversion(rates: rates, currency: currency)
        } catch {
            throw .badRates(path: path, line: error.line, field: error.field, reason: error.reason)
        }
    }
}
