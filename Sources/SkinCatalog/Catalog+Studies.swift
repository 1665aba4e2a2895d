import Foundation
import GRDB
import SkinDomain

/// Studies as data (docs/studies.md): listed, imported from a studies file, added and removed one at a time.
extension Catalog {
    /// The studies in the catalog, newest first, optionally only those about the ingredient a name resolves to.
    ///
    /// - Throws: ``CatalogError/database(_:)`` on a database failure. An ingredient name that resolves to
    ///   nothing gives an empty list.
    public func studies(ingredient name: String? = nil) throws(CatalogError) -> [StudySummary] {
        try read { db in
            var filter = "1"
            var arguments: StatementArguments = []
            if let name {
                filter = """
                    s.id IN (SELECT si.studyId FROM studyIngredient si JOIN ingredientAlias a
                             ON a.ingredientId = si.ingredientId WHERE a.aliasKey = ?)
                    """
                arguments = [NameKey(name).rawValue]
            }
            return try Self.studySummaries(db, where: filter, arguments: arguments)
        }
    }

    static func studySummaries(_ db: Database, where filter: String, arguments: StatementArguments) throws
        -> [StudySummary]
    {
        // SQL: a read that joins four tables.
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.*,
                    (SELECT group_concat(design, ',') FROM studyDesign WHERE studyId = s.id) AS designs,
                    (SELECT group_concat(endpoint, ',') FROM (SELECT endpoint FROM studyEndpoint
                        WHERE studyId = s.id ORDER BY endpoint)) AS endpoints,
                    (SELECT group_concat(inciName, '|') FROM (SELECT i.inciName FROM studyIngredient si
                        JOIN ingredient i ON i.id = si.ingredientId WHERE si.studyId = s.id ORDER BY i.inciName))
                        AS ingredients
                FROM study s WHERE \(filter) ORDER BY s.year IS NULL, s.year DESC, s.key
                """, arguments: arguments
        ).map { row in
            let designs = split(row["designs"], by: ",").compactMap(StudyDesign.init(rawValue:)).sorted()
            let title: String = row["title"]
            let doi: String? = row["doi"]
            let pmid: String? = row["pmid"]
            let url: String? = row["url"]
            let year: Int? = row["year"]
            let journal: String? = row["journal"]
            let authors: String? = row["authors"]
            return StudySummary(
                key: row["key"], year: year, journal: journal, title: title, authors: authors, doi: doi, pmid: pmid,
                designs: designs, models: Array(Set(designs.map(\.grade))).sorted(), route: row["route"],
                subjects: row["subjects"], duration: row["durationText"], durationWeeks: row["durationWeeks"],
                concentrationPpm: row["concentrationPpm"], concentrationText: row["concentrationText"],
                endpoints: split(row["endpoints"], by: ","), ingredients: split(row["ingredients"], by: "|"),
                outcome: StudyOutcome(rawValue: row["outcome"]) ?? .positive, url: url, summary: row["summary"],
                provenance: row["provenance"], origin: row["origin"],
                citation: StudyKey.citation(
                    title: title, authors: authors, journal: journal, year: year, doi: doi, pmid: pmid, url: url))
        }
    }

    /// Imports a studies file (docs/studies.md): CSV with a header, or JSON Lines (one object a line), told by the
    /// format given, else the file's extension, else its first byte. Each row is keyed by its DOI, else its PMID,
    /// else its title and year: a study already in the catalog under any of them is updated. A row that cannot be
    /// read, names an ingredient that resolves to nothing (or to several), or repeats a study of an earlier row is
    /// quarantined with its line, field and reason; the rest are written in one transaction.
    ///
    /// ```swift
    /// let report = try catalog.importStudies(from: "reading-list.csv")
    /// print(report.summary)
    /// ```
    /// - Parameters:
    ///   - path: the file.
    ///   - format: the file's format; nil to tell it from the file.
    ///   - dryRun: roll everything back: the report says what would have happened.
    ///   - now: the import's time, recorded with its run.
    /// - Throws: ``CatalogError`` for a missing or unreadable file, an empty one, a header with an unknown or
    ///   missing column, or text that is not valid UTF-8.
    public func importStudies(
        from path: String, format: InputFormat? = nil, dryRun: Bool = false, now: Date = Date()
    ) throws(CatalogError) -> StudyImportReport {
        let source = try FileByteSource(path: path)
        var report = StudyImportReport(file: path, dryRun: dryRun)
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    try checkStillPresent()
                    let sniffed = try SniffedByteSource(source)
                    var importer = try StudyImporter(db: db, file: path, now: now)
                    switch format ?? InputFormat(path: path) ?? sniffed.format {
                    case .csv:
                        var reader = CSVReader(source: sniffed, maxRecordBytes: Self.maxRowBytes)
                        try importer.run(&reader)
                    case .json, .jsonLines:
                        var reader = JSONRecordReader(
                            source: sniffed, layout: (format ?? InputFormat(path: path)) == .json ? .document : .lines,
                            maxRecordBytes: Self.maxRowBytes)
                        try importer.run(&reader)
                    }
                    report = importer.report
                    if dryRun {
                        report.runId = nil
                        return .rollback
                    }
                    return .commit
                }
            }
        } catch {
            throw failure(error)
        }
        return report
    }

    /// Adds one study, or updates the one of the same DOI, PMID, or title and year.
    ///
    /// ```swift
    /// let entry = StudyEntry(title: "A trial", designs: [.humanRCT], route: .topical, ingredients: ["NMN"])
    /// try catalog.addStudy(entry)
    /// ```
    /// - Returns: Whether the study was inserted, updated or already there as given.
    /// - Throws: ``CatalogError/invalidStudy(_:)`` for an ingredient name that resolves to nothing or to several
    ///   ingredients, or an identifier another study holds.
    @discardableResult
    public func addStudy(_ entry: StudyEntry) throws(CatalogError) -> StudyChange {
        try write { db in
            var resolver = try Self.makeResolver(db, fuzzy: true)
            var index = try StudyIndex(db)
            do {
                let ids = try StudyIndex.resolve(entry.ingredients, resolver: &resolver)
                return try index.write(entry, ingredientIds: ids, origin: .user, db)
            } catch let error as StudyFieldError {
                throw CatalogError.invalidStudy(error.description)
            }
        }
    }

    /// Removes a study, shipped or the user's, by its key, DOI or PMID (`doi:10.1000/x`, `10.1000/x`,
    /// `https://doi.org/10.1000/x`, `pmid:123`, `123`). A shipped study comes back only with a newer shipped file.
    ///
    /// - Returns: The study removed.
    /// - Throws: ``CatalogError/unknownStudy(_:)`` when no study has that key, DOI or PMID.
    @discardableResult
    public func removeStudy(_ reference: String) throws(CatalogError) -> StudySummary {
        try write { db in
            let index = try StudyIndex(db)
            guard let id = index.id(referencedBy: reference),
                let study = try Self.studySummaries(db, where: "s.id = ?", arguments: [id]).first
            else {
                throw CatalogError.unknownStudy(reference)
            }
            _ = try StudyRecord.deleteOne(db, key: id)
            return study
        }
    }
}

/// The studies in a catalog by DOI, PMID and title key, to find the row a study updates.
struct StudyIndex {
    private var byKey: [String: Int64] = [:]
    private var byDOI: [String: Int64] = [:]
    private var byPMID: [String: Int64] = [:]
    private var byTitle: [String: Int64] = [:]
    private(set) var origin: [Int64: StudyOrigin] = [:]

    init(_ db: Database) throws {
        for record in try StudyRecord.fetchAll(db) {
            guard let id = record.id else { continue }
            add(record, id: id)
        }
    }

    private mutating func add(_ record: StudyRecord, id: Int64) {
        byKey[record.key] = id
        if let doi = record.doi { byDOI[doi] = id }
        if let pmid = record.pmid { byPMID[pmid] = id }
        byTitle[StudyKey.title(record.title, year: record.year)] = id
        origin[id] = record.origin
    }

    /// The stored study `entry` is, by DOI, else PMID, else title and year.
    /// - Throws: ``StudyFieldError`` when its DOI and PMID name two different stored studies.
    func match(_ entry: StudyEntry) throws(StudyFieldError) -> Int64? {
        let byDOI = entry.doi.flatMap { self.byDOI[$0] }
        let byPMID = entry.pmid.flatMap { self.byPMID[$0] }
        if let byDOI, let byPMID, byDOI != byPMID {
            throw StudyFieldError(
                field: "pmid", reason: "PMID \(entry.pmid ?? "") belongs to another study than doi:\(entry.doi ?? "")")
        }
        if let id = byDOI ?? byPMID { return id }
        // A stored study with a DOI is another study than a row with a different DOI, whatever its title.
        guard let id = byTitle[StudyKey.title(entry.title, year: entry.year)] else { return nil }
        return entry.doi == nil || !self.byDOI.values.contains(id) ? id : nil
    }

    /// The stored study a user's reference names: its key, DOI (any spelling) or PMID.
    func id(referencedBy reference: String) -> Int64? {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if let id = byKey[text] { return id }
        if let doi = StudyKey.doi(text), let id = byDOI[doi] { return id }
        if let pmid = StudyKey.pmid(text), let id = byPMID[pmid] { return id }
        return nil
    }

    /// The ingredient ids of a study's names, each resolved as a label name is (decoy-safe: NMN never resolves to
    /// NAD+).
    /// - Throws: ``StudyFieldError`` naming the first name that resolves to nothing or to several ingredients.
    static func resolve(_ names: [String], resolver: inout IngredientResolver) throws(StudyFieldError) -> [Int64] {
        var ids: [Int64] = []
        for name in names {
            let resolution = resolver.resolve(name)
            if let id = resolution.ingredientId {
                if !ids.contains(id) { ids.append(id) }
            } else if let group = resolution.group {
                throw StudyFieldError(
                    field: "ingredients",
                    reason: "\"\(name)\" names \(group.members.count) dictionary ingredients; give the full INCI name")
            } else {
                throw StudyFieldError(field: "ingredients", reason: "no ingredient named \"\(name)\" in the dictionary")
            }
        }
        return ids
    }

    /// Writes `entry` as a new study or over the one it matches.
    /// - Throws: ``StudyFieldError`` for identifiers that name two studies; database errors as thrown.
    mutating func write(_ entry: StudyEntry, ingredientIds: [Int64], origin: StudyOrigin, _ db: Database) throws
        -> StudyChange
    {
        let existing = try match(entry)
        var record = StudyRecord(entry, id: existing, origin: origin)
        let designs = Set(entry.designs)
        let endpoints = Set(entry.endpoints)
        let ingredients = Set(ingredientIds)
        if let id = existing {
            let stored = try StudyRecord.fetchOne(db, key: id)
            let storedDesigns = Set(
                try StudyDesignRecord.filter(StudyDesignRecord.Columns.studyId == id).fetchAll(db).map(\.design))
            let storedEndpoints = Set(
                try StudyEndpointRecord.filter(StudyEndpointRecord.Columns.studyId == id).fetchAll(db).map(\.endpoint))
            let storedIngredients = Set(
                try StudyIngredientRecord.filter(StudyIngredientRecord.Columns.studyId == id).fetchAll(db)
                    .map(\.ingredientId))
            if stored == record && storedDesigns == designs && storedEndpoints == endpoints
                && storedIngredients == ingredients
            {
                return .unchanged
            }
            // The key may change (a DOI learnt for a study known by its title): clear the old one first.
            try record.update(db)
            try StudyDesignRecord.filter(StudyDesignRecord.Columns.studyId == id).deleteAll(db)
            try StudyEndpointRecord.filter(StudyEndpointRecord.Columns.studyId == id).deleteAll(db)
            try StudyIngredientRecord.filter(StudyIngredientRecord.Columns.studyId == id).deleteAll(db)
        } else {
            try record.insert(db)
        }
        guard let id = record.id else { throw CatalogError.database("the study \"\(entry.key)\" was not stored") }
        for design in designs { try StudyDesignRecord(studyId: id, design: design).insert(db) }
        for endpoint in endpoints { try StudyEndpointRecord(studyId: id, endpoint: endpoint).insert(db) }
        for ingredientId in ingredients {
            try StudyIngredientRecord(studyId: id, ingredientId: ingredientId).insert(db)
        }
        add(record, id: id)
        return existing == nil ? .inserted : .updated
    }
}

/// Reads a studies file's records and writes each study, quarantining the rows it cannot take.
private struct StudyImporter {
    let db: Database
    let file: String
    var report: StudyImportReport
    private var runId: Int64
    private var resolver: IngredientResolver
    private var index: StudyIndex
    private var lineByKey: [String: Int] = [:]
    private let finishedAt: String

    init(db: Database, file: String, now: Date) throws {
        self.db = db
        self.file = file
        report = StudyImportReport(file: file, dryRun: false)
        let stamp = ISO8601DateFormatter().string(from: now)
        finishedAt = stamp
        var run = StudyImportRunRow(
            file: file, startedAt: stamp, rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0)
        try run.insert(db)
        guard let id = run.id else { throw CatalogError.database("the studies import run was not stored") }
        runId = id
        report.runId = id
        resolver = try Catalog.makeResolver(db, fuzzy: true)
        index = try StudyIndex(db)
    }

    mutating func run(_ reader: inout some RecordReader) throws {
        let columns: StudyColumns
        do {
            guard let header = try reader.next() else { throw CatalogError.emptyFile(path: file) }
            columns = try StudyColumns(header: header.fields)
        } catch let error as StudyFieldError {
            throw CatalogError.badHeader(path: file, reason: error.reason)
        } catch let error as CSVError {
            throw CatalogError.malformedFile(path: file, line: error.line, reason: error.detail())
        }
        do {
            while let record = try reader.next() {
                report.rowsRead += 1
                do {
                    try importRow(record, columns: columns)
                } catch let error as StudyFieldError {
                    try quarantine(record, error)
                }
            }
        } catch let error as CSVError {
            throw CatalogError.malformedFile(path: file, line: error.line, reason: error.detail())
        }
        try StudyImportRunRow.filter(key: runId).updateAll(
            db,
            [
                Column("finishedAt").set(to: finishedAt), Column("rowsRead").set(to: report.rowsRead),
                Column("inserted").set(to: report.inserted), Column("updated").set(to: report.updated),
                Column("unchanged").set(to: report.unchanged),
                Column("quarantined").set(to: report.quarantined.count),
            ])
    }

    /// Writes one row's study.
    /// - Throws: ``StudyFieldError`` for a row to quarantine; database errors as thrown.
    private mutating func importRow(_ record: CSVRecord, columns: StudyColumns) throws {
        if let issue = record.issues.first {
            throw StudyFieldError(field: issue.field.map { "field \($0 + 1)" }, reason: issue.detail)
        }
        let entry = try columns.entry(record.fields)
        let ids = try StudyIndex.resolve(entry.ingredients, resolver: &resolver)
        if let earlier = lineByKey[entry.key] {
            throw StudyFieldError(field: nil, reason: "the same study as line \(earlier) (\(entry.key))")
        }
        lineByKey[entry.key] = record.line
        switch try index.write(entry, ingredientIds: ids, origin: .user, db) {
        case .inserted: report.inserted += 1
        case .updated: report.updated += 1
        case .unchanged: report.unchanged += 1
        }
    }

    private mutating func quarantine(_ record: CSVRecord, _ error: StudyFieldError) throws {
        let kind = error.field.map { "\($0): \(Self.category(error.reason))" } ?? "row: \(Self.category(error.reason))"
        var row = QuarantineRow(
            importRunId: runId, file: file, line: record.line, field: error.field, reason: error.reason,
            rawRow: record.raw.nulVisible, reasonKind: kind)
        try row.insert(db)
        report.quarantined.append(
            .init(line: record.line, field: error.field, reason: error.reason, kind: kind, rawRow: record.raw))
    }

    /// A reason without its quoted values (`is not a study design`).
    private static func category(_ reason: String) -> String {
        reason.replacingOccurrences(of: #""[^"]*" ?"#, with: "", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
    }
}

/// What the studies earn one product for one active of a rubric: the evidence points and the studies that moved
/// them (what `skincat show` cites).
public struct ActiveEvidence: Sendable, Codable, Equatable {
    /// The rubric's name for the active (`NMN`).
    public var active: String
    /// The evidence criterion's points.
    public var points: Double
    /// The evidence criterion's weight.
    public var maximum: Double
    /// Why, in words.
    public var reason: String
    /// The studies that moved the points, strongest first.
    public var studies: [CitedStudy]
}

extension Catalog {
    /// The evidence points of one product for each active of `rubric` it lists, with the studies behind them.
    ///
    /// ```swift
    /// for evidence in try catalog.evidence(sku: "00101") { print(evidence.active, evidence.points) }
    /// ```
    /// - Parameters:
    ///   - sku: the product's sku (or `SOURCE:SKU`).
    ///   - rubric: the rubric that grades the studies; the default one unless given.
    /// - Returns: One entry per active the product lists, in the rubric's order of names; empty for an unknown sku.
    /// - Throws: ``CatalogError`` on a database failure or a rubric active the dictionary lacks.
    public func evidence(sku: String, rubric: Rubric = .default) throws -> [ActiveEvidence] {
        var found: [ActiveEvidence] = []
        for active in rubric.actives.keys.sorted() {
            for product in try ranking(RankingOptions(active: active, rubric: rubric, skus: [sku])) {
                guard let criterion = product.score.criteria.first(where: { $0.criterion == .evidence }) else {
                    continue
                }
                found.append(
                    ActiveEvidence(
                        active: active, points: criterion.points, maximum: criterion.maximum,
                        reason: criterion.reason, studies: product.score.evidenceStudies))
            }
        }
        return found
    }
}
