/// Something the CSV reader can pull bytes from: a file, a pipe, or an array in a test.
public protocol ByteSource {
    /// Reads up to `maxCount` bytes, appending them to `buffer`. Returns 0 at the end of the input.
    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int
}

/// A byte source over bytes already in memory.
public struct InMemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    /// A source over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    /// A source over the UTF-8 encoding of `text`.
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    /// Appends up to `maxCount` of the bytes not yet read to `buffer`; returns how many, 0 once all are read.
    public mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let count = min(maxCount, bytes.count - offset)
        buffer.append(contentsOf: bytes[offset..<offset + count])
        offset += count
        return count
    }
}

/// The text encodings the reader accepts.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, the default; a byte-order mark at the start is dropped.
    case utf8 = "utf-8"
    /// Windows-1252 (cp1252), the Western European code page of older Excel exports.
    case windows1252 = "windows-1252"
    /// ISO-8859-1 (Latin-1): every byte is the code point of the same number.
    case latin1 = "iso-8859-1"

    /// Accepts the usual spellings: `utf8`, `UTF-8`, `cp1252`, `windows-1252`, `latin1`, `iso-8859-1`.
    public init?(name: String) {
        switch name.lowercased().filter({ $0 != "-" && $0 != "_" }) {
        case "utf8": self = .utf8
        case "windows1252", "cp1252", "win1252": self = .windows1252
        case "latin1", "iso88591", "l1": self = .latin1
        default: return nil
        }
    }
}

/// One record of a CSV file.
public struct CSVRecord: Hashable, Sendable {
    /// The fields, decoded.
    public var fields: [String]
    /// The physical line the record starts on (1-based; the header is usually line 1).
    public var line: Int
    /// The record as it appeared in the file (without its line ending), for quarantine. For a record over
    /// `maxRecordBytes` (``CSVIssue/tooLong(bytes:limit:lines:)``), only its first bytes.
    public var raw: String
    /// What is wrong with the record that does not stop the file: a control character in a field, a quoted
    /// field that swallowed what looks like a whole row, a record too long to read. Empty for a sound record;
    /// a caller that imports rows should set a record with issues aside rather than use its fields.
    public var issues: [CSVIssue] = []
    /// Values the record holds outside the header's columns, by name: the keys of a JSON object that the header
    /// (the keys of the file's first objects) does not have. Always empty for CSV.
    public var extraFields: [String: String] = [:]

    /// A record with no extra fields; each argument sets the property of the same name.
    public init(fields: [String], line: Int, raw: String, issues: [CSVIssue] = []) {
        self.fields = fields
        self.line = line
        self.raw = raw
        self.issues = issues
    }
}

/// A problem with one record that the reader reports with the record instead of throwing, so that the caller can
/// set the record aside and go on with the next one.
public enum CSVIssue: Hashable, Sendable {
    /// A field holds a control character (U+0000...U+001F other than tab, and other than a line break inside a
    /// quoted field). Text is never cut at it: the field holds it, and the record should not be used as is.
    /// `field` is 1-based; `character` is the 1-based position of the character in the field's text.
    case controlCharacter(field: Int, value: UInt8, character: Int)
    /// A quoted field (1-based `field`) opened on `quoteLine` runs over several lines, and line `rowLine` inside
    /// it reads on its own as a whole row (as many fields as ``CSVReader/expectedFieldCount``), as does the line
    /// the quote opened on when that quote is taken as a plain character: almost surely a stray quote that merged
    /// the rows up to `closeLine`, where the field closes.
    case swallowedRow(field: Int, quoteLine: Int, rowLine: Int, closeLine: Int)
    /// The record is longer than the reader's `maxRecordBytes`: it was read past without being held in memory,
    /// so its `fields` are empty and its `raw` text is only its beginning. `bytes` is its length, `lines` the
    /// physical lines it spans.
    case tooLong(bytes: Int, limit: Int, lines: Int)
    /// A JSON input's record is not a JSON object, or not valid JSON (``JSONRecordReader``): `reason` says what.
    case invalidJSON(reason: String)

    /// How much of a record over the reader's `maxRecordBytes` is kept as its ``CSVRecord/raw`` text, in bytes.
    public static let excerptBytes = 4_096

    /// The field the issue is about (1-based), if it is about one.
    public var field: Int? {
        switch self {
        case .controlCharacter(let field, _, _), .swallowedRow(let field, _, _, _): field
        case .tooLong, .invalidJSON: nil
        }
    }

    /// What is wrong, without the location or the field's name:
    /// `contains a NUL byte (U+0000) at character 6`.
    public var detail: String {
        switch self {
        case .controlCharacter(_, let value, let character):
            "contains \(Self.name(ofControl: value)) at character \(character); "
                + "the row is set aside rather than cut at it"
        case .swallowedRow(_, let quoteLine, let rowLine, let closeLine):
            "a quoted field opened on line \(quoteLine) swallows what looks like a whole row starting on line "
                + "\(rowLine) (the field closes on line \(closeLine)); check for a stray quote"
        case .tooLong(let bytes, let limit, let lines):
            "the record is \(bytes.groupedText) bytes long\(lines > 1 ? " over \(lines.groupedText) lines" : ""), "
                + "more than the \(limit.groupedText) a record may have; it was set aside unread, with its first "
                + "\(Self.excerptBytes.groupedText) bytes"
                + (lines > 1 ? " (check for a quote that is never closed)" : "")
        case .invalidJSON(let reason): reason
        }
    }

    /// `a NUL byte (U+0000)`, `a control character (U+001B)`.
    static func name(ofControl value: UInt8) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        return value == 0 ? "a NUL byte (\(code))" : "a control character (\(code))"
    }
}

/// Why a CSV file could not be read.
public enum CSVError: Error, Equatable, Sendable {
    /// A field is not valid in the file's encoding. `line` is the line the record starts on, `field` is 1-based.
    case invalidEncoding(line: Int, field: Int, encoding: TextEncoding)
    /// A quoted field is still open at the end of the file; `line` is where the quote opens.
    case unterminatedQuote(line: Int)
    /// The input starts with a UTF-16 or UTF-32 byte-order mark: the reader reads only byte-oriented encodings.
    case unsupportedEncoding(WideEncoding)
    /// A JSON document (an array of objects) is not valid JSON at `line`, so where its next object starts
    /// cannot be told.
    case invalidJSON(line: Int, reason: String)
    /// A JSON document is larger than the limit for reading it whole (``JSONRecordReader/maxDocumentBytes``).
    case jsonTooLarge(limit: Int)
}

/// A Unicode encoding with code units wider than a byte, as told by a byte-order mark.
public enum WideEncoding: String, Hashable, Sendable, CaseIterable {
    /// UTF-16 or UTF-32, little- or big-endian, as the mark `FF FE`, `FE FF`, `FF FE 00 00` or `00 00 FE FF` says.
    case utf16LittleEndian, utf16BigEndian, utf32LittleEndian, utf32BigEndian

    /// The byte-order mark at the start of `bytes`, if it is one of these encodings'. UTF-32 LE is tested first:
    /// its mark begins with UTF-16 LE's.
    public init?(byteOrderMarkOf bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(4))
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            self = .utf32LittleEndian
        } else if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            self = .utf32BigEndian
        } else if head.starts(with: [0xFF, 0xFE]) {
            self = .utf16LittleEndian
        } else if head.starts(with: [0xFE, 0xFF]) {
            self = .utf16BigEndian
        } else {
            return nil
        }
    }

    /// `UTF-16`, `UTF-32`: the name iconv knows (it reads the byte order from the mark).
    public var family: String {
        switch self {
        case .utf16LittleEndian, .utf16BigEndian: "UTF-16"
        case .utf32LittleEndian, .utf32BigEndian: "UTF-32"
        }
    }

    /// `little-endian`, `big-endian`.
    public var byteOrder: String {
        switch self {
        case .utf16LittleEndian, .utf32LittleEndian: "little-endian"
        case .utf16BigEndian, .utf32BigEndian: "big-endian"
        }
    }
}

extension CSVError: CustomStringConvertible {
    /// The physical line the problem is on.
    public var line: Int {
        switch self {
        case .invalidEncoding(let line, _, _), .unterminatedQuote(let line): line
        case .unsupportedEncoding, .jsonTooLarge: 1
        case .invalidJSON(let line, _): line
        }
    }

    /// What is wrong, without the location.
    public func detail(fieldName: String? = nil) -> String {
        switch self {
        case .invalidEncoding(_, let field, let encoding):
            "field \(field)\(fieldName.map { " (\($0))" } ?? ""): not valid \(encoding.rawValue) text"
                + (encoding == .utf8 ? "; if the file is not UTF-8, read it as windows-1252 (or latin1)" : "")
        case .unterminatedQuote:
            "a quoted field starts here and is never closed"
        case .unsupportedEncoding(let encoding):
            "the file is \(encoding.family) (\(encoding.byteOrder), from its byte-order mark); skincat reads UTF-8, "
                + "Windows-1252 or Latin-1: convert it with iconv -f \(encoding.family) -t UTF-8"
        case .invalidJSON(_, let reason):
            "not valid JSON: \(reason); the objects after this point cannot be told apart"
        case .jsonTooLarge(let limit):
            "a JSON array is read whole, and this one is larger than \(limit.groupedText) bytes; "
                + "write it as JSON Lines (one object a line), which is read as a stream: jq -c '.[]'"
        }
    }

    /// The problem with its location: `line 42: a quoted field starts here and is never closed`.
    public var description: String { "line \(line): \(detail())" }
}

/// What the import reads records from: a CSV file (``CSVReader``) or a JSON one (``JSONRecordReader``).
public protocol RecordReader {
    /// The next record (the first is the header), or nil at the end.
    mutating func next() throws -> CSVRecord?
    /// Told the layout once the header is read, before the data records.
    mutating func prepare(for layout: ColumnLayout)
}

/// A streaming CSV reader that reads what Python's `csv` module reads, with memory bounded by `maxRecordBytes`.
///
/// It follows Python's default dialect (as `csv.reader(open(path, newline="", encoding="utf-8-sig"))`): a UTF-8
/// byte-order mark at the start of the input is dropped; CRLF, LF and lone CR all end a record; a quote opens a
/// quoted field only at the start of a field; inside one, delimiters and line breaks are data and `""` is a quote;
/// a quote in the middle of an unquoted field and text after a closing quote are kept literally. Some things differ
/// on purpose: blank lines are skipped instead of returned as empty records (they still count as lines); a quoted
/// field still open at the end of the input is an error rather than a silently truncated record; an input that
/// starts with a UTF-16 or UTF-32 byte-order mark is an error that names the encoding. And three problems are
/// reported with the record, as ``CSVRecord/issues``, instead of passing unnoticed: a control character in a
/// field (NUL most of all, which C APIs such as SQLite's take as the end of the text), a quoted field that
/// swallows what looks like a whole row (with ``expectedFieldCount`` set), and a record longer than
/// `maxRecordBytes`, which is read past, never held in memory.
///
/// ```swift
/// var reader = CSVReader(source: InMemoryByteSource("sku,name\n001,\"Serum, 30 mL\"\n"))
/// while let record = try reader.next() { print(record.line, record.fields) }
/// // 1 ["sku", "name"]
/// // 2 ["001", "Serum, 30 mL"]
/// ```
public struct CSVReader<Source: ByteSource>: RecordReader {
    private var source: Source
    private let delimiter: UInt8
    private let encoding: TextEncoding
    private let chunkSize: Int
    private let maxRecordBytes: Int
    /// Unread input starts at `position`; bytes before it are dropped when the buffer is refilled.
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// The physical line `position` is on.
    private var line = 1
    private var startedReading = false
    /// An error thrown after the reader had to move past the record it is about (a long record's quote that
    /// never closes), thrown again by every later call.
    private var failure: CSVError?

    /// The number of fields a whole row has (the header's), or nil to leave it unchecked. When set (2 or more), a
    /// quoted field that spans lines is checked for a line inside it that reads as a whole row on its own, while
    /// the line the quote opened on also does with that quote taken as a plain character: the mark of a stray
    /// quote that merged rows (``CSVIssue/swallowedRow(field:quoteLine:rowLine:closeLine:)``). A legitimate
    /// multi-line field (an INCI list over several lines) does not show both.
    public var expectedFieldCount: Int?

    /// Creates a reader over `source`.
    ///
    /// - Parameters:
    ///   - source: where the bytes come from.
    ///   - delimiter: the field separator, `,` by default. Callers should refuse a quote, CR or LF (the reader
    ///     then takes it as a delimiter wherever it is not inside quotes, which is never what was meant).
    ///   - encoding: how field bytes are decoded; invalid bytes are an error, never replaced silently.
    ///   - chunkSize: how many bytes to ask the source for at a time (positive).
    ///   - maxRecordBytes: the longest record read (positive). A longer one is read past without being held
    ///     in memory and returned with no fields and a ``CSVIssue/tooLong(bytes:limit:lines:)`` issue, so memory
    ///     stays near `maxRecordBytes + chunkSize` whatever the input. The default, 1 MiB, is far beyond any
    ///     real catalog row (the longest in the real files is under 6 KB).
    public init(
        source: Source, delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding = .utf8,
        chunkSize: Int = 1 << 16, maxRecordBytes: Int = 1 << 20
    ) {
        precondition(chunkSize > 0 && maxRecordBytes > 0, "chunkSize and maxRecordBytes must be positive")
        self.source = source
        self.delimiter = delimiter
        self.encoding = encoding
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
    }

    /// Returns the next record, or nil at the end of the input. Blank lines are skipped.
    ///
    /// - Throws: ``CSVError`` for text that is not valid in the encoding, a quote that never closes or a UTF-16
    ///   or UTF-32 input, and whatever the byte source throws. The reader stays on the record that failed, so
    ///   calling `next()` again throws again.
    public mutating func next() throws -> CSVRecord? {
        if let failure { throw failure }
        if !startedReading {
            while buffer.count < 4 && !atEnd { try fill() }
            if let wide = WideEncoding(byteOrderMarkOf: buffer) { throw CSVError.unsupportedEncoding(wide) }
            // The byte-order mark is dropped only at the very start, as `utf-8-sig` does.
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            startedReading = true
        }
        while let extent = try scanRecord() {
            let record: CSVRecord?
            if let skipped = extent.skipped {
                record = CSVRecord(
                    fields: [], line: line, raw: skipped.excerpt,
                    issues: [
                        .tooLong(bytes: skipped.bytes, limit: maxRecordBytes, lines: max(1, extent.innerNewlines + 1))
                    ])
            } else {
                record = extent.end == extent.start ? nil : try makeRecord(extent, line: line)
            }
            line += extent.newlines
            position = extent.next
            if let record { return record }  // else a blank line: skip it
        }
        return nil
    }

    /// A quoted field that swallows a whole row is told by the header's width.
    public mutating func prepare(for layout: ColumnLayout) { expectedFieldCount = layout.header.count }

    /// The bytes held in memory, for tests of the memory bound.
    var bufferedByteCount: Int { buffer.count }

    // MARK: - Finding records

    /// Where one record lies in `buffer`, and what `makeRecord` needs to know about it.
    private struct Extent {
        /// The record's first byte and the end of its content (before the line ending).
        var start: Int, end: Int
        /// Where the following record starts.
        var next: Int
        /// The line breaks in the record, its line ending included.
        var newlines: Int
        /// The line breaks inside quoted fields (the line ending not included).
        var innerNewlines: Int
        /// The number of fields, for reserving capacity.
        var fieldCount: Int
        /// Whether every byte is ASCII, so decoding needs no checks.
        var isASCII: Bool
        /// Whether a byte below 0x20 other than a line ending may be in a field, so fields need checking.
        var mayHoldControls: Bool
        /// For a record over `maxRecordBytes`, read past: its length and its first bytes as text.
        var skipped: (bytes: Int, excerpt: String)?
    }

    /// How far `scan` got through a record; kept while the buffer is refilled.
    private struct ScanState {
        var index: Int
        var inQuotes = false
        var atFieldStart = true
        var newlines = 0
        /// The line breaks before the latest opening quote, to say where a quote left open starts.
        var newlinesBeforeQuote = 0
        var fieldCount = 1
        /// The record's bytes or-ed together, eight at a time: no high bit set means ASCII.
        var highBits: UInt64 = 0
        /// A high bit set where a byte may be below 0x20 (eight at a time, as "Bit Twiddling Hacks"' `hasless`).
        var lowBytes: UInt64 = 0
    }

    /// Reads another chunk from the source, first dropping the consumed bytes if they are half the buffer or more.
    private mutating func fill() throws {
        if position > 0 && position >= buffer.count / 2 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        if try source.read(into: &buffer, maxCount: chunkSize) == 0 { atEnd = true }
    }

    /// Finds the record starting at `position`, reading more input as needed; nil at the end of the input.
    private mutating func scanRecord() throws -> Extent? {
        var state = ScanState(index: position)
        while true {
            // A CR or a quote needs the byte after it, so the last buffered byte waits for more input.
            let limit = atEnd ? buffer.count : buffer.count - 1
            let found = buffer.withUnsafeBufferPointer {
                Self.scan($0, limit: limit, delimiter: delimiter, state: &state)
            }
            if let (end, next) = found {
                var found = extent(state, end: end, next: next, lineEnding: true)
                // A record that fits in the buffer is still too long past the limit: the limit is the contract.
                if end - position > maxRecordBytes { found.skipped = (end - position, excerpt()) }
                return found
            }
            if atEnd { break }
            if state.index - position > maxRecordBytes { return try skipRecord(&state) }
            let offset = state.index - position
            try fill()
            state.index = position + offset
        }
        if state.index == position { return nil }
        if state.inQuotes { throw CSVError.unterminatedQuote(line: line + state.newlinesBeforeQuote) }
        var last = extent(state, end: state.index, next: state.index, lineEnding: false)
        if state.index - position > maxRecordBytes { last.skipped = (state.index - position, excerpt()) }
        return last
    }

    /// The first bytes of the record at `position` as text, for a record too long to read; the buffer must
    /// hold at least `maxRecordBytes` of it.
    private func excerpt() -> String {
        buffer.withUnsafeBufferPointer { bytes in
            var end = position + min(maxRecordBytes, CSVIssue.excerptBytes)
            // Never cut a UTF-8 sequence in two: back off at most 3 bytes (a sequence has at most 4), so that a run
            // of stray continuation bytes still leaves an excerpt (found by FuzzCSV: it left none).
            let (floor, limit) = (max(position, end - 3), end)
            if encoding == .utf8 { while end > floor && bytes[end] & 0xC0 == 0x80 { end -= 1 } }
            // A limit smaller than the first character: keep its first bytes, shown as U+FFFD, rather than nothing.
            if end == position { end = limit }
            let head = UnsafeBufferPointer(rebasing: bytes[position..<end])
            // An excerpt is never empty: a byte Windows-1252 leaves undefined reads as U+FFFD, as invalid UTF-8 does.
            return encoding == .utf8
                ? String(decoding: head, as: UTF8.self)
                : SingleByteDecoding.decode(head, windows1252: encoding == .windows1252)
                    ?? String(head.map { SingleByteDecoding.character($0, windows1252: encoding == .windows1252) })
        }
    }

    private func extent(_ state: ScanState, end: Int, next: Int, lineEnding: Bool) -> Extent {
        Extent(
            start: position, end: end, next: next, newlines: state.newlines,
            innerNewlines: state.newlines - (lineEnding ? 1 : 0), fieldCount: state.fieldCount,
            isASCII: state.highBits & Byte.highBits == 0, mayHoldControls: state.lowBytes & Byte.highBits != 0)
    }

    /// Reads past a record that has grown over `maxRecordBytes`, keeping only its first bytes and the scan's
    /// state, so memory stays bounded however long it is. A quote that never closes is an error, as always.
    private mutating func skipRecord(_ state: inout ScanState) throws -> Extent {
        let excerpt = excerpt()
        var skippedBytes = 0
        while true {
            // Drop what is scanned; the scan state carries on over the next chunk.
            skippedBytes += state.index - position
            buffer.removeSubrange(0..<state.index)
            position = 0
            state.index = 0
            if atEnd { break }
            try fill()
            let limit = atEnd ? buffer.count : buffer.count - 1
            let found = buffer.withUnsafeBufferPointer {
                Self.scan($0, limit: limit, delimiter: delimiter, state: &state)
            }
            if let (end, next) = found {
                var skipped = extent(state, end: end, next: next, lineEnding: true)
                skipped.skipped = (skippedBytes + end, excerpt)
                return skipped
            }
        }
        if state.inQuotes {
            let error = CSVError.unterminatedQuote(line: line + state.newlinesBeforeQuote)
            failure = error
            throw error
        }
        var skipped = extent(state, end: 0, next: 0, lineEnding: false)
        skipped.skipped = (skippedBytes, excerpt)
        return skipped
    }

    /// Scans `bytes[state.index..<limit]` for the end of the record, as Python's `csv` module does; returns the
    /// end of its content and where the next record starts, or nil when it needs more input.
    /// A byte before `limit` can always look at the one after it, unless it is the last byte of the input.
    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, limit: Int, delimiter: UInt8,
        state: inout ScanState
    ) -> (end: Int, next: Int)? {
        var index = state.index
        var highBits = state.highBits
        var lowBytes = state.lowBytes
        defer {
            state.index = index
            state.highBits = highBits
            state.lowBytes = lowBytes
        }
        let delimiters = Byte.broadcast(delimiter)
        while index < limit {
            // Skip eight bytes at a time while none of them is a delimiter, a quote or a line break.
            if index + 8 <= limit {
                let word = Byte.word(in: bytes, at: index)
                if !Byte.hasSpecialByte(word, delimiters: delimiters) {
                    highBits |= word
                    lowBytes |= Byte.lowByteBits(word)
                    state.atFieldStart = false
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            highBits |= UInt64(byte)
            if byte < 0x20 && byte != Byte.lf && byte != Byte.cr && byte != Byte.tab { lowBytes = Byte.highBits }
            if state.inQuotes {
                // Delimiters and line breaks are data; a quote closes the field unless it is doubled.
                if byte == Byte.quote {
                    if index + 1 < bytes.count && bytes[index + 1] == Byte.quote {
                        index += 2
                        continue
                    }
                    state.inQuotes = false
                } else if byte == Byte.lf
                    || (byte == Byte.cr && (index + 1 == bytes.count || bytes[index + 1] != Byte.lf))
                {
                    state.newlines += 1
                }
            } else if byte == delimiter {
                state.atFieldStart = true
                state.fieldCount += 1
                index += 1
                continue
            } else if byte == Byte.lf || byte == Byte.cr {
                let crlf = byte == Byte.cr && index + 1 < bytes.count && bytes[index + 1] == Byte.lf
                state.newlines += 1
                return (index, index + (crlf ? 2 : 1))
            } else if byte == Byte.quote && state.atFieldStart {
                // A quote opens a quoted field only at the start of a field; elsewhere it is data.
                state.inQuotes = true
                state.newlinesBeforeQuote = state.newlines
            }
            state.atFieldStart = false
            index += 1
        }
        return nil
    }

    // MARK: - Splitting and decoding

    /// Splits a record found by `scanRecord` into decoded fields, noting the issues of each.
    private func makeRecord(_ extent: Extent, line: Int) throws -> CSVRecord {
        try buffer.withUnsafeBufferPointer { bytes in
            let end = extent.end
            var fields: [String] = []
            fields.reserveCapacity(extent.fieldCount)
            var issues: [CSVIssue] = []
            var index = extent.start
            while true {
                let field = fields.count + 1
                if index < end && bytes[index] == Byte.quote {
                    let open = index
                    let close = Byte.firstIndex(of: Byte.quote, in: bytes, from: index + 1, to: end)
                    if close + 1 >= end || bytes[close + 1] == delimiter {
                        // The usual quoted field: nothing to unescape.
                        let content = UnsafeBufferPointer(rebasing: bytes[index + 1..<min(close, end)])
                        fields.append(try decode(content, ascii: extent.isASCII, line: line, field: field))
                        if extent.mayHoldControls, let issue = controlIssue(in: content, field: field) {
                            issues.append(issue)
                        }
                        index = close + 1
                    } else {
                        let start = index
                        let unescaped: [UInt8]
                        (unescaped, index) = Self.unescapeQuotedField(
                            bytes, from: index + 1, end: end,
                            delimiter: delimiter)
                        // Dropping a quote can join the bytes around it into a valid character (`"\xEF\xBB"\xBF`):
                        // the field must be valid as written, as Python decodes the file before splitting it.
                        if encoding == .utf8 && !extent.isASCII
                            && !UTF8Validation.isValid(UnsafeBufferPointer(rebasing: bytes[start..<min(index, end)]))
                        {
                            throw CSVError.invalidEncoding(line: line, field: field, encoding: encoding)
                        }
                        try unescaped.withUnsafeBufferPointer {
                            fields.append(try decode($0, ascii: extent.isASCII, line: line, field: field))
                            if extent.mayHoldControls, let issue = controlIssue(in: $0, field: field) {
                                issues.append(issue)
                            }
                        }
                    }
                    if extent.innerNewlines > 0, let expected = expectedFieldCount, expected >= 2,
                        let issue = swallowedRow(
                            in: bytes, record: extent.start..<end, quote: open, fieldEnd: min(index, end),
                            field: field, expected: expected, line: line)
                    {
                        issues.append(issue)
                    }
                } else {
                    let start = index
                    index = Byte.firstIndex(of: delimiter, in: bytes, from: index, to: end)
                    let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    fields.append(try decode(content, ascii: extent.isASCII, line: line, field: field))
                    if extent.mayHoldControls, let issue = controlIssue(in: content, field: field) {
                        issues.append(issue)
                    }
                }
                if index >= end { break }
                index += 1  // the delimiter
            }
            // Every byte of the record is in a field already checked, or is an ASCII quote or delimiter.
            let raw = UnsafeBufferPointer(rebasing: bytes[extent.start..<end])
            let rawText =
                extent.isASCII || encoding == .utf8
                ? String(decoding: raw, as: UTF8.self)
                : SingleByteDecoding.decode(raw, windows1252: encoding == .windows1252) ?? ""
            return CSVRecord(fields: fields, line: line, raw: rawText, issues: issues)
        }
    }

    /// The first control character in a field's bytes (tab allowed; CR and LF only reach here inside quotes,
    /// where they are data), with its 1-based character position.
    private func controlIssue(in content: UnsafeBufferPointer<UInt8>, field: Int) -> CSVIssue? {
        guard
            let offset = content.firstIndex(where: {
                $0 < 0x20 && $0 != Byte.tab && $0 != Byte.lf && $0 != Byte.cr
            })
        else { return nil }
        // In UTF-8 a character starts at every byte that is not a continuation byte; elsewhere at every byte.
        let character =
            encoding == .utf8 ? content[..<offset].count(where: { $0 & 0xC0 != 0x80 }) + 1 : offset + 1
        return .controlCharacter(field: field, value: content[offset], character: character)
    }

    /// Checks a quoted field that spans lines for a stray quote that merged rows: a line inside the field that
    /// splits into `expected` fields on its own, while the line the quote opened on does too when that quote is
    /// taken as a plain character (a legitimate multi-line field leaves that line unfinished).
    /// `quote` is the opening quote, `fieldEnd` the delimiter or record end after the field.
    private func swallowedRow(
        in bytes: UnsafeBufferPointer<UInt8>, record: Range<Int>, quote: Int, fieldEnd: Int, field: Int,
        expected: Int, line: Int
    ) -> CSVIssue? {
        var breaks: [(at: Int, next: Int)] = []  // the line breaks inside the field
        var index = quote + 1
        while index < fieldEnd {
            let byte = bytes[index]
            if byte == Byte.lf || byte == Byte.cr {
                let next =
                    byte == Byte.cr && index + 1 < record.upperBound && bytes[index + 1] == Byte.lf
                    ? index + 2 : index + 1
                breaks.append((index, next))
                index = next
            } else {
                index += 1
            }
        }
        guard let first = breaks.first else { return nil }
        // The line the quote opened on: from the last line break before the quote (or the record's start).
        var lineStart = quote
        var breaksBefore = 0
        var scan = record.lowerBound
        while scan < quote {
            let byte = bytes[scan]
            if byte == Byte.lf || (byte == Byte.cr && bytes[scan + 1] != Byte.lf) {
                breaksBefore += 1
                lineStart = scan + 1
            }
            scan += 1
        }
        if breaksBefore == 0 { lineStart = record.lowerBound }
        guard
            Self.fieldCount(bytes, from: lineStart, to: first.at, literalQuote: quote, delimiter: delimiter) == expected
        else {
            return nil
        }
        let quoteLine = line + breaksBefore
        for (offset, lineBreak) in breaks.enumerated() {
            // The whole physical line after the break, which may run past the field's closing quote.
            var lineEnd = lineBreak.next
            while lineEnd < record.upperBound && bytes[lineEnd] != Byte.lf && bytes[lineEnd] != Byte.cr {
                lineEnd += 1
            }
            if Self.fieldCount(bytes, from: lineBreak.next, to: lineEnd, literalQuote: nil, delimiter: delimiter)
                == expected
            {
                return .swallowedRow(
                    field: field, quoteLine: quoteLine, rowLine: quoteLine + offset + 1,
                    closeLine: quoteLine + breaks.count)
            }
        }
        return nil
    }

    /// The number of fields `bytes[start..<end]` splits into read as one line on its own, with the quote at
    /// `literalQuote` (if any) taken as a plain character.
    private static func fieldCount(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, literalQuote: Int?, delimiter: UInt8
    ) -> Int {
        var count = 1
        var inQuotes = false
        var atFieldStart = true
        var index = start
        while index < end {
            let byte = bytes[index]
            if inQuotes {
                if byte == Byte.quote {
                    if index + 1 < end && bytes[index + 1] == Byte.quote { index += 1 } else { inQuotes = false }
                }
                atFieldStart = false
            } else if byte == delimiter {
                count += 1
                atFieldStart = true
            } else {
                if byte == Byte.quote && atFieldStart && index != literalQuote { inQuotes = true }
                atFieldStart = false
            }
            index += 1
        }
        return count
    }

    /// Unescapes a quoted field that has doubled quotes or text after its closing quote, the way Python does.
    /// Returns the field's bytes and the index of the delimiter that ends it (or `end`).
    private static func unescapeQuotedField(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int,
        delimiter: UInt8
    ) -> ([UInt8], Int) {
        var field: [UInt8] = []
        field.reserveCapacity(end - start)
        var index = start
        var inQuotes = true
        while index < end {
            let byte = bytes[index]
            if inQuotes && byte == Byte.quote {
                if index + 1 < end && bytes[index + 1] == Byte.quote {
                    field.append(Byte.quote)
                    index += 1
                } else {
                    inQuotes = false
                }
            } else if !inQuotes && byte == delimiter {
                break
            } else {
                field.append(byte)
            }
            index += 1
        }
        return (field, index)
    }

    /// Decodes one field; `ascii` says the whole record is ASCII, which needs no checks in any encoding.
    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool, line: Int, field: Int) throws -> String {
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        let text: String? =
            switch encoding {
            case .utf8: UTF8Validation.isValid(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
            case .windows1252: SingleByteDecoding.decode(bytes, windows1252: true)
            case .latin1: SingleByteDecoding.decode(bytes, windows1252: false)
            }
        guard let text else { throw CSVError.invalidEncoding(line: line, field: field, encoding: encoding) }
        return text
    }
}

/// The bytes the reader looks for, one at a time or eight at a time in a `UInt64`.
private enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")

    /// The high bit of each of eight bytes.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// `byte` in each of eight bytes.
    static func broadcast(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// Whether one of the eight bytes of `word` is a quote, a line break or the delimiter (broadcast).
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64, delimiters: UInt64) -> Bool {
        hasZeroByte(word ^ delimiters) || hasZeroByte(word ^ broadcast(quote)) || hasZeroByte(word ^ broadcast(lf))
            || hasZeroByte(word ^ broadcast(cr))
    }

    /// A high bit set in the bytes of `word` that may be below 0x20; none when no byte is (`hasless` in "Bit
    /// Twiddling Hacks": exact as to whether one is).
    @inline(__always)
    static func lowByteBits(_ word: UInt64) -> UInt64 {
        (word &- 0x2020_2020_2020_2020) & ~word & highBits
    }

    /// The eight bytes at `index`, which must all be in `bytes`.
    @inline(__always)
    static func word(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        // A buffer holding eight bytes at `index` has a base address; an empty one reads as zero.
        guard let base = bytes.baseAddress else { return 0 }
        return UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
    }

    /// The index of the first `target` in `bytes[start..<end]`, or `end`.
    static func firstIndex(of target: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
        -> Int
    {
        var index = start
        let targets = broadcast(target)
        while index + 8 <= end && !hasZeroByte(word(in: bytes, at: index) ^ targets) { index += 8 }
        while index < end && bytes[index] != target { index += 1 }
        return index
    }

    /// Whether one of the eight bytes of `word` is zero (exact, from "Bit Twiddling Hacks").
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & highBits != 0
    }
}

/// Strict UTF-8 validation (Unicode, table 3-7: no overlong forms, surrogates or values past U+10FFFF).
///
/// The standard library's `String(validating:as:)` does the same but needs macOS 15; the package supports 13.
enum UTF8Validation {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The number of continuation bytes and the range allowed for the first of them.
            let count: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: count = 1
            case 0xE0: count = 2; low = 0xA0
            case 0xED: count = 2; high = 0x9F
            case 0xE1...0xEF: count = 2
            case 0xF0: count = 3; low = 0x90
            case 0xF4: count = 3; high = 0x8F
            case 0xF1...0xF3: count = 3
            default: return false
            }
            guard end - index > count, (low...high).contains(bytes[index + 1]) else { return false }
            for offset in stride(from: 2, through: count, by: 1) where bytes[index + offset] & 0xC0 != 0x80 {
                return false
            }
            index += count + 1
        }
        return true
    }
}

/// Latin-1 (every byte is the code point of the same value) and Windows-1252, the encoding of many spreadsheet
/// exports on Windows, which differs from Latin-1 in 0x80...0x9F.
enum SingleByteDecoding {
    /// 0x80...0x9F in Windows-1252; zero marks the five bytes it leaves undefined.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    /// One byte as a character; U+FFFD for a byte Windows-1252 leaves undefined.
    static func character(_ byte: UInt8, windows1252: Bool) -> Character {
        Character(codePoint(byte, windows1252: windows1252).flatMap(Unicode.Scalar.init) ?? "\u{FFFD}")
    }

    /// The text, or nil for a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, windows1252: Bool) -> String? {
        // Every byte is one code point below U+10000, so one, two or three bytes of UTF-8.
        var length = 0
        for byte in bytes {
            guard let value = codePoint(byte, windows1252: windows1252) else { return nil }
            length += value < 0x80 ? 1 : value < 0x800 ? 2 : 3
        }
        return String(unsafeUninitializedCapacity: length) { utf8 in
            var index = 0
            for byte in bytes {
                // Checked above: every byte has a code point (U+FFFD is never reached).
                let value = codePoint(byte, windows1252: windows1252) ?? 0xFFFD
                if value < 0x80 {
                    utf8[index] = UInt8(value)
                    index += 1
                } else if value < 0x800 {
                    utf8[index] = UInt8(0xC0 | value >> 6)
                    utf8[index + 1] = UInt8(0x80 | value & 0x3F)
                    index += 2
                } else {
                    utf8[index] = UInt8(0xE0 | value >> 12)
                    utf8[index + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                    utf8[index + 2] = UInt8(0x80 | value & 0x3F)
                    index += 3
                }
            }
            return index
        }
    }

    @inline(__always)
    private static func codePoint(_ byte: UInt8, windows1252: Bool) -> UInt32? {
        guard windows1252 && (0x80...0x9F).contains(byte) else { return UInt32(byte) }
        let value = windows1252High[Int(byte - 0x80)]
        return value == 0 ? nil : value
    }
}
