import Testing

@testable import SkinDomain

@Suite("Query language: the flag form")
struct QueryFlagsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let flags: QueryFlags
        let sentence: String
        var testDescription: String { sentence }
    }

    @Test(
        "flags mean the same as the sentence",
        arguments: [
            Case(
                flags: QueryFlags(ingredient: "NMN", min: "1000ppm", packaging: ["airless"]),
                sentence: "NMN >= 1000 ppm and packaging = airless"),
            Case(
                flags: QueryFlags(ingredient: "NMN", min: "1000ppm", packaging: ["airless"]),
                sentence: "products with NMN ≥1000 PPM and airless packaging"),
            Case(flags: QueryFlags(ingredient: "PDRN"), sentence: "contains PDRN"),
            Case(flags: QueryFlags(ingredient: "  vitamin   B3 "), sentence: "contains vitamin B3"),
            Case(flags: QueryFlags(ingredient: "NMN", undisclosed: true), sentence: "NMN undisclosed"),
            Case(
                flags: QueryFlags(ingredient: "NMN", max: "0.1%", contains: ["peptides", "centella"]),
                sentence: "NMN <= 1000 ppm and peptides and centella"),
            Case(
                flags: QueryFlags(packaging: ["opaque", "single use"], delivery: "declared liposomal"),
                sentence: "opaque and single-use and delivery = declared liposomal"),
            Case(
                flags: QueryFlags(delivery: "ferment filtrate", brand: "x' OR 1=1 --", category: "serum"),
                sentence: "delivery = ferment-filtrate and brand = \"x' OR 1=1 --\" and category = serum"),
            Case(
                flags: QueryFlags(minPrice: 10, maxPrice: 40),
                sentence: "price >= 10 and price <= 40"),
        ])
    func sameAsSentence(_ testCase: Case) throws {
        let fromFlags = try #require(try testCase.flags.expression())
        let fromSentence = try QueryParser.parse(testCase.sentence)
        #expect(fromFlags.isEquivalent(to: fromSentence))
        #expect(fromFlags.description == fromSentence.description)
    }

    @Test("the example of issue 3, exactly")
    func issueExample() throws {
        let flags = QueryFlags(ingredient: "NMN", min: "1000ppm", packaging: ["airless"])
        let expression = try #require(try flags.expression())
        #expect(
            expression.withoutSpans == .and(Expect.amount("NMN", .greaterOrEqual, 1000), Expect.packaging(.airless)))
        #expect(expression.description == "NMN >= 1000 ppm and packaging = airless")
    }

    @Test("no flags, no expression")
    func empty() throws {
        #expect(try QueryFlags().expression() == nil)
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        let flags: QueryFlags
        let message: String
        var column = 1
        var suggestion: String? = nil
        var testDescription: String { message }
    }

    @Test(
        "bad flags are errors naming the flag",
        arguments: [
            ErrorCase(
                flags: QueryFlags(ingredient: "NMN", min: "1000"),
                message: "--min: amount \"1000\" needs a unit (use ppm, %, mg/g, ug/g, mg/kg or mg/mL)"),
            ErrorCase(
                flags: QueryFlags(ingredient: "NMN", min: "1000 ppn"),
                message: "--min: unknown unit \"ppn\" (use ppm, %, mg/g, ug/g, mg/kg or mg/mL)", column: 6,
                suggestion: "ppm"),
            ErrorCase(
                flags: QueryFlags(ingredient: "NMN", max: "1000 ppm and"),
                message: "--max: unexpected \"and\" after the amount", column: 10),
            ErrorCase(flags: QueryFlags(min: "1000ppm"), message: "--min needs --ingredient to say which ingredient"),
            ErrorCase(
                flags: QueryFlags(undisclosed: true),
                message: "--undisclosed needs --ingredient to say which ingredient"),
            ErrorCase(
                flags: QueryFlags(ingredient: "NMN", min: "1 ppm", undisclosed: true),
                message: "--undisclosed cannot be combined with --min or --max"),
            ErrorCase(flags: QueryFlags(ingredient: "  "), message: "--ingredient needs an ingredient name"),
            ErrorCase(
                flags: QueryFlags(packaging: ["airles"]),
                message:
                    "--packaging: unknown packaging \"airles\" (use airless, opaque, light-protective, single-use, "
                    + "jar, clear, pump, dropper, tube or screw-cap)",
                suggestion: "airless"),
            ErrorCase(flags: QueryFlags(packaging: ["= jar"]), message: "--packaging: unexpected \"=\""),
            ErrorCase(
                flags: QueryFlags(delivery: "nano"),
                message:
                    "--delivery: unknown delivery system \"nano\" (use ferment-filtrate, liposomal or peptide-carrier)"),
            ErrorCase(flags: QueryFlags(maxPrice: -1), message: "--max-price needs a price of zero or more, not -1.0"),
            ErrorCase(flags: QueryFlags(minPrice: .nan), message: "--min-price needs a price of zero or more, not nan"),
        ])
    func errors(_ testCase: ErrorCase) {
        let error = #expect(throws: QueryError.self) { try testCase.flags.expression() }
        #expect(error?.message == testCase.message)
        #expect(error?.span.column == testCase.column)
        #expect(error?.suggestion == testCase.suggestion)
    }

    @Test("an amount range")
    func range() throws {
        let flags = QueryFlags(ingredient: "niacinamide", min: "2 %", max: "5%")
        #expect(
            try flags.expression()?.withoutSpans
                == .and(
                    Expect.amount("niacinamide", .greaterOrEqual, 20000),
                    Expect.amount("niacinamide", .lessOrEqual, 50000)))
    }
}
