import ArgumentParser

struct VerdictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdict",
        abstract: "Record, list and remove what worked and what failed for you (the input of analyze and recommend).",
        discussion: """
            One verdict per profile and product. Examples:
              skincat verdict add 00105 failed --reason breakout --note "chin, after a week"
              skincat verdict add 00101 worked
              skincat verdict list
              skincat verdict remove 00105
            Without --profile, verdicts belong to the profile "default".
            """,
        subcommands: [VerdictAddCommand.self, VerdictListCommand.self, VerdictRemoveCommand.self]
    )
}
