import Foundation
import Testing

@testable import SkinDomain

@Suite("Studies file contract: columns by name, fields read and checked, keys and citations")
struct StudyColumnsTests {
    @Test("columns are found by name, case-insensitively, in any order; _ - and spaces do not matter")
    func headerByName() throws {
        let columns = try StudyColumns(header: ["Ingredients", "DESIGN", "Duration Weeks", "title", "doi"])
        let entry = try columns.entry(["NMN; Niacinamide", "human-rct", "12", "A trial", "https://doi.org/10.1000/ABC"])
        #expect(entry.ingredients == ["NMN", "Niacinamide"])
        #expect(entry.designs == [.humanRCT])
        #expect(entry.durationWeeks == 12)
        #expect(entry.doi == "10.1000/abc")
        #expect(entry.key == "doi:10.1000/abc")
        #expect(entry.outcome == .positive)
    }

    struct HeaderCase: Sendable, CustomTestStringConvertible {
        let name: String
        let header: [String]
        let reason: String
        var testDescription: String { name }
    }

    @Test(
        "a header the contract cannot read is refused, naming the column",
        arguments: [
            HeaderCase(
                name: "a typo", header: ["title", "design", "ingredients", "jornal"],
                reason: "unknown column \"jornal\"; did you mean \"journal\"?"),
            HeaderCase(
                name: "a column twice", header: ["title", "design", "ingredients", "DOI", "doi"],
                reason: "the column \"doi\" is named twice"),
            HeaderCase(
                name: "required columns missing", header: ["title", "doi"],
                reason: "missing required columns design, ingredients"),
        ])
    func badHeader(_ test: HeaderCase) {
        #expect(
            throws: StudyFieldError(
                field: test.reason.hasPrefix("missing") ? nil : test.header.last,
                reason: test.reason)
        ) {
            try StudyColumns(header: test.header)
        }
    }

    struct RowCase: Sendable, CustomTestStringConvertible {
        let name: String
        let field: StudyColumns.Field
        let value: String
        let reason: String
        var testDescription: String { name }
    }

    @Test(
        "a field that cannot be read names itself and the value",
        arguments: [
            RowCase(
                name: "design", field: .design, value: "in vivo",
                reason: "\"in vivo\" is not a study design (use in-vitro, animal, ex-vivo, synthetic-membrane, "
                    + "human-observational, human-rct, systematic-review)"),
            RowCase(
                name: "route", field: .route, value: "intranasal",
                reason:
                    "\"intranasal\" is not a route (use topical, oral, injection, or leave it empty when not stated)"),
            RowCase(
                name: "concentration without a unit", field: .concentration, value: "0.5",
                reason: "\"0.5\" is not an amount with a unit"),
            RowCase(name: "year", field: .year, value: "25", reason: "\"25\" is not a year (1900 to 2100)"),
            RowCase(name: "doi", field: .doi, value: "10.1000", reason: "\"10.1000\" is not a DOI (10.NNNN/suffix)"),
            RowCase(name: "pmid", field: .pmid, value: "PMC123", reason: "\"PMC123\" is not a PubMed id (digits)"),
            RowCase(
                name: "outcome", field: .outcome, value: "mixed",
                reason: "\"mixed\" is not an outcome (use positive, null or negative)"),
            RowCase(name: "url", field: .url, value: "doi.org/x", reason: "\"doi.org/x\" is not an http(s) link"),
            RowCase(
                name: "duration", field: .durationWeeks, value: "three months",
                reason: "\"three months\" is not a number of weeks"),
        ])
    func badField(_ test: RowCase) throws {
        var values: [StudyColumns.Field: String] = [.title: "T", .design: "animal", .ingredients: "NMN"]
        values[test.field] = test.value
        do {
            _ = try StudyColumns.entry { values[$0] }
            Issue.record("\(test.value) was read")
        } catch {
            #expect(error.field == test.field.rawValue)
            #expect(error.reason.hasPrefix(test.reason), "\(error.reason)")
        }
    }

    @Test("designs: several joined with +, the old grade names read as designs, weakest first")
    func designs() throws {
        let entry = try StudyColumns.entry {
            [.title: "T", .design: "Human-RCT + cells+review", .ingredients: "NMN"][$0]
        }
        #expect(entry.designs == [.inVitro, .humanRCT, .systematicReview])
        #expect(entry.designs.map(\.grade) == [.cells, .humanRCT, .review])
        #expect(StudyDesign.exVivo.grade == .syntheticMembrane)
    }

    @Test("lists: names separated by ;, or a JSON array (a JSON Lines export); INCI names keep their commas")
    func lists() throws {
        let entry = try StudyColumns.entry {
            [
                .title: "T", .design: "[\"animal\"]", .ingredients: "[\"1,2-HEXANEDIOL\",\"NMN\"]",
                .endpoints: "Collagen; UV defence; collagen",
            ][$0]
        }
        #expect(entry.ingredients == ["1,2-HEXANEDIOL", "NMN"])
        #expect(entry.designs == [.animal])
        #expect(entry.endpoints == ["collagen", "uv-defence"])
    }

    @Test("the key: DOI, else PMID, else title and year, normalised")
    func keys() {
        var entry = StudyEntry(title: "Niacinamide: a B Vitamin!", year: 2005, designs: [.humanRCT], ingredients: ["x"])
        #expect(entry.key == "title:niacinamide a b vitamin|2005")
        entry.pmid = StudyKey.pmid("PMID: 016766489")
        #expect(entry.key == "pmid:16766489")
        entry.doi = StudyKey.doi("doi: 10.1080/14764170600717704")
        #expect(entry.key == "doi:10.1080/14764170600717704")
        #expect(StudyKey.doi("https://dx.doi.org/10.2147/JIR.S327329") == "10.2147/jir.s327329")
    }

    @Test("the citation: authors when known, title, journal and year, then the DOI, PMID or URL")
    func citation() {
        var entry = StudyEntry(
            title: "The effect of 2% niacinamide on facial sebum production", year: 2006,
            journal: "Journal of Cosmetic and Laser Therapy", designs: [.humanRCT], ingredients: ["x"])
        #expect(
            entry.citation
                == "The effect of 2% niacinamide on facial sebum production. Journal of Cosmetic and Laser Therapy 2006."
        )
        entry.authors = "Draelos ZD et al."
        entry.pmid = "16766489"
        entry.doi = "10.1080/14764170600717704"
        #expect(
            entry.citation
                == "Draelos ZD et al. The effect of 2% niacinamide on facial sebum production. Journal of Cosmetic and "
                + "Laser Therapy 2006. doi:10.1080/14764170600717704")
    }

    @Test("the shipped studies file reads, with the DOI DOMAIN.md section 4 identifies")
    func shipped() {
        let entries = ShippedStudies.entries
        #expect(entries.count == 7)
        #expect(Set(entries.map(\.key)).count == entries.count)
        #expect(entries.contains { $0.doi == "10.1007/s43630-025-00692-0" && $0.pmid == "40025354" })
        #expect(entries.contains { $0.route == .injection })
    }
}
