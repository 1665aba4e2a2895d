import SkinDomain
import Testing

@Suite("Search text: words, prefixes and phrases as FTS5 strings")
struct SearchTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var text: String
        var fts: String
        var testDescription: String { label }
    }

    @Test(
        "each form maps to quoted FTS5 strings",
        arguments: [
            Case(label: "plain words", text: "vitamin c serum", fts: #""vitamin" "c" "serum""#),
            Case(label: "prefix", text: "niacin*", fts: #""niacin" *"#),
            Case(label: "phrase", text: #""vitamin c" serum"#, fts: #""vitamin c" "serum""#),
            Case(label: "phrase prefix", text: #""vitamin c"*"#, fts: #""vitamin c" *"#),
            Case(label: "unclosed quote runs to the end", text: #"serum "vitamin c"#, fts: #""serum" "vitamin c""#),
            Case(label: "operators are words", text: "a OR b NOT c", fts: #""a" "OR" "b" "NOT" "c""#),
            Case(label: "star inside a word is dropped", text: "se*rum", fts: #""serum""#),
            Case(label: "leading star is dropped", text: "*serum", fts: #""serum""#),
            Case(label: "punctuation-only words are ignored", text: "serum & + -", fts: #""serum""#),
            Case(label: "hyphenated words stay together", text: "vitamin-c", fts: #""vitamin-c""#),
            Case(label: "column filter is text", text: "brand:acme", fts: #""brand:acme""#),
            Case(label: "quote glued to a word", text: #"serum"cream""#, fts: #""serum" "cream""#),
            Case(label: "accents are kept for the tokenizer", text: "Sérum", fts: #""Sérum""#),
        ])
    func maps(_ example: Case) throws {
        #expect(try SearchText(parsing: example.text).ftsQuery == example.fts)
    }

    @Test("a text without a word is an error", arguments: ["", " ", "*", #""""#, "- +", #"" ""#])
    func empty(_ text: String) {
        #expect(throws: QueryError.self) { try SearchText(parsing: text) }
    }
}
