import ArgumentParser
import SkinCatalog

struct StudiesImportCommand: CatalogCommand {
    static let access = Catalog.Access.readWrite

    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a studies file (CSV or JSON Lines; columns in docs/studies.md).",
        discussion: """
            Columns by header name, case-insensitive: doi, pmid, title, year, journal, authors, design, route, \
            subjects, duration_weeks, ingredients, concentration, endpoints, outcome, url, summary, provenance. \
            Required: title, design, ingredients. A row that cannot be read, or names an ingredient the dictionary \
            does not have, is quarantined with its line and reason; the others land. Exit code 2 when rows were \
            quarantined.
            """
    )

    @OptionGroup var catalog: CatalogOptions

    @Argument(help: ArgumentHelp("The studies file.", valueName: "file"))
    var file: String

    @Option(
        help: ArgumentHelp("The file's format: csv, json or jsonl (default: from its extension).", valueName: "format"))
    var format: String?

    @Flag(help: "Read and check everything, write nothing.")
    var dryRun = false

    func validate() throws {
        if let format, InputFormat(rawValue: format) == nil {
            throw ValidationError("--format: \"\(format)\" is not csv, json or jsonl")
        }
    }

    func run(on catalog: Catalog) throws {
        let report = try catalog.importStudies(
            from: file, format: format.flatMap(InputFormat.init(rawValue:)), dryRun: dryRun)
        for row in report.quarantined {
            Terminal.diagnose("\(report.file):\(row.line): \(row.field.map { "\($0): " } ?? "")\(row.reason)")
        }
        Terminal.diagnose(report.summary)
        if !report.quarantined.isEmpty { throw ExitCode(2) }
    }
}
