import Foundation
import SkinDomain
import Testing

@Suite("Fisher's exact test and the smoothed odds ratio")
struct FisherExactTestTests {
    /// A 2 × 2 table (failed/worked × contains/does not) and its one-sided p-value.
    struct Case: CustomTestStringConvertible, Sendable {
        var a, b, c, d: Int
        var p: Double
        var testDescription: String { "[[\(a), \(b)], [\(c), \(d)]] → \(p)" }
    }

    /// Reference values from SciPy 1.x: `scipy.stats.fisher_exact([[a, b], [c, d]], alternative="greater")[1]`,
    /// computed on the development machine and copied here.
    static let scipy: [Case] = [
        Case(a: 5, b: 0, c: 0, d: 5, p: 0.003968253968253969),
        Case(a: 4, b: 0, c: 1, d: 5, p: 0.023809523809523808),
        Case(a: 3, b: 1, c: 2, d: 4, p: 0.2619047619047619),
        Case(a: 2, b: 3, c: 3, d: 2, p: 0.8968253968253967),
        Case(a: 0, b: 5, c: 5, d: 0, p: 1.0),
        Case(a: 10, b: 2, c: 3, d: 15, p: 0.000465180943362905),
        Case(a: 120, b: 80, c: 60, d: 140, p: 1.1490451701584912e-09),
        Case(a: 7, b: 12, c: 0, d: 0, p: 1.0),
        Case(a: 3, b: 0, c: 0, d: 4, p: 0.028571428571428567),
        Case(a: 1, b: 0, c: 0, d: 20, p: 0.047619047619047616),
        Case(a: 40, b: 400, c: 10, d: 900, p: 2.8570909831506436e-12),
    ]

    @Test("one-sided p-values match SciPy's fisher_exact", arguments: scipy)
    func matchesSciPy(_ table: Case) {
        let p = FisherExactTest.pValue(a: table.a, b: table.b, c: table.c, d: table.d)
        #expect(abs(p - table.p) <= 1e-9 * table.p + 1e-15, "got \(p)")
    }

    @Test("large tables stay finite and in [0, 1]")
    func numericStability() {
        let tiny = FisherExactTest.pValue(a: 5000, b: 0, c: 0, d: 5000)
        #expect(tiny >= 0 && tiny < 1e-300)
        let balanced = FisherExactTest.pValue(a: 2500, b: 2500, c: 2500, d: 2500)
        #expect(balanced > 0.45 && balanced <= 1)
    }

    @Test("log-gamma matches SciPy's gammaln")
    func logGamma() {
        // scipy.special.gammaln(x), copied from the development machine.
        let reference: [(Double, Double)] = [
            (0.5, 0.5723649429247), (1, 0), (1.5, -0.12078223763524526), (2, 0), (3, 0.6931471805599453),
            (10, 12.801827480081469), (100.5, 361.43554046777757), (1000, 5905.220423209181),
            (1e6, 12815504.569147611),
        ]
        for (x, expected) in reference {
            let value = FisherExactTest.logGamma(x)
            #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "lgamma(\(x)) = \(value)")
        }
        #expect(abs(FisherExactTest.logFactorial(300) - FisherExactTest.logGamma(301)) < 1e-9)
        #expect(abs(FisherExactTest.logChoose(10, 5) - log(252)) < 1e-12)
    }

    @Test("the Haldane–Anscombe odds ratio adds one half to every cell")
    func smoothedOddsRatio() {
        #expect(FisherExactTest.smoothedOddsRatio(a: 5, b: 0, c: 0, d: 5) == 121)
        #expect(FisherExactTest.smoothedOddsRatio(a: 2, b: 2, c: 2, d: 2) == 1)
        #expect(abs(FisherExactTest.smoothedOddsRatio(a: 4, b: 0, c: 1, d: 5) - 4.5 * 5.5 / 0.75) < 1e-12)
        #expect(FisherExactTest.smoothedOddsRatio(a: 0, b: 5, c: 5, d: 0) < 1)
    }

    /// A 2 × 2 table and the Woolf 95 % interval of its smoothed odds ratio.
    struct Interval: CustomTestStringConvertible, Sendable {
        var a, b, c, d: Int
        var ratio, low, high: Double
        var testDescription: String { "[[\(a), \(b)], [\(c), \(d)]] → \(ratio) (\(low)–\(high))" }
    }

    /// Reference values computed once with Python on the development machine and copied here:
    /// `python3 -c "import math; a,b,c,d = [x + .5 for x in (A, B, C, D)]; l = math.log(a*d/(b*c));
    /// s = math.sqrt(1/a + 1/b + 1/c + 1/d); print(math.exp(l), math.exp(l - 1.96*s), math.exp(l + 1.96*s))"`.
    static let woolf: [Interval] = [
        Interval(a: 5, b: 0, c: 0, d: 5, ratio: 121, low: 2.016743491320519, high: 7259.723441781584),
        Interval(a: 4, b: 0, c: 1, d: 5, ratio: 33, low: 1.0638715680176358, high: 1023.6197984209577),
        Interval(a: 3, b: 1, c: 2, d: 4, ratio: 4.2, low: 0.3590168128582966, high: 49.13418917504148),
        Interval(a: 10, b: 2, c: 3, d: 15, ratio: 18.6, low: 3.0677797553463213, high: 112.77211129550096),
        Interval(
            a: 0, b: 5, c: 5, d: 0, ratio: 0.008264462809917354, low: 0.00013774629405918434,
            high: 0.49584887929660415),
        Interval(
            a: 120, b: 80, c: 60, d: 140, ratio: 3.476258918946666, low: 2.300462857206754, high: 5.253019423329971),
    ]

    @Test("the Woolf 95 % interval of the smoothed odds ratio matches Python", arguments: woolf)
    func woolfInterval(_ table: Interval) {
        let ratio = FisherExactTest.smoothedOddsRatio(a: table.a, b: table.b, c: table.c, d: table.d)
        let interval = FisherExactTest.smoothedOddsRatioInterval(a: table.a, b: table.b, c: table.c, d: table.d)
        #expect(abs(ratio - table.ratio) <= 1e-12 * table.ratio)
        #expect(abs(interval.lowerBound - table.low) <= 1e-12 * table.low, "got \(interval)")
        #expect(abs(interval.upperBound - table.high) <= 1e-12 * table.high, "got \(interval)")
        #expect(interval.contains(ratio))
        // Symmetric around the estimate on the log scale.
        #expect(abs(log(ratio / interval.lowerBound) - log(interval.upperBound / ratio)) < 1e-9)
    }

    @Test("the smallest possible p-value is 1 / C(failed + worked, failed)")
    func smallestPossible() {
        #expect(abs(FisherExactTest.smallestPossiblePValue(failed: 3, worked: 3) - 0.05) < 1e-12)
        #expect(abs(FisherExactTest.smallestPossiblePValue(failed: 3, worked: 4) - 1.0 / 35) < 1e-12)
    }
}
