import ArgumentParser
import SkinCatalog
import SkinDomain

struct StudiesAddCommand: CatalogCommand {
    static let access = Catalog.Access.readWrite

    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add one study, or update the one of the same DOI, PMID, or title and year.",
        discussion: "Each option is a column of a studies file (docs/studies.md); lists are separated by ';'."
    )

    @OptionGroup var catalog: CatalogOptions

    @Option(help: ArgumentHelp("The article's title (required).", valueName: "text"))
    var title: String

    @Option(
        help: ArgumentHelp(
            "The design: in-vitro, animal, ex-vivo, synthetic-membrane, human-observational, human-rct or "
                + "systematic-review; several joined with + (required).", valueName: "design"))
    var design: String

    @Option(
        help: ArgumentHelp(
            "The ingredients tested, separated by ';', resolved as label names (required).", valueName: "names"))
    var ingredients: String

    @Option(help: ArgumentHelp("The DOI (10.NNNN/...).", valueName: "doi"))
    var doi: String?

    @Option(help: ArgumentHelp("The PubMed id.", valueName: "pmid"))
    var pmid: String?

    @Option(help: ArgumentHelp("The year of publication.", valueName: "year"))
    var year: String?

    @Option(help: ArgumentHelp("The journal.", valueName: "name"))
    var journal: String?

    @Option(help: ArgumentHelp("The authors as cited (Bissett DL et al.).", valueName: "text"))
    var authors: String?

    @Option(help: ArgumentHelp("How the ingredient was given: topical, oral or injection.", valueName: "route"))
    var route: String?

    @Option(help: ArgumentHelp("Who or what was studied.", valueName: "text"))
    var subjects: String?

    @Option(help: ArgumentHelp("How long it ran, in weeks.", valueName: "weeks"))
    var durationWeeks: String?

    @Option(help: ArgumentHelp("The concentration tested, with its unit (0.5%, 5000 ppm).", valueName: "amount"))
    var concentration: String?

    @Option(help: ArgumentHelp("What it measured, separated by ';' (collagen; hydration).", valueName: "names"))
    var endpoints: String?

    @Option(help: ArgumentHelp("What it found: positive (the default), null or negative.", valueName: "outcome"))
    var outcome: String?

    @Option(help: ArgumentHelp("A link to the article.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("What it found, in a few sentences.", valueName: "text"))
    var summary: String?

    @Option(help: ArgumentHelp("Where these facts come from.", valueName: "text"))
    var provenance: String?

    /// The study the options give, read as a row of a studies file is.
    private func entry() throws(StudyFieldError) -> StudyEntry {
        let values: [StudyColumns.Field: String?] = [
            .title: title, .design: design, .ingredients: ingredients, .doi: doi, .pmid: pmid, .year: year,
            .journal: journal, .authors: authors, .route: route, .subjects: subjects, .durationWeeks: durationWeeks,
            .concentration: concentration, .endpoints: endpoints, .outcome: outcome, .url: url, .summary: summary,
            .provenance: provenance,
        ]
        return try StudyColumns.entry { values[$0] ?? nil }
    }

    func checkBeforeOpening() throws {
        do {
            _ = try entry()
        } catch {
            let option = error.field.map { "--" + $0.replacingOccurrences(of: "_", with: "-") + ": " } ?? ""
            throw ValidationError(option + error.reason)
        }
    }

    func run(on catalog: Catalog) throws {
        let study = try entry()
        let change = try catalog.addStudy(study)
        Terminal.diagnose("\(change.rawValue) \(study.key): \(study.citation)")
    }
}
