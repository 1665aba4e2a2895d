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
        let rows = studies.map {
            [
                $0.year.map(String.init) ?? "", $0.journal ?? "", $0.models.map(\.rawValue).joined(separator: "+"),
                $0.concentrationText ?? "", $0.endpoints.joined(separator: ", "),
                $0.ingredients.joined(separator: ", "),
                $0.title,
            ]
        }
        let json = studies.map { study -> [(String, JSONValue)] in
            [
                ("key", .string(study.key)), ("year", study.year.map { .integer(Int64($0)) } ?? .null),
                ("journal", .optional(study.journal)), ("title", .string(study.title)),
                ("authors", .optional(study.authors)), ("doi", .optional(study.doi)),
                ("models", .array(study.models.map { .string($0.rawValue) })), ("route", .optional(study.route)),
                ("subjects", .optional(study.subjects)), ("duration", .optional(study.duration)),
                ("concentrationPpm", .optional(study.concentrationPpm)),
                ("concentration", .optional(study.concentrationText)),
                ("endpoints", .array(study.endpoints.map(JSONValue.string))),
                ("ingredients", .array(study.ingredients.map(JSONValue.string))),
                ("summary", .string(study.summary)), ("provenance", .string(study.provenance)),
            ]
        }
        Terminal.write(
            Render.records(
                ["year", "journal", "model", "tested", "endpoints", "ingredients", "title"],
                rows, json: json, format: output.format))
    }
}
