import Testing

@testable import SkinDomain

/// Finding 8's pure parts: tokens, the index's grouping, kits, the one-product rule and the finding's wording.
@Suite("Same formula (finding 8)")
struct SameFormulaTests {
    let six = ["#1", "#2", "#3", "?MOONFLOWERESSENCE", "#5", "#6"]

    @Test("a resolved line is its ingredient, an unresolved one its printed-name key")
    func tokens() {
        #expect(SameFormula.token(ingredientId: 7, nameKey: "AQUA") == "#7")
        #expect(SameFormula.token(ingredientId: nil, nameKey: "AQUA") == "?AQUA")
    }

    @Test("groups by exact list; a short list, a swapped pair and a kit split differently are left out")
    func grouping() {
        var index = SameFormulaIndex()
        var tokens: [Int64: [String]] = [:]
        func add(_ id: Int64, _ list: [String]) {
            index.add(productId: id, tokens: list)
            tokens[id] = list
        }
        add(1, six)
        add(2, six)
        add(3, ["#2", "#1"] + six.dropFirst(2))  // swapped
        add(4, Array(six.prefix(4)))  // too short
        add(5, Array(six.prefix(4)))
        add(6, Array(six.prefix(3)) + [SameFormula.listBreak] + six.suffix(3))  // a kit of the same lines
        add(7, Array(six.prefix(3)) + [SameFormula.listBreak] + six.suffix(3))
        let members = SameFormulaIndex.confirm(index.candidates, tokens: tokens)
        #expect(members[1] == [1, 2] && members[2] == [1, 2])
        #expect(members[3] == nil && members[4] == nil && members[5] == nil)
        #expect(members[6] == [6, 7])  // kits match kits with the same lists, never the single list
    }

    @Test("a digest collision is never a finding: the exact tokens decide")
    func collision() {
        let members = SameFormulaIndex.confirm([[1, 2]], tokens: [1: six, 2: six.reversed()])
        #expect(members.isEmpty)
    }

    @Test("one product in several sizes or editions; another name or brand is another product")
    func identity() {
        let cream = SameFormulaProduct(sku: "1", brand: "LA MER", name: "Crème de la Mer")
        #expect(cream.isSameProduct(as: SameFormulaProduct(sku: "2", brand: "La Mer", name: "Crème de la Mer Mini")))
        #expect(
            cream.isSameProduct(
                as: SameFormulaProduct(sku: "3", brand: "LA MER", name: "Limited-Edition Crème de la Mer 100ml")))
        let spf15 = SameFormulaProduct(sku: "4", brand: "Bondi Sands", name: "Sunscreen SPF15 Oil 150ml")
        #expect(
            !spf15.isSameProduct(as: SameFormulaProduct(sku: "5", brand: "Bondi Sands", name: "Sunscreen SPF30 Oil")))
        #expect(!cream.isSameProduct(as: SameFormulaProduct(sku: "6", brand: "Other", name: "Crème de la Mer")))
    }

    @Test("the finding names the other products and says when they are the same brand")
    func finding() {
        let match = SameFormulaMatch(
            ingredients: 6, unresolved: 0,
            products: [
                SameFormulaProduct(sku: "A", brand: "Cirrus", name: "Barrier Cream", price: "20.00 EUR"),
                SameFormulaProduct(sku: "B", brand: "Cirrus", name: "Barrier Cream Mini"),
                SameFormulaProduct(sku: "C", brand: "Cirrus", name: "Night Balm"),
            ])
        let product = AuditProduct(
            name: "Barrier Cream", brand: "Cirrus", use: .leaveOn, lines: [], onePercentLines: [], sameFormula: match)
        let findings = LabelAudit.audit(product)
        #expect(findings.map(\.kind) == [.sameFormula])
        #expect(
            findings.first?.message
                == "the same 6-ingredient list, in the same order, is sold as 1 other product (the same brand under "
                + "another name): Cirrus Night Balm (C)")
        #expect(findings.first?.evidence == ["list: 6 ingredients, every name resolved", "C: Cirrus, Night Balm"])
        var short = product
        short.sameFormula?.ingredients = 4
        #expect(LabelAudit.audit(short).isEmpty)
    }
}
