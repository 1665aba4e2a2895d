import Foundation
import GRDB
import SkinDomain

/// One source's offer for a product: what that retailer lists, at what price, and its label where it differs.
public struct ProductOffer: Sendable, Codable, Equatable {
    /// The name of the retailer that lists the offer.
    public var source: String
    /// The retailer's own code for the listing, unique within that source only.
    public var sku: String
    /// The current price (the sale price when the source prints two), in ``currency``; nil when it gives none.
    public var price: Double?
    /// The price before a reduction, when the source prints two (`$11.20 $16.00`); nil otherwise.
    public var regularPrice: Double?
    /// The ISO 4217 code of both prices (`USD`, `GBP`); nil when neither the file nor the price says it.
    public var currency: String?
    /// The size as the source prints it (`30 mL`, `1.7 oz.`); nil when it gives none.
    public var sizeText: String?
    /// The listing's page on the retailer's site; nil when the source gives none.
    public var url: String?
    /// The shade or variant the source lists (`Color: Fair - Light`); nil when it names none.
    public var shade: String?
    /// True for the offer the product's label (its ingredient lines) comes from.
    public var isLabel: Bool
    /// The brand as this source prints it (the product's own for the label offer).
    public var brand: String
    /// The product's name as this source prints it (the product's own for the label offer).
    public var name: String
    /// The ingredient list as this source prints it; nil when the source gives none.
    public var ingredientsText: String?
    /// When the source's latest import no longer listed it (ISO 8601); nil while it is listed.
    public var notSeenSince: String?
    /// How the offer came to be with the product: `merged`, `review`, `linked`; nil for the product's first offer.
    public var match: String?
    /// Why the offer is with the product, in words (`same brand and name, compatible size, ...`); nil when
    /// ``match`` is.
    public var matchReason: String?
    /// How this source's ingredient list differs from the product's label, by printed name (nil for the label
    /// offer, and for an offer without a list).
    public var labelDifference: LabelDifference?
}

/// The ingredients one source's list has that the product's label lacks, and the reverse, compared by normalised
/// printed name (`NameKey`), may-contain sections left out.
public struct LabelDifference: Sendable, Codable, Equatable {
    /// The names the source's list prints that the label lacks, as the source prints them, in its order.
    public var onlyInOffer: [String]
    /// The names the label prints that the source's list lacks, as the label prints them, in its order.
    public var onlyInLabel: [String]
    /// True when the two lists name the same ingredients (neither side has a name the other lacks).
    public var isSame: Bool { onlyInOffer.isEmpty && onlyInLabel.isEmpty }

    init(label: [String], offer text: String) {
        let entries = (try? INCIParser.parse(text).entries) ?? []
        let offerNames = entries.filter { !$0.mayContain }.map(\.printedName)
        let labelKeys = Set(label.map { NameKey($0).rawValue })
        let offerKeys = Set(offerNames.map { NameKey($0).rawValue })
        onlyInOffer = offerNames.filter { !labelKeys.contains(NameKey($0).rawValue) }
        onlyInLabel = label.filter { !offerKeys.contains(NameKey($0).rawValue) }
    }
}

/// A source: one retailer's files, with its listings and how many products it shares with each other source.
public struct SourceSummary: Sendable, Codable, Equatable {
    /// The retailer's name, as imports give it (1 to 64 characters, no `:`).
    public var name: String
    /// Offers the source's latest import listed.
    public var listed: Int
    /// Offers the source's latest import no longer listed: kept, marked not seen.
    public var notSeen: Int
    /// Products the source lists that at least one other source lists too.
    public var sharedProducts: Int
    /// Other source → products both list.
    public var sharedWith: [String: Int]
    /// When the source was last imported (ISO 8601); nil when no import run of it is recorded.
    public var lastImport: String?
    /// How many import runs the source had.
    public var imports: Int
}

/// A match decision that deserves a look: an offer merged on incomplete evidence, or a same-name product kept apart.
public struct MergeDecision: Sendable, Codable, Equatable {
    /// `review`, `merged`, `keptApart`, `linked` or `unlinked`.
    public var decision: String
    /// The offer, as `SOURCE:SKU`.
    public var offer: String
    /// The brand as the offer's source prints it.
    public var brand: String
    /// The product's name as the offer's source prints it.
    public var name: String
    /// The product it joined (or, kept apart, the product it was kept apart from), by key, with its label's source.
    public var product: String?
    /// The name of that product, as its label prints it; nil when ``product`` is.
    public var productName: String?
    /// How alike the two ingredient lists are, as a Jaccard index from 0 to 1 (1 for the same list); nil when a
    /// side has no list or the decision was made by hand.
    public var similarity: Double?
    /// Why the offer is with the product, or kept apart from it, in words.
    public var reason: String
}

extension Catalog {
    /// Why `name` cannot name a source, or nil when it can: a name is 1 to 64 characters, has no surrounding
    /// spaces, and no `:` (which separates source and sku in `SOURCE:SKU`).
    public static func problem(withSourceName name: String) -> String? {
        if name.isEmpty { return "a source name cannot be empty" }
        if name != name.trimmingCharacters(in: .whitespaces) { return "a source name has no surrounding spaces" }
        if name.count > 64 { return "a source name has at most 64 characters" }
        if name.contains(":") { return "a source name cannot contain \":\" (it separates source and sku)" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            return "a source name cannot contain control characters"
        }
        return nil
    }

    /// The key of the product a user's reference names: an offer as `SOURCE:SKU`, a sku that one source lists (or
    /// several, for one product), or a product's own key. A sku two sources list for different products is
    /// ambiguous: the error names the `SOURCE:SKU` forms to use instead.
    static func productKey(_ db: Database, reference: String) throws -> String? {
        guard !reference.utf8.contains(0) else { return nil }
        if let colon = reference.firstIndex(of: ":") {
            let source = String(reference[..<colon])
            let sku = String(reference[reference.index(after: colon)...])
            if let key = try String.fetchOne(
                db,
                sql: """
                    SELECT p.sku FROM offer o JOIN source s ON s.id = o.sourceId JOIN product p ON p.id = o.productId
                    WHERE s.name = ? AND o.sku = ?
                    """, arguments: [source, sku])
            {
                return key
            }
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT p.sku AS key, s.name || ':' || o.sku AS offer
                FROM source s CROSS JOIN offer o ON o.sourceId = s.id AND o.sku = ?
                JOIN product p ON p.id = o.productId
                ORDER BY s.name
                """, arguments: [reference])
        let keys = Set(rows.map { $0["key"] as String })
        if keys.count == 1, let key = keys.first { return key }
        if keys.count > 1 { throw CatalogError.ambiguousSKU(reference, offers: rows.map { $0["offer"] }) }
        // A product's own key that is no offer's sku (`SOURCE:SKU#2`, or a catalog made before sources).
        return try String.fetchOne(db, sql: "SELECT sku FROM product WHERE sku = ?", arguments: [reference])
    }

    /// The offers of the product a reference names, cheapest first (by price within a currency, then without one).
    public func offers(of reference: String) throws(CatalogError) -> [ProductOffer] {
        try read { db in
            guard let key = try Self.productKey(db, reference: reference) else { return [] }
            return try Self.offers(db, productKey: key)
        }
    }

    static func offers(_ db: Database, productKey: String) throws -> [ProductOffer] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.name AS source, o.sku, o.price, o.regularPrice, o.currency, o.sizeText, o.url, o.shade,
                       p.labelOfferId = o.id AS isLabel, coalesce(o.brand, p.brand) AS brand,
                       coalesce(o.name, p.name) AS name,
                       CASE WHEN p.labelOfferId = o.id THEN p.ingredientsText ELSE o.ingredientsText END AS ingredients,
                       o.notSeenSince, m.decision, m.reason
                FROM product p JOIN offer o ON o.productId = p.id JOIN source s ON s.id = o.sourceId
                LEFT JOIN offerMatch m ON m.offerId = o.id
                WHERE p.sku = ?
                ORDER BY o.notSeenSince IS NOT NULL, o.currency IS NULL, o.currency, o.price IS NULL, o.price, s.name
                """, arguments: [productKey]
        ).map { row in
            ProductOffer(
                source: row["source"], sku: row["sku"], price: row["price"], regularPrice: row["regularPrice"],
                currency: row["currency"], sizeText: row["sizeText"], url: row["url"], shade: row["shade"],
                isLabel: row["isLabel"], brand: row["brand"], name: row["name"], ingredientsText: row["ingredients"],
                notSeenSince: row["notSeenSince"], match: row["decision"], matchReason: row["reason"])
        }
    }

    /// Every source, by name, with its listings and the products it shares with each other source.
    public func sources() throws(CatalogError) -> [SourceSummary] {
        try read { db in
            var summaries: [Int64: SourceSummary] = [:]
            var order: [Int64] = []
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.name,
                           (SELECT count(*) FROM offer o WHERE o.sourceId = s.id AND o.notSeenSince IS NULL) AS listed,
                           (SELECT count(*) FROM offer o WHERE o.sourceId = s.id AND o.notSeenSince IS NOT NULL)
                               AS notSeen,
                           (SELECT max(startedAt) FROM importRun r WHERE r.sourceId = s.id) AS lastImport,
                           (SELECT count(*) FROM importRun r WHERE r.sourceId = s.id) AS imports
                    FROM source s ORDER BY s.name COLLATE NOCASE
                    """)
            {
                let id: Int64 = row["id"]
                order.append(id)
                summaries[id] = SourceSummary(
                    name: row["name"], listed: row["listed"], notSeen: row["notSeen"], sharedProducts: 0,
                    sharedWith: [:], lastImport: row["lastImport"], imports: row["imports"])
            }
            // Pairs of sources listing one product, over the products with offers from two sources or more only.
            for row in try Row.fetchAll(
                db,
                sql: """
                    WITH multi AS (
                        SELECT productId FROM offer GROUP BY productId HAVING count(DISTINCT sourceId) > 1
                    ),
                    pairs AS (
                        SELECT DISTINCT a.sourceId AS first, b.sourceId AS second, a.productId
                        FROM multi m JOIN offer a ON a.productId = m.productId
                        JOIN offer b ON b.productId = m.productId AND b.sourceId <> a.sourceId
                    )
                    SELECT first, second, count(*) AS products FROM pairs GROUP BY first, second
                    """)
            {
                let first: Int64 = row["first"]
                let second: Int64 = row["second"]
                guard let other = summaries[second]?.name else { continue }
                summaries[first]?.sharedWith[other] = row["products"]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT o.sourceId, count(DISTINCT o.productId) AS products FROM offer o
                    WHERE o.productId IN (SELECT productId FROM offer GROUP BY productId
                                          HAVING count(DISTINCT sourceId) > 1)
                    GROUP BY o.sourceId
                    """)
            {
                summaries[row["sourceId"] as Int64]?.sharedProducts = row["products"]
            }
            return order.compactMap { summaries[$0] }
        }
    }

    /// The match decisions to look at: merges left for review and same-name products kept apart (possible
    /// reformulations); with `all`, every merge and every decision made by hand too.
    public func merges(all: Bool = false) throws(CatalogError) -> [MergeDecision] {
        try read { db in
            let filter = all ? "" : "WHERE m.decision = 'review' OR m.decision = 'keptApart'"
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT m.decision, s.name || ':' || o.sku AS offer,
                           coalesce(o.brand, p.brand) AS brand, coalesce(o.name, p.name) AS name,
                           CASE WHEN m.decision = 'keptApart' THEN q.sku ELSE p.sku END AS product,
                           CASE WHEN m.decision = 'keptApart' THEN q.name ELSE p.name END AS productName,
                           m.similarity, m.reason
                    FROM offerMatch m JOIN offer o ON o.id = m.offerId JOIN source s ON s.id = o.sourceId
                    JOIN product p ON p.id = o.productId LEFT JOIN product q ON q.id = m.otherProductId
                    \(filter)
                    ORDER BY m.decision, s.name, o.sku
                    """
            ).map { row in
                MergeDecision(
                    decision: row["decision"], offer: row["offer"], brand: row["brand"], name: row["name"],
                    product: row["product"], productName: row["productName"], similarity: row["similarity"],
                    reason: row["reason"])
            }
        }
    }

    /// Puts the offer `offer` names (`SOURCE:SKU`, or a sku one source lists) with the product `product` names,
    /// and records the decision so later imports keep it. The offer's former product, left without offers, is
    /// removed, its verdicts moved to the product the offer joins. Returns false when the offer was already with
    /// that product (nothing changed).
    @discardableResult
    public func linkOffer(_ offer: String, to product: String, at date: Date = Date()) throws(CatalogError) -> Bool {
        try write { db in
            let moving = try Self.offerRow(db, reference: offer)
            guard let key = try Self.productKey(db, reference: product),
                let targetId = try ProductRow.filter(ProductRow.Columns.sku == key).fetchOne(db)?.id
            else { throw CatalogError.unknownSKU(product) }
            guard moving.productId != targetId else { return false }
            let now = ISO8601DateFormatter().string(from: date)
            try Self.detach(db, offerId: moving.id, from: moving.productId, keepVerdictsWith: targetId)
            try OfferRow.filter(id: moving.id).updateAll(db, OfferRow.Columns.productId.set(to: targetId))
            try OfferMatchRow(
                offerId: moving.id, decision: "linked", otherProductId: nil, similarity: nil,
                reason: "linked by hand", decidedAt: now
            ).save(db)
            // The decision, both ways, against every offer of the product: kept by later imports.
            let others = try OfferRow.filter(
                OfferRow.Columns.productId == targetId && OfferRow.Columns.id != moving.id
            ).fetchAll(db)
            for other in others {
                let (a, b) = ((moving.sourceId, moving.sku), (other.sourceId, other.sku))
                try Self.decide(db, a, b, kind: "link", at: now)
                try Self.decide(db, b, a, kind: "link", at: now)
            }
            return true
        }
    }

    /// Takes the offer `offer` names out of its product into a product of its own, built from that offer's own
    /// label, and records that it never joins the offers it left (later imports keep it apart).
    public func unlinkOffer(_ offer: String, at date: Date = Date()) throws(CatalogError) {
        try write { db in
            let moving = try Self.offerRow(db, reference: offer)
            let now = ISO8601DateFormatter().string(from: date)
            let others = try OfferRow.filter(
                OfferRow.Columns.productId == moving.productId && OfferRow.Columns.id != moving.id
            ).fetchAll(db)
            guard !others.isEmpty else {
                throw CatalogError.cannotLink("\(offer) is its product's only offer: there is nothing to unlink")
            }
            for other in others {
                let b = (other.sourceId, other.sku)
                typealias Decision = OfferDecisionRow.Columns
                let oneWay = { (from: (Int64, String), to: (Int64, String)) in
                    Decision.sourceId == from.0 && Decision.sku == from.1 && Decision.otherSourceId == to.0
                        && Decision.otherSku == to.1
                }
                try OfferDecisionRow.filter(
                    Decision.kind == "link"
                        && (oneWay((moving.sourceId, moving.sku), b) || oneWay(b, (moving.sourceId, moving.sku)))
                ).deleteAll(db)
                try Self.decide(db, (moving.sourceId, moving.sku), b, kind: "unlink", at: now)
                try Self.decide(db, b, (moving.sourceId, moving.sku), kind: "unlink", at: now)
            }
            try Self.split(db, offerId: moving.id, from: moving.productId, at: now)
        }
    }

    /// The offer a reference names: `SOURCE:SKU`, or a sku exactly one offer has.
    static func offerRow(_ db: Database, reference: String) throws -> OfferRow {
        var rows: [OfferRow] = []
        if let colon = reference.firstIndex(of: ":") {
            rows = try OfferRow.fetchAll(
                db,
                sql: """
                    SELECT o.* FROM offer o JOIN source s ON s.id = o.sourceId
                    WHERE s.name = ? AND o.sku = ?
                    """,
                arguments: [String(reference[..<colon]), String(reference[reference.index(after: colon)...])])
        }
        if rows.isEmpty {
            // Source by source through the (sourceId, sku) index (CROSS JOIN keeps sources the outer loop).
            rows = try OfferRow.fetchAll(
                db,
                sql: """
                    SELECT o.* FROM source s CROSS JOIN offer o
                    ON o.sourceId = s.id AND o.sku = ?
                    """, arguments: [reference])
        }
        if rows.count > 1 {
            let names = try rows.map { row in
                "\(try SourceRow.fetchOne(db, id: row.sourceId)?.name ?? "?"):\(row.sku)"
            }
            throw CatalogError.ambiguousSKU(reference, offers: names)
        }
        guard let row = rows.first else { throw CatalogError.unknownSKU(reference) }
        return row
    }

    private static func decide(
        _ db: Database, _ offer: (Int64, String), _ other: (Int64, String), kind: String, at now: String
    ) throws {
        try OfferDecisionRow(
            sourceId: offer.0, sku: offer.1, otherSourceId: other.0, otherSku: other.1, kind: kind, decidedAt: now
        ).insert(db, onConflict: .replace)
    }

    /// Takes an offer away from its product before it joins another: a product left without offers is deleted
    /// (its verdicts first moved to `keepVerdictsWith`); a product that loses its label offer takes the label of
    /// the offer that remains first. Either way an offer that was the label keeps the label it printed (the
    /// product's brand, name and texts, which a label offer does not hold itself), so the search still finds the
    /// product it joins by the offer's name and brand, and an unlink can rebuild the offer's own product.
    private static func detach(_ db: Database, offerId: Int64, from productId: Int64, keepVerdictsWith: Int64)
        throws
    {
        let remaining = try OfferRow.select(min(OfferRow.Columns.id), as: Int64.self)
            .filter(OfferRow.Columns.productId == productId && OfferRow.Columns.id != offerId).fetchOne(db)
        guard let remaining else {
            if let product = try ProductRow.fetchOne(db, id: productId), product.labelOfferId == offerId {
                try OfferRow.filter(id: offerId).updateAll(db, OfferRow.labelTexts(product))
            }
            // Set-wise over the product's verdicts (the verdict table's own SQL, with OR IGNORE for duplicates).
            try db.execute(
                sql: "UPDATE OR IGNORE verdict SET productId = ? WHERE productId = ?",
                arguments: [keepVerdictsWith, productId])
            try OfferRow.filter(id: offerId).updateAll(db, OfferRow.Columns.productId.set(to: keepVerdictsWith))
            try ProductRow.deleteOne(db, id: productId)
            return
        }
        if try ProductRow.fetchOne(db, id: productId)?.labelOfferId == offerId {
            try swapLabel(db, productId: productId, from: offerId, to: remaining)
        }
    }

    /// Moves an offer out of its product into a new product of its own.
    private static func split(_ db: Database, offerId: Int64, from productId: Int64, at now: String) throws {
        guard let product = try ProductRow.fetchOne(db, id: productId) else {
            throw CatalogError.database("product \(productId) disappeared")
        }
        let isLabel = product.labelOfferId == offerId
        // The side that keeps the product is the one with its label: splitting the label offer off moves the others.
        let (leaving, staying): ([Int64], Int64)
        if isLabel {
            leaving = try OfferRow.select(OfferRow.Columns.id, as: Int64.self)
                .filter(OfferRow.Columns.productId == productId && OfferRow.Columns.id != offerId)
                .order(OfferRow.Columns.id).fetchAll(db)
            staying = offerId
        } else {
            leaving = [offerId]
            staying = offerId
        }
        guard let first = leaving.first else { return }
        let newId = try copyProduct(db, product, labelOfferId: first)
        try OfferRow.filter(keys: leaving).updateAll(db, OfferRow.Columns.productId.set(to: newId))
        try OfferMatchRow(
            offerId: staying, decision: "unlinked", otherProductId: isLabel ? newId : productId, similarity: nil,
            reason: "unlinked by hand", decidedAt: now
        ).save(db)
        try relabel(db, productId: newId, offerId: first)
    }

    /// A new product with the same identity as `product` (brand, name, category, packaging, delivery text) under a
    /// fresh key; its label is written by ``relabel(_:productId:offerId:)``.
    private static func copyProduct(_ db: Database, _ product: ProductRow, labelOfferId: Int64) throws -> Int64 {
        guard let offer = try OfferRow.fetchOne(db, id: labelOfferId),
            let source = try SourceRow.fetchOne(db, id: offer.sourceId)
        else { throw CatalogError.database("offer \(labelOfferId) disappeared") }
        var key = offer.sku
        if try ProductRow.filter(ProductRow.Columns.sku == key).isEmpty(db) == false {
            key = "\(source.name):\(key)"
        }
        var copy = product.identityCopy(sku: key, labelOfferId: labelOfferId)
        return try copy.insertReturningId(db)
    }

    private static func swapLabel(_ db: Database, productId: Int64, from old: Int64, to new: Int64) throws {
        // The old label offer keeps the label it printed, as any other offer does.
        guard let product = try ProductRow.fetchOne(db, id: productId) else {
            throw CatalogError.database("product \(productId) disappeared")
        }
        try OfferRow.filter(id: old).updateAll(db, OfferRow.labelTexts(product))
        try relabel(db, productId: productId, offerId: new)
    }

    /// Rewrites a product's label from one of its offers, through an import of that offer's listing.
    private static func relabel(_ db: Database, productId: Int64, offerId: Int64) throws {
        try ProductRow.filter(id: productId).updateAll(db, ProductRow.Columns.labelOfferId.set(to: offerId))
        try RowImporter.relabel(db, productId: productId, offerId: offerId)
    }
}
