import Foundation
import SkinCatalog
import TestSupport
import Testing

/// Every result a user can get out of a catalog (queries, rankings, exports, `show`, ingredient lists, the
/// pattern analysis and recommendations, import reports), rendered as text and compared with what today's code
/// produced, so a change of the storage layout can prove that nothing a user sees changed.
///
/// Catalogs are built through the public API only. The fixture catalogs' snapshots are checked in whole under
/// `Fixtures/equivalence/NAME.txt`; the real files' are checked in as one digest per section
/// (`Fixtures/equivalence/real-NAME.digests`), since the real data is never committed.
///
/// - `SKINCAT_RECORD_EQUIVALENCE=1 swift test --filter EquivalenceTests` re-records the expected files.
/// - `SKINCAT_EQUIVALENCE_DUMP=DIR` also writes every full snapshot (real ones included) to `DIR/NAME.txt`, to
///   diff two commits locally.
/// - On a mismatch the actual snapshot is written to a temporary folder and its path printed.
///
/// `fingerprint()` is in: it digests each product's imported fields, the dictionary revision and the parser and
/// resolver versions, not stored rows. Left out on purpose: internal row ids (`ImportReport.runId`,
/// `QuarantinedRowRecord.runId`), `queryPlan(for:)` (it describes the layout itself), the HTML export (the
/// Markdown one renders the same values) and anything read by SQL rather than through the API.
@Suite("Equivalence: every user-visible result is the recorded one")
struct EquivalenceTests {
    // MARK: - The catalogs

    /// A catalog to snapshot, built by its `build` closure, which adds its own sections (import reports) as it goes.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let build: @Sendable (inout Snapshot) throws -> Void
        var testDescription: String { name }
    }

    static func options(profile: String? = nil) throws -> ImportOptions {
        var options = ImportOptions(now: fixedDate)
        try options.configure(profile: profile, map: nil, key: nil)
        return options
    }

    /// One file of `Fixtures/real-like/` imported with its profile, as `RealLikeImportTests` does.
    static func realLike(_ file: String, profile: String?) -> Case {
        Case(name: "real-like-" + file.replacingOccurrences(of: ".csv", with: "")) { snapshot in
            let catalog = try Catalog.inMemory()
            let report = try catalog.importCatalog(
                from: Paths.fixture("real-like/\(file)"), options: options(profile: profile))
            snapshot.add("import \(file)", Render.importReport(report))
            try snapshot.addResults(of: catalog, verdicts: .plantedByDimethicone)
        }
    }

    static let fixtureCases: [Case] = [
        Case(name: "catalog") { snapshot in
            let catalog = try Catalog.inMemory()
            let report = try catalog.importCatalog(from: Paths.fixture("catalog.csv"), options: options())
            snapshot.add("import catalog.csv", Render.importReport(report))
            let again = try catalog.importCatalog(from: Paths.fixture("catalog.csv"), options: options())
            snapshot.add("import catalog.csv again", Render.importReport(again))
            snapshot.add("studies", try catalog.studies().flatMap(Render.study))
            try snapshot.addResults(
                of: catalog,
                verdicts: .planted(
                    failed: IngredientPatternCatalogTests.failedWithDimethicone,
                    worked: IngredientPatternCatalogTests.workedWithout))
        },
        realLike("kits.csv", profile: nil),
        realLike("sephora-cosmetics-like.csv", profile: "sephora-cosmetics"),
        realLike("lookfantastic-like.csv", profile: "lookfantastic"),
        realLike("lookfantastic-clean-like.csv", profile: "lookfantastic-clean"),
        realLike("sephora-daisy-like.csv", profile: "sephora-daisy"),
        realLike("sephora-daisy-final-like.csv", profile: "sephora-daisy-final"),
        // The small CosIng look-alike, the shortened names, then a dictionary change: the stale catalog (groups
        // dropped, their lines unresolved) and the catalog after the re-import are snapshots of their own.
        Case(name: "real-like-shortened-names") { snapshot in
            let catalog = try Catalog.inMemory()
            let dictionary = try catalog.importDictionary(
                from: Paths.fixture("real-like/cosing-like.csv"), now: fixedDate)
            snapshot.add("dictionary cosing-like.csv", Render.dictionaryReport(dictionary))
            let file = Paths.fixture("real-like/shortened-names.csv")
            snapshot.add(
                "import shortened-names.csv",
                Render.importReport(try catalog.importCatalog(from: file, options: options())))
            try snapshot.addResults(of: catalog, verdicts: .none, stage: "1 imported")
            let update = try catalog.importDictionary(
                from: Paths.fixture("real-like/cosing-like-update.csv"), now: fixedDate)
            snapshot.add("dictionary cosing-like-update.csv", Render.dictionaryReport(update))
            try snapshot.addResults(of: catalog, verdicts: .none, stage: "2 after the dictionary update")
            snapshot.add(
                "import shortened-names.csv again",
                Render.importReport(try catalog.importCatalog(from: file, options: options())))
            try snapshot.addResults(of: catalog, verdicts: .none, stage: "3 re-imported")
        },
        // Every file of Fixtures/bad in one catalog, in name order: quarantined rows, failures and what landed.
        Case(name: "bad") { snapshot in
            let catalog = try Catalog.inMemory()
            let folder = Paths.fixture("bad")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }
            for file in files.sorted() {
                do {
                    var options = try options()
                    // The one file in another encoding is read as its README says it should be.
                    if file == "windows-1252.csv", let encoding = TextEncoding(name: "windows-1252") {
                        options.encoding = encoding
                    }
                    let report = try catalog.importCatalog(from: folder + "/" + file, options: options)
                    snapshot.add("import bad/\(file)", Render.importReport(report))
                } catch {
                    snapshot.add("import bad/\(file)", ["error: " + Render.text(Render.describe(error))])
                }
            }
            snapshot.add("quarantined rows", try catalog.quarantinedRows().flatMap(Render.quarantined))
            try snapshot.addResults(of: catalog, verdicts: .none)
        },
    ]

    /// A real file of `../shared/data/real`, imported with its shipped profile after CosIng, as
    /// `RealCatalogTests` does.
    struct RealFile: Sendable, CustomTestStringConvertible {
        let profile: String
        let path: String
        var testDescription: String { profile }
    }

    static let realFiles: [RealFile] = [
        RealFile(profile: "sephora-cosmetics", path: "sephora-cosmetics/cosmetics.csv"),
        RealFile(profile: "lookfantastic", path: "lookfantastic/skincare_products.csv"),
        RealFile(profile: "lookfantastic-clean", path: "lookfantastic/skincare_products_clean.csv"),
        RealFile(profile: "sephora-daisy", path: "sephora-daisy-2026/product_info.csv"),
        RealFile(profile: "sephora-daisy-final", path: "sephora-daisy-2026/product_info_final.csv"),
    ]

    // MARK: - The tests

    @Test("a fixture catalog gives the recorded results, section by section", arguments: fixtureCases)
    func fixture(_ test: Case) throws {
        var snapshot = Snapshot()
        try test.build(&snapshot)
        try Self.dumpIfAsked(snapshot, name: test.name)
        let path = Paths.fixture("equivalence/\(test.name).txt")
        if Self.recording {
            try Self.write(snapshot.text, to: path)
            return
        }
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("no recorded snapshot at \(path): record one with SKINCAT_RECORD_EQUIVALENCE=1")
            return
        }
        let expected = Snapshot(parsing: try String(contentsOfFile: path, encoding: .utf8))
        let differences = snapshot.differences(from: expected)
        if !differences.isEmpty {
            let saved = try Self.saveActual(snapshot, name: test.name)
            Issue.record(
                Comment(
                    rawValue: "\(test.name): \(differences.count) section(s) differ from \(path)\n"
                        + differences.joined(separator: "\n")
                        + "\nactual snapshot: \(saved) (diff it with the recorded file)"))
        }
    }

    @Test(
        "a real retailer file gives the recorded results (digests per section)",
        .enabled(if: Paths.realDataAvailable, "needs ../shared/data/real"), arguments: realFiles)
    func real(_ file: RealFile) throws {
        var snapshot = Snapshot()
        let catalog = try Catalog.inMemory()
        let dictionary = try catalog.importDictionary(from: Paths.real("cosing/cosing.csv"), now: fixedDate)
        snapshot.add("dictionary cosing.csv", Render.dictionaryReport(dictionary))
        let report = try catalog.importCatalog(
            from: Paths.real(file.path), options: Self.options(profile: file.profile))
        snapshot.add("import \(file.path)", Render.importReport(report))
        try snapshot.addResults(of: catalog, verdicts: .plantedByDimethicone)
        try Self.dumpIfAsked(snapshot, name: "real-\(file.profile)")

        let path = Paths.fixture("equivalence/real-\(file.profile).digests")
        if Self.recording {
            try Self.write(snapshot.digests, to: path)
            return
        }
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("no recorded digests at \(path): record them with SKINCAT_RECORD_EQUIVALENCE=1")
            return
        }
        let differences = snapshot.digestDifferences(from: try String(contentsOfFile: path, encoding: .utf8))
        if !differences.isEmpty {
            let saved = try Self.saveActual(snapshot, name: "real-\(file.profile)")
            Issue.record(
                Comment(
                    rawValue: "real-\(file.profile): \(differences.count) section(s) differ from \(path)\n"
                        + differences.joined(separator: "\n")
                        + "\nactual snapshot: \(saved); diff it with one made on the old commit by "
                        + "SKINCAT_EQUIVALENCE_DUMP=DIR swift test --filter EquivalenceTests"))
        }
    }

    // MARK: - Recording and saving

    static var recording: Bool { ProcessInfo.processInfo.environment["SKINCAT_RECORD_EQUIVALENCE"] == "1" }

    static func write(_ text: String, to path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func dumpIfAsked(_ snapshot: Snapshot, name: String) throws {
        guard let folder = ProcessInfo.processInfo.environment["SKINCAT_EQUIVALENCE_DUMP"], !folder.isEmpty else {
            return
        }
        try write(snapshot.text, to: URL(fileURLWithPath: folder).appendingPathComponent("\(name).txt").path)
    }

    /// Writes the actual snapshot where a developer can diff it; returns its path.
    static func saveActual(_ snapshot: Snapshot, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("skincat-equivalence", isDirectory: true)
            .appendingPathComponent("\(name).txt").path
        try write(snapshot.text, to: path)
        print("equivalence: actual snapshot of \(name) written to \(path)")
        return path
    }
}

// MARK: - What every catalog is asked

/// Verdicts to record before the pattern analysis and the recommendations.
enum PlantedVerdicts {
    case none
    /// These skus failed (breakout) and these worked, in the default profile.
    case planted(failed: [String], worked: [String])
    /// The first five products (by sku) that contain dimethicone failed; the first five without it worked.
    case plantedByDimethicone
}

/// One query of the snapshot: its text, and the order and limit it is run with.
struct EquivalenceQuery: Sendable {
    var text: String
    var sort: String?
    var limit: Int?

    init(_ text: String, sort: String? = nil, limit: Int? = nil) {
        self.text = text
        self.sort = sort
        self.limit = limit
    }

    var label: String {
        text + (sort.map { " [sort \($0)]" } ?? "") + (limit.map { " [limit \($0)]" } ?? "")
    }

    /// Every kind of term of the query language (README, "Query language"), on names the reference data knows,
    /// so each runs on every catalog; unknown names and bad units are results too (the error message).
    static let all: [EquivalenceQuery] = [
        // Amounts: units, comparators, decimal comma, aliases, quoted subject, `amount`, two compared columns.
        EquivalenceQuery("products with NMN ≥1000 PPM and airless packaging"),
        EquivalenceQuery("NMN >= 1000 ppm and packaging = airless"),
        EquivalenceQuery("NMN >= 0.1%"),
        EquivalenceQuery("NMN = 0,1 %"),
        EquivalenceQuery("NMN < 1000 ppm"),
        EquivalenceQuery("NMN >= 10 mg/g"),
        EquivalenceQuery("nicotinamide mononucleotide != 2000 ppm"),
        EquivalenceQuery("β-NMN amount > 1500 ppm"),
        EquivalenceQuery("'Nicotinamide Mononucleotide' ≥ 1000 ppm"),
        EquivalenceQuery("vitamin B3 >= 5%"),
        EquivalenceQuery("niacinamide > 2% and niacinamide <= 5 percent"),
        EquivalenceQuery("NMN >= 1000 ppm or niacinamide >= 2%"),
        EquivalenceQuery("niacinamide >= 4% and not clear jar"),
        // Undisclosed amounts.
        EquivalenceQuery("NMN undisclosed"),
        EquivalenceQuery("niacinamide = undisclosed"),
        // Presence of ingredients, decoys, classes, groups, may-contain.
        EquivalenceQuery("contains niacinamide"),
        EquivalenceQuery("with niacinamide and has glycerin"),
        EquivalenceQuery("contains NAD+ or contains niacin or Nicotinoyl Tripeptide-35"),
        EquivalenceQuery("NMN >= 0.1% and (peptides or centella)"),
        EquivalenceQuery("contains fragrance"),
        EquivalenceQuery("NAD+ precursors and not ferment filtrate"),
        EquivalenceQuery("contains dimethicone"),
        EquivalenceQuery("contains salicylic acid"),
        EquivalenceQuery("contains CI 77891"),
        EquivalenceQuery("contains rosa damascena"),
        // Delivery.
        EquivalenceQuery("contains PDRN and delivery = liposomal"),
        EquivalenceQuery("delivery = inferred liposomal or delivery = declared ferment filtrate"),
        EquivalenceQuery("liposomal delivery"),
        EquivalenceQuery("delivery != peptide carrier"),
        // Packaging.
        EquivalenceQuery("packaging = opaque pump"),
        EquivalenceQuery("single-use or dropper or tube or screw-cap"),
        EquivalenceQuery("packaging != jar"),
        // Text and number tests.
        EquivalenceQuery("brand = 'Pfect-A' or price <= 40"),
        EquivalenceQuery("category = serum and not contains fragrance"),
        EquivalenceQuery("name contains serum and currency = USD"),
        EquivalenceQuery("brand != 'Pfect-A' and sku contains '2'"),
        EquivalenceQuery("size >= 30 ml and size < 100ml"),
        EquivalenceQuery("size <= 50 g"),
        EquivalenceQuery("brand = \"x' OR 1=1 --\""),
        // not, and, or, without, filler words.
        EquivalenceQuery("find products without water"),
        EquivalenceQuery("not (contains water or contains aqua) and not not contains glycerin"),
        // Sort orders and limits.
        EquivalenceQuery("price > 40", sort: "-price", limit: 5),
        EquivalenceQuery("contains niacinamide", sort: "price", limit: 7),
        EquivalenceQuery("contains niacinamide", sort: "-size", limit: 7),
        EquivalenceQuery("contains niacinamide", sort: "brand", limit: 7),
        EquivalenceQuery("contains niacinamide", sort: "-name", limit: 7),
        EquivalenceQuery("contains niacinamide", sort: "-sku", limit: 7),
        EquivalenceQuery("niacinamide >= 1%", sort: "-amount", limit: 7),
        // Errors: an unknown name with a suggestion, a class where an ingredient is needed, an unknown unit.
        EquivalenceQuery("NMM >= 1000 ppm"),
        EquivalenceQuery("peptides >= 10 ppm"),
        EquivalenceQuery("NMN >= 1000 furlongs"),
    ]
}

/// Names looked up one by one with `ingredient(named:)`.
private let lookedUpNames = [
    "NMN", "nicotinamide", "vitamin B3", "niacin", "NAD+", "water", "glycerin", "dimethicone", "fragrance",
    "rosa damascena", "sodium lauroyl", "PDRN",
]

extension Snapshot {
    /// Adds every result of the catalog: products shown, ingredients, queries, rankings, exports, the pattern
    /// analysis and recommendations. `stage` prefixes the section names when one catalog is snapshotted twice.
    mutating func addResults(of catalog: Catalog, verdicts: PlantedVerdicts, stage: String? = nil) throws {
        let prefix = stage.map { "[\($0)] " } ?? ""
        func add(_ name: String, _ lines: [String]) { self.add(section: prefix + name, lines) }

        // show, for every product, in sku order.
        let all = try catalog.products(matching: "sku != ''", sort: QuerySort(key: .sku, descending: false))
        let details = try all.map { match in
            guard let detail = try catalog.product(sku: match.sku) else { throw Missing(sku: match.sku) }
            return detail
        }
        add("product count", ["products: \(try catalog.productCount())", "listed by sku != '': \(all.count)"])
        add("show: fields", details.flatMap(Render.productFields))
        add("show: ingredient lines", details.flatMap(Render.productLines))

        // Ingredients.
        add("ingredients (used)", try catalog.ingredients(matching: nil, includeUnused: false).map(Render.ingredient))
        add(
            "ingredients matching niacin (with unused)",
            try catalog.ingredients(matching: "niacin", includeUnused: true).map(Render.ingredient))
        add("unresolved ingredients", try catalog.unresolvedIngredients().map(Render.unresolved))
        add(
            "ingredient(named:)",
            try lookedUpNames.map { name in
                "\(Render.text(name)) -> " + (try catalog.ingredient(named: name).map(Render.ingredient) ?? "nil")
            })

        // Queries.
        for (index, query) in EquivalenceQuery.all.enumerated() {
            let number = String(format: "%02d", index + 1)
            add("query \(number): \(query.label)", Render.query(query, on: catalog))
        }

        // Rankings, each with its export.
        let fingerprint = try catalog.fingerprint()
        add("fingerprint", [fingerprint])
        for active in ["NMN", "niacinamide"] {
            let ranked = try catalog.ranking(RankingOptions(active: active))
            add("ranking \(active)", ranked.flatMap(Render.ranked))
            let report = RankingReport(
                active: active, products: ranked, rubric: .default, catalogFingerprint: fingerprint)
            add("export \(active) csv", Render.verbatim(report.render(.csv)))
            add("export \(active) json", Render.verbatim(report.render(.json)))
            add("export \(active) markdown", Render.verbatim(report.render(.markdown)))
        }
        let filtered = try catalog.ranking(
            RankingOptions(active: "niacinamide", filter: try QueryParser.parse("not clear jar"), limit: 10))
        add("ranking niacinamide where not clear jar, limit 10", filtered.flatMap(Render.ranked))

        // Verdicts, the pattern analysis and recommendations.
        switch verdicts {
        case .none: return
        case .planted(let failed, let worked): try plant(failed: failed, worked: worked, in: catalog)
        case .plantedByDimethicone:
            let bySku = QuerySort(key: .sku, descending: false)
            let failed = try catalog.products(matching: "contains dimethicone", sort: bySku, limit: 5).map(\.sku)
            let worked = try catalog.products(matching: "without dimethicone", sort: bySku, limit: 5).map(\.sku)
            try plant(failed: failed, worked: worked, in: catalog)
        }
        add(
            "verdicts",
            try catalog.verdicts().map(Render.verdict) + ["profiles: " + Render.list(try catalog.verdictProfiles())])
        add("analysis default", Render.analysis(try catalog.ingredientPatterns()))
        add(
            "analysis of a profile without verdicts", Render.analysis(try catalog.ingredientPatterns(profile: "nobody"))
        )
        for active in ["NMN", "niacinamide"] {
            let recommendations = try catalog.recommendations(
                RecommendationOptions(ranking: RankingOptions(active: active)))
            add("recommendations \(active)", Render.recommendations(recommendations))
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var sku: String
        var description: String { "the query listed sku \(sku) but product(sku:) found nothing" }
    }

    private func plant(failed: [String], worked: [String], in catalog: Catalog) throws {
        for sku in failed { try catalog.addVerdict(.failed, sku: sku, reason: .breakout, at: fixedDate) }
        for sku in worked { try catalog.addVerdict(.worked, sku: sku, note: "fine", at: fixedDate) }
    }
}

// MARK: - Snapshots

/// Named sections of text lines, in order. The text form starts each section with `=== NAME`; the digest form is
/// one line per section: FNV-1a digest, line count, name.
struct Snapshot {
    struct Section: Equatable {
        var name: String
        var lines: [String]
    }

    private(set) var sections: [Section] = []

    init() {}

    mutating func add(_ name: String, _ lines: [String]) { add(section: name, lines) }

    mutating func add(section name: String, _ lines: [String]) {
        precondition(!sections.contains { $0.name == name }, "section \(name) added twice")
        precondition(
            !lines.contains { $0.unicodeScalars.contains { $0 == "\n" || $0 == "\r" } },
            "section \(name) has a line break inside a line")
        sections.append(Section(name: name, lines: lines.map(Render.portable)))
    }

    var text: String {
        sections.map { section in
            (["=== \(section.name)"] + section.lines).joined(separator: "\n") + "\n"
        }.joined()
    }

    init(parsing text: String) {
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("=== ") {
                sections.append(Section(name: String(line.dropFirst(4)), lines: []))
            } else if !sections.isEmpty {
                sections[sections.count - 1].lines.append(line)
            }
        }
        // The text ends with a line break, which leaves one empty line after the last section.
        if let last = sections.last?.lines.last, last.isEmpty { sections[sections.count - 1].lines.removeLast() }
    }

    static func digest(_ lines: [String]) -> String { Fingerprint(lines).description }

    var digests: String {
        sections.map { "\(Self.digest($0.lines)) \($0.lines.count) \($0.name)\n" }.joined()
    }

    /// The sections that differ from the expected ones, each with its first differing lines.
    func differences(from expected: Snapshot) -> [String] {
        var problems: [String] = []
        let expectedByName = Dictionary(expected.sections.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let actualNames = Set(sections.map(\.name))
        for section in expected.sections where !actualNames.contains(section.name) {
            problems.append("- section \"\(section.name)\" is missing")
        }
        for section in sections {
            guard let recorded = expectedByName[section.name] else {
                problems.append("- section \"\(section.name)\" is new")
                continue
            }
            guard recorded.lines != section.lines else { continue }
            var report = [
                "- section \"\(section.name)\": \(recorded.lines.count) lines expected, \(section.lines.count) found"
            ]
            var shown = 0
            for index in 0..<max(recorded.lines.count, section.lines.count) where shown < 3 {
                let want = index < recorded.lines.count ? recorded.lines[index] : "(none)"
                let got = index < section.lines.count ? section.lines[index] : "(none)"
                if want != got {
                    report.append("    line \(index + 1): expected \(want)")
                    report.append("    line \(index + 1):    found \(got)")
                    shown += 1
                }
            }
            problems.append(report.joined(separator: "\n"))
        }
        if problems.isEmpty && expected.sections.map(\.name) != sections.map(\.name) {
            problems.append("- the sections are in another order")
        }
        return problems
    }

    /// The sections whose digest or line count differs from the recorded digests.
    func digestDifferences(from recorded: String) -> [String] {
        var expected: [String: (digest: String, count: Int)] = [:]
        var order: [String] = []
        for line in recorded.components(separatedBy: "\n") where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, let count = Int(parts[1]) else { continue }
            expected[parts[2]] = (parts[0], count)
            order.append(parts[2])
        }
        var problems: [String] = []
        let actualNames = Set(sections.map(\.name))
        for name in order where !actualNames.contains(name) { problems.append("- section \"\(name)\" is missing") }
        for section in sections {
            guard let want = expected[section.name] else {
                problems.append("- section \"\(section.name)\" is new")
                continue
            }
            let digest = Self.digest(section.lines)
            if digest != want.digest {
                problems.append(
                    "- section \"\(section.name)\": digest \(digest) (\(section.lines.count) lines), recorded "
                        + "\(want.digest) (\(want.count) lines)")
            }
        }
        return problems
    }
}

// MARK: - Rendering

/// Stable text for every value, written here field by field so that a change in how a type prints cannot pass
/// for a change in what it holds.
enum Render {
    /// A string in double quotes with `\`, `"`, line breaks, tabs and other controls escaped; `nil` for none.
    static func text(_ value: String?) -> String {
        guard let value else { return "nil" }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A number as an integer when it is one, else in Swift's shortest round-trip form; `nil` for none.
    static func number(_ value: Double?) -> String {
        guard let value else { return "nil" }
        if value.isFinite && value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A rendered document, one snapshot line per line, each starting with `| `; carriage returns (CSV ends its
    /// records in CRLF) are shown as `\r`.
    static func verbatim(_ document: String) -> [String] {
        document.replacingOccurrences(of: "\r", with: "\\r").components(separatedBy: "\n").map { "| " + $0 }
    }

    static func list(_ values: [String]) -> String { "[" + values.map { text($0) }.joined(separator: ", ") + "]" }

    static func flag(_ value: Bool) -> String { value ? "yes" : "no" }

    /// Absolute paths of this checkout and of the real data made relative, so a snapshot is the same anywhere.
    static func portable(_ line: String) -> String {
        line.replacingOccurrences(of: Paths.realData.path + "/", with: "<real>/")
            .replacingOccurrences(of: Paths.packageRoot.path + "/", with: "<package>/")
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? QueryError { return "QueryError: " + error.description }
        if let error = error as? CatalogError { return "CatalogError: " + (error.errorDescription ?? "\(error)") }
        return "\(type(of: error)): \(error.localizedDescription)"
    }

    static func delivery(_ delivery: Delivery) -> String {
        "\(delivery.system.rawValue)/\(delivery.basis.rawValue)/\(text(delivery.evidence))"
    }

    /// Sorted in full: the API orders deliveries by system only, so two of one system come in no set order.
    static func deliveries(_ deliveries: [Delivery]) -> String {
        "[" + deliveries.map(delivery).sorted().joined(separator: ", ") + "]"
    }

    // Imports.

    static func importReport(_ report: ImportReport) -> [String] {
        var lines = [
            "file \(text(report.file)) profile \(text(report.profile)) dryRun \(flag(report.dryRun))",
            "rows \(report.rowsRead) inserted \(report.inserted) updated \(report.updated) unchanged \(report.unchanged)"
                + " quarantined \(report.quarantined.count)",
            "tokens \(report.ingredientTokens) resolved \(report.resolvedTokens) fuzzy \(report.fuzzyTokens)"
                + " partial \(report.partialTokens) shortened \(report.shortenedTokens) group \(report.groupTokens)"
                + " renamed \(report.renamedTokens)",
        ]
        for row in report.quarantined {
            lines.append(
                "quarantined line \(row.line) field \(text(row.field)) kind \(text(row.kind)) reason \(text(row.reason))"
                    + " raw \(text(row.rawRow))")
        }
        for (reason, count) in report.quarantinedByReason.sorted(by: { $0.key < $1.key }) {
            lines.append("quarantined by reason \(text(reason)): \(count)")
        }
        lines += report.unresolvedNames.map { "unresolved \(text($0.name)) key \(text($0.key)) count \($0.count)" }
        lines += report.fuzzyMatches.map { "fuzzy \(text($0.name)) -> \(text($0.inciName)) count \($0.count)" }
        lines += report.shortenedNames.map {
            "shortened \(text($0.name)) -> \(text($0.inciName)) members \($0.members) count \($0.count)"
        }
        lines += report.warnings.map { "warning \(text($0))" }
        lines.append("summary \(text(report.summary))")
        lines += report.details.map { "detail \(text($0))" }
        return lines
    }

    static func dictionaryReport(_ report: DictionaryImportReport) -> [String] {
        [
            "file \(text(report.file)) dryRun \(flag(report.dryRun))",
            "rows \(report.rowsRead) names \(report.distinctNames) added \(report.added) updated \(report.updated)"
                + " unchanged \(report.unchanged) keptReference \(report.keptReference) sameKey \(report.sameKey)",
        ] + report.skipped.map { "skipped \(text($0))" } + ["summary \(text(report.summary))"]
    }

    static func quarantined(_ row: QuarantinedRowRecord) -> [String] {
        [
            "quarantined file \(text(row.file)) line \(row.line) field \(text(row.field)) reason \(text(row.reason))"
                + " raw \(text(row.rawRow))"
        ]
    }

    // show.

    static func productFields(_ product: ProductDetail) -> [String] {
        var lines = [
            "product \(text(product.sku))",
            "  brand \(text(product.brand))",
            "  name \(text(product.name))",
            "  category \(text(product.category))",
            "  size \(text(product.sizeText)) ml \(number(product.sizeMl)) g \(number(product.sizeG))",
            "  price \(number(product.price)) regular \(number(product.regularPrice)) currency \(text(product.currency))",
            "  url \(text(product.url))",
            "  packaging \(text(product.packagingText)) -> \(list(product.packaging))",
            "  delivery \(text(product.deliveryText)) -> \(deliveries(product.delivery))",
            "  actives \(text(product.activesText))",
            "  shade \(text(product.shade))",
            "  ingredients \(text(product.ingredientsText))",
            "  preamble \(text(product.ingredientsPreamble))",
        ]
        for (key, value) in product.extraFields.sorted(by: { $0.key < $1.key }) {
            lines.append("  extra \(text(key)) = \(text(value))")
        }
        return lines
    }

    static func productLines(_ product: ProductDetail) -> [String] {
        ["product \(text(product.sku)): \(product.ingredients.count) lines"]
            + product.ingredients.map { line in
                "  position \(line.position.map(String.init) ?? "nil") printed \(text(line.printedName))"
                    + " inci \(text(line.inciName)) match \(line.matchKind?.rawValue ?? "nil")"
                    + " group \(line.groupSize.map(String.init) ?? "nil") mayContain \(flag(line.mayContain))"
                    + " ppm \(number(line.amountPpm)) source \(line.amountSource?.rawValue ?? "nil")"
                    + " approximate \(flag(line.amountApproximate)) amount \(text(line.amountText))"
            }
    }

    // Ingredients.

    static func ingredient(_ summary: IngredientSummary) -> String {
        "\(text(summary.inciName)) cas \(text(summary.casNumber)) classes \(list(summary.classes))"
            + " evidence \(summary.evidenceGrade?.rawValue ?? "nil") aliases \(list(summary.aliases))"
            + " lookalikes \(list(summary.lookalikes)) products \(summary.productCount)"
            + " members \(list(summary.groupMembers))"
    }

    static func unresolved(_ name: UnresolvedIngredient) -> String {
        "\(text(name.printedName)) key \(text(name.key)) products \(name.productCount)"
    }

    static func study(_ study: StudySummary) -> [String] {
        [
            "study \(text(study.key)) year \(study.year.map(String.init) ?? "nil") journal \(text(study.journal))",
            "  title \(text(study.title)) authors \(text(study.authors)) doi \(text(study.doi))",
            "  models \(list(study.models.map(\.rawValue))) route \(text(study.route)) subjects \(text(study.subjects))"
                + " duration \(text(study.duration))",
            "  concentration \(number(study.concentrationPpm)) \(text(study.concentrationText))"
                + " endpoints \(list(study.endpoints))",
            "  ingredients \(list(study.ingredients)) provenance \(text(study.provenance))",
            "  summary \(text(study.summary))",
        ]
    }

    // Queries.

    static func query(_ query: EquivalenceQuery, on catalog: Catalog) -> [String] {
        let matches: [QueryMatch]
        do {
            matches = try catalog.products(
                matching: query.text, sort: query.sort.flatMap(QuerySort.init(parsing:)), limit: query.limit)
        } catch {
            return ["error \(text(describe(error)))"]
        }
        return ["count \(matches.count)"] + matches.map(match)
    }

    static func match(_ match: QueryMatch) -> String {
        let amounts = match.amounts.map { amount in
            "\(text(amount.ingredient)) asked \(text(amount.asked)) ppm \(number(amount.ppm))"
                + " source \(amount.source?.rawValue ?? "nil") listed \(flag(amount.listed))"
        }
        return "match \(text(match.sku)) brand \(text(match.brand)) name \(text(match.name))"
            + " category \(text(match.category)) price \(number(match.price)) currency \(text(match.currency))"
            + " ml \(number(match.sizeMl)) g \(number(match.sizeG)) packaging \(list(match.packaging))"
            + " delivery \(deliveries(match.delivery)) amounts [\(amounts.joined(separator: "; "))]"
    }

    // Rankings.

    static func ranked(_ product: RankedProduct) -> [String] {
        [
            "rank \(product.rank) \(text(product.sku)) brand \(text(product.brand)) name \(text(product.name))"
                + " category \(text(product.category)) price \(number(product.price))"
                + " currency \(text(product.currency)) active \(text(product.active))"
                + " ppm \(number(product.amountPpm)) source \(product.amountSource?.rawValue ?? "nil")"
                + " score \(number(product.score.total))"
        ]
            + product.score.criteria.map { criterion in
                "  \(criterion.criterion.rawValue) \(number(criterion.points)) of \(number(criterion.maximum)):"
                    + " \(text(criterion.reason))"
            } + ["  flags \(list(product.score.flags))"]
    }

    // Verdicts and patterns.

    static func verdict(_ verdict: VerdictRecord) -> String {
        "verdict \(text(verdict.profile)) \(text(verdict.sku)) brand \(text(verdict.brand)) name \(text(verdict.name))"
            + " \(verdict.outcome.rawValue) reason \(verdict.reason?.rawValue ?? "nil") note \(text(verdict.note))"
            + " at \(ISO8601DateFormatter().string(from: verdict.recordedAt))"
    }

    static func analysis(_ analysis: IngredientPatternAnalysis) -> [String] {
        let thresholds = analysis.thresholds
        return [
            "profile \(text(analysis.profile)) failed \(analysis.failedCount) worked \(analysis.workedCount)"
                + " enough \(flag(analysis.hasEnoughData)) tests \(analysis.testCount)",
            "thresholds perOutcome \(thresholds.minimumPerOutcome) significance \(number(thresholds.significance))"
                + " oddsRatio \(number(thresholds.minimumOddsRatio)) suspects \(thresholds.maximumSuspectPatterns)"
                + " fdr \(number(thresholds.falseDiscoveryRate))",
            "more needed failed \(analysis.moreNeeded.failed) worked \(analysis.moreNeeded.worked)"
                + " either \(analysis.moreNeeded.either)",
            "message \(text(analysis.message))",
        ] + analysis.associations.map(association)
    }

    static func association(_ association: IngredientAssociation) -> String {
        "feature \(text(association.feature.label)) failed \(list(association.failedWith)) of"
            + " \(association.failedTotal) worked \(list(association.workedWith)) of \(association.workedTotal)"
            + " p \(number(association.pValue)) q \(number(association.qValue)) odds \(number(association.oddsRatio))"
            + " [\(number(association.oddsRatioLow)), \(number(association.oddsRatioHigh))]"
            + " holds \(flag(association.holdsAfterCorrection)) suspect \(flag(association.isSuspect))"
            + " same \(list(association.sameProductsAs)) note \(text(association.note))"
    }

    static func recommendations(_ recommendations: Recommendations) -> [String] {
        ["suspects \(list(recommendations.patterns.suspects.map(\.feature.label)))"]
            + recommendations.recommended.flatMap(ranked)
            + recommendations.leftOut.flatMap { left in
                ["left out \(text(left.product.sku)) suspects \(list(left.suspects)) reasons \(list(left.reasons))"]
                    + ranked(left.product).map { "  " + $0 }
            }
    }
}
