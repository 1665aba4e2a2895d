import SkinDomain

/// The formats `studies export` writes: each one `studies import` reads back (docs/studies.md).
public enum StudyExportFormat: String, Sendable, CaseIterable {
    /// The studies file contract as CSV: lists joined with `;`, designs with `+`.
    case csv
    /// One JSON array of objects, the contract's columns as keys; lists as arrays.
    case json
    /// JSON Lines: one object a line, as ``json``.
    case jsonl
}

extension StudySummary {
    /// The studies as a studies file in `format`, the contract's columns in order (`StudyColumns.Field`), so the
    /// file imports back into the same studies (ingredients by INCI name).
    ///
    /// ```swift
    /// let csv = StudySummary.export(try catalog.studies(), as: .csv)
    /// ```
    public static func export(_ studies: [StudySummary], as format: StudyExportFormat) -> String {
        switch format {
        case .csv:
            return DelimitedWriter.csv.document(
                headers: StudyColumns.Field.allCases.map(\.rawValue),
                rows: studies.map { study in StudyColumns.Field.allCases.map { study.exportText($0) } })
        case .json:
            return JSONValue.array(studies.map(\.exportObject)).rendered(pretty: true) + "\n"
        case .jsonl:
            return studies.map { $0.exportObject.rendered(pretty: false) + "\n" }.joined()
        }
    }

    /// One field as the CSV contract writes it.
    private func exportText(_ field: StudyColumns.Field) -> String {
        switch field {
        case .doi: doi ?? ""
        case .pmid: pmid ?? ""
        case .title: title
        case .year: year.map(String.init) ?? ""
        case .journal: journal ?? ""
        case .authors: authors ?? ""
        case .design: designs.map(\.rawValue).joined(separator: "+")
        case .route: route ?? ""
        case .subjects: subjects ?? ""
        case .durationWeeks: durationWeeks?.plainText ?? ""
        case .ingredients: ingredients.joined(separator: "; ")
        case .concentration: concentrationText ?? ""
        case .endpoints: endpoints.joined(separator: "; ")
        case .outcome: outcome.rawValue
        case .url: url ?? ""
        case .summary: summary
        case .provenance: provenance
        }
    }

    /// The study as one JSON object: the contract's columns as keys, lists as arrays, numbers as numbers.
    private var exportObject: JSONValue {
        .object(
            StudyColumns.Field.allCases.map { field -> (String, JSONValue) in
                let value: JSONValue
                switch field {
                case .year: value = year.map { .integer(Int64($0)) } ?? .null
                case .durationWeeks: value = .optional(durationWeeks)
                case .design: value = .array(designs.map { .string($0.rawValue) })
                case .ingredients: value = .array(ingredients.map(JSONValue.string))
                case .endpoints: value = .array(endpoints.map(JSONValue.string))
                default:
                    let text = exportText(field)
                    value = text.isEmpty ? .null : .string(text)
                }
                return (field.rawValue, value)
            })
    }
}
