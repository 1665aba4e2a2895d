import ArgumentParser
import Foundation
import SkinCatalog

struct VerdictListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a profile's verdicts, failed first."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var profile: ProfileOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let catalog = try catalog.open()
        let verdicts = try Terminal.reportingErrors { () throws(CatalogError) in
            try catalog.verdicts(profile: profile.profile)
        }
        let dates = Date.ISO8601FormatStyle()
        let rows = verdicts.map {
            [
                $0.sku, $0.brand, $0.name, $0.outcome.rawValue, $0.reason?.rawValue ?? "", $0.note ?? "",
                dates.format($0.recordedAt),
            ]
        }
        let json = verdicts.map { verdict -> [(String, JSONValue)] in
            [
                ("profile", .string(verdict.profile)), ("sku", .string(verdict.sku)), ("brand", .string(verdict.brand)),
                ("name", .string(verdict.name)), ("outcome", .string(verdict.outcome.rawValue)),
                ("reason", .optional(verdict.reason?.rawValue)), ("note", .optional(verdict.note)),
                ("recordedAt", .string(dates.format(verdict.recordedAt))),
            ]
        }
        Terminal.write(
            Render.records(
                ["sku", "brand", "name", "outcome", "reason", "note", "recorded"], rows,
                json: json, format: output.format))
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
