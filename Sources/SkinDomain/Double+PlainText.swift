/// Counts and sizes written for messages.
extension Int {
    /// `1,048,576`: digits grouped by three with commas, as messages write counts and sizes.
    public var groupedText: String {
        let digits = String(magnitude)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (self < 0 ? "-" : "") + grouped
    }
}

/// Amounts and prices written as a person writes them.
extension Double {
    /// `1000`, `0.15`: a number as a person writes it, without a trailing `.0`.
    public var plainText: String {
        if abs(self) < 1e15, let whole = Int64(exactly: self) { return String(whole) }
        return String(self)
    }
}
