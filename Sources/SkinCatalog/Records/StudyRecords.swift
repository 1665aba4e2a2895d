import GRDB
import SkinDomain

/// A row of `study`: a study of the reference data, keyed by a stable slug so a newer version updates it in place.
struct StudyRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "study"

    var id: Int64?
    var key: String
    var year: Int?
    var journal: String?
    var title: String
    var authors: String?
    var doi: String?
    var route: String?
    var subjects: String?
    var durationText: String?
    var concentrationPpm: Double?
    var concentrationText: String?
    var summary: String
    var provenance: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let key = Column(CodingKeys.key)
        static let year = Column(CodingKeys.year)
        static let journal = Column(CodingKeys.journal)
        static let title = Column(CodingKeys.title)
        static let authors = Column(CodingKeys.authors)
        static let doi = Column(CodingKeys.doi)
        static let route = Column(CodingKeys.route)
        static let subjects = Column(CodingKeys.subjects)
        static let durationText = Column(CodingKeys.durationText)
        static let concentrationPpm = Column(CodingKeys.concentrationPpm)
        static let concentrationText = Column(CodingKeys.concentrationText)
        static let summary = Column(CodingKeys.summary)
        static let provenance = Column(CodingKeys.provenance)
    }

    /// The row for a study of the reference data; `id` is the stored row's when there is one.
    init(_ study: ReferenceData.Study, id: Int64?) {
        self.id = id
        key = study.key
        year = study.year
        journal = study.journal
        title = study.title
        authors = study.authors
        doi = study.doi
        route = study.route
        subjects = study.subjects
        durationText = study.duration
        // A concentration the amount parser cannot read stays as text only (the test suite checks none does).
        concentrationPpm = study.concentration.flatMap { try? Amount(parsing: $0) }?.ppm
        concentrationText = study.concentration
        summary = study.summary
        provenance = study.provenance
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
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

/// A row of `studyModel`: a study design a study used (cells, animal, human RCT, ...).
struct StudyModelRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "studyModel"

    var studyId: Int64
    var model: EvidenceGrade

    enum Columns {
        static let studyId = Column(CodingKeys.studyId)
        static let model = Column(CodingKeys.model)
    }
}
