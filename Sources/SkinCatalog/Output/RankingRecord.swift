/// A ranked product as `skincat rank` and the ranking export print it: the record form of a ``RankedProduct``.
///
/// Its JSON is ``RankingReport/record(_:)``: rank, sku, brand, name, score, `points` and `reasons` per criterion,
/// flags, `studies` (the cited studies that moved the evidence points), active, `amountPpm`, `amountSource` (`undisclosed` when none), `amountEvidence`, `interval`, `named`,
/// category, price, currency, offers, `lowestPrice`, `highestPrice`, then `value` (`ProductValue`: the price per mL
/// or g and per 100 mg of the active; null when a conversion had no rate for it). Its columns show those keys, the
/// value as four trailing columns
/// (`pricePerUnit`, `valueUnit`, `pricePer100mg`, `valueCurrency`); CSV cells that start like a formula are
/// neutralised (``RankingReport/neutralised(_:)``).
public struct RankingRecord: TabularResult, Sendable {
    /// The ranked product the record prints.
    public var ranked: RankedProduct

    /// The record of a ranked product.
    public init(_ ranked: RankedProduct) { self.ranked = ranked }

    /// Writes the product as ``RankingReport/record(_:)`` does.
    public func encode(to encoder: any Encoder) throws { try RankingReport.record(ranked).encode(to: encoder) }

    /// True: a ranking's CSV is meant for spreadsheets, so formula-like cells are neutralised.
    public static var neutralisesFormulas: Bool { true }

    /// Rank, sku, brand, name, score, each criterion's points, flags, the active (left out of the table, where it
    /// repeats), the amount and its evidence, the list-order bounds, the named amount, price and offers, then the
    /// value: the price per mL or g, its unit, the price per 100 mg of the active and the currency of both.
    public static func columns(for rows: [RankingRecord]) -> [OutputColumn<RankingRecord>] {
        var columns: [OutputColumn<RankingRecord>] = [
            OutputColumn("rank", alignment: .right) { String($0.ranked.rank) },
            OutputColumn("sku") { $0.ranked.sku }, OutputColumn("brand") { $0.ranked.brand },
            OutputColumn("name") { $0.ranked.name },
            OutputColumn("score", alignment: .right) { RankingReport.number($0.ranked.score.total) },
        ]
        for criterion in Rubric.Criterion.allCases {
            columns.append(
                OutputColumn("points", header: criterion.rawValue, alignment: .right) {
                    RankingReport.number($0.ranked.score.points(criterion))
                })
        }
        return columns + [
            OutputColumn("flags") { $0.ranked.score.flags.joined(separator: "; ") },
            OutputColumn("active", inTable: false) { $0.ranked.active },
            OutputColumn("amountPpm", alignment: .right) { $0.ranked.amountPpm.map(RankingReport.number) ?? "" },
            OutputColumn("amountSource") { $0.ranked.amountSource?.rawValue ?? "undisclosed" },
            OutputColumn("amountEvidence") { $0.ranked.score.concentrationEvidence.rawValue },
            OutputColumn("interval") { $0.ranked.interval?.text ?? "" },
            OutputColumn("interval", header: "intervalSources") { $0.ranked.interval?.sources ?? "" },
            OutputColumn("named") { $0.ranked.namedAmount?.text ?? "" },
            OutputColumn("price") { $0.ranked.price.map(RankingReport.number) ?? "" },
            OutputColumn("currency") { $0.ranked.currency ?? "" },
            OutputColumn("offers") { String($0.ranked.offers) },
            OutputColumn("lowestPrice") { $0.ranked.lowestPrice.map(RankingReport.number) ?? "" },
            OutputColumn("highestPrice") { $0.ranked.highestPrice.map(RankingReport.number) ?? "" },
            OutputColumn("value", header: "pricePerUnit", alignment: .right) {
                $0.ranked.comparableValue?.perUnit.map(ProductValue.formatted) ?? ""
            },
            OutputColumn("value", header: "valueUnit") { $0.ranked.comparableValue?.unit?.rawValue ?? "" },
            OutputColumn("value", header: "pricePer100mg", alignment: .right) {
                $0.ranked.comparableValue?.actives.first.map { ProductValue.formatted($0.per100mg) } ?? ""
            },
            OutputColumn("value", header: "valueCurrency") { row in
                row.ranked.comparableValue?.perUnit == nil ? "" : row.ranked.value.currency ?? ""
            },
        ]
    }
}

extension JSONValue: Encodable {
    /// Encodes the value as it reads: an object's keys in their order, an array's items, a number, text or null.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let value):
            var container = encoder.singleValueContainer()
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        case .integer(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let members):
            var container = encoder.container(keyedBy: MemberKey.self)
            for (key, value) in members { try container.encode(value, forKey: MemberKey(stringValue: key)) }
        }
    }

    /// An object member's key, any text.
    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
