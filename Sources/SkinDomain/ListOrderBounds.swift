import Foundation

/// Concentration intervals read from the order of an ingredient list, and the 1 % line.
///
/// Built once, here, for both the ranking (issue 15) and the label audit (issue 18). The rules come from
/// Art. 19(1)(g) of Regulation (EC) No 1223/2009 as DOMAIN.md section 7 states them: ingredients are listed in
/// descending order of weight down to 1 %; those at or under 1 % may follow in any order after those over 1 %;
/// colourants may follow in any order after the other ingredients.
///
/// **What is known about a line.** A line's *known upper amount* is the smallest of its declared or printed
/// amount and its annex cap for the product type (the caller's `cap` function). A line is *known to be at or
/// under 1 %* when that is at most 10,000 ppm.
///
/// **Upper bounds.** A line listed after a line `j` with a known upper amount `K` holds at most `max(K, 1 %)`:
/// if it is over 1 % it is in the ordered part, so at most `j`'s amount; if not, it is under 1 % anyway. The
/// interval takes the smallest such bound over all earlier lines, with the line that set it as evidence. In
/// particular, once the list reaches a line known to be at or under 1 % (**the 1 % line**), everything after it
/// is at most 1 %: `listed after Phenoxyethanol, capped at 1 % by Annex V ref 29`.
///
/// **Lower bounds.** A line listed before a line `j` whose declared or printed amount `B` is over 1 % holds at
/// least `B`: `j` is in the ordered part, and anything at or under 1 % must come after every line over 1 %, so a
/// line before `j` is over 1 % and, the order being descending, at least `B`. The largest such `B` over all later
/// lines is the bound. Strictly over 1 %: an amount of exactly 1 % is not "over 1 %" in the regulation's words,
/// and lines at or under 1 % are in free order, so a line before one printed at 1 % or 0.5 % may itself be 0.2 %.
///
/// **Being before the 1 % line is not a lower bound.** An annex cap is a maximum, not an amount: phenoxyethanol
/// capped at 1 % may be used at 0.5 %, and a line before it may be 0.3 %, listed there because the tail under
/// 1 % is in free order. So "listed before the 1 % line" gives no lower bound here; a ranking may treat it as a
/// *likelihood* (a line third in the list is usually above 1 %), but that is a heuristic for the ranking to
/// document, never an interval from this type.
///
/// **What never sets a bound.**
/// - Named amounts (``AmountSource/named``: a brand's claim in the product name) and inferred ones: a name's
///   `10 %` is unchecked marketing, sometimes of a complex rather than the INCI substance, and letting it move
///   every other line's interval would dress a claim up as label evidence. A line's named amount is compared
///   with its list interval by the caller (`named 10 %, unconfirmed by the list`), not used to build one.
/// - Colourants (a line whose ``ListOrderLine/isColourant`` is set, by default a CI number: `CI 77891`,
///   `Titanium Dioxide (CI 77891)`) neither receive nor give bounds: they may follow in any order, so their
///   position says nothing of their amount, and an amount on one says nothing of the lines around it. Bounds pass
///   through them unchanged to the non-colourant lines after them.
/// - May-contain entries and lines with no position (a declared active missing from the list): no bounds, and
///   they set none.
///
/// **Kits.** Each component (``ListOrderLine/component``) is a list of its own; no bound crosses components.
///
/// **Each line's interval comes from the other lines only**, never from its own amount: so the audit can compare
/// a printed amount with what the order allows (a line printed at 5 % listed after one printed at 2 % has the
/// interval `<= 2 %`, a contradiction to report), and the ranking can tell a named amount the list confirms from
/// one it contradicts. When printed amounts contradict each other, a line's lower bound may exceed its upper
/// bound; ``ConcentrationInterval/isContradictory`` says so and both bounds keep their evidence.
public struct ListOrderBounds: Hashable, Sendable {
    /// One interval per input line, in the input's order.
    public var intervals: [ConcentrationInterval]
    /// The 1 % line of each component that has one, in component order.
    public var onePercentLines: [OnePercentLine]

    /// Computes the intervals of a product's lines.
    ///
    /// ```swift
    /// let lines = [
    ///     ListOrderLine(position: 1, ingredientId: 10, name: "Water"),
    ///     ListOrderLine(position: 2, ingredientId: 11, name: "Niacinamide"),
    ///     ListOrderLine(position: 3, ingredientId: 12, name: "Phenoxyethanol"),
    ///     ListOrderLine(position: 4, ingredientId: 13, name: "NMN"),
    /// ]
    /// let bounds = ListOrderBounds(lines: lines) { line in
    ///     line.ingredientId == 12 ? IngredientCap(ppm: 10_000, source: "Annex V ref 29") : nil
    /// }
    /// bounds.intervals[3].displayText          // "<= 1 %"
    /// bounds.onePercentLines.first?.index      // 2
    /// ```
    /// - Parameters:
    ///   - lines: the product's lines, in any order (positions give the order).
    ///   - cap: the maximum the annexes allow for a line's ingredient in this product type, nil when there is none
    ///     or it is unknown (see ``AnnexCaps/limit(for:productType:)``).
    public init(lines: [ListOrderLine], cap: (ListOrderLine) -> IngredientCap?) {
        intervals = Array(repeating: ConcentrationInterval(), count: lines.count)
        onePercentLines = []
        var components: [Int: [Int]] = [:]
        for (index, line) in lines.enumerated() where line.position != nil && !line.mayContain && !line.isColourant {
            components[line.component, default: []].append(index)
        }
        for component in components.keys.sorted() {
            guard let members = components[component] else { continue }
            let ordered = members.sorted { (lines[$0].position ?? 0) < (lines[$1].position ?? 0) }
            bound(ordered, lines, cap: cap)
        }
    }

    private mutating func bound(_ ordered: [Int], _ lines: [ListOrderLine], cap: (ListOrderLine) -> IngredientCap?) {
        // Forward: the smallest max(K, 1 %) over earlier lines.
        var upper: (ppm: Double, evidence: BoundEvidence)?
        for index in ordered {
            if let upper { intervals[index].upper = upper.ppm; intervals[index].upperEvidence = upper.evidence }
            guard let known = Self.knownUpper(lines[index], cap: cap(lines[index])) else { continue }
            let candidate = max(known.ppm, Self.onePercent)
            if known.ppm <= Self.onePercent
                && !onePercentLines.contains(where: { $0.component == lines[index].component })
            {
                onePercentLines.append(
                    OnePercentLine(
                        index: index, position: lines[index].position ?? 0, component: lines[index].component,
                        reason: "\(lines[index].name) \(known.why)"))
            }
            if upper == nil || candidate < upper?.ppm ?? .infinity {
                let why =
                    known.ppm <= Self.onePercent
                    ? "listed after \(lines[index].name), \(known.why): after the 1 % line"
                    : "listed after \(lines[index].name), \(known.why)"
                upper = (candidate, BoundEvidence(index: index, kind: known.kind, reason: why))
            }
        }
        // Backward: the largest amount over 1 % declared or printed on a later line.
        var lower: (ppm: Double, evidence: BoundEvidence)?
        for index in ordered.reversed() {
            if let lower { intervals[index].lower = lower.ppm; intervals[index].lowerEvidence = lower.evidence }
            let line = lines[index]
            guard let amount = line.amount, let source = line.amountSource, Self.setsBounds(source),
                amount.ppm > Self.onePercent
            else { continue }
            if lower == nil || amount.ppm > lower?.ppm ?? 0 {
                let why = "listed before \(line.name), \(source.rawValue) at \(Self.format(ppm: amount.ppm))"
                lower = (amount.ppm, BoundEvidence(index: index, kind: .amount(source), reason: why))
            }
        }
    }

    /// 1 %, in ppm.
    public static let onePercent: Double = 10_000

    /// Whether an amount from this source may bound other lines: declared and printed amounts only.
    public static func setsBounds(_ source: AmountSource) -> Bool { source == .declared || source == .printed }

    private static func knownUpper(_ line: ListOrderLine, cap: IngredientCap?) -> (
        ppm: Double, kind: BoundEvidence.Kind, why: String
    )? {
        var best: (ppm: Double, kind: BoundEvidence.Kind, why: String)?
        if let amount = line.amount, let source = line.amountSource, setsBounds(source) {
            best = (amount.ppm, .amount(source), "\(source.rawValue) at \(format(ppm: amount.ppm))")
        }
        if let cap, cap.ppm < best?.ppm ?? .infinity {
            best = (cap.ppm, .cap, "capped at \(format(ppm: cap.ppm)) by \(cap.source)")
        }
        return best
    }

    /// A concentration as a percentage: `1 %`, `0.5 %`, `2.5 %`, `0.0015 %` (to a millionth of a percent, so
    /// binary fractions do not show).
    public static func format(ppm: Double) -> String {
        let percent = (ppm / 10_000 * 1_000_000).rounded() / 1_000_000
        return "\(percent.plainText) %"
    }
}

/// One line of a product's list, as ``ListOrderBounds`` needs it.
public struct ListOrderLine: Hashable, Sendable {
    /// 1-based place in the printed list; nil for may-contain entries and declared actives not in the list.
    public var position: Int?
    /// The canonical ingredient, nil when the name did not resolve (an unresolved line still sets and receives
    /// bounds from its amount and position; only caps need an ingredient).
    public var ingredientId: Int64?
    /// The name as printed, for the evidence text.
    public var name: String
    /// The line's amount, if any, and where it came from.
    public var amount: Amount?
    /// Where ``amount`` comes from (declared or printed); nil when there is no amount.
    public var amountSource: AmountSource?
    /// Which list of a kit the line belongs to (0 for a product with one list).
    public var component: Int
    /// Whether the line comes from a `May contain` / `[+/-]` section: it neither sets nor receives bounds.
    public var mayContain: Bool
    /// Whether the line is a colourant, whose place in the list is free (see ``ListOrderBounds``).
    public var isColourant: Bool

    /// A line; each argument sets the property of the same name, and `amountSource` is dropped without an amount.
    ///
    /// An `isColourant` of nil tells from the name: a colour index number (`CI 77891`), alone, in brackets or
    /// among slash alternatives (`Titanium Dioxide (CI 77891)`, `CI 77491/Iron Oxides`).
    public init(
        position: Int?, ingredientId: Int64?, name: String, amount: Amount? = nil, amountSource: AmountSource? = nil,
        component: Int = 0, mayContain: Bool = false, isColourant: Bool? = nil
    ) {
        self.position = position
        self.ingredientId = ingredientId
        self.name = name
        self.amount = amount
        self.amountSource = amount == nil ? nil : amountSource
        self.component = component
        self.mayContain = mayContain
        self.isColourant = isColourant ?? Self.namesColourIndex(name)
    }

    /// Builds the line from a stored ingredient line (``ProductComposition``); inferred amounts are dropped.
    public init(_ line: ProductIngredientLine, isColourant: Bool? = nil) {
        let kept = line.amountSource == .inferred ? nil : line.amount
        self.init(
            position: line.position, ingredientId: line.ingredientId, name: line.printedName, amount: kept,
            amountSource: kept == nil ? nil : line.amountSource, component: line.component,
            mayContain: line.mayContain, isColourant: isColourant)
    }

    /// `CI 77891`, `Cl 77891`, `C.I. 77891`, `Titanium Dioxide (CI 77891)`, `CI 77491/Iron Oxides`.
    public static func namesColourIndex(_ name: String) -> Bool {
        // A colour index has at least five digits: an ASCII name without a digit (most names) is not one. This runs
        // on every line of every product a ranking reads; the split below, through Foundation, was most of its time.
        guard name.utf8.contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 >= 0x80 }) else { return false }
        let parts = name.split(whereSeparator: { "()[]/\\,".contains($0) })
        return parts.contains { part in
            let key = NameKey(part).rawValue.replacingOccurrences(of: ".", with: "")
            return key.hasPrefix("CI") && key.count >= 7 && key.dropFirst(2).allSatisfy(\.isNumber)
        }
    }
}

/// The maximum an annex allows for an ingredient in the product's type.
public struct IngredientCap: Hashable, Sendable {
    /// The maximum, in ppm (10,000 for Annex V's 1 % of phenoxyethanol).
    public var ppm: Double
    /// Where the cap comes from, for the evidence text: `Annex V ref 29`.
    public var source: String

    /// A cap of `ppm`, cited as `source`.
    public init(ppm: Double, source: String) {
        self.ppm = ppm
        self.source = source
    }
}

/// What the list order says about one line's concentration: at least `lower`, at most `upper`, in ppm.
public struct ConcentrationInterval: Hashable, Sendable {
    /// The lower bound in ppm, nil when the order gives none.
    public var lower: Double?
    /// The upper bound in ppm, nil when the order gives none.
    public var upper: Double?
    /// The line that set the lower bound and why.
    public var lowerEvidence: BoundEvidence?
    /// The line that set the upper bound and why.
    public var upperEvidence: BoundEvidence?

    /// An interval; each argument sets the property of the same name. With none it is unbounded.
    public init(
        lower: Double? = nil, upper: Double? = nil, lowerEvidence: BoundEvidence? = nil,
        upperEvidence: BoundEvidence? = nil
    ) {
        self.lower = lower
        self.upper = upper
        self.lowerEvidence = lowerEvidence
        self.upperEvidence = upperEvidence
    }

    /// Whether the order gives no bound at all.
    public var isUnbounded: Bool { lower == nil && upper == nil }

    /// Whether the bounds contradict each other (amounts printed out of order): lower above upper.
    public var isContradictory: Bool {
        guard let lower, let upper else { return false }
        return lower > upper
    }

    /// The interval as a reader sees it: `1-5 %`, `<= 1 %`, `>= 2 %`; nil when unbounded. Never written as a
    /// bare amount that could pass for a declared one: a one-sided bound keeps its sign, a two-sided one shows as a
    /// range even when both ends meet (`2-2 %`), and contradictory bounds say so
    /// (`>= 5 % and <= 2 % (contradictory)`).
    public var displayText: String? {
        switch (lower, upper) {
        case (nil, nil): return nil
        case (let lower?, nil): return ">= \(ListOrderBounds.format(ppm: lower))"
        case (nil, let upper?): return "<= \(ListOrderBounds.format(ppm: upper))"
        case (let lower?, let upper?):
            if lower > upper {
                return ">= \(ListOrderBounds.format(ppm: lower)) and <= \(ListOrderBounds.format(ppm: upper))"
                    + " (contradictory)"
            }
            let low = ListOrderBounds.format(ppm: lower).dropLast(2)
            return "\(low)-\(ListOrderBounds.format(ppm: upper))"
        }
    }

    /// The reasons, lower first: `listed before Glycerin, printed at 2 %; listed after Phenoxyethanol, ...`.
    public var explanation: String {
        [lowerEvidence?.reason, upperEvidence?.reason].compactMap { $0 }.joined(separator: "; ")
    }
}

/// Which line set a bound, and why.
public struct BoundEvidence: Hashable, Sendable {
    /// What kind of knowledge of that line set the bound.
    public enum Kind: Hashable, Sendable {
        /// Its declared or printed amount.
        case amount(AmountSource)
        /// Its annex cap for the product type.
        case cap
    }

    /// The index, in the input lines, of the line that set the bound.
    public var index: Int
    /// What of that line set the bound: its amount or its annex cap.
    public var kind: Kind
    /// `listed after Phenoxyethanol, capped at 1 % by Annex V ref 29: after the 1 % line`,
    /// `listed before Glycerin, printed at 2 %`.
    public var reason: String

    /// Evidence; each argument sets the property of the same name.
    public init(index: Int, kind: Kind, reason: String) {
        self.index = index
        self.kind = kind
        self.reason = reason
    }
}

/// The first line of a list known to be at or under 1 %: everything after it is at or under 1 %.
public struct OnePercentLine: Hashable, Sendable {
    /// The index, in the input lines, of that line.
    public var index: Int
    /// Its printed position.
    public var position: Int
    /// Which list of a kit it is the 1 % line of (0 for a product with one list).
    public var component: Int
    /// `Phenoxyethanol capped at 1 % by Annex V ref 29`, `Salicylic Acid printed at 0.5 %`.
    public var reason: String

    /// A 1 % line; each argument sets the property of the same name.
    public init(index: Int, position: Int, component: Int, reason: String) {
        self.index = index
        self.position = position
        self.component = component
        self.reason = reason
    }
}
