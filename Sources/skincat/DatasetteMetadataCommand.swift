import ArgumentParser
import Foundation
import SkinCatalog

struct DatasetteMetadataCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasette-metadata",
        abstract: "Print Datasette metadata for the catalog: every table and column described, search configured.",
        discussion: """
            Browse the catalog in Datasette (https://datasette.io) with its tables and columns explained, the \
            search box on product and productSummary, and facets by brand and category (docs/search.md):
              skincat datasette-metadata --db skincat.sqlite > metadata.json
              datasette skincat.sqlite --metadata metadata.json
            Datasette names the database after the file (skincat.sqlite is "skincat"); the metadata names it \
            the same way, or as --database-name says. The catalog must exist (it is opened to read, not changed).
            """
    )

    @OptionGroup var catalog: CatalogOptions

    @Option(
        help: ArgumentHelp(
            "The database's name in Datasette (default: the catalog file's name without its extension).",
            valueName: "name"))
    var databaseName: String?

    func run(on catalog: Catalog) throws {
        let name = databaseName ?? URL(fileURLWithPath: catalog.path).deletingPathExtension().lastPathComponent
        Terminal.write(DatasetteMetadata.json(databaseName: name).rendered(pretty: true) + "\n")
    }
}
