import Foundation
import GRDB
import SkinDomain

/// The offer side of an import: finds a row's offer in its source, matches a new offer to a product another source
/// already lists, and writes offers and match decisions. Statements are prepared once per run.
///
/// **Matching rules** (docs/sources-and-offers.md). A new offer joins an existing product when:
/// - the user linked its source and sku to an offer of that product (`skincat link`), or else
/// - the product has the same identity key (`ProductIdentity.key(brand:name:shade:)`: brand and name normalised,
///   sizes and shade stripped), compatible sizes (`ProductIdentity.sizesCompatible(_:_:)`), no shade that differs
///   from the offer's, no offer from the same source (a source lists a product once: two skus of one source are two
///   products, a shade or a size each), no `unlink` decision against the offer, and an ingredient list that
///   confirms it (``ListComparison``): the same list (or nearly) merges; no list on either side, or a nearly-same
///   list, merges but is listed for review; a very different list keeps the offer apart as a new product, reported
///   as a possible reformulation.
///
/// Among several candidates the most similar list wins (then the lowest id, so the choice is repeatable).
struct OfferBook {
    /// What a new offer becomes.
    enum Match {
        /// It joins this product.
        case join(productId: Int64, decision: String, similarity: Double?, reason: String)
        /// It becomes a product of its own; `apartFrom` is the same-name product it was kept apart from.
        case new(apartFrom: Int64?, similarity: Double?, reason: String?)
    }

    /// An offer of this source already in the catalog.
    struct Existing {
        var offerId: Int64
        var productId: Int64
        var contentHash: String
        var importRunId: Int64?
        var sourceLine: Int?
        var isLabel: Bool
    }

    let db: Database
    let sourceId: Int64
    let sourceName: String
    let runId: Int64
    let now: String
    /// False while no other source has offers: a first import matches nothing, and skips the look-ups.
    let otherSources: Bool

    /// The identity key a new product of this run stores: nil while the catalog has one source (see `init`).
    func identityKey(brand: String, name: String, shade: String?) -> String? {
        otherSources ? ProductIdentity.key(brand: brand, name: name, shade: shade) : nil
    }
    /// This source's user decisions, by sku: (kind, other source id, other sku).
    let decisions: [String: [(kind: String, sourceId: Int64, sku: String)]]
    private(set) var nextOfferId: Int64

    // The look-ups, prepared once per run (the matching queries: hand-written SQL).
    private let selectOffer: Statement
    private let selectCandidates: Statement
    private let selectItems: Statement
    private let selectKeyTaken: Statement
    /// Once per new offer: prepared once (``PreparedInsert``).
    private let insertOffer: PreparedInsert<OfferRow>

    /// The source's id, made when the catalog does not know the name yet (names match without regard to case).
    static func sourceId(_ db: Database, name: String, now: String) throws -> Int64 {
        if let id = try SourceRow.filter(SourceRow.Columns.name == name).fetchOne(db)?.id { return id }
        var source = SourceRow(name: name, createdAt: now)
        return try source.insertReturningId(db)
    }

    init(db: Database, sourceName: String, runId: Int64, now: String) throws {
        self.db = db
        self.sourceName = sourceName
        self.runId = runId
        self.now = now
        sourceId = try Self.sourceId(db, name: sourceName, now: now)
        try ImportRunRow.filter(id: runId).updateAll(db, ImportRunRow.Columns.sourceId.set(to: sourceId))
        // Source by source through the (sourceId, sku) index: never a scan of this source's own offers.
        otherSources =
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM source s WHERE s.id <> ?
                                   AND EXISTS (SELECT 1 FROM offer o WHERE o.sourceId = s.id))
                    """, arguments: [sourceId]) ?? false
        var decisions: [String: [(kind: String, sourceId: Int64, sku: String)]] = [:]
        for row in try OfferDecisionRow.filter(OfferDecisionRow.Columns.sourceId == sourceId).fetchAll(db) {
            decisions[row.sku, default: []].append((row.kind, row.otherSourceId, row.otherSku))
        }
        self.decisions = decisions
        nextOfferId = (try OfferRow.select(max(OfferRow.Columns.id), as: Int64.self).fetchOne(db) ?? 0) + 1
        // Identity keys are needed only once a second source exists: a catalog of one source never computes them
        // (12-16 µs a product). The first import with another source fills in every missing key, once; from then
        // on each new product gets its key as it is made.
        if otherSources {
            try Self.fillIdentityKeys(db)
        } else {
            try db.execute(sql: "DELETE FROM catalogMeta WHERE key = ?", arguments: [Self.identityRulesKey])
        }

        selectOffer = try db.makeStatement(
            sql: """
                SELECT o.id, o.productId, o.contentHash, o.importRunId, o.sourceLine,
                       (SELECT labelOfferId FROM product WHERE id = o.productId) = o.id AS isLabel
                FROM offer o WHERE o.sourceId = ? AND o.sku = ?
                """)
        selectCandidates = try db.makeStatement(
            sql: """
                SELECT p.id, p.sizeMl, p.sizeG, p.shade, p.name FROM product p
                WHERE p.identityKey = ?
                  AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.productId = p.id AND o.sourceId = ?)
                ORDER BY p.id
                """)
        selectItems = try db.makeStatement(
            sql: """
                SELECT ingredientId, nameKey, amountPpm, amountSource FROM productIngredientLine
                WHERE productId = ? AND mayContain = 0 ORDER BY line
                """)
        selectKeyTaken = try db.makeStatement(sql: "SELECT EXISTS (SELECT 1 FROM product WHERE sku = ?)")
        insertOffer = try PreparedInsert(db)
    }

    /// The catalog meta key naming the `ProductIdentity` rules the stored keys were computed with.
    static let identityRulesKey = "identityRules"

    /// Computes every product's identity key when the catalog's keys are missing (a catalog upgraded by 0011, or
    /// one that had a single source) or were computed by other rules: once, at the first import that needs them.
    /// The catalog meta key ``identityRulesKey`` says that every product has its key, computed by these rules.
    static func fillIdentityKeys(_ db: Database) throws {
        let current = String(ProductIdentity.version)
        let stored = try String.fetchOne(
            db, sql: "SELECT value FROM catalogMeta WHERE key = ?", arguments: [identityRulesKey])
        guard stored != current else { return }
        // Once per product of the whole catalog: one statement prepared once rather than a record update each.
        let update = try db.makeStatement(
            sql: "UPDATE product SET \(ProductRow.Columns.identityKey.name) = ? WHERE \(ProductRow.Columns.id.name) = ?"
        )
        let batch = try db.makeStatement(
            sql: "SELECT id, brand, name, shade FROM product WHERE id > ? ORDER BY id LIMIT 10000")
        // In batches by id, so memory stays bounded whatever the catalog's size.
        var last: Int64 = 0
        while true {
            let rows = try Row.fetchAll(batch, arguments: [last])
            guard let end = rows.last?["id"] as Int64? else { break }
            for row in rows {
                let key = ProductIdentity.key(brand: row["brand"], name: row["name"], shade: row["shade"])
                try update.execute(arguments: [key, row["id"]])
            }
            last = end
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO catalogMeta (key, value) VALUES (?, ?)",
            arguments: [identityRulesKey, current])
    }

    func existing(sku: String) throws -> Existing? {
        guard let row = try Row.fetchOne(selectOffer, arguments: [sourceId, sku]) else { return nil }
        return Existing(
            offerId: row["id"], productId: row["productId"], contentHash: row["contentHash"],
            importRunId: row["importRunId"], sourceLine: row["sourceLine"], isLabel: row["isLabel"])
    }

    /// The key a new product takes: its sku, or `SOURCE:SKU` when another product already has that sku.
    func productKey(sku: String) throws -> String {
        guard try Bool.fetchOne(selectKeyTaken, arguments: [sku]) == true else { return sku }
        let qualified = "\(sourceName):\(sku)"
        guard try Bool.fetchOne(selectKeyTaken, arguments: [qualified]) == true else { return qualified }
        var suffix = 2
        while try Bool.fetchOne(selectKeyTaken, arguments: ["\(qualified)#\(suffix)"]) == true { suffix += 1 }
        return "\(qualified)#\(suffix)"
    }

    /// The size a name states (`Hydrating Toner 180ml`, `Cleanser (5 fl oz)`), for a listing without a size field:
    /// many retailers print the size only in the name.
    static func size(inName name: String) -> ProductSize? {
        guard name.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return ProductSize(parsing: name)
    }

    /// A list entry as lists are compared: its resolved ingredient (`#12`), else its normalised printed name.
    static func item(ingredientId: Int64?, nameKey: String) -> String {
        ingredientId.map { "#\($0)" } ?? nameKey
    }

    /// Where a new offer goes, given its list lines (may-contain entries are left out of the comparison).
    ///
    /// Lists that agree but state different amounts of one ingredient (`NMN 1000 ppm` against `NMN 2000 ppm`, both
    /// declared or printed on the label) are merged for review only: a concentration change is a reformulation
    /// the list alone does not show.
    func match(_ listing: ProductListing, lines: [ProductIngredientLine]) throws -> Match {
        for link in decisions[listing.sku] ?? [] where link.kind == "link" {
            if let offer = try OfferRow.filter(
                OfferRow.Columns.sourceId == link.sourceId && OfferRow.Columns.sku == link.sku
            ).fetchOne(db) {
                return .join(productId: offer.productId, decision: "linked", similarity: nil, reason: "linked by hand")
            }
        }
        guard otherSources, let best = try bestCandidate(for: listing, lines: lines) else {
            return .new(apartFrom: nil, similarity: nil, reason: nil)
        }
        return Self.decision(best)
    }

    /// A product another source lists that the offer may be, with how alike their lists are.
    struct Candidate {
        var productId: Int64
        var comparison: ListComparison
        /// An ingredient whose stated amount differs between the two labels, described; nil when none does.
        var conflict: String?
    }

    /// The candidate whose list is most like the offer's, among the products with its identity key that pass the
    /// size, shade, source and unlink checks; nil when there is none.
    private func bestCandidate(for listing: ProductListing, lines: [ProductIngredientLine]) throws -> Candidate? {
        let mySize = listing.size ?? Self.size(inName: listing.name)
        let listed = lines.filter { !$0.mayContain }
        let items = listed.map { Self.item(ingredientId: $0.ingredientId, nameKey: $0.nameKey) }
        var stated: [String: (ppm: Double, name: String)] = [:]
        for line in listed {
            guard let ppm = line.amount?.ppm, line.amountSource == .declared || line.amountSource == .printed
            else { continue }
            stated[Self.item(ingredientId: line.ingredientId, nameKey: line.nameKey)] = (ppm, line.printedName)
        }
        let key = ProductIdentity.key(brand: listing.brand, name: listing.name, shade: listing.shade)
        let unlinked = (decisions[listing.sku] ?? []).filter { $0.kind == "unlink" }
        var best: Candidate?
        for row in try Row.fetchAll(selectCandidates, arguments: [key, sourceId]) {
            let productId: Int64 = row["id"]
            let stored = ProductSize(millilitres: row["sizeMl"], grams: row["sizeG"])
            let size = stored.millilitres != nil || stored.grams != nil ? stored : Self.size(inName: row["name"])
            guard ProductIdentity.sizesCompatible(mySize, size) else { continue }
            if let mine = listing.shade, let theirs = row["shade"] as String?,
                ProductIdentity.brandKey(mine) != ProductIdentity.brandKey(theirs)
            {
                continue
            }
            if !unlinked.isEmpty, try isUnlinked(productId: productId, from: unlinked) { continue }
            var theirItems: [String] = []
            var conflict: String?
            for line in try Row.fetchAll(selectItems, arguments: [productId]) {
                let item = Self.item(ingredientId: line["ingredientId"], nameKey: line["nameKey"])
                theirItems.append(item)
                let source: String? = line["amountSource"]
                if conflict == nil, let theirs = line["amountPpm"] as Double?,
                    source == "declared" || source == "printed",
                    let mine = stated[item], abs(mine.ppm - theirs) > 0.01 * max(mine.ppm, theirs)
                {
                    conflict =
                        "\(mine.name) \(ProductComposition.format(ppm: mine.ppm)) here, "
                        + "\(ProductComposition.format(ppm: theirs)) on the product's label"
                }
            }
            let comparison = ListComparison(items, theirItems)
            if best.map({ comparison.similarity > $0.comparison.similarity }) ?? true {
                best = Candidate(productId: productId, comparison: comparison, conflict: conflict)
            }
        }
        return best
    }

    /// What the best candidate's lists say (the table in docs/sources-and-offers.md), with the reason recorded.
    private static func decision(_ best: Candidate) -> Match {
        let comparison = best.comparison
        let shared =
            "\(comparison.shared.count) shared; this list has \(comparison.shared.count + comparison.onlyInFirst.count), "
            + "the product's \(comparison.shared.count + comparison.onlyInSecond.count)"
        let same = "same brand and name, compatible size"
        switch comparison.verdict {
        case .same where best.conflict != nil:
            return .join(
                productId: best.productId, decision: "review", similarity: comparison.similarity,
                reason: "\(same), same ingredient list (\(shared)), but the stated amounts differ: "
                    + (best.conflict ?? ""))
        case .same:
            return .join(
                productId: best.productId, decision: "merged", similarity: comparison.similarity,
                reason: "\(same), same ingredient list (\(shared))")
        case .nearly:
            return .join(
                productId: best.productId, decision: "review", similarity: comparison.similarity,
                reason: "\(same), nearly the same ingredient list (\(shared))")
        case .unknown:
            return .join(
                productId: best.productId, decision: "review", similarity: nil,
                reason: "\(same), no ingredient list to compare")
        case .different:
            return .new(
                apartFrom: best.productId, similarity: comparison.similarity,
                reason: "same brand and name but a different ingredient list (\(shared)): "
                    + "a possible reformulation, or another product")
        }
    }

    private func isUnlinked(productId: Int64, from decisions: [(kind: String, sourceId: Int64, sku: String)])
        throws -> Bool
    {
        for decision in decisions {
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM offer WHERE productId = ? AND sourceId = ? AND sku = ?)",
                arguments: [productId, decision.sourceId, decision.sku]) == true
            {
                return true
            }
        }
        return false
    }

    /// Writes a new offer. The label offer's texts are its product's, so they are stored only for other offers.
    @discardableResult
    mutating func insert(
        _ listing: ProductListing, productId: Int64, hash: String, line: Int, isLabel: Bool, extraFields: String?
    ) throws -> Int64 {
        let id = nextOfferId
        nextOfferId += 1
        try insertOffer.insert(
            OfferRow(
                id: id, sourceId: sourceId, productId: productId, listing: listing, isLabel: isLabel,
                extraFields: extraFields, contentHash: hash, importRunId: runId, sourceLine: line))
        return id
    }

    /// Rewrites an offer this source listed before with the row's listing; it is listed again.
    func update(_ existing: Existing, _ listing: ProductListing, hash: String, line: Int, extraFields: String?) throws {
        try OfferRow(
            id: existing.offerId, sourceId: sourceId, productId: existing.productId, listing: listing,
            isLabel: existing.isLabel, extraFields: extraFields, contentHash: hash, importRunId: runId,
            sourceLine: line
        ).update(db)
    }

    /// Records that this run listed the offer, unchanged, on `line`.
    func markSeen(_ existing: Existing, line: Int) throws {
        typealias Columns = OfferRow.Columns
        try OfferRow.filter(id: existing.offerId).updateAll(
            db, Columns.importRunId.set(to: runId), Columns.sourceLine.set(to: line),
            Columns.notSeenSince.set(to: nil))
    }

    /// Records how a new offer was placed (``Match``).
    func record(offerId: Int64, decision: String, otherProductId: Int64?, similarity: Double?, reason: String) throws {
        try OfferMatchRow(
            offerId: offerId, decision: decision, otherProductId: otherProductId, similarity: similarity,
            reason: reason, decidedAt: now
        ).save(db)
    }

    /// After a whole source was read: marks the offers of the source this run did not list as not seen (from now),
    /// and with `prune` deletes them, with the products left without an offer. Returns (marked, pruned) and the
    /// products that lost the offer their label came from but kept others.
    func closeRun(prune: Bool) throws -> (notSeen: Int, pruned: Int, relabel: [Int64]) {
        // Set-wise over the source's offers this run did not list: hand-written SQL.
        let missing = "sourceId = ? AND (importRunId IS NULL OR importRunId <> ?)"
        try db.execute(
            sql: "UPDATE offer SET notSeenSince = ? WHERE \(missing) AND notSeenSince IS NULL",
            arguments: [now, sourceId, runId])
        let notSeen = db.changesCount
        guard prune else { return (notSeen, 0, []) }
        let affected = try Int64.fetchAll(
            db, sql: "SELECT DISTINCT productId FROM offer WHERE \(missing)", arguments: [sourceId, runId])
        try db.execute(sql: "DELETE FROM offer WHERE \(missing)", arguments: [sourceId, runId])
        let pruned = db.changesCount
        var relabel: [Int64] = []
        for productId in affected {
            if try OfferRow.filter(OfferRow.Columns.productId == productId).isEmpty(db) {
                try ProductRow.deleteOne(db, id: productId)
            } else if try Bool.fetchOne(
                db,
                sql: "SELECT NOT EXISTS (SELECT 1 FROM offer o JOIN product p ON p.labelOfferId = o.id "
                    + "WHERE p.id = ?)", arguments: [productId]) == true
            {
                relabel.append(productId)
            }
        }
        return (notSeen, pruned, relabel)
    }
}
