import SkinDomain
import Testing

@Suite("Product value")
struct ProductValueTests {
    @Test func pricePerMillilitreAndPer100mgByHand() {
        // 30 USD for 30 mL at 5 % niacinamide: 50,000 ppm × 30 × 1e-3 = 1,500 mg; 30 / 1,500 × 100 = 2 USD.
        let value = ProductValue(
            price: 30, currency: "USD", sizeMl: 30, sizeG: nil,
            actives: [.init(ingredient: "NIACINAMIDE", ppm: 50_000, source: .declared)])
        #expect(value.unit == .millilitre)
        #expect(value.perUnit == 1)
        #expect(value.actives.count == 1)
        #expect(value.actives.first?.milligrams == 1500)
        #expect(value.per100mg(of: "NIACINAMIDE") == 2)
    }

    @Test func gramsWhenNoVolume() {
        // 45 EUR for 50 g at 4,000 ppm NMN: 4,000 × 50 × 1e-3 = 200 mg; 45 / 200 × 100 = 22.5 EUR.
        let value = ProductValue(
            price: 45, currency: "EUR", sizeMl: nil, sizeG: 50,
            actives: [.init(ingredient: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 4000, source: .printed)])
        #expect(value.unit == .gram)
        #expect(value.perUnit == 0.9)
        #expect(value.actives.first?.milligrams == 200)
        #expect(value.per100mg(of: "NICOTINAMIDE MONONUCLEOTIDE") == 22.5)
    }

    @Test func volumePreferredOverMass() {
        let value = ProductValue(price: 10, currency: "USD", sizeMl: 40, sizeG: 100)
        #expect(value.unit == .millilitre)
        #expect(value.perUnit == 0.25)
    }

    @Test func inferredAndNamedAmountsGiveNoValue() {
        let value = ProductValue(
            price: 20, currency: "USD", sizeMl: 30, sizeG: nil,
            actives: [
                .init(ingredient: "NIACINAMIDE", ppm: 10_000, source: .inferred),
                .init(ingredient: "ZINC PCA", ppm: 10_000, source: .named),
            ])
        #expect(value.actives.isEmpty)
        #expect(value.perUnit != nil)
    }

    @Test func noPriceOrNoSizeGivesNoValue() {
        let active = ProductValue.ActiveAmount(ingredient: "NIACINAMIDE", ppm: 50_000, source: .declared)
        #expect(ProductValue(price: nil, currency: "USD", sizeMl: 30, sizeG: nil, actives: [active]).perUnit == nil)
        #expect(ProductValue(price: 10, currency: "USD", sizeMl: nil, sizeG: nil, actives: [active]).actives.isEmpty)
        #expect(ProductValue(price: 0, currency: "USD", sizeMl: 30, sizeG: nil).perUnit == nil)
    }

    @Test func comparisonKeepsTheMostCommonCurrencyAndSaysWhatItLeftOut() {
        let items: [(sku: String, value: Double?, currency: String?)] = [
            ("a", 2, "USD"), ("b", 1, "EUR"), ("c", 0.5, "USD"), ("d", nil, "USD"), ("e", 1, "USD"),
        ]
        let comparison = ValueComparison(items) { ($0.value, $0.currency) }
        #expect(comparison.currency == "USD")
        #expect(comparison.ordered.map(\.sku) == ["c", "e", "a"])
        #expect(comparison.leftOut.map(\.item.sku) == ["b", "d"])
        #expect(comparison.leftOut.map(\.reason) == [.otherCurrency("EUR"), .noValue])
    }

    @Test func comparisonInTheCurrencyAsked() {
        let items: [(sku: String, value: Double?, currency: String?)] = [
            ("a", 2, "USD"), ("b", 3, "EUR"), ("c", 1, "EUR"),
        ]
        let comparison = ValueComparison(items, currency: "USD") { ($0.value, $0.currency) }
        #expect(comparison.ordered.map(\.sku) == ["a"])
        #expect(comparison.leftOut.map(\.reason) == [.otherCurrency("EUR"), .otherCurrency("EUR")])
    }
}
