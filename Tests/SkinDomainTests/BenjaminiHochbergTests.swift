import SkinDomain
import TestSupport
import Testing

@Suite("Benjamini–Hochberg q-values")
struct BenjaminiHochbergTests {
    /// A family of p-values and their q-values.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var p: [Double]
        var q: [Double]
        var testDescription: String { name }
    }

    /// Reference values from SciPy 1.17, computed once on the development machine and copied here:
    /// `python3 -c "import scipy.stats as st; print(list(st.false_discovery_control(P, method='bh')))"`.
    static let scipy: [Case] = [
        Case(
            name: "unsorted, with ties", p: [0.005, 0.2, 0.005, 0.9, 0.041, 0.3, 0.012, 1.0],
            q: [0.02, 0.32000000000000006, 0.02, 1.0, 0.082, 0.39999999999999997, 0.032, 1.0]),
        Case(name: "one test", p: [0.5], q: [0.5]),
        Case(name: "all large: every q is the largest p", p: [0.9, 0.95, 0.99], q: [0.99, 0.99, 0.99]),
        Case(
            name: "twin features and ubiquitous-like ones",
            p: [1.0 / 252, 1.0 / 252, 0.2222222222, 0.2222222222, 0.26, 1.0, 1.0, 0.6],
            q: [
                0.015873015873015872, 0.015873015873015872, 0.41600000000000004, 0.41600000000000004,
                0.41600000000000004, 1.0, 1.0, 0.7999999999999999,
            ]),
        Case(
            name: "a strong trigger, a weak one and four balanced features",
            p: [
                5.412544112234515e-06, 0.043343653250773995, 0.6718591006516704, 0.6718591006516704,
                0.6718591006516704, 0.6718591006516704,
            ],
            q: [
                3.247526467340709e-05, 0.13003095975232198, 0.6718591006516704, 0.6718591006516704,
                0.6718591006516704, 0.6718591006516704,
            ]),
    ]

    @Test("q-values match SciPy's false_discovery_control(method='bh')", arguments: scipy)
    func matchesSciPy(_ family: Case) {
        let q = BenjaminiHochberg.qValues(family.p)
        #expect(q.count == family.q.count)
        for (got, expected) in zip(q, family.q) {
            #expect(abs(got - expected) <= 1e-12 * expected, "got \(q)")
        }
    }

    @Test("a hand-worked example from the definition")
    func handWorked() {
        // m = 4. Sorted: 0.01 (rank 1), 0.03 (rank 2), 0.04 (rank 3), 0.20 (rank 4).
        // m · p / rank: 4 · 0.01 / 1 = 0.04, 4 · 0.03 / 2 = 0.06, 4 · 0.04 / 3 = 0.0533…, 4 · 0.20 / 4 = 0.20.
        // Step-up, the minimum over that rank and every larger one: rank 4 → 0.20, rank 3 → 0.0533…,
        // rank 2 → min(0.06, 0.0533…) = 0.0533…, rank 1 → min(0.04, 0.0533…) = 0.04.
        // Back in the input order: [0.04, 0.0533…, 0.0533…, 0.20].
        let q = BenjaminiHochberg.qValues([0.01, 0.04, 0.03, 0.20])
        let expected = [0.04, 0.16 / 3, 0.16 / 3, 0.20]
        for (got, want) in zip(q, expected) { #expect(abs(got - want) < 1e-15, "got \(q)") }
    }

    @Test("q is at least p, at most 1, monotone in p; no tests give no q-values")
    func properties() {
        var generator = SplitMix64(seed: 11)
        let p = (0..<200).map { _ in Double(generator.next() % 1_000_001) / 1_000_000 }
        let q = BenjaminiHochberg.qValues(p)
        #expect(zip(p, q).allSatisfy { $0 <= $1 && $1 <= 1 })
        let order = p.indices.sorted { p[$0] < p[$1] }
        #expect(zip(order, order.dropFirst()).allSatisfy { q[$0] <= q[$1] })
        #expect(BenjaminiHochberg.qValues([0.001, 0.9, 1]).allSatisfy { $0 <= 1 })
        #expect(BenjaminiHochberg.qValues([]).isEmpty)
    }
}
