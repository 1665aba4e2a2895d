import ArgumentParser
import SkinCatalog

struct RecommendCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Rank products as 'skincat rank' does, leaving out those that contain your suspects.",
        discussion: """
            The suspects are those of 'skincat analyze' for the profile (p < 0.05 and smoothed odds ratio > 2, \
            at most 5 patterns), each marked as holding after the correction for the number of ingredients \
            tested (q < 0.1) or as a weaker lead. Products that contain one, and products you rated failed, are listed apart with \
            the reason; a product you rated worked is never left out. With no suspects (too few verdicts, or no \
            pattern) the ranking is unchanged and the message says why. --limit counts recommended products.

            The message goes to standard output with --format table and json, to standard error with csv, tsv \
            and jsonl (one record per product, with status recommended or left-out).
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var profile: ProfileOptions
    @OptionGroup var selection: RankingSelection
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Recommend at most this many products.", valueName: "n"))
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    var queryText: String? { selection.filter }

    func run(on catalog: Catalog) throws {
        let options = try selection.options(limit: limit)
        let recommendations = try catalog.recommendations(
            RecommendationOptions(profile: profile.profile, ranking: options))
        let active = options.rubric.active(named: options.active)?.key ?? options.active
        let summary = PatternReport.recommendationSummary(
            recommendations, analyzeCommand: "skincat analyze\(profile.flag)")
        switch output.format {
        case .json:
            Terminal.write(
                PatternReport.recommendationDocument(recommendations, active: active)
                    .rendered(pretty: true) + "\n")
        case .table:
            var text = summary + "\n\n" + "\(active) products for you:\n"
            text += TextTable(
                headers: PatternReport.recommendedColumns,
                rows: recommendations.recommended.map(PatternReport.recommendedCells),
                rightAligned: [0, 4]
            ).render()
            if !recommendations.leftOut.isEmpty {
                text += "\nLeft out (place = rank in the full ranking):\n"
                text += TextTable(
                    headers: PatternReport.leftOutColumns,
                    rows: recommendations.leftOut.map(PatternReport.leftOutCells),
                    rightAligned: [0, 4]
                ).render()
            }
            Terminal.write(text)
        case .csv, .tsv, .jsonl:
            Terminal.diagnose(summary)
            try output.write(PatternReport.recommendationRecords(recommendations))
        }
    }
}
