import GRDB
import GRDBSQLite

/// The insert of one ingredient line, bound through SQLite's C API.
///
/// An import writes about twenty lines per product (21 million at a million products). Through GRDB's
/// `StatementArguments`, every value was boxed in an array of `DatabaseValue`s and unboxed again to bind it: about
/// an eighth of an import's instructions under callgrind. This statement binds the values directly. It is the only
/// statement in skincat that does; every other one goes through GRDB.
///
/// The hot per-line insert stays a statement of its own rather than a GRDB record insert (whose encoding per row
/// would cost more than the budget allows); its SQL is built from ``ProductIngredientRow/Columns``.
///
/// The statement is prepared on the connection of the transaction that uses it, and finalised when the inserter
/// goes away, which is before that transaction ends (the importer that owns it lives inside the transaction).
final class LineInserter {
    private let connection: SQLiteConnection
    private let statement: SQLiteStatement

    init(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { throw CatalogError.database("the connection is closed") }
        self.connection = connection
        var prepared: SQLiteStatement?
        // The columns, in the order `insert` binds them (?1 to ?9), named by the record: the names cannot drift.
        let columns = Self.columns.map(\.name)
        let sql = """
            INSERT INTO \(ProductIngredientRow.databaseTableName) (\(columns.joined(separator: ", ")))
            VALUES (\((1...columns.count).map { "?\($0)" }.joined(separator: ", ")))
            """
        let code = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: Self.message(connection), sql: sql)
        }
        statement = prepared
    }

    deinit { sqlite3_finalize(statement) }

    /// The columns bound, parameter 1 first.
    private static let columns: [Column] = {
        typealias Columns = ProductIngredientRow.Columns
        return [
            Columns.productId, Columns.line, Columns.position, Columns.nameId, Columns.mayContain, Columns.amountPpm,
            Columns.amountSource, Columns.amountApproximate, Columns.amountText,
        ]
    }()

    /// Inserts one line, binding its values in the order of ``columns``.
    func insert(_ row: ProductIngredientRow) throws {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        sqlite3_bind_int64(statement, 1, row.productId)
        sqlite3_bind_int64(statement, 2, Int64(row.line))
        if let position = row.position { sqlite3_bind_int64(statement, 3, Int64(position)) }
        sqlite3_bind_int64(statement, 4, row.nameId)
        sqlite3_bind_int64(statement, 5, row.mayContain ? 1 : 0)
        if let amountPpm = row.amountPpm { sqlite3_bind_double(statement, 6, amountPpm) }
        sqlite3_bind_int64(statement, 8, row.amountApproximate ? 1 : 0)
        // SQLite copies the text (SQLITE_TRANSIENT) before the C string goes away.
        let code = try bindText(row.amountSource, at: 7) {
            try bindText(row.amountText, at: 9) { sqlite3_step(statement) }
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: Self.message(connection),
                sql: String(cString: sqlite3_sql(statement)))
        }
    }

    private func bindText(_ text: String?, at index: Int32, then body: () throws -> Int32) throws -> Int32 {
        guard let text else { return try body() }
        return try text.utf8CString.withUnsafeBufferPointer { buffer in
            // The length excludes the terminating NUL; text cannot hold another NUL (the import refuses those).
            sqlite3_bind_text(statement, index, buffer.baseAddress, Int32(buffer.count - 1), Self.transient)
            return try body()
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func message(_ connection: SQLiteConnection) -> String {
        sqlite3_errmsg(connection).map { String(cString: $0) } ?? "unknown error"
    }
}
