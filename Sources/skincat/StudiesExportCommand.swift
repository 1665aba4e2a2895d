import ArgumentParser
import SkinCatalog

extension StudyExportFormat: FormatChoice {}

struct StudiesExportCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the studies as a studies file (CSV, JSON or JSON Lines) that 'studies import' reads back."
    )

    @OptionGroup var catalog: CatalogOptions

    @Option(help: StudyExportFormat.help)
    var format: StudyExportFormat = .csv

    @Option(
        help: ArgumentHelp(
            "Only studies of the ingredient this name resolves to (any alias: NMN, vitamin B3).",
            valueName: "name"))
    var ingredient: String?

    func run(on catalog: Catalog) throws {
        Terminal.write(StudySummary.export(try catalog.studies(ingredient: ingredient), as: format))
    }
}
