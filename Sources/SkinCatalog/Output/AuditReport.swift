/// The label audit's output: one row per finding in the tabular formats, one record per product in JSON, a summary of
/// counts per finding kind, and a self-contained HTML page. Pure: every format is a function of its values.
public enum AuditReport {
    /// The columns of the tabular formats, one row per finding.
    public static let columns = [
        "sku", "brand", "name", "use", "kind", "severity", "active", "finding", "evidence", "rule", "source",
    ]

    /// One row per finding of the product, in ``columns`` order (none for a product without findings).
    public static func rows(_ product: AuditedProduct) -> [[String]] {
        product.findings.map { finding in
            [
                product.sku, product.brand, product.name, useText(product.use), finding.kind.rawValue,
                finding.severity.rawValue, finding.active ?? "", finding.message,
                finding.evidence.joined(separator: "; "), finding.rule, finding.source,
            ]
        }
    }

    /// One JSON record per product, with its findings.
    public static func record(_ product: AuditedProduct) -> JSONValue {
        .object([
            ("sku", .string(product.sku)), ("brand", .string(product.brand)), ("name", .string(product.name)),
            ("category", .optional(product.category)), ("use", .string(useText(product.use))),
            ("findings", .array(product.findings.map(finding))),
        ])
    }

    static func finding(_ finding: AuditFinding) -> JSONValue {
        .object([
            ("kind", .string(finding.kind.rawValue)), ("severity", .string(finding.severity.rawValue)),
            ("active", .optional(finding.active)), ("finding", .string(finding.message)),
            ("evidence", .array(finding.evidence.map(JSONValue.string))), ("rule", .string(finding.rule)),
            ("source", .string(finding.source)),
        ])
    }

    /// The summary as a JSON object: products, products with findings, per kind (products and findings), per
    /// severity, products of unknown type, the caveats, and where the EU lists checked come from.
    public static func summaryRecord(_ summary: AuditSummary) -> JSONValue {
        .object([
            ("products", .integer(Int64(summary.products))),
            ("productsWithFindings", .integer(Int64(summary.productsWithFindings))),
            (
                "kinds",
                .object(
                    AuditFinding.Kind.allCases.map { kind in
                        (
                            kind.rawValue,
                            .object([
                                ("products", .integer(Int64(summary.productsPerKind[kind] ?? 0))),
                                ("findings", .integer(Int64(summary.findingsPerKind[kind] ?? 0))),
                            ])
                        )
                    })
            ),
            (
                "severities",
                .object(
                    AuditFinding.Severity.allCases.map {
                        ($0.rawValue, .integer(Int64(summary.findingsPerSeverity[$0] ?? 0)))
                    })
            ),
            ("unknownUse", .integer(Int64(summary.unknownUse))),
            ("caveats", .array(summary.caveats.map(JSONValue.string))),
            ("lists", .array(summary.lists.map(JSONValue.string))),
        ])
    }

    /// The summary as text: one line per finding kind with the products that carry it and the findings.
    public static func summaryText(_ summary: AuditSummary) -> String {
        var lines = [
            "audited \(summary.products) product\(summary.products == 1 ? "" : "s"), "
                + "\(summary.productsWithFindings) with findings"
        ]
        let width = AuditFinding.Kind.allCases.map(\.rawValue.count).max() ?? 0
        for kind in AuditFinding.Kind.allCases {
            let name = kind.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append(
                "  \(name)  \(summary.productsPerKind[kind] ?? 0) products, \(summary.findingsPerKind[kind] ?? 0) findings"
            )
        }
        let severities = AuditFinding.Severity.allCases.map { "\($0.rawValue) \(summary.findingsPerSeverity[$0] ?? 0)" }
        lines.append("severity: " + severities.joined(separator: ", "))
        if summary.unknownUse > 0 {
            lines.append(
                "product type unknown (neither leave-on nor rinse-off told by category or name): "
                    + "\(summary.unknownUse) products; EU maxima checked against both")
        }
        lines += summary.lists.map { "checked against \($0)" }
        lines += summary.caveats.map { "note: \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func useText(_ use: ProductUse) -> String {
        switch use {
        case .leaveOn: "leave-on"
        case .rinseOff: "rinse-off"
        case .unknown: "unknown"
        }
    }

    // MARK: - HTML

    static let severityColours: [AuditFinding.Severity: String] = [
        .high: "#b2182b", .warning: "#E69F00", .info: "#0072B2",
    ]

    /// One self-contained page (no network): the summary, then each product with findings and its evidence.
    public static func html(_ products: [AuditedProduct], summary: AuditSummary, catalogFingerprint: String) -> String {
        let escaped = RankingReport.escaped
        let kinds = AuditFinding.Kind.allCases.map { kind in
            "<tr><td><code>\(kind.rawValue)</code></td><td class=\"num\">\(summary.productsPerKind[kind] ?? 0)</td>"
                + "<td class=\"num\">\(summary.findingsPerKind[kind] ?? 0)</td></tr>"
        }.joined(separator: "\n")
        let caveats = summary.caveats.map { "<li>\(escaped($0))</li>" }.joined()
        let sections = products.filter { !$0.findings.isEmpty }.map { product -> String in
            let items = product.findings.map { finding -> String in
                let colour = severityColours[finding.severity] ?? "#555"
                let evidence = finding.evidence.map { "<li>\(escaped($0))</li>" }.joined()
                return """
                    <li><span class="sev" style="background:\(colour)">\(finding.severity.rawValue)</span> \
                    <code>\(finding.kind.rawValue)</code> \(escaped(finding.message))\
                    <details><summary>evidence and rule</summary><ul>\(evidence)</ul>\
                    <p class="rule">Rule: \(escaped(finding.rule)). Source: \(escaped(finding.source)).</p></details></li>
                    """
            }.joined(separator: "\n")
            return """
                <section><h2>\(escaped(product.brand)) · \(escaped(product.name))</h2>\
                <p class="meta">sku \(escaped(product.sku)) · \(escaped(product.category ?? "no category")) · \
                \(useText(product.use))</p><ul class="findings">\(items)</ul></section>
                """
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Label audit · skincat</title>
            <style>
            body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #222; }
            h1 { font-size: 1.4em; margin-bottom: 0.2em; }
            h2 { font-size: 1.1em; margin: 1.2em 0 0.1em; }
            .meta { color: #555; margin-top: 0; }
            table { border-collapse: collapse; }
            th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; }
            th { background: #f4f4f4; }
            .num { text-align: right; font-variant-numeric: tabular-nums; }
            .sev { display: inline-block; color: #fff; border-radius: 3px; padding: 0 4px; font-size: 0.85em; }
            .findings { list-style: none; padding-left: 0; }
            .findings > li { margin: 0.3em 0; }
            .rule { color: #555; margin: 0.2em 0; }
            details ul { margin: 0.3em 0; padding-left: 1.2em; }
            @media print {
              body { margin: 0.5cm; font-size: 11px; }
              details { display: block; }
              section { break-inside: avoid; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            </style>
            </head>
            <body>
            <h1>Label audit: what the name and claims promise against what the label shows</h1>
            <p class="meta">catalog \(escaped(catalogFingerprint)) · \(summary.products) products audited · \
            \(summary.productsWithFindings) with findings · product type unknown for \(summary.unknownUse)</p>
            <table>
            <thead><tr><th>finding</th><th class="num">products</th><th class="num">findings</th></tr></thead>
            <tbody>
            \(kinds)
            </tbody>
            </table>
            <ul>\(caveats)</ul>
            \(sections)
            </body>
            </html>

            """
    }
}
