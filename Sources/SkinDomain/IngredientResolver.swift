/// How a printed name was matched to a canonical ingredient.
public enum MatchKind: String, Hashable, Sendable, Codable {
    /// The whole printed name is the INCI name or an alias.
    case exact
    /// A part of the name matched: the name without its parenthesised part, a parenthesised synonym
    /// (`Parfum (Fragrance)`), or every slash alternative agreeing (`Aqua/Water/Eau`).
    case partial
    /// No name matched exactly; one dictionary name is within one or two letters (`Phenoxyethano` →
    /// PHENOXYETHANOL), with the same digits, and no other ingredient or look-alike is as close.
    case fuzzy
    /// The name is a dictionary name with words left out (``ShortenedNameIndex``): short for one ingredient
    /// (`Helianthus Annuus (Sunflower) Oil` → HELIANTHUS ANNUUS SEED OIL), or for several, when it resolves to
    /// their group (`Rosa Damascena` → one of ROSA DAMASCENA FLOWER OIL, FLOWER WATER, EXTRACT, ...).
    case shortened
    /// The name is an older or variant botanical spelling of a dictionary name (``BotanicalSpelling``):
    /// `Citrus Medica Limonum (Lemon) Peel Oil` → CITRUS LIMON PEEL OIL, `Flowers/Leaves/Stems` → FLOWER/LEAF/STEM;
    /// or another way labels print it (``PrintedNameVariants``): `Organic Glycerin`, `Sodium Sulphate`, `Natural
    /// Fragrance` (PARFUM), `Borage Oil (Borago Officinalis)`.
    case renamed
}

/// The outcome of looking a printed name up.
public struct Resolution: Hashable, Sendable {
    /// The canonical ingredient's id, nil when unresolved (and for a group, whose id the catalog assigns).
    public var ingredientId: Int64?
    /// The key the printed name normalises to (kept with unresolved names so they can be listed and counted).
    public var key: NameKey
    /// How the name was matched; nil when it did not resolve.
    public var match: MatchKind?
    /// The group a shortened name stands for when it is short for several ingredients (match `shortened`).
    public var group: IngredientGroup?

    /// A resolution; each argument sets the property of the same name.
    public init(ingredientId: Int64?, key: NameKey, match: MatchKind?, group: IngredientGroup? = nil) {
        self.ingredientId = ingredientId
        self.key = key
        self.match = match
        self.group = group
    }
}

/// What ``ProductComposition`` needs to resolve printed names: an ``IngredientResolver``, or a catalog's store of
/// names already resolved in front of one.
public protocol NameResolving {
    /// Resolves a printed name (see ``IngredientResolver/resolve(_:)``).
    mutating func resolve(_ printedName: String) throws -> Resolution
    /// Two or more names printed without a separator, when each part resolves (see
    /// ``IngredientResolver/runTogether(_:)``); nil otherwise.
    mutating func runTogether(_ printedName: String) throws -> [(name: String, resolution: Resolution)]?
}

extension IngredientResolver: NameResolving {}

/// Resolves printed ingredient names to canonical ingredients, by normalised name (``NameKey``).
///
/// The dictionary maps every alias key (including each INCI name's own key) to one ingredient id: exact
/// look-ups cannot confuse look-alikes, because NAD+, niacin and nicotinoyl peptides are ingredients of their
/// own with their own aliases. Results are cached per printed name; INCI lists repeat the same names
/// thousands of times.
public struct IngredientResolver: Sendable {
    /// Bumped whenever the same dictionary can resolve a name differently (part of an imported row's content hash,
    /// so a re-import re-resolves). 2: shortened names and groups, slashes inside one name, botanical spellings.
    /// 4: names a stray comma broke in two are joined again (``ProductComposition``). 5: other ways labels print
    /// a name (``PrintedNameVariants``), fuzzy matches of guarded ingredients with a margin, three or more names
    /// run together. 6: English plant names, stereo descriptors and other names of one substance
    /// (``OtherNames``). 7: an English plant name alone is one of its plant's ingredients; a binomial its bracketed
    /// English name corrected may be a botanical neighbour. 8: the plant name alone beside its binomial or in the
    /// plural, a binomial's epithet is no head noun, `-ised` spellings.
    public static let version = 8

    private let ingredientIdByKey: [NameKey: Int64]
    private let fuzzyIndex: FuzzyIndex?
    private var shortenedNames: [(name: String, id: Int64)]
    private var shortenedIndex: ShortenedNameIndex?
    private let guarded: Set<Int64>
    /// Each ingredient's registry numbers (CAS, EC), for slash alternatives in two naming systems.
    private let registry: [Int64: Set<String>]
    private var cache: [String: Resolution] = [:]
    /// Every dictionary key's prefixes that end in a slash (`STYRENE/`), built on the first slashed name.
    private var slashPrefixes: Set<String>?
    private var runTogetherCache: [String: [(name: String, resolution: Resolution)]?] = [:]

    /// A resolver over a dictionary; only exact and partial matches unless `fuzzy` or `names` say otherwise.
    ///
    /// - Parameters:
    ///   - aliases: every (alias key, ingredient id) pair of the dictionary.
    ///   - fuzzy: whether to try fuzzy matching for names that match nothing exactly.
    ///   - guarded: ingredients fuzzy matching and shortened names must never land on: those with look-alikes
    ///     (NMN, NAD+, niacinamide, niacin, peptides that differ by number, ...). A name as close to one of them
    ///     as to another ingredient, or within one more edit of another, stays unresolved.
    ///   - names: the dictionary's names as written (INCI names and synonyms), for shortened names; their index
    ///     is built on the first name that nothing else resolves. Empty: no shortened names.
    ///   - registry: each ingredient's CAS and EC numbers (``RegistryNumber/parse(_:)``): slash alternatives
    ///     that resolve to different ingredients sharing one (`Beeswax/Cera Alba`, `Honey/Mel/Miel`: the English
    ///     and the pharmacopoeia's Latin name of one substance), or three or more of which at most one has any
    ///     (`Sea Salt/Maris Sal/Sel Marin`), resolve to the first of them, unless the slashes join one name.
    public init(
        aliases: [NameKey: Int64], fuzzy: Bool = false, guarded: Set<Int64> = [],
        names: [(name: String, id: Int64)] = [], registry: [Int64: Set<String>] = [:]
    ) {
        self.registry = registry
        ingredientIdByKey = aliases
        fuzzyIndex = fuzzy ? FuzzyIndex(aliases: aliases, guarded: guarded) : nil
        shortenedNames = names
        self.guarded = guarded
    }

    /// The ingredient a key belongs to, with no partial matching.
    public func ingredientId(forKey key: NameKey) -> Int64? { ingredientIdByKey[key] }

    /// Resolves a printed name: the whole name, then the name without parenthesised parts, then each
    /// parenthesised part, then slash alternatives when they all agree, then (when enabled) a fuzzy match, then
    /// an older or variant botanical spelling, then a shortened name (to one ingredient, or to a group the caller
    /// gives an id).
    public mutating func resolve(_ printedName: String) -> Resolution {
        if let cached = cache[printedName] { return cached }
        var resolution = lookUp(printedName)
        if resolution.ingredientId == nil, let fuzzyIndex {
            let outer = NameKey(INCIParser.splitParentheses(printedName).outer)
            if let id = fuzzyIndex.match(resolution.key) ?? (outer == resolution.key ? nil : fuzzyIndex.match(outer)) {
                resolution = Resolution(ingredientId: id, key: resolution.key, match: .fuzzy)
            }
        }
        let respelt = resolution.ingredientId == nil ? BotanicalSpelling.rewrite(printedName) : nil
        if let respelt, let id = lookUp(respelt).ingredientId {
            resolution = Resolution(ingredientId: id, key: resolution.key, match: .renamed)
        }
        // Qualifiers, British spellings, fragrance declared in words, a common name with its binomial in
        // brackets (``PrintedNameVariants``): each looked up exactly, then as a shortened name below.
        let variants = resolution.ingredientId == nil ? PrintedNameVariants.rewrites(printedName) : []
        let plantNames = resolution.ingredientId == nil ? PrintedNameVariants.plantNameRewrites(printedName) : []
        for variant in variants + plantNames {
            if let id = lookUp(variant).ingredientId
                ?? BotanicalSpelling.rewrite(variant).flatMap({
                    lookUp($0).ingredientId
                })
            {
                resolution = Resolution(ingredientId: id, key: resolution.key, match: .renamed)
                break
            }
        }
        if resolution.ingredientId == nil, let id = slashAlternativeRewritten(printedName) {
            resolution = Resolution(ingredientId: id, key: resolution.key, match: .renamed)
        }
        if resolution.ingredientId == nil, let shortened = shortenedNameIndex() {
            var members = shortened.members(of: respelt ?? printedName)
            for variant in variants where members.count != 1 {
                let candidates = shortened.members(of: BotanicalSpelling.rewrite(variant) ?? variant)
                if candidates.count == 1 || (members.isEmpty && !candidates.isEmpty) { members = candidates }
            }
            // An English plant name alone (`Lavender`): one of the plant's ingredients, as its binomial alone.
            if members.isEmpty {
                var plant: [Int64] = []
                for binomial in PrintedNameVariants.binomialsOfPlantNameAlone(printedName) {
                    plant += shortened.members(of: binomial, binomial: true).filter { !plant.contains($0) }
                }
                if plant.count <= ShortenedNameIndex.maximumMembers { members = plant.sorted() }
            }
            // A botanical name that differs from one dictionary name in its plant parts; never through an English
            // plant name (`castor oil` may be cut from PEG-40 HYDROGENATED CASTOR OIL).
            // A binomial the bracketed plant name corrected counts as printed (`Pogostomon Cablin (Patchouli) Oil`
            // → POGOSTEMON CABLIN LEAF OIL).
            let botanical =
                [BotanicalSpelling.rewrite(printedName) ?? printedName]
                + PrintedNameVariants.bracketedPlantNameRewrites(printedName)
            if members.isEmpty, let id = botanical.lazy.compactMap({ shortened.botanicalNeighbour(of: $0) }).first {
                resolution = Resolution(ingredientId: id, key: resolution.key, match: .renamed)
            } else if members.count == 1 {
                resolution = Resolution(ingredientId: members[0], key: resolution.key, match: .shortened)
            } else if members.count > 1 {
                resolution = Resolution(
                    ingredientId: nil, key: resolution.key, match: .shortened,
                    group: IngredientGroup(name: IngredientGroup.name(of: printedName), members: members))
            }
        }
        if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
        cache[printedName] = resolution
        return resolution
    }

    private mutating func lookUp(_ printedName: String) -> Resolution {
        let key = NameKey(printedName)
        if let id = ingredientIdByKey[key] { return Resolution(ingredientId: id, key: key, match: .exact) }
        let entry = INCIEntry(printedName: printedName, position: nil)
        for candidate in entry.lookupNames.dropFirst() {
            if let id = ingredientIdByKey[NameKey(candidate)] {
                return Resolution(ingredientId: id, key: key, match: .partial)
            }
        }
        let outer = INCIParser.splitParentheses(printedName).outer
        let parts = outer.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map { NameKey($0) }.filter { !$0.isEmpty }
        // `Beeswax/Cera Alba/Cire d'Abeille`, `Honey/Mel/Miel`: CosIng lists the English and the Latin name as two
        // ingredients; one registry number common to all says they are one substance (never monomers of one
        // copolymer, which have numbers of their own).
        // `Sea Salt/Maris Sal/Sel Marin`, `Lactis Proteinum/Whey Protein/Protéine Du Lait`: three names or more
        // are the English, Latin and French names of one substance (as EU and Canadian labels print them) when at
        // most one carries registry numbers, so that none contradicts the others. Two names need a shared number:
        // `Glycerin/Aloe Barbadensis Leaf Extract` is two substances.
        if parts.count >= 2 {
            let resolved = parts.compactMap { ingredientIdByKey[$0] }
            let ids = Set(resolved)
            let numbered = ids.map { registry[$0] ?? [] }.filter { !$0.isEmpty }
            let shared =
                numbered.count >= 2 && !numbered.dropFirst().reduce(numbered[0], { $0.intersection($1) }).isEmpty
            let agree = shared || (parts.count >= 3 && numbered.count <= 1)
            if ids.count > 1, ids.isDisjoint(with: guarded), let first = resolved.first, agree,
                numbered.count >= 2 || !slashJoinsOneName(parts)
            {
                return Resolution(ingredientId: first, key: key, match: .partial)
            }
        }
        if parts.count >= 2 && !slashJoinsOneName(parts) {
            // `Aqua/Water/Eau`, `Yeast Extract/Faex/Extrait De Levure`: the parts that resolve must agree (a
            // translation that resolves to nothing does not matter); when they do not, a colour index part wins
            // (`CI 77491/Iron Oxides`), since it names one pigment exactly.
            let ids = Set(parts.compactMap { ingredientIdByKey[$0] })
            if ids.count == 1, let id = ids.first {
                return Resolution(ingredientId: id, key: key, match: .partial)
            }
            let colourIndex = parts.filter(isColourIndex)
            if ids.count > 1, colourIndex.count == 1, let id = ingredientIdByKey[colourIndex[0]] {
                return Resolution(ingredientId: id, key: key, match: .partial)
            }
        }
        return Resolution(ingredientId: nil, key: key, match: nil)
    }

    /// Two dictionary names run together without a comma (`Glycerin Niacinamide`, `Iron Oxides CI 77491`): the
    /// names with their resolutions, or nil.
    ///
    /// Tried only on a name nothing else resolves. Each side must resolve on its own (exactly or partially, never
    /// fuzzily or as a shortened name), at exactly one place to split, and the first side must not be a stem that
    /// begins ten or more dictionary names (`Sodium`, `Zinc`, `PEG-12`, `Dimethicone`), which more likely begins
    /// one longer name the dictionary lacks. When both sides name one ingredient (`Titanium Dioxide CI 77891`),
    /// or one side is a colour index (`Iron Oxides CI 77491`), the result is that one ingredient.
    ///
    /// A name joined by `and`, `&`, `+` or `(and)` outside brackets (`Behentrimonium Methosulfate and Cetearyl
    /// Alcohol`, `Dimethyl Isosorbide (and) Hydroxypinacolone Retinoate`: a trade mixture printed as one entry) is
    /// split there when every part resolves exactly or partially; otherwise it stays one unresolved name.
    public mutating func runTogether(_ printedName: String) -> [(name: String, resolution: Resolution)]? {
        if let cached = runTogetherCache[printedName] { return cached }
        let joined = Self.conjoinedParts(printedName)
        if joined.count >= 2 {
            let parts = joined.map { (name: $0, resolution: lookUp($0)) }
            if parts.allSatisfy({ $0.resolution.ingredientId != nil }) {
                runTogetherCache[printedName] = parts
                return parts
            }
        }
        let words = printedName.split(whereSeparator: \.isWhitespace)
        var found: [[(name: String, resolution: Resolution)]] = []
        if words.count >= 2, let shortened = shortenedNameIndex() {
            for split in 1..<words.count {
                let left = words[..<split].joined(separator: " ")
                let right = words[split...].joined(separator: " ")
                let first = lookUp(left)
                let second = lookUp(right)
                guard let firstId = first.ingredientId, let secondId = second.ingredientId,
                    shortened.namesStarting(with: left) < 10
                else { continue }
                if firstId == secondId || isColourIndex(first.key) || isColourIndex(second.key) {
                    let id = isColourIndex(first.key) ? firstId : secondId
                    found.append([
                        (printedName, Resolution(ingredientId: id, key: NameKey(printedName), match: .partial))
                    ])
                } else {
                    found.append([(left, first), (right, second)])
                }
            }
        }
        var result = found.count == 1 ? found[0] : nil
        if found.isEmpty, words.count >= 3 { result = severalRunTogether(words.map(String.init)) }
        runTogetherCache[printedName] = result
        return result
    }

    /// Three or more dictionary names printed without commas (`Caprylic/Capric Triglyceride Dicaprylyl Carbonate
    /// Squalane`): the one way to cut the words into the fewest names that each resolve exactly or partially, when
    /// that takes three or more names and no other cut takes as few; nil otherwise. As for two names, no name but
    /// the last may be a stem that begins ten or more dictionary names. Names of up to 40 words are tried.
    private mutating func severalRunTogether(_ words: [String]) -> [(name: String, resolution: Resolution)]? {
        guard words.count <= 40, let shortened = shortenedNameIndex() else { return nil }
        // fewest[i]: the fewest names covering words[..<i], how many cuts reach that, and the last name's start.
        var fewest: [(count: Int, ways: Int, from: Int)?] = Array(repeating: nil, count: words.count + 1)
        fewest[0] = (0, 1, 0)
        // Never cut inside brackets: `Oryza Sativa (Rice) Bran Oil` is one name.
        var outside = [true]
        var depth = 0
        for word in words {
            for character in word where character == "(" || character == "[" || character == ")" || character == "]" {
                depth = max(0, depth + (character == "(" || character == "[" ? 1 : -1))
            }
            outside.append(depth == 0)
        }
        var names: [Int: (name: String, resolution: Resolution)] = [:]
        for end in 1...words.count where outside[end] {
            for start in 0..<end {
                guard outside[start], let before = fewest[start] else { continue }
                let name = words[start..<end].joined(separator: " ")
                let resolution = lookUp(name)
                guard resolution.ingredientId != nil,
                    end == words.count || shortened.namesStarting(with: name) < 10
                else { continue }
                names[start * 64 + end] = (name, resolution)
                let count = before.count + 1
                if let current = fewest[end], current.count < count { continue }
                if let current = fewest[end], current.count == count {
                    fewest[end] = (count, current.ways + before.ways, current.from)
                } else {
                    fewest[end] = (count, before.ways, start)
                }
            }
        }
        guard let whole = fewest[words.count], whole.count >= 3, whole.ways == 1 else { return nil }
        var parts: [(name: String, resolution: Resolution)] = []
        var end = words.count
        while end > 0, let step = fewest[end], let part = names[step.from * 64 + end] {
            parts.insert(part, at: 0)
            end = step.from
        }
        return end == 0 ? parts : nil
    }

    /// `A and B`, `A & B & C`, `A + B`, `A (and) B` → the parts, split outside brackets; one part when there is no
    /// such conjunction.
    static func conjoinedParts(_ name: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        // Any white space: a no-break space after `&` is common in scraped lists.
        let words = name.split(whereSeparator: \.isWhitespace)
        for word in words {
            let opens = word.filter { $0 == "(" || $0 == "[" }.count
            let closes = word.filter { $0 == ")" || $0 == "]" }.count
            let lowered = word.lowercased()
            // `(and)` is how INCI itself prints a trade mixture's parts.
            let conjunction = lowered == "and" || lowered == "&" || lowered == "+" || lowered == "(and)"
            if depth == 0 && (opens == 0 || lowered == "(and)") && conjunction {
                parts.append(current)
                current = ""
                continue
            }
            depth = max(0, depth + opens - closes)
            current += current.isEmpty ? String(word) : " " + word
        }
        parts.append(current)
        return parts.contains(where: \.isEmpty) ? [name] : parts
    }

    /// The index of shortened names, built on first use; nil when the resolver was given no names.
    private mutating func shortenedNameIndex() -> ShortenedNameIndex? {
        guard !shortenedNames.isEmpty else { return nil }
        if shortenedIndex == nil { shortenedIndex = ShortenedNameIndex(names: shortenedNames, guarded: guarded) }
        return shortenedIndex
    }

    /// `CI 77891`: a colour-index name, which names one pigment exactly.
    private func isColourIndex(_ key: NameKey) -> Bool {
        key.rawValue.hasPrefix("CI") && key.rawValue.count > 2 && key.rawValue.dropFirst(2).allSatisfy(\.isNumber)
    }

    /// Whether the slashes join the parts of one INCI name rather than alternatives: the monomers of a copolymer
    /// (`Styrene/Acrylates Copolymer`), organism and medium of a ferment (`Saccharomyces/Mel Ferment Filtrate`),
    /// the acids of an ester, `PEG/PPG`. Then a part that resolves on its own (STYRENE, SACCHAROMYCES) is not
    /// what the name means. Told by the dictionary: some dictionary name starts with one of the parts followed
    /// by a slash (STYRENE/ACRYLATES COPOLYMER starts with `STYRENE/`), while no name starts with `AQUA/`,
    /// `CI 77891/` or `YEAST EXTRACT/`. Aliases that are themselves lists of alternatives (`WATER/AQUA`, one of
    /// whose parts names the same ingredient) do not count.
    /// Slash alternatives when the parts that resolve, as printed or by another way labels print a name
    /// (``PrintedNameVariants``), all resolve to one ingredient: `Secale Cereale Extract / Rye Seed Extract`,
    /// `Prunus Armeniaca/Apricot Kernel Oil`. As for slash alternatives resolved as printed, a part that resolves
    /// to nothing does not matter, and slashes that join one dictionary name (`Acrylates/...`) are no alternatives.
    private mutating func slashAlternativeRewritten(_ printedName: String) -> Int64? {
        guard printedName.contains(where: { $0 == "/" || $0 == "\\" }) else { return nil }
        let outer = INCIParser.splitParentheses(printedName).outer
        let parts = outer.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        guard parts.count >= 2, !slashJoinsOneName(parts.map { NameKey($0) }) else { return nil }
        var ids: Set<Int64> = []
        for part in parts {
            let rewrites = PrintedNameVariants.rewrites(part) + PrintedNameVariants.plantNameRewrites(part)
            for candidate in [part] + rewrites {
                if let id = lookUp(candidate).ingredientId {
                    ids.insert(id)
                    break
                }
            }
        }
        guard ids.count == 1, let id = ids.first, !guarded.contains(id) else { return nil }
        return id
    }

    private mutating func slashJoinsOneName(_ parts: [NameKey]) -> Bool {
        if slashPrefixes == nil {
            var prefixes: Set<String> = []
            for (key, id) in ingredientIdByKey where key.rawValue.contains("/") {
                let alternatives = key.rawValue.split(separator: "/").contains {
                    ingredientIdByKey[NameKey(normalised: String($0))] == id
                }
                if alternatives { continue }
                var prefix = ""
                for character in key.rawValue {
                    prefix.append(character)
                    if character == "/" { prefixes.insert(prefix) }
                }
            }
            slashPrefixes = prefixes
        }
        let prefixes = slashPrefixes ?? []
        return parts.dropLast().contains { prefixes.contains($0.rawValue + "/") }
    }
}

/// Dictionary keys indexed by length and by first and last letters, for fuzzy look-up of misspelt names.
///
/// A name matches fuzzily when exactly one ingredient has a key within the allowed edit distance (insertions,
/// deletions, substitutions and swaps of neighbouring letters: one for keys under 16 characters, two from 16),
/// the key is at least 7 characters long, both keys carry the same digits in the same order (PEG-40 never
/// matches PEG-60, TRIPEPTIDE-1 never TRIPEPTIDE-5), and no guarded ingredient (one with look-alikes) is as
/// close. The match may be a guarded ingredient itself only with a margin: no other ingredient within one more
/// edit (`Trocopherol` → TOCOPHEROL, `Cetyle Alcohol` → CETYL ALCOHOL). A key that is the other with one or two
/// letters before it is never a near miss: that is a chemical prefix (`Methanol` is not ETHANOL). A misspelling in the first letter and the last two letters at once is not found: a small price for
/// looking at a few hundred candidates instead of every name.
struct FuzzyIndex: Sendable {
    private struct Candidate: Sendable {
        var bytes: [UInt8]
        var digits: [UInt8]
        var id: Int64
        var guarded: Bool
    }

    private var byHead: [Int: [Candidate]] = [:]
    private var byTail: [Int: [Candidate]] = [:]

    init(aliases: [NameKey: Int64], guarded: Set<Int64>) {
        for (key, id) in aliases {
            let bytes = Array(key.rawValue.utf8)
            guard bytes.count >= 5 else { continue }
            let candidate = Candidate(bytes: bytes, digits: digitRuns(bytes), id: id, guarded: guarded.contains(id))
            byHead[Self.headBucket(bytes), default: []].append(candidate)
            byTail[Self.tailBucket(bytes), default: []].append(candidate)
        }
    }

    private static func headBucket(_ bytes: [UInt8]) -> Int { bytes.count << 8 | Int(bytes[0]) }
    private static func tailBucket(_ bytes: [UInt8]) -> Int {
        bytes.count << 16 | Int(bytes[bytes.count - 2]) << 8 | Int(bytes[bytes.count - 1])
    }

    /// The single ingredient `key` is a near miss of, or nil.
    func match(_ key: NameKey) -> Int64? {
        let bytes = Array(key.rawValue.utf8)
        guard bytes.count >= 7 else { return nil }
        let limit = bytes.count >= 16 ? 2 : 1
        let digits = digitRuns(bytes)
        var best = limit + 1
        var winners: Set<Int64> = []
        var guardedAtBest = false
        func consider(_ candidate: Candidate) {
            guard candidate.digits == digits, !Self.differsByPrefix(bytes, candidate.bytes) else { return }
            let distance = Self.distance(bytes, candidate.bytes, limit: min(best, limit))
            if distance < best {
                best = distance
                winners = [candidate.id]
                guardedAtBest = candidate.guarded
            } else if distance == best && distance <= limit {
                winners.insert(candidate.id)
                guardedAtBest = guardedAtBest || candidate.guarded
            }
        }
        for length in (bytes.count - limit)...(bytes.count + limit) where length >= 5 {
            for candidate in byHead[length << 8 | Int(bytes[0])] ?? [] { consider(candidate) }
            let tail = length << 16 | Int(bytes[bytes.count - 2]) << 8 | Int(bytes[bytes.count - 1])
            for candidate in byTail[tail] ?? [] where candidate.bytes[0] != bytes[0] { consider(candidate) }
        }
        guard best >= 1, best <= limit, winners.count == 1, let winner = winners.first else { return nil }
        // A guarded ingredient (one with look-alikes) is a fuzzy match only with a margin: no other ingredient
        // within one more edit (`Trocopherol` → TOCOPHEROL, but nothing half-way between two look-alikes).
        if guardedAtBest && hasRunnerUp(bytes, digits: digits, winner: winner, within: best + 1) { return nil }
        return winner
    }

    /// Whether one key is the other with one or two letters put before it: a chemical prefix, not a typo
    /// (`METHANOL` is not ETHANOL, `DIMETHYL...` not METHYL...).
    static func differsByPrefix(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        let extra = long.count - short.count
        return (1...2).contains(extra) && long[extra...].elementsEqual(short)
    }

    /// Whether an ingredient other than `winner`, with the same digits, lies within `within` edits of `bytes`.
    private func hasRunnerUp(_ bytes: [UInt8], digits: [UInt8], winner: Int64, within: Int) -> Bool {
        for length in (bytes.count - within)...(bytes.count + within) where length >= 5 {
            let head = byHead[length << 8 | Int(bytes[0])] ?? []
            let tail = byTail[length << 16 | Int(bytes[bytes.count - 2]) << 8 | Int(bytes[bytes.count - 1])] ?? []
            for candidate in head + tail where candidate.id != winner && candidate.digits == digits {
                if Self.distance(bytes, candidate.bytes, limit: within) <= within { return true }
            }
        }
        return false
    }

    /// Optimal string alignment distance, or `limit + 1` as soon as it must exceed `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        optimalStringAlignmentDistance(a, b, limit: limit)
    }
}
