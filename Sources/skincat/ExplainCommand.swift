import ArgumentParser
import SkinCatalog

struct ExplainCommand: CatalogCommand {
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

    var queryText: String? { selection.filter }

    func run(on catalog: Catalog) throws {
        let (options, ranked) = try selection.rank(catalog, limit: nil, skus: [sku])
        // A sku the ranking does not return is this command's own message: unknown, or without the active.
        guard let product = ranked.first else {
            let exists = try catalog.product(sku: sku) != nil
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
