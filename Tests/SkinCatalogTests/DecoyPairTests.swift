import GRDB
import SkinDomain
import Testing

@testable import SkinCatalog

/// The look-alikes of DOMAIN.md ("never merge with"), listed by hand, each tried through every path a printed name
/// can take to an ingredient: exact, partial (a parenthesised note), fuzzy (a misspelling), shortened (a truncated
/// name), the "A and B" split and the slash rule. None may land on its decoy.
@Suite("Decoy pairs never merge")
struct DecoyPairTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        /// The ingredient's INCI name and names it is printed under.
        var inci: String
        var printed: [String]
        /// The look-alike it must never become.
        var decoy: String
        var decoyPrinted: [String]
        var testDescription: String { "\(printed[0]) is not \(decoyPrinted[0])" }
    }

    static let pairs = [
        Pair(
            inci: "NICOTINAMIDE MONONUCLEOTIDE", printed: ["NMN", "beta-NMN", "Nicotinamide Mononucleotide"],
            decoy: "NICOTINAMIDE ADENINE DINUCLEOTIDE",
            decoyPrinted: ["NAD+", "NAD", "Nicotinamide Adenine Dinucleotide"]),
        Pair(
            inci: "NICOTINAMIDE MONONUCLEOTIDE", printed: ["Nicotinamide Mononucleotide", "NMN"],
            decoy: "NIACINAMIDE RIBOSIDE CHLORIDE",
            decoyPrinted: ["Nicotinamide Riboside", "Nicotinamide Riboside Chloride"]),
        Pair(
            inci: "NICOTINAMIDE MONONUCLEOTIDE", printed: ["NMN", "Niacinamide Mononucleotide"],
            decoy: "NICOTINOYL TRIPEPTIDE-1", decoyPrinted: ["Nicotinoyl Tripeptide-1"]),
        Pair(
            inci: "NICOTINAMIDE MONONUCLEOTIDE", printed: ["Niacinamide Mononucleotide", "NMN"],
            decoy: "NIACINAMIDE", decoyPrinted: ["Niacinamide", "Nicotinamide", "Vitamin B3"]),
        Pair(
            inci: "NIACINAMIDE", printed: ["Niacinamide", "Nicotinamide", "Vitamin B3", "Vitamin PP"],
            decoy: "NIACIN", decoyPrinted: ["Niacin", "Nicotinic Acid"]),
        Pair(
            inci: "NIACINAMIDE", printed: ["Niacinamide"], decoy: "NIACINAMIDE ASCORBATE",
            decoyPrinted: ["Niacinamide Ascorbate"]),
        Pair(
            inci: "NIACINAMIDE", printed: ["Niacinamide"], decoy: "NIACINAMIDE LACTATE",
            decoyPrinted: ["Niacinamide Lactate"]),
        Pair(
            inci: "SODIUM DNA", printed: ["PDRN", "Polydeoxyribonucleotide", "Salmon DNA", "Sodium DNA"],
            decoy: "POLYNUCLEOTIDES", decoyPrinted: ["Polynucleotides", "Polynucleotide"]),
        Pair(
            inci: "PALMITOYL TRIPEPTIDE-1", printed: ["Palmitoyl Tripeptide-1"], decoy: "PALMITOYL TRIPEPTIDE-5",
            decoyPrinted: ["Palmitoyl Tripeptide-5"]),
        Pair(
            inci: "BIFIDA FERMENT FILTRATE", printed: ["Bifida Ferment Filtrate"], decoy: "BIFIDA FERMENT LYSATE",
            decoyPrinted: ["Bifida Ferment Lysate"]),
        Pair(
            inci: "LACTOBACILLUS FERMENT FILTRATE", printed: ["Lactobacillus Ferment Filtrate"],
            decoy: "LACTOBACILLUS FERMENT LYSATE", decoyPrinted: ["Lactobacillus Ferment Lysate"]),
    ]

    /// The ways a printed name reaches an ingredient on its own.
    static func variants(of name: String) -> [String] {
        var variants = [name, name.uppercased(), name.lowercased(), "\(name) (vegan)", "\(name) (and) "]
        // A misspelling: one letter doubled, one dropped, two swapped (fuzzy matching).
        let letters = Array(name)
        if letters.count > 4 {
            let middle = letters.count / 2
            variants.append(String(letters[..<middle] + [letters[middle]] + letters[middle...]))
            variants.append(String(letters[..<middle] + letters[(middle + 1)...]))
            var swapped = letters
            swapped.swapAt(middle, middle + 1)
            variants.append(String(swapped))
            // A truncated name, as exports cut them (shortened names).
            variants.append(String(letters.prefix(letters.count - 2)))
        }
        return variants
    }

    @Test("no path resolves one of a pair to the other", arguments: pairs)
    func neverMerged(_ pair: Pair) throws {
        let catalog = try Catalog.inMemory()
        try catalog.read { db in
            let id = try #require(
                try Int64.fetchOne(db, sql: "SELECT id FROM ingredient WHERE inciName = ?", arguments: [pair.inci]))
            let decoyId = try #require(
                try Int64.fetchOne(db, sql: "SELECT id FROM ingredient WHERE inciName = ?", arguments: [pair.decoy]))
            // The pair is a recorded look-alike, so every guard knows it.
            #expect(
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM ingredientLookalike
                        WHERE (ingredientId = ? AND lookalikeId = ?) OR (ingredientId = ? AND lookalikeId = ?)
                        """, arguments: [id, decoyId, decoyId, id]) ?? 0 > 0)
            var resolver = try Catalog.makeResolver(db, fuzzy: true)
            for (names, own, other) in [(pair.printed, id, decoyId), (pair.decoyPrinted, decoyId, id)] {
                for name in names {
                    // Exact: the name itself is its own ingredient.
                    #expect(resolver.resolve(name).ingredientId == own, "\(name)")
                    for variant in Self.variants(of: name) {
                        #expect(resolver.resolve(variant).ingredientId != other, "\(variant.debugDescription)")
                        for part in resolver.runTogether(variant) ?? [] {
                            #expect(part.resolution.ingredientId != other, "\(variant.debugDescription)")
                        }
                    }
                }
            }
            for name in pair.printed {
                for decoyName in pair.decoyPrinted {
                    // The slash rule never joins look-alikes into one ingredient.
                    for slashed in ["\(name)/\(decoyName)", "\(decoyName)/\(name)"] {
                        let resolution = resolver.resolve(slashed).ingredientId
                        #expect(resolution != id && resolution != decoyId, "\(slashed)")
                    }
                    // "A and B" splits into both, each itself, or stays one unresolved name: never one of them.
                    for joined in ["\(name) and \(decoyName)", "\(name) & \(decoyName)"] {
                        let whole = resolver.resolve(joined).ingredientId
                        #expect(whole != id && whole != decoyId, "\(joined)")
                        let split = resolver.runTogether(joined)
                        let parts = try #require(split, "\(joined) is not split")
                        #expect(parts.map(\.resolution.ingredientId) == [id, decoyId], "\(joined)")
                    }
                }
            }
        }
    }
}
