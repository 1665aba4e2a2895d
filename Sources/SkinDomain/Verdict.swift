import Foundation

/// What a person said about a product: it worked for them, or it failed.
public enum VerdictOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    /// `worked`: it did what the person hoped; `failed`: it broke them out, irritated, or did nothing
    /// (``VerdictReason``).
    case worked, failed
}

/// Why a product failed.
public enum VerdictReason: String, Sendable, Codable, CaseIterable, Hashable {
    /// It broke the skin out (spots, clogged pores).
    case breakout
    /// It stung, reddened or itched.
    case irritation
    /// It did nothing visible.
    case noEffect = "no-effect"
    /// Any other reason, which the person may describe in a note.
    case other
}

/// The person verdicts belong to. Each profile's verdicts are analysed on their own, so a household can share a
/// catalog; commands use ``defaultName`` when no `--profile` is given.
public enum VerdictProfile {
    /// The profile used when none is named: `default`.
    public static let defaultName = "default"

    /// Why a profile name cannot be used, or nil when it can: it must be 1 to 64 characters, without leading or
    /// trailing spaces and without control characters.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "a profile name cannot be empty" }
        if name.trimmingCharacters(in: .whitespacesAndNewlines) != name {
            return "the profile name \"\(name)\" starts or ends with a space"
        }
        if name.count > 64 { return "the profile name is \(name.count) characters long; use at most 64" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "the profile name contains a control character"
        }
        return nil
    }
}
