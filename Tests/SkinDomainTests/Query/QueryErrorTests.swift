import Testing

@testable import SkinDomain

@Suite("Query language: errors")
struct QueryErrorTests {
    static let units = "(use ppm, %, mg/g, ug/g, mg/kg or mg/mL)"
    static let packagingWords =
        "(use airless, opaque, light-protective, single-use, jar, clear, pump, dropper, tube or screw-cap)"
    static let systems = "(use ferment-filtrate, liposomal or peptide-carrier)"
    static let currencies = "(use a three-letter code such as USD or EUR, or $, €, £, ¥ or ₩)"

    @Test(
        "errors name the offending text and its column",
        arguments: [
            ErrorCase(
                query: "NMN >= 1000 furlongs", message: "unknown unit \"furlongs\" \(units)", column: 13, length: 8),
            ErrorCase(
                query: "NMN >= 1000 ppn", message: "unknown unit \"ppn\" \(units)", column: 13, length: 3,
                suggestion: "ppm"),
            ErrorCase(
                query: "NMN >= 1000PPN", message: "unknown unit \"PPN\" \(units)", column: 12, length: 3,
                suggestion: "ppm"),
            ErrorCase(query: "NMN >= 1000", message: "amount \"1000\" needs a unit \(units)", column: 8, length: 4),
            ErrorCase(
                query: "NMN >= 1000 and airless", message: "amount \"1000\" needs a unit \(units)", column: 8, length: 4
            ),
            ErrorCase(query: "(NMN >= 1000)", message: "amount \"1000\" needs a unit \(units)", column: 9, length: 4),
            ErrorCase(query: "NMN >= -5 ppm", message: "negative amount \"-5 ppm\"", column: 8, length: 6),
            ErrorCase(
                query: "NMN >= 200 %", message: "impossible amount \"200 %\" (more than 100 %)", column: 8, length: 5),
            ErrorCase(
                query: "NMN >= 1 000 ppm", message: "\"1 000\" is not a number (write it without spaces)", column: 8,
                length: 5),
            ErrorCase(query: "NMN >= 1,2,3 ppm", message: "\"1,2,3\" is not a number", column: 8, length: 5),
            ErrorCase(
                query: "NMN >= lots", message: "expected an amount such as 1000 ppm after \">=\", found \"lots\"",
                column: 8,
                length: 4),
            ErrorCase(query: "NMN >=", message: "expected an amount such as 1000 ppm after \">=\"", column: 7),
            ErrorCase(
                query: "NMN 1000 ppm", message: "expected a comparator before \"1000 ppm\", as in \"NMN >= 1000 ppm\"",
                column: 5, length: 8),
            ErrorCase(
                query: "vitamin B3 4%", message: "expected a comparator before \"4%\", as in \"vitamin B3 >= 4%\"",
                column: 12, length: 2),
            ErrorCase(query: "", message: "the query is empty", column: 1),
            ErrorCase(query: "   ", message: "the query is empty", column: 4),
            ErrorCase(query: "(NMN >= 1000 ppm", message: "unmatched \"(\"", column: 1),
            ErrorCase(query: "(peptides or (centella)", message: "unmatched \"(\"", column: 1),
            ErrorCase(query: "peptides and (centella or (PDRN)", message: "unmatched \"(\"", column: 14),
            ErrorCase(query: "NMN >= 1000 ppm)", message: "unmatched \")\"", column: 16),
            ErrorCase(query: "NMN >= 1000 ppm and", message: "expected a condition after \"and\"", column: 20),
            ErrorCase(query: "peptides or", message: "expected a condition after \"or\"", column: 12),
            ErrorCase(query: "not", message: "expected a condition after \"not\"", column: 4),
            ErrorCase(query: "and peptides", message: "expected a condition, found \"and\"", column: 1, length: 3),
            ErrorCase(
                query: "peptides and and centella", message: "expected a condition after \"and\", found \"and\"",
                column: 14, length: 3),
            ErrorCase(query: "peptides and ()", message: "expected a condition after \"(\", found \")\"", column: 15),
            ErrorCase(query: "products", message: "expected a condition after \"products\"", column: 9),
            ErrorCase(query: "products with", message: "expected a condition after \"with\"", column: 14),
            ErrorCase(
                query: "NMN >= 1000 ppm airless", message: "expected \"and\" or \"or\" before \"airless\"", column: 17,
                length: 7),
            ErrorCase(
                query: "(NMN >= 1000 ppm airless)", message: "expected \"and\", \"or\" or \")\" before \"airless\"",
                column: 18, length: 7),
            ErrorCase(
                query: "peptides not centella", message: "expected \"and\" or \"or\" before \"not\"", column: 10,
                length: 3,
                suggestion: "and not"),
            ErrorCase(
                query: "brand < 'x'",
                message: "\"brand\" can only be compared with =, != or contains, not \"<\"", column: 7),
            ErrorCase(
                query: "brand 'x'", message: "expected \"=\", \"!=\" or \"contains\" after \"brand\", found 'x'",
                column: 7, length: 3),
            ErrorCase(query: "brand =", message: "expected a value for \"brand\" after \"=\"", column: 8),
            ErrorCase(
                query: "packaging = airles", message: "unknown packaging \"airles\" \(packagingWords)", column: 13,
                length: 6,
                suggestion: "airless"),
            ErrorCase(
                query: "packaging = glass", message: "unknown packaging \"glass\" \(packagingWords)", column: 13,
                length: 5),
            ErrorCase(
                query: "airles packaging", message: "unknown packaging \"airles\" \(packagingWords)", column: 1,
                length: 6,
                suggestion: "airless"),
            ErrorCase(
                query: "peptides airless packaging", message: "expected \"and\" or \"or\" before \"airless packaging\"",
                column: 10, length: 17),
            ErrorCase(
                query: "packaging < airless", message: "packaging can only be compared with = or !=, not \"<\"",
                column: 11),
            ErrorCase(
                query: "packaging =", message: "expected a packaging word \(packagingWords) after \"=\"", column: 12),
            ErrorCase(
                query: "delivery = nano", message: "unknown delivery system \"nano\" \(systems)", column: 12, length: 4),
            ErrorCase(
                query: "delivery = liposomol", message: "unknown delivery system \"liposomol\" \(systems)", column: 12,
                length: 9, suggestion: "liposomal"),
            ErrorCase(
                query: "nano delivery", message: "unknown delivery system \"nano\" \(systems)", column: 1, length: 4),
            ErrorCase(
                query: "delivery liposomal",
                message: "expected \"=\" or \"!=\" after \"delivery\", found \"liposomal\"",
                column: 10, length: 9),
            ErrorCase(
                query: "delivery = declared", message: "expected a delivery system after \"declared\" \(systems)",
                column: 20),
            ErrorCase(query: "price <= cheap", message: "price needs a number, not \"cheap\"", column: 10, length: 5),
            ErrorCase(query: "price <= $cheap", message: "price needs a number, not \"$cheap\"", column: 10, length: 6),
            ErrorCase(query: "price < $", message: "expected a number for price after \"$\"", column: 10),
            ErrorCase(
                query: "price < $ and sold by sephora",
                message: "expected a number for price after \"$\", found \"and\"",
                column: 11, length: 3),
            ErrorCase(
                query: "price <= 40usdx", message: "unknown currency \"usdx\" \(currencies)", column: 12, length: 4,
                suggestion: "USD"),
            ErrorCase(query: "price <= €1.2.3", message: "\"1.2.3\" is not a number", column: 11, length: 5),
            ErrorCase(
                query: "price <= $40usd",
                message: "price \"$40usd\" names two currencies; write one, as in \"$30\" or \"30 USD\"", column: 10,
                length: 6),
            ErrorCase(
                query: "price <= 40 dollars", message: "expected \"and\" or \"or\" before \"dollars\"", column: 13,
                length: 7),
            ErrorCase(
                query: "price <= 1 000 usd",
                message: "\"1 000\" is not a number (write it without spaces)", column: 10, length: 5),
            ErrorCase(query: "price <= -$4", message: "price needs a number, not \"-$4\"", column: 10, length: 3),
            ErrorCase(query: "price <= $-4", message: "negative price \"$-4\"", column: 10, length: 3),
            ErrorCase(
                query: "sold by", message: "expected a source name such as sephora after \"by\"", column: 8),
            ErrorCase(
                query: "sold by or sephora",
                message: "expected a source name such as sephora after \"by\", found \"or\"", column: 9,
                length: 2),
            ErrorCase(query: "sold by ' '", message: "empty source name ' '", column: 9, length: 3),
            ErrorCase(
                query: "sold by boots uk",
                message: "expected \"and\" or \"or\" before \"uk\"; quote a source name with spaces, as in "
                    + "\"sold by 'boots uk'\"",
                column: 15, length: 2),
            ErrorCase(
                query: "niacinamide sold by sephora", message: "expected \"and\" or \"or\" before \"sold by\"",
                column: 13, length: 7, suggestion: "and sold by"),
            ErrorCase(query: "price <= -4", message: "negative price \"-4\"", column: 10, length: 2),
            ErrorCase(query: "price", message: "expected a comparator such as \"<= 40\" after \"price\"", column: 6),
            ErrorCase(
                query: "size >= 1 oz", message: "unknown size unit \"oz\" (use ml or g)", column: 11, length: 2),
            ErrorCase(
                query: "NMN < undisclosed", message: "\"undisclosed\" can only be compared with = or !=, not \"<\"",
                column: 5),
            ErrorCase(
                query: "undisclosed", message: "\"undisclosed\" needs an ingredient, as in \"NMN undisclosed\"",
                column: 1, length: 11),
            ErrorCase(
                query: ">= 5 ppm", message: "expected an ingredient or a field before \">=\"", column: 1, length: 2),
            ErrorCase(
                query: "NMN <> 5 ppm", message: "\"<>\" is not a comparator; write \"!=\"", column: 5, length: 2,
                suggestion: "!="),
            ErrorCase(
                query: "NMN => 5 ppm", message: "\"=>\" is not a comparator; write \">=\"", column: 5, length: 2,
                suggestion: ">="),
            ErrorCase(
                query: "!peptides", message: "\"!\" is not an operator; write \"not\"", column: 1, suggestion: "not"),
            ErrorCase(
                query: "peptides && centella", message: "\"&&\" is not an operator; write \"and\"", column: 10,
                length: 2,
                suggestion: "and"),
            ErrorCase(
                query: "peptides || centella", message: "\"||\" is not an operator; write \"or\"", column: 10,
                length: 2,
                suggestion: "or"),
            ErrorCase(query: "brand = 'Pfect-A", message: "missing closing quote for \"Pfect-A\"", column: 9),
            ErrorCase(query: "contains ''", message: "empty ingredient name ''", column: 10, length: 2),
            ErrorCase(
                query: "packaging = \"\"",
                message: "expected a packaging word in \"\" \(packagingWords)", column: 13, length: 2),
            ErrorCase(
                query: "with with peptides", message: "expected a condition after \"with\", found \"with\"", column: 6,
                length: 4),
        ])
    func errors(_ testCase: ErrorCase) {
        let error = #expect(throws: QueryError.self) { try QueryParser.parse(testCase.query) }
        #expect(error?.message == testCase.message)
        #expect(error?.span == QuerySpan(column: testCase.column, length: testCase.length))
        #expect(error?.suggestion == testCase.suggestion)
    }

    @Test("nesting and size are capped")
    func limits() {
        let depth = QueryParser.maximumDepth + 1
        let nested = String(repeating: "(", count: depth) + "A" + String(repeating: ")", count: depth)
        let error = #expect(throws: QueryError.self) { try QueryParser.parse(nested) }
        #expect(error?.message == "the query nests more than 24 levels deep")
        #expect(error?.span == QuerySpan(column: depth, length: 1))

        let nots = #expect(throws: QueryError.self) {
            try QueryParser.parse(String(repeating: "not ", count: depth) + "A")
        }
        #expect(nots?.message == "the query nests more than 24 levels deep")

        let many = Array(repeating: "A", count: QueryParser.maximumConditions + 1).joined(separator: " or ")
        let tooMany = #expect(throws: QueryError.self) { try QueryParser.parse(many) }
        #expect(tooMany?.message == "the query has more than 256 conditions")
        #expect(tooMany?.span == QuerySpan(column: many.count, length: 1))
    }

    @Test("description: message, column, suggestion")
    func description() {
        let error = QueryError(message: "unknown unit \"furlongs\"", span: QuerySpan(column: 13, length: 8))
        #expect(error.description == "unknown unit \"furlongs\" at column 13")
        let suggested = QueryError(
            message: "unknown ingredient \"NMM\"", span: QuerySpan(column: 1, length: 3), suggestion: "NMN")
        #expect(suggested.description == "unknown ingredient \"NMM\" at column 1; did you mean \"NMN\"?")
    }

    @Test(
        "the diagnostic puts carets under the span",
        arguments: [
            "NMN >= 1000 furlongs", "NMN >= 1000ppn", "NMN >= 1000 ppm and", "(NMN >= 1000 ppm", "brand < 'x'",
            "packaging = airles", "price <= cheap", "", "NMN >= 1000 ppm)", "\tNMN >= 5 pmp",
            "price < $", "price <= 40usdx", "sold by boots uk", "niacinamide sold by sephora",
        ])
    func caret(_ query: String) throws {
        let error = try #require(throws: QueryError.self) { try QueryParser.parse(query) }
        let lines = error.diagnostic(for: query).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count == 3)
        #expect(lines[0] == error.description)
        #expect(lines[1] == query.replacing("\t", with: " "))
        let carets = Array(lines[2])
        #expect(carets.firstIndex(of: "^") == error.span.column - 1)
        #expect(carets.count(where: { $0 == "^" }) == error.span.length)
        #expect(carets.prefix(error.span.column - 1).allSatisfy { $0 == " " })
    }

    @Test("an exact diagnostic")
    func exactDiagnostic() throws {
        let query = "NMN >= 1000 ppn and airless"
        let error = try #require(throws: QueryError.self) { try QueryParser.parse(query) }
        #expect(
            error.diagnostic(for: query) == """
                unknown unit "ppn" \(Self.units) at column 13; did you mean "ppm"?
                NMN >= 1000 ppn and airless
                            ^^^
                """)
    }

    @Test("the diagnostic keeps wide characters and line breaks aligned")
    func wideDiagnostic() {
        let error = QueryError(message: "m", span: QuerySpan(column: 4, length: 2))
        #expect(error.diagnostic(for: "달바 ab") == "m at column 4\n달바 ab\n\u{3000}\u{3000} ^^")
        #expect(error.diagnostic(for: "a\nb cd") == "m at column 4\na b cd\n   ^^")
    }

    @Test("a span from elsewhere never traps the diagnostic")
    func foreignSpan() {
        let far = QueryError(message: "m", span: QuerySpan(column: .max, length: .max))
        #expect(far.diagnostic(for: "abc") == "m at column \(Int.max)\nabc\n   ^")
        let before = QueryError(message: "m", span: QuerySpan(column: .min, length: .min))
        #expect(before.diagnostic(for: "abc").hasSuffix("\nabc\n^"))
    }

    @Test("messages quote long text shortened")
    func longText() {
        let long = String(repeating: "z", count: 1000)
        let error = #expect(throws: QueryError.self) { try QueryParser.parse("NMN >= 5 \(long)") }
        #expect(error?.message == "unknown unit \"\(String(repeating: "z", count: 39))…\" \(Self.units)")
        #expect(error?.span == QuerySpan(column: 10, length: 1000))
    }
}
