import Foundation
import TestSupport
import Testing

/// `docs/command-reference.md` is generated from the binary's own help (`skincat --experimental-dump-help`), so it
/// cannot drift from what `--help` prints. This test renders it again and fails when the checked-in file differs;
/// `SKINCAT_RECORD_REFERENCE=1 swift test --filter commandReferenceIsCurrent` writes it anew (review the diff).
@Suite("Command reference")
struct CommandReferenceTests {
    static let file = Paths.packageRoot.appendingPathComponent("docs/command-reference.md")

    @Test("docs/command-reference.md is what the binary's help says")
    func commandReferenceIsCurrent() throws {
        let directory = try TemporaryDirectory()
        let dump = try CLI(directory: directory.url).run("--experimental-dump-help")
        #expect(dump.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        let rendered = CommandReference.render(command)
        if ProcessInfo.processInfo.environment["SKINCAT_RECORD_REFERENCE"] == "1" {
            try rendered.write(to: Self.file, atomically: true, encoding: .utf8)
        }
        let checkedIn = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(
            checkedIn == rendered,
            "docs/command-reference.md is stale: run SKINCAT_RECORD_REFERENCE=1 swift test --filter commandReferenceIsCurrent"
        )
        // The reference is not empty by accident: every command the tool has is in it, with its options.
        for name in ["import", "query", "rank", "show", "export", "audit", "sources", "dictionary import"] {
            #expect(rendered.contains("\n## skincat \(name)\n"), "no section for \(name)")
        }
        #expect(rendered.contains("`--db <path>`"))
    }
}

/// Markdown for a command tree in argument-parser's `--experimental-dump-help` JSON: one section per command with
/// its abstract, usage line, discussion and a table of its arguments.
enum CommandReference {
    static func render(_ root: [String: Any]) -> String {
        var text = """
            # Command reference

            Generated from `skincat --experimental-dump-help` (what `skincat COMMAND --help` prints); do not edit by
            hand. `SKINCAT_RECORD_REFERENCE=1 swift test --filter commandReferenceIsCurrent` writes it again, and
            the test fails while it is stale. [commands.md](commands.md) says what the commands share.

            """
        visit(root, path: [root["commandName"] as? String ?? "skincat"], into: &text)
        return text
    }

    private static func visit(_ command: [String: Any], path: [String], into text: inout String) {
        let subcommands = (command["subcommands"] as? [[String: Any]] ?? []).filter {
            $0["commandName"] as? String != "help" && ($0["shouldDisplay"] as? Bool ?? true)
        }
        let arguments = (command["arguments"] as? [[String: Any]] ?? []).filter {
            ($0["shouldDisplay"] as? Bool ?? true) && !isBuiltIn($0)
        }
        if path.count > 1 {
            text += section(command, path: path, arguments: arguments, subcommands: subcommands)
        }
        for subcommand in subcommands {
            visit(subcommand, path: path + [subcommand["commandName"] as? String ?? "?"], into: &text)
        }
    }

    private static func section(
        _ command: [String: Any], path: [String], arguments: [[String: Any]], subcommands: [[String: Any]]
    ) -> String {
        let title = path.joined(separator: " ")
        var text = "\n## \(title)\n\n"
        if let abstract = command["abstract"] as? String, !abstract.isEmpty { text += abstract + "\n\n" }
        var usage = [title]
        if !subcommands.isEmpty { usage.append("<subcommand>") }
        usage += arguments.map(usageItem)
        text += "```\n" + usage.joined(separator: " ") + "\n```\n"
        if let discussion = command["discussion"] as? String, !discussion.isEmpty {
            text += "\n" + markdown(discussion: discussion) + "\n"
        }
        if !subcommands.isEmpty {
            text += "\n| subcommand | what it does |\n|---|---|\n"
            for subcommand in subcommands {
                let name = subcommand["commandName"] as? String ?? "?"
                text += "| `\(title) \(name)` | \(cell(subcommand["abstract"] as? String ?? "")) |\n"
            }
        }
        if !arguments.isEmpty {
            text += "\n| argument | meaning |\n|---|---|\n"
            for argument in arguments { text += "| `\(synopsis(argument))` | \(cell(meaning(argument))) |\n" }
        }
        return text
    }

    /// `--help` and `--version` are argument-parser's own; every command has them.
    private static func isBuiltIn(_ argument: [String: Any]) -> Bool {
        let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        return names.contains("help") || names.contains("version")
    }

    private static func synopsis(_ argument: [String: Any]) -> String {
        let value = "<\(argument["valueName"] as? String ?? "value")>"
        let names = (argument["names"] as? [[String: Any]] ?? []).map { name -> String in
            let spelled = name["name"] as? String ?? "?"
            return (name["kind"] as? String == "short" ? "-" : "--") + spelled
        }
        let repeats = argument["isRepeating"] as? Bool ?? false ? " ..." : ""
        switch argument["kind"] as? String {
        case "positional": return value + repeats
        case "flag": return names.joined(separator: ", ")
        default: return names.joined(separator: ", ") + " " + value + repeats
        }
    }

    /// The usage line shows one spelling of each option (its preferred name); the table shows them all.
    private static func usageItem(_ argument: [String: Any]) -> String {
        var shown = argument
        if let preferred = argument["preferredName"] as? [String: Any] { shown["names"] = [preferred] }
        let item = synopsis(shown)
        return argument["isOptional"] as? Bool ?? false ? "[\(item)]" : item
    }

    private static func meaning(_ argument: [String: Any]) -> String {
        var parts: [String] = []
        if let abstract = argument["abstract"] as? String, !abstract.isEmpty { parts.append(abstract) }
        if let discussion = argument["discussion"] as? String, !discussion.isEmpty { parts.append(discussion) }
        if let values = argument["allValues"] as? [String], !values.isEmpty {
            parts.append("Values: " + values.map { "`\($0)`" }.joined(separator: ", ") + ".")
        }
        if let defaultValue = argument["defaultValue"] as? String, !defaultValue.isEmpty {
            parts.append("Default: `\(defaultValue)`.")
        }
        return parts.joined(separator: " ")
    }

    /// A discussion as help prints it, in Markdown: its indented lines (examples) become a code block.
    private static func markdown(discussion: String) -> String {
        var lines: [String] = []
        var inExample = false
        for line in discussion.split(separator: "\n", omittingEmptySubsequences: false) {
            let indented = line.hasPrefix("  ")
            if indented != inExample { lines.append("```") }
            inExample = indented
            lines.append(indented ? String(line.dropFirst(2)) : String(line))
        }
        if inExample { lines.append("```") }
        return lines.joined(separator: "\n")
    }

    /// One table cell: no line breaks, and a `|` that does not end the cell.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\n\n", with: "<br><br>").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "|", with: "\\|")
    }
}
