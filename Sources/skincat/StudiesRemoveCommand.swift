import ArgumentParser
import SkinCatalog

struct StudiesRemoveCommand: CatalogCommand {
    static let access = Catalog.Access.readWrite

    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a study by its key, DOI or PMID."
    )

    @OptionGroup var catalog: CatalogOptions

    @Argument(
        help: ArgumentHelp(
            "The study's key (as 'skincat studies' lists it), DOI or PMID.", valueName: "key"))
    var key: String

    func run(on catalog: Catalog) throws {
        let removed = try catalog.removeStudy(key)
        Terminal.diagnose("removed \(removed.key): \(removed.citation)")
    }
}
