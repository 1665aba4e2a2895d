import SkinDomain
import Testing

@Suite("Name suggestions")
struct NameSuggesterTests {
    // Ids by hand: 1 GLYCERYL STEARATE, 2 GLYCERYL STEARATE SE (its look-alike), 3 GLYCERIN,
    // 4 PALMITOYL TRIPEPTIDE-1, 5 PALMITOYL TRIPEPTIDE-5, 6 TOCOPHERYL ACETATE.
    let suggester = NameSuggester(
        names: [
            (NameKey("Glyceryl Stearate"), 1), (NameKey("Glyceryl Stearate SE"), 2), (NameKey("Glycerin"), 3),
            (NameKey("Glycerine"), 3), (NameKey("Palmitoyl Tripeptide-1"), 4), (NameKey("Palmitoyl Tripeptide-5"), 5),
            (NameKey("Tocopheryl Acetate"), 6),
        ],
        lookalikes: [1: [2], 2: [1], 4: [5], 5: [4]])

    @Test("the nearest names, nearest first, each ingredient once")
    func nearest() {
        #expect(suggester.suggestions(for: NameKey("Tocopherol Acetate")) == [6])
        #expect(suggester.suggestions(for: NameKey("Glycerinn")) == [3])
        #expect(suggester.suggestions(for: NameKey("Aquaxyl")).isEmpty)
    }

    @Test("a look-alike of the nearest name is never suggested beside it")
    func noDecoyBesideTheNeighbour() {
        // GLYCERYL STEARATE SE is 3 edits away, within the limit, but a look-alike of the neighbour.
        #expect(suggester.suggestions(for: NameKey("Glyceril Stearate")) == [1])
        let withoutLookalikes = NameSuggester(
            names: [(NameKey("Glyceryl Stearate"), 1), (NameKey("Glyceryl Stearate SE"), 2)], lookalikes: [:])
        #expect(withoutLookalikes.suggestions(for: NameKey("Glyceril Stearate")) == [1, 2])
    }

    @Test("look-alikes equally near are both left out: which one was meant cannot be told")
    func tiedLookalikes() {
        #expect(suggester.suggestions(for: NameKey("Glyceryl Stearates")).isEmpty)
    }

    @Test("digits must match: TRIPEPTIDE-1 is never suggested for TRIPEPTIDE-7")
    func digits() {
        #expect(suggester.suggestions(for: NameKey("Palmitoyl Tripeptide-7")).isEmpty)
        #expect(suggester.suggestions(for: NameKey("Palmitoil Tripeptide-1")) == [4])
    }
}
