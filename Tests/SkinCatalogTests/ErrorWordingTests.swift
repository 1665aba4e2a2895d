import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// Issue 14: the library speaks no CLI words. Its errors say what is wrong; the command lines that get a user out of
/// it are added by the CLI, in one place (`Terminal.message(for:)`).
@Suite("Library errors name no command or flag")
struct ErrorWordingTests {
    static let errors: [CatalogError] = [
        .rowRejected(path: "a.csv", line: 3, field: "price", reason: "is not a price"),
        .unknownSKU("00101"), .duplicateVerdict(sku: "00101", profile: "sam", existing: .failed),
        .noVerdict(sku: "00101", profile: "sam"), .ambiguousSKU("00101", offers: ["a:00101", "b:00101"]),
        .cannotLink("x"), .emptyFile(path: "a.csv"), .busy(path: "c.sqlite", waited: 60),
    ]

    @Test("no error description names a skincat command or a --flag", arguments: errors)
    func noCLIWords(_ error: CatalogError) {
        let text = error.errorDescription ?? ""
        #expect(!text.contains("'skincat "), "\(text)")
        #expect(!text.contains("--"), "\(text)")
    }

    /// The errors real calls throw, with the sentences the library builds from the data: none names a command or a
    /// flag (each of these did once).
    @Test("errors thrown by real calls name no command or flag")
    func thrownErrors() throws {
        let catalog = try fixtureCatalog()
        var texts: [String] = []
        func record(_ body: () throws -> Void) {
            do {
                try body()
                texts.append("no error")
            } catch let error as CatalogError {
                texts.append(error.errorDescription ?? "")
            } catch {
                texts.append("\(error)")
            }
        }
        record { _ = try catalog.addUserAlias("Hadasei-3", inci: "Hyaluronic Acidd") }
        record { try catalog.removeUserAlias("Glycerin") }
        record { try catalog.removeUserAlias("Never Added") }
        record { _ = try catalog.addVerdict(.worked, sku: "00101", reason: .breakout) }
        record { _ = try catalog.importCatalog(from: Paths.fixture("bad/windows-1252.csv")) }
        record {
            var options = ImportOptions()
            try options.configure(profile: nil, map: "nmae=Name", key: nil)
        }
        #expect(!texts.contains("no error"), "\(texts)")
        for text in texts {
            #expect(!text.contains("'skincat "), "\(text)")
            #expect(!text.contains("--"), "\(text)")
        }
    }
}
