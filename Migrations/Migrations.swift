/// The catalog's SQL migrations, embedded in the binary at build time (SwiftPM `.embedInCode`).
///
/// To add a migration: write `Migrations/NNNN_verb_noun.sql`, list it in `Package.swift` under
/// `SkinCatalogMigrations`, and add it here in order. A shipped migration is never edited; a fix is a new file.
/// `MigrationFilesTests` fails when this list, `Package.swift` and the folder disagree.
public enum MigrationFiles {
    /// Every migration, oldest first: its identifier (the file name without `.sql`) and its SQL.
    public static let all: [(identifier: String, sql: String)] = [
        ("0001_create_catalog", PackageResources._001_create_catalog_sql),
        ("0002_index_query_fields", PackageResources._002_index_query_fields_sql),
        ("0003_real_world_imports", PackageResources._003_real_world_imports_sql),
        ("0004_add_verdicts", PackageResources._004_add_verdicts_sql),
        ("0005_add_ingredient_groups", PackageResources._005_add_ingredient_groups_sql),
    ].map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }
}
