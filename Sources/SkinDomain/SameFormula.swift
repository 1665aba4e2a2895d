/// Finding 8 of the label audit: the same formula sold as another product. Pure: the store hands in each product's
/// list as tokens, once per audit run; this groups them by a digest, set-wise (no pair of products is compared), and
/// says which products share a list under another brand or name. The rules, and why, are in docs/label-audit.md.
///
/// **The list.** A product's formula is the lines of its printed list in list order: a line that resolved to a
/// dictionary ingredient is that ingredient (so `Aqua`, `Water` and `Aqua/Water/Eau` are one), a line that did not is
/// its printed name's ``NameKey`` (never dropped: two lists that differ only in an unknown name differ). May-contain
/// lines (`[+/-]`, the colourants of a range's shades) and declared actives outside the list are not part of it. A
/// kit's lists are kept in order with a break between them: a kit matches only a kit with the same lists in the same
/// order, never one of its lists alone.
///
/// **Too generic.** A list of fewer than ``minimumIngredients`` lines (`Water, Glycerin, Phenoxyethanol`) is shared
/// by unrelated products by chance, not by formula: it is never reported.
///
/// **Another product.** Two listings are one product when their brands are one (``ProductIdentity/key(brand:name:shade:)``
/// folds the way a retailer prints them) and the words of one name, without those of a size or an edition
/// (``variantWords``: `Mini`, `Travel Size`, `Limited Edition`, `Single Use`, ...), are all in the other's: the same
/// product in another size or edition (``SameFormulaProduct/isSameProduct(as:)``). A list shared only by such listings
/// is no finding; a product is reported with the products of its list that are not it: another brand, or the same
/// brand under another name (`Sunscreen SPF15 Oil` and `Sunscreen SPF30 Oil`).
public enum SameFormula {
    /// The shortest list reported: 5 lines.
    public static let minimumIngredients = 5
    /// The token that separates the lists of a kit.
    public static let listBreak = "|"

    /// The token of one line: `#` and the ingredient's id when it resolved, else `?` and the printed name's key.
    /// - Parameters:
    ///   - ingredientId: The catalog's id of the ingredient the line resolved to; nil when it did not.
    ///   - nameKey: The ``NameKey`` of the printed name, as the catalog stores it.
    public static func token(ingredientId: Int64?, nameKey: String) -> String {
        ingredientId.map { "#\($0)" } ?? "?\(nameKey)"
    }

    /// Whether a list of tokens is long enough to report.
    public static func isReportable(_ tokens: [String]) -> Bool {
        tokens.filter { $0 != listBreak }.count >= minimumIngredients
    }
}

/// The products of a catalog grouped by formula: built once per audit run from each product's tokens, in one pass.
///
/// Products are grouped by the ``Fingerprint`` of their tokens; the store confirms a group by comparing the tokens of
/// its members (``confirm(_:tokens:)``), so a digest collision can never report two different lists as one.
public struct SameFormulaIndex: Sendable {
    private var groups: [UInt64: [Int64]] = [:]

    /// An empty index.
    public init() {}

    /// Adds one product's list; one too short to report is left out.
    /// - Parameters:
    ///   - productId: The product's id.
    ///   - tokens: Its list as ``SameFormula/token(ingredientId:nameKey:)`` tokens, with list breaks.
    public mutating func add(productId: Int64, tokens: [String]) {
        guard SameFormula.isReportable(tokens) else { return }
        groups[Fingerprint(tokens).value, default: []].append(productId)
    }

    /// The groups of two or more products sharing a digest, each in the order added.
    public var candidates: [[Int64]] { groups.values.filter { $0.count > 1 } }

    /// Splits candidate groups by their exact tokens and keeps the groups still of two or more.
    /// - Parameters:
    ///   - candidates: The groups of products sharing a digest (``candidates``).
    ///   - tokens: The tokens of every product of the candidate groups.
    /// - Returns: For each product in a group, every product of its group (itself included).
    public static func confirm(_ candidates: [[Int64]], tokens: [Int64: [String]]) -> [Int64: [Int64]] {
        var members: [Int64: [Int64]] = [:]
        for group in candidates {
            var exact: [[String]: [Int64]] = [:]
            for id in group { exact[tokens[id] ?? [], default: []].append(id) }
            for ids in exact.values where ids.count > 1 {
                for id in ids { members[id] = ids }
            }
        }
        return members
    }
}

/// A product that sells the same list as the audited one, as the evidence names it.
public struct SameFormulaProduct: Hashable, Sendable {
    /// Its sku.
    public var sku: String
    /// Its brand as listed.
    public var brand: String
    /// Its name as listed.
    public var name: String
    /// Its price and currency as listed (`24.00 EUR`), nil when not given.
    public var price: String?
    /// The brand part of ``ProductIdentity/key(brand:name:shade:)``.
    var brandKey: Substring
    /// The words of the name part of that key, without ``SameFormula/variantWords``.
    var nameWords: Set<Substring>

    /// A product of a shared list; its identity is computed from the brand and the name.
    /// - Parameters:
    ///   - sku: Its sku.
    ///   - brand: Its brand.
    ///   - name: Its name.
    ///   - price: Its price and currency as text, nil when unknown.
    public init(sku: String, brand: String, name: String, price: String? = nil) {
        self.sku = sku
        self.brand = brand
        self.name = name
        self.price = price
        let key = ProductIdentity.key(brand: brand, name: name, shade: nil)
        let parts = key.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
        brandKey = parts.first ?? ""
        // A count before a variant word (`60 Pieces`, `2 Pack`) says how many, not which product; other numbers
        // (`SPF 15`, `10%`) stay.
        let words = (parts.count > 1 ? parts[1] : "").split(separator: " ")
        nameWords = Set(
            words.indices.filter { index in
                let word = words[index]
                let next = index + 1 < words.count ? words[index + 1] : ""
                return !SameFormula.variantWords.contains(word)
                    && !(word.allSatisfy(\.isNumber) && SameFormula.variantWords.contains(next))
            }
            .map { words[$0] })
    }

    /// Whether two listings are one product for finding 8: one brand, and the words of one name (without the words
    /// of a size or an edition) all in the other's (`Crème de la Mer` and `Crème de la Mer Mini`, `Purifying Mud
    /// Mask 100ml` and `Single Use Mud Mask 8ml`). `Sunscreen SPF15 Oil` and `Sunscreen SPF30 Oil` are two.
    public func isSameProduct(as other: SameFormulaProduct) -> Bool {
        brandKey == other.brandKey
            && (nameWords.isSubset(of: other.nameWords) || other.nameWords.isSubset(of: nameWords))
    }
}

extension SameFormula {
    /// Words of a name that say a size, a format, a pack or an edition of one product, not another product (as
    /// ``ProductIdentity`` folds them: lower case). A count before one (`60 Pieces`) is left out too.
    public static let variantWords: Set<Substring> = [
        "mini", "travel", "size", "sized", "limited", "edition", "single", "use", "deluxe", "jumbo", "supersize",
        "refill", "value", "sample", "trial", "holiday", "exclusive", "new", "pump", "tube", "pack", "twin", "piece",
        "pieces",
    ]
}

/// What the audit knows of a product's list being shared: how long it is, how many of its names did not resolve, and
/// every product (itself included) that has it.
public struct SameFormulaMatch: Hashable, Sendable {
    /// The lines of the list (list breaks not counted).
    public var ingredients: Int
    /// Of those, the names that did not resolve and were matched as printed.
    public var unresolved: Int
    /// Whether the list is a kit's, with more than one list.
    public var isKit: Bool
    /// Every product with the list, the audited one included, in catalog order.
    public var products: [SameFormulaProduct]

    /// A shared list; each argument sets the property of the same name.
    public init(ingredients: Int, unresolved: Int, isKit: Bool = false, products: [SameFormulaProduct]) {
        self.ingredients = ingredients
        self.unresolved = unresolved
        self.isKit = isKit
        self.products = products
    }
}

extension LabelAudit {
    /// How many other products the evidence names before it says how many more there are.
    static let sameFormulaNamed = 10

    // MARK: 8. Same formula, different product

    static func sameFormula(_ product: AuditProduct) -> [AuditFinding] {
        guard let match = product.sameFormula, match.ingredients >= SameFormula.minimumIngredients else { return [] }
        let audited = SameFormulaProduct(sku: "", brand: product.brand, name: product.name)
        let others = match.products.filter { !$0.isSameProduct(as: audited) }
        guard !others.isEmpty else { return [] }
        func describe(_ other: SameFormulaProduct) -> String {
            "\(other.sku): \(other.brand), \(other.name)" + (other.price.map { ", \($0)" } ?? "")
        }
        let brands = Set(others.map { ProductIdentity.brandKey($0.brand) })
        let otherBrand = !brands.subtracting([ProductIdentity.brandKey(product.brand)]).isEmpty
        let named = others.prefix(sameFormulaNamed).map(describe)
        let more = others.count > sameFormulaNamed ? ["and \(others.count - sameFormulaNamed) more"] : []
        let unresolved =
            match.unresolved == 0
            ? "every name resolved"
            : "\(match.unresolved) unresolved name\(match.unresolved == 1 ? "" : "s") matched as printed"
        return [
            AuditFinding(
                kind: .sameFormula, severity: .info, active: nil,
                message:
                    "the same \(match.ingredients)-ingredient \(match.isKit ? "kit lists" : "list"), in the same order, "
                    + "is sold as \(others.count) other product\(others.count == 1 ? "" : "s")"
                    + (otherBrand ? " (another brand)" : " (the same brand under another name)") + ": "
                    + others.prefix(3).map { "\($0.brand) \($0.name) (\($0.sku))" }.joined(separator: "; ")
                    + (others.count > 3 ? "; ..." : ""),
                evidence: ["list: \(match.ingredients) ingredients, \(unresolved)"] + named + more,
                rule: "identical ingredient lists (the same canonical ingredients in the same order; an unresolved "
                    + "name by its printed-name key), at least \(SameFormula.minimumIngredients) ingredients, sold "
                    + "under another brand or name",
                source: "issue 18 (same formula, different product); docs/label-audit.md")
        ]
    }
}
