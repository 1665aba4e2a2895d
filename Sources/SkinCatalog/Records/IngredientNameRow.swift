import GRDB

/// A row of `ingredientName`: a distinct printed name and what it resolved to, against dictionary `revision`.
struct IngredientNameRow: Codable, FetchableRecord, MutablePersistableRecord, GeneratedIdRow {
    static let databaseTableName = "ingredientName"

    var id: Int64?
    var printedName: String
    var fuzzy: Bool
    var nameKey: String
    var ingredientId: Int64?
    var matchKind: String?
    var revision: String
    var splitChecked: Bool

    enum Columns {
        static let printedName = Column(CodingKeys.printedName)
        static let fuzzy = Column(CodingKeys.fuzzy)
        static let revision = Column(CodingKeys.revision)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// What the name resolved to.
    var resolution: NameResolution {
        get {
            NameResolution(
                nameKey: nameKey, ingredientId: ingredientId, matchKind: matchKind, splitChecked: splitChecked)
        }
        set {
            nameKey = newValue.nameKey
            ingredientId = newValue.ingredientId
            matchKind = newValue.matchKind
            splitChecked = newValue.splitChecked
        }
    }
}
