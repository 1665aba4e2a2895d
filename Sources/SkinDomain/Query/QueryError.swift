/// Why a query could not be read: a one-sentence message naming the offending text, where it is, and a suggestion
/// when a known word is near.
///
/// ```swift
/// do { _ = try QueryParser.parse("NMN >= 1000 ppn") } catch {
///     error.description   // "unknown unit \"ppn\" at column 13; did you mean \"ppm\"?"
///     print(error.diagnostic(for: "NMN >= 1000 ppn"))
///     // unknown unit "ppn" at column 13; did you mean "ppm"?
///     // NMN >= 1000 ppn
///     //             ^^^
/// }
/// ```
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One sentence naming the offending text, such as `unknown unit "furlongs"`.
    public var message: String
    /// Where the problem is: a 1-based column in `Character`s; at the end of the input, `count + 1` with length 1.
    public var span: QuerySpan
    /// The word the user probably meant (`ppm` for `ppn`), without any wording around it.
    public var suggestion: String?

    /// Creates an error; the store uses this for problems found while compiling (`unknown ingredient "NMM"`).
    ///
    /// - Parameters:
    ///   - message: one sentence naming the offending text.
    ///   - span: where the offending text is in the query.
    ///   - suggestion: the word the user probably meant, if one is near (see ``Suggestion/nearest(to:in:)``).
    public init(message: String, span: QuerySpan, suggestion: String? = nil) {
        self.message = message
        self.span = span
        self.suggestion = suggestion
    }

    /// The message, the column and the suggestion on one line:
    /// `unknown unit "furlongs" at column 13` or `unknown unit "ppn" at column 13; did you mean "ppm"?`.
    public var description: String {
        var text = "\(message) at column \(span.column)"
        if let suggestion { text += "; did you mean \"\(suggestion)\"?" }
        return text
    }

    /// Three lines for a terminal: the ``description``, the query, and a caret line with `^` under the span.
    ///
    /// Line breaks and control characters in the query are shown as spaces so that the carets stay aligned;
    /// wide characters (CJK, Hangul, emoji) are padded with an ideographic space and underlined with two carets.
    ///
    /// - Parameter query: the text that was parsed.
    public func diagnostic(for query: String) -> String {
        var shown = ""
        var carets = ""
        let count = query.count
        // A span from elsewhere may point anywhere: keep the carets within the query and one column past it.
        let start = min(max(span.column, 1) - 1, count)
        let end = start + min(max(span.length, 1), count + 1 - start)
        var index = 0
        for character in query {
            let width = Self.displayWidth(of: character)
            if width > 0 {
                if character.isNewline || Self.isControl(character) { shown += " " } else { shown.append(character) }
            }
            if index < start {
                carets += width == 2 ? "\u{3000}" : String(repeating: " ", count: width)
            } else if index < end {
                carets += String(repeating: "^", count: width)
            }
            index += 1
        }
        // The column past the end of the query (an error at the end of the input).
        if end > count { carets += "^" }
        if !carets.contains("^") { carets += "^" }
        return "\(description)\n\(shown)\n\(carets)"
    }

    private static func isControl(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F }
        return character.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// 0 for invisible format characters (RLM, zero-width space), 2 for wide characters, 1 otherwise.
    private static func displayWidth(of character: Character) -> Int {
        if character.isASCII { return 1 }
        if QueryLexer.isInvisible(character) { return 0 }
        guard let scalar = character.unicodeScalars.first else { return 1 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
