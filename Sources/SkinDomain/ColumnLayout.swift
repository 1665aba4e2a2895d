/// The columns of the CSV contract (README, "CSV contract").
public enum CatalogField: String, Hashable, Sendable, CaseIterable, Codable {
    case sku, brand, name, category, ingredients, actives, packaging, delivery, size, price, currency, url

    /// The columns every file must have.
    public static let required: [CatalogField] = [.sku, .brand, .name]
}

/// Why a file's header cannot be used.
public enum LayoutError: Error, Equatable, Sendable {
    /// Required columns are missing.
    case missingColumns([CatalogField], header: [String])
    /// Two columns map to the same field.
    case duplicateColumn(String)
    /// The file has no header row at all.
    case emptyHeader
}

extension LayoutError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingColumns(let fields, let header):
            let names = fields.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            let seen = header.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
            return "the header has no \(names) column (required: sku, brand, name); it has \(seen)"
        case .duplicateColumn(let name):
            return "the header names column \"\(name)\" twice"
        case .emptyHeader:
            return "the file is empty: expected a header row naming at least sku, brand and name"
        }
    }
}

/// Which column of a file holds which contract field. Header names match case-insensitively, in any order;
/// columns the contract does not know are kept as extra fields of each product.
public struct ColumnLayout: Hashable, Sendable {
    /// The header as written in the file.
    public let header: [String]
    /// The column index of each contract field present.
    public let columns: [CatalogField: Int]
    /// Columns outside the contract: (index, name as written).
    public let extraColumns: [ExtraColumn]

    public struct ExtraColumn: Hashable, Sendable {
        public let index: Int
        public let name: String
    }

    /// - Parameters:
    ///   - header: the header row as read.
    /// - Throws: ``LayoutError`` when `sku`, `brand` or `name` is missing or a column appears twice.
    public init(header: [String]) throws(LayoutError) {
        let cleaned = header.map { String($0.trimmingWhitespace()) }
        guard cleaned.contains(where: { !$0.isEmpty }) else { throw .emptyHeader }
        var columns: [CatalogField: Int] = [:]
        var extra: [ExtraColumn] = []
        var seen: Set<String> = []
        for (index, name) in cleaned.enumerated() {
            let lowered = name.lowercased()
            if !lowered.isEmpty {
                guard seen.insert(lowered).inserted else { throw .duplicateColumn(name) }
            }
            if let field = CatalogField(rawValue: lowered) {
                columns[field] = index
            } else {
                extra.append(ExtraColumn(index: index, name: name.isEmpty ? "column \(index + 1)" : name))
            }
        }
        let missing = CatalogField.required.filter { columns[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(missing, header: cleaned) }
        self.header = cleaned
        self.columns = columns
        self.extraColumns = extra
    }
}
