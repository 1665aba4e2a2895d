import GRDB
import SkinDomain

/// A row of `product`: one product, its label as its label offer prints it (`labelOfferId`), and the import's
/// bookkeeping (content hash, run, line).
struct ProductRow: Codable, FetchableRecord, MutablePersistableRecord, GeneratedIdRow {
    static let databaseTableName = "product"

    var id: Int64?
    /// The product's key: its first sku, or `SOURCE:SKU` when another product had that sku.
    var sku: String
    var brand: String
    var name: String
    var category: String?
    var ingredientsText: String?
    var activesText: String?
    var sizeText: String?
    var sizeMl: Double?
    var sizeG: Double?
    var price: Double?
    var currency: String?
    var url: String?
    var packagingText: String?
    var isAirless = false
    var isOpaque = false
    var isLightProtective = false
    var isSingleUse = false
    var isJar = false
    var isClear = false
    var isPump = false
    var isDropper = false
    var isTube = false
    var isScrewCap = false
    var deliveryText: String?
    var extraFields: String?
    var contentHash: String
    var importRunId: Int64?
    var sourceLine: Int?
    var ingredientsPreamble: String?
    var regularPrice: Double?
    var shade: String?
    var productUse: String?
    var identityKey: String?
    var labelOfferId: Int64?

    /// Spelled out so the label's column list can be derived from it; Codable checks each against a property.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, sku, brand, name, category, ingredientsText, activesText, sizeText, sizeMl, sizeG, price, currency
        case url, packagingText, isAirless, isOpaque, isLightProtective, isSingleUse, isJar, isClear, isPump
        case isDropper, isTube, isScrewCap, deliveryText, extraFields, contentHash, importRunId, sourceLine
        case ingredientsPreamble, regularPrice, shade, productUse, identityKey, labelOfferId
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sku = Column(CodingKeys.sku)
        static let brand = Column(CodingKeys.brand)
        static let name = Column(CodingKeys.name)
        static let ingredientsText = Column(CodingKeys.ingredientsText)
        static let activesText = Column(CodingKeys.activesText)
        static let extraFields = Column(CodingKeys.extraFields)
        static let importRunId = Column(CodingKeys.importRunId)
        static let sourceLine = Column(CodingKeys.sourceLine)
        static let identityKey = Column(CodingKeys.identityKey)
        static let labelOfferId = Column(CodingKeys.labelOfferId)
    }

    /// Every column a label writes: all but the id and the key (`sku`), which is written once, when the product
    /// is made.
    static let labelColumns = CodingKeys.allCases.filter { $0 != .id && $0 != .sku }.map { Column($0) }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ProductRow {
    /// The row of a listing's label, written by import run `runId` from line `sourceLine`.
    init(
        sku: String, listing: ProductListing, extraFields: String?, contentHash: String, importRunId: Int64?,
        sourceLine: Int, identityKey: String?, labelOfferId: Int64
    ) {
        let packaging = listing.packaging
        self.init(
            id: nil, sku: sku, brand: listing.brand, name: listing.name, category: listing.category,
            ingredientsText: listing.ingredientsText, activesText: listing.activesText, sizeText: listing.sizeText,
            sizeMl: listing.size?.millilitres, sizeG: listing.size?.grams, price: listing.price,
            currency: listing.currency, url: listing.url, packagingText: listing.packagingText,
            isAirless: packaging.contains(.airless), isOpaque: packaging.contains(.opaque),
            isLightProtective: packaging.contains(.lightProtective), isSingleUse: packaging.contains(.singleUse),
            isJar: packaging.contains(.jar), isClear: packaging.contains(.clear), isPump: packaging.contains(.pump),
            isDropper: packaging.contains(.dropper), isTube: packaging.contains(.tube),
            isScrewCap: packaging.contains(.screwCap), deliveryText: listing.deliveryText, extraFields: extraFields,
            contentHash: contentHash, importRunId: importRunId, sourceLine: sourceLine,
            ingredientsPreamble: listing.ingredientsPreamble, regularPrice: listing.regularPrice,
            shade: listing.shade,
            productUse: ProductUse.classify(category: listing.category, name: listing.name).use.rawValue,
            identityKey: identityKey, labelOfferId: labelOfferId)
    }

    /// A new product with this one's identity (brand, name, category, packaging, delivery text, use, identity key,
    /// import bookkeeping) under another key and label offer; its label is written afterwards.
    func identityCopy(sku: String, labelOfferId: Int64) -> ProductRow {
        ProductRow(
            id: nil, sku: sku, brand: brand, name: name, category: category, packagingText: packagingText,
            isAirless: isAirless, isOpaque: isOpaque, isLightProtective: isLightProtective, isSingleUse: isSingleUse,
            isJar: isJar, isClear: isClear, isPump: isPump, isDropper: isDropper, isTube: isTube,
            isScrewCap: isScrewCap, deliveryText: deliveryText, contentHash: contentHash, importRunId: importRunId,
            sourceLine: sourceLine, productUse: productUse, identityKey: identityKey, labelOfferId: labelOfferId)
    }
}

extension ProductRow: PreparedInsertRow {
    func value(of column: CodingKeys) -> (any DatabaseValueConvertible)? {
        switch column {
        case .id: id
        case .sku: sku
        case .brand: brand
        case .name: name
        case .category: category
        case .ingredientsText: ingredientsText
        case .activesText: activesText
        case .sizeText: sizeText
        case .sizeMl: sizeMl
        case .sizeG: sizeG
        case .price: price
        case .currency: currency
        case .url: url
        case .packagingText: packagingText
        case .isAirless: isAirless
        case .isOpaque: isOpaque
        case .isLightProtective: isLightProtective
        case .isSingleUse: isSingleUse
        case .isJar: isJar
        case .isClear: isClear
        case .isPump: isPump
        case .isDropper: isDropper
        case .isTube: isTube
        case .isScrewCap: isScrewCap
        case .deliveryText: deliveryText
        case .extraFields: extraFields
        case .contentHash: contentHash
        case .importRunId: importRunId
        case .sourceLine: sourceLine
        case .ingredientsPreamble: ingredientsPreamble
        case .regularPrice: regularPrice
        case .shade: shade
        case .productUse: productUse
        case .identityKey: identityKey
        case .labelOfferId: labelOfferId
        }
    }
}
