import Foundation

/// Something a product can contain that the analyser compares across verdicts: a canonical ingredient, a whole
/// ingredient class (`class:fragrance`), or a printed name that resolved to nothing.
public struct PatternFeature: Hashable, Sendable, Codable, Comparable {
    public enum Kind: String, Sendable, Codable, Comparable {
        case ingredient, unresolved, `class`

        /// Ingredients first: when a class and one of its members are found in exactly the same products, the
        /// ingredient is the more specific lead.
        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            let order: [Kind: Int] = [.ingredient: 0, .unresolved: 1, .class: 2]
            return order[lhs]! < order[rhs]!
        }
    }

    public var kind: Kind
    /// The INCI name, the class name, or the normalised printed name.
    public var name: String

    public init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// How it is shown and matched on the command line: `DIMETHICONE`, `class:silicone`, `unresolved:AQUAXYL`.
    public var label: String {
        switch kind {
        case .ingredient: name
        case .class: "class:\(name)"
        case .unresolved: "unresolved:\(name)"
        }
    }

    public static func < (lhs: PatternFeature, rhs: PatternFeature) -> Bool {
        lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.name < rhs.name
    }
}

/// A product a person rated, with everything it contains (outside may-contain sections).
public struct RatedProduct: Sendable, Equatable {
    public var sku: String
    public var outcome: VerdictOutcome
    public var features: Set<PatternFeature>

    public init(sku: String, outcome: VerdictOutcome, features: Set<PatternFeature>) {
        self.sku = sku
        self.outcome = outcome
        self.features = features
    }
}

/// When the analyser ranks, and what makes a suspect (README, "Ingredient patterns").
public struct PatternThresholds: Sendable, Equatable, Codable {
    /// Ranking needs at least this many failed and this many worked products (3): fewer cannot show a pattern.
    public var minimumPerOutcome: Int
    /// A suspect's p-value must be below this (0.05).
    public var significance: Double
    /// A suspect's smoothed odds ratio must be above this (2).
    public var minimumOddsRatio: Double
    /// At most this many patterns (5) are suspects; features found in exactly the same rated products count as
    /// one pattern, since no verdict can tell them apart.
    public var maximumSuspectPatterns: Int

    public init(
        minimumPerOutcome: Int = 3, significance: Double = 0.05, minimumOddsRatio: Double = 2,
        maximumSuspectPatterns: Int = 5
    ) {
        self.minimumPerOutcome = minimumPerOutcome
        self.significance = significance
        self.minimumOddsRatio = minimumOddsRatio
        self.maximumSuspectPatterns = maximumSuspectPatterns
    }

    public static let `default` = PatternThresholds()

    /// Whether `failed` and `worked` verdicts are enough to rank: at least ``minimumPerOutcome`` of each, and
    /// enough in all that an ingredient in every failure and no success could reach p < ``significance``
    /// (3 failed and 3 worked are not: the best possible p is 1/20 = 0.05; 3 and 4 are: 1/35).
    public func isEnough(failed: Int, worked: Int) -> Bool {
        failed >= minimumPerOutcome && worked >= minimumPerOutcome
            // 1/20 computed in floating point may land a hair under 0.05: compare with a relative margin.
            && FisherExactTest.smallestPossiblePValue(failed: failed, worked: worked) < significance * (1 - 1e-9)
    }

    /// The fewest further verdicts that make ``isEnough(failed:worked:)`` true: failed ones, worked ones, and
    /// ones of either outcome.
    public func moreNeeded(failed: Int, worked: Int) -> MoreVerdictsNeeded {
        let needFailed = max(0, minimumPerOutcome - failed)
        let needWorked = max(0, minimumPerOutcome - worked)
        var (f, w, either) = (failed + needFailed, worked + needWorked, 0)
        while !isEnough(failed: f, worked: w) {
            either += 1
            if f <= w { f += 1 } else { w += 1 }
        }
        return MoreVerdictsNeeded(failed: needFailed, worked: needWorked, either: either)
    }
}

/// How many more verdicts the analysis needs before it can rank.
public struct MoreVerdictsNeeded: Sendable, Equatable, Codable {
    public var failed: Int
    public var worked: Int
    /// Verdicts of either outcome needed on top of `failed` and `worked`.
    public var either: Int

    public init(failed: Int, worked: Int, either: Int) {
        self.failed = failed
        self.worked = worked
        self.either = either
    }

    public var isZero: Bool { failed == 0 && worked == 0 && either == 0 }

    /// "rate at least 1 more product that failed, 2 more that worked and 1 more of either kind".
    public var sentence: String {
        var parts: [String] = []
        if failed > 0 { parts.append("\(failed) more \(failed == 1 ? "product" : "products") that failed") }
        if worked > 0 {
            parts.append("\(worked) more \(parts.isEmpty ? (worked == 1 ? "product " : "products ") : "")that worked")
        }
        if either > 0 {
            parts.append(
                "\(either) more \(parts.isEmpty ? (either == 1 ? "product " : "products ") : "")"
                    + "of either kind")
        }
        let last = parts.popLast() ?? ""
        return "rate at least " + (parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last)
    }
}

/// How one ingredient (or class) is spread across a person's failed and worked products.
public struct IngredientAssociation: Sendable, Equatable, Codable {
    public var feature: PatternFeature
    /// The skus of the failed products that contain it, sorted.
    public var failedWith: [String]
    /// The skus of the worked products that contain it, sorted.
    public var workedWith: [String]
    /// How many products failed and worked in all.
    public var failedTotal: Int
    public var workedTotal: Int
    /// Fisher's exact test, one-sided (over-represented among failures); nil when there are too few verdicts.
    public var pValue: Double?
    /// The Haldane–Anscombe smoothed odds ratio; nil when there are too few verdicts.
    public var oddsRatio: Double?
    public var isSuspect: Bool
    /// Other features found in exactly the same rated products: the verdicts cannot tell them apart.
    public var sameProductsAs: [String]
    /// Why it is (or is not) a suspect, in words.
    public var note: String

    /// In every rated product: it cannot separate worked from failed.
    public var isUbiquitous: Bool { failedWith.count == failedTotal && workedWith.count == workedTotal }
}

/// The result of ``IngredientPatternAnalysis/analyse(profile:products:thresholds:)``.
public struct IngredientPatternAnalysis: Sendable, Equatable {
    public var profile: String
    public var failedCount: Int
    public var workedCount: Int
    public var thresholds: PatternThresholds
    /// False when the verdicts are too few to rank: the associations then carry counts only.
    public var hasEnoughData: Bool
    /// What more would help (zero when there is enough data).
    public var moreNeeded: MoreVerdictsNeeded
    /// Suspects first, then by p-value, odds ratio, failures, kind and name (or, with too little data, by how many
    /// failures and how few successes contain each feature).
    public var associations: [IngredientAssociation]
    /// The conclusion in plain words: the suspects, or why there are none, or what more would help.
    public var message: String

    public var suspects: [IngredientAssociation] { associations.filter(\.isSuspect) }

    /// Compares the features of the failed products with those of the worked ones.
    ///
    /// Every feature found in at least one rated product is tested with ``FisherExactTest`` (one-sided) and
    /// measured by its smoothed odds ratio. A suspect has p < `significance` and odds ratio > `minimumOddsRatio`
    /// and is among the first `maximumSuspectPatterns` patterns. A feature in every rated product (water,
    /// glycerin) has p = 1: it cannot separate worked from failed. Each feature is tested on its own, with no
    /// correction for the number tested: a suspect is a lead to check (leave it out, patch-test it), not proof.
    ///
    /// ```swift
    /// let analysis = IngredientPatternAnalysis.analyse(profile: "default", products: rated)
    /// analysis.suspects.first?.feature.label   // "DIMETHICONE"
    /// ```
    public static func analyse(
        profile: String, products: [RatedProduct],
        thresholds: PatternThresholds = .default
    ) -> IngredientPatternAnalysis {
        let failed = products.filter { $0.outcome == .failed }
        let worked = products.filter { $0.outcome == .worked }
        let enough = thresholds.isEnough(failed: failed.count, worked: worked.count)
        var presence: [PatternFeature: (failed: [String], worked: [String])] = [:]
        for product in products {
            for feature in product.features {
                if product.outcome == .failed {
                    presence[feature, default: ([], [])].failed.append(product.sku)
                } else {
                    presence[feature, default: ([], [])].worked.append(product.sku)
                }
            }
        }
        var groups: [[String]: [PatternFeature]] = [:]
        for (feature, skus) in presence {
            groups[skus.failed.sorted() + ["|"] + skus.worked.sorted(), default: []].append(feature)
        }

        var associations = presence.map { feature, skus -> IngredientAssociation in
            let (a, b) = (skus.failed.count, skus.worked.count)
            let (c, d) = (failed.count - a, worked.count - b)
            let key = skus.failed.sorted() + ["|"] + skus.worked.sorted()
            return IngredientAssociation(
                feature: feature, failedWith: skus.failed.sorted(), workedWith: skus.worked.sorted(),
                failedTotal: failed.count, workedTotal: worked.count,
                pValue: enough ? FisherExactTest.pValue(a: a, b: b, c: c, d: d) : nil,
                oddsRatio: enough ? FisherExactTest.smoothedOddsRatio(a: a, b: b, c: c, d: d) : nil,
                isSuspect: false,
                sameProductsAs: (groups[key] ?? []).filter { $0 != feature }.sorted().map(\.label), note: "")
        }
        if enough {
            associations.sort(by: rankedBefore)
            var suspectPatterns: [[String]] = []
            for index in associations.indices {
                let association = associations[index]
                guard let p = association.pValue, let ratio = association.oddsRatio,
                    p < thresholds.significance, ratio > thresholds.minimumOddsRatio, !association.isUbiquitous
                else { continue }
                let key = association.failedWith + ["|"] + association.workedWith
                if !suspectPatterns.contains(key) {
                    guard suspectPatterns.count < thresholds.maximumSuspectPatterns else { continue }
                    suspectPatterns.append(key)
                }
                associations[index].isSuspect = true
            }
            // Suspects first; the sort above already put them near the top, this keeps the order stable.
            associations = associations.filter(\.isSuspect) + associations.filter { !$0.isSuspect }
        } else {
            associations.sort(by: countedBefore)
        }
        for index in associations.indices {
            associations[index].note = note(for: associations[index], enough: enough, thresholds: thresholds)
        }
        let more = thresholds.moreNeeded(failed: failed.count, worked: worked.count)
        var analysis = IngredientPatternAnalysis(
            profile: profile, failedCount: failed.count, workedCount: worked.count, thresholds: thresholds,
            hasEnoughData: enough, moreNeeded: more, associations: associations, message: "")
        analysis.message = message(for: analysis)
        return analysis
    }

    /// p-value, then odds ratio (larger first), then failures containing it, then ingredients before classes, then
    /// name: the same verdicts always give the same order.
    static func rankedBefore(_ x: IngredientAssociation, _ y: IngredientAssociation) -> Bool {
        let (px, py) = (x.pValue ?? 1, y.pValue ?? 1)
        if abs(px - py) > 1e-12 * max(px, py) { return px < py }
        let (ox, oy) = (x.oddsRatio ?? 0, y.oddsRatio ?? 0)
        if abs(ox - oy) > 1e-12 * max(ox, oy) { return ox > oy }
        return countedBefore(x, y)
    }

    /// With too few verdicts: most failures first, then fewest successes, then ingredients before classes, name.
    static func countedBefore(_ x: IngredientAssociation, _ y: IngredientAssociation) -> Bool {
        if x.failedWith.count != y.failedWith.count { return x.failedWith.count > y.failedWith.count }
        if x.workedWith.count != y.workedWith.count { return x.workedWith.count < y.workedWith.count }
        return x.feature < y.feature
    }

    static func note(for association: IngredientAssociation, enough: Bool, thresholds: PatternThresholds) -> String {
        let (a, f, b, w) = (
            association.failedWith.count, association.failedTotal, association.workedWith.count,
            association.workedTotal
        )
        let counts = "in \(a) of \(f) failed and \(b) of \(w) worked"
        if association.isUbiquitous {
            return "in every product you rated: cannot separate worked from failed"
        }
        guard enough, let p = association.pValue, let ratio = association.oddsRatio else {
            return "\(counts); not tested: too few verdicts"
        }
        if association.isSuspect {
            let twins = association.sameProductsAs
            guard !twins.isEmpty else { return "suspect: \(counts)" }
            return "suspect: \(counts); always together with "
                + (twins.count > 3
                    ? twins.prefix(3).joined(separator: ", ") + " and \(twins.count - 3) more"
                    : twins.joined(separator: ", "))
                + " in your products"
        }
        if a == 0 { return "in no failed product" }
        if p < thresholds.significance && ratio > thresholds.minimumOddsRatio {
            return "\(counts); over-represented, but beyond the \(thresholds.maximumSuspectPatterns) strongest patterns"
        }
        if Double(a) / Double(f) <= Double(b) / Double(w) { return "\(counts): no more common among failures" }
        return "\(counts): could be chance (p = \(formatP(p)))"
    }

    static func message(for analysis: IngredientPatternAnalysis) -> String {
        let (failed, worked) = (analysis.failedCount, analysis.workedCount)
        let thresholds = analysis.thresholds
        let rated =
            "Profile \"\(analysis.profile)\": \(failed) \(failed == 1 ? "product" : "products") failed, "
            + "\(worked) worked."
        guard analysis.hasEnoughData else {
            if failed + worked == 0 {
                return "No verdicts for profile \"\(analysis.profile)\" yet: record some with "
                    + "'skincat verdict add SKU worked|failed'. The analysis needs at least "
                    + "\(thresholds.minimumPerOutcome) products that failed and \(thresholds.minimumPerOutcome) "
                    + "that worked (and one more of either)."
            }
            return rated + " Too few verdicts to look for a pattern: the test needs at least "
                + "\(thresholds.minimumPerOutcome) of each, and enough in all that an ingredient in every failure "
                + "and no success could reach p < \(formatP(thresholds.significance)). To get there, "
                + analysis.moreNeeded.sentence + ". The counts so far are listed, not ranked."
        }
        let ubiquitous = analysis.associations.filter { $0.isUbiquitous && $0.feature.kind == .ingredient }
        var sentences = [rated]
        let suspects = analysis.suspects
        if suspects.isEmpty {
            sentences.append(
                "No ingredient stands out: none is in the failed products more often than chance "
                    + "explains (p < \(formatP(thresholds.significance)) with a smoothed odds ratio above "
                    + "\(formatRatio(thresholds.minimumOddsRatio))). More verdicts sharpen the test.")
        } else {
            sentences.append(
                "Suspects (p < \(formatP(thresholds.significance)), smoothed odds ratio above "
                    + "\(formatRatio(thresholds.minimumOddsRatio))): "
                    + suspects.map(\.feature.label).joined(separator: ", ") + ".")
            sentences.append(
                "A suspect is a lead to test (leave it out for a few weeks, or patch-test it), "
                    + "not proof: each ingredient is tested on its own.")
        }
        if !ubiquitous.isEmpty {
            let names =
                ubiquitous.prefix(4).map(\.feature.name).joined(separator: ", ")
                + (ubiquitous.count > 4 ? " and \(ubiquitous.count - 4) more" : "")
            sentences.append("In every product you rated, so not suspects: \(names).")
        }
        return sentences.joined(separator: " ")
    }

    /// Two significant digits, plain notation down to 0.0001: `0.004`, `0.024`, `1`, `2.9e-12`.
    public static func formatP(_ p: Double) -> String {
        if p >= 0.9995 { return "1" }
        if p < 0.0001 { return String(format: "%.1e", p) }
        var text = String(format: "%.2g", p)
        if text.contains("e") { text = String(format: "%.5f", p) }
        return text
    }

    /// One decimal below 10, whole numbers above: `0.4`, `2.6`, `121`.
    public static func formatRatio(_ ratio: Double) -> String {
        ratio >= 10 ? String(format: "%.0f", ratio) : String(format: "%.1f", ratio).replacing(".0", with: "")
    }
}
