import ArgumentParser
import Foundation
import SkinCatalog

struct QueryCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Find products by what their labels say: \"NMN >= 1000 ppm and airless packaging\".",
        discussion: """
            The query language is described in docs/query-language.md. Examples:
              skincat query "products with NMN ≥1000 PPM and airless packaging"
              skincat query "niacinamide >= 4% and not clear jar"
              skincat query "NMN undisclosed"
              skincat query --ingredient NMN --min 1000ppm --packaging airless
            An amount comparison matches only products whose amount is known: declared on the label, printed \
            in the INCI list, or stated in the product's name (named, the brand's claim; the label wins where \
            it has its own). The source column says which; --evidence declared,printed leaves named amounts \
            out. The list itself: "niacinamide position <= 3", "niacinamide in the top 5", "niacinamide above \
            the 1% line" (docs/concentration-evidence.md). A query that cannot be read is reported with a caret \
            under the problem, exit code 1.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var facetOptions: FacetOptions
    @OptionGroup var rates: RatesOptions

    @Argument(help: ArgumentHelp("The query, in quotes.", valueName: "expression"))
    var expression: String?

    @Option(help: ArgumentHelp("An ingredient, alias or class: alone, it must be present.", valueName: "name"))
    var ingredient: String?

    @Option(help: ArgumentHelp("The ingredient's least amount, with a unit (1000ppm, 0.1%).", valueName: "amount"))
    var min: String?

    @Option(help: ArgumentHelp("The ingredient's greatest amount, with a unit.", valueName: "amount"))
    var max: String?

    @Flag(help: "Products that list --ingredient without a disclosed amount.")
    var undisclosed = false

    @Option(
        name: .customLong("contains"),
        help: ArgumentHelp(
            "An ingredient or class that must be present (repeatable).",
            valueName: "name"))
    var contains: [String] = []

    @Option(
        help: ArgumentHelp(
            "A packaging attribute that must hold (repeatable): airless, opaque, single-use, ...",
            valueName: "attribute"))
    var packaging: [String] = []

    @Option(
        help: ArgumentHelp("A delivery system: ferment-filtrate, liposomal or peptide-carrier.", valueName: "system"))
    var delivery: String?

    @Option(help: ArgumentHelp("The brand, exactly (case-insensitive).", valueName: "brand"))
    var brand: String?

    @Option(help: ArgumentHelp("The category, exactly (case-insensitive).", valueName: "category"))
    var category: String?

    @Option(help: ArgumentHelp("The greatest price.", valueName: "price"))
    var maxPrice: Double?

    @Option(help: ArgumentHelp("At most this many products.", valueName: "n"))
    var limit: Int?

    // Unconditional: `--sort -amount` takes `-amount` as the key, not as an unknown option.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Order by amount (most first), price, size, brand, name, sku, value (cheapest per 100 mg of the "
                + "first ingredient named, else per mL or g) or unit-price (per mL or g), in one currency; a leading "
                + "- reverses.",
            valueName: "key"))
    var sort: String?

    @Option(
        help: ArgumentHelp(
            "The kinds of amount comparisons count, comma-separated: declared, printed, named (all by default).",
            valueName: "kinds"))
    var evidence: String?

    @Flag(help: "Print SQLite's query plan instead of the results.")
    var explain = false

    private var flags: QueryFlags {
        QueryFlags(
            ingredient: ingredient, min: min, max: max, undisclosed: undisclosed, contains: contains,
            packaging: packaging, delivery: delivery, brand: brand, category: category, maxPrice: maxPrice)
    }

    func validate() throws {
        if let sort, QuerySort(parsing: sort) == nil {
            throw ValidationError(
                "unknown sort key \"\(sort)\"; use amount, price, size, brand, name, sku, value or unit-price")
        }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        if let evidence, QueryEvidence(parsing: evidence) == nil {
            throw ValidationError(
                "unknown --evidence \"\(evidence)\"; use declared, printed and named, comma-separated "
                    + "(bounds from list order are queried with \"above the 1% line\" or \"position <= 3\")")
        }
        if expression != nil && flags != QueryFlags() {
            throw ValidationError("give either a query expression or query flags, not both")
        }
    }

    /// The query a ``QueryError`` is shown against: the expression typed, or the one the flags build (flags that
    /// cannot be read have no text to point into: their error is told as a sentence).
    var queryText: String? {
        // No `try?` on database work: this is the pure parse of the flags, which `parsed()` reports when it fails.
        expression ?? (try? flags.expression())?.description
    }

    /// The query typed or built from the flags; a missing one is a usage error.
    private func parsed() throws -> QueryExpression {
        if let expression { return try QueryParser.parse(expression) }
        guard let fromFlags = try flags.expression() else {
            throw ValidationError(
                "give a query, e.g. skincat query \"NMN >= 1000 ppm\", or flags such as --ingredient")
        }
        return fromFlags
    }

    /// A query that cannot be read, or a rates file that cannot be used, is reported before the catalog opens.
    func checkBeforeOpening() throws {
        _ = try parsed()
        _ = try rates.conversion()
    }

    func run(on catalog: Catalog) throws {
        let parsed = try parsed()
        if explain {
            Terminal.write(try catalog.queryPlan(for: parsed).joined(separator: "\n") + "\n")
            return
        }
        let evidence = evidence.flatMap(QueryEvidence.init(parsing:)) ?? .all
        if let sort = sort.flatMap(QuerySort.init(parsing:)), sort.key == .value || sort.key == .unitPrice {
            let order = try catalog.productsByValue(
                matching: parsed, perUnitOnly: sort.key == .unitPrice, conversion: try rates.conversion(),
                descending: sort.descending, limit: limit, evidence: evidence)
            let counts = try catalog.facets(
                facetOptions.facets, search: nil, where: parsed, evidence: evidence, limit: facetOptions.facetLimit)
            try facetOptions.write(order.rows, counts: counts, output: output)
            if let note = ValueText.note(order) { Terminal.diagnose(note) }
            return
        }
        let matches = try catalog.products(
            matching: parsed, sort: sort.flatMap(QuerySort.init(parsing:)), limit: limit, evidence: evidence)
        let counts = try catalog.facets(
            facetOptions.facets, search: nil, where: parsed, evidence: evidence, limit: facetOptions.facetLimit)
        try facetOptions.write(matches, counts: counts, output: output)
        // `price <= 30` in a catalog of several currencies compares 30 USD with 30 GBP: say so.
        let currencies = Set(matches.compactMap(\.currency))
        if parsed.comparesPriceWithoutCurrency, currencies.count > 1 {
            Terminal.warning(
                "prices compared in each product's own currency (\(currencies.sorted().joined(separator: ", "))), "
                    + "without conversion; write one to compare in it, as in \"price <= 30 USD\"")
        }
    }
}
