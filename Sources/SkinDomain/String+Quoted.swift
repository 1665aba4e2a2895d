extension StringProtocol {
    /// The text in double quotes for a message, its middle left out when it is long, so that a 400-digit number
    /// or a 64 KiB field does not fill the terminal: `"9999999999999999999999999999999999999999…9999999 mL" (403
    /// characters)`.
    var quotedForMessage: String {
        guard count > 60 else { return "\"\(self)\"" }
        return "\"\(prefix(40))…\(suffix(10))\" (\(count.groupedText) characters)"
    }
}
