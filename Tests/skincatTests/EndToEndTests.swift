import Foundation
import SkinCatalog
import TestSupport
import Testing

/// The real `skincat` binary against real files: stdout, stderr and exit codes checked separately.
@Suite("skincat end to end")
struct EndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
    }

    @Test("a command refuses a format it cannot print, naming those it can, and its help lists exactly those")
    func refusesFormatsItCannotPrint() throws {
        #expect(try cli.run("import", Paths.fixture("catalog.csv")).status == 0)
        let refusals = [
            (["show", "00101", "--format", "csv"], "'table' and 'json'"),
            (["explain", "00101", "--format", "jsonl"], "'table' and 'json'"),
            (["query", "NMN", "--format", "html"], "'table', 'csv', 'tsv', 'json' or 'jsonl'"),
            (["ingredients", "--format", "markdown"], "'table', 'csv', 'tsv', 'json' or 'jsonl'"),
        ]
        for (arguments, formats) in refusals {
            let refused = try cli.run(arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stdout.isEmpty, "\(arguments): nothing is printed in another format")
            #expect(refused.stderr.contains("Please provide one of \(formats)"), "\(arguments): \(refused.stderr)")
        }
        #expect(try cli.run("show", "--help").stdout.contains("Output format: table or json."))
        #expect(try cli.run("rank", "--help").stdout.contains("Output format: table, csv, tsv, json or jsonl."))
    }

    @Test("import the fixture catalog: summary on stderr, nothing on stdout, exit 0; then show a product")
    func importAndShow() throws {
        let imported = try cli.run("import", Paths.fixture("catalog.csv"))
        #expect(imported.status == 0)
        #expect(imported.stdout.isEmpty)
        #expect(imported.stderr.contains("50 rows: 50 new, 0 updated, 0 unchanged, 0 quarantined"))
        #expect(
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("skincat.sqlite").path),
            "the documented default catalog is ./skincat.sqlite")

        let shown = try cli.run("show", "00101")
        #expect(shown.status == 0)
        #expect(shown.stderr.isEmpty)
        #expect(shown.stdout.contains("Pfect-A · NMN Longevity Serum"))
        // The table row (the 1 % line above it names the ingredient too).
        let nmnLine = shown.stdout.split(separator: "\n").first {
            $0.contains("Nicotinamide Mononucleotide") && $0.contains("exact")
        }
        #expect(nmnLine?.contains("4,000 ppm") == true)
        #expect(nmnLine?.contains("declared") == true)
        #expect(shown.stdout.contains("airless, opaque, light-protective, pump"))

        let json = try cli.run("show", "00101", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["sku"] as? String == "00101")
        #expect(object?["brand"] as? String == "Pfect-A")

        let again = try cli.run("import", Paths.fixture("catalog.csv"))
        #expect(again.stderr.contains("0 new, 0 updated, 50 unchanged"))
    }

    @Test("a price without a currency in a catalog of several currencies: a warning names them")
    func priceAcrossCurrencies() throws {
        let file = directory.appendingPathComponent("currencies.csv")
        try Data(
            """
            sku,brand,name,category,ingredients,price,currency
            u1,A,Serum,serum,"Water, Niacinamide",25,USD
            g1,B,Serum,serum,"Water, Niacinamide",25,GBP

            """.utf8
        ).write(to: file)
        #expect(try cli.run("import", file.path).status == 0)
        let mixed = try cli.run("query", "niacinamide under 30", "--format", "tsv")
        #expect(mixed.status == 0)
        #expect(mixed.stdout.contains("u1") && mixed.stdout.contains("g1"))
        #expect(mixed.stderr.contains("prices compared in each product's own currency (GBP, USD)"), "\(mixed.stderr)")
        let one = try cli.run("query", "niacinamide under $30", "--format", "tsv")
        #expect(one.stdout.contains("u1") && !one.stdout.contains("g1"))
        #expect(one.stderr.isEmpty, "\(one.stderr)")
    }

    @Test("an unknown sku: a clear error on stderr, exit 1")
    func unknownSKU() throws {
        try cli.run("import", Paths.fixture("catalog.csv"))
        let result = try cli.run("show", "101")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no product with sku \"101\""))
    }

    @Test("bad rows: reported compiler-style as FILE:LINE, the good rows land, exit 2")
    func quarantine() throws {
        let file = Paths.fixture("bad/mixed.csv")
        let result = try cli.run("import", file)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(file):3: expected 12 fields as in the header, found 23"))
        #expect(result.stderr.contains("\(file):5: sku: is empty"))
        #expect(result.stderr.contains("\(file):7: actives: unknown unit \"furlongs\""))
        #expect(result.stderr.contains("4 new"))
        #expect(try cli.run("show", "MX-001").status == 0)
    }

    @Test("a header without sku: error naming the file, exit 1, nothing written")
    func badHeader() throws {
        let file = Paths.fixture("bad/no-sku-header.csv")
        let result = try cli.run("import", file)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):1: the header has no \"sku\" column"))
        // The failed first import leaves no empty catalog behind; a read then says there is none.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("skincat.sqlite").path))
        let listed = try cli.run("ingredients", "--format", "json")
        #expect(listed.status == 1)
        #expect(listed.stdout.isEmpty)
        #expect(listed.stderr.contains("no catalog at skincat.sqlite"))
    }

    @Test("--strict aborts the file; --encoding reads Windows-1252")
    func strictAndEncoding() throws {
        let strict = try cli.run("import", "--strict", Paths.fixture("bad/mixed.csv"))
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("--strict: nothing from the file was imported"))
        #expect(try cli.run("show", "MX-001").status == 1)

        let latin = Paths.fixture("bad/windows-1252.csv")
        let refused = try cli.run("import", latin)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(latin):2: field 2 (brand): not valid utf-8"))
        // The library says which encoding to read the file as; the command line says which option does it.
        #expect(refused.stderr.contains("if the file is not UTF-8, pass --encoding windows-1252 (or latin1)"))
        let decoded = try cli.run("import", "--encoding", "windows-1252", latin)
        #expect(decoded.status == 0)
        #expect(try cli.run("show", "W1252-001").stdout.contains("Crème Hydratante™ NMN"))
    }

    @Test("usage errors exit 64")
    func usage() throws {
        #expect(try cli.run("import").status == 64)
        #expect(try cli.run("import", "--encoding", "klingon", "x.csv").status == 64)
        #expect(try cli.run("frobnicate").status == 64)
        #expect(try cli.run("import", "--delimiter", "\"", "x.csv").status == 64)
    }

    @Test("--db and SKINCAT_DB choose the catalog")
    func catalogLocation() throws {
        try cli.run("import", "--db", "a.sqlite", Paths.fixture("bad/leading-zeros.csv"))
        #expect(try cli.run("show", "--db", "a.sqlite", "007").status == 0)
        var withEnvironment = cli
        withEnvironment.environment["SKINCAT_DB"] = directory.appendingPathComponent("a.sqlite").path
        #expect(try withEnvironment.run("show", "0007").status == 0)
        #expect(try cli.run("show", "0007").status == 1, "the default catalog is a different file")
    }

    @Test("an installed copy of the binary, run from another folder, carries its migrations")
    func installedElsewhere() throws {
        let bin = directory.appendingPathComponent("bin", isDirectory: true)
        let work = directory.appendingPathComponent("elsewhere", isDirectory: true)
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let installed = bin.appendingPathComponent("skincat")
        try FileManager.default.copyItem(at: CLI.binary, to: installed)
        var moved = CLI(directory: work)
        moved.executable = installed
        let result = try moved.run("import", Paths.fixture("catalog.csv"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try moved.run("studies", "--ingredient", "NMN").stdout.contains("Photochemical"))
    }

    @Test("no colour escapes when stderr is not a terminal")
    func noColour() throws {
        let result = try cli.run("show", "nothing-here")
        #expect(!result.stderr.contains("\u{1B}["))
    }

    @Test("ingredients and studies list what the catalog knows")
    func listings() throws {
        try cli.run("import", Paths.fixture("catalog.csv"))
        let unresolved = try cli.run("ingredients", "--unresolved", "--format", "csv")
        #expect(!unresolved.stdout.contains("Phenoxyethano"), "matched fuzzily to PHENOXYETHANOL")
        #expect(try cli.run("show", "00204").stdout.contains("PHENOXYETHANOL"))
        #expect(unresolved.stdout.contains("Aquaxyl"))
        let nmn = try cli.run("ingredients", "NMN", "--format", "jsonl")
        #expect(nmn.stdout.contains("\"inciName\":\"NICOTINAMIDE MONONUCLEOTIDE\""))
        // The JSON keys are the library's Codable keys, one spelling each: the CLI's output decodes as the type.
        let listed = try cli.run("ingredients", "NMN", "--format", "json")
        let decoded = try JSONDecoder().decode([IngredientSummary].self, from: Data(listed.stdout.utf8))
        #expect(decoded.first?.casNumber == "1094-61-7")
        #expect(decoded.first?.lookalikes.contains("NICOTINAMIDE ADENINE DINUCLEOTIDE") == true)
        let studies = try cli.run("studies", "--ingredient", "vitamin B3", "--format", "json")
        let array = try JSONSerialization.jsonObject(with: Data(studies.stdout.utf8)) as? [[String: Any]]
        #expect(array?.count == 3)
        let unknown = try cli.run("studies", "--ingredient", "unobtainium")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no ingredient named \"unobtainium\""))
    }

    @Test("every command has an abstract and every option a help text")
    func helpTexts() throws {
        let dump = try cli.run("--experimental-dump-help")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var missing: [String] = []
        func visit(_ command: [String: Any], path: String) {
            if (command["abstract"] as? String ?? "").isEmpty { missing.append("\(path): abstract") }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let names = (argument["names"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
                let name = names.first ?? (argument["valueName"] as? String ?? "?")
                if ["help", "version", "h"].contains(name) { continue }
                if (argument["abstract"] as? String ?? "").isEmpty { missing.append("\(path) \(name)") }
            }
            // `help` is argument-parser's own command.
            for sub in command["subcommands"] as? [[String: Any]] ?? [] where sub["commandName"] as? String != "help" {
                visit(sub, path: "\(path) \(sub["commandName"] as? String ?? "?")")
            }
        }
        visit(try #require(root["command"] as? [String: Any]), path: "skincat")
        #expect(missing.isEmpty, "without help: \(missing)")
    }
}
