import ArgumentParser
import SkinCatalog

/// `--rates FILE [--currency CODE]`, shared by the commands that show or compare value (`query --sort value`,
/// `similar`, `compare`, `rank`, `export`): convert prices to one currency instead of comparing within one.
struct RatesOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Exchange rates, a CSV file currency,rate (units of each currency per unit of one base): convert "
                + "values to one currency (docs/compare-and-value.md).",
            valueName: "file"))
    var rates: String?

    @Option(
        help: ArgumentHelp(
            "With --rates: the currency to convert to (default: the first one the file lists).", valueName: "code"))
    var currency: String?

    func validate() throws {
        if currency != nil && rates == nil { throw ValidationError("--currency needs --rates FILE") }
    }

    /// The conversion asked for; nil without `--rates`.
    /// - Throws: ``CatalogError/badRates(path:line:field:reason:)`` for a file that cannot be used.
    func conversion() throws(CatalogError) -> CurrencyConversion? {
        guard let rates else { return nil }
        return try CurrencyConversion.load(path: rates, currency: currency)
    }
}
