import SkinDomain

extension RankedProduct {
    /// The product's value (`ProductValue`) at its price and the given size: the price per mL or g, and the price
    /// per 100 mg of the ranked active when the amount the ranking used is declared or printed (`ProductValue`
    /// skips a named or inferred one).
    func value(sizeMl: Double?, sizeG: Double?) -> ProductValue {
        var actives: [ProductValue.ActiveAmount] = []
        if let ppm = amountPpm, let source = amountSource {
            actives.append(ProductValue.ActiveAmount(ingredient: active, ppm: ppm, source: source))
        }
        return ProductValue(
            price: product.price, currency: product.currency, sizeMl: sizeMl, sizeG: sizeG, actives: actives)
    }
}
