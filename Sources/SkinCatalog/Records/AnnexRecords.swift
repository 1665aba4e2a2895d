import Foundation
import GRDB
import SkinDomain

/// A row of `annexImport`: one annex export loaded into the catalog.
struct AnnexImportRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "annexImport"

    var id: Int64?
    var annex: Annex
    var file: String
    /// ISO 8601.
    var importedAt: String
    /// The caps this file still holds: 0 once a later file of the same annex replaced them.
    var caps: Int
    var skipped: Int

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let annex = Column(CodingKeys.annex)
        static let file = Column(CodingKeys.file)
        static let importedAt = Column(CodingKeys.importedAt)
        static let caps = Column(CodingKeys.caps)
        static let skipped = Column(CodingKeys.skipped)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `annexCap`: one clause of an annex entry, for one glossary name (`AnnexCap`).
struct AnnexCapRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "annexCap"

    var annexImportId: Int64
    /// The order in the file, from 1.
    var ordinal: Int
    var reference: String
    var line: Int
    var clause: String?
    var name: String
    var nameKey: String
    var scope: AnnexProductScope
    var productType: String
    /// nil: regulated, but not capped.
    var amountPpm: Double?
    var maximumText: String
    var basis: String?

    enum Columns {
        static let annexImportId = Column(CodingKeys.annexImportId)
        static let ordinal = Column(CodingKeys.ordinal)
        static let reference = Column(CodingKeys.reference)
        static let line = Column(CodingKeys.line)
        static let clause = Column(CodingKeys.clause)
        static let name = Column(CodingKeys.name)
        static let nameKey = Column(CodingKeys.nameKey)
        static let scope = Column(CodingKeys.scope)
        static let productType = Column(CodingKeys.productType)
        static let amountPpm = Column(CodingKeys.amountPpm)
        static let maximumText = Column(CodingKeys.maximumText)
        static let basis = Column(CodingKeys.basis)
    }

    init(_ cap: AnnexCap, annexImportId: Int64, ordinal: Int) {
        self.annexImportId = annexImportId
        self.ordinal = ordinal
        reference = cap.reference
        line = cap.line
        clause = cap.clause
        name = cap.name
        nameKey = cap.key.rawValue
        scope = cap.scope
        productType = cap.productType
        amountPpm = cap.ppm
        maximumText = cap.maximumText
        basis = cap.basis
    }

    /// The cap as `AnnexCaps` read it, given the annex its import was of.
    func cap(annex: Annex) -> AnnexCap {
        AnnexCap(
            name: name, annex: annex, reference: reference, line: line, clause: clause, scope: scope,
            productType: productType, ppm: amountPpm, maximumText: maximumText, basis: basis)
    }
}

/// A row of `annexSkip`: an entry or clause of an annex export that gave no cap, with the reason.
struct AnnexSkipRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "annexSkip"

    var annexImportId: Int64
    /// The order in the file, from 1.
    var ordinal: Int
    var reference: String
    var line: Int
    /// The glossary names, separated by `; `.
    var names: String
    var clause: String?
    var reason: String
    var leavesCapUnknown: Bool

    enum Columns {
        static let annexImportId = Column(CodingKeys.annexImportId)
        static let ordinal = Column(CodingKeys.ordinal)
        static let reference = Column(CodingKeys.reference)
        static let line = Column(CodingKeys.line)
        static let names = Column(CodingKeys.names)
        static let clause = Column(CodingKeys.clause)
        static let reason = Column(CodingKeys.reason)
        static let leavesCapUnknown = Column(CodingKeys.leavesCapUnknown)
    }

    static let nameSeparator = "; "

    init(_ skip: AnnexSkip, annexImportId: Int64, ordinal: Int) {
        self.annexImportId = annexImportId
        self.ordinal = ordinal
        reference = skip.reference
        line = skip.line
        names = skip.names.joined(separator: Self.nameSeparator)
        clause = skip.clause
        reason = skip.reason
        leavesCapUnknown = skip.leavesCapUnknown
    }

    /// The skip as `AnnexCaps` read it, given the annex its import was of.
    func skip(annex: Annex) -> AnnexSkip {
        AnnexSkip(
            annex: annex, reference: reference, line: line,
            names: names.split(separator: Self.nameSeparator).map(String.init), clause: clause, reason: reason,
            leavesCapUnknown: leavesCapUnknown)
    }
}

/// A row of `euListImport`: one EU substance list (Annex II, the fragrance allergens) loaded into the catalog, with
/// its provenance.
struct EUListImportRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "euListImport"

    var id: Int64?
    var list: String
    var file: String
    var fileName: String
    var fileVersion: String?
    var byteCount: Int
    var sha256: String
    /// ISO 8601.
    var importedAt: String
    /// The names this file still holds: 0 once a later file of the same list replaced them.
    var entries: Int

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let list = Column(CodingKeys.list)
        static let file = Column(CodingKeys.file)
        static let fileName = Column(CodingKeys.fileName)
        static let fileVersion = Column(CodingKeys.fileVersion)
        static let byteCount = Column(CodingKeys.byteCount)
        static let sha256 = Column(CodingKeys.sha256)
        static let importedAt = Column(CodingKeys.importedAt)
        static let entries = Column(CodingKeys.entries)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `euSubstance`: one name of an EU substance list with its citation.
struct EUSubstanceRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "euSubstance"

    var euListImportId: Int64
    var nameKey: String
    var name: String
    var citation: String

    enum Columns {
        static let euListImportId = Column(CodingKeys.euListImportId)
        static let nameKey = Column(CodingKeys.nameKey)
        static let name = Column(CodingKeys.name)
        static let citation = Column(CodingKeys.citation)
    }
}
