import Foundation

/// A study design as a studies file names it (docs/studies.md), weakest first. Each is graded as an
/// ``EvidenceGrade``: `ex-vivo` as a synthetic membrane (DOMAIN.md section 4 puts them on one level).
public enum StudyDesign: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// Cells in culture (`cells` is read as this too).
    case inVitro = "in-vitro"
    /// Animal models.
    case animal
    /// Excised skin.
    case exVivo = "ex-vivo"
    /// A synthetic skin-mimicking membrane, as in permeation studies.
    case syntheticMembrane = "synthetic-membrane"
    /// People observed without randomisation.
    case humanObservational = "human-observational"
    /// A randomised controlled trial in people.
    case humanRCT = "human-rct"
    /// A systematic review of several studies (`review` is read as this too).
    case systematicReview = "systematic-review"

    /// The grade the evidence criterion weighs the design by.
    public var grade: EvidenceGrade {
        switch self {
        case .inVitro: .cells
        case .animal: .animal
        case .exVivo, .syntheticMembrane: .syntheticMembrane
        case .humanObservational: .humanObservational
        case .humanRCT: .humanRCT
        case .systematicReview: .review
        }
    }

    /// A design by its name, case-insensitively, or by the grade names of older files (`cells`, `review`); nil for
    /// any other word.
    public init?(parsing text: some StringProtocol) {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
        switch word {
        case "cells": self = .inVitro
        case "review": self = .systematicReview
        default: self.init(rawValue: word)
        }
    }

    /// Orders designs from weakest to strongest.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// How a study gave the ingredient.
public enum StudyRoute: String, Sendable, Codable, CaseIterable, Hashable {
    /// On the skin, as a cosmetic is used.
    case topical
    /// By mouth (supplements, feed).
    case oral
    /// By injection (intraperitoneal, subcutaneous, ...).
    case injection
}

/// What a study found for the ingredient and endpoints it tested.
public enum StudyOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    /// An effect in the direction claimed.
    case positive
    /// No effect found: it lowers the evidence, never raises it.
    case null
    /// An effect against the claim (worse than the control): it lowers the evidence more than a null result.
    case negative
}

/// One study as a studies file or `skincat studies add` gives it, read and checked (docs/studies.md). The
/// ingredients are names as written: the catalog resolves them.
public struct StudyEntry: Sendable, Hashable, Codable {
    /// The DOI, normalised (lowercase, without `doi:` or a resolver prefix); nil when not known.
    public var doi: String?
    /// The PubMed identifier, digits only; nil when not known.
    public var pmid: String?
    /// The article's title, or a description of the study when there is no title.
    public var title: String
    /// The year of publication; nil when not known.
    public var year: Int?
    /// The journal; nil when not known.
    public var journal: String?
    /// The authors as cited (`Bissett DL et al.`); nil when not known.
    public var authors: String?
    /// The designs the study used, weakest first; at least one.
    public var designs: [StudyDesign]
    /// How the ingredient was given; nil when not stated (or not applicable, as for cells or a membrane).
    public var route: StudyRoute?
    /// Who or what was studied, as written (`50 women aged 40-60`); nil when not stated.
    public var subjects: String?
    /// How long it ran, in weeks; nil when not stated.
    public var durationWeeks: Double?
    /// The ingredients tested, as written (`NMN`, `Niacinamide`); at least one.
    public var ingredients: [String]
    /// The concentration tested, as written (`5 %`, `0.5%`, `4000 ppm`); nil when not stated.
    public var concentration: String?
    /// The concentration tested in ppm, read from ``concentration``.
    public var concentrationPpm: Double?
    /// What the study measured (`collagen`, `hydration`, `permeation`, ...), lowercase identifiers.
    public var endpoints: [String]
    /// What it found; `positive` when the file leaves it empty.
    public var outcome: StudyOutcome
    /// A link to the article; nil when none.
    public var url: String?
    /// What it found, in a few sentences; nil when not given.
    public var summary: String?
    /// Where these facts come from, and what is not confirmed; nil when not given.
    public var provenance: String?

    /// A study; each argument sets the property of the same name.
    public init(
        doi: String? = nil, pmid: String? = nil, title: String, year: Int? = nil, journal: String? = nil,
        authors: String? = nil, designs: [StudyDesign], route: StudyRoute? = nil, subjects: String? = nil,
        durationWeeks: Double? = nil, ingredients: [String], concentration: String? = nil,
        concentrationPpm: Double? = nil, endpoints: [String] = [], outcome: StudyOutcome = .positive,
        url: String? = nil, summary: String? = nil, provenance: String? = nil
    ) {
        self.doi = doi
        self.pmid = pmid
        self.title = title
        self.year = year
        self.journal = journal
        self.authors = authors
        self.designs = designs
        self.route = route
        self.subjects = subjects
        self.durationWeeks = durationWeeks
        self.ingredients = ingredients
        self.concentration = concentration
        self.concentrationPpm = concentrationPpm
        self.endpoints = endpoints
        self.outcome = outcome
        self.url = url
        self.summary = summary
        self.provenance = provenance
    }

    /// The study's key in a catalog: `doi:DOI`, else `pmid:PMID`, else `title:TITLE|YEAR` with the title
    /// normalised (``StudyKey/title(_:year:)``).
    public var key: String {
        if let doi { return StudyKey.doiPrefix + doi }
        if let pmid { return StudyKey.pmidPrefix + pmid }
        return StudyKey.title(title, year: year)
    }

    /// The citation: `Authors. Title. Journal Year. doi:DOI` (or `PMID N`, or the URL), leaving out what is not
    /// known.
    public var citation: String {
        StudyKey.citation(title: title, authors: authors, journal: journal, year: year, doi: doi, pmid: pmid, url: url)
    }
}

/// How a study's key, DOI and PMID are written (docs/studies.md).
public enum StudyKey {
    /// The prefix of a key made from a DOI.
    public static let doiPrefix = "doi:"
    /// The prefix of a key made from a PMID.
    public static let pmidPrefix = "pmid:"
    /// The prefix of a key made from a title and year.
    public static let titlePrefix = "title:"

    /// A DOI as written (`10.1007/S43630-025-00692-0`, `doi:10...`, `https://doi.org/10...`), normalised to
    /// lowercase without a prefix; nil when it is not a DOI (`10.` a registrant code, `/` and a suffix).
    public static func doi(_ text: some StringProtocol) -> String? {
        var value = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
        where value.lowercased().hasPrefix(prefix) {
            value = String(value.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        guard value.range(of: #"^10\.[0-9]{4,9}(\.[0-9]+)*/\S+$"#, options: .regularExpression) != nil else {
            return nil
        }
        return value.lowercased()
    }

    /// A PMID as written (`40025354`, `PMID: 40025354`, `pmid:40025354`), digits only; nil when it is not one.
    public static func pmid(_ text: some StringProtocol) -> String? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.lowercased().hasPrefix("pmid") {
            value = String(value.dropFirst(4)).trimmingCharacters(in: CharacterSet(charactersIn: ": "))
        }
        guard (1...9).contains(value.count), value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) else {
            return nil
        }
        return String(Int(value) ?? 0)
    }

    /// The key of a study known only by its title and year: the title in lowercase with anything but letters and
    /// digits as one space, then `|` and the year (empty when unknown).
    public static func title(_ title: String, year: Int?) -> String {
        let words = title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
            .split { !($0.isLetter || $0.isNumber) }
        return titlePrefix + words.joined(separator: " ") + "|" + (year.map(String.init) ?? "")
    }

    /// The citation of a study from its parts, leaving out what is not known.
    public static func citation(
        title: String, authors: String?, journal: String?, year: Int?, doi: String?, pmid: String?, url: String?
    ) -> String {
        func sentence(_ text: String) -> String {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.last.map { ".?!".contains($0) } == true ? trimmed : trimmed + "."
        }
        var parts: [String] = []
        if let authors, !authors.isEmpty { parts.append(sentence(authors)) }
        parts.append(sentence(title))
        let source = [journal, year.map(String.init)].compactMap { $0 }.filter { !$0.isEmpty }
        if !source.isEmpty { parts.append(sentence(source.joined(separator: " "))) }
        if let doi {
            parts.append("doi:\(doi)")
        } else if let pmid {
            parts.append("PMID \(pmid)")
        } else if let url {
            parts.append(url)
        }
        return parts.joined(separator: " ")
    }
}
