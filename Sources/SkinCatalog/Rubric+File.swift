import Foundation

/// Reading a rubric from a file on disk.
extension Rubric {
    /// Reads a rubric file.
    ///
    /// - Throws: ``CatalogError/badRubric(path:reason:)`` naming the file and the key at fault, or
    ///   ``CatalogError/unreadableFile(path:reason:)``.
    public static func load(path: String) throws(CatalogError) -> Rubric {
        guard let bytes = try FileByteSource.contents(of: path, limit: 1 << 20) else {
            throw .badRubric(path: path, reason: "the file is larger than 1 MiB; a rubric is a few KB of JSON")
        }
        guard !bytes.isEmpty else {
            throw .badRubric(path: path, reason: "the file is empty; expected a rubric in JSON")
        }
        let data = Data(bytes)
        do {
            return try Rubric(json: data)
        } catch {
            throw .badRubric(path: path, reason: error.description)
        }
    }
}
