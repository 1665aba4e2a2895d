import Foundation

/// Something a product can contain that the analyser compares across verdicts: a canonical ingredient, a whole
/// ingredient class (`class:fragrance`), or a printed name that resolved to nothing.
public struct PatternFeature: Hashable, Sendable, Codable, Comparable {
    /// What a feature stands for: a canonical ingredient, a printed name that resolved to none, or a class.
    public enum Kind: String, Sendable, Codable, Comparable {
        /// A canonical ingredient, named by its INCI name; an unresolved printed name; an ingredient class
        /// (`silicone`), present when any of its members is.
        case ingredient, unresolved, `class`

        /// Ingredients first: when a class and one of its members are found in exactly the same products, the
        /// ingredient is the more specific lead.
        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            let order: [Kind: Int] = [.ingredient: 0, .unresolved: 1, .class: 2]
            return (order[lhs] ?? 0) < (order[rhs] ?? 0)
        }
    }

    /// Whether the feature is an ingredient, a class or an unresolved name.
    public var kind: Kind
    /// The INCI name, the class name, or the normalised printed name.
    public var name: String

    /// A feature of the given kind; `name` is an INCI name, a class name or a normalised printed name to match.
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

    /// Orders features by kind (ingredients first), then by name.
    public static func < (lhs: PatternFeature, rhs: PatternFeature) -> Bool {
        lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.name < rhs.name
    }
}

/// A product a person rated, with everything it contains (outside may-contain sections).
public struct RatedProduct: Sendable, Equatable {
    /// The product's stock-keeping unit in the catalog, as the associations list it.
    public var sku: String
    /// Whether it worked for the person or failed.
    public var outcome: VerdictOutcome
    /// The ingredients, classes and unresolved names it contains.
    public var features: Set<PatternFeature>

    /// A rated product; each argument sets the property of the same name.
    public init(sku: String, outcome: VerdictOutcome, features: Set<PatternFeature>) {
        self.sku = sku
        self.outcome = outcome
        self.features = features
    }
}

/// When the analyser ranks, and what makes a suspect (docs/patterns.md).
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
    /// A feature holds after correcting for the number tested when its Benjamini–Hochberg q-value is below this
    /// (0.1): of all the features that hold, on average at most 1 in 10 is a chance finding. It labels suspects,
    /// it does not choose them (see ``IngredientPatternAnalysis/analyse(profile:products:thresholds:)``).
    public var falseDiscoveryRate: Double

    /// Thresholds with the documented defaults; pass a value to change one.
    public init(
        minimumPerOutcome: Int = 3, significance: Double = 0.05, minimumOddsRatio: Double = 2,
        maximumSuspectPatterns: Int = 5, falseDiscoveryRate: Double = 0.1
    ) {
        self.minimumPerOutcome = minimumPerOutcome
        self.significance = significance
        self.minimumOddsRatio = minimumOddsRatio
        self.maximumSuspectPatterns = maximumSuspectPatterns
        self.falseDiscoveryRate = falseDiscoveryRate
    }

    /// The defaults: 3 verdicts of each outcome, p < 0.05, odds ratio > 2, 5 suspect patterns, q < 0.1.
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
    /// Products that failed still to rate.
    public var failed: Int
    /// Products that worked still to rate.
    public var worked: Int
    /// Verdicts of either outcome needed on top of `failed` and `worked`.
    public var either: Int

    /// The counts still needed; each argument sets the property of the same name.
    public init(failed: Int, worked: Int, either: Int) {
        self.failed = failed
        self.worked = worked
        self.either = either
    }

    /// Whether nothing more is needed: the verdicts are enough to rank.
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
    /// The ingredient, class or unresolved name measured.
    public var feature: PatternFeature
    /// The skus of the failed products that contain it, sorted.
    public var failedWith: [String]
    /// The skus of the worked products that contain it, sorted.
    public var workedWith: [String]
    /// How many rated products failed in all, with or without the feature.
    public var failedTotal: Int
    /// How many rated products worked in all, with or without the feature.
    public var workedTotal: Int
    /// Fisher's exact test, one-sided (over-represented among failures); nil when there are too few verdicts.
    public var pValue: Double?
    /// The Haldane–Anscombe smoothed odds ratio; nil when there are too few verdicts.
    public var oddsRatio: Double?
    /// The 95 % confidence interval of ``oddsRatio`` (Woolf's log method on the same smoothed table); nil when
    /// there are too few verdicts.
    public var oddsRatioLow: Double?
    /// The upper end of that 95 % confidence interval; nil when there are too few verdicts.
    public var oddsRatioHigh: Double?
    /// The Benjamini–Hochberg q-value: ``pValue`` corrected for the number of features tested
    /// (``IngredientPatternAnalysis/testCount``). Nil when there are too few verdicts, and for a feature in every
    /// rated product, which is no test (its p-value is 1 whatever the verdicts) and is not counted.
    public var qValue: Double?
    /// Whether ``qValue`` is below the thresholds' `falseDiscoveryRate`: the association survives the correction
    /// for the number of features tested.
    public var holdsAfterCorrection: Bool
    /// Whether the feature is a suspect: p below the significance, odds ratio above the minimum, and among the
    /// first suspect patterns (``PatternThresholds``). A lead to check, not proof.
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
    /// The person whose verdicts were analysed (``VerdictProfile``).
    public var profile: String
    /// How many rated products failed.
    public var failedCount: Int
    /// How many rated products worked.
    public var workedCount: Int
    /// The thresholds the analysis applied.
    public var thresholds: PatternThresholds
    /// False when the verdicts are too few to rank: the associations then carry counts only.
    public var hasEnoughData: Bool
    /// How many features the q-values correct for: those found in some but not all rated products (0 with too
    /// few verdicts).
    public var testCount: Int
    /// What more would help (zero when there is enough data).
    public var moreNeeded: MoreVerdictsNeeded
    /// Suspects first, then by p-value, odds ratio, failures, kind and name (or, with too little data, by how many
    /// failures and how few successes contain each feature).
    public var associations: [IngredientAssociation]
    /// The conclusion in plain words: the suspects, or why there are none, or what more would help.
    public var message: String

    /// The associations that are suspects, in ``associations`` order (strongest lead first).
    public var suspects: [IngredientAssociation] { associations.filter(\.isSuspect) }

    /// Compares the features of the failed products with those of the worked ones.
    ///
    /// Every feature found in at least one rated product is tested with ``FisherExactTest`` (one-sided) and
    /// measured by its smoothed odds ratio with a 95 % confidence interval. A suspect has p < `significance` and
    /// odds ratio > `minimumOddsRatio` and is among the first `maximumSuspectPatterns` patterns. A feature in every
    /// rated product (water, glycerin) has p = 1: it cannot separate worked from failed.
    ///
    /// **Correcting for the number tested.** A person's verdicts test a hundred features or more at once, and
    /// among a hundred a few reach p < 0.05 by chance alone. Each feature therefore also gets a
    /// ``BenjaminiHochberg`` q-value over the features tested: those in some but not all rated products (a feature
    /// in every one is no test, its p is 1 whatever the verdicts, so counting it would only inflate the
    /// correction; features always found together are counted each and share one q). The suspect rule stays
    /// uncorrected on purpose: with ten verdicts, even an ingredient in all five failures and none of the five
    /// successes has only p = 1/252, which among eighty tests gives q = 80/252 ≈ 0.32 when it stands alone, and
    /// hiding it would hide the best lead the verdicts hold. Instead each suspect says which it is: it **holds
    /// after correcting for N tests (q = 0.03)** when q < `falseDiscoveryRate` (0.1: of all the features that
    /// hold, on average at most 1 in 10 is a chance finding), or it is **a weaker lead: does not hold after
    /// correcting for N tests (q = 0.4)**, one that more verdicts can confirm or clear. The message names which
    /// suspects hold. Either way a suspect is a lead to check (leave it out, patch-test it), not proof: an
    /// ingredient that always comes with the real cause looks just as guilty, and the guarantee of q is an
    /// average over many analyses, not a probability for one ingredient.
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
            let interval = FisherExactTest.smoothedOddsRatioInterval(a: a, b: b, c: c, d: d)
            return IngredientAssociation(
                feature: feature, failedWith: skus.failed.sorted(), workedWith: skus.worked.sorted(),
                failedTotal: failed.count, workedTotal: worked.count,
                pValue: enough ? FisherExactTest.pValue(a: a, b: b, c: c, d: d) : nil,
                oddsRatio: enough ? FisherExactTest.smoothedOddsRatio(a: a, b: b, c: c, d: d) : nil,
                oddsRatioLow: enough ? interval.lowerBound : nil, oddsRatioHigh: enough ? interval.upperBound : nil,
                qValue: nil, holdsAfterCorrection: false, isSuspect: false,
                sameProductsAs: (groups[key] ?? []).filter { $0 != feature }.sorted().map(\.label), note: "")
        }
        var testCount = 0
        if enough {
            let tested = associations.indices.filter { !associations[$0].isUbiquitous }
            testCount = tested.count
            let qValues = BenjaminiHochberg.qValues(tested.map { associations[$0].pValue ?? 1 })
            for (index, q) in zip(tested, qValues) {
                associations[index].qValue = q
                associations[index].holdsAfterCorrection = q < thresholds.falseDiscoveryRate
            }
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
            associations[index].note = note(
                for: associations[index], enough: enough, thresholds: thresholds, testCount: testCount)
        }
        let more = thresholds.moreNeeded(failed: failed.count, worked: worked.count)
        var analysis = IngredientPatternAnalysis(
            profile: profile, failedCount: failed.count, workedCount: worked.count, thresholds: thresholds,
            hasEnoughData: enough, testCount: testCount, moreNeeded: more, associations: associations, message: "")
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

    static func note(
        for association: IngredientAssociation, enough: Bool, thresholds: PatternThresholds, testCount: Int
    ) -> String {
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
            let suspect = "suspect: \(counts); " + correctionLabel(association, testCount: testCount)
            let twins = association.sameProductsAs
            guard !twins.isEmpty else { return suspect }
            return suspect + "; always together with "
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

    /// Whether an association survives the correction for the number of features tested, in the words of its note:
    /// `holds after correcting for 82 tests (q = 0.03)` or
    /// `a weaker lead: does not hold after correcting for 82 tests (q = 0.4)`.
    public static func correctionLabel(_ association: IngredientAssociation, testCount: Int) -> String {
        let tests = "correcting for \(testCount) \(testCount == 1 ? "test" : "tests")"
        let q = "(q = \(formatP(association.qValue ?? 1)))"
        return association.holdsAfterCorrection
            ? "holds after \(tests) \(q)" : "a weaker lead: does not hold after \(tests) \(q)"
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
            sentences.append(correctionSentence(for: analysis))
            sentences.append(
                "q is the p-value corrected for testing them all: of the ingredients with q below "
                    + "\(formatP(thresholds.falseDiscoveryRate)), on average at most "
                    + "\(chanceShare(thresholds.falseDiscoveryRate)) is a chance finding. A suspect is a lead to test "
                    + "(leave it out for a few weeks, or patch-test it), not proof.")
        }
        if !ubiquitous.isEmpty {
            let names =
                ubiquitous.prefix(4).map(\.feature.name).joined(separator: ", ")
                + (ubiquitous.count > 4 ? " and \(ubiquitous.count - 4) more" : "")
            sentences.append("In every product you rated, so not suspects: \(names).")
        }
        return sentences.joined(separator: " ")
    }

    /// Which suspects hold after the correction for the number tested, and which are weaker leads:
    /// `DIMETHICONE (q = 0.03) holds after correcting for the 82 ingredients and classes tested (q below 0.1);
    /// PHENOXYETHANOL (q = 0.4) is a weaker lead that does not.` When none holds: `No suspect holds after
    /// correcting for the 82 ingredients and classes tested (that needs q below 0.1), so DIMETHICONE (q = 0.16) is a
    /// weaker lead; more verdicts can confirm or clear it.`
    static func correctionSentence(for analysis: IngredientPatternAnalysis) -> String {
        func list(_ associations: [IngredientAssociation]) -> String {
            listed(associations.map { "\($0.feature.label) (q = \(formatP($0.qValue ?? 1)))" })
        }
        let holding = analysis.suspects.filter(\.holdsAfterCorrection)
        let weaker = analysis.suspects.filter { !$0.holdsAfterCorrection }
        let count = analysis.testCount
        let tested =
            "correcting for the \(count) \(count == 1 ? "ingredient" : "ingredients and classes") tested"
        let level = formatP(analysis.thresholds.falseDiscoveryRate)
        guard !holding.isEmpty else {
            return "No suspect holds after \(tested) (that needs q below \(level)), so \(list(weaker)) "
                + (weaker.count == 1
                    ? "is a weaker lead; more verdicts can confirm or clear it."
                    : "are weaker leads; more verdicts can confirm or clear them.")
        }
        let holds = "\(list(holding)) \(holding.count == 1 ? "holds" : "hold") after \(tested) (q below \(level))"
        guard !weaker.isEmpty else { return holds + "." }
        return holds + "; \(list(weaker)) "
            + (weaker.count == 1 ? "is a weaker lead that does not." : "are weaker leads that do not.")
    }

    /// Which suspects hold after the correction, in a phrase for a summary line:
    /// `DIMETHICONE and class:silicone, weaker leads that do not hold after correcting for 82 tests`,
    /// `DIMETHICONE, which holds after correcting for 82 tests, and the weaker lead PHENOXYETHANOL`.
    public var suspectsPhrase: String {
        let holding = suspects.filter(\.holdsAfterCorrection).map(\.feature.label)
        let weaker = suspects.filter { !$0.holdsAfterCorrection }.map(\.feature.label)
        let tests = "correcting for \(testCount) \(testCount == 1 ? "test" : "tests")"
        if holding.isEmpty {
            return Self.listed(weaker)
                + (weaker.count == 1 ? ", a weaker lead that does not" : ", weaker leads that do not")
                + " hold after \(tests)"
        }
        let holds = Self.listed(holding) + (holding.count == 1 ? ", which holds" : ", which hold") + " after \(tests)"
        if weaker.isEmpty { return holds }
        return holds + (weaker.count == 1 ? ", and the weaker lead " : ", and the weaker leads ") + Self.listed(weaker)
    }

    /// `A`, `A and B`, `A, B and C`.
    static func listed(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// A false discovery rate as a share in words: `1 in 10` for 0.1, `1 in 20` for 0.05, `25 %` for 0.25.
    static func chanceShare(_ rate: Double) -> String {
        let inverse = 1 / rate
        if inverse >= 2, abs(inverse - inverse.rounded()) < 1e-9, let whole = Int64(exactly: inverse.rounded()) {
            return "1 in \(whole)"
        }
        return String(format: "%g %%", rate * 100)
    }

    /// Two significant digits, plain notation down to 0.0001: `0.004`, `0.024`, `1`, `2.9e-12`.
    public static func formatP(_ p: Double) -> String {
        if p >= 0.9995 { return "1" }
        if p < 0.0001 { return String(format: "%.1e", p) }
        var text = String(format: "%.2g", p)
        if text.contains("e") { text = String(format: "%.5f", p) }
        return text
    }

    /// Two significant digits below 0.1, one decimal below 10, whole numbers above: `0.043`, `0.4`, `2.6`, `121`.
    public static func formatRatio(_ ratio: Double) -> String {
        if ratio < 0.095 { return String(format: "%.2g", ratio) }
        return ratio >= 10 ? String(format: "%.0f", ratio) : String(format: "%.1f", ratio).replacing(".0", with: "")
    }

    /// An odds ratio with its confidence interval, compactly: `121 (2–7260)`, `4.2 (0.4–49)`.
    public static func formatRatio(_ ratio: Double, low: Double, high: Double) -> String {
        "\(formatRatio(ratio)) (\(formatRatio(low))–\(formatRatio(high)))"
    }
}
