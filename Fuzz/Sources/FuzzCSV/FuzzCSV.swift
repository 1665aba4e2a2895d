import FuzzSupport
import SkinDomain

/// Fuzzes `CSVReader` over `InMemoryByteSource`, in every encoding, with small chunks and small record limits.
///
/// The first two bytes choose the reader's settings, the rest is the file:
/// - byte 0, bits 0-1: the encoding (UTF-8, Windows-1252, Latin-1, UTF-8); bits 2-3: the delimiter (`,` `;` tab
///   `|`); bits 4-7: the chunk size (1 to 16 bytes), so records straddle refills everywhere;
/// - byte 1: the largest record accepted, `maxRecordBytes` (0 keeps a limit of 64 MiB).
///
/// Properties checked besides "no crash, no hang":
/// 1. Every field and every raw record is made only of bytes of the input (characters that encode back to them).
/// 2. Line numbers start at 1 or later, never decrease, and never pass the number of line breaks plus one.
/// 3. Reading in small chunks gives the records and the error of reading the whole input at once; a record over a
///    small record limit may only come back set aside (a `tooLong` issue, no fields) where the whole reading has it.
/// 4. After an error, `next()` throws the same error again (the reader stays on the bad record).
/// 5. The reader ends: no more records than bytes.
@main
enum FuzzCSV {
    static func main() { runLibFuzzer(fuzzCSV) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(data, count)
    guard bytes.count >= 2 else { return 0 }
    let settings = bytes[0]
    let encoding: TextEncoding = [.utf8, .windows1252, .latin1, .utf8][Int(settings & 3)]
    let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")][
        Int(settings >> 2 & 3)]
    let chunkSize = Int(settings >> 4) + 1
    let maxRecordBytes = bytes[1] == 0 ? 1 << 26 : Int(bytes[1])
    let input = Array(bytes[2...])

    let whole = read(input, delimiter: delimiter, encoding: encoding, chunkSize: input.count + 1)
    let chunked = read(
        input, delimiter: delimiter, encoding: encoding, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)

    let inputBytes = Set(input)
    let lineBreaks = lineBreakCount(input)
    for outcome in [whole, chunked] {
        var previousLine = 0
        for record in outcome.records {
            require(record.line >= 1 && record.line >= previousLine, "line \(record.line) after \(previousLine)")
            require(record.line <= lineBreaks + 1, "line \(record.line) in input with \(lineBreaks) line breaks")
            let tooLong = record.issues.contains { if case .tooLong = $0 { true } else { false } }
            // A set-aside record has no fields, only the beginning of its raw text.
            require((tooLong || !record.fields.isEmpty) && !record.raw.isEmpty, "empty record at line \(record.line)")
            // A set-aside record's raw text is only its first bytes, which may end inside a character.
            for text in record.fields + (tooLong ? [] : [record.raw]) {
                require(
                    madeOfInputBytes(text, inputBytes, encoding),
                    "line \(record.line): \(text.debugDescription) has bytes that are not in the input")
            }
            previousLine = record.line
        }
        if let error = outcome.error as? CSVError {
            require(error.line >= previousLine, "error on line \(error.line) after a record on \(previousLine)")
            require(error.line <= lineBreaks + 1, "error on line \(error.line), \(lineBreaks) line breaks")
        }
    }
    let setAside = chunked.records.contains { record in
        record.issues.contains { if case .tooLong = $0 { true } else { false } }
    }
    if setAside {
        for (read, limited) in zip(whole.records, chunked.records) {
            let tooLong = limited.issues.contains { if case .tooLong = $0 { true } else { false } }
            require(
                read == limited || (tooLong && read.line == limited.line),
                "line \(limited.line): a record differs under a record limit without being set aside")
        }
    } else {
        require(whole.records == chunked.records, "chunk size \(chunkSize) changes the records")
        require(
            "\(whole.error.map { "\($0)" } ?? "none")" == "\(chunked.error.map { "\($0)" } ?? "none")",
            "chunk size \(chunkSize) changes the error: \(String(describing: whole.error)) vs "
                + String(describing: chunked.error))
    }
    return 0
}

/// Every record up to the end or the first error, and that error (after checking it repeats).
private func read(
    _ input: [UInt8], delimiter: UInt8, encoding: TextEncoding, chunkSize: Int, maxRecordBytes: Int = 1 << 26
) -> (records: [CSVRecord], error: (any Error)?) {
    var reader = CSVReader(
        source: InMemoryByteSource(input), delimiter: delimiter, encoding: encoding, chunkSize: chunkSize,
        maxRecordBytes: maxRecordBytes)
    var records: [CSVRecord] = []
    do {
        while let record = try reader.next() {
            records.append(record)
            require(records.count <= input.count, "more records than bytes: the reader does not end")
        }
        return (records, nil)
    } catch {
        do {
            _ = try reader.next()
            require(false, "next() after \(error) returned instead of throwing again")
        } catch let again {
            require("\(again)" == "\(error)", "next() after \(error) threw \(again)")
        }
        return (records, error)
    }
}

/// LF, and CR not followed by LF: what ends a physical line.
private func lineBreakCount(_ input: [UInt8]) -> Int {
    var count = 0
    for (index, byte) in input.enumerated() {
        if byte == 0x0A || (byte == 0x0D && (index + 1 == input.count || input[index + 1] != 0x0A)) { count += 1 }
    }
    return count
}

/// Whether `text`, encoded back in `encoding`, uses only bytes found in the input.
private func madeOfInputBytes(_ text: String, _ input: Set<UInt8>, _ encoding: TextEncoding) -> Bool {
    switch encoding {
    case .utf8:
        return text.utf8.allSatisfy(input.contains)
    case .latin1:
        return text.unicodeScalars.allSatisfy { $0.value <= 0xFF && input.contains(UInt8($0.value)) }
    case .windows1252:
        return text.unicodeScalars.allSatisfy { scalar in
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                return input.contains(UInt8(scalar.value))
            }
            guard let byte = windows1252Bytes[scalar.value] else { return false }
            return input.contains(byte)
        }
    }
}

/// Windows-1252's 0x80-0x9F, from code point back to byte (the five undefined bytes are absent).
private let windows1252Bytes: [UInt32: UInt8] = [
    0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02C6: 0x88,
    0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93,
    0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
    0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
]
