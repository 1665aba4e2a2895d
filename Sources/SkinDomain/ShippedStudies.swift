/// The studies every catalog starts with (`Resources/Studies.csv`, embedded in the binary; DOMAIN.md section 4): an
/// ordinary studies file (docs/studies.md), loaded with the reference data, so the built-in studies take the path a
/// user's own do. Changing the file means bumping ``ReferenceData/bundledVersion``, so existing catalogs load it.
public enum ShippedStudies {
    /// The file, byte for byte, for `skincat studies export` of a new catalog and for tests.
    public static var csv: String { String(decoding: PackageResources.Studies_csv, as: UTF8.self) }

    /// The file's studies, read as `skincat studies import` reads a file.
    public static let entries: [StudyEntry] = {
        var reader = CSVReader(source: InMemoryByteSource(csv))
        do {
            guard let header = try reader.next() else { return [] }
            let columns = try StudyColumns(header: header.fields)
            var entries: [StudyEntry] = []
            while let record = try reader.next() { entries.append(try columns.entry(record.fields)) }
            return entries
        } catch {
            // The file is part of the build and checked by the test suite; failing here is a build defect.
            preconditionFailure("Resources/Studies.csv does not read: \(error)")
        }
    }()
}
