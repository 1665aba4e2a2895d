import GRDB
import SkinDomain

/// Where an ingredient or one of its names comes from (`ingredient.origin`, `ingredientAlias.origin`).
enum IngredientOrigin: String, Codable, Sendable {
    /// The bundled reference data (`ReferenceData`): it wins over every other origin.
    case reference
    /// An imported ingredient dictionary (EU CosIng).
    case cosing
    /// A name the user taught the dictionary.
    case user
    /// A shortened printed name several dictionary names share (``IngredientGroupStore``).
    case group
}

/// What an alias is to its ingredient (`ingredientAlias.kind`).
enum AliasKind: String, Codable, Sendable {
    /// The ingredient's INCI name (or a spelling of it).
    case inci
    case synonym
    /// A name the INCI list no longer uses.
    case retired
}

/// A row of `ingredient`: one canonical ingredient of the dictionary.
struct IngredientRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "ingredient"

    var id: Int64?
    var inciName: String
    var casNumber: String?
    var einecsNumber: String?
    /// CosIng functions as listed there, comma-separated.
    var functions: String?
    var evidenceGrade: EvidenceGrade?
    var note: String?
    var origin: IngredientOrigin

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let inciName = Column(CodingKeys.inciName)
        static let casNumber = Column(CodingKeys.casNumber)
        static let einecsNumber = Column(CodingKeys.einecsNumber)
        static let functions = Column(CodingKeys.functions)
        static let evidenceGrade = Column(CodingKeys.evidenceGrade)
        static let note = Column(CodingKeys.note)
        static let origin = Column(CodingKeys.origin)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The id of a fetched or inserted row.
    func storedId() throws -> Int64 {
        guard let id else { throw CatalogError.database("the ingredient \"\(inciName)\" has no id: it was not stored") }
        return id
    }
}

/// A row of `ingredientAlias`: a name (normalised to `aliasKey`) that resolves to an ingredient.
struct IngredientAliasRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ingredientAlias"

    var aliasKey: String
    var alias: String
    var ingredientId: Int64
    var kind: AliasKind
    var origin: IngredientOrigin

    enum Columns {
        static let aliasKey = Column(CodingKeys.aliasKey)
        static let alias = Column(CodingKeys.alias)
        static let ingredientId = Column(CodingKeys.ingredientId)
        static let kind = Column(CodingKeys.kind)
        static let origin = Column(CodingKeys.origin)
    }
}

/// A row of `ingredientClass`: a class of ingredients the query language names (`retinoid`, `niacinamide`).
struct IngredientClassRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ingredientClass"

    var name: String
    var label: String
    var description: String

    enum Columns {
        static let name = Column(CodingKeys.name)
        static let label = Column(CodingKeys.label)
        static let description = Column(CodingKeys.description)
    }
}

/// A row of `ingredientClassMember`: an ingredient belongs to a class.
struct IngredientClassMemberRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ingredientClassMember"

    var ingredientId: Int64
    var className: String

    enum Columns {
        static let ingredientId = Column(CodingKeys.ingredientId)
        static let className = Column(CodingKeys.className)
    }
}

/// A row of `ingredientGroupMember`: one of the dictionary names a group (a shortened name) may stand for.
struct IngredientGroupMemberRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ingredientGroupMember"

    var groupId: Int64
    var memberId: Int64

    enum Columns {
        static let groupId = Column(CodingKeys.groupId)
        static let memberId = Column(CodingKeys.memberId)
    }
}

/// A row of `ingredientLookalike`: two ingredients that must never be merged (NMN is not NAD+).
struct IngredientLookalikeRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ingredientLookalike"

    var ingredientId: Int64
    var lookalikeId: Int64
    var note: String

    enum Columns {
        static let ingredientId = Column(CodingKeys.ingredientId)
        static let lookalikeId = Column(CodingKeys.lookalikeId)
        static let note = Column(CodingKeys.note)
    }
}

/// A row of `ingredientCap`: the largest amount the stored annexes allow an ingredient in one product use.
struct IngredientCapRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ingredientCap"

    var ingredientId: Int64
    var productUse: ProductUse
    var amountPpm: Double
    /// `Annex V ref 29`.
    var citation: String

    enum Columns {
        static let ingredientId = Column(CodingKeys.ingredientId)
        static let productUse = Column(CodingKeys.productUse)
        static let amountPpm = Column(CodingKeys.amountPpm)
        static let citation = Column(CodingKeys.citation)
    }
}

/// A row of `dictionaryImport`: one ingredient dictionary loaded into the catalog, with what it did.
struct DictionaryImportRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "dictionaryImport"

    var id: Int64?
    var file: String
    var origin: IngredientOrigin
    /// ISO 8601.
    var importedAt: String
    var rowsRead: Int
    var added: Int
    var updated: Int
    var unchanged: Int
    /// Names that are already a reference alias of another ingredient: the reference data wins.
    var keptReference: Int

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let file = Column(CodingKeys.file)
        static let origin = Column(CodingKeys.origin)
        static let importedAt = Column(CodingKeys.importedAt)
        static let rowsRead = Column(CodingKeys.rowsRead)
        static let added = Column(CodingKeys.added)
        static let updated = Column(CodingKeys.updated)
        static let unchanged = Column(CodingKeys.unchanged)
        static let keptReference = Column(CodingKeys.keptReference)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension IngredientOrigin: DatabaseValueConvertible {}
extension AliasKind: DatabaseValueConvertible {}

extension IngredientRecord: CachedInsertable {
    var columnValues: KeyValuePairs<Column, (any DatabaseValueConvertible)?> {
        [
            Columns.id: id, Columns.inciName: inciName, Columns.casNumber: casNumber,
            Columns.einecsNumber: einecsNumber, Columns.functions: functions,
            Columns.evidenceGrade: evidenceGrade?.rawValue, Columns.note: note, Columns.origin: origin,
        ]
    }

    /// The insert of a new ingredient (its id from SQLite), for the loops that add hundreds or thousands.
    static func cachedInsert(_ db: Database) throws -> CachedInsert<Self> {
        try CachedInsert(
            db,
            [
                Columns.inciName, Columns.casNumber, Columns.einecsNumber, Columns.functions, Columns.evidenceGrade,
                Columns.note, Columns.origin,
            ])
    }
}

extension IngredientAliasRecord: CachedInsertable {
    var columnValues: KeyValuePairs<Column, (any DatabaseValueConvertible)?> {
        [
            Columns.aliasKey: aliasKey, Columns.alias: alias, Columns.ingredientId: ingredientId, Columns.kind: kind,
            Columns.origin: origin,
        ]
    }

    static let allColumns = [Columns.aliasKey, Columns.alias, Columns.ingredientId, Columns.kind, Columns.origin]

    /// The insert of a new alias, for the loops that add hundreds or thousands.
    static func cachedInsert(_ db: Database) throws -> CachedInsert<Self> {
        try CachedInsert(db, allColumns)
    }

    /// The upsert of an alias by key: an alias of the same key is pointed at the record's ingredient.
    static func cachedUpsert(_ db: Database) throws -> CachedInsert<Self> {
        try CachedInsert(
            db, allColumns, onConflict: [Columns.aliasKey],
            updating: [Columns.alias, Columns.ingredientId, Columns.kind, Columns.origin])
    }
}

extension IngredientClassMemberRecord: CachedInsertable {
    var columnValues: KeyValuePairs<Column, (any DatabaseValueConvertible)?> {
        [Columns.ingredientId: ingredientId, Columns.className: className]
    }
}

extension IngredientLookalikeRecord: CachedInsertable {
    var columnValues: KeyValuePairs<Column, (any DatabaseValueConvertible)?> {
        [Columns.ingredientId: ingredientId, Columns.lookalikeId: lookalikeId, Columns.note: note]
    }
}

extension IngredientRecord {
    /// Reads a row by column name, written out rather than through Codable's decoder: a dictionary merge reads all
    /// 28,000 CosIng ingredients. A NULL where a value must be, or an unknown origin or grade, throws.
    init(row: Row) throws {
        id = try row.decode(forColumn: Columns.id.name)
        inciName = try row.decode(forColumn: Columns.inciName.name)
        casNumber = try row.decode(forColumn: Columns.casNumber.name)
        einecsNumber = try row.decode(forColumn: Columns.einecsNumber.name)
        functions = try row.decode(forColumn: Columns.functions.name)
        let grade: String? = try row.decode(forColumn: Columns.evidenceGrade.name)
        evidenceGrade = try grade.map { try Catalog.stored($0, as: EvidenceGrade.self, in: "ingredient.evidenceGrade") }
        note = try row.decode(forColumn: Columns.note.name)
        origin = try Catalog.stored(
            row.decode(forColumn: Columns.origin.name), as: IngredientOrigin.self, in: "ingredient.origin")
    }
}

extension IngredientAliasRecord {
    /// Reads a row by column name, not through Codable's decoder (a dictionary merge reads some 57,000 aliases). A
    /// NULL where a value must be, or an unknown kind or origin, throws.
    init(row: Row) throws {
        aliasKey = try row.decode(forColumn: Columns.aliasKey.name)
        alias = try row.decode(forColumn: Columns.alias.name)
        ingredientId = try row.decode(forColumn: Columns.ingredientId.name)
        kind = try Catalog.stored(
            row.decode(forColumn: Columns.kind.name), as: AliasKind.self, in: "ingredientAlias.kind")
        origin = try Catalog.stored(
            row.decode(forColumn: Columns.origin.name), as: IngredientOrigin.self, in: "ingredientAlias.origin")
    }
}
