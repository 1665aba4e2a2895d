import Foundation
import TestSupport
import Testing

@Suite("skincat verdict, analyze and recommend end to end")
struct PatternEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
        #expect(try cli.run("import", Paths.fixture("catalog.csv")).status == 0)
    }

    private func rate() throws {
        for sku in ["00105", "00201", "00208", "00303", "1205"] {
            let added = try cli.run("verdict", "add", sku, "failed", "--reason", "breakout")
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdout.isEmpty)
        }
        for sku in ["00101", "00109", "00202", "00203", "1219"] {
            #expect(try cli.run("verdict", "add", sku, "worked").status == 0)
        }
    }

    @Test("verdict add, list and remove; errors exit 1, bad values exit 64")
    func verdicts() throws {
        let added = try cli.run("verdict", "add", "00105", "failed", "--reason", "breakout", "--note", "chin, week 1")
        #expect(added.status == 0)
        #expect(added.stderr.contains("recorded for profile \"default\": 00105"))
        let list = try cli.run("verdict", "list", "--format", "json")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(records.first?["sku"] as? String == "00105")
        #expect(records.first?["note"] as? String == "chin, week 1")
        #expect(records.first?["reason"] as? String == "breakout")

        let duplicate = try cli.run("verdict", "add", "00105", "worked")
        #expect(duplicate.status == 1)
        #expect(
            duplicate.stderr.contains(
                "already has a verdict on 00105 (failed); remove it first with 'skincat verdict remove 00105', "
                    + "or pass --replace"))
        #expect(try cli.run("verdict", "add", "00105", "worked", "--replace").status == 0)
        let unknown = try cli.run("verdict", "add", "105", "failed")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no product with sku \"105\""))
        #expect(try cli.run("verdict", "add", "00105", "meh").status == 64)
        #expect(try cli.run("verdict", "add", "00101", "failed", "--reason", "sunburn").status == 64)
        #expect(try cli.run("verdict", "add", "00101", "worked", "--reason", "breakout").status == 64)
        #expect(try cli.run("verdict", "add", "00101", "worked", "--profile", "").status == 64)

        #expect(try cli.run("verdict", "add", "00101", "failed", "--profile", "sam").status == 0)
        #expect(try cli.run("verdict", "list", "--profile", "sam", "--format", "csv").stdout.contains("00101"))
        #expect(!(try cli.run("verdict", "list", "--format", "csv").stdout.contains("00101")))
        #expect(try cli.run("verdict", "remove", "00105").status == 0)
        let missing = try cli.run("verdict", "remove", "00105")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("has no verdict on 00105"))
    }

    @Test("analyze: too little data is a message on stdout and exit 0")
    func tooLittle() throws {
        try cli.run("verdict", "add", "00105", "failed")
        let result = try cli.run("analyze")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Too few verdicts to look for a pattern"))
        #expect(result.stdout.contains("rate at least 2 more products that failed, 3 more that worked"))
        let json = try cli.run("analyze", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["enoughData"] as? Bool == false)
        #expect((object["moreNeeded"] as? [String: Any])?["worked"] as? Int == 3)
    }

    @Test("analyze ranks the planted trigger first in every format")
    func analyze() throws {
        try rate()
        let table = try cli.run("analyze", "--limit", "5")
        #expect(table.status == 0)
        #expect(table.stdout.contains("Suspects (p < 0.05, smoothed odds ratio above 2): DIMETHICONE, class:silicone."))
        #expect(table.stdout.contains("No suspect holds after correcting for the 82 ingredients and classes tested"))
        let header = table.stdout.split(separator: "\n").first { $0.hasPrefix("ingredient") }
        #expect(header?.contains("p      q     odds ratio (95% CI)  suspect") == true)
        let firstRow = table.stdout.split(separator: "\n").first { $0.hasPrefix("DIMETHICONE") }
        #expect(firstRow?.contains("5/5     0/5  0.004  0.16         121 (2–7260)  yes") == true)

        let json = try cli.run("analyze", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let records = try #require(object["ingredients"] as? [[String: Any]])
        let top = try #require(records.first)
        #expect(top["ingredient"] as? String == "DIMETHICONE")
        #expect(top["failed"] as? Int == 5)
        #expect(top["worked"] as? Int == 0)
        #expect(abs((top["pValue"] as? Double ?? 1) - 1.0 / 252) < 1e-9)
        #expect(top["oddsRatio"] as? Double == 121)
        #expect(abs((top["qValue"] as? Double ?? 0) - 82.0 / 504) < 1e-9)
        #expect(abs((top["oddsRatioLow"] as? Double ?? 0) - 2.016743491320519) < 1e-9)
        #expect(abs((top["oddsRatioHigh"] as? Double ?? 0) - 7259.723441781584) < 1e-6)
        #expect(top["holdsAfterCorrection"] as? Bool == false)
        #expect(object["tests"] as? Int == 82)
        #expect(object["holdingAfterCorrection"] as? [String] == [])
        #expect((object["thresholds"] as? [String: Any])?["falseDiscoveryRate"] as? Double == 0.1)
        #expect(top["failedProducts"] as? [String] == ["00105", "00201", "00208", "00303", "1205"])
        let water = records.first { $0["ingredient"] as? String == "WATER" }
        #expect(water?["note"] as? String == "in every product you rated: cannot separate worked from failed")
        #expect(water?["qValue"] is NSNull, "in every product: not one of the tests corrected for")

        let jsonl = try cli.run("analyze", "--format", "jsonl")
        #expect(jsonl.stdout.split(separator: "\n").first?.contains("\"ingredient\":\"DIMETHICONE\"") == true)
        #expect(jsonl.stderr.contains("Suspects"), "the message goes to stderr with record formats")
        let csv = try cli.run("analyze", "--format", "csv", "--limit", "1")
        #expect(
            csv.stdout.hasPrefix(
                "ingredient,failed,worked,p,q,odds ratio (95% CI),suspect,failed with,worked with,note\r\n"
                    + "DIMETHICONE,5/5,0/5,0.004,0.16,121 (2–7260),yes,"))
    }

    @Test("recommend leaves the suspects' products out and lists them with the reason")
    func recommend() throws {
        try rate()
        let table = try cli.run("recommend", "--active", "niacinamide", "--limit", "3")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(
            table.stdout.contains(
                "Left out: products that contain a suspect of profile \"default\": DIMETHICONE and class:silicone, "
                    + "weaker leads that do not hold after correcting for 82 tests (see 'skincat analyze')."))
        #expect(table.stdout.contains("contains DIMETHICONE (in 5/5 failed, 0/5 worked)"))
        let json = try cli.run("recommend", "--active", "niacinamide", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let recommended = try #require(object["recommended"] as? [[String: Any]])
        let leftOut = try #require(object["leftOut"] as? [[String: Any]])
        #expect(!recommended.isEmpty && !leftOut.isEmpty)
        #expect(!recommended.contains { ["00201", "00208", "1201", "1202"].contains($0["sku"] as? String ?? "") })
        #expect(leftOut.contains { $0["sku"] as? String == "1201" })
        let bad = try cli.run("recommend", "--where", "NMM >= 1 ppm")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("did you mean \"NMN\"?"))
    }
}
