import Foundation
import GRDB

/// What one annex export loaded into the catalog did.
public struct AnnexImportReport: Sendable, Codable, Equatable {
    /// The path of the annex export, as given.
    public var file: String
    /// `III`, `V` or `VI`.
    public var annex: String
    /// True when everything was read and checked, then rolled back: the catalog is unchanged.
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

    /// A report of an import that has loaded nothing yet.
    ///
    /// - Parameters:
    ///   - file: the path of the annex export.
    ///   - annex: which annex it is: `III`, `V` or `VI`.
    ///   - dryRun: whether the import is to be rolled back.
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

/// What loading a dictionary file of either kind did: it was an ingredient dictionary or an annex export.
public enum DictionaryFileImport: Sendable, Equatable {
    /// The file was an ingredient dictionary, loaded as ``Catalog/importDictionary(from:dryRun:now:)`` does.
    case dictionary(DictionaryImportReport)
    /// The file was an EU CosIng annex export, loaded as ``Catalog/importAnnex(from:annex:dryRun:now:)`` does.
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
                    try Self.replaceAnnex(identified, with: caps, path: path, now: now, db: db, report: &report)
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

    /// Stores the caps and skips of an annex file in place of those of earlier files of the same annex, then
    /// rebuilds `ingredientCap` and counts what it holds into `report`.
    private static func replaceAnnex(
        _ annex: Annex, with caps: AnnexCaps, path: String, now: Date, db: Database,
        report: inout AnnexImportReport
    ) throws {
        typealias Columns = AnnexImportRecord.Columns
        let earlier = AnnexImportRecord.filter(Columns.annex == annex.rawValue)
        report.replaced = try String.fetchAll(
            db, earlier.filter(Columns.caps + Columns.skipped > 0).select(Columns.file).distinct())
        try AnnexCapRecord.filter(earlier.select(Columns.id).contains(AnnexCapRecord.Columns.annexImportId))
            .deleteAll(db)
        try AnnexSkipRecord.filter(earlier.select(Columns.id).contains(AnnexSkipRecord.Columns.annexImportId))
            .deleteAll(db)
        try earlier.updateAll(db, Columns.caps.set(to: 0), Columns.skipped.set(to: 0))
        var run = AnnexImportRecord(
            annex: annex, file: path, importedAt: ISO8601DateFormatter().string(from: now), caps: caps.caps.count,
            skipped: caps.skipped.count)
        try run.insert(db)
        guard let runId = run.id else { throw CatalogError.database("the import of \(path) was not stored") }
        for (index, cap) in caps.caps.enumerated() {
            try AnnexCapRecord(cap, annexImportId: runId, ordinal: index + 1).insert(db)
        }
        for (index, skip) in caps.skipped.enumerated() {
            try AnnexSkipRecord(skip, annexImportId: runId, ordinal: index + 1).insert(db)
        }
        try refreshIngredientCaps(db)
        typealias Cap = IngredientCapRecord.Columns
        report.cappedIngredients = try IngredientCapRecord.select(Cap.ingredientId).distinct().fetchCount(db)
        report.cappedAtOnePercentLeaveOn = try IngredientCapRecord.filter(
            Cap.productUse == ProductUse.leaveOn.rawValue && Cap.amountPpm <= ListOrderBounds.onePercent
        ).fetchCount(db)
    }

    /// The caps the catalog holds, as `AnnexCaps` read them, in the order they were stored.
    static func storedAnnexCaps(_ db: Database) throws -> AnnexCaps {
        var annexById: [Int64: Annex] = [:]
        for run in try AnnexImportRecord.fetchAll(db) {
            if let id = run.id { annexById[id] = run.annex }
        }
        func annex(_ id: Int64) throws -> Annex {
            guard let annex = annexById[id] else { throw CatalogError.database("no annex import \(id)") }
            return annex
        }
        let caps = try AnnexCapRecord.order(AnnexCapRecord.Columns.annexImportId, AnnexCapRecord.Columns.ordinal)
            .fetchAll(db).map { try $0.cap(annex: annex($0.annexImportId)) }
        let skipped = try AnnexSkipRecord.order(AnnexSkipRecord.Columns.annexImportId, AnnexSkipRecord.Columns.ordinal)
            .fetchAll(db).map { try $0.skip(annex: annex($0.annexImportId)) }
        return AnnexCaps(caps: caps, skipped: skipped)
    }

    /// Rebuilds `ingredientCap` from the stored annexes and the current dictionary: an annex name applies to the
    /// ingredient that has it as a name (its INCI name or an alias, never a shortened-name group). When several
    /// of an ingredient's names are capped, its cap is the largest of theirs (the bound that holds whichever name
    /// the annex meant), and none when one of them has no cap for that use.
    static func refreshIngredientCaps(_ db: Database) throws {
        try IngredientCapRecord.deleteAll(db)
        let caps = try storedAnnexCaps(db)
        let keys = caps.names
        guard !keys.isEmpty else { return }
        var keysByIngredient: [Int64: [NameKey]] = [:]
        typealias Alias = IngredientAliasRecord.Columns
        let cursor = try Row.fetchCursor(
            db,
            IngredientAliasRecord.select(Alias.aliasKey, Alias.ingredientId).filter(
                Alias.origin != IngredientOrigin.group))
        while let row = try cursor.next() {
            let key = NameKey(normalised: row[Alias.aliasKey])
            if keys.contains(key) { keysByIngredient[row[Alias.ingredientId], default: []].append(key) }
        }
        for (ingredientId, names) in keysByIngredient.sorted(by: { $0.key < $1.key }) {
            for use in ProductUse.allCases {
                let limits = names.map { caps.limit(for: $0, productType: use) }
                guard !limits.contains(where: { $0 == nil }),
                    let largest = limits.compactMap({ $0 }).max(by: { $0.ppm < $1.ppm })
                else { continue }
                try IngredientCapRecord(
                    ingredientId: ingredientId, productUse: use, amountPpm: largest.ppm, citation: largest.citation
                ).insert(db)
            }
        }
    }
}
