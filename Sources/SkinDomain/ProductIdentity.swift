import Foundation

/// The rules that decide whether two retailers' listings ("offers") are one product.
///
/// Two offers from different sources are the same product when their ``brandKey(_:)`` and ``nameKey(_:brand:shade:)``
/// are equal, their sizes are compatible (``sizesCompatible(_:_:)``) and their ingredient lists confirm it
/// (``ListComparison``). The keys are deliberately forgiving about how a retailer prints a listing (case, accents,
/// trade marks, punctuation, a size or a shade written into the name) and deliberately strict about what makes two
/// products different (an SPF, a percentage, any other word).
///
/// ```swift
/// ProductIdentity.key(brand: "L’ORÉAL PARIS", name: "L'Oréal Paris Revitalift Serum 30ml", shade: nil)
/// // "loreal paris\u{1F}revitalift serum"
/// ```
public enum ProductIdentity {
    /// The version of the rules below. Catalogs store it beside the keys they computed; bump it whenever a rule
    /// changes, so that the stored keys are recomputed rather than silently compared with keys made another way.
    public static let version = 2

    /// How far apart two sizes in the same unit may be and still be one product: 4 %, relative to the larger.
    ///
    /// Retailers round conversions (`1 fl oz` is 29.57 mL, printed beside `30 mL`; `3.4 oz` beside `100 mL`), which
    /// stays within 2 %; the smallest step between real sizes of one product (`30 mL` and `50 mL`, `200 mL` and
    /// `250 mL`) is far more.
    public static let sizeTolerance = 0.04

    // MARK: Keys

    /// The normalised brand.
    ///
    /// Case, accents (`é` → `e`), trade mark signs (`™ ® © ℠`, `(R)`, `(TM)`) and apostrophes (`'`, `’`) are folded
    /// away; `&` and `+` between words read as `and`, while a `+` that only ends the brand (`Dr. Jart+`) is dropped;
    /// all other punctuation (`.`, `-`, `/`, ...) separates words, and single letters written apart are joined
    /// (`e.l.f.` is `elf`). Words are separated by one space. Retailers print one brand many ways, so every way must
    /// give one key; nothing is dropped that tells two brands apart (`Kiehl's Since 1851` stays longer than
    /// `Kiehl's`).
    ///
    /// ```swift
    /// ProductIdentity.brandKey("La Roche-Posay")   // "la roche posay"
    /// ProductIdentity.brandKey("LA ROCHE POSAY®")  // "la roche posay"
    /// ProductIdentity.brandKey("PAULA’S CHOICE")   // "paulas choice"
    /// ProductIdentity.brandKey("DR.JART+")         // "dr jart"
    /// ```
    ///
    /// - Parameter brand: The brand as a retailer prints it.
    /// - Returns: The key; empty when the brand holds no letters or digits.
    public static func brandKey(_ brand: String) -> String {
        words(removingBrackets(tokens(brand), where: isTrademark)).joined(separator: " ")
    }

    /// The normalised product name, without the brand, the size and the shade.
    ///
    /// The name is folded as ``brandKey(_:)`` folds a brand, and then:
    /// - Measured sizes are removed (`30ml`, `30 mL`, `1 fl oz`, `1.7 oz.`, `50 g`, `2 x 15 ml`, `100ml/3.4oz`,
    ///   `Size: 30 ml`, `Net Wt. 1.7 oz`), because one retailer prints the size in the name and another in its own
    ///   column; the size check (``sizesCompatible(_:_:)``) compares them instead. Words that only hint at a size
    ///   (`Mini`, `Travel Size`, `60 Pads`) and other amounts (`500 mg`, `10%`) stay: they are different products.
    /// - Brackets left empty, and brackets holding a shade label (`(Shade: Ivory)`, `[Colour 02]`) or a trade mark
    ///   (`(R)`) are removed.
    /// - With a shade given, the shade text is removed wherever the name holds it as whole words, and so is a
    ///   bracketed or trailing `- …` / `, …` segment made of the shade's words, part of them, or the shade with up to
    ///   two more words (`Fit Me Foundation - 120 Classic Ivory` with shade `120`). A trailing segment with a shade
    ///   label (`, Shade: Ivory`) goes even without one. The shades of one product share a key: they are one product
    ///   in several colours, and their ingredient lists differ only in pigments.
    /// - The brand is removed wherever the name repeats it as whole words (`The Ordinary Niacinamide` with brand
    ///   `The Ordinary`), and so is a leading part of it that holds a word of four letters or more (`L'Oréal
    ///   Revitalift` with brand `L'Oréal Paris`), because some retailers repeat the brand in the name and others do
    ///   not.
    ///
    /// What tells products apart stays: `SPF 30` and `SPF 50`, `10%` and `5%`, `1.5%` and `15%`, `Day` and `Night`.
    /// A decimal comma reads as a point (`0,5%` is `0.5%`), and `SPF 50+` is `SPF 50` (EU labels cap at 50+). A step
    /// that would leave nothing is skipped, so a non-empty name made of letters never gives an empty key.
    ///
    /// ```swift
    /// ProductIdentity.nameKey("The Ordinary Niacinamide 10% + Zinc 1% 30ml", brand: "The Ordinary", shade: nil)
    /// // "niacinamide 10% and zinc 1%"
    /// ProductIdentity.nameKey("Fit Me Foundation - 120 Classic Ivory", brand: "Maybelline", shade: "120")
    /// // "fit me foundation"
    /// ```
    ///
    /// - Parameters:
    ///   - name: The product name as a retailer prints it.
    ///   - brand: The brand the retailer gives, so that a name repeating it can drop it.
    ///   - shade: The shade or colour the retailer gives, if any.
    /// - Returns: The key; empty only when the name holds no letters or digits.
    public static func nameKey(_ name: String, brand: String, shade: String?) -> String {
        nameKey(name, brandKey: brandKey(brand), shade: shade)
    }

    /// The key products are looked up by: the brand's core (``brandKey(_:)`` without the words that only say
    /// where or what the company is, such as `Since 1851` or `Paris`), the unit separator U+001F, and
    /// ``nameKey(_:brand:shade:)`` without such words left at its start by the brand's removal.
    ///
    /// Retailers print `Kiehl's Since 1851` or `Kiehl's`, `L'Oréal Paris` or `L'Oréal`, `Maybelline New York` or
    /// `Maybelline`, `Clinique Laboratories` or `Clinique`: one brand. Two brands that differ only by such words
    /// would share a key, and the ingredient lists still have to agree before two offers merge. The separator
    /// cannot occur in either key, so no brand and name can run together into another pair's key.
    ///
    /// ```swift
    /// ProductIdentity.key(brand: "Kiehl's Since 1851", name: "Ultra Facial Cream", shade: nil)
    ///     == ProductIdentity.key(brand: "Kiehl's", name: "Kiehl's Since 1851 Ultra Facial Cream", shade: nil)
    /// ```
    public static func key(brand: String, name: String, shade: String?) -> String {
        let brandKey = brandKey(brand)
        var brandWords = brandKey.split(separator: " ").map(String.init)
        while brandWords.count > 1, let count = trailingSuffix(brandWords) { brandWords.removeLast(count) }
        var nameWords = nameKey(name, brandKey: brandKey, shade: shade).split(separator: " ").map(String.init)
        // The name repeated the brand: what is left at its start may be the brand's own suffix or its core.
        for _ in 0..<3 {
            if nameWords.count > brandWords.count, Array(nameWords.prefix(brandWords.count)) == brandWords {
                nameWords.removeFirst(brandWords.count)
            } else if nameWords.count > 1, let count = leadingSuffix(nameWords), count < nameWords.count {
                nameWords.removeFirst(count)
            } else {
                break
            }
        }
        return brandWords.joined(separator: " ") + "\u{1F}" + nameWords.joined(separator: " ")
    }

    /// Words that say where a company is or what kind it is, not which one: dropped from the end of a brand
    /// (and from the start of a name that repeated the brand) for the identity key. Two-word entries are pairs.
    static let brandSuffixes: [[String]] = [
        ["new", "york"], ["skin", "care"], ["paris"], ["london"], ["tokyo"], ["seoul"], ["milano"], ["cosmetics"],
        ["cosmetic"], ["skincare"], ["beauty"], ["labs"], ["lab"], ["laboratories"], ["laboratory"], ["laboratoire"],
        ["laboratoires"], ["dermatologique"], ["professional"], ["inc"], ["ltd"], ["co"],
    ]

    /// How many words at the end of `words` are one brand suffix (`since 1851` counts as one), or nil.
    static func trailingSuffix(_ words: [String]) -> Int? {
        if words.count >= 2, words[words.count - 2] == "since", words[words.count - 1].allSatisfy(\.isNumber) {
            return 2
        }
        return brandSuffixes.first { words.count > $0.count && Array(words.suffix($0.count)) == $0 }?.count
    }

    /// How many words at the start of `words` are one brand suffix (`since 1851` counts as one), or nil.
    static func leadingSuffix(_ words: [String]) -> Int? {
        if words.count >= 2, words[0] == "since", words[1].allSatisfy(\.isNumber) { return 2 }
        return brandSuffixes.first { words.count > $0.count && Array(words.prefix($0.count)) == $0 }?.count
    }

    static func nameKey(_ name: String, brandKey: String, shade: String?) -> String {
        let original = tokens(name)
        var kept = original
        keepingContent(&kept) { removingSizes($0) }
        keepingContent(&kept) { removingBrackets($0, where: isTrademark) }
        let shadeWords = shade.map(shadeWords) ?? []
        keepingContent(&kept) { tokens in
            removingBrackets(tokens) { content in
                !content.contains(where: \.isContent) || isShadeLabelled(content)
                    || (!shadeWords.isEmpty && segment(content, matchesShade: shadeWords))
            }
        }
        keepingContent(&kept) { removingTrailingShade($0, shade: shadeWords) }
        if !shadeWords.isEmpty {
            keepingContent(&kept) { removingShadeText($0, shade: shadeWords) }
        }
        var result = words(kept)
        let brandWords = brandKey.split(separator: " ").map(String.init)
        let withoutBrand = removing(brand: brandWords, from: result)
        if !withoutBrand.isEmpty { result = withoutBrand }
        if result.isEmpty { result = words(original) }
        return result.joined(separator: " ")
    }

    // MARK: Sizes

    /// Whether two sizes may belong to one product.
    ///
    /// Compatible when either size is unknown (nil, or a figure that is not a positive finite number), and otherwise
    /// when every unit both give agrees within ``sizeTolerance``: millilitres with millilitres, grams with grams.
    /// `1 fl oz` (29.57 mL) matches `30 mL`; `30 mL` does not match `50 mL`. When one gives only millilitres and the
    /// other only grams, they are compatible: without the product's density, a volume and a mass cannot be compared,
    /// and the ingredient lists still have to confirm the match.
    ///
    /// - Returns: false only when a volume or a mass is known on both sides and they differ by more than 4 %.
    public static func sizesCompatible(_ a: ProductSize?, _ b: ProductSize?) -> Bool {
        guard let a, let b else { return true }
        if let x = known(a.millilitres), let y = known(b.millilitres), !isClose(x, y) { return false }
        if let x = known(a.grams), let y = known(b.grams), !isClose(x, y) { return false }
        return true
    }

    private static func known(_ value: Double?) -> Double? {
        guard let value, value.isFinite, value > 0 else { return nil }
        return value
    }

    private static func isClose(_ x: Double, _ y: Double) -> Bool {
        abs(x - y) <= sizeTolerance * max(x, y)
    }

    // MARK: Sources

    /// The source name for an imported file when the user names none.
    ///
    /// The file name without its folders (the text after the last `/`) and without its last extension, unless its
    /// first dot starts the name (`.hidden` and `.hidden.csv` stay whole); `<stdin>` is `stdin`. Then `:` becomes
    /// `-` (a `:` separates source and sku in product keys), spaces are trimmed, at most 64 characters (Unicode
    /// scalars) are kept, and an empty result is `catalog`.
    ///
    /// Migration 0011 derives the same names in SQL for catalogs made before sources existed, so these rules follow
    /// SQLite's: `/` is the only folder separator, only spaces are trimmed, and lengths count Unicode scalars. The
    /// one addition: spaces are trimmed again after cutting to 64, which SQL would leave and the `source` table's
    /// CHECK rejects.
    ///
    /// ```swift
    /// ProductIdentity.sourceName(fromFile: "/data/sephora/cosmetics.csv")  // "cosmetics"
    /// ProductIdentity.sourceName(fromFile: "a.b.jsonl")                    // "a.b"
    /// ProductIdentity.sourceName(fromFile: "<stdin>")                      // "stdin"
    /// ```
    public static func sourceName(fromFile path: String) -> String {
        let scalars = Array(path.unicodeScalars)
        var name: [Unicode.Scalar]
        if path == "<stdin>" {
            name = Array("stdin".unicodeScalars)
        } else {
            name = Array(scalars[(scalars.lastIndex(of: "/").map { $0 + 1 } ?? 0)...])
        }
        if let firstDot = name.firstIndex(of: "."), firstDot > 0, let lastDot = name.lastIndex(of: ".") {
            name = Array(name[..<lastDot])
        }
        name = name.map { $0 == ":" ? "-" : $0 }
        name = trimmingSpaces(name)
        name = trimmingSpaces(Array(name.prefix(64)))
        guard !name.isEmpty else { return "catalog" }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: name)
        return String(result)
    }

    private static func trimmingSpaces(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let first = scalars.firstIndex(where: { $0 != " " }), let last = scalars.lastIndex(where: { $0 != " " })
        else { return [] }
        return Array(scalars[first...last])
    }
}

// MARK: - Tokens

extension ProductIdentity {
    /// A word, a number or a punctuation mark of a folded text.
    struct Token: Equatable {
        enum Kind { case word, number, mark }
        var kind: Kind
        var text: String
        /// Whether whitespace or the start of the text comes before it.
        var spaced: Bool

        var isContent: Bool { kind != .mark }
    }

    /// Words a shade or colour is labelled with (`Shade: Ivory`, `[Colour 02]`).
    static let shadeLabels: Set<String> = ["shade", "colour", "color", "tone", "teinte", "nuance"]
    /// Shade labels and the words that introduce a shade number (`No. 2`), which a segment may hold beside a shade.
    static let shadeNumberLabels = shadeLabels.union(["no", "nr"])
    /// Words that make the number after them a product property rather than a shade (`SPF 30`, `PA 4`).
    static let protectingWords: Set<String> = ["spf", "upf", "pa"]
    /// Units of a measured size. A bare `oz` is one too: retailers use it for fluid ounces and ounces alike.
    static let sizeUnits: Set<String> = [
        "ml", "mls", "millilitre", "millilitres", "milliliter", "milliliters", "cl", "l", "ltr", "litre", "litres",
        "liter", "liters", "floz", "g", "gr", "grs", "gram", "grams", "gramme", "grammes", "kg", "oz", "ozs",
        "ounce", "ounces",
    ]
    /// Units that follow `fl` or `fluid` (`1 fl oz`, `1 fl. oz`, `2 fluid ounces`).
    static let fluidUnits: Set<String> = ["oz", "ozs", "ounce", "ounces"]
    /// Labels that introduce a size when a colon follows them (`Size: 30 ml`); `Travel Size` alone stays.
    static let sizeLabels: Set<String> = ["size", "volume", "vol", "contents", "content", "capacity", "weight"]
    /// Marks that start a trailing segment (`Foundation - Ivory`, `Foundation, Ivory`, `Foundation | Ivory`).
    static let segmentSeparators: Set<String> = ["-", ",", ";", "|"]

    /// Case-, accent-, width- and compatibility-folds a text, removing trade mark signs and invisible characters and
    /// spelling every apostrophe `'` (which the tokens then drop).
    ///
    /// Each non-ASCII character is decomposed on its own (compatibility mapping: `ﬂ` → `fl`, full-width forms,
    /// `é` → `e` + a combining accent) and its combining accents dropped; the few characters that carry a letter
    /// without decomposing (`ß`, `æ`, `ø`, `ł`, ...) are spelled out. Names are mostly ASCII, so this costs a fraction
    /// of normalising the whole text. Text left non-ASCII (Hangul, Devanagari) is composed again so that one name
    /// always gives the same bytes.
    static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var mapped = String.UnicodeScalarView()
        var isASCII = true
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x7F: mapped.append(scalar)
            case 0x2122, 0x00AE, 0x00A9, 0x2120: break  // ™ ® © ℠
            case 0x0080...0x009F, 0x00AD, 0x200B...0x200D, 0x2060, 0xFEFF: break  // C1 controls, soft hyphen, ZW
            case 0x2018, 0x2019, 0x201B, 0x2032, 0x00B4, 0x02BC: mapped.append("'")
            case 0x2010...0x2015, 0x2212, 0xFE63, 0xFF0D: mapped.append("-")
            case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: mapped.append(" ")
            case 0x00D7: mapped.append("x")  // 2 × 15 ml
            case 0x00DF, 0x1E9E: mapped.append(contentsOf: "ss".unicodeScalars)
            case 0x00C6, 0x00E6: mapped.append(contentsOf: "ae".unicodeScalars)
            case 0x0152, 0x0153: mapped.append(contentsOf: "oe".unicodeScalars)
            case 0x00D8, 0x00F8: mapped.append("o")
            case 0x0141, 0x0142: mapped.append("l")
            case 0x0110, 0x0111: mapped.append("d")
            case 0x0131: mapped.append("i")
            default:
                for part in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars
                where !isCombiningAccent(part) {
                    mapped.append(part)
                    isASCII = isASCII && part.isASCII
                }
            }
        }
        let lowered = String(mapped).lowercased()
        return isASCII ? lowered : lowered.precomposedStringWithCanonicalMapping
    }

    /// The combining accents of Latin, Greek and Cyrillic letters, which a key drops (`é` is `e`). The combining
    /// marks of other scripts are letters' parts and stay.
    private static func isCombiningAccent(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: true
        default: false
        }
    }

    /// Splits a text, folded, into words, numbers and marks. Letters and digits are separate tokens (`30ml` is `30`
    /// `ml`, `SPF30` is `spf` `30`), apostrophes vanish (`L'Oréal` is `loreal`), and a `.` or `,` between digits is a
    /// decimal point (`0,5` is `0.5`).
    static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var current = String.UnicodeScalarView()
        var currentKind = Token.Kind.word
        var spaced = true
        func flush() {
            guard !current.isEmpty else { return }
            result.append(Token(kind: currentKind, text: String(current), spaced: spaced))
            current = String.UnicodeScalarView()
            spaced = false
        }
        func append(_ scalar: Unicode.Scalar, as kind: Token.Kind) {
            if currentKind != kind { flush() }
            currentKind = kind
            current.append(scalar)
        }
        let scalars = Array(fold(text).unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch ScalarClass(scalar) {
            case .space:
                flush()
                spaced = true
            case .ignored:
                continue
            case .digit:
                append(scalar, as: .number)
            case .letter:
                append(scalar, as: .word)
            case .combining:
                if !current.isEmpty { current.append(scalar) }
            case .mark:
                if scalar == "." || scalar == ",", currentKind == .number, !current.isEmpty, !current.contains("."),
                    let next = scalars[safe: index + 1], ScalarClass(next) == .digit
                {
                    current.append(".")
                } else {
                    flush()
                    result.append(Token(kind: .mark, text: String(scalar), spaced: spaced))
                    spaced = false
                }
            }
        }
        flush()
        return result
    }

    /// What a scalar of a folded text is to the tokens.
    enum ScalarClass: Equatable {
        /// Whitespace and control characters: they separate tokens.
        case space
        /// Apostrophes and invisible format characters: they vanish (`L'Oréal` is `loreal`).
        case ignored
        /// An ASCII digit.
        case digit
        /// A letter or a number of any script other than an ASCII digit.
        case letter
        /// A combining mark: part of the letter before it.
        case combining
        /// Anything else: punctuation and symbols.
        case mark

        init(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                switch scalar.value {
                case 0x30...0x39: self = .digit
                case 0x41...0x5A, 0x61...0x7A: self = .letter
                case 0x27, 0x60: self = .ignored
                case 0x00...0x20, 0x7F: self = .space
                default: self = .mark
                }
                return
            }
            let properties = scalar.properties
            if properties.isWhitespace {
                self = .space
                return
            }
            switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
                .letterNumber, .otherNumber:
                self = .letter
            case .nonspacingMark, .spacingMark, .enclosingMark: self = .combining
            case .format: self = .ignored
            case .control: self = .space
            default: self = .mark
            }
        }
    }

    /// The words of the tokens: words and numbers as they are, `%` joined to its number, `&` and `+` between two
    /// parts as `and`, a `+` that ends a word (`Jart+`, `50+`) or the text dropped, other marks dropped; then runs of
    /// single letters joined (`e l f` → `elf`).
    static func words(_ tokens: [Token]) -> [String] {
        var words: [String] = []
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .word, .number:
                words.append(token.text)
            case .mark where token.text == "%":
                if index > 0, tokens[index - 1].kind == .number, !words.isEmpty { words[words.count - 1] += "%" }
            case .mark where token.text == "&" || token.text == "+":
                let next = tokens[safe: index + 1]
                let hasContentAfter = tokens[(index + 1)...].contains(where: \.isContent)
                let endsWord =
                    token.text == "+" && !token.spaced && tokens[index - 1].isContent
                    && (next == nil || next?.spaced == true || next?.kind == .mark)
                if !words.isEmpty, hasContentAfter, !endsWord { words.append("and") }
            case .mark:
                break
            }
        }
        var joined: [String] = []
        var letters: [String] = []
        func flushLetters() {
            if letters.count >= 2 { joined.append(letters.joined()) } else { joined += letters }
            letters = []
        }
        for word in words {
            if word.count == 1, word.first?.isLetter == true {
                letters.append(word)
            } else {
                flushLetters()
                joined.append(word)
            }
        }
        flushLetters()
        return joined
    }

    /// Applies a step unless it would leave no word or number, so that a name is never stripped to nothing.
    static func keepingContent(_ tokens: inout [Token], _ step: ([Token]) -> [Token]) {
        let result = step(tokens)
        if result.contains(where: \.isContent) { tokens = result }
    }

    // MARK: Sizes in names

    /// Removes measured sizes: a number not glued to a word before it, optionally a count (`2 x`), and a unit
    /// (`ml`, `fl oz`, `fl. oz`, `fluid ounces`, `g`, ...), with a size label before it (`Size:`, `Net Wt.`).
    static func removingSizes(_ tokens: [Token]) -> [Token] {
        guard tokens.contains(where: { $0.kind == .number }) else { return tokens }
        var kept: [Token] = []
        var index = 0
        while index < tokens.count {
            if let end = sizeEnd(tokens, from: index) {
                droppingSizeLabel(&kept)
                index = end
            } else {
                kept.append(tokens[index])
                index += 1
            }
        }
        return kept
    }

    /// Where the size starting at `start` ends, if one starts there.
    private static func sizeEnd(_ tokens: [Token], from start: Int) -> Int? {
        guard tokens[start].kind == .number, start == 0 || tokens[start].spaced || tokens[start - 1].kind == .mark
        else { return nil }
        var unit = start + 1
        if tokens[safe: unit]?.text == "x", tokens[safe: unit + 1]?.kind == .number { unit += 2 }
        guard let word = tokens[safe: unit], word.kind == .word else { return nil }
        if sizeUnits.contains(word.text) { return unit + 1 }
        if word.text == "fl" || word.text == "fluid" {
            let ounces = tokens[safe: unit + 1]?.text == "." ? unit + 2 : unit + 1
            if let next = tokens[safe: ounces], fluidUnits.contains(next.text) { return ounces + 1 }
        }
        return nil
    }

    /// Drops the label that ends `kept` when a size follows it: `Size:`, `Volume:`, `Net Wt.`, `Net Weight`, `Net`.
    private static func droppingSizeLabel(_ kept: inout [Token]) {
        var end = kept.count
        var colon = false
        while end > 0, kept[end - 1].kind == .mark, kept[end - 1].text == ":" || kept[end - 1].text == "." {
            colon = colon || kept[end - 1].text == ":"
            end -= 1
        }
        guard end > 0, kept[end - 1].kind == .word else { return }
        let label = kept[end - 1].text
        if label == "wt" || label == "net" || (label == "weight" && kept[safe: end - 2]?.text == "net") {
            end -= 1
            while end > 0, kept[end - 1].text == "." { end -= 1 }
            if label != "net", end > 0, kept[end - 1].text == "net" { end -= 1 }
            kept.removeSubrange(end...)
        } else if colon, sizeLabels.contains(label) {
            kept.removeSubrange((end - 1)...)
        }
    }

    // MARK: Brackets, shades and brands

    /// Removes each bracketed group (`(…)`, `[…]`, `{…}`) whose content the predicate accepts, brackets included.
    static func removingBrackets(_ tokens: [Token], where shouldRemove: ([Token]) -> Bool) -> [Token] {
        guard tokens.contains(where: { $0.kind == .mark && openingBrackets.contains($0.text) }) else { return tokens }
        var open: [(text: String, index: Int)] = []
        var removed = Array(repeating: false, count: tokens.count)
        for (index, token) in tokens.enumerated() where token.kind == .mark {
            if openingBrackets.contains(token.text) {
                open.append((token.text, index))
            } else if let opener = closingBrackets[token.text], let last = open.last, last.text == opener {
                open.removeLast()
                if shouldRemove(Array(tokens[(last.index + 1)..<index])) {
                    for position in last.index...index { removed[position] = true }
                }
            }
        }
        return tokens.indices.filter { !removed[$0] }.map { tokens[$0] }
    }

    private static let openingBrackets: Set<String> = ["(", "[", "{"]
    private static let closingBrackets: [String: String] = [")": "(", "]": "[", "}": "{"]

    /// Whether a bracket holds only a trade mark written out: `(R)`, `(TM)`, `(SM)`.
    static func isTrademark(_ content: [Token]) -> Bool {
        content.count == 1 && ["r", "tm", "sm"].contains(content[0].text)
    }

    /// Whether a segment holds an SPF, a PA rating or a percentage, which a shade never removes.
    static func isProtected(_ segment: [Token]) -> Bool {
        segment.contains { protectingWords.contains($0.text) || $0.text == "%" }
    }

    /// Whether a segment starts with a shade label: `Shade …`, or `Colour`, `Tone`, ... followed by `:`, `#`, `no`
    /// or a number (so that `(Colour Correcting)` stays).
    static func isShadeLabelled(_ segment: [Token]) -> Bool {
        guard let label = segment.first, label.kind == .word, shadeLabels.contains(label.text),
            segment.dropFirst().contains(where: \.isContent), !isProtected(segment)
        else { return false }
        guard let next = segment[safe: 1] else { return false }
        return label.text == "shade" || next.text == ":" || next.text == "#" || next.text == "no"
            || next.kind == .number
    }

    /// The words of a given shade, without a leading label (`Shade: Ivory` is `ivory`).
    static func shadeWords(_ shade: String) -> [String] {
        var content = tokens(shade).filter(\.isContent).map(\.text)
        if let first = content.first, shadeLabels.contains(first), content.count > 1 { content.removeFirst() }
        return content
    }

    /// Whether a segment is the shade: its words (bar shade labels) are all in the shade, or it holds every word of
    /// the shade and at most two more. Never a segment with an SPF or a percentage.
    static func segment(_ segment: [Token], matchesShade shade: [String]) -> Bool {
        guard !isProtected(segment) else { return false }
        let words = Set(segment.filter(\.isContent).map(\.text)).subtracting(shadeNumberLabels)
        let shadeSet = Set(shade)
        guard !words.isEmpty, !shadeSet.isEmpty else { return false }
        return words.isSubset(of: shadeSet) || (shadeSet.isSubset(of: words) && words.count <= shadeSet.count + 2)
    }

    /// Removes trailing `- …`, `, …`, `; …` or `| …` segments that are a shade: labelled (`, Shade: Ivory`) or, with a
    /// shade given, matching it. A hyphen separates only with a space beside it (`Anti-Ageing` is one name).
    static func removingTrailingShade(_ tokens: [Token], shade: [String]) -> [Token] {
        var kept = tokens
        for _ in 0..<3 {
            while let last = kept.last, last.kind == .mark, segmentSeparators.contains(last.text) || last.text == "." {
                kept.removeLast()
            }
            let separator = kept.indices.last { index in
                let token = kept[index]
                guard token.kind == .mark, segmentSeparators.contains(token.text) else { return false }
                return token.text != "-" || token.spaced || kept[safe: index + 1]?.spaced == true
            }
            guard let separator, kept[..<separator].contains(where: \.isContent) else { break }
            let segment = Array(kept[(separator + 1)...])
            guard isShadeLabelled(segment) || (!shade.isEmpty && self.segment(segment, matchesShade: shade)) else {
                break
            }
            kept.removeSubrange(separator...)
        }
        return kept
    }

    /// Removes the shade's words wherever the name holds them in a row, unless they follow `SPF`/`PA` or precede a
    /// `%`. A shade that is one number (`02`) goes only at the end of the name, where shade numbers are printed;
    /// elsewhere it is more likely a step or a version.
    static func removingShadeText(_ tokens: [Token], shade: [String]) -> [Token] {
        let content = tokens.indices.filter { tokens[$0].isContent }
        let loneNumber = shade.count == 1 && shade[0].allSatisfy(\.isNumber)
        var removed = Array(repeating: false, count: tokens.count)
        var position = 0
        while position + shade.count <= content.count {
            let matches = shade.indices.allSatisfy { tokens[content[position + $0]].text == shade[$0] }
            let first = content[position]
            let last = content[position + shade.count - 1]
            let protected =
                (position > 0 && protectingWords.contains(tokens[content[position - 1]].text))
                || tokens[safe: last + 1]?.text == "%"
                || (loneNumber && position + shade.count != content.count)
            if matches, !protected {
                for index in first...last { removed[index] = true }
                position += shade.count
            } else {
                position += 1
            }
        }
        return tokens.indices.filter { !removed[$0] }.map { tokens[$0] }
    }

    /// Removes the brand's words wherever the name holds them in a row, or else a leading part of the brand that
    /// starts the name and holds a word of four letters or more (`loreal` of `loreal paris`; never `the` or `dr`).
    static func removing(brand: [String], from words: [String]) -> [String] {
        guard !brand.isEmpty else { return words }
        var kept: [String] = []
        var found = false
        var index = 0
        while index < words.count {
            if words[index...].starts(with: brand) {
                found = true
                index += brand.count
            } else {
                kept.append(words[index])
                index += 1
            }
        }
        if found { return kept }
        let prefix = zip(brand, words).prefix { $0 == $1 }.count
        if prefix > 0, brand.prefix(prefix).contains(where: { $0.count >= 4 }) {
            return Array(words.dropFirst(prefix))
        }
        return words
    }
}

// MARK: - Ingredient lists

/// How alike two ingredient lists are, for confirming that two listings are one product.
///
/// Items are compared as sets: order is left out because retailers list trace ingredients (below 1 %) in any order,
/// and duplicates count once. The measure is the Jaccard index, the shared items over all distinct items. Two
/// listings of one product differ by a transcription slip or a reformulation's few trace ingredients; two different
/// products of one brand and name (a renamed range, a different formula) share the base and little more.
///
/// ```swift
/// let comparison = ListComparison(["#1", "#2", "#3"], ["#1", "#2", "#4"])
/// comparison.similarity  // 0.5 (2 shared of 4)
/// comparison.verdict     // .different
/// ```
public struct ListComparison: Sendable, Equatable {
    /// A similarity from which the lists are the same product's: 0.85, which two trace ingredients swapped in a
    /// 25-item list (23 shared of 27) still reach.
    public static let sameThreshold = 0.85
    /// A similarity from which the lists are probably one product's, to be confirmed by a person: 0.6.
    public static let nearlyThreshold = 0.6

    /// The items of both lists, in the first list's order.
    public let shared: [String]
    /// The items only the first list holds, in its order.
    public let onlyInFirst: [String]
    /// The items only the second list holds, in its order.
    public let onlyInSecond: [String]
    /// The Jaccard index of the two sets, from 0 to 1; 0 when either list is empty.
    public let similarity: Double

    /// What the similarity says about two listings.
    public enum Verdict: String, Sendable {
        /// At least ``ListComparison/sameThreshold``: one product.
        case same
        /// At least ``ListComparison/nearlyThreshold``: probably one product; worth a look.
        case nearly
        /// Below ``ListComparison/nearlyThreshold``: different products.
        case different
        /// A list is empty: nothing to confirm with.
        case unknown
    }

    /// Compares two ingredient lists.
    ///
    /// - Parameters:
    ///   - first: The first listing's ingredients in list order, each identified by a string: the resolved
    ///     ingredient id (`#12`), or the normalised printed name when unresolved. Empty strings are ignored.
    ///   - second: The second listing's, likewise.
    public init(_ first: [String], _ second: [String]) {
        let first = Self.distinct(first)
        let second = Self.distinct(second)
        let firstSet = Set(first)
        let secondSet = Set(second)
        shared = first.filter(secondSet.contains)
        onlyInFirst = first.filter { !secondSet.contains($0) }
        onlyInSecond = second.filter { !firstSet.contains($0) }
        let union = first.count + onlyInSecond.count
        similarity = first.isEmpty || second.isEmpty ? 0 : Double(shared.count) / Double(union)
    }

    /// `unknown` when either list is empty; `same` from ``sameThreshold``; `nearly` from ``nearlyThreshold``; else
    /// `different`.
    public var verdict: Verdict {
        let firstIsEmpty = shared.isEmpty && onlyInFirst.isEmpty
        let secondIsEmpty = shared.isEmpty && onlyInSecond.isEmpty
        if firstIsEmpty || secondIsEmpty { return .unknown }
        if similarity >= Self.sameThreshold { return .same }
        if similarity >= Self.nearlyThreshold { return .nearly }
        return .different
    }

    private static func distinct(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
