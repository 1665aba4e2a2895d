import Foundation
import GRDB

extension Catalog {
    /// The shared lists of the whole catalog for finding 8 (`SameFormula`), built once per audit run: one pass over
    /// every listed line in key order, grouped by digest; then the tokens and the brand and name of only the products
    /// whose digest is shared are read again to confirm the groups. A group whose members are all one product (one
    /// brand and name in several sizes or editions, `SameFormulaProduct.isSameProduct(as:)`) is left out.
    /// - Returns: For each product whose list another product has, the match.
    static func sameFormulaMatches(_ db: Database) throws -> [Int64: SameFormulaMatch] {
        var index = SameFormulaIndex()
        try formulaTokens(db, ids: nil) { id, tokens, _ in index.add(productId: id, tokens: tokens) }
        let candidates = index.candidates
        guard !candidates.isEmpty else { return [:] }
        let ids = Array(Set(candidates.joined())).sorted()
        var tokens: [Int64: [String]] = [:]
        var unresolved: [Int64: Int] = [:]
        var products: [Int64: SameFormulaProduct] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            try formulaTokens(db, ids: chunk) { id, list, names in
                tokens[id] = list
                unresolved[id] = names
            }
            let marks = databaseQuestionMarks(count: chunk.count)
            for row in try Row.fetchAll(
                db, sql: "SELECT id, sku, brand, name, price, currency FROM product WHERE id IN (\(marks))",
                arguments: StatementArguments(chunk))
            {
                let price = Catalog.finite(row[4]).map {
                    String(format: "%.2f", $0) + ((row[5] as String?).map { " \($0)" } ?? "")
                }
                products[row[0]] = SameFormulaProduct(sku: row[1], brand: row[2], name: row[3], price: price)
            }
        }
        var matches: [Int64: SameFormulaMatch] = [:]
        for (id, members) in SameFormulaIndex.confirm(candidates, tokens: tokens) {
            let group = members.sorted().compactMap { products[$0] }
            // Members are few (a handful per list): every pair is compared.
            let anotherProduct = group.indices.contains { a in
                group.indices.contains { b in !group[a].isSameProduct(as: group[b]) }
            }
            guard anotherProduct, let list = tokens[id] else { continue }
            matches[id] = SameFormulaMatch(
                ingredients: list.filter { $0 != SameFormula.listBreak }.count, unresolved: unresolved[id] ?? 0,
                isKit: list.contains(SameFormula.listBreak), products: group)
        }
        return matches
    }

    /// Hands each product's list to `each` as `SameFormula` tokens, in product id order, with how many of its
    /// names did not resolve: every product, or those of `ids`.
    private static func formulaTokens(
        _ db: Database, ids: [Int64]?, each: (Int64, [String], Int) throws -> Void
    ) throws {
        var breaks: [Int64: Set<Int>] = [:]
        var filter = ""
        var arguments = StatementArguments()
        if let ids {
            filter = " AND productId IN (\(databaseQuestionMarks(count: ids.count)))"
            arguments = StatementArguments(ids)
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT productId, firstPosition FROM productListComponent WHERE component > 1" + filter,
            arguments: arguments)
        {
            breaks[row[0], default: []].insert(row[1])
        }
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT pi.productId, pi.position, n.ingredientId, n.nameKey
                FROM productIngredient pi JOIN ingredientName n ON n.id = pi.nameId
                WHERE pi.position IS NOT NULL AND pi.mayContain = 0\(filter.replacingOccurrences(of: "productId", with: "pi.productId"))
                ORDER BY pi.productId, pi.line
                """, arguments: arguments)
        var current: Int64?
        var lines: [(position: Int, token: String, resolved: Bool)] = []
        func flush() throws {
            guard let id = current else { return }
            var tokens: [String] = []
            for line in lines.sorted(by: { $0.position < $1.position }) {
                if breaks[id]?.contains(line.position) == true, !tokens.isEmpty { tokens.append(SameFormula.listBreak) }
                tokens.append(line.token)
            }
            try each(id, tokens, lines.filter { !$0.resolved }.count)
        }
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            if id != current {
                try flush()
                current = id
                lines.removeAll(keepingCapacity: true)
            }
            let ingredientId: Int64? = row[2]
            lines.append((row[1], SameFormula.token(ingredientId: ingredientId, nameKey: row[3]), ingredientId != nil))
        }
        try flush()
    }
}
