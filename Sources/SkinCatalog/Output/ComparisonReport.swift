import Foundation
import SkinDomain

/// A ``ProductComparison`` printed: a table with one column per product (`skincat compare`), the same as
/// Markdown, or JSON.
///
/// The rows are declared once (``rows``), a label and a cell per product, and both the table and the Markdown are
/// drawn from them; the shared ingredients follow as a paragraph, since they are the same for every column.
///
/// ```swift
/// let text = ComparisonReport(comparison).render(.table)
/// ```
public struct ComparisonReport: Sendable {
    /// The formats a comparison prints in.
    public enum Format: String, Sendable, CaseIterable {
        /// `table`: aligned text; `markdown`: a GitHub table; `json`: one pretty-printed object.
        case table, markdown, json
    }

    /// The comparison printed.
    public var comparison: ProductComparison

    /// A report of `comparison`.
    public init(_ comparison: ProductComparison) { self.comparison = comparison }

    /// The comparison in `format`, ending in a newline.
    /// - Throws: `EncodingError` when the JSON cannot be encoded (a value that is not finite).
    public func render(_ format: Format) throws -> String {
        switch format {
        case .table:
            let headers = [""] + comparison.columns.map(\.product.sku)
            return TextTable(headers: headers, rows: rows.map { [$0.label] + $0.cells }).render() + footer
        case .markdown:
            let headers = ["field"] + comparison.columns.map(\.product.sku)
            var lines = [
                "| " + headers.map(RankingReport.markdownEscaped).joined(separator: " | ") + " |",
                "|" + headers.map { _ in "---" }.joined(separator: "|") + "|",
            ]
            for row in rows {
                lines.append(
                    "| " + ([row.label] + row.cells).map(RankingReport.markdownEscaped).joined(separator: " | ") + " |")
            }
            return lines.joined(separator: "\n") + "\n" + footer
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(comparison), as: UTF8.self) + "\n"
        }
    }

    /// One row of the table: its label, and a cell per product.
    public struct Row: Sendable, Equatable {
        /// What the row shows (`price`, `value`, `NIACINAMIDE`, `concentration (30)`).
        public var label: String
        /// A cell per product, in the comparison's order; empty where the product has nothing to show.
        public var cells: [String]
    }

    /// The rows, in order: who the product is; price, size and value; the actives with amounts and sources; the
    /// score and each criterion's points; the flags; packaging and delivery; then the ingredients only each lists,
    /// one per row.
    public var rows: [Row] {
        let columns = comparison.columns
        func row(_ label: String, _ cell: (ProductComparison.Column) -> String) -> Row {
            Row(label: label, cells: columns.map(cell))
        }
        var rows = [
            row("brand") { $0.product.brand }, row("name") { $0.product.name },
            row("category") { $0.product.category ?? "" },
            row("price") { column in
                column.product.price.map { "\($0.plainText)\(column.product.currency.map { " \($0)" } ?? "")" } ?? ""
            },
            row("size") { $0.product.sizeText ?? "" },
            row("value") { $0.value.perUnitText ?? "" },
            row("value rank") { column in
                column.valueRank.map { "\($0) of \(columns.count - comparison.valueLeftOut.count)" }
                    ?? (column.value.perUnit == nil
                        ? "no price or size"
                        : comparison.valueLeftOut.contains { $0.sku == column.product.sku && $0.reason.isNoRate }
                            ? "not compared (no rate)" : "not compared (other currency)")
            },
        ]
        rows += activeRows
        if let active = comparison.active {
            rows.append(row("\(active) score") { $0.score.map { RankingReport.number($0.total) } ?? "not listed" })
            for (criterion, weight) in comparison.weights {
                rows.append(
                    row("  \(criterion.rawValue) (\(RankingReport.number(weight)))") { column in
                        column.score.map { RankingReport.number($0.points(criterion)) } ?? ""
                    })
            }
            rows.append(row("flags") { $0.score?.flags.joined(separator: "; ") ?? "" })
        }
        rows.append(row("packaging") { $0.product.packaging.joined(separator: ", ") })
        rows.append(
            row("delivery") { column in
                column.product.delivery.map { "\($0.system.rawValue) (\($0.basis.rawValue))" }
                    .joined(separator: ", ")
            })
        rows.append(row("ingredients") { String($0.product.comparisonKeys.count) })
        let longest = columns.map(\.unique.count).max() ?? 0
        for index in 0..<longest {
            rows.append(row(index == 0 ? "only here" : "") { index < $0.unique.count ? $0.unique[index] : "" })
        }
        return rows
    }

    /// A row per ingredient any product states an amount of, in the order first met: amount, source, and the
    /// price per 100 mg where declared or printed.
    private var activeRows: [Row] {
        var names: [String] = []
        for column in comparison.columns {
            for active in column.actives where !names.contains(active.ingredient) { names.append(active.ingredient) }
        }
        return names.map { name in
            Row(
                label: name,
                cells: comparison.columns.map { column in
                    guard let active = column.actives.first(where: { $0.ingredient == name }) else { return "" }
                    let per100mg =
                        column.value.actives.first { $0.ingredient == name }
                        .map { "; " + column.value.per100mgText($0) } ?? ""
                    return "\(ProductComposition.format(ppm: active.ppm)) \(active.source.rawValue)\(per100mg)"
                })
        }
    }

    /// The shared ingredients and what the value ranking left out, after the table.
    private var footer: String {
        let first = comparison.columns.first?.product.sku ?? ""
        var lines = [
            "",
            "shared by all (\(comparison.shared.count), in \(first)'s order): "
                + (comparison.shared.isEmpty ? "none" : comparison.shared.joined(separator: ", ")),
        ]
        let other = comparison.valueLeftOut.compactMap { leftOut -> String? in
            guard case .otherCurrency(let currency) = leftOut.reason else { return nil }
            return "\(leftOut.sku) (\(currency ?? "no currency"))"
        }
        if !other.isEmpty, let currency = comparison.valueCurrency {
            lines.append(
                "value ranked in \(currency) only; left out, priced otherwise: " + other.joined(separator: ", "))
        }
        let unconverted = comparison.valueLeftOut.compactMap { leftOut -> String? in
            guard case .noRate(let currency) = leftOut.reason else { return nil }
            return "\(leftOut.sku) (\(currency ?? "no currency"))"
        }
        if !unconverted.isEmpty, let currency = comparison.valueCurrency {
            lines.append(
                "value converted to \(currency); left out, no rate for their currency: "
                    + unconverted.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ValueExclusion {
    /// True for `ValueExclusion/noRate(_:)`.
    var isNoRate: Bool {
        if case .noRate = self { return true }
        return false
    }
}
