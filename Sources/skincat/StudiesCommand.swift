import ArgumentParser
import SkinCatalog

struct StudiesCommand: ParsableCommand {
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

    func run() throws {
        let catalog = try catalog.open()
        if let ingredient {
            let found = try Terminal.reportingErrors { () throws(CatalogError) in
                try catalog.ingredient(named: ingredient)
            }
            guard found != nil else {
                Terminal.error(
                    "no ingredient named \"\(ingredient)\"; run 'skincat ingredients \(ingredient)' "
                        + "to list matches")
                throw ExitCode.failure
            }
        }
        let studies = try Terminal.reportingErrors { () throws(CatalogError) in
            try catalog.studies(ingredient: ingredient)
        }
        try output.write(studies)
    }
}
