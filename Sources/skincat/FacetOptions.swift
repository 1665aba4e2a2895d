import ArgumentParser
import SkinCatalog

/// The facets a command can count its matched products by: argument parsing accepts exactly these.
extension Facet: ExpressibleByArgument {}

/// `--facet`, shared by `query` and `search`: counts per value of the matched products, after the results.
struct FacetOptions: ParsableArguments {
    @Option(
        name: .customLong("facet"),
        help: ArgumentHelp(
            "Count the matched products by brand, category, packaging, delivery or active (repeatable).",
            valueName: "facet"))
    var facets: [Facet] = []

    @Option(
        name: .customLong("facet-limit"),
        help: ArgumentHelp("At most this many values per facet, the most common.", valueName: "n"))
    var facetLimit: Int = 30

    func validate() throws {
        if facetLimit < 1 { throw ValidationError("--facet-limit must be 1 or more") }
    }

    /// Writes the rows, and the facet counts when any facet was asked for, in the chosen format.
    func write<Row: TabularResult>(_ rows: [Row], counts: [FacetCounts], output: OutputOptions) throws {
        Terminal.write(try FacetReport.render(rows, facets: counts, as: output.format))
    }
}
