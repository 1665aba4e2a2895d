import Foundation

/// What real retailer exports put in the ingredients field besides the INCI list: placeholders instead of a list,
/// marketing prose before it, disclaimers after it, kit component headers and drug-facts purposes inside it.
extension INCIParser {
    /// The kind of placeholder an ingredients field holds instead of a list, or nil when it is not one.
    ///
    /// `No Info`, `#NAME?` (a spreadsheet formula error), `Visit the <Brand> boutique`, `N/A`, `-`, ...
    /// A product whose ingredients are a placeholder is quarantined: the catalog cannot say what it contains.
    ///
    /// ```swift
    /// INCIParser.placeholder(in: "Visit the Clinique boutique")   // "Visit the … boutique"
    /// INCIParser.placeholder(in: "Water, Glycerin")               // nil
    /// ```
    public static func placeholder(in text: String) -> String? {
        // Every placeholder is short; an INCI list is not (this runs on every imported row).
        guard text.utf8.count <= 160 else { return nil }
        let trimmed = text.trimmingWhitespace()
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("visit the ") && lowered.contains("boutique") && lowered.count < 120 {
            return "Visit the … boutique"
        }
        if lowered.hasPrefix("#") && lowered.count <= 8
            && ["#name?", "#value!", "#ref!", "#n/a", "#div/0!", "#null!", "#num!"].contains(lowered)
        {
            return String(trimmed)
        }
        let words = [
            "no info", "no information", "n/a", "na", "none", "null", "nil", "-", "--", "tbd", "tba",
            "not available", "unavailable", "coming soon", "see packaging", "see package",
            "not listed", "unknown",
        ]
        if words.contains(lowered.trimmingCharacters(in: CharacterSet(charactersIn: "."))) { return String(trimmed) }
        return nil
    }

    /// Splits a raw ingredients field into the INCI list and the text set aside from it (marketing prose before
    /// the list, disclaimers after it, kit component names), in order.
    ///
    /// The field is cut into sentences at `.`/`!`/`?` followed by a space (not after abbreviations such as
    /// `Denat.` or `No.`) and at line breaks. A sentence is prose when most of its words start with a lower-case
    /// letter and its comma-separated parts are long (`-Caffeine: Diminishes visible puffiness for a tighter,
    /// more toned appearance.`); an INCI list has short, capitalised parts. Inside a list sentence, a short header
    /// ending in a colon before the first comma (`Beste™ No.9 Jelly Cleanser:`, `Step One:`, `Medium-Tan:`) is set
    /// aside, as is a drug-facts purpose after an amount (`Octinoxate 7.50%: Sunscreen` keeps
    /// `Octinoxate 7.50%`). An amount glued to the next name (`Octocrylene 5.0%Water`) is split.
    ///
    /// A kit lists one INCI list per component, each after its header: every header after the first list starts
    /// a new component, and `components` holds each component's list.
    public static func separateProse(_ text: String) -> (components: [String], setAside: [String]) {
        var text = text
        var setAside: [String] = []
        // Drug-facts sections and glued headers (INCIParser+DrugFacts.swift) come out first.
        if let sections = drugFactsSections(text) {
            text = sections.list
            setAside = sections.setAside
        }
        let unglued = unglueAmounts(text)
        var components: [String] = []
        var list: [String] = []
        for sentence in sentences(unglued) {
            var body = Substring(sentence).trimmingWhitespace()
            if body.isEmpty { continue }
            if let (active, _) = drugFact(body) {
                list.append(String(active))
                continue
            }
            // A list that runs into prose (`Limonene, because we update our formulas, ...`): the list stays.
            var proseTail: Substring?
            if let (head, tail) = splitProseTail(body), head.contains(","), !isProse(head) {
                body = head
                proseTail = tail
            }
            defer { if let proseTail { setAside.append(String(proseTail)) } }
            // `**Clinical grade essential oils blend.` after the list: what a marker on an entry (`Aroma**`) means.
            if isMarkedFootnote(body, afterList: !list.isEmpty || !components.isEmpty) {
                setAside.append(String(body))
                continue
            }
            if isProse(body) {
                // A disclaimer glued to the last entry: "Phenoxyethanol Please be aware that ...".
                if let (head, tail) = splitDisclaimer(body), !head.isEmpty, !isProse(head) {
                    list.append(String(head))
                    setAside.append(String(tail))
                } else {
                    setAside.append(String(body))
                }
                continue
            }
            if let (head, tail) = splitDisclaimer(body) {
                setAside.append(String(tail))
                body = head
            }
            if let colon = headerColon(body), !isMayContainHeader(body[..<colon]) {
                let header = body[..<colon].trimmingWhitespace()
                if !header.isEmpty && !isIngredientsHeader(header) {
                    setAside.append(String(header) + ":")
                    if !list.isEmpty {
                        components.append(list.joined(separator: ", "))
                        list = []
                    }
                }
                body = body[body.index(after: colon)...].trimmingWhitespace()
            }
            body = dropPurpose(body)
            if !body.isEmpty { list.append(String(body)) }
        }
        if !list.isEmpty || components.isEmpty { components.append(list.joined(separator: ", ")) }
        return (components, setAside)
    }

    // MARK: - Sentences

    private static let abbreviations: Set<String> = [
        "denat", "no", "vit", "st", "sp", "spp", "ssp", "subsp", "var", "aq", "dr", "inc", "co", "ltd", "eg", "ie",
        "e.g", "i.e", "oz", "fl", "ca", "approx", "cf", "vs", "nr", "n", "l", "d", "dl", "alc", "ext", "hydr",
    ]

    /// Cuts text at sentence ends and line breaks, never inside brackets (an opening bracket nothing closes is plain
    /// text).
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        let unmatched = unmatchedOpeners(
            characters, isOpener: { $0 == "(" || $0 == "[" }, isCloser: { $0 == ")" || $0 == "]" })
        var index = 0
        var depth = 0
        while index < characters.count {
            let character = characters[index]
            if character == "(" || character == "[", !unmatched.contains(index) { depth += 1 }
            if character == ")" || character == "]" { depth = max(0, depth - 1) }
            if character == "\n" || character == "\r" {
                result.append(current)
                current = ""
                index += 1
                continue
            }
            current.append(character)
            if depth == 0, character == ".", index + 1 < characters.count, characters[index + 1].isUppercase,
                characters[index + 1].isLetter
            {
                // A full stop glued to a capital (`Phenoxyethanol.Please be aware ...`, `Tocopherol.Water`) ends a
                // sentence after a word of three letters or more that is no abbreviation (`Ext.D&C`, `Vit.E`).
                let word = current.dropLast().reversed().prefix { $0.isLetter }
                if word.count >= 3 && !abbreviations.contains(String(word.reversed()).lowercased()) {
                    result.append(current)
                    current = ""
                    index += 1
                    continue
                }
            }
            if depth == 0, character == "." || character == "!" || character == "?",
                index + 1 < characters.count, characters[index + 1].isWhitespace
            {
                let word = current.dropLast().reversed().prefix { $0.isLetter || $0 == "." }
                let lastWord = String(word.reversed()).lowercased()
                let next = characters[(index + 1)...].first { !$0.isWhitespace }
                let nextStartsSentence = next.map { $0.isLetter || $0 == "-" || $0.isNumber || $0 == "*" } ?? true
                if !abbreviations.contains(lastWord) && nextStartsSentence {
                    result.append(current)
                    current = ""
                }
            }
            index += 1
        }
        result.append(current)
        return result
    }

    // MARK: - Classification

    /// Words inside INCI names that are written in lower case on some labels and say nothing about prose.
    private static let inciLowerWords: Set<String> = [
        "and", "of", "de", "la", "et", "ssp", "spp", "var", "subsp", "extract", "oil", "seed", "leaf", "root",
        "water", "flower", "fruit", "acid", "butter", "powder", "juice", "bark", "wax", "gum", "sh", "dl",
    ]

    /// Words of English sentences that INCI names do not contain.
    private static let proseWords: Set<String> = [
        "the", "to", "for", "with", "is", "are", "your", "that", "this", "helps", "help", "from", "it", "its", "by",
        "skin", "may", "be", "will", "our", "you", "than", "more", "into", "while", "which", "product", "list",
        "was", "were", "been", "have", "has", "not", "we", "us", "can", "should", "would", "could", "time",
        "because", "however", "please", "change", "changes", "updated", "accuracy", "always", "packaging",
    ]

    /// Whether a sentence reads as prose rather than as (part of) an INCI list.
    static func isProse(_ sentence: Substring) -> Bool {
        if let blurb = highlightBlurb(sentence) { return blurb }
        var words = 0
        var lower = 0
        var functionWords = 0
        var first: Substring?
        var second: Substring?
        for word in sentence.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }) where word.count >= 2 {
            words += 1
            if first == nil { first = word } else if second == nil { second = word }
            if let first = word.first, first.isLowercase, !inciLowerWords.contains(word.lowercased()) { lower += 1 }
            if proseWords.contains(word.lowercased()) { functionWords += 1 }
        }
        // `These include low-, medium, and high-molecular-weight ...`, `This new formula has ...`: a word that opens
        // English sentences, then a lower-case word, and lower-case words for half of them. No INCI name starts so;
        // a colon may introduce a list (`This kit contains: Water, ...`), which the header rule keeps, and a
        // sentence that runs into a capitalised list is left to the entry rules.
        if let first, let second, second.first?.isLowercase == true, proseOpeners.contains(first.lowercased()),
            !sentence.contains(":"), lower * 2 >= words
        {
            return true
        }
        guard words >= 4 else { return false }
        // Ordinary English: many of its words are function words INCI names do not contain, whatever its commas
        // (`However, as formulas change from time to time, ...`).
        if functionWords >= 3 && Double(functionWords) / Double(words) >= 0.3 { return true }
        let parts = max(1, sentence.split(whereSeparator: { $0 == "," || $0 == ";" }).count)
        let wordsPerPart = Double(words) / Double(parts)
        let lowerShare = Double(lower) / Double(words)
        // A lower-case INCI list (`cocos nucifera (coconut) oil, olea europaea ...`) has long parts too, but no
        // words such as "the", "to", "with" or "helps".
        return lowerShare >= 0.5 && wordsPerPart >= 3.5 && functionWords >= 1
    }

    /// A highlighted-ingredient blurb, as retailers print them before the list, one bullet each: `-Ghostberry and
    /// Tasmanian Pepper: Visibly soothes skin.`, `-Glycerin: Rapidly moisturizes.`, `-Targets visible signs of
    /// aging like wrinkles, dark spots, and loss of volume.` The claim is the text after a short header's colon,
    /// or the whole bullet without one. True when the claim opens with a benefit verb (``claimVerbs``) or, after a
    /// header, has two words or more, and in either case at least two in five of its other words are lower case
    /// (a bullet that runs into the list, `-Baobab: Helps hydrate Avobenzone 3%, Water, ...`, is left to the
    /// entry rules, which keep the names); and it is no list (a lower-case list after a kit header, `-Cleanser:
    /// water, glycerin, ...`, has three short parts or more, no word of prose or benefit verb and no `, and` before
    /// its last part). Nil when the sentence is no bullet or no blurb, so the other tests decide.
    static func highlightBlurb(_ sentence: Substring) -> Bool? {
        guard sentence.first == "-" || sentence.first == "•" else { return nil }
        var claim: Substring = sentence.drop(while: { $0 == "-" || $0 == "•" || $0 == " " })
        let colon = claim.firstIndex(of: ":")
        if let colon {
            let header = claim[..<colon].trimmingWhitespace()
            if header.isEmpty || isIngredientsHeader(header) || isMayContainHeader(header) { return nil }
            claim = claim[claim.index(after: colon)...]
        }
        let words: [Substring] = claim.split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 2 }
        guard let opener = words.first else { return nil }
        let others = words.dropFirst()
        let othersLower = others.filter { $0.first?.isLowercase == true }.count
        guard othersLower * 5 >= others.count * 2 else { return nil }
        if claimVerbs.contains(opener.lowercased()) { return true }
        guard colon != nil, words.count >= 2 else { return nil }
        let parts = max(1, claim.split(whereSeparator: { $0 == "," || $0 == ";" }).count)
        let prose = words.contains { proseWords.contains($0.lowercased()) || claimVerbs.contains($0.lowercased()) }
        // A blurb's series ends in `and` (`rich in ceramides, rosehip, and jojoba`); a list's does not.
        let series = claim.contains(", and ") || claim.contains(", & ")
        let list = parts >= 3 && Double(words.count) / Double(parts) < 2.5 && !prose && !series
        return list ? nil : true
    }

    /// A sentence after the list that opens with a footnote marker (`*`, `†`, `‡`) and holds no comma: the
    /// footnote that says what the marker on an entry means (`**Clinical grade essential oils blend.`,
    /// `*Naturally derived fragrance per ISO standard 16128-1.`). A marked sentence with commas is list text
    /// (`*CO Prunus Amygdalus Dulcis (Sweet Almond) Oil, ...`), and so is anything before the list.
    static func isMarkedFootnote(_ sentence: Substring, afterList: Bool) -> Bool {
        guard afterList, let first = sentence.first, first == "*" || first == "†" || first == "‡" else { return false }
        let text = sentence.drop { $0 == "*" || $0 == "†" || $0 == "‡" || $0 == " " }
        return !text.isEmpty && !text.contains(",") && !text.contains(";") && text.first?.isLetter == true
    }

    /// Words that open a sentence of prose, never an INCI name.
    private static let proseOpeners: Set<String> = [
        "however", "because", "please", "unfortunately", "therefore", "although", "note", "we", "our", "this",
        "these", "due", "if", "since", "whilst", "while", "you", "your", "it", "they",
    ]

    /// A sentence of an INCI list that ends in prose (`Limonene, However, as formulas change from time to time,
    /// ...`): the list and the prose, or nil. The prose starts at a comma-separated part whose first word opens a
    /// sentence (`However`, `because`, `Please`, `We`) and, with what follows, holds at least three words, one a
    /// word of English prose (``isProse(_:)``'s function words) other than the opener; or at a part that reads
    /// as prose on its own.
    static func splitProseTail(_ body: Substring) -> (Substring, Substring)? {
        var start = body.startIndex
        var partStarts: [Substring.Index] = []
        var depth = 0
        for index in body.indices {
            let character = body[index]
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" { depth = max(0, depth - 1) }
            if depth == 0 && (character == "," || character == ";") {
                partStarts.append(start)
                start = body.index(after: index)
            }
        }
        partStarts.append(start)
        for partStart in partStarts.dropFirst() {
            let tail = body[partStart...].trimmingWhitespace()
            let words = tail.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" })
            guard let first = words.first, proseOpeners.contains(first.lowercased()) else { continue }
            let others = words.dropFirst().filter { proseWords.contains($0.lowercased()) }.count
            if words.count >= 3 && others >= 1 {
                var head = body[..<partStart].trimmingWhitespace()
                while let last = head.last, last == "," || last == ";" { head = head.dropLast().trimmingWhitespace() }
                return (head, tail)
            }
        }
        return nil
    }

    private static let disclaimers = [
        "please be aware", "please refer", "please note", "please read", "ingredient lists may change",
        "ingredients lists may change", "ingredients are subject to change", "the ingredient list",
        "this ingredient list", "ingredients listed", "for the most", "formula is subject",
    ]

    /// `Phenoxyethanol Please be aware that ...` → ("Phenoxyethanol", "Please be aware that ...").
    private static func splitDisclaimer(_ text: Substring) -> (Substring, Substring)? {
        let lowered = text.lowercased()
        var best: String.Index?
        for phrase in disclaimers {
            if let range = lowered.range(of: phrase), best.map({ range.lowerBound < $0 }) ?? true {
                best = range.lowerBound
            }
        }
        guard let best else { return nil }
        let offset = lowered.distance(from: lowered.startIndex, to: best)
        let cut = text.index(text.startIndex, offsetBy: offset)
        var head = text[..<cut].trimmingWhitespace()
        while let last = head.last, last == "," || last == "." || last == ";" { head = head.dropLast() }
        return (head.trimmingWhitespace(), text[cut...])
    }

    static func isMayContainHeader(_ header: Substring) -> Bool {
        let lowered = header.lowercased()
        return lowered.contains("may contain") || lowered.contains("+/-") || lowered.contains("+/−")
            || lowered.contains("peut contenir")
    }

    static func isIngredientsHeader(_ header: Substring) -> Bool {
        let lowered = header.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "-*• "))
        return [
            "ingredients", "ingredient", "inci", "inci list", "full ingredients", "full ingredient list",
            "full ingredients list", "ingredients list", "inactive ingredients", "inactive ingredient",
            "other ingredients", "inactive",
        ].contains(lowered)
    }

    /// The colon ending a short header before the first comma: `Beste No.9 Jelly Cleanser: Water, ...`.
    private static func headerColon(_ text: Substring) -> Substring.Index? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        if let comma = text.firstIndex(of: ","), comma < colon { return nil }
        let header = text[..<colon]
        if header.contains("(") != header.contains(")") { return nil }
        let words = header.split(whereSeparator: \.isWhitespace).count
        guard words <= 12 else { return nil }
        // `Niacinamide 5%: ...` is a drug-facts line, handled elsewhere; a URL has "://".
        if text[colon...].hasPrefix("://") { return nil }
        return colon
    }

    /// `-Octinoxate 7.50%: Sunscreen` → `Octinoxate 7.50%`; nil when the sentence is not such a line.
    private static func drugFact(_ sentence: Substring) -> (Substring, Substring)? {
        guard let colon = sentence.firstIndex(of: ":") else { return nil }
        var name = sentence[..<colon].trimmingWhitespace()
        while let first = name.first, first == "-" || first == "•" || first == "*" { name = name.dropFirst() }
        name = name.trimmingWhitespace()
        guard name.last == "%", !name.contains(","), name.split(separator: " ").count <= 6 else { return nil }
        let purpose = sentence[sentence.index(after: colon)...].trimmingWhitespace()
        guard purpose.split(separator: " ").count <= 4, !purpose.contains(",") else { return nil }
        return (name, purpose)
    }

    /// `Octinoxate 7.50%, Octisalate 4.00%: Sunscreen` → `Octinoxate 7.50%, Octisalate 4.00%`.
    private static func dropPurpose(_ text: Substring) -> Substring {
        guard let colon = text.lastIndex(of: ":") else { return text }
        let before = text[..<colon].trimmingWhitespace()
        let after = text[text.index(after: colon)...].trimmingWhitespace()
        guard before.last == "%", !after.contains(","), after.split(separator: " ").count <= 4 else { return text }
        return before
    }

    /// `Octocrylene 5.0%Water` → `Octocrylene 5.0%, Water`; `Avobenzone 3% -Octinoxate 7.5% Water` →
    /// `Avobenzone 3%, Octinoxate 7.5%, Water`. An amount ends its entry when a capital follows it, glued, after a
    /// dash, or after a space when it follows a name (not `1% Colloidal Oatmeal`), unless a drug-facts purpose
    /// follows (`Avobenzone 3% Sunscreen` is one entry, whose purpose is set aside later) or the entry is a kit
    /// component's header (`Glow2OH 7% AHA Toner:`).
    static func unglueAmounts(_ text: String) -> String {
        guard text.contains("%") else { return text }
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            out.append(character)
            index += 1
            guard character == "%" else { continue }
            var next = index
            while next < characters.count, characters[next] == " " { next += 1 }
            let spaced = next > index
            var dashed = false
            if next < characters.count, characters[next] == "-" || characters[next] == "–" {
                dashed = true
                next += 1
                while next < characters.count, characters[next] == " " { next += 1 }
            }
            guard next < characters.count, characters[next].isUppercase, characters[next].isLetter else { continue }
            // `Glow2OH 7% AHA Toner: Aqua, ...` is a kit component's header, a colon before the next comma.
            let entryRest = characters[next...].prefix { $0 != "," && $0 != ";" }
            if !spaced
                || (followsName(characters[..<index]) && !entryRest.contains(":")
                    && (dashed || !opensPurpose(characters[next...])))
            {
                out += ", "
                index = next
            }
        }
        return out
    }

    /// Whether the amount that ends the text follows a name in its entry (`Avobenzone 3%`), rather than opening it
    /// (`1% Colloidal Oatmeal`, `100% Organic Argan Oil`, where what follows is the name).
    private static func followsName(_ text: ArraySlice<Character>) -> Bool {
        var index = text.endIndex - 1  // the `%`
        while index > text.startIndex, text[index - 1].isNumber || text[index - 1] == "." { index -= 1 }
        guard index < text.endIndex - 1, index > text.startIndex, text[index - 1] == " " else { return false }
        while index > text.startIndex, text[index - 1] == " " { index -= 1 }
        guard index > text.startIndex else { return false }
        let before = text[index - 1]
        return before.isLetter || before == ")"
    }

    /// Whether text opens with a drug-facts purpose (`Sunscreen`, `Acne treatment`).
    private static func opensPurpose(_ text: ArraySlice<Character>) -> Bool {
        let lowered = String(text.prefix(24)).lowercased()
        return purposes.contains { phrase in
            lowered.hasPrefix(phrase) && !(lowered.dropFirst(phrase.count).first?.isLetter ?? false)
        }
    }
}
