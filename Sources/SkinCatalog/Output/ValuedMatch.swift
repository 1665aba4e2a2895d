import SkinDomain

/// A query match with the value it was ordered by (`skincat query --sort value`): the match's columns, then the
/// value. Its JSON is the match's flat object with a `value` key (`ProductValue`) and `valueCompared`, the figure
/// compared (nil when left out), and `valueCurrency` when that figure was converted to another currency.
@dynamicMemberLookup
public struct ValuedMatch: ProductResult, Sendable, Equatable, Encodable {
    /// The match.
    public var match: QueryMatch
    /// The figure the order compared: the price per 100 mg of the ingredient, or per mL or g.
    public var compared: Double?
    /// The currency of ``compared`` when the order converted it with rates (`valueCurrency` in JSON); nil when it
    /// is the product's own.
    public var comparedCurrency: String?
    /// True when ``compared`` is a price per 100 mg, false for a price per mL or g.
    var comparedPer100mg = false

    /// Who the product is (the match's).
    public var product: ProductSummary {
        get { match.product }
        set { match.product = newValue }
    }

    private enum CodingKeys: String, CodingKey { case value, valueCompared, valueCurrency }

    /// Writes the match's flat object, then `value` and `valueCompared`.
    public func encode(to encoder: any Encoder) throws {
        try match.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(match.value, forKey: .value)
        try container.encodeIfPresent(compared, forKey: .valueCompared)
        try container.encodeIfPresent(comparedCurrency, forKey: .valueCurrency)
    }
}

extension ValuedMatch: TabularResult {
    /// The query's columns, then `value`: the figure compared with its currency and unit.
    public static func columns(for rows: [ValuedMatch]) -> [OutputColumn<ValuedMatch>] {
        let matchColumns = QueryMatch.columns(for: rows.map(\.match)).map { column in
            OutputColumn<ValuedMatch>(
                column.key, header: column.header, alignment: column.alignment, inTable: column.inTable
            ) { column.value($0.match) }
        }
        return matchColumns + [
            OutputColumn("valueCompared", header: "value", alignment: .right) { row in
                guard let compared = row.compared else { return "" }
                let unit = row.comparedPer100mg ? "100 mg" : row.match.value.unit?.rawValue ?? ""
                let currency = row.comparedCurrency ?? row.match.currency ?? ""
                return "\(ProductValue.formatted(compared)) \(currency) per \(unit)"
            }
        ]
    }
}

extension ValueOrderedMatches {
    /// The compared matches with the figure each was ordered by, for printing.
    public var rows: [ValuedMatch] {
        zip(matches, compared).map { match, figure in
            ValuedMatch(
                match: match, compared: figure, comparedCurrency: converted ? currency : nil,
                comparedPer100mg: ingredient != nil && !match.amounts.isEmpty)
        }
    }
}
