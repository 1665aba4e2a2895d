import Testing

@testable import SkinDomain

/// Issue 18: the audit's findings as a query term: `audit = KIND`, `audit != KIND`, `has finding KIND`.
@Suite("Query language: audit findings")
struct FindingQueryTests {
    private func parsed(_ query: String) throws -> QueryExpression { try QueryParser.parse(query).withoutSpans }
    private let trace = QueryExpression.finding(.headlineTrace, span: .none)

    @Test("audit = KIND, has finding KIND, finding 'KIND' and audit != KIND")
    func forms() throws {
        #expect(try parsed("audit = headline-trace") == trace)
        #expect(try parsed("AUDIT == Headline-Trace") == trace)
        #expect(try parsed("has finding headline-trace") == trace)
        #expect(try parsed("findings 'headline-trace'") == trace)
        #expect(try parsed("audit != headline-trace") == .not(trace))
        #expect(try parsed("not has finding headline-trace") == .not(trace))
        #expect(
            try parsed("niacinamide and audit = same-formula")
                == .and(.contains(Phrase(text: "niacinamide", span: .none)), .finding(.sameFormula, span: .none)))
    }

    @Test("the description reads back as the same query")
    func description() throws {
        let query = try QueryParser.parse("has finding eu-prohibited")
        #expect(query.description == "audit = eu-prohibited")
        #expect(try QueryParser.parse(query.description).isEquivalent(to: query))
    }

    @Test("an unknown kind names the kinds and the nearest; another comparator is refused")
    func errors() {
        do {
            _ = try QueryParser.parse("audit = headline-trac")
            Issue.record("parsed")
        } catch {
            #expect(error.message.hasPrefix("unknown finding \"headline-trac\" (the kinds are headline-trace, "))
            #expect(error.suggestion == "headline-trace")
            #expect(error.span.column == 9)
        }
        #expect(throws: QueryError.self) { try QueryParser.parse("audit >= headline-trace") }
        #expect(throws: QueryError.self) { try QueryParser.parse("audit =") }
    }
}
