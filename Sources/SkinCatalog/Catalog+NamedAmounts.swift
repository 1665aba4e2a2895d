import GRDB

/// Writes what an import reads from a product for its concentration evidence beyond the lines themselves: the
/// amounts its name states (`productNamedAmount`), its use for the annex caps (`product.productUse`) and where each
/// further list of a kit starts (`productListComponent`, so list-order bounds never cross a component). Kept out of
/// the row importer, which calls ``write(productId:listing:lines:)`` once per inserted or updated product.
///
/// **What is read.** The product's name only. The `actives` field is the label's own declaration and is read as
/// declared amounts already (``ProductComposition``); a retailer file has no other claim field.
///
/// **Resolution.** A phrase of the name is an ingredient when it is exactly one of the dictionary's names (an INCI
/// name or an alias such as `VITAMIN B3`), looked up by `NameKey` in `ingredientAlias`, shortened-name groups
/// left out. ``NamedAmounts`` splits a name at brackets and slashes, so the partial matches of list entries
/// (`Aqua (Water)`) cannot arise; fuzzy and shortened matches are refused as ``NamedAmounts`` refuses them; and a
/// renamed botanical spelling is not looked for in names. Looking names up this way never loads the whole
/// dictionary, so an import of names the catalog knows stays as fast as before.
///
/// **Stability.** The amounts are a function of the name (part of the row's content hash) and the dictionary
/// (its revision is too), and ``version`` is in the hash: a re-import of an unchanged row is still unchanged.
struct NamedAmountWriter {
    /// Bumped whenever the same name and dictionary can give other named amounts or another product use (part of
    /// an imported row's content hash, so a re-import reads the names again). 1: issue 15.
    static let version = 1

    private let deleteComponents: Statement
    private let insertComponent: Statement
    private let deleteAmounts: Statement
    private let insertAmount: Statement
    private let setUse: Statement
    private let selectAlias: Statement
    /// Phrases looked up this run: their ingredient id, or nil.
    private var resolved: [NameKey: Int64?] = [:]

    init(_ db: Database) throws {
        deleteComponents = try db.makeStatement(sql: "DELETE FROM productListComponent WHERE productId = ?")
        insertComponent = try db.makeStatement(
            sql: "INSERT INTO productListComponent (productId, component, firstPosition) VALUES (?, ?, ?)")
        deleteAmounts = try db.makeStatement(sql: "DELETE FROM productNamedAmount WHERE productId = ?")
        insertAmount = try db.makeStatement(
            sql: """
                INSERT INTO productNamedAmount (productId, ordinal, ingredientId, phrase, amountPpm, amountApproximate,
                                                amountText, text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        setUse = try db.makeStatement(sql: "UPDATE product SET productUse = ? WHERE id = ?")
        selectAlias = try db.makeStatement(
            sql: "SELECT ingredientId FROM ingredientAlias WHERE aliasKey = ? AND origin <> 'group'")
    }

    /// Replaces the product's named amounts with those its name states, sets its use, and records where each further
    /// list of a kit starts.
    mutating func write(productId: Int64, listing: ProductListing, lines: [ProductIngredientLine]) throws {
        try deleteComponents.execute(arguments: [productId])
        var starts: [Int: Int] = [:]
        for line in lines where line.component > 0 {
            guard let position = line.position else { continue }
            starts[line.component] = min(starts[line.component] ?? position, position)
        }
        for (component, position) in starts.sorted(by: { $0.key < $1.key }) {
            try insertComponent.execute(arguments: [productId, component, position])
        }
        try deleteAmounts.execute(arguments: [productId])
        let use = ProductUse.classify(category: listing.category, name: listing.name).use
        try setUse.execute(arguments: [use.rawValue, productId])
        // Only a name with a digit can state an amount: most names are never tokenised.
        guard listing.name.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return }
        let reading = try NamedAmounts.read(listing.name) { phrase in try lookUp(phrase) }
        var seen = Set<Int64>()
        for amount in reading.amounts {
            // A name that states two amounts of one ingredient (`Niacinamide 10% ... 10% Niacinamide`) keeps the
            // first.
            guard let id = amount.resolution.ingredientId, seen.insert(id).inserted else { continue }
            try insertAmount.execute(arguments: [
                productId, seen.count, id, amount.phrase, amount.amount.ppm, amount.amount.isApproximate,
                amount.amountText, amount.text,
            ])
        }
    }

    private mutating func lookUp(_ phrase: String) throws -> Resolution? {
        let key = NameKey(phrase)
        guard !key.isEmpty else { return nil }
        let id: Int64?
        if let known = resolved[key] {
            id = known
        } else {
            id = try Int64.fetchOne(selectAlias, arguments: [key.rawValue])
            resolved[key] = .some(id)
        }
        return id.map { Resolution(ingredientId: $0, key: key, match: .exact) }
    }
}
