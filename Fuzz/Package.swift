// swift-tools-version: 6.1
// Coverage-guided fuzzing of SkinDomain's parsers with libFuzzer and AddressSanitizer (docs/fuzzing.md).
//
// Each executable target is one libFuzzer harness: it defines `LLVMFuzzerTestOneInput`, and its `main` hands it to
// libFuzzer's driver, so it links only with the fuzzer runtime, as `Scripts/fuzz` builds it:
//
//     swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address
//
// A separate package, so that a plain `swift build` or `swift test` at the root never tries to link a harness.
import PackageDescription

let harnesses = ["FuzzCSV", "FuzzINCI", "FuzzAmount", "FuzzQuery", "FuzzJSON"]

let package = Package(
    name: "skincat-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "skincat", path: "..")],
    targets: [
        // What every harness shares: turning libFuzzer's bytes into text, and failing loudly on a broken property.
        // libFuzzer's `LLVMFuzzerRunDriver`, declared for Swift (the fuzzer runtime defines it).
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
    ]
        + harnesses.map { name in
            .executableTarget(
                name: name,
                dependencies: ["FuzzSupport", .product(name: "SkinDomain", package: "skincat")])
        },
    swiftLanguageModes: [.v6]
)
