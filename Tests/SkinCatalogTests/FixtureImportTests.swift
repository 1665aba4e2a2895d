import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// The fixture catalog imported end to end; expectations are written by hand from the labels
/// (Fixtures/CATALOG.md), not computed by the code under test.
@Suite("Importing the fixture catalog")
struct FixtureImportTests {
    let catalog: Catalog
    let report: ImportReport

    /// One import shared by every test of the suite: Swift Testing makes an instance per test case, and importing
    /// the catalog again for each of the 60 cases was most of the suite's time. The tests only read it (a test that
    /// needs its own catalog makes one).
    private static let imported = Result { () throws -> (Catalog, ImportReport) in
        let catalog = try Catalog.inMemory()
        let report = try catalog.importCatalog(
            from: Paths.fixture("catalog.csv"), options: ImportOptions(now: fixedDate))
        return (catalog, report)
    }

    init() throws {
        (catalog, report) = try Self.imported.get()
    }

    @Test("every row lands, nothing is quarantined")
    func counts() throws {
        #expect(report.rowsRead == 50)
        #expect(report.inserted == 50)
        #expect(report.quarantined.isEmpty)
        #expect(try catalog.productCount() == 50)
        #expect(report.warnings.isEmpty)
        #expect(try catalog.schemaSQL() == (try Catalog.inMemory().schemaSQL()), "the deferred indexes are rebuilt")
    }

    @Test("the misspelt 'Phenoxyethano' matches PHENOXYETHANOL fuzzily, marked; 'Aquaxyl' stays unresolved")
    func unresolved() throws {
        #expect(Set(report.unresolvedNames.map(\.name)) == ["Aquaxyl"])
        #expect(try catalog.unresolvedIngredients().map(\.printedName) == ["Aquaxyl"])
        #expect(report.fuzzyMatches == [.init(name: "Phenoxyethano", inciName: "PHENOXYETHANOL", count: 1)])
        let product = try #require(try catalog.product(sku: "00204"))
        #expect(
            product.ingredients.contains {
                $0.printedName == "Phenoxyethano" && $0.inciName == "PHENOXYETHANOL" && $0.matchKind == .fuzzy
            })
    }

    @Test("without fuzzy matching, 'Phenoxyethano' stays unresolved and is listed")
    func unresolvedWithoutFuzzy() throws {
        let plain = try Catalog.inMemory()
        let report = try plain.importCatalog(from: Paths.fixture("catalog.csv"), options: ImportOptions(fuzzy: false))
        #expect(Set(report.unresolvedNames.map(\.name)) == ["Phenoxyethano", "Aquaxyl"])
        #expect(report.fuzzyTokens == 0)
    }

    struct AmountCase: Sendable, CustomTestStringConvertible {
        let sku: String
        let inci: String
        let ppm: Double?
        let source: AmountSource?
        let note: String
        var testDescription: String { "\(sku) \(inci): \(note)" }
    }

    @Test(
        "amounts, with where each came from",
        arguments: [
            AmountCase(
                sku: "00101", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 4000, source: .declared,
                note: "4,000 ppm: a thousands separator"),
            AmountCase(
                sku: "00102", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 1000, source: .declared,
                note: "the 1,000 ppm boundary"),
            AmountCase(
                sku: "00103", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 1000, source: .declared,
                note: "0,1 %: a decimal comma"),
            AmountCase(sku: "00104", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 500, source: .declared, note: "below"),
            AmountCase(
                sku: "00105", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 2000, source: .declared,
                note: "β-NMN 2000ppm"),
            AmountCase(
                sku: "00106", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 10000, source: .declared, note: "10 mg/g"),
            AmountCase(sku: "00107", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 2000, source: .declared, note: "0.2%"),
            AmountCase(sku: "00108", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: nil, source: nil, note: "undisclosed"),
            AmountCase(
                sku: "00109", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 3000, source: .printed,
                note: "(0.3%) printed in the list"),
            AmountCase(
                sku: "00110", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 2500, source: .declared,
                note: "NMN alias inside the list"),
            AmountCase(
                sku: "00111", inci: "NICOTINAMIDE MONONUCLEOTIDE", ppm: 3000, source: .declared,
                note: "two actives, comma-separated"),
            AmountCase(sku: "00111", inci: "NIACINAMIDE", ppm: 40000, source: .declared, note: "two actives"),
            AmountCase(sku: "00112", inci: "SODIUM DNA", ppm: 1000, source: .declared, note: "declared as PDRN"),
            AmountCase(sku: "00201", inci: "NIACINAMIDE", ppm: 20000, source: .declared, note: "2 %"),
            AmountCase(sku: "00204", inci: "NIACINAMIDE", ppm: 100_000, source: .declared, note: "10 %"),
            AmountCase(sku: "00205", inci: "NIACINAMIDE", ppm: 40000, source: .declared, note: "as Vitamin B3"),
            AmountCase(sku: "00206", inci: "NIACINAMIDE", ppm: 50000, source: .printed, note: "printed in the list"),
            AmountCase(sku: "00207", inci: "NIACINAMIDE", ppm: nil, source: nil, note: "undisclosed"),
            AmountCase(sku: "00208", inci: "NIACINAMIDE", ppm: 5000, source: .declared, note: "0,5 %"),
            AmountCase(
                sku: "00106", inci: "NIACINAMIDE", ppm: 10000, source: .inferred,
                note: "listed after 1 % NMN: at most 1 %, inferred, never declared"),
        ])
    func amounts(_ testCase: AmountCase) throws {
        let product = try #require(try catalog.product(sku: testCase.sku))
        let line = try #require(product.line(testCase.inci))
        #expect(line.amountPpm == testCase.ppm)
        #expect(line.amountSource == testCase.source)
    }

    @Test(
        "decoys are their own ingredients: no NMN or niacinamide in these products",
        arguments: [
            ("00301", "NICOTINAMIDE ADENINE DINUCLEOTIDE"), ("00302", "NIACIN"), ("00303", "NICOTINOYL TRIPEPTIDE-35"),
            ("00304", "NIACINAMIDE ASCORBATE"), ("00305", "NIACINAMIDE RIBOSIDE CHLORIDE"),
            ("00306", "POLYNUCLEOTIDES"),
        ])
    func decoys(sku: String, decoy: String) throws {
        let product = try #require(try catalog.product(sku: sku))
        #expect(product.line(decoy) != nil, "\(sku) should list \(decoy)")
        #expect(product.line("NICOTINAMIDE MONONUCLEOTIDE") == nil)
        #expect(product.line("NIACINAMIDE") == nil)
        #expect(product.line("SODIUM DNA") == nil)
    }

    @Test(
        "packaging attributes",
        arguments: [
            ("00101", ["airless", "opaque", "light-protective", "pump"]),
            ("00102", ["light-protective", "dropper"]),
            ("00105", ["jar", "clear", "screw-cap"]),
            ("00106", ["single-use"]),
            ("00109", ["opaque", "light-protective", "tube"]),
            ("00113", ["jar"]),
            ("00104", ["clear", "pump"]),
            ("1201", []),
        ])
    func packaging(sku: String, expected: [String]) throws {
        #expect(try catalog.product(sku: sku)?.packaging == expected)
    }

    @Test(
        "delivery systems, declared or inferred",
        arguments: [
            ("00101", "ferment-filtrate declared"),
            ("00103", "liposomal declared"),
            ("00106", "liposomal declared"),
            ("00111", "peptide-carrier declared"),
            ("00112", "ferment-filtrate declared"),
            ("00107", "ferment-filtrate inferred"),
            ("00115", "liposomal inferred"),
            ("00105", "peptide-carrier inferred"),
            ("1207", ""),  // a lysate is not a filtrate
            ("00114", ""),  // naked NMN in a plain base
        ])
    func delivery(sku: String, expected: String) throws {
        let product = try #require(try catalog.product(sku: sku))
        let found = product.delivery.map { "\($0.system.rawValue) \($0.basis.rawValue)" }.joined(separator: "; ")
        #expect(found == expected)
    }

    @Test("label text: slashes, parentheses, may-contain, headers, quotes, sizes, prices")
    func labelText() throws {
        let tint = try #require(try catalog.product(sku: "1201"))
        #expect(tint.ingredients.filter(\.mayContain).map(\.printedName) == ["CI 77891", "CI 77491", "CI 77492"])
        #expect(tint.ingredients.filter(\.mayContain).allSatisfy { $0.position == nil })
        #expect(tint.line("TITANIUM DIOXIDE") == nil, "a may-contain colourant is not 'contained'")
        let cushion = try #require(try catalog.product(sku: "1202"))
        #expect(cushion.ingredients.filter(\.mayContain).count == 4)
        let water = try #require(try catalog.product(sku: "00110"))
        #expect(water.ingredients.first?.inciName == "WATER")
        let perfumed = try #require(try catalog.product(sku: "00202"))
        #expect(perfumed.line("FRAGRANCE") != nil)
        let toner = try #require(try catalog.product(sku: "1204"))
        #expect(toner.ingredients.first?.printedName.lowercased().hasPrefix("ingredients") == false)
        let glass = try #require(try catalog.product(sku: "1203"))
        #expect(glass.name == "The \"Glass Skin\" Essence")
        let pfecta = try #require(try catalog.product(sku: "00101"))
        #expect(pfecta.sizeMl == 30)
        #expect(pfecta.price == 58)
        #expect(pfecta.currency == "USD")
        #expect(try catalog.product(sku: "101") == nil, "sku is text: 00101 is not 101")
    }

    @Test("retired ceramide names resolve to the current ones")
    func retired() throws {
        let cream = try #require(try catalog.product(sku: "1208"))
        #expect(cream.line("CERAMIDE NP") != nil)
        #expect(cream.line("CERAMIDE EOP") != nil)
    }
}
