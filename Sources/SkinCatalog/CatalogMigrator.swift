import GRDB
import SkinCatalogMigrations
import SkinDomain

/// Applies the embedded migrations to a catalog, once, whatever the number of processes opening it at the same time.
///
/// Applied migrations are recorded in `grdb_migrations` (the table GRDB's `DatabaseMigrator` used for the catalogs
/// made before this type existed, so those open unchanged), and each one's checksum in `migrationChecksum`, as
/// Flyway and Rails record theirs. All pending migrations run in one `BEGIN IMMEDIATE` transaction that first
/// reads again what is applied: a second process that opened the same new catalog waits for the lock, then finds
/// nothing left to do. Each migration runs with foreign keys off (so it can rebuild a table) and the foreign keys
/// of every table it did not copy verbatim are checked before the commit.
struct CatalogMigrator {
    /// A shipped migration with its checksum.
    struct Migration {
        let identifier: String
        let sql: String
        /// A query returning 1 when the catalog needs this migration; nil for "always".
        let condition: String?
        /// FNV-1a over the file's bytes (``Fingerprint``): a change detector, as Flyway's CRC32 is.
        let checksum: String
        /// Tables the migration copies row for row into a rebuilt table: same ids, same references, written while
        /// foreign keys were enforced. Checking them again would read every row (21 M ingredient lines in a catalog
        /// of a million products: half an hour of random reads) to learn nothing.
        let copiedVerbatim: Set<String>
    }

    static let verbatimCopies: [String: Set<String>] = [
        "0005_add_ingredient_groups": ["productIngredient"],
        "0006_repair_edited_0005": ["productIngredient"],
        // Every line is copied with the id of its own printed name, made from the same rows in this migration.
        "0007_distinct_ingredient_names": ["productIngredient", "ingredientName"],
    ]

    /// Checksums of earlier versions of a shipped migration that a landed skincat applied, taken as that migration:
    /// 0007 landed in two versions: first without `ingredientName.splitChecked`, then edited with it. The shipped
    /// file is the edited one (the version the last landing holds); a catalog that applied the first one recorded
    /// its checksum, accepted here, and gets the column from 0007a, which runs only where it is missing (0007a's
    /// header was written when the shipped file was the first version; what it does is the same either way).
    static let earlierChecksums: [String: Set<String>] = [
        "0007_distinct_ingredient_names": ["13fc3c55946fc821"]
    ]

    static let shipped: [Migration] = MigrationFiles.all.map {
        Migration(
            identifier: $0.identifier, sql: $0.sql, condition: $0.condition, checksum: checksum(of: $0.sql),
            copiedVerbatim: verbatimCopies[$0.identifier] ?? [])
    }

    static func checksum(of sql: String) -> String { Fingerprint([sql]).description }

    /// What a catalog holds relative to the shipped migrations.
    struct Status {
        /// Applied identifiers this build does not ship: the catalog was made by a newer skincat.
        var unknown: [String]
        /// Applied migrations whose recorded checksum differs from the shipped file.
        var changed: [String]
        /// Shipped migrations not applied yet, or applied before checksums were recorded.
        var pending: Bool
    }

    static func status(_ db: Database) throws -> Status {
        guard try db.tableExists("grdb_migrations") else {
            return Status(unknown: [], changed: [], pending: true)
        }
        let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        let known = Set(shipped.map(\.identifier))
        let recorded: [String: String] =
            try db.tableExists("migrationChecksum")
            ? Dictionary(
                try MigrationChecksumRecord.fetchAll(db).map { ($0.identifier, $0.checksum) },
                uniquingKeysWith: { first, _ in first })
            : [:]
        let changed = shipped.filter { migration in
            recorded[migration.identifier].map {
                $0 != migration.checksum && !(earlierChecksums[migration.identifier]?.contains($0) ?? false)
            } ?? false
        }.map(\.identifier)
        let pending = shipped.contains { !applied.contains($0.identifier) || recorded[$0.identifier] == nil }
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version")
        return Status(
            unknown: applied.subtracting(known).sorted(), changed: changed,
            pending: pending || userVersion != shipped.count)
    }

    /// Applies what is pending, in one immediate transaction with foreign keys off, then runs `after` (the
    /// reference data load, which relies on cascades) in a second immediate transaction with foreign keys on.
    /// Both read again under the lock what another process may have done while this one waited.
    static func migrate(_ db: Database, after: (Database) throws -> Void) throws {
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        do {
            try db.inTransaction(.immediate) {
                try applyPending(db)
                return .commit
            }
        } catch {
            try? db.execute(sql: "PRAGMA foreign_keys = ON")
            throw error
        }
        try db.execute(sql: "PRAGMA foreign_keys = ON")
        try db.inTransaction(.immediate) {
            try after(db)
            return .commit
        }
    }

    private static func applyPending(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS migrationChecksum (
                    identifier TEXT NOT NULL PRIMARY KEY,
                    checksum   TEXT NOT NULL,
                    -- applied: this SQL ran on the catalog (or its condition said there was nothing to do);
                    -- baseline: applied before checksums were recorded, and taken to be the shipped file.
                    origin     TEXT NOT NULL CHECK (origin IN ('applied', 'baseline'))
                ) STRICT, WITHOUT ROWID
                """)
        let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        let recorded = try Set(
            String.fetchAll(db, MigrationChecksumRecord.select(MigrationChecksumRecord.Columns.identifier)))
        for migration in shipped where !applied.contains(migration.identifier) {
            try run(migration, db)
        }
        for migration in shipped where !recorded.contains(migration.identifier) {
            try MigrationChecksumRecord(
                identifier: migration.identifier, checksum: migration.checksum,
                origin: applied.contains(migration.identifier) ? .baseline : .applied
            ).insert(db)
        }
        try db.execute(sql: "PRAGMA user_version = \(shipped.count)")
    }

    private static func run(_ migration: Migration, _ db: Database) throws {
        let needed = try migration.condition.map { try Bool.fetchOne(db, sql: $0) ?? false } ?? true
        if needed {
            let statistics = try plannerStatistics(db)
            try db.execute(sql: migration.sql)
            try restore(statistics, db)
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            for table in tables where !migration.copiedVerbatim.contains(table) {
                try db.checkForeignKeys(in: table)
            }
        }
        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
    }

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
}
