import Foundation
import Testing

@testable import SkinDomain

/// The evidence criterion graded from studies (docs/ranking.md, docs/studies.md), on purpose-built studies.
@Suite("Evidence grading: design, route, concentration, outcome and agreement")
struct EvidenceGradingTests {
    static let rubric = Rubric.default
    static let nmn = Rubric.default.actives["NMN"]!

    /// A study of NMN at `percent` (nil when not stated).
    static func study(
        _ designs: [EvidenceGrade], route: StudyRoute? = .topical, percent: Double? = 0.5,
        outcome: StudyOutcome = .positive, key: String = "doi:10.1000/t"
    ) -> ScoringFacts.StudyFact {
        ScoringFacts.StudyFact(
            designs: designs, concentrationPpm: percent.map { $0 * 10_000 }, route: route, outcome: outcome,
            key: key, citation: "A trial. J 2026. \(key)", doi: key.hasPrefix("doi:") ? String(key.dropFirst(4)) : nil)
    }

    /// The shipped NMN studies as the catalog gives them: no concentration, animal and membrane designs.
    static let shippedNMN: [ScoringFacts.StudyFact] = [
        study([.cells, .animal], route: nil, percent: nil, key: "doi:10.1007/s43630-025-00692-0"),
        study([.animal], route: .oral, percent: nil, key: "title:nmn supplementation in mice|"),
        study([.cells, .syntheticMembrane], route: nil, percent: nil, key: "title:permeation|2025"),
        study([.animal], route: .injection, percent: nil, key: "doi:10.2147/jir.s327329"),
    ]

    /// The evidence points of a product declaring `percent` NMN (nil: undisclosed) under these studies.
    static func points(_ percent: Double?, _ studies: [ScoringFacts.StudyFact], rubric: Rubric = rubric) -> Double {
        score(percent, studies, rubric: rubric).points(.evidence)
    }

    static func score(_ percent: Double?, _ studies: [ScoringFacts.StudyFact], rubric: Rubric = rubric)
        -> ProductScore
    {
        let facts = ScoringFacts(
            amount: percent.map { Amount(ppm: $0 * 10_000) }, amountSource: percent == nil ? nil : .declared,
            deliveries: [], provenCompanions: [], samePathwayCompanions: [], packaging: [], packagingDescribed: false,
            studies: studies)
        return Scorer.score(facts, activeName: "NMN", active: nmn, rubric: rubric)
    }

    @Test("a topical human trial at 0.5 % lifts a 0.5 % product's evidence points, not a 0.1 % one's")
    func concentrationMatters() {
        let trial = Self.study([.humanRCT], route: .topical, percent: 0.5)
        let atHalf = Self.points(0.5, Self.shippedNMN + [trial])
        #expect(atHalf > Self.points(0.5, Self.shippedNMN))
        #expect(Self.points(0.1, Self.shippedNMN + [trial]) == Self.points(0.1, Self.shippedNMN))
        // And exactly as documented: the trial is the heaviest (0.8), the four others agree (0.25 × their weights),
        // it tested at or below the product's amount (+0.2): over 1, so the full 10 points.
        #expect(atHalf == 10)
        let cited = Self.score(0.5, Self.shippedNMN + [trial]).evidenceStudies
        #expect(cited.first?.key == "doi:10.1000/t" && cited.first?.link == "https://doi.org/10.1000/t")
        #expect(!Self.score(0.1, Self.shippedNMN + [trial]).evidenceStudies.contains { $0.key == "doi:10.1000/t" })
    }

    @Test("a null result lowers the points, a negative one lowers them more; neither ever raises them")
    func nullAndNegative() {
        let trial = Self.study([.humanRCT], key: "doi:10.1000/positive")
        let base = Self.points(0.5, [trial])
        let null = Self.points(0.5, [trial, Self.study([.humanRCT], outcome: .null, key: "doi:10.1000/null")])
        let negative = Self.points(0.5, [trial, Self.study([.humanRCT], outcome: .negative, key: "doi:10.1000/neg")])
        #expect(null < base)
        #expect(negative < null)
        // 0.8 + 0.2 (tested at or below) = 1, less 0.5 × 0.8 for the null trial: 0.6 of 10 points.
        #expect(null == 6)
        // Alone, a null study earns nothing, and never goes below 0.
        #expect(Self.points(0.5, [Self.study([.humanRCT], outcome: .null)]) == 0)
        // A null study at a lower dose than the product's does not condemn it.
        let lowNull = Self.study([.humanRCT], percent: 0.1, outcome: .null, key: "doi:10.1000/low")
        #expect(Self.points(0.5, [trial, lowNull]) == base)
        #expect(Self.score(0.5, [trial, lowNull]).evidenceStudies.map(\.key) == ["doi:10.1000/positive"])
    }

    @Test("an oral study counts less than a topical one; an injected one as the rubric's routes say")
    func route() {
        let topical = Self.points(0.5, [Self.study([.humanRCT], route: .topical)])
        let oral = Self.points(0.5, [Self.study([.humanRCT], route: .oral)])
        let injected = Self.points(0.5, [Self.study([.humanRCT], route: .injection)])
        #expect(oral < topical)
        #expect(injected < topical)
        // 0.8 × 0.5 + 0.2 = 0.6 against 0.8 + 0.2 = 1.
        #expect(oral == 6 && topical == 10)
        // And beside the shipped studies too.
        #expect(
            Self.points(0.5, Self.shippedNMN + [Self.study([.humanRCT], route: .oral)])
                < Self.points(0.5, Self.shippedNMN + [Self.study([.humanRCT], route: .topical)]))
    }

    @Test("more independent studies that agree earn more, up to the weight")
    func agreement() {
        let one = Self.points(nil, [Self.study([.animal], key: "doi:10.1000/a")])
        let two = Self.points(
            nil, [Self.study([.animal], key: "doi:10.1000/a"), Self.study([.animal], key: "doi:10.1000/b")])
        #expect(one == 3)
        #expect(two == 3.8)  // 0.3 + 0.25 × 0.3
    }

    @Test("the shipped NMN studies: the membrane study leads, the others agree; no concentration to match")
    func shippedNMN() {
        let score = Self.score(0.4, Self.shippedNMN)
        // 0.4 + 0.25 × (0.3 + 0.15 + 0.15) = 0.55
        #expect(score.points(.evidence) == 5.5)
        #expect(score.flags.contains("no human trial"))
        #expect(score.evidenceStudies.count == 4)
        #expect(
            score.criteria.first { $0.criterion == .evidence }?.reason.contains("no study recorded the concentration")
                == true)
    }

    @Test("a rubric file written before studies were data still loads, with the documented defaults")
    func oldRubricLoads() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Rubric.defaultJSON) as? [String: Any])
        object["evidence"] = [
            "designs": [
                "cells": 0.2, "animal": 0.3, "synthetic-membrane": 0.4, "human-observational": 0.6, "human-rct": 0.8,
                "review": 0.8,
            ],
            "testedAtOrBelowShare": 0.2,
        ]
        let old = try Rubric(json: try JSONSerialization.data(withJSONObject: object))
        #expect(old.evidence.routes == Rubric.default.evidence.routes)
        #expect(old.evidence.agreementShare == 0.25 && old.evidence.nullPenalty == 0.5)
        #expect(old.evidence.negativePenalty == 1 && old.evidence.mismatchedConcentrationFactor == 0)
        #expect(old.evidence.unstatedRouteFactor == 1)
        // The new keys are read, and checked.
        var evidence = try #require(object["evidence"] as? [String: Any])
        evidence["routes"] = ["oral": 0.2]
        evidence["mismatchedConcentrationFactor"] = 0.5
        object["evidence"] = evidence
        let tuned = try Rubric(json: try JSONSerialization.data(withJSONObject: object))
        #expect(tuned.evidence.routes[.oral] == 0.2 && tuned.evidence.routes[.topical] == 1)
        #expect(Self.points(0.1, [Self.study([.humanRCT], percent: 0.5)], rubric: tuned) == 4)
        evidence["routes"] = ["nasal": 0.2]
        object["evidence"] = evidence
        #expect(throws: RubricError.self) { try Rubric(json: try JSONSerialization.data(withJSONObject: object)) }
        evidence["routes"] = nil
        evidence["nullPenalty"] = 0.8
        evidence["negativePenalty"] = 0.4
        object["evidence"] = evidence
        #expect(throws: RubricError(key: "evidence.negativePenalty", message: "must not be below nullPenalty")) {
            try Rubric(json: try JSONSerialization.data(withJSONObject: object))
        }
    }
}
