import Foundation

/// Writes all of a buffer to a file descriptor, retrying short writes and interrupted calls.
enum FileDescriptorWriter {
    enum Outcome: Equatable {
        case success
        /// The `errno` of the failed write.
        case failure(Int32)
    }

    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Outcome {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer { buffer in
                Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return .failure(errno)
            }
            offset += written
        }
        return .success
    }
}

/// A file a command writes (`export --output`, `import --report`): checked before the command does its work,
/// written in full to a temporary file beside it, then renamed over it, so a reader never sees half a file and a
/// failed command leaves the old file as it was.
///
/// Only regular files are replaced. A device, a FIFO, a symbolic link or a folder at the path is refused (write to
/// standard output with `-` and redirect to reach those); a replaced file keeps its permission bits, and its owner
/// when the process may set it. A new file gets the usual `0666` less the umask.
struct OutputFile {
    /// Why the file cannot be written.
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    let path: String
    private let temporaryPath: String
    private let descriptor: Int32
    private let existing: stat?

    private init(path: String, temporaryPath: String, descriptor: Int32, existing: stat?) {
        self.path = path
        self.temporaryPath = temporaryPath
        self.descriptor = descriptor
        self.existing = existing
    }

    /// Checks what is at `path` and creates the temporary file beside it.
    static func prepare(_ path: String) throws(Failure) -> OutputFile {
        guard !path.isEmpty else { throw Failure(path: path, reason: "the path is empty") }
        var info = stat()
        var existing: stat?
        if lstat(path, &info) == 0 {
            if let refusal = refusal(mode: info.st_mode) { throw Failure(path: path, reason: refusal) }
            existing = info
        } else if errno != ENOENT {
            throw Failure(path: path, reason: String(cString: strerror(errno)))
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var template = Array("\(folder)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw Failure(path: path, reason: "cannot create a file in \(folder): \(String(cString: strerror(errno)))")
        }
        let temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return OutputFile(path: path, temporaryPath: temporaryPath, descriptor: descriptor, existing: existing)
    }

    private static func refusal(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFLNK: "it is a symbolic link; skincat replaces only regular files (use --output - and redirect)"
        case S_IFDIR: "it is a folder"
        case S_IFIFO: "it is a FIFO; skincat replaces only regular files (use --output - and redirect)"
        case S_IFCHR, S_IFBLK: "it is a device; skincat replaces only regular files (use --output - and redirect)"
        default: "it is not a regular file (use --output - and redirect)"
        }
    }

    /// Writes `bytes`, flushes them to disk and puts the file in place.
    func commit(_ bytes: [UInt8]) throws(Failure) {
        try append(bytes)
        try commit()
    }

    /// Writes `bytes` after what was written so far, to be put in place by ``commit()``. On a failure the temporary
    /// file is removed and the path keeps what it had.
    func append(_ bytes: [UInt8]) throws(Failure) {
        if case .failure(let code) = FileDescriptorWriter.write(bytes, to: descriptor) {
            discard()
            throw Failure(path: path, reason: String(cString: strerror(code)))
        }
    }

    /// Flushes what ``append(_:)`` wrote to disk and puts the file in place.
    func commit() throws(Failure) {
        if let existing {
            fchmod(descriptor, existing.st_mode & 0o7777)
            // Keeps the owner when allowed (as root); otherwise the replacing user owns the new file.
            _ = fchown(descriptor, existing.st_uid, existing.st_gid)
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
        }
        guard fsync(descriptor) == 0 else {
            let code = errno
            discard()
            throw Failure(path: path, reason: String(cString: strerror(code)))
        }
        close(descriptor)
        guard rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw Failure(path: path, reason: String(cString: strerror(code)))
        }
    }

    /// Removes the temporary file; the path keeps what it had.
    func discard() {
        close(descriptor)
        unlink(temporaryPath)
    }
}

/// Output written as it is produced, in chunks: to standard output, or to an ``OutputFile`` put in place at the end.
/// A ranking of a million products is never held as one text.
struct StreamingOutput {
    private let file: OutputFile?
    private var buffer: [UInt8] = []
    /// Bytes gathered before a write.
    private static let chunk = 1 << 16

    /// Standard output when `file` is nil.
    init(file: OutputFile?) {
        self.file = file
        buffer.reserveCapacity(Self.chunk * 2)
    }

    mutating func write(_ text: String) throws(OutputFile.Failure) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunk { try flush() }
    }

    /// Writes what is gathered; then, for a file, flushes it to disk and puts it in place.
    mutating func finish() throws(OutputFile.Failure) {
        try flush()
        try file?.commit()
    }

    /// Removes a file's temporary copy after a failure elsewhere.
    func discard() { file?.discard() }

    private mutating func flush() throws(OutputFile.Failure) {
        guard !buffer.isEmpty else { return }
        if let file {
            try file.append(buffer)
        } else {
            Terminal.write(bytes: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
