import Foundation
import GRDB

extension Catalog {
    /// The page cache of an import, in KiB (SQLite's default is 2,000): bounded, so peak memory stays under
    /// 100 MiB whatever the file size.
    static let importCacheKiB = 32_768

    /// The page cache while the deferred indexes are built, in KiB.
    static let indexBuildCacheKiB = 8_192

    /// When the catalog has no products yet, drops the secondary indexes of `productIngredient` and returns the
    /// SQL that recreates them, exactly as the migrations wrote it. Runs inside the import's transaction, so a
    /// failed or dry-run import rolls the indexes back with everything else.
    static func dropSecondaryIndexesIfEmpty(_ db: Database) throws -> [String] {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM product LIMIT 1)") == 0 else {
            return []
        }
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name = 'productIngredient' AND sql IS NOT NULL ORDER BY name
                """)
        for index in indexes {
            try db.execute(sql: "DROP INDEX \(index["name"] as String)")
        }
        return indexes.map { $0["sql"] }
    }

    /// Imports a catalog file in the CSV contract, in one transaction.
    ///
    /// Each row is an offer of one source (``ImportOptions/source``, else the profile's, else named after the file)
    /// and is upserted by source and `sku`: an identical row leaves its offer untouched, a changed row replaces it,
    /// and a new offer joins the product another source already lists when brand, name, size and ingredient list
    /// agree (OfferBook.swift; docs/sources-and-offers.md). The source's offers the file no longer lists are marked
    /// not seen, or deleted with ``ImportOptions/prune``.
    /// A row that cannot be imported is quarantined (kept verbatim with its line and reason) and the good rows
    /// still land, unless `options.strict` is set, in which case the first bad row aborts the file with nothing
    /// written. Memory stays bounded by the largest row, whatever the file size.
    ///
    /// ```swift
    /// let report = try catalog.importCatalog(from: "Fixtures/catalog.csv")
    /// print(report.summary)
    /// ```
    /// - Parameters:
    ///   - path: the CSV file.
    ///   - options: strictness, encoding, delimiter, dry run.
    ///   - progress: called every few thousand rows (from the importing thread).
    /// - Throws: ``CatalogError`` for a missing or unreadable file, an empty file, a header without the
    ///   required columns, text that is not valid in the encoding, or (with `strict`) a bad row.
    public func importCatalog(
        from path: String,
        options: ImportOptions = ImportOptions(),
        progress: ((ImportProgress) -> Void)? = nil
    ) throws(CatalogError) -> ImportReport {
        try importCatalog(from: try FileByteSource(path: path), options: options, progress: progress)
    }

    /// Imports a catalog in the CSV contract from standard input (`skincat import -`), read as a stream to its
    /// end, exactly as ``importCatalog(from:options:progress:)`` imports a file. Messages, the report and the
    /// quarantine name the input `<stdin>`; progress reports have no total size.
    ///
    /// ```swift
    /// let report = try catalog.importCatalogFromStandardInput()
    /// ```
    /// - Throws: ``CatalogError`` as ``importCatalog(from:options:progress:)`` does.
    public func importCatalogFromStandardInput(
        options: ImportOptions = ImportOptions(),
        progress: ((ImportProgress) -> Void)? = nil
    ) throws(CatalogError) -> ImportReport {
        try importCatalog(from: FileByteSource.standardInput(), options: options, progress: progress)
    }

    /// The name messages give standard input.
    public static let standardInputName = "<stdin>"

    /// The longest row an import reads, in bytes: 1 MiB, which holds a row of a dozen fields at the 64 KiB field
    /// limit (``ProductListing/maxFieldBytes``). A longer row is read past without being held in memory and
    /// quarantined with its first bytes.
    static let maxRowBytes = 1 << 20

    private func importCatalog(
        from source: FileByteSource,
        options: ImportOptions,
        progress: ((ImportProgress) -> Void)?
    ) throws(CatalogError) -> ImportReport {
        let path = source.path
        var report = ImportReport(file: path, profile: options.profileName, dryRun: options.dryRun)
        do {
            try writer.writeWithoutTransaction { db in
                // A bulk import touches three indexes per ingredient line: a larger page cache keeps them in
                // memory instead of spilling dirty pages to the WAL mid-transaction (Benchmarks/RESULTS.md).
                try db.execute(sql: "PRAGMA cache_size = -\(Self.importCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                try db.inTransaction {
                    try checkStillPresent()
                    // Into an empty catalog, the ingredient lines' secondary indexes are built once at the end:
                    // sorting 20 million entries is much faster than inserting them one by one at random.
                    let deferredIndexes = try Self.dropSecondaryIndexesIfEmpty(db)
                    var importer = try RowImporter(db: db, file: path, options: options)
                    let reportProgress: (Int, Int64) -> Void = { rows, bytes in
                        progress?(ImportProgress(rowsRead: rows, bytesRead: bytes, totalBytes: source.totalBytes))
                    }
                    // The format from the options, else the file's extension, else its first byte (InputFormat).
                    var format = options.inputFormat ?? InputFormat(path: path)
                    let sniffed = try SniffedByteSource(source)
                    if format == nil { format = sniffed.format }
                    switch format ?? .csv {
                    case .csv:
                        var reader = CSVReader(
                            source: sniffed, delimiter: options.delimiter, encoding: options.encoding,
                            maxRecordBytes: Self.maxRowBytes)
                        try importer.run(reader: &reader, bytesRead: { source.bytesRead }, progress: reportProgress)
                    case .json, .jsonLines:
                        guard options.mapping.hasHeader else {
                            throw CatalogError.badHeader(
                                path: path, reason: "a JSON file has keys, not columns: map fields to keys by name")
                        }
                        var reader = JSONRecordReader(
                            source: sniffed, layout: format == .json ? .document : .lines,
                            maxRecordBytes: Self.maxRowBytes)
                        try importer.run(reader: &reader, bytesRead: { source.bytesRead }, progress: reportProgress)
                    }
                    report = importer.report
                    if options.dryRun {
                        report.runId = nil
                        return .rollback
                    }
                    if !deferredIndexes.isEmpty {
                        // SQLite's sorter takes as much memory as the page cache allows: build the indexes with a
                        // smaller cache so the import's peak stays under 100 MiB (Benchmarks/RESULTS.md).
                        try db.execute(sql: "PRAGMA cache_size = -\(Self.indexBuildCacheKiB)")
                        for sql in deferredIndexes { try db.execute(sql: sql) }
                    }
                    // The products this file wrote, indexed for full-text search at once (SearchIndex).
                    try SearchIndex.refresh(db)
                    // Statistics from a sample of each index (SQLite's recommended limit for PRAGMA optimize):
                    // 5 ms instead of 0.28 s for a million lines. The planner needs only the rough shape.
                    try db.execute(sql: "PRAGMA analysis_limit = 400; ANALYZE")
                    return .commit
                }
            }
        } catch {
            throw failure(error)
        }
        return report
    }
}

/// Imports the rows of one file inside an open transaction. Statements are prepared once and reused.
struct RowImporter {
    let db: Database
    let file: String
    let options: ImportOptions
    let runId: Int64
    let revision: String
    var report: ImportReport
    var resolver: StoredNameResolver
    let classesById: [Int64: Set<String>]
    let precursors: Set<Int64>
    var unresolved: [String: (name: String, count: Int)] = [:]
    var fuzzy: [String: (name: String, id: Int64, count: Int)] = [:]
    var shortened: [String: (name: String, id: Int64, count: Int)] = [:]
    let groups: IngredientGroupStore
    /// The run's source and its offers (OfferBook.swift).
    var offers: OfferBook

    let insertLine: LineInserter
    /// Once per new product and per delivery: prepared once (``PreparedInsert``).
    let insertProduct: PreparedInsert<ProductRow>
    let insertDelivery: PreparedInsert<ProductDeliveryRow>
    /// The stored row of a printed name (``IngredientNameRow``), looked up once per distinct name a run meets.
    let selectName: Statement
    /// The ids of the printed names this run has stored, with the resolution stored: each distinct name is looked
    /// up (or written) once per run, however many lines print it.
    var nameIds: [String: (id: Int64, resolution: NameResolution)] = [:]
    var namedAmounts: NamedAmountWriter

    /// The classes the import needs to know about (delivery inference, amount-bound inference).
    private static let classesOfInterest = [
        IngredientClassName.nadPrecursor, IngredientClassName.fermentFiltrate, IngredientClassName.phospholipid,
        IngredientClassName.carrierPeptide,
    ]

    /// An importer for a new run of `file`; with `run`, one that writes as that earlier run of a source did (for a
    /// label rewritten from an offer's listing outside an import: ``relabel(_:productId:offerId:)``).
    init(db: Database, file: String, options: ImportOptions, run: (id: Int64, source: String)? = nil) throws {
        self.db = db
        self.file = file
        self.options = options
        report = ImportReport(file: file, profile: options.profileName, dryRun: options.dryRun)
        let startedAt = ISO8601DateFormatter().string(from: options.now)
        let source = run.map { ($0.source, false) } ?? options.sourceName(forFile: file)
        if let run {
            runId = run.id
        } else {
            var row = ImportRunRow(file: file, startedAt: startedAt, profile: options.profileName)
            runId = try row.insertReturningId(db)
        }
        report.runId = runId
        report.source = source.0
        report.sourceFromFileName = source.1
        offers = try OfferBook(db: db, sourceName: source.0, runId: runId, now: startedAt)
        revision = try Catalog.nameRevision(db)
        resolver = try StoredNameResolver(db: db, fuzzy: options.fuzzy, revision: revision)
        groups = IngredientGroupStore(db: db)
        classesById = try Self.classesOfInterest(db)
        precursors = Set(classesById.filter { $0.value.contains(IngredientClassName.nadPrecursor) }.keys)
        insertLine = try LineInserter(db)
        insertProduct = try PreparedInsert(db, skipping: [ProductRow.Columns.id.name])
        insertDelivery = try PreparedInsert(db)
        selectName = try db.makeStatement(sql: "SELECT * FROM ingredientName WHERE printedName = ? AND fuzzy = ?")
        namedAmounts = try NamedAmountWriter(db)
    }

    /// The classes of interest of each ingredient that has one.
    private static func classesOfInterest(_ db: Database) throws -> [Int64: Set<String>] {
        var classes: [Int64: Set<String>] = [:]
        let placeholders = classesOfInterest.map { _ in "?" }.joined(separator: ", ")
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT ingredientId, className FROM ingredientClassMember WHERE className IN (\(placeholders))
                """,
            arguments: StatementArguments(classesOfInterest))
        {
            classes[row["ingredientId"], default: []].insert(row["className"])
        }
        return classes
    }

    /// Imports every row `reader` holds. `bytesRead` tells how far the reader's source has read (it is called on
    /// the reading thread); `progress` is given the rows and bytes read so far.
    mutating func run<Reader: RecordReader & SendableMetatype>(
        reader: inout Reader, bytesRead: @escaping () -> Int64, progress: (Int, Int64) -> Void
    ) throws {
        guard let headerRecord = try Self.next(&reader, header: nil, file: file) else {
            throw CatalogError.emptyFile(path: file)
        }
        // A file without a header row: its first rows are data (ImportOptions+Layout.swift).
        let firstData = options.mapping.hasHeader ? [] : try Self.firstRows(&reader, after: headerRecord, file: file)
        if firstData.isEmpty, let issue = headerRecord.issues.first {
            let column = issue.field.map { "column \($0): " } ?? ""
            throw CatalogError.badHeader(path: file, reason: column + issue.detail)
        }
        let layout = try options.layout(header: headerRecord, firstRows: firstData, file: file)
        if !layout.extraColumns.isEmpty && options.mapping.isEmpty {
            let names = layout.extraColumns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            report.warnings.append(
                "\(file):1: columns \(names) are not in the CSV contract; "
                    + "their values are kept with each product (extraFields)")
        }
        // A quoted field that swallows a whole row (a stray quote) is told by the header's width.
        reader.prepare(for: layout)
        // Reading and parsing on a second thread; resolving and writing here (ImportPipeline.swift).
        let rows = ParsedRows(reader: reader, layout: layout, file: file, first: firstData, bytesRead: bytesRead)
        defer { reader = rows.finish() }
        var bytes: Int64 = 0
        var readAll = true
        while let row = try rows.next() {
            if let limit = options.stopAfter, report.rowsRead >= limit {
                readAll = false
                break
            }
            report.rowsRead += 1
            bytes = row.bytesRead
            try importRow(row)
            if report.rowsRead % 5_000 == 0 { progress(report.rowsRead, bytes) }
        }
        progress(report.rowsRead, bytes)
        try closeSource(readAll: readAll)
        try finish()
    }

    /// After the rows: the source's offers this file no longer lists are marked not seen, or with `--prune`
    /// deleted. Only a whole file says what a source no longer lists: a run stopped early (`stopAfter`) leaves
    /// them alone, and one that quarantined rows does not prune (a quarantined row may be a listed offer).
    private mutating func closeSource(readAll: Bool) throws {
        guard readAll else { return }
        let prune = options.prune && report.quarantined.isEmpty
        if options.prune && !prune {
            report.warnings.append(
                "\(file): \(report.quarantined.count) rows were quarantined, so nothing was pruned: the offers "
                    + "this file did not list are marked not seen instead")
        }
        let closed = try offers.closeRun(prune: prune)
        report.notSeen = closed.notSeen
        report.pruned = closed.pruned
        for productId in closed.relabel { try relabel(productId) }
    }

    /// Rewrites a product's label from one of its offers (`skincat link`/`unlink`), as the import of that offer's
    /// listing by the run that last listed it. An offer whose run is gone is written as a run of its own.
    static func relabel(_ db: Database, productId: Int64, offerId: Int64) throws {
        guard
            let offer = try Row.fetchOne(
                db,
                sql: """
                    SELECT o.importRunId, s.name, r.file, r.profile FROM offer o JOIN source s ON s.id = o.sourceId
                    LEFT JOIN importRun r ON r.id = o.importRunId WHERE o.id = ?
                    """, arguments: [offerId])
        else { return }
        var options = ImportOptions()
        options.profileName = offer["profile"]
        options.source = offer["name"]
        let run = (offer["importRunId"] as Int64?).map { (id: $0, source: offer["name"] as String) }
        var importer = try RowImporter(
            db: db, file: offer["file"] ?? "(skincat link/unlink)", options: options, run: run)
        try importer.relabel(productId, offerId: offerId)
    }

    /// Gives a product whose label offer was pruned the label of the offer that remains first (the lowest id),
    /// read again from that offer's own listing: the product is what its remaining sources print.
    private mutating func relabel(_ productId: Int64, offerId: Int64? = nil) throws {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT o.id, p.sku, coalesce(o.brand, p.brand) AS brand, coalesce(o.name, p.name) AS name,
                           p.category, o.ingredientsText, o.activesText, p.packagingText, p.deliveryText, o.sizeText,
                           o.price, o.regularPrice, o.currency, o.url, o.extraFields, o.contentHash, o.sourceLine
                    FROM offer o JOIN product p ON p.id = o.productId
                    WHERE o.productId = ? AND (? IS NULL OR o.id = ?) ORDER BY o.id LIMIT 1
                    """, arguments: [productId, offerId, offerId])
        else { return }
        var header = CatalogField.allCases.map(\.rawValue)
        var price: String? = (row["price"] as Double?).map { "\($0)" }
        if let price0 = price, let regular = row["regularPrice"] as Double? { price = "\(price0) \(regular)" }
        var fields: [String] = [
            row["sku"], row["brand"], row["name"], row["category"] ?? "", row["ingredientsText"] ?? "",
            row["activesText"] ?? "", row["packagingText"] ?? "", row["deliveryText"] ?? "", row["sizeText"] ?? "",
            price ?? "", row["currency"] ?? "", row["url"] ?? "",
        ]
        if let json = row["extraFields"] as String?,
            let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        {
            for (name, value) in object.sorted(by: { $0.key < $1.key }) {
                header.append(name)
                fields.append(value)
            }
        }
        guard let layout = try? ColumnLayout(header: header),
            let listing = try? ProductListing(fields: fields, layout: layout)
        else { return }
        let lines = try ProductComposition.lines(
            for: listing, resolver: &resolver, isPrecursor: precursors.contains, groupId: groups.id(for:))
        let offerId: Int64 = row["id"]
        try writeLabel(
            of: productId, listing: listing, lines: lines, hash: row["contentHash"], line: row["sourceLine"] ?? 1,
            key: nil, labelOfferId: offerId)
        // The offer is the label now: its texts are the product's.
        try OfferRow.filter(id: offerId).updateAll(db, OfferRow.labelTexts(nil))
    }

    /// The next record; a malformed file is a ``CatalogError`` naming the line and, when known, the column.
    static func next<Reader: RecordReader>(_ reader: inout Reader, header: ColumnLayout?, file: String)
        throws -> CSVRecord?
    {
        do {
            return try reader.next()
        } catch let error as CSVError {
            var fieldName: String?
            if case .invalidEncoding(_, let field, _) = error, let header, field <= header.header.count {
                fieldName = header.header[field - 1]
            }
            throw CatalogError.malformedFile(path: file, line: error.line, reason: error.detail(fieldName: fieldName))
        }
    }

    /// What the reader found wrong with a record, as the reason it is quarantined; nil for a sound record.
    /// Only the first issue is reported: the record is set aside whole either way.
    static func problem(with record: CSVRecord, layout: ColumnLayout) -> RowProblem? {
        guard let issue = record.issues.first else { return nil }
        let name = issue.field.map { layout.fieldName(ofColumn: $0 - 1) }
        switch issue {
        case .controlCharacter(_, let value, _):
            let what = value == 0 ? "a NUL byte" : "a control character"
            return RowProblem(field: name, reason: issue.detail, kind: "\(name ?? "row"): contains \(what)")
        case .swallowedRow:
            return RowProblem(field: name, reason: issue.detail, kind: "row: a quoted field swallows a row")
        case .tooLong:
            return RowProblem(field: nil, reason: issue.detail, kind: "row: too long")
        case .invalidJSON(let reason):
            let kind = reason.hasPrefix("not valid JSON") ? "row: not valid JSON" : "row: not a product object"
            return RowProblem(field: nil, reason: reason, kind: kind)
        }
    }

    private mutating func importRow(_ row: ParsedRow) throws {
        let record = row.record
        let listing: ProductListing
        do throws(RowProblem) {
            listing = try row.listing.get()
        } catch {
            if options.strict {
                throw CatalogError.rowRejected(path: file, line: record.line, field: error.field, reason: error.reason)
            }
            // SQLite text ends at a NUL as GRDB binds it: the stored raw row shows one as U+2400 (␀) instead.
            var quarantined = QuarantineRow(
                importRunId: runId, file: file, line: record.line, field: error.field, reason: error.reason,
                rawRow: record.raw.nulVisible, reasonKind: error.kind)
            try quarantined.insert(db)
            report.quarantined.append(
                .init(
                    line: record.line, field: error.field, reason: error.reason,
                    kind: error.kind, rawRow: record.raw))
            report.quarantinedByReason[error.kind, default: 0] += 1
            return
        }
        let lines = try ProductComposition.lines(
            for: listing, resolver: &resolver, isPrecursor: precursors.contains, groupId: groups.id(for:))
        try count(lines)
        if let repair = listing.repair { report.noteRepaired(line: record.line, repair) }
        let hash = Fingerprint(
            listing.contractFingerprint
                + [
                    "dictionary \(revision)", "parser \(INCIParser.version)",
                    "resolver \(IngredientResolver.version)", "fuzzy \(options.fuzzy)",
                    "named \(NamedAmountWriter.version)",
                ]
        ).description

        let extra = try Self.extraFieldsJSON(listing)
        if let existing = try offers.existing(sku: listing.sku) {
            // An offer this run already wrote: the same sku twice in one file. Detected from the catalog, so
            // memory does not grow with the number of rows.
            if existing.importRunId == runId, let earlier = existing.sourceLine {
                report.warnings.append(
                    "\(file):\(record.line): sku \"\(listing.sku)\" already appeared on line "
                        + "\(earlier); the later row wins")
            }
            if existing.contentHash == hash {
                try offers.markSeen(existing, line: record.line)
                if existing.isLabel {
                    try ProductRow.filter(id: existing.productId).updateAll(
                        db, ProductRow.Columns.importRunId.set(to: runId),
                        ProductRow.Columns.sourceLine.set(to: record.line))
                }
                report.unchanged += 1
                return
            }
            try offers.update(existing, listing, hash: hash, line: record.line, extraFields: extra)
            report.updated += 1
            // Another source's label is the product's: this offer keeps its own listing and label.
            guard existing.isLabel else { return }
            try writeLabel(
                of: existing.productId, listing: listing, lines: lines, hash: hash, line: record.line,
                key: nil, labelOfferId: existing.offerId)
            return
        }
        try placeNewOffer(listing, lines: lines, hash: hash, line: record.line, extra: extra)
    }

    /// A row whose sku its source has not listed before: it joins the product another source lists (OfferBook's
    /// rules), or becomes a new product, kept apart, when the same name's list is very different.
    private mutating func placeNewOffer(
        _ listing: ProductListing, lines: [ProductIngredientLine], hash: String, line: Int, extra: String?
    ) throws {
        switch try offers.match(listing, lines: lines) {
        case .join(let productId, let decision, let similarity, let reason):
            let offerId = try offers.insert(
                listing, productId: productId, hash: hash, line: line, isLabel: false, extraFields: extra)
            try offers.record(
                offerId: offerId, decision: decision, otherProductId: nil, similarity: similarity, reason: reason)
            report.merged += 1
            if decision == "review" { report.forReview += 1 }
        case .new(let apartFrom, let similarity, let reason):
            let offerId = offers.nextOfferId
            let productId = try writeLabel(
                of: nil, listing: listing, lines: lines, hash: hash, line: line,
                key: try offers.productKey(sku: listing.sku), labelOfferId: offerId)
            try offers.insert(listing, productId: productId, hash: hash, line: line, isLabel: true, extraFields: extra)
            report.inserted += 1
            if let apartFrom, let reason {
                try offers.record(
                    offerId: offerId, decision: "keptApart", otherProductId: apartFrom, similarity: similarity,
                    reason: reason)
                report.keptApart += 1
            }
        }
    }

    /// Writes a product's label: a new product (`productId` nil, under `key`), or the new label of an existing one,
    /// whose lines, deliveries and named amounts are replaced. Returns the product's id.
    @discardableResult
    private mutating func writeLabel(
        of productId: Int64?, listing: ProductListing, lines: [ProductIngredientLine], hash: String, line: Int,
        key: String?, labelOfferId: Int64
    ) throws -> Int64 {
        var row = ProductRow(
            sku: key ?? listing.sku, listing: listing, extraFields: try Self.extraFieldsJSON(listing),
            contentHash: hash, importRunId: runId, sourceLine: line,
            identityKey: offers.identityKey(brand: listing.brand, name: listing.name, shade: listing.shade),
            labelOfferId: labelOfferId)
        if let productId {
            // The product keeps its key (its sku column): only its label changes, and its lines and deliveries
            // are replaced.
            row.id = productId
            try row.update(db, columns: ProductRow.labelColumns)
            try ProductIngredientRow.filter(ProductIngredientRow.Columns.productId == productId).deleteAll(db)
            try ProductDeliveryRow.filter(ProductDeliveryRow.Columns.productId == productId).deleteAll(db)
        }
        let replacing = productId != nil
        let productId = try productId ?? insertProduct.insert(row)
        for (index, line) in lines.enumerated() {
            try insertLine.insert(
                ProductIngredientRow(
                    productId: productId, line: index + 1, position: line.position, nameId: try nameId(for: line),
                    mayContain: line.mayContain, amountPpm: line.amount?.ppm,
                    amountSource: line.amountSource?.rawValue, amountApproximate: line.amount?.isApproximate ?? false,
                    amountText: line.amountText))
        }
        let listed = lines.map { line in
            (
                printedName: line.printedName, position: line.position,
                classes: line.ingredientId.flatMap { classesById[$0] } ?? []
            )
        }
        let deliveries =
            listing.declaredDelivery
            + Delivery.inferred(
                from: listed, declared: listing.declaredDelivery,
                declaresAnActive: !listing.actives.isEmpty)
        try namedAmounts.write(db, productId: productId, listing: listing, lines: lines, replacing: replacing)
        for delivery in deliveries {
            try insertDelivery.insert(
                ProductDeliveryRow(
                    productId: productId, system: delivery.system.rawValue, basis: delivery.basis.rawValue,
                    evidence: delivery.evidence))
        }
        return productId
    }

    /// The id of the line's printed name in `ingredientName`, written or brought up to date with the line's
    /// resolution the first time this run meets the name. An unresolved name from the list (not from the declared
    /// actives) was also tried as names run together: that is recorded, so the next import need not try it again.
    private mutating func nameId(for line: ProductIngredientLine) throws -> Int64 {
        let resolution = NameResolution(
            nameKey: line.nameKey, ingredientId: line.ingredientId, matchKind: line.match?.rawValue,
            splitChecked: line.ingredientId == nil && (line.position != nil || line.mayContain))
        if let known = nameIds[line.printedName], known.resolution == resolution { return known.id }
        let id: Int64
        if var stored = try IngredientNameRow.fetchOne(selectName, arguments: [line.printedName, options.fuzzy]),
            let storedId = stored.id
        {
            id = storedId
            if stored.resolution != resolution || stored.revision != revision {
                stored.resolution = resolution
                stored.revision = revision
                try stored.update(db)
            }
        } else {
            var stored = IngredientNameRow(
                printedName: line.printedName, fuzzy: options.fuzzy, nameKey: resolution.nameKey,
                ingredientId: resolution.ingredientId, matchKind: resolution.matchKind, revision: revision,
                splitChecked: resolution.splitChecked)
            id = try stored.insertReturningId(db)
        }
        nameIds[line.printedName] = (id, resolution)
        return id
    }

    /// The columns the contract does not know, as a JSON object with sorted keys (nil when there are none). An
    /// encoding failure is an error, never a silent loss of the fields.
    static func extraFieldsJSON(_ listing: ProductListing) throws -> String? {
        guard !listing.extraFields.isEmpty else { return nil }
        let object = Dictionary(listing.extraFields.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private mutating func count(_ lines: [ProductIngredientLine]) throws {
        for line in lines {
            report.ingredientTokens += 1
            if let id = line.ingredientId {
                report.resolvedTokens += 1
                if line.match == .partial { report.partialTokens += 1 }
                if line.match == .fuzzy {
                    report.fuzzyTokens += 1
                    fuzzy[line.nameKey, default: (line.printedName, id, 0)].count += 1
                }
                if line.match == .renamed { report.renamedTokens += 1 }
                if line.rejoined { report.rejoinedTokens += 1 }
                if line.match == .shortened {
                    report.shortenedTokens += 1
                    if try groups.size(of: id) != nil { report.groupTokens += 1 }
                    shortened[line.nameKey, default: (line.printedName, id, 0)].count += 1
                }
            } else {
                unresolved[line.nameKey, default: (line.printedName, 0)].count += 1
            }
        }
    }

    private mutating func finish() throws {
        report.resolutionRate =
            report.ingredientTokens == 0 ? 1 : Double(report.resolvedTokens) / Double(report.ingredientTokens)
        report.unresolvedNames =
            unresolved
            .map { ImportReport.UnresolvedName(name: $0.value.name, key: $0.key, count: $0.value.count) }
            .sorted { ($0.count, $1.key) > ($1.count, $0.key) }
        var inciNames: [Int64: String] = [:]
        for id in Set(fuzzy.values.map(\.id)).union(shortened.values.map(\.id)) {
            inciNames[id] = try String.fetchOne(
                db, sql: "SELECT inciName FROM ingredient WHERE id = ?", arguments: [id])
        }
        report.fuzzyMatches = fuzzy.values
            .map { ImportReport.FuzzyMatch(name: $0.name, inciName: inciNames[$0.id] ?? "?", count: $0.count) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
        report.shortenedNames = shortened.values
            .map {
                ImportReport.ShortenedName(
                    name: $0.name, inciName: inciNames[$0.id] ?? "?", members: groups.sizeById[$0.id] ?? 1,
                    count: $0.count)
            }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
        try ImportRunRow.filter(id: runId).updateAll(
            db, ImportRunRow.finished(report, at: ISO8601DateFormatter().string(from: options.now)))
    }
}

extension String {
    /// The text with each NUL (U+0000) shown as U+2400 (␀), for binding into SQLite: GRDB binds text up to its
    /// first NUL, so a NUL would silently cut it. Used where raw input is stored as it was read (a quarantined
    /// row); every other field that reaches the catalog has been checked to hold no control character.
    var nulVisible: String {
        utf8.contains(0) ? replacingOccurrences(of: "\u{0}", with: "\u{2400}") : self
    }
}

/// What a printed name resolved to: the columns of `ingredientName` that an import writes.
struct NameResolution: Equatable {
    var nameKey: String
    var ingredientId: Int64?
    var matchKind: String?
    var splitChecked = false
}

extension Catalog {
    /// The resolver of printed names against the catalog's dictionary. Groups are left out: a shortened name is
    /// looked up afresh, so a group's members follow the dictionary (IngredientGroupStore refreshes them).
    static func makeResolver(_ db: Database, fuzzy: Bool) throws -> IngredientResolver {
        var aliases: [NameKey: Int64] = [:]
        var names: [(name: String, id: Int64)] = []
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT aliasKey, ingredientId, alias, kind FROM ingredientAlias WHERE origin <> 'group'")
        while let row = try cursor.next() {
            let id: Int64 = row["ingredientId"]
            aliases[NameKey(normalised: row["aliasKey"])] = id
            if (row["kind"] as String) != "retired" { names.append((row["alias"], id)) }
        }
        // Fuzzy matching never lands on an ingredient that has look-alikes (NMN, NAD+, niacinamide, niacin, ...).
        let guarded = try Set(
            Int64.fetchAll(
                db,
                sql: """
                    SELECT ingredientId FROM ingredientLookalike UNION SELECT lookalikeId FROM ingredientLookalike
                    """))
        return IngredientResolver(
            aliases: aliases, fuzzy: fuzzy, guarded: guarded, names: names, registry: try registryNumbers(db))
    }

    /// Resolves every distinct printed name again against the current dictionary, after it changed: tens of
    /// thousands of names instead of tens of millions of lines. Each name keeps the fuzzy setting it was resolved
    /// with. Returns how many names changed.
    @discardableResult
    static func reresolveNames(_ db: Database) throws -> Int {
        let revision = try nameRevision(db)
        var resolvers: [Bool: IngredientResolver] = [:]
        let groups = IngredientGroupStore(db: db)
        var changed = 0
        for var name in try IngredientNameRow.fetchAll(db) {
            let fuzzy = name.fuzzy
            if resolvers[fuzzy] == nil { resolvers[fuzzy] = try makeResolver(db, fuzzy: fuzzy) }
            let printedName = name.printedName
            guard var resolution = resolvers[fuzzy]?.resolve(printedName) else { continue }
            // As ProductComposition does: an unresolved name may be read through its run-together parts; when
            // that gives one part, the name itself, that is the line's resolution.
            if resolution.ingredientId == nil && resolution.group == nil,
                let parts = resolvers[fuzzy]?.runTogether(printedName) ?? nil, parts.count == 1,
                parts[0].name == printedName
            {
                resolution = parts[0].resolution
            }
            let ingredientId = try resolution.ingredientId ?? resolution.group.map(groups.id(for:))
            let fresh = NameResolution(
                nameKey: resolution.key.rawValue, ingredientId: ingredientId,
                matchKind: ingredientId == nil ? nil : resolution.match?.rawValue)
            // Whether it was checked as names run together is not a change: it is checked again at this revision.
            let stored = NameResolution(
                nameKey: name.nameKey, ingredientId: name.ingredientId, matchKind: name.matchKind)
            if fresh != stored { changed += 1 }
            name.resolution = fresh
            name.revision = revision
            try name.update(db)
        }
        // The products whose names now mean other ingredients read them in the search index too.
        try SearchIndex.refresh(db)
        return changed
    }
}
