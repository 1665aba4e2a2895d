import Testing

@testable import SkinDomain

@Suite("INCI list parsing, rule by rule (DOMAIN.md section 3)")
struct INCIParserTests {
    private func names(_ text: String) throws -> [String] {
        try INCIParser.parse(text).entries.filter { !$0.mayContain }.map(\.printedName)
    }

    @Test("the prose pass runs only when a list may hold prose")
    func prosePreCheck() {
        #expect(!INCIParser.mayHoldProse("Water, Plantago Major Leaf Extract, Pyrus Malus (Apple) Fruit Extract"))
        #expect(INCIParser.mayHoldProse("Water, Phenoxyethanol Please be aware that ingredients may change"))
        #expect(INCIParser.mayHoldProse("Water, Glycerin. Made with love"))
        #expect(INCIParser.mayHoldProse("Serum: Water, Glycerin"))
        #expect(INCIParser.mayHoldProse("Octocrylene 5.0%Water"))
    }

    @Test("a kit: each header after the first list starts a component; positions run on, headers are set aside")
    func kitComponents() throws {
        let list = try INCIParser.parse(
            "Cleanser: Water, Glycerin. Serum: Water, Niacinamide 5%. May contain: CI 77891. Mask: Kaolin")
        #expect(list.entries.map(\.printedName) == ["Water", "Glycerin", "Water", "Niacinamide", "Kaolin", "CI 77891"])
        #expect(list.entries.map(\.component) == [0, 0, 1, 1, 2, 1])
        #expect(list.entries.map(\.position) == [1, 2, 3, 4, 5, nil])
        #expect(list.setAside == ["Cleanser:", "Serum:", "Mask:"])
        #expect(try INCIParser.parse("Ingredients: Water, Glycerin").entries.map(\.component) == [0, 0])
    }

    @Test("rule 1: commas, semicolons, bullets, middle dots, line breaks, full-width commas")
    func separators() throws {
        #expect(try names("Water, Glycerin; Niacinamide") == ["Water", "Glycerin", "Niacinamide"])
        #expect(try names("Water • Glycerin · Niacinamide") == ["Water", "Glycerin", "Niacinamide"])
        #expect(try names("Water\nGlycerin\r\nNiacinamide") == ["Water", "Glycerin", "Niacinamide"])
        #expect(try names("정제수，Glycerin、Niacinamide") == ["정제수", "Glycerin", "Niacinamide"])
    }

    @Test("rule 1: never inside parentheses or brackets")
    func parentheses() throws {
        #expect(try names("Water, Extract (Rose, Lily), Glycerin") == ["Water", "Extract (Rose, Lily)", "Glycerin"])
        #expect(try names("Water, Blend [A; B], Glycerin") == ["Water", "Blend [A; B]", "Glycerin"])
    }

    @Test("rule 2: commas inside chemical names are not separators")
    func chemicalCommas() throws {
        #expect(try names("Water, 1,2-Hexanediol, Glycerin") == ["Water", "1,2-Hexanediol", "Glycerin"])
        #expect(try names("Toluene-2,5-Diamine, Water") == ["Toluene-2,5-Diamine", "Water"])
    }

    @Test("rule 2: a CAS index name's commas are not separators, and nothing else is joined")
    func indexNames() throws {
        #expect(
            try names(
                "Water, Cyclopentaneacetic Acid, 3-Oxo-2-Pentyl-, Methyl Ester (Floral Note), Benzoic Acid, "
                    + "2-Hydroxy-, Pentyl Ester, Cyclohexanemethanol, .Alpha.,.Alpha.,4-Trimethyl-, Acetate, "
                    + "Propanol, Oxybis- (Solvent), Oxacyclohexadec-12-En-2-One, (12E)- (Musk Note), "
                    + "Tetradecanoic Acid, 1-Methylethyl Ester, Glycerin")
                == [
                    "Water", "Cyclopentaneacetic Acid, 3-Oxo-2-Pentyl-, Methyl Ester (Floral Note)",
                    "Benzoic Acid, 2-Hydroxy-, Pentyl Ester",
                    "Cyclohexanemethanol, .Alpha.,.Alpha.,4-Trimethyl-, Acetate",
                    "Propanol, Oxybis- (Solvent)", "Oxacyclohexadec-12-En-2-One, (12E)- (Musk Note)",
                    "Tetradecanoic Acid, 1-Methylethyl Ester", "Glycerin",
                ])
        // Esters and salts after a whole name are names of their own.
        #expect(
            try names("Glycerin, Tocopheryl Acetate, Cetyl Ester, Sodium Benzoate, PEG-100 Stearate")
                == ["Glycerin", "Tocopheryl Acetate", "Cetyl Ester", "Sodium Benzoate", "PEG-100 Stearate"])
    }

    @Test("rule 3: slashes and parenthesised synonyms stay in one entry")
    func slashes() throws {
        #expect(
            try names("Aqua/Water/Eau, Parfum (Fragrance), CI 77891 (Titanium Dioxide)")
                == ["Aqua/Water/Eau", "Parfum (Fragrance)", "CI 77891 (Titanium Dioxide)"])
        #expect(
            try names("Caprylic/Capric Triglyceride, Acrylates/C10-30 Alkyl Acrylate Crosspolymer")
                == ["Caprylic/Capric Triglyceride", "Acrylates/C10-30 Alkyl Acrylate Crosspolymer"])
    }

    @Test("rule 3: the look-up names of an entry")
    func lookupNames() {
        let entry = INCIEntry(printedName: "Parfum (Fragrance)", position: 1)
        #expect(entry.lookupNames == ["Parfum (Fragrance)", "Parfum", "Fragrance"])
    }

    @Test("rule 4: headers are dropped")
    func headers() throws {
        #expect(try names("Ingredients: Water, Glycerin") == ["Water", "Glycerin"])
        #expect(try names("INCI: Water, Glycerin.") == ["Water", "Glycerin"])
    }

    @Test("rule 5: may-contain sections are separate, outside positions")
    func mayContain() throws {
        let list = try INCIParser.parse("Water, Mica, Glycerin. May Contain: CI 77891, CI 77491")
        #expect(list.entries.filter { !$0.mayContain }.map(\.printedName) == ["Water", "Mica", "Glycerin"])
        let may = list.entries.filter(\.mayContain)
        #expect(may.map(\.printedName) == ["CI 77891", "CI 77491"])
        #expect(may.allSatisfy { $0.position == nil })
        let plusMinus = try INCIParser.parse("Water, Mica [+/- CI 77891, CI 77492]")
        #expect(plusMinus.entries.filter(\.mayContain).map(\.printedName) == ["CI 77891", "CI 77492"])
        #expect(plusMinus.entries.filter { !$0.mayContain }.map(\.printedName) == ["Water", "Mica"])
    }

    @Test("positions count listed entries from 1")
    func positions() throws {
        let list = try INCIParser.parse("Water, Glycerin, Niacinamide")
        #expect(list.entries.map(\.position) == [1, 2, 3])
    }

    @Test("rule 6: amounts inside the list are taken out of the name")
    func amounts() throws {
        let list = try INCIParser.parse("Water, Niacinamide 5%, Sodium Fluoride (1450 ppm), NMN (0,3 %)")
        #expect(list.entries.map(\.printedName) == ["Water", "Niacinamide", "Sodium Fluoride", "NMN"])
        #expect(list.entries.map { $0.amount?.ppm } == [nil, 50000, 1450, 3000])
        #expect(list.entries[1].amountText == "5%")
    }

    @Test("rule 6: numbers that are part of a name are not amounts")
    func numbersInNames() throws {
        let list = try INCIParser.parse("Polysorbate 20, PEG-100 Stearate, CI 77891, Ceramide 3, Vitamin B3")
        #expect(
            list.entries.map(\.printedName)
                == ["Polysorbate 20", "PEG-100 Stearate", "CI 77891", "Ceramide 3", "Vitamin B3"])
        #expect(list.entries.allSatisfy { $0.amount == nil })
    }

    @Test("rule 6: an impossible amount in the list is an error")
    func impossibleAmount() {
        #expect(throws: AmountError.impossible("200 %")) { try INCIParser.parse("Water, Niacinamide 200%") }
    }

    @Test("full stops, footnote markers and bullets are trimmed")
    func trimming() throws {
        #expect(try names("Water*, Glycerin**, - Niacinamide.") == ["Water", "Glycerin", "Niacinamide"])
        #expect(try names("Water,, Glycerin, ") == ["Water", "Glycerin"])
    }

    @Test("an entry with nothing left of a name is set aside, not listed with an empty name (found by FuzzINCI)")
    func entriesWithoutName() throws {
        #expect(try INCIParser.parse("=").entries.isEmpty)
        let list = try INCIParser.parse("Water, (5%), =, Glycerin [+/-] CI 77891, (1 %)")
        #expect(list.entries.map(\.printedName) == ["Water", "Glycerin", "CI 77891"])
        #expect(list.entries.map(\.position) == [1, 2, nil])
        #expect(list.setAside == ["(5%)", "=", "(1 %)"])
    }

    @Test("Python list literals")
    func pythonLists() throws {
        #expect(try names("['water', 'glycerin', \"1,2-hexanediol\"]") == ["water", "glycerin", "1,2-hexanediol"])
        #expect(try names("[]") == [])
    }
}

@Suite("Name normalisation (DOMAIN.md rule 7)")
struct NameKeyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let a: String
        let b: String
        var testDescription: String { "\(a) ~ \(b)" }
    }

    @Test(
        "these are the same name",
        arguments: [
            Case(a: "Niacinamide", b: "NIACINAMIDE"),
            Case(a: "PEG 10 Dimethicone", b: "PEG-10 Dimethicone"),
            Case(a: "Cl 77891", b: "CI 77891"),
            Case(a: "Glycérine", b: "GLYCERINE"),
            Case(a: "Sodium\u{00A0}Hyaluronate", b: "Sodium Hyaluronate"),
            Case(a: "Methyl Gluceth-¬‐20", b: "Methyl Gluceth-20"),
            Case(a: "Sunﬂower Seed Oil", b: "Sunflower Seed Oil"),
            Case(a: "β-NMN", b: "BETA-NMN"),
            Case(a: "Vit. B3", b: "VIT B3"),
            Case(a: "Aqua / Water / Eau", b: "AQUA/WATER/EAU"),
            Case(a: "Lithothamnion Calcareumextract", b: "Lithothamnion Calcareum Extract"),
            Case(a: "Ceramide  NP", b: "ceramide np"),
            Case(a: "Vitamin E™", b: "Vitamin E"),
        ])
    func same(_ testCase: Case) {
        #expect(NameKey(testCase.a) == NameKey(testCase.b))
    }

    @Test(
        "these are different names",
        arguments: [
            Case(a: "PEG-40 Hydrogenated Castor Oil", b: "PEG-60 Hydrogenated Castor Oil"),
            Case(a: "Tripeptide-1", b: "Tripeptide-5"),
            Case(a: "C12-15 Alkyl Benzoate", b: "C1215 Alkyl Benzoate"),
            Case(a: "NMN", b: "NAD"),
            Case(a: "Niacinamide", b: "Niacin"),
            Case(a: "1,2-Hexanediol", b: "12-Hexanediol"),
        ])
    func different(_ testCase: Case) {
        #expect(NameKey(testCase.a) != NameKey(testCase.b))
    }

    @Test("digits broken by a space or hyphen stay apart")
    func digitBoundaries() {
        #expect(NameKey("C12-15 Alkyl Benzoate").rawValue == "C12-15ALKYLBENZOATE")
        #expect(NameKey("C12 15 Alkyl Benzoate").rawValue == "C12-15ALKYLBENZOATE")
        #expect(NameKey("PEG-7.5").rawValue == "PEG7.5")
    }
}
