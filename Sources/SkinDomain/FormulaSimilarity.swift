/// How close two formulas are, weighting the top of the list most: a weighted Jaccard (Ruzicka) index over
/// ingredients, each weighted by its position.
///
/// **Measure.** An ingredient at position `i` (1-based, its first listing) weighs `decay^(i-1)`, with ``decay`` 0.7:
/// the first five ingredients make 83 % of a long list's weight, the first ten 97 %. An ingredient a list does not
/// hold weighs 0 in it. The similarity of lists `A` and `B` is
/// `Σ min(wA(k), wB(k)) / Σ max(wA(k), wB(k))` over every ingredient `k` of either: 1 for the same list in the
/// same order, 0 for lists with nothing in common. An ingredient shared at different places counts by its lower
/// weight, so a reformulation that swaps two trace ingredients stays close to 1, and two products that share only
/// water and glycerin at the top stay near a third. Ingredients are compared by canonical id only, never by name,
/// so a NAD+ product is not close to an NMN one because their names look alike.
///
/// ```swift
/// let similarity = FormulaSimilarity(["WATER", "GLYCERIN", "NIACINAMIDE"], ["WATER", "NIACINAMIDE", "GLYCERIN"])
/// similarity.score          // 0.825 (1.98 / 2.4)
/// similarity.sharedTop      // ["WATER", "GLYCERIN", "NIACINAMIDE"]
/// ```
public struct FormulaSimilarity: Sendable, Equatable {
    /// The weight's ratio from one position to the next: 0.7.
    public static let decay = 0.7
    /// How many leading positions count as the top of a list: 5.
    public static let top = 5

    /// The similarity, from 0 to 1 (see the type's documentation).
    public let score: Double
    /// The ingredients in the first list's top ``top`` that the second list holds anywhere, in the first's order.
    public let sharedTop: [String]
    /// The ingredients in the first list's top ``top`` that the second does not hold.
    public let missingTop: [String]
    /// The ingredients in the second list's top ``top`` that the first does not hold.
    public let addedTop: [String]
    /// How many distinct ingredients the lists share.
    public let sharedCount: Int
    /// The ingredients only the first list holds, in its order.
    public let onlyInFirst: [String]
    /// The ingredients only the second list holds, in its order.
    public let onlyInSecond: [String]

    /// The weight of position `position` (1-based): `decay^(position-1)`.
    public static func weight(position: Int) -> Double {
        var weight = 1.0
        for _ in 1..<max(1, position) { weight *= decay }
        return weight
    }

    /// Compares two lists of ingredient keys (canonical ids or names), each in list order; duplicates count at
    /// their first place.
    public init(_ first: [String], _ second: [String]) {
        let first = Self.distinct(first)
        let second = Self.distinct(second)
        let firstWeights = Self.weights(first)
        let secondWeights = Self.weights(second)
        var minimum = 0.0
        var maximum = 0.0
        for key in Set(first).union(second) {
            let a = firstWeights[key] ?? 0
            let b = secondWeights[key] ?? 0
            minimum += min(a, b)
            maximum += max(a, b)
        }
        score = maximum > 0 ? minimum / maximum : 0
        let firstSet = Set(first)
        let secondSet = Set(second)
        sharedTop = first.prefix(Self.top).filter(secondSet.contains)
        missingTop = first.prefix(Self.top).filter { !secondSet.contains($0) }
        addedTop = second.prefix(Self.top).filter { !firstSet.contains($0) }
        sharedCount = first.filter(secondSet.contains).count
        onlyInFirst = first.filter { !secondSet.contains($0) }
        onlyInSecond = second.filter { !firstSet.contains($0) }
    }

    private static func weights(_ keys: [String]) -> [String: Double] {
        var weights: [String: Double] = [:]
        var weight = 1.0
        for key in keys {
            weights[key] = weight
            weight *= decay
        }
        return weights
    }

    private static func distinct(_ keys: [String]) -> [String] {
        var seen: Set<String> = []
        return keys.filter { seen.insert($0).inserted }
    }
}
