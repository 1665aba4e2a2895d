import ArgumentParser
import SkinDomain

/// A misspelled subcommand (`skincat improt`, `skincat verdict ad`) gets "did you mean", which argument-parser does
/// not give: it only says "Unexpected argument". Only the words before the first option are looked at, since an
/// option's value can be anything.
enum SubcommandSuggestion {
    static func message(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command = root
        var path = [root.configuration.commandName ?? "skincat"]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !argument.hasPrefix("-"), !subcommands.isEmpty else { return nil }
            let names = subcommands.flatMap {
                [$0.configuration.commandName].compactMap { $0 } + $0.configuration.aliases
            }
            if let next = subcommands.first(where: {
                $0.configuration.commandName == argument || $0.configuration.aliases.contains(argument)
            }) {
                command = next
                path.append(argument)
                continue
            }
            if argument == "help" { return nil }
            let known = names.joined(separator: ", ")
            guard let nearest = Suggestion.nearest(to: argument, in: names) else {
                return "unknown command '\(argument)' for '\(path.joined(separator: " "))'; the commands are: \(known)"
            }
            return "unknown command '\(argument)'; did you mean '\((path + [nearest]).joined(separator: " "))'?"
        }
        return nil
    }
}
