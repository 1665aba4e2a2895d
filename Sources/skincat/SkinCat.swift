import ArgumentParser
import Foundation
import SkinCatalog

@main
struct SkinCat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skincat",
        abstract: "A catalog of NMN and niacinamide skincare products, judged from their labels.",
        discussion: """
            Import catalogs from CSV into a SQLite file, then look products, ingredients and studies up. Record \
            what worked and what failed for you (verdict), find the pattern (analyze), and rank what to try \
            next without it (recommend).
            The catalog is --db PATH, or $SKINCAT_DB, or ./skincat.sqlite.

            Exit codes: 0 success; 1 failure (nothing was written by the failed command); 2 import finished but \
            some rows were quarantined; 64 usage error.
            """,
        version: SkinCatalogVersion.current,
        subcommands: [
            ImportCommand.self, QueryCommand.self, SearchCommand.self, RankCommand.self, ExplainCommand.self,
            ExportCommand.self,
            RubricCommand.self, ShowCommand.self, IngredientsCommand.self, StudiesCommand.self,
            CompareCommand.self, SimilarCommand.self,
            DictionaryCommand.self, AuditCommand.self, SourcesCommand.self, MergesCommand.self, LinkCommand.self,
            UnlinkCommand.self,
            VerdictCommand.self, AnalyzeCommand.self, RecommendCommand.self, DatasetteMetadataCommand.self,
        ]
    )

    /// Standard output's one writer handles a closed pipe (``Terminal/write(_:)``), so the signal is ignored; a
    /// misspelled subcommand is answered with a suggestion before argument-parser sees it.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = SubcommandSuggestion.message(for: arguments, root: SkinCat.self) {
            Terminal.error(message)
            Self.exit(withError: ExitCode.validationFailure)
        }
        main(arguments)
    }
}
