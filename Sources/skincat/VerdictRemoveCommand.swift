import ArgumentParser
import SkinCatalog

struct VerdictRemoveCommand: CatalogCommand {
    static let access = Catalog.Access.readWrite

    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a profile's verdict on a product."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var profile: ProfileOptions

    @Argument(help: ArgumentHelp("The product's sku.", valueName: "sku"))
    var sku: String

    func run(on catalog: Catalog) throws {
        let removed = try catalog.removeVerdict(sku: sku, profile: profile.profile)
        Terminal.diagnose(
            "removed profile \"\(removed.profile)\"'s verdict on \(removed.sku) "
                + "(\(removed.outcome.rawValue))")
    }
}
