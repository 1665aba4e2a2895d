import Foundation
import GRDB
import SkinCatalogMigrations

/// A skincare catalog in one SQLite file: the façade every command goes through.
///
/// Opening a catalog creates it when needed, applies the embedded migrations in order, records the schema
/// version in `PRAGMA user_version`, and loads the bundled reference data (ingredient dictionary and
/// studies) when the catalog's copy is older. A catalog made by a newer skincat is refused.
///
/// ```swift
/// let catalog = try Catalog(path: "skincat.sqlite")
/// let report = try catalog.importCatalog(from: URL(filePath: "Fixtures/catalog.csv"))
/// let serum = try catalog.product(sku: "PFA-NMN-01")
/// ```
public final class Catalog: Sendable {
    let writer: any DatabaseWriter
    /// Where the catalog lives, or `:memory:`.
    public let path: String

    /// Opens (or creates) the catalog at `path`, in WAL mode with foreign keys on and a busy timeout.
    ///
    /// - Throws: ``CatalogError/newerCatalog(path:unknownMigrations:)`` for a catalog made by a newer skincat,
    ///   ``CatalogError/cannotOpen(path:reason:)`` when the file is not a SQLite database or cannot be created.
    public convenience init(path: String) throws(CatalogError) {
        let writer: DatabasePool
        do {
            writer = try DatabasePool(path: path, configuration: Self.configuration())
        } catch {
            throw .cannotOpen(path: path, reason: CatalogError.wrap(error).localizedDescription)
        }
        try self.init(writer: writer, path: path)
    }

    /// A catalog in memory, migrated and loaded with reference data like a file would be. For tests and
    /// one-off work.
    public static func inMemory() throws(CatalogError) -> Catalog {
        do {
            return try Catalog(writer: DatabaseQueue(configuration: configuration()), path: ":memory:")
        } catch {
            throw CatalogError.wrap(error)
        }
    }

    private init(writer: any DatabaseWriter, path: String) throws(CatalogError) {
        self.writer = writer
        self.path = path
        let migrator = Self.migrator
        do {
            let (superseded, applied) = try writer.read { db in
                (try migrator.hasBeenSuperseded(db), try migrator.appliedIdentifiers(db))
            }
            if superseded {
                let known = Set(MigrationFiles.all.map(\.identifier))
                throw CatalogError.newerCatalog(
                    path: path, unknownMigrations: applied.filter { !known.contains($0) }.sorted())
            }
            if applied.count < MigrationFiles.all.count {
                try migrator.migrate(writer)
            }
            // Most commands only read: open a write transaction only when there is something to write.
            let upToDate = try writer.read { db in
                try Int.fetchOne(db, sql: "PRAGMA user_version") == MigrationFiles.all.count
                    && Self.referenceDataIsCurrent(db)
            }
            if !upToDate {
                try writer.write { db in
                    try db.execute(sql: "PRAGMA user_version = \(MigrationFiles.all.count)")
                    try Self.loadReferenceDataIfNeeded(db)
                }
            }
        } catch {
            throw CatalogError.wrap(error)
        }
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "skincat"
        return configuration
    }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        for migration in MigrationFiles.all {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }()

    /// The identifiers of the migrations applied to this catalog, oldest first.
    public func appliedMigrations() throws(CatalogError) -> [String] {
        try read { db in try Self.migrator.appliedIdentifiers(db).sorted() }
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
            throw CatalogError.wrap(error)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw CatalogError.wrap(error)
        }
    }
}
