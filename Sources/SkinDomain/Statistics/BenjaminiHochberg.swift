/// Benjamini–Hochberg q-values: p-values corrected for the number of tests, controlling the false discovery rate
/// (the ingredient-pattern analyser's correction; docs/patterns.md).
///
/// Testing many ingredients at once, a few reach a small p-value by chance alone. The false discovery rate is the
/// expected share of chance findings among the tests called significant. With m tests and the p-values sorted,
/// p₍₁₎ ≤ … ≤ p₍ₘ₎, the q-value of the test of rank i is
///
///     q₍ᵢ₎ = min over j ≥ i of  min(1, m · p₍ⱼ₎ / j)
///
/// the step-up of Benjamini and Hochberg (1995): calling significant every test with q < α keeps the expected
/// share of chance findings among them at most α. Taking the minimum over the larger p-values makes q monotone
/// in p, and tied p-values share one q. The guarantee is proven for independent or positively dependent tests;
/// with discrete tests such as Fisher's exact test it is conservative (the true rate is lower than α).
/// SciPy's `false_discovery_control(p, method="bh")` computes the same numbers.
///
/// ```swift
/// BenjaminiHochberg.qValues([0.01, 0.04, 0.03, 0.20])   // [0.04, 0.0533…, 0.0533…, 0.20]
/// ```
public enum BenjaminiHochberg {
    /// The q-value of every p-value, in the order given.
    ///
    /// - Parameter pValues: the p-values of all the tests of one family, each in [0, 1]; the order does not
    ///   matter, and the family is every test that was run, not only the promising ones.
    /// - Returns: one q-value per p-value, in the same order; each is at least its p-value and at most 1. Empty
    ///   for no tests.
    public static func qValues(_ pValues: [Double]) -> [Double] {
        precondition(pValues.allSatisfy { $0 >= 0 && $0 <= 1 }, "a p-value lies in [0, 1]")
        let count = Double(pValues.count)
        // Ranks by p-value; tied p-values end with the same q whatever their order.
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var qValues = [Double](repeating: 1, count: pValues.count)
        var smallestAbove = 1.0
        for (offset, index) in order.enumerated().reversed() {
            smallestAbove = min(smallestAbove, pValues[index] * count / Double(offset + 1))
            qValues[index] = smallestAbove
        }
        return qValues
    }
}
