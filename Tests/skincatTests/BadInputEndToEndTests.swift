import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// Bad input through the real binary: each bad row reported as FILE:LINE: field: reason on stderr, exit 2, the good
/// rows in, and no later command crashing on what an import let through.
@Suite("skincat end to end: bad input")
struct BadInputEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
    }

    private func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test("a NUL in a sku is quarantined, exit 2; it no longer overwrites product 00101")
    func nulSKU() throws {
        try cli.run("import", Paths.fixture("catalog.csv"))
        let file = try write("f.csv", Array("sku,brand,name\n00101".utf8) + [0] + Array("X,Evil,Overwritten\n".utf8))
        let result = try cli.run("import", file)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(file):2: sku: contains a NUL byte (U+0000) at character 6"))
        let shown = try cli.run("show", "00101")
        #expect(shown.stdout.contains("Pfect-A · NMN Longevity Serum"))
    }

    @Test("import - reads standard input and names it <stdin>")
    func standardInput() throws {
        var piped = cli
        piped.standardInput = URL(fileURLWithPath: Paths.fixture("catalog.csv"))
        let result = try piped.run("import", "-")
        #expect(result.status == 0)
        #expect(result.stderr.contains("imported <stdin>: 50 rows: 50 new"))
        piped.standardInput = URL(fileURLWithPath: Paths.fixture("bad/mixed.csv"))
        let bad = try piped.run("import", "-")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("<stdin>:5: sku: is empty"))
        #expect(try cli.run("show", "MX-001").status == 0)
    }

    @Test("a UTF-16 file: the error names the encoding and the iconv command, exit 1")
    func utf16() throws {
        let file = Paths.fixture("bad/utf-16.csv")
        let result = try cli.run("import", file)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "\(file):1: the file is UTF-16 (little-endian, from its byte-order mark); skincat reads UTF-8, "
                    + "Windows-1252 or Latin-1: convert it with iconv -f UTF-16 -t UTF-8"))
    }

    @Test("a row over 1 MiB is quarantined and the rows after it land")
    func hugeRow() throws {
        let row = "H-1,B,Huge,\"" + String(repeating: "Glycerin, ", count: 300_000) + "\"\n"
        let file = try write("huge.csv", Array("sku,brand,name,ingredients\n\(row)H-2,B,After,Aqua\n".utf8))
        let result = try cli.run("import", file)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):2: the record is 3,000,013 bytes long, more than the 1,048,576"))
        #expect(result.stderr.contains("2 rows: 1 new, 0 updated, 0 unchanged, 1 quarantined"))
    }

    @Test("out-of-range numbers are quarantined; a catalog that already holds one still ranks, exports and shows")
    func hugeNumbers() throws {
        let imported = try cli.run("import", Paths.fixture("bad/huge-numbers.csv"))
        #expect(imported.status == 2)
        #expect(imported.stderr.contains(":3: price: \"100000000000000000000\" is out of range"))

        // A catalog imported before the range checks: forge the values an old import let through.
        try cli.run("import", Paths.fixture("catalog.csv"))
        let catalog = try Catalog(path: directory.appendingPathComponent("skincat.sqlite").path)
        try catalog.write { db in
            try db.execute(sql: "UPDATE product SET price = 1e20, sizeMl = 9e999 WHERE sku = '00101'")
        }
        for arguments in [
            ["rank", "--active", "NMN"], ["export", "--format", "csv", "-o", "-"], ["show", "00101"],
            ["show", "00101", "--format", "json"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(arguments)")
        }
        let json = try cli.run("show", "00101", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["price"] as? Double == 1e20)
        #expect(object?["sizeMl"] == nil)
    }
}

/// Issue 16 through the real binary: a headerless scrape with an unquoted comma in a name.
@Suite("skincat end to end: headerless and ragged files")
struct HeaderlessEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
    }

    @Test("--no-header --map with column numbers and --absorb name: repaired row reported with its line, exit 2")
    func headerlessRagged() throws {
        let file = directory.appendingPathComponent("scrape.csv")
        try Data(
            """
            Glow Serum, Niacinamide 5%,Acme,$12.00,https://x.example/a,"Water, Niacinamide, Glycerin"
            Plain Cream,Acme,$9.00,https://x.example/b,"Water, Glycerin"
            Toner,Acme,$7.00,https://x.example/c,"Water, Glycerin"
            Bad, Row,Acme,notaprice,https://x.example/d,"Water"

            """.utf8
        ).write(to: file)
        let report = directory.appendingPathComponent("report.json").path
        let result = try cli.run(
            "import", file.path, "--no-header", "--map", "name=1,brand=2,price=3,url=4,ingredients=5", "--absorb",
            "name", "--report", report)
        #expect(result.status == 2)
        #expect(result.stderr.contains("scrape.csv:1: name: repaired: 2 fields rejoined into name"))
        #expect(result.stderr.contains("scrape.csv:4: expected 5 fields"))
        #expect(result.stderr.contains("3 new, 0 updated, 0 unchanged, 1 repaired, 1 quarantined"))
        let query = try cli.run("query", "contains niacinamide", "--format", "csv")
        #expect(query.stdout.contains("\"Glow Serum, Niacinamide 5%\""))
        let json = try String(contentsOfFile: report, encoding: .utf8)
        #expect(json.contains("\"repaired\""))
        #expect(json.contains("\"resolutionRate\""))

        let unmapped = try cli.run("import", file.path, "--no-header")
        #expect(unmapped.status == 1)
        #expect(unmapped.stderr.contains("needs a mapping of 1-based column numbers"))
        let badAbsorb = try cli.run("import", file.path, "--no-header", "--map", "name=1,brand=2", "--absorb", "price")
        #expect(badAbsorb.status == 64)
    }
}
