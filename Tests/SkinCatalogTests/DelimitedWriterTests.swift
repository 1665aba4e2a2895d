import Testing

@testable import SkinCatalog

@Suite("Delimited output (RFC 4180)")
struct DelimitedWriterTests {
    @Test("a field is quoted when it holds the delimiter, a quote, or any line break, CRLF included")
    func quoting() {
        let csv = DelimitedWriter.csv
        #expect(csv.line(["plain", "a,b", "say \"hi\""]) == "plain,\"a,b\",\"say \"\"hi\"\"\"\r\n")
        // "\r\n" is one Character in Swift: a test by Characters missed it and wrote a broken record.
        #expect(csv.line(["one\r\ntwo", "x"]) == "\"one\r\ntwo\",x\r\n")
        #expect(csv.line(["one\ntwo"]) == "\"one\ntwo\"\r\n")
        // A comma followed by a combining mark is still a comma to a CSV reader.
        #expect(csv.line(["a,\u{301}b"]) == "\"a,\u{301}b\"\r\n")
        #expect(DelimitedWriter.tsv.line(["a,b", "c\td"]) == "a,b\t\"c\td\"\r\n")
    }
}
