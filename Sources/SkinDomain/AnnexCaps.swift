import Foundation

/// Maximum concentrations read from the EU CosIng annex exports (Annex III restricted substances, Annex V
/// preservatives, Annex VI UV filters), per INCI name and product type: what ``ListOrderBounds`` needs to know
/// that an ingredient is capped at or under 1 %.
///
/// **Files.** Both export generations are read: the 2016 ones (`COSING_Annex.V_v2.csv`, header on the first line)
/// and the 2025 ones that supersede them (`COSING_Annex_V_v2_2025-11-11.txt`, four preamble lines before the
/// header). The header is the first record whose first cell is `Reference number` (any case); columns are found
/// by name (`Name of Common Ingredients Glossary`, `Product Type, body parts`, `Maximum concentration in ready for
/// use preparation`), so a missing or moved column is an error, never a misread. Nothing is typed in: every cap
/// comes from a file. Annex IV (colourants) is not read: colourants never set a bound (``ListOrderBounds``), and
/// its 2025 export has its condition cells shifted one column right of their headers.
///
/// **Names.** The glossary cell is split on `;`, on a slash with a space on either side (`BENZOIC ACID / SODIUM
/// BENZOATE`, `CHLORIDE (2)/ LAURTRIMONIUM`) and on a comma followed by a space (`SALICYLIC ACID, CALCIUM
/// SALICYLATE`); a slash with no space stays inside a name (copolymers). Footnote marks (`(1)`) are dropped. Names
/// are matched by ``NameKey``. A glossary cell that is empty or `-` (moved or deleted entries, and substances the
/// annex names only chemically) gives no cap and is reported.
///
/// **Clauses.** `Product Type, body parts` and the maximum are matched by their lettered clauses (`a) ... b) ...`
/// or `(a) ... (b) ...`; after the first, each letter the next one, so a maximum cell may hold only `(b) 1,0 %`). A single maximum with lettered product types applies to each
/// of them; lettered maxima with no lettered product types, or a maximum lettered for a product type that is not
/// there, are reported and the whole entry skipped. A product-type clause with no maximum (`(b) Rinse-off
/// products` with only `(a) 2 %`, Annex III's fragrance allergens) is an entry with no maximum: the substance is
/// regulated there but not capped.
///
/// **Product types.** Each clause gets a ``AnnexProductScope``: `allProducts` (an empty cell, `All cosmetic
/// products`, `Other products` after only non-skin clauses, a clause naming both leave-on and rinse-off, or a
/// condition such as `Not to be used in products applied on mucous membranes`), `leaveOn`, `rinseOff`, `notSkin`
/// (only oral care, teeth, hair, nails, eyelashes and eyebrows, depilatories, hair dyes: caps for products a skin
/// care catalog does not hold, kept for the record and never applied), or `specific` (some kinds of skin
/// products the catalog cannot tell apart: face products, eye products, deodorants, foot care, `Other products
/// except body lotion, eye shadow ...`). Exclusions made only of non-skin uses are dropped (`Rinse-off products,
/// except oral care products` is rinse-off). `Other products` means the skin products no sibling clause covers.
///
/// **Maxima.** A maximum is the first line of its clause: a number, a unit (`%`, `ppm`, `mg/kg`), then only
/// bracketed qualifiers, footnote marks or a basis (`0.5% (acid)`, `0.007% (of Hg)`, `10 %(*)`, `0,15 %
/// calculated as F.`); decimal commas are read as ``Amount`` reads them. Later lines may be notes (`In case of
/// combined use ...`, `*: ...`, `Footnote ...`); a later line with another amount (`0,4% ... for single ester` /
/// `0,8% ... for mixtures of esters`) makes the clause ambiguous. Anything else (prose, several amounts, text after
/// the amount, a value outside `0 < x <= 100 %`) is reported in ``skipped`` with the reason, never guessed. A
/// maximum on another basis (`0.5% (acid)` for a salt) is applied as printed; its ``AnnexCap/basis`` says so and
/// the evidence names it.
///
/// **Looking a cap up** (``limit(for:productType:)``). The cap of an ingredient for a product type is the
/// *largest* maximum any applicable entry of any annex read allows it there: an ingredient may be used under
/// another entry for another purpose (salicylic acid: 0.5 % as a preservative in Annex V, 2 % in Annex III), so
/// only the largest is a bound. Applicable means scope `allProducts`, the product type's own scope, or `specific`
/// (the product may be one of those kinds). There is no cap (nil) when no entry applies, when an applicable entry
/// states no maximum, or when an entry about the name was skipped for a skin product (it might allow more). For
/// an unknown product type the cap is the larger of the leave-on and rinse-off caps, the bound that holds either
/// way, and nil unless both exist.
public struct AnnexCaps: Hashable, Sendable {
    /// Every clause read, one per name.
    public private(set) var caps: [AnnexCap] = []
    /// What could not be read, with the reason.
    public private(set) var skipped: [AnnexSkip] = []
    private var capsByKey: [NameKey: [Int]] = [:]
    /// Names with a skipped clause that could apply to a skin product: their cap is unknown.
    private var uncertainKeys: Set<NameKey> = []

    /// An empty table: no caps, nothing skipped, every cap unknown until ``read(_:annex:)`` reads an export.
    public init() {}

    /// Rebuilds what ``read(_:annex:)`` read from its results, as a catalog stores them: the caps, and the skipped
    /// entries (those whose ``AnnexSkip/leavesCapUnknown`` is set make their names' caps unknown).
    public init(caps: [AnnexCap], skipped: [AnnexSkip]) {
        for cap in caps {
            capsByKey[cap.key, default: []].append(self.caps.count)
            self.caps.append(cap)
        }
        self.skipped = skipped
        for skip in skipped where skip.leavesCapUnknown {
            uncertainKeys.formUnion(skip.names.map { NameKey($0) })
        }
    }

    /// Reads one annex export, streaming, and adds its caps.
    ///
    /// ```swift
    /// var caps = AnnexCaps()
    /// try caps.read(InMemoryByteSource(bytes), annex: .v)
    /// caps.limit(for: NameKey("PHENOXYETHANOL"), productType: .leaveOn)?.ppm   // 10000
    /// ```
    /// - Parameters:
    ///   - source: the file's bytes (UTF-8, as both export generations are).
    ///   - annex: which annex the file is.
    /// - Throws: ``AnnexCapsError`` when the file has no header or lacks a needed column; ``CSVError`` when it is
    ///   not valid CSV.
    public mutating func read<Source: ByteSource>(_ source: Source, annex: Annex) throws {
        var reader = CSVReader(source: source)
        var columns: Columns?
        while let record = try reader.next() {
            guard let columns else {
                if record.fields.first?.trimmingWhitespace().lowercased() == "reference number" {
                    columns = try Columns(header: record.fields)
                    reader.expectedFieldCount = record.fields.count
                }
                continue
            }
            readEntry(record, columns: columns, annex: annex)
        }
        if columns == nil { throw AnnexCapsError.noHeader }
    }

    /// The cap of an ingredient in a product type (see the type's documentation), nil when there is none or it
    /// is unknown.
    public func limit(for key: NameKey, productType: ProductUse) -> AnnexLimit? {
        guard !uncertainKeys.contains(key), let indexes = capsByKey[key] else { return nil }
        let uses: [AnnexProductScope] = productType == .unknown ? [.leaveOn, .rinseOff] : [productType.scope]
        var best: AnnexLimit?
        for use in uses {
            let applicable = indexes.map { caps[$0] }.filter {
                $0.scope == .allProducts || $0.scope == use || $0.scope == .specific
            }
            guard !applicable.isEmpty else { return nil }
            var ppms: [Double] = []
            for cap in applicable {
                guard let ppm = cap.ppm else { return nil }
                ppms.append(ppm)
            }
            guard let largest = ppms.max() else { return nil }
            if best == nil || largest > best?.ppm ?? 0 {
                best = AnnexLimit(ppm: largest, caps: applicable.filter { $0.ppm == largest })
            }
        }
        return best
    }

    /// Every name the annexes read give a clause for, for listing.
    public var names: Set<NameKey> { Set(capsByKey.keys) }

    // MARK: Reading

    struct Columns: Hashable, Sendable {
        var reference: Int
        var chemicalName: Int?
        var glossary: Int
        var productType: Int
        var maximum: Int

        init(header: [String]) throws {
            let names = header.map { $0.trimmingWhitespace().lowercased() }
            func find(_ wanted: String, prefix: Bool = false) throws -> Int {
                if let index = names.firstIndex(where: { prefix ? $0.hasPrefix(wanted) : $0.contains(wanted) }) {
                    return index
                }
                throw AnnexCapsError.missingColumn(wanted)
            }
            reference = try find("reference number", prefix: true)
            chemicalName = try? find("chemical name", prefix: true)
            glossary = try find("name of common ingredients glossary")
            productType = try find("product type, body parts")
            maximum = try find("maximum concentration in ready for use preparation")
        }
    }

    private mutating func readEntry(_ record: CSVRecord, columns: Columns, annex: Annex) {
        func cell(_ index: Int?) -> String {
            guard let index, index < record.fields.count else { return "" }
            return record.fields[index].replacingOccurrences(of: "\u{AD}", with: "")
        }
        let reference = cell(columns.reference).trimmingWhitespace()
        let names = Self.splitNames(cell(columns.glossary))
        func skip(_ reason: String, clause: String? = nil, scope: AnnexProductScope? = nil) {
            skipped.append(
                AnnexSkip(
                    annex: annex, reference: String(reference), line: record.line, names: names, clause: clause,
                    reason: reason, leavesCapUnknown: scope != .notSkin))
            if scope != .notSkin { uncertainKeys.formUnion(names.map { NameKey($0) }) }
        }
        if !record.issues.isEmpty {
            skip("unreadable record: \(record.issues.map(\.detail).joined(separator: "; "))")
            return
        }
        guard !names.isEmpty else {
            let moved = cell(columns.chemicalName).lowercased().contains("moved or deleted")
            skip(moved ? "moved or deleted" : "no INCI name in the glossary column")
            return
        }
        let productText = cell(columns.productType)
        let maximumText = cell(columns.maximum)
        let productClauses = Self.lettered(productText)
        let maximumClauses = Self.lettered(maximumText)
        var clauses: [(letter: Character?, product: String, maximum: String)] = []
        switch (productClauses, maximumClauses) {
        case (nil, nil):
            clauses = [(nil, productText, maximumText)]
        case (let products?, nil):
            clauses = products.map { ($0.letter, $0.text, maximumText) }
        case (nil, _?):
            skip("lettered maxima but no lettered product types: \(Self.excerpt(productText))")
            return
        case (let products?, let maxima?):
            let letters = Set(products.map(\.letter))
            if let stray = maxima.first(where: { !letters.contains($0.letter) }) {
                skip("maximum (\(stray.letter)) has no product type (\(stray.letter))")
                return
            }
            clauses = products.map { product in
                (product.letter, product.text, maxima.first { $0.letter == product.letter }?.text ?? "")
            }
        }
        let scopes = Self.resolveOther(clauses.map { Self.classify($0.product) })
        for (clause, scope) in zip(clauses, scopes) {
            let maximum: (ppm: Double, basis: String?)?
            switch Self.parseMaximum(clause.maximum) {
            case .success(let value): maximum = value
            case .failure(let problem):
                skip(
                    "\(problem.reason): \(Self.excerpt(clause.maximum))", clause: clause.letter.map(String.init),
                    scope: scope)
                continue
            }
            for name in names {
                let cap = AnnexCap(
                    name: name, annex: annex, reference: String(reference), line: record.line,
                    clause: clause.letter.map(String.init),
                    scope: scope, productType: String(clause.product.trimmingWhitespace()), ppm: maximum?.ppm,
                    maximumText: String(clause.maximum.trimmingWhitespace()), basis: maximum?.basis)
                capsByKey[cap.key, default: []].append(caps.count)
                caps.append(cap)
            }
        }
    }

    /// `BENZOIC ACID; SODIUM BENZOATE`, `A / B`, `A, B`: the glossary names; empty for `-` or an empty cell.
    static func splitNames(_ cell: String) -> [String] {
        var names: [String] = []
        var current = ""
        let characters = Array(cell)
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : " "
            let after = index + 1 < characters.count ? characters[index + 1] : " "
            let splits =
                character == ";" || character.isNewline
                || (character == "/" && (before.isWhitespace || after.isWhitespace))
                || (character == "," && after.isWhitespace)
            if splits {
                names.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        names.append(current)
        return names.compactMap { raw in
            var name = raw.trimmingWhitespace()
            // A footnote mark: `CETRIMONIUM CHLORIDE (2)`.
            if name.hasSuffix(")"), let open = name.lastIndex(of: "("),
                name[name.index(after: open)..<name.index(before: name.endIndex)].allSatisfy(\.isNumber)
            {
                name = name[..<open].trimmingWhitespace()
            }
            return name.isEmpty || name == "-" ? nil : String(name)
        }
    }

    /// The lettered clauses of a cell (`a) ...`, `(a) ...`), or nil when it has none.
    static func lettered(_ text: String) -> [(letter: Character, text: String)]? {
        let characters = Array(text)
        var markers: [(letter: Character, start: Int, end: Int)] = []
        // The first marker may be any letter (`(b) 1,0 %` when only clause b has a maximum); each later one must be
        // the next letter, so `(a) (i) 8% (ii) 11%` keeps its roman numerals as text.
        var expected: Character?
        var index = 0
        while index < characters.count {
            let atStart = index == 0 || characters[index - 1].isWhitespace
            var cursor = index
            if atStart && characters[cursor] == "(" { cursor += 1 }
            if atStart, cursor + 1 < characters.count, characters[cursor + 1] == ")",
                let ascii = characters[cursor].asciiValue, ascii >= 0x61, ascii <= 0x7A,
                expected == nil || characters[cursor] == expected,
                cursor + 2 == characters.count || characters[cursor + 2].isWhitespace
            {
                markers.append((characters[cursor], index, cursor + 2))
                expected = Character(UnicodeScalar(ascii + 1))
                index = cursor + 2
                continue
            }
            index += 1
        }
        guard !markers.isEmpty else { return nil }
        return markers.enumerated().map { offset, marker in
            let end = offset + 1 < markers.count ? markers[offset + 1].start : characters.count
            return (marker.letter, String(characters[marker.end..<end]))
        }
    }

    // MARK: Product types

    /// A clause's scope before `Other products` is resolved against its siblings.
    enum ClauseScope: Hashable {
        case scope(AnnexProductScope)
        case other
    }

    static let nonSkinWords = [
        "oral", "tooth", "mouth", "hair", "nail", "eyelash", "eyebrow", "depilator", "shampoo", "dye", "denture",
        "waving", "straighten",
    ]
    static let skinWords = [
        "skin", "face", "body", "hand", "soap", "deodorant", "antiperspirant", "anti-perspirant", "cream", "powder",
        "foot", "eye ", "eye-", "lip", "sun", "bath", "shower", "baby", "child",
    ]

    static func classify(_ text: String) -> ClauseScope {
        var normal = " " + text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") + " "
        for (from, to) in [
            ("rinse -off", "rinse-off"), ("rinse- off", "rinse-off"), ("rinse off", "rinse-off"),
            ("leave -on", "leave-on"), ("leave- on", "leave-on"), ("leave on", "leave-on"),
            ("hair leave-on", "hair"), ("hair rinse-off", "hair"), ("rinse-off hair", "hair"),
            ("leave-on hair", "hair"),
        ] {
            normal = normal.replacingOccurrences(of: from, with: to)
        }
        if normal.trimmingWhitespace().isEmpty { return .scope(.allProducts) }
        if normal.trimmingWhitespace().hasPrefix("not to be used") { return .scope(.allProducts) }
        // Exclusions: dropped when they name only non-skin uses, otherwise the clause is for some skin products.
        var kept = normal
        for marker in [" with the exception of ", " except ", " other than ", " excluding ", " not to be used "] {
            guard let range = kept.range(of: marker) else { continue }
            let excluded = String(kept[range.upperBound...])
            kept = String(kept[..<range.lowerBound]) + " "
            if skinWords.contains(where: excluded.contains) || excluded.contains(" other") {
                return .scope(.specific)
            }
        }
        let leave = kept.contains("leave-on")
        let rinse = kept.contains("rinse-off")
        if kept.contains("all cosmetic products") || kept.contains("all products") || (leave && rinse) {
            return .scope(.allProducts)
        }
        if leave { return .scope(.leaveOn) }
        if rinse { return .scope(.rinseOff) }
        let nonSkin = nonSkinWords.contains(where: kept.contains)
        let skin = skinWords.contains(where: kept.contains)
        if nonSkin && !skin { return .scope(.notSkin) }
        if !skin && (kept.contains(" other products") || kept.contains(" other uses")) { return .other }
        return .scope(.specific)
    }

    /// `Other products`: the skin products no sibling covers.
    static func resolveOther(_ scopes: [ClauseScope]) -> [AnnexProductScope] {
        let known = Set(scopes.compactMap { if case .scope(let scope) = $0 { scope } else { nil } })
        let other: AnnexProductScope
        switch (known.contains(.leaveOn), known.contains(.rinseOff), known.contains(.allProducts)) {
        case (false, false, false): other = .allProducts
        case (true, false, false): other = .rinseOff
        case (false, true, false): other = .leaveOn
        default: other = .specific
        }
        return scopes.map { if case .scope(let scope) = $0 { scope } else { other } }
    }

    // MARK: Maxima

    struct MaximumProblem: Error {
        var reason: String
    }

    /// The maximum of one clause: nil for an empty clause (no maximum stated).
    static func parseMaximum(_ text: String) -> Result<(ppm: Double, basis: String?)?, MaximumProblem> {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard let first = lines.first else { return .success(nil) }
        var rest = first
        while let character = rest.first, "-–≤<=*".contains(character) || character.isWhitespace {
            rest = rest.dropFirst()
        }
        let numberEnd = rest.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "," || $0 == ".")) } ?? rest.endIndex
        let number = rest[..<numberEnd]
        guard number.first?.isNumber == true, let value = AmountText.parseNumber(number) else {
            return .failure(MaximumProblem(reason: "no number at the start"))
        }
        rest = rest[numberEnd...].trimmingWhitespace()
        var factor: Double
        if rest.hasPrefix("%") {
            factor = 10_000
            rest = rest.dropFirst()
        } else if rest.lowercased().hasPrefix("ppm") {
            factor = 1
            rest = rest.dropFirst(3)
        } else if rest.lowercased().hasPrefix("mg/kg") {
            factor = 1
            rest = rest.dropFirst(5)
        } else {
            return .failure(MaximumProblem(reason: "no unit after the number"))
        }
        let ppm = (value * factor * 1_000_000).rounded() / 1_000_000
        guard ppm > 0, ppm <= 1_000_000 else { return .failure(MaximumProblem(reason: "outside 0 < x <= 100 %")) }
        var basis = String(rest).replacingOccurrences(of: "(*)", with: "").replacingOccurrences(of: "*", with: "")
            .trimmingWhitespace()
        while let last = basis.last, last == ";" || last == "," { basis = basis.dropLast().trimmingWhitespace() }
        let notes = ["*", "(*", "footnote", "- in case", "in case", "(in case", "when mixed", "if mixed", "the sum"]
        let anotherAmount = lines.dropFirst().contains { line in
            !notes.contains { line.lowercased().hasPrefix($0) } && containsAmount(line)
        }
        if containsAmount(basis) || anotherAmount {
            return .failure(MaximumProblem(reason: "several amounts in one clause"))
        }
        let lower = basis.lowercased()
        let qualifier =
            basis.isEmpty || lower.hasPrefix("as ") || lower.hasPrefix("of ") || lower.hasPrefix("calculated as")
            || isBracketedOnly(basis)
        guard qualifier else { return .failure(MaximumProblem(reason: "text after the amount")) }
        if basis.hasPrefix("("), basis.hasSuffix(")") { basis = basis.dropFirst().dropLast().trimmingWhitespace() }
        return .success((ppm, basis.isEmpty ? nil : String(basis)))
    }

    /// `(acid)`, `(as acid) (*)`: only bracketed groups.
    private static func isBracketedOnly(_ text: Substring) -> Bool {
        var depth = 0
        for character in text {
            if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth < 0 { return false }
            } else if depth == 0 && !character.isWhitespace {
                return false
            }
        }
        return depth == 0
    }

    /// Whether text holds a number followed by `%` or `ppm` (`0,8%`, `4.5 %`).
    private static func containsAmount(_ text: some StringProtocol) -> Bool {
        let characters = Array(text.lowercased())
        for (index, character) in characters.enumerated() where character.isNumber {
            var next = index + 1
            while next < characters.count, characters[next] == " " { next += 1 }
            if next < characters.count, characters[next] == "%" { return true }
            if next + 2 < characters.count, String(characters[next...(next + 2)]) == "ppm" { return true }
        }
        return false
    }

    private static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > 80 ? String(flat.prefix(80)) + "…" : "\"\(flat)\""
    }
}

/// The annexes read for caps.
public enum Annex: String, Hashable, Sendable, Codable, CaseIterable {
    /// Restricted substances.
    case iii = "III"
    /// Allowed preservatives.
    case v = "V"
    /// Allowed UV filters.
    case vi = "VI"
}

/// The kind of product a clause of an annex entry applies to (see ``AnnexCaps``).
public enum AnnexProductScope: String, Hashable, Sendable, Codable, CaseIterable {
    /// The clause applies to every product (an empty cell, `All cosmetic products`, `Other products`, ...).
    case allProducts
    /// Leave-on products only (serums, creams, toners, ...).
    case leaveOn
    /// Rinse-off products only (cleansers, wash-off masks, shampoos).
    case rinseOff
    /// Some kinds of skin products the catalog cannot tell apart (face products, eye products, deodorants).
    case specific
    /// Oral care, hair, nails, eyelashes, depilatories, hair dyes: never applied to a skin care product.
    case notSkin
}

/// A product's type for looking caps up: leave-on (serums, creams, toners, essences, lotions, ampoules) or
/// rinse-off (cleansers, wash-off masks, shampoos), or unknown.
public enum ProductUse: String, Hashable, Sendable, Codable, CaseIterable {
    /// Stays on the skin (serums, creams, toners, essences, lotions, ampoules): leave-on caps apply.
    case leaveOn
    /// Washed off after use (cleansers, wash-off masks, shampoos): rinse-off caps apply.
    case rinseOff
    /// Not known, and never guessed: a cap applies only as the larger of the leave-on and rinse-off caps.
    case unknown

    var scope: AnnexProductScope {
        switch self {
        case .leaveOn: .leaveOn
        case .rinseOff: .rinseOff
        case .unknown: .allProducts
        }
    }
}

/// One clause of an annex entry, for one INCI name.
public struct AnnexCap: Hashable, Sendable, Codable {
    /// The glossary name as printed (`PHENOXYETHANOL`).
    public var name: String
    /// The annex the entry belongs to.
    public var annex: Annex
    /// The entry's reference number as printed (`29`, `1a`, `12 a`); not unique within an annex.
    public var reference: String
    /// The line of the file the entry starts on.
    public var line: Int
    /// The clause's letter, nil for an entry without lettered clauses.
    public var clause: String?
    /// The kind of product the clause applies to, read from ``productType``.
    public var scope: AnnexProductScope
    /// The product-type clause as printed; empty when the cell is.
    public var productType: String
    /// The maximum in ppm; nil when the clause states none (regulated, but not capped).
    public var ppm: Double?
    /// The maximum clause as printed.
    public var maximumText: String
    /// What the maximum is expressed as, when another substance or form (`acid`, `of Hg`, `as free SO2`).
    public var basis: String?

    /// The key the name is matched by.
    public var key: NameKey { NameKey(name) }

    /// `Annex V ref 29`, `Annex V ref 1 (c), as acid`.
    public var citation: String {
        var text = "Annex \(annex.rawValue) ref \(reference)"
        if let clause { text += " (\(clause))" }
        if let basis { text += ", \(basis)" }
        return text
    }

    /// One clause; each argument sets the property of the same name.
    public init(
        name: String, annex: Annex, reference: String, line: Int, clause: String?, scope: AnnexProductScope,
        productType: String, ppm: Double?, maximumText: String, basis: String?
    ) {
        self.name = name
        self.annex = annex
        self.reference = reference
        self.line = line
        self.clause = clause
        self.scope = scope
        self.productType = productType
        self.ppm = ppm
        self.maximumText = maximumText
        self.basis = basis
    }
}

/// An annex entry, or one clause of it, that gave no cap, and why.
public struct AnnexSkip: Hashable, Sendable {
    /// The annex the entry belongs to.
    public var annex: Annex
    /// The entry's reference number as printed (`29`, `1a`).
    public var reference: String
    /// The line of the file the entry starts on.
    public var line: Int
    /// The glossary names of the entry (empty when there are none).
    public var names: [String]
    /// The clause skipped, nil when the whole entry was.
    public var clause: String?
    /// `no number at the start: "Salicylic acid: 0,5 % (acid) ..."`, `moved or deleted`.
    public var reason: String
    /// Whether the skipped clause could apply to a skin product, so its names' caps are unknown (false for a
    /// clause only about oral care, hair, nails and the like).
    public var leavesCapUnknown: Bool

    /// A skipped entry or clause; each argument sets the property of the same name.
    public init(
        annex: Annex, reference: String, line: Int, names: [String], clause: String?, reason: String,
        leavesCapUnknown: Bool = true
    ) {
        self.annex = annex
        self.reference = reference
        self.line = line
        self.names = names
        self.clause = clause
        self.reason = reason
        self.leavesCapUnknown = leavesCapUnknown
    }
}

/// The cap of an ingredient for a product type, and the clauses that set it.
public struct AnnexLimit: Hashable, Sendable {
    /// The most the ingredient may reach in that product type, in ppm.
    public var ppm: Double
    /// The clauses allowing exactly `ppm` (the largest applicable maximum).
    public var caps: [AnnexCap]

    /// A limit of `ppm`, set by `caps`.
    public init(ppm: Double, caps: [AnnexCap]) {
        self.ppm = ppm
        self.caps = caps
    }

    /// `Annex V ref 29`: the clauses that set the cap, for the evidence text.
    public var citation: String { caps.map(\.citation).joined(separator: ", ") }

    /// The cap as ``ListOrderBounds`` takes it.
    public var ingredientCap: IngredientCap { IngredientCap(ppm: ppm, source: citation) }
}

/// Why an annex export could not be read at all.
public enum AnnexCapsError: Error, Equatable, Sendable, LocalizedError {
    /// No record begins with `Reference number`: not a CosIng annex export.
    case noHeader
    /// The header lacks a column the caps need (named in lower case).
    case missingColumn(String)

    /// What is wrong with the file and what to do next, in one sentence.
    public var errorDescription: String? {
        switch self {
        case .noHeader:
            "no header row starting with \"Reference number\": is this a CosIng annex export? download it again "
                + "from the CosIng annexes page"
        case .missingColumn(let name):
            "the annex export has no \"\(name)\" column; check that the file is Annex III, V or VI"
        }
    }
}

extension AnnexCaps {
    /// What the first records of a file say it is (see ``identify(records:fileName:)``).
    public enum Identification: Hashable, Sendable {
        /// No `Reference number` header in the first records: not an annex export.
        case notAnnex
        /// An export of an annex that gives caps.
        case annex(Annex)
        /// An export of Annex II (prohibited substances) or IV (colourants): no caps to read.
        case noCaps(String)
        /// An annex export that does not say which annex it is.
        case unnamed
    }

    /// How many records ``identify(records:fileName:)`` needs at most: the 2025 layout's header is the fifth.
    public static let identificationRecords = 8

    /// Tells an annex export from its first records and its file name: the header is the first record whose first
    /// cell is `Reference number`; the annex is named by the 2025 layout's preamble (`"ANNEX V","Last update: ..."`)
    /// or, for the 2016 layout that has no preamble, by the file name as CosIng spells it (`COSING_Annex.V_v2.csv`,
    /// `COSING_Annex_III_v2_2025-11-11.txt`).
    ///
    /// ```swift
    /// AnnexCaps.identify(records: [["Reference number", "..."]], fileName: "COSING_Annex.V_v2.csv")   // .annex(.v)
    /// ```
    public static func identify(records: [[String]], fileName: String) -> Identification {
        guard
            let header = records.firstIndex(where: {
                $0.first?.trimmingWhitespace().lowercased() == "reference number"
            })
        else { return .notAnnex }
        var named: String?
        for record in records[..<header] {
            for cell in record {
                let words = cell.uppercased().split(whereSeparator: \.isWhitespace)
                if words.count == 2, words[0] == "ANNEX" { named = String(words[1]) }
            }
        }
        if named == nil {
            let upper = fileName.uppercased()
            for candidate in ["III", "II", "IV", "VI", "V"] {
                if upper.contains("ANNEX.\(candidate)_") || upper.contains("ANNEX_\(candidate)_")
                    || upper.contains("ANNEX-\(candidate)") || upper.contains("ANNEX \(candidate)")
                {
                    named = candidate
                    break
                }
            }
        }
        guard let named else { return .unnamed }
        if let annex = Annex(rawValue: named) { return .annex(annex) }
        return .noCaps(named)
    }
}
