import GRDB

/// An `INSERT` (or upsert) into a record's table, prepared once through the connection's statement cache and run
/// with named arguments whose names are the record's `Columns`.
///
/// For the hot loops only: `record.insert(db)` encodes the record (Codable) and builds its statement on every call,
/// about 55,000 instructions a row, which made a new catalog's reference-data load (1,600 rows) 23 % slower and
/// a CosIng import inserts 57,000 rows (callgrind). Everywhere else the records write themselves.
struct CachedInsert<Record: CachedInsertable> {
    private let db: Database
    private let statement: Statement

    /// - Parameters:
    ///   - columns: the columns the statement sets, each from an argument of the same name.
    ///   - conflict: for an upsert, the columns whose uniqueness is the conflict target.
    ///   - updating: for an upsert, the columns a conflicting row takes from the inserted one.
    init(_ db: Database, _ columns: [Column], onConflict conflict: [Column] = [], updating: [Column] = []) throws {
        var sql = """
            INSERT INTO \(Record.databaseTableName.quotedDatabaseIdentifier) \
            (\(columns.map(\.name.quotedDatabaseIdentifier).joined(separator: ", "))) \
            VALUES (\(columns.map { ":" + $0.name }.joined(separator: ", ")))
            """
        if !updating.isEmpty {
            let target = conflict.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
            let assignments = updating.map(\.name.quotedDatabaseIdentifier).map { "\($0) = excluded.\($0)" }
            sql += " ON CONFLICT (\(target)) DO UPDATE SET \(assignments.joined(separator: ", "))"
        }
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Inserts (or upserts) `record`; a column the statement sets that the record has no value for is an error.
    ///
    /// - Returns: the row id of the inserted row (the record's id, for a table with one).
    @discardableResult
    func execute(_ record: Record) throws -> Int64 {
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        for (column, value) in record.columnValues { arguments[column.name] = value }
        try statement.execute(arguments: StatementArguments(arguments))
        return db.lastInsertedRowID
    }
}

/// A record that gives its values by column without Codable encoding, for ``CachedInsert``.
protocol CachedInsertable: TableRecord {
    /// Each column the record writes, with its value.
    var columnValues: KeyValuePairs<Column, (any DatabaseValueConvertible)?> { get }
}
