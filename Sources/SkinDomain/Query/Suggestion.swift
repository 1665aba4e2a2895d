/// "Did you mean" suggestions for misspelt words: units, packaging words, ingredient names.
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance, or nil if none is close.
    ///
    /// The distance is Damerau-Levenshtein (optimal string alignment: insertions, deletions, substitutions and
    /// transpositions of adjacent characters), compared case-insensitively. A candidate is close when its distance is
    /// at most `max(1, word.count / 3)`. Candidates whose digits differ from the word's are never suggested, so
    /// `Tripeptide-5` is not offered for `Tripeptide-1`. On a tie the earlier candidate wins.
    ///
    /// ```swift
    /// Suggestion.nearest(to: "ppn", in: ["ppm", "%", "mg/g"])   // "ppm"
    /// Suggestion.nearest(to: "NMM", in: ["NMN", "NAD"])          // "NMN"
    /// Suggestion.nearest(to: "furlongs", in: ["ppm", "%"])       // nil
    /// ```
    ///
    /// - Parameters:
    ///   - word: what the user wrote.
    ///   - candidates: the known words.
    public static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let typed = Array(word.lowercased())
        guard !typed.isEmpty else { return nil }
        let limit = max(1, typed.count / 3)
        let typedDigits = typed.filter(\.isNumber)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let known = Array(candidate.lowercased())
            guard abs(known.count - typed.count) <= limit, known.filter(\.isNumber) == typedDigits else { continue }
            let distance = editDistance(typed, known)
            if distance <= limit, distance < best?.distance ?? .max {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Optimal string alignment distance between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        optimalStringAlignmentDistance(a, b)
    }
}
