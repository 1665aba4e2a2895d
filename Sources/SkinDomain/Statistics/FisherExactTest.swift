import Foundation

/// Fisher's exact test on a 2 × 2 table, one-sided, with the Haldane–Anscombe smoothed odds ratio: the association
/// measure of the ingredient-pattern analyser (docs/patterns.md).
///
/// The table counts a person's rated products by outcome and by whether they contain an ingredient:
///
/// |                      | failed | worked |
/// |----------------------|--------|--------|
/// | contain it           | a      | b      |
/// | do not contain it    | c      | d      |
///
/// With the margins fixed, the number of failed products containing the ingredient follows the hypergeometric
/// distribution: N = a + b + c + d products, K = a + b contain it, n = a + c failed,
///
///     P(X = x) = C(K, x) · C(N − K, n − x) / C(N, n)
///
/// and the one-sided p-value for over-representation among failures is P(X ≥ a), the chance of seeing at least
/// `a` of the failures contain it if the ingredient had nothing to do with the outcome. The test is exact: it
/// needs no large-sample approximation, so it stays honest with a handful of verdicts (scipy's
/// `fisher_exact(table, alternative="greater")` computes the same number).
///
/// ```swift
/// let p = FisherExactTest.pValue(a: 5, b: 0, c: 0, d: 5)        // 1/252 ≈ 0.00397
/// let ratio = FisherExactTest.smoothedOddsRatio(a: 5, b: 0, c: 0, d: 5)  // 121
/// ```
public enum FisherExactTest {
    /// The one-sided (greater) p-value P(X ≥ a). Terms are summed in log space around the largest one, so
    /// tables with hundreds of products neither overflow nor underflow.
    ///
    /// - Parameters: the four cells of the table (see the type's documentation); all must be 0 or more.
    /// - Returns: a probability in [0, 1]; exactly 1 when `a` is the smallest count the margins allow (for
    ///   example when every product contains the ingredient).
    public static func pValue(a: Int, b: Int, c: Int, d: Int) -> Double {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "a 2 × 2 table has no negative cells")
        let total = a + b + c + d
        let containing = a + b
        let failed = a + c
        let lowest = max(0, failed - (total - containing))
        let highest = min(containing, failed)
        if a <= lowest { return 1 }
        let logDenominator = logChoose(total, failed)
        let terms = (a...highest).map { x in
            logChoose(containing, x) + logChoose(total - containing, failed - x) - logDenominator
        }
        guard let largest = terms.max() else { return 1 }
        let sum = terms.reduce(0) { $0 + exp($1 - largest) }
        return min(1, exp(largest + log(sum)))
    }

    /// The Haldane–Anscombe odds ratio: 0.5 added to every cell, so a zero cell gives a finite, shrunk estimate
    /// rather than 0 or infinity:
    ///
    ///     OR = ((a + ½)(d + ½)) / ((b + ½)(c + ½))
    ///
    /// Above 1: the ingredient is more common among failures than among successes.
    public static func smoothedOddsRatio(a: Int, b: Int, c: Int, d: Int) -> Double {
        ((Double(a) + 0.5) * (Double(d) + 0.5)) / ((Double(b) + 0.5) * (Double(c) + 0.5))
    }

    /// The 95 % confidence interval of the smoothed odds ratio by Woolf's log method, on the same table with 0.5
    /// added to every cell:
    ///
    ///     exp(ln OR ± z · √(1/(a+½) + 1/(b+½) + 1/(c+½) + 1/(d+½))),  z = 1.96
    ///
    /// It is an approximation (ln OR taken as normal) and two-sided, so it answers a different question from the
    /// one-sided exact p-value: with few products it is wide, and it can reach below 1 when p is just under 0.05.
    /// It says how large the association plausibly is; the p-value says whether there is one.
    ///
    /// ```swift
    /// FisherExactTest.smoothedOddsRatioInterval(a: 5, b: 0, c: 0, d: 5)   // 2.02...7260
    /// ```
    /// - Parameters: the four cells of the table, 0 or more; `z` the normal quantile (1.96 for 95 %).
    /// - Returns: the interval; it always contains ``smoothedOddsRatio(a:b:c:d:)``.
    public static func smoothedOddsRatioInterval(a: Int, b: Int, c: Int, d: Int, z: Double = 1.96)
        -> ClosedRange<Double>
    {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "a 2 × 2 table has no negative cells")
        let cells = [a, b, c, d].map { Double($0) + 0.5 }
        let logRatio = log(smoothedOddsRatio(a: a, b: b, c: c, d: d))
        let standardError = cells.map { 1 / $0 }.reduce(0, +).squareRoot()
        return exp(logRatio - z * standardError)...exp(logRatio + z * standardError)
    }

    /// The smallest p-value any ingredient could reach with `failed` failures and `worked` successes: that of an
    /// ingredient in every failure and in no success, 1 / C(failed + worked, failed).
    public static func smallestPossiblePValue(failed: Int, worked: Int) -> Double {
        exp(-logChoose(failed + worked, failed))
    }

    // MARK: - Log-gamma and binomial coefficients

    /// ln C(n, k), the binomial coefficient in log space; −infinity outside 0 ≤ k ≤ n.
    public static func logChoose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return -.infinity }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k)
    }

    /// ln n!, summed exactly (as doubles) below 256 and from ``logGamma(_:)`` above.
    public static func logFactorial(_ n: Int) -> Double {
        precondition(n >= 0, "no factorial of a negative number")
        return n < smallLogFactorials.count ? smallLogFactorials[n] : logGamma(Double(n) + 1)
    }

    private static let smallLogFactorials: [Double] = {
        var table = [0.0]
        for k in 1..<256 { table.append(table[k - 1] + log(Double(k))) }
        return table
    }()

    /// ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, nine coefficients; relative error about 1e-15),
    /// with the reflection formula Γ(x)Γ(1 − x) = π / sin(πx) below one half.
    public static func logGamma(_ x: Double) -> Double {
        precondition(x > 0, "logGamma is defined here for x > 0")
        if x < 0.5 { return log(Double.pi / sin(Double.pi * x)) - logGamma(1 - x) }
        let shifted = x - 1
        var series = lanczos[0]
        for index in 1..<lanczos.count { series += lanczos[index] / (shifted + Double(index)) }
        let t = shifted + 7.5
        return 0.5 * log(2 * Double.pi) + (shifted + 0.5) * log(t) - t + log(series)
    }

    private static let lanczos: [Double] = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ]
}
