import Testing

@testable import SkinDomain

/// Issue 16: what retailers print before and around the list (highlighted-ingredient bullets, drug-facts actives
/// without commas, footnotes after the list, CAS index names in lower case) leaves no fragment among the names,
/// and no real name is lost.
@Suite("Highlight bullets, amounts between names, footnotes and lower-case index names")
struct HighlightBlurbTests {
    private func names(_ text: String) throws -> [String] {
        try INCIParser.parse(text).entries.map(\.printedName)
    }

    @Test(
        "a bullet's claim is set aside whole, however short, with or without a header",
        arguments: [
            "-Glycerin: Rapidly moisturizes. -Ceramides: Seal in moisture. Water, Glycerin, Ceramide NP.",
            "-Targets visible signs of aging like lines, dark spots, and loss of volume. Water, Glycerin, Ceramide NP.",
            "-Sunscreens: Deliver UV protection. -Oils: For a soft, velvety finish. Water, Glycerin, Ceramide NP.",
            "-Floral Oils: Naturally rich in ceramides, rosehip, and jojoba. Water, Glycerin, Ceramide NP.",
            "-Soothing Complex: Oat, bisabolol, and panthenol calm and soothe. Water, Glycerin, Ceramide NP.",
        ])
    func bulletClaims(_ text: String) throws {
        #expect(try names(text) == ["Water", "Glycerin", "Ceramide NP"])
    }

    @Test("a kit header's lower-case list after a bullet stays a list")
    func bulletKitList() throws {
        #expect(
            try names("-Cleanser: water, glycerin, sodium chloride, cetyl alcohol.") == [
                "water", "glycerin", "sodium chloride", "cetyl alcohol",
            ])
        #expect(!INCIParser.isProse("-Cleanser: water, glycerin, sodium chloride, cetyl alcohol."))
    }

    @Test("a bullet that runs into the list keeps every name after the claim")
    func bulletIntoList() throws {
        let rest = "Water, Glycerin, Pentylene Glycol, Butylene Glycol, Niacinamide, Tocopheryl Acetate, Squalane"
        let list = try INCIParser.parse(
            "-Baobab: A nutrient-rich fruit that helps hydrate Avobenzone 3%, Homosalate 9%, " + rest)
        #expect(
            list.entries.map(\.printedName) == ["Avobenzone", "Homosalate"] + rest.components(separatedBy: ", "))
        #expect(list.entries.first?.amountText == "3%")
    }

    @Test("a sentence that opens like English prose is set aside; one that introduces a list is not")
    func proseOpeners() throws {
        let text =
            "Water, Sodium Hyaluronate, Glycerin. These include low-, medium, and high-weight molecules, and a "
            + "hyaluronic acid crosspolymer."
        #expect(try names(text) == ["Water", "Sodium Hyaluronate", "Glycerin"])
        #expect(try names("This kit contains: Water, Glycerin") == ["Water", "Glycerin"])
    }

    @Test("a claim after a colon among the names is set aside; the name it ran into stays")
    func colonClaims() throws {
        let list = "Water, Glycerin, Dicaprylyl Carbonate, Propanediol, Cetyl Alcohol, Glyceryl Behenate, Squalane"
        let text =
            "Caffeine: Antioxidant that helps reduce puffiness Matrixyl Peptide: Plumps, firms and smooths "
            + "skin's appearance Albizia Extract: Signs of skin fatigue appear reduced " + list
        #expect(try names(text) == list.components(separatedBy: ", "))
        #expect(try names("Preservatives: Butylene Glycol, Phenoxyethanol") == ["Butylene Glycol", "Phenoxyethanol"])
    }

    @Test("actives printed without commas are separate entries with their amounts; purposes are set aside")
    func activesWithoutCommas() throws {
        let list = try INCIParser.parse("-Avobenzone 3% -Octinoxate 7.5% -Petrolatum 40.2% Beeswax, Water")
        #expect(list.entries.map(\.printedName) == ["Avobenzone", "Octinoxate", "Petrolatum", "Beeswax", "Water"])
        #expect(list.entries.map(\.amountText) == ["3%", "7.5%", "40.2%", nil, nil])
        let purposes = try INCIParser.parse("Avobenzone 3%, Octisalate 4.5%: Sunscreens, Water, Glycerin")
        #expect(purposes.entries.map(\.printedName) == ["Avobenzone", "Octisalate", "Water", "Glycerin"])
        #expect(purposes.setAside.contains("Sunscreens"))
        #expect(try names("Avobenzone 3% Sunscreen, Water") == ["Avobenzone", "Water"])
    }

    @Test("an amount before a name, or before a bracketed descriptor, comes out of the name")
    func amountsAroundNames() throws {
        let list = try INCIParser.parse(
            "Zinc Oxide 21% (Non-Nano), 1% Colloidal Oatmeal, 100% Organic Argan Oil, Water. 2209")
        #expect(
            list.entries.map(\.printedName) == [
                "Zinc Oxide (Non-Nano)", "Colloidal Oatmeal", "100% Organic Argan Oil", "Water",
            ])
        #expect(list.entries.map(\.amountText) == ["21%", "1%", nil, nil])
    }

    @Test("a kit component's header with an amount in its name stays a header")
    func kitHeaderWithAmount() throws {
        let list = try INCIParser.parse("Daily Cleanser: Aqua, Glycerin. Glow 7% AHA Toner: Aqua, Lactic Acid")
        #expect(list.entries.map(\.printedName) == ["Aqua", "Glycerin", "Aqua", "Lactic Acid"])
        #expect(list.setAside.contains("Glow 7% AHA Toner:"))
    }

    @Test("a marked footnote after the list is set aside; a marked entry inside a list is not")
    func markedFootnotes() throws {
        let list = try INCIParser.parse(
            "*Organic Aloe Leaf Juice, Water, Aroma**, Linalool. *Ingredients from organic farming. **Clinical grade "
                + "essential oils blend.")
        #expect(list.entries.map(\.printedName) == ["Organic Aloe Leaf Juice", "Water", "Aroma", "Linalool"])
        #expect(list.setAside.contains("**Clinical grade essential oils blend."))
    }

    @Test("a CAS index name printed in lower case without its hyphens is one entry")
    func lowerCaseIndexNames() throws {
        let text =
            "Parfum, 1,6-Nonadien-3-ol, 3,7-dimethyl (freesia note), Benzaldehyde, 4-hydroxy-3-methoxy "
            + "(gourmand note), Naphtho[2,1-b]furan, dodecahydro-3a, 6,6,9a-tetramethyl (amber note), Propanol, "
            + "oxybis, Cyclododecane, (ethoxymethoxy) (woody note), Benzoic acid, 2-hydroxy, Water"
        #expect(
            try names(text) == [
                "Parfum", "1,6-Nonadien-3-ol, 3,7-dimethyl (freesia note)",
                "Benzaldehyde, 4-hydroxy-3-methoxy (gourmand note)",
                "Naphtho[2,1-b]furan, dodecahydro-3a, 6,6,9a-tetramethyl (amber note)", "Propanol, oxybis",
                "Cyclododecane, (ethoxymethoxy) (woody note)", "Benzoic acid, 2-hydroxy", "Water",
            ])
    }

    @Test("an opening bracket that nothing closes encloses nothing: the rest of the list stays entries")
    func unclosedBrackets() throws {
        #expect(
            try names("Titanium Dioxide (CI 77891 , Iron Oxides (CI 77491), Butylene Glycol, Sodium Chloride") == [
                "Titanium Dioxide (CI 77891", "Iron Oxides (CI 77491)", "Butylene Glycol", "Sodium Chloride",
            ])
        #expect(
            try names("Stellaria Media (Chickweed( Extract, Malt Extract, Triticum Vulgare (Wheat) Sprout Extract") == [
                "Stellaria Media (Chickweed( Extract", "Malt Extract", "Triticum Vulgare (Wheat) Sprout Extract",
            ])
        let prose =
            "-Complex (Carriers, Hyaluronic Acid, and Botanicals: Leaves the skin smoother. Water, Glycerin, "
            + "Dimethicone, Propanediol, Bakuchiol, Retinol, Squalane, Tocopherol."
        #expect(
            try names(prose).suffix(8) == [
                "Water", "Glycerin", "Dimethicone", "Propanediol", "Bakuchiol", "Retinol", "Squalane", "Tocopherol",
            ])
        #expect(
            try names("Water, Parfum (Fragrance), Citrus (Lemon, Lime) Oil") == [
                "Water", "Parfum (Fragrance)", "Citrus (Lemon, Lime) Oil",
            ])
    }

    @Test(
        "a name that is not only substituents is never joined to the one before it",
        arguments: [
            ("water, glycerin, trideceth-6, dimethicone", 4), ("Water, Glycerin, Dimethyl Isosorbide", 3),
            ("Water, 1,2-Hexanediol, Methylpropanediol", 3), ("aqua, cetyl alcohol, methyl, propylparaben", 4),
        ])
    func substituentsOnly(_ text: String, _ count: Int) throws {
        #expect(try names(text).count == count)
    }
}
