import GRDB

extension Catalog {
    static let referenceDataVersionKey = "referenceDataVersion"
    /// Bumped whenever the dictionary changes, so a re-import re-resolves rows that did not change themselves.
    static let dictionaryRevisionKey = "dictionaryRevision"

    /// Loads ``ReferenceData/bundled`` when the catalog holds an older version (or none). Idempotent: entries
    /// are updated in place by INCI name, alias key and study key (ids kept), so user data around them is left
    /// alone.
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
        try storeReferenceStudies(data.studies, idByInci: idByInci, db)
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

    /// Writes the studies, updated in place by key, and their models, endpoints and ingredients.
    private static func storeReferenceStudies(
        _ studies: [ReferenceData.Study], idByInci: [String: Int64], _ db: Database
    ) throws {
        var idByKey: [String: Int64] = [:]
        for record in try StudyRecord.filter(studies.map(\.key).contains(StudyRecord.Columns.key)).fetchAll(db) {
            idByKey[record.key] = record.id
        }
        var studyById: [Int64: ReferenceData.Study] = [:]
        for study in studies {
            var record = StudyRecord(study, id: idByKey[study.key])
            if record.id == nil { try record.insert(db) } else { try record.update(db) }
            guard let id = record.id else { throw CatalogError.database("the study \"\(study.key)\" was not stored") }
            idByKey[study.key] = id
            studyById[id] = study
        }
        let ids = Array(studyById.keys)
        try StudyModelRecord.filter(ids.contains(StudyModelRecord.Columns.studyId)).deleteAll(db)
        try StudyEndpointRecord.filter(ids.contains(StudyEndpointRecord.Columns.studyId)).deleteAll(db)
        try StudyIngredientRecord.filter(ids.contains(StudyIngredientRecord.Columns.studyId)).deleteAll(db)
        for (id, study) in studyById {
            for model in Set(study.models) { try StudyModelRecord(studyId: id, model: model).insert(db) }
            for endpoint in Set(study.endpoints) { try StudyEndpointRecord(studyId: id, endpoint: endpoint).insert(db) }
            for ingredientId in Set(study.ingredients.compactMap { idByInci[$0] }) {
                try StudyIngredientRecord(studyId: id, ingredientId: ingredientId).insert(db)
            }
        }
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
