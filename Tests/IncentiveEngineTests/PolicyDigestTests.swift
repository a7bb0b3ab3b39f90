import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing

@Suite("Policy-set digest and snapshots")
struct PolicyDigestTests {
    let sources = RecordFixtures.sources

    @Test func fileOrderDoesNotChangeTheDigest() {
        #expect(PolicySetDigest.digest(of: sources.reversed()) == PolicySetDigest.digest(of: sources))
        #expect(PolicySetDigest.digest(of: sources.shuffled()) == PolicySetDigest.digest(of: sources))
    }

    @Test func crlfLineEndingsDoNotChangeTheDigest() {
        let crlf = sources.map { SourceFile(name: $0.name, text: $0.text.replacingOccurrences(of: "\n", with: "\r\n")) }
        #expect(crlf.first!.name == sources.first!.name)
        #expect(PolicySetDigest.digest(of: crlf) == PolicySetDigest.digest(of: sources))
        #expect(PolicySetDigest.fileDigest(crlf[0]) == PolicySetDigest.fileDigest(sources[0]))
    }

    @Test func oneChangedCharacterOrNameChangesTheDigest() {
        var edited = sources
        edited[0] = SourceFile(name: sources[0].name, text: sources[0].text + " ")
        #expect(PolicySetDigest.digest(of: edited) != PolicySetDigest.digest(of: sources))
        var renamed = sources
        renamed[0] = SourceFile(name: sources[0].name + "x", text: sources[0].text)
        #expect(PolicySetDigest.digest(of: renamed) != PolicySetDigest.digest(of: sources))
        #expect(PolicySetDigest.digest(of: sources).hasPrefix("sha256:"))
    }

    @Test func snapshotRoundTripsAndKeepsTheDigest() throws {
        let text = JSONWriter.pretty(PolicySnapshot.encode(sources))
        let back = try PolicySnapshot.decode(text, name: "snap.json")
        #expect(back.map(\.name) == sources.map(\.name).sorted())
        #expect(PolicySetDigest.digest(of: back) == RecordFixtures.digest)
    }

    @Test func tamperedSnapshotIsRefused() throws {
        let json = PolicySnapshot.encode(sources)
        guard case .object(var members) = json, case .array(var files) = json["files"]!, case .object(var file) = files[0] else {
            Issue.record("unexpected snapshot layout"); return
        }
        // Edit the text but keep both stored digests: caught by the file digest.
        let index = file.firstIndex { $0.key == "text" }!
        file[index].value = .string(file[index].value.stringValue! + "\n# edited")
        files[0] = .object(file)
        members[members.firstIndex { $0.key == "files" }!].value = .array(files)
        #expect(throws: PolicySnapshot.Invalid.self) { try PolicySnapshot.decode(JSONWriter.pretty(.object(members)), name: "s") }
        // Drop a file's digest too: still caught by the set digest.
        file.removeAll { $0.key == "digest" }
        files[0] = .object(file)
        members[members.firstIndex { $0.key == "files" }!].value = .array(files)
        #expect(throws: PolicySnapshot.Invalid.self) { try PolicySnapshot.decode(JSONWriter.pretty(.object(members)), name: "s") }
    }
}
