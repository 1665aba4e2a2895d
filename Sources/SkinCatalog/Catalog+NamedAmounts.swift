import GRDB

/// Writes what an import reads from a product for its concentration evidence beyond the lines themselves: the
/// amounts its name states (`productNamedAmount`) and where each further list of a kit starts
/// (`productListComponent`, so list-order bounds never cross a component). Kept out of the row importer, which
/// calls ``write(_:productId:listing:lines:replacing:)`` once per inserted or updated product.
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

    private let selectAlias: Statement
    /// Phrases looked up this run: their ingredient id, or nil.
    private var resolved: [NameKey: Int64?] = [:]

    init(_ db: Database) throws {
        selectAlias = try db.makeStatement(
            sql: "SELECT ingredientId FROM ingredientAlias WHERE aliasKey = ? AND origin <> 'group'")
    }

    /// Replaces the product's named amounts with those its name states, and records where each further list of a
    /// kit starts. A new product (`replacing` false) has none to delete. Its use is on its row (``ProductRow``).
    mutating func write(
        _ db: Database, productId: Int64, listing: ProductListing, lines: [ProductIngredientLine], replacing: Bool
    ) throws {
        if replacing {
            try ProductListComponentRow.filter(ProductListComponentRow.Columns.productId == productId).deleteAll(db)
            try ProductNamedAmountRow.filter(ProductNamedAmountRow.Columns.productId == productId).deleteAll(db)
        }
        var starts: [Int: Int] = [:]
        for line in lines where line.component > 0 {
            guard let position = line.position else { continue }
            starts[line.component] = min(starts[line.component] ?? position, position)
        }
        for (component, position) in starts.sorted(by: { $0.key < $1.key }) {
            try ProductListComponentRow(productId: productId, component: component, firstPosition: position)
                .insert(db)
        }
        // Only a name with a digit can state an amount: most names are never tokenised.
        guard listing.name.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return }
        let reading = try NamedAmounts.read(listing.name) { phrase in try lookUp(phrase) }
        var seen = Set<Int64>()
        for amount in reading.amounts {
            // A name that states two amounts of one ingredient (`Niacinamide 10% ... 10% Niacinamide`) keeps the
            // first.
            guard let id = amount.resolution.ingredientId, seen.insert(id).inserted else { continue }
            try ProductNamedAmountRow(
                productId: productId, ordinal: seen.count, ingredientId: id, phrase: amount.phrase,
                amountPpm: amount.amount.ppm, amountApproximate: amount.amount.isApproximate,
                amountText: amount.amountText, text: amount.text
            ).insert(db)
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
