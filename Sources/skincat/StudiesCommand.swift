import ArgumentParser
import SkinCatalog

struct StudiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studies",
        abstract: "List, import, add, remove and export the studies behind the evidence criterion.",
        discussion: """
            A study is keyed by its DOI, else its PMID, else its title and year; importing or adding it again \
            updates it. The ranking's evidence criterion follows these studies (docs/studies.md). Examples:
              skincat studies --ingredient NMN
              skincat studies import reading-list.csv
              skincat studies add --title "..." --design human-rct --route topical --ingredients NMN \\
                --concentration 0.5% --outcome positive --doi 10.1000/example
              skincat studies remove doi:10.1000/example
              skincat studies export --format csv > studies.csv
            """,
        subcommands: [
            StudiesListCommand.self, StudiesImportCommand.self, StudiesAddCommand.self, StudiesRemoveCommand.self,
            StudiesExportCommand.self,
        ],
        defaultSubcommand: StudiesListCommand.self
    )
}

struct StudiesListCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the studies with their citation (design, route, concentration tested, outcome, endpoints)."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    @Option(
        help: ArgumentHelp(
            "Only studies of the ingredient this name resolves to (any alias: NMN, vitamin B3).",
            valueName: "name"))
    var ingredient: String?

    func run(on catalog: Catalog) throws {
        if let ingredient {
            // An unknown name is this command's own message (with where to look), not an empty list.
            guard try catalog.ingredient(named: ingredient) != nil else {
                Terminal.error(
                    "no ingredient named \"\(ingredient)\"; run 'skincat ingredients \(ingredient)' "
                        + "to list matches")
                throw ExitCode.failure
            }
        }
        try output.write(try catalog.studies(ingredient: ingredient))
    }
}
