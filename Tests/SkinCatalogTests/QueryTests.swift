import Foundation
import GRDB
import TestSupport
import Testing

@testable import SkinCatalog

/// The example queries on the fixture catalog, product by product. The expected sets were read off the
/// labels (Fixtures/CATALOG.md), not produced by the code under test.
@Suite("Queries on the fixture catalog")
struct QueryTests {
    let catalog: Catalog

    init() throws { catalog = try fixtureCatalog() }

    private func skus(_ query: String) throws -> Set<String> {
        Set(try catalog.products(matching: query).map(\.sku))
    }

    /// NMN declared or printed at 1,000 ppm or more.
    static let nmnAtLeast1000: Set<String> = [
        "00101", "00102", "00103", "00105", "00106", "00107", "00109", "00110", "00111", "00112", "00113", "00114",
        "00115", "00116",
    ]
    /// Packaging described as airless.
    static let airless: Set<String> = [
        "00101", "00107", "00111", "00115", "00301", "00306", "1205", "1210", "1216",
        "1220",
    ]

    @Test("the sentence, verbatim with ≥: NMN at 1,000 ppm or more in airless packaging")
    func sentence() throws {
        let found = try skus("products with NMN ≥1000 PPM and airless packaging")
        #expect(found == Self.nmnAtLeast1000.intersection(Self.airless))
        #expect(found == ["00101", "00107", "00111", "00115"])
    }

    @Test("the same in the operator form and the flag form")
    func sameInOtherForms() throws {
        #expect(try skus("NMN >= 1000 ppm and packaging = airless") == ["00101", "00107", "00111", "00115"])
        let flags = try #require(try QueryFlags(ingredient: "NMN", min: "1000ppm", packaging: ["airless"]).expression())
        #expect(Set(try catalog.products(matching: flags).map(\.sku)) == ["00101", "00107", "00111", "00115"])
    }

    @Test("the boundary: 0.1 % is 1,000 ppm, whether written 1000 ppm, 0,1 % or 0.1%")
    func boundary() throws {
        let atLeast = try skus("NMN >= 0.1%")
        #expect(atLeast == Self.nmnAtLeast1000)
        #expect(atLeast.contains("00102"), "NMN 1000 ppm meets >= 0.1 %")
        #expect(atLeast.contains("00103"), "NMN 0,1 % (decimal comma) meets >= 1000 ppm")
        #expect(!atLeast.contains("00104"), "500 ppm is below")
        #expect(try skus("NMN > 1000 ppm").isDisjoint(with: ["00102", "00103"]))
        #expect(try skus("NMN = 0,1 %") == ["00102", "00103"])
        #expect(try skus("NMN < 1000 ppm") == ["00104"])
    }

    @Test("undisclosed amounts never pass an amount comparison, and can be asked for")
    func undisclosed() throws {
        #expect(!(try skus("NMN >= 1 ppm")).contains("00108"))
        #expect(try skus("NMN undisclosed") == ["00108"])
        #expect(try skus("contains NMN").contains("00108"))
        // Niacinamide listed with no amount; 00106 and 00112 carry an inferred upper bound, still not disclosed.
        let niacinamide = try skus("niacinamide undisclosed")
        #expect(niacinamide.isSuperset(of: ["00103", "00106", "00107", "00109", "00112", "00207", "1201", "1202"]))
        #expect(niacinamide.isDisjoint(with: ["00111", "00201", "00206"]))
        #expect(!(try skus("niacinamide <= 10000 ppm")).contains("00106"), "an inferred bound is not an amount")
    }

    @Test("in-list amounts and aliases count as amounts")
    func printedAndAliases() throws {
        #expect(try skus("nicotinamide mononucleotide >= 3000 ppm") == ["00101", "00106", "00109", "00111", "00112"])
        #expect(try skus("β-NMN = 2000 ppm") == ["00105", "00107", "00114", "00116"])
        #expect(try skus("vitamin B3 >= 5%") == ["00203", "00204", "00206", "1216"])
        #expect(try skus("NMN >= 10 mg/g") == ["00106"])
    }

    @Test("decoys stay out: NAD+, niacin, nicotinoyl peptides, conjugates never match NMN or niacinamide")
    func decoys() throws {
        let decoys: Set<String> = ["00301", "00302", "00303", "00304", "00305", "00306"]
        #expect(try skus("contains NMN").isDisjoint(with: decoys))
        #expect(try skus("contains niacinamide").isDisjoint(with: decoys))
        #expect(try skus("contains NAD+") == ["00301"])
        #expect(try skus("contains niacin") == ["00302"])
        #expect(try skus("contains PDRN").isDisjoint(with: ["00306"]))
    }

    @Test("NMN >= 0.1% and (peptides or centella)")
    func companions() throws {
        #expect(
            try skus("NMN >= 0.1% and (peptides or centella)")
                == ["00101", "00103", "00105", "00106", "00109", "00111"])
    }

    @Test("niacinamide >= 4% and not clear jar")
    func notClearJar() throws {
        let found = try skus("niacinamide >= 4% and not clear jar")
        #expect(found == ["00111", "00202", "00203", "00204", "00205", "00206", "1216"])
        #expect(!found.contains("1219"), "niacinamide 4 % in a clear screw-top jar")
        #expect(found.contains("00202"), "a frosted jar is a jar but not clear")
    }

    @Test("contains PDRN and delivery = liposomal")
    func pdrnLiposomal() throws {
        #expect(try skus("contains PDRN and delivery = liposomal") == ["00116"])
        #expect(try skus("contains PDRN") == ["00112", "00116"])
        #expect(try skus("delivery = liposomal") == ["00103", "00106", "00115", "00116", "1210"])
        #expect(try skus("delivery = inferred liposomal") == ["00115", "1210"])
    }

    @Test("brand = 'Pfect-A' or price <= 40")
    func brandOrPrice() throws {
        let found = try skus("brand = 'Pfect-A' or price <= 40")
        #expect(found.isSuperset(of: ["00101", "1220"]), "both Pfect-A products, whatever their price")
        #expect(found.contains("00204"), "9.50")
        #expect(!found.contains("00106"), "49.00, not Pfect-A")
        #expect(!found.contains("00111"), "46,000 KRW: prices compare in the product's own currency")
        #expect(try skus("brand = 'pfect-a'") == ["00101", "1220"], "case-insensitive")
    }

    @Test("category = serum and not contains fragrance")
    func serumsWithoutFragrance() throws {
        let serums = try skus("category = serum")
        #expect(serums.contains("1211"))
        let found = try skus("category = serum and not contains fragrance")
        #expect(found == serums.subtracting(["1211"]), "1211 is the one fragranced serum (orange peel oil, limonene)")
    }

    @Test("a hostile value is matched literally, never run as SQL")
    func hostileValue() throws {
        #expect(try catalog.products(matching: "brand = \"x' OR 1=1 --\"").isEmpty)
        #expect(try catalog.products(matching: "name contains \"'); DROP TABLE product; --\"").isEmpty)
        #expect(try catalog.productCount() == 50)
    }

    @Test("output carries the compared amounts and their source")
    func comparedAmounts() throws {
        let matches = try catalog.products(matching: "NMN >= 3000 ppm")
        #expect(matches.first?.sku == "00106", "most NMN first")
        let printed = try #require(matches.first { $0.sku == "00109" })
        #expect(
            printed.amounts == [
                MatchedAmount(
                    ingredient: "NICOTINAMIDE MONONUCLEOTIDE", asked: "NMN", ppm: 3000,
                    source: .printed, listed: true)
            ])
        let limited = try catalog.products(matching: "NMN >= 3000 ppm", sort: QuerySort(parsing: "-price"), limit: 2)
        #expect(limited.count == 2)
        #expect(limited.map(\.sku) == ["00111", "00112"], "KRW prices are the largest numbers")
    }

    @Test("unknown names and units: the column, a caret, a suggestion")
    func errors() throws {
        #expect {
            try catalog.products(matching: "NMM >= 1000 ppm")
        } throws: { error in
            (error as? QueryError)?.description == "unknown ingredient \"NMM\" at column 1; did you mean \"NMN\"?"
        }
        #expect {
            try catalog.products(matching: "NMN >= 1000 furlongs")
        } throws: { error in
            guard let error = error as? QueryError else { return false }
            return error.message.hasPrefix("unknown unit \"furlongs\"") && error.span.column == 13
        }
        #expect {
            try catalog.products(matching: "peptides >= 10 ppm")
        } throws: { error in
            (error as? QueryError)?.message.contains("is a class of ingredients") == true
        }
    }
}

@Suite("Query plans on a large catalog")
struct QueryPlanTests {
    @Test("on 100,000 products the example query searches indexes instead of scanning every product")
    func usesIndexes() throws {
        let catalog = try Catalog.inMemory()
        try catalog.write { db in
            let nmn = try Int64.fetchOne(db, sql: "SELECT ingredientId FROM ingredientAlias WHERE aliasKey = 'NMN'")!
            let water = try Int64.fetchOne(
                db, sql: "SELECT ingredientId FROM ingredientAlias WHERE aliasKey = 'WATER'")!
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
                    INSERT INTO product (sku, brand, name, isAirless, isPump, contentHash)
                    SELECT printf('S%06d', i), 'Brand ' || (i % 500), 'Product ' || i, i % 7 = 0, i % 3 = 0, 'x' FROM n
                    """)
            try db.execute(
                sql: """
                    INSERT INTO ingredientName (id, printedName, nameKey, ingredientId, matchKind, revision)
                    VALUES (1, 'Water', 'WATER', ?, 'exact', '1'), (2, 'NMN', 'NMN', ?, 'exact', '1')
                    """, arguments: [water, nmn])
            try db.execute(
                sql: """
                    INSERT INTO productIngredient (productId, line, position, nameId, amountPpm, amountSource)
                    SELECT id, 1, 1, 1, NULL, NULL FROM product
                    """)
            try db.execute(
                sql: """
                    INSERT INTO productIngredient (productId, line, position, nameId, amountPpm, amountSource)
                    SELECT id, 2, 2, 2,
                           CASE WHEN id % 100 = 0 THEN NULL ELSE (id % 50) * 100 END,
                           CASE WHEN id % 100 = 0 THEN NULL ELSE 'declared' END
                    FROM product WHERE id % 20 = 0
                    """)
            try db.execute(sql: "ANALYZE")
        }
        let plan = try catalog.queryPlan(for: "products with NMN ≥1000 PPM and airless packaging")
        let steps = plan.joined(separator: "\n")
        #expect(!steps.contains("SCAN p"), "the product table must not be scanned:\n\(steps)")
        // The amount comparison reads the small index of lines that carry an amount (0010), never the table.
        #expect(steps.contains("USING COVERING INDEX productIngredient_amount"), "\(steps)")
        #expect(!steps.contains("SCAN pi"), "the lines must not be scanned:\n\(steps)")
        let found = try catalog.products(matching: "products with NMN ≥1000 PPM and airless packaging")
        // Independently: ids divisible by 20 list NMN, those divisible by 100 without an amount; the amount is
        // (id % 50)·100 ppm; airless is id % 7 = 0.
        let expected = (1...100_000).filter {
            $0 % 20 == 0 && $0 % 100 != 0 && ($0 % 50) * 100 >= 1000 && $0 % 7 == 0
        }
        #expect(!expected.isEmpty)
        #expect(found.count == expected.count)
    }
}
