import Testing

@testable import SkinDomain

@Suite("Query language: suggestions")
struct SuggestionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let word: String
        let candidates: [String]
        let expected: String?
        var testDescription: String { "\(word) -> \(expected ?? "nil")" }
    }

    @Test(
        "nearest candidate by Damerau-Levenshtein distance",
        arguments: [
            Case(word: "ppn", candidates: QueryVocabulary.unitNames, expected: "ppm"),
            Case(word: "PPN", candidates: QueryVocabulary.unitNames, expected: "ppm"),
            Case(word: "pmp", candidates: QueryVocabulary.unitNames, expected: "ppm"),  // a transposition
            Case(word: "furlongs", candidates: QueryVocabulary.unitNames, expected: nil),
            Case(word: "NMM", candidates: ["NAD", "NMN", "NR"], expected: "NMN"),
            Case(word: "niacinamid", candidates: ["niacin", "niacinamide"], expected: "niacinamide"),
            Case(word: "Tripeptide-1", candidates: ["Tripeptide-5"], expected: nil),
            Case(word: "Tripeptde-1", candidates: ["Tripeptide-5", "Tripeptide-1"], expected: "Tripeptide-1"),
            Case(word: "PEG-10", candidates: ["PEG-100"], expected: nil),
            Case(word: "airles", candidates: ["airless", "opaque"], expected: "airless"),
            Case(word: "x", candidates: ["y", "xy"], expected: "y"),  // ties go to the earlier candidate
            Case(word: "", candidates: ["a"], expected: nil),
            Case(word: "abc", candidates: [], expected: nil),
        ])
    func nearest(_ testCase: Case) {
        #expect(Suggestion.nearest(to: testCase.word, in: testCase.candidates) == testCase.expected)
    }

    @Test("edit distance counts adjacent transpositions once")
    func distance() {
        #expect(Suggestion.editDistance(Array("ca"), Array("ac")) == 1)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggestion.editDistance(Array(""), Array("abc")) == 3)
    }
}
