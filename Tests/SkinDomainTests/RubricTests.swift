import Foundation
import Testing

@testable import SkinDomain

@Suite("Rubric files")
struct RubricTests {
    /// The default rubric as a mutable JSON object, to break one key at a time.
    private func defaultObject() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Rubric.defaultJSON) as? [String: Any])
    }

    private func error(_ object: [String: Any]) throws -> RubricError? {
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try Rubric(json: data)
            return nil
        } catch {
            return error
        }
    }

    @Test("the default rubric is valid and built from DOMAIN.md section 1")
    func defaultRubric() throws {
        let rubric = Rubric.default
        #expect(rubric.version == 1)
        #expect(rubric.weights.values.reduce(0, +) == 100)
        #expect(rubric.actives["NMN"]?.concentration.thresholdPpm == 1000)
        #expect(rubric.actives["NMN"]?.ingredient == "NICOTINAMIDE MONONUCLEOTIDE")
        #expect(rubric.actives["niacinamide"]?.concentration.thresholdPpm == 20000)
        #expect(rubric.packaging.redFlag == ["clear", "jar"])
        #expect(rubric.active(named: "nmn")?.key == "NMN")
    }

    struct BrokenCase: Sendable, CustomTestStringConvertible {
        let name: String
        let key: String
        let message: String
        let breakIt: @Sendable (inout [String: Any]) -> Void
        var testDescription: String { name }
    }

    @Test(
        "a bad rubric is an error naming the key",
        arguments: [
            BrokenCase(
                name: "weights that do not sum to 100", key: "weights", message: "must sum to 100, they sum to 110"
            ) {
                var weights = $0["weights"] as! [String: Any]
                weights["evidence"] = 20
                $0["weights"] = weights
            },
            BrokenCase(
                name: "a typo", key: "weights.concentraton",
                message: "unknown key; did you mean \"concentration\"?"
            ) {
                var weights = $0["weights"] as! [String: Any]
                weights["concentraton"] = weights.removeValue(forKey: "concentration")
                $0["weights"] = weights
            },
            BrokenCase(name: "an extra key", key: "evidence.bonus", message: "unknown key") {
                var evidence = $0["evidence"] as! [String: Any]
                evidence["bonus"] = 0.1
                $0["evidence"] = evidence
            },
            BrokenCase(name: "a missing key", key: "packaging.base", message: "is missing") {
                var packaging = $0["packaging"] as! [String: Any]
                packaging.removeValue(forKey: "base")
                $0["packaging"] = packaging
            },
            BrokenCase(name: "a string for a number", key: "weights.delivery", message: "must be a number") {
                var weights = $0["weights"] as! [String: Any]
                weights["delivery"] = "fifteen"
                $0["weights"] = weights
            },
            BrokenCase(name: "a boolean for a number", key: "companions.provenShare", message: "must be a number") {
                var companions = $0["companions"] as! [String: Any]
                companions["provenShare"] = true
                $0["companions"] = companions
            },
            BrokenCase(
                name: "a share above 1", key: "delivery.inferredFactor",
                message: "must be between 0 and 1, got 2"
            ) {
                var delivery = $0["delivery"] as! [String: Any]
                delivery["inferredFactor"] = 2
                $0["delivery"] = delivery
            },
            BrokenCase(
                name: "a ceiling below the threshold", key: "actives.NMN.concentration.ceilingPpm",
                message: "must be above thresholdPpm (1000)"
            ) {
                var actives = $0["actives"] as! [String: Any]
                var nmn = actives["NMN"] as! [String: Any]
                var concentration = nmn["concentration"] as! [String: Any]
                concentration["ceilingPpm"] = 500
                nmn["concentration"] = concentration
                actives["NMN"] = nmn
                $0["actives"] = actives
            },
            BrokenCase(
                name: "an unknown delivery system", key: "delivery.systems.nanobots",
                message: "unknown delivery system (use ferment-filtrate, liposomal, peptide-carrier)"
            ) {
                var delivery = $0["delivery"] as! [String: Any]
                var systems = delivery["systems"] as! [String: Any]
                systems["nanobots"] = 1
                delivery["systems"] = systems
                $0["delivery"] = delivery
            },
            BrokenCase(
                name: "a newer format", key: "rubricVersion",
                message: "version 2 is not supported (this skincat reads 1)"
            ) {
                $0["rubricVersion"] = 2
            },
        ])
    func broken(_ testCase: BrokenCase) throws {
        var object = try defaultObject()
        testCase.breakIt(&object)
        let found = try #require(try error(object))
        #expect(found.key == testCase.key)
        #expect(found.message == testCase.message)
    }

    @Test("not JSON at all")
    func notJSON() {
        #expect(throws: RubricError.self) { try Rubric(json: Data("weights: 35".utf8)) }
    }

    @Test("an edited rubric changes the scores and the fingerprint")
    func edited() throws {
        var object = try defaultObject()
        var actives = object["actives"] as! [String: Any]
        var nmn = actives["NMN"] as! [String: Any]
        var concentration = nmn["concentration"] as! [String: Any]
        concentration["thresholdPpm"] = 5000
        nmn["concentration"] = concentration
        actives["NMN"] = nmn
        object["actives"] = actives
        let strict = try Rubric(json: try JSONSerialization.data(withJSONObject: object))
        #expect(strict.fingerprint != Rubric.default.fingerprint)
        let facts = ScoringFacts(
            amount: Amount(ppm: 4000), amountSource: .declared, deliveries: [],
            provenCompanions: [], samePathwayCompanions: [], packaging: [.airless],
            packagingDescribed: true, studies: [])
        let lenient = Scorer.score(
            facts, activeName: "NMN", active: Rubric.default.actives["NMN"]!,
            rubric: .default)
        let severe = Scorer.score(facts, activeName: "NMN", active: strict.actives["NMN"]!, rubric: strict)
        #expect(severe.flags.contains("below 5,000 ppm"))
        #expect(severe.points(.concentration) < lenient.points(.concentration))
    }
}
