import Testing

@testable import SkinDomain

@Suite("Product identity: matching one product's listings across retailers")
struct ProductIdentityTests {
    // MARK: Brands

    struct Spellings: CustomTestStringConvertible, Sendable {
        let spellings: [String]
        let key: String
        var testDescription: String { spellings.joined(separator: " / ") }
    }

    @Test(
        "a brand written three ways gives one key",
        arguments: [
            Spellings(spellings: ["Paula's Choice", "PAULA’S CHOICE", "Paulas Choice"], key: "paulas choice"),
            Spellings(spellings: ["La Roche-Posay", "LA ROCHE POSAY", "La Roche Posay®"], key: "la roche posay"),
            Spellings(spellings: ["L'Oréal Paris", "L’OREAL PARIS", "loreal paris"], key: "loreal paris"),
            Spellings(spellings: ["Dr. Jart+", "DR.JART+", "Dr Jart+"], key: "dr jart"),
            Spellings(spellings: ["e.l.f. Cosmetics", "E.L.F. COSMETICS", "elf Cosmetics"], key: "elf cosmetics"),
            Spellings(spellings: ["The Ordinary", "The Ordinary.", "THE  ORDINARY™"], key: "the ordinary"),
            Spellings(spellings: ["Estée Lauder", "ESTEE LAUDER", "Estee Lauder (R)"], key: "estee lauder"),
            Spellings(
                spellings: ["Marks & Spencer", "Marks and Spencer", "MARKS + SPENCER"], key: "marks and spencer"),
        ])
    func brandSpellings(_ testCase: Spellings) {
        for spelling in testCase.spellings {
            #expect(ProductIdentity.brandKey(spelling) == testCase.key, "\(spelling)")
        }
    }

    @Test("brands that differ keep different keys")
    func differentBrands() {
        #expect(ProductIdentity.brandKey("Kiehl's Since 1851") != ProductIdentity.brandKey("Kiehl's"))
        #expect(ProductIdentity.brandKey("Clinique") != ProductIdentity.brandKey("Clarins"))
        #expect(ProductIdentity.brandKey("") == "")
    }

    // MARK: Names

    struct Name: CustomTestStringConvertible, Sendable {
        let name: String
        var brand = "The Ordinary"
        var shade: String?
        let key: String
        var testDescription: String { "\"\(name)\" (\(brand), shade \(shade ?? "none")) → \"\(key)\"" }
    }

    @Test(
        "the brand repeated in the name is removed",
        arguments: [
            Name(name: "The Ordinary Niacinamide 10% + Zinc 1%", key: "niacinamide 10% and zinc 1%"),
            Name(name: "Niacinamide 10% + Zinc 1% by THE ORDINARY.", key: "niacinamide 10% and zinc 1% by"),
            Name(name: "Dr.Jart+ Cicapair Tiger Grass Cream", brand: "Dr. Jart+", key: "cicapair tiger grass cream"),
            Name(name: "Effaclar Duo La Roche Posay", brand: "La Roche-Posay", key: "effaclar duo"),
            // A leading part of the brand that holds a real word: retailers drop "Paris".
            Name(name: "L’Oréal Revitalift Serum", brand: "L'Oreal Paris", key: "revitalift serum"),
            // ...but not a leading "the" alone.
            Name(name: "The Body Serum", brand: "The Ordinary", key: "the body serum"),
            // A name that is only the brand keeps it rather than become empty.
            Name(name: "Vaseline 250 ml", brand: "Vaseline", key: "vaseline"),
        ])
    func brandInName(_ testCase: Name) {
        #expect(ProductIdentity.nameKey(testCase.name, brand: testCase.brand, shade: testCase.shade) == testCase.key)
    }

    @Test(
        "a measured size in the name is removed, however it is spelled",
        arguments: [
            "Hydrating Serum 30ml", "Hydrating Serum 30 mL", "Hydrating Serum 1 fl oz", "Hydrating Serum 1 fl. oz.",
            "Hydrating Serum 1.7 oz.", "Hydrating Serum 50 g", "Hydrating Serum (30 ml)", "Hydrating Serum 100ml/3.4oz",
            "Hydrating Serum - 30ml", "Hydrating Serum, 1,7 oz", "Hydrating Serum 2 x 15 ml", "Hydrating Serum 0.5 L",
            "Hydrating Serum Size: 30 ml", "Hydrating Serum Net Wt. 1.7 oz", "Hydrating Serum [50ml / 1.69 fl oz]",
            "HYDRATING SERUM 30ML", "Hydrating 30 ml Serum", "Hydrating Serum 1 Ounce",
            "Hydrating Serum 2 Fluid Ounces",
            "Hydrating Serum 30 Millilitres", "Hydrating Serum .5 oz",
        ])
    func sizeRemoved(_ name: String) {
        #expect(ProductIdentity.nameKey(name, brand: "The Ordinary", shade: nil) == "hydrating serum")
    }

    @Test(
        "words that are not a measured size stay",
        arguments: [
            Name(name: "Hydrating Serum Travel Size", key: "hydrating serum travel size"),
            Name(name: "Mini Hydrating Serum 10ml", key: "mini hydrating serum"),
            Name(name: "Glycolic Pads (60 Pads)", key: "glycolic pads 60 pads"),
            Name(name: "CBD Oil 500mg", key: "cbd oil 500 mg"),
            Name(name: "Light Weight Lotion 200ml", key: "light weight lotion"),
            Name(name: "Gel Cream 50 Gel", key: "gel cream 50 gel"),
        ])
    func notSizes(_ testCase: Name) {
        #expect(ProductIdentity.nameKey(testCase.name, brand: testCase.brand, shade: testCase.shade) == testCase.key)
    }

    @Test(
        "a shade is removed: the given text, a bracketed label, a trailing segment",
        arguments: [
            // The given shade text, anywhere as whole words.
            Name(
                name: "Fit Me 120 Classic Ivory Foundation", brand: "Maybelline", shade: "120 Classic Ivory",
                key: "fit me foundation"),
            Name(name: "Fit Me Foundation", brand: "Maybelline", shade: "120 Classic Ivory", key: "fit me foundation"),
            // A bracketed shade label, with or without a shade given.
            Name(name: "Fit Me Foundation (Shade: Ivory)", brand: "Maybelline", key: "fit me foundation"),
            Name(name: "Fit Me Foundation [Colour 02]", brand: "Maybelline", key: "fit me foundation"),
            // A trailing segment holding the shade and more, or part of it.
            Name(
                name: "Fit Me Foundation - 120 Classic Ivory", brand: "Maybelline", shade: "120",
                key: "fit me foundation"),
            Name(
                name: "Fit Me Foundation, Classic Ivory", brand: "Maybelline", shade: "Shade: 120 Classic Ivory",
                key: "fit me foundation"),
            Name(
                name: "Fit Me Foundation (Ivory 120)", brand: "Maybelline", shade: "120 Classic Ivory",
                key: "fit me foundation"),
            Name(name: "Fit Me Foundation 30ml - Shade: Ivory", brand: "Maybelline", key: "fit me foundation"),
            // A shade number that is the whole trailing word.
            Name(name: "Lip Tint 02", brand: "Peripera", shade: "02", key: "lip tint"),
        ])
    func shadeRemoved(_ testCase: Name) {
        #expect(ProductIdentity.nameKey(testCase.name, brand: testCase.brand, shade: testCase.shade) == testCase.key)
    }

    @Test(
        "what is not a shade stays",
        arguments: [
            // Without a shade given, a trailing segment is part of the name.
            Name(name: "Fit Me Foundation - Matte", brand: "Maybelline", key: "fit me foundation matte"),
            // A hyphen inside a word starts no segment (a segment "Ageing", part of the shade, would go).
            Name(name: "Cream Anti-Ageing", brand: "Nivea", shade: "Ageing Rose", key: "cream anti ageing"),
            Name(
                name: "Colour Correcting Cream (Colour Correcting)", brand: "Dr. Jart+",
                key: "colour correcting cream colour correcting"),
            // A shade that is a number never takes an SPF's number, nor a lone number mid-name.
            Name(name: "Tinted Moisturiser - SPF 30", brand: "Nars", shade: "30", key: "tinted moisturiser spf 30"),
            Name(name: "Step 2 Lip Tint", brand: "Peripera", shade: "2", key: "step 2 lip tint"),
        ])
    func notShades(_ testCase: Name) {
        #expect(ProductIdentity.nameKey(testCase.name, brand: testCase.brand, shade: testCase.shade) == testCase.key)
    }

    @Test("what makes products different stays different")
    func differencesKept() {
        func key(_ name: String) -> String { ProductIdentity.nameKey(name, brand: "La Roche-Posay", shade: nil) }
        #expect(key("Anthelios SPF 30 Fluid") != key("Anthelios SPF 50 Fluid"))
        #expect(key("Anthelios SPF30") == key("Anthelios SPF 30"))
        #expect(key("Anthelios SPF 50+ Fluid") == key("Anthelios SPF 50 Fluid"))
        #expect(key("Niacinamide 10% Serum") != key("Niacinamide 5% Serum"))
        #expect(key("Retinol 1.5% Serum") != key("Retinol 15% Serum"))
        #expect(key("Retinol 0,5 % Serum") == key("Retinol 0.5% Serum"))
        #expect(key("Toleriane Night Cream") != key("Toleriane Day Cream"))
        #expect(key("AHA + BHA Peel") == key("AHA & BHA Peel"))
    }

    @Test("a name made of letters never gives an empty key")
    func neverEmpty() {
        #expect(ProductIdentity.nameKey("Ivory", brand: "Maybelline", shade: "Ivory") == "ivory")
        // Only the step that would empty the name is skipped: the size still goes, as it does for "Ivory".
        #expect(ProductIdentity.nameKey("Ivory 30 ml", brand: "Maybelline", shade: "Ivory") == "ivory")
        #expect(ProductIdentity.nameKey("The Ordinary", brand: "The Ordinary", shade: nil) == "the ordinary")
        #expect(ProductIdentity.nameKey("30 ml", brand: "Nivea", shade: nil) == "30 ml")
        #expect(ProductIdentity.nameKey("™", brand: "Nivea", shade: nil) == "")
    }

    @Test("two retailers' listings of one product give one key")
    func keyAcrossRetailers() {
        let first = ProductIdentity.key(
            brand: "THE ORDINARY.", name: "The Ordinary Niacinamide 10% + Zinc 1% 30ml", shade: nil)
        let second = ProductIdentity.key(brand: "The Ordinary", name: "Niacinamide 10% + Zinc 1% (1 fl oz)", shade: nil)
        #expect(first == second)
        #expect(first == "the ordinary\u{1F}niacinamide 10% and zinc 1%")
    }

    // MARK: Sizes

    struct Sizes: CustomTestStringConvertible, Sendable {
        let label: String
        let first: ProductSize?
        let second: ProductSize?
        let compatible: Bool
        var testDescription: String { label }
    }

    @Test(
        "sizes are compatible when unknown or within 4 %",
        arguments: [
            Sizes(
                label: "30 ml vs 50 ml", first: .init(millilitres: 30), second: .init(millilitres: 50),
                compatible: false),
            Sizes(
                label: "1 fl oz vs 30 ml", first: ProductSize(parsing: "1 fl oz"), second: .init(millilitres: 30),
                compatible: true),
            Sizes(
                label: "3.4 fl oz vs 100 ml", first: ProductSize(parsing: "3.4 fl oz"),
                second: .init(millilitres: 100), compatible: true),
            Sizes(label: "unknown vs 30 ml", first: nil, second: .init(millilitres: 30), compatible: true),
            Sizes(label: "30 ml vs unknown", first: .init(millilitres: 30), second: nil, compatible: true),
            Sizes(label: "no figures vs 30 ml", first: .init(), second: .init(millilitres: 30), compatible: true),
            Sizes(label: "50 g vs 30 g", first: .init(grams: 50), second: .init(grams: 30), compatible: false),
            Sizes(label: "50 g vs 49 g", first: .init(grams: 50), second: .init(grams: 49), compatible: true),
            Sizes(
                label: "100 ml vs 95 ml (5 %)", first: .init(millilitres: 100), second: .init(millilitres: 95),
                compatible: false),
            Sizes(
                label: "ml only vs g only", first: .init(millilitres: 30), second: .init(grams: 50),
                compatible: true),
            Sizes(
                label: "ml agree, g differ", first: .init(millilitres: 50, grams: 50),
                second: .init(millilitres: 50, grams: 30), compatible: false),
        ])
    func sizes(_ testCase: Sizes) {
        #expect(ProductIdentity.sizesCompatible(testCase.first, testCase.second) == testCase.compatible)
        #expect(ProductIdentity.sizesCompatible(testCase.second, testCase.first) == testCase.compatible)
    }

    // MARK: Source names

    @Test(
        "a file's source name follows migration 0011's rules",
        arguments: [
            ("/data/sephora/cosmetics.csv", "cosmetics"),
            ("a.b.jsonl", "a.b"),
            (".hidden", ".hidden"),
            (".hidden.csv", ".hidden.csv"),  // SQL strips an extension only when the name does not start with a dot
            ("<stdin>", "stdin"),
            ("exports/2024:06:01.csv", "2024-06-01"),
            ("  spaced name .csv", "spaced name"),
            ("/data/folder/", "catalog"),
            (" .csv", "catalog"),
            ("", "catalog"),
            ("products", "products"),
            (String(repeating: "x", count: 70) + ".csv", String(repeating: "x", count: 64)),
            (String(repeating: "x", count: 63) + " y.csv", String(repeating: "x", count: 63)),
        ])
    func sourceName(_ path: String, _ name: String) {
        #expect(ProductIdentity.sourceName(fromFile: path) == name)
    }

    // MARK: Ingredient lists

    static let list = (1...25).map { "#\($0)" }

    @Test("two trace ingredients swapped in a 25-item list: the same product")
    func traceSwap() {
        let second = Array(Self.list.prefix(23)) + ["#90", "#91"]
        let comparison = ListComparison(Self.list, second)
        #expect(comparison.shared == Array(Self.list.prefix(23)))
        #expect(comparison.onlyInFirst == ["#24", "#25"])
        #expect(comparison.onlyInSecond == ["#90", "#91"])
        #expect(abs(comparison.similarity - 23.0 / 27.0) < 1e-12)
        #expect(comparison.verdict == .same)
        // Reordered trace ingredients are the same list.
        #expect(ListComparison(Self.list, Self.list.reversed()).similarity == 1)
    }

    @Test("half the list different: different products; a few more differences: nearly")
    func differentLists() {
        let half = Array(Self.list.prefix(13)) + (100..<112).map { "#\($0)" }
        #expect(ListComparison(Self.list, half).verdict == .different)
        let six = Array(Self.list.prefix(19)) + (100..<106).map { "#\($0)" }
        let nearly = ListComparison(Self.list, six)
        #expect(nearly.similarity < ListComparison.sameThreshold)
        #expect(nearly.verdict == .nearly)
    }

    @Test("an empty list: unknown")
    func emptyList() {
        #expect(ListComparison([], Self.list).verdict == .unknown)
        #expect(ListComparison(Self.list, []).verdict == .unknown)
        #expect(ListComparison([], []).verdict == .unknown)
        #expect(ListComparison(Self.list, []).similarity == 0)
    }

    @Test("duplicates count once")
    func duplicates() {
        let comparison = ListComparison(["#1", "#2", "#1"], ["#2", "#1", "#2", ""])
        #expect(comparison.shared == ["#1", "#2"])
        #expect(comparison.similarity == 1)
        #expect(comparison.verdict == .same)
    }

    @Test(
        "a brand with or without the words that only say where or what the company is gives one key",
        arguments: [
            ("Kiehl's Since 1851", "Ultra Facial Cream", "Kiehl's", "Kiehl's Since 1851 Ultra Facial Cream"),
            ("L'Oréal Paris", "Revitalift Laser Serum", "L'Oreal", "Revitalift Laser Serum"),
            ("Maybelline New York", "Fit Me Foundation", "Maybelline", "Maybelline New York Fit Me Foundation"),
            ("Clinique Laboratories", "Moisture Surge", "CLINIQUE", "Moisture Surge"),
        ])
    func brandSuffixes(_ first: (String, String, String, String)) {
        let one = ProductIdentity.key(brand: first.0, name: first.1, shade: nil)
        let other = ProductIdentity.key(brand: first.2, name: first.3, shade: nil)
        #expect(one == other)
    }

    @Test("a brand made of such words keeps them where they tell it apart")
    func brandSuffixesKeepTheBrand() {
        #expect(
            ProductIdentity.key(brand: "Beauty of Joseon", name: "Glow Serum", shade: nil).hasPrefix(
                "beauty of joseon\u{1F}"))
        #expect(ProductIdentity.key(brand: "Beauty", name: "Glow Serum", shade: nil).hasPrefix("beauty\u{1F}"))
        #expect(
            ProductIdentity.key(brand: "Glow Beauty", name: "Serum", shade: nil)
                != ProductIdentity.key(brand: "Glow Recipe", name: "Serum", shade: nil))
    }
}
