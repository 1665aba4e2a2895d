import Foundation

/// Reads a file in chunks for ``CSVReader``, counting the bytes read so far for progress reports.
final class FileByteSource: ByteSource {
    private let handle: FileHandle
    let path: String
    /// The file's size in bytes when it was opened (0 for pipes and other streams).
    let totalBytes: Int64
    private(set) var bytesRead: Int64 = 0

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

    deinit { try? handle.close() }

    func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        guard let data = try handle.read(upToCount: maxCount), !data.isEmpty else { return 0 }
        buffer.append(contentsOf: data)
        bytesRead += Int64(data.count)
        return data.count
    }
}
