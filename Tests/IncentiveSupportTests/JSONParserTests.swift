import Testing
import IncentiveSupport

@Suite("JSONParser")
struct JSONParserTests {
    @Test("numbers keep their exact source text", arguments: [
        "0", "-0", "0.1", "2600000", "-0.5", "1e3", "1e400", "-1.5E-10", "1E+2", "0e0",
        "123456789012345678901234567890.000000000000000000001",
    ])
    func numbersStayExact(text: String) throws {
        #expect(try JSONParser.parse(text) == .number(text))
        #expect(try JSONParser.parse(" [\(text)] ") == .array([.number(text)]))
    }

    @Test func scalarsAndStructure() throws {
        let value = try JSONParser.parse(#" { "a" : [ true , false , null , "x" , {} , [] ] , "b" : 0.10 } "#)
        #expect(value == .object([
            ("a", .array([.bool(true), .bool(false), .null, .string("x"), .object([]), .array([])])),
            ("b", .number("0.10")),
        ]))
        #expect(value["b"] == .number("0.10"))
        #expect(value["missing"] == nil)
        #expect(value["a"]?.arrayValue?.count == 6)
        #expect(value["a"]?.arrayValue?[0].boolValue == true)
        #expect(value["a"]?.arrayValue?[3].stringValue == "x")
        #expect(value.objectMembers?.map(\.key) == ["a", "b"])
        #expect(value.typeName == "object")
        #expect(JSONValue.null.typeName == "null")
        #expect(JSONValue.bool(true).typeName == "boolean")
        #expect(JSONValue.number("1").typeName == "number")
        #expect(JSONValue.string("").typeName == "string")
        #expect(JSONValue.array([]).typeName == "array")
        #expect(JSONValue.string("s")["k"] == nil)
    }

    @Test func memberOrderIsSourceOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#)
        #expect(value.objectMembers?.map(\.key) == ["z", "a", "m"])
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let input: String
        let line: Int
        let column: Int
        let fragment: String
        var testDescription: String { "\(input.debugDescription) → \(line):\(column) \(fragment)" }
    }

    @Test("malformed input reports position and reason", arguments: [
        Malformed(input: "", line: 1, column: 1, fragment: "unexpected end of input, expected a JSON value"),
        Malformed(input: "   ", line: 1, column: 4, fragment: "unexpected end of input"),
        Malformed(input: "[1,]", line: 1, column: 4, fragment: "expected a JSON value after ',', found ']'"),
        Malformed(input: #"{"a":1,}"#, line: 1, column: 8, fragment: "expected a string key after ',', found '}'"),
        Malformed(input: #"{"a" 1}"#, line: 1, column: 6, fragment: "expected ':' after object key, found '1'"),
        Malformed(input: #"{"a":1 x}"#, line: 1, column: 8, fragment: "expected ',' or '}' after object member, found 'x'"),
        Malformed(input: #"{"a":1"#, line: 1, column: 7, fragment: "unexpected end of input, expected ',' or '}' after object member"),
        Malformed(input: "{'a':1}", line: 1, column: 2, fragment: "expected a string key or '}', found '''"),
        Malformed(input: "{1:2}", line: 1, column: 2, fragment: "expected a string key or '}', found '1'"),
        Malformed(input: "[1 2]", line: 1, column: 4, fragment: "expected ',' or ']' after array element, found '2'"),
        Malformed(input: "[1,2", line: 1, column: 5, fragment: "unexpected end of input, expected ',' or ']' after array element"),
        Malformed(input: "01", line: 1, column: 1, fragment: "leading zeros are not allowed in numbers, found '01'"),
        Malformed(input: "-012", line: 1, column: 1, fragment: "leading zeros are not allowed in numbers, found '-012'"),
        Malformed(input: "+1", line: 1, column: 1, fragment: "expected a JSON value, found '+'"),
        Malformed(input: ".5", line: 1, column: 1, fragment: "expected a JSON value, found '.'"),
        Malformed(input: "1.", line: 1, column: 3, fragment: "unexpected end of input, expected a digit after '.'"),
        Malformed(input: "1.e5", line: 1, column: 3, fragment: "expected a digit after '.' in number, found 'e5'"),
        Malformed(input: "1e", line: 1, column: 3, fragment: "unexpected end of input, expected a digit in exponent"),
        Malformed(input: "1e+x", line: 1, column: 4, fragment: "expected a digit in exponent, found 'x'"),
        Malformed(input: "-", line: 1, column: 2, fragment: "unexpected end of input, expected a digit after '-'"),
        Malformed(input: "-x", line: 1, column: 2, fragment: "expected a digit after '-', found 'x'"),
        Malformed(input: "NaN", line: 1, column: 1, fragment: "expected a JSON value, found 'NaN'"),
        Malformed(input: "tru", line: 1, column: 4, fragment: "unexpected end of input, expected 'true'"),
        Malformed(input: "trux", line: 1, column: 1, fragment: "expected a JSON value, found 'trux'"),
        Malformed(input: "True", line: 1, column: 1, fragment: "found 'True'"),
        Malformed(input: "nul", line: 1, column: 4, fragment: "unexpected end of input, expected 'null'"),
        Malformed(input: "[1] 2", line: 1, column: 5, fragment: "expected end of input after the JSON value, found '2'"),
        Malformed(input: "1 2", line: 1, column: 3, fragment: "found '2'"),
        Malformed(input: "// comment\n1", line: 1, column: 1, fragment: "expected a JSON value, found '/'"),
        Malformed(input: "[1, /* c */ 2]", line: 1, column: 5, fragment: "found '/'"),
        Malformed(input: #""abc"#, line: 1, column: 5, fragment: #"unexpected end of input, expected '"' to close the string"#),
        Malformed(input: "\"a\nb\"", line: 1, column: 3, fragment: "unescaped control character U+000A in string"),
        Malformed(input: "\"a\tb\"", line: 1, column: 3, fragment: "unescaped control character U+0009 in string"),
        Malformed(input: #""\x""#, line: 1, column: 2, fragment: #"invalid escape in string"#),
        Malformed(input: #""\ud800""#, line: 1, column: 2, fragment: #"unpaired surrogate '\uD800'"#),
        Malformed(input: #""\ud800\u0041""#, line: 1, column: 2, fragment: #"unpaired surrogate '\uD800'"#),
        Malformed(input: #""\udc00\ud800""#, line: 1, column: 2, fragment: #"unpaired surrogate '\uDC00'"#),
        Malformed(input: #""\u12G4""#, line: 1, column: 6, fragment: #"expected 4 hex digits after '\u', found 'G4'"#),
        Malformed(input: #""\u12"#, line: 1, column: 6, fragment: "unexpected end of input, expected 4 hex digits"),
        Malformed(input: "\u{00A0}1", line: 1, column: 1, fragment: "expected a JSON value, found '\u{00A0}' (U+00A0)"),
        Malformed(input: "[\n  1,\n  2\n  3\n]", line: 4, column: 3, fragment: "expected ',' or ']' after array element, found '3'"),
        Malformed(input: "1 \r\n 2", line: 2, column: 2, fragment: "expected end of input after the JSON value, found '2'"),
        Malformed(input: "[\"日本\", x]", line: 1, column: 8, fragment: "expected a JSON value, found 'x'"),
        Malformed(input: "{\n  \"a\": 1,\n  \"a\": 2\n}", line: 3, column: 3, fragment: #"duplicate key "a""#),
    ])
    func malformed(_ c: Malformed) {
        #expect {
            _ = try JSONParser.parse(c.input)
        } throws: { error in
            guard let e = error as? JSONSyntaxError else { return false }
            let ok = e.line == c.line && e.column == c.column && e.message.contains(c.fragment)
            if !ok { Issue.record("got \(e)") }
            return ok
        }
    }

    @Test func typedThrowsAndDescription() {
        do {
            _ = try JSONParser.parse(#"{"a":1 x}"#)
            Issue.record("expected an error")
        } catch {
            // `error` is statically a JSONSyntaxError (typed throws).
            #expect(error == JSONSyntaxError(line: 1, column: 8, message: "expected ',' or '}' after object member, found 'x'"))
            #expect(error.description == "line 1, column 8: expected ',' or '}' after object member, found 'x'")
        }
    }

    @Test func duplicateKeyNamesTheKey() throws {
        do {
            _ = try JSONParser.parse(#"{"revenue": 1, "costs": 2, "revenue": 3}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #"duplicate key "revenue""#)
            #expect(error.line == 1 && error.column == 28)
        }
        // Large objects use a set for the check; same result.
        let members = (0..<40).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ")
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\(members), \"k17\": 0}") }
        #expect(try JSONParser.parse("{\(members)}").objectMembers?.count == 40)
        // The same key in different objects is fine.
        #expect(try JSONParser.parse(#"[{"a":1},{"a":2},{"b":{"a":3}}]"#).arrayValue?.count == 3)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let value = try JSONParser.parse("\u{FEFF}{\"a\": 1}")
        #expect(value == .object([("a", .number("1"))]))
        #expect(value.objectMembers?.first?.column == 2)
        #expect(try JSONParser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array(" [true]".utf8)) == .array([.bool(true)]))
        // Only a leading BOM is skipped.
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("1\u{FEFF}") }
    }

    @Test func nestingDepthIsLimited() throws {
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
        for depth in [257, 10_000, 200_000] {
            let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            do {
                _ = try JSONParser.parse(deep)
                Issue.record("depth \(depth) should fail")
            } catch {
                #expect(error.message == "nesting deeper than 256 levels")
                #expect(error.line == 1 && error.column == 257)
            }
        }
        let deepObjects = String(repeating: #"{"a":"#, count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deepObjects) }
    }

    @Test("escapes decode", arguments: [
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD83D\uDE00""#, "😀"),
        (#""a\u00e9b""#, "aéb"),
        (#""\u4e2d\u6587""#, "中文"),
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u0000""#, "\u{0}"),
        (#""plain""#, "plain"),
        (#""""#, ""),
    ])
    func escapes(source: String, expected: String) throws {
        #expect(try JSONParser.parse(source) == .string(expected))
        #expect(try JSONParser.parse(bytes: Array(source.utf8)) == .string(expected))
    }

    @Test func chineseStringsRoundTrip() throws {
        let source = #"{"名称":"太阳能补贴","地区":["北京","上海"],"说明":"第一阶段：50%"}"#
        let value = try JSONParser.parse(source)
        #expect(value["名称"] == .string("太阳能补贴"))
        #expect(JSONWriter.compact(value) == source)
        #expect(try JSONParser.parse(JSONWriter.pretty(value)) == value)
        #expect(try JSONParser.parse(bytes: Array(JSONWriter.canonical(value).utf8)) == value)
    }

    @Test func memberPositions() throws {
        let source = """
        {
          "program": {
            "key": 1,
            "rates": [1, 2]
          }, "other": true
        }
        """
        let value = try JSONParser.parse(source)
        let outer = try #require(value.objectMembers)
        #expect(outer[0].key == "program" && outer[0].line == 2 && outer[0].column == 3)
        #expect(outer[1].key == "other" && outer[1].line == 5 && outer[1].column == 6)
        let inner = try #require(outer[0].value.objectMembers)
        #expect(inner[0].key == "key" && inner[0].line == 3 && inner[0].column == 5)
        #expect(inner[1].key == "rates" && inner[1].line == 4 && inner[1].column == 5)
    }

    @Test func memberColumnsCountCharacters() throws {
        // 日 and 本 are one Character each; "e" + U+0301 is one Character (é, decomposed).
        let members = try #require(try JSONParser.parse("{\"日本\": 1, \"e\u{301}\": \"中\", \"c\": 3}").objectMembers)
        #expect(members.map(\.column) == [2, 11, 21])
        let emoji = try #require(try JSONParser.parse("{\"👩‍👩‍👧\": 1, \"x\": 2}").objectMembers)
        #expect(emoji.map(\.column) == [2, 10])
    }

    @Test func positionsDoNotAffectEquality() throws {
        let parsed = try JSONParser.parse("{\n  \"a\": 1\n}")
        #expect(parsed == .object([("a", .number("1"))]))
        #expect(parsed.hashValue == JSONValue.object([("a", .number("1"))]).hashValue)
    }

    @Test("invalid UTF-8 bytes are rejected", arguments: [
        [0x22, 0xFF, 0x22],             // never valid
        [0x22, 0xC0, 0x80, 0x22],       // overlong NUL
        [0x22, 0xED, 0xA0, 0x80, 0x22], // encoded surrogate
        [0x22, 0xE4, 0xB8, 0x22],       // truncated sequence
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], // above U+10FFFF
    ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        do {
            _ = try JSONParser.parse(bytes: bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1 && error.column == 2)
            #expect(error.message.contains("invalid UTF-8 byte"))
        }
    }

    @Test func invalidUTF8OutsideStrings() throws {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes: [0x5B, 0xFF, 0x5D]) }
        #expect(try JSONParser.parse(bytes: Array("\"中文 ✓ 😀\"".utf8)) == .string("中文 ✓ 😀"))
    }

    @Test func jsonLines() throws {
        let lines = (0..<1000).map { #"{"id": \#($0), "amount": "\#($0).25", "tags": ["a", "b"]}"# }
        for (i, line) in lines.enumerated() {
            let value = try JSONParser.parse(line)
            #expect(value["id"] == .number(String(i)))
        }
    }
}
