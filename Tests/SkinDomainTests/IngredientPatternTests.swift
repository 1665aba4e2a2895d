import SkinDomain
import Testing

@Suite("Ingredient patterns: thresholds, too little data, ordering")
struct IngredientPatternTests {
    struct Need: CustomTestStringConvertible, Sendable {
        var failed: Int
        var worked: Int
        var more: MoreVerdictsNeeded
        var sentence: String
        var testDescription: String { "\(failed) failed, \(worked) worked" }
    }

    static let needs: [Need] = [
        Need(
            failed: 0, worked: 0, more: MoreVerdictsNeeded(failed: 3, worked: 3, either: 1),
            sentence: "rate at least 3 more products that failed, 3 more that worked and 1 more of either kind"),
        Need(
            failed: 2, worked: 1, more: MoreVerdictsNeeded(failed: 1, worked: 2, either: 1),
            sentence: "rate at least 1 more product that failed, 2 more that worked and 1 more of either kind"),
        Need(
            failed: 5, worked: 1, more: MoreVerdictsNeeded(failed: 0, worked: 2, either: 0),
            sentence: "rate at least 2 more products that worked"),
        Need(
            failed: 3, worked: 3, more: MoreVerdictsNeeded(failed: 0, worked: 0, either: 1),
            sentence: "rate at least 1 more product of either kind"),
        Need(failed: 3, worked: 4, more: MoreVerdictsNeeded(failed: 0, worked: 0, either: 0), sentence: ""),
    ]

    @Test("how many more verdicts the test needs", arguments: needs)
    func moreNeeded(_ need: Need) {
        let thresholds = PatternThresholds.default
        let more = thresholds.moreNeeded(failed: need.failed, worked: need.worked)
        #expect(more == need.more)
        #expect(thresholds.isEnough(failed: need.failed, worked: need.worked) == more.isZero)
        if !more.isZero { #expect(more.sentence == need.sentence) }
    }

    private func product(_ sku: String, _ outcome: VerdictOutcome, _ names: [String]) -> RatedProduct {
        RatedProduct(
            sku: sku, outcome: outcome,
            features: Set(names.map { PatternFeature(kind: .ingredient, name: $0) }))
    }

    @Test("too few verdicts: counts without p-values, and a message saying what would help")
    func tooLittle() {
        let analysis = IngredientPatternAnalysis.analyse(
            profile: "me",
            products: [
                product("A", .failed, ["WATER", "DIMETHICONE"]), product("B", .failed, ["WATER", "DIMETHICONE"]),
                product("C", .worked, ["WATER"]),
            ])
        #expect(!analysis.hasEnoughData)
        #expect(analysis.suspects.isEmpty)
        #expect(analysis.associations.allSatisfy { $0.pValue == nil && $0.oddsRatio == nil })
        #expect(analysis.message.contains("2 products failed, 1 worked"))
        #expect(analysis.message.contains("rate at least 1 more product that failed, 2 more that worked"))
        #expect(analysis.associations.first { $0.feature.name == "DIMETHICONE" }?.failedWith == ["A", "B"])
    }

    @Test("a feature in every rated product is never a suspect, even when failures outnumber successes")
    func ubiquitous() {
        let failed = (1...6).map { product("F\($0)", .failed, ["WATER", "TRIGGER"]) }
        let worked = (1...3).map { product("W\($0)", .worked, ["WATER"]) }
        let analysis = IngredientPatternAnalysis.analyse(profile: "me", products: failed + worked)
        let water = analysis.associations.first { $0.feature.name == "WATER" }
        #expect(water?.pValue == 1)
        #expect(water?.isSuspect == false)
        #expect(water?.note == "in every product you rated: cannot separate worked from failed")
        #expect(analysis.associations.first?.feature.name == "TRIGGER")
        #expect(analysis.message.contains("In every product you rated, so not suspects: WATER."))
    }

    @Test("an ingredient and a class found in exactly the same products are one pattern; the ingredient first")
    func twins() {
        func rated(_ sku: String, _ outcome: VerdictOutcome, silicone: Bool) -> RatedProduct {
            var features: Set<PatternFeature> = [PatternFeature(kind: .ingredient, name: "WATER")]
            if silicone {
                features.insert(PatternFeature(kind: .ingredient, name: "DIMETHICONE"))
                features.insert(PatternFeature(kind: .class, name: "silicone"))
            }
            return RatedProduct(sku: sku, outcome: outcome, features: features)
        }
        let products =
            (1...4).map { rated("F\($0)", .failed, silicone: true) }
            + (1...4).map { rated("W\($0)", .worked, silicone: false) }
        let analysis = IngredientPatternAnalysis.analyse(
            profile: "me", products: products,
            thresholds: PatternThresholds(maximumSuspectPatterns: 1))
        #expect(analysis.suspects.map(\.feature.label) == ["DIMETHICONE", "class:silicone"])
        #expect(analysis.suspects.first?.sameProductsAs == ["class:silicone"])
        #expect(analysis.suspects.first?.note.contains("always together with class:silicone") == true)
    }
}
