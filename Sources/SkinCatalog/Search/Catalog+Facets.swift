import GRDB

/// What products can be counted by (`--facet`), as Datasette's facets count a table's rows by a column's values.
public enum Facet: String, Sendable, CaseIterable, Codable {
    /// `brand`: the brand as imported; `category`: the retailer's category (products without one are not counted);
    /// `packaging`: each packaging attribute that holds (a product counts once per attribute); `delivery`: each
    /// delivery system, declared or inferred; `active`: each ingredient the product states an amount of (declared
    /// on the label, printed in the list, or stated in its name), by canonical INCI name.
    case brand, category, packaging, delivery, active
}

/// The counts of one facet over the products a search or query matched, most common first.
public struct FacetCounts: Sendable, Equatable, Codable {
    /// One value and how many of the matched products have it.
    public struct Value: Sendable, Equatable, Codable {
        /// The value (`The Ordinary`, `airless`, `NIACINAMIDE`).
        public var value: String
        /// How many matched products have it.
        public var count: Int

        /// A value and its count.
        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    /// What was counted.
    public var facet: Facet
    /// The values, most products first, then alphabetically.
    public var values: [Value]
    /// True when more values exist than were asked for (the rest are left out).
    public var truncated: Bool

    /// The counts of a facet; each argument sets the property of the same name.
    public init(facet: Facet, values: [Value], truncated: Bool) {
        self.facet = facet
        self.values = values
        self.truncated = truncated
    }
}

extension Catalog {
    /// Counts the products a search and a query match by each facet: every matching product, whatever limit the
    /// results themselves are shown with.
    ///
    /// ```swift
    /// let counts = try catalog.facets([.brand, .packaging], search: "vitamin c serum")
    /// ```
    /// - Parameters:
    ///   - facets: what to count by, in the order the counts are returned.
    ///   - search: full-text search text (`SearchText`); nil to count the query's products alone.
    ///   - query: a query (docs/query-language.md); nil for none. With neither, every product is counted.
    ///   - evidence: the kinds of amount the query's comparisons count.
    ///   - limit: at most this many values per facet (the most common); nil for all.
    /// - Throws: `QueryError` for a search or query that cannot be read, ``CatalogError`` for a database failure.
    public func facets(
        _ facets: [Facet], search: String? = nil, where query: String? = nil, evidence: QueryEvidence = .all,
        limit: Int? = 30
    ) throws -> [FacetCounts] {
        try self.facets(
            facets, search: try search.map { try SearchText(parsing: $0) },
            where: try query.map { try QueryParser.parse($0) }, evidence: evidence, limit: limit)
    }

    /// Counts parsed searches and queries. See ``facets(_:search:where:evidence:limit:)-(_,String?,String?,_,_)``.
    public func facets(
        _ facets: [Facet], search: SearchText?, where expression: QueryExpression?, evidence: QueryEvidence = .all,
        limit: Int? = 30
    ) throws -> [FacetCounts] {
        guard !facets.isEmpty else { return [] }
        do {
            return try writer.read { db in
                let selection = try ProductSelection(
                    search: search, expression: expression, evidence: evidence, db: db)
                return try facets.map { facet in
                    var arguments = selection.arguments
                    var sql = """
                        WITH matching(id) AS (SELECT p.id FROM product p WHERE \(selection.condition))
                        SELECT value, count(*) AS count FROM (\(Self.facetValues(facet)))
                        GROUP BY value ORDER BY count DESC, value
                        """
                    if let limit {
                        sql += " LIMIT ?"
                        arguments += [limit + 1]
                    }
                    let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
                    let values = rows.prefix(limit ?? rows.count).map {
                        FacetCounts.Value(value: $0["value"], count: $0["count"])
                    }
                    return FacetCounts(facet: facet, values: values, truncated: rows.count > values.count)
                }
            }
        } catch let error as QueryError {
            throw error
        } catch {
            throw failure(error)
        }
    }

    /// One row per (matching product, value) of a facet, the value in column `value`.
    private static func facetValues(_ facet: Facet) -> String {
        switch facet {
        case .brand:
            return "SELECT p.brand AS value FROM matching m JOIN product p ON p.id = m.id"
        case .category:
            return """
                SELECT p.category AS value FROM matching m JOIN product p ON p.id = m.id
                WHERE p.category IS NOT NULL AND p.category <> ''
                """
        case .packaging:
            // The attribute names and columns are our own constants, not user text.
            return Packaging.named.map { named in
                """
                SELECT '\(named.name)' AS value FROM matching m JOIN product p ON p.id = m.id \
                WHERE p.\(Packaging.column(for: named.name)) = 1
                """
            }.joined(separator: " UNION ALL ")
        case .delivery:
            return """
                SELECT DISTINCT d.productId, d.system AS value FROM matching m
                JOIN productDelivery d ON d.productId = m.id
                """
        case .active:
            return """
                SELECT x.productId, i.inciName AS value FROM (
                    SELECT pi.productId, n.ingredientId FROM matching m
                    JOIN productIngredient pi ON pi.productId = m.id JOIN ingredientName n ON n.id = pi.nameId
                    WHERE pi.amountSource IN ('declared', 'printed') AND pi.mayContain = 0
                          AND n.ingredientId IS NOT NULL
                    UNION
                    SELECT a.productId, a.ingredientId FROM matching m JOIN productNamedAmount a ON a.productId = m.id
                ) x JOIN ingredient i ON i.id = x.ingredientId
                """
        }
    }
}
