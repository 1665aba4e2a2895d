import Foundation
import TestSupport
import Testing

/// Studies through the real binary: `studies import` (with a quarantined row and exit code 2), the listing with its
/// citation, `export` in each format and back, `add`, `remove`, and `explain` and the HTML report citing them.
@Suite("skincat end to end: studies")
struct StudiesEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("import, list, export, import the export elsewhere, remove")
    func importListExportRemove() throws {
        let file = try write(
            "reading.csv",
            """
            doi,title,year,journal,design,route,ingredients,concentration,outcome
            10.1000/e2e,Topical NMN trial,2026,J Test,human-rct,topical,NMN,0.5%,positive
            ,Mystery study,2026,,animal,,Unobtainium,,

            """)
        let imported = try cli.run("studies", "import", file)
        #expect(imported.status == 2)
        #expect(imported.stdout.isEmpty)
        #expect(
            imported.stderr.contains("\(file):3: ingredients: no ingredient named \"Unobtainium\" in the dictionary"))
        #expect(imported.stderr.contains("\(file): 2 rows read, 1 inserted, 0 updated, 0 unchanged, 1 quarantined"))

        let listed = try cli.run("studies", "--ingredient", "NMN", "--format", "csv")
        #expect(listed.status == 0)
        #expect(listed.stdout.hasPrefix("year,design,route,tested,outcome,endpoints,ingredients,citation,key\r\n"))
        #expect(listed.stdout.contains("Topical NMN trial. J Test 2026. doi:10.1000/e2e,doi:10.1000/e2e"))

        for format in ["csv", "json", "jsonl"] {
            let exported = try cli.run("studies", "export", "--format", format)
            #expect(exported.status == 0 && exported.stderr.isEmpty)
            let copy = try write("export.\(format)", exported.stdout)
            var other = cli
            other.environment["SKINCAT_DB"] = directory.appendingPathComponent("other-\(format).sqlite").path
            let again = try other.run("studies", "import", copy)
            #expect(again.status == 0, "\(format): \(again.stderr)")
            #expect(try other.run("studies", "export", "--format", format).stdout == exported.stdout, "\(format)")
        }

        let removed = try cli.run("studies", "remove", "https://doi.org/10.1000/E2E")
        #expect(removed.status == 0 && removed.stderr.hasPrefix("removed doi:10.1000/e2e: Topical NMN trial."))
        let unknown = try cli.run("studies", "remove", "10.1000/e2e")
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr.contains(
                "no study has the key, DOI or PMID \"10.1000/e2e\"; list them with 'skincat studies'"))
    }

    @Test("add checks its options before opening the catalog; explain and the HTML report cite the study")
    func addAndCite() throws {
        let products = try write(
            "p.csv",
            "sku,brand,name,ingredients,actives\nHALF,B,Serum,\"Water, Nicotinamide Mononucleotide\",NMN 0.5%\n")
        #expect(try cli.run("import", products).status == 0)
        let bad = try cli.run(
            "studies", "add", "--title", "T", "--design", "human-rct", "--ingredients", "NMN", "--route", "nasal")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--route: \"nasal\" is not a route"))
        let added = try cli.run(
            "studies", "add", "--title", "Topical NMN trial", "--design", "human-rct", "--route", "topical",
            "--ingredients", "NMN", "--concentration", "0.5%", "--doi", "10.1000/cited", "--year", "2026")
        #expect(added.status == 0)
        #expect(added.stderr.hasPrefix("inserted doi:10.1000/cited: Topical NMN trial. 2026. doi:10.1000/cited"))
        let explained = try cli.run("explain", "HALF")
        #expect(explained.stdout.contains("evidence      10/10"))
        #expect(explained.stdout.contains("Topical NMN trial. 2026. doi:10.1000/cited <https://doi.org/10.1000/cited>"))
        let shown = try cli.run("show", "HALF")
        #expect(shown.stdout.contains("evidence   NMN 10/10"))
        let report = directory.appendingPathComponent("r.html").path
        #expect(try cli.run("export", "--format", "html", "--output", report).status == 0)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(
            html.contains("<a href=\"https://doi.org/10.1000/cited\">Topical NMN trial. 2026. doi:10.1000/cited</a>"))
    }
}
