import SkinDomain

/// A study with the ingredients it tested. JSON keys are the property names, but for `concentration`
/// (``concentrationText``).
public struct StudySummary: Sendable, Codable, Equatable {
    /// The study's key: `doi:DOI`, else `pmid:PMID`, else `title:TITLE|YEAR` (`StudyEntry.key`).
    public var key: String
    /// The year of publication; nil when not known.
    public var year: Int?
    /// The journal it appeared in; nil when not known.
    public var journal: String?
    /// The article's title.
    public var title: String
    /// The authors, as written; nil when not known.
    public var authors: String?
    /// The article's DOI (`10.1111/...`, lowercase); nil when not known.
    public var doi: String?
    /// The article's PubMed id; nil when not known.
    public var pmid: String?
    /// The study designs it used, weakest first, as a studies file names them.
    public var designs: [StudyDesign]
    /// The grades of its designs, weakest first (`in-vitro` is graded `cells`).
    public var models: [EvidenceGrade]
    /// How the ingredient was given: `topical`, `oral` or `injection`; nil when not stated.
    public var route: String?
    /// Who or what was studied, as written (`100 Japanese subjects`); nil when not stated.
    public var subjects: String?
    /// How long it ran (`12 weeks`); nil when not stated.
    public var duration: String?
    /// How long it ran, in weeks; nil when not stated.
    public var durationWeeks: Double?
    /// The concentration tested, in ppm (10,000 ppm is 1 %); nil when not stated.
    public var concentrationPpm: Double?
    /// The concentration tested, as written (`5 %`, `4000 ppm`); nil when not stated.
    public var concentrationText: String?
    /// What it measured, as identifiers (`collagen`, `hydration`, `sebum`, `permeation`, ...).
    public var endpoints: [String]
    /// The INCI names of the ingredients it tested.
    public var ingredients: [String]
    /// What it found: `positive`, `null` or `negative`.
    public var outcome: StudyOutcome
    /// A link to the article; nil when none.
    public var url: String?
    /// What it found, in a few sentences; empty when not given.
    public var summary: String
    /// Where these facts come from, and what is not confirmed; empty when not given.
    public var provenance: String
    /// `shipped` (the studies skincat ships, docs/studies.md) or `user` (imported or added).
    public var origin: String
    /// The citation: `Authors. Title. Journal Year. doi:DOI`, leaving out what is not known.
    public var citation: String

    private enum CodingKeys: String, CodingKey {
        case key, year, journal, title, authors, doi, pmid, designs, models, route, subjects, duration, durationWeeks
        case concentrationPpm
        case concentrationText = "concentration"
        case endpoints, ingredients, outcome, url, summary, provenance, origin, citation
    }

    /// The study as a studies file row would give it (for `studies export`, which round-trips through import).
    public var entry: StudyEntry {
        StudyEntry(
            doi: doi, pmid: pmid, title: title, year: year, journal: journal, authors: authors, designs: designs,
            route: route.flatMap(StudyRoute.init(rawValue:)), subjects: subjects, durationWeeks: durationWeeks,
            ingredients: ingredients, concentration: concentrationText, concentrationPpm: concentrationPpm,
            endpoints: endpoints, outcome: outcome, url: url, summary: summary.isEmpty ? nil : summary,
            provenance: provenance.isEmpty ? nil : provenance)
    }
}

/// What one `studies import` did: the counts and every row set aside.
public struct StudyImportReport: Sendable, Codable, Equatable {
    /// The file as given.
    public var file: String
    /// The import run's id in the catalog (nil for a dry run).
    public var runId: Int64?
    /// Whether everything was rolled back: the counts say what would have happened.
    public var dryRun: Bool
    /// Data rows read (header excluded), quarantined ones included.
    public var rowsRead = 0
    /// Studies new to the catalog.
    public var inserted = 0
    /// Studies already in the catalog (by DOI, PMID, or title and year) that the row changed.
    public var updated = 0
    /// Studies already in the catalog exactly as the row gives them.
    public var unchanged = 0
    /// The rows set aside, with line, field and reason (also kept in the catalog's `quarantinedRow` table).
    public var quarantined: [ImportReport.QuarantinedRow] = []

    /// One line: `studies.csv: 7 rows read, 2 inserted, 1 updated, 3 unchanged, 1 quarantined`.
    public var summary: String {
        "\(file): \(rowsRead) row\(rowsRead == 1 ? "" : "s") read, \(inserted) inserted, \(updated) updated, "
            + "\(unchanged) unchanged, \(quarantined.count) quarantined" + (dryRun ? " (dry run: nothing written)" : "")
    }
}

/// What `studies add` did with one study.
public enum StudyChange: String, Sendable, Codable, Equatable {
    /// The study is new to the catalog.
    case inserted
    /// The study was in the catalog and changed.
    case updated
    /// The study was in the catalog exactly as given.
    case unchanged
}
