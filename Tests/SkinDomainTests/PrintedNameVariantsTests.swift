import Testing

@testable import SkinDomain

/// Issue 16: the ways labels print a dictionary name that the dictionary does not hold as printed, names run
/// together without commas, and benefit claims printed among the names.
@Suite("Other ways labels print a name")
struct PrintedNameVariantsTests {
    private static let names: [(name: String, id: Int64)] = [
        ("GLYCERIN", 1), ("SODIUM SULFATE", 2), ("PARFUM", 3), ("FRAGRANCE", 3), ("AROMA", 4),
        ("BORAGO OFFICINALIS SEED OIL", 5), ("MALVA SYLVESTRIS EXTRACT", 6), ("ETHANOL", 7), ("ALCOHOL", 7),
        ("TOCOPHEROL", 8), ("TOCOPHERYL ACETATE", 9), ("CAPRYLIC/CAPRIC TRIGLYCERIDE", 10),
        ("DICAPRYLYL CARBONATE", 11), ("SQUALANE", 12), ("ALUMINUM HYDROXIDE", 13), ("WATER", 14),
        ("NICOTINAMIDE MONONUCLEOTIDE", 15), ("NICOTINAMIDE ADENINE DINUCLEOTIDE", 16), ("CETYL ALCOHOL", 17),
        ("ORYZA SATIVA BRAN OIL", 18), ("BRAN OIL", 19), ("VANILLA PLANIFOLIA FRUIT EXTRACT", 20),
        ("PRUNUS ARMENIACA KERNEL OIL", 21), ("TYROSINE", 22), ("LIMONENE", 23), ("LACTIC ACID", 24),
        ("CI 77742", 25), ("CYANOCOBALAMIN", 26), ("CITRUS PARADISI PEEL OIL", 27), ("ZEA MAYS STARCH", 28),
        ("CITRUS AURANTIUM BERGAMIA PEEL OIL", 29), ("CITRUS PARADISI OIL", 30), ("SECALE CEREALE SEED EXTRACT", 31),
        ("HOUTTUYNIA CORDATA EXTRACT", 32),
    ]

    /// TOCOPHEROL/TOCOPHERYL ACETATE, ALCOHOL/CETYL ALCOHOL and NMN/NAD+ are look-alike pairs, so guarded.
    private static func resolver() -> IngredientResolver {
        var aliases: [NameKey: Int64] = [:]
        for (name, id) in names { aliases[NameKey(name)] = id }
        return IngredientResolver(
            aliases: aliases, fuzzy: true, guarded: [7, 8, 9, 15, 16, 17], names: names)
    }

    private func resolved(_ name: String) -> Int64? {
        var resolver = Self.resolver()
        return resolver.resolve(name).ingredientId
    }

    @Test(
        "qualifiers, British spellings, fragrance in words and a common name with its binomial resolve",
        arguments: [
            ("Organic Glycerin", 1), ("Certified Organic Vegetable Glycerin", 1), ("100% Pure Glycerin", 1),
            ("Sodium Sulphate", 2), ("Aluminium Hydroxide", 13), ("Natural Fragrance", 3),
            ("Fragrances of Natural Origin", 3), ("Fragrance Oil Blend", 3), ("Flavor", 4), ("Natural Flavours", 4),
            ("Borage Oil (Borago Officinalis)", 5), ("Mallow Extract (Malva Sylvestris)", 6),
            ("Glycerin <18941>", 1), ("and Sodium Sulfate", 2), ("CO Dicaprylyl Carbonate", 11),
            ("Filtered Water", 14), ("Purified Water", 14),
            // English plant names, stereo descriptors, other names (``OtherNames``).
            ("Apricot Kernel Oil", 21), ("Organic Apricot Kernel Oil", 21), ("Corn Starch", 28),
            ("Grapefruit Peel Oil", 27), ("(Bergamot) Peel Oil", 29), ("L-Tyrosine", 22), ("d-Limonene", 23),
            ("L (+) Lactic Acid", 24), ("Manganese Violet", 25), ("Vitamin B12", 26),
            ("Grapefruit Essential Oil", 30), ("Secale Cereale Extract / Rye Seed Extract", 31),
            ("Grapefruit Plant Oil", 30), ("Preservatives: Glycerin", 1), ("Citrus Aurantium (Bergamot) Peel Oil", 29),
            ("Ctrus Paradsi (Grapefruit) Peel Oil", 27), ("Heartleaf Extract", 32),
        ] as [(String, Int64)])
    func resolves(name: String, id: Int64) {
        var resolver = Self.resolver()
        let resolution = resolver.resolve(name)
        #expect(resolution.ingredientId == id, "\(name)")
        // A one-letter spelling difference may be found fuzzily first; either way it is not exact.
        #expect(resolution.match != .exact && resolution.match != nil, "\(name): \(resolution)")
    }

    @Test("a fragrance named after a substance, or a name with nothing left, is not rewritten")
    func notRewritten() {
        #expect(PrintedNameVariants.fragranceDeclaration("Vanilla Fragrance") == nil)
        #expect(PrintedNameVariants.fragranceDeclaration("Fragrance of Sandalwood") == nil)
        #expect(PrintedNameVariants.fragranceDeclaration("Fragrance/Flavor") == nil, "both: which one is unknown")
        #expect(resolved("Vanilla Fragrance") == nil)
        #expect(PrintedNameVariants.withoutQualifiers("Organic") == nil)
        #expect(PrintedNameVariants.rewrites("Aluminium Hydroxide") == ["ALUMINUM HYDROXIDE"])
        #expect(PrintedNameVariants.rewrites("Hydrolysed Wheat Protein") == ["HYDROLYZED WHEAT PROTEIN"])
        #expect(PrintedNameVariants.withoutQualifiers("Glycerin") == nil)
        #expect(PrintedNameVariants.withoutCodes("CI 77491") == nil, "a marker needs a name of two words after it")
        #expect(PrintedNameVariants.withoutCodes("and fragrance") == nil, "a sentence, not a name")
        #expect(PrintedNameVariants.withoutCodes("PEG Dimethicone") == nil, "a marker needs a name of two words")
        #expect(PrintedNameVariants.latinForCommonName("Prunus Armeniaca (Apricot) Kernel Oil").isEmpty)
        #expect(PrintedNameVariants.latinForEnglishPlantName("Witch Hazel").isEmpty, "no part or type follows")
        #expect(PrintedNameVariants.latinForEnglishPlantName("Glycerin Oil").isEmpty)
        #expect(PrintedNameVariants.withoutStereoDescriptor("D&C Red No. 7") == nil)
        #expect(PrintedNameVariants.withoutStereoDescriptor("Lactic Acid") == nil)
        #expect(
            PrintedNameVariants.withoutStereoDescriptor("DL-Alpha Tocopheryl Acetate") == "Alpha Tocopheryl Acetate")
        #expect(resolved("Vitamin B3") == nil, "niacin or niacinamide: the table leaves it out")
        #expect(resolved("Grapefruit") == nil)
        #expect(
            PrintedNameVariants.latinForBracketedPlantName("Glycine Soja (Grapefruit) Peel Oil").isEmpty,
            "a bracket naming another plant corrects nothing")
    }

    @Test("a fuzzy match may land on a guarded ingredient only with a margin, and never across a prefix")
    func guardedFuzzy() {
        #expect(resolved("Trocopherol") == 8)
        #expect(resolved("Cetyle Alcohol") == 17)
        #expect(resolved("Methanol") == nil, "METHANOL is ETHANOL with a prefix: another substance")
        #expect(resolved("Nicotinamide Mononucleotid") == 15)
        #expect(resolved("Nicotinamide Mononucleotid") != 16)
        #expect(FuzzyIndex.differsByPrefix(Array("METHANOL".utf8), Array("ETHANOL".utf8)))
        #expect(!FuzzyIndex.differsByPrefix(Array("TOCOPHEROLS".utf8), Array("TOCOPHEROL".utf8)))
    }

    @Test("a guarded ingredient with another ingredient one edit further is not a fuzzy match")
    func guardedWithoutMargin() {
        var aliases: [NameKey: Int64] = [NameKey("TOCOPHEROL"): 8, NameKey("TOCOPHEROLS"): 30]
        aliases[NameKey("TOCOPHERYL ACETATE")] = 9
        var resolver = IngredientResolver(aliases: aliases, fuzzy: true, guarded: [8, 9])
        #expect(resolver.resolve("Trocopherol").ingredientId == nil)
    }

    @Test("three or more names run together are cut where only one cut takes the fewest names")
    func severalRunTogether() {
        var resolver = Self.resolver()
        let parts = resolver.runTogether("Caprylic/Capric Triglyceride Dicaprylyl Carbonate Squalane")
        #expect(parts?.map(\.name) == ["Caprylic/Capric Triglyceride", "Dicaprylyl Carbonate", "Squalane"])
        #expect(parts?.map(\.resolution.ingredientId) == [10, 11, 12])
        #expect(resolver.runTogether("Squalane Dicaprylyl Carbonate Unknownium") == nil, "a part names nothing")
        // `Oryza Sativa (Rice) Bran Oil Water Squalane`: the bracket is never cut, so BRAN OIL alone is no part.
        let bracketed = resolver.runTogether("Oryza Sativa (Rice) Bran Oil Water Squalane")
        #expect(bracketed?.map(\.resolution.ingredientId) == [18, 14, 12])
    }

    @Test(
        "benefit claims among the names are set aside; a name they ran into stays",
        arguments: [
            ("Niacinamide, Hydrates, Glycerin", ["Niacinamide", "Glycerin"], ["Hydrates"]),
            ("Water, Soothes skin, Glycerin", ["Water", "Glycerin"], ["Soothes skin"]),
            ("Glycerin, soothe and protect skin Water", ["Glycerin", "Water"], ["soothe and protect skin"]),
            ("Squalane, An antioxidant, Tocopherol", ["Squalane", "Tocopherol"], ["An antioxidant"]),
            (
                "Water, Soothing Complex, Vitamin A, Calming Extract",
                [
                    "Water", "Soothing Complex", "Vitamin A",
                    "Calming Extract",
                ], []
            ),
            ("Water, Helps 2 Layers", ["Water", "Helps 2 Layers"], []),
            ("Water, Gluten-free, Glycerin", ["Water", "Glycerin"], ["Gluten-free"]),
            ("Water, Tocopherol Free of parabens", ["Water", "Tocopherol"], ["Free of parabens"]),
            ("Water, Free from essential oils", ["Water"], ["Free from essential oils"]),
            // Sentences: function words, two at least and one word in four.
            (
                "Honey, *Honey sourced from the Mirsalehi Bee Garden", ["Honey"],
                ["Honey sourced from the Mirsalehi Bee Garden"]
            ),
            (
                "Glycerin, A powerful humectant that attracts moisture for bouncy skin Squalane",
                ["Glycerin", "Squalane"], ["A powerful humectant that attracts moisture for bouncy skin"]
            ),
            (
                "Water, Butea Monosperma (Flame of the Forest) Flower Extract, Vitamins A and E, Oil of Cloves, "
                    + "Sodium Lauroamphoacetate and Sodium Trideceth Sulfate",
                [
                    "Water", "Butea Monosperma (Flame of the Forest) Flower Extract", "Vitamins A and E",
                    "Oil of Cloves", "Sodium Lauroamphoacetate and Sodium Trideceth Sulfate",
                ], []
            ),
        ] as [(String, [String], [String])])
    func claims(text: String, names: [String], setAside: [String]) throws {
        let list = try INCIParser.parse(text)
        #expect(list.entries.map(\.printedName) == names)
        #expect(list.setAside == setAside)
    }
}

@Suite("Free-from claims and translations")
struct FreeFromAndTranslationTests {
    @Test("what a free-from claim lists is set aside until an entry starts like a name")
    func freeFromList() throws {
        let list = try INCIParser.parse(
            "Water, Glycerin, Our products do not contain parabens, phthalates, PEG's, SLS, Tocopherol, Mica")
        #expect(list.entries.map(\.printedName) == ["Water", "Glycerin", "Tocopherol", "Mica"])
        #expect(list.setAside == ["Our products do not contain parabens", "phthalates", "PEG's", "SLS"])
        let glued = try INCIParser.parse("Water, Tocopherol Free of parabens, sulfates, Mica")
        #expect(glued.entries.map(\.printedName) == ["Water", "Tocopherol", "Mica"])
    }

    @Test("three names of one substance in three languages resolve when no registry number contradicts")
    func translations() {
        let aliases: [NameKey: Int64] = [
            NameKey("SEA SALT"): 1, NameKey("MARIS SAL"): 2, NameKey("GLYCERIN"): 3,
            NameKey("ALOE BARBADENSIS LEAF EXTRACT"): 4, NameKey("WATER"): 5,
        ]
        let registry: [Int64: Set<String>] = [1: ["7647-14-5"], 3: ["56-81-5"], 5: ["7732-18-5"]]
        var resolver = IngredientResolver(aliases: aliases, registry: registry)
        #expect(resolver.resolve("Sea Salt/Maris Sal/Sel Marin").ingredientId == 1)
        #expect(resolver.resolve("Glycerin/Aloe Barbadensis Leaf Extract").ingredientId == nil, "two substances")
        #expect(resolver.resolve("Glycerin/Water/Eau").ingredientId == nil, "two numbers that disagree")
    }
}
