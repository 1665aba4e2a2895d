import GRDB
import SkinDomain

extension Catalog {
    /// Each ingredient's CAS and EC numbers, for the resolver (``IngredientResolver/init(aliases:fuzzy:guarded:names:registry:)``).
    static func registryNumbers(_ db: Database) throws -> [Int64: Set<String>] {
        var numbers: [Int64: Set<String>] = [:]
        typealias Columns = IngredientRecord.Columns
        let cursor = try Row.fetchCursor(
            db,
            IngredientRecord.select(Columns.id, Columns.casNumber, Columns.einecsNumber)
                .filter(Columns.casNumber != nil || Columns.einecsNumber != nil))
        while let row = try cursor.next() {
            let parsed = RegistryNumber.parse(
                [row[Columns.casNumber] as String?, row[Columns.einecsNumber] as String?].compactMap { $0 }
                    .joined(separator: " "))
            if !parsed.isEmpty { numbers[row[Columns.id]] = parsed }
        }
        return numbers
    }
}

extension Catalog {
    /// The revision a stored printed name's resolution is valid for: the dictionary's revision and the resolver's
    /// version, so that a skincat that resolves differently (``IngredientResolver/version``) resolves the catalog's
    /// names again on the next import instead of trusting what an older one stored.
    static func nameRevision(_ db: Database) throws -> String {
        try dictionaryRevision(db) + "+resolver\(IngredientResolver.version)"
    }
}
