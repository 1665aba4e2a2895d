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
        for (index, file) in files.enumerated() {
            #expect(file.hasPrefix(String(format: "%04d_", index + 1)), "\(file) is out of sequence")
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
        _ = try Catalog(path: path).importCatalog(from: Paths.fixture("catalog.csv"))
        let reopened = try Catalog(path: path)
        #expect(try reopened.productCount() == 50)
    }

    @Test("0005 rebuilds three tables in a catalog with data: rows, ids and foreign keys survive")
    func upgradeKeepsData() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("c.sqlite").path
        do {
            let old = try DatabaseQueue(path: path, configuration: Catalog.configuration())
            try Catalog.migrator.migrate(old, upTo: "0004_add_verdicts")
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
                    db, sql: "SELECT stat FROM sqlite_stat1 WHERE idx = 'productIngredient_ingredientId'") == "2 1 1")
            #expect(
                try String.fetchAll(
                    db, sql: "SELECT i.inciName FROM productIngredient p JOIN ingredient i ON i.id = p.ingredientId")
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
}
