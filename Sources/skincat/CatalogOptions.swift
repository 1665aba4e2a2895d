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
            "The catalog file (commands that write create it when missing; read commands need an existing one).",
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

    func validate() throws {
        if db?.isEmpty == true { throw ValidationError("--db: the path is empty") }
    }

    /// Opens the catalog: read commands with `.readOnly` (a missing file is an error, nothing is written),
    /// commands that change it with `.readWrite`. A write waits `lockTimeout` seconds for another process's write
    /// and says so on a terminal after about a second.
    func open(_ access: Catalog.Access = .readOnly, lockTimeout: Double = 60) throws -> Catalog {
        let path = path
        let lockWait = Catalog.LockWait(timeout: lockTimeout) {
            guard Terminal.stderrIsTerminal else { return }
            Terminal.diagnose("skincat: waiting for another process that is writing to \(path)...")
        }
        return try Terminal.reportingErrors { () throws(CatalogError) in
            try Catalog(path: path, access: access, lockWait: lockWait)
        }
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
