import GRDB

/// The amount a matched product holds of an ingredient the query asked about, with where it came from.
///
/// Its JSON `source` is the amount's source, or `undisclosed` (listed without an amount) or `not listed`, as the
/// source column reads; `listed` says whether the product lists the ingredient.
public struct MatchedAmount: Sendable, Equatable {
    /// The canonical INCI name.
    public var ingredient: String
    /// The name as written in the query (`NMN`).
    public var asked: String
    /// Parts per million; nil when the product lists the ingredient without an amount (or does not list it).
    public var ppm: Double?
    /// `declared`, `printed`, `named` (stated in the product's name, the label stating none) or `inferred` (an
    /// upper bound); nil when there is no amount.
    public var source: AmountSource?
    /// True when the product lists the ingredient (outside may-contain).
    public var listed: Bool

    /// The source as the output reads it: the amount's source, `undisclosed` or `not listed`.
    public var sourceText: String { source?.rawValue ?? (listed ? "undisclosed" : "not listed") }
}

extension MatchedAmount: Codable {
    private enum CodingKeys: String, CodingKey { case ingredient, asked, ppm, source, listed }

    /// Reads an amount from its JSON object; a `source` of `undisclosed` or `not listed` reads as no source.
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ingredient = try container.decode(String.self, forKey: .ingredient)
        asked = try container.decode(String.self, forKey: .asked)
        ppm = try container.decodeIfPresent(Double.self, forKey: .ppm)
        source = try container.decodeIfPresent(String.self, forKey: .source).flatMap(AmountSource.init(rawValue:))
        listed = try container.decode(Bool.self, forKey: .listed)
    }

    /// Writes the amount as a JSON object whose `source` is ``sourceText``, and `ppm` only when there is an amount.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ingredient, forKey: .ingredient)
        try container.encode(asked, forKey: .asked)
        try container.encodeIfPresent(ppm, forKey: .ppm)
        try container.encode(sourceText, forKey: .source)
        try container.encode(listed, forKey: .listed)
    }
}

/// One product a query matched. Its JSON is flat: the ``ProductSummary``'s keys, then its own (see there why).
@dynamicMemberLookup
public struct QueryMatch: ProductResult, Sendable, Equatable {
    /// Who the product is: its sku, brand, name, category and price.
    public var product: ProductSummary
    /// The product's volume in mL; nil when its size gives none.
    public var sizeMl: Double?
    /// The product's mass in g; nil when its size gives none.
    public var sizeG: Double?
    /// Packaging attribute names (`airless`, `opaque`, ...).
    public var packaging: [String]
    /// The delivery systems, declared on the label or inferred from the INCI list; empty for a plain base.
    public var delivery: [Delivery]
    /// The amounts of the ingredients the query named, in the order it named them.
    public var amounts: [MatchedAmount]
}

extension QueryMatch: Codable {
    private enum CodingKeys: String, CodingKey { case sizeMl, sizeG, packaging, delivery, amounts }

    /// Reads a match from its flat JSON object (the ``ProductSummary``'s keys beside the match's own).
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: any Decoder) throws {
        product = try ProductSummary(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sizeMl = try container.decodeIfPresent(Double.self, forKey: .sizeMl)
        sizeG = try container.decodeIfPresent(Double.self, forKey: .sizeG)
        packaging = try container.decode([String].self, forKey: .packaging)
        delivery = try container.decode([Delivery].self, forKey: .delivery)
        amounts = try container.decode([MatchedAmount].self, forKey: .amounts)
    }

    /// Writes the match as one flat JSON object: the ``ProductSummary``'s keys, then the match's own.
    public func encode(to encoder: any Encoder) throws {
        try product.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(sizeMl, forKey: .sizeMl)
        try container.encodeIfPresent(sizeG, forKey: .sizeG)
        try container.encode(packaging, forKey: .packaging)
        try container.encode(delivery, forKey: .delivery)
        try container.encode(amounts, forKey: .amounts)
    }
}

/// Which kinds of amount a query's amount comparisons count (`skincat query --evidence declared,printed`).
///
/// By default all three: an amount declared on the label, printed in the list, or stated in the product's name
/// (`named`, the brand's claim). A named amount counts only where the label states no amount of its own: where the
/// two disagree, the label wins. The output's source column says which each amount is. Bounds from list order are
/// never compared with an amount; ask for them with `above the 1% line` or `position <= 3`.
public struct QueryEvidence: Sendable, Equatable {
    /// The kinds of amount counted: a non-empty subset of declared, printed and named.
    public private(set) var sources: Set<AmountSource>

    /// Every kind of amount: declared, printed and named.
    public static let all = QueryEvidence(unchecked: [.declared, .printed, .named])

    private init(unchecked sources: Set<AmountSource>) { self.sources = sources }

    /// The kinds named, nil when one of them is not declared, printed or named (bounds are not amounts).
    public init?(_ sources: Set<AmountSource>) {
        guard !sources.isEmpty, sources.isSubset(of: QueryEvidence.all.sources) else { return nil }
        self.sources = sources
    }

    /// `declared,printed`, `named`; nil for an empty list or an unknown word.
    public init?(parsing text: String) {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let sources = words.compactMap { AmountSource(rawValue: $0) }
        guard sources.count == words.count else { return nil }
        self.init(Set(sources))
    }

    /// Whether amounts of this source count in the query's comparisons.
    public func contains(_ source: AmountSource) -> Bool { sources.contains(source) }

    /// The SQL test of a line's own amount source, nil when neither declared nor printed counts.
    var labelSources: String? {
        let kept = [AmountSource.declared, .printed].filter(sources.contains)
        guard !kept.isEmpty else { return nil }
        return "(" + kept.map { "amountSource = '\($0.rawValue)'" }.joined(separator: " OR ") + ")"
    }
}

/// How query results are ordered.
public struct QuerySort: Sendable, Equatable {
    /// What to order by; the raw value is the word `parsing` reads (`price`, `-price`).
    public enum Key: String, Sendable, CaseIterable {
        /// `amount`: the first amount the query compared (largest first by default); `price`: the price;
        /// `size`: the volume in mL, else the mass in g; `brand`, `name`: alphabetically, ignoring case; `sku`: the
        /// sku as stored; `value`: the price per 100 mg of the first compared ingredient (declared or printed
        /// amounts only), else per mL or g, cheapest first, within one currency; `unit-price`: the price per mL or g,
        /// cheapest first, within one currency (``Catalog/productsByValue(matching:perUnitOnly:currency:conversion:descending:limit:evidence:)``).
        /// Products without the value come last.
        case amount, price, size, brand, name, sku, value
        /// See ``amount``.
        case unitPrice = "unit-price"
    }

    /// What the results are ordered by.
    public var key: Key
    /// True to order from the largest (or last, for text) first.
    public var descending: Bool

    /// An order by `key`, descending or ascending.
    public init(key: Key, descending: Bool) {
        self.key = key
        self.descending = descending
    }

    /// `price` (ascending), `-price` (descending), `amount` (descending: the most first).
    public init?(parsing text: String) {
        let descending = text.hasPrefix("-")
        guard let key = Key(rawValue: String(descending ? text.dropFirst() : text[...]).lowercased()) else {
            return nil
        }
        self.init(key: key, descending: key == .amount ? !descending : descending)
    }
}

extension Catalog {
    /// Parses and runs a query (docs/query-language.md).
    ///
    /// ```swift
    /// let serums = try catalog.products(matching: "products with NMN ≥1000 PPM and airless packaging")
    /// ```
    /// - Parameters:
    ///   - query: the query text.
    ///   - sort: the order; by default the first compared amount (most first), then brand, name and sku.
    ///   - limit: at most this many products.
    ///   - evidence: the kinds of amount comparisons count (declared, printed and named by default).
    /// - Throws: `QueryError` for a query that cannot be read or names something unknown (with its column and a
    ///   suggestion), ``CatalogError`` for a database failure.
    public func products(
        matching query: String, sort: QuerySort? = nil, limit: Int? = nil, evidence: QueryEvidence = .all
    ) throws -> [QueryMatch] {
        try products(matching: try QueryParser.parse(query), sort: sort, limit: limit, evidence: evidence)
    }

    /// Runs a parsed query. See ``products(matching:sort:limit:evidence:)-(String,_,_,_)``.
    public func products(
        matching expression: QueryExpression, sort: QuerySort? = nil, limit: Int? = nil,
        evidence: QueryEvidence = .all
    ) throws -> [QueryMatch] {
        if let sort, sort.key == .value || sort.key == .unitPrice {
            let order = try productsByValue(
                matching: expression, perUnitOnly: sort.key == .unitPrice, descending: sort.descending, limit: nil,
                evidence: evidence)
            let all = order.matches + order.leftOut.map(\.match)
            return limit.map { Array(all.prefix(max(0, $0))) } ?? all
        }
        do {
            return try writer.read { db in
                let (sql, arguments, compared) = try Self.selectStatement(
                    expression, sort: sort, limit: limit, evidence: evidence, db: db)
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    Self.match(from: row, compared: compared)
                }
            }
        } catch let error as QueryError {
            throw error
        } catch {
            throw failure(error)
        }
    }

    /// SQLite's plan for a query (`EXPLAIN QUERY PLAN`), one line per step: shows whether indexes are used.
    public func queryPlan(for query: String) throws -> [String] {
        try queryPlan(for: try QueryParser.parse(query))
    }

    /// SQLite's plan for a parsed query.
    public func queryPlan(for expression: QueryExpression) throws -> [String] {
        do {
            return try writer.read { db in
                let (sql, arguments, _) = try Self.selectStatement(
                    expression, sort: nil, limit: nil, evidence: .all, db: db)
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String }
            }
        } catch let error as QueryError {
            throw error
        } catch {
            throw failure(error)
        }
    }

    private static func selectStatement(
        _ expression: QueryExpression, sort: QuerySort?, limit: Int?, evidence: QueryEvidence, db: Database
    ) throws -> (String, StatementArguments, [CompiledQuery.ComparedIngredient]) {
        let compiled = try QueryCompiler.compile(expression, db: db, evidence: evidence)
        // The order is `Column`'s: rows are read by position, not by name.
        var columns =
            [
                "p.sku", "p.brand", "p.name", "p.category", "p.price", "p.currency", "p.sizeMl", "p.sizeG",
            ] + Packaging.columns.map { "p.\($0)" }
        columns.append(
            """
            (SELECT group_concat(system || ':' || basis || ':' || evidence, char(31)) FROM productDelivery
             WHERE productId = p.id) AS deliveries
            """)
        // The compared ingredient ids are our own integers, not user text.
        for (index, ingredient) in compiled.comparedIngredients.enumerated() {
            let line = """
                FROM productIngredientLine WHERE productId = p.id AND ingredientId = \(ingredient.id) AND mayContain = 0
                ORDER BY amountSource IS NULL, amountSource = 'inferred', position LIMIT 1
                """
            // '' marks a listed ingredient without an amount, NULL an absent one. A named amount stands in where the
            // line has no declared or printed amount the evidence counts (the label wins).
            let label = evidence.labelSources.map { "amountSource IN ('declared', 'printed') AND \($0)" } ?? "0"
            let named =
                evidence.contains(.named)
                ? """
                (SELECT amountPpm FROM productNamedAmount WHERE productId = p.id AND ingredientId = \(ingredient.id))
                """ : "NULL"
            columns.append(
                """
                coalesce((SELECT CASE WHEN \(label) THEN amountPpm ELSE coalesce(\(named), \
                CASE WHEN amountSource = 'inferred' THEN amountPpm END) END \(line)), \(named)) AS amount\(index)
                """)
            columns.append(
                """
                coalesce((SELECT CASE WHEN \(label) THEN amountSource WHEN \(named) IS NOT NULL THEN 'named' \
                WHEN amountSource = 'inferred' THEN amountSource ELSE '' END \(line)), \
                CASE WHEN \(named) IS NOT NULL THEN 'named' END) AS source\(index)
                """)
        }
        var order: [String] = []
        let chosen = sort ?? (compiled.comparedIngredients.isEmpty ? nil : QuerySort(key: .amount, descending: true))
        if let chosen {
            let direction = chosen.descending ? "DESC" : "ASC"
            switch chosen.key {
            case .amount where !compiled.comparedIngredients.isEmpty: order.append("amount0 \(direction) NULLS LAST")
            case .amount: break
            case .price: order.append("p.price \(direction) NULLS LAST")
            case .size: order.append("coalesce(p.sizeMl, p.sizeG) \(direction) NULLS LAST")
            case .brand: order.append("p.brand COLLATE NOCASE \(direction)")
            case .name: order.append("p.name COLLATE NOCASE \(direction)")
            case .sku: order.append("p.sku \(direction)")
            case .value, .unitPrice: break  // Ordered in Swift, by `ProductValue`.
            }
        }
        order += ["p.brand COLLATE NOCASE", "p.name COLLATE NOCASE", "p.sku"]
        var arguments = compiled.arguments
        var sql = """
            SELECT \(columns.joined(separator: ", ")) FROM product p
            WHERE \(compiled.whereClause)
            ORDER BY \(order.joined(separator: ", "))
            """
        if let limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        return (sql, arguments, compiled.comparedIngredients)
    }

    /// Where `selectStatement` puts each value: the product's columns, its packaging flags, its deliveries, then
    /// an amount and a source per compared ingredient.
    private enum Column {
        static let packaging = 8
        static let deliveries = packaging + Packaging.named.count
        static func amount(_ index: Int) -> Int { deliveries + 1 + 2 * index }
        static func source(_ index: Int) -> Int { deliveries + 2 + 2 * index }
    }

    private static func match(from row: Row, compared: [CompiledQuery.ComparedIngredient]) -> QueryMatch {
        let packaging = Packaging.named.indices.filter { (row[Column.packaging + $0] as Int?) == 1 }
            .map { Packaging.named[$0].name }
        let deliveries =
            (row[Column.deliveries] as String?)?.split(separator: "\u{1F}").compactMap { item -> Delivery? in
                let parts = item.split(separator: ":", maxSplits: 2).map(String.init)
                guard parts.count == 3, let system = DeliverySystem(rawValue: parts[0]),
                    let basis = DeliveryBasis(rawValue: parts[1])
                else { return nil }
                return Delivery(system: system, basis: basis, evidence: parts[2])
            } ?? []
        let amounts = compared.enumerated().map { index, ingredient in
            let source: String? = row[Column.source(index)]
            return MatchedAmount(
                ingredient: ingredient.inciName, asked: ingredient.asked, ppm: row[Column.amount(index)],
                source: source.flatMap(AmountSource.init(rawValue:)), listed: source != nil)
        }
        return QueryMatch(
            product: ProductSummary(
                sku: row[0], brand: row[1], name: row[2], category: row[3], price: row[4], currency: row[5]),
            sizeMl: row[6], sizeG: row[7], packaging: packaging, delivery: deliveries.sorted { $0.system < $1.system },
            amounts: amounts)
    }
}
