import Foundation
import TestSupport
import Testing

@testable import SkinCatalog

/// Small look-alikes of the real retailer exports (`Fixtures/real-like/`, written by hand), one quirk per row,
/// so the import of real layouts is tested without the real files.
@Suite("Importing retailer-export look-alikes with profiles")
struct RealLikeImportTests {
    func imported(_ file: String, profile: String?) throws -> (Catalog, ImportReport) {
        let catalog = try Catalog.inMemory()
        var options = ImportOptions(now: fixedDate)
        try options.configure(profile: profile, map: nil, key: nil)
        return (catalog, try catalog.importCatalog(from: Paths.fixture("real-like/\(file)"), options: options))
    }

    func product(_ catalog: Catalog, named name: String) throws -> ProductDetail {
        let match = try #require(try catalog.products(matching: "name = '\(name)'").first, "no product \(name)")
        return try #require(try catalog.product(sku: match.sku))
    }

    @Test("a kit's lists are ordered each on its own: an amount in one bounds nothing in another")
    func kitBounds() throws {
        let (catalog, report) = try imported("kits.csv", profile: nil)
        #expect(report.inserted == 3)
        // One list: niacinamide after salicylic acid 0.5 % is under max(0.5 %, 1 %).
        let single = try #require(try catalog.product(sku: "91002")?.line("NIACINAMIDE"))
        #expect(single.amountSource == .inferred)
        #expect(single.amountPpm == 10_000)
        // A kit: the serum's list starts afresh, so its niacinamide has no bound.
        let kit = try #require(try catalog.product(sku: "91001")?.line("NIACINAMIDE"))
        #expect(kit.amountSource == nil)
        #expect(kit.amountPpm == nil)
    }

    @Test("two names run together without a comma become two lines; the list below moves down one place")
    func runTogether() throws {
        let (catalog, _) = try imported("kits.csv", profile: nil)
        let serum = try #require(try catalog.product(sku: "91003"))
        #expect(
            serum.ingredients.map(\.printedName) == [
                "Water", "Glycerin", "Niacinamide", "Iron Oxides CI 77491", "Phenoxyethanol",
            ])
        #expect(serum.ingredients.map(\.position) == [1, 2, 3, 4, 5])
        #expect(serum.line("NIACINAMIDE")?.amountPpm == 50_000, "the amount printed after the pair is the last name's")
        #expect(serum.line("GLYCERIN")?.amountPpm == nil)
        #expect(serum.line("CI 77491") != nil, "a name and its colour index are one pigment")
        #expect(try catalog.products(matching: "niacinamide >= 5%").map(\.sku) == ["91003"])
    }

    @Test("Sephora cosmetics: BOM+CRLF, placeholders quarantined by reason, drug facts, kits, prose, disclaimers")
    func sephoraCosmetics() throws {
        let (catalog, report) = try imported("sephora-cosmetics-like.csv", profile: "sephora-cosmetics")
        #expect(report.rowsRead == 9)
        #expect(report.inserted == 6)
        #expect(
            report.quarantinedByReason == [
                "ingredients: placeholder \"Visit the … boutique\"": 1, "ingredients: placeholder \"No Info\"": 1,
                "ingredients: placeholder \"#NAME?\"": 1,
            ])
        let cream = try product(catalog, named: "Barrier Crème™")
        #expect(cream.category == "Moisturizer")
        #expect(cream.currency == "USD")
        #expect(cream.sku.hasPrefix("k-"))
        #expect(cream.extraFields["Rank"] == "4.4")
        #expect(cream.ingredients.contains { $0.printedName == "Phenoxyethano" && $0.matchKind == .fuzzy })

        let sunscreen = try product(catalog, named: "Daily Defense SPF 30")
        #expect(sunscreen.ingredients.prefix(2).map(\.printedName) == ["Octinoxate", "Octisalate"])
        #expect(sunscreen.ingredients.first?.amountPpm == 75_000)
        #expect(sunscreen.line("NIACINAMIDE") != nil)

        let kit = try product(catalog, named: "The Littles™ Kit")
        #expect(kit.ingredients.first?.printedName == "Water")
        #expect(kit.ingredientsPreamble?.contains("Beste™ No.9 Jelly Cleanser:") == true)
        #expect(kit.line("NIACINAMIDE") == nil, "niacinamide ascorbate is a look-alike, not niacinamide")
        #expect(kit.line("NIACINAMIDE ASCORBATE") != nil)

        let glow = try product(catalog, named: "Glow Cream")
        #expect(glow.ingredients.first?.printedName == "Water")
        #expect(glow.ingredientsPreamble?.hasPrefix("-Vitamin B3: Visibly brightens") == true)

        let remover = try product(catalog, named: "Makeup Remover")
        #expect(remover.ingredients.map(\.printedName) == ["Water", "Isohexadecane", "Dimethicone", "Phenoxyethanol"])
        #expect(remover.ingredientsPreamble?.contains("Please be aware") == true)

        let fluid = try product(catalog, named: "Sheer Fluid SPF 50")
        #expect(fluid.ingredients.map(\.printedName) == ["Avobenzone", "Octocrylene", "Water", "Niacin", "Glycerin"])
        #expect(fluid.line("NIACINAMIDE") == nil, "niacin is niacinamide's decoy")

        #expect(
            try catalog.products(matching: "contains niacinamide").map(\.name).sorted()
                == ["Barrier Crème™", "Daily Defense SPF 30", "Glow Cream"])
    }

    @Test("LookFantastic raw: one URL with two sizes is two products; NBSP, U+2010, ¬ and an embedded LF")
    func lookFantastic() throws {
        let (catalog, report) = try imported("lookfantastic-like.csv", profile: "lookfantastic")
        #expect(report.inserted == 4)
        #expect(report.quarantined.isEmpty)
        #expect(
            report.unresolvedNames.map(\.name).contains("Cocamidopropyl Belaine") == false,
            "the source's typo is a near miss of COCAMIDOPROPYL BETAINE")
        let small = try product(catalog, named: "Testbrand Clarifying Lotion 200ml")
        let large = try product(catalog, named: "Testbrand Clarifying Lotion 400ml")
        #expect(small.sku != large.sku)
        #expect(small.price == 18 && small.currency == "GBP")
        #expect(small.category == "Toner")
        let night = try product(catalog, named: "Embedded Newline Night Cream 50ml")
        #expect(night.line("PEG-100 STEARATE") != nil)
        #expect(night.line("FRAGRANCE") != nil)

        let again = try catalog.importCatalog(
            from: Paths.fixture("real-like/lookfantastic-like.csv"),
            options: {
                var o = ImportOptions(now: fixedDate)
                try? o.configure(profile: "lookfantastic", map: nil, key: nil)
                return o
            }())
        #expect(again.unchanged == 4)
    }

    @Test("LookFantastic clean: Python lists, no brand column (a default), keys shared with the raw file")
    func lookFantasticClean() throws {
        let (catalog, report) = try imported("lookfantastic-clean-like.csv", profile: "lookfantastic-clean")
        #expect(report.inserted == 3)
        let lotion = try product(catalog, named: "Testbrand Barrier Lotion 52ml")
        #expect(lotion.brand == "(brand not given)")
        #expect(lotion.ingredients.map(\.printedName).first == "capric triglyceride")
        #expect(lotion.ingredients.contains { $0.printedName == "dimethicon" && $0.matchKind == .fuzzy })
        let (raw, _) = try imported("lookfantastic-like.csv", profile: "lookfantastic")
        #expect(
            try product(raw, named: "Testbrand Clarifying Lotion 200ml").sku
                == product(catalog, named: "Testbrand Clarifying Lotion 200ml").sku)
    }

    @Test("Sephora 2026: prose preamble set aside, two prices, shades, duplicate row, empty ingredients")
    func sephoraDaisy() throws {
        let (catalog, report) = try imported("sephora-daisy-like.csv", profile: "sephora-daisy")
        #expect(report.rowsRead == 6)
        #expect(report.inserted == 4)
        #expect(report.unchanged == 1)
        #expect(report.warnings.count == 1)
        #expect(report.quarantinedByReason == ["ingredients: is empty": 1])
        let cream = try product(catalog, named: "Peptide Moisturizer, Barrier Repair")
        #expect(cream.ingredients.first?.printedName == "Water/Aqua/Eau")
        #expect(cream.ingredientsPreamble?.hasPrefix("-Snap 8 Peptide: Helps relax") == true)
        #expect(cream.line("NIACINAMIDE")?.amountPpm == 50_000)
        #expect(cream.sizeMl == 50)
        #expect(
            cream.ingredients.contains { $0.printedName == "Lithothamnion Calcareumextract" },
            "a glued name is kept (CosIng resolves it: the name key ignores spaces between letters)")
        #expect(cream.ingredients.contains { $0.printedName == "Squalane" } && cream.ingredients.count == 7)
        let sale = try product(catalog, named: "Sale Serum")
        #expect(sale.price == 11.2)
        #expect(sale.regularPrice == 16)
        let tint = try product(catalog, named: "Tinted Skin Tint")
        #expect(tint.shade == "Color: Fair - Light")
        #expect(tint.sizeMl == nil)
        #expect(tint.ingredients.filter(\.mayContain).count == 3)
        #expect(
            try catalog.products(matching: "niacinamide >= 5%").map(\.name) == ["Peptide Moisturizer, Barrier Repair"])
    }

    @Test("Sephora 2026 final: line breaks inside fields, sizes without units, #NAME?")
    func sephoraDaisyFinal() throws {
        let (catalog, report) = try imported("sephora-daisy-final-like.csv", profile: "sephora-daisy-final")
        #expect(report.inserted == 2)
        #expect(report.quarantinedByReason == ["ingredients: placeholder \"#NAME?\"": 1])
        let cream = try product(catalog, named: "Peptide Moisturizer, Barrier Repair")
        #expect(cream.ingredients.map(\.printedName) == ["Water/Aqua/Eau", "Glycerin", "Niacinamide", "Squalane"])
        #expect(cream.extraFields["highlighted_ingredients"]?.hasPrefix("-Snap 8 Peptide") == true)
        #expect(try product(catalog, named: "Units Missing Serum").sizeMl == 50)
    }

    @Test("--map and --key: a mapping alone reads a file; an unknown field or column is a clear error")
    func mapping() throws {
        let catalog = try Catalog.inMemory()
        var options = ImportOptions(now: fixedDate)
        try options.configure(
            profile: nil, map: "name=product_name,url=product_url,category=product_type",
            key: "url,name")
        let report = try catalog.importCatalog(
            from: Paths.fixture("real-like/lookfantastic-like.csv"),
            options: options)
        #expect(report.inserted == 4)
        #expect(report.profile == "map name=product_name,url=product_url,category=product_type key url,name")
        #expect(throws: CatalogError.self) { try options.configure(profile: nil, map: "colour=Shade", key: nil) }
        #expect(throws: CatalogError.self) { try options.configure(profile: "no-such-profile", map: nil, key: nil) }
        var missing = ImportOptions()
        try missing.configure(profile: nil, map: "brand=Maker", key: nil)
        #expect {
            try catalog.importCatalog(from: Paths.fixture("real-like/lookfantastic-like.csv"), options: missing)
        } throws: { error in
            guard case CatalogError.badHeader(_, let reason) = error else { return false }
            return reason.contains("column \"Maker\"")
        }
    }

    @Test("every shipped profile decodes and names only contract fields")
    func shippedProfiles() throws {
        #expect(
            ImportProfile.bundled.map(\.name).sorted()
                == [
                    "lookfantastic", "lookfantastic-clean", "sephora-cosmetics", "sephora-daisy", "sephora-daisy-final",
                ])
        for profile in ImportProfile.bundled { _ = try profile.mapping() }
        let folder = Paths.packageRoot.appendingPathComponent("Profiles")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.map { String($0.dropLast(5)) }.sorted() == ImportProfile.bundled.map(\.name).sorted())
    }
}
