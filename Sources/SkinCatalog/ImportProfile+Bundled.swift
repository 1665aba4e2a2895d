import Foundation
import SkinCatalogProfiles

/// The import profiles skincat ships with.
extension ImportProfile {
    /// The profiles shipped with skincat (`Profiles/*.json`, embedded in the binary), by name.
    public static let bundled: [ImportProfile] = ProfileFiles.all.map { file in
        do {
            return try JSONDecoder().decode(ImportProfile.self, from: Data(file.json))
        } catch {
            // The files are part of the build and decoded by the test suite; failing here is a build defect.
            preconditionFailure("Profiles/\(file.name).json does not decode: \(error)")
        }
    }

    /// A shipped profile by name, or a profile file (`my-shop.json`) when `nameOrPath` ends in `.json` or names
    /// an existing file.
    ///
    /// ```swift
    /// let profile = try ImportProfile.named("lookfantastic")
    /// ```
    /// - Throws: ``CatalogError/badProfile(name:reason:)`` for an unknown name, or a file that cannot be read or
    ///   decoded (naming the file and what is wrong).
    public static func named(_ nameOrPath: String) throws(CatalogError) -> ImportProfile {
        if let profile = bundled.first(where: { $0.name == nameOrPath }) { return profile }
        let isFile = nameOrPath.hasSuffix(".json") || FileManager.default.fileExists(atPath: nameOrPath)
        guard isFile else {
            let known = bundled.map(\.name).joined(separator: ", ")
            throw .badProfile(name: nameOrPath, reason: "no such profile; use one of \(known), or a FILE.json")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: nameOrPath))
        } catch {
            throw .badProfile(name: nameOrPath, reason: "cannot read the file: \(error.localizedDescription)")
        }
        do {
            let profile = try JSONDecoder().decode(ImportProfile.self, from: data)
            _ = try profile.mapping()
            return profile
        } catch let error as MappingError {
            throw .badProfile(name: nameOrPath, reason: error.description)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .badProfile(
                name: nameOrPath,
                reason: "missing key \"\(key.stringValue)\" (a profile needs "
                    + "\"name\" and \"columns\")")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .badProfile(name: nameOrPath, reason: "\(path): \(context.debugDescription)")
        } catch {
            throw .badProfile(name: nameOrPath, reason: "not a profile JSON object: \(error.localizedDescription)")
        }
    }
}
