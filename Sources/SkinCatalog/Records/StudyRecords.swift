import GRDB
import SkinDomain

/// A row of `study`: one study, keyed by its DOI, else its PMID, else its title and year (``StudyEntry/key``).
struct StudyRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "study"

    var id: Int64?
    var key: String
    var doi: String?
    var pmid: String?
    var year: Int?
    var journal: String?
    var title: String
    var authors: String?
    var route: StudyRoute?
    var subjects: String?
    var durationText: String?
    var durationWeeks: Double?
    var concentrationPpm: Double?
    var concentrationText: String?
    var outcome: StudyOutcome
    var url: String?
    var summary: String
    var provenance: String
    var origin: StudyOrigin

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let key = Column(CodingKeys.key)
        static let origin = Column(CodingKeys.origin)
    }

    /// The row for `entry`; `id` is the stored row's when there is one.
    init(_ entry: StudyEntry, id: Int64?, origin: StudyOrigin) {
        self.id = id
        key = entry.key
        doi = entry.doi
        pmid = entry.pmid
        year = entry.year
        journal = entry.journal
        title = entry.title
        authors = entry.authors
        route = entry.route
        subjects = entry.subjects
        durationWeeks = entry.durationWeeks
        durationText = entry.durationWeeks.map { "\($0.plainText) week" + ($0 == 1 ? "" : "s") }
        concentrationPpm = entry.concentrationPpm
        concentrationText = entry.concentration
        outcome = entry.outcome
        url = entry.url
        summary = entry.summary ?? ""
        provenance = entry.provenance ?? ""
        self.origin = origin
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension StudyRoute: DatabaseValueConvertible {}
extension StudyOutcome: DatabaseValueConvertible {}
extension StudyDesign: DatabaseValueConvertible {}

/// Where a study row came from: the shipped studies file (``ShippedStudies``) or the user (an import or
/// `studies add`). A user's row is never overwritten or deleted by loading the shipped file.
enum StudyOrigin: String, Codable, Sendable, DatabaseValueConvertible {
    case shipped, user
}

/// A row of `studyEndpoint`: what a study measured (`wrinkles`, `hyperpigmentation`).
struct StudyEndpointRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "studyEndpoint"

    var studyId: Int64
    var endpoint: String

    enum Columns {
        static let studyId = Column(CodingKeys.studyId)
        static let endpoint = Column(CodingKeys.endpoint)
    }
}

/// A row of `studyIngredient`: an ingredient a study tested.
struct StudyIngredientRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "studyIngredient"

    var studyId: Int64
    var ingredientId: Int64

    enum Columns {
        static let studyId = Column(CodingKeys.studyId)
        static let ingredientId = Column(CodingKeys.ingredientId)
    }
}

/// A row of `studyDesign`: a design a study used (in vitro, animal, human RCT, ...).
struct StudyDesignRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "studyDesign"

    var studyId: Int64
    var design: StudyDesign

    enum Columns {
        static let studyId = Column(CodingKeys.studyId)
        static let design = Column(CodingKeys.design)
    }
}

/// The `importRun` row of a studies import (`kind` = `studies`), so its quarantined rows have a run like a product
/// import's.
struct StudyImportRunRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "importRun"

    var id: Int64?
    var file: String
    var startedAt: String
    var finishedAt: String?
    var rowsRead: Int
    var inserted: Int
    var updated: Int
    var unchanged: Int
    var quarantined: Int
    var kind = "studies"

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
