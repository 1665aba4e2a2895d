import Foundation

extension Rubric {
    /// Reads a rubric file.
    ///
    /// - Throws: ``CatalogError/badRubric(path:reason:)`` naming the file and the key at fault, or
    ///   ``CatalogError/unreadableFile(path:reason:)``.
    public static func load(path: String) throws(CatalogError) -> Rubric {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(
                path: path,
                reason: FileManager.default.fileExists(atPath: path)
                    ? "permission denied" : "no such file")
        }
        do {
            return try Rubric(json: data)
        } catch {
            throw .badRubric(path: path, reason: error.description)
        }
    }
}
