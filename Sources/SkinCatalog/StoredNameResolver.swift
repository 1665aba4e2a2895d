import GRDB
import SkinDomain

/// Resolves printed names through the catalog's store of names already resolved (`ingredientName`), and builds
/// the full ``IngredientResolver`` (the whole dictionary in memory, its fuzzy and shortened-name indexes) only
/// when a name is new or was resolved against an older dictionary. Every name it resolves afresh is stored at
/// once, so the next import finds it, even a name no line keeps (a declared active merged into its listed line).
///
/// An import of names the catalog has seen never loads the dictionary: importing a file again, or a file of a
/// retailer whose names are known, reads one indexed row per distinct name.
struct StoredNameResolver: NameResolving {
    private let db: Database
    private let fuzzy: Bool
    private let revision: String
    private let select: Statement
    private let upsert: Statement
    private let markRunTogether: Statement
    private var full: IngredientResolver?
    /// Stored resolutions read so far this run; nil for a name that must be resolved afresh.
    private var known: [String: Resolution?] = [:]

    /// Whether the full resolver had to be built (a name was new, or the dictionary changed since).
    var loadedDictionary: Bool { full != nil }

    init(db: Database, fuzzy: Bool, revision: String) throws {
        self.db = db
        self.fuzzy = fuzzy
        self.revision = revision
        select = try db.makeStatement(
            sql: """
                SELECT nameKey, ingredientId, matchKind FROM ingredientName
                WHERE printedName = ? AND fuzzy = ? AND revision = ? AND runTogether = 0
                """)
        upsert = try db.makeStatement(
            sql: """
                INSERT INTO ingredientName (printedName, fuzzy, nameKey, ingredientId, matchKind, revision)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (printedName, fuzzy) DO UPDATE SET
                    nameKey = excluded.nameKey, ingredientId = excluded.ingredientId,
                    matchKind = excluded.matchKind, revision = excluded.revision, runTogether = 0
                """)
        markRunTogether = try db.makeStatement(
            sql: "UPDATE ingredientName SET runTogether = 1 WHERE printedName = ? AND fuzzy = ?")
    }

    mutating func resolve(_ printedName: String) throws -> Resolution {
        if let stored = try stored(printedName) { return stored }
        try buildFullResolver()
        guard let resolution = full?.resolve(printedName) else { return Resolution(ingredientId: nil, key: NameKey(printedName), match: nil) }
        // A group's id is the catalog's to assign: ProductComposition asks for it, and the line's name is stored
        // with it then. Every other resolution is stored now.
        if resolution.group == nil {
            try upsert.execute(arguments: [
                printedName, fuzzy, resolution.key.rawValue, resolution.ingredientId,
                resolution.ingredientId == nil ? nil : resolution.match?.rawValue, revision,
            ])
        }
        known[printedName] = .some(nil)
        return resolution
    }

    mutating func runTogether(_ printedName: String) throws -> [(name: String, resolution: Resolution)]? {
        // A stored name that resolves to nothing, at this revision and not marked run-together, was tried already.
        if try stored(printedName) != nil { return nil }
        try buildFullResolver()
        let parts = full?.runTogether(printedName) ?? nil
        if parts != nil { try markRunTogether.execute(arguments: [printedName, fuzzy]) }
        return parts
    }

    private mutating func stored(_ printedName: String) throws -> Resolution? {
        if let known = known[printedName] { return known }
        let row = try Row.fetchOne(select, arguments: [printedName, fuzzy, revision])
        let resolution = row.map { row in
            Resolution(
                ingredientId: row["ingredientId"], key: NameKey(normalised: row["nameKey"]),
                match: (row["matchKind"] as String?).flatMap(MatchKind.init(rawValue:)))
        }
        known[printedName] = .some(resolution)
        return resolution
    }

    /// Loads the dictionary into the full resolver, once. It is mutated in place (`full?.resolve`): a copy would
    /// copy its caches.
    private mutating func buildFullResolver() throws {
        if full == nil { full = try Catalog.makeResolver(db, fuzzy: fuzzy) }
    }
}
