import Testing

@testable import SkinDomain

/// SHA-256 against the FIPS 180-4 example vectors, so a stored list's digest matches `sha256sum` of its file.
@Suite("SHA-256")
struct SHA256Tests {
    struct Vector: CustomTestStringConvertible, Sendable {
        let input: String
        let digest: String
        var testDescription: String { "\(input.count) bytes" }
    }

    @Test(
        "the FIPS 180-4 vectors, and lengths around the 55/56/64-byte padding edges",
        arguments: [
            Vector(input: "", digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            Vector(input: "abc", digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            Vector(
                input: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            Vector(
                input: String(repeating: "a", count: 55),
                digest: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            Vector(
                input: String(repeating: "a", count: 64),
                digest: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        ])
    func vectors(_ vector: Vector) {
        #expect(SHA256.hex(Array(vector.input.utf8)) == vector.digest)
    }
}
