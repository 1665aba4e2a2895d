import Foundation
import TestSupport
import Testing

/// The README's library example (Examples/LibraryExample/main.swift) is built with the tests and run here: it
/// compiles against the library as it is, prints what the README shows, and is the README's code, character for
/// character.
@Suite("The README's library example")
struct LibraryExampleTests {
    static let source = Paths.packageRoot.appendingPathComponent("Examples/LibraryExample/main.swift")

    @Test("the README shows exactly the example's code")
    func readmeShowsTheExample() throws {
        let program = try String(contentsOf: Self.source, encoding: .utf8)
        let start = try #require(program.range(of: "// README example begins\n"))
        let end = try #require(program.range(of: "// README example ends\n"))
        let code = String(program[start.upperBound..<end.lowerBound])
        let readme = try String(contentsOf: Paths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(code.hasPrefix("import SkinCatalog\n"))
        #expect(readme.contains("```swift\n" + code + "```\n"))
    }

    @Test("run from a folder holding Fixtures/catalog.csv, it prints what the README shows")
    func runs() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixtures = directory.appendingPathComponent("Fixtures")
        try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: Paths.fixture("catalog.csv")), to: fixtures.appendingPathComponent("catalog.csv"))
        var cli = CLI(directory: directory)
        cli.executable = CLI.binary.deletingLastPathComponent().appendingPathComponent("skincat-library-example")
        let result = try cli.run([String]())
        #expect(result.status == 0, "\(result.stderr)")
        let readme = try String(contentsOf: Paths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        // The README's output block is this run's output.
        #expect(readme.contains("```\n" + result.stdout + "```\n"), "\(result.stdout)")
        #expect(result.stdout.hasPrefix("50 new, 0 updated, 0 quarantined\n"))
    }
}
