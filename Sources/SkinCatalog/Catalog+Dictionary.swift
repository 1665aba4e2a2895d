import Foundation
import GRDB

/// What one `skincat dictionary import` did.
public struct DictionaryImportReport: Sendable, Codable, Equatable {
    public var file: String
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
                    try db.execute(
                        sql: """
                            INSERT INTO dictionaryImport (file, origin, importedAt, rowsRead, added, updated, unchanged,
                                                          keptReference)
                            VALUES (?, 'cosing', ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            path, ISO8601DateFormatter().string(from: now), report.rowsRead,
                            report.added, report.updated, report.unchanged, report.keptReference,
                        ])
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

    private struct KnownIngredient {
        var inciName: String
        var cas: String?
        var einecs: String?
        var functions: String?
        var origin: String
    }

    private static func merge(
        _ entries: [DictionaryEntry], db: Database,
        report: inout DictionaryImportReport
    ) throws {
        // Groups (shortened names an import resolved) are not dictionary names: a new name that is a group's
        // name replaces the group.
        var aliases: [String: (id: Int64, origin: String)] = [:]
        var groupByKey: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT aliasKey, ingredientId, origin FROM ingredientAlias") {
            if (row[2] as String) == "group" {
                groupByKey[row[0]] = row[1]
            } else {
                aliases[row[0]] = (row[1], row[2])
            }
        }
        var known: [Int64: KnownIngredient] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT id, inciName, casNumber, einecsNumber, functions, origin FROM ingredient WHERE origin <> 'group'
                """)
        {
            known[row[0]] = KnownIngredient(
                inciName: row[1], cas: row[2], einecs: row[3], functions: row[4],
                origin: row[5])
        }
        let update = try db.makeStatement(
            sql: """
                UPDATE ingredient SET casNumber = ?, einecsNumber = ?, functions = ? WHERE id = ?
                """)
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO ingredient (inciName, casNumber, einecsNumber, functions, origin)
                VALUES (?, ?, ?, ?, 'cosing')
                """)
        let insertAlias = try db.makeStatement(
            sql: """
                INSERT INTO ingredientAlias (aliasKey, alias, ingredientId, kind, origin) VALUES (?, ?, ?, 'inci', 'cosing')
                """)
        for entry in entries {
            let key = NameKey(entry.name).rawValue
            let einecs = entry.einecs.isEmpty ? nil : entry.einecs.joined(separator: " / ")
            let functions = entry.functions.isEmpty ? nil : entry.functions.joined(separator: ", ")
            guard let alias = aliases[key] else {
                if let group = groupByKey.removeValue(forKey: key) {
                    try db.execute(sql: "DELETE FROM ingredient WHERE id = ?", arguments: [group])
                }
                try insert.execute(arguments: [entry.name, entry.cas, einecs, functions])
                let id = db.lastInsertedRowID
                try insertAlias.execute(arguments: [key, entry.name, id])
                aliases[key] = (id, "cosing")
                known[id] = KnownIngredient(
                    inciName: entry.name, cas: entry.cas, einecs: einecs,
                    functions: functions, origin: "cosing")
                report.added += 1
                continue
            }
            guard var ingredient = known[alias.id] else { continue }
            // The name is (a spelling of) the ingredient's own INCI name: fill in what the file knows.
            guard NameKey(ingredient.inciName).rawValue == key else {
                if alias.origin == "reference" { report.keptReference += 1 } else { report.sameKey += 1 }
                continue
            }
            if ingredient.origin == "cosing" && ingredient.inciName != entry.name {
                report.sameKey += 1
                continue
            }
            let before = (ingredient.cas, ingredient.einecs, ingredient.functions)
            if ingredient.origin == "cosing" {
                ingredient.cas = entry.cas
                ingredient.einecs = einecs
                ingredient.functions = functions
            } else {
                // Reference data wins: only fill what it leaves empty.
                ingredient.cas = ingredient.cas ?? entry.cas
                ingredient.einecs = ingredient.einecs ?? einecs
                ingredient.functions = ingredient.functions ?? functions
            }
            if before == (ingredient.cas, ingredient.einecs, ingredient.functions) {
                report.unchanged += 1
            } else {
                try update.execute(arguments: [ingredient.cas, ingredient.einecs, ingredient.functions, alias.id])
                known[alias.id] = ingredient
                report.updated += 1
            }
        }
    }
}
