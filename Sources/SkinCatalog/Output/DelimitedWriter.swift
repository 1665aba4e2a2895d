/// Writes records as RFC 4180 CSV (or TSV): fields with the delimiter, quotes or line breaks are quoted and
/// quotes doubled, so INCI names with commas survive a round trip.
public struct DelimitedWriter: Sendable {
    /// The character between fields: a comma for CSV, a tab for TSV.
    public var delimiter: Character

    /// A writer of comma-separated values.
    public static let csv = DelimitedWriter(delimiter: ",")
    /// A writer of tab-separated values, quoted as CSV is.
    public static let tsv = DelimitedWriter(delimiter: "\t")

    /// A writer that separates fields with `delimiter` and quotes a field that holds it.
    public init(delimiter: Character) { self.delimiter = delimiter }

    /// One record, ending in CRLF as RFC 4180 says.
    public func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: String(delimiter)) + "\r\n"
    }

    /// A header and records.
    public func document(headers: [String], rows: [[String]]) -> String {
        ([headers] + rows).map(line).joined()
    }

    /// The field, quoted when it holds the delimiter, a quote or a line break. Looked for as bytes when the
    /// delimiter is ASCII: faster, and a CRLF inside a field (one Character, neither "\r" nor "\n") is seen too.
    func quote(_ field: String) -> String {
        let needsQuotes: Bool
        if let byte = delimiter.asciiValue {
            needsQuotes = field.utf8.contains { $0 == byte || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        } else {
            needsQuotes = field.unicodeScalars.contains {
                delimiter.unicodeScalars.contains($0) || $0 == "\"" || $0 == "\n" || $0 == "\r"
            }
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
