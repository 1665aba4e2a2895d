import Testing

@testable import SkinDomain

/// Issue 17: the phrasings shoppers type: price shorthands, a comparator with a currency, free-from words, and a
/// did-you-mean for misspelt fields.
@Suite("Query phrasings people type")
struct QueryPhrasingTests {
    @Test(
        "each phrasing reads as the canonical query",
        arguments: [
            (
                "niacinamide without fragrance under $30",
                "contains niacinamide and not contains fragrance and price < 30 USD"
            ),
            ("under 30 USD", "price < 30 USD"),
            ("under 30", "price < 30"),
            ("niacinamide over €50", "contains niacinamide and price > 50 EUR"),
            ("below £20", "price < 20 GBP"),
            ("above 20usd", "price > 20 USD"),
            ("< €25", "price < 25 EUR"),
            ("<= $ 30 and NMN >= 0.1%", "price <= 30 USD and NMN >= 1000 ppm"),
            ("fragrance-free", "not contains fragrance"),
            (
                "niacinamide fragrance-free under 30 USD",
                "contains niacinamide and not contains fragrance and price < 30 USD"
            ),
            ("products with niacinamide under 20", "contains niacinamide and price < 20"),
            ("price < $30", "price < 30 USD"),
        ] as [(String, String)])
    func reads(query: String, canonical: String) throws {
        let parsed = try QueryParser.parse(query).description
        #expect(parsed == canonical, "\(parsed)")
    }

    @Test("below and above stay list-order words unless a price with its currency follows")
    func listOrderUntouched() throws {
        #expect(try QueryParser.parse("NMN below the 1% line").description == "NMN below the 1% line")
        #expect(try QueryParser.parse("niacinamide below 1% line").description == "niacinamide below the 1% line")
        let bare = try QueryParser.parse("niacinamide below 30").description
        #expect(!bare.contains("price"), "below needs a currency: \(bare)")
    }

    @Test("a misspelt field gets a did-you-mean; a misspelt ingredient keeps its own error")
    func misspeltFields() {
        for (query, field) in [
            ("pakaging = airless", "packaging"), ("prise < 30", "price"), ("brnad = CeraVe", "brand"),
        ] {
            #expect(throws: QueryError.self) { try QueryParser.parse(query) }
            do {
                _ = try QueryParser.parse(query)
            } catch {
                #expect(error.suggestion == field, "\(query)")
                #expect(error.message.hasPrefix("unknown field"), "\(query)")
            }
        }
        do {
            _ = try QueryParser.parse("niacinamid = airless")
        } catch {
            #expect(error.suggestion == nil)
            #expect(!error.message.hasPrefix("unknown field"))
        }
    }
}
