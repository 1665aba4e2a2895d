/// A ranking ready to export: the products, the rubric that scored them and a fingerprint of the catalog, so
/// two exports can be compared. Rendering is pure: every format is a function of these values.
public struct RankingReport: Sendable {
    /// The active the products were ranked for (`NMN`, `niacinamide`).
    public var active: String
    /// The ranked products, best first.
    public var products: [RankedProduct]
    /// The rubric that scored them; its version, name, fingerprint and weights are printed with the ranking.
    public var rubric: Rubric
    /// ``Catalog/fingerprint()``, printed by the JSON, Markdown and HTML formats (CSV rows do not carry it).
    public var catalogFingerprint: String

    /// A report; each argument sets the property of the same name.
    public init(active: String, products: [RankedProduct], rubric: Rubric, catalogFingerprint: String) {
        self.active = active
        self.products = products
        self.rubric = rubric
        self.catalogFingerprint = catalogFingerprint
    }

    /// The export formats.
    public enum Format: String, Sendable, CaseIterable {
        /// `csv`: ``RankingReport/csv()``; `json`: ``RankingReport/json(pretty:)``, pretty-printed; `markdown`:
        /// ``RankingReport/markdown()``; `html`: ``RankingReport/html()``, one self-contained page.
        case csv, json, markdown, html
    }

    /// The columns every tabular format carries, in order (``RankingRecord``'s headers).
    public static let columns = recordColumns.map(\.header)

    private static let recordColumns = RankingRecord.columns(for: [])

    /// One product's cells, in ``columns`` order, as plain text.
    public static func cells(_ product: RankedProduct) -> [String] {
        let record = RankingRecord(product)
        return recordColumns.map { $0.value(record) }
    }

    /// The whole export in one format, ending in a newline.
    public func render(_ format: Format) -> String {
        switch format {
        case .csv: csv()
        case .json: json(pretty: true) + "\n"
        case .markdown: markdown()
        case .html: html()
        }
    }

    // MARK: - CSV

    /// RFC 4180 CSV, safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`, tab or carriage
    /// return is prefixed with `'` so it is never run as a formula (OWASP's CSV-injection rule). JSON keeps the
    /// text exactly.
    public func csv() -> String {
        DelimitedWriter.csv.document(
            headers: Self.columns,
            rows: products.map { Self.cells($0).map(Self.neutralised) })
    }

    /// OWASP: prefix a formula-like cell with a single quote.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first) ? "'" + cell : cell
    }

    // MARK: - JSON

    /// One JSON record per product (what `skincat rank --format json` prints).
    public static func record(_ product: RankedProduct) -> JSONValue {
        .object([
            ("rank", .integer(Int64(product.rank))), ("sku", .string(product.sku)), ("brand", .string(product.brand)),
            ("name", .string(product.name)), ("score", .number(product.score.total)),
            ("points", .object(product.score.criteria.map { ($0.criterion.rawValue, .number($0.points)) })),
            ("reasons", .object(product.score.criteria.map { ($0.criterion.rawValue, .string($0.reason)) })),
            ("flags", .array(product.score.flags.map(JSONValue.string))), ("active", .string(product.active)),
            ("studies", .array(product.score.evidenceStudies.map(Self.record))),
            ("amountPpm", .optional(product.amountPpm)),
            ("amountSource", .string(product.amountSource?.rawValue ?? "undisclosed")),
            ("amountEvidence", .string(product.score.concentrationEvidence.rawValue)),
            (
                "interval",
                product.interval.map { interval in
                    .object([
                        ("text", .string(interval.text)), ("lowerPpm", .optional(interval.lowerPpm)),
                        ("upperPpm", .optional(interval.upperPpm)), ("sources", .string(interval.sources)),
                    ])
                } ?? .null
            ),
            (
                "named",
                product.namedAmount.map { named in
                    .object([("text", .string(named.text)), ("ppm", .number(named.amountPpm))])
                } ?? .null
            ),
            ("category", .optional(product.category)), ("price", .optional(product.price)),
            ("currency", .optional(product.currency)), ("offers", .integer(Int64(product.offers))),
            ("lowestPrice", .optional(product.lowestPrice)), ("highestPrice", .optional(product.highestPrice)),
            ("value", product.comparableValue.map(record) ?? .null),
        ])
    }

    /// A product's value as JSON, with `ProductValue`'s Codable keys (as `show`, `compare`, `similar` and
    /// `query --sort value` write it): price, currency, size, unit, perUnit, and actives with ingredient, ppm,
    /// source, milligrams and per100mg.
    static func record(_ value: ProductValue) -> JSONValue {
        .object([
            ("price", .optional(value.price)), ("currency", .optional(value.currency)), ("size", .optional(value.size)),
            ("unit", .optional(value.unit?.rawValue)), ("perUnit", .optional(value.perUnit)),
            (
                "actives",
                .array(
                    value.actives.map { active in
                        .object([
                            ("ingredient", .string(active.ingredient)), ("ppm", .number(active.ppm)),
                            ("source", .string(active.source.rawValue)), ("milligrams", .number(active.milligrams)),
                            ("per100mg", .number(active.per100mg)),
                        ])
                    })
            ),
        ])
    }

    /// The export document: the rubric's version, name and fingerprint, the catalog's fingerprint, the weights,
    /// and the ranked records.
    public func json(pretty: Bool) -> String {
        JSONValue.object([
            ("rubricVersion", .integer(Int64(rubric.version))), ("rubricName", .string(rubric.name)),
            ("rubricFingerprint", .string(rubric.fingerprint)), ("catalogFingerprint", .string(catalogFingerprint)),
            ("active", .string(active)),
            ("weights", .object(Rubric.Criterion.allCases.map { ($0.rawValue, .number(rubric.weights[$0] ?? 0)) })),
            ("products", .array(products.map(Self.record))),
        ]).rendered(pretty: pretty)
    }

    // MARK: - Markdown

    /// A Markdown document: a title, the rubric (name, version, fingerprint) and the catalog's fingerprint, then a
    /// table of each product's rank, sku, brand, name, score, points per criterion (weight in the header), flags,
    /// and value (the price per mL or g, and per 100 mg of the active when the label declares or prints it).
    public func markdown() -> String {
        var lines = [
            "# \(active) ranking", "",
            "Rubric: \(rubric.name) (version \(rubric.version), \(rubric.fingerprint)); "
                + "catalog \(catalogFingerprint).", "",
        ]
        let headers =
            ["rank", "sku", "brand", "name", "score"]
            + Rubric.Criterion.allCases.map { "\($0.rawValue) (\(Self.number(rubric.weights[$0] ?? 0)))" } + [
                "flags", "value", "per 100 mg",
            ]
        lines.append("| " + headers.joined(separator: " | ") + " |")
        lines.append("|" + headers.map { _ in "---" }.joined(separator: "|") + "|")
        for product in products {
            let cells =
                [String(product.rank), product.sku, product.brand, product.name, Self.number(product.score.total)]
                + Rubric.Criterion.allCases.map { Self.number(product.score.points($0)) }
                + [product.score.flags.joined(separator: "; ")] + Self.valueCells(product.comparableValue)
            lines.append("| " + cells.map(Self.markdownEscaped).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A product's value as two cells of text: `1.93 USD per mL` and `48.33 USD per 100 mg` (empty when unknown or
    /// left out of a conversion).
    static func valueCells(_ value: ProductValue?) -> [String] {
        guard let value else { return ["", ""] }
        return [value.perUnitText ?? "", value.actives.first.map(value.per100mgText) ?? ""]
    }

    static func markdownEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|", "\\", "*", "_", "`", "[", "]", "<", ">": escaped += "\\\(character)"
            case "\n", "\r": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }

    // MARK: - HTML

    /// The criteria's colours in the stacked bars (colour-blind-safe Okabe–Ito palette).
    static let colours: [Rubric.Criterion: String] = [
        .concentration: "#0072B2", .delivery: "#E69F00", .companions: "#009E73", .packaging: "#CC79A7",
        .evidence: "#56B4E9",
    ]

    /// The criterion's colour (grey for one the palette does not name).
    static func colour(_ criterion: Rubric.Criterion) -> String { colours[criterion] ?? "#999999" }

    /// One self-contained page (no network): the ranking table with a stacked bar per product showing where its
    /// points came from, readable on screen and in print.
    public func html() -> String {
        let legend = Rubric.Criterion.allCases.map { criterion in
            "<span class=\"key\"><i style=\"background:\(Self.colour(criterion))\"></i>"
                + "\(Self.escaped(criterion.rawValue)) (\(Self.number(rubric.weights[criterion] ?? 0)))</span>"
        }.joined(separator: " ")
        let rows = products.map { product -> String in
            let reasons =
                product.score.criteria.map {
                    "<li><b>\(Self.escaped($0.criterion.rawValue))</b> \(Self.number($0.points))/\(Self.number($0.maximum)): "
                        + "\(Self.escaped($0.reason))</li>"
                }.joined() + Self.citations(product.score.evidenceStudies)
            let flags = product.score.flags.map { "<span class=\"flag\">\(Self.escaped($0))</span>" }.joined(
                separator: " ")
            return """
                <tr><td class="num">\(product.rank)</td><td>\(Self.escaped(product.sku))</td>\
                <td><b>\(Self.escaped(product.brand))</b><br>\(Self.escaped(product.name))</td>\
                <td class="num score">\(Self.number(product.score.total))</td><td>\(bar(product.score))</td>\
                <td>\(flags)<details><summary>why</summary><ul>\(reasons)</ul></details></td>\
                <td>\(Self.valueCells(product.comparableValue).filter { !$0.isEmpty }.map(Self.escaped).joined(separator: "<br>"))</td></tr>
                """
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escaped(active)) ranking · skincat</title>
            <style>
            body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #222; }
            h1 { font-size: 1.4em; margin-bottom: 0.2em; }
            .meta { color: #555; margin-top: 0; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; }
            .num { text-align: right; font-variant-numeric: tabular-nums; }
            .score { font-weight: bold; font-size: 1.1em; }
            .flag { display: inline-block; background: #fde8e8; color: #8a1c1c; border-radius: 3px; padding: 0 4px;
                    margin: 0 2px 2px 0; font-size: 0.9em; }
            .key { margin-right: 1em; white-space: nowrap; }
            .key i { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.3em; vertical-align: -0.1em; }
            details ul { margin: 0.3em 0; padding-left: 1.2em; }
            svg { display: block; }
            @media print {
              body { margin: 0.5cm; font-size: 11px; }
              details { display: none; }
              tr { break-inside: avoid; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            </style>
            </head>
            <body>
            <h1>\(Self.escaped(active)) products ranked by their labels</h1>
            <p class="meta">Rubric: \(Self.escaped(rubric.name)) (version \(rubric.version), \
            \(Self.escaped(rubric.fingerprint))) · catalog \(Self.escaped(catalogFingerprint)) · \
            \(products.count) products</p>
            <p>\(legend)</p>
            <table>
            <thead><tr><th class="num">#</th><th>sku</th><th>product</th><th class="num">score</th>\
            <th>where the points came from (out of 100)</th><th>flags</th><th>value</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            </body>
            </html>

            """
    }

    /// The studies that moved the evidence points, as a list item of links (DOI at doi.org, else the study's URL);
    /// empty when none did.
    static func citations(_ studies: [CitedStudy]) -> String {
        guard !studies.isEmpty else { return "" }
        let items = studies.map { study -> String in
            let text = Self.escaped(study.citation)
            let cited = study.link.map { "<a href=\"\(Self.escaped($0))\">\(text)</a>" } ?? text
            let share = (study.share >= 0 ? "+" : "") + Self.number(study.share)
            return "<li>\(cited) <small>(\(Self.escaped(study.outcome.rawValue)), share \(share))</small></li>"
        }
        return "<li><b>studies</b><ul>\(items.joined())</ul></li>"
    }

    /// One cited study as JSON: key, citation, DOI, link, outcome, share of the evidence criterion, note.
    static func record(_ study: CitedStudy) -> JSONValue {
        .object([
            ("key", .string(study.key)), ("citation", .string(study.citation)), ("doi", .optional(study.doi)),
            ("link", .optional(study.link)), ("outcome", .string(study.outcome.rawValue)),
            ("share", .number(study.share)), ("note", .string(study.note)),
        ])
    }

    /// A 300 × 18 stacked bar: one segment per criterion, as wide as its points (100 points = full width).
    private func bar(_ score: ProductScore) -> String {
        var x = 0.0
        var segments = ""
        for criterion in score.criteria where criterion.points > 0 {
            let width = criterion.points * 3
            segments +=
                "<rect x=\"\(Self.number(x))\" y=\"0\" width=\"\(Self.number(width))\" height=\"18\" "
                + "fill=\"\(Self.colour(criterion.criterion))\"><title>\(Self.escaped(criterion.criterion.rawValue)): "
                + "\(Self.number(criterion.points))</title></rect>"
            x += width
        }
        return "<svg width=\"300\" height=\"18\" viewBox=\"0 0 300 18\" role=\"img\" "
            + "aria-label=\"\(Self.number(score.total)) of 100 points\">"
            + "<rect width=\"300\" height=\"18\" fill=\"#eee\"/>\(segments)</svg>"
    }

    static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// `42`, `42.5`: at most one decimal, no trailing zero.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return Int64(exactly: rounded).map(String.init) ?? String(rounded)
    }
}
