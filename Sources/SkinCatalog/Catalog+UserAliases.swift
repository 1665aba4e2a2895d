import Foundation
import GRDB
import SkinDomain

/// A name a user taught the dictionary: printed `alias` means the ingredient `inciName`.
public struct UserAlias: Sendable, Codable, Equatable {
    public var alias: String
    /// The alias's look-up key (`NameKey`).
    public var key: String
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
                guard
                    let target = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT i.id, i.inciName FROM ingredientAlias a JOIN ingredient i ON i.id = a.ingredientId
                            WHERE a.aliasKey = ? AND a.origin <> 'group'
                            """, arguments: [NameKey(inci).rawValue])
                else {
                    throw CatalogError.badAlias(
                        "no dictionary ingredient is named \"\(inci)\"; list candidates with "
                            + "'skincat ingredients \(inci.shellQuotedIfNeeded)'")
                }
                let targetId: Int64 = target[0]
                let targetName: String = target[1]
                let existing = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.ingredientId, a.origin, i.inciName FROM ingredientAlias a
                        JOIN ingredient i ON i.id = a.ingredientId WHERE a.aliasKey = ?
                        """, arguments: [key.rawValue])
                if let existing, (existing[1] as String) != "user" && (existing[1] as String) != "group" {
                    let owner: String = existing[2]
                    throw CatalogError.badAlias(
                        (existing[0] as Int64) == targetId
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
                if let existing, (existing[1] as String) == "group" {
                    try db.execute(sql: "DELETE FROM ingredient WHERE id = ?", arguments: [existing[0] as Int64])
                }
                try db.execute(
                    sql: """
                        INSERT INTO ingredientAlias (aliasKey, alias, ingredientId, kind, origin)
                        VALUES (?, ?, ?, 'synonym', 'user')
                        ON CONFLICT (aliasKey) DO UPDATE SET alias = excluded.alias, ingredientId = excluded.ingredientId
                        """, arguments: [key.rawValue, alias, targetId])
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
                let origin = try String.fetchOne(
                    db, sql: "SELECT origin FROM ingredientAlias WHERE aliasKey = ?", arguments: [key.rawValue])
                guard origin == "user" else {
                    throw CatalogError.badAlias(
                        origin == nil
                            ? "\"\(alias)\" is not a user alias; list them with 'skincat dictionary alias list'"
                            : "\"\(alias)\" is a shipped dictionary name, not a user alias; it cannot be removed")
                }
                try db.execute(sql: "DELETE FROM ingredientAlias WHERE aliasKey = ?", arguments: [key.rawValue])
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
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.alias, a.aliasKey, i.inciName FROM ingredientAlias a JOIN ingredient i ON i.id = a.ingredientId
                    WHERE a.origin = 'user' ORDER BY a.aliasKey
                    """
            ).map { UserAlias(alias: $0[0], key: $0[1], inciName: $0[2]) }
        }
    }

    /// The look-alikes of an ingredient (either direction of `ingredientLookalike`), by id, with their names.
    static func lookalikes(of id: Int64, _ db: Database) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT l.lookalikeId, i.inciName FROM ingredientLookalike l JOIN ingredient i ON i.id = l.lookalikeId
                WHERE l.ingredientId = ?
                UNION
                SELECT l.ingredientId, i.inciName FROM ingredientLookalike l JOIN ingredient i ON i.id = l.ingredientId
                WHERE l.lookalikeId = ?
                """, arguments: [id, id])
        {
            names[row[0]] = row[1]
        }
        return names
    }
}

extension String {
    /// The text quoted for a shell when it holds anything but letters, digits and `-_.+`.
    var shellQuotedIfNeeded: String {
        allSatisfy({ $0.isLetter || $0.isNumber || "-_.+".contains($0) })
            ? self : "'" + replacing("'", with: "'\\''") + "'"
    }
}
