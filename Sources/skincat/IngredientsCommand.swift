import ArgumentParser
import SkinCatalog

struct IngredientsCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingredients",
        abstract: "List the catalog's ingredients, or the printed names that resolved to nothing.",
        discussion: """
            Without options: the canonical ingredients products list, most listed first. NAME keeps those \
            whose INCI name or an alias contains it. --unresolved lists printed names the dictionary did not \
            match (they are kept with their products, never dropped), most products first, each with the nearest \
            dictionary names (never a look-alike of the nearest: NMN is not NAD+); teach one with \
            'skincat dictionary alias add NAME INCI'.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    @Argument(
        help: ArgumentHelp(
            "Only ingredients whose INCI name or an alias contains this text.",
            valueName: "name"))
    var name: String?

    @Flag(help: "List printed names that did not resolve to a dictionary ingredient.")
    var unresolved = false

    @Flag(help: "Include dictionary ingredients no product lists.")
    var all = false

    func run(on catalog: Catalog) throws {
        if unresolved {
            try output.write(try catalog.unresolvedIngredients(suggestions: 3))
            return
        }
        try output.write(try catalog.ingredients(matching: name, includeUnused: all || name != nil))
    }
}
