/// A delivery system that may carry an active into the skin (DOMAIN.md section 1).
public enum DeliverySystem: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// A fermented filtrate as the vehicle (the NMN permeation study used a yeast-fermented filtrate).
    case fermentFiltrate = "ferment-filtrate"
    /// Liposomal encapsulation: claimed by the brand, or inferred from phospholipids beside the active.
    case liposomal
    /// A carrier peptide that takes the active (or a metal ion, as GHK-Cu) into the skin.
    case peptideCarrier = "peptide-carrier"

    /// Orders systems by their raw value (`ferment-filtrate`, `liposomal`, `peptide-carrier`), for stable output.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether a delivery system was claimed by the brand or inferred from the INCI list.
public enum DeliveryBasis: String, Hashable, Sendable, Codable, CaseIterable {
    /// `declared`: the brand claims it (the `delivery` column); `inferred`: read off the INCI list, never a claim.
    case declared, inferred
}

/// One delivery system of a product, with what it rests on.
public struct Delivery: Hashable, Sendable, Codable {
    /// The system: a ferment filtrate, liposomes or a peptide carrier.
    public var system: DeliverySystem
    /// Whether the brand claimed it or it was inferred from the list.
    public var basis: DeliveryBasis
    /// The claim as written, or the INCI names the inference rests on.
    public var evidence: String

    /// A delivery system with what it rests on; each argument sets the property of the same name.
    public init(system: DeliverySystem, basis: DeliveryBasis, evidence: String) {
        self.system = system
        self.basis = basis
        self.evidence = evidence
    }

    /// The systems a delivery claim declares (`yeast-fermented filtrate`, `liposomal`, `peptide carrier`).
    public static func declared(in claim: String) -> [Delivery] {
        let text = claim.lowercased()
        guard !text.trimmingWhitespace().isEmpty else { return [] }
        var found: [Delivery] = []
        if ["ferment", "filtrate", "galactomyces", "saccharomyces", "bifida"].contains(where: text.utf8.containsASCII) {
            found.append(Delivery(system: .fermentFiltrate, basis: .declared, evidence: claim))
        }
        if ["liposom", "lipid vesicle", "nanosom", "phospholipid vesicle"].contains(where: text.utf8.containsASCII) {
            found.append(Delivery(system: .liposomal, basis: .declared, evidence: claim))
        }
        if [
            "peptide carrier", "peptide-carrier", "carrier peptide", "carrier-peptide", "cell-penetrating peptide",
            "peptide delivery", "peptide-bound", "peptide conjugat",
        ].contains(where: text.utf8.containsASCII) {
            found.append(Delivery(system: .peptideCarrier, basis: .declared, evidence: claim))
        }
        return found
    }

    /// How many leading INCI positions count as "the vehicle" when inferring a ferment-filtrate base.
    public static let vehiclePositions = 5

    /// Infers delivery systems from a resolved INCI list; a declared system always wins over an inferred one.
    ///
    /// - A ferment filtrate among the first ``vehiclePositions`` entries is a ferment-filtrate vehicle (further
    ///   down it is a trace, not a vehicle).
    /// - A phospholipid (lecithin, hydrogenated lecithin) with the active (an NAD+ precursor, or any ingredient the
    ///   label declares an amount for) suggests a liposomal form (liposomes never appear as an INCI name).
    /// - A carrier peptide (copper tripeptide-1) is a peptide carrier.
    ///
    /// - Parameters:
    ///   - ingredients: each listed ingredient's printed name, position and classes.
    ///   - declared: the systems already declared by the brand.
    ///   - declaresAnActive: whether the label declares an amount for some ingredient (the `actives` column).
    public static func inferred(
        from ingredients: [(printedName: String, position: Int?, classes: Set<String>)],
        declared: [Delivery],
        declaresAnActive: Bool = false
    ) -> [Delivery] {
        let declaredSystems = Set(declared.map(\.system))
        let carriesActive =
            declaresAnActive
            || ingredients.contains { $0.classes.contains(IngredientClassName.nadPrecursor) }
        func names(where predicate: ((printedName: String, position: Int?, classes: Set<String>)) -> Bool) -> [String] {
            ingredients.filter(predicate).map(\.printedName)
        }
        var found: [Delivery] = []
        let filtrates = names {
            $0.classes.contains(IngredientClassName.fermentFiltrate) && ($0.position ?? .max) <= vehiclePositions
        }
        if !filtrates.isEmpty && !declaredSystems.contains(.fermentFiltrate) {
            found.append(
                Delivery(system: .fermentFiltrate, basis: .inferred, evidence: filtrates.joined(separator: ", ")))
        }
        let phospholipids = names { $0.classes.contains(IngredientClassName.phospholipid) }
        if carriesActive && !phospholipids.isEmpty && !declaredSystems.contains(.liposomal) {
            found.append(
                Delivery(system: .liposomal, basis: .inferred, evidence: phospholipids.joined(separator: ", ")))
        }
        let carriers = names { $0.classes.contains(IngredientClassName.carrierPeptide) }
        if !carriers.isEmpty && !declaredSystems.contains(.peptideCarrier) {
            found.append(
                Delivery(system: .peptideCarrier, basis: .inferred, evidence: carriers.joined(separator: ", ")))
        }
        return found
    }
}

/// The ingredient class names the code relies on (the whole vocabulary lives in the reference data).
public enum IngredientClassName {
    /// NAD+ precursors: NMN, niacinamide, nicotinamide riboside; the actives liposomal delivery is inferred for.
    public static let nadPrecursor = "nad-precursor"
    /// Peptides (Matrixyl, Argireline, ...), a proven companion.
    public static let peptide = "peptide"
    /// Peptides that carry a metal ion into the skin (GHK-Cu): a peptide-carrier delivery signal.
    public static let carrierPeptide = "carrier-peptide"
    /// Filtered liquids of a microbial fermentation: a ferment-filtrate vehicle near the top of the list.
    public static let fermentFiltrate = "ferment-filtrate"
    /// Broken-up cells of a fermenting microorganism, never the same as a filtrate.
    public static let fermentLysate = "ferment-lysate"
    /// Centella asiatica (cica) extracts and their actives, a proven companion.
    public static let centella = "centella"
    /// Polydeoxyribonucleotide (SODIUM DNA), a same-pathway companion.
    public static let pdrn = "pdrn"
    /// Resveratrol and its botanical sources, a same-pathway companion (sirtuin activity).
    public static let resveratrol = "resveratrol"
    /// Lecithin and other phospholipids, which with an active suggest a liposomal form.
    public static let phospholipid = "phospholipid"
    /// Fragrance (parfum) and fragrance ingredients, which contradict a fragrance-free claim.
    public static let fragrance = "fragrance"
}

extension String.UTF8View {
    /// Whether the bytes of `needle` occur in these bytes: a plain byte search, much cheaper per row than
    /// Foundation's `contains`, and the same for the ASCII phrases it is used with.
    func containsASCII(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let head = pattern.first, count >= pattern.count else { return pattern.isEmpty }
        var index = startIndex
        while let found = self[index...].firstIndex(of: head) {
            if self[found...].starts(with: pattern) { return true }
            index = self.index(after: found)
        }
        return false
    }
}
