import Foundation
import TestSupport
import Testing

/// User aliases and the suggestions for unresolved names through the real binary.
@Suite("skincat end to end: user aliases and suggestions")
struct UserAliasEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
    }

    /// A catalog whose one product prints a misspelt name and a trade name, imported without fuzzy matching.
    private func importProducts() throws {
        let file = directory.appendingPathComponent("p.csv")
        try Data(
            """
            sku,brand,name,ingredients
            A-1,B,Cream,"Water, Glyceril Stearate, Hadasei-3, Glycerin"
            A-2,B,Serum,"Water, Hadasei-3"

            """.utf8
        ).write(to: file)
        let result = try cli.run("import", "--no-fuzzy", file.path)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("--unresolved: most frequent first, with the nearest names, never the neighbour's look-alike")
    func suggestions() throws {
        try importProducts()
        let table = try cli.run("ingredients", "--unresolved")
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("printed name") && lines[0].hasSuffix("did you mean"))
        #expect(lines[2].hasPrefix("Hadasei-3") && lines[2].contains(" 2"))
        #expect(lines[3].hasPrefix("Glyceril Stearate") && lines[3].hasSuffix("GLYCERYL STEARATE"))
        // GLYCERYL STEARATE SE is three edits away, but a look-alike of GLYCERYL STEARATE.
        #expect(!table.stdout.contains("GLYCERYL STEARATE SE"))
        let json = try cli.run("ingredients", "--unresolved", "--format", "json")
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["printedName"] as? String } == ["Hadasei-3", "Glyceril Stearate"])
        #expect(rows[1]["suggestions"] as? [String] == ["GLYCERYL STEARATE"])
        #expect(rows[0]["suggestions"] as? [String] == [])
        let csv = try cli.run("ingredients", "--unresolved", "--format", "csv")
        #expect(csv.stdout.hasPrefix("printed name,key,products,did you mean\r\n"))
        #expect(csv.stdout.contains("Glyceril Stearate,GLYCERILSTEARATE,1,GLYCERYL STEARATE\r\n"))
    }

    @Test("alias add resolves the stored names at once; list shows it; remove undoes it")
    func addListRemove() throws {
        try importProducts()
        let added = try cli.run("dictionary", "alias", "add", "Hadasei-3", "Sodium Hyaluronate")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("\"Hadasei-3\" now means SODIUM HYALURONATE"))
        let unresolved = try cli.run("ingredients", "--unresolved", "--format", "csv")
        #expect(!unresolved.stdout.contains("Hadasei-3"))
        let shown = try cli.run("show", "A-2")
        #expect(shown.stdout.contains("SODIUM HYALURONATE"))
        let list = try cli.run("dictionary", "alias", "list", "--format", "csv")
        #expect(list.stdout == "alias,inci name\r\nHadasei-3,SODIUM HYALURONATE\r\n")
        // The next import of the file keeps the alias's resolution.
        try importProducts()
        #expect(try cli.run("show", "A-2").stdout.contains("SODIUM HYALURONATE"))

        let removed = try cli.run("dictionary", "alias", "remove", "Hadasei-3")
        #expect(removed.status == 0)
        #expect(try cli.run("ingredients", "--unresolved", "--format", "csv").stdout.contains("Hadasei-3"))
        #expect(try cli.run("dictionary", "alias", "list", "--format", "csv").stdout == "alias,inci name\r\n")
    }

    @Test("an alias that would merge decoys, replace a shipped name or name no ingredient is refused, exit 1")
    func refused() throws {
        try importProducts()
        let cases: [([String], String)] = [
            (
                ["NAD+", "NMN"],
                "\"NAD+\" is already a dictionary name of NICOTINAMIDE ADENINE DINUCLEOTIDE; shipped names are not replaced"
            ),
            (
                ["NMN (powder)", "NAD+"],
                "\"NMN (powder)\" reads as NICOTINAMIDE MONONUCLEOTIDE, which must never be merged with NICOTINAMIDE ADENINE DINUCLEOTIDE; not added"
            ),
            (["Hadasei-3", "Hyaluronic Acidd"], "no dictionary ingredient is named \"Hyaluronic Acidd\""),
        ]
        for (arguments, message) in cases {
            let result = try cli.run(["dictionary", "alias", "add"] + arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        let shipped = try cli.run("dictionary", "alias", "remove", "Glycerin")
        #expect(shipped.status == 1)
        #expect(shipped.stderr.contains("\"Glycerin\" is a shipped dictionary name, not a user alias"))
        #expect(try cli.run("dictionary", "alias", "list", "--format", "csv").stdout == "alias,inci name\r\n")
    }
}
