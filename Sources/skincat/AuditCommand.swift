import ArgumentParser
import Foundation
import SkinCatalog

/// The audit's formats: the shared ones plus a self-contained HTML report.
enum AuditFormat: String, FormatChoice {
    case table, csv, tsv, json, jsonl, html
}

struct AuditCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check labels against their own names and claims, and against the EU rules.",
        discussion: """
            Audits one product (audit SKU), the products a query selects (--where), or the whole catalog. Findings: \
            headline-trace, claim-vs-label, undisclosed-concentration, packaging-vs-active, name-decoy, eu-over-cap, \
            eu-prohibited, fragrance-free-contradicted, fragrance-allergens, same-formula; each with a severity, the \
            evidence from the label and the rule with its source (docs/label-audit.md). Load the EU annexes, Annex \
            II and the allergen list with skincat dictionary import first; --annex-ii and --allergens read a file \
            for this run instead of the stored list (the file wins). same-formula compares each audited product \
            with the whole catalog, whatever the selection.
            Tabular formats print one row per finding and the summary on stderr; table prints the summary after \
            the rows; json and html carry it.
            Exit code 0 whenever the audit ran, findings or not (findings are data); 1 when it could not run.
            """
    )

    @OptionGroup var catalog: CatalogOptions

    @Argument(help: ArgumentHelp("One product's sku (default: every product, or --where).", valueName: "sku"))
    var sku: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("A query selecting the products.", valueName: "query"))
    var query: String?

    @Option(help: AuditFormat.help)
    var format: AuditFormat = .table

    @Option(
        name: .customLong("annex-ii"),
        help: ArgumentHelp(
            "A CosIng Annex II export (prohibited substances) to check instead of the stored one.", valueName: "file"))
    var annexII: String?

    @Option(
        help: ArgumentHelp(
            "An EU fragrance-allergen list (eu-fragrance-allergens.csv) to check instead of the stored one.",
            valueName: "file"))
    var allergens: String?

    @Flag(help: "Leave out the informational fragrance-allergens finding.")
    var noAllergenFindings = false

    func validate() throws {
        if sku != nil && query != nil { throw ValidationError("give a sku or --where, not both") }
    }

    var queryText: String? { query }

    /// The options; a `--where` that cannot be read is a ``QueryError``.
    private func options() throws -> AuditOptions {
        var options = AuditOptions(sku: sku, annexII: annexII, allergens: allergens)
        options.reportAllergens = !noAllergenFindings
        options.query = try query.map { text throws(QueryError) in try QueryParser.parse(text) }
        return options
    }

    /// A `--where` that cannot be read is reported before the catalog opens.
    func checkBeforeOpening() throws { _ = try options() }

    func run(on catalog: Catalog) throws {
        let options = try options()
        switch format {
        case .csv, .tsv, .jsonl:
            // Row by row as products are audited: memory stays one batch however large the catalog.
            var stream = StreamingOutput(file: nil)
            let writer = format == .tsv ? DelimitedWriter.tsv : DelimitedWriter.csv
            if format != .jsonl { try stream.write(writer.line(AuditReport.columns)) }
            var failure: (any Error)?
            let summary = try catalog.audit(options) { product in
                do {
                    switch format {
                    case .jsonl:
                        try stream.write(AuditReport.record(product).rendered(pretty: false) + "\n")
                    case .csv:
                        for row in AuditReport.rows(product) {
                            try stream.write(writer.line(row.map(RankingReport.neutralised)))
                        }
                    default:
                        for row in AuditReport.rows(product) { try stream.write(writer.line(row)) }
                    }
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            try stream.finish()
            Terminal.diagnose(AuditReport.summaryText(summary).trimmingCharacters(in: .newlines))
        case .table:
            var rows: [[String]] = []
            let summary = try catalog.audit(options) { rows += AuditReport.rows($0) }
            let keep = [0, 4, 5, 6, 7]
            var text =
                rows.isEmpty
                ? "no findings\n"
                : TextTable(
                    headers: keep.map { AuditReport.columns[$0] }, rows: rows.map { row in keep.map { row[$0] } }
                ).render()
            text += "\n" + AuditReport.summaryText(summary)
            Terminal.write(text)
        case .json:
            var records: [JSONValue] = []
            let summary = try catalog.audit(options) { records.append(AuditReport.record($0)) }
            Terminal.write(
                JSONValue.object([("summary", AuditReport.summaryRecord(summary)), ("products", .array(records))])
                    .rendered(pretty: true) + "\n")
        case .html:
            var products: [AuditedProduct] = []
            let summary = try catalog.audit(options) { if !$0.findings.isEmpty { products.append($0) } }
            Terminal.write(
                AuditReport.html(products, summary: summary, catalogFingerprint: try catalog.fingerprint()))
        }
    }
}
