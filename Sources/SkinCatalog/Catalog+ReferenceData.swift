import GRDB

extension Catalog {
    static let referenceDataVersionKey = "referenceDataVersion"
    /// Bumped whenever the dictionary changes, so a re-import re-resolves rows that did not change themselves.
    static let dictionaryRevisionKey = "dictionaryRevision"

    /// Loads ``ReferenceData/bundled`` and ``ShippedStudies`` when the catalog holds an older version (or none).
    /// Idempotent: entries are updated in place by INCI name, alias key and study key (ids kept), so user data
    /// around them is left alone.
    ///
    /// The check costs one SELECT: the bundled JSON is only decoded when the catalog needs it (every command opens
    /// the catalog, and decoding it each time would dominate start-up).
    static func loadReferenceDataIfNeeded(
        _ db: Database, version: Int = ReferenceData.bundledVersion,
        data: @autoclosure () -> ReferenceData = .bundled
    ) throws {
        if try referenceDataIsCurrent(db, version: version) { return }
        let data = data()
        try IngredientGroupStore.dropAll(db)
        for definition in data.classes {
            try IngredientClassRecord(
                name: definition.name, label: definition.label, description: definition.description
            )
            .save(db)
        }
        let idByInci = try storeReferenceIngredients(data.ingredients, db)
        try storeReferenceAliases(data.ingredients, idByInci: idByInci, db)
        try storeReferenceLookalikes(data.ingredients, idByInci: idByInci, db)
        try storeShippedStudies(ShippedStudies.entries, db)
        try setMeta(db, key: referenceDataVersionKey, value: String(data.version))
        try bumpDictionaryRevision(db)
        try reresolveNames(db)
    }

    /// Writes the reference ingredients and their classes; returns their ids by INCI name.
    ///
    /// The rows the data names are read once and then updated or inserted one by one: an upsert would need
    /// `RETURNING` for the id, and SQLite builds a temporary table for each. The inserts, aliases and class members
    /// go through `CachedInsert` (a new catalog writes 1,500 of them).
    private static func storeReferenceIngredients(
        _ ingredients: [ReferenceData.Ingredient], _ db: Database
    ) throws -> [String: Int64] {
        typealias Columns = IngredientRecord.Columns
        var stored: [String: IngredientRecord] = [:]
        for record in try IngredientRecord.filter(ingredients.map(\.inci).contains(Columns.inciName)).fetchAll(db) {
            stored[record.inciName] = record
        }
        var classesById: [Int64: [String]] = [:]
        let insert = try IngredientRecord.cachedInsert(db)
        for ingredient in ingredients {
            var record =
                stored[ingredient.inci] ?? IngredientRecord(id: nil, inciName: ingredient.inci, origin: .reference)
            // The reference data wins, but keeps a CAS number a dictionary filled in where it gives none.
            record.casNumber = ingredient.cas ?? record.casNumber
            record.evidenceGrade = ingredient.evidence
            record.note = ingredient.note
            record.origin = .reference
            if record.id == nil { record.id = try insert.execute(record) } else { try record.update(db) }
            stored[ingredient.inci] = record
            classesById[try record.storedId()] = ingredient.classes
        }
        try IngredientClassMemberRecord.filter(
            classesById.keys.contains(IngredientClassMemberRecord.Columns.ingredientId)
        )
        .deleteAll(db)
        typealias Member = IngredientClassMemberRecord.Columns
        let insertMember = try CachedInsert<IngredientClassMemberRecord>(db, [Member.ingredientId, Member.className])
        for (id, classes) in classesById {
            for className in classes {
                try insertMember.execute(IngredientClassMemberRecord(ingredientId: id, className: className))
            }
        }
        return stored.compactMapValues(\.id)
    }

    /// Writes each reference ingredient's INCI name, synonyms and retired names as its aliases. The reference data
    /// wins: an alias of the same key from a dictionary or the user is pointed at the reference ingredient.
    private static func storeReferenceAliases(
        _ ingredients: [ReferenceData.Ingredient], idByInci: [String: Int64], _ db: Database
    ) throws {
        var aliases: [IngredientAliasRecord] = []
        for ingredient in ingredients {
            guard let id = idByInci[ingredient.inci] else { continue }
            let names =
                [(ingredient.inci, AliasKind.inci)] + ingredient.aliases.map { ($0, .synonym) }
                + (ingredient.retired ?? []).map { ($0, .retired) }
            for (name, kind) in names {
                let key = NameKey(name)
                guard !key.isEmpty else { continue }
                aliases.append(
                    IngredientAliasRecord(
                        aliasKey: key.rawValue, alias: name, ingredientId: id, kind: kind, origin: .reference))
            }
        }
        let upsert = try IngredientAliasRecord.cachedUpsert(db)
        for alias in aliases { try upsert.execute(alias) }
    }

    private static func storeReferenceLookalikes(
        _ ingredients: [ReferenceData.Ingredient], idByInci: [String: Int64], _ db: Database
    ) throws {
        typealias Columns = IngredientLookalikeRecord.Columns
        let upsert = try CachedInsert<IngredientLookalikeRecord>(
            db, [Columns.ingredientId, Columns.lookalikeId, Columns.note],
            onConflict: [Columns.ingredientId, Columns.lookalikeId], updating: [Columns.note])
        for ingredient in ingredients {
            for lookalike in ingredient.lookalikes ?? [] {
                guard let id = idByInci[ingredient.inci], let other = idByInci[lookalike.inci] else { continue }
                try upsert.execute(
                    IngredientLookalikeRecord(ingredientId: id, lookalikeId: other, note: lookalike.note))
            }
        }
    }

    /// Writes the shipped studies (docs/studies.md), each over the stored study of its DOI, PMID, or title and year,
    /// unless the user's own row holds it (the user's wins); then deletes the shipped rows the file no longer lists
    /// (the slug-keyed rows of catalogs made before studies were data among them). Names are the dictionary's INCI
    /// names, looked up exactly.
    static func storeShippedStudies(_ entries: [StudyEntry], _ db: Database) throws {
        var index = try StudyIndex(db)
        var kept: Set<Int64> = []
        for entry in entries {
            var ids: [Int64] = []
            for name in entry.ingredients {
                guard let id = try IngredientAliasRecord.fetchOne(db, key: NameKey(name).rawValue)?.ingredientId else {
                    throw CatalogError.database(
                        "the shipped study \"\(entry.key)\" names \"\(name)\", not in the dictionary")
                }
                ids.append(id)
            }
            if let id = try index.match(entry) {
                kept.insert(id)
                if index.origin[id] == .user { continue }
            }
            _ = try index.write(entry, ingredientIds: ids, origin: .shipped, db)
            if let id = try index.match(entry) { kept.insert(id) }
        }
        try StudyRecord.filter(StudyRecord.Columns.origin == StudyOrigin.shipped.rawValue)
            .filter(!kept.contains(StudyRecord.Columns.id)).deleteAll(db)
    }

    /// Whether the catalog holds the bundled reference data (or newer).
    static func referenceDataIsCurrent(_ db: Database, version: Int = ReferenceData.bundledVersion) throws -> Bool {
        try CatalogMetaRecord.value(for: referenceDataVersionKey, db).flatMap { Int($0) }.map { $0 >= version }
            ?? false
    }

    static func setMeta(_ db: Database, key: String, value: String) throws {
        try CatalogMetaRecord(key: key, value: value).save(db)
    }

    static func bumpDictionaryRevision(_ db: Database) throws {
        let current = try CatalogMetaRecord.value(for: dictionaryRevisionKey, db)
        try setMeta(db, key: dictionaryRevisionKey, value: String((current.flatMap { Int($0) } ?? 0) + 1))
    }

    static func dictionaryRevision(_ db: Database) throws -> String {
        try CatalogMetaRecord.value(for: dictionaryRevisionKey, db) ?? "0"
    }
}
