import ArgumentParser
import Foundation
import SkinCatalog

/// `--db`, shared by every command that opens the catalog.
struct CatalogOptions: ParsableArguments {
    /// Where the catalog lives when neither `--db` nor `SKINCAT_DB` says.
    static let defaultPath = "skincat.sqlite"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The catalog file (created when missing).",
            discussion: "Defaults to $SKINCAT_DB, then ./\(defaultPath).", valueName: "path"))
    var db: String?

    /// The catalog path: `--db`, then `$SKINCAT_DB`, then `./skincat.sqlite`.
    var path: String {
        if let db { return db }
        if let environment = ProcessInfo.processInfo.environment["SKINCAT_DB"], !environment.isEmpty {
            return environment
        }
        return Self.defaultPath
    }

    func open() throws -> Catalog {
        try Terminal.reportingErrors { () throws(CatalogError) in try Catalog(path: path) }
    }
}

/// The output formats. The format never depends on the terminal; only colour does.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, tsv, json, jsonl
}

/// `--format`, shared by commands that print records.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv, tsv, json or jsonl.")
    var format: OutputFormat = .table
}
