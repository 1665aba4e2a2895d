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

    /// Tables a migration copies row for row into a rebuilt table: same ids, same references, written while
    /// foreign keys were enforced. Checking them again would read every row (21 M ingredient lines in a catalog of
    /// a million products: half an hour of random reads) to learn nothing.
    static let copiedVerbatim: [String: Set<String>] = ["0005_add_ingredient_groups": ["productIngredient"]]

    /// Each migration runs with foreign keys off (so it can rebuild a table), then checks the foreign keys of
    /// every table but the ones it copied verbatim, before it commits.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator().disablingDeferredForeignKeyChecks()
        for migration in MigrationFiles.all {
            migrator.registerMigration(migration.identifier) { db in
                let statistics = try plannerStatistics(db)
                try db.execute(sql: migration.sql)
                try restore(statistics, db)
                let skipped = copiedVerbatim[migration.identifier] ?? []
                let tables = try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                for table in tables where !skipped.contains(table) {
                    try db.checkForeignKeys(in: table)
                }
            }
        }
        return migrator
    }()

    /// The query planner's statistics (`sqlite_stat1`, written by the `ANALYZE` after each import), empty when
    /// there are none yet.
    private static func plannerStatistics(_ db: Database) throws -> [Row] {
        guard try db.tableExists("sqlite_stat1") else { return [] }
        return try Row.fetchAll(db, sql: "SELECT tbl, idx, stat FROM sqlite_stat1")
    }

    /// Puts back the statistics of the tables and indexes a migration rebuilt. Dropping a table drops its
    /// statistics, and without them the planner reads `productIngredient` the slow way until the next import
    /// analyses it again (the example query took minutes instead of 1.6 s on a million products). A verbatim copy
    /// has the same distribution, so the old figures hold.
    private static func restore(_ statistics: [Row], _ db: Database) throws {
        guard !statistics.isEmpty else { return }
        let objects = try Set(
            String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')"))
        var restored = false
        for row in statistics {
            let table: String = row["tbl"]
            let index: String? = row["idx"]
            guard objects.contains(table), index.map(objects.contains) ?? true else { continue }
            try db.execute(
                sql: """
                    INSERT INTO sqlite_stat1 (tbl, idx, stat) SELECT ?, ?, ?
                    WHERE NOT EXISTS (SELECT 1 FROM sqlite_stat1 WHERE tbl = ? AND idx IS ?)
                    """, arguments: [table, index, row["stat"], table, index])
            restored = restored || db.changesCount > 0
        }
        // The planner reads sqlite_stat1 when it loads the schema; this makes it load the restored figures.
        if restored { try db.execute(sql: "ANALYZE sqlite_master") }
    }

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
