import ArgumentParser
import SkinCatalog

/// The selection options shared by `rank`, `explain`, `export` and `recommend`. Its library errors are thrown:
/// the command's shared ``CatalogCommand/run()`` reports them (a bad `--where` against ``filter``).
struct RankingSelection: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The active to rank by: NMN or niacinamide (any active the rubric names).",
            valueName: "name"))
    var active: String = "NMN"

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "Only products this query matches (see skincat query).",
            valueName: "query"))
    var filter: String?

    @Option(
        help: ArgumentHelp(
            "A rubric file (copy the default with: skincat rubric > rubric.json).",
            valueName: "file"))
    var rubric: String?

    @Flag(
        help: ArgumentHelp(
            "Add each product's label-audit findings to its flags (finding: headline-trace; see skincat audit)."))
    var findings = false

    /// The parsed options.
    /// - Throws: a ``CatalogError`` for a rubric that cannot be read, a ``QueryError`` for a bad `--where`.
    func options(limit: Int?, skus: [String]? = nil, conversion: CurrencyConversion? = nil) throws -> RankingOptions {
        let loaded = try rubric.map { path throws(CatalogError) in try Rubric.load(path: path) } ?? .default
        let expression = try filter.map { text throws(QueryError) in try QueryParser.parse(text) }
        var options = RankingOptions(active: active, filter: expression, limit: limit, rubric: loaded, skus: skus)
        options.auditFindings = findings
        options.conversion = conversion
        return options
    }

    /// Runs the ranking and collects it.
    func rank(
        _ catalog: Catalog, limit: Int?, skus: [String]? = nil, conversion: CurrencyConversion? = nil
    ) throws -> (RankingOptions, [RankedProduct]) {
        var ranked: [RankedProduct] = []
        let options = try rank(catalog, limit: limit, skus: skus, conversion: conversion) { ranked.append($0) }
        return (options, ranked)
    }

    /// Runs the ranking, handing each product to `body` in rank order as it is scored (a million products are never
    /// held at once). Library errors and `body`'s own errors are thrown unchanged.
    @discardableResult
    func rank(
        _ catalog: Catalog, limit: Int?, skus: [String]? = nil, conversion: CurrencyConversion? = nil,
        each body: (RankedProduct) throws -> Void
    ) throws -> RankingOptions {
        let options = try options(limit: limit, skus: skus, conversion: conversion)
        var count = 0
        var noRate: [(sku: String, currency: String?)] = []
        try catalog.ranking(options) { product in
            count += 1
            if case .noRate(let currency) = product.valueLeftOut { noRate.append((product.sku, currency)) }
            try body(product)
        }
        if let conversion, let note = ValueText.rateNote(currency: conversion.currency, leftOut: noRate) {
            Terminal.diagnose("skincat: " + note)
        }
        if count == 0 && skus == nil && limit != 0 {
            // An empty table alone reads like a failure: say why, and what else the rubric can rank by.
            let others = options.rubric.actives.keys.filter { $0.lowercased() != active.lowercased() }.sorted()
            Terminal.diagnose(
                "skincat: no product lists \(active)\(filter == nil ? "" : " and matches --where")"
                    + (others.isEmpty
                        ? "" : "; rank another active with --active \(others.joined(separator: " or "))"))
        }
        return options
    }
}
