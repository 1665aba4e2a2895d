/// The formats a list of records prints in: an aligned table, RFC 4180 CSV, TSV, a JSON array, or JSON Lines.
///
/// Every format is derived from one declaration of the result's columns (``TabularResult``): the table, CSV and
/// TSV print the columns' headers and values, JSON and JSON Lines the result's `Encodable` form, so a JSON key
/// is the Codable key of the value it holds. The format never depends on the terminal.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// `table`: aligned columns under a header and a rule, for reading; `csv`, `tsv`: a header line, then a line per
    /// record, CRLF-terminated; `json`: one pretty-printed array of objects; `jsonl`: one compact object per line.
    case table, csv, tsv, json, jsonl

    /// True for `json` and `jsonl`, the formats built from the result's `Encodable` form.
    public var isJSON: Bool { self == .json || self == .jsonl }
}

/// Where a column's values sit in a table.
public enum ColumnAlignment: Sendable {
    /// `left` for text; `right` for numbers, so their digits line up.
    case left, right
}

/// One column of a result: the Codable key of the value it shows, its header, its alignment in a table, and how a
/// row's value reads as text.
///
/// ```swift
/// OutputColumn<QueryMatch>("sku") { $0.sku }
/// OutputColumn<IngredientSummary>("productCount", header: "products", alignment: .right) { String($0.productCount) }
/// ```
public struct OutputColumn<Row>: Sendable {
    /// The JSON (Codable) key of the value the column shows; several columns may show parts of one key (a query's
    /// amount and source columns both show `amounts`).
    public var key: String
    /// The header of the table, CSV and TSV.
    public var header: String
    /// Where the column's values sit in a table: left for text, right for numbers.
    public var alignment: ColumnAlignment
    /// False for a column the table leaves out to stay readable (CSV and TSV carry every column).
    public var inTable: Bool
    /// A row's value in this column as text, as the table, CSV and TSV print it (empty for nothing).
    public var value: @Sendable (Row) -> String

    /// - Parameters:
    ///   - key: the Codable key of the value shown.
    ///   - header: the header; the key by default.
    ///   - alignment: left by default; right for numbers.
    ///   - inTable: false to leave the column out of the table.
    ///   - value: the row's value as text.
    public init(
        _ key: String, header: String? = nil, alignment: ColumnAlignment = .left, inTable: Bool = true,
        value: @escaping @Sendable (Row) -> String
    ) {
        self.key = key
        self.header = header ?? key
        self.alignment = alignment
        self.inTable = inTable
        self.value = value
    }
}

/// A result whose records print in every ``OutputFormat`` from one declaration of its columns.
///
/// The table, CSV and TSV come from ``columns(for:)``; JSON and JSON Lines from the type's `Encodable`
/// conformance through ``JSONValue/init(encoding:)``, so the JSON keys are the Codable keys, one spelling each.
///
/// ```swift
/// let text = try QueryMatch.render(matches, as: .csv)
/// ```
public protocol TabularResult: Encodable {
    /// The columns for these rows, in order. Most results ignore the rows; some build columns from them (a query
    /// has an amount and a source column per ingredient it named).
    static func columns(for rows: [Self]) -> [OutputColumn<Self>]

    /// True when CSV cells that start like a formula (`=`, `+`, `-`, `@`) are prefixed with `'` (OWASP's
    /// CSV-injection rule); false by default.
    static var neutralisesFormulas: Bool { get }
}

extension TabularResult {
    /// False: by default CSV cells are written as they are.
    public static var neutralisesFormulas: Bool { false }

    /// The rows in a format: a table (header, rule, aligned columns), CSV or TSV (a header line, then a line per
    /// row, CRLF-terminated), a pretty JSON array, or one compact JSON object per line.
    ///
    /// - Throws: `EncodingError` when a row cannot be encoded (JSON formats only).
    public static func render(_ rows: [Self], as format: OutputFormat) throws -> String {
        let columns = columns(for: rows)
        switch format {
        case .table:
            let shown = columns.filter(\.inTable)
            let right = Set(shown.indices.filter { shown[$0].alignment == .right })
            return TextTable(
                headers: shown.map(\.header), rows: rows.map { row in shown.map { $0.value(row) } },
                rightAligned: right
            ).render()
        case .csv, .tsv:
            return try header(columns, format: format)
                + rows.map { try line($0, columns: columns, format: format) }
                .joined()
        case .json:
            return JSONValue.array(try rows.map { try JSONValue(encoding: $0) }).rendered(pretty: true) + "\n"
        case .jsonl:
            return try rows.map { try line($0, columns: columns, format: format) }.joined()
        }
    }

    /// The header line a streamed CSV or TSV starts with; empty for the other formats.
    public static func header(_ columns: [OutputColumn<Self>], format: OutputFormat) -> String {
        switch format {
        case .csv: DelimitedWriter.csv.line(columns.map(\.header))
        case .tsv: DelimitedWriter.tsv.line(columns.map(\.header))
        case .table, .json, .jsonl: ""
        }
    }

    /// One row as a CSV or TSV line, or a JSON Lines object, for output written row by row; the row as one
    /// compact JSON object for the other formats.
    ///
    /// - Throws: `EncodingError` when the row cannot be encoded.
    public static func line(_ row: Self, columns: [OutputColumn<Self>], format: OutputFormat) throws -> String {
        switch format {
        case .csv:
            let cells = columns.map { $0.value(row) }
            return DelimitedWriter.csv.line(neutralisesFormulas ? cells.map(RankingReport.neutralised) : cells)
        case .tsv: return DelimitedWriter.tsv.line(columns.map { $0.value(row) })
        case .table, .json, .jsonl: return try JSONValue(encoding: row).rendered(pretty: false) + "\n"
        }
    }
}
