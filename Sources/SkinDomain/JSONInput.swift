/// A JSON value as read from an import file, keeping what an import needs: an object's keys in their order, and a
/// number's text as printed (`12.50` stays `12.50`, never `12.5`).
public indirect enum JSONInput: Hashable, Sendable {
    /// An object, its members in the order of the file (a repeated key is kept twice).
    case object([(key: String, value: JSONInput)])
    /// An array, its elements in order.
    case array([JSONInput])
    /// A string, its escapes decoded.
    case string(String)
    /// A number, as its text in the file (already checked against the JSON grammar).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`, which the import reads as an empty field.
    case null

    /// Whether two values are the same JSON text: objects compare their members in order, numbers their text
    /// (`12.50` is not `12.5`).
    public static func == (lhs: JSONInput, rhs: JSONInput) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// Hashes the value consistently with ``==(_:_:)``: members in order, numbers by their text.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .object(let members):
            hasher.combine(0)
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        case .array(let values): hasher.combine(values)
        case .string(let text): hasher.combine(text)
        case .number(let text): hasher.combine(text)
        case .bool(let value): hasher.combine(value)
        case .null: hasher.combine(1)
        }
    }

    /// The value as compact JSON text (keys in their order, strings escaped as RFC 8259 requires): how a nested
    /// value is kept in a text field.
    public var jsonText: String {
        var text = ""
        write(to: &text)
        return text
    }

    private func write(to text: inout String) {
        switch self {
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += "," }
                Self.writeString(member.key, to: &text)
                text += ":"
                member.value.write(to: &text)
            }
            text += "}"
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(to: &text)
            }
            text += "]"
        case .string(let string): Self.writeString(string, to: &text)
        case .number(let number): text += number
        case .bool(let value): text += value ? "true" : "false"
        case .null: text += "null"
        }
    }

    /// Appends `string` to `text` as a JSON string literal (RFC 8259): in double quotes, with quotes, backslashes
    /// and control characters escaped, everything else as it is. The one JSON string writer: the parser's values
    /// and the output layer's JSON both use it.
    public static func writeString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

/// Why JSON text could not be read: what was wrong and where (1-based line, counted from the text's start).
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line the problem is on.
    public var line: Int
    /// What was wrong there, in a few words.
    public var reason: String
    /// The reason after its line: `line 3: the text ends where a value was expected`.
    public var description: String { "line \(line): \(reason)" }

    /// An error; each argument sets the property of the same name.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// A small JSON parser (RFC 8259) over UTF-8 bytes, written for the import: it reads one value at a time from a
/// position, so a JSON array's elements can be taken one by one and a JSON Lines file line by line, and it reports
/// the line of every problem. Nesting is limited to ``maxDepth`` levels, so no input can exhaust the stack.
public struct JSONParser {
    /// The deepest nesting read; deeper input is an error, not a crash.
    public static let maxDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    public private(set) var position: Int
    /// The line `position` is on (1-based), given the line the text started on.
    public private(set) var line: Int

    /// A parser over `bytes`, starting at `position`, which is on line `line`.
    public init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0, line: Int = 1) {
        self.bytes = bytes
        self.position = position
        self.line = line
    }

    /// Parses a whole text holding one JSON value (with white space around it).
    /// - Throws: ``JSONSyntaxError``.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONInput {
        let result: Result<JSONInput, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            do throws(JSONSyntaxError) {
                let value = try parser.value()
                try parser.expectEnd()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Skips white space; returns the next byte without reading it, nil at the end.
    public mutating func peek() -> UInt8? {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                position += 1
                line += 1
            default: return bytes[position]
            }
        }
        return nil
    }

    /// Reads `byte` (after white space) or throws, naming what was expected.
    public mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard let next = peek() else { throw failure("the text ends where \(what) was expected") }
        guard next == byte else { throw failure("\(Self.describe(next)) where \(what) was expected") }
        position += 1
    }

    /// Throws unless only white space is left.
    public mutating func expectEnd() throws(JSONSyntaxError) {
        if let next = peek() { throw failure("\(Self.describe(next)) after the end of the value") }
    }

    /// Reads one value.
    public mutating func value() throws(JSONSyntaxError) -> JSONInput {
        try value(depth: 0)
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONInput {
        guard depth < Self.maxDepth else { throw failure("nested more than \(Self.maxDepth) levels deep") }
        guard let next = peek() else { throw failure("the text ends where a value was expected") }
        switch next {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(key: String, value: JSONInput)] = []
            if peek() == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                guard peek() == UInt8(ascii: "\"") else {
                    throw failure(
                        peek().map { "\(Self.describe($0)) where a key was expected" }
                            ?? "the text ends inside an object")
                }
                position += 1
                let key = try string()
                try expect(UInt8(ascii: ":"), "':' after a key")
                members.append((key, try value(depth: depth + 1)))
                guard let after = peek() else { throw failure("the text ends inside an object") }
                position += 1
                if after == UInt8(ascii: "}") { return .object(members) }
                guard after == UInt8(ascii: ",") else {
                    position -= 1
                    throw failure("\(Self.describe(after)) where ',' or '}' was expected")
                }
            }
        case UInt8(ascii: "["):
            position += 1
            var values: [JSONInput] = []
            if peek() == UInt8(ascii: "]") {
                position += 1
                return .array(values)
            }
            while true {
                values.append(try value(depth: depth + 1))
                guard let after = peek() else { throw failure("the text ends inside an array") }
                position += 1
                if after == UInt8(ascii: "]") { return .array(values) }
                guard after == UInt8(ascii: ",") else {
                    position -= 1
                    throw failure("\(Self.describe(after)) where ',' or ']' was expected")
                }
            }
        case UInt8(ascii: "\""):
            position += 1
            return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("\(Self.describe(next)) where a value was expected")
        }
    }

    private mutating func literal(_ word: String, _ value: JSONInput) throws(JSONSyntaxError) -> JSONInput {
        let expected = Array(word.utf8)
        let count = expected.count
        guard position + count <= bytes.count,
            (0..<count).allSatisfy({ bytes[position + $0] == expected[$0] })
        else { throw failure("an unknown word where a value was expected (strings need double quotes)") }
        position += count
        return value
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = position
        func digits(_ parser: inout JSONParser) -> Int {
            let first = parser.position
            while parser.position < parser.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.position])
            {
                parser.position += 1
            }
            return parser.position - first
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw failure("a '-' not followed by a digit") }
        if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
            throw failure("a number with a leading zero")
        }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw failure("a number with no digit after its decimal point") }
        }
        if position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"))
            {
                position += 1
            }
            guard digits(&self) > 0 else { throw failure("a number with no digit in its exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// Reads a string's content after its opening quote, up to and including the closing quote.
    private mutating func string() throws(JSONSyntaxError) -> String {
        let start = position
        // The common case: no escape; the bytes are checked as UTF-8 once.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw failure("a string that is not valid UTF-8 (JSON is UTF-8)")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure(Self.controlInString(byte)) }
            position += 1
        }
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw failure("a string that is not valid UTF-8 (JSON is UTF-8)")
                }
                return text
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one.
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw failure("a lone surrogate in a \\u escape") }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw failure("a lone surrogate in a \\u escape")
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw failure("an invalid \\u escape") }
                    utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    position -= 1
                    throw failure("an unknown escape \\\(Self.describe(escape, quoted: false)) in a string")
                }
            default:
                if byte < 0x20 {
                    position -= 1
                    throw failure(Self.controlInString(byte))
                }
                utf8.append(byte)
            }
        }
        throw failure("a string that is never closed")
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("a \\u escape with fewer than four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape with fewer than four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private static func controlInString(_ byte: UInt8) -> String {
        byte == 0x0A
            ? "a line break inside a string (write it as \\n)"
            : "\(CSVIssue.name(ofControl: byte)) inside a string (write it as a \\u escape)"
    }

    private func failure(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, reason: reason)
    }

    static func describe(_ byte: UInt8, quoted: Bool = true) -> String {
        let text =
            (0x21..<0x7F).contains(byte)
            ? String(UnicodeScalar(byte)) : "byte 0x" + String(byte, radix: 16, uppercase: true)
        return quoted && (0x21..<0x7F).contains(byte) ? "'\(text)'" : text
    }
}
