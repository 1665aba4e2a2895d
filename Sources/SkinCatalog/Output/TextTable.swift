/// A plain-text table: a header row, a rule, and left-aligned columns (right-aligned where numeric).
///
/// ```swift
/// TextTable(headers: ["sku", "name"], rows: [["001", "Serum"]]).render()
/// // sku  name
/// // ---  -----
/// // 001  Serum
/// ```
public struct TextTable: Sendable {
    /// The column headers; their count sets the number of columns.
    public var headers: [String]
    /// The cells, one array per row, in header order.
    public var rows: [[String]]
    /// Columns whose values are right-aligned.
    public var rightAligned: Set<Int>

    /// A table; `rightAligned` holds the 0-based indexes of the columns whose values are right-aligned (none by
    /// default).
    public init(headers: [String], rows: [[String]], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.rightAligned = rightAligned
    }

    /// The table as text, every line ending in a newline. Cells are kept on one line (line breaks become spaces).
    public func render() -> String {
        let cells = ([headers] + rows).map { row in
            row.map { $0.map { $0.isNewline ? " " : $0 }.reduce(into: "") { $0.append($1) } }
        }
        var widths = [Int](repeating: 0, count: headers.count)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        var output = ""
        for (rowIndex, row) in cells.enumerated() {
            var line = ""
            for index in widths.indices {
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                let isLast = index == widths.count - 1
                if rightAligned.contains(index) && rowIndex > 0 {
                    line += padding + cell
                } else {
                    line += cell + (isLast ? "" : padding)
                }
                if !isLast { line += "  " }
            }
            output += line + "\n"
            if rowIndex == 0 {
                output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        return output
    }
}
