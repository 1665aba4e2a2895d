import ArgumentParser
import SkinCatalog

extension ComparisonReport.Format: FormatChoice {}

struct CompareCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare products side by side: actives, ingredients shared and unique, points, price and value.",
        discussion: """
            One column per product: its actives with amounts and sources, each rubric criterion's points for the \
            active most of them list (or --active), the flags, packaging and delivery, price, size and price per \
            mL or g (ranked within one currency; products priced in another are named; --rates converts them), \
            and the ingredients \
            only it lists, by canonical ingredient in list order. The ingredients all of them share follow the \
            table. Measures: docs/compare-and-value.md.
            """
    )

    @OptionGroup var catalog: CatalogOptions

    @Argument(help: ArgumentHelp("Two or more skus (exactly as imported).", valueName: "sku"))
    var skus: [String] = []

    @Option(
        help: ArgumentHelp(
            "The rubric's active to score by (default: the one most of the products list).", valueName: "name"))
    var active: String?

    @Option(
        help: ArgumentHelp(
            "A rubric file (copy the default with: skincat rubric > rubric.json).", valueName: "file"))
    var rubric: String?

    @Option(help: ComparisonReport.Format.help)
    var format: ComparisonReport.Format = .table

    @OptionGroup var rates: RatesOptions

    func validate() throws {
        if skus.count < 2 { throw ValidationError("give two or more skus to compare") }
    }

    /// A rates file that cannot be used is reported before the catalog opens.
    func checkBeforeOpening() throws { _ = try rates.conversion() }

    func run(on catalog: Catalog) throws {
        let loaded = try rubric.map { path throws(CatalogError) in try Rubric.load(path: path) } ?? .default
        let comparison = try catalog.comparison(
            skus: skus, active: active, rubric: loaded, conversion: try rates.conversion())
        Terminal.write(try ComparisonReport(comparison).render(format))
        let noRate = comparison.valueLeftOut.compactMap { leftOut -> (sku: String, currency: String?)? in
            guard case .noRate(let currency) = leftOut.reason else { return nil }
            return (leftOut.sku, currency)
        }
        if let currency = comparison.valueCurrency, let note = ValueText.rateNote(currency: currency, leftOut: noRate) {
            Terminal.diagnose(note)
        }
    }
}
