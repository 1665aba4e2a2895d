import Foundation
import GRDB

/// A product with everything the catalog derived from its row: resolved INCI list, amounts with their
/// source, packaging attributes and delivery systems. Its JSON is flat: the ``ProductSummary``'s keys beside its
/// own (see there why).
@dynamicMemberLookup
public struct ProductDetail: ProductResult, Sendable, Equatable {
    /// One line of the product's INCI list as stored: the name as printed, what it resolved to, and its amount with
    /// where the amount came from.
    public struct Ingredient: Sendable, Codable, Equatable {
        /// The 1-based place in the INCI list; nil for a line of a `May contain` section, which sits outside position
        /// logic.
        public var position: Int?
        /// The name as printed on the label, without an amount that followed it (`Niacinamide` from
        /// `Niacinamide (5%)`).
        public var printedName: String
        /// The canonical INCI name, nil when the printed name did not resolve.
        public var inciName: String?
        /// How the printed name was matched: exact, partial, fuzzy or shortened (nil when unresolved).
        public var matchKind: MatchKind?
        /// When the name resolved to a group (a shortened name several ingredients share): how many members it
        /// has. `inciName` is then the group's name.
        public var groupSize: Int?
        /// True for a line of a `May contain` / `[+/-]` section (usually colourants).
        public var mayContain: Bool
        /// The line's amount in ppm (1 % = 10,000 ppm), declared or printed, or an inferred upper bound (see
        /// ``amountSource``); nil when the label gives none.
        public var amountPpm: Double?
        /// Where ``amountPpm`` comes from: declared on the label, printed in the list, or inferred from its order (an
        /// upper bound); nil when there is no amount.
        public var amountSource: AmountSource?
        /// True when the amount was converted from mass per volume (mg/mL, at density 1) and is approximate.
        public var amountApproximate: Bool
        /// The amount as written on the label (`5%`, `4,000 ppm`); nil when none was written.
        public var amountText: String?
        /// What the list's order says of the line's amount (`1-5 %`, `<= 1 %`, `>= 2 %`) and what says it; nil
        /// when it says nothing. Never a declared value: shown beside the amount, not as one.
        public var interval: ListOrderInterval?
        /// The amount the product's name states for this line's ingredient (source `named`), kept beside the
        /// label's own amount: where they disagree, the label wins.
        public var namedAmount: NamedAmountDetail?
        /// The line's line number in storage, for ordering.
        var line: Int = 0
    }

    /// Who the product is: its sku, brand, name, category and price.
    public var product: ProductSummary
    /// The size field as imported (`50 mL`, `1.7 fl oz / 50 mL`); nil when the row gave none.
    public var sizeText: String?
    /// The volume in mL read from ``sizeText``; nil when it gives none.
    public var sizeMl: Double?
    /// The mass in g read from ``sizeText``; nil when it gives none.
    public var sizeG: Double?
    /// The second price of a cell that held two (`$11.20 $16.00`).
    public var regularPrice: Double?
    /// The product page's address as imported; nil when the row gave none.
    public var url: String?
    /// The packaging description as imported (`airless pump`, `clear glass jar`); nil when the row gave none.
    public var packagingText: String?
    /// Derived attribute names (`airless`, `opaque`, ...), see `Packaging.named`.
    public var packaging: [String]
    /// The delivery claim as imported (`liposomal`); nil when the row gave none.
    public var deliveryText: String?
    /// The delivery systems, declared in ``deliveryText`` or inferred from the INCI list, each with its evidence; empty
    /// for a plain base.
    public var delivery: [Delivery]
    /// The ingredients field as imported, before parsing; nil when the row gave none.
    public var ingredientsText: String?
    /// Marketing prose, disclaimers and kit headers set aside from the ingredients field.
    public var ingredientsPreamble: String?
    /// A shade or variant given where the size should be (`Color: Fair - Light`).
    public var shade: String?
    /// The `actives` field as imported (`NMN 4,000 ppm; Niacinamide 5%`); nil when the row gave none.
    public var activesText: String?
    /// The INCI list, line by line in label order, followed by its `May contain` lines; empty when the row had no list.
    public var ingredients: [Ingredient]
    /// Columns outside the contract, as imported.
    public var extraFields: [String: String]
    /// How the product is used, for the annex caps: leave-on, rinse-off or unknown (told at import from its
    /// category, else its name; unknown for a product imported before skincat read it).
    public var productUse: ProductUse
    /// The amounts the product's name states (source `named`), in the order of the name.
    public var namedAmounts: [NamedAmountDetail]
    /// The first line known to be at or under 1 % and why (`Phenoxyethanol capped at 1 % by Annex V ref 29`):
    /// everything listed after it is at or under 1 %. Nil when no line is known to be.
    public var onePercentLine: OnePercentLineDetail?
    /// What each source lists for the product, cheapest first (``ProductOffer``), each with how its label differs
    /// from the product's.
    public var offers: [ProductOffer] = []
    /// The kinds of finding the label audit makes on the product (`headline-trace`, `same-formula`), in the audit's
    /// order, once a caller filled them in from ``Catalog/findingKinds(sku:)``; nil when it was not audited (the
    /// audit is not part of reading a product: it costs a pass over the catalog for `same-formula`).
    public var findings: [String]?
}

extension ProductDetail: Codable {
    private enum CodingKeys: String, CodingKey {
        case sizeText, sizeMl, sizeG, regularPrice, url, packagingText, packaging, deliveryText, delivery
        case ingredientsText, ingredientsPreamble, shade, activesText, ingredients, extraFields, productUse
        case namedAmounts, onePercentLine, offers, findings
    }

    /// Reads a product from its flat JSON object (the ``ProductSummary``'s keys beside the detail's own).
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: any Decoder) throws {
        product = try ProductSummary(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sizeText = try container.decodeIfPresent(String.self, forKey: .sizeText)
        sizeMl = try container.decodeIfPresent(Double.self, forKey: .sizeMl)
        sizeG = try container.decodeIfPresent(Double.self, forKey: .sizeG)
        regularPrice = try container.decodeIfPresent(Double.self, forKey: .regularPrice)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        packagingText = try container.decodeIfPresent(String.self, forKey: .packagingText)
        packaging = try container.decode([String].self, forKey: .packaging)
        deliveryText = try container.decodeIfPresent(String.self, forKey: .deliveryText)
        delivery = try container.decode([Delivery].self, forKey: .delivery)
        ingredientsText = try container.decodeIfPresent(String.self, forKey: .ingredientsText)
        ingredientsPreamble = try container.decodeIfPresent(String.self, forKey: .ingredientsPreamble)
        shade = try container.decodeIfPresent(String.self, forKey: .shade)
        activesText = try container.decodeIfPresent(String.self, forKey: .activesText)
        ingredients = try container.decode([Ingredient].self, forKey: .ingredients)
        extraFields = try container.decode([String: String].self, forKey: .extraFields)
        productUse = try container.decode(ProductUse.self, forKey: .productUse)
        namedAmounts = try container.decode([NamedAmountDetail].self, forKey: .namedAmounts)
        onePercentLine = try container.decodeIfPresent(OnePercentLineDetail.self, forKey: .onePercentLine)
        offers = try container.decodeIfPresent([ProductOffer].self, forKey: .offers) ?? []
        findings = try container.decodeIfPresent([String].self, forKey: .findings)
    }

    /// Writes the product as one flat JSON object: the ``ProductSummary``'s keys beside the detail's own.
    public func encode(to encoder: any Encoder) throws {
        try product.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(sizeText, forKey: .sizeText)
        try container.encodeIfPresent(sizeMl, forKey: .sizeMl)
        try container.encodeIfPresent(sizeG, forKey: .sizeG)
        try container.encodeIfPresent(regularPrice, forKey: .regularPrice)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(packagingText, forKey: .packagingText)
        try container.encode(packaging, forKey: .packaging)
        try container.encodeIfPresent(deliveryText, forKey: .deliveryText)
        try container.encode(delivery, forKey: .delivery)
        try container.encodeIfPresent(ingredientsText, forKey: .ingredientsText)
        try container.encodeIfPresent(ingredientsPreamble, forKey: .ingredientsPreamble)
        try container.encodeIfPresent(shade, forKey: .shade)
        try container.encodeIfPresent(activesText, forKey: .activesText)
        try container.encode(ingredients, forKey: .ingredients)
        try container.encode(extraFields, forKey: .extraFields)
        try container.encode(productUse, forKey: .productUse)
        try container.encode(namedAmounts, forKey: .namedAmounts)
        try container.encodeIfPresent(onePercentLine, forKey: .onePercentLine)
        try container.encode(offers, forKey: .offers)
        try container.encodeIfPresent(findings, forKey: .findings)
    }
}

/// The 1 % line of a product's list (see `ListOrderBounds`).
public struct OnePercentLineDetail: Sendable, Codable, Equatable {
    /// The printed position of the first line known to be at or under 1 %.
    public var position: Int
    /// `Phenoxyethanol capped at 1 % by Annex V ref 29`, `Salicylic Acid printed at 0.5 %`.
    public var reason: String
}

extension Catalog {
    /// The product with this SKU (compared exactly: leading zeros count), or nil.
    public func product(sku: String) throws(CatalogError) -> ProductDetail? {
        // SQLite would compare the text only up to a NUL (`00101<NUL>X` finding 00101); no sku holds one.
        guard !sku.utf8.contains(0) else { return nil }
        return try read { db in
            guard let key = try Self.productKey(db, reference: sku),
                let row = try Row.fetchOne(db, sql: "SELECT * FROM product WHERE sku = ?", arguments: [key])
            else {
                return nil
            }
            let id: Int64 = row["id"]
            let packaging = Packaging.named.filter { (row[Packaging.column(for: $0.name)] as Int?) == 1 }.map(\.name)
            var ingredients = try Self.ingredientLines(db, productId: id)
            let order = try Self.listOrder(where: "p.id = ?", arguments: [id], db: db)[id]
            if let order { Self.place(&ingredients, in: order) }
            var detail = ProductDetail(
                product: ProductSummary(
                    sku: row["sku"], brand: row["brand"], name: row["name"], category: row["category"],
                    price: Self.finite(row["price"]), currency: row["currency"]),
                sizeText: row["sizeText"], sizeMl: Self.finite(row["sizeMl"]), sizeG: Self.finite(row["sizeG"]),
                regularPrice: Self.finite(row["regularPrice"]), url: row["url"],
                packagingText: row["packagingText"], packaging: packaging,
                deliveryText: row["deliveryText"], delivery: try Self.deliveries(db, productId: id),
                ingredientsText: row["ingredientsText"], ingredientsPreamble: row["ingredientsPreamble"],
                shade: row["shade"], activesText: row["activesText"],
                ingredients: ingredients, extraFields: try Self.extraFields(row),
                productUse: order?.use ?? .unknown, namedAmounts: order?.named ?? [],
                onePercentLine: order?.bounds.onePercentLines.first.map {
                    OnePercentLineDetail(position: $0.position, reason: $0.reason)
                })
            let labelNames = ingredients.filter { !$0.mayContain }.map(\.printedName)
            detail.offers = try Self.offers(db, productKey: key).map { offer in
                var offer = offer
                if !offer.isLabel, let text = offer.ingredientsText {
                    offer.labelDifference = LabelDifference(label: labelNames, offer: text)
                }
                return offer
            }
            return detail
        }
    }

    /// A product's delivery systems, by system.
    private static func deliveries(_ db: Database, productId id: Int64) throws -> [Delivery] {
        try Row.fetchAll(
            db, sql: "SELECT system, basis, evidence FROM productDelivery WHERE productId = ? ORDER BY system",
            arguments: [id]
        ).compactMap { row -> Delivery? in
            guard let system = DeliverySystem(rawValue: row["system"]),
                let basis = DeliveryBasis(rawValue: row["basis"])
            else { return nil }
            return Delivery(system: system, basis: basis, evidence: row["evidence"])
        }
    }

    /// A product's ingredient lines with their resolution, may-contain lines last.
    private static func ingredientLines(_ db: Database, productId id: Int64) throws -> [ProductDetail.Ingredient] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT pi.*, i.inciName,
                       CASE WHEN i.origin = 'group'
                            THEN (SELECT count(*) FROM ingredientGroupMember WHERE groupId = i.id) END AS groupSize
                FROM productIngredientLine pi
                LEFT JOIN ingredient i ON i.id = pi.ingredientId
                WHERE pi.productId = ?
                ORDER BY pi.mayContain, pi.position IS NULL, pi.position, pi.line
                """, arguments: [id]
        ).map { row in
            ProductDetail.Ingredient(
                position: row["position"], printedName: row["printedName"], inciName: row["inciName"],
                matchKind: (row["matchKind"] as String?).flatMap(MatchKind.init(rawValue:)),
                groupSize: row["groupSize"], mayContain: row["mayContain"], amountPpm: row["amountPpm"],
                amountSource: (row["amountSource"] as String?).flatMap(AmountSource.init(rawValue:)),
                amountApproximate: row["amountApproximate"], amountText: row["amountText"], line: row["line"])
        }
    }

    /// Sets each line's bounds from list order, and the named amount on the first listed line of its ingredient.
    private static func place(_ ingredients: inout [ProductDetail.Ingredient], in order: ProductListOrder) {
        for index in ingredients.indices {
            guard let at = order.lines.firstIndex(where: { $0.line == ingredients[index].line }) else { continue }
            ingredients[index].interval = ListOrderInterval(order.bounds.intervals[at])
            if !ingredients[index].mayContain, let ingredientId = order.lines[at].ingredientId,
                order.lines.first(where: { $0.ingredientId == ingredientId && !$0.mayContain })?.line
                    == ingredients[index].line
            {
                ingredients[index].namedAmount = order.namedAmount(of: ingredientId)
            }
        }
    }

    /// The columns outside the contract, as imported (stored as a JSON object).
    private static func extraFields(_ row: Row) throws -> [String: String] {
        guard let json: String = row["extraFields"], let data = json.data(using: .utf8),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: String]
        else { return [:] }
        return object
    }

    /// A stored figure, or nil when it is not finite: a catalog imported before sizes and prices were range
    /// checked may hold an infinity (a 400-digit size), which reads as unknown (its text is kept) rather than
    /// break JSON output.
    static func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }

    /// How many products the catalog holds.
    public func productCount() throws(CatalogError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM product") ?? 0 }
    }

    /// The rows quarantined by imports, newest run first.
    public func quarantinedRows(runId: Int64? = nil) throws(CatalogError) -> [QuarantinedRowRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT importRunId, file, line, field, reason, rawRow FROM quarantinedRow
                    WHERE ?1 IS NULL OR importRunId = ?1 ORDER BY importRunId DESC, line
                    """, arguments: [runId]
            ).map {
                QuarantinedRowRecord(
                    runId: $0["importRunId"], file: $0["file"], line: $0["line"],
                    field: $0["field"], reason: $0["reason"], rawRow: $0["rawRow"])
            }
        }
    }
}

/// A quarantined row as stored in the catalog.
public struct QuarantinedRowRecord: Sendable, Codable, Equatable {
    /// The import run that set the row aside (see ``Catalog/quarantinedRows(runId:)``).
    public var runId: Int64
    /// The file the row was read from, as named at import.
    public var file: String
    /// The row's line number in that file.
    public var line: Int
    /// The contract field at fault; nil when the row as a whole was (a wrong number of fields).
    public var field: String?
    /// Why the row was set aside, naming the offending value (`"abc" is not a price (...)`).
    public var reason: String
    /// The row as read, before parsing, so it can be fixed and imported again.
    public var rawRow: String
}
