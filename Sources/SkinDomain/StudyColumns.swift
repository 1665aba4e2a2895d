import Foundation

/// Why a studies file's header or one of its rows cannot be read: the field at fault (nil for the header as a
/// whole) and the reason, naming the value.
public struct StudyFieldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The column at fault (`design`, `concentration`); nil when the row or header as a whole is.
    public var field: String?
    /// Why, naming the offending value (`"in vivo" is not a study design (use in-vitro, animal, ...)`).
    public var reason: String

    /// An error for `field` (nil for the row or header as a whole).
    public init(field: String?, reason: String) {
        self.field = field
        self.reason = reason
    }

    /// `field: reason`, or the reason alone.
    public var description: String { field.map { "\($0): \(reason)" } ?? reason }
}

/// The columns of a studies file (docs/studies.md), found in its header by name, case-insensitively (`_`, `-` and
/// spaces ignored, so `duration_weeks`, `Duration Weeks` and `durationWeeks` are one column), and the reading of
/// one row into a ``StudyEntry``.
///
/// ```swift
/// let columns = try StudyColumns(header: ["DOI", "title", "design", "ingredients"])
/// let study = try columns.entry(["10.1000/x", "A trial", "human-rct", "NMN"])
/// ```
public struct StudyColumns: Sendable {
    /// A column of the contract.
    public enum Field: String, Sendable, CaseIterable {
        /// The DOI.
        case doi
        /// The PubMed id.
        case pmid
        /// The title (required).
        case title
        /// The year of publication.
        case year
        /// The journal.
        case journal
        /// The authors as cited.
        case authors
        /// The designs, joined with `+` (required).
        case design
        /// `topical`, `oral` or `injection`.
        case route
        /// Who or what was studied.
        case subjects
        /// How long it ran, in weeks.
        case durationWeeks = "duration_weeks"
        /// The ingredients tested, separated by `;` (required).
        case ingredients
        /// The concentration tested, with a unit.
        case concentration
        /// What it measured, separated by `;`.
        case endpoints
        /// `positive`, `null` or `negative`.
        case outcome
        /// A link to the article.
        case url
        /// What it found.
        case summary
        /// Where these facts come from.
        case provenance
    }

    /// The columns a file must have.
    public static let required: [Field] = [.title, .design, .ingredients]

    /// Each contract column's index in the header.
    public let index: [Field: Int]

    /// Finds the contract's columns in `header`.
    /// - Throws: ``StudyFieldError`` for a column the contract does not know (with the nearest known name), one
    ///   named twice, or a required one missing.
    public init(header: [String]) throws(StudyFieldError) {
        var index: [Field: Int] = [:]
        let known = Dictionary(uniqueKeysWithValues: Field.allCases.map { (Self.normalised($0.rawValue), $0) })
        for (position, name) in header.enumerated() {
            let key = Self.normalised(name)
            if key.isEmpty { continue }
            guard let field = known[key] else {
                let hint = Suggestion.nearest(to: key, in: Field.allCases.map(\.rawValue)).map {
                    "; did you mean \"\($0)\"?"
                }
                throw StudyFieldError(
                    field: name,
                    reason: "unknown column \"\(name)\"" + (hint ?? " (the columns are in docs/studies.md)"))
            }
            guard index[field] == nil else {
                throw StudyFieldError(field: name, reason: "the column \"\(field.rawValue)\" is named twice")
            }
            index[field] = position
        }
        let missing = Self.required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw StudyFieldError(
                field: nil,
                reason: "missing required column" + (missing.count == 1 ? " " : "s ")
                    + missing.map(\.rawValue).joined(separator: ", "))
        }
        self.index = index
    }

    private static func normalised(_ name: String) -> String {
        name.lowercased().filter { !" _-".contains($0) }.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Reads one row (its fields in the header's order).
    /// - Throws: ``StudyFieldError`` naming the first field that cannot be read.
    public func entry(_ fields: [String]) throws(StudyFieldError) -> StudyEntry {
        func value(_ field: Field) -> String? {
            guard let position = index[field], position < fields.count else { return nil }
            let text = fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        return try Self.entry(value)
    }

    /// Reads a study from its fields by name (nil or empty for a field not given): the one reading of a row of a
    /// file and of `skincat studies add`.
    /// - Throws: ``StudyFieldError`` naming the first field that cannot be read.
    public static func entry(_ value: (Field) -> String?) throws(StudyFieldError) -> StudyEntry {
        func text(_ field: Field) -> String? {
            value(field).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let title = text(.title) else { throw StudyFieldError(field: "title", reason: "is required") }
        let designs = try designs(text(.design))
        let ingredients = list(text(.ingredients))
        guard !ingredients.isEmpty else {
            throw StudyFieldError(field: "ingredients", reason: "is required (names separated by ;)")
        }
        var entry = StudyEntry(
            title: title, journal: text(.journal), authors: text(.authors), designs: designs,
            subjects: text(.subjects), ingredients: ingredients, endpoints: try endpoints(text(.endpoints)),
            summary: text(.summary), provenance: text(.provenance))
        try readIdentifiers(&entry, doi: text(.doi), pmid: text(.pmid), url: text(.url))
        entry.year = try year(text(.year))
        entry.route = try route(text(.route))
        entry.durationWeeks = try weeks(text(.durationWeeks))
        if let concentration = text(.concentration) {
            do {
                entry.concentrationPpm = try Amount(parsing: concentration).ppm
                entry.concentration = concentration
            } catch {
                throw StudyFieldError(
                    field: "concentration", reason: "\"\(concentration)\" is not an amount with a unit (\(error))")
            }
        }
        entry.outcome = try outcome(text(.outcome))
        return entry
    }

    private static func readIdentifiers(_ entry: inout StudyEntry, doi: String?, pmid: String?, url: String?)
        throws(StudyFieldError)
    {
        if let doi {
            guard let normalised = StudyKey.doi(doi) else {
                throw StudyFieldError(field: "doi", reason: "\"\(doi)\" is not a DOI (10.NNNN/suffix)")
            }
            entry.doi = normalised
        }
        if let pmid {
            guard let normalised = StudyKey.pmid(pmid) else {
                throw StudyFieldError(field: "pmid", reason: "\"\(pmid)\" is not a PubMed id (digits)")
            }
            entry.pmid = normalised
        }
        if let url {
            let lower = url.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !url.contains(where: \.isWhitespace)
            else {
                throw StudyFieldError(field: "url", reason: "\"\(url)\" is not an http(s) link")
            }
            entry.url = url
        }
    }

    /// A list as a file writes it: names separated by `;`, or a JSON array of strings (a JSON Lines export).
    static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        if text.hasPrefix("["), let data = text.data(using: .utf8),
            let array = try? JSONSerialization.jsonObject(with: data) as? [String]
        {
            return array.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func designs(_ text: String?) throws(StudyFieldError) -> [StudyDesign] {
        guard let text else {
            throw StudyFieldError(
                field: "design",
                reason: "is required (" + StudyDesign.allCases.map(\.rawValue).joined(separator: ", ")
                    + "; several joined with +)")
        }
        var designs: Set<StudyDesign> = []
        let words = text.hasPrefix("[") ? list(text) : text.split { "+;,".contains($0) }.map(String.init)
        for word in words where !word.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let design = StudyDesign(parsing: word) else {
                throw StudyFieldError(
                    field: "design",
                    reason: "\"\(word.trimmingCharacters(in: .whitespaces))\" is not a study design (use "
                        + StudyDesign.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            designs.insert(design)
        }
        guard !designs.isEmpty else { throw StudyFieldError(field: "design", reason: "is required") }
        return designs.sorted()
    }

    private static func endpoints(_ text: String?) throws(StudyFieldError) -> [String] {
        var endpoints: [String] = []
        for name in list(text) {
            let endpoint = name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: "-")
            // As the table's CHECK: lowercase letters and -, starting with a letter.
            guard endpoint.first.map({ $0.isASCII && $0.isLetter }) == true,
                endpoint.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") })
            else {
                throw StudyFieldError(
                    field: "endpoints",
                    reason: "\"\(name)\" is not an endpoint name (letters and -, such as uv-defence)")
            }
            if !endpoints.contains(endpoint) { endpoints.append(endpoint) }
        }
        return endpoints.sorted()
    }

    private static func year(_ text: String?) throws(StudyFieldError) -> Int? {
        guard let text else { return nil }
        guard let year = Int(text), (1900...2100).contains(year) else {
            throw StudyFieldError(field: "year", reason: "\"\(text)\" is not a year (1900 to 2100)")
        }
        return year
    }

    private static func route(_ text: String?) throws(StudyFieldError) -> StudyRoute? {
        guard let text else { return nil }
        guard let route = StudyRoute(rawValue: text.lowercased()) else {
            throw StudyFieldError(
                field: "route",
                reason: "\"\(text)\" is not a route (use " + StudyRoute.allCases.map(\.rawValue).joined(separator: ", ")
                    + ", or leave it empty when not stated)")
        }
        return route
    }

    private static func weeks(_ text: String?) throws(StudyFieldError) -> Double? {
        guard let text else { return nil }
        var number = text.lowercased()
        for unit in ["weeks", "week", "wk"] where number.hasSuffix(unit) {
            number = String(number.dropLast(unit.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        guard let weeks = Double(number), weeks.isFinite, weeks >= 0 else {
            throw StudyFieldError(field: "duration_weeks", reason: "\"\(text)\" is not a number of weeks")
        }
        return weeks
    }

    private static func outcome(_ text: String?) throws(StudyFieldError) -> StudyOutcome {
        guard let text else { return .positive }
        guard let outcome = StudyOutcome(rawValue: text.lowercased()) else {
            throw StudyFieldError(
                field: "outcome", reason: "\"\(text)\" is not an outcome (use positive, null or negative)")
        }
        return outcome
    }
}
