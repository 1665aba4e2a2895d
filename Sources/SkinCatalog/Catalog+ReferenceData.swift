import GRDB

extension Catalog {
    static let referenceDataVersionKey = "referenceDataVersion"
    /// Bumped whenever the dictionary changes, so a re-import re-resolves rows that did not change themselves.
    static let dictionaryRevisionKey = "dictionaryRevision"

    /// Loads ``ReferenceData/bundled`` when the catalog holds an older version (or none). Idempotent: entries
    /// are upserted by INCI name, alias key and study key, so user data around them is left alone.
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
            try db.executeCached(
                sql: """
                    INSERT INTO ingredientClass (name, label, description) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET label = excluded.label, description = excluded.description
                    """, arguments: [definition.name, definition.label, definition.description])
        }
        var idByInci: [String: Int64] = [:]
        for ingredient in data.ingredients {
            // An upsert with RETURNING makes SQLite build a temporary table per row; the id is read back instead.
            try db.executeCached(
                sql: """
                    INSERT INTO ingredient (inciName, casNumber, evidenceGrade, note, origin)
                    VALUES (?, ?, ?, ?, 'reference')
                    ON CONFLICT (inciName) DO UPDATE SET
                        casNumber = coalesce(excluded.casNumber, casNumber),
                        evidenceGrade = excluded.evidenceGrade,
                        note = excluded.note,
                        origin = 'reference'
                    """, arguments: [ingredient.inci, ingredient.cas, ingredient.evidence?.rawValue, ingredient.note])
            let id = try Self.idOfRow(db, sql: "SELECT id FROM ingredient WHERE inciName = ?", key: ingredient.inci)
            idByInci[ingredient.inci] = id
            try db.executeCached(sql: "DELETE FROM ingredientClassMember WHERE ingredientId = ?", arguments: [id])
            for className in ingredient.classes {
                try db.executeCached(
                    sql: "INSERT INTO ingredientClassMember (ingredientId, className) VALUES (?, ?)",
                    arguments: [id, className])
            }
            let names =
                [(ingredient.inci, "inci")] + ingredient.aliases.map { ($0, "synonym") }
                + (ingredient.retired ?? []).map { ($0, "retired") }
            for (name, kind) in names {
                try upsertAlias(db, alias: name, ingredientId: id, kind: kind, origin: "reference")
            }
        }
        for ingredient in data.ingredients {
            for lookalike in ingredient.lookalikes ?? [] {
                guard let id = idByInci[ingredient.inci], let other = idByInci[lookalike.inci] else { continue }
                try db.executeCached(
                    sql: """
                        INSERT INTO ingredientLookalike (ingredientId, lookalikeId, note) VALUES (?, ?, ?)
                        ON CONFLICT DO UPDATE SET note = excluded.note
                        """, arguments: [id, other, lookalike.note])
            }
        }
        for study in data.studies {
            // A concentration the amount parser cannot read stays as text only (the test suite checks none does).
            let concentrationPpm = study.concentration.flatMap { try? Amount(parsing: $0) }?.ppm
            try db.executeCached(
                sql: """
                    INSERT INTO study (key, year, journal, title, authors, doi, route, subjects, durationText,
                                       concentrationPpm, concentrationText, summary, provenance)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET
                        year = excluded.year, journal = excluded.journal, title = excluded.title,
                        authors = excluded.authors, doi = excluded.doi, route = excluded.route,
                        subjects = excluded.subjects, durationText = excluded.durationText,
                        concentrationPpm = excluded.concentrationPpm, concentrationText = excluded.concentrationText,
                        summary = excluded.summary, provenance = excluded.provenance
                    """,
                arguments: [
                    study.key, study.year, study.journal, study.title, study.authors, study.doi, study.route,
                    study.subjects, study.duration, concentrationPpm, study.concentration, study.summary,
                    study.provenance,
                ])
            let id = try Self.idOfRow(db, sql: "SELECT id FROM study WHERE key = ?", key: study.key)
            for table in ["studyModel", "studyEndpoint", "studyIngredient"] {
                try db.executeCached(sql: "DELETE FROM \(table) WHERE studyId = ?", arguments: [id])
            }
            for model in Set(study.models) {
                try db.executeCached(
                    sql: "INSERT INTO studyModel (studyId, model) VALUES (?, ?)",
                    arguments: [id, model.rawValue])
            }
            for endpoint in Set(study.endpoints) {
                try db.executeCached(
                    sql: "INSERT INTO studyEndpoint (studyId, endpoint) VALUES (?, ?)",
                    arguments: [id, endpoint])
            }
            for inci in Set(study.ingredients) {
                guard let ingredientId = idByInci[inci] else { continue }
                try db.executeCached(
                    sql: "INSERT INTO studyIngredient (studyId, ingredientId) VALUES (?, ?)",
                    arguments: [id, ingredientId])
            }
        }
        try setMeta(db, key: referenceDataVersionKey, value: String(data.version))
        try bumpDictionaryRevision(db)
        try reresolveNames(db)
    }

    /// Whether the catalog holds the bundled reference data (or newer).
    /// The id of the row an upsert just wrote, found by its unique key.
    private static func idOfRow(_ db: Database, sql: String, key: String) throws -> Int64 {
        guard let id = try db.fetchOneCached(Int64.self, sql: sql, arguments: [key]) else {
            throw CatalogError.database("the reference row \"\(key)\" was not written")
        }
        return id
    }

    static func referenceDataIsCurrent(_ db: Database, version: Int = ReferenceData.bundledVersion) throws -> Bool {
        let stored = try db.fetchOneCached(
            String.self, sql: "SELECT value FROM catalogMeta WHERE key = ?", arguments: [referenceDataVersionKey])
        return stored.flatMap { Int($0) }.map { $0 >= version } ?? false
    }

    /// Records that `alias` names ingredient `ingredientId`. Reference aliases win over dictionary imports.
    static func upsertAlias(_ db: Database, alias: String, ingredientId: Int64, kind: String, origin: String) throws {
        let key = NameKey(alias)
        guard !key.isEmpty else { return }
        try db.executeCached(
            sql: """
                INSERT INTO ingredientAlias (aliasKey, alias, ingredientId, kind, origin) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (aliasKey) DO UPDATE SET
                    alias = excluded.alias, ingredientId = excluded.ingredientId, kind = excluded.kind,
                    origin = excluded.origin
                WHERE excluded.origin = 'reference' OR ingredientAlias.origin <> 'reference'
                """, arguments: [key.rawValue, alias, ingredientId, kind, origin])
    }

    static func setMeta(_ db: Database, key: String, value: String) throws {
        try db.executeCached(
            sql: """
                INSERT INTO catalogMeta (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [key, value])
    }

    static func bumpDictionaryRevision(_ db: Database) throws {
        let current = try db.fetchOneCached(
            String.self, sql: "SELECT value FROM catalogMeta WHERE key = ?", arguments: [dictionaryRevisionKey])
        try setMeta(db, key: dictionaryRevisionKey, value: String((current.flatMap { Int($0) } ?? 0) + 1))
    }

    static func dictionaryRevision(_ db: Database) throws -> String {
        try db.fetchOneCached(
            String.self, sql: "SELECT value FROM catalogMeta WHERE key = ?",
            arguments: [dictionaryRevisionKey]) ?? "0"
    }
}

extension Database {
    /// Runs `sql` through the connection's statement cache. The reference data load runs the same few statements
    /// for hundreds of rows; preparing them each time was 60 % of the instructions of making a new catalog
    /// (callgrind).
    func executeCached(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// `T.fetchOne` through the connection's statement cache.
    func fetchOneCached<T: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: T.Type, sql: String, arguments: StatementArguments = StatementArguments()
    ) throws -> T? {
        try T.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
