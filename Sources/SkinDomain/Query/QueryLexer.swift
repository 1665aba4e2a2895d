/// One token of a query: a word, a quoted string, a comparator or a parenthesis.
struct QueryToken: Sendable {
    enum Kind: Equatable, Sendable {
        /// A run of characters up to whitespace, a parenthesis, a comparator or the end.
        case word(String)
        /// The text between quotes, with doubled quotes undone.
        case quoted(String)
        case comparator(Comparison)
        case openParenthesis
        case closeParenthesis
        case end
    }

    var kind: Kind
    var span: QuerySpan
    /// The text as written (with the quotes of a quoted string).
    var written: String
    /// The word, lowercased, or nil for any other token.
    let lowercasedWord: String?

    init(kind: Kind, span: QuerySpan, written: String) {
        self.kind = kind
        self.span = span
        self.written = written
        if case .word(let text) = kind { lowercasedWord = text.lowercased() } else { lowercasedWord = nil }
    }

    var isWord: Bool { if case .word = kind { true } else { false } }
    var isEnd: Bool { kind == .end }

    var comparison: Comparison? { if case .comparator(let comparison) = kind { comparison } else { nil } }

    /// How the token is named in messages: its text, quoted (a quoted string keeps its own quotes) and shortened.
    var quotedForMessage: String {
        if case .quoted = kind { return String(QueryLexer.quote(written).dropFirst().dropLast()) }
        return QueryLexer.quote(written)
    }
}

/// Splits a query into tokens, counting columns in `Character`s.
///
/// Words break at whitespace (and invisible format characters such as RLM), parentheses and comparators; `!` and
/// quotes are part of a word except where noted. A quote starts a quoted string only at the start of a token, so
/// `Paula's Choice` is two words.
enum QueryLexer {
    static func tokens(in text: String) throws(QueryError) -> [QueryToken] {
        let characters = Array(text)
        var tokens: [QueryToken] = []
        var index = 0
        func span(_ start: Int, _ end: Int) -> QuerySpan { QuerySpan(column: start + 1, length: end - start) }
        func written(_ start: Int, _ end: Int) -> String { String(characters[start..<end]) }
        func next(_ offset: Int) -> Character? { index + offset < characters.count ? characters[index + offset] : nil }

        while index < characters.count {
            let character = characters[index]
            if isSeparator(character) {
                index += 1
                continue
            }
            let start = index
            switch character {
            case "(":
                index += 1
                tokens.append(QueryToken(kind: .openParenthesis, span: span(start, index), written: "("))
            case ")":
                index += 1
                tokens.append(QueryToken(kind: .closeParenthesis, span: span(start, index), written: ")"))
            case _ where breaksWord(at: index, in: characters):  // a comparator
                let comparison: Comparison
                switch (character, next(1)) {
                case (">", "="): comparison = .greaterOrEqual; index += 2
                case ("<", "="): comparison = .lessOrEqual; index += 2
                case ("=", "="): comparison = .equal; index += 2
                case ("!", "="): comparison = .notEqual; index += 2
                case ("<", ">"):
                    throw QueryError(
                        message: "\"<>\" is not a comparator; write \"!=\"", span: span(start, start + 2),
                        suggestion: "!=")
                case ("=", ">"):
                    throw QueryError(
                        message: "\"=>\" is not a comparator; write \">=\"", span: span(start, start + 2),
                        suggestion: ">=")
                case ("=", "<"):
                    throw QueryError(
                        message: "\"=<\" is not a comparator; write \"<=\"", span: span(start, start + 2),
                        suggestion: "<=")
                case (">", _): comparison = .greaterThan; index += 1
                case ("<", _): comparison = .lessThan; index += 1
                case ("=", _): comparison = .equal; index += 1
                case ("≥", _): comparison = .greaterOrEqual; index += 1
                case ("≤", _): comparison = .lessOrEqual; index += 1
                case ("≠", _): comparison = .notEqual; index += 1
                default:
                    comparison = .notEqual
                    index += 2
                }
                tokens.append(
                    QueryToken(kind: .comparator(comparison), span: span(start, index), written: written(start, index)))
            case "'", "\"", "“", "‘":
                let closing: Character = character == "“" ? "”" : character == "‘" ? "’" : character
                let doubles = character == "'" || character == "\""
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    let inner = characters[index]
                    index += 1
                    if inner == closing {
                        if doubles, index < characters.count, characters[index] == closing {
                            value.append(closing)
                            index += 1
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        value.append(inner)
                    }
                }
                guard closed else {
                    throw QueryError(
                        message: "missing closing quote for \(quote(value))",
                        span: span(start, start + 1))
                }
                tokens.append(
                    QueryToken(kind: .quoted(value), span: span(start, index), written: written(start, index)))
            default:
                while index < characters.count, !breaksWord(at: index, in: characters) { index += 1 }
                let word = written(start, index)
                if word.hasPrefix("!") {
                    throw QueryError(
                        message: "\"!\" is not an operator; write \"not\"", span: span(start, start + 1),
                        suggestion: "not")
                }
                if word == "&&" || word == "||" {
                    let keyword = word == "&&" ? "and" : "or"
                    throw QueryError(
                        message: "\"\(word)\" is not an operator; write \"\(keyword)\"", span: span(start, index),
                        suggestion: keyword)
                }
                tokens.append(QueryToken(kind: .word(word), span: span(start, index), written: word))
            }
        }
        tokens.append(
            QueryToken(
                kind: .end, span: QuerySpan(column: characters.count + 1, length: 1), written: "end of the query"))
        return tokens
    }

    /// Whitespace, a character that is only invisible format marks (RLM, LRM, zero-width space, BOM), or a
    /// combining mark with nothing to combine with (at the start, or after a line break).
    static func isSeparator(_ character: Character) -> Bool {
        if character.isASCII { return character.isWhitespace }
        return character.isWhitespace || isInvisible(character) || isBaselessMark(character)
    }

    private static func isBaselessMark(_ character: Character) -> Bool {
        switch character.unicodeScalars.first?.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// A character made only of format marks (general category Cf), which shows nothing.
    static func isInvisible(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .format }
    }

    private static func breaksWord(at index: Int, in characters: [Character]) -> Bool {
        let character = characters[index]
        if let ascii = character.asciiValue {
            switch ascii {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="):
                return true
            case UInt8(ascii: "!"):
                return index + 1 < characters.count && characters[index + 1] == "="
            default:
                return ascii == 0x20 || (0x09...0x0D).contains(ascii)
            }
        }
        return character == "≥" || character == "≤" || character == "≠" || isSeparator(character)
    }

    /// `"text"`, shortened to 40 characters with an ellipsis, for messages; line breaks and other control
    /// characters are escaped (`\n`, `\u{0}`) so that a message stays on one line.
    static func quote(_ text: some StringProtocol) -> String {
        let shown = text.count > 40 ? text.prefix(39) + "…" : Substring(text)
        var escaped = ""
        for scalar in shown.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                switch scalar.properties.generalCategory {
                case .control, .lineSeparator, .paragraphSeparator:
                    escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                default:
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"\(escaped)\""
    }
}
