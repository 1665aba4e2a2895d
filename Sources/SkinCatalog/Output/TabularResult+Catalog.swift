import Foundation

// The columns of every record the catalog returns, declared once: the table, CSV and TSV print them, and each
// column's key is the Codable key of the value it shows in JSON (a test checks it).

extension QueryMatch: TabularResult {
    /// sku, brand and name; an amount (`≤` before an upper bound) and a source column per ingredient the query
    /// named, in the order it named them; packaging, delivery and price.
    public static func columns(for rows: [QueryMatch]) -> [OutputColumn<QueryMatch>] {
        let asked = rows.first?.amounts.map(\.asked) ?? []
        var columns: [OutputColumn<QueryMatch>] = [
            OutputColumn("sku") { $0.sku }, OutputColumn("brand") { $0.brand }, OutputColumn("name") { $0.name },
        ]
        for (index, name) in asked.enumerated() {
            columns.append(
                OutputColumn("amounts", header: "\(name) ppm", alignment: .right) { match in
                    guard index < match.amounts.count, let ppm = match.amounts[index].ppm else { return "" }
                    return (match.amounts[index].source == .inferred ? "≤" : "") + ppm.plainText
                })
            columns.append(
                OutputColumn("amounts", header: "\(name) source") { match in
                    index < match.amounts.count ? match.amounts[index].sourceText : ""
                })
        }
        return columns + [
            OutputColumn("packaging") { $0.packaging.joined(separator: ", ") },
            OutputColumn("delivery") { match in
                match.delivery.map { "\($0.system.rawValue) (\($0.basis.rawValue))" }.joined(separator: ", ")
            },
            OutputColumn("price") { match in
                match.price.map { "\($0.plainText) \(match.currency ?? "")".trimmingCharacters(in: .whitespaces) }
                    ?? ""
            },
        ]
    }
}

extension IngredientSummary: TabularResult {
    /// INCI name (a group as `one of N: NAME …`), CAS number, classes, evidence grade, how many products list it, and
    /// aliases.
    public static func columns(for rows: [IngredientSummary]) -> [OutputColumn<IngredientSummary>] {
        [
            OutputColumn("inciName", header: "inci name") {
                $0.groupMembers.isEmpty ? $0.inciName : "one of \($0.groupMembers.count): \($0.inciName) …"
            },
            OutputColumn("casNumber", header: "cas") { $0.casNumber ?? "" },
            OutputColumn("classes") { $0.classes.joined(separator: ", ") },
            OutputColumn("evidenceGrade", header: "evidence") { $0.evidenceGrade?.rawValue ?? "" },
            OutputColumn("productCount", header: "products", alignment: .right) { String($0.productCount) },
            OutputColumn("aliases") { $0.aliases.joined(separator: "; ") },
        ]
    }
}

extension UnresolvedIngredient: TabularResult {
    /// The name as printed, its normalised key, how many products print it, and the dictionary names it may mean.
    public static func columns(for rows: [UnresolvedIngredient]) -> [OutputColumn<UnresolvedIngredient>] {
        [
            OutputColumn("printedName", header: "printed name") { $0.printedName },
            OutputColumn("key") { $0.key },
            OutputColumn("products", alignment: .right) { String($0.productCount) },
            OutputColumn("suggestions", header: "did you mean") { $0.suggestions.joined(separator: "; ") },
        ]
    }
}

extension StudySummary: TabularResult {
    /// Year, designs (`in-vitro+animal`), route, the concentration tested, outcome, endpoints, ingredients, the
    /// citation and the key.
    public static func columns(for rows: [StudySummary]) -> [OutputColumn<StudySummary>] {
        [
            OutputColumn("year") { $0.year.map(String.init) ?? "" },
            OutputColumn("designs", header: "design") { $0.designs.map(\.rawValue).joined(separator: "+") },
            OutputColumn("route") { $0.route ?? "" },
            OutputColumn("concentration", header: "tested") { $0.concentrationText ?? "" },
            OutputColumn("outcome") { $0.outcome.rawValue },
            OutputColumn("endpoints") { $0.endpoints.joined(separator: ", ") },
            OutputColumn("ingredients") { $0.ingredients.joined(separator: ", ") },
            OutputColumn("citation") { $0.citation },
            OutputColumn("key") { $0.key },
        ]
    }
}

extension SourceSummary: TabularResult {
    /// The source's name, its offers listed and not seen, the products it shares with other sources (and with which),
    /// and when it was last imported.
    public static func columns(for rows: [SourceSummary]) -> [OutputColumn<SourceSummary>] {
        [
            OutputColumn("name", header: "source") { $0.name },
            OutputColumn("listed") { String($0.listed) },
            OutputColumn("notSeen", header: "not seen") { String($0.notSeen) },
            OutputColumn("sharedProducts", header: "shared") { String($0.sharedProducts) },
            OutputColumn("sharedWith", header: "shared with") { source in
                source.sharedWith.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            },
            OutputColumn("lastImport", header: "last import") { $0.lastImport ?? "" },
        ]
    }
}

extension MergeDecision: TabularResult {
    /// The decision, the offer (`SOURCE:SKU`), its brand and name, the product it joined or was kept apart from
    /// (empty when none), the name similarity (0 to 1, two decimals) and the reason.
    public static func columns(for rows: [MergeDecision]) -> [OutputColumn<MergeDecision>] {
        [
            OutputColumn("decision") { $0.decision }, OutputColumn("offer") { $0.offer },
            OutputColumn("brand") { $0.brand }, OutputColumn("name") { $0.name },
            OutputColumn("product") { $0.product ?? "" },
            OutputColumn("similarity") { $0.similarity.map { String(format: "%.2f", $0) } ?? "" },
            OutputColumn("reason") { $0.reason },
        ]
    }
}

extension VerdictRecord: TabularResult {
    /// `recordedAt` reads as ISO 8601 text, in JSON too.
    public static func columns(for rows: [VerdictRecord]) -> [OutputColumn<VerdictRecord>] {
        [
            OutputColumn("sku") { $0.sku }, OutputColumn("brand") { $0.brand }, OutputColumn("name") { $0.name },
            OutputColumn("outcome") { $0.outcome.rawValue }, OutputColumn("reason") { $0.reason?.rawValue ?? "" },
            OutputColumn("note") { $0.note ?? "" },
            OutputColumn("recordedAt", header: "recorded") { Date.ISO8601FormatStyle().format($0.recordedAt) },
        ]
    }
}

extension UserAlias: TabularResult {
    /// The alias and the INCI name it stands for.
    public static func columns(for rows: [UserAlias]) -> [OutputColumn<UserAlias>] {
        [OutputColumn("alias") { $0.alias }, OutputColumn("inciName", header: "inci name") { $0.inciName }]
    }
}
