import GRDB

/// A query compiled to SQL: a WHERE clause with every user value bound as a parameter, and the ingredients whose
/// amounts the query looked at (their amounts become output columns).
struct CompiledQuery {
    var whereClause: String
    var arguments: StatementArguments
    var comparedIngredients: [ComparedIngredient]

    struct ComparedIngredient: Equatable {
        var id: Int64
        var inciName: String
        /// The name as the user wrote it (`NMN`).
        var asked: String
    }
}

/// Compiles a ``QueryExpression`` against the catalog's dictionary: phrases resolve to ingredients or classes,
/// and every value the user typed is bound, never spliced into the SQL text.
///
/// Resolution rules (docs/query-language.md):
/// - an amount comparison (`NMN >= 1000 ppm`, `NMN undisclosed`) needs one ingredient: the phrase must be its INCI
///   name or an alias;
/// - `contains X` prefers an ingredient class when X names one (`peptides`, `centella`, `ferment filtrate`,
///   `NAD+ precursors`, `fragrance`), because a buyer asking for "fragrance" means every fragrance ingredient;
///   otherwise X must name an ingredient;
/// - a name that resolves to nothing is an error at its column with the nearest known name as a suggestion;
/// - `sold by X` needs a source named X (compared as `source.name` is, case-insensitively); an unknown one is an
///   error that also lists the catalog's sources;
/// - `price` compares the cheapest offer a source still lists, in the currency asked or the product's own
///   (docs/query-language.md, "Sources and prices").
struct QueryCompiler {
    let db: Database
    /// The kinds of amount an amount comparison counts (``QueryEvidence``).
    let evidence: QueryEvidence
    private var arguments: [(any DatabaseValueConvertible)?] = []
    private var compared: [CompiledQuery.ComparedIngredient] = []
    private var classes: [(name: String, label: String)]?

    /// The products carrying each finding kind, computed by the first `audit = KIND` term of the query.
    private var findingProducts: [AuditFinding.Kind: [Int64]]?

    init(db: Database, evidence: QueryEvidence = .all) {
        self.db = db
        self.evidence = evidence
    }

    static func compile(_ expression: QueryExpression, db: Database, evidence: QueryEvidence = .all) throws
        -> CompiledQuery
    {
        var compiler = QueryCompiler(db: db, evidence: evidence)
        let clause = try compiler.sql(for: expression)
        return CompiledQuery(
            whereClause: clause, arguments: StatementArguments(compiler.arguments),
            comparedIngredients: compiler.compared)
    }

    private mutating func bind(_ value: (any DatabaseValueConvertible)?) -> String {
        arguments.append(value)
        return "?"
    }

    private mutating func sql(for expression: QueryExpression) throws -> String {
        switch expression {
        // A chain of ANDs or ORs is written flat, in one pair of parentheses: SQLite's parser keeps a stack of at most
        // 100 entries, and one nested pair per operator overflowed it at about 80 ORs.
        case .and:
            return "(\(try expression.operands(ofAnd: true).map { try sql(for: $0) }.joined(separator: " AND ")))"
        case .or:
            return "(\(try expression.operands(ofAnd: false).map { try sql(for: $0) }.joined(separator: " OR ")))"
        case .not(.not(let inner)):
            // `not not X` is X as a truth value (a missing value counts as false), one level instead of two.
            return "coalesce(\(try sql(for: inner)), 0)"
        case .not(let inner):
            // A comparison with a missing value is NULL in SQL; "not (price <= 40)" must still hold for it.
            return "NOT coalesce(\(try sql(for: inner)), 0)"
        case .amount(let phrase, let comparison, let amount, _):
            return try amountSQL(phrase, comparison, amount)
        case .undisclosed(let phrase):
            return try undisclosedSQL(phrase)
        case .position(let phrase, let comparison, let value, _):
            let ingredient = try ingredient(phrase, purpose: "a list position")
            return listing(ingredient.id, "AND position \(comparison.sqlOperator) ?", binding: value)
        case .onePercentLine(let phrase, let above, _):
            return try onePercentLineSQL(phrase, above: above)
        case .contains(let phrase):
            return try containsSQL(phrase)
        case .packaging(let packaging, _):
            let columns = Packaging.named.filter { packaging.contains($0.attribute) }.map {
                "p.\(Packaging.column(for: $0.name)) = 1"
            }
            return columns.isEmpty ? "1" : "(\(columns.joined(separator: " AND ")))"
        case .delivery(let system, let basis, _):
            var clause = "p.id IN (SELECT productId FROM productDelivery WHERE system = \(bind(system.rawValue))"
            if let basis { clause += " AND basis = \(bind(basis.rawValue))" }
            return clause + ")"
        case .text(let field, let match, let value, _):
            return textSQL(field, match, value)
        case .number(let field, let comparison, let value, _):
            return sizeSQL(field, comparison, value)
        case .price(let comparison, let value, let currency, _):
            return priceSQL(comparison, value, currency: currency)
        case .finding(let kind, _):
            // The audit is no SQL: it runs once per compiled query over the whole catalog, and the products carrying
            // the kind are bound as one JSON array of ids.
            if findingProducts == nil { findingProducts = try Catalog.productsPerFinding(db) }
            let ids = findingProducts?[kind] ?? []
            return
                "p.id IN (SELECT value FROM json_each(\(bind("[" + ids.map(String.init).joined(separator: ",") + "]"))))"
        case .soldBy(let name):
            let source = try source(name)
            return """
                p.id IN (SELECT o.productId FROM offer o JOIN source s ON s.id = o.sourceId \
                WHERE s.name = \(bind(source)) AND o.notSeenSince IS NULL)
                """
        }
    }

    /// The products whose list holds the ingredient (outside may-contain) on a line that meets `conditions` (SQL on
    /// `productIngredientLine`, each starting with `AND`, with a `?` for each of `values`). The ingredient is bound
    /// first, then `values` in order, as their placeholders stand in the text.
    private mutating func listing(
        _ ingredient: Int64, _ conditions: String = "", binding values: (any DatabaseValueConvertible)?...
    ) -> String {
        let id = bind(ingredient)
        for value in values { _ = bind(value) }
        let extra = conditions.isEmpty ? "" : " \(conditions)"
        return
            "p.id IN (SELECT productId FROM productIngredientLine WHERE ingredientId = \(id) AND mayContain = 0\(extra))"
    }

    // MARK: - Amounts and the list

    /// `NMN >= 1000 ppm`: an amount the label states (declared or printed) or, where it states none, the name does,
    /// as far as ``evidence`` counts each.
    private mutating func amountSQL(_ phrase: Phrase, _ comparison: Comparison, _ amount: Amount) throws -> String {
        let ingredient = try ingredient(phrase, purpose: "an amount comparison")
        var parts: [String] = []
        if let label = evidence.labelSources {
            parts.append(
                listing(
                    ingredient.id, "AND \(label) AND amountPpm \(comparison.sqlOperator) ?", binding: amount.ppm))
        }
        if evidence.contains(.named) {
            // The label wins: a named amount counts only where the label states none of its own.
            parts.append(
                """
                p.id IN (SELECT productId FROM productNamedAmount WHERE ingredientId = \(bind(ingredient.id)) \
                AND amountPpm \(comparison.sqlOperator) \(bind(amount.ppm)) AND productId NOT IN \
                (SELECT productId FROM productIngredientLine WHERE ingredientId = \(bind(ingredient.id)) \
                AND mayContain = 0 AND amountPpm IS NOT NULL \
                AND (amountSource = 'declared' OR amountSource = 'printed')))
                """)
        }
        return parts.isEmpty ? "0" : "(\(parts.joined(separator: " OR ")))"
    }

    /// `NMN undisclosed`: listed with no amount that ``evidence`` counts.
    private mutating func undisclosedSQL(_ phrase: Phrase) throws -> String {
        let ingredient = try ingredient(phrase, purpose: "an undisclosed-amount test")
        let label = evidence.labelSources.map { "NOT \($0)" } ?? "1"
        var clause = listing(ingredient.id, "AND (amountSource IS NULL OR \(label))")
        if evidence.contains(.named) {
            clause = """
                (\(clause) AND p.id NOT IN (SELECT productId FROM productNamedAmount \
                WHERE ingredientId = \(bind(ingredient.id))))
                """
        }
        return clause
    }

    /// `NMN above the 1% line`, `NMN below the 1% line`.
    private mutating func onePercentLineSQL(_ phrase: Phrase, above: Bool) throws -> String {
        let ingredient = try ingredient(phrase, purpose: "the 1 % line")
        // A line known to be at or under 1 %: a declared or printed amount, or an annex cap for the product's
        // use (ListOrderBounds), in the same list of a kit. Colourants (CI numbers) set no line there; a printed
        // amount on one is rare enough that SQL does not tell them apart.
        let component = { (line: String) in
            "(SELECT count(*) FROM productListComponent c WHERE c.productId = l.productId "
                + "AND c.firstPosition <= \(line).position)"
        }
        let known = """
            SELECT 1 FROM productIngredientLine m WHERE m.productId = l.productId AND m.mayContain = 0 \
            AND \(component("m")) = \(component("l")) \
            AND m.position IS NOT NULL AND (((m.amountSource = 'declared' OR m.amountSource = 'printed') \
            AND m.amountPpm <= \(ListOrderBounds.onePercent)) OR m.ingredientId IN (SELECT ingredientId \
            FROM ingredientCap WHERE productUse = coalesce(q.productUse, 'unknown') \
            AND amountPpm <= \(ListOrderBounds.onePercent)))
            """
        let side =
            above
            ? "NOT EXISTS (\(known) AND m.position <= l.position) AND EXISTS (\(known) AND m.position > l.position)"
            : "EXISTS (\(known) AND m.position < l.position)"
        return """
            p.id IN (SELECT l.productId FROM productIngredientLine l JOIN product q ON q.id = l.productId \
            WHERE l.ingredientId = \(bind(ingredient.id)) AND l.mayContain = 0 AND l.position IS NOT NULL \
            AND \(side))
            """
    }

    /// `contains X`: any member of the class X names, else the ingredient.
    private mutating func containsSQL(_ phrase: Phrase) throws -> String {
        if let className = try ingredientClass(phrase) {
            return """
                p.id IN (SELECT pi.productId FROM ingredientClassMember m \
                JOIN productIngredientLine pi ON pi.ingredientId = m.ingredientId \
                WHERE m.className = \(bind(className)) AND pi.mayContain = 0)
                """
        }
        let ingredient = try ingredient(phrase, purpose: "contains", record: true)
        return listing(ingredient.id)
    }

    // MARK: - Product fields

    private mutating func textSQL(_ field: TextField, _ match: TextMatch, _ value: String) -> String {
        let column = "p.\(field.rawValue)"
        switch match {
        case .equals: return "\(column) = \(bind(value)) COLLATE NOCASE"
        case .notEquals: return "(\(column) IS NULL OR \(column) <> \(bind(value)) COLLATE NOCASE)"
        case .contains: return "instr(lower(\(column)), lower(\(bind(value)))) > 0"
        }
    }

    private mutating func sizeSQL(_ field: NumberField, _ comparison: Comparison, _ value: Double) -> String {
        let op = comparison.sqlOperator
        switch field {
        case .sizeMl: return "p.sizeMl \(op) \(bind(value))"
        case .sizeG: return "p.sizeG \(op) \(bind(value))"
        case .size: return "(p.sizeMl \(op) \(bind(value)) OR p.sizeG \(op) \(bind(value)))"
        }
    }

    private mutating func priceSQL(_ comparison: Comparison, _ value: Double, currency: String?) -> String {
        // The cheapest offer a source still lists, in the currency asked or else the product's own (`IS`: a
        // product and an offer without a currency compare, as the product's own price did). No such offer makes
        // the comparison NULL, which `not` counts as false.
        let inCurrency = currency.map { "o.currency = \(bind($0)) COLLATE NOCASE" } ?? "o.currency IS p.currency"
        return """
            (SELECT min(o.price) FROM offer o WHERE o.productId = p.id AND o.notSeenSince IS NULL \
            AND \(inCurrency)) \(comparison.sqlOperator) \(bind(value))
            """
    }

    // MARK: - Resolving names

    private mutating func ingredient(_ phrase: Phrase, purpose: String, record: Bool = true) throws
        -> CompiledQuery.ComparedIngredient
    {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT i.id, i.inciName FROM ingredientAlias a JOIN ingredient i ON i.id = a.ingredientId
                WHERE a.aliasKey = ?
                """, arguments: [NameKey(phrase.text).rawValue])
        guard let row else {
            if try ingredientClass(phrase) != nil {
                throw QueryError(
                    message: "\"\(phrase.text)\" is a class of ingredients; \(purpose) needs one ingredient",
                    span: phrase.span)
            }
            throw QueryError(
                message: "unknown ingredient \"\(phrase.text)\"", span: phrase.span,
                suggestion: try suggestion(for: phrase.text))
        }
        let found = CompiledQuery.ComparedIngredient(id: row[0], inciName: row[1], asked: phrase.text)
        if record && !compared.contains(where: { $0.id == found.id }) { compared.append(found) }
        return found
    }

    /// The source a name stands for, as stored; the name is compared as the column does (case-insensitively).
    private func source(_ name: Phrase) throws -> String {
        if let stored = try String.fetchOne(db, sql: "SELECT name FROM source WHERE name = ?", arguments: [name.text]) {
            return stored
        }
        let names = try String.fetchAll(db, sql: "SELECT name FROM source ORDER BY name")
        let shown = names.prefix(Self.sourcesListed).map { "\"\($0)\"" }.joined(separator: ", ")
        let known =
            names.isEmpty
            ? "the catalog has no sources yet; import a file first"
            : "the catalog's sources are \(shown)"
                + (names.count > Self.sourcesListed ? " and \(names.count - Self.sourcesListed) more" : "")
        throw QueryError(
            message: "unknown source \"\(name.text)\" (\(known))", span: name.span,
            suggestion: Suggestion.nearest(to: name.text, in: names))
    }

    /// How many source names an unknown-source error lists.
    private static let sourcesListed = 10

    /// The class a phrase names: by name (`ferment-filtrate`) or label (`NAD+ precursor`), singular or plural.
    private mutating func ingredientClass(_ phrase: Phrase) throws -> String? {
        if classes == nil {
            classes = try Row.fetchAll(db, sql: "SELECT name, label FROM ingredientClass").map { ($0[0], $0[1]) }
        }
        let wanted = Self.classKeys(phrase.text)
        return classes?.first { candidate in
            !wanted.isDisjoint(with: Self.classKeys(candidate.name).union(Self.classKeys(candidate.label)))
        }?.name
    }

    /// `Peptides` → {"peptides", "peptide"}; `ferment filtrate` → {"ferment-filtrate", ...}.
    private static func classKeys(_ text: String) -> Set<String> {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
        let joined = words.joined(separator: "-")
        var keys: Set<String> = [joined]
        if joined.hasSuffix("s") { keys.insert(String(joined.dropLast())) }
        return keys
    }

    private func suggestion(for text: String) throws -> String? {
        var candidates = try String.fetchAll(db, sql: "SELECT alias FROM ingredientAlias")
        candidates += (classes ?? []).map(\.label)
        return Suggestion.nearest(to: text, in: candidates)
    }
}

extension QueryExpression {
    /// The operands of a chain of `and`s (or of `or`s), left to right: `(a and b) and c` gives a, b, c.
    fileprivate func operands(ofAnd: Bool) -> [QueryExpression] {
        switch self {
        case .and(let left, let right) where ofAnd, .or(let left, let right) where !ofAnd:
            left.operands(ofAnd: ofAnd) + right.operands(ofAnd: ofAnd)
        default:
            [self]
        }
    }
}

extension Comparison {
    var sqlOperator: String {
        switch self {
        case .lessThan: "<"
        case .lessOrEqual: "<="
        case .equal: "="
        case .notEqual: "<>"
        case .greaterOrEqual: ">="
        case .greaterThan: ">"
        }
    }
}
