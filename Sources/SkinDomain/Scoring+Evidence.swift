/// The evidence criterion: what the catalog's studies of the active earn a product (docs/ranking.md, docs/studies.md).
extension Scorer {
    /// One study as the criterion weighs it for one product.
    private struct WeighedStudy {
        var study: ScoringFacts.StudyFact
        /// The strongest design's share × the route's factor × the concentration factor.
        var weight: Double
        /// The strongest design.
        var design: EvidenceGrade
        /// Whether a positive study tested the active at or below the product's known amount.
        var testedAtOrBelow: Bool
        /// How it was weighed, in words.
        var note: String
    }

    static func evidenceShare(
        _ facts: ScoringFacts, activeName: String, rule: Rubric.EvidenceRule, flags: inout [String]
    ) -> (share: Double, reason: String, studies: [CitedStudy]) {
        guard !facts.studies.isEmpty else {
            flags.append("no studies")
            return (0, "no study of \(activeName) recorded", [])
        }
        let known = facts.amountSource == .declared || facts.amountSource == .printed ? facts.amount?.ppm : nil
        let weighed = facts.studies.compactMap { weigh($0, productPpm: known, rule: rule) }
        let positive = weighed.filter { $0.study.outcome == .positive && $0.weight > 0 }
            .sorted { $0.weight > $1.weight || ($0.weight == $1.weight && $0.study.key < $1.study.key) }
        let against = weighed.filter { $0.study.outcome != .positive && $0.weight > 0 }
            .sorted { $0.weight > $1.weight || ($0.weight == $1.weight && $0.study.key < $1.study.key) }
        var cited: [CitedStudy] = []
        var support = 0.0
        var reasons: [String] = []
        if let strongest = positive.first {
            support = strongest.weight
            cited.append(cite(strongest, share: strongest.weight))
            reasons.append("strongest study of \(activeName): \(strongest.note)")
            for other in positive.dropFirst() {
                let share = rule.agreementShare * other.weight
                support += share
                cited.append(cite(other, share: share))
            }
            if positive.count > 1 { reasons.append("\(positive.count - 1) more agreeing") }
            if let tested = positive.first(where: \.testedAtOrBelow), let known {
                support += rule.testedAtOrBelowShare
                reasons.append(
                    "tested at \(ProductComposition.format(ppm: tested.study.concentrationPpm ?? 0)), at or below "
                        + "this product's \(ProductComposition.format(ppm: known))")
            } else if known == nil {
                reasons.append("the product's amount is not known, so no tested concentration can be matched")
            } else if !positive.contains(where: { $0.study.concentrationPpm != nil }) {
                reasons.append("no study recorded the concentration it tested")
            }
            if strongest.design < .humanObservational { flags.append("no human trial") }
        } else {
            flags.append(against.isEmpty ? "no study counts" : "no positive study")
            reasons.append(
                weighed.contains { $0.weight == 0 && $0.study.outcome == .positive }
                    ? "no positive study of \(activeName) counts for this product (each tested more than it holds)"
                    : "no positive study of \(activeName) recorded")
        }
        support = min(support, 1)
        var share = support
        for study in against {
            let penalty = (study.study.outcome == .null ? rule.nullPenalty : rule.negativePenalty) * study.weight
            let taken = min(share, penalty)
            share -= taken
            cited.append(cite(study, share: -taken))
            reasons.append("\(study.study.outcome.rawValue) result: \(study.note)")
        }
        if !against.isEmpty {
            flags.append("\(against.count) null or negative \(against.count == 1 ? "study" : "studies")")
        }
        return (share, reasons.joined(separator: "; "), cited)
    }

    /// A study's weight for a product whose known amount is `productPpm` (nil when not known); nil for a study with
    /// no design the rubric grades.
    private static func weigh(_ study: ScoringFacts.StudyFact, productPpm: Double?, rule: Rubric.EvidenceRule)
        -> WeighedStudy?
    {
        guard let design = study.designs.max(by: { (rule.designs[$0] ?? 0) < (rule.designs[$1] ?? 0) }) else {
            return nil
        }
        let routeFactor = study.route.map { rule.routes[$0] ?? 0 } ?? rule.unstatedRouteFactor
        var parts = [design.rawValue, study.route?.rawValue ?? "route not stated"]
        var concentrationFactor = 1.0
        var testedAtOrBelow = false
        if let tested = study.concentrationPpm {
            let text = "tested \(ProductComposition.format(ppm: tested))"
            if let productPpm {
                // A positive result at a higher dose does not vouch for a lower one; a null or negative one at a
                // lower dose does not condemn a higher one.
                let speaks = study.outcome == .positive ? tested <= productPpm : tested >= productPpm
                testedAtOrBelow = study.outcome == .positive && speaks
                concentrationFactor = speaks ? 1 : rule.mismatchedConcentrationFactor
                let relation = tested <= productPpm ? "at or below" : "above"
                let weighed = rule.mismatchedConcentrationFactor == 0 ? " (does not count)" : " (counts less)"
                parts.append("\(text), \(relation) this product's" + (speaks ? "" : weighed))
            } else {
                parts.append(text)
            }
        }
        let weight = (rule.designs[design] ?? 0) * routeFactor * concentrationFactor
        return WeighedStudy(
            study: study, weight: weight, design: design, testedAtOrBelow: testedAtOrBelow,
            note: parts.joined(separator: ", "))
    }

    private static func cite(_ weighed: WeighedStudy, share: Double) -> CitedStudy {
        let study = weighed.study
        return CitedStudy(
            key: study.key, citation: study.citation, doi: study.doi,
            link: study.doi.map { "https://doi.org/\($0)" } ?? study.url, outcome: study.outcome,
            share: (share * 1000).rounded() / 1000, note: weighed.note)
    }
}
