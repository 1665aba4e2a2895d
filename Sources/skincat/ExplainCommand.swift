import ArgumentParser
import SkinCatalog

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one product's score: each criterion, its points and the reason."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var selection: RankingSelection

    @Argument(help: ArgumentHelp("The product's sku.", valueName: "sku"))
    var sku: String

    @Option(help: SheetFormat.help)
    var format: SheetFormat = .table

    func run() throws {
        let catalog = try catalog.open()
        let (options, ranked) = try selection.rank(catalog, limit: nil, skus: [sku])
        guard let product = ranked.first else {
            let exists =
                try Terminal.reportingErrors { () throws(CatalogError) in try catalog.product(sku: sku) } != nil
            Terminal.error(
                exists
                    ? "product \(sku) does not list \(options.active); try --active "
                        + (options.rubric.actives.keys.sorted().first { $0.lowercased() != options.active.lowercased() }
                            ?? "")
                    : Terminal.message(for: .unknownSKU(sku)))
            throw ExitCode.failure
        }
        if format == .json {
            Terminal.write(RankingReport.record(product).rendered(pretty: true) + "\n")
        } else {
            Terminal.write(ScoreText.explanation(product).replacing("#1  ", with: ""))
        }
    }
}
