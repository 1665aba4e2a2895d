import Testing

@testable import SkinDomain

/// Issue 16: what real retailer files put in and around an INCI list (drug-facts panels, glued headers, prose and
/// footnotes glued to the list, trade mixtures), and rows without a header or with unquoted commas.
@Suite("Real files as they come: drug facts, glued prose, footnotes, trade mixtures")
struct RealFileRulesTests {
    private func parsed(_ text: String) throws -> (names: [String], amounts: [String?], aside: [String]) {
        let list = try INCIParser.parse(text)
        let listed = list.entries.filter { !$0.mayContain }
        return (listed.map(\.printedName), listed.map(\.amountText), list.setAside)
    }

    @Test("drug facts: actives with their printed amounts, then the inactive ingredients, as one list")
    func drugFacts() throws {
        let result = try parsed(
            "Drug Facts Active Ingredients: Avobenzone 3%, Homosalate 10% Purpose: Sunscreen Uses: helps prevent "
                + "sunburn. Inactive Ingredients: Water, Glycerin, Phenoxyethanol")
        #expect(result.names == ["Avobenzone", "Homosalate", "Water", "Glycerin", "Phenoxyethanol"])
        #expect(result.amounts == ["3%", "10%", nil, nil, nil])
        #expect(result.aside.contains("Sunscreen"))
        #expect(result.aside.contains { $0.hasPrefix("Uses:") })
        #expect(!result.names.contains { $0.lowercased().contains("sunburn") || $0 == "Sunscreen" })
    }

    @Test("drug facts without separators: each active's purpose is set aside, the rest of the list follows")
    func drugFactsPanel() throws {
        let result = try parsed(
            "Active ingredients Purpose Avobenzone 3% Sunscreen Octisalate 5% Sunscreen Inactive ingredients "
                + "water, dimethicone")
        #expect(result.names == ["Avobenzone", "Octisalate", "water", "dimethicone"])
        #expect(result.amounts.prefix(2) == ["3%", "5%"])
    }

    @Test("a header glued to a title is found: the title is set aside, the amount glued to the next name split")
    func gluedHeaders() throws {
        let result = try parsed(
            "Res Lift Face Spf15 Division: El (Estee Lauder)Active Ingredients: Avobenzone 3.00% , Octisalate 5.00%"
                + "Ingredients: Water , Glycerin")
        #expect(result.names == ["Avobenzone", "Octisalate", "Water", "Glycerin"])
        #expect(result.aside.first == "Res Lift Face Spf15 Division: El (Estee Lauder)")
        let single = try parsed(
            "Acne Lotion Division: Cl (Clinique)Active Ingredient: Salicylic Acid 1.50%Water , Alcohol")
        #expect(single.names == ["Salicylic Acid", "Water", "Alcohol"])
        #expect(single.amounts.first == "1.50%")
    }

    @Test("an active printed with its purpose in a plain list: the purpose is set aside")
    func purposeInList() throws {
        let result = try parsed("Avobenzone 3% Sunscreen, Octocrylene 10% Sunscreen, Water, Glycerin")
        #expect(result.names == ["Avobenzone", "Octocrylene", "Water", "Glycerin"])
        #expect(result.aside == ["Sunscreen", "Sunscreen"])
    }

    @Test("a sentence glued to the last name by a full stop is set aside, never an ingredient")
    func gluedSentence() throws {
        let result = try parsed(
            "Water, Glycerin, Phenoxyethanol.Dermalogica is dedicated to maintaining the accuracy of the ingredient "
                + "lists on this website")
        #expect(result.names == ["Water", "Glycerin", "Phenoxyethanol"])
        #expect(result.aside.count == 1)
        let missingSpace = try parsed("Water, Tocopherol.Glycerin, Limonene")
        #expect(missingSpace.names == ["Water", "Tocopherol", "Glycerin", "Limonene"])
    }

    @Test("real names with full stops and parentheses are never cut")
    func realNamesStay() throws {
        let result = try parsed(
            "Water, Ext. D&C Violet No. 2, Vitis Vinifera (Grape) Seed Oil, Alcohol Denat., Vit. E, "
                + "Ext.D&C Violet No.2")
        #expect(
            result.names == [
                "Water", "Ext. D&C Violet No. 2", "Vitis Vinifera (Grape) Seed Oil", "Alcohol Denat", "Vit. E",
                "Ext.D&C Violet No.2",
            ])
        #expect(result.aside.isEmpty)
    }

    @Test("a disclaimer after the list, cut by commas into short parts, is prose")
    func proseTail() throws {
        let result = try parsed(
            "Water, Glycerin, Limonene. However, as formulas are updated from time to time, please refer to the "
                + "packaging")
        #expect(result.names == ["Water", "Glycerin", "Limonene"])
        let tail = try parsed(
            "Water, Glycerin, Limonene, because we update our formulas, the list may change. Please see the packaging for the latest list."
        )
        #expect(tail.names == ["Water", "Glycerin", "Limonene"])
        #expect(tail.aside.first == "because we update our formulas, the list may change.")
    }

    @Test("footnotes glued after an asterisk and naturalness claims are set aside")
    func footnotes() throws {
        let result = try parsed("Water, Mica * Essential Oil, 99% natural origin of total, 100% Natural Fragrance")
        #expect(result.names == ["Water", "Mica", "100% Natural Fragrance"])
        #expect(result.aside == ["* Essential Oil", "99% natural origin of total"])
        // An asterisk that does not open a footnote stays with the name.
        #expect(try parsed("Water, Aloe* Leaf Juice").names == ["Water", "Aloe* Leaf Juice"])
    }

    @Test("A and B: split only when both halves resolve, never on a conjunction inside brackets")
    func tradeMixtures() {
        let ids: [String: Int64] = [
            "BEHENTRIMONIUM METHOSULFATE": 1, "CETEARYL ALCOHOL": 2, "GLYCERIN": 3, "NICOTINAMIDE MONONUCLEOTIDE": 4,
            "NICOTINAMIDE ADENINE DINUCLEOTIDE": 5,
        ]
        var resolver = IngredientResolver(
            aliases: Dictionary(uniqueKeysWithValues: ids.map { (NameKey($0.key), $0.value) }), guarded: [4, 5],
            names: ids.map { ($0.key, $0.value) })
        let split = resolver.runTogether("Behentrimonium Methosulfate and Cetearyl Alcohol")
        #expect(split?.map(\.name) == ["Behentrimonium Methosulfate", "Cetearyl Alcohol"])
        #expect(split?.map(\.resolution.ingredientId) == [1, 2])
        #expect(resolver.runTogether("Cetearyl Alcohol & Glycerin")?.map(\.resolution.ingredientId) == [2, 3])
        // One half unknown: one unresolved name, not half a guess.
        #expect(resolver.runTogether("Cetearyl Alcohol and Mystery Wax") == nil)
        #expect(
            IngredientResolver.conjoinedParts("Oil (Sunflower and Rapeseed) Blend") == [
                "Oil (Sunflower and Rapeseed) Blend"
            ])
        #expect(IngredientResolver.conjoinedParts("and Glycerin") == ["and Glycerin"])
        #expect(
            IngredientResolver.conjoinedParts("Dimethyl Isosorbide (and) Hydroxypinacolone Retinoate") == [
                "Dimethyl Isosorbide", "Hydroxypinacolone Retinoate",
            ])
        // A no-break space after `&`, as scraped lists print it.
        #expect(
            IngredientResolver.conjoinedParts("Caprylyl Glycol &\u{A0}Chlorphenesin & Phenoxyethanol") == [
                "Caprylyl Glycol", "Chlorphenesin", "Phenoxyethanol",
            ])
    }

    @Test("slash alternatives in two naming systems: one registry number joins them, look-alikes never")
    func registryNumbers() {
        let aliases: [NameKey: Int64] = [
            NameKey("HONEY"): 1, NameKey("MEL"): 2, NameKey("SEA SALT"): 3, NameKey("GLYCERIN"): 4,
            NameKey("NICOTINAMIDE MONONUCLEOTIDE"): 5, NameKey("NMN"): 5, NameKey("NAD"): 6,
        ]
        var resolver = IngredientResolver(
            aliases: aliases, guarded: [5, 6],
            registry: [
                1: ["8028-66-8"], 2: ["8028-66-8"], 3: ["7647-14-5"], 4: ["56-81-5"], 5: ["1-1-1"], 6: ["1-1-1"],
            ])
        #expect(resolver.resolve("Honey/Mel/Miel").ingredientId == 1)
        #expect(resolver.resolve("Mel/Honey").ingredientId == 2)
        // Different substances printed with a slash stay unresolved: nothing says which one is meant.
        #expect(resolver.resolve("Sea Salt/Glycerin").ingredientId == nil)
        // NMN and NAD+ are never merged, whatever the data says (here a shared number, made up on purpose).
        #expect(resolver.resolve("NMN/NAD").ingredientId == nil)
        #expect(RegistryNumber.parse(",232-383-7 (I)") == ["232-383-7"])
        #expect(RegistryNumber.parse("264-038-1/265-144-0; *610-504-8") == ["264-038-1", "265-144-0", "610-504-8"])
    }
}

@Suite("Rows without a header, and ragged rows")
struct HeaderlessAndRaggedTests {
    private func layout(_ columns: [CatalogField: String], hasHeader: Bool, absorb: CatalogField?, width: Int)
        throws -> ColumnLayout
    {
        let mapping = ColumnMapping(columns: columns, hasHeader: hasHeader, absorb: absorb)
        return try ColumnLayout(header: ColumnLayout.headerlessHeader(fieldCount: width), mapping: mapping)
    }

    @Test("a headerless layout takes 1-based column numbers; names, 0 and numbers past the width are refused")
    func headerless() throws {
        let layout = try layout([.name: "1", .brand: "2", .price: "3"], hasHeader: false, absorb: nil, width: 4)
        #expect(layout.columns == [.name: 0, .brand: 1, .price: 2])
        #expect(layout.extraColumns.map(\.name) == ["column 4"])
        #expect(layout.derivedKey == [.brand, .name, .size])
        #expect(throws: LayoutError.badColumnNumber(field: .name, column: "Name", fieldCount: 4)) {
            _ = try self.layout([.name: "Name", .brand: "2"], hasHeader: false, absorb: nil, width: 4)
        }
        #expect(throws: LayoutError.badColumnNumber(field: .name, column: "5", fieldCount: 4)) {
            _ = try self.layout([.name: "5", .brand: "2"], hasHeader: false, absorb: nil, width: 4)
        }
        #expect(throws: LayoutError.badColumnNumber(field: .name, column: "0", fieldCount: 4)) {
            _ = try self.layout([.name: "0", .brand: "2"], hasHeader: false, absorb: nil, width: 4)
        }
        #expect(throws: LayoutError.headerlessWithoutMapping) {
            _ = try self.layout([:], hasHeader: false, absorb: nil, width: 4)
        }
    }

    @Test("a ragged row is repaired into the absorbing field when every typed field then reads as its type")
    func ragged() throws {
        let layout = try layout(
            [.name: "1", .brand: "2", .price: "3", .url: "4", .ingredients: "5"], hasHeader: false, absorb: .name,
            width: 5)
        let listing = try ProductListing(
            fields: ["Glow Serum", " Niacinamide 5%", "Acme", "$12.00", "https://x.example/a", "Water, Niacinamide"],
            layout: layout)
        #expect(listing.name == "Glow Serum, Niacinamide 5%")
        #expect(listing.brand == "Acme")
        #expect(listing.price == 12)
        #expect(listing.repair == RowRepair(field: "name", joinedFields: 2))

        // The extra comma was in the unquoted ingredients, not in the name: rejoined into the name, the price would
        // read "https://...", so the row stays quarantined, saying why.
        let wrong = ["Serum", "Acme", "$12.00", "https://x.example/a", "Water", "Glycerin"]
        #expect(throws: RowProblem.self) { _ = try ProductListing(fields: wrong, layout: layout) }
        do {
            _ = try ProductListing(fields: wrong, layout: layout)
        } catch {
            #expect(error.kind == "row: wrong number of fields")
            #expect(error.reason.contains("price \"https://x.example/a\""))
        }
        // Too few fields are never repaired.
        #expect(throws: RowProblem.self) {
            _ = try ProductListing(fields: ["Serum", "Acme", "$12.00", "https://x.example/a"], layout: layout)
        }
    }

    @Test("without a typed field after the absorbing one nothing tells where the extra fields belong")
    func raggedAmbiguous() throws {
        let layout = try layout([.brand: "1", .name: "2"], hasHeader: false, absorb: .name, width: 2)
        #expect(throws: RowProblem.self) { _ = try ProductListing(fields: ["Acme", "A", "B"], layout: layout) }
        #expect(throws: MappingError.notFreeText("price", context: "--absorb")) {
            _ = try ColumnMapping.absorbingField("price", in: "--absorb")
        }
    }
}
