/// CAS and EC (EINECS) registry numbers as the dictionary writes them: `8012-89-3`, `232-383-7 (I)`,
/// `237-443-6 / 275-967-7`, `*610-504-8`.
public enum RegistryNumber {
    /// The numbers in a cell: each run of digit groups joined by hyphens (`NNN-NN-N`, `NNN-NNN-N`), without
    /// markers, notes or separators.
    ///
    /// ```swift
    /// RegistryNumber.parse("264-038-1/265-144-0")   // ["264-038-1", "265-144-0"]
    /// ```
    public static func parse(_ text: String) -> Set<String> {
        var numbers: Set<String> = []
        for token in text.split(whereSeparator: { !$0.isASCII || !($0.isNumber || $0 == "-") }) {
            let groups = token.split(separator: "-", omittingEmptySubsequences: false)
            guard groups.count == 3, groups.allSatisfy({ !$0.isEmpty }) else { continue }
            numbers.insert(String(token))
        }
        return numbers
    }
}
