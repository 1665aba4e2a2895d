import ArgumentParser
import SkinCatalog

struct VerdictAddCommand: CatalogCommand {
    static let access = Catalog.Access.readWrite

    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record that a product worked or failed for you.",
        discussion: """
            A profile has one verdict per product: a second one is refused unless --replace is given. \
            --reason says why a product failed, so it goes with failed only.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var profile: ProfileOptions

    @Argument(help: ArgumentHelp("The product's sku (exactly as imported: leading zeros count).", valueName: "sku"))
    var sku: String

    @Argument(help: ArgumentHelp("worked or failed.", valueName: "outcome"))
    var outcome: VerdictOutcome

    @Option(help: ArgumentHelp("Why it failed: breakout, irritation, no-effect or other.", valueName: "reason"))
    var reason: VerdictReason?

    @Option(help: ArgumentHelp("A note of your own (what happened, how long you used it).", valueName: "text"))
    var note: String?

    @Flag(help: "Replace the profile's existing verdict on this product.")
    var replace = false

    func validate() throws {
        if let reason, outcome == .worked {
            throw ValidationError(
                "--reason \(reason.rawValue) says why a product failed; a product that worked "
                    + "takes no reason (use --note)")
        }
    }

    func run(on catalog: Catalog) throws {
        let verdict = try catalog.addVerdict(
            outcome, sku: sku, reason: reason, note: note, profile: profile.profile, replacing: replace)
        Terminal.diagnose(
            "recorded for profile \"\(verdict.profile)\": \(verdict.sku) \(verdict.brand) · "
                + "\(verdict.name): \(verdict.outcome.rawValue)"
                + (verdict.reason.map { " (\($0.rawValue))" } ?? ""))
    }
}
