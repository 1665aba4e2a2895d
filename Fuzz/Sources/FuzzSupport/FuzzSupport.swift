import CLibFuzzer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs libFuzzer on `test` with the program's arguments (`-max_total_time=15`, a corpus folder, ...) and exits
/// with its status: what each harness's `main` does.
///
/// `test` is the harness's `LLVMFuzzerTestOneInput`, which it also exports under that name for a plain
/// `clang -fsanitize=fuzzer` link.
public func runLibFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv, test)
    exit(status)
}

/// The input libFuzzer hands a harness, as bytes.
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let data, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: count))
}

/// The input as text: invalid UTF-8 becomes U+FFFD, as `String(decoding:as:)` does for text read from a file.
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ count: Int) -> String {
    String(decoding: fuzzBytes(data, count), as: UTF8.self)
}

/// Stops the run with a message libFuzzer reports as a crash (and keeps the input) when a property does not hold.
///
/// A trap rather than a thrown error, so the input that broke the property is saved like any other crash.
public func require(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() { fatalError("property broken: \(message())", file: file, line: line) }
}
