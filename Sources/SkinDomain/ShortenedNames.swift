/// A shortened printed name that several dictionary names share: `Rosa Damascena` (flower oil, flower water,
/// extract, ...), `Sodium Lauroyl` (the lactylate, the sarcosinate, ...). It resolves to one group ingredient that
/// stands for "one of these; the label does not say which".
public struct IngredientGroup: Hashable, Sendable {
    /// The group's name: the printed name without its parenthesised parts, in upper case, spaces collapsed
    /// (`Hamamelis Virginiana (Witch Hazel)` → `HAMAMELIS VIRGINIANA`).
    public var name: String
    /// Every dictionary ingredient the name can stand for, in ascending id order; at least two.
    public var members: [Int64]

    /// A group; each argument sets the property of the same name.
    public init(name: String, members: [Int64]) {
        self.name = name
        self.members = members
    }

    /// The group name of a printed name.
    public static func name(of printedName: String) -> String {
        INCIParser.splitParentheses(printedName).outer
            .split(whereSeparator: \.isWhitespace).joined(separator: " ").uppercased()
    }
}

/// Finds the dictionary names a shortened printed name can stand for.
///
/// Labels and scraped catalogs shorten INCI names in two ways that narrow the meaning down, though not always to
/// one name:
/// - the plant part is left out of a botanical name: `Vitis Vinifera Extract` (seed, fruit or leaf extract),
///   `Helianthus Annuus (Sunflower) Oil` (the older INCI name of HELIANTHUS ANNUUS SEED OIL);
/// - the end of the name is cut off: `Rosa Damascena` (flower oil, flower water, extract), `Sodium Lauroyl`
///   (lactylate, sarcosinate, methyl isethionate), `C12-15` (alkyl benzoate, alcohols, ...).
///
/// Names are compared word by word, each word by its ``NameKey`` and without parenthesised parts. The rules keep
/// derivatives and unrelated names out:
/// 1. The first word is always kept: a name never matches the end of a longer one (`Castor Oil` is not short for
///    PEG-40 HYDROGENATED CASTOR OIL, nor `Corn Starch` for HYDROLYZED CORN STARCH).
/// 2. A cut-off end is accepted only when the printed name does not end in a word that ends many dictionary
///    names (OIL, EXTRACT, ACID, ...): `Apricot Kernel Oil` is an ingredient in its own right, not short for
///    APRICOT KERNEL OIL PEG-8 ESTERS.
/// 3. Words left out of the middle must all be plant parts (`Vitis Vinifera [Seed] Extract`,
///    `Hamamelis Virginiana [Bark/Leaf] Extract`).
/// 4. At most three words are left out; the printed name keeps at least two words, or is one word that is a
///    carbon-chain range (`C12-15`) or slash-joined monomers (`Styrene/Acrylates`); and it stands for at most
///    ``maximumMembers`` ingredients, beyond which it says nothing useful.
/// 5. Never an ingredient with look-alikes (NMN, NAD+, niacinamide, ...): a shortened name that could stand for
///    one of them stays unresolved, as with fuzzy matching.
public struct ShortenedNameIndex: Sendable {
    private struct Name: Sendable {
        var words: [String]
        var id: Int64
    }

    /// More members than this and a shortened name is too vague to resolve.
    public static let maximumMembers = 50
    /// A word that ends at least this many dictionary names is a head noun (OIL, EXTRACT, ACID).
    static let headNounThreshold = 20
    static let maximumWordsLeftOut = 3

    /// Plant parts, as INCI botanical names write them between the species and the preparation.
    static let plantParts: Set<String> = [
        "AERIAL", "BARK", "BERRY", "BLOSSOM", "BRAN", "BRANCH", "BUD", "BULB", "CALLUS", "CALYX", "CELL", "CONE",
        "CORTEX", "CULTURE", "FLOWER", "FLOWERING", "FLOWERS", "FROND", "FRUIT", "FRUITING", "BODY", "GERM",
        "HERB", "HUSK", "HULL", "KERNEL", "LEAF", "LEAVES", "MERISTEM", "NEEDLE", "NUT", "PART", "PARTS", "PEEL",
        "PETAL", "PLANT", "POD", "PULP", "RESIN", "RHIZOME", "ROOT", "SAP", "SEED", "SEEDS", "SHELL", "SHOOT",
        "SPROUT", "STALK", "STEM", "THALLUS", "TOP", "TOPS", "TUBER", "TWIG", "VINE", "WHOLE", "WOOD",
    ]

    private var namesByFirstWord: [String: [Name]] = [:]
    private var namesEndingIn: [String: Int] = [:]
    private let guarded: Set<Int64>

    /// Indexes the dictionary's names by first word and by last word, for finding shortened forms.
    ///
    /// - Parameters:
    ///   - names: every dictionary name (INCI names and synonyms) with its ingredient id.
    ///   - guarded: ingredients with look-alikes, which a shortened name must never stand for.
    public init(names: some Sequence<(name: String, id: Int64)>, guarded: Set<Int64>) {
        self.guarded = guarded
        for (name, id) in names {
            let words = Self.words(of: name)
            guard let first = words.first, let last = words.last else { continue }
            namesByFirstWord[first, default: []].append(Name(words: words, id: id))
            namesEndingIn[last, default: 0] += 1
        }
    }

    /// A name's words, each normalised like a ``NameKey``, without parenthesised parts.
    static func words(of name: String) -> [String] {
        INCIParser.splitParentheses(name).outer.split(whereSeparator: \.isWhitespace)
            .map { NameKey($0).rawValue }.filter { !$0.isEmpty }
    }

    /// The ingredients `printedName` can be short for, in ascending id order; empty when it is not a shortened
    /// dictionary name (or is too vague, or could stand for an ingredient with look-alikes).
    /// - Parameters:
    ///   - printedName: The name as printed (its parenthesised parts are ignored).
    ///   - binomial: `printedName` is known to be a genus and species (from the table of plant names), so its last
    ///     word is no head noun, whatever other names end in it.
    public func members(of printedName: String, binomial: Bool = false) -> [Int64] {
        let printed = Self.words(of: printedName)
        guard let first = printed.first, let last = printed.last else { return [] }
        guard printed.count >= 2 || Self.isCarbonChainRange(first) || first.contains("/") else { return [] }
        // A species epithet that happens to end many names (STELLARIA MEDIA, and a hundred conditioned MEDIA) is no
        // head noun.
        let endsInHeadNoun = !binomial && namesEndingIn[last, default: 0] >= Self.headNounThreshold
        var members: Set<Int64> = []
        for name in namesByFirstWord[first] ?? [] {
            let leftOut = name.words.count - printed.count
            guard leftOut >= 1, leftOut <= Self.maximumWordsLeftOut, !members.contains(name.id) else { continue }
            if Self.isShortened(printed, of: name.words, endsInHeadNoun: endsInHeadNoun) {
                if guarded.contains(name.id) { return [] }
                members.insert(name.id)
                if members.count > Self.maximumMembers { return [] }
            }
        }
        return members.sorted()
    }

    /// Whether `printed` is `full` with one run of words left out: at the end (when `printed` does not end in a
    /// head noun) or in the middle (plant parts only). The first word is never left out.
    private static func isShortened(_ printed: [String], of full: [String], endsInHeadNoun: Bool) -> Bool {
        let gap = full.count - printed.count
        // `kept` words come first, then the gap, then the rest of `printed` ends `full`.
        var kept = 0
        while kept < printed.count && printed[kept] == full[kept] { kept += 1 }
        guard kept >= 1 else { return false }
        if kept == printed.count { return !endsInHeadNoun }
        // The longest common head may run into the gap (`ROSA CANINA [ROSA] EXTRACT`): try every split.
        for split in stride(from: kept, through: 1, by: -1) {
            let tail = printed[split...]
            guard full.suffix(tail.count).elementsEqual(tail) else { continue }
            let leftOut = full[split..<(split + gap)]
            if leftOut.allSatisfy(isPlantPart) { return true }
        }
        return false
    }

    /// The one botanical dictionary name a printed botanical name differs from only in its plant parts, when there
    /// is exactly one: the same genus and species, the same preparation word last (OIL, EXTRACT, WATER, BUTTER,
    /// ...), and parts of which one name's are the other's with plant-part words left out (`Achillea Millefolium
    /// Leaf Oil` → ACHILLEA MILLEFOLIUM OIL, `Pogostemon Cablin Oil` → POGOSTEMON CABLIN LEAF OIL) or a subspecies
    /// word after the species added (`Daucus Carota Seed Oil` → DAUCUS CAROTA SATIVA SEED OIL). `Nut` and `Kernel`
    /// count as `Seed`. Nil when no name or several qualify, or the one is guarded.
    public func botanicalNeighbour(of printedName: String) -> Int64? {
        let printed = Self.words(of: printedName).map(Self.seedPart)
        guard printed.count >= 3, let type = printed.last, Self.preparations.contains(type) else { return nil }
        var found: Set<Int64> = []
        for name in namesByFirstWord[printed[0]] ?? [] {
            let full = name.words.map(Self.seedPart)
            guard full.count >= 3, full[1] == printed[1], full.last == type else { continue }
            let printedMiddle = Array(printed[2..<(printed.count - 1)])
            var fullMiddle = Array(full[2..<(full.count - 1)])
            // A subspecies word the label left out (`DAUCUS CAROTA SATIVA`).
            if let subspecies = fullMiddle.first, !Self.isPlantPart(subspecies),
                fullMiddle.count > printedMiddle.count
            {
                fullMiddle.removeFirst()
            }
            guard Self.differsInPartsOnly(printedMiddle, fullMiddle) else { continue }
            found.insert(name.id)
            if found.count > 1 { return nil }
        }
        guard let id = found.first, !guarded.contains(id) else { return nil }
        return id
    }

    /// The words INCI ends a botanical name with, saying how the plant was prepared.
    static let preparations: Set<String> = [
        "OIL", "EXTRACT", "WATER", "BUTTER", "CERA", "WAX", "JUICE", "POWDER", "FLOUR", "GEL", "STARCH",
    ]

    private static func seedPart(_ word: String) -> String { word == "NUT" || word == "KERNEL" ? "SEED" : word }

    /// Whether one list of words is the other with plant-part words left out (in order), and they differ.
    private static func differsInPartsOnly(_ a: [String], _ b: [String]) -> Bool {
        guard a != b else { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var index = 0
        for word in long {
            if index < short.count && short[index] == word {
                index += 1
            } else if !isPlantPart(word) {
                return false
            }
        }
        return index == short.count
    }

    /// How many dictionary names are longer than `name` and start with its words: many for a stem that begins
    /// names (SODIUM, ZINC, PEG-12, DIMETHICONE), few for a complete name (GLYCERIN, BEHENYL ALCOHOL).
    public func namesStarting(with name: String) -> Int {
        let words = Self.words(of: name)
        guard let first = words.first else { return 0 }
        return (namesByFirstWord[first] ?? []).count { $0.words.count > words.count && $0.words.starts(with: words) }
    }

    private static func isPlantPart(_ word: String) -> Bool {
        word.split(separator: "/").allSatisfy { plantParts.contains(String($0)) }
    }

    /// `C12-15`, `C20-40`: a range of carbon-chain lengths, which names a family of esters and alcohols.
    private static func isCarbonChainRange(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard bytes.count >= 4, bytes[0] == UInt8(ascii: "C"), let dash = bytes.firstIndex(of: UInt8(ascii: "-"))
        else { return false }
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        return dash > 1 && dash < bytes.count - 1 && bytes[1..<dash].allSatisfy(isDigit)
            && bytes[(dash + 1)...].allSatisfy(isDigit)
    }
}

/// Older and variant spellings of botanical INCI names, rewritten to the ones the dictionary uses.
///
/// - Species renamed in INCI, or spelt two ways: `Citrus Medica Limonum` is now CITRUS LIMON, `Citrullus
///   Vulgaris` CITRULLUS LANATUS, `Moringa Pterygosperma` MORINGA OLEIFERA; CosIng keeps CHAMOMILLA RECUTITA
///   where newer labels print `Matricaria Chamomilla`.
/// - Plant parts in the plural: `Flowers/Leaves/Stems` → FLOWER/LEAF/STEM.
/// - A wax in English where INCI writes CERA: `Euphorbia Cerifera (Candelilla) Wax` → EUPHORBIA CERIFERA CERA.
public enum BotanicalSpelling {
    static let renamedSpecies: [(old: [String], new: [String])] = [
        (["CITRUS", "MEDICA", "LIMONUM"], ["CITRUS", "LIMON"]),
        (["CITRULLUS", "VULGARIS"], ["CITRULLUS", "LANATUS"]),
        (["MORINGA", "PTERYGOSPERMA"], ["MORINGA", "OLEIFERA"]),
        (["VETIVERA", "ZIZANOIDES"], ["VETIVERIA", "ZIZANOIDES"]),
        (["ANDROPOGON", "ZIZANIOIDES"], ["VETIVERIA", "ZIZANOIDES"]),
        (["MATRICARIA", "CHAMOMILLA"], ["CHAMOMILLA", "RECUTITA"]),
    ]

    static let singularParts: [String: String] = [
        "FLOWERS": "FLOWER", "LEAVES": "LEAF", "STEMS": "STEM", "SEEDS": "SEED", "FRUITS": "FRUIT", "ROOTS": "ROOT",
        "BERRIES": "BERRY", "TWIGS": "TWIG", "BUDS": "BUD", "PETALS": "PETAL", "NEEDLES": "NEEDLE",
    ]

    /// The printed name (without parenthesised parts, in upper case) with these spellings rewritten, or nil
    /// when none applies.
    public static func rewrite(_ printedName: String) -> String? {
        var words = INCIParser.splitParentheses(printedName).outer.uppercased()
            .split(whereSeparator: \.isWhitespace).map(String.init)
        let original = words
        for (old, new) in renamedSpecies where words.starts(with: old) {
            words.replaceSubrange(0..<old.count, with: new)
            break
        }
        words = words.map { word in
            word.split(separator: "/", omittingEmptySubsequences: false)
                .map { singularParts[String($0)] ?? String($0) }.joined(separator: "/")
        }
        if words.count >= 2, words.last == "WAX" { words[words.count - 1] = "CERA" }
        return words == original ? nil : words.joined(separator: " ")
    }
}
