/// One product as read from a catalog row, parsed but not yet resolved against the ingredient dictionary.
public struct ProductListing: Hashable, Sendable {
    /// The product's key in its catalog: the `sku` column, or a key derived from the layout's key fields when the file
    /// has no sku (``ColumnLayout/derivedKey``); never empty.
    public var sku: String
    /// The brand as written in the row; never empty.
    public var brand: String
    /// The product name as written in the row; never empty.
    public var name: String
    /// The retailer's category as written (`Serum`, `Moisturizer`); nil when the row gives none.
    public var category: String?
    /// The ingredients field as written, before parsing into ``inci``; nil when the row gives none.
    public var ingredientsText: String?
    /// The `actives` field as written (`NMN 4,000 ppm; Niacinamide 5%`), before parsing into ``actives``; nil when
    /// the row gives none.
    public var activesText: String?
    /// The packaging description as written (`airless pump`, `clear glass jar`), before reading it into ``packaging``;
    /// nil when the row gives none.
    public var packagingText: String?
    /// The delivery claim as written (`liposomal`, `fermented filtrate`), before reading it into ``declaredDelivery``;
    /// nil when the row gives none.
    public var deliveryText: String?
    /// The size field as written (`50 mL`, `1.7 fl oz / 50 mL`), before parsing into ``size`` or ``shade``; nil when
    /// the row gives none.
    public var sizeText: String?
    /// The price field as written (`$62.00`, `KRW 45000`), before parsing into ``price``; nil when the row gives none.
    public var priceText: String?
    /// The current price in ``currency``: the first price of the price field (the sale price when the cell holds two);
    /// nil when the row gives none.
    public var price: Double?
    /// The other price when the cell holds two (`$11.20 $16.00`: sale, then regular); `price` is the first.
    public var regularPrice: Double?
    /// The ISO 4217 code, upper-cased: from the `currency` column, else implied by the price's sign or code (`$` is
    /// USD); nil when neither gives one.
    public var currency: String?
    /// The product page's address as written; nil when the row gives none.
    public var url: String?
    /// Columns the contract does not know, by name as written, in file order.
    public var extraFields: [(name: String, value: String)]

    /// The size parsed from ``sizeText`` (mL, g or both); nil when the field is empty, gives a shade instead, or holds
    /// no recognisable size.
    public var size: ProductSize?
    /// A shade or variant given where the size should be (`Color: Fair - Light`, `Scent: Lavender`).
    public var shade: String?
    /// Marketing prose, disclaimers and kit headers set aside from the ingredients field (see
    /// ``INCIParser/separateProse(_:)``), joined by spaces; nil when there were none.
    public var ingredientsPreamble: String?
    /// The packaging attributes read from ``packagingText`` (airless, opaque, jar, ...); empty when the row describes
    /// none.
    public var packaging: Packaging
    /// The delivery systems the row's delivery claim names (liposomal, fermented filtrate, ...); empty when it names
    /// none. Delivery inferred from the INCI list is not here.
    public var declaredDelivery: [Delivery]
    /// The ingredients field parsed as an INCI list, in label order, with its `May contain` section and the prose set
    /// aside; empty when the row has no ingredients.
    public var inci: INCIList
    /// The amounts the label declares outside the INCI list, parsed from ``activesText`` (amounts in ppm); empty when
    /// the row declares none.
    public var actives: [DeclaredActive]
    /// Set when the row had more fields than the header and they were rejoined into the absorbing field.
    public var repair: RowRepair?

    /// Two listings are equal when every field was read the same (``contractFingerprint``), whatever was derived.
    public static func == (lhs: ProductListing, rhs: ProductListing) -> Bool {
        lhs.contractFingerprint == rhs.contractFingerprint
    }

    /// Hashes the fields as read (``contractFingerprint``), consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(contractFingerprint) }

    /// Every field as read, in a fixed order: what identifies "the same row" across imports.
    public var contractFingerprint: [String] {
        [
            sku, brand, name, category ?? "", ingredientsText ?? "", activesText ?? "", packagingText ?? "",
            deliveryText ?? "", sizeText ?? "", priceText ?? "", currency ?? "", url ?? "",
        ]
            + extraFields.flatMap { [$0.name, $0.value] }
    }
}

/// A row that cannot be imported: which field, and why. Kept with the raw row in quarantine.
public struct RowProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The contract field at fault, or nil for the row as a whole (a wrong number of fields).
    public var field: String?
    /// What is wrong, in a phrase that names the offending value (`is empty`, `"abc" is not a price (...)`).
    public var reason: String
    /// The reason's category, without the row's values, for counting quarantined rows by reason
    /// (`ingredients: placeholder "No Info"`, `actives: bad amount`, `row: wrong number of fields`).
    public var kind: String

    /// A problem with a field, or with the row as a whole.
    ///
    /// - Parameters:
    ///   - field: The contract field at fault; nil for the row as a whole.
    ///   - reason: What is wrong, naming the offending value.
    ///   - kind: The reason's category for counting, without the row's values; nil derives it from `field` and
    ///     `reason`.
    public init(field: String?, reason: String, kind: String? = nil) {
        self.field = field
        self.reason = reason
        self.kind = kind ?? "\(field ?? "row"): \(reason)"
    }

    /// The field and the reason (`price: "abc" is not a price ...`), or the reason alone for the row as a whole.
    public var description: String { field.map { "\($0): \(reason)" } ?? reason }
}

/// How a row with more fields than the header was repaired: its extra fields rejoined into the free-text field
/// named to absorb them (`--absorb name`), because the scraper did not quote a value holding the delimiter.
public struct RowRepair: Hashable, Sendable, Codable {
    /// The field that took the extra fields (`name`).
    public var field: String
    /// How many fields of the row were joined into it (2 or more).
    public var joinedFields: Int

    /// A repair that rejoined `joinedFields` fields (2 or more) into the field named `field`.
    public init(field: String, joinedFields: Int) {
        self.field = field
        self.joinedFields = joinedFields
    }

    /// `3 fields rejoined into name (a value holding the delimiter, not quoted)`.
    public var description: String {
        "\(joinedFields) fields rejoined into \(field) (a value holding the delimiter, not quoted)"
    }
}

extension ProductListing {
    /// Rejoins the extra fields of a row with more fields than the header into the absorbing column, when that is
    /// unambiguous: the row has at least one typed field (price, url, size, currency, actives) after the
    /// absorbing column, which tells where the shifted fields belong, and every typed field then reads as its type.
    /// Returns the repaired fields, or why the row cannot be repaired.
    static func rejoin(
        _ fields: [String], layout: ColumnLayout, delimiter: String
    ) -> Result<(fields: [String], repair: RowRepair), RowProblem> {
        let expected = layout.header.count
        let wrongCount = "expected \(expected) fields as in the header, found \(fields.count)"
        guard let absorb = layout.absorb, fields.count > expected, absorb < expected else {
            return .failure(RowProblem(field: nil, reason: wrongCount, kind: "row: wrong number of fields"))
        }
        let extra = fields.count - expected
        let joined = fields[absorb...(absorb + extra)].joined(separator: delimiter)
        let repaired = Array(fields[..<absorb]) + [joined] + Array(fields[(absorb + extra + 1)...])
        let field = layout.fieldName(ofColumn: absorb)
        let typed: [CatalogField] = [.price, .url, .size, .currency, .actives]
        var checked = 0
        for kind in typed {
            guard let index = layout.columns[kind] else { continue }
            let value = repaired[index].trimmingWhitespace()
            if value.isEmpty { continue }
            if !reads(String(value), as: kind) {
                return .failure(
                    RowProblem(
                        field: nil,
                        reason: wrongCount + "; rejoining the extra fields into \(field) would leave \(kind.rawValue) "
                            + "\(String(value).quotedForMessage), which is not a \(kind.rawValue)",
                        kind: "row: wrong number of fields"))
            }
            if index > absorb { checked += 1 }
        }
        guard checked > 0 else {
            return .failure(
                RowProblem(
                    field: nil,
                    reason: wrongCount + "; no price, url, size or currency after \(field) tells whether the extra "
                        + "fields belong to it",
                    kind: "row: wrong number of fields"))
        }
        return .success((repaired, RowRepair(field: field, joinedFields: extra + 1)))
    }

    /// Whether a value reads as the typed field's type.
    private static func reads(_ value: String, as field: CatalogField) -> Bool {
        switch field {
        case .price: return Price(parsing: value) != nil
        case .url:
            return !value.contains(where: \.isWhitespace)
                && (value.contains("://") || value.lowercased().hasPrefix("www."))
        case .size:
            return ProductSize.label(value).isShade || ProductSize(parsing: ProductSize.label(value).text) != nil
        case .currency: return value.count == 3 && value.allSatisfy { $0.isASCII && $0.isLetter }
        case .actives: return (try? DeclaredActive.parseList(value)).map { !$0.isEmpty } ?? false
        default: return true
        }
    }

    /// The longest field a row may have, in bytes of UTF-8: 64 KiB, more than ten times the longest ingredient
    /// list in the real catalogs (5.5 KB). It bounds what one row costs to parse and resolve; a longer field
    /// sets the row aside.
    public static let maxFieldBytes = 65_536

    /// The most entries an ingredient list may have: 1,000, where a real list has well under 200. Each entry is
    /// resolved and stored, so this bounds a row's work; a longer list sets the row aside.
    public static let maxIngredientEntries = 1_000

    /// Parses one data row under a layout.
    ///
    /// - Throws: ``RowProblem`` for a wrong number of fields, a field over ``maxFieldBytes``, an empty `sku`,
    ///   `brand` or `name`, an amount in `actives` or inside the INCI list that is not a number in a known unit or
    ///   is negative or above 100 %, an ingredient list of more than ``maxIngredientEntries`` entries, a size
    ///   outside ``ProductSize/range``, or a price that is not a number in ``Price/range``.
    ///
    /// A row with more fields than the header, read under a layout with an absorbing field (``ColumnLayout/absorb``),
    /// is repaired when that is unambiguous (``repair`` says so); otherwise it is a wrong number of fields.
    public init(fields: [String], layout: ColumnLayout) throws(RowProblem) {
        let row = try RowFields(fields, layout: layout)
        repair = row.repair
        sku = try row.key()
        brand = try row.required(.brand)
        name = try row.required(.name)
        category = row.value(.category)
        ingredientsText = row.value(.ingredients)
        activesText = row.value(.actives)
        packagingText = row.value(.packaging)
        deliveryText = row.value(.delivery)
        sizeText = row.value(.size)
        priceText = row.value(.price)
        currency = row.value(.currency)?.uppercased()
        url = row.value(.url)
        extraFields = layout.extraColumns.map { ($0.name, row.fields[$0.index]) }

        (size, shade) = try Self.size(sizeText)
        packaging = packagingText.map(Packaging.init(describing:)) ?? []
        declaredDelivery = deliveryText.map(Delivery.declared(in:)) ?? []
        actives = try Self.actives(activesText)
        inci = try Self.ingredients(ingredientsText, hasColumn: layout.columns[.ingredients] != nil)
        if !inci.setAside.isEmpty { ingredientsPreamble = inci.setAside.joined(separator: " ") }
        if inci.entries.isEmpty && !inci.setAside.isEmpty && actives.isEmpty {
            throw RowProblem(
                field: CatalogField.ingredients.rawValue,
                reason: "holds only marketing text, no ingredient list",
                kind: "ingredients: only marketing text")
        }
        if let priceText {
            let parsed = try Self.price(priceText)
            price = parsed.amount
            regularPrice = parsed.otherAmount
            if currency == nil { currency = parsed.currency }
        }
    }

    /// The size field: a size, or a shade given where the size should be; a size out of range is a problem.
    private static func size(_ text: String?) throws(RowProblem) -> (ProductSize?, shade: String?) {
        guard let text else { return (nil, nil) }
        let labelled = ProductSize.label(text)
        if labelled.isShade { return (nil, text) }
        let size = ProductSize(parsing: labelled.text)
        if let size, !size.isInRange {
            throw RowProblem(
                field: CatalogField.size.rawValue,
                reason: "\(text.quotedForMessage) is out of range: a size is more than 0 and at most "
                    + "1,000,000 mL or g",
                kind: "size: out of range")
        }
        return (size, nil)
    }

    private static func actives(_ text: String?) throws(RowProblem) -> [DeclaredActive] {
        do {
            return try text.map(DeclaredActive.parseList) ?? []
        } catch {
            throw RowProblem(
                field: CatalogField.actives.rawValue, reason: error.description,
                kind: "actives: bad amount")
        }
    }

    /// The ingredient list: not a placeholder (`No Info`), not empty when the layout has the column, amounts that
    /// read, at most ``maxIngredientEntries`` entries.
    private static func ingredients(_ text: String?, hasColumn: Bool) throws(RowProblem) -> INCIList {
        if let text, let placeholder = INCIParser.placeholder(in: text) {
            throw RowProblem(
                field: CatalogField.ingredients.rawValue,
                reason: "\"\(text)\" is a placeholder, not an ingredient list",
                kind: "ingredients: placeholder \"\(placeholder)\"")
        }
        if hasColumn && text == nil {
            throw RowProblem(
                field: CatalogField.ingredients.rawValue, reason: "is empty",
                kind: "ingredients: is empty")
        }
        let inci: INCIList
        do {
            inci = try text.map(INCIParser.parse) ?? INCIList(entries: [])
        } catch {
            throw RowProblem(
                field: CatalogField.ingredients.rawValue, reason: error.description,
                kind: "ingredients: bad amount")
        }
        if inci.entries.count > Self.maxIngredientEntries {
            throw RowProblem(
                field: CatalogField.ingredients.rawValue,
                reason: "lists \(inci.entries.count.groupedText) ingredients, more than the "
                    + "\(Self.maxIngredientEntries.groupedText) a list may have",
                kind: "ingredients: too many entries")
        }
        return inci
    }

    /// The price field: a price (with a regular price beside it, and a currency sign or code) in ``Price/range``.
    private static func price(_ text: String) throws(RowProblem) -> Price {
        guard let parsed = Price(parsing: text) else {
            throw RowProblem(
                field: CatalogField.price.rawValue,
                reason: "\"\(text)\" is not a price (a non-negative number such as 38.00)",
                kind: "price: not a price")
        }
        guard Price.range.contains(parsed.amount), parsed.otherAmount.map(Price.range.contains) ?? true else {
            throw RowProblem(
                field: CatalogField.price.rawValue,
                reason: "\(text.quotedForMessage) is out of range: a price is at most 1,000,000,000",
                kind: "price: out of range")
        }
        return parsed
    }
}

/// A data row's fields under a layout, once its field count is right (repaired if need be) and no field is too
/// long: each contract field's trimmed text, or the layout's default for it.
private struct RowFields {
    let fields: [String]
    let layout: ColumnLayout
    let repair: RowRepair?

    init(_ fields: [String], layout: ColumnLayout) throws(RowProblem) {
        var fields = fields
        var repair: RowRepair?
        if fields.count != layout.header.count {
            switch ProductListing.rejoin(fields, layout: layout, delimiter: layout.delimiter) {
            case .success(let repaired):
                fields = repaired.fields
                repair = repaired.repair
            case .failure(let problem):
                throw problem
            }
        }
        for (index, text) in fields.enumerated() where text.utf8.count > ProductListing.maxFieldBytes {
            let name = layout.fieldName(ofColumn: index)
            throw RowProblem(
                field: name,
                reason: "is \(text.utf8.count.groupedText) bytes long, more than the "
                    + "\(ProductListing.maxFieldBytes.groupedText) a field may have",
                kind: "\(name): too long")
        }
        self.fields = fields
        self.layout = layout
        self.repair = repair
    }

    /// The field's trimmed text, else the layout's default; nil when both are empty.
    func value(_ field: CatalogField) -> String? {
        if let index = layout.columns[field] {
            let text = fields[index].trimmingWhitespace()
            if !text.isEmpty { return String(text) }
        }
        return layout.defaults[field].flatMap { $0.isEmpty ? nil : $0 }
    }

    func required(_ field: CatalogField) throws(RowProblem) -> String {
        guard let text = value(field) else {
            throw RowProblem(field: field.rawValue, reason: "is empty", kind: "\(field.rawValue): is empty")
        }
        return text
    }

    /// The `sku`, or the key derived from the layout's key fields (``ColumnLayout/derivedKey``).
    func key() throws(RowProblem) -> String {
        guard let keyFields = layout.derivedKey else { return try required(.sku) }
        let parts = keyFields.map { value($0) ?? "" }
        guard parts.contains(where: { !$0.isEmpty }) else {
            throw RowProblem(
                field: "sku", reason: "cannot derive a key: \(keyFields.map(\.rawValue)) are all empty",
                kind: "sku: cannot derive a key")
        }
        return DerivedKey.make(parts, fields: keyFields)
    }
}

/// A price as written in a catalog: `38.00`, `$62.00`, `£10.00`, `€24,50`, `45,000`, `KRW 45000`.
public struct Price: Hashable, Sendable {
    /// The figure of the (first) price, in its currency's units (`62` for `$62.00`), within ``range``.
    public var amount: Double
    /// A second price in the same cell (`$11.20 $16.00`: the regular price next to the sale price).
    public var otherAmount: Double?
    /// The ISO code implied by a currency sign or code in the text, if any.
    public var currency: String?

    /// The prices a catalog accepts: 0 to 1,000,000,000 in any currency (a million dollars, a billion won or
    /// rupiah). Stored as a double, formatted as a whole number where it is one; beyond this a figure is a
    /// mistake, and a row giving one is set aside rather than stored.
    public static let range: ClosedRange<Double> = 0...1_000_000_000

    private static let signs: [Character: String] = ["$": "USD", "£": "GBP", "€": "EUR", "₩": "KRW", "¥": "JPY"]

    /// Reads a price from its text; nil when the text is not a price (letters other than a three-letter currency
    /// code, an unknown sign, no number).
    public init?(parsing text: String) {
        var currency: String?
        var digits = ""
        var otherDigits = ""
        var letters = ""
        var firstPriceDone = false  // `$11.20 $16.00`: sale and regular price; the first one is current
        for character in text {
            if let code = Self.signs[character] {
                currency = currency ?? code
            } else if character.isASCII && (character.isNumber || character == "." || character == ",") {
                if !firstPriceDone { digits.append(character) } else { otherDigits.append(character) }
            } else if character.isLetter {
                letters.append(character)
            } else if character.isWhitespace {
                if !digits.isEmpty { firstPriceDone = true }
            } else {
                return nil
            }
        }
        if !letters.isEmpty {
            guard letters.count == 3, letters.allSatisfy(\.isUppercase) || letters.allSatisfy(\.isLowercase) else {
                return nil
            }
            currency = currency ?? letters.uppercased()
        }
        guard let value = AmountText.parseNumber(Substring(digits)) else { return nil }
        self.amount = value
        self.otherAmount = otherDigits.isEmpty ? nil : AmountText.parseNumber(Substring(otherDigits))
        self.currency = currency
    }
}
