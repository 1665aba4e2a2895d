import Testing

@testable import SkinDomain

@Suite("Amounts in product names and claims (issue 15)")
struct NamedAmountsTests {
    /// Ids of the small dictionary the cases resolve against.
    enum Id {
        static let niacinamide: Int64 = 1
        static let zinc: Int64 = 2
        static let nmn: Int64 = 3
        static let centella: Int64 = 4
        static let fragrance: Int64 = 5
        static let alcohol: Int64 = 6
        static let cream: Int64 = 7
        static let squalane: Int64 = 8
    }

    /// A dictionary as the catalog's resolver sees it: niacinamide with its synonyms (VITAMIN B3 among them, as in
    /// the reference data), ZINC and CREAM (both CosIng INCI names), NMN, CICA for centella, FRAGRANCE, ALCOHOL.
    static func resolver(knowingZinc: Bool = true) -> IngredientResolver {
        var aliases: [NameKey: Int64] = [
            NameKey("NIACINAMIDE"): Id.niacinamide, NameKey("NICOTINAMIDE"): Id.niacinamide,
            NameKey("VITAMIN B3"): Id.niacinamide, NameKey("NMN"): Id.nmn,
            NameKey("NICOTINAMIDE MONONUCLEOTIDE"): Id.nmn, NameKey("CENTELLA ASIATICA EXTRACT"): Id.centella,
            NameKey("CICA"): Id.centella, NameKey("FRAGRANCE"): Id.fragrance, NameKey("PARFUM"): Id.fragrance,
            NameKey("ALCOHOL"): Id.alcohol, NameKey("CREAM"): Id.cream, NameKey("SQUALANE"): Id.squalane,
        ]
        if knowingZinc { aliases[NameKey("ZINC")] = Id.zinc }
        return IngredientResolver(aliases: aliases)
    }

    struct Attached: Hashable, CustomStringConvertible {
        var phrase: String
        var id: Int64?
        var ppm: Double
        var description: String { "\(phrase)=\(ppm)" }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let expected: [Attached]
        var ignored: [NamedAmountReading.IgnoredReason] = []
        var testDescription: String { name }
    }

    static func read(_ text: String, knowingZinc: Bool = true) throws -> NamedAmountReading {
        var resolver = resolver(knowingZinc: knowingZinc)
        return try NamedAmounts.read(text, resolver: &resolver)
    }

    @Test(
        "amounts attach to the ingredient next to them",
        arguments: [
            Case(
                name: "Niacinamide 10% + Zinc 1%",
                expected: [
                    Attached(phrase: "Niacinamide", id: Id.niacinamide, ppm: 100_000),
                    Attached(phrase: "Zinc", id: Id.zinc, ppm: 10_000),
                ]),
            Case(
                name: "5% Niacinamide Brightening Eye Serum",
                expected: [Attached(phrase: "Niacinamide", id: Id.niacinamide, ppm: 50_000)]),
            Case(
                name: "Niacinamide Serum 12% Plus Zinc 2%",
                expected: [
                    Attached(phrase: "Niacinamide", id: Id.niacinamide, ppm: 120_000),
                    Attached(phrase: "Zinc", id: Id.zinc, ppm: 20_000),
                ]),
            Case(name: "NMN 4000ppm", expected: [Attached(phrase: "NMN", id: Id.nmn, ppm: 4_000)]),
            Case(name: "NMN 4,000 PPM Ampoule", expected: [Attached(phrase: "NMN", id: Id.nmn, ppm: 4_000)]),
            Case(
                name: "10% Niacinamide Booster",
                expected: [Attached(phrase: "Niacinamide", id: Id.niacinamide, ppm: 100_000)]),
            Case(
                name: "The Ordinary Niacinamide 10% + Zinc 1% 30ml",
                expected: [
                    Attached(phrase: "Niacinamide", id: Id.niacinamide, ppm: 100_000),
                    Attached(phrase: "Zinc", id: Id.zinc, ppm: 10_000),
                ],
                ignored: [.size]),
            Case(
                name: "Niacinamide 10% Zinc 1% Serum for Oily Skin",
                expected: [
                    Attached(phrase: "Niacinamide", id: Id.niacinamide, ppm: 100_000),
                    Attached(phrase: "Zinc", id: Id.zinc, ppm: 10_000),
                ]),
            Case(
                name: "10% Niacinamide 1% Zinc",
                expected: [
                    Attached(phrase: "Niacinamide", id: Id.niacinamide, ppm: 100_000),
                    Attached(phrase: "Zinc", id: Id.zinc, ppm: 10_000),
                ]),
            Case(
                name: "Vitamin B3 10% Pore Serum",
                expected: [Attached(phrase: "Vitamin B3", id: Id.niacinamide, ppm: 100_000)]),
            Case(
                name: "Niacinamide (5%) Cream",
                expected: [Attached(phrase: "Niacinamide", id: Id.niacinamide, ppm: 50_000)]),
            Case(
                name: "Nicotinamide 0,5 % Toner",
                expected: [Attached(phrase: "Nicotinamide", id: Id.niacinamide, ppm: 5_000)]),
            Case(
                name: "100% Squalane",
                expected: [Attached(phrase: "Squalane", id: Id.squalane, ppm: 1_000_000)]),
        ])
    func attaches(_ testCase: Case) throws {
        let reading = try Self.read(testCase.name)
        let attached = reading.amounts.map {
            Attached(phrase: $0.phrase, id: $0.resolution.ingredientId, ppm: $0.amount.ppm)
        }
        #expect(attached == testCase.expected)
        #expect(reading.ignored.map(\.reason) == testCase.ignored)
    }

    @Test(
        "numbers that are not amounts of an ingredient attach to nothing",
        arguments: [
            Case(name: "Real Barrier 92% Gel", expected: [], ignored: [.noIngredient]),
            Case(name: "Sunscreen SPF 50 PA++++", expected: [], ignored: [.sunProtectionFactor]),
            Case(name: "Hydrating Serum 30ml", expected: [], ignored: [.size]),
            Case(name: "Night Cream 1.7 oz", expected: [], ignored: [.size]),
            Case(name: "Body Butter 50 g", expected: [], ignored: [.size]),
            Case(name: "Toner Pads 2 x 60 pads", expected: [], ignored: [.count, .count]),
            Case(name: "100% vegan face oil", expected: [], ignored: [.noIngredient]),
            Case(name: "100% Natural Glow Drops", expected: [], ignored: [.noIngredient]),
            Case(name: "0% fragrance gentle cream", expected: [], ignored: [.outOfRange]),
            Case(name: "Toner, 0% alcohol", expected: [], ignored: [.outOfRange]),
            Case(name: "Miracle 120% Serum", expected: [], ignored: [.outOfRange]),
            Case(name: "B3 10% Booster", expected: [], ignored: [.noIngredient]),
            Case(name: "5% Cream", expected: [], ignored: [.noIngredient]),
            Case(name: "3-in-1 Cleanser 24h Hydration", expected: []),
        ])
    func decoys(_ testCase: Case) throws {
        let reading = try Self.read(testCase.name)
        #expect(reading.amounts.map(\.phrase) == [])
        #expect(reading.ignored.map(\.reason) == testCase.ignored)
    }

    @Test("Real Cica 92% Gel: 92 % goes to centella through CICA, never to niacinamide, and Gel is no ingredient")
    func realCica() throws {
        let reading = try Self.read("Real Cica 92% Gel")
        #expect(reading.amounts.map(\.resolution.ingredientId) == [Id.centella])
        #expect(reading.amounts.first?.phrase == "Cica")
        #expect(reading.amounts.first?.amount.ppm == 920_000)
        // A resolver that does not know CICA leaves the number with nothing: `Gel` after it is not an ingredient.
        let unknown = try NamedAmounts.read("Real Cica 92% Gel") { phrase in
            phrase == "Niacinamide"
                ? Resolution(ingredientId: Id.niacinamide, key: NameKey(phrase), match: .exact) : nil
        }
        #expect(unknown.amounts.isEmpty)
        #expect(unknown.ignored == [.init(text: "92%", reason: .noIngredient)])
    }

    @Test("an ingredient the resolver does not know takes no amount, the known one keeps its own")
    func unknownIngredient() throws {
        let reading = try Self.read("Niacinamide 10% + Zinc 1%", knowingZinc: false)
        #expect(reading.amounts.map(\.phrase) == ["Niacinamide"])
        #expect(reading.amounts.map(\.amount.ppm) == [100_000])
        #expect(reading.ignored == [.init(text: "1%", reason: .noIngredient)])
    }

    @Test("the printed texts: the amount as written and the phrase with it")
    func printedTexts() throws {
        let reading = try Self.read("Niacinamide Serum 12% Plus Zinc 2%")
        #expect(reading.amounts.map(\.amountText) == ["12%", "2%"])
        #expect(reading.amounts.map(\.text) == ["Niacinamide Serum 12%", "Zinc 2%"])
        let after = try Self.read("5% Niacinamide Brightening Eye Serum")
        #expect(after.amounts.map(\.text) == ["5% Niacinamide"])
        let spaced = try Self.read("NMN 4,000 PPM")
        #expect(spaced.amounts.map(\.amountText) == ["4,000 PPM"])
    }

    @Test("fuzzy and shortened matches are refused in prose")
    func onlyExactMatches() throws {
        let reading = try NamedAmounts.read("Niacinamde 10%") { phrase in
            Resolution(ingredientId: Id.niacinamide, key: NameKey(phrase), match: .fuzzy)
        }
        // The closure form trusts its closure; the resolver form filters: check it with a fuzzy resolver.
        #expect(reading.amounts.count == 1)
        var fuzzy = IngredientResolver(aliases: [NameKey("PHENOXYETHANOL"): 9], fuzzy: true)
        #expect(fuzzy.resolve("Phenoxyethano").match == .fuzzy)
        let refused = try NamedAmounts.read("Phenoxyethano 1%", resolver: &fuzzy)
        #expect(refused.amounts.isEmpty)
    }
}
