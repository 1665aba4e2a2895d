import GRDB
import Testing

@testable import SkinCatalog

@Suite("Datasette metadata describes the whole catalog")
struct DatasetteMetadataTests {
    /// Every table and view of a new catalog with its columns, FTS5's shadow tables left out (Datasette hides them).
    static func schema() throws -> [String: [String]] {
        try Catalog.inMemory().read { db in
            let names = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM pragma_table_list
                    WHERE schema = 'main' AND type IN ('table', 'view', 'virtual') AND name NOT LIKE 'sqlite%'
                    """)
            return try Dictionary(
                uniqueKeysWithValues: names.map { name in
                    (name, try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name]))
                })
        }
    }

    @Test("every table, view and column of a new catalog is described, and nothing else")
    func everythingDescribed() throws {
        let schema = try Self.schema()
        let described = Dictionary(
            uniqueKeysWithValues: DatasetteMetadata.tables.map { ($0.name, $0.columns.map(\.name)) })
        #expect(Set(described.keys) == Set(schema.keys))
        for (table, columns) in schema {
            #expect(described[table] == columns, "\(table): columns described differ from the schema's, in order")
        }
        for table in DatasetteMetadata.tables {
            #expect(!table.description.isEmpty)
            #expect(table.columns.allSatisfy { !$0.description.isEmpty }, "\(table.name)")
            #expect(Set(table.facets).isSubset(of: Set(table.columns.map(\.name))), "\(table.name)")
        }
    }

    @Test("the JSON names the database and configures search on the product tables")
    func json() throws {
        let text = DatasetteMetadata.json(databaseName: "shop").rendered(pretty: false)
        #expect(text.contains(#""databases":{"shop":{"tables":{"product":{"description":"#))
        #expect(text.contains(#""fts_table":"productSearch","fts_pk":"id""#))
    }
}
