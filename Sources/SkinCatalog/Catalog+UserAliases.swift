import Foundation
import GRDB
import SkinDomain

/// A name a user taught the dictionary: printed `alias` means the ingredient `inciName`.
public struct UserAlias: Sendable, Codable, Equatable {
    /// The printed name the user taught, as they gave it.
    public var alias: String
    /// The alias's look-up key (`NameKey`).
    public var key: String
    /// The canonical INCI name of the ingredient the alias means.
    public var inciName: String
}

extension Catalog {
    /// Teaches the dictionary that the printed name `alias` means the ingredient named `inci`, then resolves every
    /// printed name of the catalog again, so products that print it count it at once.
    ///
    /// User aliases are kept apart from the shipped data (origin `user` in `ingredientAlias`): they never replace a
    /// shipped name, and the reference data, reloaded by a newer skincat, wins over one that it comes to ship. Adding
    /// an alias the user already has points it at the new ingredient.
    ///
    /// ```swift
    /// try catalog.addUserAlias("Hadasei-3", inci: "SODIUM HYALURONATE")
    /// ```
    /// - Throws: ``CatalogError/badAlias(_:)`` when `inci` names no ingredient, when `alias` is already a shipped
    ///   name, or when `alias` reads as a look-alike of the ingredient (an alias must never merge decoys: NMN is
    ///   not NAD+); ``CatalogError/database(_:)`` on a database failure.
    @discardableResult
    public func addUserAlias(_ alias: String, inci: String) throws(CatalogError) -> UserAlias {
        let key = NameKey(alias)
        guard !key.isEmpty else { throw .badAlias("the alias \"\(alias)\" holds no name") }
        do {
            return try writer.write { db in
                typealias Columns = IngredientAliasRecord.Columns
                guard
                    let targetAlias = try IngredientAliasRecord.filter(
                        Columns.aliasKey == NameKey(inci).rawValue && Columns.origin != IngredientOrigin.group
                    ).fetchOne(db)
                else {
                    throw CatalogError.unknownIngredient(inci)
                }
                let targetId = targetAlias.ingredientId
                let targetName = try Self.inciName(of: targetId, db)
                let existing = try IngredientAliasRecord.fetchOne(db, key: key.rawValue)
                if let existing, existing.origin != .user && existing.origin != .group {
                    let owner = try Self.inciName(of: existing.ingredientId, db)
                    throw CatalogError.badAlias(
                        existing.ingredientId == targetId
                            ? "\"\(alias)\" is already a dictionary name of \(owner)"
                            : "\"\(alias)\" is already a dictionary name of \(owner); shipped names are not replaced")
                }
                // Never merge decoys: the alias may not read (exactly, partly, fuzzily, ...) as a look-alike of the
                // ingredient, and a look-alike's own names are shipped (refused above).
                let lookalikes = try Self.lookalikes(of: targetId, db)
                var resolver = try Self.makeResolver(db, fuzzy: true)
                let reads = resolver.resolve(alias).ingredientId
                let parts = resolver.runTogether(alias)?.compactMap { $0.resolution.ingredientId } ?? []
                if let decoy = ([reads].compactMap { $0 } + parts).first(where: lookalikes.keys.contains) {
                    throw CatalogError.badAlias(
                        "\"\(alias)\" reads as \(lookalikes[decoy] ?? "a look-alike"), which must never be merged with "
                            + "\(targetName); not added")
                }
                if let existing, existing.origin == .group {
                    try IngredientRecord.deleteOne(db, key: existing.ingredientId)
                }
                try IngredientAliasRecord(
                    aliasKey: key.rawValue, alias: alias, ingredientId: targetId, kind: .synonym, origin: .user
                ).save(db)
                try Self.bumpDictionaryRevision(db)
                try Self.reresolveNames(db)
                return UserAlias(alias: alias, key: key.rawValue, inciName: targetName)
            }
        } catch {
            throw failure(error)
        }
    }

    /// Forgets a user alias and resolves the catalog's printed names again.
    ///
    /// - Throws: ``CatalogError/badAlias(_:)`` when `alias` is not a user alias (shipped names cannot be removed).
    public func removeUserAlias(_ alias: String) throws(CatalogError) {
        let key = NameKey(alias)
        do {
            try writer.write { db in
                let origin = try IngredientAliasRecord.fetchOne(db, key: key.rawValue)?.origin
                guard origin == .user else {
                    throw CatalogError.badAlias(
                        origin == nil
                            ? "\"\(alias)\" is not a user alias"
                            : "\"\(alias)\" is a shipped dictionary name, not a user alias; it cannot be removed")
                }
                try IngredientAliasRecord.deleteOne(db, key: key.rawValue)
                try Self.bumpDictionaryRevision(db)
                try Self.reresolveNames(db)
            }
        } catch {
            throw failure(error)
        }
    }

    /// The user's aliases, by alias.
    public func userAliases() throws(CatalogError) -> [UserAlias] {
        try read { db in
            // SQL: a read that joins two tables.
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.alias, a.aliasKey, i.inciName FROM ingredientAlias a JOIN ingredient i ON i.id = a.ingredientId
                    WHERE a.origin = 'user' ORDER BY a.aliasKey
                    """
            ).map { UserAlias(alias: $0["alias"], key: $0["aliasKey"], inciName: $0["inciName"]) }
        }
    }

    /// The look-alikes of an ingredient (either direction of `ingredientLookalike`), by id, with their names.
    static func lookalikes(of id: Int64, _ db: Database) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        // SQL: a read that joins two tables, in both directions of the pair.
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT l.lookalikeId AS id, i.inciName FROM ingredientLookalike l JOIN ingredient i ON i.id = l.lookalikeId
                WHERE l.ingredientId = ?1
                UNION
                SELECT l.ingredientId AS id, i.inciName FROM ingredientLookalike l JOIN ingredient i ON i.id = l.ingredientId
                WHERE l.lookalikeId = ?1
                """, arguments: [id])
        {
            names[row["id"]] = row["inciName"]
        }
        return names
    }

    /// The INCI name of ingredient `id`.
    static func inciName(of id: Int64, _ db: Database) throws -> String {
        guard let ingredient = try IngredientRecord.fetchOne(db, key: id) else {
            throw CatalogError.database("no ingredient has the id \(id)")
        }
        return ingredient.inciName
    }
}
