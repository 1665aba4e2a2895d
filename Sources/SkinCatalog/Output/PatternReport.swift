/// Rows and records for `skincat analyze` and `skincat recommend`. Pure functions over values, so every format
/// can be tested without a process.
public enum PatternReport {
    /// One line of prose naming the method, carried by the JSON document.
    public static let method =
        "Fisher's exact test, one-sided (over-represented among failed products); "
        + "Haldane-Anscombe odds ratio ((a+0.5)(d+0.5))/((b+0.5)(c+0.5)) with Woolf's 95% confidence interval "
        + "exp(ln OR +/- 1.96 sqrt(1/(a+0.5)+1/(b+0.5)+1/(c+0.5)+1/(d+0.5))); "
        + "Benjamini-Hochberg q-values over the features in some but not all rated products"

    // MARK: - analyze

    /// Table, CSV and TSV columns of `skincat analyze` (``AssociationRecord``'s headers).
    public static let columns = [
        "ingredient", "failed", "worked", "p", "q", "odds ratio (95% CI)", "suspect", "failed with",
        "worked with", "note",
    ]

    /// Columns of ``columns`` to right-align in a table: the counts, p, q and the odds ratio.
    public static let rightAlignedColumns: Set<Int> = [1, 2, 3, 4, 5]

    /// One association's cells, in ``columns`` order: counts as `4/5`, p and q rounded, the odds ratio with its
    /// confidence interval as `121 (2–7260)`.
    public static func cells(_ association: IngredientAssociation) -> [String] {
        var ratio = ""
        if let odds = association.oddsRatio, let low = association.oddsRatioLow, let high = association.oddsRatioHigh {
            ratio = IngredientPatternAnalysis.formatRatio(odds, low: low, high: high)
        }
        return [
            association.feature.label, "\(association.failedWith.count)/\(association.failedTotal)",
            "\(association.workedWith.count)/\(association.workedTotal)",
            association.pValue.map(IngredientPatternAnalysis.formatP) ?? "",
            association.qValue.map(IngredientPatternAnalysis.formatP) ?? "", ratio, association.isSuspect ? "yes" : "",
            association.failedWith.joined(separator: " "), association.workedWith.joined(separator: " "),
            association.note,
        ]
    }

    /// One association as a JSON record: `ingredient`, the counts, the measures (unrounded), the products.
    public static func record(_ association: IngredientAssociation, profile: String) -> [(String, JSONValue)] {
        [
            ("ingredient", .string(association.feature.label)), ("kind", .string(association.feature.kind.rawValue)),
            ("name", .string(association.feature.name)),
            ("failed", .integer(Int64(association.failedWith.count))),
            ("worked", .integer(Int64(association.workedWith.count))),
            ("failedTotal", .integer(Int64(association.failedTotal))),
            ("workedTotal", .integer(Int64(association.workedTotal))),
            ("pValue", .optional(association.pValue)), ("qValue", .optional(association.qValue)),
            ("oddsRatio", .optional(association.oddsRatio)), ("oddsRatioLow", .optional(association.oddsRatioLow)),
            ("oddsRatioHigh", .optional(association.oddsRatioHigh)), ("suspect", .bool(association.isSuspect)),
            ("holdsAfterCorrection", .bool(association.holdsAfterCorrection)),
            ("failedProducts", .array(association.failedWith.map(JSONValue.string))),
            ("workedProducts", .array(association.workedWith.map(JSONValue.string))),
            ("sameProductsAs", .array(association.sameProductsAs.map(JSONValue.string))),
            ("note", .string(association.note)), ("profile", .string(profile)),
        ]
    }

    /// The `--format json` document of `skincat analyze`: the verdict counts, whether they were enough, what more
    /// would help, the message, the method and thresholds, how many features the q-values correct for, the
    /// suspects and those of them that hold after that correction, and one record per ingredient.
    public static func document(
        _ analysis: IngredientPatternAnalysis,
        associations: [IngredientAssociation]? = nil
    ) -> JSONValue {
        let thresholds = analysis.thresholds
        return .object([
            ("profile", .string(analysis.profile)), ("failed", .integer(Int64(analysis.failedCount))),
            ("worked", .integer(Int64(analysis.workedCount))), ("enoughData", .bool(analysis.hasEnoughData)),
            (
                "moreNeeded",
                .object([
                    ("failed", .integer(Int64(analysis.moreNeeded.failed))),
                    ("worked", .integer(Int64(analysis.moreNeeded.worked))),
                    ("either", .integer(Int64(analysis.moreNeeded.either))),
                ])
            ),
            ("message", .string(analysis.message)), ("method", .string(method)),
            (
                "thresholds",
                .object([
                    ("minimumPerOutcome", .integer(Int64(thresholds.minimumPerOutcome))),
                    ("significance", .number(thresholds.significance)),
                    ("minimumOddsRatio", .number(thresholds.minimumOddsRatio)),
                    ("maximumSuspectPatterns", .integer(Int64(thresholds.maximumSuspectPatterns))),
                    ("falseDiscoveryRate", .number(thresholds.falseDiscoveryRate)),
                ])
            ),
            ("tests", .integer(Int64(analysis.testCount))),
            ("suspects", .array(analysis.suspects.map { .string($0.feature.label) })),
            (
                "holdingAfterCorrection",
                .array(analysis.suspects.filter(\.holdsAfterCorrection).map { .string($0.feature.label) })
            ),
            (
                "ingredients",
                .array(
                    (associations ?? analysis.associations).map {
                        .object(record($0, profile: analysis.profile))
                    })
            ),
        ])
    }

    // MARK: - recommend

    /// The first line of `skincat recommend`: what was left out and why, or why nothing was.
    ///
    /// - Parameters:
    ///   - recommendations: what `Catalog.recommendations(_:)` returned.
    ///   - analyzeCommand: how to run the analysis for this profile (`skincat analyze --profile sam`).
    public static func recommendationSummary(_ recommendations: Recommendations, analyzeCommand: String) -> String {
        let patterns = recommendations.patterns
        guard !patterns.suspects.isEmpty else {
            return "Nothing left out for profile \"\(patterns.profile)\": no suspects. \(patterns.message)"
        }
        return "Left out: products that contain a suspect of profile \"\(patterns.profile)\": "
            + "\(patterns.suspectsPhrase) (see '\(analyzeCommand)')."
    }

    /// Table columns of the recommended products.
    public static let recommendedColumns = ["rank", "sku", "brand", "name", "score", "flags"]
    /// Table columns of the products left out.
    public static let leftOutColumns = ["place", "sku", "brand", "name", "score", "why left out"]

    /// One recommended product's cells, in ``recommendedColumns`` order: rank, sku, brand, name, score and flags
    /// (joined by `; `).
    public static func recommendedCells(_ product: RankedProduct) -> [String] {
        [
            String(product.rank), product.sku, product.brand, product.name, RankingReport.number(product.score.total),
            product.score.flags.joined(separator: "; "),
        ]
    }

    /// One left-out product's cells, in ``leftOutColumns`` order: its place in the full ranking, sku, brand, name,
    /// score and why it was left out (joined by `; `).
    public static func leftOutCells(_ left: LeftOutProduct) -> [String] {
        [
            String(left.product.rank), left.product.sku, left.product.brand, left.product.name,
            RankingReport.number(left.product.score.total), left.reasons.joined(separator: "; "),
        ]
    }

    /// Every product of a recommendation as a record, recommended first; the CSV, TSV and JSON-lines rows.
    public static func recommendationRecords(_ recommendations: Recommendations) -> [RecommendationRecord] {
        recommendations.recommended.map { RecommendationRecord(status: "recommended", product: $0) }
            + recommendations.leftOut.map {
                RecommendationRecord(
                    status: "left-out", product: $0.product, suspects: $0.suspects, reasons: $0.reasons)
            }
    }

    /// The `--format json` document of `skincat recommend`.
    public static func recommendationDocument(_ recommendations: Recommendations, active: String) -> JSONValue {
        let records = recommendationRecords(recommendations).map(\.record)
        let split = recommendations.recommended.count
        return .object([
            ("profile", .string(recommendations.patterns.profile)), ("active", .string(active)),
            ("message", .string(recommendations.patterns.message)),
            ("suspects", .array(recommendations.patterns.suspects.map { .string($0.feature.label) })),
            ("recommended", .array(Array(records[..<split]))), ("leftOut", .array(Array(records[split...]))),
        ])
    }
}

/// One ingredient of `skincat analyze` as its records print: the cells of ``PatternReport/cells(_:)`` under
/// ``PatternReport/columns``, the JSON of ``PatternReport/record(_:profile:)``.
public struct AssociationRecord: TabularResult, Sendable {
    /// How the ingredient (or class) is spread across the profile's failed and worked products, with its statistics.
    public var association: IngredientAssociation
    /// The verdict profile analysed, carried by every JSON record.
    public var profile: String

    /// The record of one association found for the verdict profile named `profile`.
    public init(_ association: IngredientAssociation, profile: String) {
        self.association = association
        self.profile = profile
    }

    /// Writes the association as ``PatternReport/record(_:profile:)`` does.
    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(PatternReport.record(association, profile: profile)).encode(to: encoder)
    }

    /// The JSON key each of ``PatternReport/columns`` shows.
    private static let keys = [
        "ingredient", "failed", "worked", "pValue", "qValue", "oddsRatio", "suspect", "failedProducts",
        "workedProducts", "note",
    ]

    /// The columns of ``PatternReport/columns``, each showing its JSON key; counts, p, q and the odds ratio
    /// right-aligned.
    public static func columns(for rows: [AssociationRecord]) -> [OutputColumn<AssociationRecord>] {
        zip(keys, PatternReport.columns).enumerated().map { index, column in
            OutputColumn(
                column.0, header: column.1,
                alignment: PatternReport.rightAlignedColumns.contains(index) ? .right : .left
            ) { PatternReport.cells($0.association)[index] }
        }
    }
}

/// One product of `skincat recommend` as its CSV, TSV and JSON-lines records print: `status` (`recommended` or
/// `left-out`), then the ranking record (``RankingReport/record(_:)``; a left-out product's `rank` is its place in
/// the full ranking), then `suspects` and `reasons` (why it was left out). The ranking record's per-criterion
/// `reasons` are left out of it, so the key has one meaning (`skincat explain` prints them).
public struct RecommendationRecord: TabularResult, Sendable {
    /// `recommended`, or `left-out` for a product that contains a suspect.
    public var status: String
    /// The product, with its place in the full ranking.
    public var product: RankedProduct
    /// The suspects the product contains; empty for a recommended product.
    public var suspects: [String] = []
    /// Why the product was left out (`contains DIMETHICONE (in 5/5 failed, 0/5 worked)`); empty for a recommended
    /// product.
    public var reasons: [String] = []

    /// The record as JSON.
    public var record: JSONValue {
        guard case .object(let members) = RankingReport.record(product) else { return .null }
        return .object(
            [("status", .string(status))] + members.filter { $0.0 != "reasons" }
                + [
                    ("suspects", .array(suspects.map(JSONValue.string))),
                    ("reasons", .array(reasons.map(JSONValue.string))),
                ])
    }

    /// Writes the record as ``record`` reads.
    public func encode(to encoder: any Encoder) throws { try record.encode(to: encoder) }

    /// Status, rank (empty for a left-out product), sku, brand, name, score and the reasons joined by `; `.
    public static func columns(for rows: [RecommendationRecord]) -> [OutputColumn<RecommendationRecord>] {
        [
            OutputColumn("status") { $0.status },
            OutputColumn("rank") { $0.status == "left-out" ? "" : String($0.product.rank) },
            OutputColumn("sku") { $0.product.sku }, OutputColumn("brand") { $0.product.brand },
            OutputColumn("name") { $0.product.name },
            OutputColumn("score") { RankingReport.number($0.product.score.total) },
            OutputColumn("reasons", header: "reason") { $0.reasons.joined(separator: "; ") },
        ]
    }
}
