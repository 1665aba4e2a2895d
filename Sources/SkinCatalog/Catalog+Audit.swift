import Foundation
import GRDB

/// Which products to audit and with which EU lists (issue 18; docs/label-audit.md).
public struct AuditOptions: Sendable {
    /// One product by sku.
    public var sku: String?
    /// A query (`--where`), as `skincat query` reads it.
    public var query: QueryExpression?
    /// An Annex II export (prohibited substances) read at run time, in place of the one the catalog holds; nil: the
    /// catalog's (``Catalog/importSubstanceList(from:list:dryRun:now:)``), or none checked when it holds none.
    public var annexII: String?
    /// An `eu-fragrance-allergens.csv` read at run time, in place of the one the catalog holds; nil: the catalog's,
    /// or allergens known only from the reference classes when it holds none.
    public var allergens: String?
    /// Whether to report labelled allergens as an (informational) finding.
    public var reportAllergens = true
    /// Products read per batch, in id order: memory holds one batch whatever the catalog's size.
    public var batchSize = 500
    /// Only these products, by sku (the ranking's kept products, for its findings); nil for no such limit.
    var skus: [String]?

    /// Options that audit every product (or the one `sku`, or those matching `query`) against the EU lists the catalog
    /// holds, with allergens reported and 500 products read per batch.
    /// - Parameters:
    ///   - sku: One product to audit by sku; nil for all (or those matching `query`).
    ///   - query: A query the audited products must match; nil for no filter.
    ///   - annexII: The path of an Annex II export (prohibited substances) to read in place of the catalog's; nil uses
    ///     the catalog's, if any.
    ///   - allergens: The path of `eu-fragrance-allergens.csv` to read in place of the catalog's; nil uses the
    ///     catalog's, if any.
    public init(sku: String? = nil, query: QueryExpression? = nil, annexII: String? = nil, allergens: String? = nil) {
        self.sku = sku
        self.query = query
        self.annexII = annexII
        self.allergens = allergens
    }
}

/// One audited product and its findings.
@dynamicMemberLookup
public struct AuditedProduct: ProductResult, Sendable {
    /// Who the product is: its sku, brand, name, category and price.
    public var product: ProductSummary
    /// Whether the product is leave-on, rinse-off or unknown, which picks the EU caps its amounts are checked against.
    public var use: ProductUse
    /// What the audit found on the product's label (over a cap, a prohibited substance, a labelled allergen, ...);
    /// empty when nothing.
    public var findings: [AuditFinding]
    /// The catalog's id of the product.
    var productId: Int64 = 0
}

/// The counts of an audit run.
public struct AuditSummary: Sendable {
    /// How many products were audited.
    public var products = 0
    /// How many of the audited products had at least one finding.
    public var productsWithFindings = 0
    /// Products carrying each kind (a product counts once per kind).
    public var productsPerKind: [AuditFinding.Kind: Int] = [:]
    /// How many findings of each kind the run made (a product may count more than once per kind).
    public var findingsPerKind: [AuditFinding.Kind: Int] = [:]
    /// How many findings of each severity the run made.
    public var findingsPerSeverity: [AuditFinding.Severity: Int] = [:]
    /// Products whose type (leave-on or rinse-off) is unknown: their EU caps are checked against both.
    public var unknownUse = 0
    /// What the run could not check, said once (no annex loaded, no Annex II file, ...).
    public var caveats: [String] = []
    /// Where the EU substance lists the run checked come from, one line each (`Annex II: COSING_Annex_II_...txt
    /// (File creation date: 11/11/2025; ...; sha256 ...; imported ...)`): the catalog's, or a file read at run time.
    public var lists: [String] = []

    mutating func add(_ product: AuditedProduct) {
        products += 1
        if product.use == .unknown { unknownUse += 1 }
        guard !product.findings.isEmpty else { return }
        productsWithFindings += 1
        for kind in Set(product.findings.map(\.kind)) { productsPerKind[kind, default: 0] += 1 }
        for finding in product.findings {
            findingsPerKind[finding.kind, default: 0] += 1
            findingsPerSeverity[finding.severity, default: 0] += 1
        }
    }
}

extension Catalog {
    /// Audits the selected products (one sku, a query, or the whole catalog), in id order and in batches, handing each
    /// to `each` as it is audited; returns the counts.
    /// - Throws: ``CatalogError/unknownSKU(_:)`` for an sku the catalog does not have; ``CatalogError`` naming the file
    ///   and line for an unreadable Annex II or allergen file; `QueryError` for a query naming something unknown.
    @discardableResult
    public func audit(_ options: AuditOptions, each: (AuditedProduct) throws -> Void) throws -> AuditSummary {
        let givenProhibited = try options.annexII.map { try Self.readList($0, kind: .annexII) }
        let givenAllergens = try options.allergens.map { try Self.readList($0, kind: .fragranceAllergens) }
        do {
            return try writer.read { db in
                try Self.audit(
                    options, db: db, givenProhibited: givenProhibited, givenAllergens: givenAllergens, each: each)
            }
        } catch let error as CatalogError {
            throw error
        } catch let error as QueryError {
            throw error
        } catch {
            throw failure(error)
        }
    }

    /// The kinds of finding the label audit makes on one product, each once, in the audit's order: the flags `show`
    /// prints. The audit runs as ``audit(_:each:)`` runs it for that sku, against the lists the catalog holds.
    /// - Parameter sku: The product's sku (or `SOURCE:SKU`).
    /// - Throws: ``CatalogError/unknownSKU(_:)`` for an sku the catalog does not have.
    public func findingKinds(sku: String) throws -> [AuditFinding.Kind] {
        var kinds: [AuditFinding.Kind] = []
        try audit(AuditOptions(sku: sku)) { product in
            for finding in product.findings where !kinds.contains(finding.kind) { kinds.append(finding.kind) }
        }
        return kinds
    }

    /// Audits the selected products inside a read, as ``audit(_:each:)`` does.
    static func audit(
        _ options: AuditOptions, db: Database, givenProhibited: EUSubstanceList?, givenAllergens: EUSubstanceList?,
        each: (AuditedProduct) throws -> Void
    ) throws -> AuditSummary {
        var lists: [String] = []
        func list(_ given: EUSubstanceList?, _ path: String?, _ kind: EUSubstanceList.Kind) throws
            -> EUSubstanceList?
        {
            let label = kind == .annexII ? "Annex II" : "fragrance allergens"
            if let given, let path {
                lists.append("\(label): \(path) (\(given.version ?? "no version stated"); read at run time)")
                return given
            }
            guard let stored = try Self.storedSubstanceList(kind, db: db) else { return nil }
            lists.append("\(label): \(stored.provenance)")
            return stored.list
        }
        let prohibited = try list(givenProhibited, options.annexII, .annexII)
        let allergens = try list(givenAllergens, options.allergens, .fragranceAllergens)
        var condition = "1"
        var arguments = StatementArguments()
        if let sku = options.sku {
            guard let key = try Self.productKey(db, reference: sku) else { throw CatalogError.unknownSKU(sku) }
            condition = "p.sku = ?"
            arguments = [key]
        } else if let query = options.query {
            let compiled = try QueryCompiler.compile(query, db: db)
            condition = compiled.whereClause
            arguments = compiled.arguments
        }
        if let skus = options.skus {
            // One JSON argument, however many skus: no limit on bound variables.
            let list = String(decoding: try JSONEncoder().encode(skus), as: UTF8.self)
            condition = "(\(condition)) AND p.sku IN (SELECT value FROM json_each(?))"
            arguments += [list]
        }
        var summary = AuditSummary()
        summary.caveats = try Self.caveats(db, prohibited: prohibited, allergens: allergens)
        summary.lists = lists
        var scan = try AuditScan(db: db, prohibited: prohibited, allergens: allergens, options: options)
        scan.sameFormula = try Self.sameFormulaMatches(db)
        var last = Int64.min
        while true {
            let ids = try Int64.fetchAll(
                db, sql: "SELECT p.id FROM product p WHERE (\(condition)) AND p.id > ? ORDER BY p.id LIMIT ?",
                arguments: arguments + [last, max(1, options.batchSize)])
            guard let first = ids.first, let end = ids.last else { break }
            last = end
            for product in try scan.batch(condition, arguments + [first, end]) {
                summary.add(product)
                try each(product)
            }
        }
        return summary
    }

    /// The products carrying each kind of finding, for the query term `audit = KIND`: the whole catalog audited once,
    /// against the lists it holds.
    static func productsPerFinding(_ db: Database) throws -> [AuditFinding.Kind: [Int64]] {
        var ids: [AuditFinding.Kind: [Int64]] = [:]
        _ = try audit(AuditOptions(), db: db, givenProhibited: nil, givenAllergens: nil) { product in
            for kind in Set(product.findings.map(\.kind)) { ids[kind, default: []].append(product.productId) }
        }
        return ids
    }

    private static func readList(_ path: String, kind: EUSubstanceList.Kind) throws(CatalogError) -> EUSubstanceList {
        var list = EUSubstanceList(kind: kind)
        do {
            try list.read(try FileByteSource(path: path))
        } catch let error as EUSubstanceListError {
            throw CatalogError.badHeader(path: path, reason: error.description)
        } catch let error as CSVError {
            throw CatalogError.malformedFile(path: path, line: error.line, reason: error.detail())
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError.unreadableFile(path: path, reason: "\(error)")
        }
        return list
    }

    private static func caveats(_ db: Database, prohibited: EUSubstanceList?, allergens: EUSubstanceList?) throws
        -> [String]
    {
        var caveats: [String] = []
        let annexes = try String.fetchAll(db, sql: "SELECT DISTINCT annex FROM annexImport ORDER BY annex")
        if annexes.isEmpty {
            caveats.append(
                "no EU annex loaded (the CosIng Annex III, V and VI exports): the 1 % line comes only from "
                    + "printed amounts, and no EU maximum is checked")
        } else {
            let missing = ["III", "V", "VI"].filter { !annexes.contains($0) }
            if !missing.isEmpty {
                caveats.append("Annex \(missing.joined(separator: ", ")) not loaded: their maxima are not checked")
            }
        }
        if prohibited == nil {
            caveats.append(
                "no Annex II list loaded or given (the CosIng Annex II export): prohibited substances not checked")
        }
        if allergens == nil {
            caveats.append(
                "no allergen list loaded or given (the EU fragrance allergens): fragrance is known only from the "
                    + "reference classes (fragrance, fragrance-allergen, essential-oil)")
        }
        return caveats
    }
}

/// Reads one batch of products and audits them.
private struct AuditScan {
    let db: Database
    let prohibited: EUSubstanceList?
    let allergens: EUSubstanceList?
    let rules: AuditRules
    let caps: [Int64: [ProductUse: IngredientCap]]
    let classes: [Int64: Set<String>]
    /// The products whose list another product has (finding 8), over the whole catalog.
    var sameFormula: [Int64: SameFormulaMatch] = [:]

    init(db: Database, prohibited: EUSubstanceList?, allergens: EUSubstanceList?, options: AuditOptions) throws {
        self.db = db
        self.prohibited = prohibited
        self.allergens = allergens
        rules = AuditRules(reportAllergens: options.reportAllergens)
        var caps: [Int64: [ProductUse: IngredientCap]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT ingredientId, productUse, amountPpm, citation FROM ingredientCap")
        {
            guard let use = ProductUse(rawValue: row[1]) else { continue }
            caps[row[0], default: [:]][use] = IngredientCap(ppm: row[2], source: row[3])
        }
        self.caps = caps
        var classes: [Int64: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT ingredientId, className FROM ingredientClassMember") {
            classes[row[0], default: []].insert(row[1])
        }
        self.classes = classes
    }

    /// The products of `condition` between the two ids bound last, in id order.
    mutating func batch(_ condition: String, _ arguments: StatementArguments) throws -> [AuditedProduct] {
        let range = "(\(condition)) AND p.id BETWEEN ? AND ?"
        let orders = try Catalog.listOrder(where: range, arguments: arguments, db: db)
        var inci: [Int64: [Int: String]] = [:]
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT l.productId, l.line, i.inciName FROM productIngredientLine l JOIN ingredient i ON i.id = l.ingredientId
                WHERE l.productId IN (SELECT p.id FROM product p WHERE \(range))
                """, arguments: arguments)
        while let row = try cursor.next() { inci[row[0], default: [:]][row[1]] = row[2] }
        var products: [AuditedProduct] = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, p.sku, p.brand, p.name, p.category, p.productUse, p.packagingText, p.isClear, p.isJar,
                       p.isAirless, p.ingredientsPreamble, p.extraFields, p.price, p.currency
                FROM product p WHERE \(range) ORDER BY p.id
                """, arguments: arguments)
        {
            let id: Int64 = row[0]
            let use = try Catalog.storedUse(row[5])
            var claims: [String] = []
            if let preamble: String = row[10] { claims.append(preamble) }
            if let json: String = row[11], let data = json.data(using: .utf8),
                let extra = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            {
                claims += extra.keys.sorted().compactMap { extra[$0] as? String }
            }
            var lines: [AuditLine] = []
            var onePercent: [OnePercentLine] = []
            var named: [AuditNamedAmount] = []
            if let order = orders[id] {
                onePercent = order.bounds.onePercentLines
                named = order.named.map {
                    AuditNamedAmount(
                        ingredientId: $0.ingredientId, inciName: $0.inciName, text: $0.text, ppm: $0.amountPpm)
                }
                for (index, line) in order.lines.enumerated() {
                    let inciName = inci[id]?[line.line]
                    let names = [inciName, line.printedName].compactMap { $0 }
                    lines.append(
                        AuditLine(
                            position: line.position, component: line.component, printedName: line.printedName,
                            ingredientId: line.ingredientId, inciName: inciName,
                            classes: line.ingredientId.flatMap { classes[$0] } ?? [], mayContain: line.mayContain,
                            amount: line.amount, amountSource: line.amountSource,
                            interval: order.bounds.intervals[index],
                            caps: line.ingredientId.flatMap { caps[$0] } ?? [:],
                            prohibited: prohibited.flatMap { list in names.lazy.compactMap(list.citation).first },
                            allergen: allergens.flatMap { list in names.lazy.compactMap(list.citation).first }))
                }
            }
            let input = AuditProduct(
                name: row[3], brand: row[2], claims: claims, use: use, lines: lines, onePercentLines: onePercent,
                named: named,
                packaging: AuditPackaging(text: row[6], isClear: row[7], isJar: row[8], isAirless: row[9]),
                sameFormula: sameFormula[id])
            products.append(
                AuditedProduct(
                    product: ProductSummary(
                        sku: row[1], brand: row[2], name: row[3], category: row[4], price: Catalog.finite(row[12]),
                        currency: row[13]),
                    use: use,
                    findings: LabelAudit.audit(input, rules: rules), productId: id))
        }
        return products
    }
}
