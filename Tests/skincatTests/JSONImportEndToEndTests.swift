import Foundation
import TestSupport
import Testing

/// JSON and JSON Lines imports through the real binary: the same catalog as the CSV, bad objects quarantined with
/// file, line and reason, the format told by extension, first byte or --format.
@Suite("skincat end to end: JSON input")
struct JSONImportEndToEndTests {
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
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The export of a fresh catalog made from `file`.
    private func export(_ arguments: String...) throws -> String {
        var fresh = cli
        fresh.directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fresh.directory) }
        let imported = try fresh.run(["import"] + arguments)
        #expect(imported.status == 0, "\(imported.stderr)")
        return try ["NMN", "niacinamide"].map {
            try fresh.run("export", "--format", "json", "-o", "-", "--active", $0).stdout
        }.joined()
    }

    @Test("catalog.json and catalog.jsonl (written from catalog.csv by another tool) give the CSV's catalog")
    func sameCatalog() throws {
        let csv = try export(Paths.fixture("catalog.csv"))
        #expect(csv.contains("Pfect-A") && csv.contains("catalogFingerprint"))
        #expect(try export(Paths.fixture("json/catalog.json")) == csv)
        #expect(try export(Paths.fixture("json/catalog.jsonl")) == csv)
        // No telling extension: the first byte, or --format.
        let renamed = try write(
            "products.data", try String(contentsOfFile: Paths.fixture("json/catalog.jsonl"), encoding: .utf8))
        #expect(try export(renamed) == csv)
        #expect(try export("--format", "jsonl", renamed) == csv)
    }

    @Test("bad objects are quarantined with file, line and reason, exit 2; the good ones land")
    func badObjects() throws {
        let file = try write(
            "scrape.jsonl",
            """
            {"id": "1", "maker": "B", "title": "Serum", "inci": ["Water", "Niacinamide"], "extra": {"rating": 4.5}}
            {"id": "2", "maker": "B", "title": "Cream",
            ["not", "an", "object"]
            {"id": "3", "maker": "B", "title": "Toner"}
            {"id": "4", "maker": "B", "title": "Mist", "inci": "Water", "later": true}

            """)
        let result = try cli.run(
            "import", file, "--map", "sku=id,brand=maker,name=title,ingredients=inci", "--report", "r.json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):2: not valid JSON: the text ends inside an object"))
        #expect(result.stderr.contains("\(file):3: an array, not an object: each product is one object"))
        #expect(result.stderr.contains("\(file):4: ingredients: is empty"))
        #expect(result.stderr.contains("5 rows: 2 new, 0 updated, 0 unchanged, 3 quarantined"))
        let shown = try cli.run("show", "1", "--format", "json")
        #expect(shown.stdout.contains("NIACINAMIDE"))
        #expect(shown.stdout.contains(#"{\"rating\":4.5}"#))
        let report = try String(contentsOf: directory.appendingPathComponent("r.json"), encoding: .utf8)
        #expect(report.contains("\"row: not valid JSON\" : 1") || report.contains("\"row: not valid JSON\":1"))
    }

    @Test("a JSON array that is not valid JSON stops the file with its line, exit 1, nothing written")
    func brokenArray() throws {
        let file = try write("a.json", "[\n{\"sku\": \"1\", \"brand\": \"B\", \"name\": \"A\"}\n{\"sku\": \"2\"}\n]")
        let result = try cli.run("import", file)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "\(file):3: not valid JSON: '{' where ',' or ']' after an element was expected; "
                    + "the objects after this point cannot be told apart"))
        // Not even the sound first object: the failed first import leaves no catalog behind, and show says so.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("skincat.sqlite").path))
        let shown = try cli.run("show", "1")
        #expect(shown.status == 1)
        #expect(shown.stdout.isEmpty)
    }

    @Test("--format must be csv, json or jsonl")
    func badFormat() throws {
        let result = try cli.run("import", "--format", "xml", Paths.fixture("catalog.csv"))
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown format \"xml\"; use csv, json or jsonl"))
    }
}
