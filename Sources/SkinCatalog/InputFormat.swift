import SkinDomain

/// The format of an import file.
///
/// Told, when not given, by the file's extension (`.csv`, `.tsv`, `.txt`; `.json`; `.jsonl`, `.ndjson`), else by its
/// first byte other than white space and a byte-order mark: `[` is a JSON document, `{` JSON Lines, anything else
/// CSV.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Delimited text: comma- or tab-separated values with a header row (RFC 4180 quoting).
    case csv
    /// A JSON document read whole: an array of objects, or objects one after another.
    case json
    /// JSON Lines: one object a line, read as a stream.
    case jsonLines = "jsonl"

    /// The format a file's extension names, nil when it names none.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv", "tsv", "txt": self = .csv
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonLines
        default: return nil
        }
    }

    /// The format the first bytes of a file suggest.
    init(firstBytes bytes: [UInt8]) {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else {
            self = .csv
            return
        }
        switch bytes[index] {
        case UInt8(ascii: "["): self = .json
        case UInt8(ascii: "{"): self = .jsonLines
        default: self = .csv
        }
    }
}

/// A byte source whose first bytes were read ahead to tell its format, and are given again first.
final class SniffedByteSource: ByteSource {
    private let source: FileByteSource
    private var head: [UInt8] = []
    private var headOffset = 0
    /// The format the first bytes suggest.
    let format: InputFormat

    /// Reads up to 4 KiB of `source` ahead.
    init(_ source: FileByteSource) throws {
        self.source = source
        while head.count < 4_096, try source.read(into: &head, maxCount: 4_096 - head.count) > 0 {}
        format = InputFormat(firstBytes: head)
    }

    func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        if headOffset < head.count {
            let count = min(maxCount, head.count - headOffset)
            buffer.append(contentsOf: head[headOffset..<headOffset + count])
            headOffset += count
            if headOffset == head.count { head = [] }
            return count
        }
        return try source.read(into: &buffer, maxCount: maxCount)
    }
}
