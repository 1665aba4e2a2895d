import ArgumentParser
import Foundation
import SkinCatalog

struct ExportCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a ranking as CSV, JSON, Markdown or a self-contained HTML report.",
        discussion: """
            Every format carries rank, sku, brand, name, score, each criterion's points, the flags and the value \
            (price per mL or g, and per 100 mg of the active when the label declares or prints its amount); JSON also \
            the rubric's version and fingerprint and a fingerprint of the catalog. CSV cells that a spreadsheet \
            would run as formulas are prefixed with ' (OWASP); JSON keeps the text exactly.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var selection: RankingSelection
    @OptionGroup var rates: RatesOptions

    @Option(help: RankingReport.Format.help)
    var format: RankingReport.Format

    @Option(name: [.short, .long], help: ArgumentHelp("The file to write (- for standard output).", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("At most this many products.", valueName: "n"))
    var limit: Int?

    var queryText: String? { selection.filter }

    /// A rates file that cannot be used or a path that cannot be written fails at once, before the catalog opens.
    func checkBeforeOpening() throws {
        _ = try rates.conversion()
        try outputFile()?.discard()
    }

    /// The file to write, its temporary copy made; nil for standard output.
    private func outputFile() throws(OutputFile.Failure) -> OutputFile? {
        output == "-" ? nil : try OutputFile.prepare(output)
    }

    func run(on catalog: Catalog) throws {
        let conversion = try rates.conversion()
        // Prepared before the ranking is computed: a path that became unwritable fails at once.
        let file = try outputFile()
        if format == .csv {
            // Written row by row as the ranking produces them, to the file's temporary copy: a million products are
            // never held at once. The file is put in place only when every row is written.
            var stream = StreamingOutput(file: file)
            var count = 0
            let options: RankingOptions
            do {
                try stream.write(DelimitedWriter.csv.line(RankingReport.columns))
                options = try selection.rank(catalog, limit: limit, conversion: conversion) { product in
                    count += 1
                    try stream.write(
                        DelimitedWriter.csv.line(RankingReport.cells(product).map(RankingReport.neutralised)))
                }
                try stream.finish()
            } catch {
                // A failed write has removed the temporary file already; any other failure leaves it to remove.
                if !(error is OutputFile.Failure) { stream.discard() }
                throw error
            }
            if file != nil {
                let activeName = options.rubric.active(named: options.active)?.key ?? options.active
                Terminal.diagnose("exported \(count) \(activeName) products to \(output) (\(format.rawValue))")
            }
            return
        }
        let (options, ranked) = try selection.rank(catalog, limit: limit, conversion: conversion)
        let fingerprint = try catalog.fingerprint()
        let activeName = options.rubric.active(named: options.active)?.key ?? options.active
        let report = RankingReport(
            active: activeName, products: ranked, rubric: options.rubric,
            catalogFingerprint: fingerprint)
        let text = report.render(format)
        guard let file else {
            Terminal.write(text)
            return
        }
        try file.commit(Array(text.utf8))
        Terminal.diagnose("exported \(ranked.count) \(activeName) products to \(output) (\(format.rawValue))")
    }
}

extension RankingReport.Format: FormatChoice {}
