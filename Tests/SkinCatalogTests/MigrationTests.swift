import Foundation
import GRDB
import SkinCatalogMigrations
import TestSupport
import Testing

@testable import SkinCatalog

@Suite("Migrations and schema")
struct MigrationTests {
    @Test("every .sql file in Migrations/ is registered, in order, and listed in Package.swift")
    func registryMatchesFolder() throws {
        let folder = Paths.packageRoot.appendingPathComponent("Migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(MigrationFiles.all.map { $0.identifier + ".sql" } == files)
        let manifest = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        for file in files {
            #expect(manifest.contains(".embedInCode(\"\(file)\")"), "Package.swift does not embed \(file)")
        }
        // Numbered files run 0001, 0002, ... with no gap. A lettered one (0007a) repairs a landed migration that
        // was edited, and must run right after it, before the next number.
        var number = 0
        for file in files {
            if file.hasPrefix(String(format: "%04d_", number + 1)) {
                number += 1
            } else {
                #expect(
                    file.range(of: String(format: "^%04d[a-z]_", number), options: .regularExpression) != nil,
                    "\(file) is out of sequence")
            }
        }
        for migration in MigrationFiles.all {
            let onDisk = try String(
                contentsOf: folder.appendingPathComponent(migration.identifier + ".sql"),
                encoding: .utf8)
            #expect(onDisk == migration.sql, "the embedded \(migration.identifier) differs from the file")
        }
    }

    @Test("the migrated schema is the reviewed one in Fixtures/schema.sql")
    func schemaMatchesFixture() throws {
        let schema = try Catalog.inMemory().schemaSQL()
        let expectedPath = Paths.fixture("schema.sql")
        if ProcessInfo.processInfo.environment["SKINCAT_RECORD_SCHEMA"] == "1" {
            try schema.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(schema == expected, "schema changed: review it, then re-record with SKINCAT_RECORD_SCHEMA=1")
    }

    @Test("a file catalog is in WAL mode with foreign keys on and user_version set")
    func fileCatalogPragmas() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = try Catalog(path: directory.appendingPathComponent("c.sqlite").path)
        let (journal, foreignKeys, userVersion) = try catalog.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try Int.fetchOne(db, sql: "PRAGMA user_version")
            )
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        #expect(userVersion == MigrationFiles.all.count)
        #expect(try catalog.appliedMigrations() == MigrationFiles.all.map(\.identifier))
    }

    @Test("reopening a catalog keeps its data and applies nothing twice")
    func reopen() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        do {
            let first = try Catalog(path: path)
            _ = try first.importCatalog(from: Paths.fixture("catalog.csv"))
            // A sentinel the reference data load would overwrite (it upserts every reference ingredient's note).
            try first.write { db in
                try db.execute(sql: "UPDATE ingredient SET note = 'sentinel' WHERE inciName = 'NIACINAMIDE'")
            }
        }
        let before = try Self.bookkeeping(path)
        let reopened = try Catalog(path: path)
        #expect(try reopened.productCount() == 50)
        let after = try Self.bookkeeping(path)
        // Nothing ran again: the applied list, each migration's recorded checksum and origin ('applied', not
        // 'baseline'), user_version, the schema and the catalog's meta (a reference data reload bumps
        // dictionaryRevision) are as the first open left them, and the sentinel is still there.
        #expect(after == before)
        #expect(before.migrations == MigrationFiles.all.map(\.identifier))
        #expect(before.checksums.count == MigrationFiles.all.count)
        #expect(before.checksums.allSatisfy { $0.hasSuffix(" applied") })
        let note = try reopened.read { db in
            try String.fetchOne(db, sql: "SELECT note FROM ingredient WHERE inciName = 'NIACINAMIDE'")
        }
        #expect(note == "sentinel")
    }

    /// What a catalog records about its migrations and reference data, read without running any of them.
    private struct Bookkeeping: Equatable {
        var migrations: [String]
        var checksums: [String]
        var userVersion: Int?
        var meta: [String]
        var schema: [String]
    }

    private static func bookkeeping(_ path: String) throws -> Bookkeeping {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            Bookkeeping(
                migrations: try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY 1"),
                checksums: try String.fetchAll(
                    db, sql: "SELECT identifier || ' ' || checksum || ' ' || origin FROM migrationChecksum ORDER BY 1"),
                userVersion: try Int.fetchOne(db, sql: "PRAGMA user_version"),
                meta: try String.fetchAll(db, sql: "SELECT key || '=' || value FROM catalogMeta ORDER BY key"),
                schema: try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY 1"))
        }
    }

    @Test("0005 rebuilds three tables in a catalog with data: rows, ids and foreign keys survive")
    func upgradeKeepsData() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        do {
            let old = try DatabaseQueue(path: path, configuration: Catalog.configuration())
            try MigrationHelpers.migrate(old, upTo: "0004_add_verdicts")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO ingredient (id, inciName, origin) VALUES (7001, 'TESTOL', 'cosing');
                        INSERT INTO ingredientAlias (aliasKey, alias, ingredientId, kind, origin)
                            VALUES ('TESTOL', 'TESTOL', 7001, 'inci', 'cosing');
                        INSERT INTO product (id, sku, brand, name, contentHash) VALUES (1, 'S1', 'B', 'N', 'h');
                        INSERT INTO productIngredient (productId, position, printedName, nameKey, ingredientId,
                                                       matchKind)
                            VALUES (1, 1, 'Testol', 'TESTOL', 7001, 'exact'), (1, 2, 'Mystery', 'MYSTERY', NULL, NULL);
                        ANALYZE;
                        """)
            }
        }
        let catalog = try Catalog(path: path)
        #expect(try catalog.appliedMigrations() == MigrationFiles.all.map(\.identifier))
        try catalog.write { db in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // The planner keeps its statistics for the rebuilt table (dropping a table drops them).
            #expect(
                try String.fetchOne(
                    db, sql: "SELECT stat FROM sqlite_stat1 WHERE idx = 'ingredientAlias_ingredientId'") != nil)
            #expect(
                try String.fetchAll(
                    db, sql: "SELECT i.inciName FROM productIngredientLine p JOIN ingredient i ON i.id = p.ingredientId"
                )
                    == ["TESTOL"])
            #expect(
                try String.fetchOne(db, sql: "SELECT alias FROM ingredientAlias WHERE ingredientId = 7001") == "TESTOL")
            // The rebuilt tables still cascade: deleting the product deletes its lines.
            try db.execute(sql: "DELETE FROM product WHERE id = 1")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM productIngredient") == 0)
            // And the widened CHECKs accept the new values.
            try db.execute(sql: "INSERT INTO ingredient (inciName, origin) VALUES ('A GROUP', 'group')")
        }
    }

    @Test("a catalog made by a newer skincat is refused with a clear error")
    func newerCatalogRefused() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        let catalog = try Catalog(path: path)
        try catalog.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
        }
        #expect(throws: CatalogError.newerCatalog(path: path, unknownMigrations: ["9999_from_the_future"])) {
            try Catalog(path: path)
        }
    }

    @Test("a file that is not a SQLite database is refused, not overwritten")
    func notADatabase() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notes.txt").path
        try "these are my notes, not a database\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try Catalog(path: path)
        } throws: { error in
            guard case CatalogError.cannotOpen(let failedPath, _) = error else { return false }
            return failedPath == path
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "these are my notes, not a database\n")
    }

    @Test("a new catalog records the checksum of every migration it applied")
    func checksumsRecorded() throws {
        let catalog = try Catalog.inMemory()
        let recorded = try catalog.read { db in
            try Row.fetchAll(db, sql: "SELECT identifier, checksum, origin FROM migrationChecksum ORDER BY identifier")
                .map { "\($0["identifier"] as String) \($0["checksum"] as String) \($0["origin"] as String)" }
        }
        #expect(
            recorded == MigrationChecksumTests.landed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) applied" }
        )
    }

    @Test("a catalog whose applied migration differs from the shipped file is refused, and left unchanged")
    func changedMigrationRefused() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        try Catalog(path: path).write { db in
            try db.execute(
                sql: "UPDATE migrationChecksum SET checksum = '0000000000000000' WHERE identifier = ?",
                arguments: ["0003_real_world_imports"])
        }
        #expect(throws: CatalogError.migrationChanged(path: path, identifiers: ["0003_real_world_imports"])) {
            try Catalog(path: path)
        }
        #expect(throws: CatalogError.migrationChanged(path: path, identifiers: ["0003_real_world_imports"])) {
            try Catalog(path: path, access: .readOnly)
        }
    }

    @Test(
        "a catalog migrated by the first version of 0005 is repaired by 0006: its rows kept, the new column and kind usable"
    )
    func repairsFirstVersionOf0005() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        let firstVersion = try String(
            contentsOfFile: Paths.fixture("migrations/0005_add_ingredient_groups.first-version.sql"), encoding: .utf8)
        do {
            let old = try DatabaseQueue(path: path, configuration: Catalog.configuration())
            try MigrationHelpers.migrate(
                old, upTo: "0005_add_ingredient_groups", replacing: ["0005_add_ingredient_groups": firstVersion])
            try old.write { db in
                #expect(try !db.columns(in: "importRun").contains { $0.name == "renamedTokens" })
                try db.execute(
                    sql: """
                        INSERT INTO product (id, sku, brand, name, contentHash) VALUES (1, 'S1', 'B', 'N', 'h');
                        INSERT INTO productIngredient (productId, position, printedName, nameKey, matchKind)
                            VALUES (1, 1, 'Mystery', 'MYSTERY', NULL);
                        """)
            }
        }
        let catalog = try Catalog(path: path)
        #expect(try catalog.appliedMigrations() == MigrationFiles.all.map(\.identifier))
        try catalog.write { db in
            #expect(try db.columns(in: "importRun").contains { $0.name == "renamedTokens" })
            #expect(try String.fetchAll(db, sql: "SELECT printedName FROM productIngredientLine") == ["Mystery"])
            try db.execute(sql: "UPDATE ingredientName SET matchKind = 'renamed'")
            #expect(
                try String.fetchAll(db, sql: "SELECT origin FROM migrationChecksum WHERE identifier LIKE '0005%'")
                    == ["baseline"])
        }
        #expect(try catalog.schemaSQL() == Catalog.inMemory().schemaSQL())
    }

    @Test("0006 does nothing to a catalog that has the edited 0005: recorded as applied, its SQL not run")
    func repairSkippedWhenNotNeeded() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        do {
            let old = try DatabaseQueue(path: path, configuration: Catalog.configuration())
            try MigrationHelpers.migrate(old, upTo: "0005_add_ingredient_groups")
            try old.write { db in
                try db.execute(sql: "CREATE TABLE marker (x) ; INSERT INTO marker VALUES (1)")
                try db.execute(
                    sql: "INSERT INTO product (id, sku, brand, name, contentHash) VALUES (1, 'S1', 'B', 'N', 'h')")
                try db.execute(
                    sql:
                        "INSERT INTO productIngredient (productId, position, printedName, nameKey) VALUES (1, 1, 'A', 'A')"
                )
            }
        }
        // Had 0006 run here, its ALTER TABLE would have failed on the column the edited 0005 already added.
        let catalog = try Catalog(path: path)
        #expect(try catalog.appliedMigrations() == MigrationFiles.all.map(\.identifier))
        #expect(
            try catalog.read { db in try String.fetchAll(db, sql: "SELECT printedName FROM productIngredientLine") }
                == ["A"])
    }

    @Test(
        "a catalog migrated by the first 0007 opens: its checksum accepted, 0007a adds the column it lacks"
    )
    func firstVersionOf0007Accepted() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        let first = try String(
            contentsOfFile: Paths.fixture("migrations/0007_distinct_ingredient_names.first-version.sql"),
            encoding: .utf8)
        do {
            let old = try DatabaseQueue(path: path, configuration: Catalog.configuration())
            try MigrationHelpers.migrate(
                old, upTo: "0007_distinct_ingredient_names", replacing: ["0007_distinct_ingredient_names": first])
            try old.write { db in
                // What the skincat that shipped the first 0007 recorded: each applied file's checksum.
                try db.execute(
                    sql: """
                        CREATE TABLE migrationChecksum (identifier TEXT NOT NULL PRIMARY KEY, checksum TEXT NOT NULL,
                            origin TEXT NOT NULL CHECK (origin IN ('applied', 'baseline'))) STRICT, WITHOUT ROWID
                        """)
                for migration in MigrationFiles.all.prefix(while: { $0.identifier != "0007a_repair_edited_0007" }) {
                    let checksum =
                        migration.identifier == "0007_distinct_ingredient_names"
                        ? "13fc3c55946fc821" : CatalogMigrator.checksum(of: migration.sql)
                    try db.execute(
                        sql: "INSERT INTO migrationChecksum VALUES (?, ?, 'applied')",
                        arguments: [migration.identifier, checksum])
                }
                #expect(try !db.columns(in: "ingredientName").contains { $0.name == "splitChecked" })
            }
        }
        // 0007a adds the column the first 0007 did not make; 0008 and the import need it.
        let catalog = try Catalog(path: path)
        #expect(try catalog.appliedMigrations() == MigrationFiles.all.map(\.identifier))
        // The same schema as a new catalog's, but for the checksum table this test wrote by hand.
        func schema(_ catalog: Catalog) throws -> [String] {
            try catalog.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite%'
                        AND name <> 'migrationChecksum' ORDER BY name
                        """)
            }
        }
        #expect(try schema(catalog) == schema(Catalog.inMemory()))
        #expect(throws: CatalogError.migrationChanged(path: path, identifiers: ["0007_distinct_ingredient_names"])) {
            try catalog.write { db in
                // A version of 0007 between the first and the edited one, never shipped: still refused.
                try db.execute(
                    sql: "UPDATE migrationChecksum SET checksum = '09c9d06166700589' WHERE identifier = ?",
                    arguments: ["0007_distinct_ingredient_names"])
            }
            _ = try Catalog(path: path)
        }
    }

    @Test("0007 moves lines to distinct names: every line keeps its name, order, amount and resolution")
    func distinctNamesUpgrade() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        let lines = """
            SELECT p.sku, l.position, l.printedName, l.nameKey, i.inciName, l.matchKind, l.mayContain, l.amountPpm,
                   l.amountSource, l.amountText
            FROM %@ l JOIN product p ON p.id = l.productId LEFT JOIN ingredient i ON i.id = l.ingredientId
            ORDER BY p.sku, %@
            """
        let before: [[String]]
        do {
            let old = try DatabaseQueue(path: path, configuration: Catalog.configuration())
            try MigrationHelpers.migrate(old, upTo: "0006_repair_edited_0005")
            before = try old.write { db in
                let (water, nmn) = (7001, 7002)
                try db.execute(
                    sql: """
                        -- Reference data marked current, so that the open only migrates (a reference data load
                        -- resolves every name again).
                        INSERT INTO catalogMeta (key, value) VALUES ('referenceDataVersion', '999');
                        INSERT INTO ingredient (id, inciName, origin) VALUES (7001, 'WATER', 'reference'),
                                                                             (7002, 'NICOTINAMIDE MONONUCLEOTIDE', 'reference');
                        INSERT INTO product (id, sku, brand, name, contentHash) VALUES (1, 'A', 'B', 'N', 'h'), (2, 'B', 'B', 'M', 'h');
                        INSERT INTO productIngredient (id, productId, position, printedName, nameKey, ingredientId,
                                                       mayContain, amountPpm, amountSource, amountText, matchKind)
                        VALUES (10, 1, 1, 'Water', 'WATER', ?1, 0, NULL, NULL, NULL, 'exact'),
                               (11, 1, 2, 'NMN', 'NMN', ?2, 0, 4000, 'declared', '4,000 ppm', 'exact'),
                               (12, 1, NULL, 'CI 77891', 'CI 77891', NULL, 1, NULL, NULL, NULL, NULL),
                               (13, 2, 2, 'Water', 'WATER', ?1, 0, NULL, NULL, NULL, 'exact'),
                               (14, 2, 1, 'Mystery', 'MYSTERY', NULL, 0, NULL, NULL, NULL, NULL);
                        """, arguments: [water, nmn])
                return try Row.fetchAll(
                    db, sql: String(format: lines, "productIngredient", "l.id")
                ).map { row in Array(row.databaseValues.map(\.description)) }
            }
        }
        let catalog = try Catalog(path: path)
        let after = try catalog.read { db in
            try Row.fetchAll(db, sql: String(format: lines, "productIngredientLine", "l.line"))
                .map { row in Array(row.databaseValues.map(\.description)) }
        }
        #expect(after == before)
        let names = try catalog.read { db in
            try String.fetchAll(db, sql: "SELECT printedName FROM ingredientName ORDER BY printedName")
        }
        #expect(names == ["CI 77891", "Mystery", "NMN", "Water"], "each printed name once")
    }

    @Test("0011 gives each imported file a source and each product an offer of its run's source")
    func sourcesUpgrade() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        do {
            let old = try DatabaseQueue(path: path, configuration: Catalog.configuration())
            try MigrationHelpers.migrate(old, upTo: "0010_index_lines_with_amounts")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO catalogMeta (key, value) VALUES ('referenceDataVersion', '999');
                        INSERT INTO importRun (id, file, startedAt) VALUES
                            (1, '/data/shops/boots.csv', '2026-01-01T00:00:00Z'),
                            (2, 'other/boots.csv', '2026-02-01T00:00:00Z'),
                            (3, '<stdin>', '2026-03-01T00:00:00Z'),
                            (4, 'feed.v2.jsonl', '2026-04-01T00:00:00Z');
                        INSERT INTO product (id, sku, brand, name, contentHash, importRunId, price, currency) VALUES
                            (1, 'A', 'B', 'N', 'h', 1, 10, 'GBP'), (2, 'B', 'B', 'M', 'h', 2, NULL, NULL),
                            (3, 'C', 'B', 'O', 'h', 3, 5, 'USD'), (4, 'D', 'B', 'P', 'h', 4, 7, 'EUR'),
                            (5, 'E', 'B', 'Q', 'h', NULL, NULL, NULL);
                        """)
            }
        }
        let catalog = try Catalog(path: path)
        let sources = try catalog.sources()
        // The runs of one file name share a source; a product without a run gets `catalog`.
        #expect(sources.map(\.name) == ["boots", "catalog", "feed.v2", "stdin"])
        #expect(sources.map(\.listed) == [2, 1, 1, 1])
        #expect(sources.first?.imports == 2)
        let offers = try ["A", "B", "C", "D", "E"].map { try catalog.offers(of: $0).map { "\($0.source):\($0.sku)" } }
        #expect(offers == [["boots:A"], ["boots:B"], ["stdin:C"], ["feed.v2:D"], ["catalog:E"]])
        #expect(try catalog.offers(of: "A").first?.price == 10)
        #expect(try catalog.offers(of: "A").first?.isLabel == true)
        // The old products have no identity key yet: the first import of another source computes them, so its
        // listing of product A (brand B, name N) finds it.
        let file = directory.appendingPathComponent("other.csv").path
        try "sku,brand,name\nX-1,B,N\n".write(toFile: file, atomically: true, encoding: .utf8)
        var options = ImportOptions()
        options.source = "other"
        let report = try catalog.importCatalog(from: file, options: options)
        #expect(report.merged == 1)
        #expect(try catalog.offers(of: "A").map(\.source).sorted() == ["boots", "other"])
    }

    @Test("several catalogs opened at once on one new file: each open succeeds, the migrations run once")
    func concurrentCreation() async throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        let failures = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    do {
                        _ = try Catalog(path: path)
                        return nil
                    } catch {
                        return error.localizedDescription
                    }
                }
            }
            var failures: [String] = []
            for await failure in group { if let failure { failures.append(failure) } }
            return failures
        }
        #expect(failures.isEmpty)
        let catalog = try Catalog(path: path, access: .readOnly)
        #expect(try catalog.appliedMigrations() == MigrationFiles.all.map(\.identifier))
    }

    @Test("a write that waits for another writer longer than allowed fails with 'busy', naming the catalog")
    func busyWriter() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        let catalog = try Catalog(path: path, lockWait: Catalog.LockWait(timeout: 0.3))
        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            #expect(throws: CatalogError.busy(path: path, waited: 0.3)) {
                try catalog.importCatalog(from: Paths.fixture("catalog.csv"))
            }
        }
    }

    @Test("opening for reading: a missing file is an error and is not created; an existing one is not written")
    func readOnlyOpen() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("typo.sqlite").path
        #expect(throws: CatalogError.notFound(path: missing)) { try Catalog(path: missing, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let path = directory.appendingPathComponent("c.sqlite").path
        do {
            let catalog = try Catalog(path: path)
            _ = try catalog.importCatalog(from: Paths.fixture("catalog.csv"))
            try catalog.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try Catalog(path: path, access: .readOnly)
        #expect(try reader.productCount() == 50)
        #expect(throws: CatalogError.readOnly(path: path)) {
            try reader.write { db in try db.execute(sql: "DELETE FROM product") }
        }
        try reader.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}

/// The checksum of every migration that has landed on main (FNV-1a 64 over the file's bytes and a 0x1F separator,
/// computed outside Swift when the file landed). A landed migration is never edited: when this test
/// fails because a file changed, put the change in a new migration instead. A new migration adds its line here.
@Suite("Migration checksums")
struct MigrationChecksumTests {
    static let landed: [String: String] = [
        "0001_create_catalog": "29343f5de52021dd",
        "0002_index_query_fields": "9757893df4355003",
        "0003_real_world_imports": "d88aa706098edda6",
        "0004_add_verdicts": "e855061d26c95495",
        "0005_add_ingredient_groups": "e517af21ff16f801",
        "0006_repair_edited_0005": "de2d2e741edaf052",
        "0007_distinct_ingredient_names": "e3f9ca132941a805",
        "0007a_repair_edited_0007": "4309153ff241b88a",
        "0008_checks_without_value_lists": "62b426f51cd24061",
        "0009_add_concentration_evidence": "21a7f01a1c6c47f1",
        "0010_index_lines_with_amounts": "155c3381aff903ab",
        "0011_add_sources_and_offers": "41f85cc30d720a41",
        "0012_add_eu_substance_lists": "9ac5f7463aff4979",
        "0013_studies_as_data": "4f03d9f80d6435d9",
        "0014_add_search_index": "d1a5ce201ca15789",
    ]

    @Test("every shipped migration has the checksum it landed with")
    func shippedMatchLanded() {
        let shipped = Dictionary(uniqueKeysWithValues: CatalogMigrator.shipped.map { ($0.identifier, $0.checksum) })
        #expect(shipped == Self.landed)
    }
}

/// Builds catalogs the way older skincat builds did (GRDB's migrator: `grdb_migrations`, no checksums).
enum MigrationHelpers {
    static func migrate(
        _ queue: DatabaseQueue, upTo last: String, replacing replacements: [String: String] = [:]
    ) throws {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for (index, migration) in MigrationFiles.all.enumerated() {
                try db.inTransaction {
                    let needed = try migration.condition.map { try Bool.fetchOne(db, sql: $0) ?? false } ?? true
                    if needed { try db.execute(sql: replacements[migration.identifier] ?? migration.sql) }
                    try db.execute(
                        sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
                    try db.execute(sql: "PRAGMA user_version = \(index + 1)")
                    return .commit
                }
                if migration.identifier == last { break }
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }
}
