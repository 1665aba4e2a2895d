import ArgumentParser
import Foundation
import SkinCatalog

struct VerdictListCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a profile's verdicts, failed first."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var profile: ProfileOptions
    @OptionGroup var output: OutputOptions

    func run(on catalog: Catalog) throws {
        let verdicts = try catalog.verdicts(profile: profile.profile)
        try output.write(verdicts)
        if verdicts.isEmpty && output.format == .table {
            Terminal.diagnose(
                "profile \"\(profile.profile)\" has no verdicts; add one with "
                    + "'skincat verdict add SKU worked|failed\(profile.flag)'")
        }
    }
}

extension ProfileOptions {
    /// ` --profile NAME` for a suggested command line, empty for the default profile.
    var flag: String { Terminal.profileFlag(profile) }
}
