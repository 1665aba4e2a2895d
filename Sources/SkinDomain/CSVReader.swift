/// Something the CSV reader can pull bytes from: a file, a pipe, or an array in a test.
public protocol ByteSource {
    /// Reads up to `maxCount` bytes, appending them to `buffer`. Returns 0 at the end of the input.
    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int
}

/// A byte source over bytes already in memory.
public struct InMemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let count = min(maxCount, bytes.count - offset)
        buffer.append(contentsOf: bytes[offset..<offset + count])
        offset += count
        return count
    }
}

/// The text encodings the reader accepts.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
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
public struct CSVRecord: Sendable {
    /// The fields, decoded.
    public var fields: [String]
    /// The physical line the record starts on (1-based; the header is usually line 1).
    public var line: Int
    /// The record as it appeared in the file (without its line ending), for quarantine.
    public var raw: String
}

/// Why a CSV file could not be read.
public enum CSVError: Error, Equatable, Sendable {
    /// A field is not valid in the file's encoding.
    case invalidEncoding(line: Int, field: Int, encoding: TextEncoding)
    /// A quoted field is still open at the end of the file.
    case unterminatedQuote(line: Int)
}

extension CSVError: CustomStringConvertible {
    /// The physical line the problem is on.
    public var line: Int {
        switch self {
        case .invalidEncoding(let line, _, _), .unterminatedQuote(let line): line
        }
    }

    /// What is wrong, without the location.
    public func detail(fieldName: String? = nil) -> String {
        switch self {
        case .invalidEncoding(_, let field, let encoding):
            "field \(field)\(fieldName.map { " (\($0))" } ?? ""): not valid \(encoding.rawValue) text"
                + (encoding == .utf8 ? "; if the file is not UTF-8, pass --encoding windows-1252 (or latin1)" : "")
        case .unterminatedQuote:
            "a quoted field starts here and is never closed"
        }
    }

    public var description: String { "line \(line): \(detail())" }
}

/// A streaming RFC 4180 reader: memory stays bounded by the largest record, whatever the file size.
///
/// It accepts what spreadsheet exports actually contain, as Python's `csv` module does: a UTF-8 byte-order mark,
/// CRLF, LF or CR line endings, quoted fields with delimiters, line breaks and doubled quotes, and quotes in the
/// middle of unquoted fields (kept literally). A file whose last quoted field never closes is an error.
///
/// ```swift
/// var reader = CSVReader(source: InMemoryByteSource("sku,name\n001,\"Serum, 30 mL\"\n"))
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
public struct CSVReader<Source: ByteSource> {
    private var source: Source
    private let delimiter: UInt8
    private let encoding: TextEncoding
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var startedReading = false
    private let chunkSize: Int

    /// - Parameters:
    ///   - source: where the bytes come from.
    ///   - delimiter: the field separator, `,` by default.
    ///   - encoding: how field bytes are decoded; invalid bytes are an error, never replaced silently.
    public init(source: Source, delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding = .utf8,
                chunkSize: Int = 1 << 16) {
        self.source = source
        self.delimiter = delimiter
        self.encoding = encoding
        self.chunkSize = chunkSize
    }

    /// Returns the next record, or nil at the end of the input. Blank lines are skipped.
    ///
    /// - Throws: ``CSVError`` for text that is not valid in the encoding or a quote that never closes, and
    ///   whatever the byte source throws.
    public mutating func next() throws -> CSVRecord? {
        if !startedReading {
            startedReading = true
            try fill()
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
        while true {
            guard let (start, end, next, newlines) = try scanRecord() else { return nil }
            let recordLine = line
            line += newlines
            if end == start { position = next; continue }  // blank line
            let record = try makeRecord(start: start, end: end, line: recordLine)
            position = next
            return record
        }
    }

    /// Ensures more bytes are buffered; returns false at the end of the input.
    private mutating func fill() throws {
        if position > 0 && position >= buffer.count / 2 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let read = try source.read(into: &buffer, maxCount: chunkSize)
        if read == 0 { atEnd = true }
    }

    /// Makes sure `buffer[index + 1]` is loaded when the input has it; returns the adjusted index.
    private mutating func ensureLookahead(_ index: inout Int) throws {
        while index + 1 >= buffer.count && !atEnd {
            let offset = index - position
            try fill()
            index = position + offset
        }
    }

    /// Finds the end of the record starting at `position`: (start, end excluding line ending, next start, newlines).
    /// A quote opens a quoted field only at the start of a field, as in Python's `csv` module.
    private mutating func scanRecord() throws -> (Int, Int, Int, Int)? {
        var index = position
        var inQuotes = false
        var atFieldStart = true
        var newlines = 0
        var quoteLine = line
        while true {
            if index >= buffer.count {
                if !atEnd {
                    let offset = index - position
                    try fill()
                    index = position + offset
                    continue
                }
                if index == position { return nil }
                if inQuotes { throw CSVError.unterminatedQuote(line: quoteLine) }
                return (position, index, index, 0)
            }
            let byte = buffer[index]
            if inQuotes {
                switch byte {
                case 0x22:
                    try ensureLookahead(&index)
                    if index + 1 < buffer.count && buffer[index + 1] == 0x22 {
                        index += 2
                        continue
                    }
                    inQuotes = false
                case 0x0A:
                    newlines += 1
                case 0x0D:
                    try ensureLookahead(&index)
                    if index + 1 >= buffer.count || buffer[index + 1] != 0x0A { newlines += 1 }
                default:
                    break
                }
                index += 1
                continue
            }
            switch byte {
            case 0x22 where atFieldStart:
                inQuotes = true
                atFieldStart = false
                quoteLine = line + newlines
            case 0x0A:
                return (position, index, index + 1, newlines + 1)
            case 0x0D:
                try ensureLookahead(&index)
                let next = index + 1 < buffer.count && buffer[index + 1] == 0x0A ? index + 2 : index + 1
                return (position, index, next, newlines + 1)
            case delimiter:
                atFieldStart = true
            default:
                atFieldStart = false
            }
            index += 1
        }
    }

    private func makeRecord(start: Int, end: Int, line: Int) throws -> CSVRecord {
        var fields: [String] = []
        var field: [UInt8] = []
        var index = start
        var inQuotes = false
        var atFieldStart = true
        var fieldNumber = 1
        while index < end {
            let byte = buffer[index]
            if inQuotes {
                if byte == 0x22 {
                    if index + 1 < end && buffer[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == delimiter {
                fields.append(try decode(field, line: line, field: fieldNumber))
                field.removeAll(keepingCapacity: true)
                fieldNumber += 1
                atFieldStart = true
                index += 1
                continue
            } else if byte == 0x22 && atFieldStart {
                inQuotes = true
            } else {
                field.append(byte)
            }
            atFieldStart = false
            index += 1
        }
        fields.append(try decode(field, line: line, field: fieldNumber))
        let raw = buffer[start..<end]
        let rawText = String(validating: raw, as: UTF8.self) ?? decodeLossless(Array(raw))
        return CSVRecord(fields: fields, line: line, raw: rawText)
    }

    private func decode(_ bytes: [UInt8], line: Int, field: Int) throws -> String {
        switch encoding {
        case .utf8:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CSVError.invalidEncoding(line: line, field: field, encoding: .utf8)
            }
            return text
        case .windows1252:
            return try Windows1252.decode(bytes) ?? {
                throw CSVError.invalidEncoding(line: line, field: field, encoding: .windows1252)
            }()
        case .latin1:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
    }

    /// The raw row kept in quarantine must not lose bytes: decode it in the reader's encoding, or byte by byte.
    private func decodeLossless(_ bytes: [UInt8]) -> String {
        if encoding == .windows1252, let text = Windows1252.decode(bytes) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}

/// Windows-1252, the encoding of many spreadsheet exports on Windows.
enum Windows1252 {
    /// 0x80...0x9F; zero marks the five bytes Windows-1252 leaves undefined.
    private static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    static func decode(_ bytes: [UInt8]) -> String? {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F {
                let value = high[Int(byte - 0x80)]
                guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
                scalars.append(scalar)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }
}
