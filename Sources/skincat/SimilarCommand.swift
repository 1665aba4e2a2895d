import ArgumentParser
import SkinCatalog

struct SimilarCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Find products with the same key actives and the closest formula, the top of the list weighing most.",
        discussion: """
            A result lists every key active of the product asked about (the rubric's actives it lists and the \
            ingredients it states an amount of) as the same canonical ingredient: a NAD+ product is never \
            similar to an NMN one. Similarity is a weighted overlap of the two lists, position i weighing 0.7^(i-1) \
            (the first five ingredients make most of the weight), from 0 to 1; each result says which of the top \
            five it shares and what differs there. --cheaper keeps products cheaper per mL or g in the same \
            currency, or in any the --rates file lists. Measures: docs/compare-and-value.md.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The product's sku (exactly as imported).", valueName: "sku"))
    var sku: String

    @Flag(help: "Only products cheaper per mL or g, in the same currency (or converted with --rates).")
    var cheaper = false

    @OptionGroup var rates: RatesOptions

    @Option(help: ArgumentHelp("At most this many products (10 by default).", valueName: "n"))
    var limit: Int = 10

    @Option(
        help: ArgumentHelp(
            "A rubric file, whose actives are key (copy the default with: skincat rubric > rubric.json).",
            valueName: "file"))
    var rubric: String?

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    /// A rates file that cannot be used is reported before the catalog opens.
    func checkBeforeOpening() throws { _ = try rates.conversion() }

    func run(on catalog: Catalog) throws {
        let loaded = try rubric.map { path throws(CatalogError) in try Rubric.load(path: path) } ?? .default
        let conversion = try rates.conversion()
        let similar = try catalog.similarProducts(
            to: sku, cheaper: cheaper, limit: limit, rubric: loaded, conversion: conversion)
        try output.write(similar.results)
        let actives =
            similar.keyActives.isEmpty ? "none (compared by the top five)" : similar.keyActives.joined(separator: ", ")
        Terminal.diagnose(
            "skincat: similar to \(similar.query.sku) (\(similar.query.brand) · \(similar.query.name)); key actives: \(actives)"
        )
        if let conversion {
            if similar.queryValue.perUnit != nil, conversion.factor(from: similar.queryValue.currency) == nil {
                Terminal.diagnose(
                    "skincat: note: the rates do not list \(similar.query.currency ?? "a currency for \(similar.query.sku)")"
                        + "; \(similar.query.sku)'s value is not converted")
            }
            let leftOut = similar.withoutRate.map { (sku: $0.sku, currency: $0.currency) }
            if let note = ValueText.rateNote(currency: conversion.currency, leftOut: leftOut) {
                Terminal.diagnose("skincat: " + note)
            }
        }
        if cheaper {
            if similar.queryValue.perUnit == nil {
                Terminal.diagnose("skincat: \(similar.query.sku) has no price per mL or g: nothing is cheaper than it")
            } else if similar.notComparable > 0 {
                Terminal.diagnose(
                    "skincat: note: left out \(similar.notComparable) similar product(s) not priced per mL or g in "
                        + (similar.query.currency ?? "the same currency"))
            }
        }
    }
}
