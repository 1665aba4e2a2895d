/// How a JSON import file holds its objects.
public enum JSONLayout: String, Hashable, Sendable {
    /// One document read whole: an array of objects (`[{...}, {...}]`), or objects one after another (a single
    /// object, pretty-printed or not). Up to ``JSONRecordReader/maxDocumentBytes``.
    case document
    /// JSON Lines: one object a line, read as a stream with memory bounded by the longest line.
    case lines
}

/// Reads the objects of a JSON or JSON Lines file as the records the CSV reader gives, so they take the import's
/// one path (mapping, keys, quarantine, report):
///
/// - the first record is a header: the union of the keys of the first ``headerObjects`` objects, in the order they
///   first appear;
/// - each object is then a record with its values in the header's order (`""` for a key it lacks or a `null`);
///   strings as they are, numbers as printed, `true`/`false`, and nested values as compact JSON text, except that an
///   array of plain values in a contract field (an ingredients array) is joined with `", "`;
/// - a key not in the header (first met after the header's objects) is kept with the record
///   (``CSVRecord/extraFields``), so it lands in the product's extra fields;
/// - a line of a JSON Lines file that is not valid JSON, or a value that is not an object, is a record with an
///   ``CSVIssue/invalidJSON(reason:)`` issue (quarantined with its line), never dropped. In a document, a syntax
///   error ends the file (``CSVError/invalidJSON(line:reason:)``): where the next object starts is unknowable.
///
/// A record's line is the line its object starts on.
public struct JSONRecordReader<Source: ByteSource>: RecordReader {
    /// The largest JSON document read whole: 256 MiB. JSON Lines files have no limit.
    public static var maxDocumentBytes: Int { 256 << 20 }
    /// How many objects are read ahead to find the header's keys.
    public static var headerObjects: Int { 64 }

    private var source: Source
    private let layout: JSONLayout
    private let maxRecordBytes: Int
    private let maxDocumentBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var line = 1
    private var atEnd = false
    private var started = false
    private var documentEnded = false
    private var header: [String] = []
    private var headerIndex: [String: Int] = [:]
    private var pending: [(value: Element, line: Int, raw: String)] = []
    private var pendingIndex = 0
    private var joined: Set<Int> = []

    /// What one object of the file read as.
    private enum Element {
        case value(JSONInput)
        case invalid(String)
        case tooLong(bytes: Int)
    }

    /// A reader of the objects `source` holds, laid out as `layout` says (one document or JSON Lines).
    ///
    /// - Parameters:
    ///   - source: where the file's bytes come from.
    ///   - layout: whether the file is one document read whole or JSON Lines, read as a stream.
    ///   - maxRecordBytes: the longest line of a JSON Lines file (or object of a document); a longer one is read
    ///     past and returned with a ``CSVIssue/tooLong(bytes:limit:lines:)`` issue.
    ///   - maxDocumentBytes: the largest document read whole (``maxDocumentBytes`` by default).
    public init(
        source: Source, layout: JSONLayout, maxRecordBytes: Int = 1 << 20,
        maxDocumentBytes: Int = JSONRecordReader.maxDocumentBytes
    ) {
        self.source = source
        self.layout = layout
        self.maxRecordBytes = max(1, maxRecordBytes)
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// Notes which members feed contract fields, so an array of plain values there is joined with `", "` and
    /// kept as JSON text elsewhere.
    public mutating func prepare(for layout: ColumnLayout) {
        joined = Set(layout.columns.values)
    }

    /// The header first, then one record per object; nil at the end.
    /// - Throws: ``CSVError`` for a document that is not valid JSON or too large, a UTF-16/32 input, and whatever
    ///   the source throws.
    public mutating func next() throws -> CSVRecord? {
        if !started {
            started = true
            try start()
            while pending.count < Self.headerObjects, let object = try readObject() { pending.append(object) }
            for object in pending {
                guard case .value(.object(let members)) = object.value else { continue }
                for member in members where headerIndex[member.key] == nil {
                    headerIndex[member.key] = header.count
                    header.append(member.key)
                }
            }
            guard let first = pending.first else { return nil }
            return CSVRecord(fields: header, line: first.line, raw: header.joined(separator: ","))
        }
        let object: (value: Element, line: Int, raw: String)
        if pendingIndex < pending.count {
            object = pending[pendingIndex]
            pendingIndex += 1
            if pendingIndex == pending.count {
                pending = []
                pendingIndex = 0
            }
        } else {
            guard let read = try readObject() else { return nil }
            object = read
        }
        return record(object.value, line: object.line, raw: object.raw)
    }

    // MARK: - Records from objects

    private func record(_ value: Element, line: Int, raw: String) -> CSVRecord {
        let members: [(key: String, value: JSONInput)]
        switch value {
        case .tooLong(let bytes):
            return CSVRecord(
                fields: [], line: line, raw: raw, issues: [.tooLong(bytes: bytes, limit: maxRecordBytes, lines: 1)])
        case .invalid(let issue):
            return CSVRecord(fields: [], line: line, raw: raw, issues: [.invalidJSON(reason: issue)])
        case .value(.object(let object)):
            members = object
        case .value(let other):
            return CSVRecord(
                fields: [], line: line, raw: raw,
                issues: [.invalidJSON(reason: "\(Self.kind(of: other)), not an object: each product is one object")])
        }
        var fields = [String](repeating: "", count: header.count)
        var seen = Set<String>()
        var extra: [String: String] = [:]
        var issues: [CSVIssue] = []
        for member in members {
            guard seen.insert(member.key).inserted else {
                return CSVRecord(
                    fields: [], line: line, raw: raw,
                    issues: [
                        .invalidJSON(reason: "the key \"\(member.key)\" appears twice, so which value holds is unclear")
                    ])
            }
            let index = headerIndex[member.key]
            let text = Self.text(of: member.value, joined: index.map(joined.contains) ?? false)
            if let index {
                fields[index] = text
                if issues.isEmpty, let issue = Self.controlIssue(in: text, field: index + 1) { issues.append(issue) }
            } else {
                extra[member.key] = text
            }
        }
        var record = CSVRecord(fields: fields, line: line, raw: raw, issues: issues)
        record.extraFields = extra
        return record
    }

    /// A value as a field's text.
    static func text(of value: JSONInput, joined: Bool) -> String {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .object: return value.jsonText
        case .array(let values):
            guard joined else { return value.jsonText }
            var parts: [String] = []
            for element in values {
                switch element {
                case .string(let text), .number(let text): parts.append(text)
                case .bool(let flag): parts.append(flag ? "true" : "false")
                case .null: continue
                case .object, .array: return value.jsonText
                }
            }
            return parts.joined(separator: ", ")
        }
    }

    /// A control character other than tab and line breaks, as the CSV reader reports it.
    static func controlIssue(in text: String, field: Int) -> CSVIssue? {
        var character = 0
        for scalar in text.unicodeScalars {
            character += 1
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" {
                return .controlCharacter(field: field, value: UInt8(scalar.value), character: character)
            }
        }
        return nil
    }

    static func kind(of value: JSONInput) -> String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }

    // MARK: - Reading

    private mutating func start() throws {
        if layout == .document {
            while !atEnd {
                try fill(1 << 16)
                if buffer.count > maxDocumentBytes { throw CSVError.jsonTooLarge(limit: maxDocumentBytes) }
            }
        } else {
            while buffer.count < 4 && !atEnd { try fill(1 << 16) }
        }
        if let wide = WideEncoding(byteOrderMarkOf: buffer) { throw CSVError.unsupportedEncoding(wide) }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        if layout == .document {
            let (opened, empty) = try parse { (parser: inout JSONParser) throws(JSONSyntaxError) in
                guard parser.peek() == UInt8(ascii: "[") else { return (false, false) }
                try parser.expect(UInt8(ascii: "["), "'['")
                guard parser.peek() == UInt8(ascii: "]") else { return (true, false) }
                try parser.expect(UInt8(ascii: "]"), "']'")
                try parser.expectEnd()
                return (true, true)
            }
            inArray = opened
            documentEnded = empty
        }
    }

    private var inArray = false

    private mutating func fill(_ count: Int) throws {
        let read = try source.read(into: &buffer, maxCount: count)
        if read == 0 { atEnd = true }
    }

    /// Runs `body` with a parser at the reader's position and keeps where it stopped.
    private mutating func parse<T>(_ body: (inout JSONParser) throws(JSONSyntaxError) -> T) throws -> T {
        let start = (position, line)
        let result: Result<(T, Int, Int), JSONSyntaxError> = buffer.withUnsafeBufferPointer { bytes in
            var parser = JSONParser(bytes: bytes, position: start.0, line: start.1)
            do throws(JSONSyntaxError) {
                let value = try body(&parser)
                return .success((value, parser.position, parser.line))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let (value, position, line)):
            self.position = position
            self.line = line
            return value
        case .failure(let error):
            throw CSVError.invalidJSON(line: error.line, reason: error.reason)
        }
    }

    private mutating func readObject() throws -> (value: Element, line: Int, raw: String)? {
        layout == .lines ? try readLine() : try readElement()
    }

    /// The next element of the document: of its array, or the next top-level value.
    private mutating func readElement() throws -> (value: Element, line: Int, raw: String)? {
        if documentEnded { return nil }
        let inArray = inArray
        let element: (JSONInput, Int, Int, Int)? = try parse { (parser: inout JSONParser) throws(JSONSyntaxError) in
            guard parser.peek() != nil else {
                if inArray { _ = try parser.value() }  // throws: the array is never closed
                return nil
            }
            let startLine = parser.line
            let startPosition = parser.position
            let value = try parser.value()
            return (value, startLine, startPosition, parser.position)
        }
        guard let (value, startLine, start, end) = element else {
            documentEnded = true
            return nil
        }
        if inArray {
            let closed: Bool = try parse { (parser: inout JSONParser) throws(JSONSyntaxError) in
                guard parser.peek() == UInt8(ascii: "]") else {
                    try parser.expect(UInt8(ascii: ","), "',' or ']' after an element")
                    return false
                }
                try parser.expect(UInt8(ascii: "]"), "']'")
                try parser.expectEnd()
                return true
            }
            if closed { documentEnded = true }
        }
        if end - start > maxRecordBytes {
            return (.tooLong(bytes: end - start), startLine, excerpt(start, start + maxRecordBytes))
        }
        return (.value(value), startLine, excerpt(start, end))
    }

    /// The next non-blank line of a JSON Lines file, parsed.
    private mutating func readLine() throws -> (value: Element, line: Int, raw: String)? {
        while true {
            // Find the line's end, reading more as needed; past maxRecordBytes, read past without keeping it.
            var searchFrom = position
            var skipped = 0
            var excerptText: String?
            var newline: Int?
            while true {
                if let index = buffer[searchFrom...].firstIndex(of: 0x0A) {
                    newline = index
                    break
                }
                searchFrom = buffer.count
                if buffer.count - position > maxRecordBytes {
                    if excerptText == nil { excerptText = excerpt(position, position + maxRecordBytes) }
                    skipped += buffer.count - position
                    buffer.removeAll(keepingCapacity: true)
                    position = 0
                    searchFrom = 0
                }
                if atEnd { break }
                try fill(1 << 16)
            }
            let end = newline ?? buffer.count
            if position == buffer.count && newline == nil && skipped == 0 { return nil }
            let lineNumber = line
            line += 1
            defer {
                position = newline.map { $0 + 1 } ?? buffer.count
                if position > 1 << 20 {
                    buffer.removeFirst(position)
                    position = 0
                }
            }
            let length = skipped + end - position
            if length > maxRecordBytes {
                // As much of it as the record limit allows, however it was read (found by FuzzJSON).
                let raw = excerptText ?? excerpt(position, position + maxRecordBytes)
                return (.tooLong(bytes: length), lineNumber, raw)
            }
            let bytes = Array(buffer[position..<end])
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            let raw = String(decoding: bytes.last == 0x0D ? bytes.dropLast() : bytes[...], as: UTF8.self)
            do throws(JSONSyntaxError) {
                let value = try JSONParser.parse(bytes)
                return (.value(value), lineNumber, raw)
            } catch {
                return (.invalid("not valid JSON: " + error.reason), lineNumber, raw)
            }
        }
    }

    private func excerpt(_ start: Int, _ end: Int) -> String {
        let end = min(end, start + CSVIssue.excerptBytes, buffer.count)
        return String(decoding: buffer[start..<max(start, end)], as: UTF8.self)
    }
}
