import ArgumentParser
import SkinCatalog

/// `--profile`, shared by the commands that read or write verdicts.
struct ProfileOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Whose verdicts: a name of your choice (default: \"\(VerdictProfile.defaultName)\").",
            discussion: "Each profile's verdicts are kept and analysed apart, so several people can share a catalog.",
            valueName: "name"))
    var profile: String = VerdictProfile.defaultName

    func validate() throws {
        if let problem = VerdictProfile.problem(with: profile) { throw ValidationError(problem) }
    }
}

extension VerdictOutcome: ExpressibleByArgument {}
extension VerdictReason: ExpressibleByArgument {}
