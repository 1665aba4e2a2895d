import GRDB

/// A product's place in a ranking, with its score explained.
public struct RankedProduct: Sendable, Codable, Equatable {
    /// 1-based place; products are ordered by score, then the documented tie-break.
    public var rank: Int
    public var sku: String
    public var brand: String
    public var name: String
    public var category: String?
    public var price: Double?
    public var currency: String?
    /// The active the ranking is for (`NMN`, `niacinamide`).
    public var active: String
    /// The amount the concentration criterion used: declared, printed or named, or the upper bound from the list's
    /// order (source `inferred`); nil when undisclosed or only a lower bound is known (see ``interval``).
    public var amountPpm: Double?
    /// `declared`, `printed`, `named`, `inferred` (an upper bound from list order) or nil (undisclosed).
    public var amountSource: AmountSource?
    /// What the list's order says of the active's amount, with the lines and caps that say it; nil when nothing.
    public var interval: ListOrderInterval?
    /// The amount the product's name states for the active, whether or not the score used it (the label wins).
    public var namedAmount: NamedAmountDetail?
    /// The active's place in the printed list; nil when it is not listed (declared or named only).
    public var position: Int?
    public var score: ProductScore
}

/// What to rank and how.
public struct RankingOptions: Sendable {
    /// The rubric's name for the active (`NMN`, `niacinamide`; case-insensitive).
    public var active: String
    /// Only products this query matches.
    public var filter: QueryExpression?
    public var limit: Int?
    public var rubric: Rubric
    /// Only these products (for `skincat explain`).
    public var skus: [String]?

    public init(
        active: String = "NMN", filter: QueryExpression? = nil, limit: Int? = nil,
        rubric: Rubric = .default, skus: [String]? = nil
    ) {
        self.active = active
        self.filter = filter
        self.limit = limit
        self.rubric = rubric
        self.skus = skus
    }
}

extension Catalog {
    /// Ranks the products that list an active by the rubric's label criteria.
    ///
    /// Only products that list the active (outside a may-contain section), declare an amount of it, or state one
    /// in their name are ranked. The concentration criterion uses the best evidence (declared > printed > named >
    /// list order; docs/concentration-evidence.md). Order: score (highest first), then the concentration points,
    /// then the amount (more first, unknown last), then the active's list position (earlier first, unlisted
    /// last), then brand, name and sku (alphabetical), so the order is the same on every run.
    ///
    /// ```swift
    /// let top = try catalog.ranking(RankingOptions(active: "NMN", limit: 10))
    /// ```
    /// - Throws: ``CatalogError`` when the rubric has no such active, its ingredient is not in the dictionary, or
    ///   the database fails; ``QueryError`` from compiling the filter.
    public func ranking(_ options: RankingOptions) throws -> [RankedProduct] {
        guard let (activeName, active) = options.rubric.active(named: options.active) else {
            throw CatalogError.unknownActive(options.active, known: options.rubric.actives.keys.sorted())
        }
        do {
            return try writer.read { db in
                try RankingQuery(db: db, activeName: activeName, active: active, options: options).run()
            }
        } catch let error as QueryError {
            throw error
        } catch {
            throw failure(error)
        }
    }

    /// A digest of every product's content and the dictionary, so two exports can tell whether they ranked the
    /// same catalog.
    public func fingerprint() throws(CatalogError) -> String {
        try read { db in
            var fingerprint = Fingerprint()
            fingerprint.combine("dictionary \(try Self.dictionaryRevision(db))")
            let cursor = try Row.fetchCursor(db, sql: "SELECT sku, contentHash FROM product ORDER BY sku")
            while let row = try cursor.next() {
                fingerprint.combine(row[0])
                fingerprint.combine(row[1])
            }
            return fingerprint.description
        }
    }
}

/// Gathers the scoring facts of every candidate product with a handful of set-wise queries, then scores them.
private struct RankingQuery {
    let db: Database
    let activeName: String
    let active: Rubric.Active
    let options: RankingOptions

    /// One companion entry of the rubric (`NIACINAMIDE`, `class:peptide`) and the ingredient ids it covers.
    struct CompanionEntry {
        var label: String
        var proven: Bool
        var ingredientIds: Set<Int64>
    }

    func run() throws -> [RankedProduct] {
        guard let activeId = try ingredientId(active.ingredient) else {
            throw CatalogError.database(
                "the rubric's ingredient \"\(active.ingredient)\" for \(activeName) is not in the dictionary")
        }
        let listing = """
            SELECT productId FROM productIngredientLine WHERE ingredientId = \(activeId) AND mayContain = 0 \
            UNION SELECT productId FROM productNamedAmount WHERE ingredientId = \(activeId)
            """
        var conditions = ["p.id IN (\(listing))"]
        var arguments = StatementArguments()
        if let filter = options.filter {
            let compiled = try QueryCompiler.compile(filter, db: db)
            conditions.append(compiled.whereClause)
            arguments += compiled.arguments
        }
        if let skus = options.skus {
            conditions.append("p.sku IN (\(skus.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(skus)
        }
        let packagingColumns = Packaging.named.map { "p.\(Packaging.column(for: $0.name))" }
        var products: [Int64: (row: Row, packaging: Packaging)] = [:]
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT p.id, p.sku, p.brand, p.name, p.category, p.price, p.currency, p.packagingText,
                       \(packagingColumns.joined(separator: ", "))
                FROM product p WHERE \(conditions.joined(separator: " AND "))
                """, arguments: arguments)
        while let row = try cursor.next() {
            var packaging: Packaging = []
            for (index, named) in Packaging.named.enumerated() where (row[8 + index] as Int) == 1 {
                packaging.insert(named.attribute)
            }
            products[row[0]] = (row.copy(), packaging)
        }

        let amounts = try activeAmounts(activeId)
        let listOrder = try Catalog.listOrder(
            where: conditions.joined(separator: " AND "), arguments: arguments, db: db)
        let deliveries = try deliveries(listing)
        let companions = try companionsPresent(listing, activeId: activeId)
        let studies = try studies(activeId)

        var ranked: [RankedProduct] = []
        ranked.reserveCapacity(products.count)
        for (id, product) in products {
            let amount = amounts[id]
            let order = listOrder[id]
            let named = order?.namedAmount(of: activeId)
            let interval = order?.interval(of: activeId)
            var facts = ScoringFacts(
                amount: amount?.amount, amountSource: amount?.source, deliveries: deliveries[id] ?? [],
                provenCompanions: companions[id]?.proven ?? [],
                samePathwayCompanions: companions[id]?.samePathway ?? [],
                packaging: product.packaging, packagingDescribed: (product.row["packagingText"] as String?) != nil,
                studies: studies)
            facts.namedAmount = named.map { (Amount(ppm: $0.amountPpm), $0.text) }
            facts.interval = interval
            facts.beforeOnePercentLine = order?.beforeOnePercentLine(activeId)
            let score = Scorer.score(facts, activeName: activeName, active: active, rubric: options.rubric)
            var used: (ppm: Double?, source: AmountSource?)
            switch score.concentrationEvidence {
            case .declared, .printed: used = (amount?.amount?.ppm, amount?.source)
            case .named: used = (named?.amountPpm, .named)
            case .listOrder:
                let upper = interval?.upper ?? (amount?.source == .inferred ? amount?.amount?.ppm : nil)
                used = (upper, upper == nil ? nil : .inferred)
            case .undisclosed: used = (nil, nil)
            }
            ranked.append(
                RankedProduct(
                    rank: 0, sku: product.row["sku"], brand: product.row["brand"], name: product.row["name"],
                    category: product.row["category"], price: product.row["price"], currency: product.row["currency"],
                    active: activeName, amountPpm: used.ppm, amountSource: used.source,
                    interval: interval.flatMap(ListOrderInterval.init), namedAmount: named,
                    position: order?.lines.first { $0.ingredientId == activeId && !$0.mayContain }?.position,
                    score: score))
        }
        // Sort small keys, computed once, rather than the products themselves: the comparison runs n log n times.
        let keys = ranked.indices.map { SortKey(ranked[$0], index: $0) }.sorted(by: SortKey.precedes)
        let count = options.limit.map { min($0, keys.count) } ?? keys.count
        return keys.prefix(count).enumerated().map { place, key in
            var product = ranked[key.index]
            product.rank = place + 1
            return product
        }
    }

    /// What the order depends on: score, then concentration points, then amount (unknown last), then the active's
    /// position (unlisted last), then brand, name, sku.
    struct SortKey {
        var total: Double
        var concentration: Double
        var amount: Double?
        var position: Int?
        var brand: String
        var name: String
        var sku: String
        var index: Int

        init(_ product: RankedProduct, index: Int) {
            total = product.score.total
            concentration = product.score.points(.concentration)
            amount = product.amountSource == .inferred ? nil : product.amountPpm
            position = product.position
            brand = product.brand.lowercased()
            name = product.name.lowercased()
            sku = product.sku
            self.index = index
        }

        static func precedes(_ a: SortKey, _ b: SortKey) -> Bool {
            if a.total != b.total { return a.total > b.total }
            if a.concentration != b.concentration { return a.concentration > b.concentration }
            if a.amount != b.amount {
                guard let pa = a.amount else { return false }
                guard let pb = b.amount else { return true }
                return pa > pb
            }
            if a.position != b.position {
                guard let pa = a.position else { return false }
                guard let pb = b.position else { return true }
                return pa < pb
            }
            if a.brand != b.brand { return a.brand < b.brand }
            if a.name != b.name { return a.name < b.name }
            return a.sku < b.sku
        }
    }

    private func ingredientId(_ name: String) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT ingredientId FROM ingredientAlias WHERE aliasKey = ?",
            arguments: [NameKey(name).rawValue])
    }

    /// The best-known amount of the active per product: declared, then printed, then an inferred bound.
    private func activeAmounts(_ activeId: Int64) throws -> [Int64: (amount: Amount?, source: AmountSource?)] {
        var result: [Int64: (amount: Amount?, source: AmountSource?)] = [:]
        let rank: [AmountSource?: Int] = [.declared: 3, .printed: 2, .inferred: 1]
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT productId, amountPpm, amountSource, amountApproximate FROM productIngredientLine
                WHERE ingredientId = ? AND mayContain = 0
                """, arguments: [activeId])
        while let row = try cursor.next() {
            let source = (row[2] as String?).flatMap(AmountSource.init(rawValue:))
            let amount = (row[1] as Double?).map { Amount(ppm: $0, isApproximate: row[3]) }
            let id: Int64 = row[0]
            if let existing = result[id], (rank[existing.source] ?? 0) >= (rank[source] ?? 0) { continue }
            result[id] = (amount, source)
        }
        return result
    }

    private func deliveries(_ listing: String) throws -> [Int64: [Delivery]] {
        var result: [Int64: [Delivery]] = [:]
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT productId, system, basis, evidence FROM productDelivery WHERE productId IN (\(listing))
                """)
        while let row = try cursor.next() {
            guard let system = DeliverySystem(rawValue: row[1]), let basis = DeliveryBasis(rawValue: row[2]) else {
                continue
            }
            result[row[0], default: []].append(Delivery(system: system, basis: basis, evidence: row[3]))
        }
        return result
    }

    private func companionEntries(activeId: Int64) throws -> [CompanionEntry] {
        var entries: [CompanionEntry] = []
        let all = active.provenCompanions.map { ($0, true) } + active.samePathwayCompanions.map { ($0, false) }
        for (entry, proven) in all {
            var ids: Set<Int64>
            var label: String
            if entry.lowercased().hasPrefix("class:") {
                let className = String(entry.dropFirst("class:".count))
                ids = Set(
                    try Int64.fetchAll(
                        db, sql: "SELECT ingredientId FROM ingredientClassMember WHERE className = ?",
                        arguments: [className]))
                label =
                    try String.fetchOne(
                        db, sql: "SELECT label FROM ingredientClass WHERE name = ?",
                        arguments: [className])?.lowercased() ?? className
            } else {
                ids = Set(try ingredientId(entry).map { [$0] } ?? [])
                label = entry.lowercased()
            }
            ids.remove(activeId)
            if !ids.isEmpty { entries.append(CompanionEntry(label: label, proven: proven, ingredientIds: ids)) }
        }
        return entries
    }

    /// Per product, the companion entries present, labelled with the ingredients that satisfied them.
    private func companionsPresent(_ listing: String, activeId: Int64) throws
        -> [Int64: (proven: [String], samePathway: [String])]
    {
        let entries = try companionEntries(activeId: activeId)
        let allIds = entries.reduce(into: Set<Int64>()) { $0.formUnion($1.ingredientIds) }
        guard !allIds.isEmpty else { return [:] }
        // Every matching line, sorted by product and list position here: far cheaper than an ORDER BY over every
        // matching line of the catalog, and than growing a dictionary per product.
        var names: [Int64: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT id, inciName FROM ingredient WHERE id IN (\(allIds.map(String.init).joined(separator: ", ")))")
        {
            names[row[0]] = row[1]
        }
        var matches: [(productId: Int64, position: Int, ingredientId: Int64)] = []
        let statement = try db.makeStatement(
            sql: """
                SELECT productId, position, ingredientId FROM productIngredientLine
                WHERE mayContain = 0 AND ingredientId IN (\(allIds.map(String.init).joined(separator: ", ")))
                  AND productId IN (\(listing))
                """)
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            matches.append((row[0], (row[1] as Int?) ?? Int.max, row[2]))
        }
        matches.sort { ($0.productId, $0.position) < ($1.productId, $1.position) }
        var found: [Int64: [Int: [String]]] = [:]  // product -> entry index -> INCI names in list order
        var start = 0
        while start < matches.count {
            let productId = matches[start].productId
            var end = start
            var present: [Int: [String]] = [:]
            while end < matches.count && matches[end].productId == productId {
                let ingredient = matches[end].ingredientId
                let name = names[ingredient] ?? "?"
                for (index, entry) in entries.enumerated() where entry.ingredientIds.contains(ingredient) {
                    if !(present[index]?.contains(name) ?? false) { present[index, default: []].append(name) }
                }
                end += 1
            }
            found[productId] = present
            start = end
        }
        return found.mapValues { present in
            var proven: [String] = []
            var samePathway: [String] = []
            for (index, entry) in entries.enumerated() {
                guard let names = present[index] else { continue }
                let label =
                    names == [entry.label.uppercased()]
                    ? entry.label
                    : "\(entry.label) (\(names.map { $0.lowercased() }.joined(separator: ", ")))"
                if entry.proven { proven.append(label) } else { samePathway.append(label) }
            }
            return (proven, samePathway)
        }
    }

    private func studies(_ activeId: Int64) throws -> [ScoringFacts.StudyFact] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.concentrationPpm, (SELECT group_concat(model, ',') FROM studyModel WHERE studyId = s.id) AS models
                FROM study s JOIN studyIngredient si ON si.studyId = s.id WHERE si.ingredientId = ?
                """, arguments: [activeId]
        ).map { row in
            let models =
                (row["models"] as String?)?.split(separator: ",")
                .compactMap { EvidenceGrade(rawValue: String($0)) } ?? []
            return ScoringFacts.StudyFact(designs: models, concentrationPpm: row["concentrationPpm"])
        }
    }
}
