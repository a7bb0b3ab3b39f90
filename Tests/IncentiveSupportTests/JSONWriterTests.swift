import Testing
import IncentiveSupport

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test func canonicalSortsKeysByUTF8Bytes() throws {
        // UTF-8 byte order: "" < "Z" < "a" < "aa" < "b" < "é" (C3) < "日" (E6) < "～" (EF) < "😀" (F0).
        // (UTF-16 order would put 😀 before ～.)
        let value = JSONValue.object([
            ("😀", .number("1")), ("～", .number("2")), ("日", .number("3")), ("é", .number("4")),
            ("b", .number("5")), ("aa", .number("6")), ("a", .number("7")), ("Z", .number("8")), ("", .number("9")),
        ])
        #expect(JSONWriter.canonical(value) == #"{"":9,"Z":8,"a":7,"aa":6,"b":5,"é":4,"日":3,"～":2,"😀":1}"#)
    }

    @Test func canonicalIsDeterministicAndNested() throws {
        let a = try JSONParser.parse("""
        {
          "revenue": 2600000,
          "program": {"name": "Solar / PV", "rate": 0.10, "caps": [3, 1e3, -0.5]},
          "active": true,
          "notes": null
        }
        """)
        let b = try JSONParser.parse(#"{"notes":null,"active":true,"program":{"caps":[3,1e3,-0.5],"rate":0.10,"name":"Solar / PV"},"revenue":2600000}"#)
        let expected = #"{"active":true,"notes":null,"program":{"caps":[3,1e3,-0.5],"name":"Solar / PV","rate":0.10},"revenue":2600000}"#
        #expect(JSONWriter.canonical(a) == expected)
        #expect(JSONWriter.canonical(b) == expected)
        #expect(SHA256.hex(JSONWriter.canonical(a)) == SHA256.hex(JSONWriter.canonical(b)))
        // Array order is significant and kept.
        #expect(JSONWriter.canonical(.array([.number("2"), .number("1")])) == "[2,1]")
    }

    @Test func canonicalWithDuplicateKeysBuiltInCodeIsStable() {
        let x = JSONValue.object([("k", .number("2")), ("k", .number("1"))])
        let y = JSONValue.object([("k", .number("1")), ("k", .number("2"))])
        #expect(JSONWriter.canonical(x) == #"{"k":1,"k":2}"#)
        #expect(JSONWriter.canonical(y) == JSONWriter.canonical(x))
    }

    @Test("string escaping is minimal", arguments: [
        ("plain", #""plain""#),
        ("quote \" backslash \\ slash /", #""quote \" backslash \\ slash /""#),
        ("\u{8}\u{C}\n\r\t", #""\b\f\n\r\t""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("\u{7F}é中😀\u{2028}", "\"\u{7F}é中😀\u{2028}\""),
        ("", #""""#),
    ])
    func quoting(raw: String, expected: String) throws {
        #expect(JSONWriter.quoted(raw) == expected)
        #expect(JSONWriter.canonical(.string(raw)) == expected)
        #expect(try JSONParser.parse(expected) == .string(raw))
    }

    @Test func prettyOutput() throws {
        let value = try JSONParser.parse(#"{"name":"Solar","rates":[1,2.5],"empty":[],"nested":{"ok":true,"none":null,"obj":{}},"名":"值"}"#)
        let expected = """
        {
          "name": "Solar",
          "rates": [
            1,
            2.5
          ],
          "empty": [],
          "nested": {
            "ok": true,
            "none": null,
            "obj": {}
          },
          "名": "值"
        }
        """
        #expect(JSONWriter.pretty(value) == expected)
        #expect(JSONWriter.pretty(.array([.array([]), .object([("a", .number("1e400"))])]), indent: 4) == """
        [
            [],
            {
                "a": 1e400
            }
        ]
        """)
        #expect(JSONWriter.pretty(.number("0.1")) == "0.1")
        #expect(JSONWriter.pretty(.object([])) == "{}")
        #expect(try JSONParser.parse(expected) == value)
    }

    @Test func compactKeepsSourceOrder() throws {
        let source = #"{"z":[1,{"y":null}],"a":"\n","m":-0.0}"#
        #expect(JSONWriter.compact(try JSONParser.parse(source)) == source)
        #expect(JSONWriter.compact(try JSONParser.parse(" { \"z\" : 1 , \"a\" : [ ] } ")) == #"{"z":1,"a":[]}"#)
    }

    @Test("round trip through every writer", arguments: [
        #"{"a":[1,2,{"b":"c"}],"d":{"e":null,"f":false},"g":"\u0001\u00e9"}"#,
        #"[]"#, #"{}"#, #""x""#, "1e-7", "true", "null",
        #"{"名称":"太阳能","emoji":"\ud83d\ude00"}"#,
    ])
    func roundTrip(source: String) throws {
        let value = try JSONParser.parse(source)
        // Canonical output reorders keys (and member order is significant for equality),
        // so it round-trips to itself rather than to the source order.
        let canonical = JSONWriter.canonical(value)
        #expect(JSONWriter.canonical(try JSONParser.parse(canonical)) == canonical)
        #expect(try JSONParser.parse(JSONWriter.pretty(value)) == value)
        #expect(try JSONParser.parse(JSONWriter.compact(value)) == value)
    }
}
