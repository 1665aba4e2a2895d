import Foundation
import TestSupport
import Testing

@Suite("skincat rank, explain, rubric and export end to end")
struct RankingEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
        let imported = try cli.run("import", Paths.fixture("catalog.csv"))
        #expect(imported.status == 0)
    }

    @Test("rank prints the ranking; --format json and csv print the same records")
    func rank() throws {
        let table = try cli.run("rank", "--limit", "3")
        #expect(table.status == 0)
        #expect(table.stderr.isEmpty)
        let json = try cli.run("rank", "--limit", "3", "--format", "json")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.map { $0["rank"] as? Int } == [1, 2, 3])
        let skus = records.compactMap { $0["sku"] as? String }
        for sku in skus { #expect(table.stdout.contains(sku)) }
        let csv = try cli.run("rank", "--limit", "3", "--format", "csv")
        let lines = csv.stdout.split(separator: "\r\n")
        #expect(
            lines.first?.hasPrefix(
                "rank,sku,brand,name,score,concentration,delivery,companions,packaging,evidence,flags")
                == true)
        #expect(lines.dropFirst().map { String($0.split(separator: ",")[1]) } == skus)
    }

    @Test("--active niacinamide and --where select what is ranked")
    func selection() throws {
        let result = try cli.run("rank", "--active", "niacinamide", "--where", "category = serum", "--format", "jsonl")
        let records = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(!records.isEmpty)
        #expect(records.allSatisfy { $0["active"] as? String == "niacinamide" })
        let bad = try cli.run("rank", "--where", "NMM >= 1 ppm")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("unknown ingredient \"NMM\" at column 1; did you mean \"NMN\"?"))
        let unknown = try cli.run("rank", "--active", "retinol")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("the rubric has no active \"retinol\""))
    }

    @Test("an empty ranking says why on stderr, and names the other actives")
    func emptyRanking() throws {
        let result = try cli.run("rank", "--where", "brand = \"No Such Brand\"")
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2, "the header only")
        #expect(
            result.stderr
                == "skincat: no product lists NMN and matches --where; rank another active with --active niacinamide\n")
        #expect(try cli.run("rank", "--limit", "3").stderr.isEmpty)
    }

    @Test("explain gives each criterion's points and reason")
    func explain() throws {
        let result = try cli.run("explain", "00101")
        #expect(result.status == 0)
        for criterion in ["concentration", "delivery", "companions", "packaging", "evidence"] {
            #expect(result.stdout.contains(criterion))
        }
        #expect(result.stdout.contains("NMN 4,000 ppm declared"))
        let notNMN = try cli.run("explain", "00203")
        #expect(notNMN.status == 1)
        #expect(notNMN.stderr.contains("does not list NMN; try --active niacinamide"))
        #expect(try cli.run("explain", "00203", "--active", "niacinamide").status == 0)
        #expect(try cli.run("rank", "--explain", "--limit", "1").stdout.contains("packaging"))
        // A format explain cannot print is refused, as show refuses it, not answered with a table: argument parsing
        // refuses it with the formats explain has.
        let csv = try cli.run("explain", "00101", "--format", "csv")
        #expect(csv.status == 64)
        #expect(csv.stdout.isEmpty)
        #expect(csv.stderr.contains("Please provide one of 'table' and 'json'"))
    }

    @Test("rubric prints the default; an edited copy changes the ranking; a broken one names the key")
    func rubric() throws {
        let printed = try cli.run("rubric")
        #expect(printed.status == 0)
        let file = directory.appendingPathComponent("mine.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
        object["weights"] = ["concentration": 10, "delivery": 10, "companions": 10, "packaging": 60, "evidence": 10]
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        #expect(try cli.run("rubric", "--check", file.path).status == 0)
        let custom = try cli.run("rank", "--rubric", file.path, "--limit", "1", "--format", "jsonl")
        let top = try JSONSerialization.jsonObject(with: Data(custom.stdout.utf8)) as? [String: Any]
        #expect((top?["points"] as? [String: Any])?["packaging"] as? Double == 60, "a packaging-first rubric")

        object["weights"] = ["concentration": 10, "delivery": 10, "companions": 10, "packaging": 60, "evidnce": 10]
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        let broken = try cli.run("rank", "--rubric", file.path)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("\(file.path): weights.evidnce: unknown key; did you mean \"evidence\"?"))
    }

    @Test("export writes every format to a file")
    func export() throws {
        for format in ["csv", "json", "markdown", "html"] {
            let path = directory.appendingPathComponent("ranking.\(format)").path
            let result = try cli.run("export", "--format", format, "--output", path)
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("00106"), "\(format) lacks the top product")
        }
        let json = try String(contentsOfFile: directory.appendingPathComponent("ranking.json").path, encoding: .utf8)
        #expect(json.contains("\"rubricVersion\": 1"))
        #expect(json.contains("\"catalogFingerprint\""))
        let bad = try cli.run("export", "--format", "pdf", "--output", "x")
        #expect(bad.status == 64)
    }
}
