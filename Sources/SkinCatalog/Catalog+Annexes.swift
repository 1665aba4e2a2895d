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

/// What loading one EU substance list (Annex II, the fragrance allergens) into the catalog did, with the provenance
/// stored beside it.
public struct EUListImportReport: Sendable, Codable, Equatable {
    /// The path of the file, as given.
    public var file: String
    /// Which list the file holds.
    public var list: EUSubstanceList.Kind
    /// True when everything was read and checked, then rolled back: the catalog is unchanged.
    public var dryRun: Bool
    /// The version the file states (`EUSubstanceList.version`), nil when it states none.
    public var fileVersion: String?
    /// The file's size in bytes.
    public var byteCount = 0
    /// The SHA-256 of the file's bytes, 64 hex digits.
    public var sha256 = ""
    /// The names stored, one per `NameKey`.
    public var entries = 0
    /// Earlier files of the same list whose entries this file replaced.
    public var replaced: [String] = []

    /// A report of an import that has loaded nothing yet.
    /// - Parameters:
    ///   - file: The path of the list's file.
    ///   - list: Which list it is.
    ///   - dryRun: Whether the import is to be rolled back.
    public init(file: String, list: EUSubstanceList.Kind, dryRun: Bool) {
        self.file = file
        self.list = list
        self.dryRun = dryRun
    }

    /// One line for stderr.
    public var summary: String {
        "\(dryRun ? "dry run of the import of" : "imported") \(list.title) from \(file): \(entries) names"
            + " (\(fileVersion ?? "no version stated"); \(byteCount) bytes, sha256 \(sha256))"
            + (replaced.isEmpty ? "" : "; replaces \(replaced.joined(separator: ", "))")
    }
}

extension EUSubstanceList.Kind: Codable {
    /// How reports name the list: `Annex II (prohibited substances)`, `the EU fragrance-allergen list`.
    public var title: String {
        switch self {
        case .annexII: "Annex II (prohibited substances)"
        case .fragranceAllergens: "the EU fragrance-allergen list"
        }
    }
}

/// What loading a dictionary file of any kind did: it was an ingredient dictionary, an annex export with caps, or an
/// EU substance list.
public enum DictionaryFileImport: Sendable, Equatable {
    /// The file was an ingredient dictionary, loaded as ``Catalog/importDictionary(from:dryRun:now:)`` does.
    case dictionary(DictionaryImportReport)
    /// The file was an EU CosIng annex export, loaded as ``Catalog/importAnnex(from:annex:dryRun:now:)`` does.
    case annex(AnnexImportReport)
    /// The file was Annex II or the fragrance-allergen list, loaded as
    /// ``Catalog/importSubstanceList(from:list:dryRun:now:)`` does.
    case substanceList(EUListImportReport)
}

extension Catalog {
    /// Loads a dictionary file of any kind, told apart by its first records: the EU fragrance-allergen list (an
    /// `inci_name,...,annex_iii_ref` header) or an Annex II export (see
    /// ``importSubstanceList(from:list:dryRun:now:)``), an EU CosIng annex export with caps (a `Reference number`
    /// header, see ``importAnnex(from:annex:dryRun:now:)``), or an ingredient dictionary
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
        let records = try Self.firstRecords(path: path)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        if annex == nil, let list = EUSubstanceList.identify(records: records, fileName: fileName) {
            return .substanceList(try importSubstanceList(from: path, list: list, dryRun: dryRun, now: now))
        }
        let identification = AnnexCaps.identify(records: records, fileName: fileName)
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
        AnnexCaps.identify(
            records: try firstRecords(path: path), fileName: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// The first records of a file, as many as telling its kind needs.
    static func firstRecords(path: String) throws(CatalogError) -> [[String]] {
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
        return records
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

extension Catalog {
    /// Loads an EU substance list into the catalog, in one transaction, with its provenance: Annex II (the CosIng
    /// export of prohibited substances, the 2016 `.csv` or the 2025 `.txt` layout) or the fragrance allergens that
    /// must be labelled (`eu-fragrance-allergens.csv`). The audit then checks labels against the stored list
    /// (docs/label-audit.md).
    ///
    /// Every name the file gives is stored with its citation (`Annex II ref 1380`), as `EUSubstanceList` reads it;
    /// nothing is typed in. The import run records the file's path and name, the version the file states, its size
    /// and SHA-256, and the time. A later file of the same list replaces the entries of earlier ones; their runs stay
    /// as the record.
    ///
    /// ```swift
    /// let report = try catalog.importSubstanceList(from: "COSING_Annex_II_v2_2025-11-11.txt", list: .annexII)
    /// ```
    /// - Parameters:
    ///   - path: The list's file.
    ///   - kind: Which list the file holds.
    ///   - dryRun: Read and check everything, then roll back.
    ///   - now: The time recorded with the import.
    /// - Throws: ``CatalogError``: an unreadable file, one without the header the list needs, invalid CSV.
    public func importSubstanceList(
        from path: String, list kind: EUSubstanceList.Kind, dryRun: Bool = false, now: Date = Date()
    ) throws(CatalogError) -> EUListImportReport {
        let bytes = try Self.fileBytes(path)
        var list = EUSubstanceList(kind: kind)
        do {
            try list.read(InMemoryByteSource(bytes))
        } catch let error as EUSubstanceListError {
            throw CatalogError.badHeader(path: path, reason: error.description)
        } catch let error as CSVError {
            throw CatalogError.malformedFile(path: path, line: error.line, reason: error.detail())
        } catch {
            throw CatalogError.unreadableFile(path: path, reason: "\(error)")
        }
        var report = EUListImportReport(file: path, list: kind, dryRun: dryRun)
        report.fileVersion = list.version
        report.byteCount = bytes.count
        report.sha256 = SHA256.hex(bytes)
        report.entries = list.count
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    typealias Columns = EUListImportRecord.Columns
                    let earlier = EUListImportRecord.filter(Columns.list == kind.rawValue)
                    report.replaced = try String.fetchAll(
                        db, earlier.filter(Columns.entries > 0).select(Columns.file).distinct())
                    try EUSubstanceRecord.filter(
                        earlier.select(Columns.id).contains(EUSubstanceRecord.Columns.euListImportId)
                    ).deleteAll(db)
                    try earlier.updateAll(db, Columns.entries.set(to: 0))
                    var run = EUListImportRecord(
                        list: kind.rawValue, file: path, fileName: URL(fileURLWithPath: path).lastPathComponent,
                        fileVersion: list.version, byteCount: bytes.count, sha256: report.sha256,
                        importedAt: ISO8601DateFormatter().string(from: now), entries: list.count)
                    try run.insert(db)
                    guard let runId = run.id else {
                        throw CatalogError.database("the import of \(path) was not stored")
                    }
                    for (key, citation) in list.citations.sorted(by: { $0.key < $1.key }) {
                        try EUSubstanceRecord(
                            euListImportId: runId, nameKey: key.rawValue, name: list.names[key] ?? key.rawValue,
                            citation: citation
                        ).insert(db)
                    }
                    return dryRun ? .rollback : .commit
                }
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw failure(error)
        }
        return report
    }

    /// The list of a kind the catalog holds, with where it came from, nil when none was loaded.
    static func storedSubstanceList(_ kind: EUSubstanceList.Kind, db: Database) throws -> StoredSubstanceList? {
        typealias Columns = EUListImportRecord.Columns
        guard
            let run = try EUListImportRecord.filter(Columns.list == kind.rawValue && Columns.entries > 0)
                .order(Columns.id.desc).fetchOne(db), let id = run.id
        else { return nil }
        let rows = try EUSubstanceRecord.filter(EUSubstanceRecord.Columns.euListImportId == id).fetchAll(db)
        let list = EUSubstanceList(
            kind: kind, entries: rows.map { (name: $0.name, citation: $0.citation) }, version: run.fileVersion)
        return StoredSubstanceList(
            list: list,
            provenance: "\(run.fileName) (\(run.fileVersion ?? "no version stated"); sha256 \(run.sha256); "
                + "imported \(run.importedAt))")
    }

    /// The bytes of a file, read whole (the EU lists are under a megabyte).
    static func fileBytes(_ path: String) throws(CatalogError) -> [UInt8] {
        let source = try FileByteSource(path: path)
        var bytes: [UInt8] = []
        do {
            while try source.read(into: &bytes, maxCount: 1 << 16) > 0 {}
        } catch {
            throw CatalogError.unreadableFile(path: path, reason: "\(error)")
        }
        return bytes
    }
}

/// An EU substance list as the catalog stores it, with one line saying which file it came from.
struct StoredSubstanceList {
    var list: EUSubstanceList
    /// `COSING_Annex_II_v2_2025-11-11.txt (File creation date: ...; sha256 ...; imported ...)`.
    var provenance: String
}
