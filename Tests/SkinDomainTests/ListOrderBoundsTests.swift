import Testing

@testable import SkinDomain

@Suite("Bounds from list order and the 1 % line (DOMAIN.md section 7)")
struct ListOrderBoundsTests {
    enum Id {
        static let water: Int64 = 1
        static let glycerin: Int64 = 2
        static let niacinamide: Int64 = 3
        static let phenoxyethanol: Int64 = 4
        static let butyleneGlycol: Int64 = 5
        static let nmn: Int64 = 6
        static let salicylicAcid: Int64 = 7
        static let titaniumDioxide: Int64 = 8
        static let homosalate: Int64 = 9
    }

    /// Caps as a test states them (not read from the annexes here): phenoxyethanol at 1 %, homosalate at 7.34 %.
    static func cap(_ line: ListOrderLine) -> IngredientCap? {
        switch line.ingredientId {
        case Id.phenoxyethanol: IngredientCap(ppm: 10_000, source: "Annex V ref 29")
        case Id.homosalate: IngredientCap(ppm: 73_400, source: "Annex VI ref 3")
        default: nil
        }
    }

    static func line(
        _ position: Int?, _ id: Int64?, _ name: String, printed percent: Double? = nil,
        source: AmountSource = .printed, component: Int = 0, mayContain: Bool = false
    ) -> ListOrderLine {
        ListOrderLine(
            position: position, ingredientId: id, name: name, amount: percent.map { Amount(ppm: $0 * 10_000) },
            amountSource: source, component: component, mayContain: mayContain)
    }

    @Test("niacinamide third, before phenoxyethanol: no bound; after phenoxyethanol: at most 1 %")
    func phenoxyethanolLine() {
        let lines = [
            Self.line(1, Id.water, "Water"), Self.line(2, Id.glycerin, "Glycerin"),
            Self.line(3, Id.niacinamide, "Niacinamide"), Self.line(4, Id.phenoxyethanol, "Phenoxyethanol"),
            Self.line(5, Id.nmn, "NMN"), Self.line(6, Id.butyleneGlycol, "Butylene Glycol"),
        ]
        let bounds = ListOrderBounds(lines: lines, cap: Self.cap)
        // Before the 1 % line: neither bound (a cap is a maximum, not an amount; the tail under 1 % is free).
        #expect(bounds.intervals[2].isUnbounded)
        #expect(bounds.intervals[2].displayText == nil)
        #expect(bounds.intervals[3].isUnbounded)  // phenoxyethanol's own cap is not its list interval
        #expect(bounds.intervals[4].upper == 10_000)
        #expect(bounds.intervals[4].lower == nil)
        #expect(bounds.intervals[4].displayText == "<= 1 %")
        #expect(bounds.intervals[4].upperEvidence?.index == 3)
        #expect(bounds.intervals[4].upperEvidence?.kind == .cap)
        #expect(
            bounds.intervals[4].upperEvidence?.reason
                == "listed after Phenoxyethanol, capped at 1 % by Annex V ref 29: after the 1 % line")
        #expect(bounds.intervals[5].upper == 10_000)
        #expect(
            bounds.onePercentLines == [
                OnePercentLine(
                    index: 3, position: 4, component: 0, reason: "Phenoxyethanol capped at 1 % by Annex V ref 29")
            ])
    }

    @Test("an active before an ingredient printed at 2 % is at least 2 %; after it, at most 2 %")
    func printedAmountBothWays() {
        let lines = [
            Self.line(1, Id.water, "Water"), Self.line(2, Id.niacinamide, "Niacinamide"),
            Self.line(3, Id.glycerin, "Glycerin", printed: 2), Self.line(4, Id.nmn, "NMN"),
            Self.line(5, Id.phenoxyethanol, "Phenoxyethanol"), Self.line(6, Id.butyleneGlycol, "Butylene Glycol"),
        ]
        let bounds = ListOrderBounds(lines: lines, cap: Self.cap)
        #expect(bounds.intervals[1].lower == 20_000)
        #expect(bounds.intervals[1].upper == nil)
        #expect(bounds.intervals[1].displayText == ">= 2 %")
        #expect(bounds.intervals[1].lowerEvidence?.reason == "listed before Glycerin, printed at 2 %")
        #expect(bounds.intervals[0].lower == 20_000)  // water too
        // NMN between the 2 % line and the preservative: at most 2 %, no lower bound.
        #expect(bounds.intervals[3].upper == 20_000)
        #expect(bounds.intervals[3].lower == nil)
        #expect(bounds.intervals[3].displayText == "<= 2 %")
        // After phenoxyethanol the tighter bound wins.
        #expect(bounds.intervals[5].upper == 10_000)
        #expect(bounds.intervals[5].upperEvidence?.index == 4)
    }

    @Test("between two printed amounts: an interval shown as a range")
    func range() {
        let lines = [
            Self.line(1, Id.water, "Water"), Self.line(2, Id.glycerin, "Glycerin", printed: 5),
            Self.line(3, Id.niacinamide, "Niacinamide"), Self.line(4, Id.butyleneGlycol, "Butylene Glycol", printed: 2),
        ]
        let interval = ListOrderBounds(lines: lines, cap: Self.cap).intervals[2]
        #expect(interval.lower == 20_000)
        #expect(interval.upper == 50_000)
        #expect(interval.displayText == "2-5 %")
        #expect(
            interval.explanation
                == "listed before Butylene Glycol, printed at 2 %; listed after Glycerin, printed at 5 %")
    }

    @Test("amounts at or under 1 % give no lower bound: the tail under 1 % is in free order")
    func noLowerBoundFromSmallAmounts() {
        let lines = [
            Self.line(1, Id.water, "Water"), Self.line(2, Id.niacinamide, "Niacinamide"),
            Self.line(3, Id.salicylicAcid, "Salicylic Acid", printed: 1), Self.line(4, Id.nmn, "NMN"),
        ]
        let bounds = ListOrderBounds(lines: lines, cap: Self.cap)
        #expect(bounds.intervals[1].lower == nil)
        #expect(bounds.intervals[3].upper == 10_000)
        #expect(bounds.onePercentLines.map(\.reason) == ["Salicylic Acid printed at 1 %"])
    }

    @Test("a declared amount sets bounds; named and inferred amounts do not")
    func sources() {
        func bounds(_ source: AmountSource) -> ListOrderBounds {
            ListOrderBounds(
                lines: [
                    Self.line(1, Id.water, "Water"), Self.line(2, Id.nmn, "NMN", printed: 0.4, source: source),
                    Self.line(3, Id.niacinamide, "Niacinamide"),
                ], cap: Self.cap)
        }
        #expect(bounds(.declared).intervals[2].upper == 10_000)
        #expect(bounds(.declared).intervals[2].upperEvidence?.kind == .amount(.declared))
        #expect(bounds(.named).intervals[2].isUnbounded)
        #expect(bounds(.named).onePercentLines.isEmpty)
        #expect(bounds(.inferred).intervals[2].isUnbounded)
        // A named amount over 1 % gives no lower bound to the lines before it either.
        let named = ListOrderBounds(
            lines: [
                Self.line(1, Id.water, "Water"),
                Self.line(2, Id.niacinamide, "Niacinamide", printed: 10, source: .named),
            ], cap: Self.cap)
        #expect(named.intervals[0].isUnbounded)
    }

    @Test("each kit component is its own list")
    func kits() {
        let lines = [
            Self.line(1, Id.water, "Water", component: 0),
            Self.line(2, Id.phenoxyethanol, "Phenoxyethanol", component: 0),
            Self.line(3, Id.niacinamide, "Niacinamide", component: 0),
            Self.line(1, Id.water, "Water", component: 1), Self.line(2, Id.niacinamide, "Niacinamide", component: 1),
            Self.line(3, Id.glycerin, "Glycerin", printed: 3, component: 1),
        ]
        let bounds = ListOrderBounds(lines: lines, cap: Self.cap)
        #expect(bounds.intervals[2].displayText == "<= 1 %")
        // The second component's niacinamide comes after no phenoxyethanol: only its own list bounds it.
        #expect(bounds.intervals[4].upper == nil)
        #expect(bounds.intervals[4].lower == 30_000)
        #expect(bounds.intervals[3].lower == 30_000)
        #expect(bounds.intervals[1].lower == nil)  // the 3 % is in the other component
        #expect(bounds.onePercentLines.map(\.component) == [0])
    }

    @Test("colourants neither receive nor give bounds, and bounds pass through them")
    func colourants() {
        let lines = [
            Self.line(1, Id.water, "Water"), Self.line(2, Id.titaniumDioxide, "CI 77891", printed: 0.5),
            Self.line(3, Id.niacinamide, "Niacinamide"), Self.line(4, Id.phenoxyethanol, "Phenoxyethanol"),
            Self.line(5, nil, "Iron Oxides (CI 77491)"), Self.line(6, Id.nmn, "NMN"),
            Self.line(7, nil, "CI 77492 / Yellow Iron Oxide", printed: 3),
        ]
        #expect(lines.map(\.isColourant) == [false, true, false, false, true, false, true])
        let bounds = ListOrderBounds(lines: lines, cap: Self.cap)
        // The 0.5 % on CI 77891 does not put niacinamide under 1 %; the 3 % on CI 77492 gives no lower bound.
        #expect(bounds.intervals[2].isUnbounded)
        #expect(bounds.intervals[0].lower == nil)
        // A colourant after the preservative gets no bound; NMN after it keeps the preservative's.
        #expect(bounds.intervals[4].isUnbounded)
        #expect(bounds.intervals[5].upper == 10_000)
        #expect(bounds.intervals[5].upperEvidence?.index == 3)
        #expect(bounds.onePercentLines.map(\.index) == [3])
    }

    @Test("may-contain entries and unlisted actives get no bounds and set none")
    func mayContain() {
        let lines = [
            Self.line(1, Id.water, "Water"), Self.line(2, Id.phenoxyethanol, "Phenoxyethanol"),
            Self.line(3, Id.niacinamide, "Niacinamide"),
            Self.line(nil, Id.glycerin, "Glycerin", printed: 0.1, mayContain: true),
            Self.line(nil, Id.nmn, "NMN", printed: 0.4, source: .declared),
        ]
        let bounds = ListOrderBounds(lines: lines, cap: Self.cap)
        #expect(bounds.intervals[3].isUnbounded)
        #expect(bounds.intervals[4].isUnbounded)
        #expect(bounds.intervals[2].upper == 10_000)
        // Glycerin at 0.1 % may-contain is not a 1 % line for water.
        #expect(bounds.intervals[0].isUnbounded)
    }

    @Test("a cap over 1 % bounds what follows at the cap; the annex cap and a printed amount take the smaller")
    func capsOverOnePercent() {
        let lines = [
            Self.line(1, Id.water, "Water"), Self.line(2, Id.homosalate, "Homosalate"),
            Self.line(3, Id.niacinamide, "Niacinamide"),
            Self.line(4, Id.phenoxyethanol, "Phenoxyethanol", printed: 0.5), Self.line(5, Id.nmn, "NMN"),
        ]
        let bounds = ListOrderBounds(lines: lines, cap: Self.cap)
        #expect(bounds.intervals[2].upper == 73_400)
        #expect(bounds.intervals[2].displayText == "<= 7.34 %")
        #expect(bounds.intervals[4].upper == 10_000)
        #expect(bounds.onePercentLines.first?.reason == "Phenoxyethanol printed at 0.5 %")
    }

    @Test("lines given out of order are ordered by position; contradictions keep both bounds")
    func contradiction() {
        let lines = [
            Self.line(3, Id.niacinamide, "Niacinamide", printed: 5), Self.line(1, Id.water, "Water"),
            Self.line(2, Id.glycerin, "Glycerin", printed: 2), Self.line(4, Id.nmn, "NMN", printed: 3),
        ]
        let interval = ListOrderBounds(lines: lines, cap: Self.cap).intervals[0]
        #expect(interval.lower == 30_000)
        #expect(interval.upper == 20_000)
        #expect(interval.isContradictory)
        #expect(interval.displayText == ">= 3 % and <= 2 % (contradictory)")
    }

    @Test("from a stored ingredient line: the inferred bound of today's code is dropped")
    func fromProductLine() {
        let stored = ProductIngredientLine(
            position: 4, printedName: "Niacinamide", nameKey: "NIACINAMIDE", ingredientId: Id.niacinamide,
            mayContain: false, amount: Amount(ppm: 10_000), amountSource: .inferred)
        let line = ListOrderLine(stored)
        #expect(line.amount == nil)
        #expect(line.amountSource == nil)
        #expect(line.position == 4)
    }

    @Test("percent formatting", arguments: [(10_000.0, "1 %"), (5_000, "0.5 %"), (73_400, "7.34 %"), (15, "0.0015 %")])
    func format(_ ppm: Double, _ text: String) {
        #expect(ListOrderBounds.format(ppm: ppm) == text)
    }
}
