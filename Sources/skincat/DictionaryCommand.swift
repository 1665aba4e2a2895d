import ArgumentParser
import Foundation
import SkinCatalog

struct DictionaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dictionary",
        abstract: "Manage the ingredient dictionary that printed names resolve against.",
        subcommands: [Import.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Load an ingredient dictionary (the EU CosIng inventory: INCI names, CAS, EINECS, functions).",
            discussion: """
                Reads a CSV with the columns inci_name, cas_number, einecs_number, function (the official \
                export's "INCI name", "CAS No", "EC No", "Function" work too). Each name becomes an ingredient \
                (origin cosing) unless the reference data knows it: reference aliases, classes and look-alikes \
                always win. Importing the same file twice changes nothing. When the dictionary changed, the \
                next 'skincat import' of a product file re-resolves its ingredient names.
                """
        )

        @OptionGroup var catalog: CatalogOptions

        @Argument(help: ArgumentHelp("The dictionary CSV file, e.g. cosing.csv.", valueName: "file"))
        var file: String

        @Flag(help: "Read and merge everything, then roll back: report what would happen.")
        var dryRun = false

        func run() throws {
            let catalog = try catalog.open(.readWrite, lockTimeout: 900)
            let report = try Terminal.reportingErrors { () throws(CatalogError) in
                try catalog.importDictionary(from: file, dryRun: dryRun)
            }
            for line in report.skipped { Terminal.diagnose(line) }
            Terminal.diagnose(report.summary)
        }
    }
}
