import Foundation

/// A fresh temporary directory that removes itself, with everything in it, when the last reference goes away.
///
/// Swift Testing makes one instance of a suite per test and drops it when the test ends, so a struct suite that
/// stores one cleans up after every test without a `deinit` of its own:
///
/// ```swift
/// struct SomeEndToEndTests {
///     let temporary: TemporaryDirectory
///     init() throws { temporary = try TemporaryDirectory() }
/// }
/// ```
public final class TemporaryDirectory: Sendable {
    /// The directory, created by `init`.
    public let url: URL

    /// Creates a directory under the system's temporary directory.
    /// - Throws: The file manager's error when the directory cannot be created.
    public init() throws { url = try Paths.temporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: url) }
}
