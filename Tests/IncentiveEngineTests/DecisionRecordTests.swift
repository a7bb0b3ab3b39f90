import IncentiveEngine
import IncentiveSupport
import Testing

@Suite("Decision records")
struct DecisionRecordTests {
    @Test func canonicalJSONIgnoresMemberOrderAndWhitespace() throws {
        let a = try JSONParser.parse(#"{"b": [1, {"y": "2", "x": null}], "a": "中文", "c": 1.50}"#)
        let b = try JSONParser.parse("{\"c\":1.50,\n \"a\":\"中文\",\"b\":[1,{\"x\":null,\"y\":\"2\"}]}")
        #expect(JSONWriter.canonical(a) == JSONWriter.canonical(b))
        #expect(JSONWriter.canonical(a) == #"{"a":"中文","b":[1,{"x":null,"y":"2"}],"c":1.50}"#)
    }

    @Test func recordHasTheContentsTheDesignNames() throws {
        let record = DecisionRecord(body: .object(RecordFixtures.body(0) + [JSONMember(key: "prev", value: .string(DecisionRecord.genesis))]))
        for key in ["input", "year", "options", "engine", "policy_set", "policy_files", "parameters", "citations", "result", "prev"] {
            #expect(record.body[key] != nil, "missing \(key)")
        }
        #expect(record.body["engine"]?.stringValue == EngineVersion.current)
        #expect(record.body["policy_set"]?.stringValue == RecordFixtures.digest)
        #expect(record.body["policy_files"]?.objectMembers?.count == RecordFixtures.sources.count)
        #expect(record.input == RecordFixtures.profile(0))
        let firstResult = record.result?["results"]?.arrayValue?.first
        #expect(firstResult?["explanation"] != nil, "the result keeps its explanation")
        #expect((record.body["parameters"]?.arrayValue?.count ?? 0) > 0)
    }

    @Test func digestIsReproducibleFromTheLine() throws {
        let body = RecordFixtures.body(1) + [JSONMember(key: "prev", value: .string(DecisionRecord.genesis))]
        let one = DecisionRecord(body: .object(body)), two = DecisionRecord(body: .object(body.reversed()))
        #expect(one.digest == two.digest, "member order does not matter")
        #expect(one.line == two.line)
        let parsed = try DecisionRecord.parse(line: one.line)
        #expect(parsed.digest == one.digest)
        #expect(parsed.recomputedDigest == one.digest)
        #expect(parsed.isIntact)
        #expect(parsed.line == one.line, "parse → line is byte-identical")
        #expect(one.digest == "sha256:" + SHA256.hex(JSONWriter.canonical(one.body)))
        // Same decision, same clock: same bytes.
        #expect(DecisionRecord(body: .object(RecordFixtures.body(1) + [JSONMember(key: "prev", value: .string(DecisionRecord.genesis))])).line == one.line)
    }

    @Test func editingAnyByteOfTheBodyIsSeen() throws {
        let record = DecisionRecord(body: .object(RecordFixtures.body(2) + [JSONMember(key: "prev", value: .string(DecisionRecord.genesis))]))
        let edited = record.line.replacingOccurrences(of: "\"year\":2020", with: "\"year\":2021")
        #expect(edited != record.line)
        let parsed = try DecisionRecord.parse(line: edited)
        #expect(!parsed.isIntact)
        #expect(parsed.digest == record.digest)
    }
}
