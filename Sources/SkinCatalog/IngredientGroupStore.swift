import GRDB
import SkinDomain

/// Finds or makes the group ingredients of one import run (`IngredientGroup`).
///
/// A group is an `ingredient` row of origin `group`, named by its shortened name, with that name as its alias (so
/// `contains rosa damascena` finds it) and its members in `ingredientGroupMember`. It belongs to a class only
/// when every member does: a group is never counted as any one of its members. The first time a run meets a
/// group that already exists, its members are refreshed from the current dictionary.
final class IngredientGroupStore {
    private let db: Database
    private var idByKey: [NameKey: Int64] = [:]
    private(set) var sizeById: [Int64: Int] = [:]

    init(db: Database) {
        self.db = db
    }

    func id(for group: IngredientGroup) throws -> Int64 {
        let key = NameKey(group.name)
        if let id = idByKey[key] { return id }
        let note =
            "One of \(group.members.count) ingredients: a shortened name they share; the label does not say which."
        typealias Alias = IngredientAliasRecord.Columns
        let id: Int64
        if let existing = try IngredientAliasRecord.filter(
            Alias.aliasKey == key.rawValue && Alias.origin == IngredientOrigin.group
        ).fetchOne(db) {
            id = existing.ingredientId
            try IngredientRecord.filter(key: id).updateAll(db, IngredientRecord.Columns.note.set(to: note))
            try IngredientGroupMemberRecord.filter(IngredientGroupMemberRecord.Columns.groupId == id).deleteAll(db)
            try IngredientClassMemberRecord.filter(IngredientClassMemberRecord.Columns.ingredientId == id).deleteAll(db)
        } else {
            var ingredient = IngredientRecord(inciName: group.name, note: note, origin: .group)
            try ingredient.insert(db)
            id = try ingredient.storedId()
            try IngredientAliasRecord(
                aliasKey: key.rawValue, alias: group.name, ingredientId: id, kind: .inci, origin: .group
            )
            .insert(db)
        }
        for member in group.members {
            try IngredientGroupMemberRecord(groupId: id, memberId: member).insert(db)
        }
        // SQL: one INSERT ... SELECT over the members' classes.
        try db.execute(
            sql: """
                INSERT INTO ingredientClassMember (ingredientId, className)
                SELECT ?, className FROM ingredientClassMember
                WHERE ingredientId IN (SELECT memberId FROM ingredientGroupMember WHERE groupId = ?)
                GROUP BY className HAVING count(*) = ?
                """, arguments: [id, id, group.members.count])
        idByKey[key] = id
        sizeById[id] = group.members.count
        return id
    }

    /// The number of members of group `id`, nil when `id` is not a group. Knows the groups this run made or met, and
    /// looks up the others (a stored name can point at a group the run never asked for).
    func size(of id: Int64) throws -> Int? {
        if let size = sizeById[id] { return size }
        if let known = notGroups, known.contains(id) { return nil }
        // SQL: a read that joins two tables.
        let size = try Int.fetchOne(
            db,
            sql: """
                SELECT count(m.memberId) FROM ingredient i JOIN ingredientGroupMember m ON m.groupId = i.id
                WHERE i.id = ? AND i.origin = 'group'
                """, arguments: [id])
        if let size, size > 0 {
            sizeById[id] = size
            return size
        }
        notGroups = (notGroups ?? []).union([id])
        return nil
    }

    /// Ids looked up and found not to be groups.
    private var notGroups: Set<Int64>?

    /// Drops every group, when the dictionary changes: their members may have changed, and a new dictionary
    /// name may be a group's name. Names that pointed at a group are left unresolved until they are resolved
    /// again against the new dictionary.
    static func dropAll(_ db: Database) throws {
        try IngredientRecord.filter(IngredientRecord.Columns.origin == IngredientOrigin.group).deleteAll(db)
        // The names lost their ingredient (ON DELETE SET NULL), including those of a group a new dictionary name
        // replaced earlier in the same transaction: none of them is matched any more. SQL: one set-wise update.
        try db.execute(
            sql: "UPDATE ingredientName SET matchKind = NULL WHERE ingredientId IS NULL AND matchKind IS NOT NULL")
    }
}
