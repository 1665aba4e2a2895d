import Foundation
import GRDB

/// Why a catalog operation failed. Row-level import problems are not errors: they are quarantined and
/// reported in ``ImportReport``; these are the failures that stop a command.
public enum CatalogError: Error, Equatable, Sendable {
    /// The catalog file was made by a newer skincat (it has migrations this build does not know).
    case newerCatalog(path: String, unknownMigrations: [String])
    /// The catalog could not be opened or is not a skincat catalog.
    case cannotOpen(path: String, reason: String)
    /// An input file does not exist or cannot be read.
    case unreadableFile(path: String, reason: String)
    /// An input file has no header row.
    case emptyFile(path: String)
    /// An input file's header cannot be used (a required column is missing, a column appears twice).
    case badHeader(path: String, reason: String)
    /// An input file is not valid text in its encoding, or a quoted field never closes.
    case malformedFile(path: String, line: Int, reason: String)
    /// A strict import (``ImportOptions/strict``): a row could not be imported, so nothing from the file was written.
    case rowRejected(path: String, line: Int, field: String?, reason: String)
    /// No product has this SKU.
    case unknownSKU(String)
    /// An import profile cannot be used: which one, and why.
    case badProfile(name: String, reason: String)
    /// A column mapping, a derived key's fields or the absorbing field cannot be used: the sentence says which
    /// entry and why.
    case badMapping(String)
    /// The rubric has no active by this name.
    case unknownActive(String, known: [String])
    /// A rubric file cannot be used: the file, the key and what is wrong.
    case badRubric(path: String, reason: String)
    /// The profile already has a verdict on this product; remove it first or replace it.
    case duplicateVerdict(sku: String, profile: String, existing: VerdictOutcome)
    /// The profile has no verdict on this product.
    case noVerdict(sku: String, profile: String)
    /// A verdict that cannot be recorded (a reason on a product that worked, an unusable profile name).
    case invalidVerdict(String)
    /// The database reported an error.
    case database(String)
    /// A read was asked of a catalog file that does not exist (a read never creates one).
    case notFound(path: String)
    /// The catalog was made by an older skincat and must be upgraded before this one can read it, but its file or
    /// folder cannot be written.
    case needsUpgrade(path: String)
    /// A migration applied to this catalog differs from the file this build ships: the catalog was migrated by a
    /// development build whose migration was later edited. The identifiers of the migrations that differ.
    case migrationChanged(path: String, identifiers: [String])
    /// Another process held the catalog's write lock for longer than the wait allowed (seconds).
    case busy(path: String, waited: Double)
    /// The catalog's file or folder cannot be written, and the command writes.
    case readOnly(path: String)
    /// An EU CosIng annex export that says neither in a preamble nor in its file name which annex it is.
    case unnamedAnnex(path: String)
    /// A user alias that cannot be added or removed: the sentence says which and why.
    case badAlias(String)
    /// No dictionary ingredient has this name (the target of a user alias).
    case unknownIngredient(String)
    /// A sku that several sources list for different products: the offers, as `SOURCE:SKU`, to choose from.
    case ambiguousSKU(String, offers: [String])
    /// A link or unlink that cannot be made: the sentence says why.
    case cannotLink(String)
    /// A study that cannot be stored: the field and why (`ingredients: no ingredient named "NMM" in the dictionary`).
    case invalidStudy(String)
    /// No study has this key, DOI or PMID.
    case unknownStudy(String)
    /// A rates file cannot be used: the line (0 when not about one line), the field and why.
    case badRates(path: String, line: Int, field: String?, reason: String)
}

extension CatalogError: LocalizedError {
    /// One sentence saying what went wrong and where (the file, the sku, the name), in the library's words: no
    /// command or flag names (a command line adds its own hints).
    public var errorDescription: String? {
        switch self {
        case .newerCatalog(let path, let unknown):
            "\(path) was made by a newer skincat (it has migration \(unknown.joined(separator: ", "))); "
                + "upgrade skincat to open it"
        case .cannotOpen(let path, let reason):
            "cannot open catalog \(path): \(reason)"
        case .unreadableFile(let path, let reason):
            "\(path): cannot read the file: \(reason)"
        case .emptyFile(let path):
            "\(path): the file is empty; expected a header row naming at least sku, brand and name"
        case .badHeader(let path, let reason):
            "\(path):1: \(reason)"
        case .malformedFile(let path, let line, let reason):
            "\(path):\(line): \(reason); nothing was imported"
        case .rowRejected(let path, let line, let field, let reason):
            "\(path):\(line): \(field.map { "\($0): " } ?? "")\(reason); nothing from the file was imported"
        case .unknownActive(let name, let known):
            "the rubric has no active \"\(name)\"; use \(known.joined(separator: " or "))"
        case .badRubric(let path, let reason):
            "\(path): \(reason)"
        case .unknownSKU(let sku):
            "no product with sku \"\(sku)\" (skus are compared exactly: leading zeros count)"
        case .badProfile(let name, let reason):
            "import profile \(name): \(reason)"
        case .badMapping(let reason):
            reason
        case .duplicateVerdict(let sku, let profile, let existing):
            "profile \"\(profile)\" already has a verdict on \(sku) (\(existing.rawValue))"
        case .noVerdict(let sku, let profile):
            "profile \"\(profile)\" has no verdict on \(sku)"
        case .invalidVerdict(let reason):
            reason
        case .database(let message):
            "database error: \(message)"
        case .notFound(let path):
            "no catalog at \(path)"
        case .needsUpgrade(let path):
            "\(path) was made by an older skincat and must be upgraded before it can be read, but the file or its "
                + "folder cannot be written; copy it somewhere writable, or open it once with write access"
        case .migrationChanged(let path, let identifiers):
            "\(path) was migrated with a version of \(identifiers.joined(separator: ", ")) that differs from the one "
                + "this skincat ships (a development build); re-import its data into a new catalog"
        case .busy(let path, let waited):
            "another process is writing to \(path) (another skincat import?); gave up after waiting "
                + "\(Int(waited.rounded())) s; try again when it has finished"
        case .unnamedAnnex(let path):
            "\(path): an annex export that does not say which annex it is (no \"ANNEX V\" line above its header, "
                + "no \"Annex.V\" in its file name); name the annex: III, V or VI"
        case .readOnly(let path):
            "\(path) is read-only (the file or its folder cannot be written)"
        case .unknownIngredient(let name):
            "no dictionary ingredient is named \"\(name)\""
        case .badAlias(let reason):
            reason
        case .ambiguousSKU(let sku, let offers):
            "sku \"\(sku)\" is listed by several sources for different products; name one as SOURCE:SKU: "
                + offers.joined(separator: ", ")
        case .cannotLink(let reason):
            reason
        case .invalidStudy(let reason):
            "the study cannot be stored: \(reason)"
        case .unknownStudy(let reference):
            "no study has the key, DOI or PMID \"\(reference)\""
        case .badRates(let path, let line, let field, let reason):
            "\(path)\(line > 0 ? ":\(line)" : ""): \(field.map { "\($0): " } ?? "")\(reason)"
        }
    }
}

extension Catalog {
    /// A value read from the catalog as its enum: a value the enum does not know (a catalog written by another
    /// program, or damaged) is an error naming the column, never read as some default.
    static func stored<Value: RawRepresentable>(_ raw: String, as type: Value.Type, in column: String) throws
        -> Value where Value.RawValue == String
    {
        guard let value = Value(rawValue: raw) else {
            throw CatalogError.database("unknown value \"\(raw)\" in \(column)")
        }
        return value
    }

    /// A product's use as stored: nil (imported before skincat read it) is `unknown`; another value is an error.
    static func storedUse(_ raw: String?) throws -> ProductUse {
        try raw.map { try stored($0, as: ProductUse.self, in: "product.productUse") } ?? .unknown
    }
}

extension CatalogError {
    /// Wraps an error thrown by GRDB (or anything else below us) so callers see one error type.
    /// Knowing the catalog's path, a lock held too long becomes ``busy(path:waited:)`` and a write to a read-only
    /// file ``readOnly(path:)``.
    static func wrap(_ error: any Error, path: String? = nil, waited: Double = Catalog.LockWait().timeout)
        -> CatalogError
    {
        if let error = error as? CatalogError { return error }
        if let path, let busy = busy(error, path: path, waited: waited) { return busy }
        if let error = error as? DatabaseError {
            if let path, error.resultCode == .SQLITE_READONLY { return .readOnly(path: path) }
            return .database(error.message ?? error.description)
        }
        return .database(String(describing: error))
    }

    /// ``busy(path:waited:)`` when `error` is SQLite's "database is locked", nil otherwise.
    static func busy(_ error: any Error, path: String, waited: Double) -> CatalogError? {
        guard let error = error as? DatabaseError, error.resultCode == .SQLITE_BUSY else { return nil }
        return .busy(path: path, waited: waited)
    }
}
