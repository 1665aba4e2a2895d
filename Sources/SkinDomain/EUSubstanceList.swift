import Foundation

/// A list of EU-regulated names read from a file at run time, never typed in: the prohibited substances of Annex II
/// (the CosIng export) or the fragrance allergens that must be labelled (`eu-fragrance-allergens.csv`, derived from
/// the Annex III exports; see the cosing SOURCE.md). Each name maps to its citation (`Annex II ref 1380`).
public struct EUSubstanceList: Hashable, Sendable {
    /// Which list a file holds, which decides the columns read.
    public enum Kind: String, Sendable {
        /// `COSING_Annex_II_v2_2025-11-11.txt` (or the 2016 CSV): a header starting `Reference Number`.
        case annexII
        /// `eu-fragrance-allergens.csv`: `inci_name,cas,list,annex_iii_ref,label_as,name_column`.
        case fragranceAllergens
    }

    /// Each name read, by its ``NameKey``, with its citation; a conditional prohibition starts with
    /// ``conditionalMark``.
    public private(set) var citations: [NameKey: String] = [:]
    /// Each name as the file first spells it, by its ``NameKey``: what a catalog stores beside the key.
    public private(set) var names: [NameKey: String] = [:]
    /// The version the file states, nil when it states none: the 2025 export's preamble (`File creation date:
    /// 11/11/2025; Last update: 31/10/2025`), else the newest `Update date` of the 2016 export's rows (`Update date up
    /// to 23/06/2015`), or the lists the allergen file's `list` column names (`lists 2003, 2023`).
    public private(set) var version: String?
    /// Which list this is.
    public let kind: Kind
    /// Marks a citation whose entry prohibits only under a condition (`conditional: except if ...`).
    public static let conditionalMark = "conditional:"

    /// An empty list of the given kind, to fill with ``read(_:)``.
    public init(kind: Kind) { self.kind = kind }

    /// A list as a catalog stored it: each entry's name as the file spelt it and its citation.
    /// - Parameters:
    ///   - kind: Which list it is.
    ///   - entries: The stored names and citations; the key of each name is computed again.
    ///   - version: The version the file stated, as ``version`` read it.
    public init(kind: Kind, entries: [(name: String, citation: String)], version: String? = nil) {
        self.kind = kind
        self.version = version
        for entry in entries {
            let key = NameKey(entry.name)
            guard !key.isEmpty else { continue }
            citations[key] = entry.citation
            if names[key] == nil { names[key] = entry.name }
        }
    }

    /// Tells the two list files apart from their first records: the allergen file's header names `inci_name` and
    /// `annex_iii_ref`; an Annex II export has a `Reference Number` header after a preamble naming `ANNEX II` (2025)
    /// or a file name saying `Annex.II` / `Annex_II` (2016). Nil for any other file.
    ///
    /// ```swift
    /// EUSubstanceList.identify(records: [["inci_name", "cas", "list", "annex_iii_ref"]], fileName: "a.csv")
    /// // .fragranceAllergens
    /// ```
    /// - Parameters:
    ///   - records: The file's first records (``AnnexCaps/identificationRecords`` are enough).
    ///   - fileName: The file's name without its folder.
    /// - Returns: The kind of list, or nil when the file is neither.
    public static func identify(records: [[String]], fileName: String) -> Kind? {
        for record in records {
            let names = record.map { $0.trimmingWhitespace().lowercased() }
            if names.contains("inci_name") && names.contains("annex_iii_ref") { return .fragranceAllergens }
        }
        if case .noCaps(let annex) = AnnexCaps.identify(records: records, fileName: fileName), annex == "II" {
            return .annexII
        }
        return nil
    }

    /// The citation of a name, nil when the list does not name it.
    public func citation(for name: String) -> String? { citations[NameKey(name)] }

    /// How many names the list holds.
    public var count: Int { citations.count }

    /// Reads the file.
    /// - Throws: ``EUSubstanceListError`` when the header lacks a needed column; ``CSVError`` for invalid CSV.
    public mutating func read<Source: ByteSource>(_ source: Source) throws {
        var reader = CSVReader(source: source)
        var columns: (names: [Int], reference: Int, list: Int?)?
        var preamble: [String] = []
        var updated: Int?
        var newest: (sortable: String, printed: String)?
        var lists: Set<String> = []
        defer {
            if !preamble.isEmpty {
                version = preamble.joined(separator: "; ")
            } else if let newest {
                version = "Update date up to \(newest.printed)"
            } else if !lists.isEmpty {
                version = "lists " + lists.sorted().joined(separator: ", ")
            }
        }
        while let record = try reader.next() {
            let fields = record.fields
            guard let found = columns else {
                let names = fields.map { $0.trimmingWhitespace().lowercased() }
                switch kind {
                case .annexII where names.first == "reference number":
                    let wanted = names.indices.filter {
                        names[$0].hasPrefix("chemical name") || names[$0].hasPrefix("identified ingredients")
                            || names[$0].hasPrefix("name of common ingredients glossary")
                    }
                    guard !wanted.isEmpty else { throw EUSubstanceListError.missingColumn("Chemical name / INN") }
                    columns = (wanted, 0, nil)
                    updated = names.firstIndex(of: "update date")
                    reader.expectedFieldCount = fields.count
                case .annexII:
                    // The 2025 preamble: `File creation date: 11/11/2025`, `"ANNEX II","Last update: 31/10/2025"`.
                    preamble += fields.map { String($0.trimmingWhitespace()) }.filter {
                        $0.lowercased().contains("date:") || $0.lowercased().contains("update:")
                    }
                    if record.line > 20 { throw EUSubstanceListError.noHeader }
                case .fragranceAllergens where names.contains("inci_name"):
                    guard let name = names.firstIndex(of: "inci_name"),
                        let reference = names.firstIndex(of: "annex_iii_ref")
                    else { throw EUSubstanceListError.missingColumn("annex_iii_ref") }
                    columns = ([name], reference, names.firstIndex(of: "list"))
                default:
                    if record.line > 20 { throw EUSubstanceListError.noHeader }
                }
                continue
            }
            func cell(_ index: Int) -> String {
                index < fields.count ? String(fields[index].trimmingWhitespace()) : ""
            }
            let reference = cell(found.reference)
            guard !reference.isEmpty else { continue }
            if let updated, preamble.isEmpty, let date = Self.sortableDate(cell(updated)),
                newest.map({ date > $0.sortable }) ?? true
            {
                newest = (date, cell(updated))
            }
            if let list = found.list, !cell(list).isEmpty { lists.insert(cell(list)) }
            if found.names.contains(where: { cell($0).lowercased().contains("moved or deleted") }) { continue }
            let citation = self.citation(
                reference: reference, entry: found.names.map(cell).first ?? "", list: found.list.map(cell))
            for index in found.names {
                for name in AnnexCaps.splitNames(cell(index)) {
                    // `QUATERNIUM-15,`: a trailing comma or `(*)` mark is not part of the name.
                    var name = Substring(name)
                    while name.hasSuffix(",") { name = name.dropLast() }
                    if name.hasPrefix("(*)") { name = name.dropFirst(3) }
                    let key = NameKey(name)
                    guard !key.isEmpty else { continue }
                    // The newest list wins for a name in both (2003 and 2023 rows).
                    if citations[key] == nil || citation.contains("2023") { citations[key] = citation }
                    if names[key] == nil { names[key] = String(name.trimmingWhitespace()) }
                }
            }
        }
        if columns == nil { throw EUSubstanceListError.noHeader }
    }

    /// The citation of one entry: `Annex II ref 904 (conditional: except if ...)`, `EU allergen list 2023, Annex III ref
    /// 70`.
    private func citation(reference: String, entry: String, list: String?) -> String {
        switch kind {
        case .annexII:
            // `Petrolatum, except if the full refining history is known ...`: prohibited only under a condition the
            // label cannot show; the citation keeps the condition so the audit can say so.
            let condition = #"\b(except|unless)\b"#
            if let range = entry.range(of: condition, options: [.regularExpression, .caseInsensitive]) {
                return "Annex II ref \(reference) (\(Self.conditionalMark) \(entry[range.lowerBound...]))"
            }
            return "Annex II ref \(reference)"
        case .fragranceAllergens:
            return "EU allergen list\(list.map { " \($0)" } ?? ""), Annex III ref \(reference)"
        }
    }

    /// `23/06/2015` as `2015-06-23`, so dates compare as text; nil for anything else.
    static func sortableDate(_ text: String) -> String? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }), parts[2].count == 4 else { return nil }
        return "\(parts[2])-\(parts[1].count == 1 ? "0" : "")\(parts[1])-\(parts[0].count == 1 ? "0" : "")\(parts[0])"
    }
}

/// Why a regulated-substance file could not be read.
public enum EUSubstanceListError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file ended without a header row of the expected kind.
    case noHeader
    /// The header lacks a column the list needs (its name).
    case missingColumn(String)

    /// What is wrong, naming the header or column expected.
    public var description: String {
        switch self {
        case .noHeader: "no header row (Annex II: `Reference Number,...`; allergens: `inci_name,...`)"
        case .missingColumn(let name): "the header has no `\(name)` column"
        }
    }
}
