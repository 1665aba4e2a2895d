import GRDB
import SkinDomain

/// A row of `offer`: one source's listing of a product. Its id is chosen by the import before it is written (the
/// product's `labelOfferId` names it first), so it is never generated.
struct OfferRow: Codable, FetchableRecord, PersistableRecord, Identifiable {
    static let databaseTableName = "offer"

    var id: Int64
    var sourceId: Int64
    var sku: String
    var productId: Int64
    var price: Double?
    var regularPrice: Double?
    var currency: String?
    var sizeText: String?
    var url: String?
    var shade: String?
    /// The listing as this source prints it; nil for the label offer, whose texts are the product's.
    var brand: String?
    var name: String?
    var ingredientsText: String?
    var activesText: String?
    var extraFields: String?
    var contentHash: String
    var importRunId: Int64?
    var sourceLine: Int?
    var notSeenSince: String?

    /// Spelled out for ``PreparedInsertRow``; Codable checks each against a property.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, sourceId, sku, productId, price, regularPrice, currency, sizeText, url, shade, brand, name
        case ingredientsText, activesText, extraFields, contentHash, importRunId, sourceLine, notSeenSince
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sourceId = Column(CodingKeys.sourceId)
        static let sku = Column(CodingKeys.sku)
        static let productId = Column(CodingKeys.productId)
        static let brand = Column(CodingKeys.brand)
        static let name = Column(CodingKeys.name)
        static let ingredientsText = Column(CodingKeys.ingredientsText)
        static let activesText = Column(CodingKeys.activesText)
        static let extraFields = Column(CodingKeys.extraFields)
        static let importRunId = Column(CodingKeys.importRunId)
        static let sourceLine = Column(CodingKeys.sourceLine)
        static let notSeenSince = Column(CodingKeys.notSeenSince)
    }
}

extension OfferRow {
    /// The offer of `listing`, listed by import run `importRunId` on line `sourceLine`. The label offer's texts
    /// are its product's, so they are stored only for other offers.
    init(
        id: Int64, sourceId: Int64, productId: Int64, listing: ProductListing, isLabel: Bool, extraFields: String?,
        contentHash: String, importRunId: Int64, sourceLine: Int
    ) {
        self.init(
            id: id, sourceId: sourceId, sku: listing.sku, productId: productId, price: listing.price,
            regularPrice: listing.regularPrice, currency: listing.currency, sizeText: listing.sizeText,
            url: listing.url, shade: listing.shade, brand: isLabel ? nil : listing.brand,
            name: isLabel ? nil : listing.name, ingredientsText: isLabel ? nil : listing.ingredientsText,
            activesText: isLabel ? nil : listing.activesText, extraFields: isLabel ? nil : extraFields,
            contentHash: contentHash, importRunId: importRunId, sourceLine: sourceLine, notSeenSince: nil)
    }

    /// The assignments that give the offer its own copy of a label it stops being (or starts being) the label
    /// of: the product's texts, or nil for all of them.
    static func labelTexts(_ product: ProductRow?) -> [ColumnAssignment] {
        [
            Columns.brand.set(to: product?.brand), Columns.name.set(to: product?.name),
            Columns.ingredientsText.set(to: product?.ingredientsText),
            Columns.activesText.set(to: product?.activesText), Columns.extraFields.set(to: product?.extraFields),
        ]
    }
}

/// A row of `offerMatch`: how an offer came to be with its product (or was kept apart from one).
struct OfferMatchRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "offerMatch"

    var offerId: Int64
    /// `merged`, `review`, `keptApart`, `linked` or `unlinked`.
    var decision: String
    var otherProductId: Int64?
    var similarity: Double?
    var reason: String
    var decidedAt: String

    enum Columns {
        static let offerId = Column(CodingKeys.offerId)
        static let decision = Column(CodingKeys.decision)
    }

    /// Writes the decision, replacing the offer's earlier one (an offer has one match decision).
    func save(_ db: Database) throws {
        try insert(db, onConflict: .replace)
    }
}

/// A row of `offerDecision`: a user's `link` or `unlink` of two offers, kept by later imports.
struct OfferDecisionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "offerDecision"

    var sourceId: Int64
    var sku: String
    var otherSourceId: Int64
    var otherSku: String
    /// `link` or `unlink`.
    var kind: String
    var decidedAt: String

    enum Columns {
        static let sourceId = Column(CodingKeys.sourceId)
        static let sku = Column(CodingKeys.sku)
        static let otherSourceId = Column(CodingKeys.otherSourceId)
        static let otherSku = Column(CodingKeys.otherSku)
        static let kind = Column(CodingKeys.kind)
    }
}

/// A row of `source`: one retailer's files.
struct SourceRow: Codable, FetchableRecord, MutablePersistableRecord, GeneratedIdRow {
    static let databaseTableName = "source"

    var id: Int64?
    /// Unique without regard to case (the column's collation).
    var name: String
    var createdAt: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension OfferRow: PreparedInsertRow {
    func value(of column: CodingKeys) -> (any DatabaseValueConvertible)? {
        switch column {
        case .id: id
        case .sourceId: sourceId
        case .sku: sku
        case .productId: productId
        case .price: price
        case .regularPrice: regularPrice
        case .currency: currency
        case .sizeText: sizeText
        case .url: url
        case .shade: shade
        case .brand: brand
        case .name: name
        case .ingredientsText: ingredientsText
        case .activesText: activesText
        case .extraFields: extraFields
        case .contentHash: contentHash
        case .importRunId: importRunId
        case .sourceLine: sourceLine
        case .notSeenSince: notSeenSince
        }
    }
}
