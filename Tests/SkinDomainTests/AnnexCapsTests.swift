import Foundation
import TestSupport
import Testing

@testable import SkinDomain

@Suite("Caps from the CosIng annex exports (DOMAIN.md section 7)")
struct AnnexCapsTests {
    static func bytes(_ path: String) throws -> InMemoryByteSource {
        InMemoryByteSource(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// The purpose-built Annex V (2025 layout, preamble and LF) and Annex III (2016 layout, CRLF) fixtures.
    static func fixtureCaps(annexIII: Bool = true) throws -> AnnexCaps {
        var caps = AnnexCaps()
        try caps.read(bytes(Paths.fixture("annex/annex-v-2025.txt")), annex: .v)
        if annexIII { try caps.read(bytes(Paths.fixture("annex/annex-iii-2016.csv")), annex: .iii) }
        return caps
    }

    static func limit(_ caps: AnnexCaps, _ name: String, _ use: ProductUse) -> Double? {
        caps.limit(for: NameKey(name), productType: use)?.ppm
    }

    @Test("a single maximum for all products: phenoxyethanol at 1 % whatever the product type")
    func allProducts() throws {
        let caps = try Self.fixtureCaps()
        for use in ProductUse.allCases {
            #expect(Self.limit(caps, "Phenoxyethanol", use) == 10_000)
        }
        let limit = caps.limit(for: NameKey("PHENOXYETHANOL"), productType: .leaveOn)
        #expect(limit?.citation == "Annex V ref 29")
        #expect(limit?.caps.first?.scope == .allProducts)
    }

    @Test("lettered clauses: rinse-off, oral care and leave-on maxima go to their product types")
    func letteredClauses() throws {
        let caps = try Self.fixtureCaps()
        #expect(Self.limit(caps, "SODIUM BENZOATE", .leaveOn) == 5_000)
        #expect(Self.limit(caps, "SODIUM BENZOATE", .rinseOff) == 25_000)
        #expect(Self.limit(caps, "BENZOIC ACID", .unknown) == 25_000)  // the bound that holds either way
        let oral = caps.caps.first { $0.name == "SODIUM BENZOATE" && $0.clause == "b" }
        #expect(oral?.scope == .notSkin)
        #expect(oral?.ppm == 17_000)
        #expect(oral?.basis == "acid")
        #expect(
            caps.limit(for: NameKey("SODIUM BENZOATE"), productType: .leaveOn)?.citation == "Annex V ref 1 (c), acid")
        // `Other products` after a rinse-off clause is leave-on.
        #expect(Self.limit(caps, "PIROCTONE OLAMINE", .leaveOn) == 5_000)
        #expect(Self.limit(caps, "PIROCTONE OLAMINE", .rinseOff) == 10_000)
        // A clause for some skin products (deodorants) counts: the product might be one.
        #expect(Self.limit(caps, "IODOPROPYNYL BUTYLCARBAMATE", .leaveOn) == 100)
        #expect(Self.limit(caps, "IODOPROPYNYL BUTYLCARBAMATE", .rinseOff) == 200)
    }

    @Test("names split on ';', ' / ', ', ' and lose footnote marks; decimal commas read")
    func names() throws {
        let caps = try Self.fixtureCaps()
        #expect(Self.limit(caps, "POTASSIUM SORBATE", .leaveOn) == 6_000)
        #expect(Self.limit(caps, "SORBIC ACID", .leaveOn) == 6_000)
        #expect(Self.limit(caps, "PIROCTONE OLAMINE", .rinseOff) == 10_000)
        #expect(
            AnnexCaps.splitNames("CETRIMONIUM BROMIDE / CETRIMONIUM CHLORIDE (2)/ STYRENE/ACRYLATES COPOLYMER")
                == ["CETRIMONIUM BROMIDE", "CETRIMONIUM CHLORIDE", "STYRENE/ACRYLATES COPOLYMER"])
        #expect(AnnexCaps.splitNames("-") == [])
        #expect(AnnexCaps.splitNames("5-BROMO-5-NITRO-1,3-DIOXANE") == ["5-BROMO-5-NITRO-1,3-DIOXANE"])
    }

    @Test("unparseable cells are reported with their reason, never guessed")
    func skipped() throws {
        let caps = try Self.fixtureCaps()
        let reasons = Dictionary(caps.skipped.map { ("\($0.annex.rawValue) \($0.reference)", $0.reason) }) { a, _ in a }
        #expect(reasons["V 7"]?.hasPrefix("no number at the start") == true)
        #expect(reasons["V 12"]?.hasPrefix("several amounts in one clause") == true)
        #expect(reasons["V 6"] == "moved or deleted")
        #expect(reasons["V 57"]?.hasPrefix("text after the amount") == true)
        #expect(reasons["III 2b"]?.hasPrefix("lettered maxima but no lettered product types") == true)
        #expect(caps.skipped.count == 5)
        // A name with a skipped entry has no known cap: that entry might allow more.
        #expect(Self.limit(caps, "O-PHENYLPHENOL", .leaveOn) == nil)
        #expect(Self.limit(caps, "METHYLPARABEN", .leaveOn) == nil)
        #expect(Self.limit(caps, "METHYLISOTHIAZOLINONE", .rinseOff) == nil)
    }

    @Test("across annexes the largest applicable maximum is the cap; an entry with no maximum removes it")
    func acrossAnnexes() throws {
        let annexV = try Self.fixtureCaps(annexIII: false)
        #expect(Self.limit(annexV, "SALICYLIC ACID", .leaveOn) == 5_000)
        #expect(Self.limit(annexV, "BENZYL ALCOHOL", .leaveOn) == 10_000)
        let both = try Self.fixtureCaps()
        // Annex III allows salicylic acid at 2 % in most skin products (its hair clause is not for skin care).
        #expect(Self.limit(both, "SALICYLIC ACID", .leaveOn) == 20_000)
        #expect(both.caps.first { $0.name == "SALICYLIC ACID" && $0.clause == "a" }?.scope == .notSkin)
        // Annex III lets benzyl alcohol be a solvent with no maximum: no cap, not Annex V's 1 %.
        #expect(Self.limit(both, "BENZYL ALCOHOL", .leaveOn) == nil)
        // Oral products only: nothing applies to a skin product.
        #expect(Self.limit(both, "AMMONIUM MONOFLUOROPHOSPHATE", .leaveOn) == nil)
        // A product type with no maximum clause: capped for leave-on, not for rinse-off, unknown when unknown.
        #expect(Self.limit(both, "EXAMPLE ESTER", .leaveOn) == 25_000)
        #expect(Self.limit(both, "EXAMPLE ESTER", .rinseOff) == nil)
        #expect(Self.limit(both, "EXAMPLE ESTER", .unknown) == nil)
        #expect(Self.limit(both, "THIMEROSAL", .leaveOn) == 70)
    }

    @Test("a file that is not an annex export is refused")
    func notAnAnnex() throws {
        var caps = AnnexCaps()
        #expect(throws: AnnexCapsError.missingColumn("name of common ingredients glossary")) {
            try caps.read(Self.bytes(Paths.fixture("annex/not-an-annex.csv")), annex: .v)
        }
        #expect(throws: AnnexCapsError.noHeader) {
            try caps.read(InMemoryByteSource("sku,name\n1,Serum\n"), annex: .v)
        }
    }

    struct ScopeCase: CustomTestStringConvertible, Sendable {
        let text: String
        let scope: AnnexProductScope
        var testDescription: String { text }
    }

    @Test(
        "product-type clauses",
        arguments: [
            ScopeCase(text: "", scope: .allProducts),
            ScopeCase(text: "Rinse -off products", scope: .rinseOff),
            ScopeCase(text: "Only for rinse-off products", scope: .rinseOff),
            ScopeCase(text: "Leave-on products other than oral products", scope: .leaveOn),
            ScopeCase(text: "Rinse-off products, except oral care products", scope: .rinseOff),
            ScopeCase(text: "All cosmetic products, with the exception of mouthwash.", scope: .allProducts),
            ScopeCase(text: "Not to be used in products applied on mucous membranes", scope: .allProducts),
            ScopeCase(text: "Rinse-off products \nNot to be used in oral products", scope: .rinseOff),
            ScopeCase(text: "Oral products", scope: .notSkin),
            ScopeCase(text: "Hair leave-on products", scope: .notSkin),
            ScopeCase(text: "Products intended for colouring eyelashes", scope: .notSkin),
            ScopeCase(text: "Eye products", scope: .specific),
            ScopeCase(text: "Face products with the exception of propellent spray products", scope: .specific),
            ScopeCase(text: "Shampoo and face products", scope: .specific),
            ScopeCase(
                text: "Allowed for use as a  preservative in rinse off, oral care and leave-on cosmetic products",
                scope: .allProducts),
        ])
    func scopes(_ testCase: ScopeCase) {
        #expect(AnnexCaps.resolveOther([AnnexCaps.classify(testCase.text)]) == [testCase.scope])
    }

    @Test(
        "maxima",
        arguments: [
            ("1.0%", 10_000.0, nil), ("7,34 %", 73_400, nil), ("0.5% (acid)", 5_000, "acid"),
            ("10 %(*)\n\n(*) In case of combined use, the sum shall not exceed 10 %", 100_000, nil),
            (
                "- 25%\n\n- In case of combined use of zinc oxide and zinc oxide (nano), the sum shall not exceed 25%",
                250_000, nil
            ),
            ("0,15 % calculated as F.", 1_500, "calculated as F."), ("5 ppm ", 5, nil),
        ] as [(String, Double, String?)])
    func maxima(_ text: String, _ ppm: Double, _ basis: String?) throws {
        let parsed = try AnnexCaps.parseMaximum(text).get()
        #expect(parsed?.ppm == ppm)
        #expect(parsed?.basis == basis)
    }

    @Test(
        "maxima that are not read",
        arguments: [
            "Maximum secondary amine content: 0.5%", "2% (General use) and 4.5% (Professional use)",
            "0,2% corresponding to 0,0024% of silver", "0%", "120%", "(0,3 % as base)",
        ])
    func unreadMaxima(_ text: String) {
        #expect((try? AnnexCaps.parseMaximum(text).get()) == nil)
    }

    @Test(
        "the real 2025 exports: phenoxyethanol is capped at 1 % for all products in Annex V",
        .enabled(if: Paths.realDataAvailable, "needs ../shared/data/real")
    )
    func realExports() throws {
        var caps = AnnexCaps()
        for (file, annex) in [("III", Annex.iii), ("V", .v), ("VI", .vi)] {
            try caps.read(Self.bytes(Paths.real("cosing/COSING_Annex_\(file)_v2_2025-11-11.txt")), annex: annex)
        }
        let phenoxyethanol = caps.caps.filter { $0.name == "PHENOXYETHANOL" }
        #expect(phenoxyethanol.map(\.annex) == [.v])
        #expect(phenoxyethanol.map(\.reference) == ["29"])
        #expect(phenoxyethanol.map(\.scope) == [.allProducts])
        #expect(phenoxyethanol.map(\.ppm) == [10_000])
        for use in ProductUse.allCases {
            #expect(Self.limit(caps, "Phenoxyethanol", use) == 10_000)
        }
        // Benzyl alcohol: 1 % as a preservative (Annex V 34), but a solvent with no maximum in Annex III 45.
        #expect(Self.limit(caps, "BENZYL ALCOHOL", .leaveOn) == nil)
        // Annex VI: avobenzone at 5 %; titanium dioxide's 25 % footnote is read as a note, but Annex III 321 (c)
        // allows it in other products with no maximum (as a colourant), so it has no cap.
        #expect(Self.limit(caps, "BUTYL METHOXYDIBENZOYLMETHANE", .leaveOn) == 50_000)
        #expect(caps.caps.first { $0.annex == .vi && $0.name == "TITANIUM DIOXIDE" }?.ppm == 250_000)
        #expect(Self.limit(caps, "TITANIUM DIOXIDE", .leaveOn) == nil)
        // Annex V ref 7 (o-phenylphenol) is prose: reported, never guessed.
        #expect(caps.skipped.contains { $0.annex == .v && $0.reference == "7" })
        #expect(Self.limit(caps, "O-PHENYLPHENOL", .leaveOn) == nil)
        let perAnnex = Annex.allCases.map { annex in
            "\(annex.rawValue): \(caps.caps.filter { $0.annex == annex }.count) caps, "
                + "\(caps.caps.filter { $0.annex == annex && $0.ppm != nil }.count) with a maximum, "
                + "\(caps.skipped.filter { $0.annex == annex }.count) skipped"
        }
        print("annex caps from the 2025 exports:", perAnnex.joined(separator: "; "))
    }

    @Test(
        "the 2016 exports read too, and agree on phenoxyethanol",
        .enabled(if: Paths.realDataAvailable, "needs ../shared/data/real")
    )
    func real2016Exports() throws {
        var caps = AnnexCaps()
        for (file, annex) in [("III", Annex.iii), ("V", .v), ("VI", .vi)] {
            try caps.read(Self.bytes(Paths.real("cosing/COSING_Annex.\(file)_v2.csv")), annex: annex)
        }
        #expect(Self.limit(caps, "PHENOXYETHANOL", .leaveOn) == 10_000)
        #expect(caps.limit(for: NameKey("PHENOXYETHANOL"), productType: .leaveOn)?.citation == "Annex V ref 29")
        // 2016 value, superseded in 2025 (7.34 %, face products only): the files differ, as SOURCE.md says.
        #expect(Self.limit(caps, "HOMOSALATE", .leaveOn) == 100_000)
    }
}
