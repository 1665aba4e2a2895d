/// What a user typed into `skincat search`, read as words, prefixes and phrases, and written as an FTS5 query
/// that cannot be a syntax error or smuggle in an operator.
///
/// The rules (docs/search.md):
/// - Words are separated by white space; a product matches when it has every word, in any column.
/// - A word ending in `*` matches every word that starts with it (`niacin*`: niacin, niacinamide).
/// - Text in double quotes is a phrase: its words must appear together, in that order (`"vitamin c"`). A `*`
///   right after the closing quote makes the phrase's last word a prefix. A quote left open runs to the end.
/// - Control characters separate words, as spaces do.
/// - Everything else is taken literally: FTS5's operators (`AND`, `OR`, `NOT`, `NEAR`, `^`, `:`, parentheses) are
///   searched for as words, and punctuation splits words as it does in the index (`vitamin-c` is the phrase
///   "vitamin c"). A `*` inside a word is dropped, and a word with no letter or digit is ignored.
///
/// ```swift
/// let text = try SearchText(parsing: #"niacin* "vitamin c" serum"#)
/// text.ftsQuery   // "niacin" * "vitamin c" "serum"
/// ```
public struct SearchText: Sendable, Equatable {
    /// One part of the search: a word, a prefix or a phrase.
    public enum Term: Sendable, Equatable {
        /// A word that must appear as it is (case and accents aside).
        case word(String)
        /// A word that must start some word of the product (`niacin*`).
        case prefix(String)
        /// Words that must appear together, in order; `prefix` makes the last one a prefix.
        case phrase(String, prefix: Bool)
    }

    /// The terms, in the order typed.
    public var terms: [Term]

    /// Reads the user's text.
    ///
    /// - Parameter text: the search as typed.
    /// - Throws: ``QueryError`` when the text has no word to search for (empty, or only punctuation).
    public init(parsing text: String) throws(QueryError) {
        var terms: [Term] = []
        // A control character (a NUL above all: SQLite reads bound text up to it) separates words like a space.
        var rest = Substring(
            String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })))
        while let first = rest.first {
            if first == "\"" {
                rest = rest.dropFirst()
                let closing = rest.firstIndex(of: "\"") ?? rest.endIndex
                let inside = rest[..<closing]
                rest = closing == rest.endIndex ? rest[closing...] : rest[rest.index(after: closing)...]
                let prefix = rest.first == "*"
                if prefix { rest = rest.dropFirst() }
                let phrase = inside.filter { $0 != "*" }
                if Self.hasWord(phrase) { terms.append(.phrase(String(phrase), prefix: prefix)) }
            } else if first.isWhitespace {
                rest = rest.dropFirst()
            } else {
                let end = rest.firstIndex { $0.isWhitespace || $0 == "\"" } ?? rest.endIndex
                let chunk = rest[..<end]
                rest = rest[end...]
                let prefix = chunk.last == "*"
                let word = String(chunk.filter { $0 != "*" })
                guard Self.hasWord(word) else { continue }
                terms.append(prefix ? .prefix(word) : .word(word))
            }
        }
        guard !terms.isEmpty else {
            throw QueryError(
                message: "nothing to search for in \(text.quotedForMessage): "
                    + "give a word, a prefix (niacin*) or a phrase in quotes",
                span: QuerySpan(column: 1, length: max(text.count, 1)))
        }
        self.terms = terms
    }

    /// The FTS5 query: each term as a quoted string (a quote inside doubled), a prefix with ` *` after it, the terms
    /// joined by spaces (FTS5's implicit AND). Nothing the user typed is read as FTS5 syntax.
    public var ftsQuery: String {
        terms.map { term in
            switch term {
            case .word(let word): Self.quoted(word)
            case .prefix(let word): Self.quoted(word) + " *"
            case .phrase(let phrase, let prefix): Self.quoted(phrase) + (prefix ? " *" : "")
            }
        }.joined(separator: " ")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Whether the text holds something the index's tokenizer keeps: a letter or a digit.
    private static func hasWord<Text: StringProtocol>(_ text: Text) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
