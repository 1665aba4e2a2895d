import Foundation

/// Reads a file (or standard input) in chunks for ``CSVReader``, counting the bytes read so far for progress
/// reports.
final class FileByteSource: ByteSource {
    private let handle: FileHandle
    /// The file's path as given, or `<stdin>`.
    let path: String
    /// The file's size in bytes when it was opened (0 for pipes and other streams).
    let totalBytes: Int64
    private(set) var bytesRead: Int64 = 0
    /// Standard input stays open for whoever reads it next.
    private var closesHandle = true

    /// - Throws: ``CatalogError/unreadableFile(path:reason:)`` when the file is missing or unreadable.
    init(path: String) throws(CatalogError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableFile(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path: path, reason: "permission denied")
        }
        self.handle = handle
        self.path = path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        totalBytes = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    private init(handle: FileHandle, name: String) {
        self.handle = handle
        self.path = name
        totalBytes = 0
        closesHandle = false
    }

    /// Standard input, read as a stream and named ``Catalog/standardInputName`` (`<stdin>`).
    static func standardInput() -> FileByteSource {
        FileByteSource(handle: FileHandle.standardInput, name: Catalog.standardInputName)
    }

    deinit { if closesHandle { try? handle.close() } }

    func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        guard let data = try handle.read(upToCount: maxCount), !data.isEmpty else { return 0 }
        buffer.append(contentsOf: data)
        bytesRead += Int64(data.count)
        return data.count
    }
}

extension FileByteSource {
    /// The whole of a small file (a rubric, a rates file), or nil when it is longer than `limit` bytes.
    ///
    /// - Throws: ``CatalogError/unreadableFile(path:reason:)`` when it cannot be opened or read.
    static func contents(of path: String, limit: Int) throws(CatalogError) -> [UInt8]? {
        let source = try FileByteSource(path: path)
        var bytes: [UInt8] = []
        while bytes.count <= limit {
            do {
                guard try source.read(into: &bytes, maxCount: 65_536) > 0 else { break }
            } catch {
                throw .unreadableFile(path: path, reason: String(describing: error))
            }
        }
        return bytes.count <= limit ? bytes : nil
    }
}
