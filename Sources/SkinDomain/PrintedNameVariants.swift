import Foundation

/// Other ways labels print a dictionary name, tried on a name that matches nothing as printed (after the partial,
/// fuzzy and botanical-spelling look-ups, before shortened names). Each rewrite is a rule about how labels are
/// written, never a list of one file's names:
///
/// 1. **Qualifiers dropped**: a grade or origin word before the name says how the ingredient was made or sourced,
///    not what it is: `Organic Glycerin`, `Certified Organic Rosehip Oil`, `100% Pure Squalane`, `Vegetable
///    Glycerin`, `Cold Pressed`, `Extra Virgin`, `Natural`, `Bio`, also inside a parenthesised common name
///    (`Helianthus Annuus (Organic Sunflower) Seed Oil`); and water's treatment (`Filtered`, `Purified`,
///    `Deionized`, `Distilled`). Before them, a supplier's code in angle brackets (`Linalool <18941>`), a
///    conjunction left from a sentence (`and Retinyl Palmitate`) and a short capitalised marker (`CO Lavandula
///    Angustifolia Flower Extract`) are dropped (`withoutCodes(_:)`).
/// 2. **British spellings**: `Sulphate`, `Sulphite`, `Sulphur`, `Aluminium`, `Colour`, `Flavour`: INCI spells them
///    the American way (SODIUM SULFATE).
/// 3. **Fragrance and flavour declared in words**: an entry made only of fragrance or flavour words and qualifiers
///    (`Natural Fragrance`, `Fragrances of Natural Origin`, `Flavor`, `Fragrance Oil Blend`, `Organic Natural
///    Flavor`) is the label's fragrance (PARFUM) or flavour (AROMA) declaration, which is what INCI calls it. An
///    entry that names a substance (`Vanilla Fragrance`, `Fragrance of Sandalwood`) is not rewritten.
/// 4. **A common name with its Latin name in brackets**: `Borage Oil (Borago Officinalis)`, `Horsetail (Equisetum
///    Arvense) Extract`, `Mallow Extract (Malva Sylvestris)`: the Latin binomial takes the common name's place
///    before the part and type words (`BORAGO OFFICINALIS OIL`, which the shortened-name look-up may then read as
///    BORAGO OFFICINALIS SEED OIL). The bracket must hold a binomial (two or three words of letters); the rewrite
///    only counts when the dictionary has the result, as every rewrite here.
/// 5. **Other names of one substance** (``OtherNames``): colours by their American names (`Manganese Violet`),
///    vitamins by their numbers (`Vitamin B12`), retired INCI names and trade names of one substance.
/// 6. **`Essential Oil`** and **`Plant Oil`** are `Oil` in INCI (`Grapefruit Essential Oil`); a **header** before
///    a colon is no part of the name (`Preservatives: Butylene Glycol`). **Stereo descriptors** INCI leaves out: `L-Tyrosine`, `D-Limonene`, `L (+) Lactic Acid`.
/// 7. **English plant names** in the binomial's place (``OtherNames``, ``plantNameRewrites(_:)``): `Apricot
///    Kernel Oil` is PRUNUS ARMENIACA KERNEL OIL, `Corn Starch` ZEA MAYS STARCH, `(Bergamot) Peel Oil` CITRUS
///    AURANTIUM BERGAMIA PEEL OIL. A plant INCI names in several ways tries each, the most used first. Only an
///    exact match counts: `Castor Oil` may be what a shop left of `PEG-40 Hydrogenated Castor Oil`. An English
///    plant name in brackets after a binomial the dictionary lacks says which plant a misspelt or older binomial
///    means (`Avandula Angustifolia (Lavender) Oil`, `Citrus Aurantium (Bergamot) Peel Oil`).
///
/// Decoys are safe by construction: every rewrite is looked up exactly (or as a shortened name, which refuses
/// look-alikes), so a rewrite can only land on the name the label spells another way.
public enum PrintedNameVariants {
    /// The rewrites of a printed name, in the order they are tried; empty when no rule applies.
    ///
    /// ```swift
    /// PrintedNameVariants.rewrites("Organic Glycerin")            // ["Glycerin"]
    /// PrintedNameVariants.rewrites("Sodium Lauryl Sulphate")      // ["Sodium Lauryl Sulfate"]
    /// PrintedNameVariants.rewrites("Natural Fragrance")           // ["PARFUM"]
    /// PrintedNameVariants.rewrites("Borage Oil (Borago Officinalis)")   // ["Borago Officinalis Oil"]
    /// ```
    public static func rewrites(_ printedName: String) -> [String] {
        var result: [String] = []
        func add(_ candidate: String?) {
            guard let candidate, !candidate.isEmpty, candidate != printedName, !result.contains(candidate) else {
                return
            }
            result.append(candidate)
        }
        if let declared = fragranceDeclaration(printedName) {
            return [declared]
        }
        let (trimmed, unqualified, american, base) = forms(printedName)
        add(trimmed)
        add(unqualified)
        add(american)
        add(base)
        for latin in latinForCommonName(base) { add(latin) }
        add(otherName(printedName) ?? otherName(base))
        add(withoutStereoDescriptor(base))
        add(afterHeader(printedName))
        return result
    }

    /// The rewrites of a printed name that puts an English plant name in the binomial's place (rule 7), for exact
    /// look-ups only: a shortened look-up would read `castor oil`, which a shop's file may have cut from
    /// `PEG-40 Hydrogenated Castor Oil`, as castor seed oil. Empty when the name starts with no plant name.
    public static func plantNameRewrites(_ printedName: String) -> [String] {
        let base = forms(printedName).base
        return latinForEnglishPlantName(withoutStereoDescriptor(base) ?? base) + latinForBracketedPlantName(base)
    }

    /// The rewrites of a misspelt or older binomial by the English plant name in brackets after it (rule 7's
    /// last sentence) alone: Latin names, so the botanical-neighbour look-up may take them, which an English plant
    /// name in the binomial's place never gets.
    static func bracketedPlantNameRewrites(_ printedName: String) -> [String] {
        latinForBracketedPlantName(forms(printedName).base)
    }

    /// The binomials of an English plant name printed alone, with no part or type (`Lavender`, `Witch Hazel`,
    /// `Organic Chamomile`), as aromatherapy and natural brands list them: every binomial ``OtherNames`` gives the
    /// plant. Each is for the shortened-name look-up, which reads it as "one of this plant's ingredients, the label
    /// does not say which" (a group), as it reads a binomial printed alone (`Rosa Damascena`). The binomial may be
    /// printed beside it in brackets (`Lemon (Citrus Limonum)`), and a plural the table lacks is read as its
    /// singular (`Nettles`). A name with a part or a type (`Castor Oil`) is no plant name alone. Empty otherwise.
    public static func binomialsOfPlantNameAlone(_ printedName: String) -> [String] {
        // A binomial in brackets says the same plant (`Lemon (Citrus Limonum)`): the table's binomials are used,
        // the INCI's current ones.
        let name = INCIParser.splitParentheses(forms(printedName).base).outer
        guard name.count <= 40 else { return [] }
        if let binomials = OtherNames.plants[OtherNames.plantKey(name)] { return binomials }
        // A plural the table does not hold (`Nettles`).
        guard name.count > 4, name.hasSuffix("s") else { return [] }
        return OtherNames.plants[OtherNames.plantKey(name.dropLast())] ?? []
    }

    /// The name through rules 1, 2 and 6's `Essential Oil`, each step nil when it changed nothing; `base` is the
    /// last form (the printed name when no rule applied).
    private static func forms(
        _ printedName: String
    ) -> (trimmed: String?, unqualified: String?, american: String?, base: String) {
        let trimmed = withoutCodes(printedName)
        let unqualified = withoutQualifiers(trimmed ?? printedName)
        let american = americanSpelling(unqualified ?? printedName)
        let spelt = american ?? unqualified ?? trimmed ?? printedName
        return (trimmed, unqualified, american, withoutEssential(spelt) ?? spelt)
    }

    /// `Citrus Aurantium (Bergamot) Peel Oil` → [`Citrus Aurantium Bergamia Peel Oil`], `Avandula Angustifolia
    /// (Lavender) Oil` → [`Lavandula Angustifolia Oil`], `Daucus Carota (Carrot) Seed Oil` → [`Daucus Carota Sativa
    /// Seed Oil`]: a binomial the dictionary does not hold, followed by an English plant name in brackets, is
    /// replaced by the binomial ``OtherNames`` gives that plant name, when the two are close (the same genus or
    /// species word, or three edits at most): the bracket then says which plant a misspelt, shortened or older
    /// binomial means. Of several binomials for the plant, only the closest. Empty otherwise.
    static func latinForBracketedPlantName(_ name: String) -> [String] {
        guard let open = name.firstIndex(of: "("), let close = name[open...].firstIndex(of: ")") else { return [] }
        let printed = name[..<open].split(whereSeparator: \.isWhitespace).map { $0.uppercased() }
        let rest = name[name.index(after: close)...].trimmingCharacters(in: .whitespaces)
        guard (2...3).contains(printed.count), !rest.isEmpty,
            let latins = OtherNames.plants[OtherNames.plantKey(name[name.index(after: open)..<close])]
        else { return [] }
        let printedBinomial = Array(printed.prefix(2).joined(separator: " "))
        var closest: (distance: Int, latin: String)?
        for latin in latins {
            let words = latin.uppercased().split(separator: " ").map(String.init)
            guard words.count >= 2 else { continue }
            let distance = optimalStringAlignmentDistance(
                printedBinomial, Array(words.prefix(2).joined(separator: " ")), limit: 8)
            guard words[0] == printed[0] || words[1] == printed[1] || distance <= 3 else { continue }
            if closest.map({ distance < $0.distance }) ?? true { closest = (distance, latin) }
        }
        return closest.map { ["\($0.latin) \(rest)"] } ?? []
    }

    /// `Grapefruit Essential Oil` → `Grapefruit Oil`, `Sweet Almond Plant Oil` → `Sweet Almond Oil`, `Sophora
    /// Angustifolia Plant Extract`: INCI names an oil or extract without saying it is essential or from a plant;
    /// nil when the name says neither.
    static func withoutEssential(_ name: String) -> String? {
        var result = name
        for phrase in [" essential oil", " plant oil", " plant extract"] {
            guard let range = result.range(of: phrase, options: .caseInsensitive) else { continue }
            result.replaceSubrange(range, with: " " + result[range].split(separator: " ")[1])
        }
        return result == name ? nil : result
    }

    /// `Rose Anatolia: Citral`, `Preservatives: Butylene Glycol`: the name after a header a list printed before
    /// it (a fragrance component, a function); nil when there is no colon or nothing after it.
    static func afterHeader(_ name: String) -> String? {
        guard let colon = name.lastIndex(of: ":") else { return nil }
        let after = name[name.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return after.contains(where: \.isLetter) ? after : nil
    }

    // MARK: - Other names

    /// The dictionary name a whole printed name stands for (``OtherNames``): `Manganese Violet` → `CI 77742`.
    static func otherName(_ name: String) -> String? { OtherNames.names[NameKey(name)] }

    /// `Apricot Kernel Oil` → [`Prunus Armeniaca Kernel Oil`]: the English plant name at the start (also in a
    /// bracket of its own: `(Bergamot) Peel Oil`) replaced by each binomial ``OtherNames`` gives it, the longest
    /// plant name first. A word must follow the plant name (its part or type): `Witch Hazel` alone is no
    /// dictionary name. Empty when the name starts with no plant name.
    static func latinForEnglishPlantName(_ name: String) -> [String] {
        var text = Substring(name.trimmingCharacters(in: .whitespaces))
        if text.first == "(", let close = text.firstIndex(of: ")") {
            text = text[text.index(after: text.startIndex)..<close] + " " + text[text.index(after: close)...]
        }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2 else { return [] }
        for length in stride(from: min(OtherNames.longestPlantName, words.count - 1), through: 1, by: -1) {
            let plant = OtherNames.plantKey(words[..<length].joined(separator: " "))
            guard let latin = OtherNames.plants[plant] else { continue }
            let rest = words[length...].joined(separator: " ")
            return latin.map { "\($0) \(rest)" }
        }
        return []
    }

    // MARK: - Stereo descriptors

    /// The name without a leading stereo descriptor, which INCI leaves out: `L-Tyrosine` → `Tyrosine`,
    /// `D-Limonene` → `Limonene`, `DL-Alpha Tocopheryl Acetate`, `L (+) Lactic Acid`, `L(+)-Tartaric Acid`. Nil
    /// when the name has none. `D&C Red No. 7` has none: the letters must be followed by a hyphen or a sign.
    static func withoutStereoDescriptor(_ name: String) -> String? {
        var rest = Substring(name).drop(while: \.isWhitespace)
        let letters = rest.prefix(while: \.isLetter)
        guard ["d", "l", "dl"].contains(letters.lowercased()) else { return nil }
        rest = rest.dropFirst(letters.count).drop(while: \.isWhitespace)
        var signed = false
        if rest.first == "(", let close = rest.firstIndex(of: ")"),
            ["+", "-", "±", "+/-"].contains(rest[rest.index(after: rest.startIndex)..<close].filter(\.isVisible))
        {
            signed = true
            rest = rest[rest.index(after: close)...].drop(while: \.isWhitespace)
        }
        if rest.first == "-" {
            rest = rest.dropFirst().drop(while: \.isWhitespace)
        } else if !signed {
            return nil
        }
        guard rest.first?.isLetter == true else { return nil }
        return String(rest)
    }

    // MARK: - Codes and conjunctions

    /// The name without what labels put around it that is no part of it: a supplier's code in angle brackets
    /// (`Linalool <18941>`), a conjunction left from the sentence it was cut from (`and Retinyl Palmitate`,
    /// `& Glycerin`), and a short capitalised marker before a name of two or more words (`CO Lavandula
    /// Angustifolia Flower Extract`, CO for certified organic). Nil when there is none.
    static func withoutCodes(_ name: String) -> String? {
        var text = Substring(name)
        while let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            text = text[..<open] + text[text.index(after: close)...]
        }
        var words = text.split(whereSeparator: \.isWhitespace)
        if let first = words.first, words.count >= 2, ["and", "&", "+"].contains(first.lowercased()),
            words[1].first?.isUppercase == true
        {
            words.removeFirst()
        }
        if let first = words.first, words.count >= 3, (1...3).contains(first.count),
            first.allSatisfy({ $0.isUppercase && $0.isLetter }), words[1].first?.isUppercase == true,
            words[1].count > 3
        {
            words.removeFirst()
        }
        let result = words.joined(separator: " ")
        return result == name || result.isEmpty ? nil : result
    }

    // MARK: - Qualifiers

    /// Grade and origin words, lower case, longest first so that `certified organic` goes before `organic`.
    static let qualifiers: [[String]] = [
        ["certified", "organic"], ["extra", "virgin"], ["cold", "pressed"], ["cold-pressed"], ["100%", "pure"],
        ["100%", "natural"], ["100%", "organic"], ["fair", "trade"], ["organic"], ["natural"], ["pure"],
        ["vegetable"], ["virgin"], ["refined"], ["unrefined"], ["bio"], ["wildcrafted"], ["sustainable"], ["100%"],
        ["filtered"], ["purified"], ["deionized"], ["deionised"], ["demineralized"], ["demineralised"], ["distilled"],
    ]

    /// The name without leading qualifiers, at its start and at the start of each bracket; nil when it has none,
    /// or when nothing but qualifiers would be left.
    static func withoutQualifiers(_ name: String) -> String? {
        var words = name.split(whereSeparator: \.isWhitespace).map(String.init)
        var changed = false
        var index = 0
        while index < words.count {
            let atStart = index == 0 || words[index].hasPrefix("(") || words[index].hasPrefix("[")
            guard atStart else {
                index += 1
                continue
            }
            let bracket = words[index].first.map { $0 == "(" || $0 == "[" } ?? false
            var removed = 0
            while let match = qualifierLength(words, at: index, bracketed: bracket && removed == 0) {
                let nextAfter = index + match
                // Keep at least one word of the name (or of the bracket) after the qualifiers.
                guard nextAfter < words.count, !(bracket && words[nextAfter - 1].hasSuffix(")")) else { break }
                if bracket && removed == 0 {
                    let opener = String(words[index].prefix(1))
                    words.removeSubrange(index..<nextAfter)
                    words[index] = opener + words[index]
                } else {
                    words.removeSubrange(index..<nextAfter)
                }
                removed += 1
                changed = true
            }
            index += 1
        }
        return changed && !words.isEmpty ? words.joined(separator: " ") : nil
    }

    /// How many words a qualifier at `index` spans, or nil.
    private static func qualifierLength(_ words: [String], at index: Int, bracketed: Bool) -> Int? {
        for qualifier in qualifiers where index + qualifier.count <= words.count {
            let matches = qualifier.indices.allSatisfy { offset in
                var word = Substring(words[index + offset])
                if offset == 0 && bracketed { word = word.dropFirst() }
                return word.lowercased() == qualifier[offset]
            }
            if matches { return qualifier.count }
        }
        return nil
    }

    // MARK: - Spelling

    static let britishSpellings: [(british: String, american: String)] = [
        ("SULPH", "SULF"), ("ALUMINIUM", "ALUMINUM"), ("COLOUR", "COLOR"), ("FLAVOUR", "FLAVOR"),
        // The -ised forms of the INCI's -ized words (`Hydrolysed Wheat Protein`, as UK labels print it).
        ("HYDROLYSED", "HYDROLYZED"), ("POLYMERISED", "POLYMERIZED"), ("ISOMERISED", "ISOMERIZED"),
        ("DEODORISED", "DEODORIZED"), ("OXIDISED", "OXIDIZED"), ("STABILISED", "STABILIZED"),
        ("MICRONISED", "MICRONIZED"), ("GELATINISED", "GELATINIZED"),
    ]

    /// The name with British spellings made American, upper case; nil when it has none.
    static func americanSpelling(_ name: String) -> String? {
        let upper = name.uppercased()
        var rewritten = upper
        for (british, american) in britishSpellings where rewritten.contains(british) {
            rewritten = rewritten.replacingOccurrences(of: british, with: american)
        }
        return rewritten == upper ? nil : rewritten
    }

    // MARK: - Fragrance and flavour

    private static let fragranceWords: Set<String> = ["fragrance", "fragrances", "perfume", "parfum"]
    private static let flavourWords: Set<String> = ["flavor", "flavors", "flavour", "flavours", "aroma"]
    /// Words that may stand beside a fragrance word in a declaration without naming a substance.
    private static let declarationWords: Set<String> = [
        "natural", "naturally", "derived", "organic", "pure", "100%", "plant", "plant-based", "botanical", "of",
        "origin", "blend", "oil", "oils", "compound", "mixed", "nature-identical", "certified", "essential",
    ]

    /// `PARFUM` or `AROMA` for an entry made only of fragrance or flavour words and qualifiers; nil otherwise.
    static func fragranceDeclaration(_ name: String) -> String? {
        let words = name.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "/" || $0 == "*" })
        guard !words.isEmpty, words.count <= 6 else { return nil }
        var fragrance = false
        var flavour = false
        for word in words {
            let plain = String(word)
            if fragranceWords.contains(plain) {
                fragrance = true
            } else if flavourWords.contains(plain) {
                flavour = true
            } else if !declarationWords.contains(plain) {
                return nil
            }
        }
        if fragrance == flavour { return nil }
        return fragrance ? "PARFUM" : "AROMA"
    }

    // MARK: - Common names with the Latin binomial in brackets

    /// `Borage Oil (Borago Officinalis)` → [`Borago Officinalis Oil`]; `Horsetail (Equisetum Arvense) Extract` →
    /// [`Equisetum Arvense Extract`]: the binomial followed by the words after the common name, longest (most
    /// specific) tail first. Empty when the bracket holds no binomial or the name has no words outside it.
    static func latinForCommonName(_ name: String) -> [String] {
        guard let open = name.firstIndex(of: "("), let close = name[open...].firstIndex(of: ")") else { return [] }
        let inside = name[name.index(after: open)..<close].split(whereSeparator: \.isWhitespace)
        guard (2...3).contains(inside.count), inside.allSatisfy({ $0.allSatisfy(\.isLetter) }),
            inside[0].first?.isUppercase == true
        else { return [] }
        let before = name[..<open].split(whereSeparator: \.isWhitespace)
        let after = name[name.index(after: close)...].split(whereSeparator: \.isWhitespace)
        // Words after the bracket are the part and type (`Extract`); words before it after the first are too
        // (`Borage Oil`): the first word before the bracket is the common name itself.
        guard !before.isEmpty, !before.contains(where: { $0.contains("(") || $0.contains(")") }) else { return [] }
        let tail = (before.dropFirst() + after).map(String.init)
        let latin = inside.joined(separator: " ")
        var result: [String] = []
        for start in tail.indices {
            result.append(([latin] + tail[start...]).joined(separator: " "))
        }
        if tail.isEmpty { result.append(latin) }
        return result
    }
}

extension Character {
    /// Not white space: a sign in brackets may be printed with spaces (`( + )`).
    fileprivate var isVisible: Bool { !isWhitespace }
}
