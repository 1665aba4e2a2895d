import GRDB

/// A record whose table gives it a rowid on insert (`INTEGER PRIMARY KEY`), kept in `id` by `didInsert`.
protocol GeneratedIdRow: MutablePersistableRecord, Identifiable where ID == Int64? {
    var id: Int64? { get }
}

extension GeneratedIdRow {
    /// Inserts the row and returns the id SQLite gave it (set by the record's `didInsert`).
    mutating func insertReturningId(_ db: Database) throws -> Int64 {
        try insert(db)
        guard let id else { throw CatalogError.database("\(Self.databaseTableName): no id after insert") }
        return id
    }
}
