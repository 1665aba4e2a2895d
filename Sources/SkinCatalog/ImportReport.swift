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

    public init(strict: Bool = false, encoding: TextEncoding = .utf8, delimiter: UInt8 = UInt8(ascii: ","),
                dryRun: Bool = false, stopAfter: Int? = nil, now: Date = Date()) {
        self.strict = strict
        self.encoding = encoding
        self.delimiter = delimiter
        self.dryRun = dryRun
        self.stopAfter = stopAfter
        self.now = now
    }
}

/// Progress of a running import, for a progress indicator.
public struct ImportProgress: Sendable {
    public var rowsRead: Int
    public var bytesRead: Int64
    /// 0 when unknown (a pipe).
    public var totalBytes: Int64
}

/// What one import did: counts, every quarantined row, and the ingredient names it could not resolve.
public struct ImportReport: Sendable, Codable, Equatable {
    /// A row set aside, with where it came from and why.
    public struct QuarantinedRow: Sendable, Codable, Equatable {
        public var line: Int
        public var field: String?
        public var reason: String
        public var rawRow: String
    }

    /// An ingredient name that resolved to nothing, with how often it was seen.
    public struct UnresolvedName: Sendable, Codable, Equatable {
        public var name: String
        public var key: String
        public var count: Int
    }

    public var file: String
    /// The import run's id in the catalog (nil for a dry run).
    public var runId: Int64?
    public var dryRun: Bool
    public var rowsRead = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var quarantined: [QuarantinedRow] = []
    /// Ingredient tokens (list entries and declared actives) seen, and how many resolved.
    public var ingredientTokens = 0
    public var resolvedTokens = 0
    /// Distinct unresolved names, most frequent first.
    public var unresolvedNames: [UnresolvedName] = []
    /// Things worth knowing that are not errors: unknown columns, repeated SKUs.
    public var warnings: [String] = []

    /// The share of ingredient tokens that resolved, between 0 and 1 (1 when there were none).
    public var resolutionRate: Double {
        ingredientTokens == 0 ? 1 : Double(resolvedTokens) / Double(ingredientTokens)
    }

    /// One line for stderr: `imported Fixtures/catalog.csv: 44 rows, 44 new, 0 updated, 0 unchanged, ...`.
    public var summary: String {
        let verb = dryRun ? "dry run of" : "imported"
        return "\(verb) \(file): \(rowsRead) rows: \(inserted) new, \(updated) updated, \(unchanged) unchanged, "
            + "\(quarantined.count) quarantined; \(unresolvedNames.count) ingredient names unresolved "
            + "(\(ingredientTokens - resolvedTokens) of \(ingredientTokens) tokens)"
    }
}
