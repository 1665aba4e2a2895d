import Foundation
import GRDB

/// A verdict as stored: whose, on which product, worked or failed, why, and when it was recorded.
public struct VerdictRecord: Sendable, Codable, Equatable {
    /// The person the verdict belongs to (`VerdictProfile`).
    public var profile: String
    /// The key of the product it is about.
    public var sku: String
    /// The product's brand, as its label prints it.
    public var brand: String
    /// The product's name, as its label prints it.
    public var name: String
    /// Whether the product worked or failed.
    public var outcome: VerdictOutcome
    /// Why it failed; nil for a product that worked.
    public var reason: VerdictReason?
    /// The person's own words about it; nil when they gave none.
    public var note: String?
    /// When the verdict was recorded.
    public var recordedAt: Date
}

extension Catalog {
    /// Records that a product worked or failed for a person.
    ///
    /// One verdict per profile and product: a second one is refused unless `replacing` is true. A reason says why
    /// a product failed, so it is refused on a product that worked (use the note). Verdicts survive re-imports
    /// (products are updated in place) and go when their product does.
    ///
    /// ```swift
    /// try catalog.addVerdict(.failed, sku: "00105", reason: .breakout, note: "chin, after a week")
    /// ```
    /// - Parameters:
    ///   - outcome: `.worked` or `.failed`.
    ///   - sku: the product's sku, exactly as imported.
    ///   - reason: why it failed (only with `.failed`).
    ///   - note: free text; empty text counts as none.
    ///   - profile: whose verdict; `VerdictProfile.defaultName` when omitted.
    ///   - replacing: replace an existing verdict on the same product instead of refusing.
    ///   - date: when it was recorded (a parameter, so tests are deterministic).
    /// - Returns: the stored verdict.
    /// - Throws: ``CatalogError/unknownSKU(_:)``, ``CatalogError/duplicateVerdict(sku:profile:existing:)``,
    ///   ``CatalogError/invalidVerdict(_:)``, ``CatalogError/database(_:)``.
    @discardableResult
    public func addVerdict(
        _ outcome: VerdictOutcome, sku: String, reason: VerdictReason? = nil, note: String? = nil,
        profile: String = VerdictProfile.defaultName, replacing: Bool = false,
        at date: Date = Date()
    ) throws(CatalogError) -> VerdictRecord {
        if let problem = VerdictProfile.problem(with: profile) { throw .invalidVerdict(problem) }
        if let reason, outcome == .worked {
            throw .invalidVerdict(
                "a reason (\(reason.rawValue)) says why a product failed; a product that worked "
                    + "takes no reason (a note can say why it worked)")
        }
        let note = note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        return try write { db throws -> VerdictRecord in
            guard let key = try Self.productKey(db, reference: sku),
                let product = try Row.fetchOne(
                    db, sql: "SELECT id, brand, name FROM product WHERE sku = ?",
                    arguments: [key])
            else { throw CatalogError.unknownSKU(sku) }
            let productId: Int64 = product["id"]
            if let existing = try StoredVerdict.of(profile: profile, productId: productId).fetchOne(db) {
                guard replacing else {
                    throw CatalogError.duplicateVerdict(
                        sku: sku, profile: profile,
                        existing: try Self.stored(existing.outcome, as: VerdictOutcome.self, in: "verdict.outcome"))
                }
                try existing.delete(db)
            }
            var stored = StoredVerdict(
                profile: profile, productId: productId, outcome: outcome.rawValue, reason: reason?.rawValue, note: note,
                recordedAt: date)
            try stored.insert(db)
            return VerdictRecord(
                profile: profile, sku: sku, brand: product["brand"], name: product["name"],
                outcome: outcome, reason: reason, note: note, recordedAt: date)
        }
    }

    /// A profile's verdicts, failed first, then by sku.
    ///
    /// - Throws: ``CatalogError/database(_:)``. A profile with no verdicts gives an empty list.
    public func verdicts(profile: String = VerdictProfile.defaultName) throws(CatalogError) -> [VerdictRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.profile, p.sku, p.brand, p.name, v.outcome, v.reason, v.note, v.recordedAt
                    FROM verdict v JOIN product p ON p.id = v.productId
                    WHERE v.profile = ? ORDER BY v.outcome = 'worked', p.sku
                    """, arguments: [profile]
            ).map { try Self.verdictRecord($0) }
        }
    }

    /// Removes a profile's verdict on a product.
    ///
    /// - Returns: the verdict that was removed.
    /// - Throws: ``CatalogError/unknownSKU(_:)`` when no product has the sku, ``CatalogError/noVerdict(sku:profile:)``
    ///   when the profile has no verdict on it.
    @discardableResult
    public func removeVerdict(sku: String, profile: String = VerdictProfile.defaultName)
        throws(CatalogError) -> VerdictRecord
    {
        try write { db throws -> VerdictRecord in
            guard let key = try Self.productKey(db, reference: sku) else { throw CatalogError.unknownSKU(sku) }
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        DELETE FROM verdict WHERE profile = ? AND productId = (SELECT id FROM product WHERE sku = ?)
                        RETURNING profile, ? AS sku, (SELECT brand FROM product WHERE sku = ?) AS brand,
                                  (SELECT name FROM product WHERE sku = ?) AS name, outcome, reason, note, recordedAt
                        """, arguments: [profile, key, sku, key, key])
            else { throw CatalogError.noVerdict(sku: sku, profile: profile) }
            return try Self.verdictRecord(row)
        }
    }

    /// The profiles that have verdicts, alphabetically.
    public func verdictProfiles() throws(CatalogError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT profile FROM verdict ORDER BY profile") }
    }

    private static func verdictRecord(_ row: Row) throws -> VerdictRecord {
        VerdictRecord(
            profile: row["profile"], sku: row["sku"], brand: row["brand"], name: row["name"],
            outcome: try stored(row["outcome"], as: VerdictOutcome.self, in: "verdict.outcome"),
            reason: try (row["reason"] as String?).map { try stored($0, as: VerdictReason.self, in: "verdict.reason") },
            note: row["note"], recordedAt: row["recordedAt"])
    }
}
