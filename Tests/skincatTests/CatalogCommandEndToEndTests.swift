import Foundation
import TestSupport
import Testing

/// Every command that opens a catalog goes through `CatalogCommand`'s shared `run()`, the one error path. Proved
/// on the binary: the commands that take `--db` are read from `--experimental-dump-help`, so a new command must be
/// listed here, and every read command must report a missing catalog exactly as the shared path does.
@Suite("One error path: every catalog command reports through the shared run")
struct CatalogCommandEndToEndTests {
    /// The working folder, removed when this test's instance of the suite goes away.
    private let temporary: TemporaryDirectory
    private var cli: CLI { CLI(directory: temporary.url) }

    init() throws { temporary = try TemporaryDirectory() }

    /// The read commands (access `.readOnly`) with the least arguments each needs to get as far as opening.
    static let readCommands: [String: [String]] = [
        "query": ["NMN"], "rank": [], "explain": ["00101"], "export": ["--format", "csv", "-o", "-"],
        "show": ["00101"], "ingredients": [], "studies list": [], "studies export": [], "dictionary alias list": [],
        "audit": [],
        "sources": [], "merges": [], "verdict list": [], "analyze": [], "recommend": [], "search": ["serum"],
        "datasette-metadata": [],
        "compare": ["00101", "00107"], "similar": ["00101"],
    ]

    /// The commands that write (access `.readWrite`): a missing catalog is created, so they are not run here.
    static let writeCommands: Set<String> = [
        "import", "dictionary import", "dictionary alias add", "dictionary alias remove", "link", "unlink",
        "verdict add", "verdict remove", "studies import", "studies add", "studies remove",
    ]

    /// `skincat` subcommand paths (`dictionary alias list`) that take `--db`, from the binary's own help.
    private func commandsTakingDB() throws -> Set<String> {
        let dump = try cli.run("--experimental-dump-help")
        #expect(dump.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var found: Set<String> = []
        func visit(_ command: [String: Any], path: [String]) {
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            let takesDB = arguments.contains { argument in
                (argument["names"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "db" }
            }
            if takesDB { found.insert(path.joined(separator: " ")) }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] where sub["commandName"] as? String != "help" {
                visit(sub, path: path + [sub["commandName"] as? String ?? "?"])
            }
        }
        visit(try #require(root["command"] as? [String: Any]), path: [])
        return found
    }

    @Test("every command that takes --db is listed as a read or a write command")
    func everyCatalogCommandIsClassified() throws {
        let commands = try commandsTakingDB()
        #expect(commands.count >= 20, "the help dump lists too few commands: \(commands.sorted())")
        let unlisted = commands.subtracting(Self.readCommands.keys).subtracting(Self.writeCommands)
        #expect(unlisted.isEmpty, "new catalog commands: add each to readCommands or writeCommands: \(unlisted)")
        let gone = Set(Self.readCommands.keys).union(Self.writeCommands).subtracting(commands)
        #expect(gone.isEmpty, "listed but not in the help (renamed?): \(gone)")
    }

    @Test(
        "every read command on a missing catalog: 'no catalog at PATH' from the shared path, exit 1, nothing on stdout",
        arguments: readCommands.keys.sorted())
    func readCommandOnMissingCatalog(_ command: String) throws {
        let arguments = command.split(separator: " ").map(String.init) + (Self.readCommands[command] ?? [])
        let result = try cli.run(arguments + ["--db", "typo.sqlite"])
        #expect(result.status == 1)
        // The shared path's exact wording (Terminal.error over CatalogError's sentence), not argument-parser's own
        // "Error: ..." that an unreported error would get.
        #expect(result.stderr == "skincat: error: no catalog at typo.sqlite\n")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: temporary.url.appendingPathComponent("typo.sqlite").path))
    }
}
