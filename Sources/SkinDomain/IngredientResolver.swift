/// How a printed name was matched to a canonical ingredient.
public enum MatchKind: String, Hashable, Sendable, Codable {
    /// The whole printed name is the INCI name or an alias.
    case exact
    /// A part of the name matched: the name without its parenthesised part, a parenthesised synonym
    /// (`Parfum (Fragrance)`), or every slash alternative agreeing (`Aqua/Water/Eau`).
    case partial
}

/// The outcome of looking a printed name up.
public struct Resolution: Hashable, Sendable {
    /// The canonical ingredient's id, nil when unresolved.
    public var ingredientId: Int64?
    /// The key the printed name normalises to (kept with unresolved names so they can be listed and counted).
    public var key: NameKey
    public var match: MatchKind?
}

/// Resolves printed ingredient names to canonical ingredients, by normalised name (``NameKey``).
///
/// The dictionary maps every alias key (including each INCI name's own key) to one ingredient id: exact
/// look-ups cannot confuse look-alikes, because NAD+, niacin and nicotinoyl peptides are ingredients of their
/// own with their own aliases. Results are cached per printed name; INCI lists repeat the same names
/// thousands of times.
public struct IngredientResolver: Sendable {
    private let ingredientIdByKey: [NameKey: Int64]
    private var cache: [String: Resolution] = [:]

    /// - Parameter aliases: every (alias key, ingredient id) pair of the dictionary.
    public init(aliases: [NameKey: Int64]) {
        ingredientIdByKey = aliases
    }

    /// The ingredient a key belongs to, with no partial matching.
    public func ingredientId(forKey key: NameKey) -> Int64? { ingredientIdByKey[key] }

    /// Resolves a printed name: the whole name, then the name without parenthesised parts, then each
    /// parenthesised part, then slash alternatives when they all agree.
    public mutating func resolve(_ printedName: String) -> Resolution {
        if let cached = cache[printedName] { return cached }
        let resolution = lookUp(printedName)
        if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
        cache[printedName] = resolution
        return resolution
    }

    private func lookUp(_ printedName: String) -> Resolution {
        let key = NameKey(printedName)
        if let id = ingredientIdByKey[key] { return Resolution(ingredientId: id, key: key, match: .exact) }
        let entry = INCIEntry(printedName: printedName, position: nil)
        for candidate in entry.lookupNames.dropFirst() {
            if let id = ingredientIdByKey[NameKey(candidate)] {
                return Resolution(ingredientId: id, key: key, match: .partial)
            }
        }
        let outer = INCIParser.splitParentheses(printedName).outer
        let parts = outer.split(separator: "/").map { NameKey($0) }.filter { !$0.isEmpty }
        if parts.count >= 2 {
            let ids = parts.map { ingredientIdByKey[$0] }
            if let first = ids.first, let id = first, ids.allSatisfy({ $0 == id }) {
                return Resolution(ingredientId: id, key: key, match: .partial)
            }
        }
        return Resolution(ingredientId: nil, key: key, match: nil)
    }
}
