/// Which ingredients several products share and which each lists alone, by canonical ingredient, in list order.
///
/// Each product's list is given as keys (a canonical INCI name; an unresolved printed name gets a key of its own),
/// duplicates counting once. ``shared`` holds the keys every list holds, in the first list's order; ``unique``
/// the keys only one list holds, per list in its order; a key some but not all lists hold is in neither.
///
/// ```swift
/// let overlap = IngredientOverlap([["WATER", "NIACINAMIDE", "ZINC PCA"], ["WATER", "GLYCERIN", "NIACINAMIDE"]])
/// overlap.shared  // ["WATER", "NIACINAMIDE"]
/// overlap.unique  // [["ZINC PCA"], ["GLYCERIN"]]
/// ```
public struct IngredientOverlap: Sendable, Equatable {
    /// The keys every list holds, in the first list's order; empty for no lists.
    public let shared: [String]
    /// Per list, in its order: the keys no other list holds.
    public let unique: [[String]]

    /// The overlap of `lists`, each a product's ingredient keys in list order.
    public init(_ lists: [[String]]) {
        let sets = lists.map(Set.init)
        var counts: [String: Int] = [:]
        for set in sets { for key in set { counts[key, default: 0] += 1 } }
        shared = Self.distinct(lists.first ?? []).filter { counts[$0] == lists.count }
        unique = lists.map { list in Self.distinct(list).filter { counts[$0] == 1 && lists.count > 1 } }
    }

    private static func distinct(_ keys: [String]) -> [String] {
        var seen: Set<String> = []
        return keys.filter { seen.insert($0).inserted }
    }
}
