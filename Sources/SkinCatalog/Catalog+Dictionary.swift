import Foundation
import GRDB

/// What loading one ingredient dictionary into the catalog did.
public struct DictionaryImportReport: Sendable, Codable, Equatable {
    /// The path of the dictionary file, as given.
    public var file: String
    /// True when everything was read and checked, then rolled back: the catalog is unchanged.
    public var dryRun: Bool
    /// Data rows read.
    public var rowsRead = 0
    /// Distinct names in the file (a name listed twice is merged: CAS first given, EINECS and functions joined).
    public var distinctNames = 0
    /// New ingredients.
    public var added = 0
    /// Known ingredients whose CAS, EINECS or functions the file filled in or changed.
    public var updated = 0
    /// Known ingredients the file had nothing new for.
    public var unchanged = 0
    /// Names that are already a reference-data alias of another ingredient (`PARFUM` is FRAGRANCE's): the
    /// reference data wins and the name is not made an ingredient of its own.
    public var keptReference = 0
    /// Names whose normalised form is another dictionary name's (two spellings of one name): not added twice.
    public var sameKey = 0
    /// Rows that could not be used, as `FILE:LINE: reason`.
    public var skipped: [String] = []
    /// Printed names in the catalog whose resolution the new dictionary changed (every name is resolved again
    /// when the dictionary changed).
    public var namesReresolved = 0

    /// One line for stderr.
    public var summary: String {
        "\(dryRun ? "dry run of dictionary import" : "imported dictionary") \(file): \(rowsRead) rows, "
            + "\(distinctNames) names: \(added) new, \(updated) updated, \(unchanged) unchanged, "
            + "\(keptReference) kept as reference aliases, \(sameKey) same as another name, "
            + "\(skipped.count) skipped"
            + (namesReresolved > 0 ? "; \(namesReresolved) printed names resolve differently now" : "")
    }
}

extension Catalog {
    /// Loads an ingredient dictionary in CosIng's shape (`inci_name, cas_number, einecs_number, function`; the
    /// official export's `INCI name, CAS No, EC No, Function` headers work too) into the catalog, in one
    /// transaction.
    ///
    /// Each name becomes an ingredient (origin `cosing`) with its own name as an alias, unless the reference
    /// data already knows it: a reference ingredient of the same name keeps its CAS number and gets the
    /// EINECS number and functions filled in; a name that is a reference alias of another ingredient (`PARFUM`,
    /// `NICOTINAMIDE`) stays that ingredient's alias, so the reference data's aliases, classes and look-alikes
    /// always win. Importing the same file again changes nothing. When anything changed, the dictionary
    /// revision is bumped and every distinct printed name in the catalog is resolved again, so queries see the new
    /// dictionary at once; the next import of a product file also refreshes what its products derive from their
    /// names (delivery systems, inferred bounds).
    ///
    /// ```swift
    /// let report = try catalog.importDictionary(from: "../shared/data/real/cosing/cosing.csv")
    /// ```
    /// - Throws: ``CatalogError`` for an unreadable file, a header without an INCI-name column, or text that is
    ///   not valid UTF-8.
    public func importDictionary(from path: String, dryRun: Bool = false, now: Date = Date())
        throws(CatalogError) -> DictionaryImportReport
    {
        let source = try FileByteSource(path: path)
        var report = DictionaryImportReport(file: path, dryRun: dryRun)
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    var reader = CSVReader(source: source, delimiter: UInt8(ascii: ","), encoding: .utf8)
                    let entries = try Self.readDictionary(&reader, file: path, report: &report)
                    try Self.merge(entries, db: db, report: &report)
                    if report.added + report.updated > 0 {
                        try IngredientGroupStore.dropAll(db)
                        try Self.bumpDictionaryRevision(db)
                        report.namesReresolved = try Self.reresolveNames(db)
                        try Self.refreshIngredientCaps(db)
                    }
                    var run = DictionaryImportRecord(
                        file: path, origin: .cosing, importedAt: ISO8601DateFormatter().string(from: now),
                        rowsRead: report.rowsRead, added: report.added, updated: report.updated,
                        unchanged: report.unchanged, keptReference: report.keptReference)
                    try run.insert(db)
                    return dryRun ? .rollback : .commit
                }
            }
        } catch {
            throw failure(error)
        }
        return report
    }

    /// One dictionary name with what the file says about it.
    private struct DictionaryEntry {
        var name: String
        var cas: String?
        var einecs: [String] = []
        var functions: [String] = []

        /// The entry as a new ingredient of origin `cosing`: EINECS numbers joined by ` / `, functions by `, `.
        var record: IngredientRecord {
            IngredientRecord(
                inciName: name, casNumber: cas, einecsNumber: einecs.isEmpty ? nil : einecs.joined(separator: " / "),
                functions: functions.isEmpty ? nil : functions.joined(separator: ", "), origin: .cosing)
        }
    }

    private static let nameHeaders = ["inci_name", "inci name", "inci", "name"]
    private static let casHeaders = ["cas_number", "cas no", "cas", "cas number"]
    private static let einecsHeaders = ["einecs_number", "ec no", "einecs", "ec_number", "einecs/elincs no"]
    private static let functionHeaders = ["function", "functions"]

    private static func readDictionary<Source: ByteSource>(
        _ reader: inout CSVReader<Source>, file: String, report: inout DictionaryImportReport
    ) throws -> [DictionaryEntry] {
        func next() throws -> CSVRecord? {
            do {
                return try reader.next()
            } catch let error as CSVError {
                throw CatalogError.malformedFile(path: file, line: error.line, reason: error.detail())
            }
        }
        guard let header = try next() else { throw CatalogError.emptyFile(path: file) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
        guard let nameColumn = column(nameHeaders) else {
            throw CatalogError.badHeader(
                path: file,
                reason: "the header has no \"inci_name\" column; it has "
                    + header.fields.prefix(10).map { "\"\($0)\"" }.joined(separator: ", "))
        }
        let casColumn = column(casHeaders)
        let einecsColumn = column(einecsHeaders)
        let functionColumn = column(functionHeaders)
        var entries: [DictionaryEntry] = []
        var indexByName: [String: Int] = [:]
        while let record = try next() {
            report.rowsRead += 1
            if let issue = record.issues.first {
                // A NUL would cut the name where SQLite stores it; a control character is never part of one.
                let column = issue.field.map { $0 <= names.count ? header.fields[$0 - 1] : "column \($0)" }
                report.skipped.append("\(file):\(record.line): \(column.map { "\($0): " } ?? "")\(issue.detail)")
                continue
            }
            func field(_ index: Int?) -> String? {
                guard let index, index < record.fields.count else { return nil }
                let value = Self.clean(record.fields[index])
                return value.isEmpty || value == "-" ? nil : value
            }
            guard let name = field(nameColumn)?.uppercased(), !NameKey(name).isEmpty else {
                report.skipped.append("\(file):\(record.line): inci_name: is empty")
                continue
            }
            let index =
                indexByName[name]
                ?? {
                    entries.append(DictionaryEntry(name: name))
                    indexByName[name] = entries.count - 1
                    return entries.count - 1
                }()
            if entries[index].cas == nil { entries[index].cas = field(casColumn) }
            if let einecs = field(einecsColumn), !entries[index].einecs.contains(einecs) {
                entries[index].einecs.append(einecs)
            }
            for function in (field(functionColumn) ?? "").split(separator: ",") {
                let trimmed = function.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty && !entries[index].functions.contains(trimmed) {
                    entries[index].functions.append(trimmed)
                }
            }
        }
        report.distinctNames = entries.count
        return entries
    }

    /// Trims, turns non-breaking spaces into spaces and collapses runs of spaces.
    private static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: " ")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The dictionary as stored, for merging a file into it: every name by key, and every ingredient but groups.
    private struct StoredDictionary {
        /// The ingredient and origin of each name but the groups'.
        var aliases: [String: (id: Int64, origin: IngredientOrigin)] = [:]
        /// Groups (shortened names an import resolved) are not dictionary names: a new name that is a group's name
        /// replaces the group.
        var groupByKey: [String: Int64] = [:]
        var ingredients: [Int64: IngredientRecord] = [:]

        init(_ db: Database) throws {
            for alias in try IngredientAliasRecord.fetchAll(db) {
                if alias.origin == .group {
                    groupByKey[alias.aliasKey] = alias.ingredientId
                } else {
                    aliases[alias.aliasKey] = (alias.ingredientId, alias.origin)
                }
            }
            let origin = IngredientRecord.Columns.origin
            for ingredient in try IngredientRecord.filter(origin != IngredientOrigin.group).fetchAll(db) {
                if let id = ingredient.id { ingredients[id] = ingredient }
            }
        }
    }

    private static func merge(
        _ entries: [DictionaryEntry], db: Database,
        report: inout DictionaryImportReport
    ) throws {
        var stored = try StoredDictionary(db)
        // A CosIng import adds 28,000 ingredients and their aliases: cached inserts (`CachedInsert`).
        let inserts = (
            ingredient: try IngredientRecord.cachedInsert(db), alias: try IngredientAliasRecord.cachedInsert(db)
        )
        for entry in entries {
            let key = NameKey(entry.name).rawValue
            if let alias = stored.aliases[key] {
                try fillIn(entry.record, key: key, alias: alias, stored: &stored, db: db, report: &report)
            } else {
                try add(entry.record, key: key, stored: &stored, inserts: inserts, db: db)
                report.added += 1
            }
        }
    }

    /// Adds a name no ingredient has as a name yet: a new ingredient (replacing a group of that name), with its
    /// name as its alias.
    private static func add(
        _ entry: IngredientRecord, key: String, stored: inout StoredDictionary,
        inserts: (ingredient: CachedInsert<IngredientRecord>, alias: CachedInsert<IngredientAliasRecord>), db: Database
    ) throws {
        if let group = stored.groupByKey.removeValue(forKey: key) {
            try IngredientRecord.deleteOne(db, key: group)
        }
        var ingredient = entry
        let id = try inserts.ingredient.execute(ingredient)
        ingredient.id = id
        try inserts.alias.execute(
            IngredientAliasRecord(aliasKey: key, alias: entry.inciName, ingredientId: id, kind: .inci, origin: .cosing))
        stored.aliases[key] = (id, .cosing)
        stored.ingredients[id] = ingredient
    }

    /// Fills in what the file knows about an ingredient that has the name already, unless the name is (a spelling
    /// of) another ingredient's.
    private static func fillIn(
        _ entry: IngredientRecord, key: String, alias: (id: Int64, origin: IngredientOrigin),
        stored: inout StoredDictionary, db: Database, report: inout DictionaryImportReport
    ) throws {
        guard var ingredient = stored.ingredients[alias.id] else { return }
        // The name is (a spelling of) the ingredient's own INCI name: fill in what the file knows.
        guard NameKey(ingredient.inciName).rawValue == key else {
            if alias.origin == .reference { report.keptReference += 1 } else { report.sameKey += 1 }
            return
        }
        if ingredient.origin == .cosing && ingredient.inciName != entry.inciName {
            report.sameKey += 1
            return
        }
        let before = ingredient
        if ingredient.origin == .cosing {
            ingredient.casNumber = entry.casNumber
            ingredient.einecsNumber = entry.einecsNumber
            ingredient.functions = entry.functions
        } else {
            // Reference data wins: only fill what it leaves empty.
            ingredient.casNumber = ingredient.casNumber ?? entry.casNumber
            ingredient.einecsNumber = ingredient.einecsNumber ?? entry.einecsNumber
            ingredient.functions = ingredient.functions ?? entry.functions
        }
        // Compared field by field, then only those columns written: `updateChanges` encodes both records, which
        // made re-importing an unchanged CosIng file a third slower.
        if ingredient.casNumber != before.casNumber || ingredient.einecsNumber != before.einecsNumber
            || ingredient.functions != before.functions
        {
            try ingredient.update(
                db,
                columns: [
                    IngredientRecord.Columns.casNumber, IngredientRecord.Columns.einecsNumber,
                    IngredientRecord.Columns.functions,
                ])
            stored.ingredients[alias.id] = ingredient
            report.updated += 1
        } else {
            report.unchanged += 1
        }
    }
}
