import Foundation
import TestSupport
import Testing

/// The README's library example (Examples/LibraryExample/main.swift) is built with the tests and run here: it
/// compiles against the library as it is, and does what the README says.
@Suite("The README's library example")
struct LibraryExampleTests {
    @Test("imports the fixture, queries it and ranks it")
    func runs() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var cli = CLI(directory: directory)
        cli.executable = CLI.binary.deletingLastPathComponent().appendingPathComponent("skincat-library-example")
        let result = try cli.run(Paths.fixture("catalog.csv"))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("imported ") == true)
        #expect(lines.first?.contains("50 rows: 50 new") == true)
        #expect(lines.contains { $0.hasPrefix("00101 Pfect-A NMN Longevity Serum") })
        #expect(lines.contains { $0.hasPrefix("1 00106 NMN 1% Night Capsules") })
        #expect(!result.stdout.contains("error:"))
    }
}
