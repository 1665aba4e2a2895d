import GRDB
import SkinDomain
import Testing

@testable import SkinCatalog

/// `sold by` and `price` against offers. Imports do not yet write offers from several sources, so the test writes a
/// source and offers itself, with SQL, on top of the fixture catalog; whatever offers an import of the fixture makes
/// come from its own source (`catalog`), which these expectations leave aside.
@Suite("Queries on offers: sold by, the cheapest listed price in a currency")
struct QueryOfferTests {
    let catalog: Catalog

    /// 00111 (46,000 KRW on its label) is listed by sephora at 30 USD and by Boots UK at 32 USD, and was listed by
    /// Boots UK at 25 USD under another sku; 00106 (49 USD) is listed by sephora at 39 USD and was by Boots UK at
    /// 19 USD; 00112 was listed by sephora only.
    init() throws {
        catalog = try fixtureCatalog()
        try catalog.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO source (name, createdAt) VALUES ('sephora', '2026-01-01'), ('Boots UK', '2026-01-01');
                    WITH o(sourceName, sku, productSku, price, currency, notSeenSince) AS (
                        VALUES ('sephora', 'S1', '00111', 30.0, 'USD', NULL),
                               ('Boots UK', 'B1', '00111', 32.0, 'USD', NULL),
                               ('Boots UK', 'B2', '00111', 25.0, 'USD', '2026-02-01'),
                               ('sephora', 'S2', '00106', 39.0, 'USD', NULL),
                               ('Boots UK', 'B3', '00106', 19.0, 'USD', '2026-02-01'),
                               ('sephora', 'S3', '00112', 20.0, 'USD', '2026-02-01'))
                    INSERT INTO offer (sourceId, sku, productId, price, currency, contentHash, notSeenSince)
                    SELECT s.id, o.sku, p.id, o.price, o.currency, 'x', o.notSeenSince
                    FROM o JOIN source s ON s.name = o.sourceName JOIN product p ON p.sku = o.productSku;
                    """)
        }
    }

    private func skus(_ query: String) throws -> Set<String> {
        Set(try catalog.products(matching: query).map(\.sku))
    }

    @Test("sold by: a listed offer from the source, by name in any case, composing with and, or, not")
    func soldBy() throws {
        #expect(try skus("sold by sephora") == ["00106", "00111"], "00112's sephora offer is no longer listed")
        #expect(try skus("sold by SEPHORA") == ["00106", "00111"])
        #expect(try skus("sold by \"boots uk\"") == ["00111"], "00106's Boots UK offer is no longer listed")
        #expect(try skus("sold by sephora and not sold by 'Boots UK'") == ["00106"])
        #expect(try skus("sold by 'boots uk' or sold by sephora and price < $40") == ["00106", "00111"])
        #expect(try skus("sold by 'boots uk' or sold by sephora and price < $35") == ["00111"])
        let notSephora = try skus("not sold by sephora")
        #expect(notSephora.contains("00112") && notSephora.contains("00101") && !notSephora.contains("00111"))
    }

    @Test("price in a currency: the cheapest offer still listed in it")
    func priceInCurrency() throws {
        #expect(try skus("price <= $30").contains("00111"), "sephora's 30 USD, the cheapest listed")
        #expect(try !skus("price < 30 usd").contains("00111"), "25 USD is no longer listed")
        #expect(try skus("price < 31 USD").contains("00111"), "the cheapest (30), not the dearest (32)")
        #expect(try !skus("price < €1000").contains("00111"), "no offer in EUR")
        #expect(try !skus("sold by sephora and price < 20 usd").contains("00112"), "20 USD is no longer listed")
    }

    @Test("price without a currency: the cheapest listed offer in the product's own currency; not counts no price")
    func priceInOwnCurrency() throws {
        #expect(try !skus("price <= 40").contains("00111"), "its own currency is KRW, not the USD of its offers")
        #expect(try skus("price <= 40").contains("00106"), "39 USD from sephora, under the label's 49")
        #expect(try !skus("price <= 20").contains("00106"), "19 USD is no longer listed")
        let notCheap = try skus("not (price <= 40)")
        #expect(!notCheap.contains("00106"))
        #expect(notCheap.contains("00101") && notCheap.contains("00111"))
    }

    @Test("an unknown source is an error at its name, suggesting and listing the catalog's sources")
    func unknownSource() throws {
        let error = try #require(throws: QueryError.self) {
            try catalog.products(matching: "peptides or sold by sephra")
        }
        #expect(error.message.hasPrefix("unknown source \"sephra\" (the catalog's sources are "))
        #expect(error.message.contains("\"Boots UK\", ") && error.message.contains("\"sephora\""))
        #expect(error.span == QuerySpan(column: 21, length: 6))
        #expect(error.suggestion == "sephora")

        let empty = try Catalog.inMemory()
        let none = try #require(throws: QueryError.self) { try empty.products(matching: "sold by sephora") }
        #expect(none.message == "unknown source \"sephora\" (the catalog has no sources yet; import a file first)")
        #expect(none.suggestion == nil)
    }
}
