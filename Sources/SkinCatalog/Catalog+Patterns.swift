import GRDB

/// What to recommend and for whom: the ranking of ``Catalog/ranking(_:)`` with the products that contain a
/// profile's suspects left out.
public struct RecommendationOptions: Sendable {
    /// The verdict profile whose suspects are left out: `default` (`VerdictProfile.defaultName`) unless one is named.
    public var profile: String
    /// The active, filter and rubric of the ranking; its `limit` applies to the recommended products, after the
    /// suspects' products are left out.
    public var ranking: RankingOptions
    /// When the pattern analysis ranks and what makes an ingredient a suspect.
    public var thresholds: PatternThresholds

    /// Options for a recommendation; each argument sets the property of the same name. By default: the default profile,
    /// the default ranking (NMN, default rubric) and the default thresholds.
    public init(
        profile: String = VerdictProfile.defaultName, ranking: RankingOptions = RankingOptions(),
        thresholds: PatternThresholds = .default
    ) {
        self.profile = profile
        self.ranking = ranking
        self.thresholds = thresholds
    }
}

/// A ranked product that a recommendation left out, and why.
public struct LeftOutProduct: Sendable, Equatable {
    /// The product, with its place in the full ranking.
    public var product: RankedProduct
    /// The suspects it contains (`PatternFeature.label`), in suspect order.
    public var suspects: [String]
    /// `contains DIMETHICONE (in 5/5 failed, 0/5 worked)`, `you rated it failed`.
    public var reasons: [String]
}

/// The products to try: the ranking without the products that contain a suspect.
public struct Recommendations: Sendable, Equatable {
    /// The analysis the suspects come from (its message says when there are none and why).
    public var patterns: IngredientPatternAnalysis
    /// Ranked, without suspects; `rank` is renumbered 1, 2, 3, ...
    public var recommended: [RankedProduct]
    /// Ranked products that contain a suspect or that the profile rated failed, in ranking order.
    public var leftOut: [LeftOutProduct]
}

extension Catalog {
    /// Looks for the ingredients (and ingredient classes) over-represented among a profile's failed products.
    ///
    /// Every canonical ingredient, class and unresolved printed name found in a rated product (outside may-contain
    /// sections) is counted among the failed and the worked products and tested with Fisher's exact test
    /// (one-sided), measured by the Haldane–Anscombe odds ratio with its 95 % confidence interval, and given a
    /// Benjamini–Hochberg q-value that corrects for the number of features tested; each suspect says whether it
    /// holds after that correction. See `IngredientPatternAnalysis` and docs/patterns.md.
    ///
    /// ```swift
    /// let analysis = try catalog.ingredientPatterns(profile: "default")
    /// for suspect in analysis.suspects { print(suspect.feature.label, suspect.qValue ?? 1) }
    /// ```
    /// - Parameters:
    ///   - profile: whose verdicts.
    ///   - thresholds: when to rank and what makes a suspect.
    /// - Throws: ``CatalogError/database(_:)``. Too few verdicts is not an error: the analysis says so.
    public func ingredientPatterns(
        profile: String = VerdictProfile.defaultName,
        thresholds: PatternThresholds = .default
    ) throws(CatalogError)
        -> IngredientPatternAnalysis
    {
        let rated = try read { db in try Self.ratedProducts(db, profile: profile) }
        var analysis = IngredientPatternAnalysis.analyse(profile: profile, products: rated, thresholds: thresholds)
        if rated.isEmpty {
            let others = try verdictProfiles()
            if !others.isEmpty {
                analysis.message += " Profiles with verdicts: \(others.joined(separator: ", "))."
            }
        }
        return analysis
    }

    /// The ranking of ``ranking(_:)`` with the products that contain a profile's suspects left out (and listed
    /// with the reason), and the products the profile rated failed left out too. A product the profile rated
    /// worked is never left out. With no suspects (too few verdicts, or no pattern) the ranking is unchanged.
    ///
    /// ```swift
    /// let picks = try catalog.recommendations(RecommendationOptions(profile: "default",
    ///                                                               ranking: RankingOptions(active: "NMN", limit: 5)))
    /// ```
    /// - Throws: what ``ranking(_:)`` throws.
    public func recommendations(_ options: RecommendationOptions) throws -> Recommendations {
        let patterns = try ingredientPatterns(profile: options.profile, thresholds: options.thresholds)
        var full = options.ranking
        full.limit = nil
        let ranked = try ranking(full)
        let suspects = patterns.suspects
        let (features, verdicts) = try read { db in
            let ids = try Self.productIds(db, skus: ranked.map(\.sku))
            let features = try Self.features(db, productIds: Array(ids.values))
            let verdicts = try Dictionary(
                Row.fetchAll(
                    db,
                    sql: """
                        SELECT p.sku, v.outcome FROM verdict v JOIN product p ON p.id = v.productId WHERE v.profile = ?
                        """, arguments: [options.profile]
                ).map { ($0["sku"] as String, $0["outcome"] as String) },
                uniquingKeysWith: { first, _ in first })
            return (ids.mapValues { features[$0] ?? [] }, verdicts)
        }
        var recommended: [RankedProduct] = []
        var leftOut: [LeftOutProduct] = []
        for product in ranked {
            let verdict = verdicts[product.sku].flatMap(VerdictOutcome.init(rawValue:))
            let contained =
                verdict == .worked ? [] : suspects.filter { features[product.sku]?.contains($0.feature) ?? false }
            var reasons = contained.map { suspect in
                "contains \(suspect.feature.label) (in \(suspect.failedWith.count)/\(suspect.failedTotal) failed, "
                    + "\(suspect.workedWith.count)/\(suspect.workedTotal) worked)"
            }
            if verdict == .failed { reasons.insert("you rated it failed", at: 0) }
            if reasons.isEmpty {
                recommended.append(product)
            } else {
                leftOut.append(
                    LeftOutProduct(
                        product: product, suspects: contained.map(\.feature.label),
                        reasons: reasons))
            }
        }
        if let limit = options.ranking.limit, recommended.count > limit {
            recommended.removeLast(recommended.count - limit)
        }
        for index in recommended.indices { recommended[index].rank = index + 1 }
        return Recommendations(patterns: patterns, recommended: recommended, leftOut: leftOut)
    }

    /// The profile's rated products with their features.
    static func ratedProducts(_ db: Database, profile: String) throws -> [RatedProduct] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT v.productId, p.sku, v.outcome FROM verdict v JOIN product p ON p.id = v.productId
                WHERE v.profile = ? ORDER BY p.sku
                """, arguments: [profile])
        let features = try features(db, productIds: rows.map { $0["productId"] })
        return try rows.map { row in
            RatedProduct(
                sku: row["sku"],
                outcome: try Self.stored(row["outcome"], as: VerdictOutcome.self, in: "verdict.outcome"),
                features: features[row["productId"]] ?? [])
        }
    }

    private static func productIds(_ db: Database, skus: [String]) throws -> [String: Int64] {
        guard !skus.isEmpty else { return [:] }
        var result: [String: Int64] = [:]
        for chunk in stride(from: 0, to: skus.count, by: 500).map({ Array(skus[$0..<min($0 + 500, skus.count)]) }) {
            let rows = try Row.fetchAll(
                db, sql: "SELECT sku, id FROM product WHERE sku IN (\(chunk.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(chunk))
            for row in rows { result[row["sku"]] = row["id"] }
        }
        return result
    }

    /// What each product contains outside may-contain sections: its canonical ingredients, their classes, and the
    /// printed names that resolved to nothing.
    static func features(_ db: Database, productIds: [Int64]) throws -> [Int64: Set<PatternFeature>] {
        guard !productIds.isEmpty else { return [:] }
        // The ids are our own integers, not user text.
        let list = productIds.map(String.init).joined(separator: ", ")
        var result: [Int64: Set<PatternFeature>] = [:]
        let statements: [(PatternFeature.Kind, String)] = [
            (
                .ingredient,
                """
                SELECT pi.productId, i.inciName FROM productIngredientLine pi JOIN ingredient i ON i.id = pi.ingredientId
                WHERE pi.mayContain = 0 AND pi.productId IN (\(list))
                """
            ),
            (
                .class,
                """
                SELECT DISTINCT pi.productId, m.className FROM productIngredientLine pi
                JOIN ingredientClassMember m ON m.ingredientId = pi.ingredientId
                WHERE pi.mayContain = 0 AND pi.productId IN (\(list))
                """
            ),
            (
                .unresolved,
                """
                SELECT productId, nameKey FROM productIngredientLine
                WHERE ingredientId IS NULL AND mayContain = 0 AND productId IN (\(list))
                """
            ),
        ]
        for (kind, sql) in statements {
            let cursor = try Row.fetchCursor(db, sql: sql)
            while let row = try cursor.next() {
                result[row[0], default: []].insert(PatternFeature(kind: kind, name: row[1]))
            }
        }
        return result
    }
}
