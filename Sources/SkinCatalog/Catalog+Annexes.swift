import Foundation
import GRDB

/// What one annex export loaded into the catalog did.
public struct AnnexImportReport: Sendable, Codable, Equatable {
    public var file: String
    /// `III`, `V` or `VI`.
    public var annex: String
    public var dryRun: Bool
    /// Clauses read, one per glossary name (`AnnexCap`).
    public var caps = 0
    /// Of those, the clauses with a maximum.
    public var capsWithMaximum = 0
    /// Entries or clauses that gave no cap, as `FILE:LINE: Annex V ref 7: reason`.
    public var skipped: [String] = []
    /// Earlier files of the same annex whose caps this file replaced.
    public var replaced: [String] = []
    /// Dictionary ingredients with a cap in at least one product use after the import.
    public var cappedIngredients = 0
    /// Of those, the ingredients capped at or under 1 % in leave-on products: each sets the 1 % line of a
    /// leave-on list it appears in.
    public var cappedAtOnePercentLeaveOn = 0

    public init(file: String, annex: String, dryRun: Bool) {
        self.file = file
        self.annex = annex
        self.dryRun = dryRun
    }

    /// One line for stderr.
    public var summary: String {
        "\(dryRun ? "dry run of annex import" : "imported annex") \(annex) from \(file): \(caps) clauses "
            + "(\(capsWithMaximum) with a maximum), \(skipped.count) skipped; \(cappedIngredients) dictionary "
            + "ingredients capped, \(cappedAtOnePercentLeaveOn) at or under 1 % in leave-on products"
            + (replaced.isEmpty ? "" : "; replaces \(replaced.joined(separator: ", "))")
    }
}

/// What `skincat dictionary import` loaded: an ingredient dictionary or an annex export.
public enum DictionaryFileImport: Sendable, Equatable {
    case dictionary(DictionaryImportReport)
    case annex(AnnexImportReport)
}

extension Catalog {
    /// Loads a dictionary file of either kind, told apart by its first records: an EU CosIng annex export (a
    /// `Reference number` header, see ``importAnnex(from:annex:dryRun:now:)``) or an ingredient dictionary
    /// (``importDictionary(from:dryRun:now:)``).
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - annex: which annex the file is, when it does not say (the 2016 exports say it only in their file name);
    ///     nil to tell from the file.
    ///   - dryRun: read and check everything, then roll back.
    ///   - now: the time recorded with the import.
    /// - Throws: ``CatalogError`` as the two imports do.
    public func importDictionaryFile(
        from path: String, annex: Annex? = nil, dryRun: Bool = false, now: Date = Date()
    ) throws(CatalogError) -> DictionaryFileImport {
        let identification = try Self.identifyAnnex(path: path)
        if annex != nil || identification != .notAnnex {
            return .annex(try importAnnex(from: path, annex: annex, dryRun: dryRun, now: now))
        }
        return .dictionary(try importDictionary(from: path, dryRun: dryRun, now: now))
    }

    /// Loads the caps of one EU CosIng annex export (Annex III, V or VI; the 2016 and 2025 layouts) into the
    /// catalog, in one transaction, so the 1 % line of every list can rest on them (docs/concentration-evidence.md).
    ///
    /// The file is read by `AnnexCaps`: every clause it can read is stored, every one it cannot is stored with the
    /// reason and reported, never guessed. A later file of the same annex replaces the caps of earlier ones (load
    /// the 2025 exports after the 2016 ones, or alone). Afterwards each dictionary ingredient named by an annex
    /// gets its cap per product use (leave-on, rinse-off, unknown), the largest maximum any applicable clause
    /// allows, in `ingredientCap`.
    ///
    /// ```swift
    /// let report = try catalog.importAnnex(from: "COSING_Annex_V_v2_2025-11-11.txt")
    /// ```
    /// - Parameters:
    ///   - path: the annex export.
    ///   - annex: which annex the file is; nil to tell from its preamble or file name.
    ///   - dryRun: read and check everything, then roll back.
    ///   - now: the time recorded with the import.
    /// - Throws: ``CatalogError``: an unreadable file, one that is not an annex export (no `Reference number`
    ///   header, a missing column), an export of Annex II or IV, or one that does not say which annex it is.
    public func importAnnex(from path: String, annex: Annex? = nil, dryRun: Bool = false, now: Date = Date())
        throws(CatalogError) -> AnnexImportReport
    {
        let identified: Annex
        if let annex {
            identified = annex
        } else {
            switch try Self.identifyAnnex(path: path) {
            case .annex(let annex): identified = annex
            case .notAnnex:
                throw CatalogError.badHeader(
                    path: path, reason: AnnexCapsError.noHeader.errorDescription ?? "not an annex export")
            case .noCaps(let name):
                throw CatalogError.badHeader(
                    path: path,
                    reason: "an export of Annex \(name), which caps no concentration; load Annex III, V or VI")
            case .unnamed:
                throw CatalogError.unnamedAnnex(path: path)
            }
        }
        var caps = AnnexCaps()
        do {
            try caps.read(try FileByteSource(path: path), annex: identified)
        } catch let error as AnnexCapsError {
            throw CatalogError.badHeader(path: path, reason: error.errorDescription ?? "\(error)")
        } catch let error as CSVError {
            throw CatalogError.malformedFile(path: path, line: error.line, reason: error.detail())
        } catch {
            throw failure(error)
        }
        var report = AnnexImportReport(file: path, annex: identified.rawValue, dryRun: dryRun)
        report.caps = caps.caps.count
        report.capsWithMaximum = caps.caps.filter { $0.ppm != nil }.count
        report.skipped = caps.skipped.map { skip in
            let clause = skip.clause.map { " (\($0))" } ?? ""
            return "\(path):\(skip.line): Annex \(skip.annex.rawValue) ref \(skip.reference)\(clause): \(skip.reason)"
        }
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    report.replaced = try String.fetchAll(
                        db, sql: "SELECT DISTINCT file FROM annexImport WHERE annex = ? AND caps + skipped > 0",
                        arguments: [identified.rawValue])
                    try db.execute(
                        sql: """
                            DELETE FROM annexCap WHERE annexImportId IN (SELECT id FROM annexImport WHERE annex = ?);
                            DELETE FROM annexSkip WHERE annexImportId IN (SELECT id FROM annexImport WHERE annex = ?);
                            UPDATE annexImport SET caps = 0, skipped = 0 WHERE annex = ?
                            """, arguments: [identified.rawValue, identified.rawValue, identified.rawValue])
                    try db.execute(
                        sql: "INSERT INTO annexImport (annex, file, importedAt, caps, skipped) VALUES (?, ?, ?, ?, ?)",
                        arguments: [
                            identified.rawValue, path, ISO8601DateFormatter().string(from: now), caps.caps.count,
                            caps.skipped.count,
                        ])
                    let runId = db.lastInsertedRowID
                    try Self.store(caps, runId: runId, db: db)
                    try Self.refreshIngredientCaps(db)
                    report.cappedIngredients =
                        try Int.fetchOne(db, sql: "SELECT count(DISTINCT ingredientId) FROM ingredientCap") ?? 0
                    report.cappedAtOnePercentLeaveOn =
                        try Int.fetchOne(
                            db,
                            sql: """
                                SELECT count(*) FROM ingredientCap WHERE productUse = 'leaveOn' AND amountPpm <= ?
                                """, arguments: [ListOrderBounds.onePercent]) ?? 0
                    return dryRun ? .rollback : .commit
                }
            }
        } catch {
            throw failure(error)
        }
        return report
    }

    /// Reads the first records of a file to tell whether it is an annex export, and which.
    static func identifyAnnex(path: String) throws(CatalogError) -> AnnexCaps.Identification {
        var reader = CSVReader(source: try FileByteSource(path: path))
        var records: [[String]] = []
        do {
            while records.count < AnnexCaps.identificationRecords, let record = try reader.next() {
                records.append(record.fields)
            }
        } catch let error as CSVError {
            throw CatalogError.malformedFile(path: path, line: error.line, reason: error.detail())
        } catch {
            throw CatalogError.unreadableFile(path: path, reason: "\(error)")
        }
        return AnnexCaps.identify(records: records, fileName: URL(fileURLWithPath: path).lastPathComponent)
    }

    private static func store(_ caps: AnnexCaps, runId: Int64, db: Database) throws {
        let insertCap = try db.makeStatement(
            sql: """
                INSERT INTO annexCap (annexImportId, ordinal, reference, line, clause, name, nameKey, scope,
                                      productType, amountPpm, maximumText, basis)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (index, cap) in caps.caps.enumerated() {
            try insertCap.execute(arguments: [
                runId, index + 1, cap.reference, cap.line, cap.clause, cap.name, cap.key.rawValue, cap.scope.rawValue,
                cap.productType, cap.ppm, cap.maximumText, cap.basis,
            ])
        }
        let insertSkip = try db.makeStatement(
            sql: """
                INSERT INTO annexSkip (annexImportId, ordinal, reference, line, names, clause, reason,
                                       leavesCapUnknown)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (index, skip) in caps.skipped.enumerated() {
            try insertSkip.execute(arguments: [
                runId, index + 1, skip.reference, skip.line, skip.names.joined(separator: "; "), skip.clause,
                skip.reason, skip.leavesCapUnknown,
            ])
        }
    }

    /// The caps the catalog holds, as `AnnexCaps` read them.
    static func storedAnnexCaps(_ db: Database) throws -> AnnexCaps {
        var caps: [AnnexCap] = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT i.annex, c.reference, c.line, c.clause, c.name, c.scope, c.productType, c.amountPpm,
                       c.maximumText, c.basis
                FROM annexCap c JOIN annexImport i ON i.id = c.annexImportId ORDER BY c.annexImportId, c.ordinal
                """)
        {
            guard let annex = Annex(rawValue: row[0]), let scope = AnnexProductScope(rawValue: row[5]) else {
                continue
            }
            caps.append(
                AnnexCap(
                    name: row[4], annex: annex, reference: row[1], line: row[2], clause: row[3], scope: scope,
                    productType: row[6], ppm: row[7], maximumText: row[8], basis: row[9]))
        }
        var skipped: [AnnexSkip] = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT i.annex, s.reference, s.line, s.names, s.clause, s.reason, s.leavesCapUnknown
                FROM annexSkip s JOIN annexImport i ON i.id = s.annexImportId ORDER BY s.annexImportId, s.ordinal
                """)
        {
            guard let annex = Annex(rawValue: row[0]) else { continue }
            let names = (row[3] as String).split(separator: "; ").map(String.init)
            skipped.append(
                AnnexSkip(
                    annex: annex, reference: row[1], line: row[2], names: names, clause: row[4], reason: row[5],
                    leavesCapUnknown: row[6]))
        }
        return AnnexCaps(caps: caps, skipped: skipped)
    }

    /// Rebuilds `ingredientCap` from the stored annexes and the current dictionary: an annex name applies to the
    /// ingredient that has it as a name (its INCI name or an alias, never a shortened-name group). When several
    /// of an ingredient's names are capped, its cap is the largest of theirs (the bound that holds whichever name
    /// the annex meant), and none when one of them has no cap for that use.
    static func refreshIngredientCaps(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM ingredientCap")
        let caps = try storedAnnexCaps(db)
        let keys = caps.names
        guard !keys.isEmpty else { return }
        var keysByIngredient: [Int64: [NameKey]] = [:]
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT aliasKey, ingredientId FROM ingredientAlias WHERE origin <> 'group'")
        while let row = try cursor.next() {
            let key = NameKey(normalised: row[0])
            if keys.contains(key) { keysByIngredient[row[1], default: []].append(key) }
        }
        let insert = try db.makeStatement(
            sql: "INSERT INTO ingredientCap (ingredientId, productUse, amountPpm, citation) VALUES (?, ?, ?, ?)")
        for (ingredientId, names) in keysByIngredient.sorted(by: { $0.key < $1.key }) {
            for use in ProductUse.allCases {
                let limits = names.map { caps.limit(for: $0, productType: use) }
                guard !limits.contains(where: { $0 == nil }),
                    let largest = limits.compactMap({ $0 }).max(by: { $0.ppm < $1.ppm })
                else { continue }
                try insert.execute(arguments: [ingredientId, use.rawValue, largest.ppm, largest.citation])
            }
        }
    }
}
