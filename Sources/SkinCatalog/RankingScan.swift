import GRDB
import SkinDomain

/// Ranks in two passes that hold little per product, so a million-product catalog ranks in bounded memory.
///
/// 1. **Score.** One pass over the candidates in id order: each product's row, its ingredient lines, deliveries and
///    named amounts are read through four cursors that advance together (a merge on the product id), its facts are
///    gathered and scored, and only a small sort key is kept (the score, the tie-breaks, the id).
/// 2. **Print.** The keys are sorted; the products to print are read again, a batch at a time in rank order, and
///    scored again with their reasons. Nothing holds the whole candidate set as text, and the reasons are built only
///    for the rows printed.
///
/// Both passes gather facts the same way (``ProductFacts``), so a product scores the same in each.
struct RankingScan {
    let db: Database
    let activeName: String
    let active: Rubric.Active
    let options: RankingOptions

    /// Products read again per batch of the print pass.
    static let batchSize = 500

    /// One companion entry of the rubric (`NIACINAMIDE`, `class:peptide`) and the ingredient ids it covers.
    struct CompanionEntry {
        var label: String
        var proven: Bool
        var ingredientIds: Set<Int64>
    }

    /// What every product of the ranking shares, read once.
    struct Context {
        var activeId: Int64
        var companions: [CompanionEntry]
        var companionIds: Set<Int64>
        var inciNames: [Int64: String]
        var studies: [ScoringFacts.StudyFact]
        var caps: [Int64: [ProductUse: IngredientCap]]
        /// Each stored printed name's text, ingredient, and whether it is a colour index (the distinct names:
        /// thousands, not millions; worked out once each rather than once per line).
        var names: [Int64: (printedName: String, ingredientId: Int64?, isColourant: Bool)]
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
        var id: Int64

        init(_ product: RankedProduct, id: Int64) {
            total = product.score.total
            concentration = product.score.points(.concentration)
            amount = product.amountSource == .inferred ? nil : product.amountPpm
            position = product.position
            brand = product.brand.lowercased()
            name = product.name.lowercased()
            sku = product.sku
            self.id = id
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

    /// Ranks, handing each product to `body` in rank order.
    func run(_ body: (RankedProduct) throws -> Void) throws {
        let context = try makeContext()
        let listing = """
            SELECT productId FROM productIngredientLine WHERE ingredientId = \(context.activeId) AND mayContain = 0 \
            UNION SELECT productId FROM productNamedAmount WHERE ingredientId = \(context.activeId)
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
            arguments += StatementArguments(try skus.map { try Catalog.productKey(db, reference: $0) ?? $0 })
        }

        var keys: [SortKey] = []
        try scan(where: conditions.joined(separator: " AND "), arguments: arguments, context: context) { id, product in
            keys.append(SortKey(product, id: id))
        }
        keys.sort(by: SortKey.precedes)
        let count = options.limit.map { min($0, keys.count) } ?? keys.count

        var place = 0
        while place < count {
            let batch = keys[place..<min(place + Self.batchSize, count)]
            var scored: [Int64: RankedProduct] = [:]
            try scan(
                where: "p.id IN (\(batch.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(batch.map(\.id)), context: context
            ) { id, product in
                scored[id] = product
            }
            for key in batch {
                guard var product = scored[key.id] else {
                    throw CatalogError.database("product \(key.sku) changed while it was being ranked")
                }
                place += 1
                product.rank = place
                try body(product)
            }
        }
    }

    // MARK: - The scan

    /// Scores every product `condition` selects (a condition on `product p`), in id order.
    private func scan(
        where condition: String, arguments: StatementArguments, context: Context,
        _ each: (Int64, RankedProduct) throws -> Void
    ) throws {
        let selected = "SELECT p.id FROM product p WHERE \(condition)"
        let packagingColumns = Packaging.named.map { "p.\(Packaging.column(for: $0.name))" }
        let products = try Row.fetchCursor(
            db,
            sql: """
                SELECT p.id, p.sku, p.brand, p.name, p.category, p.price, p.currency, p.packagingText IS NOT NULL,
                       p.productUse, p.sizeMl, p.sizeG, \(packagingColumns.joined(separator: ", "))
                FROM product p WHERE \(condition) ORDER BY p.id
                """, arguments: arguments)
        var related = try RelatedRows(db: db, selected: selected, arguments: arguments, context: context)
        while let row = try products.next() {
            let id: Int64 = row[0]
            var packaging: Packaging = []
            for (index, attribute) in Packaging.named.enumerated() where (row[11 + index] as Int) == 1 {
                packaging.insert(attribute.attribute)
            }
            let facts = ProductFacts(
                use: try Catalog.storedUse(row[8]), packaging: packaging,
                packagingDescribed: row[7], lines: try related.lines.elements(of: id),
                componentStarts: try related.components.elements(of: id),
                deliveries: try related.deliveries.elements(of: id).compactMap { $0 },
                named: try related.named.elements(of: id))
            var product = score(
                facts, context: context,
                product: ProductSummary(
                    sku: row[1], brand: row[2], name: row[3], category: row[4], price: row[5], currency: row[6]))
            let listed = try related.offers.elements(of: id)
            let prices = listed.filter { $0.currency == product.currency }.compactMap(\.price)
            product.offers = listed.count
            product.lowestPrice = prices.min()
            product.highestPrice = prices.max()
            product.value = product.value(sizeMl: Catalog.finite(row[9]), sizeG: Catalog.finite(row[10]))
            if let conversion = options.conversion, product.value.perUnit != nil {
                if let converted = conversion.convert(product.value) {
                    product.value = converted
                } else {
                    product.valueLeftOut = .noRate(product.value.currency)
                }
            }
            try each(id, product)
        }
    }

    /// The rows beside each scanned product (its lines, deliveries, list components, named amounts and offers),
    /// each read in product order alongside the product cursor, so no product's rows are held longer than needed.
    private struct RelatedRows {
        var lines: Merged<ProductListOrder.Line>
        var deliveries: Merged<Delivery?>
        var components: Merged<Int>
        var named: Merged<NamedAmountDetail>
        var offers: Merged<(price: Double?, currency: String?)>

        init(db: Database, selected: String, arguments: StatementArguments, context: Context) throws {
            lines = try Merged(
                Row.fetchCursor(
                    db,
                    sql: """
                        SELECT productId, line, position, nameId, mayContain, amountPpm, amountSource, amountApproximate
                        FROM productIngredient WHERE productId IN (\(selected)) ORDER BY productId, line
                        """, arguments: arguments)
            ) { row in
                let name = context.names[row[3]]
                return (
                    row[0],
                    ProductListOrder.Line(
                        line: row[1], position: row[2], ingredientId: name?.ingredientId,
                        printedName: name?.printedName ?? "", mayContain: row[4],
                        amount: (row[5] as Double?).map { Amount(ppm: $0, isApproximate: row[7]) },
                        amountSource: (row[6] as String?).flatMap(AmountSource.init(rawValue:)),
                        isColourant: name?.isColourant)
                )
            }
            deliveries = try Merged(
                Row.fetchCursor(
                    db,
                    sql: """
                        SELECT productId, system, basis, evidence FROM productDelivery
                        WHERE productId IN (\(selected)) ORDER BY productId, system
                        """, arguments: arguments)
            ) { row -> (id: Int64, element: Delivery?) in
                guard let system = DeliverySystem(rawValue: row[1]), let basis = DeliveryBasis(rawValue: row[2]) else {
                    return (row[0], nil)
                }
                return (row[0], Delivery(system: system, basis: basis, evidence: row[3]))
            }
            components = try Merged(
                Row.fetchCursor(
                    db,
                    sql: """
                        SELECT productId, firstPosition FROM productListComponent
                        WHERE productId IN (\(selected)) ORDER BY productId, component
                        """, arguments: arguments)
            ) { row -> (id: Int64, element: Int) in (row[0], row[1]) }
            named = try Merged(
                NamedAmountDetail.fetchCursor(db, productsIn: selected, arguments: arguments), NamedAmountDetail.read)
            offers = try Merged(
                Row.fetchCursor(
                    db,
                    sql: """
                        SELECT productId, price, currency FROM offer
                        WHERE productId IN (\(selected)) AND notSeenSince IS NULL ORDER BY productId
                        """, arguments: arguments)
            ) { row -> (id: Int64, element: (price: Double?, currency: String?)) in (row[0], (row[1], row[2])) }
        }
    }

    /// One product's facts as the scan reads them.
    struct ProductFacts {
        var use: ProductUse
        var packaging: Packaging
        var packagingDescribed: Bool
        var lines: [ProductListOrder.Line]
        /// Where each list of a kit starts (first positions); empty for a product with one list.
        var componentStarts: [Int]
        var deliveries: [Delivery]
        var named: [NamedAmountDetail]
    }

    private func score(
        _ facts: ProductFacts, context: Context, product: ProductSummary
    ) -> RankedProduct {
        let activeId = context.activeId
        // The best-known amount of the active: declared, then printed, then an inferred bound.
        var amount: (amount: Amount?, source: AmountSource?)?
        let rank: [AmountSource?: Int] = [.declared: 3, .printed: 2, .inferred: 1]
        for line in facts.lines where line.ingredientId == activeId && !line.mayContain {
            if let existing = amount, (rank[existing.source] ?? 0) >= (rank[line.amountSource] ?? 0) { continue }
            amount = (line.amount, line.amountSource)
        }
        let order = ProductListOrder(
            use: facts.use, lines: facts.lines, componentStarts: facts.componentStarts, named: facts.named,
            caps: context.caps)
        let namedAmount = order.namedAmount(of: activeId)
        let interval = order.interval(of: activeId)
        let (proven, samePathway) = companions(in: facts.lines, context: context)
        var scoring = ScoringFacts(
            amount: amount?.amount, amountSource: amount?.source, deliveries: facts.deliveries,
            provenCompanions: proven, samePathwayCompanions: samePathway, packaging: facts.packaging,
            packagingDescribed: facts.packagingDescribed, studies: context.studies)
        scoring.namedAmount = namedAmount.map { (Amount(ppm: $0.amountPpm), $0.text) }
        scoring.interval = interval
        scoring.beforeOnePercentLine = order.beforeOnePercentLine(activeId)
        let score = Scorer.score(scoring, activeName: activeName, active: active, rubric: options.rubric)
        var used: (ppm: Double?, source: AmountSource?)
        switch score.concentrationEvidence {
        case .declared, .printed: used = (amount?.amount?.ppm, amount?.source)
        case .named: used = (namedAmount?.amountPpm, .named)
        case .listOrder:
            let upper = interval?.upper ?? (amount?.source == .inferred ? amount?.amount?.ppm : nil)
            used = (upper, upper == nil ? nil : .inferred)
        case .undisclosed: used = (nil, nil)
        }
        return RankedProduct(
            rank: 0, product: product, active: activeName, amountPpm: used.ppm, amountSource: used.source,
            interval: interval.flatMap(ListOrderInterval.init), namedAmount: namedAmount,
            position: facts.lines.first { $0.ingredientId == activeId && !$0.mayContain }?.position,
            score: score)
    }

    /// The companion entries a product's list satisfies, labelled with the ingredients that satisfied them, in list
    /// order.
    private func companions(in lines: [ProductListOrder.Line], context: Context)
        -> (proven: [String], samePathway: [String])
    {
        guard !context.companionIds.isEmpty else { return ([], []) }
        let matches = lines.filter { !$0.mayContain && $0.ingredientId.map(context.companionIds.contains) == true }
            .sorted { ($0.position ?? Int.max) < ($1.position ?? Int.max) }
        guard !matches.isEmpty else { return ([], []) }
        var present: [Int: [String]] = [:]  // entry index -> INCI names in list order
        for match in matches {
            guard let ingredient = match.ingredientId else { continue }
            let name = context.inciNames[ingredient] ?? "?"
            for (index, entry) in context.companions.enumerated() where entry.ingredientIds.contains(ingredient) {
                if !(present[index]?.contains(name) ?? false) { present[index, default: []].append(name) }
            }
        }
        var proven: [String] = []
        var samePathway: [String] = []
        for (index, entry) in context.companions.enumerated() {
            guard let names = present[index] else { continue }
            let label =
                names == [entry.label.uppercased()]
                ? entry.label
                : "\(entry.label) (\(names.map { $0.lowercased() }.joined(separator: ", ")))"
            if entry.proven { proven.append(label) } else { samePathway.append(label) }
        }
        return (proven, samePathway)
    }

    // MARK: - What every product shares

    private func makeContext() throws -> Context {
        guard let activeId = try ingredientId(active.ingredient) else {
            throw CatalogError.database(
                "the rubric's ingredient \"\(active.ingredient)\" for \(activeName) is not in the dictionary")
        }
        let companions = try companionEntries(activeId: activeId)
        let companionIds = companions.reduce(into: Set<Int64>()) { $0.formUnion($1.ingredientIds) }
        var inciNames: [Int64: String] = [:]
        if !companionIds.isEmpty {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT id, inciName FROM ingredient
                    WHERE id IN (\(companionIds.map(String.init).joined(separator: ", ")))
                    """)
            {
                inciNames[row[0]] = row[1]
            }
        }
        var caps: [Int64: [ProductUse: IngredientCap]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT ingredientId, productUse, amountPpm, citation FROM ingredientCap")
        {
            guard let use = ProductUse(rawValue: row[1]) else { continue }
            caps[row[0], default: [:]][use] = IngredientCap(ppm: row[2], source: row[3])
        }
        var names: [Int64: (printedName: String, ingredientId: Int64?, isColourant: Bool)] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, printedName, ingredientId FROM ingredientName")
        while let row = try cursor.next() {
            let printedName: String = row[1]
            names[row[0]] = (printedName, row[2], ListOrderLine.namesColourIndex(printedName))
        }
        return Context(
            activeId: activeId, companions: companions, companionIds: companionIds, inciNames: inciNames,
            studies: try studies(activeId), caps: caps, names: names)
    }

    private func ingredientId(_ name: String) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT ingredientId FROM ingredientAlias WHERE aliasKey = ?",
            arguments: [NameKey(name).rawValue])
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

    /// The catalog's studies of the active, as the evidence criterion weighs them (docs/studies.md).
    private func studies(_ activeId: Int64) throws -> [ScoringFacts.StudyFact] {
        try Catalog.studySummaries(
            db, where: "s.id IN (SELECT studyId FROM studyIngredient WHERE ingredientId = ?)", arguments: [activeId]
        ).map { study in
            ScoringFacts.StudyFact(
                designs: study.models, concentrationPpm: study.concentrationPpm,
                route: study.route.flatMap(StudyRoute.init(rawValue:)), outcome: study.outcome, key: study.key,
                citation: study.citation, doi: study.doi, url: study.url)
        }
    }
}

/// A cursor over rows sorted by product id, read alongside the products' own cursor: each product takes the rows
/// of its id, and rows of ids the products cursor does not reach are passed over. Rows are turned into values as
/// they are read (a cursor's row is only valid until its next step).
private struct Merged<Element> {
    private let cursor: RowCursor
    private let read: (Row) throws -> (id: Int64, element: Element)
    private var current: (id: Int64, element: Element)?

    init(_ cursor: RowCursor, _ read: @escaping (Row) throws -> (id: Int64, element: Element)) throws {
        self.cursor = cursor
        self.read = read
        current = try cursor.next().map(read)
    }

    /// The elements of product `id`, in the cursor's order.
    mutating func elements(of id: Int64) throws -> [Element] {
        var found: [Element] = []
        while let (rowId, element) = current, rowId <= id {
            if rowId == id { found.append(element) }
            current = try cursor.next().map(read)
        }
        return found
    }
}
