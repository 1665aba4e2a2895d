import Foundation
import TestSupport
import Testing

@testable import SkinDomain

/// The reader must read what Python's `csv` module reads (default dialect, `newline=''`, `encoding='utf-8-sig'`),
/// except that blank lines are skipped and an unclosed quote at the end is an error. Python itself is the oracle
/// wherever `python3` is installed (`Python.script` below dumps what it reads); without it those tests are skipped.
@Suite("CSVReader")
struct CSVReaderTests {
    // MARK: - Edge cases

    @Test("edge cases, with every chunk size", arguments: EdgeCase.all, ChunkSize.all)
    func edgeCase(_ edgeCase: EdgeCase, chunkSize: ChunkSize) throws {
        let records = try readAll(edgeCase.input, delimiter: edgeCase.delimiter, chunkSize: chunkSize)
        #expect(records.map(Row.init) == edgeCase.expected)
    }

    @Test("the edge cases' expectations are what Python reads", .enabled(if: Python.isAvailable, "needs python3"))
    func edgeCasesAgreeWithPython() throws {
        let python = try Python.records(
            of: EdgeCase.all.map { (String(decoding: $0.input, as: UTF8.self), $0.delimiter) })
        for (edgeCase, rows) in zip(EdgeCase.all, python) {
            #expect(rows == edgeCase.expected, "\(edgeCase.name)")
        }
    }

    @Test("raw is the record's text without its line ending", arguments: RawCase.all, ChunkSize.all)
    func raw(_ rawCase: RawCase, chunkSize: ChunkSize) throws {
        let records = try readAll(rawCase.input, encoding: rawCase.encoding, chunkSize: chunkSize)
        #expect(records.map(\.raw) == rawCase.raws)
    }

    // MARK: - Errors

    @Test("errors name the line (and field) and come after the good records", arguments: ErrorCase.all, ChunkSize.all)
    func error(_ errorCase: ErrorCase, chunkSize: ChunkSize) {
        var reader = makeReader(
            errorCase.input, encoding: errorCase.encoding, chunkSize: chunkSize,
            maxRecordBytes: errorCase.maxRecordBytes)
        var rows: [Row] = []
        #expect(throws: errorCase.error) {
            while let record = try reader.next() { rows.append(Row(record)) }
        }
        #expect(rows == errorCase.rowsBefore)
        // The reader stays on the bad record.
        #expect(throws: errorCase.error) { try reader.next() }
    }

    @Test("error messages name the problem and the next step")
    func errorMessages() {
        #expect(
            CSVError.invalidEncoding(line: 3, field: 2, encoding: .utf8).description
                == "line 3: field 2: not valid utf-8 text; if the file is not UTF-8, read it as windows-1252 "
                + "(or latin1)")
        #expect(
            CSVError.invalidEncoding(line: 3, field: 2, encoding: .windows1252).detail(fieldName: "name")
                == "field 2 (name): not valid windows-1252 text")
        #expect(
            CSVError.unterminatedQuote(line: 7).description
                == "line 7: a quoted field starts here and is never closed")
        #expect(
            CSVError.unsupportedEncoding(.utf16LittleEndian).description
                == "line 1: the file is UTF-16 (little-endian, from its byte-order mark); skincat reads UTF-8, "
                + "Windows-1252 or Latin-1: convert it with iconv -f UTF-16 -t UTF-8")
        #expect(
            CSVIssue.controlCharacter(field: 1, value: 0, character: 6).detail
                == "contains a NUL byte (U+0000) at character 6; the row is set aside rather than cut at it")
        #expect(
            CSVIssue.controlCharacter(field: 1, value: 0x1B, character: 1).detail.hasPrefix(
                "contains a control character (U+001B) at character 1"))
        #expect(
            CSVIssue.swallowedRow(field: 3, quoteLine: 5, rowLine: 6, closeLine: 7).detail
                == "a quoted field opened on line 5 swallows what looks like a whole row starting on line 6 (the "
                + "field closes on line 7); check for a stray quote")
        #expect(
            CSVIssue.tooLong(bytes: 10_000_000, limit: 1 << 20, lines: 1).detail
                == "the record is 10,000,000 bytes long, more than the 1,048,576 a record may have; it was set "
                + "aside unread, with its first 4,096 bytes")
    }

    // MARK: - Encodings

    @Test("Windows-1252 decodes its 0x80-0x9F letters and Latin-1 the rest", arguments: ChunkSize.all)
    func windows1252(chunkSize: ChunkSize) throws {
        let input: [UInt8] = [0x80, 0x2C, 0x99, 0xE9, 0x0A, 0x22, 0x93, 0x51, 0x94, 0x22, 0x0A]
        let records = try readAll(input, encoding: .windows1252, chunkSize: chunkSize)
        #expect(records.map(Row.init) == [Row(1, ["€", "™é"]), Row(2, ["\u{201C}Q\u{201D}"])])
        #expect(records.map(\.raw) == ["€,™é", "\"\u{201C}Q\u{201D}\""])
    }

    @Test("Latin-1 maps every byte to the code point of the same value", arguments: ChunkSize.all)
    func latin1(chunkSize: ChunkSize) throws {
        // One quoted field holding all 256 bytes, the quote doubled.
        let field = (0...255).map(UInt8.init).flatMap { byte -> [UInt8] in byte == 0x22 ? [byte, byte] : [byte] }
        let input = [0x22] + field + [0x22]
        let records = try readAll(input, encoding: .latin1, chunkSize: chunkSize)
        let expected = String(String.UnicodeScalarView((0...255).map { Unicode.Scalar(UInt8($0)) }))
        #expect(records.map(\.fields) == [[expected]])
    }

    @Test(
        "the single-byte tables match Python's codecs", .enabled(if: Python.isAvailable, "needs python3"),
        arguments: [(TextEncoding.windows1252, "cp1252"), (.latin1, "latin-1")])
    func singleByteTables(encoding: TextEncoding, codec: String) throws {
        let python = try JSONDecoder().decode([UInt32?].self, from: Python.run(["codec", codec]))
        for byte in 0...255 {
            let ours = [UInt8(byte)].withUnsafeBufferPointer {
                SingleByteDecoding.decode($0, windows1252: encoding == .windows1252)
            }
            let theirs = python[byte].map { String(Character(Unicode.Scalar($0)!)) }
            #expect(ours == theirs, "byte \(byte) in \(codec)")
        }
    }

    @Test("UTF-8 validation agrees with the standard library's repair on every 1- and 2-byte input")
    func utf8ValidationShort() {
        for first in 0...255 {
            #expect(isValidUTF8([UInt8(first)]) == roundTrips([UInt8(first)]), "\([first])")
            for second in 0...255 {
                let bytes = [UInt8(first), UInt8(second)]
                if isValidUTF8(bytes) != roundTrips(bytes) { Issue.record("disagree on \(bytes)") }
            }
        }
    }

    @Test("UTF-8 validation agrees with the standard library's repair on longer inputs")
    func utf8ValidationLong() {
        // Boundary cases from Unicode table 3-7, then random sequences biased towards lead and continuation bytes.
        var cases: [[UInt8]] = [
            [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
        ]
        var generator = SplitMix64(seed: 42)
        let interesting: [UInt8] = [
            0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<200_000 {
            cases.append(
                (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                    Bool.random(using: &generator)
                        ? interesting.randomElement(using: &generator)!
                        : UInt8.random(in: 0x80...0xBF, using: &generator)
                })
        }
        let disagreements = cases.filter { isValidUTF8($0) != roundTrips($0) }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(5))")
    }

    // MARK: - Python on random input

    @Test("random input reads as Python reads it", .enabled(if: Python.isAvailable, "needs python3"))
    func fuzzAgainstPython() throws {
        var generator = SplitMix64(seed: 2026)
        let tokens = ["a", "b", "Glycerin", ",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", " ", "é", "\u{FEFF}"]
        let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var cases: [(text: String, delimiter: UInt8, rows: [Row])] = []
        for _ in 0..<3_000 {
            var text = (0..<Int.random(in: 0...30, using: &generator))
                .map { _ in tokens.randomElement(using: &generator)! }.joined()
            let delimiter = delimiters.randomElement(using: &generator)!
            // A quote still open at the end is our error where Python returns what it has; closing it must
            // then make the text readable, and from there the two must agree.
            if case .unterminatedQuote? = readError(text, delimiter: delimiter) { text += "\"" }
            let records = try readAll(Array(text.utf8), delimiter: delimiter)
            for chunkSize in ChunkSize.all.dropLast() {
                let chunked = try readAll(Array(text.utf8), delimiter: delimiter, chunkSize: chunkSize)
                #expect(chunked == records, "\(String(reflecting: text)) in \(chunkSize.testDescription)")
            }
            cases.append((text, delimiter, records.map(Row.init)))
        }
        let python = try Python.records(of: cases.map { ($0.text, $0.delimiter) })
        let disagreements = zip(cases, python).filter { $0.0.rows != $0.1 }
        for (ours, theirs) in disagreements.prefix(5) {
            let input = "\(String(reflecting: ours.text)) split on \(Character(Unicode.Scalar(ours.delimiter)))"
            Issue.record("\(input): ours \(ours.rows), Python's \(theirs)")
        }
        #expect(disagreements.isEmpty)
    }

    // MARK: - Real files

    @Test(
        "our fixtures read as Python reads them", .enabled(if: Python.isAvailable, "needs python3"),
        arguments: ["catalog.csv", "bad/bom-crlf.csv"])
    func fixtureAgreesWithPython(_ name: String) throws {
        try expectAgreementWithPython(path: Paths.fixture(name))
    }

    // Real catalogs are never committed; they live in ../shared/data/real beside the checkout.
    @Test(
        "real files read as Python reads them",
        .enabled(if: Paths.realDataAvailable, "needs ../shared/data/real beside the package"),
        .enabled(if: Python.isAvailable, "needs python3"),
        arguments: [
            "sephora-cosmetics/cosmetics.csv", "lookfantastic/skincare_products.csv",
            "lookfantastic/skincare_products_clean.csv", "sephora-daisy-2026/product_info.csv",
            "sephora-daisy-2026/product_info_final.csv", "cosing/cosing.csv", "cosing/COSING_Annex.III_v2.csv",
        ])
    func realFileAgreesWithPython(_ name: String) throws {
        try expectAgreementWithPython(path: Paths.real(name))
    }

    // COSING Annex II has a multi-line chemical name whose second line splits into exactly the header's twelve
    // fields: the line the quote opens on, unfinished, is what keeps it from being taken for a swallowed row.
    @Test(
        "real multi-line fields are not taken for swallowed rows",
        .enabled(if: Paths.realDataAvailable, "needs ../shared/data/real beside the package"),
        arguments: [
            "sephora-cosmetics/cosmetics.csv", "lookfantastic/skincare_products.csv",
            "lookfantastic/skincare_products_clean.csv", "sephora-daisy-2026/product_info.csv",
            "sephora-daisy-2026/product_info_final.csv", "cosing/cosing.csv", "cosing/COSING_Annex.II_v2.csv",
            "cosing/COSING_Annex.III_v2.csv",
        ])
    func realFilesHaveNoSwallowedRows(_ name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: Paths.real(name)), "cannot read \(name)")
        var reader = CSVReader(source: InMemoryByteSource(Array(bytes)))
        let header = try #require(try reader.next())
        reader.expectedFieldCount = header.fields.count
        var multiLine = 0
        while let record = try reader.next() {
            if record.raw.contains(where: \.isNewline) { multiLine += 1 }
            #expect(record.issues.isEmpty, "\(name):\(record.line): \(record.issues.map(\.detail))")
        }
        if name.contains("Annex.II_") || name.contains("final") { #expect(multiLine > 0) }
    }

    private func expectAgreementWithPython(path: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
        let ours = try readAll(Array(bytes)).map(Row.init)
        let theirs = try JSONDecoder().decode([Row].self, from: Python.run(["file", path]))
        if let index = zip(ours, theirs).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("\(path): record \(index + 1) differs; ours \(ours[index]), Python's \(theirs[index])")
        }
        #expect(ours.count == theirs.count, "\(path): record count")
    }

    // MARK: - Streaming

    @Test("a generated 20 MB input streams through a small buffer")
    func streaming() throws {
        let source = GeneratedByteSource(recordCount: 250_000)
        let chunkSize = 1 << 16
        var reader = CSVReader(source: source, chunkSize: chunkSize)
        var count = 0
        var firstMismatch: (expected: Row, actual: Row)?
        var largestBuffer = 0
        while let record = try reader.next() {
            let expected = GeneratedByteSource.row(count)
            if firstMismatch == nil && Row(record) != expected { firstMismatch = (expected, Row(record)) }
            largestBuffer = max(largestBuffer, reader.bufferedByteCount)
            count += 1
        }
        #expect(count == 250_000)
        #expect(firstMismatch == nil, "\(String(describing: firstMismatch))")
        #expect(largestBuffer < 3 * chunkSize, "the buffer grew to \(largestBuffer) bytes")
    }

    @Test("a record longer than the buffer still reads, whatever the chunk size", arguments: [1, 7, 4096])
    func longRecord(chunkSize: Int) throws {
        let long = String(repeating: "Water, \"\"Aqua\"\"\r\n", count: 20_000)
        let input = Array("a,\"\(long)\",b\nnext\n".utf8)
        let records = try readAll(input, chunkSize: ChunkSize(chunkSize))
        #expect(
            records.map(Row.init) == [
                Row(1, ["a", long.replacingOccurrences(of: "\"\"", with: "\""), "b"]), Row(20_002, ["next"]),
            ])
    }

    // MARK: - Issues reported with the record

    @Test("a control character is reported with its field and character, never cut at", arguments: ChunkSize.all)
    func controlCharacters(chunkSize: ChunkSize) throws {
        let input =
            Array("sku,brand,name\n00101\u{0}X,Evil,Overwritten\nA,\"q\u{1B}\",é\u{7}\n".utf8)
            + Array("B,\"tab\there\",\"multi\r\nline\"\nC,\"x\"\"\u{0}\"\"\",Crème\u{0}\n".utf8)
        let records = try readAll(input, chunkSize: chunkSize)
        #expect(
            records.map(\.fields) == [
                ["sku", "brand", "name"], ["00101\u{0}X", "Evil", "Overwritten"], ["A", "q\u{1B}", "é\u{7}"],
                ["B", "tab\there", "multi\r\nline"], ["C", "x\"\u{0}\"", "Crème\u{0}"],
            ])
        #expect(
            records.map(\.issues) == [
                [], [.controlCharacter(field: 1, value: 0, character: 6)],
                [
                    .controlCharacter(field: 2, value: 0x1B, character: 2),
                    .controlCharacter(field: 3, value: 7, character: 2),
                ],
                [],
                [
                    .controlCharacter(field: 2, value: 0, character: 3),
                    .controlCharacter(field: 3, value: 0, character: 6),
                ],
            ])
        #expect(records[1].raw == "00101\u{0}X,Evil,Overwritten")
    }

    @Test("a control character in a long run of plain bytes is found", arguments: [0, 7, 8, 9, 63])
    func controlCharacterInLongRun(offset: Int) throws {
        var bytes = Array(repeating: UInt8(ascii: "a"), count: 64)
        bytes[offset] = 0x00
        let records = try readAll(bytes + [0x0A])
        #expect(records.first?.issues == [.controlCharacter(field: 1, value: 0, character: offset + 1)])
        #expect(records.first?.fields.first?.utf8.count == 64)
    }

    @Test("a stray quote that swallows a whole row is reported with both lines", arguments: SwallowCase.all)
    func swallowedRow(_ swallowCase: SwallowCase) throws {
        for chunkSize in ChunkSize.all {
            var reader = makeReader(Array(swallowCase.input.utf8), chunkSize: chunkSize)
            reader.expectedFieldCount = 3
            var issues: [CSVIssue] = []
            while let record = try reader.next() { issues += record.issues }
            #expect(issues == swallowCase.issues, "\(chunkSize.testDescription)")
        }
        // Without an expected width, nothing is checked.
        var reader = makeReader(Array(swallowCase.input.utf8))
        while let record = try reader.next() { #expect(record.issues.isEmpty) }
    }

    @Test(
        "a record over the limit is read past in bounded memory and returned without fields", arguments: [1, 7, 4096])
    func tooLongRecord(chunkSize: Int) throws {
        let long = "a,\"" + String(repeating: "Aqua, Glycerin\n", count: 10_000) + "\",b"
        let input = Array("h1,h2,h3\n\(long)\nnext,1,2\n".utf8)
        var reader = CSVReader(
            source: InMemoryByteSource(input), chunkSize: chunkSize, maxRecordBytes: 1_000)
        var records: [CSVRecord] = []
        var largestBuffer = 0
        while let record = try reader.next() {
            records.append(record)
            largestBuffer = max(largestBuffer, reader.bufferedByteCount)
        }
        #expect(records.map(\.line) == [1, 2, 10_003])
        #expect(records[1].fields.isEmpty)
        #expect(records[1].issues == [.tooLong(bytes: long.utf8.count, limit: 1_000, lines: 10_001)])
        #expect(records[1].raw == String(long.prefix(1_000)))
        #expect(records[2].fields == ["next", "1", "2"])
        #expect(largestBuffer < 2 * (1_000 + chunkSize) + 16, "the buffer grew to \(largestBuffer) bytes")
    }

    @Test("a long record's excerpt never cuts a UTF-8 character")
    func tooLongExcerpt() throws {
        let long = "a" + String(repeating: "é", count: 3_000)  // 6,001 bytes: byte 4,096 starts an é
        var reader = CSVReader(source: InMemoryByteSource("\(long)\nx\n"), maxRecordBytes: 5_000)
        let record = try #require(try reader.next())
        #expect(record.raw == "a" + String(repeating: "é", count: 2_047))
        #expect(record.issues == [.tooLong(bytes: 6_001, limit: 5_000, lines: 1)])
        #expect(try reader.next()?.fields == ["x"])
    }

    @Test("a long record that starts with stray continuation bytes still keeps an excerpt")
    func tooLongExcerptOfInvalidBytes() throws {
        let bytes = Array("ok\n".utf8) + [UInt8](repeating: 0xBF, count: 40) + Array(",x\n".utf8)
        var reader = CSVReader(source: InMemoryByteSource(bytes), maxRecordBytes: 8)
        _ = try reader.next()
        let record = try #require(try reader.next())
        #expect(record.issues == [.tooLong(bytes: 42, limit: 8, lines: 1)])
        #expect(!record.raw.isEmpty, "the excerpt was cut back to nothing")
        // A record limit smaller than the record's first character still leaves an excerpt.
        var tiny = CSVReader(source: InMemoryByteSource("ok\n\u{9A9A}\u{9A9A}x\n"), maxRecordBytes: 2)
        _ = try tiny.next()
        #expect(try tiny.next()?.raw.isEmpty == false)
        // In Windows-1252 a byte it leaves undefined (0x81) reads as U+FFFD in the excerpt instead of emptying it.
        let undefined = Array("ok\n".utf8) + [UInt8](repeating: 0x81, count: 40) + Array(",x\n".utf8)
        var windows = CSVReader(source: InMemoryByteSource(undefined), encoding: .windows1252, maxRecordBytes: 8)
        _ = try windows.next()
        #expect(try windows.next()?.raw.hasPrefix("\u{FFFD}") == true)
    }
}

// MARK: - Cases

extension CSVReaderTests {
    /// A record as the tests compare it: its line and fields. Decodes from Python's `[line, [field, ...]]`.
    struct Row: Hashable, Sendable, Decodable, CustomStringConvertible {
        var line: Int
        var fields: [String]

        init(_ line: Int, _ fields: [String]) {
            self.line = line
            self.fields = fields
        }

        init(_ record: CSVRecord) { self.init(record.line, record.fields) }

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            self.init(try container.decode(Int.self), try container.decode([String].self))
        }

        var description: String { "\(line): \(fields.map { String(reflecting: $0) })" }
    }

    /// How many bytes the reader asks its source for at a time; small sizes split CRLF and `""` across reads.
    struct ChunkSize: Sendable, CustomTestStringConvertible {
        /// nil for the reader's default.
        var bytes: Int?

        init(_ bytes: Int?) { self.bytes = bytes }

        static let all = [ChunkSize(1), ChunkSize(2), ChunkSize(3), ChunkSize(7), ChunkSize(nil)]

        var testDescription: String { bytes.map { "\($0)-byte chunks" } ?? "default chunks" }
    }

    struct EdgeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var delimiter = UInt8(ascii: ",")
        var expected: [Row]

        init(_ name: String, _ input: String, delimiter: Character = ",", _ expected: [Row]) {
            self.name = name
            self.input = Array(input.utf8)
            self.delimiter = delimiter.asciiValue!
            self.expected = expected
        }

        var testDescription: String { name }

        static let all: [EdgeCase] = [
            EdgeCase("LF", "a,b\nc,d\n", [Row(1, ["a", "b"]), Row(2, ["c", "d"])]),
            EdgeCase("CRLF", "a,b\r\nc,d\r\n", [Row(1, ["a", "b"]), Row(2, ["c", "d"])]),
            EdgeCase("lone CR", "a,b\rc,d\r", [Row(1, ["a", "b"]), Row(2, ["c", "d"])]),
            EdgeCase(
                "mixed line endings", "a\r\nb\nc\rd", [Row(1, ["a"]), Row(2, ["b"]), Row(3, ["c"]), Row(4, ["d"])]),
            EdgeCase("final line without newline", "a,b\nc,d", [Row(1, ["a", "b"]), Row(2, ["c", "d"])]),
            EdgeCase("empty input", "", []),
            EdgeCase("only line breaks", "\n\r\n\r", []),
            EdgeCase("BOM is stripped", "\u{FEFF}sku,name\n1,x\n", [Row(1, ["sku", "name"]), Row(2, ["1", "x"])]),
            EdgeCase("BOM alone", "\u{FEFF}", []),
            EdgeCase("BOM before CRLF lines", "\u{FEFF}a\r\nb\r\n", [Row(1, ["a"]), Row(2, ["b"])]),
            EdgeCase("BOM before a quoted field", "\u{FEFF}\"a,b\",c\n", [Row(1, ["a,b", "c"])]),
            EdgeCase(
                "BOM only at file start", "a\n\u{FEFF}b,\u{FEFF}\n",
                [Row(1, ["a"]), Row(2, ["\u{FEFF}b", "\u{FEFF}"])]),
            EdgeCase("blank lines are skipped but counted", "\n\na\n\r\n\rb\n\n", [Row(3, ["a"]), Row(6, ["b"])]),
            EdgeCase("a line of spaces is a record", " \n", [Row(1, [" "])]),
            EdgeCase("quoted delimiter", "\"a,b\",c\n", [Row(1, ["a,b", "c"])]),
            EdgeCase("LF inside quotes", "\"x\ny\",z\nnext\n", [Row(1, ["x\ny", "z"]), Row(3, ["next"])]),
            EdgeCase("CRLF inside quotes", "\"x\r\ny\",z\r\nnext\r\n", [Row(1, ["x\r\ny", "z"]), Row(3, ["next"])]),
            EdgeCase("lone CR inside quotes", "\"x\ry\"\rnext", [Row(1, ["x\ry"]), Row(3, ["next"])]),
            EdgeCase(
                "blank lines inside quotes", "h\n\"a\n\n\r\nb\"\nc\n",
                [Row(1, ["h"]), Row(2, ["a\n\n\r\nb"]), Row(6, ["c"])]),
            EdgeCase("doubled quotes", "\"say \"\"hi\"\"\",b\n", [Row(1, ["say \"hi\"", "b"])]),
            EdgeCase("a field of one quote", "\"\"\"\",\"\"\"\"\"\"\n", [Row(1, ["\"", "\"\""])]),
            EdgeCase("empty quoted fields", "\"\",x,\"\"\n", [Row(1, ["", "x", ""])]),
            EdgeCase("quoted field at end of input", "a,\"b\"", [Row(1, ["a", "b"])]),
            EdgeCase(
                "quote inside an unquoted field is data", "ab\"c\"d,5\" tube,x\"\n",
                [Row(1, ["ab\"c\"d", "5\" tube", "x\""])]),
            EdgeCase("quote after a space is data", " \"a,b\"\n", [Row(1, [" \"a", "b\""])]),
            EdgeCase("a quote after eight plain bytes is data", "12345678\"9,x\n", [Row(1, ["12345678\"9", "x"])]),
            EdgeCase("text after a closing quote is kept", "\"ab\"c\"d\",x\n", [Row(1, ["abc\"d\"", "x"])]),
            EdgeCase("space after a closing quote is kept", "\"a\" ,b\n", [Row(1, ["a ", "b"])]),
            EdgeCase("empty fields", ",,\n", [Row(1, ["", "", ""])]),
            EdgeCase("a lone delimiter", ",", [Row(1, ["", ""])]),
            EdgeCase("trailing delimiter", "a,\nb,c,\n", [Row(1, ["a", ""]), Row(2, ["b", "c", ""])]),
            EdgeCase("semicolon", "a;\"b;c\";d,e\n", delimiter: ";", [Row(1, ["a", "b;c", "d,e"])]),
            EdgeCase("tab", "a\t\"b\tc\"\t\td e\n", delimiter: "\t", [Row(1, ["a", "b\tc", "", "d e"])]),
            EdgeCase("UTF-8 text", "é,日本,\"🧴, 30 mL\"\n", [Row(1, ["é", "日本", "🧴, 30 mL"])]),
            EdgeCase("NUL is data", "a\u{0}b,c\n", [Row(1, ["a\u{0}b", "c"])]),
            EdgeCase(
                "quoted and unquoted, several lines",
                "sku,name\r\n001,\"Serum, 30 mL\"\r\n\r\n002,\"Cream\nwith \"\"SPF\"\"\"\r\n003,Toner",
                [
                    Row(1, ["sku", "name"]), Row(2, ["001", "Serum, 30 mL"]), Row(4, ["002", "Cream\nwith \"SPF\""]),
                    Row(6, ["003", "Toner"]),
                ]),
        ]
    }

    struct RawCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var encoding: TextEncoding = .utf8
        var raws: [String]

        var testDescription: String { name }

        static let all: [RawCase] = [
            RawCase(name: "CRLF and LF", input: Array("a,\"b\"\r\nc\n\nd".utf8), raws: ["a,\"b\"", "c", "d"]),
            RawCase(name: "lone CR", input: Array("a\rb\r".utf8), raws: ["a", "b"]),
            RawCase(name: "without the BOM", input: Array("\u{FEFF}sku\r\n".utf8), raws: ["sku"]),
            RawCase(
                name: "line breaks inside quotes are kept", input: Array("\"x\r\ny\",\"\"\"\"\r\nz".utf8),
                raws: ["\"x\r\ny\",\"\"\"\"", "z"]),
            RawCase(name: "UTF-8", input: Array("é,\"日本\"\n".utf8), raws: ["é,\"日本\""]),
            RawCase(
                name: "Windows-1252", input: [0x43, 0x3F, 0x2C, 0xC3, 0xA9, 0x0A], encoding: .windows1252,
                raws: ["C?,Ã©"]),
            RawCase(name: "Latin-1", input: [0x22, 0xE9, 0x22, 0x0D, 0x0A], encoding: .latin1, raws: ["\"é\""]),
        ]
    }

    struct SwallowCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var issues: [CSVIssue]

        var testDescription: String { name }

        static let all: [SwallowCase] = [
            SwallowCase(
                name: "a stray quote merges three rows into one of the right width",
                input: "sku,brand,name\nA,\"Brand,NameA\nB,BrandB,NameB\nC,BrandC,\"Name, C\"\nD,E,F\n",
                issues: [.swallowedRow(field: 2, quoteLine: 2, rowLine: 3, closeLine: 4)]),
            SwallowCase(
                name: "with CRLF line endings, after a legitimate multi-line record",
                input: "sku,brand,name\r\n1,\"x\r\ny\",z\r\nA,B,\"NameA\r\nB,BrandB,NameB\r\nC,\"C\",C\"\r\n",
                issues: [.swallowedRow(field: 3, quoteLine: 4, rowLine: 5, closeLine: 6)]),
            SwallowCase(
                name: "a multi-line INCI list is not a swallowed row",
                input:
                    "sku,brand,ingredients\n1,B,\"Aqua, Glycerin,\nNiacinamide, Panthenol\nMay contain: CI 77891\"\n",
                issues: []),
            SwallowCase(
                name: "a line inside that splits into three fields, but the opening line is unfinished",
                input: "sku,brand,ingredients\n1,\"B\nx,y,z\nw\",i\n", issues: []),
            SwallowCase(
                name: "an opening line of the right width, but no whole row inside",
                input: "sku,brand,name\nA,\"B,C\nonly one field\n\",x\n", issues: []),
        ]
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var encoding: TextEncoding = .utf8
        var maxRecordBytes = 1 << 26
        var rowsBefore: [Row] = []
        var error: CSVError

        var testDescription: String { name }

        static let all: [ErrorCase] = [
            ErrorCase(
                name: "invalid UTF-8", input: Array("a,b\nc,".utf8) + [0xFF] + Array("\n".utf8),
                rowsBefore: [Row(1, ["a", "b"])], error: .invalidEncoding(line: 2, field: 2, encoding: .utf8)),
            ErrorCase(
                name: "invalid UTF-8 in a quoted field after a multi-line one",
                input: Array("\"x\ny\",\"ok\"\n\n1,2,\"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8),
                rowsBefore: [Row(1, ["x\ny", "ok"])], error: .invalidEncoding(line: 4, field: 3, encoding: .utf8)),
            ErrorCase(
                name: "invalid UTF-8 in a long run of plain bytes",
                input: Array("GlycerinAqua".utf8) + [0xFF] + Array("AquaAquaAqua\n".utf8),
                error: .invalidEncoding(line: 1, field: 1, encoding: .utf8)),
            ErrorCase(
                name: "a sequence cut short by a delimiter", input: [0x61, 0xE2, 0x82, 0x2C, 0xAC],
                error: .invalidEncoding(line: 1, field: 1, encoding: .utf8)),
            ErrorCase(
                name: "a quote inside a UTF-8 sequence (found by FuzzCSV)",
                input: Array("a\n\"".utf8) + [0xEF, 0xBB] + Array("\"".utf8) + [0xBF] + Array("\n".utf8),
                rowsBefore: [Row(1, ["a"])], error: .invalidEncoding(line: 2, field: 1, encoding: .utf8)),
            ErrorCase(
                name: "an overlong encoding", input: [0x61, 0x2C, 0xC0, 0xAF],
                error: .invalidEncoding(line: 1, field: 2, encoding: .utf8)),
            ErrorCase(
                name: "an encoded surrogate", input: [0xED, 0xA0, 0x80, 0x0A],
                error: .invalidEncoding(line: 1, field: 1, encoding: .utf8)),
            ErrorCase(
                name: "a Windows-1252 file read as UTF-8",
                input: Array("name\n".utf8) + [0x43, 0x72, 0xE8, 0x6D, 0x65],
                rowsBefore: [Row(1, ["name"])], error: .invalidEncoding(line: 2, field: 1, encoding: .utf8)),
            ErrorCase(
                name: "a byte Windows-1252 leaves undefined", input: [0x61, 0x2C, 0x62, 0x2C, 0x81, 0x0A],
                encoding: .windows1252, error: .invalidEncoding(line: 1, field: 3, encoding: .windows1252)),
            ErrorCase(
                name: "an unclosed quote at the end", input: Array("a,b\n\"c\nd\n".utf8),
                rowsBefore: [Row(1, ["a", "b"])], error: .unterminatedQuote(line: 2)),
            ErrorCase(
                name: "an unclosed quote on the last line", input: Array("x,\"abc".utf8),
                error: .unterminatedQuote(line: 1)),
            ErrorCase(
                name: "an unclosed quote after a blank line", input: Array("a\n\nb,\"\n\n".utf8),
                rowsBefore: [Row(1, ["a"])], error: .unterminatedQuote(line: 3)),
            ErrorCase(
                name: "an unclosed quote that opens on the record's second line",
                input: Array("\"a\nb\",c,\"d\ne".utf8), error: .unterminatedQuote(line: 2)),
            ErrorCase(
                name: "an unclosed quote that ends in a doubled quote", input: Array("\"a\"\"".utf8),
                error: .unterminatedQuote(line: 1)),
            // A record over the limit is read past; a quote that never closes is still the error it always is.
            ErrorCase(
                name: "a record longer than the limit whose quote never closes",
                input: Array("a\n\n\"".utf8) + Array(repeating: 0x78, count: 1_000),
                maxRecordBytes: 100, rowsBefore: [Row(1, ["a"])], error: .unterminatedQuote(line: 3)),
            ErrorCase(
                name: "a record longer than the limit whose quote opens on its second line",
                input: Array("a,\"\n\"\n1,2\n\"3\n\",\"".utf8) + Array(repeating: 0x78, count: 1_000),
                maxRecordBytes: 100, rowsBefore: [Row(1, ["a", "\n"]), Row(3, ["1", "2"])],
                error: .unterminatedQuote(line: 5)),
            ErrorCase(
                name: "a UTF-16 little-endian byte-order mark", input: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00],
                error: .unsupportedEncoding(.utf16LittleEndian)),
            ErrorCase(
                name: "a UTF-16 big-endian byte-order mark", input: [0xFE, 0xFF, 0x00, 0x61],
                error: .unsupportedEncoding(.utf16BigEndian)),
            ErrorCase(
                name: "a UTF-32 little-endian byte-order mark", input: [0xFF, 0xFE, 0x00, 0x00, 0x61, 0, 0, 0],
                error: .unsupportedEncoding(.utf32LittleEndian)),
            ErrorCase(
                name: "a UTF-32 big-endian byte-order mark", input: [0x00, 0x00, 0xFE, 0xFF, 0, 0, 0, 0x61],
                error: .unsupportedEncoding(.utf32BigEndian)),
            ErrorCase(
                name: "a UTF-16 mark in a Windows-1252 file", input: [0xFF, 0xFE, 0x61, 0x00],
                encoding: .windows1252, error: .unsupportedEncoding(.utf16LittleEndian)),
        ]
    }

}

// MARK: - Helpers

extension CSVReaderTests {
    private func makeReader(
        _ input: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding = .utf8,
        chunkSize: ChunkSize = ChunkSize(nil), maxRecordBytes: Int = 1 << 26
    ) -> CSVReader<InMemoryByteSource> {
        let source = InMemoryByteSource(input)
        guard let bytes = chunkSize.bytes else {
            return CSVReader(source: source, delimiter: delimiter, encoding: encoding, maxRecordBytes: maxRecordBytes)
        }
        return CSVReader(
            source: source, delimiter: delimiter, encoding: encoding, chunkSize: bytes,
            maxRecordBytes: maxRecordBytes)
    }

    private func readAll(
        _ input: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding = .utf8,
        chunkSize: ChunkSize = ChunkSize(nil)
    ) throws -> [CSVRecord] {
        var reader = makeReader(input, delimiter: delimiter, encoding: encoding, chunkSize: chunkSize)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The ``CSVError`` reading `text` ends with, if any.
    private func readError(_ text: String, delimiter: UInt8) -> CSVError? {
        do {
            _ = try readAll(Array(text.utf8), delimiter: delimiter)
            return nil
        } catch {
            return error as? CSVError
        }
    }

    private func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
    }

    /// The reference: bytes are valid UTF-8 exactly when the standard library's repairing decoder changes nothing.
    private func roundTrips(_ bytes: [UInt8]) -> Bool {
        Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
    }

    /// A byte source that makes its records as it is read, so a large input never sits in memory.
    ///
    /// Record `n` spans two lines (a quoted field holds a line break) and ends in CRLF, LF or CR in turn.
    struct GeneratedByteSource: ByteSource {
        let recordCount: Int
        private var next = 0
        private var pending: [UInt8] = []
        private var pendingOffset = 0

        init(recordCount: Int) { self.recordCount = recordCount }

        /// What record `n` (0-based) reads as.
        static func row(_ n: Int) -> Row {
            Row(2 * n + 1, ["\(n)", "Serum \(n)", "Water, Glycerin, \"Niacinamide\" \(n)", "two\nlines", ""])
        }

        private static func bytes(_ n: Int) -> [UInt8] {
            let ending = ["\r\n", "\n", "\r"][n % 3]
            return Array("\(n),Serum \(n),\"Water, Glycerin, \"\"Niacinamide\"\" \(n)\",\"two\nlines\",\(ending)".utf8)
        }

        mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
            var count = 0
            while count < maxCount {
                if pendingOffset == pending.count {
                    guard next < recordCount else { break }
                    pending = Self.bytes(next)
                    pendingOffset = 0
                    next += 1
                }
                let take = min(maxCount - count, pending.count - pendingOffset)
                buffer.append(contentsOf: pending[pendingOffset..<pendingOffset + take])
                pendingOffset += take
                count += take
            }
            return count
        }
    }

    /// Runs a small Python script that reports what Python's `csv` module reads.
    enum Python {
        struct Failure: Error, CustomStringConvertible {
            var status: Int32
            var description: String { "python3 exited with status \(status)" }
        }

        static let isAvailable: Bool = (try? run(["--version"], script: false)) != nil

        /// The output of `python3 -c script arguments`; Python's standard error goes to the test's.
        static func run(_ arguments: [String], script: Bool = true) throws -> Data {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3"] + (script ? ["-c", Self.script] : []) + arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw Failure(status: process.terminationStatus) }
            return data
        }

        /// The records Python reads from each text, blank lines left out.
        static func records(of cases: [(text: String, delimiter: UInt8)]) throws -> [[Row]] {
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("skincat-csv-cases-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: file) }
            let json = cases.map { [$0.text, String(Character(Unicode.Scalar($0.delimiter)))] }
            try JSONEncoder().encode(json).write(to: file)
            return try JSONDecoder().decode([[Row]].self, from: run(["cases", file.path]))
        }

        // Kept here rather than in a .py file, which SwiftPM would warn about as an unhandled file in the target.
        static let script = #"""
            """What Python's csv module reads, for comparison with skincat's CSVReader.

            Files are opened as the reader is meant to match: newline='' and encoding='utf-8-sig', default dialect.
            Python yields [] for a blank line where CSVReader skips it, so blank rows are left out here; they still
            count as lines. A record's line is the previous record's reader.line_num + 1.

              file PATH         a JSON list of the file's records, each [line, [field, ...]]
              cases JSON_PATH   JSON_PATH holds a list of [text, delimiter]; prints a JSON list with each text's
                                records, as above
              codec NAME        a JSON list of the code points of bytes 0-255 (null where undefined)
            """
            import csv
            import io
            import json
            import sys


            def records(text_stream, delimiter=","):
                reader = csv.reader(text_stream, delimiter=delimiter)
                previous_line = 0
                for row in reader:
                    if row:
                        yield [previous_line + 1, row]
                    previous_line = reader.line_num


            def main(argv):
                mode = argv[1]
                if mode == "file":
                    with open(argv[2], newline="", encoding="utf-8-sig") as stream:
                        sys.stdout.write(json.dumps(list(records(stream))))
                elif mode == "cases":
                    with open(argv[2], encoding="utf-8") as stream:
                        cases = json.load(stream)
                    results = []
                    for text, delimiter in cases:
                        stream = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8-sig", newline="")
                        results.append(list(records(stream, delimiter)))
                    sys.stdout.write(json.dumps(results))
                elif mode == "codec":
                    points = []
                    for byte in range(256):
                        try:
                            points.append(ord(bytes([byte]).decode(argv[2])))
                        except UnicodeDecodeError:
                            points.append(None)
                    sys.stdout.write(json.dumps(points))
                else:
                    sys.exit("unknown mode " + mode)


            main(sys.argv)
            """#
    }
}
