extension Packaging {
    /// The `product` column that stores an attribute: `light-protective` → `isLightProtective`.
    static func column(for name: String) -> String {
        "is" + name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
