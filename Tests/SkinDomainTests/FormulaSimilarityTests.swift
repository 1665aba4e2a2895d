import SkinDomain
import Testing

@Suite("Formula similarity and ingredient overlap")
struct FormulaSimilarityTests {
    /// A 20-item list, by letter keys.
    static let base = (1...20).map { "I\($0)" }

    @Test func sameListIsOneAndDisjointIsZero() {
        #expect(FormulaSimilarity(Self.base, Self.base).score == 1)
        #expect(FormulaSimilarity(["A", "B"], ["C", "D"]).score == 0)
        #expect(FormulaSimilarity([], ["A"]).score == 0)
    }

    @Test func weightsByHand() {
        // A: W 1, G 0.7, N 0.49; B: W 1, N 0.7, G 0.49. min sum 1.98, max sum 2.4.
        let similarity = FormulaSimilarity(["W", "G", "N"], ["W", "N", "G"])
        #expect(abs(similarity.score - 1.98 / 2.4) < 1e-12)
        #expect(FormulaSimilarity.weight(position: 1) == 1)
        #expect(abs(FormulaSimilarity.weight(position: 3) - 0.49) < 1e-12)
    }

    @Test func theFirstFiveMakeMostOfTheWeight() {
        let all = (1...25).map { FormulaSimilarity.weight(position: $0) }.reduce(0, +)
        let top = (1...5).map { FormulaSimilarity.weight(position: $0) }.reduce(0, +)
        #expect(top / all > 0.8)
    }

    @Test("two trace ingredients swapped rank above a list sharing only water and glycerin")
    func reformulationAboveWaterAndGlycerin() {
        let reformulation = Array(Self.base.prefix(18)) + ["X1", "X2"]
        let waterAndGlycerin = ["I1", "I2"] + (1...18).map { "Y\($0)" }
        let close = FormulaSimilarity(Self.base, reformulation)
        let far = FormulaSimilarity(Self.base, waterAndGlycerin)
        #expect(close.score > 0.99)
        #expect(far.score < 0.4)
        #expect(close.score > far.score)
        #expect(close.sharedTop == ["I1", "I2", "I3", "I4", "I5"])
        #expect(close.onlyInSecond == ["X1", "X2"])
        #expect(far.missingTop == ["I3", "I4", "I5"])
        #expect(far.addedTop == ["Y1", "Y2", "Y3"])
    }

    @Test func orderAtTheTopMattersMoreThanAtTheBottom() {
        var swappedTop = Self.base
        swappedTop.swapAt(0, 1)
        var swappedBottom = Self.base
        swappedBottom.swapAt(18, 19)
        #expect(FormulaSimilarity(Self.base, swappedBottom).score > FormulaSimilarity(Self.base, swappedTop).score)
    }

    @Test func overlapSharedAndUniqueInListOrder() {
        let overlap = IngredientOverlap([["W", "N", "Z", "W"], ["W", "G", "N"], ["N", "W", "Z", "P"]])
        #expect(overlap.shared == ["W", "N"])
        #expect(overlap.unique == [[], ["G"], ["P"]])
    }
}
