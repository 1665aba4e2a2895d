import GRDB

/// The full-text index of the catalog (`productSearch`, migration 0014): how it is kept in step.
///
/// Triggers note in `productSearchPending` which products changed (a product or another source's offer written, a
/// printed name resolved to another ingredient, an ingredient renamed) and delete a removed product's row at once.
/// ``refresh(_:)`` then writes the noted products' rows again, set-wise, from the view `productSearchText`: an
/// import calls it once at the end of its file, every other write of the catalog before it commits.
enum SearchIndex {
    /// Writes the index rows of the products noted as changed, and clears the notes. Cheap when none are noted.
    static func refresh(_ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM productSearchPending)") == true else { return }
        // Set-wise over the noted products: hand-written SQL against the FTS5 table.
        try db.execute(
            sql: """
                DELETE FROM productSearch WHERE rowid IN (SELECT productId FROM productSearchPending);
                INSERT INTO productSearch (rowid, brand, name, category, ingredients)
                    SELECT t.id, t.brand, t.name, t.category, t.ingredients
                    FROM productSearchPending q CROSS JOIN productSearchText t ON t.id = q.productId
                    ORDER BY q.productId;
                DELETE FROM productSearchPending;
                """)
    }
}
