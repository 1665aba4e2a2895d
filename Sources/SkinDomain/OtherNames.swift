/// Names labels print that the INCI dictionary does not hold, with the dictionary names they stand for
/// (`Resources/OtherNames.csv`, embedded in the binary). Two kinds of row:
///
/// - `plant`: an English plant name and the Latin binomial INCI writes for it (`Apricot` → `Prunus Armeniaca`),
///   for names printed the American way with the common name in place of the binomial: `Apricot Kernel Oil` is
///   PRUNUS ARMENIACA KERNEL OIL. Several binomials, most used first, when INCI names one plant name in
///   several ways (`Grapefruit` → `Citrus Grandis|Citrus Paradisi`).
/// - `name`: a whole name and the INCI name it stands for: colours by their American names (`Manganese Violet` →
///   CI 77742), vitamins by their numbers (`Vitamin B12` → CYANOCOBALAMIN), retired INCI names
///   (`PVP/Hexadecene Copolymer`) and trade names of one substance (`Pitera`). Names that stand for more than
///   one substance (`Vitamin A`, `Vitamin B3`, `Thiamin`) are not listed.
///
/// The plant rows were gathered from the pairs labels print themselves (`Prunus Armeniaca (Apricot) Kernel Oil`):
/// the pairs of five retailers' files whose binomial is followed, in the dictionary, by a plant part or a type,
/// and a few added by hand. A rewrite only counts when the dictionary holds the result.
public enum OtherNames {
    /// The Latin binomials for an English plant name, lower case with single spaces (`"sweet orange"`).
    static let plants: [String: [String]] = tables.plants
    /// The dictionary name for a whole printed name, by its ``NameKey``.
    static let names: [NameKey: String] = tables.names

    /// The longest English plant name is three words.
    static let longestPlantName = 3

    private static let tables: (plants: [String: [String]], names: [NameKey: String]) = {
        var plants: [String: [String]] = [:]
        var names: [NameKey: String] = [:]
        let text = String(decoding: PackageResources.OtherNames_csv, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { continue }
            switch fields[0] {
            case "plant":
                plants[plantKey(fields[1])] = fields[2].split(separator: "|").map(String.init)
            case "name":
                names[NameKey(fields[1])] = fields[2]
            default:
                continue
            }
        }
        return (plants, names)
    }()

    /// A plant name as the table keys it: lower case, hyphens as spaces, single spaces.
    static func plantKey<S: StringProtocol>(_ text: S) -> String {
        text.lowercased().replacingOccurrences(of: "-", with: " ").split(separator: " ").joined(separator: " ")
    }
}
