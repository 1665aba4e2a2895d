/// What the scorer needs to know about one product for one active, read off its label by the catalog.
public struct ScoringFacts: Sendable {
    /// The active's amount when known (declared on the label or printed in the list), or an inferred upper bound.
    public var amount: Amount?
    /// `declared`, `printed`, `inferred` (then ``amount`` is an upper bound), or nil when undisclosed.
    public var amountSource: AmountSource?
    /// The delivery systems of the product, declared on the label or inferred from its INCI list; empty for a plain
    /// base.
    public var deliveries: [Delivery]
    /// Proven companions present, as labels (`niacinamide`, `peptide: PALMITOYL PENTAPEPTIDE-4`).
    public var provenCompanions: [String]
    /// Same-pathway companions present.
    public var samePathwayCompanions: [String]
    /// The packaging attributes the label describes; empty when it describes none (see ``packagingDescribed``).
    public var packaging: Packaging
    /// Whether the label describes the packaging at all.
    public var packagingDescribed: Bool
    /// The studies of the active: their designs and the concentration each tested (ppm), if known.
    public var studies: [StudyFact]
    /// The amount the product's name states for the active (``AmountSource/named``), with the text that states it
    /// (`Niacinamide 10%`); nil when the name states none.
    public var namedAmount: (amount: Amount, text: String)?
    /// What the list's order says of the active's amount (``ListOrderBounds``); nil when unknown or unbounded.
    public var interval: ConcentrationInterval?
    /// Why the active is listed before a known 1 % line (`Phenoxyethanol capped at 1 % by Annex V ref 29`): a
    /// likelihood that it is over 1 %, never a bound; nil when it is not, or the list has no known 1 % line.
    public var beforeOnePercentLine: String?

    /// One study of the active, as the evidence criterion weighs it.
    public struct StudyFact: Sendable, Equatable {
        /// The study's designs (in vitro, animal, human trial, ...), as grades.
        public var designs: [EvidenceGrade]
        /// The concentration the study tested, in ppm; nil when the study does not say.
        public var concentrationPpm: Double?
        /// How the study gave the active; nil when not stated.
        public var route: StudyRoute?
        /// What it found.
        public var outcome: StudyOutcome
        /// The study's key in the catalog (`doi:...`); empty for a study that has none.
        public var key: String
        /// The study's citation (``StudyKey/citation(title:authors:journal:year:doi:pmid:url:)``); empty when unknown.
        public var citation: String
        /// The study's DOI; nil when not known.
        public var doi: String?
        /// A link to the article; nil when none.
        public var url: String?

        /// A study; each argument sets the property of the same name.
        public init(
            designs: [EvidenceGrade], concentrationPpm: Double?, route: StudyRoute? = nil,
            outcome: StudyOutcome = .positive, key: String = "", citation: String = "", doi: String? = nil,
            url: String? = nil
        ) {
            self.designs = designs
            self.concentrationPpm = concentrationPpm
            self.route = route
            self.outcome = outcome
            self.key = key
            self.citation = citation
            self.doi = doi
            self.url = url
        }
    }

    /// The facts for one product and one active; each argument sets the property of the same name, and the name's
    /// amount, the list-order interval and the 1 % line start as nil.
    public init(
        amount: Amount?, amountSource: AmountSource?, deliveries: [Delivery], provenCompanions: [String],
        samePathwayCompanions: [String], packaging: Packaging, packagingDescribed: Bool,
        studies: [StudyFact]
    ) {
        self.amount = amount
        self.amountSource = amountSource
        self.deliveries = deliveries
        self.provenCompanions = provenCompanions
        self.samePathwayCompanions = samePathwayCompanions
        self.packaging = packaging
        self.packagingDescribed = packagingDescribed
        self.studies = studies
    }
}

/// Which kind of evidence a concentration score rests on, strongest first (docs/ranking.md;
/// docs/concentration-evidence.md).
public enum ConcentrationEvidenceKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// An amount declared on the label.
    case declared
    /// An amount printed in the INCI list.
    case printed
    /// An amount the product's name states: a brand's claim the list does not contradict.
    case named
    /// An interval from the list's order (``ListOrderBounds``), or a legacy inferred upper bound.
    case listOrder
    /// Nothing: listed without an amount and without a bound.
    case undisclosed
}

/// The points one criterion earned, out of its weight, and why.
public struct CriterionScore: Sendable, Codable, Equatable {
    /// The criterion these points are for.
    public var criterion: Rubric.Criterion
    /// The points earned, from 0 to ``maximum``, rounded to one decimal.
    public var points: Double
    /// The most the criterion can earn: its weight in the rubric.
    public var maximum: Double
    /// Why the criterion earned these points, in words (`NMN 4,000 ppm declared: above the 1,000 ppm threshold, ...`).
    public var reason: String
}

/// A product's score under a rubric: the total, each criterion's points with the reason, and the flags.
public struct ProductScore: Sendable, Codable, Equatable {
    /// 0 to 100, the sum of the criteria's points.
    public var total: Double
    /// The points of each criterion, in the order of ``Rubric/Criterion``'s cases.
    public var criteria: [CriterionScore]
    /// Warnings in words: `below 1,000 ppm`, `clear jar: red flag`, `amount undisclosed`,
    /// `named 10 %, unconfirmed by the list`, `<= 1 % by list order`, ...
    public var flags: [String]
    /// The kind of evidence the concentration criterion used.
    public var concentrationEvidence: ConcentrationEvidenceKind
    /// The studies that moved the evidence points, strongest first: what `explain`, `show` and the HTML report
    /// cite. Empty when no study counted.
    public var evidenceStudies: [CitedStudy] = []

    private enum CodingKeys: String, CodingKey {
        case total, criteria, flags, concentrationEvidence, evidenceStudies
    }

    /// The points of one criterion.
    public func points(_ criterion: Rubric.Criterion) -> Double {
        criteria.first { $0.criterion == criterion }?.points ?? 0
    }
}

extension ProductScore {
    /// Reads a score; `evidenceStudies` may be missing (a score written before studies were cited).
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        total = try container.decode(Double.self, forKey: .total)
        criteria = try container.decode([CriterionScore].self, forKey: .criteria)
        flags = try container.decode([String].self, forKey: .flags)
        concentrationEvidence = try container.decode(ConcentrationEvidenceKind.self, forKey: .concentrationEvidence)
        evidenceStudies = try container.decodeIfPresent([CitedStudy].self, forKey: .evidenceStudies) ?? []
    }
}

/// A study that moved a product's evidence points, as it is cited.
public struct CitedStudy: Sendable, Codable, Equatable {
    /// The study's key in the catalog (`doi:10.1007/...`).
    public var key: String
    /// Its citation (`Title. Journal 2025. doi:...`).
    public var citation: String
    /// Its DOI; nil when not known.
    public var doi: String?
    /// A link to it: the DOI's at doi.org, else the study's URL; nil when there is neither.
    public var link: String?
    /// What it found.
    public var outcome: StudyOutcome
    /// Its share of the evidence criterion (0 to 1): positive for a study that raised it, negative for one that
    /// lowered it.
    public var share: Double
    /// How it was weighed, in words (`human-rct, topical, tested 5,000 ppm: at or below this product's`).
    public var note: String
}

/// Scores a product by the label criteria of a rubric. Pure: the catalog gathers the facts.
///
/// Each criterion earns a share between 0 and 1 of its weight (docs/ranking.md):
/// - concentration, from the best evidence (declared > printed > named > list order; docs/concentration-evidence.md):
///   an amount `A` declared or printed earns its evidence weight × `s(A)`, where `s` is: below the threshold,
///   `belowThresholdShare × A / threshold`; from the threshold to the ceiling, linearly from `atThresholdShare`
///   to 1; above the ceiling, 1. An amount the name states (`named`) earns the `named` weight × `s(A)` unless the
///   list's order contradicts it (then the label wins and the name is only a flag). With bounds from the list's
///   order only, the conservative estimate: a lower bound `L` earns `max(undisclosedShare, listOrder × s(L))`; an
///   upper bound `U` below the threshold earns `min(s(U), undisclosedShare)` (as if the active were at its most);
///   anything else, or nothing, `undisclosedShare`. Being listed before the 1 % line is a likelihood only: it is
///   said in the reason and a flag, and scores as undisclosed;
/// - delivery: the best system's share, times `inferredFactor` when inferred rather than declared; a plain base 0;
/// - companions: `provenShare` per proven companion plus `samePathwayShare` per same-pathway one, at most 1;
/// - packaging: `base` plus each attribute's share, between 0 and 1; a red-flag combination (a clear jar) 0;
///   undescribed packaging 0;
/// - evidence: from the catalog's studies of the active (docs/ranking.md, docs/studies.md): each study weighs its
///   strongest design's share × its route's factor × a concentration factor; the strongest positive study, plus
///   `agreementShare` × each other positive study's weight, plus `testedAtOrBelowShare` when a positive study tested
///   the active at or below the product's known amount, at most 1; then each null or negative study takes off its
///   penalty × its weight, never below 0.
/// Points are rounded to one decimal, and the total is the sum of the rounded points.
public enum Scorer {
    /// Scores one product for one active.
    /// - Parameters:
    ///   - facts: What the catalog read off the product's label for the active.
    ///   - activeName: The active's name as the user gave it (`NMN`), used in reasons and flags.
    ///   - active: The rubric's rule for the active.
    ///   - rubric: The rubric whose weights and rules apply.
    /// - Returns: The total (0 to 100), the points and reason of each criterion, and the flags.
    public static func score(_ facts: ScoringFacts, activeName: String, active: Rubric.Active, rubric: Rubric)
        -> ProductScore
    {
        var flags: [String] = []
        var criteria: [CriterionScore] = []
        func add(_ criterion: Rubric.Criterion, share: Double, reason: String) {
            let maximum = rubric.weights[criterion] ?? 0
            let points = (maximum * min(max(share, 0), 1) * 10).rounded() / 10
            criteria.append(CriterionScore(criterion: criterion, points: points, maximum: maximum, reason: reason))
        }

        let concentration = concentrationShare(
            facts, activeName: activeName, rule: active.concentration, weights: rubric.amountEvidence,
            flags: &flags)
        add(.concentration, share: concentration.share, reason: concentration.reason)
        let delivery = deliveryShare(facts, rule: rubric.delivery, flags: &flags)
        add(.delivery, share: delivery.share, reason: delivery.reason)
        let companions = companionShare(facts, activeName: activeName, rule: rubric.companions, flags: &flags)
        add(.companions, share: companions.share, reason: companions.reason)
        let packaging = packagingShare(facts, rule: rubric.packaging, flags: &flags)
        add(.packaging, share: packaging.share, reason: packaging.reason)
        let evidence = evidenceShare(facts, activeName: activeName, rule: rubric.evidence, flags: &flags)
        add(.evidence, share: evidence.share, reason: evidence.reason)

        let total = (criteria.map(\.points).reduce(0, +) * 10).rounded() / 10
        return ProductScore(
            total: total, criteria: criteria, flags: flags, concentrationEvidence: concentration.evidence,
            evidenceStudies: evidence.studies)
    }

    private static func ppm(_ value: Double) -> String { ProductComposition.format(ppm: value) }

    private static func concentrationShare(
        _ facts: ScoringFacts, activeName: String, rule: Rubric.ConcentrationRule,
        weights: Rubric.AmountEvidenceWeights, flags: inout [String]
    ) -> ConcentrationShare {
        let scale = ConcentrationScale(rule: rule)
        let interval = facts.interval.flatMap { $0.isUnbounded ? nil : $0 }
        // 1. An amount on the label: declared or printed.
        if let share = labelShare(facts, activeName: activeName, scale: scale, weights: weights, flags: &flags) {
            return share
        }
        // 2. An amount the name states, unless the list's order contradicts it (then the label wins).
        if let named = facts.namedAmount,
            let share = namedShare(
                named, interval: interval, activeName: activeName, scale: scale, weight: weights.named, flags: &flags)
        {
            return share
        }
        // 3. Bounds from the list's order.
        if let interval,
            let share = listOrderShare(
                interval, activeName: activeName, scale: scale, weight: weights.listOrder, flags: &flags)
        {
            return share
        }
        // A legacy inferred upper bound (a caller that gives no interval).
        if let amount = facts.amount, facts.amountSource == .inferred {
            return inferredBoundShare(amount, activeName: activeName, scale: scale, flags: &flags)
        }
        // 4. Nothing.
        flags.append("amount undisclosed")
        if let line = facts.beforeOnePercentLine {
            flags.append("likely over 1 % (before the 1 % line)")
            return (
                rule.undisclosedShare,
                "\(activeName) listed without an amount (undisclosed); likely over 1 %: listed before \(line)",
                .undisclosed
            )
        }
        return (rule.undisclosedShare, "\(activeName) listed without an amount (undisclosed)", .undisclosed)
    }

    /// The concentration share, its reason and the evidence it rests on.
    private typealias ConcentrationShare = (share: Double, reason: String, evidence: ConcentrationEvidenceKind)

    /// What an amount earns under an active's concentration rule, and how it stands against the rule, in words.
    private struct ConcentrationScale {
        let rule: Rubric.ConcentrationRule
        /// The threshold as text (`1,000 ppm`).
        let threshold: String

        init(rule: Rubric.ConcentrationRule) {
            self.rule = rule
            threshold = Scorer.ppm(rule.thresholdPpm)
        }

        /// The share of an amount below the threshold.
        func below(_ amount: Double) -> Double { rule.belowThresholdShare * amount / rule.thresholdPpm }

        /// The share an amount would earn if it were known exactly.
        func exact(_ amount: Double) -> Double {
            if amount < rule.thresholdPpm { return below(amount) }
            if amount >= rule.ceilingPpm { return 1 }
            let progress = (amount - rule.thresholdPpm) / (rule.ceilingPpm - rule.thresholdPpm)
            return rule.atThresholdShare + (1 - rule.atThresholdShare) * progress
        }

        func standing(_ amount: Double) -> String {
            if amount < rule.thresholdPpm { return "below the \(threshold) threshold (likely window-dressing)" }
            if amount >= rule.ceilingPpm { return "at or above the \(Scorer.ppm(rule.ceilingPpm)) ceiling" }
            let progress = (amount - rule.thresholdPpm) / (rule.ceilingPpm - rule.thresholdPpm)
            return "above the \(threshold) threshold, \((progress * 100).rounded().plainText) % of the way to the "
                + "\(Scorer.ppm(rule.ceilingPpm)) ceiling"
        }
    }

    /// A declared or printed amount, weighed by its source; nil when the label states none.
    private static func labelShare(
        _ facts: ScoringFacts, activeName: String, scale: ConcentrationScale, weights: Rubric.AmountEvidenceWeights,
        flags: inout [String]
    ) -> ConcentrationShare? {
        guard let amount = facts.amount, let source = facts.amountSource, source == .declared || source == .printed
        else { return nil }
        if amount.isApproximate { flags.append("approximate amount (mg/mL)") }
        if let named = facts.namedAmount, named.amount.ppm != amount.ppm {
            flags.append("named \(ListOrderBounds.format(ppm: named.amount.ppm)), the label says \(ppm(amount.ppm))")
        }
        if amount.ppm < scale.rule.thresholdPpm { flags.append("below \(scale.threshold)") }
        let weight = source == .declared ? weights.declared : weights.printed
        return (
            weight * scale.exact(amount.ppm),
            "\(activeName) \(ppm(amount.ppm)) \(source.rawValue): \(scale.standing(amount.ppm))",
            source == .declared ? .declared : .printed
        )
    }

    /// The amount the name states, weighed as `named`; nil (after a flag) when the list's order contradicts it.
    private static func namedShare(
        _ named: (amount: Amount, text: String), interval: ConcentrationInterval?, activeName: String,
        scale: ConcentrationScale, weight: Double, flags: inout [String]
    ) -> ConcentrationShare? {
        let text = ListOrderBounds.format(ppm: named.amount.ppm)
        let contradicted =
            interval.map {
                ($0.upper.map { named.amount.ppm > $0 } ?? false) || ($0.lower.map { named.amount.ppm < $0 } ?? false)
            } ?? false
        if contradicted, let shown = interval?.displayText {
            flags.append("named \(text), contradicted by the list (\(shown))")
            return nil
        }
        flags.append("named \(text), unconfirmed by the list")
        if named.amount.ppm < scale.rule.thresholdPpm { flags.append("below \(scale.threshold)") }
        let list = interval?.displayText.map { "; list order allows \($0)" } ?? ""
        return (
            weight * scale.exact(named.amount.ppm),
            "\(activeName) named \(text) (\"\(named.text)\" in the name), unconfirmed by the list\(list): "
                + scale.standing(named.amount.ppm),
            .named
        )
    }

    /// The conservative estimate from the list's order: a lower bound as at least that much, an upper bound under
    /// the threshold as at most that much; nil for contradictory bounds or an interval with no text.
    private static func listOrderShare(
        _ interval: ConcentrationInterval, activeName: String, scale: ConcentrationScale, weight: Double,
        flags: inout [String]
    ) -> ConcentrationShare? {
        guard let shown = interval.displayText, !interval.isContradictory else { return nil }
        let listText = "\(shown) by list order (\(interval.explanation))"
        let rule = scale.rule
        if let lower = interval.lower {
            flags.append("\(shown) by list order")
            return (
                max(rule.undisclosedShare, weight * scale.exact(lower)),
                "\(activeName) listed without an amount, \(listText): scored as at least "
                    + "\(ListOrderBounds.format(ppm: lower))", .listOrder
            )
        }
        guard let upper = interval.upper else { return nil }
        flags.append("amount undisclosed")
        flags.append("\(shown) by list order")
        if upper < rule.thresholdPpm {
            flags.append("below \(scale.threshold) (inferred)")
            return (
                min(scale.below(upper), rule.undisclosedShare),
                "\(activeName) listed without an amount, \(listText): below \(scale.threshold)", .listOrder
            )
        }
        return (rule.undisclosedShare, "\(activeName) listed without an amount, \(listText)", .listOrder)
    }

    /// A legacy inferred upper bound: undisclosed, or less when the bound is under the threshold.
    private static func inferredBoundShare(
        _ amount: Amount, activeName: String, scale: ConcentrationScale, flags: inout [String]
    ) -> ConcentrationShare {
        let rule = scale.rule
        flags.append("amount undisclosed")
        if amount.ppm < rule.thresholdPpm {
            flags.append("below \(scale.threshold) (inferred)")
            return (
                min(scale.below(amount.ppm), rule.undisclosedShare),
                "\(activeName) undisclosed, but at most \(ppm(amount.ppm)) by list order: below \(scale.threshold)",
                .listOrder
            )
        }
        return (
            rule.undisclosedShare,
            "\(activeName) listed without an amount (at most \(ppm(amount.ppm)) by list order)", .listOrder
        )
    }

    private static func deliveryShare(_ facts: ScoringFacts, rule: Rubric.DeliveryRule, flags: inout [String])
        -> (share: Double, reason: String)
    {
        let scored = facts.deliveries.map { delivery -> (Delivery, Double) in
            let share = (rule.systems[delivery.system] ?? 0) * (delivery.basis == .declared ? 1 : rule.inferredFactor)
            return (delivery, share)
        }
        guard let (best, share) = scored.max(by: { $0.1 < $1.1 }), share > 0 else {
            flags.append("plain base")
            return (0, "plain base: no delivery system declared or inferred")
        }
        let how = best.basis == .declared ? "declared (\(best.evidence))" : "inferred from \(best.evidence)"
        return (share, "\(best.system.rawValue) \(how)")
    }

    private static func companionShare(
        _ facts: ScoringFacts, activeName: String, rule: Rubric.CompanionShares, flags: inout [String]
    ) -> (share: Double, reason: String) {
        let share =
            Double(facts.provenCompanions.count) * rule.provenShare
            + Double(facts.samePathwayCompanions.count) * rule.samePathwayShare
        if facts.provenCompanions.isEmpty && facts.samePathwayCompanions.isEmpty {
            flags.append("no companions")
            return (0, "\(activeName) alone: no proven or same-pathway companion ingredients")
        }
        var parts: [String] = []
        if !facts.provenCompanions.isEmpty { parts.append("proven: " + facts.provenCompanions.joined(separator: ", ")) }
        if !facts.samePathwayCompanions.isEmpty {
            parts.append("same pathway: " + facts.samePathwayCompanions.joined(separator: ", "))
        }
        return (share, parts.joined(separator: "; "))
    }

    private static func packagingShare(_ facts: ScoringFacts, rule: Rubric.PackagingRule, flags: inout [String])
        -> (share: Double, reason: String)
    {
        guard facts.packagingDescribed else {
            flags.append("packaging not described")
            return (0, "packaging not described")
        }
        let names = facts.packaging.names
        let redFlag = !rule.redFlag.isEmpty && rule.redFlag.allSatisfy(names.contains)
        if redFlag {
            let label = rule.redFlag.joined(separator: " ")
            flags.append("\(label): red flag")
            return (0, "\(names.joined(separator: ", ")): a \(label) is a red flag for NAD+ precursors")
        }
        let share = rule.base + names.reduce(0) { $0 + (rule.attributes[$1] ?? 0) }
        return (share, names.isEmpty ? "described, but with no protective attribute" : names.joined(separator: ", "))
    }
}
