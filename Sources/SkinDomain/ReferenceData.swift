import Foundation

/// The ingredient dictionary every new catalog starts with (`Resources/ReferenceData.json`, embedded in the
/// binary); the studies it starts with are ``ShippedStudies``. Its `version` is recorded in the catalog; a newer skincat brings newer data in
/// on open.
public struct ReferenceData: Sendable, Decodable {
    /// The data's revision, stored in the catalog; a catalog holding an older one loads this data again on open.
    public var version: Int
    /// The ingredient classes (`nad-precursor`, `peptide`, `ferment-filtrate`, ...) that ingredients belong to.
    public var classes: [ClassDefinition]
    /// The canonical ingredients, each with its aliases, retired names and look-alikes.
    public var ingredients: [Ingredient]

    /// A class of ingredients, such as the NAD+ precursors, that a query can name instead of one ingredient.
    public struct ClassDefinition: Sendable, Decodable, Hashable {
        /// The identifier ingredients and queries use, lowercase and hyphenated (`nad-precursor`); unique.
        public var name: String
        /// The name shown to people (`NAD+ precursor`).
        public var label: String
        /// One sentence saying which ingredients belong to the class and which do not.
        public var description: String
    }

    /// An ingredient that looks like another one but must never be merged with it (NAD+ is not NMN, DOMAIN.md
    /// section 3).
    public struct Lookalike: Sendable, Decodable, Hashable {
        /// The INCI name of the ingredient that must never be merged with this one.
        public var inci: String
        /// Why the two differ, shown beside the warning (`NAD+ is the product of NMN, not NMN`).
        public var note: String
    }

    /// A canonical ingredient of the dictionary, under its INCI name, with every other name labels use for it.
    public struct Ingredient: Sendable, Decodable, Hashable {
        /// The canonical INCI name, in capitals (`NICOTINAMIDE MONONUCLEOTIDE`); unique in the dictionary.
        public var inci: String
        /// The CAS registry number (`1094-61-7`), or nil when none is known.
        public var cas: String?
        /// The names of the classes the ingredient belongs to (a ``ClassDefinition/name`` each); may be empty.
        public var classes: [String]
        /// The strongest study design behind the ingredient's effect on skin, or nil when it is not graded.
        public var evidence: EvidenceGrade?
        /// Free text: what the ingredient is, where its facts come from; nil when there is nothing to add.
        public var note: String?
        /// Other names labels use for it (`NMN`, `BETA-NMN`, `VITAMIN B3`), resolved to this ingredient.
        public var aliases: [String]
        /// Former INCI names that now map to this one (`CERAMIDE 1` for `CERAMIDE EOP`); nil or empty when none.
        public var retired: [String]?
        /// Ingredients that must never be merged with this one; nil or empty when none.
        public var lookalikes: [Lookalike]?
    }

    /// The `version` of the bundled file, known without decoding it (a test checks the two agree). Bump both
    /// when the file or the shipped studies file (``ShippedStudies``) changes, so existing catalogs load the new
    /// data on open.
    public static let bundledVersion = 4

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
    /// In vitro: cells in culture.
    case cells
    /// Animal models (mice, rats).
    case animal
    /// Ex vivo skin or a synthetic skin-mimicking membrane, as in permeation studies.
    case syntheticMembrane = "synthetic-membrane"
    /// People observed without randomisation.
    case humanObservational = "human-observational"
    /// A randomised controlled trial in people.
    case humanRCT = "human-rct"
    /// A systematic review of several studies, the strongest grade.
    case review

    /// Orders grades from weakest to strongest, so `max()` is the strongest evidence.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
