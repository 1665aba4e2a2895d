import GRDB

/// A row of `importRun`: one import of one file, with what it counted. Written when the run starts; its counts
/// are set when it finishes (``ImportReport``).
struct ImportRunRow: Codable, FetchableRecord, MutablePersistableRecord, GeneratedIdRow {
    static let databaseTableName = "importRun"

    var id: Int64?
    var file: String
    var startedAt: String
    var profile: String?
    var sourceId: Int64?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sourceId = Column(CodingKeys.sourceId)
        // The counts a finished run sets (not decoded: the record holds what a run is written with).
        static let finishedAt = Column("finishedAt")
        static let rowsRead = Column("rowsRead")
        static let inserted = Column("inserted")
        static let updated = Column("updated")
        static let unchanged = Column("unchanged")
        static let quarantined = Column("quarantined")
        static let unresolvedNames = Column("unresolvedNames")
        static let ingredientTokens = Column("ingredientTokens")
        static let resolvedTokens = Column("resolvedTokens")
        static let fuzzyTokens = Column("fuzzyTokens")
        static let shortenedTokens = Column("shortenedTokens")
        static let groupTokens = Column("groupTokens")
        static let renamedTokens = Column("renamedTokens")
        static let merged = Column("merged")
        static let forReview = Column("forReview")
        static let keptApart = Column("keptApart")
        static let notSeen = Column("notSeen")
        static let pruned = Column("pruned")
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The assignments that record a finished run's counts.
    static func finished(_ report: ImportReport, at finishedAt: String) -> [ColumnAssignment] {
        [
            Columns.finishedAt.set(to: finishedAt), Columns.rowsRead.set(to: report.rowsRead),
            Columns.inserted.set(to: report.inserted), Columns.updated.set(to: report.updated),
            Columns.unchanged.set(to: report.unchanged), Columns.quarantined.set(to: report.quarantined.count),
            Columns.unresolvedNames.set(to: report.unresolvedNames.count),
            Columns.ingredientTokens.set(to: report.ingredientTokens),
            Columns.resolvedTokens.set(to: report.resolvedTokens), Columns.fuzzyTokens.set(to: report.fuzzyTokens),
            Columns.shortenedTokens.set(to: report.shortenedTokens), Columns.groupTokens.set(to: report.groupTokens),
            Columns.renamedTokens.set(to: report.renamedTokens), Columns.merged.set(to: report.merged),
            Columns.forReview.set(to: report.forReview), Columns.keptApart.set(to: report.keptApart),
            Columns.notSeen.set(to: report.notSeen), Columns.pruned.set(to: report.pruned),
        ]
    }
}

/// A row of `quarantinedRow`: a row an import could not take, kept verbatim with its line and reason. The public
/// read side is ``QuarantinedRowRecord``.
struct QuarantineRow: Codable, FetchableRecord, MutablePersistableRecord, GeneratedIdRow {
    static let databaseTableName = "quarantinedRow"

    var id: Int64?
    var importRunId: Int64
    var file: String
    var line: Int
    var field: String?
    var reason: String
    /// The row as read, each NUL shown as U+2400 (``Swift/String/nulVisible``).
    var rawRow: String
    var reasonKind: String?

    enum Columns {
        static let importRunId = Column(CodingKeys.importRunId)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
