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
        var cursor = Cursor(characters: Array(text))
        var tokens: [QueryToken] = []
        while let token = try cursor.nextToken() { tokens.append(token) }
        tokens.append(
            QueryToken(
                kind: .end, span: QuerySpan(column: cursor.characters.count + 1, length: 1),
                written: "end of the query"))
        return tokens
    }

    /// A position in the query's characters, reading one token at a time.
    private struct Cursor {
        let characters: [Character]
        var index = 0

        /// The next token, past any separators; nil at the end of the query.
        mutating func nextToken() throws(QueryError) -> QueryToken? {
            while index < characters.count, isSeparator(characters[index]) { index += 1 }
            guard index < characters.count else { return nil }
            let start = index
            switch characters[index] {
            case "(":
                index += 1
                return QueryToken(kind: .openParenthesis, span: span(start, index), written: "(")
            case ")":
                index += 1
                return QueryToken(kind: .closeParenthesis, span: span(start, index), written: ")")
            case _ where breaksWord(at: index, in: characters):
                return try comparator()
            case "'", "\"", "“", "‘":
                return try quoted()
            default:
                return try word()
            }
        }

        private func span(_ start: Int, _ end: Int) -> QuerySpan { QuerySpan(column: start + 1, length: end - start) }
        private func written(_ start: Int, _ end: Int) -> String { String(characters[start..<end]) }
        private func next(_ offset: Int) -> Character? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        /// `>=`, `<`, `≠`, ...; the look-alikes of other languages (`<>`, `=>`, `=<`) are errors naming the comparator
        /// meant.
        private mutating func comparator() throws(QueryError) -> QueryToken {
            let start = index
            let comparison: Comparison
            switch (characters[index], next(1)) {
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
            return QueryToken(kind: .comparator(comparison), span: span(start, index), written: written(start, index))
        }

        /// A string in straight or curly quotes; a straight quote doubled inside it stands for itself.
        private mutating func quoted() throws(QueryError) -> QueryToken {
            let start = index
            let opening = characters[index]
            let closing: Character = opening == "“" ? "”" : opening == "‘" ? "’" : opening
            let doubles = opening == "'" || opening == "\""
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
                throw QueryError(message: "missing closing quote for \(quote(value))", span: span(start, start + 1))
            }
            return QueryToken(kind: .quoted(value), span: span(start, index), written: written(start, index))
        }

        /// A word up to whitespace, a parenthesis or a comparator; `!`, `&&` and `||` are errors naming the keyword
        /// meant.
        private mutating func word() throws(QueryError) -> QueryToken {
            let start = index
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
            return QueryToken(kind: .word(word), span: span(start, index), written: word)
        }
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
