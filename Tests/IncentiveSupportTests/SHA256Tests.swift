import Testing
import IncentiveSupport

@Suite("SHA256")
struct SHA256Tests {
    @Test("NIST vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(message: String, digest: String) {
        #expect(SHA256.hex(message) == digest)
        #expect(SHA256.hex(Array(message.utf8)) == digest)
        #expect(SHA256.hexString(SHA256.hash(Array(message.utf8))) == digest)
        var hasher = SHA256()
        hasher.update(message)
        let bytes = hasher.finalize()
        #expect(bytes.count == 32)
        #expect(SHA256.hexString(bytes) == digest)
    }

    /// NIST's "SHA-256 additional examples" (byte-oriented messages, including the padding
    /// boundaries 55/56/57/64 bytes and a million zero bytes).
    @Test("NIST additional byte vectors", arguments: [
        ([0xbd], 1, "68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b"),
        ([0xc9, 0x8c, 0x8e, 0x55], 1, "7abc22c0ae5af26ce93dbb94433a0e0b2e119d014f8e7f65bd56c61ccccd9504"),
        ([0], 55, "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7"),
        ([0], 56, "d4817aa5497628e7c77e6b606107042bbba3130888c5f47a375e6179be789fbb"),
        ([0], 57, "65a16cb7861335d5ace3c60718b5052e44660726da4cd13bb745381b235a1785"),
        ([0], 64, "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b"),
        ([0], 1000, "541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53"),
        ([0x41], 1000, "c2e686823489ced2017f6059b8b239318b6364f6dcd835d0a519105a1eadd6e4"),
        ([0x55], 1005, "f4d62ddec0f3dd90ea1380fa16a5ff8dc4c54b21740650f24afc4120903552b0"),
        ([0], 1_000_000, "d29751f2649b32ff572b5e0a9f541ea660a50f94ff0beedfb0b692b924cc8025"),
    ])
    func nistAdditionalVectors(pattern: [UInt8], times: Int, digest: String) {
        // (pattern, times) rather than the message itself, so a failure does not print a megabyte.
        let message = [[UInt8]](repeating: pattern, count: times).flatMap { $0 }
        #expect(SHA256.hex(message) == digest)
    }

    @Test func oneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == expected)
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
        for _ in 0..<1001 { hasher.update(chunk) }  // 999_999 bytes
        hasher.update("a")
        #expect(SHA256.hexString(hasher.finalize()) == expected)
    }

    @Test func incrementalSplitsMatchOneShot() {
        let message = (0..<130).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let oneShot = SHA256.hash(message)
        for split in 0...130 {
            var hasher = SHA256()
            hasher.update(message[0..<split])
            hasher.update(Array(message[split...]))
            #expect(hasher.finalize() == oneShot, "split at \(split)")
        }
        // Every prefix length crosses the 55/56/64 padding boundaries.
        var lengths: [UInt8] = []
        for length in [55, 56, 63, 64, 65, 119, 120, 128] {
            var hasher = SHA256()
            for byte in message[0..<length] { hasher.update(CollectionOfOne(byte)) }
            #expect(hasher.finalize() == SHA256.hash(Array(message[0..<length])))
            lengths.append(UInt8(length))
        }
        #expect(lengths.count == 8)
    }

    @Test func boundaryLengthsMatchKnownDigests() {
        // Digests of "a" repeated n times (computed with Python's hashlib).
        let cases: [(Int, String)] = [
            (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        ]
        for (n, digest) in cases {
            #expect(SHA256.hex(String(repeating: "a", count: n)) == digest, "length \(n)")
        }
    }

    @Test func nonContiguousSequencesAndBufferPointers() {
        let message = Array("The quick brown fox jumps over the lazy dog".utf8)
        let expected = "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
        var a = SHA256()
        a.update(AnySequence(message))  // no contiguous storage: goes through the chunked path
        #expect(SHA256.hexString(a.finalize()) == expected)
        var b = SHA256()
        message.withUnsafeBytes { b.update(bufferPointer: $0) }
        #expect(SHA256.hexString(b.finalize()) == expected)
        var c = SHA256()
        c.update("The quick brown fox ".utf8)
        c.update("jumps over the lazy dog")
        #expect(SHA256.hexString(c.finalize()) == expected)
        #expect(SHA256.hex("中文") == "72726d8818f693066ceb69afa364218b692e62ea92b385782363780f47529c21")
    }
}
