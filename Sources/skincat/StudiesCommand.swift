import ArgumentParser
import SkinCatalog

struct StudiesCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "studies",
        abstract: "List the studies behind the ingredients (design, model, concentration tested, endpoints)."
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
