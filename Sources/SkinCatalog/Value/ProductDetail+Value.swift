import SkinDomain

extension ProductDetail {
    /// What the product gives for its price (`ProductValue`): the price per mL or g, and the price per 100 mg of
    /// each ingredient whose amount the label declares or prints, in list order.
    ///
    /// ```swift
    /// let product = try catalog.product(sku: "00101")
    /// product?.value.perUnit  // 1.27 (USD per mL)
    /// ```
    public var value: ProductValue {
        let actives = ingredients.compactMap { line -> ProductValue.ActiveAmount? in
            guard !line.mayContain, let name = line.inciName, let ppm = line.amountPpm,
                let source = line.amountSource
            else { return nil }
            return ProductValue.ActiveAmount(ingredient: name, ppm: ppm, source: source)
        }
        return ProductValue(
            price: product.price, currency: product.currency, sizeMl: sizeMl, sizeG: sizeG, actives: actives)
    }
}
