import SkinDomain

/// Several products side by side (`skincat compare`): for each, its actives with amounts and sources, the
/// ingredients only it lists, packaging and delivery, each rubric criterion's points, price, size, value and flags;
/// and the ingredients all of them share.
///
/// Ingredients are compared by canonical ingredient (`IngredientOverlap`): `Aqua` and `Water` are one. Values
/// are ranked within one currency (`ValueComparison`): ``valueCurrency`` names it and ``valueLeftOut`` the
/// products priced otherwise (or, with rates, in a currency they do not list) or without a price or size.
///
/// ```swift
/// let comparison = try catalog.comparison(skus: ["00101", "00103"])
/// comparison.shared                      // ["WATER", "BUTYLENE GLYCOL", ...]
/// comparison.columns[0].score?.total     // 71.5
/// ```
public struct ProductComparison: Sendable, Encodable {
    /// One product's column.
    public struct Column: Sendable, Encodable {
        /// The product as `skincat show` reads it.
        public var product: ProductDetail
        /// Its price per mL or g and per 100 mg of each active with a declared or printed amount; converted to
        /// ``ProductComparison/valueCurrency`` when the comparison had rates that list its currency.
        public var value: ProductValue
        /// Its place among the compared products by price per mL or g (1 the cheapest) within ``valueCurrency``;
        /// nil when left out of that comparison.
        public var valueRank: Int?
        /// The ingredients with an amount: declared, printed or named (the list-order bounds are not amounts), in
        /// list order.
        public var actives: [ActiveAmount]
        /// The canonical ingredients only this product lists, in its list order.
        public var unique: [String]
        /// Its score under the rubric for ``ProductComparison/active``; nil when it does not list that active.
        public var score: ProductScore?
    }

    /// An amount of one ingredient, with where it came from.
    public struct ActiveAmount: Sendable, Encodable, Equatable {
        /// The canonical INCI name.
        public var ingredient: String
        /// The amount in ppm.
        public var ppm: Double
        /// `declared`, `printed` or `named`.
        public var source: AmountSource
    }

    /// The rubric's active the scores are for (`NMN`); nil when no compared product lists any of the rubric's.
    public var active: String?
    /// The rubric's criteria and their weights, in order, for the points rows.
    public var weights: [(criterion: Rubric.Criterion, weight: Double)]
    /// One column per product, in the order asked.
    public var columns: [Column]
    /// The canonical ingredients every product lists, in the first product's list order.
    public var shared: [String]
    /// The currency values were ranked in; nil when no product has a price and a size.
    public var valueCurrency: String?
    /// The skus left out of the value ranking, with the reason.
    public var valueLeftOut: [(sku: String, reason: ValueExclusion)]

    private enum CodingKeys: String, CodingKey {
        case active, weights, products, shared, valueCurrency, valueLeftOut
    }

    private enum ColumnKeys: String, CodingKey {
        case value, valueRank, actives, unique, score
    }

    /// Writes `{"active", "weights", "shared", "valueCurrency", "valueLeftOut", "products": [...]}`; each product is
    /// `skincat show`'s flat object with `value`, `valueRank`, `actives`, `unique` and `score` beside its keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(active, forKey: .active)
        try container.encode(
            Dictionary(uniqueKeysWithValues: weights.map { ($0.criterion.rawValue, $0.weight) }), forKey: .weights)
        try container.encode(shared, forKey: .shared)
        try container.encodeIfPresent(valueCurrency, forKey: .valueCurrency)
        try container.encode(
            valueLeftOut.map { leftOut -> [String: String] in
                switch leftOut.reason {
                case .otherCurrency(let currency):
                    ["sku": leftOut.sku, "reason": "other currency", "currency": currency ?? ""]
                case .noValue: ["sku": leftOut.sku, "reason": "no price or size"]
                case .noRate(let currency):
                    ["sku": leftOut.sku, "reason": "no rate", "currency": currency ?? ""]
                }
            }, forKey: .valueLeftOut)
        try container.encode(columns, forKey: .products)
    }
}

extension ProductComparison.Column {
    /// Writes the product's flat object, then the comparison's own keys.
    public func encode(to encoder: any Encoder) throws {
        try product.encode(to: encoder)
        var container = encoder.container(keyedBy: ProductComparison.ColumnKeys.self)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(valueRank, forKey: .valueRank)
        try container.encode(actives, forKey: .actives)
        try container.encode(unique, forKey: .unique)
        try container.encodeIfPresent(score, forKey: .score)
    }
}

extension ProductDetail {
    /// The key a line is compared by: its canonical name, or for an unresolved line its printed name, marked so it
    /// never equals a canonical one.
    var comparisonKeys: [String] {
        ingredients.filter { !$0.mayContain }.map { $0.inciName ?? "(unresolved) " + $0.printedName.lowercased() }
    }

    /// The lines with a declared or printed amount, then the named amounts the list does not state, in order.
    var statedAmounts: [ProductComparison.ActiveAmount] {
        var seen: Set<String> = []
        var amounts: [ProductComparison.ActiveAmount] = []
        for line in ingredients where !line.mayContain {
            guard let name = line.inciName, let ppm = line.amountPpm, let source = line.amountSource,
                source != .inferred, seen.insert(name).inserted
            else { continue }
            amounts.append(.init(ingredient: name, ppm: ppm, source: source))
        }
        for named in namedAmounts where seen.insert(named.inciName).inserted {
            amounts.append(.init(ingredient: named.inciName, ppm: named.amountPpm, source: .named))
        }
        return amounts
    }
}

extension Catalog {
    /// Compares products side by side (``ProductComparison``).
    ///
    /// ```swift
    /// let comparison = try catalog.comparison(skus: ["00101", "00103"], active: "NMN")
    /// ```
    /// - Parameters:
    ///   - skus: the products, in the order their columns come (each exactly as imported, or as a source's sku);
    ///     a sku given twice is compared once.
    ///   - active: the rubric's active to score by; nil for the one most of the products list (the first by name
    ///     on a tie).
    ///   - rubric: the rubric that scores them.
    ///   - conversion: exchange rates: every value is converted to its currency and ranked there; a product in a
    ///     currency the rates do not list keeps its own value and is left out of the ranking (`noRate`). Nil (the
    ///     default) ranks within one currency.
    /// - Throws: ``CatalogError/unknownSKU(_:)`` for a sku no product has, ``CatalogError/unknownActive(_:known:)``
    ///   for an active the rubric does not name, ``CatalogError`` for a database failure.
    public func comparison(
        skus: [String], active: String? = nil, rubric: Rubric = .default, conversion: CurrencyConversion? = nil
    ) throws -> ProductComparison {
        var products: [ProductDetail] = []
        for sku in skus {
            guard let product = try product(sku: sku) else { throw CatalogError.unknownSKU(sku) }
            if !products.contains(where: { $0.sku == product.sku }) { products.append(product) }
        }
        let (chosen, scores) = try comparisonScores(products.map(\.sku), active: active, rubric: rubric)
        let overlap = IngredientOverlap(products.map(\.comparisonKeys))
        let values = products.map { product in conversion.flatMap { $0.convert(product.value) } ?? product.value }
        let order = ValueComparison(Array(values.indices), conversion: conversion) {
            (products[$0].value.perUnit, products[$0].value.currency)
        }
        let ranks = Dictionary(uniqueKeysWithValues: order.ordered.enumerated().map { ($0.element, $0.offset + 1) })
        let columns = products.indices.map { index in
            ProductComparison.Column(
                product: products[index], value: values[index], valueRank: ranks[index],
                actives: products[index].statedAmounts, unique: overlap.unique[index],
                score: scores[products[index].sku])
        }
        return ProductComparison(
            active: chosen, weights: Rubric.Criterion.allCases.map { ($0, rubric.weights[$0] ?? 0) },
            columns: columns, shared: overlap.shared, valueCurrency: order.currency,
            valueLeftOut: order.leftOut.map { (products[$0.item].sku, $0.reason) })
    }

    /// The scores of the products under `active`, or under the rubric's active most of them list.
    private func comparisonScores(_ skus: [String], active: String?, rubric: Rubric) throws
        -> (String?, [String: ProductScore])
    {
        let names = active.map { [$0] } ?? rubric.actives.keys.sorted()
        var best: (String?, [String: ProductScore]) = (nil, [:])
        for name in names {
            let ranked = try ranking(RankingOptions(active: name, rubric: rubric, skus: skus))
            let scores = Dictionary(ranked.map { ($0.sku, $0.score) }, uniquingKeysWith: { first, _ in first })
            if best.0 == nil && (active != nil || !scores.isEmpty) || scores.count > best.1.count {
                best = (rubric.active(named: name)?.key ?? name, scores)
            }
        }
        return best
    }
}
