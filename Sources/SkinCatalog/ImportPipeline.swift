import Foundation
import SkinDomain

/// One data row of an import file, read and parsed: what the reading thread hands the writing thread.
struct ParsedRow: Sendable {
    var record: CSVRecord
    /// The product the row describes, or why it is quarantined.
    var listing: Result<ProductListing, RowProblem>
    /// How far into the file the reader was after this row, for progress.
    var bytesRead: Int64
}

/// Reads and parses an import file's rows on a thread of its own, while the caller's thread resolves names and
/// writes to SQLite: the import's two halves run on two cores.
///
/// - Rows arrive in file order, in batches, through a bounded queue: the reader stops when ``capacity`` batches
///   wait, so memory stays bounded whatever the file's size.
/// - A file the reader cannot read (``CatalogError/malformedFile(path:line:reason:)``) reaches the writer after
///   the rows before it, as the error ``next()`` throws, as it would from a single thread.
/// - ``finish()`` stops the reader (when the writer stops early: a `--limit`, a `--strict` rejection, an error) and
///   waits for its thread to end, then hands the reader back. It must be called once, before the reader's source
///   is used again; until then only the reading thread touches the reader and its source.
final class ParsedRows<Reader: RecordReader & SendableMetatype>: @unchecked Sendable {
    /// Rows per batch: one lock round-trip per batch rather than per row.
    static var batchSize: Int { 64 }
    /// Batches that may wait: 16 × 64 rows, a few megabytes at most.
    static var capacity: Int { 16 }

    private enum Item {
        case rows([ParsedRow])
        case failed(CatalogError)
        case end
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: [Item] = []
    private var stopped = false
    private var readerDone = false
    // Touched by the reading thread only, until `finish()` has seen it end.
    private var reader: Reader
    private let bytesRead: () -> Int64
    // The writer's side: the batch being taken apart.
    private var current: [ParsedRow] = []
    private var currentIndex = 0
    private var ended = false

    /// Starts reading. `layout` parses each record; `file` names the file in errors.
    /// `bytesRead` tells how far the reader's source has read; it is called on the reading thread.
    /// `first` holds data rows already read (the first rows of a file without a header), parsed before the others.
    init(
        reader: Reader, layout: ColumnLayout, file: String, first: [CSVRecord] = [],
        bytesRead: @escaping () -> Int64
    ) {
        self.reader = reader
        self.bytesRead = bytesRead
        let thread = Thread { [self] in self.produce(layout: layout, file: file, first: first) }
        thread.name = "skincat import reader"
        thread.start()
    }

    /// The next row in file order; nil at the end of the file.
    /// - Throws: ``CatalogError`` when the file cannot be read further.
    func next() throws(CatalogError) -> ParsedRow? {
        while currentIndex == current.count {
            if ended { return nil }
            condition.lock()
            while waiting.isEmpty { condition.wait() }
            let item = waiting.removeFirst()
            condition.broadcast()
            condition.unlock()
            switch item {
            case .rows(let rows):
                current = rows
                currentIndex = 0
            case .failed(let error):
                ended = true
                throw error
            case .end:
                ended = true
                return nil
            }
        }
        defer { currentIndex += 1 }
        return current[currentIndex]
    }

    /// Stops the reading thread, waits for it to end and returns the reader.
    func finish() -> Reader {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !readerDone { condition.wait() }
        waiting.removeAll()
        condition.unlock()
        return reader
    }

    // MARK: - The reading thread

    private func produce(layout: ColumnLayout, file: String, first: [CSVRecord]) {
        var batch: [ParsedRow] = []
        batch.reserveCapacity(Self.batchSize)
        var last: Item = .end
        var pending = first[...]
        reading: while true {
            let record: CSVRecord
            do {
                if let first = pending.popFirst() {
                    record = first
                } else {
                    guard let next = try RowImporter.next(&reader, header: layout, file: file) else { break reading }
                    record = next
                }
            } catch {
                // A file that cannot be read further (an I/O error) is named as such, not as a database error.
                last = .failed(
                    error as? CatalogError ?? .unreadableFile(path: file, reason: String(describing: error)))
                break reading
            }
            let listing: Result<ProductListing, RowProblem>
            do throws(RowProblem) {
                if let problem = RowImporter.problem(with: record, layout: layout) { throw problem }
                var product = try ProductListing(fields: record.fields, layout: layout)
                // A JSON object's keys beyond the header's (JSONRecordReader) are extra fields too.
                if !record.extraFields.isEmpty {
                    product.extraFields += record.extraFields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                }
                listing = .success(product)
            } catch {
                listing = .failure(error)
            }
            batch.append(ParsedRow(record: record, listing: listing, bytesRead: bytesRead()))
            if batch.count == Self.batchSize {
                guard put(.rows(batch)) else { break reading }
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { _ = put(.rows(batch)) }
        _ = put(last)
        condition.lock()
        readerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues an item, waiting while the queue is full; false once the writer has stopped.
    private func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= Self.capacity && !stopped { condition.wait() }
        guard !stopped else { return false }
        waiting.append(item)
        condition.broadcast()
        return true
    }
}
