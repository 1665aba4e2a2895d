import Foundation
import TestSupport
import Testing

/// Sources and offers through the real binary: `import --source`, `sources`, `merges`, `show`, `link`, `unlink`,
/// `query "sold by ..."` and the ambiguous-sku error.
@Suite("skincat end to end: sources and offers")
struct SourcesEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    static let list =
        "\"Water, Glycerin, Niacinamide, Butylene Glycol, Panthenol, Sodium Hyaluronate, Allantoin, Trehalose, "
        + "Betaine, Xanthan Gum, Carbomer, Arginine, Tocopherol, Phenoxyethanol, Ethylhexylglycerin\""
    static let otherList =
        "\"Water, Dimethicone, Squalane, Cetearyl Alcohol, Shea Butter, Ceramide NP, Cholesterol, Retinol\""

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
    }

    private func load(_ source: String?, _ file: String, _ rows: [String], _ extra: String...) throws -> CLI.Result {
        let path = directory.appendingPathComponent(file).path
        try (["sku,brand,name,size,price,currency,ingredients"] + rows).joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return try cli.run(["import"] + (source.map { ["--source", $0] } ?? []) + extra + [path])
    }

    @Test("two shops: one product with two offers, the shared sku told apart, sold by, link and unlink")
    func twoShops() throws {
        let first = try load(
            nil, "boots.csv",
            [
                "00101,La Roche-Posay,Calm Serum 30ml,30 ml,20,GBP,\(Self.list)",
                "00102,Acme,Night Cream,50 ml,30,GBP,\(Self.otherList)",
            ])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("source boots (named after the file; --source NAME to choose)"))
        let second = try load(
            "cult-beauty", "export.csv",
            [
                "C-1,LA ROCHE POSAY®,Calm Serum,30 mL,18,GBP,\(Self.list)",
                "00102,Borealis,Eye Gel,15 ml,12,GBP,\(Self.otherList)",
            ])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("1 merged"))

        let sources = try cli.run("sources", "--format", "csv")
        #expect(sources.status == 0)
        #expect(sources.stdout.contains("boots,2,0,1,cult-beauty 1,"))
        #expect(sources.stdout.contains("cult-beauty,2,0,1,boots 1,"))

        let show = try cli.run("show", "C-1")
        #expect(show.status == 0)
        #expect(show.stdout.contains("cult-beauty:C-1  18 GBP"))
        #expect(show.stdout.contains("boots:00101      20 GBP"))

        let ambiguous = try cli.run("show", "00102")
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("name one as SOURCE:SKU: boots:00102, cult-beauty:00102"))
        #expect(try cli.run("show", "cult-beauty:00102").stdout.contains("Borealis · Eye Gel"))

        let soldBy = try cli.run("query", "sold by cult-beauty and price < 15 GBP", "--format", "csv")
        #expect(soldBy.status == 0, "\(soldBy.stderr)")
        #expect(soldBy.stdout.split(whereSeparator: \.isNewline).count == 2, "header and one product")
        #expect(soldBy.stdout.contains("Eye Gel"))

        let unlink = try cli.run("unlink", "cult-beauty:C-1")
        #expect(unlink.status == 0, "\(unlink.stderr)")
        #expect(try cli.run("merges", "--all", "--format", "csv").stdout.contains("unlinked,cult-beauty:C-1"))
        let link = try cli.run("link", "cult-beauty:C-1", "00101")
        #expect(link.status == 0, "\(link.stderr)")
        #expect(try cli.run("show", "00101").stdout.contains("cult-beauty:C-1"))

        let unknown = try cli.run("link", "nowhere:X", "00101")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no product with sku \"nowhere:X\""))
    }

    @Test("a re-import marks the source's missing offers not seen; --prune deletes them; a bad --source is refused")
    func notSeenAndPrune() throws {
        _ = try load(
            "shop", "a.csv",
            ["A1,Acme,Calm Serum,30 ml,20,USD,\(Self.list)", "A2,Acme,Other,30 ml,9,USD,\(Self.otherList)"])
        let again = try load("shop", "b.csv", ["A1,Acme,Calm Serum,30 ml,21,USD,\(Self.list)"])
        #expect(again.stderr.contains("1 offers no longer listed are marked not seen (--prune to delete them)"))
        #expect(try cli.run("show", "A2").stdout.contains("Other"))
        let pruned = try load("shop", "c.csv", ["A1,Acme,Calm Serum,30 ml,21,USD,\(Self.list)"], "--prune")
        #expect(pruned.stderr.contains("1 offers no longer listed were pruned"))
        #expect(try cli.run("show", "A2").status == 1)
        let bad = try load("a:b", "d.csv", ["A1,Acme,Calm Serum,30 ml,21,USD,\(Self.list)"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("cannot contain \":\""))
    }
}
