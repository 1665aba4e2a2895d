import Foundation
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
}
