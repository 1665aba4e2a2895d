import SkinDomain

extension ImportOptions {
    /// The layout a file is read under: from its header row, or, for a file without one (`mapping.hasHeader`
    /// false), from its first rows (``RowImporter/headerlessRows``), which give only the number of columns
    /// (`column 1`, `column 2`, ...): the most common field count among them, the smaller on a tie, since a
    /// ragged row has too many fields, not too few.
    ///
    /// - Throws: ``CatalogError/badHeader(path:reason:)`` when the header (or the mapping of column numbers)
    ///   cannot be used.
    func layout(header record: CSVRecord, firstRows: [CSVRecord], file: String) throws(CatalogError) -> ColumnLayout {
        var header = record.fields
        if !mapping.hasHeader {
            var counts: [Int: Int] = [:]
            for row in firstRows { counts[row.fields.count, default: 0] += 1 }
            let width = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? record.fields.count
            header = ColumnLayout.headerlessHeader(fieldCount: width)
        }
        var layout: ColumnLayout
        do {
            layout = try ColumnLayout(header: header, mapping: mapping)
        } catch {
            throw CatalogError.badHeader(path: file, reason: error.description)
        }
        layout.delimiter = String(UnicodeScalar(delimiter))
        return layout
    }
}

extension RowImporter {
    /// How many rows of a file without a header are read ahead to tell its width.
    static let headerlessRows = 64

    /// The first rows of a file without a header (`first` and up to ``headerlessRows`` − 1 more), read ahead to
    /// tell how many columns it has; they are imported first.
    static func firstRows<Reader: RecordReader>(_ reader: inout Reader, after first: CSVRecord, file: String)
        throws -> [CSVRecord]
    {
        var rows = [first]
        while rows.count < headerlessRows, let next = try next(&reader, header: nil, file: file) { rows.append(next) }
        return rows
    }
}

extension ImportReport {
    /// Records a row repaired by rejoining its extra fields into the absorbing field.
    mutating func noteRepaired(line: Int, _ repair: RowRepair) {
        repaired.append(RepairedRow(line: line, field: repair.field, reason: repair.description))
        repairedByReason["\(repair.field): extra fields rejoined", default: 0] += 1
    }
}
