import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// Issue 18: `audit = KIND` in a query selects the products the audit finds that kind on, with the lists the catalog
/// holds; the labels of `Fixtures/audit/labels.csv` (see its README) say which.
@Suite("Query term: audit findings (issue 18)")
struct AuditQueryTests {
    private func catalog() throws -> Catalog {
        let catalog = try Catalog.inMemory()
        _ = try catalog.importCatalog(from: Paths.fixture("audit/labels.csv"), options: ImportOptions(now: fixedDate))
        _ = try catalog.importAnnex(from: Paths.fixture("annex/annex-v-2025.txt"), now: fixedDate)
        _ = try catalog.importDictionaryFile(from: Paths.fixture("annex/annex-ii-2025.txt"), now: fixedDate)
        return catalog
    }

    private func skus(_ catalog: Catalog, _ query: String) throws -> [String] {
        try catalog.products(matching: QueryParser.parse(query)).map(\.sku).sorted()
    }

    @Test("a kind selects exactly the products carrying it; not, and, or combine as with any term")
    func selects() throws {
        let catalog = try catalog()
        #expect(try skus(catalog, "audit = headline-trace") == ["CLAIM10", "TRACE"])
        #expect(try skus(catalog, "has finding eu-prohibited") == ["LYRAL", "PETRO"])
        #expect(try skus(catalog, "audit = name-decoy and brand = Iota") == ["NADDECOY"])
        #expect(try skus(catalog, "audit = same-formula").isEmpty)
        let all = try skus(catalog, "price >= 0")
        let without = try skus(catalog, "audit != headline-trace")
        #expect(without.count == all.count - 2 && !without.contains("TRACE"))
    }

    @Test("the audit command's --where takes the term too")
    func auditWhere() throws {
        let catalog = try catalog()
        var seen: [String] = []
        _ = try catalog.audit(AuditOptions(query: try QueryParser.parse("audit = eu-prohibited"))) {
            seen.append($0.sku)
        }
        #expect(seen == ["LYRAL", "PETRO"])
    }
}
