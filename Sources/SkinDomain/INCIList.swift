import Foundation

/// One ingredient as printed in an INCI list.
public struct INCIEntry: Hashable, Sendable, Codable {
    /// The name as printed, without an amount that followed it (`Niacinamide` from `Niacinamide (5%)`).
    public var printedName: String
    /// 1-based place in the list; nil for entries of a "may contain" section, which sit outside position logic.
    public var position: Int?
    /// An amount printed next to the name inside the list.
    public var amount: Amount?
    /// The amount's text as printed (`5%`).
    public var amountText: String?
    /// True for entries of a `May contain` / `[+/-]` section (usually colourants).
    public var mayContain: Bool
    /// Which list of a kit the entry belongs to (0 for a product with one list): each component's list is in
    /// descending order on its own, so order says nothing across components.
    public var component: Int

    /// An entry; each argument sets the property of the same name.
    public init(
        printedName: String, position: Int?, amount: Amount? = nil, amountText: String? = nil,
        mayContain: Bool = false, component: Int = 0
    ) {
        self.printedName = printedName
        self.position = position
        self.amount = amount
        self.amountText = amountText
        self.mayContain = mayContain
        self.component = component
    }

    /// The names this entry may be looked up under, most specific first: the whole name, the name without its
    /// parenthesised parts (`Parfum (Fragrance)` → `Parfum`), then each parenthesised part (`Fragrance`).
    /// Slash alternatives (`Aqua/Water/Eau`) are handled by the resolver, which requires every part to agree.
    public var lookupNames: [String] {
        var names = [printedName]
        let (outer, inner) = INCIParser.splitParentheses(printedName)
        if !outer.isEmpty && outer != printedName { names.append(outer) }
        names.append(contentsOf: inner.filter { !$0.isEmpty })
        return names
    }
}

/// An INCI list parsed by DOMAIN.md section 3's rules.
public struct INCIList: Hashable, Sendable {
    /// The listed ingredients, in printed order, followed by the "may contain" entries.
    public var entries: [INCIEntry]
    /// Text of the ingredients field that is not part of the list, in order: marketing prose before it,
    /// disclaimers after it, kit component names (`Beste No.9 Jelly Cleanser:`). Kept, never parsed as names.
    public var setAside: [String]

    /// A parsed list; each argument sets the property of the same name.
    public init(entries: [INCIEntry], setAside: [String] = []) {
        self.entries = entries
        self.setAside = setAside
    }
}

/// Parses the ingredient list printed on a label.
///
/// The rules (DOMAIN.md section 3):
/// 1. Entries are separated by commas (also full-width and ideographic commas), semicolons, bullets, middle dots
///    and line breaks, never inside parentheses or brackets; an opening bracket that nothing closes is a typo and
///    encloses nothing (`Stellaria Media (Chickweed( Extract, Malt Extract` is two entries).
/// 2. A comma between two digits is part of a chemical name (`1,2-Hexanediol`, `Toluene-2,5-Diamine`).
/// 3. Slashes and parentheses stay inside an entry (`Aqua/Water/Eau`, `Parfum (Fragrance)`,
///    `Caprylic/Capric Triglyceride`); the resolver decides what they mean.
/// 4. A leading header (`Ingredients:`, `INCI:`) is dropped.
/// 5. A `May contain` or `[+/-]` section goes to separate entries without positions.
/// 6. An amount inside the list (`Niacinamide 5%`, `Sodium Fluoride (1450 ppm)`) is taken out of the name.
/// 7. A Python-list literal (`['water', 'glycerin']`) is read as its elements.
///
/// ```swift
/// let list = try INCIParser.parse("Aqua, Niacinamide (5%), 1,2-Hexanediol. May contain: CI 77891")
/// list.entries.map(\.printedName)   // ["Aqua", "Niacinamide", "1,2-Hexanediol", "CI 77891"]
/// ```
public enum INCIParser {
    /// Bumped when parsing changes what a field yields, so a re-import re-parses unchanged rows.
    public static let version = 8

    /// Parses the text of an ingredients field into entries in printed order, setting aside what is not a name.
    ///
    /// - Throws: ``AmountError`` when an amount printed in the list is negative or above 100 %.
    public static func parse(_ text: String) throws(AmountError) -> INCIList {
        var body = Substring(text).trimmingWhitespace()
        body = dropHeader(body)
        if let elements = pythonListElements(body) {
            let entries = elements.enumerated().map { INCIEntry(printedName: $1, position: $0 + 1) }
            return INCIList(entries: entries)
        }
        var setAside: [String] = []
        var components = [body]
        if mayHoldProse(body) {
            let separated = separateProse(String(body))
            setAside = separated.setAside
            components = separated.components.map { dropHeader(Substring($0).trimmingWhitespace()) }
        }
        var entries: [INCIEntry] = []
        var mayContainEntries: [INCIEntry] = []
        var position = 0
        // A footnote glued to an entry after an asterisk (`Phenoxyethanol * Essential Oil`) needs one: one pass
        // over the row's bytes, not one per entry.
        // and so does a drug-facts purpose after an amount (`Avobenzone 3% Sunscreen`).
        var starred = false
        var percent = false
        for byte in body.utf8 where byte == UInt8(ascii: "*") || byte == UInt8(ascii: "%") {
            if byte == UInt8(ascii: "*") { starred = true } else { percent = true }
        }
        for (component, text) in components.enumerated() {
            let (main, mayContain) = splitMayContain(text)
            var freeFromList = false
            for entryText in splitEntries(main) {
                guard var item = nameLeft(entryText, freeFromList: &freeFromList, setAside: &setAside) else {
                    continue
                }
                if starred, let (name, note) = splitGluedFootnote(item) {
                    setAside.append(String(note))
                    item = name
                }
                if percent, let (active, purpose) = splitPurpose(item) {
                    setAside.append(String(purpose))
                    item = active
                }
                var listed = try entry(from: item, position: position + 1, mayContain: false)
                // Nothing left once the amount and the trailing `:`, `-`, `=` are taken out (`=`, `(5%)`), or no
                // letter (`1%`, a lot number `2209`): no name.
                if !listed.printedName.contains(where: \.isLetter) {
                    setAside.append(String(item))
                    continue
                }
                position += 1
                listed.component = component
                entries.append(listed)
            }
            for item in mayContain.map(splitEntries) ?? [] {
                var listed = try entry(from: item, position: nil, mayContain: true)
                if listed.printedName.isEmpty {
                    setAside.append(String(item))
                    continue
                }
                listed.component = component
                mayContainEntries.append(listed)
            }
        }
        return INCIList(entries: entries + mayContainEntries, setAside: setAside)
    }

    private static let footnotes: Set<String> = [
        "organic", "certified organic", "certified organic ingredient", "certified organic ingredients",
        "organic ingredient", "organic ingredients", "plant origin", "of plant origin", "natural origin",
        "of natural origin", "natural", "naturally derived", "essential oil", "essential oils", "fair trade",
        "wildcrafted", "ecocert", "cosmos certified", "from organic farming", "organically grown",
        "ingredients from organic farming", "biologique", "bio",
    ]

    /// A footnote of the list, not an ingredient: `*Certified Organic`, `Plant origin`, `Essential Oil`.
    static func isFootnote(_ item: Substring) -> Bool {
        guard item.utf8.count <= 48 else { return false }
        var trimmed = item
        if let head = item.utf8.first, let tail = item.utf8.last, isPlainEnd(head) && isPlainEnd(tail) {
            // No marker at either end.
        } else {
            while let first = trimmed.first, footnoteMarkers.contains(first) { trimmed = trimmed.dropFirst() }
            while let last = trimmed.last, footnoteMarkers.contains(last) { trimmed = trimmed.dropLast() }
        }
        // The footnotes are ASCII: a name of another length cannot be one, and needs no lower-cased copy.
        guard footnoteLengths.contains(trimmed.utf8.count) else { return false }
        return footnotes.contains(trimmed.lowercased())
    }

    private static let footnoteMarkers: Set<Character> = ["*", "†", "‡", "+", "^", " ", "."]

    /// `Phenoxyethanol * Essential Oil` → (`Phenoxyethanol`, `* Essential Oil`): an entry that runs into a footnote
    /// after an asterisk; nil when the text after the asterisk is not a footnote (``isFootnote(_:)``).
    static func splitGluedFootnote(_ item: Substring) -> (Substring, Substring)? {
        guard let star = item.dropFirst().firstIndex(of: "*") else { return nil }
        let name = cleanEntry(item[..<star])
        let note = item[star...]
        guard !name.isEmpty, isFootnote(note) else { return nil }
        return (name, note)
    }

    /// `Avobenzone 3% Sunscreen` → (`Avobenzone 3%`, `Sunscreen`): a drug-facts active printed with its purpose.
    static func splitPurpose(_ item: Substring) -> (Substring, Substring)? {
        guard let percent = item.lastIndex(of: "%") else { return nil }
        // `Octisalate 4.5%: Sunscreens`, `Avobenzone 3% - Sunscreen`.
        let purpose = item[item.index(after: percent)...].drop { $0 == ":" || $0 == "-" || $0 == " " }
            .trimmingWhitespace()
        guard !purpose.isEmpty, purposes.contains(purpose.lowercased()) else { return nil }
        return (item[...percent], purpose)
    }

    /// A claim about how natural or organic the product is, printed in the list (`99% natural origin of total`,
    /// `95% organic of total`, `100% naturally derived`): set aside, never a name.
    static func isNaturalnessClaim(_ item: Substring) -> Bool {
        guard let first = item.utf8.first, first >= 0x30 && first <= 0x39, item.contains("%") else { return false }
        let lowered = item.lowercased()
        // `100% Natural Fragrance` and `100% Organic Argan Oil` are names with a claim: they stay.
        return ["total", "origin", "derived", "naturally", "natural source"].contains {
            lowered.contains($0)
        }
    }
    private static let footnoteLengths = Set(footnotes.map(\.utf8.count))

    /// What a product does, printed among the names by a list that interleaves benefits (`Niacinamide: Hydrates`
    /// split at its comma, `Soothes skin`, `Help calm and soothe skin`, `An antioxidant`): an entry that opens with
    /// a benefit verb (``claimVerbs``) or with an article followed by a lower-case word, holds at most eight words
    /// and no digit, bracket or slash. No INCI name begins with one of these words; a name that merely contains
    /// one (`Soothing Complex`, `Vitamin A`) is untouched. Capitalised words after the claim's last lower-case
    /// word are a name the claim ran into (`soothe and protect skin Water` keeps `Water`): the claim and that name,
    /// or the claim and nil; nil when the entry is no claim. A free-from claim (`Gluten-free`, `Free of parabens`)
    /// is one too, and one glued after a name (`Tocopherol Free of parabens`) leaves the name.
    static func splitClaimPhrase(_ item: Substring) -> (claim: Substring, name: Substring?)? {
        guard let first = item.utf8.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A, item.utf8.count <= 80
        else { return nil }
        for byte in item.utf8 {
            switch byte {
            case 0x30...0x39, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "/"): return nil
            default: continue
            }
        }
        let words = item.split(separator: " ", omittingEmptySubsequences: true)
        guard let head = words.first, words.count <= 8, head.utf8.count <= 14 else { return nil }
        if let freeFrom = freeFromClaim(item, words: words) { return freeFrom }
        let lowered = head.lowercased()
        let article = articles.contains(lowered) && words.count >= 2 && words[1].first?.isLowercase == true
        guard article || claimVerbs.contains(lowered) else { return nil }
        guard let lastLower = words.lastIndex(where: { $0.first?.isLowercase == true }), lastLower > 0,
            lastLower < words.count - 1
        else { return (item, nil) }
        let name = item[words[lastLower + 1].startIndex...]
        return (item[..<words[lastLower].endIndex], name)
    }

    /// A sentence printed among the names (`Honey sourced from the Mirsalehi Bee Garden`, `A powerful humectant
    /// that attracts and retains moisture`, `Before using a Benefit Cosmetics product`): four words or more, at
    /// least two of them English function words (``functionWords``: articles, pronouns, prepositions, `that`,
    /// `helps`), and at least one in four; or, after a footnote marker, three words with one (`*Ingredient from
    /// Organic Farming`; the marker is seen where the parser keeps it). `and`, `of` and `or` count only beside another one, since names hold them (`Oil of
    /// Cloves`, `Sodium Lauroamphoacetate and Sodium Trideceth Sulfate`). As for a claim, capitalised words after
    /// the sentence's last lower-case word are a name it ran into. Nil when the entry is no sentence.
    static func splitSentence(_ item: Substring) -> (claim: Substring, name: Substring?)? {
        guard item.utf8.count >= 12, item.utf8.count <= 300 else { return nil }
        let words = item.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 3 else { return nil }
        var function = 0
        var strong = 0
        var depth = 0
        for (index, word) in words.enumerated() {
            let opened = word.filter { $0 == "(" || $0 == "[" }.count
            let closed = word.filter { $0 == ")" || $0 == "]" }.count
            defer { depth = max(0, depth + opened - closed) }
            // Words in brackets are a name's own (`Butea Monosperma (Flame of the Forest) Flower Extract`); a
            // capital `A` is the article only first (`Vitamins A and E` is no sentence).
            if depth > 0 || opened > 0 || (word == "A" && index > 0) { continue }
            // Most words are too long to be one: no lower-cased copy for them.
            guard word.utf8.count <= longestFunctionWord + 2 else { continue }
            let plain = word.lowercased().trimmingCharacters(in: CharacterSet.letters.inverted)
            guard functionWords.contains(plain) else { continue }
            function += 1
            if !["and", "of", "or"].contains(plain) { strong += 1 }
        }
        let marked = item.first.map { ["*", "†", "‡", "^"].contains($0) } ?? false
        let sentence =
            strong >= 1
            && ((words.count >= 4 && function >= 2 && function * 4 >= words.count) || (marked && function >= 1))
        guard sentence else { return nil }
        // The capitalised words after an article or a preposition are the sentence's own (`from the Mirsalehi
        // Bee Garden`); after any other word, a name the sentence ran into (`that helps hydrate Avobenzone`).
        guard let lastLower = words.lastIndex(where: { $0.first?.isLowercase == true }), lastLower >= 2,
            lastLower < words.count - 1, !functionWords.contains(words[lastLower].lowercased())
        else { return (item, nil) }
        return (item[..<words[lastLower].endIndex], item[words[lastLower + 1].startIndex...])
    }

    /// A highlighted ingredient and its claim printed among the names without a bullet or a full stop
    /// (`Matrixyl 3000™ Peptide: Plumps`, `... Bark Extract: Signs of under-eye skin fatigue appear reduced Water`):
    /// the text after a colon opens with a benefit verb (``claimVerbs``), or it has four words or more, opens with
    /// a capital, has lower-case words for at least half of them and a word of prose (`skin`, `the`, `helps`). As
    /// for a claim, capitalised words after the last lower-case word are a name the claim ran into. Nil when the
    /// entry is no such claim; a header before a list (`Preservatives: Butylene Glycol`) never is one.
    static func splitColonClaim(_ item: Substring) -> (claim: Substring, name: Substring?)? {
        guard item.utf8.contains(UInt8(ascii: ":")), let colon = item.firstIndex(of: ":") else { return nil }
        let after = item[item.index(after: colon)...]
        let words = after.split(separator: " ", omittingEmptySubsequences: true)
        guard let opener = words.first, opener.first?.isUppercase == true else { return nil }
        let plain = words.map { $0.lowercased().trimmingCharacters(in: CharacterSet.letters.inverted) }
        var claim = claimVerbs.contains(plain[0])
        if !claim && words.count >= 4 {
            let lower = words.filter { $0.first?.isLowercase == true }.count
            let prose = plain.contains {
                $0 == "skin" || (functionWords.contains($0) && !["and", "of", "or"].contains($0))
            }
            claim = lower * 2 >= words.count && prose
        }
        guard claim else { return nil }
        guard let lastLower = words.lastIndex(where: { $0.first?.isLowercase == true }), lastLower < words.count - 1
        else { return (item, nil) }
        return (item[..<words[lastLower].endIndex], item[words[lastLower + 1].startIndex...])
    }

    /// The longest of ``functionWords`` (`against`); a word with a bracket or stop around it is two bytes longer.
    static let longestFunctionWord = 7

    /// English words no INCI name is made of, lower case.
    static let functionWords: Set<String> = [
        "a", "an", "the", "that", "which", "who", "for", "with", "from", "to", "in", "on", "at", "your", "you",
        "our", "its", "is", "are", "was", "be", "by", "this", "these", "it", "as", "into", "across", "against",
        "before", "after", "using", "helps", "help", "while", "than", "per", "can", "may", "will", "all", "we",
        "and", "of", "or",
    ]

    /// A free-from claim (`Gluten-free`, `cruelty-free`, `Free of essential oils`) is all claim; one glued to a
    /// name (`Tocopherol Free of parabens`) leaves the name.
    private static func freeFromClaim(_ item: Substring, words: [Substring]) -> (claim: Substring, name: Substring?)? {
        if words.count <= 3, let last = words.last, last.lowercased().hasSuffix("-free") { return (item, nil) }
        for index in words.indices.dropLast() where words[index].lowercased() == "free" {
            let next = words[index + 1].lowercased()
            guard next == "of" || next == "from" else { continue }
            if index == 0 { return (item, nil) }
            return (item[words[index].startIndex...], item[..<words[index - 1].endIndex])
        }
        return nil
    }

    /// What is left of an entry once footnotes, naturalness, benefit and free-from claims are set aside (nil when
    /// nothing is). The things a free-from claim lists (`... do not contain: parabens, phthalates, PEG's`) run on
    /// until an entry that starts like a name (`Water`); `freeFromList` carries that from one entry to the next.
    private static func nameLeft(
        _ item: Substring, freeFromList: inout Bool, setAside: inout [String]
    ) -> Substring? {
        if freeFromList {
            if !startsLikeName(item) {
                setAside.append(String(item))
                return nil
            }
            freeFromList = false
        }
        if isFootnote(item) || isNaturalnessClaim(item) {
            setAside.append(String(item))
            return nil
        }
        if let (claim, name) = splitClaimPhrase(item) ?? splitSentence(item) ?? splitColonClaim(item) {
            setAside.append(String(claim))
            freeFromList = opensFreeFromList(claim)
            // The name a sentence ran into may carry a claim of its own (`... and de-puff Matrixyl Peptide: Plumps`).
            if let name, let (second, rest) = splitColonClaim(name) {
                setAside.append(String(second))
                return rest
            }
            return name
        }
        if opensFreeFromList(item) {
            setAside.append(String(item))
            freeFromList = true
            return nil
        }
        return item
    }

    /// An entry that opens a list of what the product is free of: `free of`, `free from`, `does not contain`,
    /// `do not contain`, `formulated without`, `contains no`, in lower case after its first letter (a sentence,
    /// not a name).
    static func opensFreeFromList(_ item: Substring) -> Bool {
        guard item.utf8.count >= 7, item.utf8.count <= 200 else { return false }
        let lowered = item.lowercased()
        return ["free of", "free from", "does not contain", "do not contain", "formulated without", "contains no"]
            .contains { lowered.contains($0) }
    }

    /// Whether an entry starts like an ingredient name: a capital followed by a lower-case letter (`Water`,
    /// `Sodium Chloride`), a digit (`1,2-Hexanediol`), or a colour index; not a lower-case word (`phthalates`) or
    /// an abbreviation (`PEG's`, `SLS`).
    static func startsLikeName(_ item: Substring) -> Bool {
        let trimmed = item.drop(while: { $0 == " " || $0 == "*" })
        guard let first = trimmed.first else { return false }
        if first.isNumber || trimmed.hasPrefix("CI ") { return true }
        guard first.isUppercase, let second = trimmed.dropFirst().first else { return false }
        return second.isLowercase
    }

    /// Benefit verbs as retailers print them after an ingredient (third person and imperative), lower case.
    static let claimVerbs: Set<String> = [
        "hydrates", "hydrate", "nourishes", "nourish", "softens", "soften", "smooths", "smoothes", "soothes",
        "soothe", "moisturizes", "moisturises", "moisturize", "moisturise", "calms", "helps", "help", "detoxifies",
        "exfoliates", "exfoliate", "firms", "plumps", "plump", "brightens", "brighten", "protects", "delivers",
        "deliver", "reduces", "reduce", "improves", "improve", "enhances", "balances", "refines", "repairs",
        "restores", "strengthens", "revitalizes", "revitalises", "purifies", "cleanses", "clarifies", "energizes",
        "energises", "boosts", "supports", "minimizes", "minimises", "visibly", "provides", "promotes",
        "prevents", "fights", "targets", "tightens", "lifts", "illuminates", "removes", "absorbs",
        "replenishes", "renews", "regenerates", "rejuvenates", "diminishes", "defends", "shields", "evens",
        "unclogs", "mattifies", "comforts", "cools", "refreshes", "awakens", "depuffs", "de-puffs",
    ]
    private static let articles: Set<String> = ["a", "an", "the", "this", "these", "our", "your", "its", "it"]

    /// A cheap test that skips the prose pass for plain lists: a colon, a line break, a sentence end inside the
    /// text (`. ` or a full stop glued to a capital, `Phenoxyethanol.Please`), an amount the next name follows
    /// without a comma (`5.0%Water`, `3% -Octinoxate`, `7.5% Water`),
    /// `please` (a disclaimer glued to the last name: `Phenoxyethanol Please be aware ...`), or `ingredient`
    /// past the start (a drug-facts section header without a colon: `Inactive Ingredients Water, ...`).
    static func mayHoldProse(_ text: Substring) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        var please = 0  // how many letters of "please" have just been seen
        let word = Array("please".utf8)
        var ingredient = 0  // the same for "ingredient"
        let section = Array("ingredient".utf8)
        var offset = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: ":"), 0x0A, 0x0D, UInt8(ascii: "!"), UInt8(ascii: "?"): return true
            case UInt8(ascii: " ") where previous == UInt8(ascii: "."): return true
            default:
                if (previous == UInt8(ascii: "%") || previous == UInt8(ascii: ".")) && byte >= 0x41 && byte <= 0x5A {
                    return true
                }
                // `Avobenzone 3% -Octinoxate 7.5% Water`: an amount the next name follows without a comma.
                if beforePrevious == UInt8(ascii: "%") && previous == UInt8(ascii: " ")
                    && (byte == UInt8(ascii: "-") || (byte >= 0x41 && byte <= 0x5A))
                {
                    return true
                }
            }
            let lowered = byte | 0x20
            please = lowered == word[please] ? please + 1 : (lowered == word[0] ? 1 : 0)
            if please == word.count { return true }
            ingredient = lowered == section[ingredient] ? ingredient + 1 : (lowered == section[0] ? 1 : 0)
            if ingredient == section.count {
                if offset >= section.count { return true }
                ingredient = 0
            }
            beforePrevious = previous
            previous = byte
            offset += 1
        }
        return false
    }

    // MARK: - Rules

    private static let headers = [
        "ingredients:", "ingredient:", "inci:", "inci list:", "full ingredients:",
        "full ingredient list:", "full ingredients list:", "ingredients list:",
    ]

    static func dropHeader(_ text: Substring) -> Substring {
        let lowered = text.prefix(32).lowercased()
        for header in headers where lowered.hasPrefix(header) {
            return text.dropFirst(header.count).trimmingWhitespace()
        }
        return text
    }

    private static let mayContainMarkers = [
        "may contain:", "may contain", "[+/-]", "(+/-)", "[+/−]", "+/-:", "+/-",
        "+/−", "peut contenir:", "peut contenir",
    ]

    /// Splits off a "may contain" section (case-insensitive marker, anywhere in the list).
    static func splitMayContain(_ text: Substring) -> (Substring, Substring?) {
        guard mightMentionMayContain(text) else { return (text, nil) }
        let lowered = text.lowercased()
        var best: (String.Index, Int)?
        for marker in mayContainMarkers {
            if let range = lowered.range(of: marker), best.map({ range.lowerBound < $0.0 }) ?? true {
                best = (range.lowerBound, marker.count)
            }
        }
        guard let (lowerStart, markerLength) = best else { return (text, nil) }
        let offset = lowered.distance(from: lowered.startIndex, to: lowerStart)
        let start = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
        let afterMarker = text.index(start, offsetBy: markerLength, limitedBy: text.endIndex) ?? text.endIndex
        var main = text[..<start].trimmingWhitespace()
        // "... Mica, [+/- CI 77891]" and "(May contain: ...)" leave an opening bracket behind.
        while let last = main.last, last == "[" || last == "(" || last == "," || last == ";" || last == "." {
            main = main.dropLast().trimmingWhitespace()
        }
        var rest = text[afterMarker...].trimmingWhitespace()
        while let first = rest.first, first == ":" || first == "-" { rest = rest.dropFirst().trimmingWhitespace() }
        if rest.last == "]" || rest.last == ")", !balanced(rest) { rest = rest.dropLast() }
        return (main, rest)
    }

    /// A cheap pre-check on bytes: every marker has a `+` or a `cont` (`contain`, `contenir`) in it.
    private static func mightMentionMayContain(_ text: Substring) -> Bool {
        var tail: UInt32 = 0  // the last four bytes, lower-cased
        for byte in text.utf8 {
            if byte == UInt8(ascii: "+") { return true }
            tail = (tail << 8) | UInt32(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))
            if tail == 0x636F_6E74 { return true }  // "cont"
        }
        return false
    }

    private static func balanced(_ text: Substring) -> Bool {
        var depth = 0
        for character in text {
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" { depth -= 1 }
        }
        return depth == 0
    }

    /// Separators by Unicode scalar: `,` `;` `|` line breaks, full-width and ideographic commas and semicolons,
    /// bullets and middle dots.
    private static func isSeparator(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2C, 0x3B, 0x7C, 0x0A, 0x0D, 0xFF0C, 0x3001, 0xFF1B, 0x2022, 0x00B7, 0x25CF, 0x2219: true
        default: false
        }
    }

    /// Splits entries at separators outside parentheses and brackets, keeping commas between digits.
    ///
    /// This runs on every entry of every imported row, so it walks Unicode scalars rather than Characters
    /// (all separators and brackets are single scalars; a CRLF yields an empty entry, which is dropped).
    static func splitEntries(_ text: Substring) -> [Substring] {
        var items: [Substring] = []
        var depth = 0
        let bytes = text.utf8
        let unmatched = unmatchedOpeners(bytes, isOpener: isOpeningByte, isCloser: isClosingByte)
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            // ASCII is read as bytes; any other scalar (a full-width comma, a bullet) is decoded whole.
            let value = byte < 0x80 ? UInt32(byte) : text.unicodeScalars[index].value
            let next = byte < 0x80 ? bytes.index(after: index) : text.unicodeScalars.index(after: index)
            switch value {
            case 0x28, 0x5B, 0x7B: if unmatched.isEmpty || !unmatched.contains(index) { depth += 1 }
            case 0x29, 0x5D, 0x7D: depth = max(0, depth - 1)
            default:
                if depth == 0 && isSeparator(value) && !(value == 0x2C && isChemicalComma(text, at: index)) {
                    let item = cleanEntry(text[start..<index])
                    if !item.isEmpty { items.append(item) }
                    start = next
                }
            }
            index = next
        }
        let last = cleanEntry(text[start..<text.endIndex])
        if !last.isEmpty { items.append(last) }
        return joiningIndexNames(items, in: text)
    }

    /// The positions of opening brackets that no closing bracket matches (`Stellaria Media (Chickweed( Extract`,
    /// `Titanium Dioxide (CI 77891 , Iron Oxides`): typos that would otherwise hold the rest of the list inside one
    /// entry, and are read as plain text. Each closing bracket matches the nearest opening one still open.
    static func unmatchedOpeners<C: Collection>(
        _ items: C, isOpener: (C.Element) -> Bool, isCloser: (C.Element) -> Bool
    ) -> Set<C.Index> where C.Index: Hashable {
        var open: [C.Index] = []
        for index in items.indices {
            if isOpener(items[index]) {
                open.append(index)
            } else if isCloser(items[index]), !open.isEmpty {
                open.removeLast()
            }
        }
        return Set(open)
    }

    static func isOpeningByte(_ byte: UInt8) -> Bool { byte == 0x28 || byte == 0x5B || byte == 0x7B }
    static func isClosingByte(_ byte: UInt8) -> Bool { byte == 0x29 || byte == 0x5D || byte == 0x7D }

    /// Perfumery chemicals printed under their CAS index names, whose commas are no separators: `Cyclopentaneacetic
    /// Acid, 3-Oxo-2-Pentyl-, Methyl Ester`, `Benzoic Acid, 2-Hydroxy-, Pentyl Ester`, `Cyclohexanemethanol,
    /// .Alpha.,.Alpha.,4-Trimethyl-, Acetate`, `Propanol, Oxybis-`. An entry continues the one before it when it
    /// is a substituent: it ends in a hyphen (before any bracket) and holds a locant digit or ends like a
    /// substituent (`Dihydro-`, `Oxybis-`, `Cis-`); when it starts with a dot (`.Alpha.`); or when it is a short
    /// ester or salt word after a substituent (`Methyl Ester`, `Acetate`) or with a locant (`1-Methylethyl
    /// Ester`). An ingredient list never ends an entry with a hyphen otherwise, so nothing else is joined.
    private static func joiningIndexNames(_ items: [Substring], in text: Substring) -> [Substring] {
        guard items.count >= 2, items.dropFirst().contains(where: mayContinueIndexName) else { return items }
        var joined: [Substring] = [items[0]]
        for item in items.dropFirst() {
            guard let previous = joined.last, continuesIndexName(item, after: previous) else {
                joined.append(item)
                continue
            }
            joined[joined.count - 1] = text[previous.startIndex..<item.endIndex]
        }
        return joined
    }

    /// A cheap first look, on bytes (it runs on every entry): a dot first, or a hyphen or `ester`/`ate` last
    /// before any bracket.
    private static func mayContinueIndexName(_ item: Substring) -> Bool {
        if item.first == "." { return true }
        // A substituent printed without its hyphen (`3,7-dimethyl`): lower case or a locant first.
        if let first = item.utf8.first, (0x61...0x7A).contains(first) || (0x30...0x39).contains(first) || first == 0x28,
            item.utf8.count <= 80
        {
            return true
        }
        let outer = outerText(item).utf8
        func endsWith(_ word: String) -> Bool {
            outer.count >= word.utf8.count
                && zip(outer.suffix(word.utf8.count), word.utf8).allSatisfy { $0 | 0x20 == $1 }
        }
        return outer.last == UInt8(ascii: "-") || endsWith("ester") || endsWith("ate")
    }

    private static func continuesIndexName(_ item: Substring, after previous: Substring) -> Bool {
        if item.first == ".", item.dropFirst().first?.isLetter == true { return true }
        if isBareSubstituent(outerText(item)) {
            // The parent is one word (`1,6-Nonadien-3-ol`, `Naphtho[2,1-b]furan, dodecahydro-3a`) or an acid
            // (`Benzoic acid`).
            let parent = previous.prefix { $0 != "," }.split(separator: " ")
            if parent.count == 1 || (parent.count == 2 && parent[1].lowercased() == "acid") { return true }
        }
        let outer = outerText(item).lowercased()
        if outer.hasSuffix("-") {
            let substituentEnds = ["yl-", "oxy-", "bis-", "hydro-", "cis-", "trans-", "ene-", ")-"]
            return outer.contains(where: \.isASCIIDigit) || substituentEnds.contains { outer.hasSuffix($0) }
        }
        let words = outer.split(separator: " ")
        guard (1...3).contains(words.count), let lastWord = words.last,
            lastWord == "ester" || lastWord.hasSuffix("ate")
        else { return false }
        let afterSubstituent = outerText(previous).hasSuffix("-")
        let locant = outer.first?.isASCIIDigit == true && outer.contains("-")
        return afterSubstituent || (locant && lastWord == "ester")
    }

    /// A CAS index name's substituents printed in lower case without their closing hyphen, as an entry of their
    /// own: `3,7-dimethyl`, `dihydro-5-pentyl`, `tetrahydro-4-methyl-2-(2-methylpropyl)`, `oxybis`,
    /// `6,6,9a-tetramethyl`, `(ethoxymethoxy)`. One word that starts with a lower-case letter, a locant digit or a
    /// bracket, whose letters (locant letters such as the `a` of `3a` aside) are made only of substituent parts
    /// (``substituentParts``: multipliers, alkyl stems, `yl`, `oxy`, `hydro`, ...) and end like a substituent
    /// (`yl`, `oxy`, `hydro`, `bis`). No substance is named so: such an entry belongs to the name before it.
    static func isBareSubstituent(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLowercase || first.isASCIIDigit || first == "(", !text.contains(" ")
        else { return false }
        let allowed = text.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte | 0x20) || (0x30...0x39).contains(byte)
                || [
                    UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
                    UInt8(ascii: "]"), UInt8(ascii: "."),
                ].contains(byte)
        }
        guard allowed else { return false }
        return segmentsIntoSubstituents(dropLocantLetters(text))
    }

    /// The letters of a name, lower case, without locant letters (`3a`, `9a`, `2H`: one letter between a digit and
    /// a separator).
    private static func dropLocantLetters(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var letters: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            let lowered = byte | 0x20
            guard (0x61...0x7A).contains(lowered) else { continue }
            let afterDigit = index > 0 && (0x30...0x39).contains(bytes[index - 1])
            let beforeLetter = index + 1 < bytes.count && (0x61...0x7A).contains(bytes[index + 1] | 0x20)
            if afterDigit && !beforeLetter { continue }
            letters.append(lowered)
        }
        return letters
    }

    /// Parts that substituent prefixes of systematic names are made of, lower case.
    private static let substituentParts: [[UInt8]] = [
        "di", "tri", "tetra", "penta", "hexa", "hepta", "octa", "nona", "deca", "dodeca", "bis", "tris", "meth",
        "eth", "prop", "but", "pent", "hex", "hept", "oct", "non", "dec", "phen", "benz", "naphthalen", "cyclo", "iso",
        "yl", "oxy", "hydr", "hydro", "oxo", "amino", "chloro", "alpha", "beta", "gamma", "cis", "trans",
    ].map { Array($0.utf8) }

    /// Whether the letters are substituent parts end to end, ending like a substituent (`yl`, `oxy`, `hydro`,
    /// `bis`).
    private static func segmentsIntoSubstituents(_ letters: [UInt8]) -> Bool {
        guard letters.count >= 4 else { return false }
        let endings = ["yl", "oxy", "hydro", "bis"].map { Array($0.utf8) }
        guard endings.contains(where: { letters.count >= $0.count && Array(letters.suffix($0.count)) == $0 }) else {
            return false
        }
        var reachable = [Bool](repeating: false, count: letters.count + 1)
        reachable[0] = true
        for start in 0..<letters.count where reachable[start] {
            for part in substituentParts where start + part.count <= letters.count {
                if letters[start..<(start + part.count)].elementsEqual(part) { reachable[start + part.count] = true }
            }
        }
        return reachable[letters.count]
    }

    /// The text before a trailing bracket (`Dihydro-5-Pentyl- (Coconut Note)` → `Dihydro-5-Pentyl-`), trimmed; the
    /// whole entry when it is one bracket.
    private static func outerText(_ item: Substring) -> Substring {
        guard item.last == ")", let open = item.lastIndex(of: "("), open > item.startIndex else {
            return item.trimmingWhitespace()
        }
        // `(12E)- (Musk Note)`: only the last bracket is left out.
        return item[..<open].trimmingWhitespace()
    }

    /// `1,2-Hexanediol`: a comma with a digit right before and right after belongs to the name; so does the
    /// comma of `1, 2-Hexanediol`, where the entry so far is a lone number and a digit and hyphen follow.
    private static func isChemicalComma(_ text: Substring, at index: Substring.Index) -> Bool {
        guard text[index] == ",", index > text.startIndex else { return false }
        // Only a digit can come before such a comma: most commas are told apart by one byte.
        let byteBefore = text.utf8[text.utf8.index(before: index)]
        guard (0x30...0x39).contains(byteBefore) else { return false }
        let next = text.index(after: index)
        guard next < text.endIndex else { return false }
        let before = text[text.index(before: index)]
        if before.isASCIIDigit && text[next].isASCIIDigit { return true }
        guard before.isASCIIDigit, text[next] == " " else { return false }
        let afterSpace = text.index(after: next)
        guard afterSpace < text.endIndex, text[afterSpace].isASCIIDigit else { return false }
        let hyphen = text.index(after: afterSpace)
        guard hyphen < text.endIndex, text[hyphen] == "-" else { return false }
        var start = text.index(before: index)
        while start > text.startIndex, text[text.index(before: start)].isASCIIDigit {
            start = text.index(before: start)
        }
        return start == text.startIndex || [",", " ", ";"].contains(text[text.index(before: start)])
    }

    /// Trims whitespace, bullets, a trailing full stop and footnote markers.
    private static func cleanEntry(_ item: Substring) -> Substring {
        var entry = item.trimmingWhitespace()
        // Most entries start with an ASCII letter or digit and end with one or a bracket: nothing to clean.
        if let head = entry.utf8.first, let tail = entry.utf8.last, isPlainEnd(head), isPlainEnd(tail) || tail == 0x29 {
            return entry
        }
        // Footnote markers: `Calendula Officinalis Flower Extract*+`; a short name keeps its `+` (`NAD+`).
        while let last = entry.last,
            last == "." || last == "*" || last == "†" || last == "‡" || last == "^" || (last == "+" && entry.count > 5)
        {
            entry = entry.dropLast().trimmingWhitespace()
        }
        while let first = entry.first, first == "-" || first == "*" || first == "–" || first == "—" {
            entry = entry.dropFirst().trimmingWhitespace()
        }
        return entry
    }

    /// An ASCII letter or digit.
    private static func isPlainEnd(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// Takes an amount out of an entry: `Niacinamide 5%`, `Niacinamide (5%)`, `Sodium Fluoride (1450 ppm)`.
    /// A number without a known unit (`Polysorbate 20`, `CI 77891`) is part of the name.
    private static func entry(from item: Substring, position: Int?, mayContain: Bool) throws(AmountError) -> INCIEntry {
        var name = item
        var amountSpan = item[item.endIndex...]
        // A descriptor in brackets after the amount (`Zinc Oxide 21% (Non-Nano)`) stays with the name.
        var descriptor: Substring = ""
        // An amount needs a digit; most INCI names have none, and this runs on every entry of every row.
        let hasDigit = item.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
        if hasDigit, name.last == ")", let open = name.lastIndex(of: "(") {
            let inside = name[name.index(after: open)..<name.index(before: name.endIndex)].trimmingWhitespace()
            if let split = AmountText.splitNumberAndUnit(inside), split.prefix.trimmingWhitespace().isEmpty,
                AmountUnit(label: split.unit) != nil
            {
                amountSpan = inside
                name = name[..<open]
            } else if !inside.contains(where: \.isNumber),
                case let before = name[..<open].trimmingWhitespace(),
                let split = AmountText.splitNumberAndUnit(before),
                AmountUnit(label: split.unit) == .percent, !split.prefix.trimmingWhitespace().isEmpty
            {
                amountSpan = before[split.prefix.endIndex...]
                descriptor = name[open...]
                name = split.prefix
            }
        }
        if hasDigit, amountSpan.isEmpty, let split = AmountText.splitNumberAndUnit(name),
            AmountUnit(label: split.unit) != nil, !split.prefix.trimmingWhitespace().isEmpty
        {
            amountSpan = name[split.prefix.endIndex...]
            name = split.prefix
        }
        if hasDigit, amountSpan.isEmpty, let (amount, rest) = leadingPercent(name) {
            amountSpan = amount
            name = rest
        }
        var amount: Amount?
        var amountText: String?
        if !amountSpan.isEmpty {
            // The span was found by the same splitter, so it splits; were it not to, the entry keeps no amount.
            if let split = AmountText.splitNumberAndUnit(amountSpan.trimmingWhitespace()) {
                amount = try AmountText.amount(number: split.number, unit: split.unit, negative: split.negative)
                amountText = String(amountSpan.trimmingWhitespace())
            }
        }
        var printed = name.trimmingWhitespace()
        while let last = printed.last, last == ":" || last == "-" || last == "=" {
            printed = printed.dropLast().trimmingWhitespace()
        }
        let printedName = descriptor.isEmpty || printed.isEmpty ? String(printed) : printed + " " + descriptor
        return INCIEntry(
            printedName: printedName, position: position, amount: amount, amountText: amountText,
            mayContain: mayContain)
    }

    /// `1% Colloidal Oatmeal`, `0.5% Encapsulated Salicylic Acid`: a percentage under 100 printed before a
    /// capitalised name (the amount and the name), as drug-facts actives and highlighted ingredients print it.
    /// `100% Organic Argan Oil` is a claim about the oil, not an amount in the product, and stays a name.
    private static func leadingPercent(_ item: Substring) -> (amount: Substring, name: Substring)? {
        guard let first = item.utf8.first, first >= 0x30 && first <= 0x39,
            let percent = item.firstIndex(of: "%")
        else { return nil }
        let number = item[..<percent].trimmingWhitespace()
        guard !number.isEmpty, number.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
            let value = Double(number), value < 100
        else { return nil }
        let name = item[item.index(after: percent)...].trimmingWhitespace()
        guard let head = name.first, head.isUppercase, name.dropFirst().first?.isLetter == true else { return nil }
        return (item[...percent], name)
    }

    /// `['water', 'glycerin']` as written by Python's `str(list)`.
    static func pythonListElements(_ text: Substring) -> [String]? {
        guard text.first == "[", text.last == "]" else { return nil }
        let inner = text.dropFirst().dropLast().trimmingWhitespace()
        guard let quote = inner.first, quote == "'" || quote == "\"" else { return inner.isEmpty ? [] : nil }
        var elements: [String] = []
        var index = inner.startIndex
        while index < inner.endIndex {
            let open = inner[index]
            guard open == "'" || open == "\"" else { return nil }
            var value = ""
            var cursor = inner.index(after: index)
            var closed = false
            while cursor < inner.endIndex {
                let character = inner[cursor]
                if character == "\\", inner.index(after: cursor) < inner.endIndex {
                    cursor = inner.index(after: cursor)
                    value.append(inner[cursor])
                } else if character == open {
                    closed = true
                    break
                } else {
                    value.append(character)
                }
                cursor = inner.index(after: cursor)
            }
            guard closed else { return nil }
            let trimmed = value.trimmingWhitespace()
            if !trimmed.isEmpty { elements.append(String(trimmed)) }
            index = inner.index(after: cursor)
            while index < inner.endIndex, inner[index] == "," || inner[index].isWhitespace {
                index = inner.index(after: index)
            }
        }
        return elements
    }

    /// `Parfum (Fragrance)` → ("Parfum", ["Fragrance"]); nested brackets count as one part.
    static func splitParentheses(_ name: String) -> (outer: String, inner: [String]) {
        var outer = ""
        var inner: [String] = []
        var current = ""
        var depth = 0
        for character in name {
            switch character {
            case "(", "[":
                if depth > 0 { current.append(character) }
                depth += 1
            case ")", "]":
                depth = max(0, depth - 1)
                if depth == 0 {
                    inner.append(String(current.trimmingWhitespace()))
                    current = ""
                } else {
                    current.append(character)
                }
            default:
                if depth > 0 { current.append(character) } else { outer.append(character) }
            }
        }
        let collapsed = outer.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return (collapsed, inner)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
