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
        // Read as bytes: an import that meets a new name reads every ingredient's numbers (30,000 with CosIng), and
        // splitting by Characters was most of the time of importing a few rows into such a catalog.
        var numbers: Set<String> = []
        var token: [UInt8] = []
        func finish() {
            defer { token.removeAll(keepingCapacity: true) }
            var groups = 1
            var previous: UInt8 = UInt8(ascii: "-")
            for byte in token {
                if byte == UInt8(ascii: "-") {
                    if previous == UInt8(ascii: "-") { return }  // an empty group
                    groups += 1
                }
                previous = byte
            }
            guard groups == 3, previous != UInt8(ascii: "-") else { return }
            numbers.insert(String(decoding: token, as: UTF8.self))
        }
        for byte in text.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") {
                token.append(byte)
            } else if !token.isEmpty {
                finish()
            }
        }
        if !token.isEmpty { finish() }
        return numbers
    }
}
