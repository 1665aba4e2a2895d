import FuzzSupport
import SkinDomain

/// Fuzzes `JSONRecordReader` (and under it `JSONParser`) over a source that hands out few bytes at a time.
///
/// The first two bytes choose the reader's settings, the rest is the file:
/// - byte 0, bit 0: the layout (a document, or JSON Lines); bits 1-4: the chunk size (1 to 16 bytes), so lines
///   straddle refills everywhere;
/// - byte 1: the longest record accepted, `maxRecordBytes` (0 keeps 1 MiB).
///
/// Properties checked besides "no crash, no hang":
/// 1. The first record is the header: its fields are distinct; every later record has as many fields as the header
///    or none (a record set aside with an issue), and a record without fields always has an issue.
/// 2. Line numbers start at 1 or later, never decrease, and never pass the number of line feeds plus one.
/// 3. The chunk size does not change the records or the error.
/// 4. After an error, `next()` throws the same error again or ends; the reader ends (no more records than bytes).
/// 5. A whole input that `JSONParser` reads gives back the same value from its own `jsonText` (a round trip).
@main
enum FuzzJSON {
    static func main() { runLibFuzzer(fuzzJSON) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(data, count)
    guard bytes.count >= 2 else { return 0 }
    let layout: JSONLayout = bytes[0] & 1 == 0 ? .document : .lines
    let chunkSize = Int(bytes[0] >> 1 & 15) + 1
    let maxRecordBytes = bytes[1] == 0 ? 1 << 20 : Int(bytes[1])
    let input = Array(bytes[2...])

    let whole = read(input, layout: layout, chunkSize: input.count + 1, maxRecordBytes: maxRecordBytes)
    let chunked = read(input, layout: layout, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
    require(whole.records == chunked.records, "chunk size \(chunkSize) changes the records")
    require(
        "\(whole.error.map { "\($0)" } ?? "none")" == "\(chunked.error.map { "\($0)" } ?? "none")",
        "chunk size \(chunkSize) changes the error")

    let lineFeeds = input.count { $0 == 0x0A }
    var previousLine = 0
    for (index, record) in whole.records.enumerated() {
        require(record.line >= 1 && record.line >= previousLine, "line \(record.line) after \(previousLine)")
        require(record.line <= lineFeeds + 1, "line \(record.line) in input with \(lineFeeds) line feeds")
        previousLine = record.line
        if index == 0 {
            require(Set(record.fields).count == record.fields.count, "the header repeats a key")
            continue
        }
        let width = whole.records[0].fields.count
        require(record.fields.count == width || record.fields.isEmpty, "a record of \(record.fields.count) fields")
        // A record without fields carries the reason, unless the header itself is empty (none of the first objects
        // could be read): then the import stops at the header ("no sku column"), before any record.
        require(
            !record.fields.isEmpty || !record.issues.isEmpty || width == 0,
            "line \(record.line): no fields and no issue")
    }

    if let value = try? JSONParser.parse(input) {
        let again = try? JSONParser.parse(Array(value.jsonText.utf8))
        require(again == value, "\(value.jsonText.debugDescription) does not read back to the same value")
    }
    return 0
}

/// A source that hands out at most `chunkSize` bytes a read.
private struct ChunkedSource: ByteSource {
    let bytes: [UInt8]
    let chunkSize: Int
    var offset = 0

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        let count = min(maxCount, chunkSize, bytes.count - offset)
        buffer.append(contentsOf: bytes[offset..<offset + count])
        offset += count
        return count
    }
}

/// Every record up to the end or the first error, and that error (after checking what a second call does).
private func read(_ input: [UInt8], layout: JSONLayout, chunkSize: Int, maxRecordBytes: Int)
    -> (records: [CSVRecord], error: (any Error)?)
{
    var reader = JSONRecordReader(
        source: ChunkedSource(bytes: input, chunkSize: chunkSize), layout: layout, maxRecordBytes: maxRecordBytes)
    var records: [CSVRecord] = []
    do {
        while let record = try reader.next() {
            records.append(record)
            require(records.count <= input.count + 1, "more records than bytes: the reader does not end")
        }
        return (records, nil)
    } catch {
        return (records, error)
    }
}
