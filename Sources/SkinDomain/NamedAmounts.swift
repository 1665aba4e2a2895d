import Foundation

/// Amounts stated in a product's name or claim text, attached to the ingredient they are about.
///
/// A brand that names a product `Niacinamide 10% + Zinc 1% Serum` or `5% Niacinamide Brightening Eye Serum`
/// makes a claim about its formula. The claim is weaker than an amount declared or printed on the label (source
/// ``AmountSource/named``), but it tells products apart where the label prints no amount at all. Reading it
/// means telling the ingredient amounts in a name from every other number a name carries.
///
/// **What counts as an amount.** A number followed by a concentration unit (`%`, `ppm`, `mg/g`, ... as
/// ``AmountUnit`` knows them), glued (`4000ppm`) or spaced (`10 %`), with a decimal comma or thousands separators
/// read as ``Amount`` reads them. Everything else is not an ingredient amount and is reported in
/// ``NamedAmountReading/ignored`` with its reason:
/// - sizes: `30ml`, `1.7 oz`, `1.7 fl oz`, `50 g` (``NamedAmountReading/IgnoredReason/size``);
/// - counts: `2 x`, `60 pads`, `30 capsules` (``NamedAmountReading/IgnoredReason/count``);
/// - sun protection factors: `SPF 50`, `SPF 30 PA+++` (``NamedAmountReading/IgnoredReason/sunProtectionFactor``);
/// - percentages outside `0 < x <= 100 %` (`0% fragrance`, `0% alcohol`, a free-from claim, is never an amount
///   of fragrance) (``NamedAmountReading/IgnoredReason/outOfRange``);
/// - percentages next to no ingredient: `100% vegan`, `100% natural`, `92% Gel`
///   (``NamedAmountReading/IgnoredReason/noIngredient``).
///
/// A number glued to letters belongs to that word (`B3`, `Q10`, `PEG-10`, `SPF50`): it is never an amount. A
/// percentage after such a word attaches to the whole phrase when the phrase resolves: `Vitamin B3 10%` is 10 %
/// of niacinamide because the resolver knows `VITAMIN B3` as a synonym of NIACINAMIDE (DOMAIN.md section 3);
/// `B3 10%` alone attaches to nothing, since `B3` is not a name the dictionary knows.
///
/// **Attachment.** The words of the text are split into segments at separators (`+`, `&`, `,`, `;`, `|`, `/`,
/// brackets, a spaced dash, and the words `with`, `and`, `plus`); an amount attaches only inside its own segment,
/// to an ingredient phrase directly adjacent to it, tried in this order:
/// 1. *before*: the longest run of words ending right before the number that resolves (`Niacinamide 10%`,
///    `The Ordinary Niacinamide 10%` → `Niacinamide`, `Vitamin B3 10%` → `Vitamin B3`);
/// 2. *before, across product-type words*: when the words right before the number are product-type nouns
///    (`serum`, `booster`, `cream`, `toner`, `essence`, `solution`, `concentrate`, `gel`, `lotion`, `ampoule`, ...,
///    at most three, optionally with `face`, `facial`, `eye`), the longest run of words ending before them
///    (`Niacinamide Serum 12%` → `Niacinamide`). This form only: a brand writes the ingredient, the product and
///    then the strength, never the strength before an unrelated product word and then the ingredient;
/// 3. *after*: the longest run of words starting right after the amount that resolves (`5% Niacinamide`,
///    `10% Niacinamide Booster` → `Niacinamide`). No product-type words may come in between (`5% Serum with
///    Niacinamide` attaches nothing: the `with` ends the segment anyway).
///
/// "Before" wins over "after" (`Niacinamide 10% Zinc 1%` reads as two pairs, name then amount), and a phrase
/// one amount took cannot take another (`10% Niacinamide 1% Zinc`: the 1 % finds Niacinamide taken and attaches
/// to Zinc after it). A phrase made only of product-type words never attaches (`5% Cream` is not 5 % of the
/// CosIng ingredient CREAM).
///
/// **Resolution.** A phrase is an ingredient when the resolver resolves it exactly, partially (a synonym in
/// brackets, agreeing slash alternatives) or by a renamed botanical spelling. Fuzzy matches and shortened names
/// are refused here: a product name is marketing prose, where a near miss or a name with words left out is far
/// more likely another word than a misspelt ingredient. So `Real Cica 92% Gel` attaches 92 % to `Cica` only
/// when the resolver knows `CICA` (CENTELLA ASIATICA EXTRACT in the reference data), never to niacinamide, and
/// the `Gel` after it is not an ingredient.
public enum NamedAmounts {
    /// Reads the amounts in a product name or claim text.
    ///
    /// ```swift
    /// var resolver = IngredientResolver(aliases: [NameKey("NIACINAMIDE"): 1, NameKey("ZINC"): 2])
    /// let reading = try NamedAmounts.read("Niacinamide 10% + Zinc 1% 30ml", resolver: &resolver)
    /// reading.amounts.map(\.phrase)          // ["Niacinamide", "Zinc"]
    /// reading.amounts.map(\.amount.ppm)      // [100000, 10000]
    /// reading.ignored.map(\.reason)          // [.size]
    /// ```
    /// - Parameters:
    ///   - text: a product name, or a claim (`Formulated with 5% niacinamide`).
    ///   - resolver: the dictionary look-up, as for ``ProductComposition``.
    /// - Throws: whatever the resolver throws.
    public static func read<Resolver: NameResolving>(
        _ text: String, resolver: inout Resolver
    ) throws -> NamedAmountReading {
        try read(text) { phrase in
            let resolution = try resolver.resolve(phrase)
            guard resolution.ingredientId != nil, let match = resolution.match, acceptedMatches.contains(match) else {
                return nil
            }
            return resolution
        }
    }

    /// Reads the amounts in a product name or claim text, with a look-up given as a closure: it returns the
    /// resolution of a phrase that names an ingredient, nil for any other phrase.
    ///
    /// - Throws: whatever `resolve` throws.
    public static func read(
        _ text: String, resolve: (String) throws -> Resolution?
    ) throws -> NamedAmountReading {
        let tokens = tokenize(text)
        var reading = NamedAmountReading(amounts: [], ignored: [])
        var taken = Set<Int>()  // token indexes already part of an attached phrase
        var index = 0
        while index < tokens.count {
            guard case .number(let digits, let glued) = tokens[index].kind else {
                index += 1
                continue
            }
            let unitIndex = glued == nil && index + 1 < tokens.count && tokens[index + 1].isUnitWord ? index + 1 : nil
            let unitText = glued ?? unitIndex.map { tokens[$0].text } ?? ""
            let end = unitIndex ?? index
            let printed = Self.printed(text, tokens[index], tokens[end])
            let previous = index > 0 ? tokens[index - 1].text.lowercased() : ""
            defer { index = end + 1 }
            if previous == "spf" {
                reading.ignored.append(.init(text: printed, reason: .sunProtectionFactor))
                continue
            }
            let lowerUnit = unitText.lowercased()
            if sizeUnits.contains(lowerUnit) {
                reading.ignored.append(.init(text: printed, reason: .size))
                continue
            }
            if countWords.contains(lowerUnit) {
                reading.ignored.append(.init(text: printed, reason: .count))
                continue
            }
            guard let unit = AmountUnit(label: unitText), !unitText.isEmpty else { continue }
            guard let value = AmountText.parseNumber(Substring(digits)) else { continue }
            let ppm = (value * unit.ppmFactor * 1_000_000).rounded() / 1_000_000
            guard ppm > 0, ppm <= 1_000_000 else {
                reading.ignored.append(.init(text: printed, reason: .outOfRange))
                continue
            }
            let amount = Amount(ppm: ppm, isApproximate: unit.isApproximate)
            let found =
                try phraseBefore(index, tokens, taken: taken, skippingProductWords: false, resolve)
                ?? phraseBefore(index, tokens, taken: taken, skippingProductWords: true, resolve)
                ?? phraseAfter(end, tokens, taken: taken, resolve)
            guard let found else {
                reading.ignored.append(.init(text: printed, reason: .noIngredient))
                continue
            }
            taken.formUnion(found.range)
            let phrase = Self.printed(text, tokens[found.range.lowerBound], tokens[found.range.upperBound])
            let span = Self.printed(
                text, tokens[min(found.range.lowerBound, index)], tokens[max(found.range.upperBound, end)])
            reading.amounts.append(
                NamedAmount(
                    phrase: phrase, resolution: found.resolution, amount: amount, amountText: printed, text: span))
        }
        return reading
    }

    /// The match kinds a phrase in prose may resolve with (see the type's documentation).
    static let acceptedMatches: Set<MatchKind> = [.exact, .partial, .renamed]

    /// Words that make a number a size (`30ml`, `1.7 oz`, `50 g`).
    static let sizeUnits: Set<String> = [
        "ml", "l", "cl", "dl", "g", "kg", "mg", "oz", "fl", "floz", "fl.oz", "lb", "lbs", "gr",
    ]
    /// Words that make a number a count (`2 x`, `60 pads`).
    static let countWords: Set<String> = [
        "x", "pads", "pad", "pcs", "pc", "pieces", "capsules", "caps", "sheets", "sheet", "ampoules", "masks",
        "count", "ct", "pack", "pk", "patches", "tablets", "sachets", "days", "day", "ea",
    ]
    /// Product-type nouns that may stand between an ingredient and its amount (`Niacinamide Serum 12%`).
    static let productWords: Set<String> = [
        "serum", "booster", "cream", "toner", "essence", "solution", "concentrate", "gel", "lotion", "ampoule",
        "ampule", "emulsion", "moisturiser", "moisturizer", "mist", "balm", "fluid", "drops", "treatment",
        "face", "facial", "eye", "night", "day", "formula", "complex", "mask", "cleanser", "spray",
    ]
    /// Words that end a segment: an amount never attaches across them.
    static let separatorWords: Set<String> = ["with", "and", "plus", "+", "&", "w/", "avec", "mit", "und"]

    // MARK: Tokens

    struct Token {
        enum Kind {
            /// A number; `glued` is the unit written against it (`ppm` in `4000ppm`, `ml` in `30ml`).
            case number(digits: String, glued: String?)
            case word
            case separator
        }
        var kind: Kind
        var text: String
        var range: Range<String.Index>

        var isUnitWord: Bool {
            guard case .word = kind else { return false }
            let lower = text.lowercased()
            return AmountUnit(label: text) != nil || NamedAmounts.sizeUnits.contains(lower)
                || NamedAmounts.countWords.contains(lower)
        }
        var isWord: Bool {
            if case .word = kind { return !NamedAmounts.separatorWords.contains(text.lowercased()) }
            return false
        }
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        let separators: Set<Character> = ["+", "&", ",", ";", "|", "/", "(", ")", "[", "]", "{", "}", ":", "•", "·"]
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
                continue
            }
            // A dash with a space on either side separates (`Niacinamide 10% - Serum`); inside a word it joins.
            if separators.contains(character)
                || ((character == "-" || character == "–" || character == "—")
                    && (index == text.startIndex || text[text.index(before: index)].isWhitespace))
            {
                // `1,000ppm`, `0,4 %`: a comma or dot between digits belongs to the number (handled below).
                let next = text.index(after: index)
                tokens.append(Token(kind: .separator, text: String(character), range: index..<next))
                index = next
                continue
            }
            var end = index
            while end < text.endIndex {
                let current = text[end]
                if current.isWhitespace { break }
                if separators.contains(current) {
                    // Keep `,` and `.` between two digits inside the token (`4,000ppm`, `0,4%`).
                    let after = text.index(after: end)
                    let digitBefore = end > index && text[text.index(before: end)].isNumber
                    let digitAfter = after < text.endIndex && text[after].isNumber
                    if current == "," && digitBefore && digitAfter { end = after; continue }
                    if current == "/" && end > index {  // `mg/g`, `fl.oz/50ml` stays with the unit it ends
                        let word = text[index..<end].lowercased()
                        if word.hasSuffix("mg") || word.hasSuffix("ug") || word.hasSuffix("µg") {
                            end = after; continue
                        }
                    }
                    break
                }
                end = text.index(after: end)
            }
            let word = String(text[index..<end])
            tokens.append(Token(kind: classify(word), text: word, range: index..<end))
            index = end
        }
        // `Niacinamide (10%)`: brackets around an amount alone do not separate it from its name.
        var cleaned: [Token] = []
        for (offset, token) in tokens.enumerated() {
            if token.text == "(" || token.text == ")" {
                let amountInside: Bool
                if token.text == "(" {
                    amountInside = isBracketedAmount(tokens, open: offset)
                } else {
                    amountInside =
                        offset >= 2 && isBracketedAmount(tokens, open: offset - 2)
                        || offset >= 3 && isBracketedAmount(tokens, open: offset - 3)
                }
                if amountInside { continue }
            }
            cleaned.append(token)
        }
        return cleaned
    }

    private static func isBracketedAmount(_ tokens: [Token], open: Int) -> Bool {
        guard open >= 0, open < tokens.count, tokens[open].text == "(", open + 2 < tokens.count,
            case .number(_, let glued) = tokens[open + 1].kind
        else { return false }
        if glued != nil { return tokens[open + 2].text == ")" }
        return tokens[open + 2].isUnitWord && open + 3 < tokens.count && tokens[open + 3].text == ")"
    }

    /// `10%` → number 10 with unit `%`; `4,000ppm` → 4,000 ppm; `30ml` → 30 ml; `B3`, `PEG-10` → a word.
    private static func classify(_ word: String) -> Token.Kind {
        guard let first = word.first, first.isASCII, first.isNumber || first == "." else { return .word }
        var digitsEnd = word.startIndex
        while digitsEnd < word.endIndex {
            let character = word[digitsEnd]
            guard character.isASCII, character.isNumber || character == "." || character == "," else { break }
            digitsEnd = word.index(after: digitsEnd)
        }
        var digits = word[..<digitsEnd]
        while let last = digits.last, last == "." || last == "," { digits = digits.dropLast() }
        guard digits.contains(where: \.isNumber) else { return .word }
        let rest = word[digits.endIndex...].trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if rest.isEmpty { return .number(digits: String(digits), glued: nil) }
        let normalised = rest.replacingOccurrences(of: "％", with: "%")
        guard
            AmountUnit(label: normalised) != nil || sizeUnits.contains(normalised.lowercased())
                || countWords.contains(normalised.lowercased())
        else { return .word }  // `3-in-1`, `24h`, `2nd`: not an amount of anything
        return .number(digits: String(digits), glued: normalised)
    }

    // MARK: Attachment

    private struct Found {
        var range: ClosedRange<Int>
        var resolution: Resolution
    }

    private static func phraseBefore(
        _ numberIndex: Int, _ tokens: [Token], taken: Set<Int>, skippingProductWords: Bool,
        _ resolve: (String) throws -> Resolution?
    ) throws -> Found? {
        var last = numberIndex - 1
        if skippingProductWords {
            var skipped = 0
            while last >= 0, tokens[last].isWord, productWords.contains(tokens[last].text.lowercased()), skipped < 3 {
                last -= 1
                skipped += 1
            }
            guard skipped > 0 else { return nil }
        }
        guard last >= 0, tokens[last].isWord, !taken.contains(last) else { return nil }
        var first = last
        while first > 0, tokens[first - 1].isWord, !taken.contains(first - 1), last - first < 5 { first -= 1 }
        for start in first...last {  // longest first
            if let resolution = try resolvePhrase(tokens, start...last, resolve) {
                return Found(range: start...last, resolution: resolution)
            }
        }
        return nil
    }

    private static func phraseAfter(
        _ amountEnd: Int, _ tokens: [Token], taken: Set<Int>, _ resolve: (String) throws -> Resolution?
    ) throws -> Found? {
        let first = amountEnd + 1
        guard first < tokens.count, tokens[first].isWord, !taken.contains(first) else { return nil }
        var last = first
        while last + 1 < tokens.count, tokens[last + 1].isWord, !taken.contains(last + 1), last - first < 5 {
            last += 1
        }
        for end in stride(from: last, through: first, by: -1) {  // longest first
            if let resolution = try resolvePhrase(tokens, first...end, resolve) {
                return Found(range: first...end, resolution: resolution)
            }
        }
        return nil
    }

    private static func resolvePhrase(
        _ tokens: [Token], _ range: ClosedRange<Int>, _ resolve: (String) throws -> Resolution?
    ) throws -> Resolution? {
        let words = range.map { tokens[$0].text }
        if words.allSatisfy({ productWords.contains($0.lowercased()) }) { return nil }
        return try resolve(words.joined(separator: " "))
    }

    private static func printed(_ text: String, _ first: Token, _ last: Token) -> String {
        String(text[first.range.lowerBound..<last.range.upperBound])
    }
}

/// An amount read from a product name or claim, attached to an ingredient.
public struct NamedAmount: Hashable, Sendable {
    /// The ingredient phrase as printed (`Niacinamide`, `Vitamin B3`).
    public var phrase: String
    /// What the phrase resolved to (an ingredient id, exactly or partially matched).
    public var resolution: Resolution
    /// The amount in ppm.
    public var amount: Amount
    /// The amount as printed (`10%`, `4000ppm`, `0,5 %`).
    public var amountText: String
    /// The phrase and the amount together as printed (`Niacinamide 10%`, `5% Niacinamide`,
    /// `Niacinamide Serum 12%`).
    public var text: String

    /// A named amount; each argument sets the property of the same name.
    public init(phrase: String, resolution: Resolution, amount: Amount, amountText: String, text: String) {
        self.phrase = phrase
        self.resolution = resolution
        self.amount = amount
        self.amountText = amountText
        self.text = text
    }
}

/// What ``NamedAmounts/read(_:resolver:)`` found in one text: the attached amounts and the numbers set aside.
public struct NamedAmountReading: Hashable, Sendable {
    /// The amounts attached to an ingredient, in the order they appear.
    public var amounts: [NamedAmount]
    /// The numbers that look like amounts but are not amounts of an ingredient, with the reason.
    public var ignored: [Ignored]

    /// A reading; each argument sets the property of the same name.
    public init(amounts: [NamedAmount], ignored: [Ignored]) {
        self.amounts = amounts
        self.ignored = ignored
    }

    /// A number set aside.
    public struct Ignored: Hashable, Sendable {
        /// The number and its unit as printed (`30ml`, `SPF 50` shows as `50`, `100%`).
        public var text: String
        /// Why it is not an ingredient amount.
        public var reason: IgnoredReason

        /// A number set aside; each argument sets the property of the same name.
        public init(text: String, reason: IgnoredReason) {
            self.text = text
            self.reason = reason
        }
    }

    /// Why a number is not an ingredient amount.
    public enum IgnoredReason: String, Hashable, Sendable, CaseIterable {
        /// A pack size (`30ml`, `1.7 oz`, `50 g`).
        case size
        /// A count (`2 x`, `60 pads`).
        case count
        /// A sun protection factor (`SPF 50`).
        case sunProtectionFactor
        /// A concentration outside `0 < x <= 100 %` (`0% alcohol`, a free-from claim).
        case outOfRange
        /// A concentration next to no ingredient the dictionary knows (`100% vegan`, `92% Gel`).
        case noIngredient
    }
}
