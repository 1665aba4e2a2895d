import Foundation
import SkinCatalog
import TestSupport

/// A fresh in-memory catalog with the fixture catalog imported through the real path.
func fixtureCatalog() throws -> Catalog {
    let catalog = try Catalog.inMemory()
    _ = try catalog.importCatalog(from: Paths.fixture("catalog.csv"), options: ImportOptions(now: fixedDate))
    return catalog
}

let fixedDate = Date(timeIntervalSince1970: 1_780_000_000)

extension ProductDetail {
    /// The line for a canonical ingredient, if listed or declared.
    func line(_ inciName: String) -> Ingredient? {
        ingredients.first { $0.inciName == inciName && !$0.mayContain }
    }
}
