import Testing

@testable import SkinDomain

@Suite("Amounts and units (DOMAIN.md section 2)")
struct AmountTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let ppm: Double
        var approximate = false
        var testDescription: String { "\"\(text)\" = \(ppm) ppm" }
    }

    @Test(
        "labels convert to ppm",
        arguments: [
            Case(text: "4,000 PPM", ppm: 4000),
            Case(text: "4000ppm", ppm: 4000),
            Case(text: "1,000 ppm", ppm: 1000),  // a thousands separator, not a decimal comma
            Case(text: "0,4 %", ppm: 4000),  // a decimal comma
            Case(text: "0.4%", ppm: 4000),
            Case(text: "0,1 %", ppm: 1000),
            Case(text: "0.3%", ppm: 3000),  // exactly: 0.3 × 10,000 is 3000.0000000000005 in binary floating point
            Case(text: "0,7 %", ppm: 7000),
            Case(text: "0.1 %", ppm: 1000),
            Case(text: "5%", ppm: 50000),
            Case(text: "2,5 %", ppm: 25000),
            Case(text: "10 mg/g", ppm: 10000),
            Case(text: "1 mg/g", ppm: 1000),
            Case(text: "250 ug/g", ppm: 250),
            Case(text: "250 µg/g", ppm: 250),
            Case(text: "3 mg/mL", ppm: 3000, approximate: true),
        ])
    func converts(_ testCase: Case) throws {
        let amount = try Amount(parsing: testCase.text)
        #expect(amount.ppm == testCase.ppm)
        #expect(amount.isApproximate == testCase.approximate)
    }

    @Test("units are case-insensitive")
    func caseInsensitiveUnits() throws {
        #expect(try Amount(parsing: "2000 PPM").ppm == 2000)
        #expect(try Amount(parsing: "2000 Ppm").ppm == 2000)
        #expect(try Amount(parsing: "10 MG/G").ppm == 10000)
    }

    @Test("100 % is the ceiling, exactly")
    func ceiling() throws {
        #expect(try Amount(parsing: "100%").ppm == 1_000_000)
        #expect(throws: AmountError.impossible("200 %")) { try Amount(parsing: "200 %") }
        #expect(throws: AmountError.impossible("1,000,001 ppm")) { try Amount(parsing: "1,000,001 ppm") }
    }

    @Test("bad amounts are errors naming the text")
    func errors() {
        #expect(throws: AmountError.unknownUnit("furlongs")) { try Amount(parsing: "4000 furlongs") }
        #expect(throws: AmountError.unknownUnit("")) { try Amount(parsing: "4000") }
        #expect(throws: AmountError.negative("-5 ppm")) { try Amount(parsing: "-5 ppm") }
        #expect(throws: AmountError.notANumber("lots ppm")) { try Amount(parsing: "lots ppm") }
        #expect(throws: AmountError.notANumber("1,2,3")) { try Amount(parsing: "1,2,3 ppm") }
    }

    struct NumberCase: Sendable, CustomTestStringConvertible {
        let text: String
        let value: Double?
        var testDescription: String { text }
    }

    @Test(
        "thousands separators and decimal commas are told apart",
        arguments: [
            NumberCase(text: "1,000", value: 1000),
            NumberCase(text: "4,000", value: 4000),
            NumberCase(text: "12,500", value: 12500),
            NumberCase(text: "1,000,000", value: 1_000_000),
            NumberCase(text: "0,4", value: 0.4),
            NumberCase(text: "0,400", value: 0.4),  // a leading zero means a decimal comma
            NumberCase(text: "2,5", value: 2.5),
            NumberCase(text: "1,000.5", value: 1000.5),
            NumberCase(text: "1.000,5", value: 1000.5),
            NumberCase(text: "1.000.000", value: 1_000_000),
            NumberCase(text: ".5", value: 0.5),
            NumberCase(text: "1,2,3", value: nil),
            NumberCase(text: "1..2", value: nil),
            NumberCase(text: "abc", value: nil),
        ])
    func numbers(_ testCase: NumberCase) {
        #expect(AmountText.parseNumber(Substring(testCase.text)) == testCase.value)
    }
}

@Suite("Declared actives (the actives column)")
struct DeclaredActiveTests {
    @Test("the contract's examples")
    func contractExamples() throws {
        let actives = try DeclaredActive.parseList("NMN 4,000 ppm; Niacinamide 5%")
        #expect(actives.map(\.name) == ["NMN", "Niacinamide"])
        #expect(actives.map(\.amount.ppm) == [4000, 50000])
        #expect(try DeclaredActive.parseList("NMN 0,2 %").first?.amount.ppm == 2000)
        #expect(try DeclaredActive.parseList("NMN 10 mg/g").first?.amount.ppm == 10000)
        #expect(try DeclaredActive.parseList("β-NMN 2000ppm").first?.name == "β-NMN")
        #expect(try DeclaredActive.parseList("β-NMN 2000ppm").first?.amount.ppm == 2000)
    }

    @Test("a comma before a name separates entries; a comma before a digit is part of the number")
    func commaSeparated() throws {
        let actives = try DeclaredActive.parseList("NMN 3,000 ppm, Niacinamide 4%,PDRN 0,1 %")
        #expect(actives.map(\.name) == ["NMN", "Niacinamide", "PDRN"])
        #expect(actives.map(\.amount.ppm) == [3000, 40000, 1000])
    }

    @Test("names with digits keep them")
    func namesWithDigits() throws {
        let actives = try DeclaredActive.parseList("Vitamin B3 4%; Palmitoyl Tripeptide-1 10 ppm")
        #expect(actives.map(\.name) == ["Vitamin B3", "Palmitoyl Tripeptide-1"])
        #expect(actives.map(\.amount.ppm) == [40000, 10])
    }

    @Test("parenthesised and colon forms")
    func otherForms() throws {
        #expect(try DeclaredActive.parseList("Niacinamide (5%)").first?.amount.ppm == 50000)
        #expect(try DeclaredActive.parseList("NMN: 1000 ppm").first?.name == "NMN")
    }

    @Test("empty entries are skipped")
    func emptyEntries() throws {
        #expect(try DeclaredActive.parseList(" ; NMN 500 ppm ;").count == 1)
    }

    @Test("bad entries say why")
    func errors() {
        #expect(throws: AmountError.unknownUnit("furlongs")) { try DeclaredActive.parseList("NMN 4000 furlongs") }
        #expect(throws: AmountError.negative("-5 ppm")) { try DeclaredActive.parseList("NMN -5 ppm") }
        #expect(throws: AmountError.impossible("200 %")) { try DeclaredActive.parseList("Niacinamide 200%") }
        #expect(throws: AmountError.notANumber("lots")) { try DeclaredActive.parseList("NMN lots ppm") }
        #expect(throws: AmountError.missingNumber("NMN")) { try DeclaredActive.parseList("NMN") }
        #expect(throws: AmountError.unknownUnit("")) { try DeclaredActive.parseList("NMN 4000") }
    }
}
