import GRDB

/// What the order of a product's list says about one line's amount: an interval, never a declared value.
public struct ListOrderInterval: Sendable, Codable, Equatable {
    /// The least the line holds, in ppm; nil when the order gives no lower bound.
    public var lowerPpm: Double?
    /// The most the line holds, in ppm; nil when the order gives no upper bound.
    public var upperPpm: Double?
    /// `1-5 %`, `<= 1 %`, `>= 2 %` (`ConcentrationInterval.displayText`).
    public var text: String
    /// The lines and caps that set the bounds: `listed after Phenoxyethanol, capped at 1 % by Annex V ref 29: after
    /// the 1 % line`.
    public var sources: String
    /// Whether amounts printed out of order make the bounds contradict each other.
    public var contradictory: Bool

    init?(_ interval: ConcentrationInterval) {
        guard let text = interval.displayText else { return nil }
        lowerPpm = interval.lower
        upperPpm = interval.upper
        self.text = text
        sources = interval.explanation
        contradictory = interval.isContradictory
    }
}

/// An amount a product's name states for an ingredient (source `named`).
public struct NamedAmountDetail: Sendable, Codable, Equatable {
    /// The canonical INCI name.
    public var inciName: String
    /// The ingredient as the name prints it (`Niacinamide`).
    public var phrase: String
    /// The stated amount in parts per million (10 % is 100,000 ppm).
    public var amountPpm: Double
    /// The amount as printed (`10%`).
    public var amountText: String
    /// The phrase and amount as printed (`Niacinamide 10%`).
    public var text: String
    let ingredientId: Int64
}

extension NamedAmountDetail {
    /// The named amounts of the products `selected` picks (a `SELECT` of product ids, with its `arguments`), by
    /// product id, then in the order the name states them. Read each row with ``read(_:)``.
    static func fetchCursor(_ db: Database, productsIn selected: String, arguments: StatementArguments) throws
        -> RowCursor
    {
        try Row.fetchCursor(
            db,
            sql: """
                SELECT n.productId, i.inciName, n.phrase, n.amountPpm, n.amountText, n.text, n.ingredientId
                FROM productNamedAmount n JOIN ingredient i ON i.id = n.ingredientId
                WHERE n.productId IN (\(selected)) ORDER BY n.productId, n.ordinal
                """, arguments: arguments)
    }

    /// A row of ``fetchCursor(_:productsIn:arguments:)``: the product's id and its named amount.
    static func read(_ row: Row) -> (id: Int64, element: NamedAmountDetail) {
        (
            row[0],
            NamedAmountDetail(
                inciName: row[1], phrase: row[2], amountPpm: row[3], amountText: row[4], text: row[5],
                ingredientId: row[6])
        )
    }
}

/// A product's list as the list-order rules see it, with its intervals and named amounts.
struct ProductListOrder {
    struct Line {
        var line: Int
        var position: Int?
        var ingredientId: Int64?
        var printedName: String
        var mayContain: Bool
        var amount: Amount?
        var amountSource: AmountSource?
        /// Which list of a kit the line belongs to (0 for a product with one list).
        var component = 0
        /// Whether the name is a colour index (`CI 77891`), when the reader knows it already (once per distinct
        /// name, rather than once per line); nil to work it out from the name.
        var isColourant: Bool?
    }

    var use: ProductUse
    var lines: [Line]
    var bounds: ListOrderBounds
    var named: [NamedAmountDetail]

    /// The list-order view of one product: its lines (in `line` order), where each list of a kit starts (the first
    /// positions from `productListComponent`), its named amounts, and the annex caps per ingredient and product use.
    /// Lines keep their declared and printed amounts; inferred ones are dropped (the bounds replace them).
    init(
        use: ProductUse, lines: [Line], componentStarts: [Int], named: [NamedAmountDetail],
        caps: [Int64: [ProductUse: IngredientCap]]
    ) {
        var lines = lines
        for index in lines.indices {
            if !(lines[index].amountSource == .declared || lines[index].amountSource == .printed) {
                lines[index].amount = nil
                lines[index].amountSource = nil
            }
            guard let position = lines[index].position else { continue }
            lines[index].component = componentStarts.filter { $0 <= position }.count
        }
        let orderLines = lines.map { line in
            ListOrderLine(
                position: line.mayContain ? nil : line.position, ingredientId: line.ingredientId,
                name: line.printedName, amount: line.amount, amountSource: line.amountSource,
                component: line.component, mayContain: line.mayContain, isColourant: line.isColourant)
        }
        self.use = use
        self.lines = lines
        self.named = named
        bounds = ListOrderBounds(lines: orderLines) { line in line.ingredientId.flatMap { caps[$0]?[use] } }
    }

    /// The interval of the first listed line of an ingredient (outside may-contain).
    func interval(of ingredientId: Int64) -> ConcentrationInterval? {
        guard let index = lines.firstIndex(where: { $0.ingredientId == ingredientId && !$0.mayContain }) else {
            return nil
        }
        return bounds.intervals[index]
    }

    /// The reason the ingredient's first line is before its list's 1 % line, nil when it is not or there is none.
    func beforeOnePercentLine(_ ingredientId: Int64) -> String? {
        guard let index = lines.firstIndex(where: { $0.ingredientId == ingredientId && !$0.mayContain }),
            let position = lines[index].position,
            let line = bounds.onePercentLines.first(where: { $0.component == lines[index].component }),
            position < line.position
        else { return nil }
        return "the 1 % line (\(line.reason))"
    }

    func namedAmount(of ingredientId: Int64) -> NamedAmountDetail? {
        named.first { $0.ingredientId == ingredientId }
    }
}

extension Catalog {
    /// The list-order view of the products a SQL condition on `product p` selects (bound arguments allowed).
    ///
    /// Each list of a kit is bounded on its own (`productListComponent` says where each starts). Lines keep their
    /// declared and printed amounts; inferred ones are dropped (the bounds replace them). Caps come from
    /// `ingredientCap` for the product's use (unknown for a product imported before migration 0009).
    static func listOrder(where condition: String, arguments: StatementArguments = [], db: Database) throws
        -> [Int64: ProductListOrder]
    {
        var caps: [Int64: [ProductUse: IngredientCap]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT ingredientId, productUse, amountPpm, citation FROM ingredientCap")
        {
            guard let use = ProductUse(rawValue: row[1]) else { continue }
            caps[row[0], default: [:]][use] = IngredientCap(ppm: row[2], source: row[3])
        }
        var products: [Int64: (use: ProductUse, lines: [ProductListOrder.Line], named: [NamedAmountDetail])] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT p.id, p.productUse FROM product p WHERE \(condition)", arguments: arguments)
        {
            let use = try Self.storedUse(row[1])
            products[row[0]] = (use, [], [])
        }
        guard !products.isEmpty else { return [:] }
        let selected = "SELECT p.id FROM product p WHERE \(condition)"
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT productId, line, position, ingredientId, printedName, mayContain, amountPpm, amountSource,
                       amountApproximate
                FROM productIngredientLine WHERE productId IN (\(selected))
                """, arguments: arguments)
        while let row = try cursor.next() {
            let source = (row[7] as String?).flatMap(AmountSource.init(rawValue:))
            let kept = source == .declared || source == .printed
            let line = ProductListOrder.Line(
                line: row[1], position: row[2], ingredientId: row[3], printedName: row[4], mayContain: row[5],
                amount: kept ? (row[6] as Double?).map { Amount(ppm: $0, isApproximate: row[8]) } : nil,
                amountSource: kept ? source : nil)
            products[row[0]]?.lines.append(line)
        }
        var componentStarts: [Int64: [Int]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT productId, firstPosition FROM productListComponent WHERE productId IN (\(selected))
                ORDER BY productId, component
                """, arguments: arguments)
        {
            componentStarts[row[0], default: []].append(row[1])
        }
        let named = try NamedAmountDetail.fetchCursor(db, productsIn: selected, arguments: arguments)
        while let row = try named.next() {
            let (id, amount) = NamedAmountDetail.read(row)
            products[id]?.named.append(amount)
        }
        return Dictionary(
            uniqueKeysWithValues: products.map { id, product in
                (
                    id,
                    ProductListOrder(
                        use: product.use, lines: product.lines.sorted { $0.line < $1.line },
                        componentStarts: componentStarts[id] ?? [], named: product.named, caps: caps)
                )
            })
    }
}
