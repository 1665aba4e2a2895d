import ArgumentParser
import Foundation
import SkinCatalog

struct ImportCommand: CatalogCommand {
    static let access = Catalog.Access.readWrite
    static let lockTimeout = 900.0

    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import products from CSV, JSON or JSON Lines files (see docs/csv-contract.md).",
        discussion: """
            Each file is imported in one transaction, as the offers of one source (--source NAME; else the \
            profile's name; else the file name without its extension, printed). A sku is unique within its \
            source: rows are upserted by source and sku, so importing a file twice leaves the same catalog, and \
            two sources never overwrite each other. A new offer joins the product another source already lists \
            when brand, name, size and ingredient list agree (skincat merges lists the uncertain ones); an offer \
            of the source that a newer file no longer lists is marked not seen, or deleted with --prune. A row that cannot be imported is quarantined (kept verbatim in the \
            catalog with its line and reason) and reported on stderr as FILE:LINE: reason; the good rows \
            still land. Exit code 2 when rows were quarantined, 1 when a file could not be imported.

            Files in other layouts (retailer exports) import with a profile or a column mapping: \
            --profile sephora-cosmetics, lookfantastic, lookfantastic-clean, sephora-daisy or \
            sephora-daisy-final (shipped with skincat), or --profile FILE.json, and/or \
            --map brand=Brand,name=product_name,... Without a sku column, each product gets a derived key \
            (k-…, from url and name, or brand and name; see docs/csv-contract.md), so re-importing finds the same products.

            JSON (an array of objects, read whole up to 256 MiB) and JSON Lines (one object a line, streamed) \
            import the same way, each object a product and its keys the columns; the format is told by the \
            extension (.json, .jsonl, .ndjson) or the first byte ([ or {), or given with --format.
            """
    )

    @OptionGroup var catalog: CatalogOptions

    @Argument(help: ArgumentHelp("The files to import (- for standard input).", valueName: "file"))
    var files: [String]

    @Option(
        help: ArgumentHelp(
            "The files' format: csv, json or jsonl (default: told by the extension, else the first byte).",
            valueName: "format"))
    var format: String?

    @Flag(help: "Abort a file, writing nothing from it, at its first row that cannot be imported.")
    var strict = false

    @Option(help: ArgumentHelp("The files' text encoding: utf-8, windows-1252 or latin1.", valueName: "name"))
    var encoding: String = "utf-8"

    @Option(help: ArgumentHelp("The field separator (one character; \\t for tab).", valueName: "char"))
    var delimiter: String = ","

    @Flag(help: "Read and check everything, then roll back: report what would happen.")
    var dryRun = false

    @Option(help: ArgumentHelp("Stop after this many data rows of each file.", valueName: "n"))
    var stopAfter: Int?

    @Option(help: ArgumentHelp("Write the import report(s) as JSON to this file.", valueName: "file.json"))
    var report: String?

    @Option(
        help: ArgumentHelp(
            "Read the files with an import profile: a shipped one by name, or a profile FILE.json.",
            discussion: "Shipped: \(ImportProfile.bundled.map(\.name).joined(separator: ", ")).",
            valueName: "name"))
    var profile: String?

    @Option(
        help: ArgumentHelp(
            "Which column holds which field, as FIELD=COLUMN pairs separated by commas (over a profile's).",
            discussion: "Fields: \(CatalogField.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "field=column,..."))
    var map: String?

    @Option(
        help: ArgumentHelp(
            "The fields a derived key is made of when the file has no sku column (default: url,name,size, or "
                + "brand,name,size without a url column).", valueName: "field,..."))
    var key: String?

    @Option(
        help: ArgumentHelp(
            "The source the files' rows are offers of (a retailer: sephora, boots-uk).",
            discussion: "Default: the profile's name, else the file name without folders and extension.",
            valueName: "name"))
    var source: String?

    @Flag(
        help: ArgumentHelp(
            "Delete the source's offers that the file no longer lists (default: keep them, marked not seen).",
            discussion: "Products left without any offer are deleted with them; nothing is pruned when rows "
                + "were quarantined or --stop-after cut the file short."))
    var prune = false

    @Flag(help: "Do not try fuzzy matching for names that match no dictionary name exactly.")
    var noFuzzy = false

    @Flag(
        help: ArgumentHelp(
            "The files have no header row: --map (or the profile) gives 1-based column numbers (name=3).",
            discussion: "Every row is data; columns not mapped are kept as extra fields named \"column N\"."))
    var noHeader = false

    @Option(
        help: ArgumentHelp(
            "The free-text field that absorbs the extra fields of a row with more fields than the header.",
            discussion: """
                A row whose unquoted name holds commas is repaired by rejoining them into this field, when every \
                typed field (price, url, size, currency) then reads as its type; it is reported as repaired, with \
                its line. Otherwise it is quarantined.
                """,
            valueName: "field"))
    var absorb: String?

    func validate() throws {
        guard TextEncoding(name: encoding) != nil else {
            throw ValidationError("unknown encoding \"\(encoding)\"; use utf-8, windows-1252 or latin1")
        }
        guard parsedDelimiter != nil else {
            throw ValidationError(
                "the delimiter must be one ASCII character other than a quote or a line break, "
                    + "got \"\(delimiter)\"")
        }
        if let format, InputFormat(rawValue: format) == nil {
            throw ValidationError("unknown format \"\(format)\"; use csv, json or jsonl")
        }
        if let stopAfter, stopAfter < 0 { throw ValidationError("--stop-after must be 0 or more") }
        if let source, let problem = Catalog.problem(withSourceName: source) {
            throw ValidationError("--source \"\(source)\": \(problem)")
        }
        do {
            if let map { _ = try ColumnMapping.parse(map, in: "--map") }
            if let key { _ = try ColumnMapping.parseKey(key, in: "--key") }
            if let absorb { _ = try ColumnMapping.absorbingField(absorb, in: "--absorb") }
        } catch {
            throw ValidationError(error.description)
        }
    }

    private var parsedDelimiter: UInt8? {
        let text = delimiter == "\\t" ? "\t" : delimiter
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80,
            byte != UInt8(ascii: "\""), byte != 0x0A, byte != 0x0D
        else { return nil }
        return byte
    }

    /// The options, checked against the catalog-independent rules (a profile, a column map).
    private func importOptions() throws(CatalogError) -> ImportOptions {
        var options = ImportOptions(
            strict: strict, encoding: TextEncoding(name: encoding) ?? .utf8,
            delimiter: parsedDelimiter ?? UInt8(ascii: ","), dryRun: dryRun,
            stopAfter: stopAfter, fuzzy: !noFuzzy)
        options.inputFormat = format.flatMap(InputFormat.init(rawValue:))
        options.source = source
        options.prune = prune
        try options.configure(profile: profile, map: map, key: key, noHeader: noHeader, absorb: absorb)
        return options
    }

    /// The report's file with its temporary file made; nil without --report.
    private func reportFile() throws -> OutputFile? {
        guard let report else { return nil }
        do {
            return try OutputFile.prepare(report)
        } catch {
            Terminal.error("\(error.description); nothing was imported")
            throw ExitCode.failure
        }
    }

    /// The options and the report's file are checked before the catalog opens (which creates it when missing), so
    /// a bad --map or an unwritable --report fails the command before the catalog changes.
    func checkBeforeOpening() throws {
        _ = try importOptions()
        try reportFile()?.discard()
    }

    /// Imports each file in turn. On purpose not the shared path's stop at the first error: a file that fails is
    /// reported (the message through ``Terminal/message(for:)``) and the next file is imported; exit 1 at the end.
    func run(on catalog: Catalog) throws {
        let options = try importOptions()
        let reportFile = try reportFile()
        var reports: [ImportReport] = []
        var failed = false
        for file in files {
            let name = file == "-" ? Catalog.standardInputName : file
            let progress = Terminal.Progress(label: "importing \(name)")
            do {
                let result =
                    file == "-"
                    ? try catalog.importCatalogFromStandardInput(options: options, progress: progress.update)
                    : try catalog.importCatalog(from: file, options: options, progress: progress.update)
                progress.finish()
                for warning in result.warnings { Terminal.warning(warning) }
                for row in result.repaired {
                    Terminal.diagnose("\(name):\(row.line): \(row.field): repaired: \(row.reason)")
                }
                for row in result.quarantined {
                    let reason = Terminal.withOptions(row.reason)
                    Terminal.diagnose("\(name):\(row.line): \(row.field.map { "\($0): " } ?? "")\(reason)")
                }
                Terminal.diagnose(result.summary)
                for line in result.details { Terminal.diagnose(Terminal.withOptions(line)) }
                reports.append(result)
            } catch {
                progress.finish()
                Terminal.error(Terminal.message(for: error))
                failed = true
            }
        }
        if reports.isEmpty { discardIfCreated(catalog) }
        if let reportFile {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(reports.count == 1 ? AnyEncodable(reports[0]) : AnyEncodable(reports))
            do {
                try reportFile.commit(Array(data))
            } catch {
                // Rare (the disk filled up between the check and now): the import itself has landed.
                Terminal.error("\(error.description); the import itself was committed")
                throw ExitCode.failure
            }
        }
        if failed { throw ExitCode.failure }
        if reports.contains(where: { !$0.quarantined.isEmpty }) { throw ExitCode(2) }
    }

    /// A catalog this command created and then imported nothing into is removed again, so a failed first import
    /// (a wrong file, a bad header) leaves no empty catalog behind to be mistaken for a real one.
    private func discardIfCreated(_ catalog: Catalog) {
        _ = try? catalog.removeIfUnused()
    }
}

/// Lets one report or a list of them be encoded through the same call.
private struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
