/// The catalog's SQL migrations, embedded in the binary at build time (SwiftPM `.embedInCode`).
///
/// To add a migration: write `Migrations/NNNN_verb_noun.sql`, list it in `Package.swift` under
/// `SkinCatalogMigrations`, and add it here in order. A migration that has landed on main is never edited: a fix is
/// a new file. The catalog records a checksum of every migration it applied and refuses one whose shipped file
/// differs, and `MigrationChecksumTests` holds the checksum of every landed file, so an edit fails the tests.
/// `MigrationFilesTests` fails when this list, `Package.swift` and the folder disagree.
public enum MigrationFiles {
    /// One migration: its identifier (the file name without `.sql`), its SQL, and, for a repair that only some
    /// catalogs need, a query that returns 1 when this catalog needs it. A migration whose condition returns 0 is
    /// recorded as applied without running.
    public struct Migration: Sendable {
        public let identifier: String
        public let sql: String
        public let condition: String?
    }

    /// Every migration, oldest first.
    public static let all: [Migration] = [
        ("0001_create_catalog", PackageResources._001_create_catalog_sql, nil),
        ("0002_index_query_fields", PackageResources._002_index_query_fields_sql, nil),
        ("0003_real_world_imports", PackageResources._003_real_world_imports_sql, nil),
        ("0004_add_verdicts", PackageResources._004_add_verdicts_sql, nil),
        ("0005_add_ingredient_groups", PackageResources._005_add_ingredient_groups_sql, nil),
        (
            "0006_repair_edited_0005", PackageResources._006_repair_edited_0005_sql,
            "SELECT NOT EXISTS (SELECT 1 FROM pragma_table_info('importRun') WHERE name = 'renamedTokens')"
        ),
        ("0007_distinct_ingredient_names", PackageResources._007_distinct_ingredient_names_sql, nil),
        (
            "0007a_repair_edited_0007", PackageResources._007a_repair_edited_0007_sql,
            "SELECT NOT EXISTS (SELECT 1 FROM pragma_table_info('ingredientName') WHERE name = 'splitChecked')"
        ),
        ("0008_checks_without_value_lists", PackageResources._008_checks_without_value_lists_sql, nil),
        ("0009_add_concentration_evidence", PackageResources._009_add_concentration_evidence_sql, nil),
        ("0010_index_lines_with_amounts", PackageResources._010_index_lines_with_amounts_sql, nil),
        ("0011_add_sources_and_offers", PackageResources._011_add_sources_and_offers_sql, nil),
        ("0012_add_eu_substance_lists", PackageResources._012_add_eu_substance_lists_sql, nil),
        ("0013_studies_as_data", PackageResources._013_studies_as_data_sql, nil),
        ("0014_add_search_index", PackageResources._014_add_search_index_sql, nil),
    ].map { Migration(identifier: $0.0, sql: String(decoding: $0.1, as: UTF8.self), condition: $0.2) }
}
