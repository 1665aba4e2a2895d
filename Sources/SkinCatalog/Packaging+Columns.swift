extension Packaging {
    /// The `product` column that stores an attribute: `light-protective` → `isLightProtective`.
    /// The `product` column of each of ``named``'s attributes, in that order.
    static let columns = named.map { column(for: $0.name) }

    static func column(for name: String) -> String {
        "is" + name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
