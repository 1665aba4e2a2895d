import SkinDomain
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    struct BadCase: CustomTestStringConvertible, Sendable {
        var text: String
        var line: Int
        var reason: String
        var testDescription: String { text.debugDescription }
    }

    @Test(
        "bad JSON is an error naming its line and what is wrong",
        arguments: [
            BadCase(text: "{\"a\": 1,\n\"b\" 2}", line: 2, reason: "'2' where ':' after a key was expected"),
            BadCase(text: "[1, 2", line: 1, reason: "the text ends inside an array"),
            BadCase(text: "{'a': 1}", line: 1, reason: "''' where a key was expected"),
            BadCase(text: "\n\n[01]", line: 3, reason: "a number with a leading zero"),
            BadCase(text: "[\"a\nb\"]", line: 1, reason: "a line break inside a string (write it as \\n)"),
            BadCase(text: "[\"\\ud800\"]", line: 1, reason: "a lone surrogate in a \\u escape"),
            BadCase(text: "[1] 2", line: 1, reason: "'2' after the end of the value"),
            BadCase(
                text: "[tru]", line: 1,
                reason: "an unknown word where a value was expected (strings need double quotes)"),
            BadCase(text: "[\"\\x\"]", line: 1, reason: "an unknown escape \\x in a string"),
        ])
    func badJSON(_ bad: BadCase) {
        #expect(throws: JSONSyntaxError(line: bad.line, reason: bad.reason)) {
            try JSONParser.parse(Array(bad.text.utf8))
        }
    }

    @Test("values: numbers keep their printed text, escapes and surrogate pairs decode, keys keep their order")
    func values() throws {
        let value = try JSONParser.parse(
            Array(#"{"z": 12.50, "a": [true, null, -0.5e+10], "s": "\u00e9\ud83d\ude00\n\"\\\/"}"#.utf8))
        #expect(
            value
                == .object([
                    ("z", .number("12.50")), ("a", .array([.bool(true), .null, .number("-0.5e+10")])),
                    ("s", .string("é😀\n\"\\/")),
                ]))
        #expect(value.jsonText == #"{"z":12.50,"a":[true,null,-0.5e+10],"s":"é😀\n\"\\/"}"#)
    }

    @Test("nesting deeper than the limit is an error, not a crash")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError(line: 1, reason: "nested more than 256 levels deep")) {
            try JSONParser.parse(Array(text.utf8))
        }
    }
}

@Suite("JSON record reader")
struct JSONRecordReaderTests {
    private func records(_ text: String, _ layout: JSONLayout, maxRecordBytes: Int = 1 << 20, prepare: [String] = [])
        throws -> [CSVRecord]
    {
        var reader = JSONRecordReader(
            source: InMemoryByteSource(text), layout: layout, maxRecordBytes: maxRecordBytes,
            maxDocumentBytes: 1_000)
        var records: [CSVRecord] = []
        while let record = try reader.next() {
            records.append(record)
            if records.count == 1, !prepare.isEmpty {
                var mapping = ColumnMapping()
                for name in prepare { mapping.columns[CatalogField(rawValue: name)!] = name }
                reader.prepare(for: try ColumnLayout(header: record.fields, mapping: mapping))
            }
        }
        return records
    }

    @Test("JSON Lines: the header is the union of the first objects' keys; values in its order, missing ones empty")
    func lines() throws {
        let text = """
            {"sku": "1", "name": "A", "price": 12.50}

            {"name": "B", "sku": 2, "brand": "X", "vegan": true, "size": null}\r
            {"sku": "3", "name": "C", "tags": ["a", "b"], "meta": {"k": [1]}}
            """
        let read = try records(text, .lines)
        #expect(read.map(\.fields)[0] == ["sku", "name", "price", "brand", "vegan", "size", "tags", "meta"])
        #expect(read.map(\.line) == [1, 1, 3, 4])
        #expect(read[1].fields == ["1", "A", "12.50", "", "", "", "", ""])
        #expect(read[2].fields == ["2", "B", "", "X", "true", "", "", ""])
        #expect(read[3].fields == ["3", "C", "", "", "", "", #"["a","b"]"#, #"{"k":[1]}"#])
        #expect(read[2].raw == #"{"name": "B", "sku": 2, "brand": "X", "vegan": true, "size": null}"#)
    }

    @Test("an array of plain values in a contract field is joined with commas; in an extra field it stays JSON")
    func joinedArrays() throws {
        let text = #"{"sku": "1", "brand": "B", "name": "A", "ingredients": ["Water", "Glycerin"], "tags": ["x"]}"#
        let read = try records(text, .lines, prepare: ["ingredients"])
        #expect(read[1].fields == ["1", "B", "A", "Water, Glycerin", #"["x"]"#])
    }

    @Test("a key first met after the header's objects is kept with the record")
    func laterKeys() throws {
        let text = (0..<64).map { #"{"sku": "\#($0)"}"# }.joined(separator: "\n") + "\n" + #"{"sku": "x", "new": 1}"#
        let read = try records(text, .lines)
        #expect(read[0].fields == ["sku"])
        #expect(read[65].fields == ["x"])
        #expect(read[65].extraFields == ["new": "1"])
        #expect(read[64].extraFields.isEmpty)
    }

    @Test("bad lines become records with an issue and their line; the lines after them are read")
    func badLines() throws {
        let text = """
            {"sku": "1"}
            {"sku": "2",
            [1, 2]
            {"sku": "3", "sku": "4"}
            {"sku": "5\\u0007"}
            {"sku": "6"}
            """
        let read = try records(text, .lines)
        #expect(read.map(\.line) == [1, 1, 2, 3, 4, 5, 6])
        #expect(read[2].issues == [.invalidJSON(reason: "not valid JSON: the text ends inside an object")])
        #expect(read[2].raw == #"{"sku": "2","#)
        #expect(read[3].issues == [.invalidJSON(reason: "an array, not an object: each product is one object")])
        #expect(
            read[4].issues == [
                .invalidJSON(reason: "the key \"sku\" appears twice, so which value holds is unclear")
            ])
        #expect(read[5].issues == [.controlCharacter(field: 1, value: 7, character: 2)])
        #expect(read[6].fields == ["6"] && read[6].issues.isEmpty)
    }

    @Test("a line over the record limit is set aside with its length, and the next line is read")
    func longLine() throws {
        let long = #"{"sku": ""# + String(repeating: "x", count: 300) + #""}"#
        let read = try records("{\"sku\": \"1\"}\n\(long)\n{\"sku\": \"2\"}\n", .lines, maxRecordBytes: 100)
        #expect(read.count == 4)
        #expect(read[2].issues == [.tooLong(bytes: long.utf8.count, limit: 100, lines: 1)])
        // The excerpt is the first 100 bytes, whether the reader held the line whole or gave up on it midway.
        #expect(read[2].raw == String(long.prefix(100)))
        var reader = JSONRecordReader(
            source: OneByteSource(bytes: Array("{\"sku\": \"1\"}\n\(long)\n".utf8)), layout: .lines, maxRecordBytes: 100
        )
        _ = try reader.next()
        _ = try reader.next()
        #expect(try reader.next()?.raw == String(long.prefix(100)))
        #expect(read[3].fields == ["2"] && read[3].line == 3)
    }

    @Test("a document: an array of objects, or objects one after another; an element that is no object is set aside")
    func document() throws {
        let array = try records("\u{FEFF}[\n  {\"sku\": \"1\"},\n  \"oops\",\n  {\"sku\": \"2\"}\n]\n", .document)
        #expect(array.map(\.line) == [2, 2, 3, 4])
        #expect(array[2].issues == [.invalidJSON(reason: "a string, not an object: each product is one object")])
        #expect(array[3].fields == ["2"])
        let objects = try records("{\"sku\": \"1\"}\n{\n  \"sku\": \"2\"\n}", .document)
        #expect(objects.map(\.fields) == [["sku"], ["1"], ["2"]])
        #expect(try records("[ ]", .document).isEmpty)
        #expect(try records("", .lines).isEmpty)
    }

    @Test("a document that is not valid JSON, or too large, is an error naming the line")
    func badDocument() throws {
        #expect(throws: CSVError.invalidJSON(line: 3, reason: "'{' where ',' or ']' after an element was expected")) {
            try records("[\n{\"sku\": \"1\"}\n{\"sku\": \"2\"}]", .document)
        }
        #expect(throws: CSVError.jsonTooLarge(limit: 1_000)) {
            try records("[" + String(repeating: "{\"sku\": \"1\"},", count: 100) + "{}]", .document)
        }
    }
}

/// A source that gives one byte a read, as a slow pipe does.
struct OneByteSource: ByteSource {
    var bytes: [UInt8]
    var offset = 0

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        guard offset < bytes.count, maxCount > 0 else { return 0 }
        buffer.append(bytes[offset])
        offset += 1
        return 1
    }
}
