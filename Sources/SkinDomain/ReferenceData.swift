import Foundation

/// The ingredient dictionary and studies every new catalog starts with (`Resources/ReferenceData.json`,
/// embedded in the binary). Its `version` is recorded in the catalog; a newer skincat brings newer data in
/// on open.
public struct ReferenceData: Sendable, Decodable {
    public var version: Int
    public var classes: [ClassDefinition]
    public var ingredients: [Ingredient]
    public var studies: [Study]

    public struct ClassDefinition: Sendable, Decodable, Hashable {
        public var name: String
        public var label: String
        public var description: String
    }

    public struct Lookalike: Sendable, Decodable, Hashable {
        /// The INCI name of the ingredient that must never be merged with this one.
        public var inci: String
        public var note: String
    }

    public struct Ingredient: Sendable, Decodable, Hashable {
        public var inci: String
        public var cas: String?
        public var classes: [String]
        public var evidence: EvidenceGrade?
        public var note: String?
        public var aliases: [String]
        public var retired: [String]?
        public var lookalikes: [Lookalike]?
    }

    public struct Study: Sendable, Decodable, Hashable {
        public var key: String
        public var year: Int?
        public var journal: String?
        public var title: String
        public var authors: String?
        public var doi: String?
        public var models: [EvidenceGrade]
        public var route: String?
        public var subjects: String?
        public var duration: String?
        /// As written (`5 %`, `4000 ppm`); parsed with ``Amount`` when stored.
        public var concentration: String?
        public var endpoints: [String]
        public var summary: String
        /// INCI names of the ingredients studied.
        public var ingredients: [String]
        public var provenance: String
    }

    /// The `version` of the bundled file, known without decoding it (a test checks the two agree). Bump both
    /// when the file changes, so existing catalogs load the new data on open.
    public static let bundledVersion = 3

    /// The data shipped with this build.
    public static let bundled: ReferenceData = {
        do {
            return try JSONDecoder().decode(ReferenceData.self, from: Data(PackageResources.ReferenceData_json))
        } catch {
            // The file is part of the build and checked by the test suite; failing here is a build defect.
            preconditionFailure("Resources/ReferenceData.json does not decode: \(error)")
        }
    }()
}

/// Study designs, weakest first (DOMAIN.md section 4).
public enum EvidenceGrade: String, Sendable, Codable, CaseIterable, Comparable, Hashable {
    case cells
    case animal
    case syntheticMembrane = "synthetic-membrane"
    case humanObservational = "human-observational"
    case humanRCT = "human-rct"
    case review

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
