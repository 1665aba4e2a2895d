import ArgumentParser
import SkinCatalog

struct IngredientsCommand: ParsableCommand {
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

    func run() throws {
        let catalog = try catalog.open()
        if unresolved {
            let names = try Terminal.reportingErrors { () throws(CatalogError) in
                try catalog.unresolvedIngredients(suggestions: 3)
            }
            let rows = names.map {
                [$0.printedName, $0.key, String($0.productCount), $0.suggestions.joined(separator: "; ")]
            }
            let json = names.map { name -> [(String, JSONValue)] in
                [
                    ("printedName", .string(name.printedName)), ("key", .string(name.key)),
                    ("products", .integer(Int64(name.productCount))),
                    ("suggestions", .array(name.suggestions.map(JSONValue.string))),
                ]
            }
            Terminal.write(
                Render.records(
                    ["printed name", "key", "products", "did you mean"], rows, json: json,
                    format: output.format, rightAligned: [2]))
            return
        }
        let ingredients = try Terminal.reportingErrors { () throws(CatalogError) in
            try catalog.ingredients(matching: name, includeUnused: all || name != nil)
        }
        let rows = ingredients.map {
            [
                $0.groupMembers.isEmpty ? $0.inciName : "one of \($0.groupMembers.count): \($0.inciName) …",
                $0.casNumber ?? "", $0.classes.joined(separator: ", "), $0.evidenceGrade?.rawValue ?? "",
                String($0.productCount), $0.aliases.joined(separator: "; "),
            ]
        }
        let json = ingredients.map { ingredient -> [(String, JSONValue)] in
            [
                ("inciName", .string(ingredient.inciName)), ("casNumber", .optional(ingredient.casNumber)),
                ("classes", .array(ingredient.classes.map(JSONValue.string))),
                ("evidenceGrade", .optional(ingredient.evidenceGrade?.rawValue)),
                ("productCount", .integer(Int64(ingredient.productCount))),
                ("aliases", .array(ingredient.aliases.map(JSONValue.string))),
                ("lookalikes", .array(ingredient.lookalikes.map(JSONValue.string))),
                ("groupMembers", .array(ingredient.groupMembers.map(JSONValue.string))),
            ]
        }
        Terminal.write(
            Render.records(
                ["inci name", "cas", "classes", "evidence", "products", "aliases"], rows,
                json: json, format: output.format, rightAligned: [4]))
    }
}
