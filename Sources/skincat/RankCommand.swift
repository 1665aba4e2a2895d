import ArgumentParser
import SkinCatalog

struct RankCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank NMN or niacinamide products by the label criteria, with every point explained.",
        discussion: """
            Scores run from 0 to 100: concentration, delivery system, companion ingredients, packaging and \
            evidence, each worth its rubric weight (see skincat rubric). Concentration uses the best evidence: \
            declared > printed > named in the product's name > bounds from list order and the 1 % line \
            (load the EU annexes with skincat dictionary import to know it; docs/concentration-evidence.md). \
            Ties are broken by the concentration points, then the amount, then the active's list position, then \
            brand, name and sku. --explain prints each criterion's points and reason. The last columns give the \
            value: the price per mL or g, and per 100 mg of the active when its amount is declared or printed \
            (docs/compare-and-value.md).
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var selection: RankingSelection
    @OptionGroup var rates: RatesOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("At most this many products.", valueName: "n"))
    var limit: Int?

    @Flag(help: "After each product, each criterion's points and the reason.")
    var explain = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    var queryText: String? { selection.filter }

    /// A rates file that cannot be used is reported before the catalog opens.
    func checkBeforeOpening() throws { _ = try rates.conversion() }

    func run(on catalog: Catalog) throws {
        let conversion = try rates.conversion()
        if explain && output.format == .table {
            let (_, ranked) = try selection.rank(catalog, limit: limit, conversion: conversion)
            Terminal.write(ranked.map(ScoreText.explanation).joined(separator: "\n"))
            return
        }
        // CSV, TSV and JSON Lines are written row by row as the ranking produces them: memory stays small however
        // many products are ranked. A table (aligned columns) and a JSON array are built whole.
        if [.csv, .tsv, .jsonl].contains(output.format) {
            var stream = StreamingOutput(file: nil)
            let columns = RankingRecord.columns(for: [])
            try stream.write(RankingRecord.header(columns, format: output.format))
            try selection.rank(catalog, limit: limit, conversion: conversion) { product in
                try stream.write(
                    try RankingRecord.line(RankingRecord(product), columns: columns, format: output.format))
            }
            try stream.finish()
            return
        }
        let (_, ranked) = try selection.rank(catalog, limit: limit, conversion: conversion)
        try output.write(ranked.map(RankingRecord.init))
    }
}

/// The readable explanation of one product's score.
enum ScoreText {
    static func explanation(_ product: RankedProduct) -> String {
        var lines = [
            "#\(product.rank)  \(product.sku)  \(product.brand) · \(product.name)  "
                + "score \(RankingReport.number(product.score.total)) / 100"
        ]
        for criterion in product.score.criteria {
            let points = "\(RankingReport.number(criterion.points))/\(RankingReport.number(criterion.maximum))"
            let padded = criterion.criterion.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
            lines.append("    \(padded)\(points.padding(toLength: 9, withPad: " ", startingAt: 0))\(criterion.reason)")
        }
        if !product.score.flags.isEmpty {
            lines.append("    flags         " + product.score.flags.joined(separator: "; "))
        }
        var evidence = "    evidence      \(product.score.concentrationEvidence.rawValue)"
        if let named = product.namedAmount { evidence += "; named: \(named.text)" }
        if let interval = product.interval { evidence += "; list order: \(interval.text) (\(interval.sources))" }
        lines.append(evidence)
        let maximum = product.score.criteria.first { $0.criterion == .evidence }?.maximum ?? 0
        lines += citations(product.score.evidenceStudies, maximum: maximum)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per study that moved the evidence points: its points (`+4.0`), how it was weighed, its citation
    /// and link.
    static func citations(_ studies: [CitedStudy], maximum: Double) -> [String] {
        studies.map { study in
            let points = (study.share * maximum * 10).rounded() / 10
            let signed = (points >= 0 ? "+" : "") + RankingReport.number(points)
            let link = study.link.map { " <\($0)>" } ?? ""
            return "    study         \(signed.padding(toLength: 9, withPad: " ", startingAt: 0))"
                + "\(study.outcome.rawValue), \(study.note): \(study.citation)\(link)"
        }
    }
}
