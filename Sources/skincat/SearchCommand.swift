import ArgumentParser
import SkinCatalog

struct SearchCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find products by words in their brand, name, category or ingredients: \"vitamin c serum\".",
        discussion: """
            Full-text search, most relevant first (docs/search.md). Every word must appear, in any column; case \
            and accents do not matter. A word ending in * is a prefix (niacin* finds niacinamide); text in \
            double quotes is a phrase ("vitamin c"). Anything else, FTS5 operators included, is searched for \
            as words. A match in the name or brand counts ten times one in the ingredient list. Examples:
              skincat search "vitamin c serum"
              skincat search 'niacin* "hyaluronic acid"' --where "niacinamide >= 4%"
              skincat search cleanser --facet brand --facet packaging
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var facetOptions: FacetOptions

    @Argument(help: ArgumentHelp("The words to search for, in quotes.", valueName: "text"))
    var text: String

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "A query the products must also match (docs/query-language.md): \"NMN >= 1000 ppm\".",
            valueName: "query"))
    var query: String?

    @Option(help: ArgumentHelp("At most this many products.", valueName: "n"))
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    var queryText: String? { query }

    /// The search text and the query, read before the catalog opens.
    private func parsed() throws -> (SearchText, QueryExpression?) {
        let search: SearchText
        do {
            search = try SearchText(parsing: text)
        } catch {
            // The caret of a query error points into --where; the search text's problem is told as a sentence.
            throw ValidationError(error.message)
        }
        return (search, try query.map { try QueryParser.parse($0) })
    }

    func checkBeforeOpening() throws { _ = try parsed() }

    func run(on catalog: Catalog) throws {
        let (search, expression) = try parsed()
        let matches = try catalog.search(search, where: expression, limit: limit)
        let counts = try catalog.facets(
            facetOptions.facets, search: search, where: expression, limit: facetOptions.facetLimit)
        try facetOptions.write(matches, counts: counts, output: output)
    }
}
