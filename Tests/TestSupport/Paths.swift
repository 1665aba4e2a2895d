import Foundation

/// Where the tests find their inputs: the package's `Fixtures/` and the real data in `../shared/data/real`.
public enum Paths {
    /// The package root (this file is `Tests/TestSupport/Paths.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under `Fixtures/`.
    public static func fixture(_ relativePath: String) -> String {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relativePath).path
    }

    /// `../shared/data/real` beside the checkout; real catalogs are never committed.
    public static let realData: URL = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/data/real")

    /// Whether the real data is present; tests that need it are disabled (and say so) when it is not.
    public static var realDataAvailable: Bool {
        FileManager.default.fileExists(atPath: realData.appendingPathComponent("cosing/cosing.csv").path)
    }

    /// A real data file, e.g. `sephora-cosmetics/cosmetics.csv`.
    public static func real(_ relativePath: String) -> String {
        realData.appendingPathComponent(relativePath).path
    }

    /// A fresh temporary directory, removed by the caller when done.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("skincat-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
