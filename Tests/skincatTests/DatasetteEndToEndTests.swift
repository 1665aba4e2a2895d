import Foundation
import TestSupport
import Testing

/// Issue 17: the catalog opens in Datasette as a good citizen. Runs `datasette` on loopback against a catalog the
/// binary built, checks its JSON API for a search and a facet, and screenshots a product page in headless Chromium.
/// Skipped, visibly, where datasette or chromium is missing (Scripts/bootstrap installs both); never skipped in CI.
@Suite("Datasette end to end", .serialized)
struct DatasetteEndToEndTests {
    /// The full path of a program on PATH, nil when there is none.
    static func program(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let datasette = program("datasette")
    static let chromium = program("chromium") ?? program("chromium-browser")
    static let inCI = ProcessInfo.processInfo.environment["CI"] != nil
    static let runnable = (datasette != nil && chromium != nil) || inCI

    /// Fetches a URL with Python's standard library (which bootstrap guarantees), nil when it cannot be reached.
    static func fetch(_ url: String) throws -> String? {
        var python = CLI(directory: FileManager.default.temporaryDirectory)
        python.executable = URL(fileURLWithPath: program("python3") ?? "/usr/bin/python3")
        let result = try python.run(
            "-c",
            "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=10)"
                + ".read().decode())", url)
        return result.status == 0 ? result.stdout : nil
    }

    /// A TCP port nothing listens on now, from the kernel.
    static func freePort() throws -> Int {
        var python = CLI(directory: FileManager.default.temporaryDirectory)
        python.executable = URL(fileURLWithPath: program("python3") ?? "/usr/bin/python3")
        let result = try python.run(
            "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
        return try #require(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test(
        "datasette serves the catalog: search and facets over JSON, a product page in Chromium",
        .enabled(if: runnable, "datasette or chromium is not installed here: run Scripts/bootstrap"))
    func datasetteServesCatalog() throws {
        let datasette = try #require(Self.datasette, "CI must have datasette (Scripts/bootstrap installs it)")
        let chromium = try #require(Self.chromium, "CI must have chromium (Scripts/bootstrap installs it)")
        let temporary = try TemporaryDirectory()
        let cli = CLI(directory: temporary.url)
        let db = temporary.url.appendingPathComponent("shop.sqlite").path
        #expect(try cli.run("import", "--db", db, Paths.fixture("catalog.csv")).status == 0)
        let metadata = try cli.run("datasette-metadata", "--db", db)
        #expect(metadata.status == 0)
        let metadataPath = temporary.url.appendingPathComponent("metadata.json").path
        try metadata.stdout.write(toFile: metadataPath, atomically: true, encoding: .utf8)

        let port = try Self.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: datasette)
        server.arguments = [
            "serve", db, "--metadata", metadataPath, "--host", "127.0.0.1", "--port", String(port),
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            // SIGKILL: uvicorn's graceful SIGTERM waits for connections a browser may keep open.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        var started = false
        for _ in 0..<120 where !started {
            started = try Self.fetch("\(base)/-/versions.json") != nil
            if !started { Thread.sleep(forTimeInterval: 0.5) }
        }
        try #require(started, "datasette did not answer on \(base) within a minute")

        // The search box on product goes through productSearch (metadata: fts_table, fts_pk).
        let search = try #require(try Self.fetch("\(base)/shop/product.json?_search=niacinamide&_shape=array"))
        let found = try #require(
            try JSONSerialization.jsonObject(with: Data(search.utf8)) as? [[String: Any]])
        #expect(!found.isEmpty)
        #expect(found.contains { ($0["name"] as? String)?.contains("Niacinamide") == true })
        #expect(!found.contains { ($0["sku"] as? String) == "00101" }, "NMN Longevity Serum lists no niacinamide")
        // The readable view is searchable too, and facets count the search's products.
        let faceted = try #require(
            try Self.fetch("\(base)/shop/productSummary.json?_search=serum&_facet=brand&_size=0"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(faceted.utf8)) as? [String: Any])
        let facets = try #require(object["facet_results"] as? [String: Any])
        let brand = try #require(facets["brand"] as? [String: Any])
        let counts = try #require(brand["results"] as? [[String: Any]])
        let total = counts.compactMap { $0["count"] as? Int }.reduce(0, +)
        #expect(total == object["filtered_table_rows_count"] as? Int)
        #expect(total > 0)
        // The table and column descriptions reach Datasette.
        let page = try #require(try Self.fetch("\(base)/shop/product"))
        #expect(page.contains("One product: the label of the offer"))

        // A product page, as a browser shows it (a table's row page: views have none).
        let rowPage = try #require(try Self.fetch("\(base)/shop/product/1"), "no row page for product 1")
        #expect(rowPage.contains("NMN Longevity Serum"))
        let screenshot = Paths.packageRoot.appendingPathComponent(".build/datasette-product.png")
        try? FileManager.default.removeItem(at: screenshot)
        var browser = CLI(directory: temporary.url)
        browser.executable = URL(fileURLWithPath: chromium)
        let shot = try browser.run(
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,1400",
            "--screenshot=\(screenshot.path)", "\(base)/shop/product/1")
        #expect(shot.status == 0, "\(shot.stderr)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(png.count > 10_000, "the screenshot is too small to show a page")
    }
}
