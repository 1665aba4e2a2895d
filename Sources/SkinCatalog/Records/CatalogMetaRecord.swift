import GRDB

/// A row of `catalogMeta`: one named value about the catalog as a whole (the reference data's version, the
/// dictionary's revision).
struct CatalogMetaRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "catalogMeta"

    var key: String
    var value: String

    enum Columns {
        static let key = Column(CodingKeys.key)
        static let value = Column(CodingKeys.value)
    }

    /// The value stored under `key`, nil when there is none.
    static func value(for key: String, _ db: Database) throws -> String? {
        try fetchOne(db, key: key)?.value
    }
}

/// A row of `migrationChecksum`: the checksum of a migration as this catalog applied it.
struct MigrationChecksumRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "migrationChecksum"

    enum Origin: String, Codable, Sendable {
        /// This SQL ran on the catalog (or its condition said there was nothing to do).
        case applied
        /// Applied before checksums were recorded, and taken to be the shipped file.
        case baseline
    }

    var identifier: String
    var checksum: String
    var origin: Origin

    enum Columns {
        static let identifier = Column(CodingKeys.identifier)
        static let checksum = Column(CodingKeys.checksum)
        static let origin = Column(CodingKeys.origin)
    }
}
