import Foundation
import TestSupport

/// Runs the built `skincat` binary and captures stdout, stderr and the exit code separately.
struct CLI {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The binary `swift test` built beside the test bundle.
    static let binary: URL = {
        let candidates = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent("skincat"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("skincat"),
            Paths.packageRoot.appendingPathComponent(".build/debug/skincat"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    var executable: URL = CLI.binary
    var directory: URL
    var environment: [String: String] = [:]
    /// A file to feed the process as standard input (none by default: it inherits the test runner's).
    var standardInput: URL?

    init(directory: URL) { self.directory = directory }

    @discardableResult
    func run(_ arguments: String...) throws -> Result { try run(arguments) }

    /// Runs `skincat ARGUMENTS` through `bash -c`, with `redirections` after it (`> /dev/full`, `| head -c 1`):
    /// for what a Process cannot set up (a closed descriptor, a pipe whose reader goes away). `$?` of skincat is
    /// printed as the last line of stdout when `statusOf` is true.
    func shell(_ arguments: [String], _ redirections: String) throws -> Result {
        var runner = self
        runner.executable = URL(fileURLWithPath: "/bin/bash")
        return try runner.run(
            ["-c", "\"$0\" \"$@\" \(redirections); echo \"status=${PIPESTATUS[0]}\"", executable.path] + arguments)
    }

    /// Starts `skincat ARGUMENTS` without waiting for it; its output is discarded.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SKINCAT_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SKINCAT_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Output goes to files, not pipes: a large output can never block the child, and no reader thread is needed.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("skincat-cli-\(UUID().uuidString)")
        let outURL = capture.appendingPathExtension("out")
        let errURL = capture.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        if let standardInput { process.standardInput = try FileHandle(forReadingFrom: standardInput) }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdoutData = try Data(contentsOf: outURL)
        let stderrData = try Data(contentsOf: errURL)
        return Result(
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self), status: process.terminationStatus)
    }
}
