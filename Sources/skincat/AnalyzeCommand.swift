import ArgumentParser
import SkinCatalog

struct AnalyzeCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Find the ingredients over-represented among the products that failed for you.",
        discussion: """
            For every ingredient and ingredient class in the products you rated: how many failed and how many \
            worked products contain it (and which), Fisher's exact test (one-sided), the Benjamini-Hochberg \
            q-value (p corrected for the number of ingredients tested) and the smoothed odds ratio \
            ((a+0.5)(d+0.5))/((b+0.5)(c+0.5)) with its 95% confidence interval. Suspects (p < 0.05 and odds ratio \
            > 2, at most 5 patterns) come first; each holds after the correction (q < 0.1) or is a weaker lead \
            that does not. Ingredients in every product you rated cannot separate worked from failed and are never \
            suspects. Ranking needs at least 3 failed and 3 worked products and 7 in all; with fewer, the counts \
            are listed with what more would help. See docs/patterns.md.

            The message goes to standard output with --format table and json, to standard error with csv, tsv \
            and jsonl (which carry records only). Exit code 0 whenever the analysis ran, even with too few verdicts.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var profile: ProfileOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Show at most this many ingredients (suspects first).", valueName: "n"))
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run(on catalog: Catalog) throws {
        let analysis = try catalog.ingredientPatterns(profile: profile.profile)
        let shown = limit.map { Array(analysis.associations.prefix($0)) } ?? analysis.associations
        switch output.format {
        case .json:
            Terminal.write(PatternReport.document(analysis, associations: shown).rendered(pretty: true) + "\n")
        case .table:
            var text = analysis.message + "\n"
            if !shown.isEmpty {
                text +=
                    "\n"
                    + TextTable(
                        headers: PatternReport.columns, rows: shown.map(PatternReport.cells),
                        rightAligned: PatternReport.rightAlignedColumns
                    ).render()
            }
            Terminal.write(text)
        case .csv, .tsv, .jsonl:
            Terminal.diagnose(analysis.message)
            try output.write(shown.map { AssociationRecord($0, profile: analysis.profile) })
        }
    }
}
