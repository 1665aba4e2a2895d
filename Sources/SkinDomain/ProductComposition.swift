/// One ingredient line of a product, resolved and with its amount, ready to store.
public struct ProductIngredientLine: Hashable, Sendable, Codable {
    /// 1-based place in the printed list; nil for may-contain entries and for declared actives not in the list.
    public var position: Int?
    /// The name as printed on the label (`Aqua/Water/Eau`), kept whether or not it resolved.
    public var printedName: String
    /// The printed name's ``NameKey``, as stored, by which it is looked up.
    public var nameKey: String
    /// The canonical ingredient, nil when the name did not resolve (the name is kept regardless).
    public var ingredientId: Int64?
    /// How the name was matched (nil when unresolved).
    public var match: MatchKind?
    /// Whether the line comes from a `May contain` / `[+/-]` section, outside the list's order.
    public var mayContain: Bool
    /// The line's amount, nil when none is declared, printed or inferred.
    public var amount: Amount?
    /// Where ``amount`` comes from: declared, printed, or an inferred upper bound; nil when there is no amount.
    public var amountSource: AmountSource?
    /// The amount as the label wrote it (`NMN 4,000 ppm`), or how an inferred bound was reached
    /// (`at most 1 % (listed after ...)`); nil when there is no amount.
    public var amountText: String?
    /// Which list of a kit the line belongs to (0 for a product with one list); not stored.
    public var component: Int
    /// True when the line is two list entries a stray comma broke apart, joined again
    /// (see docs/real-world-files.md); its printed name is the joined name. Not stored.
    public var rejoined: Bool

    /// A line; each argument sets the property of the same name, except that `match` is dropped when
    /// `ingredientId` is nil.
    public init(
        position: Int?, printedName: String, nameKey: String, ingredientId: Int64?, mayContain: Bool,
        amount: Amount? = nil, amountSource: AmountSource? = nil, amountText: String? = nil,
        match: MatchKind? = nil, component: Int = 0, rejoined: Bool = false
    ) {
        self.component = component
        self.rejoined = rejoined
        self.position = position
        self.printedName = printedName
        self.nameKey = nameKey
        self.ingredientId = ingredientId
        self.match = ingredientId == nil ? nil : match
        self.mayContain = mayContain
        self.amount = amount
        self.amountSource = amountSource
        self.amountText = amountText
    }
}

/// Builds a product's ingredient lines from its INCI list and declared actives.
///
/// - Every listed entry becomes a line, resolved or not, in printed order; may-contain entries follow without
///   positions.
/// - A declared active (`NMN 4,000 ppm`) sets the amount of the listed entry it resolves to, with source
///   `declared` (a declaration on the label wins over an amount printed in the list). An active that is not in
///   the list becomes a line of its own without a position, so the declaration is never lost.
/// - For NAD+ precursors (NMN, niacinamide) with no amount, an upper bound is inferred from the list order
///   (DOMAIN.md, "the 1 % line"): an ingredient listed after one with a known amount A holds at most
///   max(A, 1 %), because the list is in descending order down to 1 % and everything after the 1 % line is
///   under 1 %. The bound is stored with source `inferred` and is never shown as declared.
public enum ProductComposition {
    /// - Parameters:
    ///   - listing: the parsed row.
    ///   - resolver: the dictionary look-up (its cache is updated).
    ///   - isPrecursor: whether an ingredient id is an NAD+ precursor, for the upper-bound inference.
    ///   - groupId: the id of the group ingredient a shortened name stands for (the catalog finds or makes it).
    public static func lines<Resolver: NameResolving>(
        for listing: ProductListing,
        resolver: inout Resolver,
        isPrecursor: (Int64) -> Bool,
        groupId: (IngredientGroup) throws -> Int64
    ) throws -> [ProductIngredientLine] {
        var lines: [ProductIngredientLine] = []
        lines.reserveCapacity(listing.inci.entries.count + listing.actives.count)
        // Positions after a split run-together name move down by one; after a rejoined broken name, up by one.
        var shift = 0
        let entries = listing.inci.entries
        var next = entries.startIndex
        while next < entries.endIndex {
            var entry = entries[next]
            next += 1
            let resolution = try resolver.resolve(entry.printedName)
            var parts = [(name: entry.printedName, resolution: resolution)]
            var rejoined = false
            // A first part matched only fuzzily proves little (`Tocopheryl, Acetate`): the join may still be better.
            let weak = resolution.ingredientId == nil && resolution.group == nil
            if weak || resolution.match == .fuzzy {
                if next < entries.endIndex, let joined = try rejoin(entry, entries[next], resolver: &resolver) {
                    parts = [joined]
                    rejoined = true
                    entry.amount = entries[next].amount
                    entry.amountText = entries[next].amountText
                    next += 1
                } else if weak, let split = try resolver.runTogether(entry.printedName) {
                    parts = split
                }
            }
            for (index, part) in parts.enumerated() {
                if index > 0 && entry.position != nil { shift += 1 }
                // An amount printed after the entry belongs to its last name.
                let amount = index == parts.count - 1 ? entry.amount : nil
                lines.append(
                    ProductIngredientLine(
                        position: entry.position.map { $0 + shift }, printedName: part.name,
                        nameKey: part.resolution.key.rawValue,
                        ingredientId: try part.resolution.ingredientId ?? part.resolution.group.map(groupId),
                        mayContain: entry.mayContain, amount: amount,
                        amountSource: amount == nil ? nil : .printed,
                        amountText: amount == nil ? nil : entry.amountText,
                        match: part.resolution.match, component: entry.component, rejoined: rejoined))
            }
            if rejoined && entry.position != nil { shift -= 1 }
        }
        for active in listing.actives {
            let resolution = try resolver.resolve(active.name)
            let resolvedId = try resolution.ingredientId ?? resolution.group.map(groupId)
            let target = lines.firstIndex {
                !$0.mayContain
                    && (resolvedId != nil ? $0.ingredientId == resolvedId : $0.nameKey == resolution.key.rawValue)
            }
            if let target {
                lines[target].amount = active.amount
                lines[target].amountSource = .declared
                lines[target].amountText = active.text
            } else {
                lines.append(
                    ProductIngredientLine(
                        position: nil, printedName: active.name, nameKey: resolution.key.rawValue,
                        ingredientId: resolvedId, mayContain: false, amount: active.amount,
                        amountSource: .declared, amountText: active.text, match: resolution.match))
            }
        }
        inferUpperBounds(&lines, isPrecursor: isPrecursor)
        return lines
    }

    /// A name a stray comma broke in two (`Hexylene, Glycol`, `Polyglyceryl-10, Oleate`, `Helianthus, Annuus
    /// (Sunflower) Seed Oil`, `2-Oleamido-1, 3-Octadecanediol`), as scraped lists often print: the first part
    /// resolves to nothing, and the two joined resolve. Joined by a space; by a comma when digits meet (chemical
    /// locants, `1,3-`); by a slash (the monomers of a copolymer, `Hydroxyethyl Acrylate, Sodium Acryloyldimethyl
    /// Taurate Copolymer`). The joined name must resolve exactly, partially or by a botanical spelling; never
    /// fuzzily (a near miss of two joined fragments proves nothing) nor as a shortened name (`castor oil,
    /// propanediol`, where a truncated name meets the next, would be taken for a longer name); joined by a slash,
    /// only exactly, as is any joined name with a slash (slash alternatives resolve when one of them does). The
    /// joined name must name something the second part alone does not (`Foo, Glycerin` is not `Foo/Glycerin`).
    /// Both parts must sit in the same section of the list, and the first must carry no amount.
    /// Returns the joined name (what the line stores as printed) and its resolution.
    static func rejoin<Resolver: NameResolving>(
        _ first: INCIEntry, _ second: INCIEntry, resolver: inout Resolver
    ) throws -> (name: String, resolution: Resolution)? {
        guard first.amount == nil, first.mayContain == second.mayContain, first.component == second.component,
            (first.position == nil) == (second.position == nil)
        else { return nil }
        // The parser trims the names it prints.
        let head = first.printedName
        let tail = second.printedName
        guard !head.isEmpty, !tail.isEmpty else { return nil }
        // A joined name with a slash in it resolves only exactly: slash alternatives resolve partially when one of
        // them does, so `Mel/Honey Extract, Mica` would become MEL and lose the mica.
        let slashed = head.contains { $0 == "/" || $0 == "\\" } || tail.contains { $0 == "/" || $0 == "\\" }
        var candidates = [(name: "\(head) \(tail)", slash: slashed)]
        if head.last?.isNumber == true && tail.first?.isNumber == true {
            candidates.insert(("\(head),\(tail)", slashed), at: 0)
        }
        candidates.append(("\(head)/\(tail)", true))
        var alone: Int64??
        for candidate in candidates {
            let resolution = try resolver.resolve(candidate.name)
            guard let id = resolution.ingredientId, resolution.group == nil else { continue }
            switch resolution.match {
            case .exact: break
            case .partial, .renamed: if candidate.slash { continue }
            case .shortened, .fuzzy, nil: continue
            }
            if alone == nil { alone = try resolver.resolve(tail).ingredientId }
            if alone == id { continue }
            return (candidate.name, resolution)
        }
        return nil
    }

    private static func inferUpperBounds(_ lines: inout [ProductIngredientLine], isPrecursor: (Int64) -> Bool) {
        var bound: Double?
        var boundSource = ""
        var component = 0
        for index in lines.indices where lines[index].position != nil {
            // Each list of a kit is in descending order on its own: an amount in one says nothing of another.
            if lines[index].component != component {
                component = lines[index].component
                bound = nil
            }
            if let amount = lines[index].amount, lines[index].amountSource != .inferred {
                let candidate = max(amount.ppm, 10_000)
                if bound.map({ candidate < $0 }) ?? true {
                    bound = candidate
                    boundSource = lines[index].printedName
                }
            } else if let bound, let id = lines[index].ingredientId, isPrecursor(id) {
                lines[index].amount = Amount(ppm: bound)
                lines[index].amountSource = .inferred
                lines[index].amountText = "at most \(Self.format(ppm: bound)) (listed after \(boundSource))"
            }
        }
    }

    /// `10,000 ppm`, `4,000 ppm`, `2.5 ppm`.
    public static func format(ppm: Double) -> String {
        if abs(ppm) < 1e15, let whole = Int64(exactly: ppm) {
            let digits = String(whole)
            var grouped = ""
            for (offset, character) in digits.reversed().enumerated() {
                if offset > 0 && offset % 3 == 0 && character != "-" { grouped.append(",") }
                grouped.append(character)
            }
            return String(grouped.reversed()) + " ppm"
        }
        return "\(ppm) ppm"
    }
}
