import Testing

@testable import SkinDomain

@Suite("Packaging attributes from free text")
struct PackagingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: Packaging
        var testDescription: String { text }
    }

    @Test(
        "descriptions map to attributes",
        arguments: [
            Case(text: "airless pump", expected: [.airless, .pump]),
            Case(text: "opaque airless pump", expected: [.airless, .opaque, .lightProtective, .pump]),
            Case(text: "clear glass jar, screw top", expected: [.clear, .jar, .screwCap]),
            Case(text: "single-use capsules", expected: [.singleUse]),
            Case(text: "Amber glass dropper", expected: [.lightProtective, .dropper]),
            Case(text: "aluminium tube", expected: [.opaque, .lightProtective, .tube]),
            Case(text: "ampoules (single-use)", expected: [.singleUse]),
            Case(text: "frosted glass jar", expected: [.jar]),
            Case(text: "clear plastic bottle with pump", expected: [.clear, .pump]),
            Case(text: "", expected: []),
            Case(text: "bottle", expected: []),
        ])
    func attributes(_ testCase: Case) {
        #expect(Packaging(describing: testCase.text) == testCase.expected)
    }

    @Test("attribute names follow the table's columns")
    func names() {
        #expect(Packaging([.airless, .screwCap]).names == ["airless", "screw-cap"])
    }
}

@Suite("Delivery systems")
struct DeliveryTests {
    @Test("declared in a claim")
    func declared() {
        #expect(Delivery.declared(in: "yeast-fermented filtrate").map(\.system) == [.fermentFiltrate])
        #expect(Delivery.declared(in: "liposome-encapsulated").map(\.system) == [.liposomal])
        #expect(Delivery.declared(in: "peptide carrier").map(\.system) == [.peptideCarrier])
        #expect(Delivery.declared(in: "Liposomal, fermented").map(\.system) == [.fermentFiltrate, .liposomal])
        #expect(Delivery.declared(in: "").isEmpty)
        #expect(Delivery.declared(in: "serum").isEmpty)
        #expect(Delivery.declared(in: "liposomal").allSatisfy { $0.basis == .declared })
    }

    @Test("inferred from the INCI list, and only where the rule holds")
    func inferred() {
        let list: [(printedName: String, position: Int?, classes: Set<String>)] = [
            ("Galactomyces Ferment Filtrate", 1, ["ferment-filtrate"]),
            ("NMN", 4, ["nad-precursor"]),
            ("Lecithin", 9, ["phospholipid"]),
            ("Copper Tripeptide-1", 12, ["peptide", "carrier-peptide"]),
        ]
        let found = Delivery.inferred(from: list, declared: [])
        #expect(found.map(\.system) == [.fermentFiltrate, .liposomal, .peptideCarrier])
        #expect(found.allSatisfy { $0.basis == .inferred })
        #expect(found.first?.evidence == "Galactomyces Ferment Filtrate")
        // A filtrate far down the list is a trace, not a vehicle; lecithin without an active is an emulsifier.
        let trace: [(printedName: String, position: Int?, classes: Set<String>)] = [
            ("Saccharomyces Ferment Filtrate", 14, ["ferment-filtrate"]), ("Lecithin", 3, ["phospholipid"]),
        ]
        #expect(Delivery.inferred(from: trace, declared: []).isEmpty)
        // ... unless the label declares an active (a retinol serum with lecithin).
        #expect(Delivery.inferred(from: trace, declared: [], declaresAnActive: true).map(\.system) == [.liposomal])
        // A declaration wins over an inference of the same system.
        let declared = Delivery.declared(in: "liposomal")
        #expect(!Delivery.inferred(from: list, declared: declared).contains { $0.system == .liposomal })
    }
}

@Suite("Sizes and prices")
struct SizeAndPriceTests {
    struct SizeCase: Sendable, CustomTestStringConvertible {
        let text: String
        let ml: Double?
        let g: Double?
        var testDescription: String { text }
    }

    @Test(
        "sizes",
        arguments: [
            SizeCase(text: "30 mL", ml: 30, g: nil),
            SizeCase(text: "50ml", ml: 50, g: nil),
            SizeCase(text: "1.7 fl oz / 50 mL", ml: 50, g: nil),
            SizeCase(text: "Size: 1.7 oz/50 mL", ml: 50, g: nil),
            SizeCase(text: "50 g", ml: nil, g: 50),
            SizeCase(text: "1.8 oz / 50 g", ml: nil, g: 50),
            SizeCase(text: "1.7 fl. oz", ml: 50.3, g: nil),
            SizeCase(text: "20 x 2 mL", ml: 40, g: nil),
            SizeCase(text: "1 mask / pack", ml: nil, g: nil),
        ])
    func sizes(_ testCase: SizeCase) {
        let size = ProductSize(parsing: testCase.text)
        #expect(size?.millilitres == testCase.ml)
        #expect(size?.grams == testCase.g)
    }

    @Test("prices")
    func prices() {
        #expect(Price(parsing: "38.00")?.amount == 38)
        #expect(Price(parsing: "$62.00")?.currency == "USD")
        #expect(Price(parsing: "£10.00")?.amount == 10)
        #expect(Price(parsing: "€24,50")?.amount == 24.5)
        #expect(Price(parsing: "45,000")?.amount == 45000)
        #expect(Price(parsing: "$11.20 $16.00")?.amount == 11.2)
        #expect(Price(parsing: "KRW 45000")?.currency == "KRW")
        #expect(Price(parsing: "cheap") == nil)
        #expect(Price(parsing: "-5") == nil)
    }
}
