import Foundation

/// The label audit (issue 18): what a product's name and claims promise against what its own label shows, and the
/// EU rules. Pure: the input is one product's lines with their list-order intervals (``ListOrderBounds``, the one
/// 1 % rule), its named amounts, packaging and use; the output is its findings. Every rule and its source is in
/// docs/label-audit.md.
public enum LabelAudit {
    /// Audits one product. Findings come in ``AuditFinding/Kind`` order, then list order.
    public static func audit(_ product: AuditProduct, rules: AuditRules = AuditRules()) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        let headlines = HeadlineActive.headlined(in: product.name)
        for active in headlines {
            let present = product.lines.indices.filter {
                product.lines[$0].isListed && active.matches(product.lines[$0])
            }
            findings += headlineTrace(active, present, product)
            findings += undisclosed(active, present, product)
            findings += decoys(active, present, product)
        }
        findings += claims(product)
        findings += packaging(product)
        findings += overCap(product)
        findings += prohibited(product)
        findings += fragrance(product, rules: rules)
        findings += sameFormula(product)
        return findings.sorted { $0.kind.order < $1.kind.order }
    }

    // MARK: 1. Headline active at a trace

    static func headlineTrace(_ active: HeadlineActive, _ present: [Int], _ product: AuditProduct) -> [AuditFinding] {
        guard let first = present.first, !active.tracesAreNormal else { return [] }
        let line = product.lines[first]
        let severity: AuditFinding.Severity = (active.usefulFromPpm ?? 0) > ListOrderBounds.onePercent ? .high : .info
        let useful = active.usefulFromPpm.map {
            "; \(active.label)'s evidence starts at \(ListOrderBounds.format(ppm: $0)) (\(active.usefulSource))"
        }
        if let amount = line.amount, let source = line.amountSource, source == .declared || source == .printed {
            // A disclosed amount supersedes the list's bound: a trace only when it is one.
            guard amount.ppm <= ListOrderBounds.onePercent, amount.ppm < active.usefulFromPpm ?? .infinity else {
                return []
            }
            return [
                AuditFinding(
                    kind: .headlineTrace, severity: severity, active: active.label,
                    message:
                        "the name headlines \(active.label), the label gives \(line.printedName) "
                        + "\(source.rawValue) at \(ListOrderBounds.format(ppm: amount.ppm))" + (useful ?? ""),
                    evidence: [
                        "name: \(product.name)", "line \(line.position.map(String.init) ?? "?"): \(line.printedName)",
                        "\(source.rawValue) amount: \(ListOrderBounds.format(ppm: amount.ppm))",
                    ],
                    rule: "a headlined active whose own declared or printed amount is at most 1 % and below where its "
                        + "evidence starts",
                    source: "Reg. (EC) No 1223/2009 Art. 19(1)(g); DOMAIN.md s.2 (typical ranges)")
            ]
        }
        guard let upper = line.interval.upper, upper <= ListOrderBounds.onePercent,
            let onePercent = product.onePercentLines.first(where: { $0.component == line.component })
        else { return [] }
        return [
            AuditFinding(
                kind: .headlineTrace, severity: severity, active: active.label,
                message:
                    "the name headlines \(active.label), but the list places \(line.printedName) at position "
                    + "\(line.position.map(String.init) ?? "?"), after the 1 % line at position \(onePercent.position) "
                    + "(\(onePercent.reason)): at most 1 %" + (useful ?? ""),
                evidence: [
                    "name: \(product.name)",
                    "line \(line.position.map(String.init) ?? "?"): \(line.printedName) <= 1 %",
                    "1 % line: position \(onePercent.position), \(onePercent.reason)",
                    line.interval.explanation,
                ],
                rule: "INCI lists are in descending order down to 1 %: a line after one known to be at or under 1 % "
                    + "is at most 1 % (ListOrderBounds)",
                source: "Reg. (EC) No 1223/2009 Art. 19(1)(g); caps from the CosIng annex files loaded in the catalog")
        ]
    }

    // MARK: 4. Undisclosed concentration

    static func undisclosed(_ active: HeadlineActive, _ present: [Int], _ product: AuditProduct) -> [AuditFinding] {
        guard let first = present.first else { return [] }
        let ids = Set(present.compactMap { product.lines[$0].ingredientId })
        let disclosed =
            present.contains {
                product.lines[$0].amountSource == .declared || product.lines[$0].amountSource == .printed
            }
            || product.named.contains { ids.contains($0.ingredientId) }
        guard !disclosed else { return [] }
        let line = product.lines[first]
        let order = line.interval.displayText.map { "list order alone says \($0)" } ?? "list order gives no bound"
        return [
            AuditFinding(
                kind: .undisclosedConcentration, severity: active.undisclosedIsRedFlag ? .warning : .info,
                active: active.label,
                message:
                    "the name headlines \(active.label) but neither the label nor the name states how much "
                    + "(\(line.printedName) at position \(line.position.map(String.init) ?? "?"); \(order))",
                evidence: [
                    "name: \(product.name)", "line \(line.position.map(String.init) ?? "?"): \(line.printedName)",
                ]
                    + (line.interval.isUnbounded ? [] : [line.interval.explanation]),
                rule: "a headlined active with no declared, printed or named amount",
                source: active.undisclosedIsRedFlag
                    ? "DOMAIN.md s.1 (no amount declared is a red flag for NMN)"
                    : "issue 18 (undisclosed concentration)")
        ]
    }

    // MARK: 5. Name decoys

    static func decoys(_ active: HeadlineActive, _ present: [Int], _ product: AuditProduct) -> [AuditFinding] {
        guard present.isEmpty else { return [] }
        let decoyLines = product.lines.filter { line in
            line.isListed && line.inciName.map { active.decoys.contains($0) } == true
        }
        guard !decoyLines.isEmpty else { return [] }
        let names = decoyLines.map { "\($0.printedName) (\($0.inciName ?? ""))" }
        return [
            AuditFinding(
                kind: .nameDecoy, severity: .high, active: active.label,
                message:
                    "the name headlines \(active.label), but the list has no \(active.label); it lists "
                    + names.joined(separator: ", ") + ", a different substance",
                evidence: ["name: \(product.name)"]
                    + decoyLines.map { "line \($0.position.map(String.init) ?? "?"): \($0.printedName)" },
                rule: "named for an active whose look-alike, never the active, is listed",
                source: "DOMAIN.md s.3 (never merge: NMN vs NAD+, nicotinamide riboside; niacinamide vs niacin)")
        ]
    }

    // MARK: 2. Claim against label

    static func claims(_ product: AuditProduct) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for named in product.named {
            let indexes = product.lines.indices.filter {
                product.lines[$0].isListed && product.lines[$0].ingredientId == named.ingredientId
            }
            let claimed = ListOrderBounds.format(ppm: named.ppm)
            guard let index = indexes.first else {
                guard product.lines.contains(where: \.isListed) else { continue }
                findings.append(
                    AuditFinding(
                        kind: .claimAgainstLabel, severity: .warning, active: named.inciName,
                        message:
                            "the name claims \(named.text) but the list does not name \(named.inciName) "
                            + "(it may list a salt or another form: the claim cannot be checked)",
                        evidence: ["name: \(product.name)", "claim: \(named.text) = \(claimed)"],
                        rule: "an amount stated in the name for an ingredient the list does not contain",
                        source: "issue 18 (claim against label); named amounts: docs/concentration-evidence.md"))
                continue
            }
            let line = product.lines[index]
            let where_ = "line \(line.position.map(String.init) ?? "?"): \(line.printedName)"
            if let amount = line.amount, let source = line.amountSource, source == .declared || source == .printed {
                // Equal within rounding of the printed figures (1 % of the claim).
                if abs(amount.ppm - named.ppm) > named.ppm * 0.01 {
                    findings.append(
                        AuditFinding(
                            kind: .claimAgainstLabel, severity: .high, active: named.inciName,
                            message:
                                "the name claims \(named.text) (\(claimed)), the label says \(line.printedName) "
                                + "\(source.rawValue) at \(ListOrderBounds.format(ppm: amount.ppm))",
                            evidence: [
                                "name: \(product.name)", where_,
                                "\(source.rawValue): \(ListOrderBounds.format(ppm: amount.ppm))",
                            ],
                            rule: "a named amount that differs from the label's declared or printed amount",
                            source: "issue 18; the label wins (docs/concentration-evidence.md)"))
                }
                continue
            }
            if let upper = line.interval.upper, upper < named.ppm {
                findings.append(
                    AuditFinding(
                        kind: .claimAgainstLabel, severity: .high, active: named.inciName,
                        message:
                            "the name claims \(named.text) (\(claimed)), but the list order allows "
                            + "\(line.printedName) at most \(ListOrderBounds.format(ppm: upper))",
                        evidence: ["name: \(product.name)", where_, line.interval.explanation],
                        rule: "a named amount above the upper bound the list order sets (ListOrderBounds)",
                        source: "Reg. (EC) No 1223/2009 Art. 19(1)(g); caps from the CosIng annexes"))
            } else if let lower = line.interval.lower, lower > named.ppm {
                findings.append(
                    AuditFinding(
                        kind: .claimAgainstLabel, severity: .info, active: named.inciName,
                        message:
                            "the name claims \(named.text) (\(claimed)), but the list order puts "
                            + "\(line.printedName) at least at \(ListOrderBounds.format(ppm: lower))",
                        evidence: ["name: \(product.name)", where_, line.interval.explanation],
                        rule: "a named amount below the lower bound the list order sets (ListOrderBounds)",
                        source: "Reg. (EC) No 1223/2009 Art. 19(1)(g)"))
            }
        }
        return findings
    }

    // MARK: 3. Packaging against the active

    static func packaging(_ product: AuditProduct) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        let sensitive = product.lines.filter { $0.isListed && HeadlineActive.sensitivity(of: $0) != nil }
        let packaging = product.packaging
        let text = packaging.text.map { "packaging: \($0)" }
        if let first = sensitive.first, packaging.isClear || (packaging.isJar && !packaging.isAirless) {
            let what = [packaging.isClear ? "clear" : nil, packaging.isJar ? "jar" : nil].compactMap { $0 }
                .joined(separator: " ")
            let names = sensitive.map(\.printedName)
            findings.append(
                AuditFinding(
                    kind: .packagingAgainstActive, severity: .warning, active: first.inciName,
                    message:
                        "\(names.joined(separator: ", ")) degrade\(names.count == 1 ? "s" : "") with "
                        + "\(HeadlineActive.sensitivity(of: first) ?? "light and air"), packed in a \(what)",
                    evidence: [text, "packaging read as: \(what)"].compactMap { $0 }
                        + sensitive.map { "line \($0.position.map(String.init) ?? "?"): \($0.printedName)" },
                    rule: "a light- or air-sensitive active in clear or jar packaging",
                    source: "DOMAIN.md s.1 (stability and packaging); issue 18"))
        }
        if packaging.isAirless && packaging.isJar {
            findings.append(
                AuditFinding(
                    kind: .packagingAgainstActive, severity: .info, active: nil,
                    message: "the packaging claims airless and is a jar: check the jar has an airless pump",
                    evidence: [text].compactMap { $0 }, rule: "an airless claim on a jar",
                    source: "issue 18"))
        }
        return findings
    }

    // MARK: 6. EU limits

    static func overCap(_ product: AuditProduct) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for line in product.lines where line.isListed {
            guard let amount = line.amount, let source = line.amountSource, source == .declared || source == .printed
            else { continue }
            let shown = "\(source.rawValue) at \(ListOrderBounds.format(ppm: amount.ppm))"
            let base = ["line \(line.position.map(String.init) ?? "?"): \(line.printedName) \(shown)"]
            switch product.use {
            case .leaveOn, .rinseOff:
                guard let cap = line.caps[product.use], amount.ppm > cap.ppm else { continue }
                findings.append(
                    AuditFinding(
                        kind: .overAnnexCap, severity: .high, active: line.inciName,
                        message:
                            "\(line.printedName) \(shown), over the \(ListOrderBounds.format(ppm: cap.ppm)) the EU allows "
                            + "in \(product.use.auditText) products (\(cap.source))",
                        evidence: base + ["product type: \(product.use.auditText)", "cap: \(cap.source)"],
                        rule: "a declared or printed amount above the annex maximum for the product type",
                        source: "Reg. (EC) No 1223/2009 Annexes III, V, VI (CosIng exports loaded in the catalog)"))
            case .unknown:
                let over = [ProductUse.leaveOn, .rinseOff].compactMap { use -> (ProductUse, IngredientCap)? in
                    guard let cap = line.caps[use], amount.ppm > cap.ppm else { return nil }
                    return (use, cap)
                }
                guard !over.isEmpty else { continue }
                let both = over.count == 2
                findings.append(
                    AuditFinding(
                        kind: .overAnnexCap, severity: both ? .high : .warning, active: line.inciName,
                        message:
                            "\(line.printedName) \(shown), over the EU maximum for "
                            + over.map {
                                "\($0.0.auditText) products (\(ListOrderBounds.format(ppm: $0.1.ppm)), \($0.1.source))"
                            }
                            .joined(separator: " and ")
                            + (both ? "" : "; the product type is unknown, so it may be within the limit"),
                        evidence: base + ["product type: unknown (not told by the category or the name)"],
                        rule: "a declared or printed amount above the annex maximum for the product type",
                        source: "Reg. (EC) No 1223/2009 Annexes III, V, VI (CosIng exports loaded in the catalog)"))
            }
        }
        return findings
    }

    static func prohibited(_ product: AuditProduct) -> [AuditFinding] {
        product.lines.compactMap { line in
            guard line.isListed || line.mayContain, let reference = line.prohibited else { return nil }
            let conditional = reference.contains(EUSubstanceList.conditionalMark)
            return AuditFinding(
                kind: .prohibited, severity: conditional ? .warning : .high, active: line.inciName,
                message: conditional
                    ? "\(line.printedName) is prohibited in EU cosmetics under a condition the label cannot show "
                        + "(\(reference))"
                    : "\(line.printedName) is prohibited in EU cosmetics (\(reference))",
                evidence: ["line \(line.position.map(String.init) ?? "may contain"): \(line.printedName)", reference],
                rule: "a substance listed in Annex II (prohibited substances)",
                source: "Reg. (EC) No 1223/2009 Annex II (CosIng export given with --annex-ii)")
        }
    }

    // MARK: 7. Fragrance

    static func fragrance(_ product: AuditProduct, rules: AuditRules) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        let allergens = product.lines.filter { ($0.isListed || $0.mayContain) && $0.allergen != nil }
        let scented = product.lines.filter { line in
            line.isListed
                && (line.allergen != nil
                    || !line.classes.isDisjoint(with: ["fragrance", "fragrance-allergen", "essential-oil"]))
        }
        if let claim = FragranceFreeClaim.find(in: [product.name] + product.claims), !scented.isEmpty {
            findings.append(
                AuditFinding(
                    kind: .fragranceFreeContradicted, severity: .high, active: nil,
                    message:
                        "claims \"\(claim)\" but lists " + scented.map(\.printedName).joined(separator: ", "),
                    evidence: ["claim: \(claim)"]
                        + scented.map { line in
                            let why =
                                line.allergen
                                ?? line.classes.intersection(
                                    ["fragrance", "essential-oil", "fragrance-allergen"]
                                ).sorted().joined(separator: ", ")
                            return "line \(line.position.map(String.init) ?? "?"): \(line.printedName) (\(why))"
                        },
                    rule:
                        "a fragrance-free or unscented claim with parfum, a labelled allergen or an essential oil listed",
                    source: "DOMAIN.md s.7; allergens: eu-fragrance-allergens.csv (from the CosIng Annex III exports)"))
        }
        if rules.reportAllergens, !allergens.isEmpty {
            findings.append(
                AuditFinding(
                    kind: .fragranceAllergens, severity: .info, active: nil,
                    message:
                        "\(allergens.count) EU fragrance allergen\(allergens.count == 1 ? "" : "s") labelled: "
                        + allergens.map(\.printedName).joined(separator: ", "),
                    evidence: allergens.map {
                        "line \($0.position.map(String.init) ?? "may contain"): \($0.printedName) (\($0.allergen ?? ""))"
                    },
                    rule: "a substance of the EU fragrance-allergen labelling list present",
                    source:
                        "Reg. (EC) No 1223/2009 Annex III as amended by Reg. (EU) 2023/1545 (eu-fragrance-allergens.csv)"
                ))
        }
        return findings
    }
}

/// What the audit reports besides the findings every product gets.
public struct AuditRules: Hashable, Sendable {
    /// Whether to report labelled fragrance allergens (information, not a fault: labelling them is the rule).
    public var reportAllergens: Bool
    /// Rules that report everything, or everything but the labelled allergens when `reportAllergens` is false.
    public init(reportAllergens: Bool = true) { self.reportAllergens = reportAllergens }
}

/// One product as the audit reads it.
public struct AuditProduct: Hashable, Sendable {
    /// The product's name as the retailer lists it, where headlined actives and named amounts are read.
    public var name: String
    /// The product's brand, which tells another product of the same list from the same product in another size.
    public var brand: String
    /// Claim texts other than the name (set-aside marketing prose, claim columns), for the fragrance-free claim.
    public var claims: [String]
    /// Leave-on or rinse-off, which decides the annex caps that apply; `unknown` when not known.
    public var use: ProductUse
    /// The lines in list order, each with its interval from ``ListOrderBounds``.
    public var lines: [AuditLine]
    /// The 1 % line of each component that has one (``ListOrderBounds/onePercentLines``).
    public var onePercentLines: [OnePercentLine]
    /// The amounts the name states (`Niacinamide 10%`), checked against the list.
    public var named: [AuditNamedAmount]
    /// What the packaging is, checked against light- and air-sensitive actives.
    public var packaging: AuditPackaging
    /// The products that have the same list, when it is shared (``SameFormula``); nil when no other product has it.
    public var sameFormula: SameFormulaMatch?

    /// Gathers one product for ``LabelAudit/audit(_:rules:)``; each argument sets the property of the same name.
    public init(
        name: String, brand: String = "", claims: [String] = [], use: ProductUse, lines: [AuditLine],
        onePercentLines: [OnePercentLine], named: [AuditNamedAmount] = [], packaging: AuditPackaging = AuditPackaging(),
        sameFormula: SameFormulaMatch? = nil
    ) {
        self.name = name
        self.brand = brand
        self.sameFormula = sameFormula
        self.claims = claims
        self.use = use
        self.lines = lines
        self.onePercentLines = onePercentLines
        self.named = named
        self.packaging = packaging
    }
}

/// One line of the list, with what the audit needs to know of it.
public struct AuditLine: Hashable, Sendable {
    /// 1-based place in the printed list; nil for may-contain entries and declared actives not in the list.
    public var position: Int?
    /// Which list of a kit the line belongs to (0 for a product with one list).
    public var component: Int
    /// The name as printed on the label (`Aqua/Water/Eau`), quoted in the evidence.
    public var printedName: String
    /// The catalog's id of the canonical ingredient, nil when the name did not resolve.
    public var ingredientId: Int64?
    /// The canonical INCI name, nil when unresolved.
    public var inciName: String?
    /// The ingredient's reference-data classes (`retinoid`, `peptide`, `fragrance`, `essential-oil`, ...).
    public var classes: Set<String>
    /// Whether the line comes from a `May contain` / `[+/-]` section, outside the list's order.
    public var mayContain: Bool
    /// The line's amount, nil when none is declared, printed or inferred.
    public var amount: Amount?
    /// Where ``amount`` comes from; nil when there is no amount.
    public var amountSource: AmountSource?
    /// The list-order interval (``ListOrderBounds/intervals``).
    public var interval: ConcentrationInterval
    /// The annex caps per product use (leave-on, rinse-off).
    public var caps: [ProductUse: IngredientCap]
    /// The Annex II entry that prohibits it (`Annex II ref 1380`), nil when none or not loaded.
    public var prohibited: String?
    /// The fragrance-allergen entry it matches (`EU allergen list 2023, Annex III ref 70`), nil when none.
    public var allergen: String?

    /// Describes one line; only the printed name and position are required, the rest defaults to unknown or none.
    public init(
        position: Int?, component: Int = 0, printedName: String, ingredientId: Int64? = nil, inciName: String? = nil,
        classes: Set<String> = [], mayContain: Bool = false, amount: Amount? = nil, amountSource: AmountSource? = nil,
        interval: ConcentrationInterval = ConcentrationInterval(), caps: [ProductUse: IngredientCap] = [:],
        prohibited: String? = nil, allergen: String? = nil
    ) {
        self.position = position
        self.component = component
        self.printedName = printedName
        self.ingredientId = ingredientId
        self.inciName = inciName
        self.classes = classes
        self.mayContain = mayContain
        self.amount = amount
        self.amountSource = amountSource
        self.interval = interval
        self.caps = caps
        self.prohibited = prohibited
        self.allergen = allergen
    }

    /// In the list proper: positioned and not a may-contain entry.
    public var isListed: Bool { position != nil && !mayContain }
}

/// An amount the product's name states (``NamedAmounts``).
public struct AuditNamedAmount: Hashable, Sendable {
    /// The catalog's id of the ingredient the name states an amount for.
    public var ingredientId: Int64
    /// That ingredient's canonical INCI name (`NIACINAMIDE`).
    public var inciName: String
    /// `Niacinamide 10%`.
    public var text: String
    /// The stated amount in ppm (100,000 for `10%`).
    public var ppm: Double
    /// A named amount; each argument sets the property of the same name.
    public init(ingredientId: Int64, inciName: String, text: String, ppm: Double) {
        self.ingredientId = ingredientId
        self.inciName = inciName
        self.text = text
        self.ppm = ppm
    }
}

/// The packaging attributes derived at import (``Packaging``).
public struct AuditPackaging: Hashable, Sendable {
    /// The packaging as the retailer describes it (`30 mL airless pump`), nil when not given.
    public var text: String?
    /// Whether the container lets light through (clear glass or plastic).
    public var isClear: Bool
    /// Whether it is a jar, opened to the air at each use.
    public var isJar: Bool
    /// Whether it is an airless pump or claims to be airless.
    public var isAirless: Bool
    /// Packaging with the given attributes; by default unknown text and none of them.
    public init(text: String? = nil, isClear: Bool = false, isJar: Bool = false, isAirless: Bool = false) {
        self.text = text
        self.isClear = isClear
        self.isJar = isJar
        self.isAirless = isAirless
    }
}

/// One finding of the audit.
public struct AuditFinding: Hashable, Sendable {
    /// Which rule a finding comes from; findings are reported in this order. The raw value is the name used in
    /// output and filters (`headline-trace`).
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// The name headlines an active the list places at a trace, at most 1 %, below where its evidence starts.
        case headlineTrace = "headline-trace"
        /// An amount the name states disagrees with the label's amount or list order, or cannot be checked.
        case claimAgainstLabel = "claim-vs-label"
        /// The name headlines an active but neither the label nor the name says how much there is.
        case undisclosedConcentration = "undisclosed-concentration"
        /// A light- or air-sensitive active in clear or jar packaging, or an airless claim on a jar.
        case packagingAgainstActive = "packaging-vs-active"
        /// The name headlines an active the list lacks, while it lists a look-alike (NAD+ for NMN).
        case nameDecoy = "name-decoy"
        /// A declared or printed amount above the EU annex maximum for the product type.
        case overAnnexCap = "eu-over-cap"
        /// A substance of Annex II (prohibited in cosmetics).
        case prohibited = "eu-prohibited"
        /// A fragrance-free claim beside parfum, a named allergen or an essential oil in the list.
        case fragranceFreeContradicted = "fragrance-free-contradicted"
        /// Labelled fragrance allergens (information: labelling them is the rule).
        case fragranceAllergens = "fragrance-allergens"
        /// The same list of at least five ingredients, in the same order, sold under another brand or name
        /// (``SameFormula``).
        case sameFormula = "same-formula"

        var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    /// How much a finding matters, most serious first.
    public enum Severity: String, CaseIterable, Sendable, Codable {
        /// The label contradicts itself or the law.
        case high
        /// A red flag a careful buyer would want to know.
        case warning
        /// Worth knowing; not a fault.
        case info
    }

    /// The rule the finding comes from.
    public var kind: Kind
    /// How serious it is: high, warning or info.
    public var severity: Severity
    /// The active or ingredient the finding is about, if one.
    public var active: String?
    /// One sentence for a reader, naming the product's lines and amounts (`the name headlines NMN, but ...`).
    public var message: String
    /// What on the label the finding rests on: names, positions, amounts, the 1 % line.
    public var evidence: [String]
    /// The rule that applied.
    public var rule: String
    /// Where the rule comes from.
    public var source: String

    /// A finding; empty strings in `evidence` are dropped.
    public init(
        kind: Kind, severity: Severity, active: String?, message: String, evidence: [String], rule: String,
        source: String
    ) {
        self.kind = kind
        self.severity = severity
        self.active = active
        self.message = message
        self.evidence = evidence.filter { !$0.isEmpty }
        self.rule = rule
        self.source = source
    }
}

extension ProductUse {
    var auditText: String {
        switch self {
        case .leaveOn: "leave-on"
        case .rinseOff: "rinse-off"
        case .unknown: "unknown"
        }
    }
}

/// An active a product's name can headline, how to recognise it in the name and in the list, and what is known of it.
public struct HeadlineActive: Hashable, Sendable {
    /// The name findings use for the active (`NMN`, `niacinamide`, `vitamin C`).
    public var label: String
    /// Phrases of the name, as ``NameKey`` words (`VITAMIN B3`).
    var phrases: [String]
    /// INCI names that are the active.
    var inciNames: Set<String>
    /// Reference-data classes whose members are the active.
    var classes: Set<String>
    /// INCI name fragments that are the active (`ASCORB`: ascorbic acid and its derivatives).
    var inciFragments: [String]
    /// Where the evidence for the active starts, when a source says.
    var usefulFromPpm: Double?
    var usefulSource: String
    /// Whether the active works at traces (peptides at a few ppm): no headline-trace finding.
    var tracesAreNormal: Bool
    /// Whether an undisclosed amount is a red flag (the article's for NMN).
    var undisclosedIsRedFlag: Bool
    /// INCI names of look-alikes that are not the active.
    var decoys: Set<String>

    func matches(_ line: AuditLine) -> Bool {
        guard let inci = line.inciName else { return false }
        return inciNames.contains(inci) || !classes.isDisjoint(with: line.classes)
            || inciFragments.contains { inci.contains($0) }
    }

    /// The actives the audit knows, longest phrases first where they overlap (`NICOTINAMIDE MONONUCLEOTIDE` before
    /// `NICOTINAMIDE`). Sources in docs/label-audit.md.
    public static let known: [HeadlineActive] = [
        HeadlineActive(
            label: "NMN", phrases: ["NICOTINAMIDE MONONUCLEOTIDE", "BETA NMN", "B NMN", "NMN"],
            inciNames: ["NICOTINAMIDE MONONUCLEOTIDE"], classes: [], inciFragments: [], usefulFromPpm: 1_000,
            usefulSource: "DOMAIN.md s.1: >= 1,000 ppm", tracesAreNormal: false, undisclosedIsRedFlag: true,
            decoys: ["NICOTINAMIDE ADENINE DINUCLEOTIDE", "NIACIN", "NIACINAMIDE RIBOSIDE CHLORIDE"]),
        HeadlineActive(
            label: "niacinamide", phrases: ["NIACINAMIDE", "NICOTINAMIDE", "VITAMIN B3", "VIT B3"],
            inciNames: ["NIACINAMIDE"], classes: [], inciFragments: [], usefulFromPpm: 20_000,
            usefulSource: "DOMAIN.md s.2: used at 2-10 %, clinical work at 2-5 %", tracesAreNormal: false,
            undisclosedIsRedFlag: false, decoys: ["NIACIN"]),
        HeadlineActive(
            label: "retinoid",
            phrases: ["RETINOL", "RETINAL", "RETINALDEHYDE", "RETINOID", "RETINYL PALMITATE", "VITAMIN A"],
            inciNames: ["RETINOL", "RETINAL", "RETINYL PALMITATE", "HYDROXYPINACOLONE RETINOATE"],
            classes: ["retinoid"],
            inciFragments: [], usefulFromPpm: nil, usefulSource: "", tracesAreNormal: false,
            undisclosedIsRedFlag: false, decoys: []),
        HeadlineActive(
            label: "vitamin C", phrases: ["VITAMIN C", "VIT C", "ASCORBIC ACID", "L ASCORBIC ACID"],
            inciNames: [], classes: [], inciFragments: ["ASCORB"], usefulFromPpm: nil, usefulSource: "",
            tracesAreNormal: false, undisclosedIsRedFlag: false, decoys: []),
        HeadlineActive(
            label: "peptides",
            phrases: ["PEPTIDE", "PEPTIDES", "COPPER PEPTIDE", "COPPER PEPTIDES", "MATRIXYL", "ARGIRELINE"],
            inciNames: [], classes: ["peptide"], inciFragments: ["PEPTIDE"], usefulFromPpm: 1,
            usefulSource: "DOMAIN.md s.2: peptides work at a few ppm", tracesAreNormal: true,
            undisclosedIsRedFlag: false, decoys: []),
    ]

    /// The actives a name headlines: a phrase as whole words, not negated (`niacinamide-free`, `free of NMN`,
    /// `no retinol`, `without`, `0% niacinamide`). A longer phrase's words are not read again as a shorter one.
    public static func headlined(in name: String) -> [HeadlineActive] {
        var words = words(of: name)
        var found: [HeadlineActive] = []
        // Longest phrase first across all actives.
        let phrases = known.flatMap { active in
            active.phrases.map { (active, $0.split(separator: " ").map(String.init)) }
        }
        .sorted { $0.1.count > $1.1.count }
        for (active, phrase) in phrases {
            var start = 0
            while start + phrase.count <= words.count {
                guard Array(words[start..<start + phrase.count]) == phrase else {
                    start += 1
                    continue
                }
                let before = start > 0 ? words[start - 1] : ""
                let beforeTwo = start > 1 ? words[start - 2] : ""
                let after = start + phrase.count < words.count ? words[start + phrase.count] : ""
                let negated =
                    after == "FREE" || ["NO", "WITHOUT", "NON", "ZERO", "0%"].contains(before)
                    || ((before == "OF" || before == "FROM") && beforeTwo == "FREE")
                for index in start..<start + phrase.count { words[index] = "\u{0}" }
                if !negated && !found.contains(where: { $0.label == active.label }) { found.append(active) }
                start += phrase.count
            }
        }
        return known.filter { active in found.contains { $0.label == active.label } }
    }

    /// Upper-case words; `+` and `%` kept as their own words, other punctuation splits (`niacinamide-free` is
    /// `NIACINAMIDE FREE`, `β-NMN` is `B NMN`).
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.uppercased().folding(options: [.diacriticInsensitive], locale: nil) {
            if character == "Β" { current.append("B"); continue }
            if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                if character == "%" { words.append("%") }
            }
        }
        if !current.isEmpty { words.append(current) }
        // `0 %` before an active: glue into `0%` so the negation test sees it.
        var glued: [String] = []
        for word in words {
            if word == "%", let last = glued.last, Double(last) != nil {
                glued[glued.count - 1] = last + "%"
            } else {
                glued.append(word)
            }
        }
        return glued
    }

    /// What a listed active is sensitive to, nil when nothing the audit knows: NMN and NAD+ (light and heat),
    /// retinoids (light and air), ascorbic acid (light and air).
    public static func sensitivity(of line: AuditLine) -> String? {
        guard let inci = line.inciName else { return nil }
        if inci == "NICOTINAMIDE MONONUCLEOTIDE" || inci == "NICOTINAMIDE ADENINE DINUCLEOTIDE" {
            return "light and heat"
        }
        if line.classes.contains("retinoid") || ["RETINOL", "RETINAL", "RETINYL PALMITATE"].contains(inci) {
            return "light and air"
        }
        if inci == "ASCORBIC ACID" { return "light and air" }
        return nil
    }
}

/// A fragrance-free claim in a name or claim text.
enum FragranceFreeClaim {
    /// The claim as words (``HeadlineActive/words(of:)``).
    static let phrases: [[String]] = [
        ["FRAGRANCE", "FREE"], ["PERFUME", "FREE"], ["PARFUM", "FREE"], ["UNSCENTED"], ["SCENT", "FREE"],
        ["NO", "FRAGRANCE"], ["WITHOUT", "FRAGRANCE"], ["0%", "FRAGRANCE"], ["FREE", "OF", "FRAGRANCE"],
        ["FREE", "FROM", "FRAGRANCE"], ["NO", "ADDED", "FRAGRANCE"],
    ]

    /// The first claim found, as words joined by spaces.
    static func find(in texts: [String]) -> String? {
        for text in texts {
            let words = HeadlineActive.words(of: text)
            for phrase in phrases where words.count >= phrase.count {
                for start in 0...(words.count - phrase.count) where Array(words[start..<start + phrase.count]) == phrase
                {
                    return phrase.joined(separator: " ").lowercased()
                }
            }
        }
        return nil
    }
}
