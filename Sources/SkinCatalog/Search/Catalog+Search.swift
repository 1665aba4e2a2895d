import GRDB

/// One product a full-text search found, with its relevance. Its JSON is flat: the ``ProductSummary``'s keys, then
/// `score`.
@dynamicMemberLookup
public struct SearchMatch: ProductResult, Sendable, Equatable {
    /// Who the product is: its sku, brand, name, category and price.
    public var product: ProductSummary
    /// How well the product matches: BM25 with the name and brand weighted 10, the category 4 and the ingredient
    /// list 1 (docs/search.md), as a positive number: higher is better. Comparable within one search only.
    public var score: Double

    /// A match; each argument sets the property of the same name.
    public init(product: ProductSummary, score: Double) {
        self.product = product
        self.score = score
    }
}

extension SearchMatch: Codable {
    private enum CodingKeys: String, CodingKey { case score }

    /// Reads a match from its flat JSON object.
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: any Decoder) throws {
        product = try ProductSummary(from: decoder)
        score = try decoder.container(keyedBy: CodingKeys.self).decode(Double.self, forKey: .score)
    }

    /// Writes the match as one flat JSON object: the ``ProductSummary``'s keys, then `score`.
    public func encode(to encoder: any Encoder) throws {
        try product.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(score, forKey: .score)
    }
}

/// The products a search or a query selects, as SQL over `product p`: what ``Catalog/search(_:where:limit:evidence:)``
/// orders and ``Catalog/facets(_:search:where:evidence:limit:)`` counts.
struct ProductSelection {
    /// The condition on `p`.
    var condition: String
    var arguments: StatementArguments

    init(search: SearchText?, expression: QueryExpression?, evidence: QueryEvidence, db: Database) throws {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let search {
            conditions.append("p.id IN (SELECT rowid FROM productSearch WHERE productSearch MATCH ?)")
            arguments += [search.ftsQuery]
        }
        if let expression {
            let compiled = try QueryCompiler.compile(expression, db: db, evidence: evidence)
            conditions.append("(\(compiled.whereClause))")
            arguments += compiled.arguments
        }
        condition = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        self.arguments = arguments
    }
}

extension Catalog {
    /// Full-text search over every product's brand, name, category and ingredient list (printed and canonical
    /// names), most relevant first; accents and case do not matter. See `SearchText` for what the text may hold
    /// (words, `prefix*`, `"a phrase"`) and docs/search.md for the ranking.
    ///
    /// ```swift
    /// let serums = try catalog.search("vitamin c serum", where: "niacinamide >= 2%", limit: 10)
    /// ```
    /// - Parameters:
    ///   - text: the search as typed.
    ///   - query: a query (docs/query-language.md) the products must also match; nil for none.
    ///   - limit: at most this many products.
    ///   - evidence: the kinds of amount the query's comparisons count.
    /// - Throws: `QueryError` for a text with nothing to search for or a query that cannot be read,
    ///   ``CatalogError`` for a database failure.
    public func search(
        _ text: String, where query: String? = nil, limit: Int? = nil, evidence: QueryEvidence = .all
    ) throws -> [SearchMatch] {
        try search(
            try SearchText(parsing: text), where: try query.map { try QueryParser.parse($0) }, limit: limit,
            evidence: evidence)
    }

    /// Runs a parsed search. See ``search(_:where:limit:evidence:)-(String,_,_,_)``.
    public func search(
        _ text: SearchText, where expression: QueryExpression? = nil, limit: Int? = nil,
        evidence: QueryEvidence = .all
    ) throws -> [SearchMatch] {
        do {
            return try writer.read { db in
                let selection = try ProductSelection(search: nil, expression: expression, evidence: evidence, db: db)
                var arguments: StatementArguments = [text.ftsQuery]
                arguments += selection.arguments
                var sql = """
                    SELECT p.sku, p.brand, p.name, p.category, p.price, p.currency, productSearch.rank
                    FROM productSearch CROSS JOIN product p ON p.id = productSearch.rowid
                    WHERE productSearch MATCH ? AND \(selection.condition)
                    ORDER BY productSearch.rank, p.brand COLLATE NOCASE, p.name COLLATE NOCASE, p.sku
                    """
                if let limit {
                    sql += " LIMIT ?"
                    arguments += [limit]
                }
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    SearchMatch(
                        product: ProductSummary(
                            sku: row[0], brand: row[1], name: row[2], category: row[3], price: row[4],
                            currency: row[5]),
                        score: -(row[6] as Double))
                }
            }
        } catch let error as QueryError {
            throw error
        } catch {
            throw failure(error)
        }
    }
}
