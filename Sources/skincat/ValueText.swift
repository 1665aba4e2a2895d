import Foundation
import SkinCatalog

/// The readable form of a ``ProductValue``: `show`'s value lines, the notes of a comparison by value.
enum ValueText {
    /// `2.00 USD per 100 mg NIACINAMIDE (declared 50,000 ppm: 1,500 mg in 30 mL)`.
    static func per100mg(_ active: ProductValue.ActiveValue, of value: ProductValue) -> String {
        let size = value.size.map { ProductText.format($0) } ?? ""
        let milligrams =
            active.milligrams >= 10
            ? Int(active.milligrams.rounded()).groupedText : String(format: "%.3g", active.milligrams)
        return "\(value.per100mgText(active)) \(active.ingredient) "
            + "(\(active.source.rawValue) \(ProductComposition.format(ppm: active.ppm)): \(milligrams) mg in "
            + "\(size) \(value.unit?.rawValue ?? ""))"
    }

    /// `show`'s value lines: the price per unit, then one per active with a declared or printed amount; none
    /// without a price and a size.
    static func lines(_ value: ProductValue) -> [String] {
        guard let perUnit = value.perUnitText else { return [] }
        return ["value      \(perUnit)"] + value.actives.map { "value      \(per100mg($0, of: value))" }
    }

    /// The note a sort by value prints on stderr: what it compared, in which currency, and which products it left
    /// out (`value: USD per mL; left out 2 in other currencies (00103 EUR, 00102 KRW), 1 without a price or size
    /// (00107)`); nil when it left none out.
    static func note(_ order: ValueOrderedMatches) -> String? {
        guard !order.leftOut.isEmpty else { return nil }
        let measure = order.ingredient.map { "per 100 mg \($0)" } ?? "per mL or g"
        var other: [String] = []
        var none: [String] = []
        var noRate: [String] = []
        for leftOut in order.leftOut {
            switch leftOut.reason {
            case .otherCurrency(let currency): other.append("\(leftOut.match.sku) \(currency ?? "no currency")")
            case .noValue: none.append(leftOut.match.sku)
            case .noRate(let currency): noRate.append("\(leftOut.match.sku) \(currency ?? "no currency")")
            }
        }
        var parts: [String] = []
        if !other.isEmpty {
            parts.append("\(other.count) priced in other currencies (\(listed(other)))")
        }
        if !noRate.isEmpty {
            parts.append("\(noRate.count) in currencies the rates do not list (\(listed(noRate)))")
        }
        if !none.isEmpty {
            let missing = order.ingredient == nil ? "a price or a size" : "a price, a size or a declared amount"
            parts.append("\(none.count) without \(missing) (\(listed(none)))")
        }
        let currency = order.currency.map { " in \($0)\(order.converted ? " (converted with the rates)" : "")" } ?? ""
        return "note: value compared \(measure)\(currency); left out " + parts.joined(separator: ", ")
    }

    /// The note a command prints when its values were converted and some products' currencies have no rate:
    /// `note: value converted to USD; left out 2 in currencies the rates do not list (00102 KRW, 00111 KRW)`; nil
    /// when none were left out.
    static func rateNote(currency: String, leftOut: [(sku: String, currency: String?)]) -> String? {
        guard !leftOut.isEmpty else { return nil }
        let items = leftOut.map { "\($0.sku) \($0.currency ?? "no currency")" }
        return "note: value converted to \(currency); left out \(items.count) in currencies the rates do not list "
            + "(\(listed(items)))"
    }

    /// At most ten items, then `and N more`.
    private static func listed(_ items: [String]) -> String {
        items.count <= 10
            ? items.joined(separator: ", ") : items.prefix(10).joined(separator: ", ") + " and \(items.count - 10) more"
    }
}
