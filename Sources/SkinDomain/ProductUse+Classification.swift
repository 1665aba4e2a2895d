/// Telling a product's use (leave-on, rinse-off) from its category and name, for looking annex caps up.
///
/// The annexes cap many substances differently in leave-on and rinse-off products (DOMAIN.md section 7), so the
/// 1 % line of a list depends on which the product is. Retailer files have no such field: the use is read from
/// words of the product's **category** (`Serum`, `Body Wash`, `Moisturizer`) and, only when the category says
/// nothing (or the file has none, as Sephora's 2026 scrape), of its **name** (`... Brightening Eye Serum`).
///
/// - **Rinse-off** words are checked first, because a rinse-off product often names a leave-on texture
///   (`Cleansing Balm`, `Cream Cleanser`, `Cleansing Oil`, `Gel Wash`): cleanser, cleansing, wash, shampoo,
///   conditioner, soap, shower, bath, scrub, rinse-off, wash-off, makeup remover. An exfoliator or a peel may be an
///   acid toner left on or a scrub washed off: unknown unless another word says which.
/// - **Leave-on** words: serum, cream, moisturiser/moisturizer, toner, essence, lotion, ampoule, emulsion, fluid,
///   booster, concentrate, treatment, eye care, oil, balm, mist, spray, gel, sunscreen, sun protect, SPF, primer,
///   foundation, leave-on, sleeping mask, overnight mask.
/// - Otherwise **unknown** (a plain `Mask`, `Face Mask`, `Value & Gift Sets`, `Skincare`): a mask may be a sheet
///   left on or a clay washed off, and the caps of an unknown use are looked up as the bound that holds either way
///   (``AnnexCaps/limit(for:productType:)``), never guessed.
///
/// Words match whole words, case-insensitively, plural `s` allowed (`Serums`, `Cleansers`).
extension ProductUse {
    /// The use and the word that decided it (`leaveOn` by category "Serum").
    public struct Classification: Hashable, Sendable {
        /// Leave-on, rinse-off, or unknown.
        public var use: ProductUse
        /// `category "Body Wash"`, `name "... Eye Serum"`; nil when unknown.
        public var reason: String?

        /// A classification; each argument sets the property of the same name.
        public init(use: ProductUse, reason: String?) {
            self.use = use
            self.reason = reason
        }
    }

    /// The use of a product with this category and name (see the extension's documentation).
    ///
    /// ```swift
    /// ProductUse.classify(category: "Body Wash", name: "Oat Shower Gel").use   // .rinseOff
    /// ProductUse.classify(category: nil, name: "Niacinamide 10% + Zinc 1% Serum").use   // .leaveOn
    /// ProductUse.classify(category: "Mask", name: "Clay Mask").use   // .unknown
    /// ```
    public static func classify(category: String?, name: String?) -> Classification {
        for (field, text) in [("category", category), ("name", name)] {
            guard let text, !text.isEmpty else { continue }
            if let use = use(of: text) {
                return Classification(use: use, reason: "\(field) \"\(text)\"")
            }
        }
        return Classification(use: .unknown, reason: nil)
    }

    /// The use a text's words name, nil when they name none.
    static func use(of text: String) -> ProductUse? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map { word in
            word.hasSuffix("s") && word.count > 3 ? String(word.dropLast()) : String(word)
        }
        let set = Set(words)
        let joined = " " + words.joined(separator: " ") + " "
        if !set.isDisjoint(with: rinseOffWords) || rinseOffPhrases.contains(where: joined.contains) {
            return .rinseOff
        }
        if !set.isDisjoint(with: leaveOnWords) || leaveOnPhrases.contains(where: joined.contains) {
            return .leaveOn
        }
        return nil
    }

    static let rinseOffWords: Set<String> = [
        "cleanser", "cleansing", "wash", "shampoo", "conditioner", "soap", "shower", "bath", "scrub", "rinse-off",
        "wash-off", "face-wash", "bodywash",
    ]
    static let rinseOffPhrases = [" rinse off ", " wash off ", " makeup remover ", " make-up remover "]
    static let leaveOnWords: Set<String> = [
        "serum", "cream", "moisturiser", "moisturizer", "toner", "essence", "lotion", "ampoule", "ampule",
        "emulsion", "fluid", "booster", "concentrate", "treatment", "oil", "balm", "mist", "spray", "gel",
        "sunscreen", "spf", "primer", "foundation", "leave-on", "moisturising", "moisturizing",
    ]
    static let leaveOnPhrases = [
        " eye care ", " sun protect ", " leave on ", " sleeping mask ", " overnight mask ", " eye cream ",
    ]
}
