import GRDB

/// A row of `productIngredient`: one entry of a product's ingredient list. Written through ``LineInserter`` (a
/// statement bound through SQLite's C API, its SQL built from ``Columns``): an import writes about twenty a product.
struct ProductIngredientRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "productIngredient"

    var productId: Int64
    var line: Int
    var position: Int?
    var nameId: Int64
    var mayContain: Bool
    var amountPpm: Double?
    /// `declared`, `printed` or `inferred`; nil with no amount.
    var amountSource: String?
    var amountApproximate: Bool
    var amountText: String?

    enum Columns {
        static let productId = Column(CodingKeys.productId)
        static let line = Column(CodingKeys.line)
        static let position = Column(CodingKeys.position)
        static let nameId = Column(CodingKeys.nameId)
        static let mayContain = Column(CodingKeys.mayContain)
        static let amountPpm = Column(CodingKeys.amountPpm)
        static let amountSource = Column(CodingKeys.amountSource)
        static let amountApproximate = Column(CodingKeys.amountApproximate)
        static let amountText = Column(CodingKeys.amountText)
    }
}

/// A row of `productDelivery`: a delivery system a product declares or its list implies.
struct ProductDeliveryRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "productDelivery"

    var productId: Int64
    var system: String
    /// `declared` or `inferred`.
    var basis: String
    var evidence: String

    /// Spelled out for ``PreparedInsertRow``; Codable checks each against a property.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case productId, system, basis, evidence
    }

    enum Columns {
        static let productId = Column(CodingKeys.productId)
    }
}

/// A row of `productListComponent`: where a further list of a kit starts, so list-order bounds never cross it.
struct ProductListComponentRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "productListComponent"

    var productId: Int64
    var component: Int
    var firstPosition: Int

    enum Columns {
        static let productId = Column(CodingKeys.productId)
    }
}

/// A row of `productNamedAmount`: an amount a product's name states (`Niacinamide 10%`).
struct ProductNamedAmountRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "productNamedAmount"

    var productId: Int64
    var ordinal: Int
    var ingredientId: Int64
    var phrase: String
    var amountPpm: Double
    var amountApproximate: Bool
    var amountText: String
    var text: String

    enum Columns {
        static let productId = Column(CodingKeys.productId)
    }
}

extension ProductDeliveryRow: PreparedInsertRow {
    func value(of column: CodingKeys) -> (any DatabaseValueConvertible)? {
        switch column {
        case .productId: productId
        case .system: system
        case .basis: basis
        case .evidence: evidence
        }
    }
}
