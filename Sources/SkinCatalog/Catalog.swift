import Foundation
import GRDB
import SkinCatalogMigrations

/// A skincare catalog in one SQLite file: the façade every command goes through.
///
/// Opening a catalog for writing creates it when needed, applies the embedded migrations in order (once, under an
/// exclusive lock, however many processes open it at the same time), records the schema version in
/// `PRAGMA user_version`, and loads the bundled reference data (ingredient dictionary and studies) when the
/// catalog's copy is older. Opening it for reading never creates or changes it (see ``Access/readOnly``). A catalog
/// made by a newer skincat, or one whose applied migrations differ from the shipped ones, is refused.
///
/// ```swift
/// let catalog = try Catalog(path: "skincat.sqlite")
/// let report = try catalog.importCatalog(from: "Fixtures/catalog.csv")
/// let serum = try catalog.product(sku: "00101")
/// ```
public final class Catalog: Sendable {
    let writer: any DatabaseWriter
    /// Where the catalog lives, or `:memory:`.
    public let path: String
    /// True when this open created the catalog file (it did not exist before).
    public let wasCreated: Bool
    /// How long a write waits for another writer, in seconds.
    let lockTimeout: Double

    /// How a catalog is opened.
    public enum Access: Sendable {
        /// Create the catalog when it is missing, upgrade it, write to it.
        case readWrite
        /// Open an existing catalog for reading: a missing file is an error (``CatalogError/notFound(path:)``),
        /// nothing is written, and a read-only file or folder is fine. A catalog made by an older skincat is
        /// upgraded first when its file can be written (the one write a reading open makes, so the new code can
        /// read it); when it cannot, the open fails with ``CatalogError/needsUpgrade(path:)``.
        case readOnly
    }

    /// How long a write waits for another process's write to finish, and what to do while it waits.
    public struct LockWait: Sendable {
        /// Seconds to wait for the lock before giving up with ``CatalogError/busy(path:waited:)``.
        public var timeout: Double
        /// Called once when a write has waited about a second for another process, so a command can say why it
        /// seems stuck.
        public var onWait: (@Sendable () -> Void)?

        /// A wait of `timeout` seconds (60 by default), calling `onWait` once when a write has waited a second.
        public init(timeout: Double = 60, onWait: (@Sendable () -> Void)? = nil) {
            self.timeout = timeout
            self.onWait = onWait
        }
    }

    /// Opens the catalog at `path`, in WAL mode with foreign keys on.
    ///
    /// - Parameters:
    ///   - path: The catalog file.
    ///   - access: ``Access/readWrite`` (the default) creates and upgrades it; ``Access/readOnly`` only reads.
    ///   - lockWait: How long a write waits for another writer (60 s by default).
    /// - Throws: ``CatalogError/notFound(path:)`` for a missing file opened read-only,
    ///   ``CatalogError/newerCatalog(path:unknownMigrations:)`` for a catalog made by a newer skincat,
    ///   ``CatalogError/migrationChanged(path:identifiers:)`` when an applied migration differs from the shipped one,
    ///   ``CatalogError/needsUpgrade(path:)`` for an old catalog that cannot be written,
    ///   ``CatalogError/busy(path:waited:)`` when another process holds the write lock too long, and
    ///   ``CatalogError/cannotOpen(path:reason:)`` when the file is not a SQLite database or cannot be created.
    public convenience init(
        path: String, access: Access = .readWrite, lockWait: LockWait = LockWait()
    ) throws(CatalogError) {
        guard !path.isEmpty else { throw .cannotOpen(path: path, reason: "the path is empty") }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw .cannotOpen(path: path, reason: "it is a folder, not a file") }
        if !exists && access == .readOnly { throw .notFound(path: path) }
        let configuration = Self.configuration(lockWait: lockWait, readonly: access == .readOnly)
        var writer = try Self.pool(path: path, configuration: configuration, lockWait: lockWait)
        if access == .readOnly {
            let status = try Self.checkedStatus(writer, path: path, waited: lockWait.timeout)
            if status.needsUpgrade {
                guard FileManager.default.isWritableFile(atPath: path) else { throw .needsUpgrade(path: path) }
                try Self.upgrade(
                    Self.pool(
                        path: path, configuration: Self.configuration(lockWait: lockWait, readonly: false),
                        lockWait: lockWait), path: path, waited: lockWait.timeout)
                writer = try Self.pool(path: path, configuration: configuration, lockWait: lockWait)
            }
        } else {
            try Self.upgrade(writer, path: path, waited: lockWait.timeout)
        }
        self.init(writer: writer, path: path, wasCreated: !exists, lockTimeout: lockWait.timeout)
    }

    /// A catalog in memory, migrated and loaded with reference data like a file would be. For tests and
    /// one-off work.
    public static func inMemory() throws(CatalogError) -> Catalog {
        let writer: DatabaseQueue
        do {
            writer = try DatabaseQueue(configuration: configuration(lockWait: LockWait(), readonly: false))
        } catch {
            throw CatalogError.wrap(error)
        }
        try upgrade(writer, path: ":memory:", waited: LockWait().timeout)
        return Catalog(writer: writer, path: ":memory:", wasCreated: true, lockTimeout: LockWait().timeout)
    }

    private init(writer: any DatabaseWriter, path: String, wasCreated: Bool, lockTimeout: Double) {
        self.writer = writer
        self.path = path
        self.wasCreated = wasCreated
        self.lockTimeout = lockTimeout
    }

    /// `error` as a ``CatalogError`` that names this catalog (a held lock, a read-only file).
    func failure(_ error: any Error) -> CatalogError {
        CatalogError.wrap(error, path: path, waited: lockTimeout)
    }

    /// Removes the catalog's file when this open created it and nothing has been written to it since (no import
    /// run, no product, no verdict), so a failed first import leaves nothing behind to be mistaken for a catalog.
    /// The check and the removal happen under the write lock; an import that was waiting for that lock finds the
    /// file gone and fails instead of writing to a removed file. Closes the catalog when it removes it.
    ///
    /// - Returns: Whether the file was removed.
    @discardableResult
    public func removeIfUnused() throws(CatalogError) -> Bool {
        guard wasCreated, path != ":memory:" else { return false }
        var removed = false
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let used =
                        try Bool.fetchOne(
                            db,
                            sql: """
                                SELECT EXISTS (SELECT 1 FROM importRun) OR EXISTS (SELECT 1 FROM product)
                                    OR EXISTS (SELECT 1 FROM verdict)
                                """) ?? true
                    if !used {
                        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
                        removed = true
                    }
                    return .rollback
                }
            }
        } catch {
            throw failure(error)
        }
        if removed { try? close() }
        return removed
    }

    /// Throws when the catalog's file was removed after it was opened (by ``removeIfUnused()`` in another process).
    func checkStillPresent() throws(CatalogError) {
        guard path != ":memory:", !FileManager.default.fileExists(atPath: path) else { return }
        throw .cannotOpen(path: path, reason: "the file was removed while this command waited for it")
    }

    /// Closes the catalog's connections. Later calls fail; the file can then be moved or removed.
    public func close() throws(CatalogError) {
        do {
            if let pool = writer as? DatabasePool { try pool.close() }
            if let queue = writer as? DatabaseQueue { try queue.close() }
        } catch {
            throw failure(error)
        }
    }

    private static func pool(
        path: String, configuration: Configuration, lockWait: LockWait
    ) throws(CatalogError) -> DatabasePool {
        do {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where configuration.readonly && isSealed(path) {
                // SQLite cannot read a WAL catalog in a folder it cannot write (it cannot make the `-shm` index)
                // unless told that nothing writes it; with no `-wal` file beside it, nothing is writing it now.
                guard error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN else { throw error }
                return try DatabasePool(path: immutableURI(path), configuration: configuration)
            }
        } catch {
            if let busy = CatalogError.busy(error, path: path, waited: lockWait.timeout) { throw busy }
            throw .cannotOpen(path: path, reason: CatalogError.wrap(error).localizedDescription)
        }
    }

    /// A catalog in a folder this process cannot write, with no write-ahead log beside it.
    private static func isSealed(_ path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return !FileManager.default.isWritableFile(atPath: folder)
            && !FileManager.default.fileExists(atPath: path + "-wal")
    }

    /// `path` as a SQLite URI that opens it read-only and immutable.
    private static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    private struct OpenStatus {
        var needsUpgrade: Bool
    }

    /// Refuses a catalog made by a newer skincat or migrated by other SQL than the shipped files; says whether the
    /// schema or the reference data is behind.
    private static func checkedStatus(
        _ writer: any DatabaseWriter, path: String, waited: Double
    ) throws(CatalogError) -> OpenStatus {
        do {
            return try writer.read { db in
                let status = try CatalogMigrator.status(db)
                if !status.unknown.isEmpty {
                    throw CatalogError.newerCatalog(path: path, unknownMigrations: status.unknown)
                }
                if !status.changed.isEmpty {
                    throw CatalogError.migrationChanged(path: path, identifiers: status.changed)
                }
                let needsUpgrade = try status.pending || !referenceDataIsCurrent(db)
                return OpenStatus(needsUpgrade: needsUpgrade)
            }
        } catch {
            throw CatalogError.wrap(error, path: path, waited: waited)
        }
    }

    /// Migrates and loads reference data when either is behind. Most opens find nothing to do and write nothing.
    private static func upgrade(_ writer: any DatabaseWriter, path: String, waited: Double) throws(CatalogError) {
        guard try checkedStatus(writer, path: path, waited: waited).needsUpgrade else { return }
        do {
            try writer.writeWithoutTransaction { db in
                try CatalogMigrator.migrate(db) { db in try loadReferenceDataIfNeeded(db) }
            }
        } catch {
            throw CatalogError.wrap(error, path: path, waited: waited)
        }
        // Another process may have upgraded with other files in the meantime: check what is there now.
        _ = try checkedStatus(writer, path: path, waited: waited)
    }

    static func configuration(lockWait: LockWait, readonly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.readonly = readonly
        configuration.label = "skincat"
        // SQLite calls this while another connection holds the lock: wait in steps of 10 ms, say so once after
        // about a second, give up after the timeout (SQLITE_BUSY, reported as CatalogError.busy).
        let step: UInt32 = 10_000
        let maximumTries = Int32(min(lockWait.timeout * 100, Double(Int32.max - 1)))
        let onWait = lockWait.onWait
        configuration.busyMode = .callback { tries in
            if tries == 100 { onWait?() }
            guard tries < maximumTries else { return false }
            usleep(step)
            return true
        }
        return configuration
    }

    /// Kept for the tests that build old catalogs by hand: the default configuration of a writing open.
    static func configuration() -> Configuration {
        configuration(lockWait: LockWait(), readonly: false)
    }

    /// The identifiers of the migrations applied to this catalog, oldest first.
    public func appliedMigrations() throws(CatalogError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
    }

    /// The schema as SQL, in a stable order: what `Fixtures/schema.sql` holds.
    public func schemaSQL() throws(CatalogError) -> String {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT sql FROM sqlite_master
                    WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                    ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name
                    """)
            return rows.map { ($0["sql"] as String) + ";\n" }.joined()
        }
    }

    // MARK: - Access helpers mapping every error to CatalogError

    func read<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw failure(error)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try writer.write { db in
                let result = try body(db)
                // Whatever the write changed, the search index follows before it commits (SearchIndex).
                try SearchIndex.refresh(db)
                return result
            }
        } catch {
            throw failure(error)
        }
    }
}
