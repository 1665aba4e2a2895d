import SkinDomain

/// A query match with the value it was ordered by (`skincat query --sort value`): the match's columns, then the
/// value. Its JSON is the match's flat object with a `value` key (`ProductValue`) and `valueCompared`, the figure
/// compared (nil when left out).
@dynamicMemberLookup
public struct ValuedMatch: ProductResult, Sendable, Equatable, Encodable {
    /// The match.
    public var match: QueryMatch
    /// The figure the order compared: the price per 100 mg of the ingredient, or per mL or g.
    public var compared: Double?

    /// Who the product is (the match's).
    public var product: ProductSummary {
        get { match.product }
        set { match.product = newValue }
    }

    private enum CodingKeys: String, CodingKey { case value, valueCompared }

    /// Writes the match's flat object, then `value` and `valueCompared`.
    public func encode(to encoder: any Encoder) throws {
        try match.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(match.value, forKey: .value)
        try container.encodeIfPresent(compared, forKey: .valueCompared)
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
                let value = row.match.value
                let unit =
                    value.actives.contains { $0.per100mg == compared }
                    ? "100 mg" : value.unit?.rawValue ?? ""
                return "\(ProductValue.formatted(compared)) \(row.match.currency ?? "") per \(unit)"
            }
        ]
    }
}

extension ValueOrderedMatches {
    /// The compared matches with the figure each was ordered by, for printing.
    public var rows: [ValuedMatch] {
        matches.map { ValuedMatch(match: $0, compared: $0.valueKey(perUnitOnly: ingredient == nil)) }
    }
}
