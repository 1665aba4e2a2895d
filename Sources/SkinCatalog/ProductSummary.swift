/// What every product result carries about its product: the sku, brand, name, category and price.
///
/// ``ProductDetail``, ``QueryMatch``, ``RankedProduct`` and ``AuditedProduct`` embed one as `product`, and
/// read its fields as their own (`match.sku` is `match.product.sku`, through ``ProductResult``).
///
/// **The JSON stays flat.** A result encodes its summary into its own keyed container (its `encode(to:)` calls
/// `product.encode(to: encoder)`, then encodes the rest), and decodes it from there, so a record reads
/// `{"sku": ..., "brand": ..., "packaging": ...}`, not `{"product": {"sku": ...}, ...}`: users and scripts read
/// `sku` at the top level of every object, and a key has one spelling whichever result holds it.
///
/// ```swift
/// let match = try catalog.products(matching: "NMN >= 1000 ppm").first
/// print(match?.product.sku ?? "none", match?.brand ?? "")
/// ```
public struct ProductSummary: Sendable, Codable, Equatable, Hashable {
    /// The product's key: the sku it was first imported with, exactly (leading zeros count).
    public var sku: String
    /// The brand as imported; never empty.
    public var brand: String
    /// The product name as imported; never empty.
    public var name: String
    /// The retailer's category as imported (`Serum`, `Moisturizer`); nil when not given.
    public var category: String?
    /// The product's price in ``currency``; nil when not given.
    public var price: Double?
    /// The price's currency as imported (`USD`, `EUR`), nil when not given.
    public var currency: String?

    /// A summary; each argument sets the property of the same name.
    public init(
        sku: String, brand: String, name: String, category: String? = nil, price: Double? = nil,
        currency: String? = nil
    ) {
        self.sku = sku
        self.brand = brand
        self.name = name
        self.category = category
        self.price = price
        self.currency = currency
    }
}

/// A result about one product, with its ``ProductSummary``; its fields read as the result's own
/// (`ranked.sku`), through dynamic member lookup.
@dynamicMemberLookup
public protocol ProductResult {
    /// The product the result is about; its fields also read as the result's own (`result.sku`).
    var product: ProductSummary { get set }
}

extension ProductResult {
    /// The summary's field: `match.sku` for `match.product.sku`.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<ProductSummary, Value>) -> Value {
        get { product[keyPath: keyPath] }
        set { product[keyPath: keyPath] = newValue }
    }
}
