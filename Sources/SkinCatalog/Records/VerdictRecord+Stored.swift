import Foundation
import GRDB

/// A row of `verdict`, as stored: the product by id (``VerdictRecord`` is the verdict as shown, with the product's
/// sku, brand and name).
struct StoredVerdict: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "verdict"

    var id: Int64?
    var profile: String
    var productId: Int64
    /// `worked` or `failed`: read with `Catalog.stored(_:as:in:)`, so an unknown value is an error that names it.
    var outcome: String
    var reason: String?
    var note: String?
    var recordedAt: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let profile = Column(CodingKeys.profile)
        static let productId = Column(CodingKeys.productId)
        static let outcome = Column(CodingKeys.outcome)
        static let reason = Column(CodingKeys.reason)
        static let note = Column(CodingKeys.note)
        static let recordedAt = Column(CodingKeys.recordedAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The verdicts of `profile` on product `productId` (at most one: the pair is unique).
    static func of(profile: String, productId: Int64) -> QueryInterfaceRequest<Self> {
        filter(Columns.profile == profile && Columns.productId == productId)
    }
}
