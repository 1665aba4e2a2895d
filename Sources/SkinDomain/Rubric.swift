import Foundation

/// The scoring rubric: how many points each label criterion is worth and how a product earns them.
///
/// The default (`Resources/DefaultRubric.json`, printed by `skincat rubric`) is built from DOMAIN.md section 1.
/// A user copies it, edits it and passes it with `--rubric FILE`. Every criterion earns a share between 0 and 1
/// of its weight; the weights sum to 100, so scores run from 0 to 100.
public struct Rubric: Sendable, Equatable {
    /// The file format's version; this build reads version 1.
    public var version: Int
    /// A title for the rubric, shown in reports and exports
    /// (`skincat default: the label criteria of DOMAIN.md section 1`).
    public var name: String
    /// The points each criterion is worth at most; they sum to 100, so a product's total runs from 0 to 100.
    public var weights: [Criterion: Double]
    /// Per active, keyed by the name used on the command line (`NMN`, `niacinamide`).
    public var actives: [String: Active]
    /// What each companion ingredient present earns the companions criterion.
    public var companions: CompanionShares
    /// What each delivery system earns the delivery criterion.
    public var delivery: DeliveryRule
    /// How packaging attributes earn the packaging criterion, and which combination is a red flag.
    public var packaging: PackagingRule
    /// How the studies of the active earn the evidence criterion.
    public var evidence: EvidenceRule
    /// How much each kind of concentration evidence counts (the optional `amountEvidence` object; a rubric file
    /// without it gets ``AmountEvidenceWeights/standard``).
    public var amountEvidence: AmountEvidenceWeights
    /// A digest of the rubric's content, so two exports can tell whether they used the same rubric.
    public var fingerprint: String

    /// The five label criteria, in the order they are reported.
    public enum Criterion: String, Sendable, CaseIterable, Hashable, Codable {
        /// `concentration`: the active's amount against its rule (ppm); `delivery`: the delivery system, declared or
        /// inferred; `companions`: proven and same-pathway ingredients beside the active; `packaging`: protection from
        /// light and air; `evidence`: the catalog's studies of the active (design, route, concentration tested,
        /// outcome, agreement).
        case concentration, delivery, companions, packaging, evidence
    }

    /// What the rubric asks of one active (NMN, niacinamide): its ingredient, its concentration rule and the companion
    /// ingredients that count for it.
    public struct Active: Sendable, Equatable {
        /// The canonical ingredient (INCI name or alias).
        public var ingredient: String
        /// How the active's amount scores: its threshold and ceiling in ppm and the shares around them.
        public var concentration: ConcentrationRule
        /// Ingredient names or `class:NAME` entries.
        public var provenCompanions: [String]
        /// Ingredients acting on the same pathway (PDRN, resveratrol) as ingredient names or `class:NAME` entries; each
        /// one present earns ``CompanionShares/samePathwayShare``.
        public var samePathwayCompanions: [String]
    }

    /// How the amount of the active scores: under the threshold a little (window-dressing), from the threshold
    /// up to the ceiling linearly from `atThresholdShare` to 1, an undisclosed amount `undisclosedShare`.
    public struct ConcentrationRule: Sendable, Equatable {
        /// The amount in ppm from which the active counts as more than window-dressing (1,000 ppm for NMN).
        public var thresholdPpm: Double
        /// The amount in ppm from which the active earns the full share (10,000 ppm for NMN); above the threshold.
        public var ceilingPpm: Double
        /// The share, between 0 and 1, an amount just under the threshold earns; an amount under it earns this times
        /// amount / threshold.
        public var belowThresholdShare: Double
        /// The share, between 0 and 1, an amount at the threshold earns; it rises linearly to 1 at the ceiling.
        public var atThresholdShare: Double
        /// The share, between 0 and 1, the active earns when listed without an amount and nothing bounds it.
        public var undisclosedShare: Double
    }

    /// What companion ingredients earn: a share per companion present, the sum at most 1.
    public struct CompanionShares: Sendable, Equatable {
        /// Share earned by each proven companion present (niacinamide, peptides, centella).
        public var provenShare: Double
        /// Share earned by each same-pathway companion present (PDRN, resveratrol).
        public var samePathwayShare: Double
    }

    /// What delivery systems earn: the best system's share, reduced when the system is only inferred from the INCI
    /// list.
    public struct DeliveryRule: Sendable, Equatable {
        /// Share per delivery system when declared.
        public var systems: [DeliverySystem: Double]
        /// Multiplier for a system inferred from the INCI list rather than declared.
        public var inferredFactor: Double
    }

    /// What packaging earns: a base plus a share per attribute, between 0 and 1; a red-flag combination earns 0, and so
    /// does packaging the label does not describe.
    public struct PackagingRule: Sendable, Equatable {
        /// The share described packaging earns before its attributes are added.
        public var base: Double
        /// Share added (or taken away) by each attribute, by ``Packaging/named`` name.
        public var attributes: [String: Double]
        /// Attributes that together are a red flag (a clear jar): packaging scores 0.
        public var redFlag: [String]
    }

    /// The factor each kind of concentration evidence multiplies the concentration share by (docs/ranking.md;
    /// docs/concentration-evidence.md). Declared and printed amounts are the label's word; a named amount is the
    /// brand's claim in the product name; `listOrder` weighs a lower bound read from the list's order (an upper
    /// bound only ever lowers a score, so it is not weighed).
    public struct AmountEvidenceWeights: Sendable, Equatable {
        /// The factor for an amount declared on the label, outside the INCI list.
        public var declared: Double
        /// The factor for an amount printed inside the INCI list.
        public var printed: Double
        /// The factor for an amount the product's name states and the list's order does not contradict.
        public var named: Double
        /// The factor for a lower bound read from the list's order.
        public var listOrder: Double

        /// Weights for each kind of evidence; each argument sets the property of the same name.
        public init(declared: Double, printed: Double, named: Double, listOrder: Double) {
            self.declared = declared
            self.printed = printed
            self.named = named
            self.listOrder = listOrder
        }

        /// The weights of a rubric file that has no `amountEvidence` object (files written before it existed):
        /// declared and printed 1, named 0.8, list order 0.6.
        public static let standard = AmountEvidenceWeights(declared: 1, printed: 1, named: 0.8, listOrder: 0.6)
    }

    /// What the studies of the active earn (docs/ranking.md, docs/studies.md). A study's weight is its strongest
    /// design's share × its route's factor × a concentration factor (1, or ``mismatchedConcentrationFactor`` when
    /// its concentration does not speak to the product's amount). The share is the heaviest positive study's
    /// weight, plus ``agreementShare`` × the weight of each other positive study, plus ``testedAtOrBelowShare``
    /// when a positive study tested the active at or below the product's known amount, at most 1; then each null or
    /// negative study takes off ``nullPenalty`` or ``negativePenalty`` × its weight, never below 0.
    ///
    /// Every key but `designs` and `testedAtOrBelowShare` is optional in a rubric file; a file without one gets the
    /// value of ``EvidenceRule/standard``.
    public struct EvidenceRule: Sendable, Equatable {
        /// Share for each study design.
        public var designs: [EvidenceGrade: Double]
        /// Share added when a positive study tested the active at or below the product's amount.
        public var testedAtOrBelowShare: Double
        /// The factor on a study's weight by its route (`routes`; a topical product is best supported by a topical
        /// study). Default: topical 1, oral 0.5, injection 0.5.
        public var routes: [StudyRoute: Double]
        /// The factor for a study that states no route (`routes.unstated`; cells, membranes). Default 1: the
        /// design's share already says how far such a study is from a product on skin.
        public var unstatedRouteFactor: Double
        /// The factor on a study whose concentration does not speak to the product's known amount: a positive
        /// study that tested more than the product holds, or a null or negative one that tested less. Default 0:
        /// it does not count.
        public var mismatchedConcentrationFactor: Double
        /// The share each further positive study adds, × its weight (independent studies that agree). Default 0.25.
        public var agreementShare: Double
        /// What a null study takes off, × its weight. Default 0.5.
        public var nullPenalty: Double
        /// What a negative study takes off, × its weight. Default 1; never less than ``nullPenalty``.
        public var negativePenalty: Double

        /// A rule; each argument sets the property of the same name, and the others take the defaults of
        /// ``standard``.
        public init(
            designs: [EvidenceGrade: Double], testedAtOrBelowShare: Double,
            routes: [StudyRoute: Double] = [.topical: 1, .oral: 0.5, .injection: 0.5], unstatedRouteFactor: Double = 1,
            mismatchedConcentrationFactor: Double = 0, agreementShare: Double = 0.25, nullPenalty: Double = 0.5,
            negativePenalty: Double = 1
        ) {
            self.designs = designs
            self.testedAtOrBelowShare = testedAtOrBelowShare
            self.routes = routes
            self.unstatedRouteFactor = unstatedRouteFactor
            self.mismatchedConcentrationFactor = mismatchedConcentrationFactor
            self.agreementShare = agreementShare
            self.nullPenalty = nullPenalty
            self.negativePenalty = negativePenalty
        }

        /// The values an older rubric file, whose `evidence` has only `designs` and `testedAtOrBelowShare`, gets for
        /// the other keys (its designs and tested share are its own).
        public static let standard = EvidenceRule(designs: [:], testedAtOrBelowShare: 0)
    }

    /// The rubric shipped with this build.
    public static let `default`: Rubric = {
        do {
            return try Rubric(json: defaultJSON)
        } catch {
            // The file is part of the build and checked by the test suite; failing here is a build defect.
            preconditionFailure("Resources/DefaultRubric.json is invalid: \(error)")
        }
    }()

    /// The default rubric file, byte for byte, for `skincat rubric`.
    public static var defaultJSON: Data { Data(PackageResources.DefaultRubric_json) }
}

/// Why a rubric file cannot be used: the key path and what is wrong with it.
public struct RubricError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key path, such as `weights.concentration` or `actives.NMN.concentration.thresholdPpm`.
    public var key: String
    /// What is wrong with the value at ``key``, in a sentence (`is missing`, `must be a JSON object`).
    public var message: String

    /// An error for the value at the key path `key` (empty for the file as a whole).
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    /// The key path and the message (`weights: must sum to 100, they sum to 90`), or the message alone for the file as
    /// a whole.
    public var description: String { key.isEmpty ? message : "\(key): \(message)" }
}

extension Rubric {
    /// Reads and validates a rubric file.
    ///
    /// - Throws: ``RubricError`` naming the key: a missing or unknown key, a value of the wrong type or out of
    ///   range, weights that do not sum to 100, a threshold above its ceiling, an unknown delivery system,
    ///   packaging attribute or study design.
    public init(json data: Data) throws(RubricError) {
        var reader = try JSONObjectReader(Self.node(data), path: "")
        version = try reader.integer("rubricVersion")
        guard version == 1 else {
            throw RubricError(
                key: "rubricVersion", message: "version \(version) is not supported (this skincat reads 1)")
        }
        name = try reader.string("name")
        _ = try reader.optionalArray("notes")
        weights = try Self.weights(&reader)
        actives = try Self.actives(&reader)
        companions = try reader.object("companions") { section throws(RubricError) in
            CompanionShares(
                provenShare: try section.number("provenShare", in: 0...1),
                samePathwayShare: try section.number("samePathwayShare", in: 0...1))
        }
        delivery = try reader.object("delivery") { section throws(RubricError) in
            DeliveryRule(
                systems: try section.shares("systems", naming: "delivery system"),
                inferredFactor: try section.number("inferredFactor", in: 0...1))
        }
        packaging = try reader.object("packaging", PackagingRule.init(reading:))
        evidence = try reader.object("evidence", EvidenceRule.init(reading:))
        amountEvidence = try reader.has("amountEvidence") ? AmountEvidenceWeights(reading: &reader) : .standard
        try reader.finish()
        fingerprint = Fingerprint([String(decoding: data, as: UTF8.self)]).description
    }

    /// The active's settings by its command-line name, case-insensitively (`nmn`, `Niacinamide`).
    public func active(named name: String) -> (key: String, active: Active)? {
        actives.first { $0.key.lowercased() == name.lowercased() }.map { ($0.key, $0.value) }
    }
}

// The steps of reading a rubric file, in the order the file is read (and its errors reported).
extension Rubric {
    /// The file as a JSON value.
    fileprivate static func node(_ data: Data) throws(RubricError) -> JSONNode {
        do {
            return try JSONDecoder().decode(JSONNode.self, from: data)
        } catch {
            throw RubricError(key: "", message: "not valid JSON (\(error.localizedDescription))")
        }
    }

    /// `weights`: one number per criterion, summing to 100.
    fileprivate static func weights(_ reader: inout JSONObjectReader) throws(RubricError) -> [Criterion: Double] {
        let weights = try reader.object("weights") { reader throws(RubricError) in
            var weights: [Criterion: Double] = [:]
            for criterion in Criterion.allCases {
                weights[criterion] = try reader.number(criterion.rawValue, in: 0...100)
            }
            return weights
        }
        let total = weights.values.reduce(0, +)
        guard abs(total - 100) < 1e-9 else {
            throw RubricError(key: "weights", message: "must sum to 100, they sum to \(total.plainText)")
        }
        return weights
    }

    /// `actives`: at least one, by command-line name.
    fileprivate static func actives(_ reader: inout JSONObjectReader) throws(RubricError) -> [String: Active] {
        let actives = try reader.object("actives") { reader throws(RubricError) in
            var actives: [String: Active] = [:]
            for key in reader.keys {
                actives[key] = try reader.object(key) { active throws(RubricError) in
                    try Active(reading: &active, key: key)
                }
            }
            return actives
        }
        guard !actives.isEmpty else { throw RubricError(key: "actives", message: "must name at least one active") }
        return actives
    }
}

extension Rubric.Active {
    /// One entry of `actives` (`key` is its command-line name).
    fileprivate init(reading active: inout JSONObjectReader, key: String) throws(RubricError) {
        ingredient = try active.string("ingredient")
        concentration = try active.object("concentration", Rubric.ConcentrationRule.init(reading:))
        guard concentration.ceilingPpm > concentration.thresholdPpm else {
            throw RubricError(
                key: "actives.\(key).concentration.ceilingPpm",
                message: "must be above thresholdPpm (\(concentration.thresholdPpm.plainText))")
        }
        guard concentration.belowThresholdShare <= concentration.atThresholdShare else {
            throw RubricError(
                key: "actives.\(key).concentration.belowThresholdShare",
                message: "must not exceed atThresholdShare")
        }
        (provenCompanions, samePathwayCompanions) = try active.object("companions") { companions throws(RubricError) in
            (try companions.strings("proven"), try companions.strings("samePathway"))
        }
    }
}

extension Rubric.ConcentrationRule {
    fileprivate init(reading concentration: inout JSONObjectReader) throws(RubricError) {
        thresholdPpm = try concentration.number("thresholdPpm", in: 0...1_000_000)
        ceilingPpm = try concentration.number("ceilingPpm", in: 0...1_000_000)
        belowThresholdShare = try concentration.number("belowThresholdShare", in: 0...1)
        atThresholdShare = try concentration.number("atThresholdShare", in: 0...1)
        undisclosedShare = try concentration.number("undisclosedShare", in: 0...1)
    }
}

extension Rubric.PackagingRule {
    fileprivate init(reading packaging: inout JSONObjectReader) throws(RubricError) {
        base = try packaging.number("base", in: 0...1)
        let names = Packaging.named.map(\.name)
        let known = Set(names)
        attributes = try packaging.object("attributes") { attributes throws(RubricError) in
            try attributes.numbers(in: -1...1, naming: "packaging attribute", names) { known.contains($0) ? $0 : nil }
        }
        redFlag = try packaging.strings("redFlag")
        for (index, name) in redFlag.enumerated() where !known.contains(name) {
            throw RubricError(key: "packaging.redFlag[\(index)]", message: "unknown packaging attribute \"\(name)\"")
        }
    }
}

extension Rubric.EvidenceRule {
    /// `evidence`: `designs` and `testedAtOrBelowShare`, then the optional keys (``standard``'s values when absent).
    fileprivate init(reading evidence: inout JSONObjectReader) throws(RubricError) {
        let standard = Self.standard
        self.init(
            designs: try evidence.shares("designs", naming: "study design"),
            testedAtOrBelowShare: try evidence.number("testedAtOrBelowShare", in: 0...1))
        func optional(_ key: String, _ fallback: Double, in range: ClosedRange<Double> = 0...1)
            throws(RubricError) -> Double
        {
            evidence.has(key) ? try evidence.number(key, in: range) : fallback
        }
        if evidence.has("routes") {
            let known = StudyRoute.allCases.map(\.rawValue) + ["unstated"]
            let factors = try evidence.object("routes") { routes throws(RubricError) in
                try routes.numbers(in: 0...1, naming: "route", known) { known.contains($0) ? $0 : nil }
            }
            routes = standard.routes
            for route in StudyRoute.allCases { routes[route] = factors[route.rawValue] ?? standard.routes[route] }
            unstatedRouteFactor = factors["unstated"] ?? standard.unstatedRouteFactor
        }
        mismatchedConcentrationFactor = try optional(
            "mismatchedConcentrationFactor", standard.mismatchedConcentrationFactor)
        agreementShare = try optional("agreementShare", standard.agreementShare)
        nullPenalty = try optional("nullPenalty", standard.nullPenalty)
        negativePenalty = try optional("negativePenalty", standard.negativePenalty)
        guard negativePenalty >= nullPenalty else {
            throw RubricError(key: "evidence.negativePenalty", message: "must not be below nullPenalty")
        }
    }
}

extension Rubric.AmountEvidenceWeights {
    /// The optional `amountEvidence` object of `rubric`: weights that never rise as the evidence weakens.
    fileprivate init(reading rubric: inout JSONObjectReader) throws(RubricError) {
        self = try rubric.object("amountEvidence") { weights throws(RubricError) in
            Self(
                declared: try weights.number("declared", in: 0...1),
                printed: try weights.number("printed", in: 0...1),
                named: try weights.number("named", in: 0...1),
                listOrder: try weights.number("listOrder", in: 0...1))
        }
        let ordered = [declared, named, listOrder]
        guard printed >= named, ordered == ordered.sorted(by: >) else {
            throw RubricError(
                key: "amountEvidence",
                message: "weights must not rise as evidence weakens: declared and printed >= named >= listOrder")
        }
    }
}

/// Walks a JSON object, remembering the key path for errors and which keys were read, so that unknown keys
/// (typos) are reported instead of ignored.
private struct JSONObjectReader {
    let path: String
    private let object: [String: JSONNode]
    private var read: Set<String> = []

    init(_ value: JSONNode, path: String) throws(RubricError) {
        guard case .object(let object) = value else {
            throw RubricError(key: path, message: "must be a JSON object")
        }
        self.object = object
        self.path = path
    }

    var keys: [String] { object.keys.sorted() }

    func has(_ key: String) -> Bool { object[key] != nil }

    private func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private mutating func value(_ key: String) throws(RubricError) -> JSONNode {
        guard let value = object[key] else {
            // A missing key next to an unknown one is usually a typo: name the typo.
            let unknown = object.keys.filter { !read.contains($0) && $0 != key }
            if let typo = unknown.first(where: { Suggestion.nearest(to: $0, in: [key]) != nil }) {
                throw RubricError(key: keyPath(typo), message: "unknown key; did you mean \"\(key)\"?")
            }
            throw RubricError(key: keyPath(key), message: "is missing")
        }
        read.insert(key)
        return value
    }

    mutating func object(_ key: String) throws(RubricError) -> JSONObjectReader {
        try JSONObjectReader(try value(key), path: keyPath(key))
    }

    /// Reads the object at `key` with `body`, then fails on any of its keys `body` did not read.
    mutating func object<Value>(
        _ key: String, _ body: (inout JSONObjectReader) throws(RubricError) -> Value
    ) throws(RubricError) -> Value {
        var reader = try object(key)
        let value = try body(&reader)
        try reader.finish()
        return value
    }

    /// The object at `key`: a share from 0 to 1 for each case of `Kind` it names by raw value.
    mutating func shares<Kind: RawRepresentable & CaseIterable & Hashable>(
        _ key: String, naming kind: String
    ) throws(RubricError) -> [Kind: Double] where Kind.RawValue == String {
        try object(key) { table throws(RubricError) in
            try table.numbers(in: 0...1, naming: kind, Kind.allCases.map(\.rawValue), Kind.init(rawValue:))
        }
    }

    /// Every key of this object as a `Key` (`kind` names what the keys are, `known` lists them for an unknown
    /// one), with its number in `range`.
    mutating func numbers<Key: Hashable>(
        in range: ClosedRange<Double>, naming kind: String, _ known: [String], _ key: (String) -> Key?
    ) throws(RubricError) -> [Key: Double] {
        var numbers: [Key: Double] = [:]
        for name in keys {
            guard let parsed = key(name) else {
                throw RubricError(
                    key: keyPath(name), message: "unknown \(kind) (use " + known.joined(separator: ", ") + ")")
            }
            numbers[parsed] = try number(name, in: range)
        }
        return numbers
    }

    mutating func string(_ key: String) throws(RubricError) -> String {
        guard case .string(let text) = try value(key), !text.isEmpty else {
            throw RubricError(key: keyPath(key), message: "must be a non-empty string")
        }
        return text
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>) throws(RubricError) -> Double {
        guard case .number(let value) = try value(key) else {
            throw RubricError(key: keyPath(key), message: "must be a number")
        }
        guard value.isFinite, range.contains(value) else {
            throw RubricError(
                key: keyPath(key),
                message: "must be between \(range.lowerBound.plainText) and "
                    + "\(range.upperBound.plainText), got \(value.plainText)")
        }
        return value
    }

    mutating func integer(_ key: String) throws(RubricError) -> Int {
        let value = try number(key, in: 0...1_000_000)
        guard let whole = Int(exactly: value) else {
            throw RubricError(key: keyPath(key), message: "must be a whole number")
        }
        return whole
    }

    mutating func strings(_ key: String) throws(RubricError) -> [String] {
        guard case .array(let array) = try value(key) else {
            throw RubricError(key: keyPath(key), message: "must be a list of strings")
        }
        return try array.enumerated().map { (index, element) throws(RubricError) -> String in
            guard case .string(let text) = element, !text.isEmpty else {
                throw RubricError(key: "\(keyPath(key))[\(index)]", message: "must be a non-empty string")
            }
            return text
        }
    }

    mutating func optionalArray(_ key: String) throws(RubricError) -> [JSONNode]? {
        guard object[key] != nil else { return nil }
        guard case .array(let array) = try value(key) else {
            throw RubricError(key: keyPath(key), message: "must be a list")
        }
        return array
    }

    /// Fails on the first key nobody read: a typo must not pass silently.
    func finish() throws(RubricError) {
        if let unknown = object.keys.sorted().first(where: { !read.contains($0) }) {
            throw RubricError(key: keyPath(unknown), message: "unknown key")
        }
    }
}

/// Any JSON value, decoded strictly: `true` is not a number and `1` is not a boolean.
private enum JSONNode: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONNode]), object([String: JSONNode])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONNode].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONNode].self))
        }
    }
}
