import GRDB
import GRDBSQLite

/// The insert of one ingredient line, bound through SQLite's C API.
///
/// An import writes about twenty lines per product (21 million at a million products). Through GRDB's
/// `StatementArguments`, every value was boxed in an array of `DatabaseValue`s and unboxed again to bind it: about
/// an eighth of an import's instructions under callgrind. This statement binds the values directly. It is the only
/// statement in skincat that does; every other one goes through GRDB.
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
        let sql = """
            INSERT INTO productIngredient (productId, line, position, nameId, mayContain, amountPpm, amountSource,
                                           amountApproximate, amountText)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """
        let code = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: Self.message(connection), sql: sql)
        }
        statement = prepared
    }

    deinit { sqlite3_finalize(statement) }

    func insert(
        productId: Int64, line: Int, position: Int?, nameId: Int64, mayContain: Bool, amountPpm: Double?,
        amountSource: String?, amountApproximate: Bool, amountText: String?
    ) throws {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        sqlite3_bind_int64(statement, 1, productId)
        sqlite3_bind_int64(statement, 2, Int64(line))
        if let position { sqlite3_bind_int64(statement, 3, Int64(position)) }
        sqlite3_bind_int64(statement, 4, nameId)
        sqlite3_bind_int64(statement, 5, mayContain ? 1 : 0)
        if let amountPpm { sqlite3_bind_double(statement, 6, amountPpm) }
        sqlite3_bind_int64(statement, 8, amountApproximate ? 1 : 0)
        // SQLite copies the text (SQLITE_TRANSIENT) before the C string goes away.
        let code = try bindText(amountSource, at: 7) {
            try bindText(amountText, at: 9) { sqlite3_step(statement) }
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
