import Foundation

extension SearchMatch: TabularResult {
    /// score (two decimals), sku, brand, name, category and price.
    public static func columns(for rows: [SearchMatch]) -> [OutputColumn<SearchMatch>] {
        [
            OutputColumn("score", alignment: .right) { String(format: "%.2f", $0.score) },
            OutputColumn("sku") { $0.sku }, OutputColumn("brand") { $0.brand }, OutputColumn("name") { $0.name },
            OutputColumn("category") { $0.category ?? "" },
            OutputColumn("price") { match in
                match.price.map { "\($0.plainText) \(match.currency ?? "")".trimmingCharacters(in: .whitespaces) }
                    ?? ""
            },
        ]
    }
}

/// Results with the facet counts of the products they come from (`--facet`), in every ``OutputFormat``.
///
/// - `table`: the results' table, then a table per facet (value and count), each after a blank line; a facet
///   that has more values than shown ends with a `…` line.
/// - `csv`, `tsv`: the results, a blank line, then one block with the header `facet,value,count`.
/// - `json`: `{"results": [...], "facets": {"brand": {"values": [{"value": ..., "count": ...}], "truncated": false}}}`.
/// - `jsonl`: a line per result, then one line `{"facets": {...}}`, as in JSON.
///
/// Without facets every format is the results' own (``TabularResult/render(_:as:)``), so output without
/// `--facet` is unchanged.
///
/// ```swift
/// let text = try FacetReport.render(matches, facets: counts, as: .json)
/// ```
public enum FacetReport {
    /// The rows and the facet counts in `format`.
    ///
    /// - Throws: `EncodingError` when a row cannot be encoded (JSON formats only).
    public static func render<Row: TabularResult>(
        _ rows: [Row], facets: [FacetCounts], as format: OutputFormat
    ) throws -> String {
        let results = try Row.render(rows, as: format)
        guard !facets.isEmpty else { return results }
        switch format {
        case .table:
            return results
                + facets.map { counts in
                    "\n"
                        + TextTable(
                            headers: [counts.facet.rawValue, "count"],
                            rows: counts.values.map { [$0.value, String($0.count)] }, rightAligned: [1]
                        ).render() + (counts.truncated ? "…\n" : "")
                }.joined()
        case .csv, .tsv:
            let writer = format == .csv ? DelimitedWriter.csv : DelimitedWriter.tsv
            let lines = facets.flatMap { counts in
                counts.values.map { writer.line([counts.facet.rawValue, $0.value, String($0.count)]) }
            }
            return results + writer.line([]) + writer.line(["facet", "value", "count"]) + lines.joined()
        case .json:
            let array = try rows.map { try JSONValue(encoding: $0) }
            return JSONValue.object([("results", .array(array)), ("facets", facetsJSON(facets))])
                .rendered(pretty: true) + "\n"
        case .jsonl:
            return results + JSONValue.object([("facets", facetsJSON(facets))]).rendered(pretty: false) + "\n"
        }
    }

    /// `{"brand": {"values": [{"value": ..., "count": ...}], "truncated": false}, ...}`, in the facets' order.
    static func facetsJSON(_ facets: [FacetCounts]) -> JSONValue {
        .object(
            facets.map { counts in
                (
                    counts.facet.rawValue,
                    .object([
                        (
                            "values",
                            .array(
                                counts.values.map {
                                    .object([("value", .string($0.value)), ("count", .integer(Int64($0.count)))])
                                })
                        ),
                        ("truncated", .bool(counts.truncated)),
                    ])
                )
            })
    }
}
