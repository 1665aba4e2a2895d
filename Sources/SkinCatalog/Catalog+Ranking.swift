import GRDB

/// A product's place in a ranking, with its score explained. Its Codable form is flat: the ``ProductSummary``'s
/// keys, then its own (see there why); `skincat rank` prints ``RankingReport/record(_:)``.
@dynamicMemberLookup
public struct RankedProduct: ProductResult, Sendable, Equatable {
    /// 1-based place; products are ordered by score, then the documented tie-break.
    public var rank: Int
    /// Who the product is: its sku, brand, name, category and price.
    public var product: ProductSummary
    /// The active the ranking is for (`NMN`, `niacinamide`).
    public var active: String
    /// The amount the concentration criterion used: declared, printed or named, or the upper bound from the list's
    /// order (source `inferred`); nil when undisclosed or only a lower bound is known (see ``interval``).
    public var amountPpm: Double?
    /// `declared`, `printed`, `named`, `inferred` (an upper bound from list order) or nil (undisclosed).
    public var amountSource: AmountSource?
    /// What the list's order says of the active's amount, with the lines and caps that say it; nil when nothing.
    public var interval: ListOrderInterval?
    /// The amount the product's name states for the active, whether or not the score used it (the label wins).
    public var namedAmount: NamedAmountDetail?
    /// The active's place in the printed list; nil when it is not listed (declared or named only).
    public var position: Int?
    /// The score under the rubric (0 to 100): each criterion's points with the reason, and the flags.
    public var score: ProductScore
    /// How many sources list the product now (offers not marked not seen), and the lowest and highest of their
    /// prices in the product's currency (``ProductSummary/currency``); offers in other currencies count, but are left
    /// out of the range.
    public var offers = 0
    /// The lowest price among the current offers in the product's currency (``ProductSummary/currency``); nil when
    /// no such offer gives a price.
    public var lowestPrice: Double?
    /// The highest price among the current offers in the product's currency (``ProductSummary/currency``); nil when
    /// no such offer gives a price.
    public var highestPrice: Double?
    /// What the product gives for its price (`ProductValue`): the price per mL or g, and the price per 100 mg of
    /// the active when the label declares or prints its amount (never a named or inferred one); empty (no price per
    /// unit) without a price or a size. Converted to ``RankingOptions/conversion``'s currency when the ranking
    /// converts and the rates list the product's.
    public var value = ProductValue(price: nil, currency: nil, sizeMl: nil, sizeG: nil)
    /// `.noRate` when the ranking converts values and the rates do not list the product's currency: ``value``
    /// then stays in the product's own currency, and the ranking's outputs leave the value out; nil otherwise.
    public var valueLeftOut: ValueExclusion?

    /// ``value`` when it is in the ranking's one currency; nil when it was left out (``valueLeftOut``).
    public var comparableValue: ProductValue? { valueLeftOut == nil ? value : nil }
}

extension RankedProduct: Codable {
    private enum CodingKeys: String, CodingKey {
        case rank, active, amountPpm, amountSource, interval, namedAmount, position, score, offers, lowestPrice
        case highestPrice, value
    }

    /// Reads a ranked product from its flat JSON object (the ``ProductSummary``'s keys beside its own).
    /// - Throws: `DecodingError` when a key is missing or holds the wrong type.
    public init(from decoder: any Decoder) throws {
        product = try ProductSummary(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rank = try container.decode(Int.self, forKey: .rank)
        active = try container.decode(String.self, forKey: .active)
        amountPpm = try container.decodeIfPresent(Double.self, forKey: .amountPpm)
        amountSource = try container.decodeIfPresent(AmountSource.self, forKey: .amountSource)
        interval = try container.decodeIfPresent(ListOrderInterval.self, forKey: .interval)
        namedAmount = try container.decodeIfPresent(NamedAmountDetail.self, forKey: .namedAmount)
        position = try container.decodeIfPresent(Int.self, forKey: .position)
        score = try container.decode(ProductScore.self, forKey: .score)
        offers = try container.decode(Int.self, forKey: .offers)
        lowestPrice = try container.decodeIfPresent(Double.self, forKey: .lowestPrice)
        highestPrice = try container.decodeIfPresent(Double.self, forKey: .highestPrice)
        value =
            try container.decodeIfPresent(ProductValue.self, forKey: .value)
            ?? ProductValue(price: nil, currency: nil, sizeMl: nil, sizeG: nil)
    }

    /// Writes the ranked product as one flat JSON object: `rank`, the ``ProductSummary``'s keys, then its own.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rank, forKey: .rank)
        try product.encode(to: encoder)
        try container.encode(active, forKey: .active)
        try container.encodeIfPresent(amountPpm, forKey: .amountPpm)
        try container.encodeIfPresent(amountSource, forKey: .amountSource)
        try container.encodeIfPresent(interval, forKey: .interval)
        try container.encodeIfPresent(namedAmount, forKey: .namedAmount)
        try container.encodeIfPresent(position, forKey: .position)
        try container.encode(score, forKey: .score)
        try container.encode(offers, forKey: .offers)
        try container.encodeIfPresent(lowestPrice, forKey: .lowestPrice)
        try container.encodeIfPresent(highestPrice, forKey: .highestPrice)
        try container.encode(value, forKey: .value)
    }
}

/// What to rank and how.
public struct RankingOptions: Sendable {
    /// The rubric's name for the active (`NMN`, `niacinamide`; case-insensitive).
    public var active: String
    /// Only products this query matches.
    public var filter: QueryExpression?
    /// At most this many products, the best first; nil for all.
    public var limit: Int?
    /// The rubric that scores the products: its weights, and the rule of the active.
    public var rubric: Rubric
    /// Only these products (for `skincat explain`).
    public var skus: [String]?
    /// Whether each product's label-audit findings join its flags (`finding: headline-trace`; issue 18): the audit
    /// runs once, with the EU lists the catalog holds, over the products the filter selects, or, with a
    /// ``limit``, over the products the ranking keeps. The informational fragrance-allergens finding is left out:
    /// labelling them is the rule. Off by default, since the audit reads every audited label.
    public var auditFindings = false
    /// Exchange rates and the currency every product's ``RankedProduct/value`` is converted to; nil (the default)
    /// leaves each value in its product's currency. The order does not depend on it.
    public var conversion: CurrencyConversion?

    /// Options for a ranking; each argument sets the property of the same name. By default: NMN, every product that
    /// lists it, no limit, the default rubric, no audit findings.
    public init(
        active: String = "NMN", filter: QueryExpression? = nil, limit: Int? = nil,
        rubric: Rubric = .default, skus: [String]? = nil
    ) {
        self.active = active
        self.filter = filter
        self.limit = limit
        self.rubric = rubric
        self.skus = skus
    }
}

extension Catalog {
    /// Ranks the products that list an active by the rubric's label criteria.
    ///
    /// Only products that list the active (outside a may-contain section), declare an amount of it, or state one
    /// in their name are ranked. The concentration criterion uses the best evidence (declared > printed > named >
    /// list order; docs/concentration-evidence.md). Order: score (highest first), then the concentration points,
    /// then the amount (more first, unknown last), then the active's list position (earlier first, unlisted
    /// last), then brand, name and sku (alphabetical), so the order is the same on every run.
    ///
    /// ```swift
    /// let top = try catalog.ranking(RankingOptions(active: "NMN", limit: 10))
    /// ```
    /// - Throws: ``CatalogError`` when the rubric has no such active, its ingredient is not in the dictionary, or
    ///   the database fails; `QueryError` from compiling the filter.
    public func ranking(_ options: RankingOptions) throws -> [RankedProduct] {
        var ranked: [RankedProduct] = []
        try ranking(options) { ranked.append($0) }
        return ranked
    }

    /// Ranks as ``ranking(_:)`` does, handing each product to `body` in rank order instead of returning them all:
    /// memory stays small however many products are ranked (see `RankingScan`). `body` runs inside the catalog's
    /// read transaction (with ``RankingOptions/auditFindings`` and a limit, after it, on the products kept); an error
    /// it throws stops the ranking and is rethrown unchanged.
    ///
    /// ```swift
    /// try catalog.ranking(RankingOptions(active: "niacinamide")) { product in print(product.rank, product.sku) }
    /// ```
    /// - Throws: what ``ranking(_:)`` throws, and whatever `body` throws.
    public func ranking(_ options: RankingOptions, each body: (RankedProduct) throws -> Void) throws {
        guard let (activeName, active) = options.rubric.active(named: options.active) else {
            throw CatalogError.unknownActive(options.active, known: options.rubric.actives.keys.sorted())
        }
        /// An error of `body`, carried out of the read transaction untouched.
        struct Consumer: Error { var error: any Error }
        if options.auditFindings, options.limit != nil {
            // A top ten need not audit every selected label: rank first (the limit bounds what is held), then
            // audit only the products kept. Their flags do not move them: findings are no criterion.
            var plain = options
            plain.auditFindings = false
            var kept: [RankedProduct] = []
            try ranking(plain) { kept.append($0) }
            let findings = try findingKinds(query: options.filter, skus: kept.map(\.sku))
            for var product in kept {
                product.score.flags += findings[product.sku, default: []].map { "finding: \($0)" }
                try body(product)
            }
            return
        }
        let findings = options.auditFindings ? try findingKinds(query: options.filter) : [:]
        do {
            try writer.read { db in
                try RankingScan(db: db, activeName: activeName, active: active, options: options).run { product in
                    var product = product
                    product.score.flags += findings[product.sku, default: []].map { "finding: \($0)" }
                    do { try body(product) } catch { throw Consumer(error: error) }
                }
            }
        } catch let consumer as Consumer {
            throw consumer.error
        } catch let error as QueryError {
            throw error
        } catch {
            throw failure(error)
        }
    }

    /// The kinds of the audit's findings per sku, in ``AuditFinding/Kind`` order, for the products `query`
    /// selects (all when nil) among `skus` (when given), without the informational fragrance-allergens finding.
    func findingKinds(query: QueryExpression?, skus: [String]? = nil) throws -> [String: [String]] {
        var options = AuditOptions(query: query)
        options.reportAllergens = false
        options.skus = skus
        var kinds: [String: [String]] = [:]
        _ = try audit(options) { audited in
            var seen: [String] = []
            for finding in audited.findings where !seen.contains(finding.kind.rawValue) {
                seen.append(finding.kind.rawValue)
            }
            if !seen.isEmpty { kinds[audited.sku] = seen }
        }
        return kinds
    }

    /// A digest of every product's content and the dictionary, so two exports can tell whether they ranked the
    /// same catalog.
    public func fingerprint() throws(CatalogError) -> String {
        try read { db in
            var fingerprint = Fingerprint()
            fingerprint.combine("dictionary \(try Self.dictionaryRevision(db))")
            let cursor = try Row.fetchCursor(db, sql: "SELECT sku, contentHash FROM product ORDER BY sku")
            while let row = try cursor.next() {
                fingerprint.combine(row[0])
                fingerprint.combine(row[1])
            }
            return fingerprint.description
        }
    }
}
