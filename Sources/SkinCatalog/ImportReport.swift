import Foundation

/// How to import a file.
public struct ImportOptions: Sendable {
    /// Abort the whole file, writing nothing, at the first row that cannot be imported.
    public var strict = false
    /// The file's text encoding; anything invalid in it is an error, never replaced silently.
    public var encoding: TextEncoding = .utf8
    /// The field separator.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Do everything, then roll back: the report says what would happen.
    public var dryRun = false
    /// Stop after this many data rows.
    public var stopAfter: Int?
    /// The time recorded for the run (a parameter so tests are deterministic).
    public var now = Date()
    /// Which columns hold which fields, defaults and the derived-key recipe (`--map`, `--profile`); empty for a
    /// file in the CSV contract.
    public var mapping = ColumnMapping()
    /// The profile's name (or file), recorded with the run.
    public var profileName: String?
    /// Try fuzzy matching for names that match no dictionary name exactly (matches are marked `fuzzy`).
    public var fuzzy = true
    /// The file's format; nil to tell it from the file (``InputFormat``).
    public var inputFormat: InputFormat?
    /// The source the file's rows are offers of (`--source`); nil for the profile's default, else a name derived
    /// from the file name (`ProductIdentity.sourceName(fromFile:)`). A sku is unique within its source only.
    public var source: String?
    /// The source a profile names, used when ``source`` is nil.
    public var profileSource: String?
    /// Delete the offers of the source that this file no longer lists, and the products left without an offer,
    /// instead of marking them not seen.
    public var prune = false

    /// Options with the defaults of `skincat import`: lenient (bad rows quarantined), UTF-8, comma-separated,
    /// written, every row, fuzzy matching on, the file in the CSV contract (no mapping).
    public init(
        strict: Bool = false, encoding: TextEncoding = .utf8, delimiter: UInt8 = UInt8(ascii: ","),
        dryRun: Bool = false, stopAfter: Int? = nil, now: Date = Date(), mapping: ColumnMapping = ColumnMapping(),
        profileName: String? = nil, fuzzy: Bool = true
    ) {
        self.strict = strict
        self.encoding = encoding
        self.delimiter = delimiter
        self.dryRun = dryRun
        self.stopAfter = stopAfter
        self.now = now
        self.mapping = mapping
        self.profileName = profileName
        self.fuzzy = fuzzy
    }

    /// Sets the mapping from a profile (a shipped name or a FILE.json), `--map` columns over it and a `--key`
    /// recipe, and records what was used with the run.
    ///
    /// ```swift
    /// var options = ImportOptions()
    /// try options.configure(profile: "lookfantastic", map: "category=product_type", key: nil)
    /// ```
    /// - Throws: ``CatalogError/badProfile(name:reason:)`` for an unknown profile or an unreadable or invalid
    ///   profile file; ``CatalogError/badMapping(_:)`` for a mapping or key entry naming an unknown field.
    ///
    /// `noHeader` reads a file without a header row (the mapping then gives 1-based column numbers); `absorb` names
    /// the free-text field that takes the extra fields of a row with too many.
    public mutating func configure(
        profile: String?, map: String?, key: String?, noHeader: Bool = false, absorb: String? = nil
    ) throws(CatalogError) {
        var mapping = ColumnMapping()
        var labels: [String] = []
        if let profile {
            let loaded = try ImportProfile.named(profile)
            do {
                mapping = try loaded.mapping()
            } catch {
                throw .badProfile(name: profile, reason: error.description)
            }
            labels.append(profile)
            profileSource = loaded.source ?? loaded.name
        }
        do {
            if let map {
                mapping.columns.merge(try ColumnMapping.parse(map)) { $1 }
                labels.append("map \(map)")
            }
            if let key {
                mapping.key = try ColumnMapping.parseKey(key)
                labels.append("key \(key)")
            }
            if noHeader {
                mapping.hasHeader = false
                labels.append("no header")
            }
            if let absorb {
                mapping.absorb = try ColumnMapping.absorbingField(absorb, in: "the absorbing field")
                labels.append("absorb \(absorb)")
            }
        } catch {
            throw .badMapping(error.description)
        }
        self.mapping = mapping
        profileName = labels.isEmpty ? nil : labels.joined(separator: " ")
    }

    /// The source an import of `file` writes offers of: ``source``, else the profile's, else one derived from the
    /// file name (`fromFileName` true, so the report can say so).
    public func sourceName(forFile file: String) -> (name: String, fromFileName: Bool) {
        if let source, !source.isEmpty { return (source, false) }
        if let profileSource, !profileSource.isEmpty { return (profileSource, false) }
        return (ProductIdentity.sourceName(fromFile: file), true)
    }
}

/// Progress of a running import, for a progress indicator.
public struct ImportProgress: Sendable {
    /// Data rows read so far (header excluded).
    public var rowsRead: Int
    /// Bytes of the file read so far.
    public var bytesRead: Int64
    /// 0 when unknown (a pipe).
    public var totalBytes: Int64
}

/// What one import did: counts, every quarantined row, and the ingredient names it could not resolve.
public struct ImportReport: Sendable, Codable, Equatable {
    /// A row set aside, with where it came from and why.
    public struct QuarantinedRow: Sendable, Codable, Equatable {
        /// The 1-based line of the file the row starts on.
        public var line: Int
        /// The field (contract name, `price`) that could not be read; nil when the row as a whole could not be.
        public var field: String?
        /// Why the row was set aside, with the offending value (`price: "twelve" is not a number`).
        public var reason: String
        /// The reason's category, without the row's values (`ingredients: placeholder "No Info"`).
        public var kind: String
        /// The row as it was in the file, so nothing is lost (also kept in the catalog's `quarantinedRow` table).
        public var rawRow: String
    }

    /// A row imported after a repair (its extra fields rejoined into the absorbing field), with its line.
    public struct RepairedRow: Sendable, Codable, Equatable {
        /// The 1-based line of the file the row starts on.
        public var line: Int
        /// The free-text field that absorbed the extra fields (`name`).
        public var field: String
        /// What was rejoined (`3 extra fields rejoined into name`).
        public var reason: String
    }

    /// An ingredient name that resolved to nothing, with how often it was seen.
    public struct UnresolvedName: Sendable, Codable, Equatable {
        /// The name as printed (its first spelling in the file).
        public var name: String
        /// The normalised key the name was looked up by (`NameKey`): spellings that differ only in case, accents
        /// or spacing share one.
        public var key: String
        /// How many list entries printed it.
        public var count: Int
    }

    /// The file as given (a path, or `-` for standard input).
    public var file: String
    /// The profile or mapping the file was read with (nil for the plain CSV contract).
    public var profile: String?
    /// The import run's id in the catalog (nil for a dry run).
    public var runId: Int64?
    /// Whether everything was rolled back (``ImportOptions/dryRun``): the counts say what would have happened.
    public var dryRun: Bool
    /// Data rows read (header excluded), quarantined ones included.
    public var rowsRead = 0
    /// Rows that became new offers.
    public var inserted = 0
    /// Rows whose offer changed (its content hash differs from the stored one) and was rewritten.
    public var updated = 0
    /// Rows identical to their stored offer: nothing written.
    public var unchanged = 0
    /// Rows set aside, in file order, each with its line and reason.
    public var quarantined: [QuarantinedRow] = []
    /// Rows imported after a repair, in file order.
    public var repaired: [RepairedRow] = []
    /// Repaired rows counted by reason category.
    public var repairedByReason: [String: Int] = [:]
    /// Ingredient tokens (list entries and declared actives) seen, and how many resolved.
    public var ingredientTokens = 0
    /// Of ``ingredientTokens``, those that resolved to a dictionary ingredient (or a group).
    public var resolvedTokens = 0
    /// Of the resolved tokens, how many matched fuzzily (a near miss of a dictionary name) and partially.
    public var fuzzyTokens = 0
    /// Of the resolved tokens, how many matched partially: a part of the name (without its parenthesised part, a
    /// parenthesised synonym, agreeing slash alternatives).
    public var partialTokens = 0
    /// Of the resolved tokens, how many through a shortened name (a dictionary name with words left out), and of
    /// those how many to a group (a shortened name several dictionary names share; see `IngredientGroup`).
    public var shortenedTokens = 0
    /// Of the shortened tokens, how many resolved to a group rather than one ingredient.
    public var groupTokens = 0
    /// Of the resolved tokens, how many through an older or variant botanical spelling (`Citrus Medica Limonum`).
    public var renamedTokens = 0
    /// Of the resolved tokens, how many are two list entries a stray comma broke apart (`Hexylene, Glycol`), joined
    /// again because only together they name an ingredient (`ProductComposition.rejoin(_:_:resolver:)`).
    public var rejoinedTokens = 0
    /// The source the rows are offers of, and whether its name was derived from the file name.
    public var source = ""
    /// True when no source was given and the name was derived from the file name (the summary says so).
    public var sourceFromFileName = false
    /// New offers that joined a product another source already lists; of them, those listed for review
    /// (`skincat merges`); new products kept apart from a same-name product (a possible reformulation).
    public var merged = 0
    /// Of the merged offers, those matched on incomplete evidence and listed for review (`skincat merges`).
    public var forReview = 0
    /// New products kept apart from a same-name product of another source whose list differs too much.
    public var keptApart = 0
    /// Offers of the source that this file no longer lists: marked not seen, or deleted with `prune`.
    public var notSeen = 0
    /// Offers deleted because the file no longer lists them (``ImportOptions/prune``).
    public var pruned = 0
    /// Quarantined rows counted by reason category (``QuarantinedRow/kind``).
    public var quarantinedByReason: [String: Int] = [:]
    /// Distinct unresolved names, most frequent first.
    public var unresolvedNames: [UnresolvedName] = []
    /// Distinct names that matched fuzzily, with what they matched, most frequent first.
    public var fuzzyMatches: [FuzzyMatch] = []
    /// Distinct shortened names, with what they were taken for, most frequent first.
    public var shortenedNames: [ShortenedName] = []

    /// A shortened printed name and what it resolved to: one ingredient, or a group of `members` ingredients.
    public struct ShortenedName: Sendable, Codable, Equatable {
        /// The name as printed.
        public var name: String
        /// The ingredient's INCI name, or the group's name.
        public var inciName: String
        /// 1 for a single ingredient; the group's size otherwise.
        public var members: Int
        /// How many list entries printed it.
        public var count: Int
    }

    /// A printed name matched fuzzily, and the canonical ingredient it was taken for.
    public struct FuzzyMatch: Sendable, Codable, Equatable {
        /// The name as printed (`Phenoxyethano`).
        public var name: String
        /// The canonical INCI name it was taken for (`PHENOXYETHANOL`).
        public var inciName: String
        /// How many list entries printed it.
        public var count: Int
    }
    /// Things worth knowing that are not errors: unknown columns, repeated SKUs.
    public var warnings: [String] = []

    /// The share of ingredient tokens that resolved, between 0 and 1 (1 when there were none); set when the import
    /// ends, and written with the JSON report.
    public var resolutionRate: Double = 1

    /// One line for stderr: `imported Fixtures/catalog.csv: 44 rows, 44 new, 0 updated, 0 unchanged, ...`.
    public var summary: String {
        let verb = dryRun ? "dry run of" : "imported"
        let repairedText = repaired.isEmpty ? "" : "\(repaired.count) repaired, "
        let mergedText = merged == 0 ? "" : "\(merged) merged, "
        return
            "\(verb) \(file): \(rowsRead) rows: \(inserted) new, \(mergedText)\(updated) updated, \(unchanged) unchanged, "
            + "\(repairedText)\(quarantined.count) quarantined; \(unresolvedNames.count) ingredient names unresolved "
            + "(\(ingredientTokens - resolvedTokens) of \(ingredientTokens) tokens)"
    }

    /// The lines after the summary: quarantined rows by reason, the resolution rate with its fuzzy share, and
    /// the ten most frequent unresolved names. The first line names the source and what happened to its offers.
    public var details: [String] {
        var lines: [String] = []
        let origin = sourceFromFileName ? " (named after the file)" : ""
        var offers = "  source \(source)\(origin)"
        if merged > 0 { offers += "; \(merged) offers joined products other sources list (\(forReview) for review)" }
        if keptApart > 0 { offers += "; \(keptApart) same-name products kept apart (possible reformulations)" }
        if pruned > 0 {
            offers += "; \(pruned) offers no longer listed were pruned"
        } else if notSeen > 0 {
            offers += "; \(notSeen) offers no longer listed are marked not seen"
        }
        lines.append(offers)
        for (kind, count) in repairedByReason.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            lines.append("  repaired \(count): \(kind)")
        }
        for (kind, count) in quarantinedByReason.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            lines.append("  quarantined \(count): \(kind)")
        }
        if ingredientTokens > 0 && (resolvedTokens < ingredientTokens || fuzzyTokens > 0) {
            let rate = (resolutionRate * 1000).rounded(.down) / 10
            var line =
                "  resolved \(resolvedTokens) of \(ingredientTokens) ingredient tokens (\(rate) %), "
                + "\(fuzzyTokens) of them fuzzily"
            if renamedTokens > 0 { line += ", \(renamedTokens) by an older botanical spelling" }
            if rejoinedTokens > 0 { line += ", \(rejoinedTokens) joined again where a stray comma broke the name" }
            if shortenedTokens > 0 {
                line +=
                    ", \(shortenedTokens) by a shortened name (\(groupTokens) of them to a group: one of several "
                    + "ingredients, the label does not say which)"
            }
            lines.append(line)
        }
        let groups = shortenedNames.filter { $0.members > 1 }
        if !groups.isEmpty {
            let top = groups.prefix(5).map { "\($0.name) (\($0.count), one of \($0.members))" }
            lines.append("  top groups: \(top.joined(separator: ", "))")
        }
        if !unresolvedNames.isEmpty {
            let top = unresolvedNames.prefix(10).map { "\($0.name) (\($0.count))" }.joined(separator: ", ")
            lines.append("  top unresolved: \(top)")
        }
        return lines
    }
}
