/// What a product's packaging says about how well it protects an NAD+ precursor from light and air.
///
/// Derived from free text such as `opaque airless pump`, `clear glass jar, screw top` or `single-use capsules`
/// by keywords (case-insensitive). Only what the text says is set: an unknown word sets nothing.
public struct Packaging: OptionSet, Hashable, Sendable, Codable {
    /// The attributes as bits, one per static member below (bit 0 is `airless`).
    public let rawValue: Int
    /// The attributes whose bits are set in `rawValue`.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// An airless pump (or a claim of one): the formula does not meet air between uses.
    public static let airless = Packaging(rawValue: 1 << 0)
    /// Opaque: aluminium, metal, ceramic or the word itself; also implies ``lightProtective``.
    public static let opaque = Packaging(rawValue: 1 << 1)
    /// Opaque, amber, violet or otherwise UV-blocking.
    public static let lightProtective = Packaging(rawValue: 1 << 2)
    /// Capsules, ampoules, sachets: one dose per container.
    public static let singleUse = Packaging(rawValue: 1 << 3)
    /// A jar, pot or tub, opened to the air at each use.
    public static let jar = Packaging(rawValue: 1 << 4)
    /// Clear or transparent, letting light through; never set together with ``opaque``.
    public static let clear = Packaging(rawValue: 1 << 5)
    /// A pump or, when airless, a dispenser.
    public static let pump = Packaging(rawValue: 1 << 6)
    /// A dropper or pipette bottle, opened to the air at each use.
    public static let dropper = Packaging(rawValue: 1 << 7)
    /// A squeeze tube: little air reaches the formula between uses, unlike a jar.
    public static let tube = Packaging(rawValue: 1 << 8)
    /// A screw top, screw cap or twist cap.
    public static let screwCap = Packaging(rawValue: 1 << 9)

    /// Every attribute with its name as used in queries, the docs and the `product` table (`isAirless`, ...).
    public static let named: [(name: String, attribute: Packaging)] = [
        ("airless", .airless), ("opaque", .opaque), ("light-protective", .lightProtective),
        ("single-use", .singleUse), ("jar", .jar), ("clear", .clear), ("pump", .pump), ("dropper", .dropper),
        ("tube", .tube), ("screw-cap", .screwCap),
    ]

    /// The attribute names this value holds, in the order of ``named``.
    public var names: [String] { Self.named.filter { contains($0.attribute) }.map(\.name) }

    /// Derives the attributes from a packaging description.
    ///
    /// ```swift
    /// Packaging(describing: "clear glass jar, screw top")   // [.clear, .jar, .screwCap]
    /// Packaging(describing: "opaque airless pump")           // [.airless, .opaque, .lightProtective, .pump]
    /// ```
    public init(describing text: String) {
        // " word word " in lower case, as bytes: searched many times per row, without Foundation.
        var normalised: [UInt8] = [0x20]
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                normalised.append(contentsOf: character.utf8)
            } else if normalised.last != 0x20 {
                normalised.append(0x20)
            }
        }
        if normalised.last != 0x20 { normalised.append(0x20) }
        func contains(_ needle: [UInt8]) -> Bool {
            guard needle.count <= normalised.count else { return false }
            return (0...(normalised.count - needle.count)).contains { start in
                normalised[start] == needle[0] && normalised[start..<start + needle.count].elementsEqual(needle)
            }
        }
        func mentions(_ phrases: String...) -> Bool { phrases.contains { contains(Array(" \($0) ".utf8)) } }
        func mentionsPrefix(_ prefixes: String...) -> Bool { prefixes.contains { contains(Array(" \($0)".utf8)) } }

        var value: Packaging = []
        if mentionsPrefix("airless") { value.insert(.airless) }
        if mentions("opaque", "aluminium", "aluminum", "metal", "tin", "ceramic", "porcelain") {
            value.insert(.opaque)
        }
        if value.contains(.opaque)
            || mentions(
                "amber", "brown glass", "violet", "violet glass", "miron", "uv protective", "uv blocking",
                "light protective", "light proof", "lightproof", "uv protected", "cobalt")
        {
            value.insert(.lightProtective)
        }
        if mentionsPrefix(
            "single use", "single dose", "capsule", "ampoule", "ampule", "sachet", "monodose",
            "unit dose", "blister")
        {
            value.insert(.singleUse)
        }
        if mentionsPrefix("jar", "pot ", "pots ", "tub ", "tubs ") { value.insert(.jar) }
        if mentions("clear", "transparent", "see through") && !value.contains(.opaque) { value.insert(.clear) }
        if mentionsPrefix("pump") || value.contains(.airless) && mentionsPrefix("dispenser") { value.insert(.pump) }
        if mentionsPrefix("dropper", "pipette") { value.insert(.dropper) }
        if mentionsPrefix("tube") { value.insert(.tube) }
        if mentions("screw top", "screw cap", "screw lid", "screwtop", "screw on", "twist cap", "twist off")
            || mentionsPrefix("screw")
        {
            value.insert(.screwCap)
        }
        self = value
    }
}
