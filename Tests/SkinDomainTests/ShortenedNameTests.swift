import Testing

@testable import SkinDomain

@Suite("Shortened names")
struct ShortenedNameTests {
    /// A small dictionary with the shapes that matter: plant parts, cut-off chemical names, derivatives that
    /// share a common name's words, and enough names ending in OIL to make OIL a head noun.
    static let dictionary: [(name: String, id: Int64)] = {
        var names: [(String, Int64)] = [
            ("VITIS VINIFERA SEED EXTRACT", 1), ("VITIS VINIFERA FRUIT EXTRACT", 2), ("VITIS VINIFERA SEED OIL", 3),
            ("VITIS VINIFERA FRUIT CELL EXTRACT", 4), ("HELIANTHUS ANNUUS SEED OIL", 5),
            ("HELIANTHUS ANNUUS SEED WAX", 6), ("ROSA DAMASCENA FLOWER OIL", 7), ("ROSA DAMASCENA FLOWER WATER", 8),
            ("ROSA DAMASCENA EXTRACT", 9), ("SODIUM LAUROYL LACTYLATE", 10), ("SODIUM LAUROYL SARCOSINATE", 11),
            ("PEG-40 HYDROGENATED CASTOR OIL", 12), ("RICINUS COMMUNIS SEED OIL", 13), ("APRICOT KERNEL OIL", 14),
            ("APRICOT KERNEL OIL PEG-8 ESTERS", 15), ("C12-15 ALKYL BENZOATE", 16), ("C12-15 ALCOHOLS", 17),
            ("SODIUM ACRYLOYLDIMETHYL TAURATE COPOLYMER", 18), ("NICOTINAMIDE ADENINE DINUCLEOTIDE", 19),
            ("NICOTINAMIDE ADENINE DINUCLEOTIDE PHOSPHATE", 20), ("HAMAMELIS VIRGINIANA BARK/LEAF EXTRACT", 21),
            ("HAMAMELIS VIRGINIANA WATER", 22),
        ]
        for index in 0..<25 { names.append(("PLANT\(index) SEED OIL", Int64(100 + index))) }
        for index in 0..<60 { names.append(("WIDE FAMILY MEMBER\(index)", Int64(200 + index))) }
        return names
    }()

    static let index = ShortenedNameIndex(names: dictionary, guarded: [19])

    @Test(
        "a name with the plant part or its end left out stands for every name it shortens",
        arguments: [
            ("Vitis Vinifera Extract", [1, 2, 4]),
            ("Vitis Vinifera (Grape) Extract", [1, 2, 4]),
            ("Helianthus Annuus (Sunflower) Oil", [5]),
            ("Rosa Damascena", [7, 8, 9]),
            ("rosa  damascena", [7, 8, 9]),
            ("Sodium Lauroyl", [10, 11]),
            ("C12-15", [16, 17]),
            ("Hamamelis Virginiana (Witch Hazel) Extract", [21]),
            ("Hamamelis Virginiana", [21, 22]),
        ] as [(String, [Int64])])
    func shortened(_ printed: String, _ expected: [Int64]) {
        #expect(Self.index.members(of: printed) == expected)
    }

    @Test(
        "never matched by its end, never a derivative of a complete name, never a vague or guarded one",
        arguments: [
            "Castor Oil",  // PEG-40 HYDROGENATED CASTOR OIL ends with it: a name is never matched by its end
            "Apricot Kernel Oil",  // ends in a head noun: a name of its own, not short for its PEG-8 esters
            "Sodium Taurate Copolymer",  // the left-out word is not a plant part
            "Sodium",  // one word that is not a carbon-chain range
            "Wide Family",  // stands for more than 50 names
            "Nicotinamide Adenine",  // could be NAD+, which has look-alikes
            "Vitis Vinifera Seed Extract Powder",  // longer than any name: not a shortening
        ])
    func notShortened(_ printed: String) {
        #expect(Self.index.members(of: printed).isEmpty)
    }

    @Test("a botanical name that differs from one dictionary name only in its plant parts is that name")
    func botanicalNeighbours() {
        let index = ShortenedNameIndex(
            names: Self.dictionary + [
                ("DAUCUS CAROTA SATIVA SEED OIL", 30), ("ACHILLEA MILLEFOLIUM OIL", 31),
                ("MACADAMIA INTEGRIFOLIA SEED OIL", 32), ("CUCUMIS SATIVUS OIL", 33), ("CUCUMIS SATIVUS SEED OIL", 34),
                ("CUCUMIS SATIVUS FRUIT EXTRACT", 35), ("CUCUMIS SATIVUS LEAF EXTRACT", 36),
            ], guarded: [19])
        #expect(index.botanicalNeighbour(of: "Daucus Carota (Carrot) Seed Oil") == 30, "a subspecies left out")
        #expect(index.botanicalNeighbour(of: "Achillea Millefolium Leaf Oil") == 31, "a part the INCI name lacks")
        #expect(index.botanicalNeighbour(of: "Macadamia Integrifolia Nut Oil") == 32, "nut is seed")
        #expect(index.botanicalNeighbour(of: "Cucumis Sativus Fruit Oil") == 33, "the seed oil is another part")
        #expect(index.botanicalNeighbour(of: "Cucumis Sativus Extract") == nil, "fruit or leaf: no guess")
        #expect(index.botanicalNeighbour(of: "Vitis Vinifera Leaf Extract") == nil, "seed or fruit: no guess")
        #expect(index.botanicalNeighbour(of: "Rosa Damascena Flower Extract") == 9)
        #expect(index.botanicalNeighbour(of: "Helianthus Annuus Seed Butter") == nil, "another preparation")
        #expect(index.botanicalNeighbour(of: "Nicotinamide Adenine Dinucleotide Oil") == nil)
    }

    @Test("the resolver tries shortened names last: one member resolves, several make a group")
    func resolver() {
        var aliases: [NameKey: Int64] = [:]
        for (name, id) in Self.dictionary { aliases[NameKey(name)] = id }
        var resolver = IngredientResolver(aliases: aliases, fuzzy: true, guarded: [19], names: Self.dictionary)
        let sunflower = resolver.resolve("Helianthus Annuus (Sunflower) Oil")
        #expect(sunflower.ingredientId == 5)
        #expect(sunflower.match == .shortened)
        #expect(sunflower.group == nil)
        let rose = resolver.resolve("Rosa Damascena")
        #expect(rose.ingredientId == nil, "a group's id is the catalog's to give")
        #expect(rose.match == .shortened)
        #expect(rose.group == IngredientGroup(name: "ROSA DAMASCENA", members: [7, 8, 9]))
        #expect(resolver.resolve("Rosa Damascena Extract").match == .exact)
        // An English plant name becomes its binomial (``OtherNames``) for exact look-ups only: `castor oil` may
        // be cut from PEG-40 HYDROGENATED CASTOR OIL, so it is not read as the shortened RICINUS COMMUNIS OIL.
        #expect(resolver.resolve("Castor Oil").ingredientId == nil)
        #expect(resolver.resolve("Castor Seed Oil").ingredientId == 13)
        var withoutNames = IngredientResolver(aliases: aliases)
        #expect(withoutNames.resolve("Rosa Damascena").match == nil)
    }

    @Test("an English plant name alone is one of its binomial's ingredients; never with a part or type")
    func plantNameAlone() {
        let names: [(name: String, id: Int64)] =
            [
                ("LAVANDULA ANGUSTIFOLIA OIL", 1), ("LAVANDULA ANGUSTIFOLIA FLOWER EXTRACT", 2),
                ("LAVANDULA ANGUSTIFOLIA FLOWER WATER", 3), ("HAMAMELIS VIRGINIANA WATER", 4),
                ("RICINUS COMMUNIS SEED OIL", 5), ("PEG-40 HYDROGENATED CASTOR OIL", 6),
                ("POGOSTEMON CABLIN LEAF OIL", 7),
                ("POGOSTEMON CABLIN FLOWER EXTRACT", 8), ("STELLARIA MEDIA EXTRACT", 9),
            ]
            + (0..<25).map { ("CELL LINE \($0) CONDITIONED MEDIA", Int64(100 + $0)) }
        var aliases: [NameKey: Int64] = [:]
        for (name, id) in names { aliases[NameKey(name)] = id }
        var resolver = IngredientResolver(aliases: aliases, names: names)
        let lavender = resolver.resolve("Lavender")
        #expect(lavender.ingredientId == nil)
        #expect(lavender.group == IngredientGroup(name: "LAVENDER", members: [1, 2, 3]))
        #expect(resolver.resolve("Organic Lavender").group?.members == [1, 2, 3], "a qualifier is dropped first")
        let witchHazel = resolver.resolve("Witch Hazel")
        #expect(witchHazel.ingredientId == 4, "a plant the dictionary names once is that name")
        #expect(witchHazel.match == .shortened)
        #expect(resolver.resolve("Castor").group == nil && resolver.resolve("Castor").ingredientId == 5)
        #expect(resolver.resolve("Castor Oil").ingredientId == nil, "with a type it is no plant name alone")
        #expect(resolver.resolve("Lavender Water").ingredientId == nil)
        #expect(resolver.resolve("Lavender (Lavandula Officinalis)").group?.members == [1, 2, 3], "binomial beside")
        #expect(resolver.resolve("Witch Hazels").ingredientId == 4, "a plural")
        // STELLARIA MEDIA's epithet ends many names (conditioned media): no head noun for a binomial from the table.
        #expect(resolver.resolve("Chickweed").ingredientId == 9)
        // A misspelt binomial the bracketed English name corrects differs from one dictionary name in its parts.
        #expect(resolver.resolve("Pogostomon Cablin (Patchouli) Oil").ingredientId == 7)
        #expect(resolver.resolve("Pogostomon Cablin (Parsley) Oil").ingredientId == nil, "the bracket must agree")
    }

    @Test("a slash inside one INCI name is not a list of alternatives")
    func slashInsideOneName() {
        let names: [(name: String, id: Int64)] = [
            ("STYRENE", 1), ("STYRENE/ACRYLATES COPOLYMER", 2), ("SACCHAROMYCES", 3),
            ("SACCHAROMYCES/XYLINUM/BLACK TEA FERMENT", 4), ("WATER", 5), ("AQUA", 5), ("TITANIUM DIOXIDE", 6),
            ("CI 77891", 6), ("YEAST EXTRACT", 7), ("WATER/AQUA", 5),
        ]
        var aliases: [NameKey: Int64] = [:]
        for (name, id) in names { aliases[NameKey(name)] = id }
        var resolver = IngredientResolver(aliases: aliases, names: names)
        // Alternatives: every part that resolves agrees (or a colour index names the pigment).
        #expect(resolver.resolve("Aqua/Water/Eau").ingredientId == 5)
        #expect(resolver.resolve("Water/Eau").ingredientId == 5, "the alias WATER/AQUA lists alternatives")
        #expect(resolver.resolve("Yeast Extract/Faex/Extrait De Levure").ingredientId == 7)
        #expect(resolver.resolve("Ci 77891/Titanium Dioxide").ingredientId == 6)
        // One name: STYRENE/ starts a dictionary name, so the slash joins monomers, not alternatives.
        let copolymer = resolver.resolve("styrene/acrylates")
        #expect(copolymer.ingredientId == 2)
        #expect(copolymer.match == .shortened)
        #expect(resolver.resolve("Saccharomyces/Mel Ferment Filtrate").ingredientId == nil)
    }

    @Test(
        "older and variant botanical spellings are rewritten to the dictionary's",
        arguments: [
            ("Citrus Medica Limonum (Lemon) Peel Oil", "CITRUS LIMON PEEL OIL"),
            ("Sideritis Scardica Flowers/Leaves/Stems Extract", "SIDERITIS SCARDICA FLOWER/LEAF/STEM EXTRACT"),
            ("Euphorbia Cerifera (Candelilla) Wax", "EUPHORBIA CERIFERA CERA"),
            ("Matricaria Chamomilla Flower Extract", "CHAMOMILLA RECUTITA FLOWER EXTRACT"),
        ])
    func respelt(_ printed: String, _ expected: String) {
        #expect(BotanicalSpelling.rewrite(printed) == expected)
    }

    @Test("a name with nothing to rewrite is left alone, and the resolver marks a rewritten match")
    func respeltResolves() {
        #expect(BotanicalSpelling.rewrite("Citrus Limon Peel Oil") == nil)
        #expect(BotanicalSpelling.rewrite("Wax") == nil, "one word: not a botanical wax")
        let names: [(name: String, id: Int64)] = [("CITRUS LIMON PEEL OIL", 1), ("CITRUS LIMON FRUIT EXTRACT", 2)]
        var aliases: [NameKey: Int64] = [:]
        for (name, id) in names { aliases[NameKey(name)] = id }
        var resolver = IngredientResolver(aliases: aliases, names: names)
        let lemon = resolver.resolve("Citrus Medica Limonum (Lemon) Peel Oil")
        #expect(lemon.ingredientId == 1)
        #expect(lemon.match == .renamed)
        // A rewritten name can still be a shortened one.
        #expect(resolver.resolve("Citrus Medica Limonum").group?.members == [1, 2])
    }

    @Test("two names run together: split where both sides are names, never after a stem")
    func runTogether() {
        var names: [(name: String, id: Int64)] = [
            ("GLYCERIN", 1), ("NIACINAMIDE", 2), ("IRON OXIDES", 3), ("CI 77491", 4), ("TITANIUM DIOXIDE", 5),
            ("CI 77891", 5), ("SODIUM", 6), ("SODIUM CHLORIDE", 7),
        ]
        for index in 0..<12 { names.append(("SODIUM THING\(index)", Int64(100 + index))) }
        var aliases: [NameKey: Int64] = [:]
        for (name, id) in names { aliases[NameKey(name)] = id }
        var resolver = IngredientResolver(aliases: aliases, names: names)
        let pair = resolver.runTogether("Glycerin Niacinamide")
        #expect(pair?.map(\.name) == ["Glycerin", "Niacinamide"])
        #expect(pair?.map(\.resolution.ingredientId) == [1, 2])
        #expect(resolver.runTogether("Iron Oxides CI 77491")?.map(\.resolution.ingredientId) == [4])
        #expect(resolver.runTogether("Titanium Dioxide CI 77891")?.map(\.resolution.ingredientId) == [5])
        #expect(resolver.runTogether("Sodium Glycerin") == nil, "SODIUM begins many names")
        #expect(resolver.runTogether("Glycerin Mystery") == nil)
        #expect(resolver.runTogether("Glycerin") == nil)
    }

    @Test("a group is named by the printed name without its parenthesised parts, in upper case")
    func groupName() {
        #expect(IngredientGroup.name(of: "Hamamelis  Virginiana (Witch Hazel)") == "HAMAMELIS VIRGINIANA")
        #expect(IngredientGroup.name(of: "c12-15") == "C12-15")
    }
}
