import SkinDomain

extension QueryMatch {
    /// What the product gives for its price (`ProductValue`): its price per mL or g, and, when the query compared
    /// an ingredient, the price per 100 mg of the first one it compared, if the label declares or prints its amount.
    public var value: ProductValue {
        let actives = amounts.prefix(1).compactMap { amount -> ProductValue.ActiveAmount? in
            guard let ppm = amount.ppm, let source = amount.source else { return nil }
            return ProductValue.ActiveAmount(ingredient: amount.ingredient, ppm: ppm, source: source)
        }
        return ProductValue(
            price: product.price, currency: product.currency, sizeMl: sizeMl, sizeG: sizeG, actives: actives)
    }

    /// The figure a sort by value compares: the price per 100 mg of the first compared ingredient when the query
    /// compared one, else the price per mL or g.
    func valueKey(perUnitOnly: Bool) -> Double? {
        if !perUnitOnly, let first = amounts.first { return value.per100mg(of: first.ingredient) }
        return value.perUnit
    }
}

/// Query results ordered by value within one currency
/// (``Catalog/productsByValue(matching:perUnitOnly:currency:conversion:descending:limit:evidence:)``),
/// with the products the order left out and why.
public struct ValueOrderedMatches: Sendable {
    /// A product left out of the order.
    public struct LeftOut: Sendable {
        /// The product.
        public var match: QueryMatch
        /// Why: another currency, or no price, size or declared amount to compare.
        public var reason: ValueExclusion
    }

    /// What was compared: `per 100 mg` of an ingredient (its canonical name), or nil for the price per mL or g.
    public var ingredient: String?
    /// The currency compared in; nil when nothing had a value.
    public var currency: String?
    /// The compared products, best value (cheapest) first unless asked descending.
    public var matches: [QueryMatch]
    /// The figure each of ``matches`` was compared by, in ``currency`` (converted when the order had rates).
    public var compared: [Double]
    /// True when the figures were converted to ``currency`` with rates.
    public var converted: Bool
    /// The products left out, in the query's order.
    public var leftOut: [LeftOut]
}

extension Catalog {
    /// Runs a query and orders its matches by value: the price per 100 mg of the first ingredient the query
    /// names (declared or printed amounts only), or, when it names none or `perUnitOnly` is true, the price per mL
    /// or g.
    ///
    /// Prices are compared within one currency: `currency`, else the one most matches with a value are priced in.
    /// Matches in another currency, or without a price, a size or a declared or printed amount, are returned in
    /// ``ValueOrderedMatches/leftOut`` with the reason, so the caller can say what the comparison left out.
    ///
    /// ```swift
    /// let order = try catalog.productsByValue(matching: try QueryParser.parse("niacinamide >= 2%"))
    /// order.matches.first?.sku  // the cheapest 100 mg of niacinamide
    /// ```
    /// - Parameters:
    ///   - expression: the parsed query.
    ///   - perUnitOnly: true to compare the price per mL or g even when the query names an ingredient.
    ///   - currency: the currency to compare in; nil for the most common one.
    ///   - conversion: exchange rates: every value is converted to its currency and compared there (`currency`
    ///     is then ignored); matches in a currency the rates do not list are left out (`noRate`). Nil (the
    ///     default) compares within one currency.
    ///   - descending: true for the dearest first.
    ///   - limit: at most this many compared products.
    ///   - evidence: the kinds of amount the query's comparisons count.
    /// - Throws: `QueryError` for a query naming something unknown, ``CatalogError`` for a database failure.
    public func productsByValue(
        matching expression: QueryExpression, perUnitOnly: Bool = false, currency: String? = nil,
        conversion: CurrencyConversion? = nil, descending: Bool = false, limit: Int? = nil,
        evidence: QueryEvidence = .all
    ) throws -> ValueOrderedMatches {
        let matches = try products(matching: expression, sort: nil, limit: nil, evidence: evidence)
        let comparison = ValueComparison(matches, currency: currency, conversion: conversion) {
            ($0.valueKey(perUnitOnly: perUnitOnly), $0.currency)
        }
        var ordered = Array(zip(comparison.ordered, comparison.compared))
        if descending { ordered.reverse() }
        if let limit { ordered = Array(ordered.prefix(max(0, limit))) }
        return ValueOrderedMatches(
            ingredient: perUnitOnly ? nil : matches.first?.amounts.first?.ingredient, currency: comparison.currency,
            matches: ordered.map(\.0), compared: ordered.map(\.1), converted: conversion != nil,
            leftOut: comparison.leftOut.map { ValueOrderedMatches.LeftOut(match: $0.item, reason: $0.reason) })
    }
}
