/// The columns of the CSV contract (docs/csv-contract.md).
public enum CatalogField: String, Hashable, Sendable, CaseIterable, Codable {
    /// The columns, named as in a file's header: the retailer's stock-keeping unit (unique within its source),
    /// brand, product name, category, INCI list, declared actives (`NMN 4,000 ppm`), packaging text, delivery
    /// claim, size (`30 mL`), price, ISO currency code and product page URL.
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
    /// A mapping (`--map` or a profile) names a column the header does not have.
    case mappedColumnMissing(field: CatalogField, column: String, header: [String])
    /// A field is required but neither mapped, nor in the header, nor given a default.
    case missingMappedFields([CatalogField], header: [String])
    /// A file without a header row read without a mapping: nothing says which column is which.
    case headerlessWithoutMapping
    /// A headerless mapping names a column by name, or by a number beyond the first row's fields.
    case badColumnNumber(field: CatalogField, column: String, fieldCount: Int)
    /// The absorbing field (`--absorb`) has no column in the file.
    case absorbingFieldMissing(CatalogField)
}

extension LayoutError: CustomStringConvertible {
    /// What is wrong with the header, naming the columns involved and what the header has instead.
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
        case .mappedColumnMissing(let field, let column, let header):
            let seen = header.prefix(16).map { "\"\($0)\"" }.joined(separator: ", ")
            return "the mapping reads \(field.rawValue) from column \"\(column)\", which the header does not have; "
                + "it has \(seen)"
        case .missingMappedFields(let fields, let header):
            let names = fields.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            let seen = header.prefix(16).map { "\"\($0)\"" }.joined(separator: ", ")
            return "no column for \(names) (map one with --map FIELD=COLUMN or set a default in the profile); "
                + "the header has \(seen)"
        case .headerlessWithoutMapping:
            return "a file without a header row needs a mapping of 1-based column numbers "
                + "(--map sku=1,brand=2,name=3,... or a profile with \"header\": false)"
        case .badColumnNumber(let field, let column, let fieldCount):
            return "the file has no header row, so the mapping must give \(field.rawValue) a column number from 1 to "
                + "\(fieldCount) (its first row has \(fieldCount) fields), not \"\(column)\""
        case .absorbingFieldMissing(let field):
            return "the field that absorbs extra fields, \(field.rawValue), has no column in the file"
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

    /// A column outside the contract, whose values are kept as an extra field of each product.
    public struct ExtraColumn: Hashable, Sendable {
        /// The 0-based index of the column in each record.
        public let index: Int
        /// The column's name as written in the header, used as the extra field's key.
        public let name: String
    }

    /// Values for fields the file has no column for (or leaves empty), from a profile.
    public let defaults: [CatalogField: String]
    /// When the file has no `sku` column and a mapping is in use: the fields the key is derived from.
    public let derivedKey: [CatalogField]?
    /// The column of the free-text field that absorbs the extra fields of a row with too many (see
    /// ``ProductListing/init(fields:layout:)``); nil to quarantine such rows.
    public private(set) var absorb: Int?
    /// The file's delimiter, put back between the fields a repair rejoins.
    public var delimiter = ","

    /// The header of a file without one: `column 1`, `column 2`, ... for as many fields as its first row has.
    public static func headerlessHeader(fieldCount: Int) -> [String] {
        (0..<max(fieldCount, 0)).map { "column \($0 + 1)" }
    }

    /// Reads a header by the plain contract: contract fields by their names, every other column an extra field.
    ///
    /// - Parameters:
    ///   - header: the header row as read.
    /// - Throws: ``LayoutError`` when `sku`, `brand` or `name` is missing or a column appears twice.
    public init(header: [String]) throws(LayoutError) {
        try self.init(header: header, mapping: ColumnMapping())
    }

    /// Reads a header under a mapping: mapped fields come from the named columns, the other contract fields from
    /// columns of the same name, and every remaining column is an extra field. With a non-empty mapping, a file
    /// without `sku` gets a derived key (``DerivedKey``) and `brand` may come from a default.
    ///
    /// With `mapping.hasHeader` false, `header` is ``headerlessHeader(fieldCount:)`` and every mapped column is a
    /// 1-based number; with a header, a mapped column that names no header column but is a number in range is
    /// read as a column number too (`name=3`).
    ///
    /// - Throws: ``LayoutError`` when a mapped column is absent, a required field has no source, or a column
    ///   appears twice.
    public init(header: [String], mapping: ColumnMapping) throws(LayoutError) {
        if mapping.columns.isEmpty && mapping.defaults.isEmpty && mapping.key == nil && mapping.hasHeader {
            try self.init(contractHeader: header)
        } else {
            try self.init(mappedHeader: header, mapping: mapping)
        }
        if let field = mapping.absorb {
            guard let index = columns[field] else { throw .absorbingFieldMissing(field) }
            absorb = index
        }
    }

    private init(mappedHeader header: [String], mapping: ColumnMapping) throws(LayoutError) {
        if !mapping.hasHeader && mapping.columns.isEmpty { throw .headerlessWithoutMapping }
        let cleaned = header.map { String($0.trimmingWhitespace()) }
        guard cleaned.contains(where: { !$0.isEmpty }) else { throw .emptyHeader }
        var indexByName: [String: Int] = [:]
        for (index, name) in cleaned.enumerated() where !name.isEmpty {
            guard indexByName.updateValue(index, forKey: name.lowercased()) == nil else {
                throw .duplicateColumn(name)
            }
        }
        var columns: [CatalogField: Int] = [:]
        for (field, column) in mapping.columns {
            let trimmed = column.trimmingWhitespace()
            let number = Int(trimmed).flatMap { (1...cleaned.count).contains($0) ? $0 - 1 : nil }
            if !mapping.hasHeader {
                guard let number else {
                    throw .badColumnNumber(field: field, column: column, fieldCount: cleaned.count)
                }
                columns[field] = number
                continue
            }
            guard let index = indexByName[trimmed.lowercased()] ?? number else {
                throw .mappedColumnMissing(field: field, column: column, header: cleaned)
            }
            columns[field] = index
        }
        let used = Set(columns.values)
        for field in CatalogField.allCases where columns[field] == nil && mapping.hasHeader {
            if let index = indexByName[field.rawValue], !used.contains(index) { columns[field] = index }
        }
        let taken = Set(columns.values)
        let extra = cleaned.enumerated().filter { !taken.contains($0.offset) }
            .map { ExtraColumn(index: $0.offset, name: $0.element.isEmpty ? "column \($0.offset + 1)" : $0.element) }
        var derivedKey: [CatalogField]?
        if columns[.sku] == nil {
            derivedKey = mapping.key ?? DerivedKey.defaultFields(hasURL: columns[.url] != nil)
        }
        let missing =
            [CatalogField.brand, .name].filter { columns[$0] == nil && mapping.defaults[$0] == nil }
            + (derivedKey ?? []).filter { columns[$0] == nil && mapping.defaults[$0] == nil && $0 != .size }
        guard missing.isEmpty else { throw .missingMappedFields(missing, header: cleaned) }
        self.init(
            cleaned: cleaned, columns: columns, extra: extra, defaults: mapping.defaults,
            derivedKey: derivedKey)
    }

    private init(
        cleaned: [String], columns: [CatalogField: Int], extra: [ExtraColumn],
        defaults: [CatalogField: String], derivedKey: [CatalogField]?
    ) {
        self.header = cleaned
        self.columns = columns
        self.extraColumns = extra
        self.defaults = defaults
        self.derivedKey = derivedKey
    }

    private init(contractHeader header: [String]) throws(LayoutError) {
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
        self.init(cleaned: cleaned, columns: columns, extra: extra, defaults: [:], derivedKey: nil)
    }
}

extension ColumnLayout {
    /// How messages name the column at `index` (0-based): the contract field it holds (`ingredients`), else its
    /// name in the header, else `column N`.
    public func fieldName(ofColumn index: Int) -> String {
        if let field = columns.first(where: { $0.value == index })?.key { return field.rawValue }
        if index < header.count && !header[index].isEmpty { return header[index] }
        return "column \(index + 1)"
    }
}
