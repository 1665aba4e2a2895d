import GRDB
import SkinDomain

/// Resolves printed names through the catalog's store of names already resolved (`ingredientName`), and builds
/// the full ``IngredientResolver`` (the whole dictionary in memory, its fuzzy and shortened-name indexes) only
/// when a name is new or was resolved against an older dictionary.
///
/// The store holds what each printed name resolved to on the lines that print it, so an import of names the
/// catalog has seen (the same file again, or a file whose names are known) reads one indexed row per distinct name
/// and never loads the dictionary. It only reads: the import writes the names of the lines it stores.
struct StoredNameResolver: NameResolving {
    private let db: Database
    private let fuzzy: Bool
    private let revision: String
    private let select: Statement
    private var full: IngredientResolver?
    /// Stored names read so far this run; nil for a name that must be resolved afresh.
    private var known: [String: StoredName?] = [:]

    private struct StoredName {
        var resolution: Resolution
        /// An unresolved name already checked not to be names run together.
        var splitChecked: Bool
    }

    /// Whether the full resolver had to be built (a name was new, or the dictionary changed since).
    var loadedDictionary: Bool { full != nil }

    init(db: Database, fuzzy: Bool, revision: String) throws {
        self.db = db
        self.fuzzy = fuzzy
        select = try db.makeStatement(
            sql: """
                SELECT nameKey, ingredientId, matchKind, splitChecked FROM ingredientName
                WHERE printedName = ? AND fuzzy = ? AND revision = ?
                """)
        self.revision = revision
    }

    mutating func resolve(_ printedName: String) throws -> Resolution {
        if let stored = try stored(printedName) { return stored.resolution }
        try buildFullResolver()
        return full?.resolve(printedName) ?? Resolution(ingredientId: nil, key: NameKey(printedName), match: nil)
    }

    mutating func runTogether(_ printedName: String) throws -> [(name: String, resolution: Resolution)]? {
        if let stored = try stored(printedName), stored.splitChecked { return nil }
        try buildFullResolver()
        return full?.runTogether(printedName) ?? nil
    }

    private mutating func stored(_ printedName: String) throws -> StoredName? {
        if let known = known[printedName] { return known }
        let row = try Row.fetchOne(select, arguments: [printedName, fuzzy, revision])
        let stored = row.map { row in
            StoredName(
                resolution: Resolution(
                    ingredientId: row["ingredientId"], key: NameKey(normalised: row["nameKey"]),
                    match: (row["matchKind"] as String?).flatMap(MatchKind.init(rawValue:))),
                splitChecked: row["splitChecked"])
        }
        known[printedName] = .some(stored)
        return stored
    }

    /// Loads the dictionary into the full resolver, once. It is mutated in place (`full?.resolve`): a copy would
    /// copy its caches.
    private mutating func buildFullResolver() throws {
        if full == nil { full = try Catalog.makeResolver(db, fuzzy: fuzzy) }
    }
}
