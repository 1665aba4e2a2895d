import SkinDomain
import TestSupport
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
        #expect(
            analysis.associations.allSatisfy {
                $0.pValue == nil && $0.oddsRatio == nil && $0.oddsRatioLow == nil && $0.qValue == nil
                    && !$0.holdsAfterCorrection
            })
        #expect(analysis.testCount == 0)
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

    /// Ten failed and ten worked products: TRIGGER in every failure and no success, WEAK in four failures and no
    /// success, four balanced features in five of each, and WATER in all twenty.
    private func strongAndWeak() -> [RatedProduct] {
        let balanced: [String: (failed: Set<Int>, worked: Set<Int>)] = [
            "A": ([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]), "B": ([6, 7, 8, 9, 10], [6, 7, 8, 9, 10]),
            "C": ([1, 3, 5, 7, 9], [1, 3, 5, 7, 9]), "D": ([2, 4, 6, 8, 10], [2, 4, 6, 8, 10]),
        ]
        return (1...10).map { n in
            product(
                "F\(n)", .failed,
                ["WATER", "TRIGGER"] + (n <= 4 ? ["WEAK"] : []) + balanced.filter { $0.value.failed.contains(n) }.keys)
        }
            + (1...10).map { n in
                product("W\(n)", .worked, ["WATER"] + balanced.filter { $0.value.worked.contains(n) }.keys)
            }
    }

    @Test("q-values correct for the features in some but not all products; each suspect says whether it holds")
    func correction() throws {
        // Six features are tested (WATER, in every product, is not). One-sided Fisher p-values (hypergeometric,
        // N = 20, 10 failed): TRIGGER 1/C(20, 10) = 5.4125e-6; WEAK C(16, 6)/C(20, 10) = 0.043344;
        // A-D P(X ≥ 5 | K = 10) = 0.67186. Benjamini–Hochberg with m = 6: TRIGGER 6 · 5.4125e-6 / 1 = 3.2475e-5;
        // WEAK 6 · 0.043344 / 2 = 0.13003; A-D 0.67186. SciPy's false_discovery_control agrees
        // (BenjaminiHochbergTests, "a strong trigger, a weak one and four balanced features").
        let analysis = IngredientPatternAnalysis.analyse(profile: "me", products: strongAndWeak())
        #expect(analysis.testCount == 6)
        #expect(analysis.suspects.map(\.feature.name) == ["TRIGGER", "WEAK"])
        let trigger = try #require(analysis.suspects.first)
        #expect(abs((trigger.qValue ?? 1) - 3.247526467340709e-05) < 1e-15)
        #expect(trigger.holdsAfterCorrection)
        #expect(
            trigger.note == "suspect: in 10 of 10 failed and 0 of 10 worked; holds after correcting for 6 tests "
                + "(q = 3.2e-05)")
        let weak = try #require(analysis.suspects.last)
        #expect(abs((weak.qValue ?? 0) - 0.13003095975232198) < 1e-12)
        #expect(!weak.holdsAfterCorrection)
        #expect(
            weak.note == "suspect: in 4 of 10 failed and 0 of 10 worked; a weaker lead: does not hold after "
                + "correcting for 6 tests (q = 0.13)")
        let water = try #require(analysis.associations.first { $0.feature.name == "WATER" })
        #expect(water.pValue == 1)
        #expect(water.qValue == nil, "in every product: not a test, not counted")
        #expect(!water.holdsAfterCorrection)
        #expect(
            analysis.message.contains(
                "Suspects (p < 0.05, smoothed odds ratio above 2): TRIGGER, WEAK. TRIGGER (q = 3.2e-05) holds after "
                    + "correcting for the 6 ingredients and classes tested (q below 0.1); WEAK (q = 0.13) is a "
                    + "weaker lead that does not. q is the p-value corrected for testing them all: of the "
                    + "ingredients with q below 0.1, on average at most 1 in 10 is a chance finding."))
        #expect(
            analysis.suspectsPhrase == "TRIGGER, which holds after correcting for 6 tests, and the weaker lead WEAK")
    }

    @Test("a stricter false discovery rate turns a suspect that held into a weaker lead, and keeps it a suspect")
    func stricterRate() {
        let analysis = IngredientPatternAnalysis.analyse(
            profile: "me", products: strongAndWeak(), thresholds: PatternThresholds(falseDiscoveryRate: 0.00001))
        #expect(analysis.suspects.map(\.feature.name) == ["TRIGGER", "WEAK"])
        #expect(analysis.suspects.allSatisfy { !$0.holdsAfterCorrection })
        #expect(
            analysis.message.contains(
                "No suspect holds after correcting for the 6 ingredients and classes tested (that needs q below "
                    + "1.0e-05), so TRIGGER (q = 3.2e-05) and WEAK (q = 0.13) are weaker leads; more verdicts can "
                    + "confirm or clear them."))
        #expect(
            analysis.message.contains("of the ingredients with q below 1.0e-05, on average at most 1 in 100000"))
        #expect(
            analysis.suspectsPhrase == "TRIGGER and WEAK, weaker leads that do not hold after correcting for 6 tests")
    }

    @Test("random features with a fixed seed: chance suspects appear, and none holds after correction")
    func chanceSuspects() {
        // 200 features, each in a product with probability 3/10 whatever its outcome: every suspect is a chance
        // finding, and about 1 test in 20 reaches p < 0.05 uncorrected.
        var generator = SplitMix64(seed: 2024)
        let features = (0..<200).map { String(format: "N%03d", $0) }
        let products = (0..<40).map { n in
            product(
                "P\(n)", n < 20 ? .failed : .worked, ["WATER"] + features.filter { _ in generator.next() % 10 < 3 })
        }
        let analysis = IngredientPatternAnalysis.analyse(profile: "me", products: products)
        #expect(analysis.testCount == 200)
        #expect(!analysis.suspects.isEmpty, "uncorrected, chance alone makes suspects")
        #expect(analysis.associations.filter { ($0.pValue ?? 1) < 0.05 }.count >= 3)
        #expect(analysis.associations.allSatisfy { !$0.holdsAfterCorrection })
        #expect(
            analysis.message.contains("No suspect holds after correcting for the 200 ingredients and classes tested"))
    }

    @Test("odds ratios and intervals are formatted compactly")
    func formatting() {
        #expect(
            IngredientPatternAnalysis.formatRatio(121, low: 2.016743491320519, high: 7259.723441781584)
                == "121 (2–7260)")
        #expect(
            IngredientPatternAnalysis.formatRatio(4.2, low: 0.3590168128582966, high: 49.13418917504148)
                == "4.2 (0.4–49)")
        #expect(IngredientPatternAnalysis.formatRatio(0.008264462809917354) == "0.0083")
        #expect(IngredientPatternAnalysis.formatRatio(0.5) == "0.5")
        #expect(IngredientPatternAnalysis.formatRatio(1) == "1")
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
