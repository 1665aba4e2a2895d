import Foundation
import GRDB
import TestSupport
import Testing

/// The hardening issue's reproductions, run against the real binary: each failed (or crashed) before its fix.
@Suite("Hardening: no crash, no silent change, on any output, file or fault")
struct HardeningEndToEndTests {
    let directory: URL
    /// Owns `directory` and removes it when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    let cli: CLI

    init() throws {
        temporary = try TemporaryDirectory()
        directory = temporary.url
        cli = CLI(directory: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func importFixture(_ db: String = "c.sqlite") throws {
        let result = try cli.run("import", "--db", db, Paths.fixture("catalog.csv"))
        #expect(result.status == 0)
    }

    // MARK: - Output

    @Test("a full disk on stdout is a message and exit 1, not a crash")
    func stdoutFull() throws {
        try importFixture()
        let result = try cli.shell(["query", "--db", "c.sqlite", "NMN >= 1000 ppm"], "> /dev/full")
        #expect(result.stdout.contains("status=1"))
        #expect(result.stderr.contains("cannot write to standard output: No space left on device"))
        #expect(!result.stderr.contains("crashed"))
    }

    @Test("a closed stdout is a message and exit 1; a reader that goes away is a quiet exit 0")
    func stdoutClosedAndBrokenPipe() throws {
        try importFixture()
        let closed = try cli.shell(["rank", "--db", "c.sqlite"], ">&-")
        #expect(closed.stdout.contains("status=1"))
        #expect(closed.stderr.contains("cannot write to standard output"))
        // Enough output to fill the pipe after the reader has left.
        let piped = try cli.shell(
            ["ingredients", "--db", "c.sqlite", "--all", "--format", "json"], "| head -c 1 >/dev/null")
        #expect(piped.stdout.contains("status=0"))
        #expect(piped.stderr.isEmpty)
    }

    @Test("a failing stderr does not crash an import, and the import lands")
    func stderrFull() throws {
        let result = try cli.shell(["import", "--db", "c.sqlite", Paths.fixture("catalog.csv")], "2> /dev/full")
        #expect(result.stdout.contains("status=0"))
        #expect(try cli.run("show", "--db", "c.sqlite", "00101").status == 0)
    }

    @Test("export --output refuses a device, a FIFO and a symbolic link, and leaves them as they were")
    func exportRefusesSpecialFiles() throws {
        try importFixture()
        let device = try cli.run("export", "--db", "c.sqlite", "--format", "csv", "--output", "/dev/null")
        #expect(device.status == 1)
        #expect(device.stderr.contains("cannot write /dev/null: it is a device"))

        let fifo = path("fifo")
        #expect(mkfifo(fifo, 0o644) == 0)
        let toFIFO = try cli.run("export", "--db", "c.sqlite", "--format", "csv", "--output", fifo)
        #expect(toFIFO.status == 1)
        #expect(toFIFO.stderr.contains("it is a FIFO"))

        let target = path("target.csv")
        try "keep me\n".write(toFile: target, atomically: true, encoding: .utf8)
        let link = path("link.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let toLink = try cli.run("export", "--db", "c.sqlite", "--format", "csv", "--output", link)
        #expect(toLink.status == 1)
        #expect(toLink.stderr.contains("it is a symbolic link"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
    }

    @Test("export --output replaces a regular file atomically and keeps its mode; no temporary file is left")
    func exportKeepsMode() throws {
        try importFixture()
        let output = path("ranking.csv")
        try "old\n".write(toFile: output, atomically: true, encoding: .utf8)
        #expect(chmod(output, 0o600) == 0)
        let result = try cli.run("export", "--db", "c.sqlite", "--format", "csv", "--output", output)
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("rank,sku"))
        let mode = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("import --report to a path that cannot be written fails before importing: exit 1, nothing written")
    func unwritableReport() throws {
        let result = try cli.run(
            "import", "--db", "c.sqlite", "--report", path("no/such/folder/report.json"), Paths.fixture("catalog.csv"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write"))
        #expect(result.stderr.contains("nothing was imported"))
        #expect(!FileManager.default.fileExists(atPath: path("c.sqlite")))
    }

    // MARK: - Opening

    @Test("a read command on a mistyped --db: an error naming the path, exit 1, no file created")
    func missingCatalog() throws {
        for command in [
            ["query", "NMN"], ["show", "00101"], ["rank"], ["ingredients"], ["export", "--format", "csv", "-o", "-"],
        ] {
            let result = try cli.run(command + ["--db", "typo.sqlite"])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("no catalog at typo.sqlite"), "\(command)")
            #expect(result.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: path("typo.sqlite")))
        let empty = try cli.run("query", "--db", "", "NMN")
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--db: the path is empty"))
    }

    @Test("a query reads without writing: the catalog file is byte for byte the same afterwards")
    func queryDoesNotWrite() throws {
        try importFixture()
        let before = try Data(contentsOf: URL(fileURLWithPath: path("c.sqlite")))
        #expect(try cli.run("query", "--db", "c.sqlite", "NMN >= 1000 ppm").status == 0)
        #expect(try cli.run("rank", "--db", "c.sqlite").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("c.sqlite"))) == before)
    }

    @Test(
        "a read-only catalog in a read-only folder can be queried; an import into it says it is read-only",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") || getuid() != 0))
    func readOnlyCatalog() throws {
        let folder = path("sealed")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try importFixture("sealed/c.sqlite")
        #expect(chmod(folder + "/c.sqlite", 0o444) == 0)
        #expect(chmod(folder, 0o555) == 0)
        defer { chmod(folder, 0o755) }
        // Root may write anything: run as nobody, who cannot.
        var runner = cli
        if getuid() == 0 {
            runner.executable = URL(fileURLWithPath: "/usr/bin/setpriv")
            chmod(directory.path, 0o755)
        }
        let prefix = getuid() == 0 ? ["--reuid=65534", "--regid=65534", "--clear-groups", cli.executable.path] : []
        let query = try runner.run(prefix + ["query", "--db", "sealed/c.sqlite", "NMN >= 1000 ppm"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains("00101"))
        let write = try runner.run(prefix + ["verdict", "add", "00101", "worked", "--db", "sealed/c.sqlite"])
        #expect(write.status == 1)
        #expect(write.stderr.contains("read-only") || write.stderr.contains("readonly"), "\(write.stderr)")
    }

    @Test("several imports creating one new catalog at once all succeed")
    func concurrentCreation() throws {
        let processes = try (0..<8).map { _ in
            try cli.start(["import", "--db", "shared.sqlite", Paths.fixture("catalog.csv")])
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 8))
        let count = try DatabaseQueue(path: path("shared.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM product")
        }
        #expect(count == 50)
    }

    // MARK: - Faults during an import

    /// A catalog of `count` products made from the fixture's rows with new skus, big enough that an import takes a
    /// while.
    private func largeCatalog(_ count: Int) throws -> String {
        let lines = try String(contentsOfFile: Paths.fixture("catalog.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first else { return "" }
        var text = header + "\n"
        let rows = lines.dropFirst().filter { $0.first?.isNumber == true }
        for index in 0..<count {
            let row = rows[rows.startIndex + index % rows.count]
            guard let comma = row.firstIndex(of: ",") else { continue }
            text += "L\(index)" + row[comma...] + "\n"
        }
        let file = path("large.csv")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("kill -9 during an import leaves the catalog as before or fully imported, never in between")
    func killDuringImport() throws {
        try importFixture()
        let large = try largeCatalog(3_000)
        var outcomes: Set<Int> = []
        for attempt in 0..<6 {
            let process = try cli.start(["import", "--db", "c.sqlite", large])
            usleep(UInt32(150_000 + attempt * 120_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let (count, integrity) = try DatabaseQueue(path: path("c.sqlite")).read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM product") ?? -1,
                    try String.fetchOne(db, sql: "PRAGMA integrity_check")
                )
            }
            #expect(integrity == "ok")
            #expect(count == 50 || count == 3_050, "attempt \(attempt): \(count) products")
            outcomes.insert(count)
            let query = try cli.run("query", "--db", "c.sqlite", "NMN >= 1000 ppm")
            #expect(query.status == 0)
        }
        #expect(outcomes.contains(50), "no kill landed mid-import; the test proved nothing")
    }

    @Test("readers are served while an import runs")
    func readersDuringImport() throws {
        try importFixture()
        let large = try largeCatalog(3_000)
        let process = try cli.start(["import", "--db", "c.sqlite", large])
        var served = 0
        while process.isRunning {
            let result = try cli.run("query", "--db", "c.sqlite", "NMN >= 1000 ppm")
            #expect(result.status == 0, "\(result.stderr)")
            if result.status == 0 { served += 1 }
        }
        #expect(process.terminationStatus == 0)
        #expect(served >= 1)
    }

    // MARK: - Messages

    @Test("a misspelled subcommand gets a suggestion and exit 64")
    func misspelledSubcommand() throws {
        let result = try cli.run("improt", "x.csv")
        #expect(result.status == 64)
        #expect(result.stderr.contains("did you mean 'skincat import'?"))
        let nested = try cli.run("verdict", "ad", "00101", "worked")
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("did you mean 'skincat verdict add'?"))
    }

    @Test("--sort -amount is a key, not an option; --rubric /dev/null is an empty file, not 'permission denied'")
    func documentedForms() throws {
        try importFixture()
        let sorted = try cli.run("query", "--db", "c.sqlite", "NMN", "--sort", "-amount", "--format", "csv")
        #expect(sorted.status == 0, "\(sorted.stderr)")
        let amounts = sorted.stdout.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            Double(line.split(separator: ",", omittingEmptySubsequences: false)[3])
        }
        #expect(amounts.count > 3)
        #expect(amounts == amounts.sorted(), "-amount is least first")
        let rubric = try cli.run("rank", "--db", "c.sqlite", "--rubric", "/dev/null")
        #expect(rubric.status == 1)
        #expect(rubric.stderr.contains("/dev/null: the file is empty"))
    }
}
