import Foundation

/// What a product gives for its price: the price per mL (or per g), and the price per 100 mg of each active whose
/// amount the label states.
///
/// **Formulas.** The unit price is `price / size`, with the size in mL when the label gives a volume, else in g.
/// The mass of an active is `ppm × size × 1e-3` mg (1 ppm is 1 mg per kg, and 1 mL is taken as 1 g: a cosmetic
/// serum's density is close to water's, and labels give one or the other), so the price per 100 mg of it is
/// `price / mg × 100`. Only an amount **declared** on the label or **printed** in its list counts: a bound inferred
/// from list order is not an amount, and a figure in the product's name is the brand's unconfirmed claim.
///
/// Prices are only comparable within one currency: see ``ValueComparison``.
///
/// ```swift
/// let value = ProductValue(price: 30, currency: "USD", sizeMl: 30, sizeG: nil,
///                          actives: [.init(ingredient: "NIACINAMIDE", ppm: 50_000, source: .declared)])
/// value.perUnit                  // 1.0 (USD per mL)
/// value.actives[0].milligrams    // 1,500 (5 % of 30 mL)
/// value.actives[0].per100mg      // 2.0 (USD per 100 mg)
/// ```
public struct ProductValue: Sendable, Equatable, Hashable, Codable {
    /// The unit a price per unit is per.
    public enum Unit: String, Sendable, Codable, Hashable {
        /// Per millilitre: the label gives a volume.
        case millilitre = "mL"
        /// Per gram: the label gives a mass and no volume.
        case gram = "g"
    }

    /// An amount of one ingredient, as the value is computed from.
    public struct ActiveAmount: Sendable, Equatable, Hashable, Codable {
        /// The canonical INCI name.
        public var ingredient: String
        /// The amount in ppm (1 % = 10,000 ppm).
        public var ppm: Double
        /// Where the amount comes from; only `declared` and `printed` give a value.
        public var source: AmountSource

        /// An amount of `ingredient`; each argument sets the property of the same name.
        public init(ingredient: String, ppm: Double, source: AmountSource) {
            self.ingredient = ingredient
            self.ppm = ppm
            self.source = source
        }
    }

    /// The price of 100 mg of one active.
    public struct ActiveValue: Sendable, Equatable, Hashable, Codable {
        /// The canonical INCI name.
        public var ingredient: String
        /// The amount the value is computed from, in ppm.
        public var ppm: Double
        /// `declared` or `printed`.
        public var source: AmountSource
        /// The mass of the active in the whole product, in mg: `ppm × size × 1e-3`.
        public var milligrams: Double
        /// The price of 100 mg of the active, in the product's currency.
        public var per100mg: Double
    }

    /// The product's price, nil when not given.
    public var price: Double?
    /// The price's currency, nil when not given.
    public var currency: String?
    /// The size the values are per: the volume in mL, else the mass in g; nil when the label gives neither.
    public var size: Double?
    /// What ``size`` is in; nil when there is no size.
    public var unit: Unit?
    /// `price / size`; nil without a positive price or a size.
    public var perUnit: Double?
    /// The price per 100 mg of each active with a declared or printed amount, in the order given; empty without
    /// a price or a size.
    public var actives: [ActiveValue]

    /// The value of a product priced `price` in `currency`, of `sizeMl` mL or `sizeG` g, holding `actives`.
    ///
    /// - Parameters:
    ///   - price: The price; a price that is not positive and finite gives no value.
    ///   - currency: The price's currency code as imported.
    ///   - sizeMl: The volume in mL, preferred when given.
    ///   - sizeG: The mass in g, used when there is no volume.
    ///   - actives: The amounts the label gives; amounts not declared or printed, not positive or for an
    ///     ingredient already seen are skipped.
    public init(price: Double?, currency: String?, sizeMl: Double?, sizeG: Double?, actives: [ActiveAmount] = []) {
        self.price = price
        self.currency = currency
        let positive: (Double?) -> Double? = { value in value.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } }
        if let ml = positive(sizeMl) {
            size = ml
            unit = .millilitre
        } else if let g = positive(sizeG) {
            size = g
            unit = .gram
        } else {
            size = nil
            unit = nil
        }
        guard let price = positive(price), let size else {
            perUnit = nil
            self.actives = []
            return
        }
        perUnit = price / size
        var seen: Set<String> = []
        self.actives = actives.compactMap { active in
            guard active.source == .declared || active.source == .printed, active.ppm.isFinite, active.ppm > 0,
                seen.insert(active.ingredient).inserted
            else { return nil }
            let milligrams = Self.milligrams(ppm: active.ppm, size: size)
            return ActiveValue(
                ingredient: active.ingredient, ppm: active.ppm, source: active.source, milligrams: milligrams,
                per100mg: price / milligrams * 100)
        }
    }

    /// The mass in mg of an ingredient at `ppm` in `size` mL or g (1 mL taken as 1 g): `ppm × size × 1e-3`.
    public static func milligrams(ppm: Double, size: Double) -> Double { ppm * size / 1000 }

    /// `1.27`, `0.0342`, `1066.67`: a price with two decimals from 1 up, three significant digits below (a price per
    /// mL in dollars is often under a cent).
    public static func formatted(_ price: Double) -> String {
        guard price.isFinite else { return String(price) }
        if abs(price) >= 1 || price == 0 { return String(format: "%.2f", price) }
        return String(format: "%#.3g", price)
    }

    /// `1.27 USD per mL`; nil without a price per unit.
    public var perUnitText: String? {
        guard let perUnit, let unit else { return nil }
        return "\(Self.formatted(perUnit))\(currency.map { " \($0)" } ?? "") per \(unit.rawValue)"
    }

    /// `2.00 USD per 100 mg`.
    public func per100mgText(_ active: ActiveValue) -> String {
        "\(Self.formatted(active.per100mg))\(currency.map { " \($0)" } ?? "") per 100 mg"
    }

    /// The price per 100 mg of `ingredient` (its canonical name), nil when the label states no amount of it.
    public func per100mg(of ingredient: String) -> Double? {
        actives.first { $0.ingredient == ingredient }?.per100mg
    }

    /// The value with its price, price per unit and prices per 100 mg converted to `target` at `rates`; the value
    /// itself when it is already in `target`; nil when its currency (or the lack of one) has no rate.
    ///
    /// ```swift
    /// let rates = try CurrencyRates(csv: "currency,rate\nUSD,1\nEUR,0.92\n")
    /// euros.converted(to: "USD", rates: rates)?.perUnit   // 1.0 for 0.92 EUR per mL
    /// ```
    public func converted(to target: String, rates: CurrencyRates) -> ProductValue? {
        guard let currency, let factor = rates.factor(from: currency, to: target) else { return nil }
        var converted = self
        converted.currency = currency.uppercased() == target.uppercased() ? currency : target.uppercased()
        converted.price = price.map { $0 * factor }
        converted.perUnit = perUnit.map { $0 * factor }
        converted.actives = actives.map { active in
            var active = active
            active.per100mg *= factor
            return active
        }
        return converted
    }
}

/// Why a product is left out of a comparison by value (``ValueComparison``).
public enum ValueExclusion: Sendable, Equatable, Hashable {
    /// Priced in another currency than the comparison's (the code as imported, nil when none was given).
    case otherCurrency(String?)
    /// No price, no size or (for an active) no declared or printed amount: nothing to compare.
    case noValue
    /// Priced in a currency the comparison's rates (``CurrencyRates``) do not list, so it cannot be converted (the
    /// code as imported, nil when none was given).
    case noRate(String?)
}

/// An order of products by value within one currency, with the products it left out and why.
///
/// A price in euros is not comparable with one in dollars without a rate, so the comparison keeps one currency:
/// the one asked for, else the one most of the comparable products are priced in (the first met on a tie). The
/// rest are left out, each with its reason, so a caller can say which (`skincat` prints them on stderr). Given a
/// ``CurrencyConversion``, it converts instead: every value is compared in the conversion's currency, and only
/// products in a currency the rates do not list are left out.
///
/// ```swift
/// let order = ValueComparison(items, key: { $0.value.perUnit })
/// order.currency   // "USD"
/// order.ordered    // cheapest per mL first
/// order.leftOut    // [(item, .otherCurrency("EUR")), (item, .noValue)]
/// ```
public struct ValueComparison<Item: Sendable>: Sendable {
    /// The currency compared in; nil when no item has a value, or the compared prices name no currency.
    public let currency: String?
    /// The compared items, lowest value first (cheapest per unit), ties in their given order.
    public let ordered: [Item]
    /// The compared figure of each item of ``ordered``, in ``currency`` (converted when the comparison had rates).
    public let compared: [Double]
    /// The items left out, in their given order, each with its reason.
    public let leftOut: [(item: Item, reason: ValueExclusion)]

    /// Orders `items` by the value `key` gives within one currency.
    ///
    /// - Parameters:
    ///   - items: The products, in a stable order (ties keep it).
    ///   - currency: The currency to compare in; nil for the one most comparable items are priced in.
    ///   - conversion: Exchange rates and the currency to convert to: every value is converted to
    ///     ``CurrencyConversion/currency`` (`currency` is then ignored) and compared; those in a currency the rates
    ///     do not list are left out as ``ValueExclusion/noRate(_:)``. Nil (the default) compares within one currency
    ///     only.
    ///   - value: An item's value and currency; a nil value leaves the item out as ``ValueExclusion/noValue``.
    public init(
        _ items: [Item], currency: String? = nil, conversion: CurrencyConversion? = nil,
        value: (Item) -> (value: Double?, currency: String?)
    ) {
        let values = items.map(value)
        // A price without a currency is compared only with others without one ("" stands for none).
        let chosen =
            conversion?.currency
            ?? currency ?? Self.mostCommon(values.compactMap { $0.value == nil ? nil : $0.currency ?? "" })
        var kept: [(Item, Double)] = []
        var leftOut: [(item: Item, reason: ValueExclusion)] = []
        for (item, entry) in zip(items, values) {
            guard let number = entry.value else {
                leftOut.append((item, .noValue))
                continue
            }
            if let conversion {
                guard let factor = conversion.factor(from: entry.currency) else {
                    leftOut.append((item, .noRate(entry.currency)))
                    continue
                }
                kept.append((item, number * factor))
                continue
            }
            guard (entry.currency ?? "") == chosen else {
                leftOut.append((item, .otherCurrency(entry.currency)))
                continue
            }
            kept.append((item, number))
        }
        self.currency = chosen.flatMap { $0.isEmpty ? nil : $0 }
        // Swift's sort is not stable: the index breaks ties.
        let sorted = kept.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }
        ordered = sorted.map(\.element.0)
        compared = sorted.map(\.element.1)
        self.leftOut = leftOut
    }

    private static func mostCommon(_ currencies: [String]) -> String? {
        var counts: [String: Int] = [:]
        for currency in currencies { counts[currency, default: 0] += 1 }
        var best: String?
        for currency in currencies where best == nil || counts[currency, default: 0] > counts[best ?? "", default: 0] {
            best = currency
        }
        return best
    }
}
