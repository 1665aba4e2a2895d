import GRDB

/// A canonical ingredient of the dictionary, with how many catalog products list it.
public struct IngredientSummary: Sendable, Codable, Equatable {
    /// The canonical INCI name (`NIACINAMIDE`).
    public var inciName: String
    /// The CAS registry number (`98-92-0`); nil when the dictionary has none.
    public var casNumber: String?
    /// The classes the reference data puts it in (`NAD+ precursor`, `peptide`); empty for most ingredients.
    public var classes: [String]
    /// The strongest study design behind it; nil when the reference data grades no evidence for it.
    public var evidenceGrade: EvidenceGrade?
    /// How many catalog products list it.
    public var productCount: Int
    /// The other names that resolve to it (synonyms, retired names, user aliases), alphabetically.
    public var aliases: [String]
    /// The look-alikes it must never be merged with (both directions).
    public var lookalikes: [String]
    /// For a group (a shortened name several ingredients share), the INCI names of its members; empty otherwise.
    public var groupMembers: [String] = []
}

/// A printed name no dictionary entry matched, with how many products print it.
public struct UnresolvedIngredient: Sendable, Codable, Equatable {
    /// One way the name was printed.
    public var printedName: String
    /// The normalised form of the name (`NameKey`), under which its spellings are counted together.
    public var key: String
    /// How many products print it; JSON key `products`.
    public var productCount: Int
    /// The nearest dictionary ingredients' INCI names, nearest first (`NameSuggester`); empty unless asked for.
    public var suggestions: [String] = []

    private enum CodingKeys: String, CodingKey {
        case printedName, key
        case productCount = "products"
        case suggestions
    }
}

extension Catalog {
    /// The canonical ingredient a name resolves to (by INCI name or alias), or nil.
    public func ingredient(named name: String) throws(CatalogError) -> IngredientSummary? {
        try read { db in
            guard let id = try IngredientAliasRecord.fetchOne(db, key: NameKey(name).rawValue)?.ingredientId else {
                return nil
            }
            return try Self.ingredientSummaries(db, where: "i.id = ?", arguments: [id]).first
        }
    }

    /// The dictionary's ingredients that products list, most listed first; `all` includes unused ones.
    ///
    /// - Parameters:
    ///   - text: keep ingredients whose INCI name or an alias contains this text (case-insensitive).
    ///   - includeUnused: include the dictionary's ingredients no product lists.
    public func ingredients(matching text: String? = nil, includeUnused: Bool = false)
        throws(CatalogError) -> [IngredientSummary]
    {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let text, !text.isEmpty {
                // instr, not LIKE: a LIKE pattern has a length limit (a 100 KB name failed with "LIKE or GLOB
                // pattern too complex") and needs its % and _ escaped. lower() folds ASCII only, as LIKE did.
                conditions.append(
                    """
                    (instr(lower(i.inciName), lower(?1)) > 0 OR EXISTS (SELECT 1 FROM ingredientAlias a
                        WHERE a.ingredientId = i.id AND (instr(lower(a.alias), lower(?1)) > 0 OR (?2 <> '' AND instr(a.aliasKey, ?2) > 0))))
                    """)
                arguments += [text, NameKey(text).rawValue]
            }
            if !includeUnused {
                conditions.append("EXISTS (SELECT 1 FROM productIngredientLine p WHERE p.ingredientId = i.id)")
            }
            return try Self.ingredientSummaries(
                db, where: conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments: arguments)
        }
    }

    /// The printed names that resolved to nothing, most frequent first.
    public func unresolvedIngredients(suggestions: Int = 0) throws(CatalogError) -> [UnresolvedIngredient] {
        try read { db in
            // SQL: a grouped read of a view over several tables.
            var names = try Row.fetchAll(
                db,
                sql: """
                    SELECT min(printedName) AS printedName, nameKey, count(DISTINCT productId) AS products
                    FROM productIngredientLine WHERE ingredientId IS NULL
                    GROUP BY nameKey ORDER BY products DESC, nameKey
                    """
            ).map {
                UnresolvedIngredient(printedName: $0["printedName"], key: $0["nameKey"], productCount: $0["products"])
            }
            guard suggestions > 0, !names.isEmpty else { return names }
            var keys: [(key: NameKey, id: Int64)] = []
            typealias Alias = IngredientAliasRecord.Columns
            let cursor = try Row.fetchCursor(
                db,
                IngredientAliasRecord.select(Alias.aliasKey, Alias.ingredientId)
                    .filter(Alias.origin != IngredientOrigin.group && Alias.kind != AliasKind.retired))
            while let row = try cursor.next() {
                keys.append((NameKey(normalised: row[Alias.aliasKey]), row[Alias.ingredientId]))
            }
            var lookalikes: [Int64: Set<Int64>] = [:]
            for pair in try IngredientLookalikeRecord.fetchAll(db) {
                lookalikes[pair.ingredientId, default: []].insert(pair.lookalikeId)
                lookalikes[pair.lookalikeId, default: []].insert(pair.ingredientId)
            }
            let suggester = NameSuggester(names: keys, lookalikes: lookalikes)
            var inciNames: [Int64: String] = [:]
            for index in names.indices {
                let ids = suggester.suggestions(for: NameKey(normalised: names[index].key), count: suggestions)
                for id in ids where inciNames[id] == nil {
                    inciNames[id] = try IngredientRecord.fetchOne(db, key: id)?.inciName
                }
                names[index].suggestions = ids.compactMap { inciNames[$0] }
            }
            return names
        }
    }

    private static func ingredientSummaries(
        _ db: Database, where condition: String,
        arguments: StatementArguments
    ) throws -> [IngredientSummary] {
        // SQL: a read that joins six tables.
        try Row.fetchAll(
            db,
            sql: """
                SELECT i.*,
                    (SELECT group_concat(className, ',') FROM (SELECT className FROM ingredientClassMember
                        WHERE ingredientId = i.id ORDER BY className)) AS classes,
                    (SELECT group_concat(alias, '|') FROM (SELECT alias FROM ingredientAlias
                        WHERE ingredientId = i.id AND kind <> 'inci' ORDER BY alias)) AS aliases,
                    (SELECT group_concat(inciName, '|') FROM (SELECT DISTINCT o.inciName FROM ingredientLookalike l
                        JOIN ingredient o ON o.id = CASE WHEN l.ingredientId = i.id THEN l.lookalikeId ELSE l.ingredientId END
                        WHERE l.ingredientId = i.id OR l.lookalikeId = i.id ORDER BY o.inciName)) AS lookalikes,
                    (SELECT count(DISTINCT productId) FROM productIngredientLine WHERE ingredientId = i.id) AS products,
                    (SELECT group_concat(inciName, '|') FROM (SELECT m.inciName FROM ingredientGroupMember g
                        JOIN ingredient m ON m.id = g.memberId WHERE g.groupId = i.id ORDER BY m.inciName)) AS members
                FROM ingredient i WHERE \(condition)
                ORDER BY products DESC, i.inciName
                """, arguments: arguments
        ).map { row in
            IngredientSummary(
                inciName: row["inciName"], casNumber: row["casNumber"], classes: split(row["classes"], by: ","),
                evidenceGrade: (row["evidenceGrade"] as String?).flatMap(EvidenceGrade.init(rawValue:)),
                productCount: row["products"], aliases: split(row["aliases"], by: "|"),
                lookalikes: split(row["lookalikes"], by: "|"), groupMembers: split(row["members"], by: "|"))
        }
    }

    static func split(_ text: String?, by separator: Character) -> [String] {
        text.map { $0.split(separator: separator).map(String.init) } ?? []
    }
}
