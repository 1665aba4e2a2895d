import ArgumentParser
import Foundation
import SkinCatalog

struct ShowCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract:
            "Show one product: its INCI list resolved, amounts with their source, packaging, delivery and audit findings."
    )

    @OptionGroup var catalog: CatalogOptions

    @Argument(help: ArgumentHelp("The product's sku (exactly as imported: leading zeros count).", valueName: "sku"))
    var sku: String

    @Option(help: SheetFormat.help)
    var format: SheetFormat = .table

    func run(on catalog: Catalog) throws {
        // An unknown sku is not an error of the library (the lookup finds nothing): this command says so itself.
        guard var product = try catalog.product(sku: sku) else {
            Terminal.error(Terminal.message(for: .unknownSKU(sku)))
            throw ExitCode.failure
        }
        product.findings = try catalog.findingKinds(sku: product.sku).map(\.rawValue)
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Terminal.write(String(decoding: try encoder.encode(product), as: UTF8.self) + "\n")
        } else {
            Terminal.write(ProductText.render(product))
            // The studies behind the evidence points of each active the product lists (docs/studies.md).
            for evidence in try catalog.evidence(sku: sku) {
                Terminal.write(
                    "\nevidence   \(evidence.active) \(RankingReport.number(evidence.points))/"
                        + "\(RankingReport.number(evidence.maximum)): \(evidence.reason)\n"
                        + ScoreText.citations(evidence.studies, maximum: evidence.maximum).joined(separator: "\n")
                        + (evidence.studies.isEmpty ? "" : "\n"))
            }
        }
    }
}

/// The readable form of a product for `skincat show`.
enum ProductText {
    static func render(_ product: ProductDetail) -> String {
        lines(product).joined(separator: "\n") + "\n" + ingredientTable(product.ingredients).render()
            + bounds(product.ingredients) + offers(product.offers)
    }

    /// The product's fields, one `label      value` line each, then an empty line.
    static func lines(_ product: ProductDetail) -> [String] {
        var lines: [String] = []
        lines.append("\(product.brand) · \(product.name)")
        lines.append("sku        \(product.sku)")
        if let category = product.category { lines.append("category   \(category)") }
        if let size = product.sizeText {
            let parsed = [product.sizeMl.map { "\(format($0)) mL" }, product.sizeG.map { "\(format($0)) g" }]
                .compactMap { $0 }.joined(separator: ", ")
            lines.append("size       \(size)\(parsed.isEmpty ? "" : " (\(parsed))")")
        }
        if let shade = product.shade { lines.append("shade      \(shade)") }
        if let price = product.price {
            let regular = product.regularPrice.map { " (regular \(format($0)))" } ?? ""
            lines.append("price      \(format(price))\(product.currency.map { " \($0)" } ?? "")\(regular)")
        }
        lines += ValueText.lines(product.value)
        if let url = product.url { lines.append("url        \(url)") }
        let packaging = product.packaging.isEmpty ? "(none derived)" : product.packaging.joined(separator: ", ")
        lines.append("packaging  \(product.packagingText ?? "(not given)") → \(packaging)")
        let delivery =
            product.delivery.isEmpty
            ? "plain base (no delivery system declared or inferred)"
            : product.delivery.map { "\($0.system.rawValue) (\($0.basis.rawValue): \($0.evidence))" }
                .joined(separator: "; ")
        lines.append("delivery   \(delivery)")
        if let actives = product.activesText { lines.append("actives    \(actives)") }
        lines.append("use        \(ProductText.use(product.productUse))")
        for named in product.namedAmounts {
            lines.append(
                "named      \(named.text) → \(named.inciName) \(ProductComposition.format(ppm: named.amountPpm)) "
                    + "(the brand's claim in the name, unconfirmed by the list)")
        }
        if let line = product.onePercentLine {
            lines.append("1 % line   at position \(line.position): \(line.reason); everything after it is <= 1 %")
        }
        if let findings = product.findings {
            lines.append(
                "findings   "
                    + (findings.isEmpty
                        ? "none"
                        : findings.joined(separator: ", ") + " (skincat audit \(product.sku) for the evidence)"))
        }
        if let preamble = product.ingredientsPreamble { lines.append("set aside  \(preamble)") }
        for (name, value) in product.extraFields.sorted(by: { $0.key < $1.key }) {
            lines.append("extra      \(name) = \(value)")
        }
        lines.append("")
        return lines
    }

    /// The resolved INCI list: position, printed and canonical name, match, amount, source, other evidence.
    static func ingredientTable(_ ingredients: [ProductDetail.Ingredient]) -> TextTable {
        let rows = ingredients.map { ingredient -> [String] in
            let position = ingredient.mayContain ? "may" : ingredient.position.map(String.init) ?? "—"
            let amount =
                ingredient.amountPpm.map {
                    (ingredient.amountSource == .inferred ? "≤ " : "") + ProductComposition.format(ppm: $0)
                        + (ingredient.amountApproximate ? " (approx.)" : "")
                } ?? ""
            var evidence: [String] = []
            if let named = ingredient.namedAmount {
                evidence.append("named \(ProductComposition.format(ppm: named.amountPpm))")
            }
            if let interval = ingredient.interval { evidence.append("\(interval.text) by list order") }
            return [
                position, ingredient.printedName,
                ingredient.inciName.map { name in ingredient.groupSize.map { "one of \($0): \(name) …" } ?? name }
                    ?? "(unresolved)",
                ingredient.matchKind?.rawValue ?? "", amount, ingredient.amountSource?.rawValue ?? "",
                evidence.joined(separator: "; "),
            ]
        }
        return TextTable(
            headers: ["#", "printed", "canonical (INCI)", "match", "amount", "source", "other evidence"], rows: rows,
            rightAligned: [0, 4])
    }

    /// The bounds list order sets, after the table; empty when it sets none.
    static func bounds(_ ingredients: [ProductDetail.Ingredient]) -> String {
        // Consecutive lines bounded alike are told once: `8-20 (Centella Asiatica Extract … Carbomer): <= 1 %: ...`.
        var groups: [(first: ProductDetail.Ingredient, last: ProductDetail.Ingredient, interval: ListOrderInterval)] =
            []
        for ingredient in ingredients {
            guard let interval = ingredient.interval else { continue }
            if let last = groups.last, last.interval == interval, let position = ingredient.position,
                last.last.position.map({ $0 + 1 }) == position
            {
                groups[groups.count - 1].last = ingredient
            } else {
                groups.append((ingredient, ingredient, interval))
            }
        }
        let sources = groups.map { group in
            let place =
                group.first.position == group.last.position
                ? "\(group.first.position.map(String.init) ?? "—") (\(group.first.printedName))"
                : "\(group.first.position.map(String.init) ?? "—")-\(group.last.position.map(String.init) ?? "—") "
                    + "(\(group.first.printedName) … \(group.last.printedName))"
            return "  \(place): \(group.interval.text): \(group.interval.sources)"
        }
        return sources.isEmpty
            ? "" : "\nbounds from list order (never amounts):\n" + sources.joined(separator: "\n") + "\n"
    }

    /// The offers, cheapest first, with how each source's label differs from the product's; empty for a product
    /// only one source lists.
    static func offers(_ offers: [ProductOffer]) -> String {
        guard offers.count > 1 else { return "" }
        let rows = offers.map { offer -> [String] in
            let price = offer.price.map { format($0) + (offer.currency.map { " \($0)" } ?? "") } ?? ""
            return [
                offer.source + ":" + offer.sku, price, offer.sizeText ?? "", listAgainstLabel(offer),
                offer.notSeenSince.map { "not seen since \($0.prefix(10))" } ?? (offer.match ?? ""),
            ]
        }
        let table = TextTable(
            headers: ["offer", "price", "size", "list against the label", "status"], rows: rows, rightAligned: [1])
        return "\noffers (cheapest first):\n" + table.render()
    }

    /// `label`, `same list`, `no list`, or what the offer's list adds (+) and lacks (-) against the label.
    static func listAgainstLabel(_ offer: ProductOffer) -> String {
        if offer.isLabel { return "label" }
        guard let difference = offer.labelDifference else { return "no list" }
        if difference.isSame { return "same list" }
        var parts: [String] = []
        if !difference.onlyInOffer.isEmpty { parts.append("+ " + difference.onlyInOffer.joined(separator: ", ")) }
        if !difference.onlyInLabel.isEmpty { parts.append("- " + difference.onlyInLabel.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    /// `leave-on`, `rinse-off`, `unknown (caps looked up as the bound that holds either way)`.
    static func use(_ use: ProductUse) -> String {
        switch use {
        case .leaveOn: "leave-on"
        case .rinseOff: "rinse-off"
        case .unknown: "unknown (neither category nor name says; annex caps hold either way)"
        }
    }

    /// `38`, `41.50`; a figure too large for a whole number (an old catalog's `1e+20`) as Swift prints it.
    static func format(_ value: Double) -> String {
        if let whole = Int64(exactly: value) { return String(whole) }
        return abs(value) < 1e15 ? String(format: "%.2f", value) : "\(value)"
    }
}
