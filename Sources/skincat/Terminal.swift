import ArgumentParser
import Foundation
import SkinCatalog

/// Standard output and error, colour only on a terminal and never with `NO_COLOR`.
enum Terminal {
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    static let useColour = stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    /// Writes data to standard output. The one place a failed write is handled: a closed pipe (`| head`) ends the
    /// command quietly with exit code 0, as the reader asked for no more; any other failure (a full disk, a closed
    /// descriptor) is reported on stderr and exits 1.
    static func write(_ text: String) { write(bytes: Array(text.utf8)) }

    /// Writes bytes to standard output, as ``write(_:)`` does.
    static func write(bytes: [UInt8]) {
        switch FileDescriptorWriter.write(bytes, to: STDOUT_FILENO) {
        case .success: return
        case .failure(let code) where code == EPIPE: exit(0)
        case .failure(let code):
            error("cannot write to standard output: \(String(cString: strerror(code)))")
            exit(ExitCode.failure.rawValue)
        }
    }

    /// Writes a diagnostic line to standard error. Diagnostics are best effort: when stderr cannot be written there
    /// is nowhere to say so, so the command goes on and its exit code tells the outcome.
    static func diagnose(_ line: String) {
        _ = FileDescriptorWriter.write(Array((line + "\n").utf8), to: STDERR_FILENO)
    }

    /// `skincat: error: ...` in red on a terminal.
    static func error(_ message: String) {
        let label = useColour ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        diagnose("skincat: \(label) \(message)")
    }

    static func warning(_ message: String) {
        let label = useColour ? "\u{1B}[1;33mwarning:\u{1B}[0m" : "warning:"
        diagnose("skincat: \(label) \(message)")
    }

    /// Runs a library call; a ``CatalogError`` is printed on stderr and becomes exit code 1.
    static func reportingErrors<T>(_ body: () throws(CatalogError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Self.error(message(for: error))
            throw ExitCode.failure
        }
    }

    /// Runs a command's library work: a ``QueryError`` is shown against `query` (the text the user typed, with a
    /// caret under the column), a ``CatalogError`` through ``message(for:)``, an output file's failure as itself;
    /// each is printed on stderr and becomes exit code 1. Other errors (ExitCode, validation) pass through.
    static func reporting<T>(query: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as QueryError {
            Self.error(query.map { error.diagnostic(for: $0) } ?? error.description)
        } catch let error as CatalogError {
            Self.error(message(for: error))
        } catch let error as OutputFile.Failure {
            Self.error(error.description)
        }
        throw ExitCode.failure
    }

    /// The one place a library error becomes what the user reads: the library's sentence, and the command line
    /// that gets them out of it (the library names no command or flag).
    static func message(for error: CatalogError) -> String {
        let text = withOptions(error.errorDescription ?? "\(error)")
        switch error {
        case .rowRejected:
            return text.replacing(
                "; nothing from the file was imported", with: "; --strict: nothing from the file was imported")
        case .unknownSKU:
            return text + "; find it with 'skincat query \"name contains ...\"' or check the import report"
        case .duplicateVerdict(let sku, let profile, _):
            return text + "; remove it first with 'skincat verdict remove \(sku)\(profileFlag(profile))', "
                + "or pass --replace"
        case .noVerdict(_, let profile):
            return text + "; list them with 'skincat verdict list\(profileFlag(profile))'"
        case .ambiguousSKU:
            return text + "; 'skincat sources' lists the sources"
        case .unknownIngredient(let name):
            return text + "; list candidates with 'skincat ingredients \(name.shellQuotedIfNeeded)'"
        case .badAlias where text.hasSuffix("is not a user alias"):
            return text + "; list them with 'skincat dictionary alias list'"
        case .unknownStudy:
            return text + "; list them with 'skincat studies' (the key column)"
        case .invalidVerdict where text.hasSuffix("(a note can say why it worked)"):
            return text.replacing("(a note can say why it worked)", with: "(use --note)")
        default:
            return text
        }
    }

    /// The library's words for what to do, in this tool's options: the library names what is missing or possible
    /// (`read it as windows-1252`), never a flag; the command line says which flag does it. Applied to every
    /// message and report line the library writes.
    static func withOptions(_ text: String) -> String {
        var text = text
        for (phrase, withOption) in optionHints where text.contains(phrase) {
            text = text.replacing(phrase, with: withOption)
        }
        return text
    }

    private static let optionHints = [
        (
            "if the file is not UTF-8, read it as windows-1252 (or latin1)",
            "if the file is not UTF-8, pass --encoding windows-1252 (or latin1)"
        ),
        ("(named after the file)", "(named after the file; --source NAME to choose)"),
        (
            "offers no longer listed are marked not seen",
            "offers no longer listed are marked not seen (--prune to delete them)"
        ),
    ]

    /// ` --profile NAME` for a suggested command line, empty for the default profile.
    static func profileFlag(_ profile: String) -> String {
        profile == VerdictProfile.defaultName ? "" : " --profile " + profile.shellQuotedIfNeeded
    }

    /// A one-line progress indicator on stderr, shown only on a terminal.
    final class Progress {
        private var lastDraw = Date.distantPast
        private var drawn = false
        private let label: String

        init(label: String) { self.label = label }

        func update(_ progress: ImportProgress) {
            guard Terminal.stderrIsTerminal, Date().timeIntervalSince(lastDraw) > 0.2 else { return }
            lastDraw = Date()
            var text = "\r\(label): \(progress.rowsRead) rows"
            if progress.totalBytes > 0 {
                let percent = Int(Double(progress.bytesRead) / Double(progress.totalBytes) * 100)
                text += " (\(percent) %)"
            }
            _ = FileDescriptorWriter.write(Array(text.utf8), to: STDERR_FILENO)
            drawn = true
        }

        func finish() {
            if drawn { _ = FileDescriptorWriter.write(Array("\r\u{1B}[K".utf8), to: STDERR_FILENO) }
        }
    }
}

extension String {
    /// The text quoted for a shell when it holds anything but letters, digits and `-_.+`, for a command line the
    /// user can paste.
    var shellQuotedIfNeeded: String {
        allSatisfy({ $0.isLetter || $0.isNumber || "-_.+".contains($0) })
            ? self : "'" + replacing("'", with: "'\\''") + "'"
    }
}
