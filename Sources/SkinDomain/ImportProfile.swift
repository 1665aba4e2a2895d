/// How to read a file that does not follow the CSV contract: which of its columns holds which contract field,
/// values to use when the file has no column for a field, and how to derive a product's key when it has no `sku`.
///
/// Profiles are small JSON files (the five shipped ones are in `Profiles/`, embedded in the binary):
///
/// ```json
/// {
///   "name": "lookfantastic",
///   "description": "LookFantastic skincare_products.csv: raw INCI text, prices in GBP",
///   "columns": { "name": "product_name", "url": "product_url", "category": "product_type" },
///   "defaults": { "currency": "GBP" },
///   "key": ["url", "name", "size"]
/// }
/// ```
///
/// Header names match case-insensitively. A contract field the profile does not map is still read from a column
/// of the same name (`brand`, `ingredients`, `price` above). Every other column is kept with the product.
public struct ImportProfile: Hashable, Sendable, Codable {
    /// The profile's name, as given to `--profile`.
    public var name: String
    /// One line about the layout it reads.
    public var description: String?
    /// Contract field name → the file's column name.
    public var columns: [String: String]
    /// Contract field name → the value to use when the file has no column for it, or the cell is empty.
    public var defaults: [String: String]?
    /// The fields a derived key is made of, when the file has no `sku` column (see ``DerivedKey``).
    public var key: [String]?
    /// False for a file without a header row: `columns` then gives 1-based column numbers (`"name": "3"`).
    public var header: Bool?
    /// The free-text field that absorbs the extra fields of a row with too many (see ``ColumnLayout/absorb``).
    public var absorb: String?
    /// The source the files this profile reads are offers of, when the import names none (`--source`); the
    /// profile's name when absent.
    public var source: String?

    /// A profile; each argument sets the property of the same name, and ``source`` stays nil (the name is used).
    public init(
        name: String, description: String? = nil, columns: [String: String],
        defaults: [String: String]? = nil, key: [String]? = nil, header: Bool? = nil, absorb: String? = nil
    ) {
        self.name = name
        self.description = description
        self.columns = columns
        self.defaults = defaults
        self.key = key
        self.header = header
        self.absorb = absorb
    }

    /// The profile's mapping, checked: every field name must be a contract field.
    ///
    /// - Throws: ``MappingError`` naming the unknown field, or a default holding a control character (a JSON
    ///   `\u0000` would otherwise be cut where SQLite stores the value, as a CSV field holding one is refused).
    public func mapping() throws(MappingError) -> ColumnMapping {
        var mapping = ColumnMapping()
        for (field, column) in columns {
            mapping.columns[try ColumnMapping.field(field, in: "columns")] = column
        }
        for (field, value) in defaults ?? [:] {
            let parsed = try ColumnMapping.field(field, in: "defaults")
            if let control = value.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" }) {
                throw .controlCharacter(field: parsed.rawValue, value: UInt8(control.value))
            }
            mapping.defaults[parsed] = value
        }
        if let key {
            mapping.key = try key.map { field throws(MappingError) in try ColumnMapping.field(field, in: "key") }
        }
        mapping.hasHeader = header ?? true
        if let absorb { mapping.absorb = try ColumnMapping.absorbingField(absorb, in: "absorb") }
        return mapping
    }
}

/// Why a mapping (`--map`, `--key` or a profile) cannot be used.
public enum MappingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field name that is not in the CSV contract.
    case unknownField(String, context: String)
    /// A `--map` entry that is not `field=Column`.
    case malformedEntry(String)
    /// A default value holding a control character (U+0000...U+001F other than tab).
    case controlCharacter(field: String, value: UInt8)
    /// An absorbing field that is not free text (a price or a URL cannot take a name's stray commas).
    case notFreeText(String, context: String)

    /// What is wrong, naming the entry and where it came from, and listing the names that would be accepted.
    public var description: String {
        switch self {
        case .unknownField(let name, let context):
            let known = CatalogField.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(context): \"\(name)\" is not a catalog field; use one of \(known)"
        case .malformedEntry(let entry):
            return "--map: \"\(entry)\" is not FIELD=COLUMN (e.g. brand=Brand,name=product_name)"
        case .controlCharacter(let field, let value):
            return "defaults: the value for \(field) contains \(CSVIssue.name(ofControl: value))"
        case .notFreeText(let name, let context):
            let fields = ColumnMapping.freeTextFields.map(\.rawValue).joined(separator: ", ")
            return "\(context): \"\(name)\" is not a free-text field; the field that absorbs extra fields is one of "
                + fields
        }
    }
}

/// Which file column feeds which contract field, defaults for absent fields, and the derived-key recipe.
public struct ColumnMapping: Hashable, Sendable {
    /// Contract field → the file's column that holds it: a header name, or a 1-based number without a header.
    public var columns: [CatalogField: String] = [:]
    /// Contract field → the value used when the file has no column for it, or the cell is empty.
    public var defaults: [CatalogField: String] = [:]
    /// The fields a derived key is made of; nil for the default recipe (see ``DerivedKey``).
    public var key: [CatalogField]?
    /// False when the file has no header row: its first row is data, and `columns` name 1-based column numbers.
    public var hasHeader = true
    /// The free-text field that absorbs the extra fields of a row with more fields than the header (a name with
    /// commas the scraper did not quote); nil to quarantine such rows.
    public var absorb: CatalogField?

    /// A mapping; each argument sets the property of the same name. With no arguments it is the plain contract.
    public init(
        columns: [CatalogField: String] = [:], defaults: [CatalogField: String] = [:],
        key: [CatalogField]? = nil, hasHeader: Bool = true, absorb: CatalogField? = nil
    ) {
        self.columns = columns
        self.defaults = defaults
        self.key = key
        self.hasHeader = hasHeader
        self.absorb = absorb
    }

    /// True when the mapping changes nothing: the file is read by the plain contract.
    public var isEmpty: Bool { columns.isEmpty && defaults.isEmpty && key == nil && hasHeader && absorb == nil }

    /// The fields that may absorb extra fields: free text, where a stray comma changes no type.
    public static let freeTextFields: [CatalogField] = [.name, .brand, .category, .ingredients, .packaging, .delivery]

    /// Parses the absorbing field's name (`--absorb name`, a profile's `absorb`).
    public static func absorbingField(_ name: String, in context: String) throws(MappingError) -> CatalogField {
        let parsed = try field(String(name.trimmingWhitespace()), in: context)
        guard freeTextFields.contains(parsed) else { throw .notFreeText(name, context: context) }
        return parsed
    }

    /// Parses `brand=Brand,name=product_name,ingredients=Ingredients` (the command line's `--map`).
    ///
    /// - Parameters:
    ///   - text: the mapping, as comma-separated `FIELD=COLUMN` entries.
    ///   - context: how an error names where the text came from (`column mapping`; the command line gives its
    ///     option).
    /// - Throws: ``MappingError`` for an entry without `=` or an unknown field.
    public static func parse(_ text: String, in context: String = "column mapping") throws(MappingError)
        -> [CatalogField: String]
    {
        var columns: [CatalogField: String] = [:]
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[1].trimmingWhitespace().isEmpty else {
                throw .malformedEntry(String(entry))
            }
            let field = try field(String(parts[0].trimmingWhitespace()), in: context)
            columns[field] = String(parts[1].trimmingWhitespace())
        }
        return columns
    }

    /// Parses `url,name,size` (the fields a derived key is made of; the command line's `--key`).
    ///
    /// - Parameters:
    ///   - text: the field names, comma-separated.
    ///   - context: how an error names where the text came from (`derived key`; the command line gives its
    ///     option).
    public static func parseKey(_ text: String, in context: String = "derived key") throws(MappingError)
        -> [CatalogField]
    {
        try text.split(separator: ",").map { name throws(MappingError) in
            try field(String(name.trimmingWhitespace()), in: context)
        }
    }

    /// Layers `other` over this mapping: its columns, defaults and key win.
    public func merging(_ other: ColumnMapping) -> ColumnMapping {
        ColumnMapping(
            columns: columns.merging(other.columns) { $1 },
            defaults: defaults.merging(other.defaults) { $1 }, key: other.key ?? key,
            hasHeader: hasHeader && other.hasHeader, absorb: other.absorb ?? absorb)
    }

    static func field(_ name: String, in context: String) throws(MappingError) -> CatalogField {
        guard let field = CatalogField(rawValue: name.lowercased()) else {
            throw .unknownField(name, context: context)
        }
        return field
    }
}

/// The key of a product whose file has no `sku` column: `k-` and 16 hex digits, a stable digest of the
/// normalised key fields, so importing the same file again finds the same products.
///
/// The default recipe is `url`, `name` and `size` when the file has a `url` column, else `brand`, `name` and
/// `size`. The name is part of it because one product page can sell several sizes (LookFantastic lists
/// `Clinique Clarifying Lotion 2 200ml` and `... 400ml` under one URL): they are different products. Parts are
/// compared trimmed, lower-cased, with runs of whitespace as one space; a URL without its scheme, `www.`, query,
/// fragment and trailing slash.
///
/// ```swift
/// DerivedKey.make(["https://www.sephora.com/product/x-P1?icid=2", "Serum", ""], fields: [.url, .name, .size])
/// // "k-…" (the same for "http://sephora.com/product/x-P1/")
/// ```
public enum DerivedKey {
    /// The default recipe for a file with or without a `url` column.
    public static func defaultFields(hasURL: Bool) -> [CatalogField] {
        hasURL ? [.url, .name, .size] : [.brand, .name, .size]
    }

    /// The key for these field values (in the order of `fields`).
    public static func make(_ values: [String], fields: [CatalogField]) -> String {
        var parts = ["skincat-key-1"]
        for (field, value) in zip(fields, values) {
            parts.append(field.rawValue + "=" + normalise(value, field: field))
        }
        return "k-" + Fingerprint(parts).description
    }

    static func normalise(_ value: String, field: CatalogField) -> String {
        var text = value.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard field == .url else { return text }
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<cut]) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
