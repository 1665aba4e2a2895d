import GRDB
import SkinDomain

/// A product whose formula is close to another's (`skincat similar`), with why. Its JSON is flat: the
/// ``ProductSummary``'s keys beside its own.
@dynamicMemberLookup
public struct SimilarProduct: ProductResult, Sendable, Equatable {
    /// Who the product is.
    public var product: ProductSummary
    /// `FormulaSimilarity/score`: 1 for the same list in the same order, 0 for nothing in common.
    public var similarity: Double
    /// How many distinct canonical ingredients it shares with the product asked about.
    public var sharedCount: Int
    /// How many distinct ingredients the product asked about lists.
    public var queryCount: Int
    /// The asked product's top five ingredients this one also lists, in the asked product's order.
    public var sharedTop: [String]
    /// The asked product's top five ingredients this one lacks.
    public var missingTop: [String]
    /// This product's top five ingredients the asked one lacks.
    public var addedTop: [String]
    /// Every ingredient this product lists that the asked one does not, in its list order.
    public var onlyHere: [String]
    /// Every ingredient the asked product lists that this one does not, in the asked product's order.
    public var onlyInQuery: [String]
    /// Its price per mL or g.
    public var value: ProductValue
}

extension SimilarProduct: Codable {
    private enum CodingKeys: String, CodingKey {
        case similarity, sharedCount, queryCount, sharedTop, missingTop, addedTop, onlyHere, onlyInQuery, value
    }

    /// Reads a result from its flat JSON object.
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: any Decoder) throws {
        product = try ProductSummary(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        similarity = try container.decode(Double.self, forKey: .similarity)
        sharedCount = try container.decode(Int.self, forKey: .sharedCount)
        queryCount = try container.decode(Int.self, forKey: .queryCount)
        sharedTop = try container.decode([String].self, forKey: .sharedTop)
        missingTop = try container.decode([String].self, forKey: .missingTop)
        addedTop = try container.decode([String].self, forKey: .addedTop)
        onlyHere = try container.decode([String].self, forKey: .onlyHere)
        onlyInQuery = try container.decode([String].self, forKey: .onlyInQuery)
        value = try container.decode(ProductValue.self, forKey: .value)
    }

    /// Writes the result as one flat JSON object: the ``ProductSummary``'s keys, then its own.
    public func encode(to encoder: any Encoder) throws {
        try product.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(similarity, forKey: .similarity)
        try container.encode(sharedCount, forKey: .sharedCount)
        try container.encode(queryCount, forKey: .queryCount)
        try container.encode(sharedTop, forKey: .sharedTop)
        try container.encode(missingTop, forKey: .missingTop)
        try container.encode(addedTop, forKey: .addedTop)
        try container.encode(onlyHere, forKey: .onlyHere)
        try container.encode(onlyInQuery, forKey: .onlyInQuery)
        try container.encode(value, forKey: .value)
    }
}

/// The products closest to one product's formula (``Catalog/similarProducts(to:cheaper:limit:rubric:conversion:)``).
public struct SimilarProducts: Sendable {
    /// The product asked about.
    public var query: ProductSummary
    /// Its price per mL or g.
    public var queryValue: ProductValue
    /// The key actives every result lists as the same canonical ingredient: the rubric's actives it lists and the
    /// ingredients it states an amount of.
    public var keyActives: [String]
    /// The closest products, most similar first.
    public var results: [SimilarProduct]
    /// With `cheaper`: how many similar products were left out because their price per mL or g cannot be compared
    /// with the asked product's (another currency, or no price or size).
    public var notComparable: Int
    /// With a conversion: the similar products whose currency the rates do not list, in the order met; their value
    /// stays in their own currency, and `cheaper` leaves them out (they count in ``notComparable``).
    public var withoutRate: [ProductSummary] = []
}

extension Catalog {
    /// The products closest to a product's formula, by `FormulaSimilarity`, that list all its key actives.
    ///
    /// The key actives are the rubric's actives the product lists and the ingredients it states an amount of
    /// (declared, printed or in its name); a candidate must list each as the same canonical ingredient, found in SQL
    /// (products sharing them), then scored in Swift. A product with no key active is compared with those sharing
    /// one of its first five ingredients. Ties: the cheaper per mL or g first, then the sku.
    ///
    /// ```swift
    /// let similar = try catalog.similarProducts(to: "00101", cheaper: true, limit: 5)
    /// ```
    /// - Parameters:
    ///   - sku: the product asked about (as imported, or a source's `source:sku`).
    ///   - cheaper: only products cheaper per mL or g in the same currency.
    ///   - limit: at most this many results.
    ///   - rubric: the rubric whose actives are key.
    ///   - conversion: exchange rates: the values are converted to its currency, so `cheaper` compares across
    ///     currencies; products in a currency the rates do not list are named in ``SimilarProducts/withoutRate``.
    /// - Throws: ``CatalogError/unknownSKU(_:)`` when no product has the sku; ``CatalogError`` for a database
    ///   failure.
    public func similarProducts(
        to sku: String, cheaper: Bool = false, limit: Int = 10, rubric: Rubric = .default,
        conversion: CurrencyConversion? = nil
    ) throws(CatalogError) -> SimilarProducts {
        try read { db throws in
            guard let key = try Self.productKey(db, reference: sku),
                let query = try SimilarScan.candidate(db, where: "sku = ?", arguments: [key]).first
            else { throw CatalogError.unknownSKU(sku) }
            var scan = try SimilarScan(db: db, query: query, rubric: rubric)
            return try scan.run(cheaper: cheaper, limit: limit, conversion: conversion)
        }
    }
}

/// The work of ``Catalog/similarProducts(to:cheaper:limit:rubric:conversion:)`` inside one read.
private struct SimilarScan {
    struct Candidate {
        var id: Int64
        var summary: ProductSummary
        var value: ProductValue
        var keys: [String] = []
    }

    let db: Database
    var query: Candidate
    var keyActiveIds: [Int64]
    var names: [String: String] = [:]

    init(db: Database, query: Candidate, rubric: Rubric) throws {
        self.db = db
        var query = query
        var names: [String: String] = [:]
        let lines = try Row.fetchAll(
            db,
            sql: """
                SELECT l.ingredientId, l.amountSource, l.nameKey, i.inciName FROM productIngredientLine l
                LEFT JOIN ingredient i ON i.id = l.ingredientId
                WHERE l.productId = ? AND l.mayContain = 0 ORDER BY l.position IS NULL, l.position, l.line
                """, arguments: [query.id])
        query.keys = lines.map { Self.key($0, names: &names) }
        self.query = query
        self.names = names
        var rubricIds: Set<Int64> = []
        for active in rubric.actives.values {
            if let id = try Int64.fetchOne(
                db, sql: "SELECT ingredientId FROM ingredientAlias WHERE aliasKey = ?",
                arguments: [NameKey(active.ingredient).rawValue])
            {
                rubricIds.insert(id)
            }
        }
        let named = try Int64.fetchAll(
            db, sql: "SELECT ingredientId FROM productNamedAmount WHERE productId = ? ORDER BY ordinal",
            arguments: [query.id])
        var keyIds: [Int64] = []
        for line in lines {
            guard let id: Int64 = line["ingredientId"] else { continue }
            let source: String? = line["amountSource"]
            let stated = source == AmountSource.declared.rawValue || source == AmountSource.printed.rawValue
            if (rubricIds.contains(id) || stated || named.contains(id)) && !keyIds.contains(id) { keyIds.append(id) }
        }
        keyActiveIds = keyIds
    }

    /// `#12` for a resolved line, `?name key` for an unresolved one; records the name to show.
    private static func key(_ row: Row, names: inout [String: String]) -> String {
        if let id: Int64 = row["ingredientId"] {
            let key = "#\(id)"
            names[key] = row["inciName"] ?? key
            return key
        }
        let nameKey: String = row["nameKey"] ?? ""
        names["?" + nameKey] = nameKey
        return "?" + nameKey
    }

    static func candidate(_ db: Database, where condition: String, arguments: StatementArguments) throws
        -> [Candidate]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, sku, brand, name, category, price, currency, sizeMl, sizeG FROM product WHERE \(condition)
                """, arguments: arguments
        ).map { row in
            let price = Catalog.finite(row["price"])
            let currency: String? = row["currency"]
            return Candidate(
                id: row["id"],
                summary: ProductSummary(
                    sku: row["sku"], brand: row["brand"], name: row["name"], category: row["category"],
                    price: price, currency: currency),
                value: ProductValue(
                    price: price, currency: currency, sizeMl: Catalog.finite(row["sizeMl"]),
                    sizeG: Catalog.finite(row["sizeG"])))
        }
    }

    /// The products sharing every key active (or, without one, one of the top five ingredients), scored.
    mutating func run(cheaper: Bool, limit: Int, conversion: CurrencyConversion?) throws -> SimilarProducts {
        let ids: [Int64]
        let required: Int
        if keyActiveIds.isEmpty {
            ids = query.keys.prefix(FormulaSimilarity.top).compactMap {
                $0.hasPrefix("#") ? Int64($0.dropFirst()) : nil
            }
            required = 1
        } else {
            ids = keyActiveIds
            required = keyActiveIds.count
        }
        let selection = """
            id IN (SELECT productId FROM productIngredientLine WHERE mayContain = 0 AND productId <> ?
                   AND ingredientId IN (\(ids.map { _ in "?" }.joined(separator: ", ")))
                   GROUP BY productId HAVING count(DISTINCT ingredientId) >= ?)
            """
        let arguments = StatementArguments([query.id] + ids + [Int64(required)])
        var candidates = ids.isEmpty ? [] : try Self.candidate(db, where: selection, arguments: arguments)
        var byId = Dictionary(uniqueKeysWithValues: candidates.indices.map { (candidates[$0].id, $0) })
        if !ids.isEmpty {
            let lines = try Row.fetchAll(
                db,
                sql: """
                    SELECT l.productId, l.ingredientId, l.nameKey, i.inciName FROM productIngredientLine l
                    LEFT JOIN ingredient i ON i.id = l.ingredientId
                    WHERE l.mayContain = 0 AND l.productId IN (SELECT id FROM product WHERE \(selection))
                    ORDER BY l.productId, l.position IS NULL, l.position, l.line
                    """, arguments: arguments)
            for line in lines {
                guard let index = byId[line["productId"]] else { continue }
                candidates[index].keys.append(Self.key(line, names: &names))
            }
        }
        byId = [:]
        var withoutRate: [ProductSummary] = []
        if let conversion {
            query.value = conversion.convert(query.value) ?? query.value
            for index in candidates.indices {
                if let converted = conversion.convert(candidates[index].value) {
                    candidates[index].value = converted
                } else if candidates[index].value.price != nil {
                    withoutRate.append(candidates[index].summary)
                }
            }
        }
        var notComparable = 0
        if cheaper {
            candidates = candidates.filter { candidate in
                guard let mine = query.value.perUnit, let theirs = candidate.value.perUnit,
                    candidate.value.currency == query.value.currency
                else {
                    notComparable += 1
                    return false
                }
                return theirs < mine
            }
        }
        let results = candidates.map(result).sorted(by: Self.precedes).prefix(max(0, limit))
        return SimilarProducts(
            query: query.summary, queryValue: query.value,
            keyActives: keyActiveIds.map { names["#\($0)"] ?? "#\($0)" }, results: Array(results),
            notComparable: notComparable, withoutRate: withoutRate)
    }

    private func result(_ candidate: Candidate) -> SimilarProduct {
        let similarity = FormulaSimilarity(query.keys, candidate.keys)
        let name = { (key: String) in names[key] ?? key }
        return SimilarProduct(
            product: candidate.summary, similarity: (similarity.score * 1000).rounded() / 1000,
            sharedCount: similarity.sharedCount, queryCount: Set(query.keys).count,
            sharedTop: similarity.sharedTop.map(name), missingTop: similarity.missingTop.map(name),
            addedTop: similarity.addedTop.map(name), onlyHere: similarity.onlyInSecond.map(name),
            onlyInQuery: similarity.onlyInFirst.map(name), value: candidate.value)
    }

    /// Most similar first; then, in one currency (the values' own, or the converted one), the cheaper per mL or g
    /// (unknown last); then the sku.
    private static func precedes(_ a: SimilarProduct, _ b: SimilarProduct) -> Bool {
        if a.similarity != b.similarity { return a.similarity > b.similarity }
        switch (a.value.perUnit, b.value.perUnit) {
        case (let x?, let y?) where x != y && a.value.currency == b.value.currency: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.sku < b.sku
        }
    }
}
