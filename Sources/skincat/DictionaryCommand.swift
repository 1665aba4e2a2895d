import ArgumentParser
import Foundation
import SkinCatalog

extension Annex: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
}

struct DictionaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dictionary",
        abstract: "Manage the ingredient dictionary that printed names resolve against.",
        subcommands: [Import.self, Alias.self]
    )

    struct Import: CatalogCommand {
        static let access = Catalog.Access.readWrite
        static let lockTimeout = 900.0

        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Load an ingredient dictionary (the EU CosIng inventory) or the caps of an EU CosIng annex export.",
            discussion: """
                A dictionary is a CSV with the columns inci_name, cas_number, einecs_number, function (the \
                official export's "INCI name", "CAS No", "EC No", "Function" work too). Each name becomes an \
                ingredient (origin cosing) unless the reference data knows it: reference aliases, classes and \
                look-alikes always win. Importing the same file twice changes nothing. When the dictionary \
                changed, the next 'skincat import' of a product file re-resolves its ingredient names.

                An annex export (Annex III, V or VI, the 2016 .csv or the 2025 .txt layout) is recognised by its \
                "Reference number" header; its annex by the 2025 preamble or the file name (COSING_Annex.V_v2.csv), \
                or give --annex. Its maximum concentrations become caps per ingredient and product type, which \
                set the 1 % line of ingredient lists (docs/concentration-evidence.md). A later file of the same \
                annex replaces the earlier one's caps. Entries that cannot be read are listed, never guessed.

                An Annex II export (prohibited substances; COSING_Annex.II_v2.csv or the 2025 .txt) and the EU \
                fragrance-allergen list (eu-fragrance-allergens.csv, header inci_name,...,annex_iii_ref) are stored \
                with their provenance (file, the version it states, size, sha256, import time) for 'skincat audit'; \
                a later file of the same list replaces the earlier one.
                """,
            // Issue 18 names the annex import `import-annex`: the same command, which tells the files apart.
            aliases: ["import-annex"]
        )

        @OptionGroup var catalog: CatalogOptions

        @Argument(help: ArgumentHelp("The dictionary CSV file, e.g. cosing.csv.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("The annex the file is, when it does not say: III, V or VI.", valueName: "annex"))
        var annex: Annex?

        @Flag(help: "Read and merge everything, then roll back: report what would happen.")
        var dryRun = false

        func run(on catalog: Catalog) throws {
            let result = try catalog.importDictionaryFile(from: file, annex: annex, dryRun: dryRun)
            switch result {
            case .dictionary(let report):
                for line in report.skipped { Terminal.diagnose(line) }
                Terminal.diagnose(report.summary)
            case .annex(let report):
                for line in report.skipped { Terminal.diagnose(line) }
                Terminal.diagnose(report.summary)
            case .substanceList(let report):
                Terminal.diagnose(report.summary)
            }
        }
    }

    struct Alias: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alias",
            abstract: "Teach the dictionary your own names for ingredients: add, remove, list.",
            discussion: """
                User aliases are kept apart from the shipped data: they never replace a shipped name, and \
                adding or removing one resolves the catalog's printed names again at once. An alias that reads \
                as a look-alike of its ingredient is refused (NMN is not NAD+).
                """,
            subcommands: [Add.self, Remove.self, List.self]
        )

        struct Add: CatalogCommand {
            static let access = Catalog.Access.readWrite
            static let lockTimeout = 900.0

            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract:
                    "Make a printed name mean a dictionary ingredient: alias add \"Hadasei-3\" \"SODIUM HYALURONATE\".")

            @OptionGroup var catalog: CatalogOptions

            @Argument(help: ArgumentHelp("The name as products print it.", valueName: "name"))
            var name: String

            @Argument(
                help: ArgumentHelp("The dictionary ingredient it means (its INCI name or an alias).", valueName: "inci")
            )
            var inci: String

            func run(on catalog: Catalog) throws {
                let alias = try catalog.addUserAlias(name, inci: inci)
                Terminal.diagnose("\"\(alias.alias)\" now means \(alias.inciName); printed names resolved again")
            }
        }

        struct Remove: CatalogCommand {
            static let access = Catalog.Access.readWrite
            static let lockTimeout = 900.0

            static let configuration = CommandConfiguration(
                commandName: "remove", abstract: "Forget one of your aliases.")

            @OptionGroup var catalog: CatalogOptions

            @Argument(help: ArgumentHelp("The alias to forget.", valueName: "name"))
            var name: String

            func run(on catalog: Catalog) throws {
                try catalog.removeUserAlias(name)
                Terminal.diagnose("removed the alias \"\(name)\"; printed names resolved again")
            }
        }

        struct List: CatalogCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List your aliases and what they mean.")

            @OptionGroup var catalog: CatalogOptions
            @OptionGroup var output: OutputOptions

            func run(on catalog: Catalog) throws {
                try output.write(try catalog.userAliases())
            }
        }
    }
}
