// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "skincat",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "SkinCatalog", targets: ["SkinCatalog"]),
        // The pure domain alone (parsing, units, the query language), without GRDB: what `Fuzz/` builds against.
        .library(name: "SkinDomain", targets: ["SkinDomain"]),
        .executable(name: "skincat", targets: ["skincat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // `swift package generate-documentation --target SkinCatalog` (the DocC catalog in Sources/SkinCatalog).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
    ],
    targets: [
        // Pure domain: value types, units and amounts, CSV reading, INCI parsing. No GRDB, no file system.
        .target(
            name: "SkinDomain",
            resources: [
                .embedInCode("Resources/ReferenceData.json"),
                .embedInCode("Resources/DefaultRubric.json"),
                .embedInCode("Resources/Studies.csv"),
                .embedInCode("Resources/OtherNames.csv"),
            ]
        ),
        // The numbered SQL migrations, embedded in the binary so an installed `skincat` needs no bundle.
        // Every file listed here must also be registered in `Migrations/Migrations.swift` (a test checks both).
        .target(
            name: "SkinCatalogMigrations",
            path: "Migrations",
            sources: ["Migrations.swift"],
            resources: [
                .embedInCode("0001_create_catalog.sql"),
                .embedInCode("0002_index_query_fields.sql"),
                .embedInCode("0003_real_world_imports.sql"),
                .embedInCode("0004_add_verdicts.sql"),
                .embedInCode("0005_add_ingredient_groups.sql"),
                .embedInCode("0006_repair_edited_0005.sql"),
                .embedInCode("0007_distinct_ingredient_names.sql"),
                .embedInCode("0007a_repair_edited_0007.sql"),
                .embedInCode("0008_checks_without_value_lists.sql"),
                .embedInCode("0009_add_concentration_evidence.sql"),
                .embedInCode("0010_index_lines_with_amounts.sql"),
                .embedInCode("0011_add_sources_and_offers.sql"),
                .embedInCode("0012_add_eu_substance_lists.sql"),
                .embedInCode("0013_studies_as_data.sql"),
                .embedInCode("0014_add_search_index.sql"),
            ]
        ),
        // The import profiles for real retailer exports (`skincat import --profile NAME`), embedded likewise.
        .target(
            name: "SkinCatalogProfiles",
            path: "Profiles",
            sources: ["Profiles.swift"],
            resources: [
                .embedInCode("lookfantastic.json"),
                .embedInCode("lookfantastic-clean.json"),
                .embedInCode("sephora-cosmetics.json"),
                .embedInCode("sephora-daisy.json"),
                .embedInCode("sephora-daisy-final.json"),
            ]
        ),
        // The store: GRDB records, migrations, import pipeline. The library product users depend on.
        .target(
            name: "SkinCatalog",
            dependencies: [
                "SkinDomain",
                "SkinCatalogMigrations",
                "SkinCatalogProfiles",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API itself, for the one statement run once per ingredient line (LineInserter.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The command-line tool: argument parsing and output rendering only.
        .executableTarget(
            name: "skincat",
            dependencies: [
                "SkinCatalog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The README's library example, as a program the end-to-end tests build and run.
        .executableTarget(
            name: "skincat-library-example", dependencies: ["SkinCatalog"], path: "Examples/LibraryExample"),
        // Paths to the fixtures and the real data beside the checkout, shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SkinDomainTests", dependencies: ["SkinDomain", "TestSupport"]),
        .testTarget(name: "SkinCatalogTests", dependencies: ["SkinCatalog", "TestSupport"]),
        // End-to-end tests run the built `skincat` binary; depending on it makes `swift test` build it.
        .testTarget(
            name: "skincatTests", dependencies: ["skincat", "skincat-library-example", "SkinCatalog", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
