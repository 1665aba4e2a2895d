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

    /// Opens the catalog (``CatalogCommand`` does, for every command): read commands with `.readOnly` (a missing file is an error, nothing is written),
    /// commands that change it with `.readWrite`. A write waits `lockTimeout` seconds for another process's write
    /// and says so on a terminal after about a second.
    func open(_ access: Catalog.Access = .readOnly, lockTimeout: Double = 60) throws(CatalogError) -> Catalog {
        let path = path
        let lockWait = Catalog.LockWait(timeout: lockTimeout) {
            guard Terminal.stderrIsTerminal else { return }
            Terminal.diagnose("skincat: waiting for another process that is writing to \(path)...")
        }
        return try Catalog(path: path, access: access, lockWait: lockWait)
    }
}

/// A command's output formats: `--format` accepts exactly these (argument parsing rejects any other with the
/// list) and its help names them. The format never depends on the terminal; only colour does.
protocol FormatChoice: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {}

extension FormatChoice {
    /// `Output format: table, csv, tsv, json or jsonl.`
    static var help: ArgumentHelp {
        let names = allCases.map(\.rawValue)
        let list =
            names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "") : names.joined()
        return ArgumentHelp("Output format: \(list).", valueName: "format")
    }
}

/// The formats of a list of records, the library's: every command that prints records accepts all five.
extension OutputFormat: FormatChoice {}

/// `--format`, shared by commands that print records.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: OutputFormat.help)
    var format: OutputFormat = .table

    /// Writes the rows in the chosen format.
    func write<Row: TabularResult>(_ rows: [Row]) throws {
        Terminal.write(try Row.render(rows, as: format))
    }
}

/// The formats of a command that prints one product: the readable text, or JSON.
enum SheetFormat: String, FormatChoice {
    case table, json
}
