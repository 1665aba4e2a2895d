import Foundation
import TestSupport
import Testing

/// Issue 18 through the built binary: exit code 0 with findings, the summary, one finding, and a failure's exit code.
@Suite("skincat audit end to end")
struct AuditEndToEndTests {
    let cli: CLI
    /// Owns the CLI's directory and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory

    init() throws {
        temporary = try TemporaryDirectory()
        cli = CLI(directory: temporary.url)
        #expect(try cli.run("import", Paths.fixture("audit/labels.csv")).status == 0)
        #expect(try cli.run("dictionary", "import", Paths.fixture("annex/annex-v-2025.txt")).status == 0)
    }

    @Test("findings are data: exit 0, the summary per kind, and the trace finding with its 1 % line")
    func auditTable() throws {
        let result = try cli.run("audit", "--annex-ii", Paths.fixture("annex/annex-ii-2025.txt"))
        #expect(result.status == 0, "\(result.stderr)")
        // ROSE has no finding here: without --allergens its allergens are not looked up.
        #expect(result.stdout.contains("audited 19 products, 12 with findings"))
        #expect(result.stdout.contains("headline-trace               2 products, 2 findings"))
        #expect(result.stdout.contains("eu-prohibited                2 products, 2 findings"))
        let trace = result.stdout.split(separator: "\n").first {
            $0.hasPrefix("TRACE ") && $0.contains("headline-trace")
        }
        #expect(trace?.contains("high") == true)
        #expect(trace?.contains("the list places Niacinamide at position 4, after the 1 % line at position 3") == true)
    }

    @Test("jsonl per product, csv with the summary on stderr, html self-contained")
    func formats() throws {
        let jsonl = try cli.run("audit", "CLAIM10", "--format", "jsonl")
        #expect(jsonl.status == 0)
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as? [String: Any])
        let kinds = (record["findings"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds == ["headline-trace", "claim-vs-label"])  // the name discloses 10 %
        let csv = try cli.run("audit", "--where", "brand = Pi", "--format", "csv")
        #expect(csv.stdout.hasPrefix("sku,brand,name,use,kind,severity,active,finding,evidence,rule,source"))
        #expect(csv.stderr.contains("audited 1 product, 1 with findings"))
        let html = try cli.run("audit", "--format", "html")
        #expect(html.status == 0 && html.stdout.hasPrefix("<!DOCTYPE html>") && !html.stdout.contains("http"))
    }

    @Test("show flags the kinds the audit finds, in the table and in JSON; none when there are none")
    func showFlags() throws {
        let trace = try cli.run("show", "TRACE")
        #expect(trace.status == 0)
        #expect(
            trace.stdout.contains(
                "findings   headline-trace, undisclosed-concentration (skincat audit TRACE for the evidence)"))
        #expect(try cli.run("show", "TWOPCT").stdout.contains("findings   none"))
        let json = try cli.run("show", "TRACE", "--format", "json")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(record["findings"] as? [String] == ["headline-trace", "undisclosed-concentration"])
    }

    @Test("Annex II loaded with dictionary import is checked without --annex-ii; query takes audit = KIND")
    func storedListAndQuery() throws {
        let load = try cli.run("dictionary", "import", Paths.fixture("annex/annex-ii-2025.txt"))
        #expect(load.status == 0)
        #expect(load.stderr.contains("imported Annex II (prohibited substances) from "))
        #expect(
            load.stderr.contains("File creation date: 11/11/2025; Last update: 31/10/2025; 1127 bytes, sha256 afd0f2ef")
        )
        let audit = try cli.run("audit", "--where", "audit = eu-prohibited", "--format", "csv")
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stderr.contains("checked against Annex II: annex-ii-2025.txt (File creation date: 11/11/2025"))
        #expect(
            audit.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.prefix(while: { $0 != "," }) } == [
                "LYRAL", "PETRO",
            ])
        let query = try cli.run("query", "has finding eu-prohibited", "--format", "csv")
        #expect(query.status == 0 && query.stdout.contains("LYRAL") && query.stdout.contains("PETRO"))
    }

    @Test("a failure is exit 1 with the file named: unknown sku, an unreadable Annex II file")
    func failures() throws {
        let unknown = try cli.run("audit", "NOPE")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("NOPE"))
        let missing = try cli.run("audit", "--annex-ii", "/nonexistent/annex.txt")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/annex.txt"))
    }
}
