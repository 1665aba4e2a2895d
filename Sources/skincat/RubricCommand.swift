import ArgumentParser
import Foundation
import SkinCatalog

struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric",
        abstract: "Print the default scoring rubric (JSON), or check a rubric file.",
        discussion: """
            Copy the default, edit weights, thresholds or ingredient lists, and pass it to rank, explain or \
            export with --rubric FILE:
              skincat rubric > my-rubric.json
              skincat rubric --check my-rubric.json
            """
    )

    @Option(help: ArgumentHelp("Check this rubric file instead of printing the default.", valueName: "file"))
    var check: String?

    func run() throws {
        if let check {
            let rubric = try Terminal.reportingErrors { () throws(CatalogError) in try Rubric.load(path: check) }
            Terminal.diagnose(
                "\(check): rubric \"\(rubric.name)\" (version \(rubric.version)) is valid; actives: "
                    + rubric.actives.keys.sorted().joined(separator: ", "))
            return
        }
        Terminal.write(String(decoding: Rubric.defaultJSON, as: UTF8.self))
    }
}
