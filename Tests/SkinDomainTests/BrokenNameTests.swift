import Testing

@testable import SkinDomain

/// Issue 16: a stray comma inside a name (`Hexylene, Glycol`), as scraped lists print it, is joined again only when
/// the first part names nothing and the two together name an ingredient the second alone does not.
@Suite("Names a stray comma broke in two")
struct BrokenNameTests {
    private static let aliases: [NameKey: Int64] = [
        NameKey("HEXYLENE GLYCOL"): 1, NameKey("GLYCERIN"): 2, NameKey("CETEARYL ALCOHOL"): 3, NameKey("ALCOHOL"): 4,
        NameKey("2-OLEAMIDO-1,3-OCTADECANEDIOL"): 5,
        NameKey("HYDROXYETHYL ACRYLATE/SODIUM ACRYLOYLDIMETHYL TAURATE COPOLYMER"): 6, NameKey("WATER"): 7,
        NameKey("NICOTINAMIDE MONONUCLEOTIDE"): 8, NameKey("NICOTINAMIDE ADENINE DINUCLEOTIDE"): 9,
        NameKey("MEL"): 10, NameKey("HONEY EXTRACT"): 11, NameKey("MICA"): 12,
    ]

    private func joined(_ first: String, _ second: String, mayContain: Bool = false) -> String? {
        var resolver = IngredientResolver(aliases: Self.aliases, fuzzy: true, guarded: [8, 9])
        let a = INCIEntry(printedName: first, position: 1)
        let b = INCIEntry(printedName: second, position: mayContain ? nil : 2, mayContain: mayContain)
        return (try? ProductComposition.rejoin(a, b, resolver: &resolver))?.map(\.name) ?? nil
    }

    @Test(
        "a first part that names nothing, joined by a space, a locant comma or a copolymer slash",
        arguments: [
            ("Hexylene", "Glycol", "Hexylene Glycol"),
            ("Cetearyl", "Alcohol", "Cetearyl Alcohol"),  // ALCOHOL alone is another ingredient
            ("2-Oleamido-1", "3-Octadecanediol", "2-Oleamido-1,3-Octadecanediol"),
            (
                "Hydroxyethyl Acrylate", "Sodium Acryloyldimethyl Taurate Copolymer",
                "Hydroxyethyl Acrylate/Sodium Acryloyldimethyl Taurate Copolymer"
            ),
        ])
    func joins(first: String, second: String, expected: String) {
        #expect(joined(first, second) == expected)
    }

    @Test("nothing is joined that the second part names alone, fuzzily, or across sections")
    func refuses() {
        #expect(joined("Aquaxyl", "Glycerin") == nil, "Aquaxyl/Glycerin resolves only through Glycerin")
        #expect(joined("Foo", "Water (Aqua)") == nil)
        #expect(joined("Hexylene", "Glycl") == nil, "a fuzzy match of joined fragments proves nothing")
        #expect(joined("Hexylene", "Glycol", mayContain: true) == nil, "a may-contain entry is another section")
        #expect(joined("Nicotinamide", "Mononucleotid") == nil, "never fuzzily onto a guarded look-alike")
        #expect(joined("Mel/Honey Extract", "Mica") == nil, "one slash alternative resolving is not the join's doing")
    }
}
